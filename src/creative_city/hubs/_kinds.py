"""The kinds of hub (public as :class:`creative_city.hubs.model.HubKind`).

A module of its own so that the rollout (and the programme) can name hub kinds without
loading the hub model.
"""

from __future__ import annotations

import enum

__all__ = ["HubKind"]


class HubKind(enum.Enum):
    """The kind of a hub in the network (Zakon.kz, 12 September 2022)."""

    ART_AND_SCIENCE_CENTRE = "art-and-science-centre"
    CREATIVE_HUB = "creative-hub"
    IT_HUB = "it-hub"
    VIDEO_STUDIO = "video-studio"
    SOUND_STUDIO = "sound-studio"
