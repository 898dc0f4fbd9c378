"""The Almaty programme: its data, its status logic, and the report renderers."""

from __future__ import annotations

import datetime as dt
import html.parser
import io
import json
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from creative_city.cli import main
from creative_city.errors import ValidationError
from creative_city.hubs import HubKind, PlannedHub
from creative_city.programme import (
    SOURCE,
    Measurement,
    MilestoneReport,
    Observations,
    ProgrammeStatus,
    Status,
    TargetKind,
    almaty,
    programme_status,
)
from creative_city.programme.report import render, render_status
from creative_city.serialization import from_json, to_json

TODAY = dt.date(2026, 11, 27)


def status_of(target_id, observations, as_of=TODAY):
    result = programme_status(almaty(), observations, as_of)
    return next(t for t in result.targets if t.id == target_id)


# -- the data (Zakon.kz, 12 September 2022) -----------------------------------------


def test_every_target_is_sourced_and_dated_as_the_article_says():
    # Hand-read from the article: Depo, hubs, studios, IT hub, fund and platform by
    # 2025; eight hubs, 5% and USD 500 M by 2030; integrator and brand undated.
    due = {t.id: t.due_year for t in almaty().targets}
    assert due == {
        "depo-centre": 2025,
        "creative-hubs-2025": 2025,
        "studios-2025": 2025,
        "it-hub-2025": 2025,
        "hubs-2030": 2030,
        "venture-fund": 2025,
        "crowdfunding-platform": 2025,
        "almaty-creative-integrator": None,
        "economy-share": 2030,
        "services-exports": 2030,
        "discover-almaty-brand": None,
    }
    for target in almaty().targets:
        assert target.source.title == SOURCE == "Zakon.kz, 12 September 2022"
        assert target.source.quote


def test_key_figures():
    programme = almaty()
    assert programme.target("venture-fund").target_value == Decimal(20_000_000_000)
    assert programme.target("it-hub-2025").max_area_m2 == Decimal(15_000)
    assert programme.target("hubs-2030").target_value == 8
    assert programme.target("economy-share").target_value == 5
    assert programme.target("services-exports").target_value == Decimal(500_000_000)
    facts = {f.id: f.value for f in programme.facts}
    assert facts["foreign-tourists-h1-2022"] == Decimal("2.8")
    assert facts["domestic-tourists-h1-2022"] == Decimal("1.4")
    assert facts["tourism-investment-5y"] == Decimal("1.7")
    assert len(programme.barriers) == 3
    assert programme.brand == "Discover Almaty"


def test_what_the_reported_figures_imply():
    # By hand: x2.8 = +180%, x1.4 = +40%, 2.8 / 1.4 = 2; 100 bn / 1.7 = 58.82 bn and
    # 1.7 ** (1 / 5) - 1 = 0.1119 (Zakon.kz, 12 September 2022; issue 6 worked example).
    derived = programme_status(almaty(), Observations(), TODAY).derived
    assert "+180% year on year" in derived[0]
    assert "+40% year on year" in derived[1]
    assert "is 2 times the domestic one" in derived[2]
    assert "58,823,529,412 KZT five years earlier and +11.2% a year" in derived[3]


def test_unknown_target_is_rejected():
    with pytest.raises(ValidationError, match="not a target"):
        almaty().target("metro-line")
    with pytest.raises(ValidationError, match="not a target"):
        programme_status(
            almaty(), Observations(measurements=(Measurement("metro", TODAY, Decimal(1)),)), TODAY
        )
    with pytest.raises(ValidationError, match="not a measured"):
        programme_status(
            almaty(),
            Observations(measurements=(Measurement("depo-centre", TODAY, Decimal(1)),)),
            TODAY,
        )


# -- status ------------------------------------------------------------------------


def test_without_observations_nothing_is_claimed():
    result = programme_status(almaty(), Observations(), TODAY)
    assert {t.status for t in result.targets} == {Status.NO_DATA}
    assert all(t.reason for t in result.targets)


def hub(hub_id, kind, opened=None, planned=dt.date(2025, 12, 31), area=None):
    return PlannedHub(hub_id, hub_id, kind, planned, area, opened)


