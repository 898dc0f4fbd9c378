"""Tourism flow indicators and KPI targets (placeholder)."""

from __future__ import annotations

__all__: list[str] = []
