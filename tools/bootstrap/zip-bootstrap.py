#!/usr/bin/env python3
"""zip-bootstrap.py BOOTSTRAP ZIP: packages an executable as the `bootstrap` entry of a
deployment zip for provided.al2023, executable bit set (what Lambda runs)."""
import sys
import zipfile


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    bootstrap, output = sys.argv[1:]
    entry = zipfile.ZipInfo("bootstrap", date_time=(1980, 1, 1, 0, 0, 0))  # reproducible
    entry.external_attr = (0o100755 << 16)
    entry.compress_type = zipfile.ZIP_DEFLATED
    with open(bootstrap, "rb") as f, zipfile.ZipFile(output, "w") as z:
        z.writestr(entry, f.read())


if __name__ == "__main__":
    main()
