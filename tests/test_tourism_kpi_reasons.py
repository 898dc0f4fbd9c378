"""A KPI's status, figures and reason against a plain reading of the rules (issue 22).

``reading`` restates the rules of :mod:`creative_city.tourism.kpi` (its docstring and
:class:`~creative_city.tourism.KpiStatus`'s) in exact ``Fraction`` arithmetic and
imports nothing from creative-city. Only the powers (a compound path, a growth rate)
are irrational: they are taken to 90 digits with ``decimal``'s ``ln`` and ``exp``, and
a case where such a figure lands within 1E-40 of a rounding tie or of a band's bound is
left out (``hypothesis.assume``), since no finite computation settles it.

The rules read here:

* Years between two dates: whole anniversaries plus the days left over the length of
  the following year (a 29 February anniversary falls on 28 February).
* Expected value: the target from the due date on; before it, linear
  ``b + (g - b) t / T`` or compound ``b (g / b) ** (t / T)``.
* Deviation: ``100 x (value - expected) / expected``, signed so that negative is behind
  (times -1 for a falling target); with an expected value of 0 there is no percentage:
  0 when the value is not behind, -100 when it is (all of the way behind).
* Rates: planned ``(g / b) ** (1 / T) - 1`` (none from a zero baseline); required
  ``(g / v) ** (1 / years left) - 1`` while years are left and value and target are
  positive. Pace: required / planned rate on a compound path (none when either is
  missing or the plan is to hold the level), required / planned change per year on a
  linear one (none when holding the level).
* Status: achieved is on track; past the due date unachieved, or more than
  ``off_track`` % behind, is off track; more than ``at_risk`` % behind is at risk.
* Confidence: green when achieved; red when late or when a pace is needed and there is
  none; a level held (no pace) follows the status (green, amber, red); otherwise the
  first band (1, 1.25, 1.5, 2) the pace does not exceed, red beyond.
* Figures: rounded half to even to ``places``; a deviation, rate or pace at or beyond
  10**15 in size is not given (``None``).
* The reason (its wording as docs/tourism.md shows it): ``SHOWN`` is the latest value
  as written, the unit and the date; then ``"target G U reached: SHOWN"``, or
  ``"due D passed with SHOWN, short of G"``, or ``"SHOWN is WHERE; needs R% a year to
  reach G by D"`` plus ``", Px the planned pace"`` when there is a pace, or ``"SHOWN is
  WHERE; no growth rate can reach G from it"`` when no rate is defined. ``WHERE`` is
  ``"X% behind the T trajectory (E)"`` (``"ahead of"`` when the deviation is not
  negative), X the deviation's size to 1 place, E the expected value to 2, R the
  required rate in percent to 1, P the pace to 2.
"""

from __future__ import annotations

import calendar
import datetime as dt
import decimal
import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import assume, example, given, target
from hypothesis import strategies as st

from creative_city.errors import LimitExceededError
from creative_city.tourism import Kpi, KpiObservation, KpiStatus, Tolerances, years_between
from creative_city.tourism.kpi.assessment import _places

FINE = decimal.Context(prec=90, rounding=decimal.ROUND_HALF_EVEN)
GUARD = Fraction(1, 10**40)  # far above the error of 50 digits and of 90
CAP = 10**15
BANDS = (
    (Fraction(1), "green"),
    (Fraction(5, 4), "amber/green"),
    (Fraction(3, 2), "amber"),
    (Fraction(2), "amber/red"),
)
HOLD = {"on_track": "green", "at_risk": "amber", "off_track": "red"}


# -- the reading ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A figure of the reading: exact, or an irrational one known to 90 digits."""

    value: Fraction
    exact: bool = True


def anniversary(start: dt.date, years: int) -> dt.date:
    year = start.year + years
    return dt.date(year, start.month, min(start.day, calendar.monthrange(year, start.month)[1]))


def years(start: dt.date, end: dt.date) -> Fraction:
    if end < start:
        return -years(end, start)
    whole = end.year - start.year
    if anniversary(start, whole) > end:
        whole -= 1
    anchor, following = anniversary(start, whole), anniversary(start, whole + 1)
    return whole + Fraction((end - anchor).days, (following - anchor).days)


