"""The Almaty creative-city programme as data, the published record, and its status.

* :func:`almaty` is the programme as announced (Zakon.kz, 12 September 2022);
* :func:`programme_status` judges each target, against its value in force on a date
  (its latest :class:`Revision`), from observations;
* :mod:`creative_city.programme.dataset` holds the figures published about it since,
  each cited (:mod:`creative_city.programme.published`), read from a data file
  shipped in the package; :mod:`creative_city.programme.briefing` adds that record
  (revisions, series, conflicts, context) and the charts' data, which
  ``creative-city report`` renders. They load on first import, not with this package.

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
    Revision,
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
    "Revision",
    "Source",
    "Status",
    "Target",
    "TargetKind",
    "TargetStatus",
    "almaty",
    "programme_status",
]
