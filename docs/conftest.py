# ruff: noqa: INP001 - pytest loads this file by path; docs/ is not a package
"""The notebook pages that need pandas run only where pandas is installed."""

from __future__ import annotations

import importlib.util

collect_ignore = [] if importlib.util.find_spec("pandas") else ["notebooks/published-figures.md"]