def power(base: Fraction, exponent: Fraction) -> Figure:
    if base == 1:
        return Figure(Fraction(1))
    if exponent.denominator == 1:
        return Figure(base**exponent.numerator)
    ln = FINE.divide(Decimal(base.numerator), Decimal(base.denominator)).ln(FINE)
    share = FINE.divide(Decimal(exponent.numerator), Decimal(exponent.denominator))
    return Figure(Fraction(FINE.multiply(ln, share).exp(FINE)), exact=False)


def settled(figure: Figure, bound: Fraction) -> None:
    """Leave out a case whose irrational figure is too close to *bound* to call."""
    assume(figure.exact or abs(figure.value - bound) > GUARD * max(1, abs(bound)))


def below(figure: Figure, bound: Fraction) -> bool:
    settled(figure, bound)
    return figure.value < bound


def exceeds(figure: Figure, bound: Fraction) -> bool:
    settled(figure, bound)
    return figure.value > bound


def fixed(figure: Figure, places: int) -> str:
    """Rounded half to even to *places* decimals, written as ``Decimal.quantize`` writes it."""
    scaled = figure.value * 10**places
    near = abs(scaled - math.floor(scaled) - Fraction(1, 2))
    assume(figure.exact or near > GUARD * 10**places * max(1, abs(figure.value)))
    digits = str(abs(round(scaled))).rjust(places + 1, "0")  # round(): half to even
    sign = "-" if figure.value < 0 else ""
    return sign + (f"{digits[:-places]}.{digits[-places:]}" if places else digits)


@dataclass(frozen=True)
class Case:
    """A KPI (baseline on ``start``, due ``span`` years on), one observation or none, a date."""

    trajectory: str
    baseline: str
    target: str
    span: int
    observed: tuple[int, str] | None  # (whole years after start, value as written)
    later: int  # the assessment, whole years after the observation (or start)
    places: int = 6
    unit: str = "thousand"
    at_risk: str = "5"
    off_track: str = "15"

    start = dt.date(2001, 3, 1)

    def on(self, years_on: int) -> dt.date:
        return anniversary(self.start, years_on)

    def kpi(self) -> Kpi:
        tolerances = Tolerances(at_risk=self.at_risk, off_track=self.off_track)
        return Kpi(
            "visitors",
            self.unit,
            self.baseline,
            self.target,
            self.on(self.span),
            baseline_on=self.start,
            trajectory=self.trajectory,
            tolerances=tolerances,
        )

    def latest(self) -> tuple[dt.date, str]:
        if self.observed is None:
            return self.start, self.baseline
        return self.on(self.observed[0]), self.observed[1]

    def as_of(self) -> dt.date:
        return self.on((self.observed[0] if self.observed else 0) + self.later)

    def status(self) -> KpiStatus:
        observations = [] if self.observed is None else [KpiObservation(*self.latest())]
        return self.kpi().status(observations, self.as_of(), places=self.places)


def reading(case: Case) -> dict[str, object]:
    """Every field of the status, by the rules above."""
    b, g = Fraction(case.baseline), Fraction(case.target)
    due, (latest_on, written) = case.on(case.span), case.latest()
    v = Fraction(written)
    span = years(case.start, due)
    share = years(case.start, latest_on) / span
    if latest_on >= due:
        expected = Figure(g)
    elif case.trajectory == "linear":
        expected = Figure(b + (g - b) * share)
    else:
        path = power(g / b, share)
        expected = Figure(b * path.value, path.exact)
    gap = Figure(v - expected.value, expected.exact)
    direction = 1 if g >= b else -1
    if expected.value:
        deviation = Figure(100 * gap.value * direction / expected.value, expected.exact)
    else:
        deviation = Figure(Fraction(-100 if direction * gap.value < 0 else 0))
    achieved = v >= g if direction > 0 else v <= g
    late = case.as_of() >= due and not achieved
    left = years(latest_on, due)
    planned = None if b == 0 else power(g / b, 1 / span)
    planned = None if planned is None else Figure(planned.value - 1, planned.exact)
    required = power(g / v, 1 / left) if left > 0 and v > 0 and g > 0 else None
    required = None if required is None else Figure(required.value - 1, required.exact)
    pace: Figure | None = None
    if left > 0 and case.trajectory == "compound":
        if required is not None and planned is not None and planned.value != 0:
            pace = Figure(required.value / planned.value, required.exact and planned.exact)
    elif left > 0 and g != b:
        pace = Figure((g - v) / left / ((g - b) / span))
    if achieved:
        status = "on_track"
    elif late or below(deviation, -Fraction(case.off_track)):
        status = "off_track"
    elif below(deviation, -Fraction(case.at_risk)):
        status = "at_risk"
    else:
        status = "on_track"
    if achieved:
        confidence = "green"
    elif late or (pace is None and g != b):
        confidence = "red"
    elif pace is None:
        confidence = HOLD[status]
    else:
        confidence = next((c for bound, c in BANDS if not exceeds(pace, bound)), "red")
    return {
        "latest_on": latest_on,
        "latest_value": Figure(v),
        "expected_value": expected,
        "gap": gap,
        "deviation_percent": capped(deviation),
        "achieved": achieved,
        "years_left": Figure(left),
        "planned_cagr": capped(planned),
        "required_cagr": capped(required),
        "pace_ratio": capped(pace),
        "status": status,
        "confidence": confidence,
        "reason": reason(case, expected, deviation, required, pace, achieved=achieved, late=late),
    }


