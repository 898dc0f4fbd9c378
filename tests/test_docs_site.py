"""The documentation site builds in strict mode (broken links and references fail)."""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_mkdocs_builds_strictly(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--quiet",
            "--site-dir",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "api" / "index.html").exists()
    api = (tmp_path / "api" / "index.html").read_text()
    assert "allocate" in api  # the reference really came from the docstrings
    # Docstring roles are code spans, not raw text; "~" keeps the last part, as in Sphinx.
    assert re.findall(r":(?:attr|class|data|exc|func|meth|mod|obj|const):<code>", api) == []
    assert "a <code>Period</code>)" in api
    assert "::</p>" not in api  # "text::" before an example reads "text:"
    assert "<td><code>InvalidTypeError</code></td>" in api  # the errors table is a table
    # Doctest examples are console code blocks, not ">" quotations run together.
    assert "<blockquote>" not in api
    assert '<code class="language-pycon">&gt;&gt;&gt; from decimal import ROUND_HALF_EVEN' in api
    assert not (tmp_path / "_hooks").exists()  # the hook is not published


def test_every_doc_page_is_in_the_nav():
    config = (ROOT / "mkdocs.yml").read_text()
    pages = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    missing = sorted(page for page in pages if page not in config)
    assert not missing, f"pages missing from mkdocs.yml nav: {missing}"
