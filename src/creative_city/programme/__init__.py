"""The Almaty creative-city programme as data, and its status.

>>> import datetime as dt
>>> from creative_city.programme import Observations, almaty, programme_status
>>> status = programme_status(almaty(), Observations(), dt.date(2026, 11, 27))
>>> len(status.targets), status.targets[0].title
(11, 'Depo Art and Science Center on the former tram depot')
"""

from __future__ import annotations

from creative_city.programme.data import SOURCE, almaty
from creative_city.programme.model import (
    Fact,
    Measurement,
    MilestoneReport,
    Observations,
    Programme,
    ProgrammeStatus,
    Source,
    Status,
    Target,
    TargetKind,
    TargetStatus,
)
from creative_city.programme.status import programme_status

__all__ = [
    "SOURCE",
    "Fact",
    "Measurement",
    "MilestoneReport",
    "Observations",
    "Programme",
    "ProgrammeStatus",
    "Source",
    "Status",
    "Target",
    "TargetKind",
    "TargetStatus",
    "almaty",
    "programme_status",
]
