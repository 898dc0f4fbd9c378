"""mkdocs hook: Sphinx-style roles in docstrings become plain code spans.

The docstrings name other objects the way Python's own documentation does
(``:class:`Money```, ``:func:`~creative_city.time.zone```), which reads well in
``help()`` and editors. mkdocstrings renders docstrings as Markdown, where a role
would show as raw text before the code span (":class:Money"). This hook drops the
role and, as Sphinx does for a name starting with ``~``, keeps only its last part.
"""

from __future__ import annotations

import re

_ROLE = re.compile(r":(?:attr|class|data|exc|func|meth|mod|obj|const):<code>(~?)([^<]*)</code>")


def _code(match: re.Match[str]) -> str:
    short, name = match.groups()
    return f"<code>{name.rsplit('.', 1)[-1] if short else name}</code>"


def on_page_content(html: str, **_: object) -> str:
    """Return the page's HTML with every role before a code span removed."""
    return _ROLE.sub(_code, html)
