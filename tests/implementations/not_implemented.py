"""Covers nothing: answers every request with a NotImplemented error."""

from __future__ import annotations

import json
import sys


def main():
    for line in sys.stdin:
        operation = json.loads(line).get("operation")
        error = {"type": "NotImplemented", "field": "$.operation", "rule": "", "message": ""}
        sys.stdout.write(json.dumps({"operation": operation, "error": error}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