def test_rollout_counts_and_deadlines():
    hubs = (
        hub("c1", HubKind.CREATIVE_HUB, dt.date(2024, 3, 1)),
        hub("c2", HubKind.CREATIVE_HUB, dt.date(2025, 3, 1)),
        hub("c3", HubKind.CREATIVE_HUB, planned=dt.date(2025, 11, 1)),
    )
    observations = Observations(hubs=hubs)
    before = status_of("creative-hubs-2025", observations, dt.date(2025, 6, 1))
    assert before.status is Status.ON_TRACK  # two open, the third planned in time
    assert before.progress == Fraction(2, 3)
    after = status_of("creative-hubs-2025", observations, dt.date(2026, 1, 1))
    assert after.status is Status.MISSED
    assert after.required == "1 more by the end of 2025"


def test_studios_need_one_of_each_kind():
    two_video = Observations(
        hubs=(
            hub("v1", HubKind.VIDEO_STUDIO, dt.date(2024, 1, 1)),
            hub("v2", HubKind.VIDEO_STUDIO, dt.date(2024, 1, 1)),
        )
    )
    studios = status_of("studios-2025", two_video, dt.date(2025, 1, 1))
    assert studios.status is Status.AT_RISK
    assert studios.progress == Fraction(1, 2)


def test_it_hub_over_15000_m2_does_not_count():
    big = Observations(hubs=(hub("it", HubKind.IT_HUB, dt.date(2024, 1, 1), area=Decimal(16000)),))
    assert status_of("it-hub-2025", big, dt.date(2026, 1, 1)).status is Status.MISSED
    fits = Observations(hubs=(hub("it", HubKind.IT_HUB, dt.date(2024, 1, 1), area=Decimal(15000)),))
    assert status_of("it-hub-2025", fits, dt.date(2026, 1, 1)).status is Status.ACHIEVED


@given(
    st.lists(st.dates(dt.date(2023, 1, 1), dt.date(2031, 1, 1)), max_size=10),
    st.dates(dt.date(2023, 1, 1), dt.date(2032, 1, 1)),
)
def test_opening_one_more_hub_never_lowers_progress(dates, as_of):
    hubs = tuple(hub(f"h{i}", HubKind.IT_HUB, d) for i, d in enumerate(dates))
    base = status_of("hubs-2030", Observations(hubs=hubs), as_of)
    more = status_of(
        "hubs-2030",
        Observations(hubs=(*hubs, hub("extra", HubKind.CREATIVE_HUB, dt.date(2023, 1, 1)))),
        as_of,
    )
    if base.progress is not None:
        assert more.progress >= base.progress
    opened = sum(1 for d in dates if d <= as_of)
    if dates:
        assert base.latest == f"{opened} opened"
        assert base.progress == Fraction(min(opened, 8), 8)
    else:
        assert base.status is Status.NO_DATA


def test_fund_kpi_uses_a_linear_path_from_zero():
    # 20 bn KZT by the end of 2025 from 0 on 2022-09-12: 12 bn by the end of 2024 is
    # 60% of the way; once 2025 has ended without 20 bn the target is missed.
    measured = Observations(
        measurements=(Measurement("venture-fund", dt.date(2024, 12, 31), Decimal(12_000_000_000)),)
    )
    fund = status_of("venture-fund", measured, dt.date(2025, 1, 1))
    assert fund.progress == Fraction(3, 5)
    assert fund.status in (Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK)
    assert fund.required == "8,000,000,000 KZT more by 2025-12-31"
    assert status_of("venture-fund", measured, dt.date(2026, 1, 1)).status is Status.MISSED
    full = Observations(
        measurements=(Measurement("venture-fund", dt.date(2025, 6, 1), Decimal(20_000_000_000)),)
    )
    assert status_of("venture-fund", full, dt.date(2025, 7, 1)).status is Status.ACHIEVED


def test_exports_required_growth_from_the_latest_value():
    # From USD 260 M at the end of 2024 to USD 500 M at the end of 2030 (6 years):
    # (500 / 260) ** (1 / 6) - 1 = 0.1151..., shown as +11.5% a year.
    measured = Observations(
        measurements=(
            Measurement("services-exports", dt.date(2022, 12, 31), Decimal(200_000_000)),
            Measurement("services-exports", dt.date(2024, 12, 31), Decimal(260_000_000)),
        )
    )
    exports = status_of("services-exports", measured)
    assert exports.required == "+11.5% a year"
    assert exports.baseline == "200,000,000 USD (2022-12-31)"
    assert exports.progress == Fraction(60, 300)


def test_a_single_measurement_is_only_a_baseline():
    one = Observations(
        measurements=(Measurement("economy-share", dt.date(2023, 12, 31), Decimal("3.1")),)
    )
    share = status_of("economy-share", one)
    assert share.status is Status.NO_DATA
    assert "+7.1% a year" in share.reason  # (5 / 3.1) ** (1 / 7) - 1 = 0.0706...


