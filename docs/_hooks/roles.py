"""mkdocs hook: the reST habits of the docstrings render cleanly in the API reference.

The docstrings name other objects the way Python's own documentation does
(``:class:`Money```, ``:func:`~creative_city.time.zone```) and introduce an example
with ``::``, which reads well in ``help()`` and editors. mkdocstrings renders
docstrings as Markdown, where a role would show as raw text before the code span
(":class:Money") and the ``::`` as two colons. This hook drops the role, keeping only
the last part of a name that starts with ``~`` as Sphinx does, and writes ``::``
before a code block as one colon.
"""

from __future__ import annotations

import re

_ROLE = re.compile(r":(?:attr|class|data|exc|func|meth|mod|obj|const):<code>(~?)([^<]*)</code>")


def _code(match: re.Match[str]) -> str:
    short, name = match.groups()
    return f"<code>{name.rsplit('.', 1)[-1] if short else name}</code>"


_LITERAL = re.compile(r"::</p>(\s*<pre>)")


def on_page_content(html: str, **_: object) -> str:
    """Return the page's HTML with roles removed and ``::`` before code as ``:``."""
    return _LITERAL.sub(r":</p>\1", _ROLE.sub(_code, html))
