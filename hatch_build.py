"""Compile the gettext catalogues when the wheel is built (a hatchling build hook).

Each ``src/creative_city/locale/<code>/LC_MESSAGES/<domain>.po`` is read with Babel and
written as a ``.mo``:

* for a wheel, into a scratch folder, added to the wheel at the ``.mo``'s place in the
  package (the wheel carries no ``.po``: see ``exclude`` in ``pyproject.toml``);
* for an editable install, beside its ``.po`` in the source tree, since the editable
  install runs the package from ``src/`` (the ``.mo`` is ignored by git).

The package reads a ``.mo`` that is older than its ``.po`` from the ``.po`` instead, so
an edited translation shows without rebuilding.
"""

from __future__ import annotations

import pathlib
import shutil
import tempfile
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

PACKAGE = pathlib.Path("src", "creative_city")


class CataloguesHook(BuildHookInterface):
    """Compile every ``.po`` of the package into a ``.mo``."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile the catalogues and add them to the wheel (or the source tree)."""
        from babel.messages.mofile import write_mo  # noqa: PLC0415 - a build dependency
        from babel.messages.pofile import read_po  # noqa: PLC0415

        root = pathlib.Path(self.root)
        editable = version == "editable"
        self._scratch = None if editable else pathlib.Path(tempfile.mkdtemp(prefix="mo-"))
        for source in sorted((root / PACKAGE / "locale").glob("*/LC_MESSAGES/*.po")):
            code = source.parent.parent.name
            with source.open("rb") as handle:
                catalog = read_po(handle, locale=code)
            inside = source.relative_to(root / "src").with_suffix(".mo")
            target = source.with_suffix(".mo") if self._scratch is None else self._scratch / inside
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as handle:
                write_mo(handle, catalog, use_fuzzy=False)
            if self._scratch is not None:
                build_data["force_include"][str(target)] = inside.as_posix()

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """Remove the scratch folder once the wheel is written."""
        del version, build_data, artifact_path
        if getattr(self, "_scratch", None) is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
