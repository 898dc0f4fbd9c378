# ruff: noqa: INP001 - a script run by path, not a package
"""Serve a folder on 127.0.0.1 only: ``python -m http.server`` with two MIME types added.

Usage::

    python examples/browser/serve.py [DIR] [--port PORT]

Browsers load ``.mjs`` files as modules only when served as JavaScript, and compile
``.wasm`` files while downloading them only when served as ``application/wasm``; Python's
``http.server`` before 3.12 does not know ``.mjs``. Port 0 (the default) takes a free
port; the first line printed is the address.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import pathlib
import sys
from typing import ClassVar


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serve files, naming the types a Pyodide page needs."""

    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
    }


def main(argv: list[str] | None = None) -> int:
    """Serve the folder until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=pathlib.Path, default=pathlib.Path())
    parser.add_argument("--port", type=int, default=0, help="0 takes a free port (default)")
    args = parser.parse_args(argv)
    handler = functools.partial(Handler, directory=str(args.folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        host, port = server.server_address[:2]
        sys.stdout.write(f"http://{host}:{port}/\n")
        sys.stdout.flush()
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