def test_milestones():
    done = Observations(milestones=(MilestoneReport("crowdfunding-platform", dt.date(2024, 5, 1)),))
    assert status_of("crowdfunding-platform", done).status is Status.ACHIEVED
    assert status_of("crowdfunding-platform", done, dt.date(2024, 4, 30)).status is Status.NO_DATA
    assert "overdue" in status_of("crowdfunding-platform", Observations()).reason


def test_status_round_trips_and_has_records():
    result = programme_status(almaty(), Observations(), TODAY)
    assert from_json(to_json(result), ProgrammeStatus) == result
    records = result.to_records()
    assert len(records) == len(almaty().targets)
    assert all(isinstance(r, dict) and r["status"] == "no data" for r in records)


# -- report ------------------------------------------------------------------------

OBSERVATIONS = json.dumps(
    {
        "hubs": [
            {
                "id": "depo",
                "name": "Depo",
                "kind": "art-and-science-centre",
                "planned_opening": "2025-12-31",
                "actual_opening": "2025-06-01",
            },
        ],
        "measurements": [{"target": "venture-fund", "on": "2024-12-31", "value": "12000000000"}],
        "milestones": [{"target": "crowdfunding-platform", "achieved": "2024-05-01"}],
    }
)


class StrictHTML(html.parser.HTMLParser):
    VOID = frozenset({"meta", "br", "img", "hr", "input", "link"})

    def __init__(self):
        super().__init__()
        self.stack = []
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.stack, f"closing {tag} with nothing open"
        assert self.stack.pop() == tag, f"mismatched </{tag}>"


def test_html_report_is_one_self_contained_page():
    page = render(as_of=TODAY, observations_json=OBSERVATIONS, fmt="html")
    parser = StrictHTML()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    names = [tag for tag, _ in parser.tags]
    assert "script" not in names
    progress = [a for tag, a in parser.tags if tag == "svg" and a.get("class") == "progress"]
    charts = [a for tag, a in parser.tags if tag == "svg" and a.get("class") == "chart"]
    assert len(progress) == len(almaty().targets)  # one progress bar per target
    # One trajectory per KPI target, and the foreign-visitor series.
    kpis = [t for t in almaty().targets if t.kind is TargetKind.KPI]
    assert len(charts) == len(kpis) + 1
    assert names.count("svg") == len(progress) + len(charts)
    for tag, attributes in parser.tags:
        for name, value in attributes.items():
            if name in ("src", "href"):
                pytest.fail(f"external reference {tag}[{name}]={value}")
    assert "Depo Art and Science Center" in page


def test_text_markdown_and_json_reports():
    text = render(as_of=TODAY, observations_json=OBSERVATIONS, fmt="text")
    for target in almaty().targets:
        assert target.title in text
    assert "achieved" in text
    markdown = render(as_of=TODAY, fmt="markdown")
    rows = [line for line in markdown.splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + len(almaty().targets)
    data = json.loads(render(as_of=TODAY, fmt="json"))
    assert data["as_of"] == "2026-11-27"
    with pytest.raises(ValidationError, match="format"):
        render_status(programme_status(almaty(), Observations(), TODAY), "pdf")


def run_cli(args, stdin_text=""):
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdout=out, stderr=err, stdin=io.StringIO(stdin_text))
    return code, out.getvalue(), err.getvalue()


def test_cli_report():
    code, out, _ = run_cli(["report"])
    assert code == 0
    assert "Almaty creative city: briefing as of" in out
    code, out, _ = run_cli(["report", "--no-builtin"])
    assert code == 0
    assert "Almaty creative city: status as of" in out
    code, out, _ = run_cli(
        ["report", "--as-of", "2026-01-01", "--format", "json", "--observations", "-"], OBSERVATIONS
    )
    assert code == 0
    assert json.loads(out)["as_of"] == "2026-01-01"


@pytest.mark.parametrize(
    ("args", "stdin", "fragment"),
    [
        (["report", "--as-of", "2026-13-01"], "", "YYYY-MM-DD"),
        (["report", "--observations", "-"], '{"hubs": 3}', "$.hubs"),
        (
            ["report", "--observations", "-"],
            '{"measurements": [{"target": "x", "on": "2024-01-01", "value": "1"}]}',
            "not a target",
        ),
        (["report", "--observations", "/no/such.json"], "", "cannot read"),
    ],
)
def test_cli_report_bad_input_exits_2(args, stdin, fragment):
    code, out, err = run_cli(args, stdin)
    assert code == 2
    assert out == ""
    assert fragment in err
