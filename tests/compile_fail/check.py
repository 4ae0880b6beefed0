#!/usr/bin/env python3
"""Compiles a source that must not compile and checks the compiler says why.

usage: check.py SOURCE -- COMPILER ARGS...
SOURCE names the expected diagnostic in a line `// expect: TEXT`.
"""
import re
import subprocess
import sys


def main():
    source = sys.argv[1]
    command = sys.argv[sys.argv.index("--") + 1:] + [source]
    expected = None
    with open(source) as f:
        for line in f:
            m = re.match(r"\s*//\s*expect:\s*(.+?)\s*$", line)
            if m:
                expected = m.group(1)
                break
    if expected is None:
        print(f"{source}: no '// expect:' line", file=sys.stderr)
        return 2
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode == 0:
        print(f"{source}: compiled, but must fail with: {expected}", file=sys.stderr)
        return 1
    if expected not in result.stderr:
        print(result.stderr[-4000:], file=sys.stderr)
        print(f"{source}: failed to compile, but without: {expected}", file=sys.stderr)
        return 1
    print(f"{source}: rejected with: {expected}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
