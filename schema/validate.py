#!/usr/bin/env python3
"""Checks Galley output against schema/page.schema.json.

Usage: validate.py SCHEMA page|line < OUTPUT
OUTPUT holds one JSON document per line: page JSON (`--format json`) for `page`, article lines
(`--format jsonl`) for `line`. Exit status: 0 all valid, 1 a document is invalid (each problem is
printed with its line and place), 3 the Python module jsonschema is missing.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    sys.stderr.write("validate.py: the Python module jsonschema is missing "
                     "(pip install jsonschema, or apt-get install python3-jsonschema)\n")
    sys.exit(3)


def main():
    if len(sys.argv) != 3 or sys.argv[2] not in ("page", "line"):
        sys.stderr.write("usage: validate.py SCHEMA page|line < OUTPUT\n")
        return 2
    with open(sys.argv[1], encoding="utf-8") as handle:
        schema = json.load(handle)
    if sys.argv[2] == "line":
        # The same definitions, rooted at the article line.
        schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/articleLine"}
    validator = jsonschema.Draft202012Validator(schema)
    problems = 0
    documents = 0
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        documents += 1
        for error in validator.iter_errors(json.loads(line)):
            where = "/".join(str(part) for part in error.absolute_path) or "(top)"
            print(f"line {number}, {where}: {error.message}")
            problems += 1
    if documents == 0:
        print("no document to check")
        return 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