def capped(figure: Figure | None) -> Figure | None:
    if figure is None or not below(Figure(abs(figure.value), figure.exact), Fraction(CAP)):
        return None
    return figure


def reason(
    case: Case,
    expected: Figure,
    deviation: Figure,
    required: Figure | None,
    pace: Figure | None,
    *,
    achieved: bool,
    late: bool,
) -> str:
    latest_on, written = case.latest()
    shown = f"{written} {case.unit} on {latest_on.isoformat()}"
    due = case.on(case.span).isoformat()
    if achieved:
        return f"target {case.target} {case.unit} reached: {shown}"
    if late:
        return f"due {due} passed with {shown}, short of {case.target}"
    side = "behind" if below(deviation, Fraction(0)) else "ahead of"
    size = Figure(abs(deviation.value), deviation.exact)
    where = f"{fixed(size, 1)}% {side} the {case.trajectory} trajectory ({fixed(expected, 2)})"
    if required is None:
        return f"{shown} is {where}; no growth rate can reach {case.target} from it"
    rate = fixed(Figure(100 * required.value, required.exact), 1)
    paced = "" if pace is None else f", {fixed(pace, 2)}x the planned pace"
    return f"{shown} is {where}; needs {rate}% a year to reach {case.target} by {due}{paced}"


def check(status: KpiStatus, case: Case) -> None:
    """Every field of *status* is what the reading says, to ``case.places`` decimals."""
    expected = reading(case)
    for name, figure in expected.items():
        found = getattr(status, name)
        if isinstance(figure, Figure):
            assert isinstance(found, Decimal), name
            assert found == Decimal(fixed(figure, case.places)), name
            assert found.as_tuple().exponent == -case.places, name
            assert not (found.is_zero() and found.is_signed()), (
                f"{name} = {found}: zero has no sign"
            )
        elif name in {"status", "confidence"}:
            assert found.value == figure, name
        else:
            assert found == figure, name
    assert (status.name, status.unit, status.as_of) == ("visitors", case.unit, case.as_of())
    assert status.places == case.places
    record = {field.name: getattr(status, field.name) for field in attrs.fields(KpiStatus)}
    record |= {"status": expected["status"], "confidence": expected["confidence"]}
    assert status.to_records() == [record]


# -- the property, with the cases each rule's boundary needs ----------------------------------

LOWEST = {"compound": 1, "linear": 0}  # in tenths: a compound path needs > 0


