"""Griffe extension: the doctest examples of docstrings render as Python console code.

The docstrings show their examples as doctests (``>>>`` lines and the output after
them), which the test suite runs. Rendered as Markdown, a ``>>>`` line would be a
nested quotation with its lines run together. This extension fences each doctest
block as ``pycon`` code in the docstring text that mkdocstrings renders; the source
and what the test suite runs are untouched.
"""

from __future__ import annotations

import griffe


def fence_doctests(text: str) -> str:
    """Return *text* with each doctest block fenced as ``pycon`` code.

    A block starts at a ``>>>`` line and ends before the first blank line (as doctest
    reads it) or a line indented less than its first line.
    """
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        stripped = lines[i].lstrip()
        if not stripped.startswith(">>>"):
            out.append(lines[i])
            i += 1
            continue
        indent = lines[i][: len(lines[i]) - len(stripped)]
        if out and out[-1].strip():
            out.append("")  # a fence starts a block of its own
        out.append(f"{indent}```pycon")
        while i < len(lines) and lines[i].strip() and lines[i].startswith(indent):
            out.append(lines[i])
            i += 1
        out.append(f"{indent}```")
    return "\n".join(out)


class DoctestBlocks(griffe.Extension):
    """Fence the doctest blocks of every docstring griffe loads."""

    def on_instance(self, *, obj: griffe.Object, **_: object) -> None:
        """Rewrite *obj*'s docstring text, if it has one."""
        if obj.docstring is not None:
            obj.docstring.value = fence_doctests(obj.docstring.value)
