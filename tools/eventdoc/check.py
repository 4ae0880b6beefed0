#!/usr/bin/env python3
"""check.py EVENTDOC DOC: fails when DOC (docs/events.md) is not what the EVENTDOC program
writes now, or when a struct described in include/lambda_coro/events/ is missing from it."""
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def main():
    generator, doc = sys.argv[1], pathlib.Path(sys.argv[2])
    fresh = subprocess.run([generator], check=True, capture_output=True, text=True).stdout
    if doc.read_text() != fresh:
        sys.exit(f"{doc} is out of date: run {generator} > {doc}")
    missing = []
    for header in sorted((ROOT / "include" / "lambda_coro" / "events").glob("*.hpp")):
        for name in re.findall(r"BOOST_DESCRIBE_(?:STRUCT|CLASS)\((\w+)", header.read_text()):
            if not re.search(rf"`{name}\b", fresh):
                missing.append(f"{header.name}: {name}")
    if missing:
        sys.exit("documented nowhere in docs/events.md (add a root to tools/eventdoc/eventdoc.cpp):\n  " +
                 "\n  ".join(missing))


if __name__ == "__main__":
    main()