def tenths(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(low, high).map(lambda n: str(Decimal(n).scaleb(-1)))


@st.composite
def cases(draw: st.DrawFn) -> Case:
    trajectory = draw(st.sampled_from(["linear", "compound"]))
    baseline = draw(tenths(LOWEST[trajectory], 20_000))
    goal = draw(st.one_of(tenths(LOWEST[trajectory], 20_000), st.just(baseline)))
    span = draw(st.sampled_from([1, 2, 4, 5, 8, 10]))  # k / span is an exact decimal
    observed = draw(st.none() | st.tuples(st.integers(0, span + 1), tenths(0, 40_000)))
    return Case(
        trajectory,
        baseline,
        goal,
        span,
        observed,
        later=draw(st.integers(0, 2)),
        places=draw(st.integers(0, 30)),
    )


def linear(observed: tuple[int, str] | None, **changes: object) -> Case:
    fields: dict[str, object] = {
        "trajectory": "linear",
        "baseline": "100",
        "target": "200",
        "span": 10,
        "observed": observed,
        "later": 0,
    }
    return Case(**(fields | changes))  # type: ignore[arg-type]


@given(cases())
@example(linear((5, "150")))  # on the line: 0 % deviation is "ahead of", not behind
@example(linear((5, "151")))  # 0.67 % ahead: under 1 %, still ahead
@example(linear((5, "140")))  # 6.67 % behind, at risk; pace 1.2
@example(linear((5, "142.5")))  # exactly 5 % behind: on track
@example(linear((5, "127.5"), places=2))  # exactly 15 % behind: at risk
@example(linear((5, "137.5"), places=0))  # pace exactly 1.25: amber/green
@example(linear((9, "180.0")))  # one year left exactly: a required rate still
@example(linear((11, "199.9"), later=1))  # observed after the due date: no rate, late
@example(linear(None, baseline="0.0", target="10.0"))  # expected 0, value 0: 0 %
@example(linear((0, "0.5"), baseline="0.0", target="10.0"))  # expected 0, value 0.5: 0 %
@example(linear((2, "0.0"), baseline="10.0", target="0.0", span=2))  # falling to 0, reached
@example(linear((2, "3.0"), baseline="10.0", target="0.0", span=2))  # missed 0: -100 %
@example(linear((1, "6.0"), baseline="10.0", target="0.0", span=2))  # no rate reaches 0
@example(linear((1, "1.8"), baseline="2.0", target="0.5", span=4))  # a target under 1
@example(linear((1, "8.0"), baseline="10.0", target="6.0", span=2))  # falling, on its path: 0 %
@example(linear((1, "0.6"), baseline="0.4", target="2.0", span=4))  # a value under 1
@example(linear((4, "50.0"), baseline="100", target="100"))  # holding the level
@example(Case("compound", "100", "400", 2, (1, "150.0"), later=0))  # pace 2/3 / 1
@example(Case("compound", "100", "100", 5, (2, "90.0"), later=0))  # hold: no pace, amber
@example(Case("compound", "100", "200", 10, (5, "0.0"), later=0))  # value 0: no rate, red
@example(Case("compound", "100", "50", 4, (2, "80.0"), later=0, places=3))  # falling
# 1000 -> 2000: 1500 expected; 1425 - 7.5E-28 is 5.00000000000000000000000000005 % behind,
# within a tolerance of 5.0000000000000000000000000001 % (29 digits: more than the 28 of
# decimal's default context, in which unary minus rounded it to 5 and said "at risk").
@example(
    linear(
        (5, "1424.999999999999999999999999999925"),
        baseline="1000",
        target="2000",
        at_risk="5.0000000000000000000000000001",
    )
)
@example(linear((5, "151"), places=30))  # thirty places
def test_a_status_is_the_plain_reading_of_the_rules(case: Case) -> None:
    status = case.status()
    figures = reading(case)
    deviation = figures["deviation_percent"]
    if isinstance(deviation, Figure):
        target(-abs(float(deviation.value) + 5), label="deviation near -5 %")
    check(status, case)


# -- the reasons word for word: worked by hand from the rules above ----------------------------

VISITORS = {"name": "visitors", "unit": "thousand", "baseline": 100, "target": 200}
TEN_YEARS = {"due": dt.date(2030, 1, 1), "baseline_on": dt.date(2020, 1, 1)}
MID = dt.date(2025, 1, 1)
REASONS = [
    # 100 -> 200 on a straight line over ten years: 150 expected at five.
    (  # (140 - 150) / 150 = -6.67 %; (200 / 140) ** (1/5) = 1.07394; 60 / 5 / 10 = 1.2
        {**VISITORS, **TEN_YEARS, "trajectory": "linear"},
        (MID, 140),
        MID,
        (
            "140 thousand on 2025-01-01 is 6.7% behind the linear trajectory (150.00); "
            "needs 7.4% a year to reach 200 by 2030-01-01, 1.20x the planned pace"
        ),
    ),
    (  # on the line: 0 % is not behind; (200 / 150) ** (1/5) = 1.05922; 50 / 5 / 10 = 1
        {**VISITORS, **TEN_YEARS, "trajectory": "linear"},
        (MID, 150),
        MID,
        (
            "150 thousand on 2025-01-01 is 0.0% ahead of the linear trajectory (150.00); "
            "needs 5.9% a year to reach 200 by 2030-01-01, 1.00x the planned pace"
        ),
    ),
    (  # +0.67 %; (200 / 151) ** (1/5) = 1.05782; 49 / 5 / 10 = 0.98
        {**VISITORS, **TEN_YEARS, "trajectory": "linear"},
        (MID, 151),
        MID,
        (
            "151 thousand on 2025-01-01 is 0.7% ahead of the linear trajectory (150.00); "
            "needs 5.8% a year to reach 200 by 2030-01-01, 0.98x the planned pace"
        ),
    ),
    (  # 100 -> 220: 160 expected; -10 / 160 = -6.25 %, half to even 6.2;
        # (220 / 150) ** (1/5) = 1.07961; 70 / 5 = 14 a year against 12: 1.1667
        {**VISITORS, **TEN_YEARS, "trajectory": "linear", "target": 220},
        (MID, 150),
        MID,
        (
            "150 thousand on 2025-01-01 is 6.2% behind the linear trajectory (160.00); "
            "needs 8.0% a year to reach 220 by 2030-01-01, 1.17x the planned pace"
        ),
    ),
    (  # 210 is past 200
        {**VISITORS, **TEN_YEARS, "trajectory": "linear"},
        (MID, 210),
        MID,
        "target 200 thousand reached: 210 thousand on 2025-01-01",
    ),
    (  # assessed after the due date, 180 short of 200
        {**VISITORS, **TEN_YEARS, "trajectory": "linear"},
        (dt.date(2030, 1, 1), 180),
        dt.date(2030, 6, 1),
        "due 2030-01-01 passed with 180 thousand on 2030-01-01, short of 200",
    ),
    (  # nothing left: -100 %, and no rate grows 0
        {**VISITORS, **TEN_YEARS, "trajectory": "linear"},
        (MID, 0),
        MID,
        (
            "0 thousand on 2025-01-01 is 100.0% behind the linear trajectory (150.00); "
            "no growth rate can reach 200 from it"
        ),
    ),
    (  # docs/tourism.md's case: 100 x 1.5 ** (4/8) = 122.4745; (112 - 122.4745) / 122.4745
        # = -8.552 %; (150 / 112) ** (1/4) = 1.075767; 1.5 ** (1/8) = 1.051990; 0.075767 /
        # 0.051990 = 1.4574
        {
            "name": "tourism investment",
            "unit": "bn KZT",
            "baseline": 100,
            "target": 150,
            "due": dt.date(2030, 1, 1),
            "baseline_on": dt.date(2022, 1, 1),
        },
        (dt.date(2026, 1, 1), 112),
        dt.date(2026, 3, 31),
        (
            "112 bn KZT on 2026-01-01 is 8.6% behind the compound trajectory (122.47); "
            "needs 7.6% a year to reach 150 by 2030-01-01, 1.46x the planned pace"
        ),
    ),
    (  # holding 100: -10 %; (100 / 90) ** (1/5) = 1.02130; no pace to hold a level
        {**VISITORS, **TEN_YEARS, "target": 100},
        (MID, 90),
        MID,
        (
            "90 thousand on 2025-01-01 is 10.0% behind the compound trajectory (100.00); "
            "needs 2.1% a year to reach 100 by 2030-01-01"
        ),
    ),
    (  # 100 -> 50 kt falling on a line: 75 expected; 80 is +5 above, behind by 6.67 %;
        # (50 / 80) ** (1/5) = 0.91028; -30 / 5 = -6 a year against -5: 1.2
        {
            "name": "emissions",
            "unit": "kt",
            "baseline": 100,
            "target": 50,
            "due": dt.date(2030, 12, 31),
            "baseline_on": dt.date(2020, 12, 31),
            "trajectory": "linear",
        },
        (dt.date(2025, 12, 31), 80),
        dt.date(2025, 12, 31),
        (
            "80 kt on 2025-12-31 is 6.7% behind the linear trajectory (75.00); "
            "needs -9.0% a year to reach 50 by 2030-12-31, 1.20x the planned pace"
        ),
    ),
    (  # 10 -> 0 over two years: 5 expected after one; 6 is behind by 20 %; no rate to 0
        {
            "name": "queues",
            "unit": "h",
            "baseline": 10,
            "target": 0,
            "due": dt.date(2022, 1, 1),
            "baseline_on": dt.date(2020, 1, 1),
            "trajectory": "linear",
        },
        (dt.date(2021, 1, 1), 6),
        dt.date(2021, 1, 1),
        (
            "6 h on 2021-01-01 is 20.0% behind the linear trajectory (5.00); "
            "no growth rate can reach 0 from it"
        ),
    ),
]


@pytest.mark.parametrize(("fields", "observed", "as_of", "text"), REASONS)
def test_reasons_word_for_word(fields, observed, as_of, text):
    kpi = Kpi(**fields)
    assert kpi.status([KpiObservation(*observed)], as_of).reason == text


def test_the_worked_figures_of_the_docs_case():
    # docs/tourism.md's case again, every rate by hand (see REASONS): planned 5.1990 %,
    # required 7.5767 %, pace 1.457356; 4 years left; 112 - 122.474487 = -10.474487.
    kpi = Kpi(**REASONS[7][0])
    status = kpi.status([KpiObservation(dt.date(2026, 1, 1), 112)], dt.date(2026, 3, 31))
    assert status.planned_cagr == Decimal("0.051990")
    assert status.required_cagr == Decimal("0.075767")
    assert status.pace_ratio == Decimal("1.457356")
    assert status.years_left == Decimal("4.000000")
    assert status.gap == Decimal("-10.474487")
    assert status.deviation_percent == Decimal("-8.552383")
    assert status.to_records()[0]["confidence"] == "amber"  # 1.46 is in (1.25, 1.5]


# -- the edges the reading cannot draw ---------------------------------------------------------


def test_a_deviation_of_exactly_ten_to_the_fifteen_is_not_given():
    # Expected 1E-12 on the baseline date; 10.000000000001 is 10 above it:
    # 100 x 10 / 1E-12 = 1E+15 exactly, at the cap, so not given. One tenth less is given.
    kpi = Kpi("x", "u", "0.000000000001", 2, dt.date(2030, 1, 1), baseline_on=dt.date(2020, 1, 1))
    on = dt.date(2020, 1, 1)
    assert kpi.status([KpiObservation(on, "10.000000000001")], on).deviation_percent is None
    below_cap = kpi.status([KpiObservation(on, "9.000000000001")], on).deviation_percent
    assert below_cap == Decimal("900000000000000.000000")  # 100 x 9 / 1E-12


def test_a_value_at_its_target_is_on_track_though_the_path_rounds_past_it():
    # A compound path from 10**23 to 10**23 + 6E-27 over 2020 (a leap year): the ratio
    # 1 + 6E-50 rounds, at 50 digits, to 1 + 1E-49, so on 2020-12-31 (365/366 of the way)
    # the path reads 10**23 + 1.0E-26, past the target. A value at the target has reached
    # it: on track, even with no tolerance at all.
    baseline = "100000000000000000000000"
    goal = baseline + ".000000000000000000000000006"
    kpi = Kpi(
        "x",
        "u",
        baseline,
        goal,
        dt.date(2021, 1, 1),
        baseline_on=dt.date(2020, 1, 1),
        tolerances=Tolerances(at_risk=0, off_track=0),
    )
    on = dt.date(2020, 12, 31)
    status = kpi.status([KpiObservation(on, goal)], on)
    assert status.achieved
    assert (status.status.value, status.confidence.value) == ("on_track", "green")
    checkpoint = kpi.checkpoint(on)  # the same rule for a sweep's values
    assert checkpoint.expected > kpi.target
    assert checkpoint.status(Decimal(goal)).value == "on_track"


def test_a_figure_too_long_for_the_places_asked_names_places_and_digits():
    # 24 integer digits at 30 places are 54 digits, beyond the 50 the arithmetic keeps;
    # 20 integer digits at 30 places are 50: they fit.
    huge = Kpi("x", "u", 10**23, 2 * 10**23, dt.date(2030, 1, 1), baseline_on=dt.date(2020, 1, 1))
    with pytest.raises(LimitExceededError) as caught:
        huge.status([], dt.date(2020, 1, 1), places=30)
    assert str(caught.value) == (
        "places = 30: a figure of 24 integer digits does not fit 50 digits at 30 places: "
        "ask for fewer places"
    )
    assert (caught.value.field, caught.value.value) == ("places", 30)
    fits = Kpi("x", "u", 10**19, 2 * 10**19, dt.date(2030, 1, 1), baseline_on=dt.date(2020, 1, 1))
    assert fits.status([], dt.date(2020, 1, 1), places=30).latest_value == 10**19


@pytest.mark.parametrize(
    "context",
    [
        decimal.Context(prec=3, rounding=decimal.ROUND_DOWN),
        decimal.Context(prec=80, rounding=decimal.ROUND_UP, traps=[]),
    ],
)
def test_a_callers_decimal_context_changes_no_status(context):
    kpi = Kpi(**REASONS[7][0])
    observations = [KpiObservation(dt.date(2026, 1, 1), "112.123456789")]
    plain = kpi.status(observations, dt.date(2026, 3, 31))
    with decimal.localcontext(context):
        assert kpi.status(observations, dt.date(2026, 3, 31)) == plain


DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))


