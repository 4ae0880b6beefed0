#!/usr/bin/env python3
"""Compiles a source that must not compile and checks the compiler says why.

usage: check.py SOURCE [--include DIRS] [--system DIRS] -- COMPILER ARGS...
DIRS are ':'-separated include directories. SOURCE names the expected diagnostic
in a line `// expect: TEXT`.
"""
import argparse
import re
import subprocess
import sys


def main():
    split = sys.argv.index("--")
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("--include", action="append", default=[])
    parser.add_argument("--system", action="append", default=[])
    args = parser.parse_args(sys.argv[1:split])
    source = args.source
    flags = []
    for option, groups in (("-I", args.include), ("-isystem", args.system)):
        for group in groups:
            # The compiler's own system directories must stay last in its search order.
            flags += [option + d for d in group.split(":") if d and d.rstrip("/") != "/usr/include"]
    command = sys.argv[split + 1:] + flags + [source]
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
