"""Crowdfunding campaigns of the "Creative City" platform (placeholder)."""

from __future__ import annotations

__all__: list[str] = []
