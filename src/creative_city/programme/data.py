"""Almaty's creative-city programme (announced 12 September 2022), as data.

Every figure cites Zakon.kz, 12 September 2022 ("Что появится на месте бывшего
трамвайного депо в Алматы"), quoting the deputy akim of Almaty, Alisher Abdykadyrov.
"""

from __future__ import annotations

import datetime as _dt
import functools
from decimal import Decimal
from typing import Final

from creative_city.programme.model import Fact, Programme, Source, Target, TargetKind

__all__ = ["SOURCE", "almaty"]

SOURCE = "Zakon.kz, 12 September 2022"
"""The citation of the programme's source article."""

_DEPO = Source(
    SOURCE,
    "К 2025 году завершится работа по креативному кластеру Depo Art and Science Center "
    "на базе бывшего трамвайного депо.",
)
_HUBS_2025 = Source(
    SOURCE,
    "До 2025 года планируется создать три креативных хаба и две студии видео- и "
    "звукозаписи международного уровня, IT-хаб площадью до 15 тыс. кв. м.",
)
_HUBS_2030 = Source(
    SOURCE, "К 2030 году количество креативных и IT-хабов будет доведено до восьми."
)
_INTEGRATOR = Source(
    SOURCE, "С учетом региональной специфики будет создан интегратор Almaty Creative."
)
_FUND = Source(
    SOURCE,
    "До 2025 будет создан Городской венчурный фонд с капитализацией 20 млрд тенге, "
    'введена новая онлайн краудфандинговая платформа "Креативный город".',
)
_ECONOMY = Source(
    SOURCE,
    "Развитие креативных индустрий и IT позволит довести их вклад в экономику Алматы до 5% "
    "и увеличить экспорт услуг до 500 млн долларов к 2030 году.",
)
_TOURISM = Source(
    SOURCE,
    "За первое полугодие текущего года количество иностранных туристов выросло в 2,8 раза, "
    "внутренних туристов – в 1,4 раза. Объем инвестиций за пять лет вырос в 1,7 раза, "
    "до 100 млрд тенге.",
)
_BRAND = Source(SOURCE, "Будет разработан новый туристический бренд города – Discover Almaty.")
ANNOUNCED = _dt.date(2022, 9, 12)

CREATIVE_AND_IT_HUBS = ("creative-hub", "it-hub")
"""The hub kinds that count toward "eight creative and IT hubs" (the Depo centre is
counted separately, as the source names it separately)."""


_TARGETS: Final = (
    Target(
        "depo-centre",
        "Depo Art and Science Center on the former tram depot",
        TargetKind.ROLLOUT,
        2025,
        "centre",
        Decimal(1),
        _DEPO,
        hub_kinds=("art-and-science-centre",),
    ),
    Target(
        "creative-hubs-2025",
        "Three creative hubs",
        TargetKind.ROLLOUT,
        2025,
        "hubs",
        Decimal(3),
        _HUBS_2025,
        hub_kinds=("creative-hub",),
    ),
    Target(
        "studios-2025",
        "Two recording studios of international level (video and sound)",
        TargetKind.ROLLOUT,
        2025,
        "studios",
        Decimal(2),
        _HUBS_2025,
        hub_kinds=("video-studio", "sound-studio"),
        one_of_each=True,
    ),
    Target(
        "it-hub-2025",
        "An IT hub of up to 15,000 m2",
        TargetKind.ROLLOUT,
        2025,
        "hub",
        Decimal(1),
        _HUBS_2025,
        hub_kinds=("it-hub",),
        max_area_m2=Decimal(15000),
    ),
    Target(
        "hubs-2030",
        "Eight creative and IT hubs",
        TargetKind.ROLLOUT,
        2030,
        "hubs",
        Decimal(8),
        _HUBS_2030,
        hub_kinds=CREATIVE_AND_IT_HUBS,
    ),
    Target(
        "venture-fund",
        "City venture fund capitalised at 20 bn KZT",
        TargetKind.KPI,
        2025,
        "KZT",
        Decimal(20_000_000_000),
        _FUND,
        baseline_value=Decimal(0),
        baseline_date=ANNOUNCED,
    ),
    Target(
        "crowdfunding-platform",
        'Online crowdfunding platform "Creative City" launched',
        TargetKind.MILESTONE,
        2025,
        "",
        None,
        _FUND,
    ),
    Target(
        "almaty-creative-integrator",
        "The Almaty Creative integrator created",
        TargetKind.MILESTONE,
        None,
        "",
        None,
        _INTEGRATOR,
    ),
    Target(
        "economy-share",
        "Creative industries and IT at 5% of Almaty's economy",
        TargetKind.KPI,
        2030,
        "%",
        Decimal(5),
        _ECONOMY,
    ),
    Target(
        "services-exports",
        "Services exports of USD 500 M a year",
        TargetKind.KPI,
        2030,
        "USD",
        Decimal(500_000_000),
        _ECONOMY,
    ),
    Target(
        "discover-almaty-brand",
        'A new tourism brand for the city, "Discover Almaty"',
        TargetKind.MILESTONE,
        None,
        "",
        None,
        _BRAND,
    ),
)
"""The programme's targets, as announced (revisions and figures come from the data)."""

_FACTS: Final = (
    Fact(
        "foreign-tourists-h1-2022",
        "Foreign tourists grew 2.8 times",
        Decimal("2.8"),
        "x",
        "H1 2022 vs H1 2021",
        _TOURISM,
    ),
    Fact(
        "domestic-tourists-h1-2022",
        "Domestic tourists grew 1.4 times",
        Decimal("1.4"),
        "x",
        "H1 2022 vs H1 2021",
        _TOURISM,
    ),
    Fact(
        "tourism-investment-5y",
        "Investment grew 1.7 times over five years",
        Decimal("1.7"),
        "x",
        "five years to 2022",
        _TOURISM,
    ),
    Fact(
        "tourism-investment-2022",
        "Investment reached 100 bn KZT",
        Decimal(100_000_000_000),
        "KZT",
        "five years to 2022",
        _TOURISM,
    ),
)
"""The figures the announcement reported (tourism growth and investment)."""

_BARRIERS: Final = (
    "limited transport access",
    "low accommodation capacity",
    "the mountain cluster's potential not yet developed",
)
"""The barriers the announcement named."""


@functools.cache
def almaty() -> Programme:
    """Return Almaty's creative-city programme, every figure with its source and due year.

    >>> programme = almaty()
    >>> programme.target("venture-fund").target_value
    Decimal('20000000000')
    >>> [t.id for t in programme.targets if t.due_year == 2030]
    ['hubs-2030', 'economy-share', 'services-exports']
    """
    return Programme(
        "Almaty creative city",
        "Almaty",
        ANNOUNCED,
        "Discover Almaty",
        _TARGETS,
        _FACTS,
        _BARRIERS,
        Source(SOURCE, "Заместитель акима Алматы Алишер Абдыкадыров"),
    )