@given(DATES, DATES)
@example(dt.date(2017, 6, 1), dt.date(2022, 3, 1))  # 4 years + 273 / 365: the 5th not reached
@example(dt.date(2022, 3, 1), dt.date(2017, 6, 1))  # the same, negative
@example(dt.date(2024, 2, 29), dt.date(2025, 2, 28))  # the anniversary of 29 February: 1
@example(dt.date(2024, 2, 29), dt.date(2028, 2, 28))  # 3 years + 365 / 366 (to 2028-02-29)
def test_years_between_counts_anniversaries_and_the_days_left(start, end):
    # The library divides the day fraction to 50 digits.
    assert abs(Fraction(years_between(start, end)) - years(start, end)) < Fraction(1, 10**45)


def test_years_left_after_the_due_date_are_exact_to_thirty_places():
    # Observed on 2030-07-02, 182 days of a 365-day year after the due date: -182/365
    # years left, to 30 places (decimal's default context keeps 28 digits: unary minus
    # rounded it there).
    kpi = Kpi(**{**VISITORS, **TEN_YEARS, "trajectory": "linear"})
    on = dt.date(2030, 7, 2)
    status = kpi.status([KpiObservation(on, 150)], on, places=30)
    # 182 / 365 = 0.498630136986301369863013698630 136986... (the period is 0136986301369863)
    assert str(status.years_left) == "-0.498630136986301369863013698630"


# -- _places: the reason's rounding --------------------------------------------------------------

HUGE = decimal.Context(prec=200, rounding=decimal.ROUND_HALF_EVEN)


@given(
    st.integers(-(10**9), 10**9),
    st.integers(-8, 3),
    st.integers(0, 4),
)
@example(25, -2, 1)  # 0.25: a tie, kept even (0.2)
@example(35, -2, 1)  # 0.35: a tie, rounded up to even (0.4)
@example(-25, -3, 2)  # -0.025: a negative tie (-0.02)
@example(7, 0, 0)  # a whole number at no places
@example(5, 2, 1)  # 500: a positive exponent
def test_places_rounds_like_quantize(units, exponent, places):
    value = Decimal(units).scaleb(exponent)
    quantum = Decimal(1).scaleb(-places)
    assert _places(value, places) == str(value.quantize(quantum, context=HUGE))


def test_places_writes_what_is_not_a_number_as_it_is():
    # Never reached by a reason (no figure there is NaN or infinite), but not garbled.
    assert _places(Decimal("NaN"), 2) == "NaN"
    assert _places(Decimal("-Infinity"), 1) == "-Infinity"
