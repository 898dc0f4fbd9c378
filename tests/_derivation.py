"""Recompute a conformance vector's ``derivation`` with exact arithmetic, nothing else.

A derivation is a list of steps, each one line of arithmetic a reviewer can redo by
hand (docs/testing.md, "Derivations of the vectors"):

* ``name = expression`` binds a name;
* any other step is a check that must hold, e.g. ``share <= 1/10`` or
  ``$.expected.output.approved == true``;
* ``# ...`` ends a step with a comment (a step may be only a comment).

Numbers are exact (``Fraction``): ``1500000000.00`` and ``49/100`` mean what they
say. ``$.a.b[0]`` reads the vector itself; a string there that is a number, a
fraction, a number with a currency code or a share with its percentage
(``"1/8 (12.5%)"``, ``"1/3 (~33.3333%)"``, the percentage checked against the
share) reads as its exact value, other strings as text. Functions:
``min``, ``max``, ``abs``, ``floor``, ``ceil``, ``round_half_even(x, places)``,
``round_half_up(x, places)``, ``power(x, y)``, ``exp(x)``, ``ln(x)`` (both 60
significant digits), ``sig(x, digits)`` (half-even to significant digits),
``days(a, b)`` (days from date ``a`` to ``b``), ``add_years(date, n)``, ``text(x)``,
``fixed(x, places)`` (half-even to *places*, written with exactly that many decimals,
like ``"2.80"``). ``a in b`` and ``a not in b`` test a text inside a text (or a value in
a list), and ``+`` joins texts.

Dates and instants (ISO 8601 text, an instant with its UTC offset): ``len(list)``,
``date(t)``, ``year(t)``, ``month(t)``, ``day(t)``, ``weekday(t)`` (0 = Monday),
``add_days(t, n)`` (a date, or a wall-clock time keeping its offset, ``n`` calendar
days later), ``at(date, "09:00:00", offset_hours)`` (the text of that wall-clock time
at that UTC offset), ``hours(a, b)`` (exact hours from instant ``a`` to ``b``),
``utc(t)`` and ``at_offset(t, offset_hours)`` (the same instant written in UTC or at
another offset), ``duration("PT30M")`` (hours), ``clock(hours)`` (``"0:30:00"``, as
Python prints a timedelta). No time zone database is read: a derivation states each
UTC offset it uses, with the zone rule it comes from.

Nothing here imports creative-city: the derivation checks a vector's answer without
the library that produced it.
"""

from __future__ import annotations

import ast
import datetime as dt
import decimal
import io
import math
import re
import tokenize
from decimal import Decimal
from fractions import Fraction

DIGITS = decimal.Context(prec=60, rounding=decimal.ROUND_HALF_EVEN)
_NUMBER = re.compile(r"-?\d+(\.\d+)?(/\d+)?")
_READ = re.compile(r"(-?\d+(?:\.\d+)?(?:/\d+)?)(?: \((~?)(-?\d+(?:\.\d+)?)%\)| [A-Z]{3})?")
_PATH = re.compile(r"\$((?:\.[A-Za-z_]\w*|\[\d+\])+)")


def _decimal(x):
    x = Fraction(x)
    return DIGITS.divide(Decimal(x.numerator), Decimal(x.denominator))


def _round(x, places, rounding):
    x = Fraction(x)
    quantum = Decimal(1).scaleb(-int(places))
    with decimal.localcontext(decimal.Context(prec=200, rounding=rounding)):
        value = (Decimal(x.numerator) / Decimal(x.denominator)).quantize(quantum)
    return Fraction(value)


def _sig(x, digits):
    x = Fraction(x)
    if x == 0:
        return Fraction(0)
    context = decimal.Context(prec=200)
    exact = context.divide(Decimal(x.numerator), Decimal(x.denominator))
    return Fraction(decimal.Context(prec=int(digits), rounding=decimal.ROUND_HALF_EVEN).plus(exact))


def _fixed(x, places):
    """*x* rounded half-even to *places* decimals and written with all of them."""
    value = _round(x, places, decimal.ROUND_HALF_EVEN)
    quantum = Decimal(1).scaleb(-int(places))
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return format(exact.quantize(quantum, context=decimal.Context(prec=200)), "f")


def _date(text):
    return dt.date.fromisoformat(text)


def _instant(text):
    moment = dt.datetime.fromisoformat(text)
    if moment.utcoffset() is None:
        raise ValueError(f"an instant needs its UTC offset: {text!r}")
    return moment


def _add_days(text, n):
    # A date, or a wall-clock time with its offset: n days later on the calendar, at
    # the same wall-clock time and offset (say the new offset with at_offset).
    if len(text) == 10:
        return (_date(text) + dt.timedelta(days=int(n))).isoformat()
    return (dt.datetime.fromisoformat(text) + dt.timedelta(days=int(n))).isoformat()


def _hours(a, b):
    delta = _instant(b) - _instant(a)
    return Fraction(delta.days * 86_400 + delta.seconds, 3_600) + Fraction(
        delta.microseconds, 3_600_000_000
    )


_DURATION = re.compile(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?")


def _duration(text):
    # An ISO 8601 duration of days, hours, minutes and seconds, in hours.
    days, hours, minutes, seconds = (int(x or 0) for x in _DURATION.fullmatch(text).groups())
    return Fraction(days * 24) + hours + Fraction(minutes, 60) + Fraction(seconds, 3_600)


def _clock(hours):
    # Hours as Python prints a timedelta: H:MM:SS, and "N day(s), H:MM:SS" past a day.
    seconds = Fraction(hours) * 3_600
    if seconds.denominator != 1:
        raise ValueError("whole seconds only")
    return str(dt.timedelta(seconds=int(seconds)))


def _offset(hours):
    minutes = int(Fraction(hours) * 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


FUNCTIONS = {
    "min": min,
    "max": max,
    "abs": abs,
    "floor": lambda x: Fraction(math.floor(x)),
    "ceil": lambda x: Fraction(math.ceil(x)),
    "round_half_even": lambda x, p: _round(x, p, decimal.ROUND_HALF_EVEN),
    "round_half_up": lambda x, p: _round(x, p, decimal.ROUND_HALF_UP),
    "power": lambda x, y: Fraction(DIGITS.power(_decimal(x), _decimal(y))),
    "exp": lambda x: Fraction(DIGITS.exp(_decimal(x))),
    "ln": lambda x: Fraction(DIGITS.ln(_decimal(x))),
    "sig": _sig,
    "days": lambda a, b: Fraction((_date(b) - _date(a)).days),
    "add_years": lambda d, n: _date(d).replace(year=_date(d).year + int(n)).isoformat(),
    "text": lambda x: format(_decimal(x).normalize(), "f") if isinstance(x, Fraction) else str(x),
    # Dates and instants (ISO 8601 text; an instant carries its UTC offset):
    "len": lambda x: Fraction(len(x)),
    "date": lambda t: t[:10],
    "year": lambda t: Fraction(_date(t[:10]).year),
    "month": lambda t: Fraction(_date(t[:10]).month),
    "day": lambda t: Fraction(_date(t[:10]).day),
    "weekday": lambda t: Fraction(_date(t[:10]).weekday()),
    "add_days": _add_days,
    "at": lambda d, clock, hours: f"{d}T{clock}{_offset(hours)}",
    "hours": _hours,
    "utc": lambda t: _instant(t).astimezone(dt.UTC).isoformat(),
    "at_offset": lambda t, hours: (
        _instant(t).astimezone(dt.timezone(dt.timedelta(hours=float(hours)))).isoformat()
    ),
    "duration": _duration,
    "clock": _clock,
    "fixed": _fixed,
}
CONSTANTS = {"true": True, "false": False, "null": None}

_BINARY = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: Fraction(a) / Fraction(b),
    ast.FloorDiv: lambda a, b: Fraction(a // b),
    ast.Mod: lambda a, b: a % b,
}
_COMPARE = {
    ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b,
    ast.GtE: lambda a, b: a >= b,
    ast.Eq: lambda a, b: a == b,
    ast.NotEq: lambda a, b: a != b,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}


def read(value):
    """A value read from the vector: numbers (and shares, amounts) exactly."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, str):
        match = _READ.fullmatch(value)
        if match and _percent_agrees(Fraction(match.group(1)), match.group(2), match.group(3)):
            return Fraction(match.group(1))
    return value


def _percent_agrees(share, approximate, shown):
    """A share's percentage, if shown, is the share x 100 (to 4 places after ``~``)."""
    if shown is None:
        return True
    percent = share * 100
    if approximate:
        return _round(percent, 4, decimal.ROUND_HALF_EVEN) == Fraction(shown)
    return percent == Fraction(shown)


def lookup(vector, path):
    """Follow ``.key`` and ``[index]`` steps of *path* into *vector*."""
    value = vector
    for key, index in re.findall(r"\.(\w+)|\[(\d+)\]", path):
        value = value[key] if key else value[int(index)]
    return read(value)


def _prepare(step):
    """Source text with ``$`` paths and decimal literals made exact (see module doc)."""
    code = _PATH.sub(lambda m: f"_path({m.group(1)!r})", step)
    tokens = []
    for token in tokenize.generate_tokens(io.StringIO(code).readline):
        if token.type == tokenize.NUMBER:
            tokens.append((tokenize.NAME, f"_number({token.string!r})"))
        else:
            tokens.append((token.type, token.string))
    return tokenize.untokenize(tokens)


class Evaluator:
    """Evaluates the steps of one vector's derivation."""

    def __init__(self, vector):
        self.vector = vector
        self.names = dict(CONSTANTS)

    def step(self, step):
        """Run one step; return the name bound, or the check's outcome."""
        code = step.split("#", 1)[0].strip()
        if not code:  # a comment: the reasoning between two steps
            return None
        tree = ast.parse(_prepare(code), mode="exec")
        if len(tree.body) != 1:
            raise ValueError(f"one step per line: {step!r}")
        node = tree.body[0]
        if isinstance(node, ast.Assign):
            if len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name):
                raise ValueError(f"assign to one name: {step!r}")
            self.names[node.targets[0].id] = self.eval(node.value)
            return None
        if isinstance(node, ast.Expr):
            return self.eval(node.value)
        raise ValueError(f"not a step: {step!r}")

    def eval(self, node):
        """Evaluate an expression node with exact arithmetic."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name):
            return self.names[node.id]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            arguments = [self.eval(a) for a in node.args]
            if node.func.id == "_number":
                return Fraction(arguments[0])
            if node.func.id == "_path":
                return lookup(self.vector, arguments[0])
            return FUNCTIONS[node.func.id](*arguments)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            base, exponent = self.eval(node.left), self.eval(node.right)
            if Fraction(exponent).denominator != 1:
                raise ValueError("a fractional power: use power(x, y)")
            return Fraction(base) ** int(exponent)
        if isinstance(node, ast.BinOp):
            return _BINARY[type(node.op)](self.eval(node.left), self.eval(node.right))
        if isinstance(node, ast.UnaryOp):
            operand = self.eval(node.operand)
            if isinstance(node.op, ast.USub):
                return -operand
            if isinstance(node.op, ast.Not):
                return not operand
            return operand
        if isinstance(node, ast.Compare):
            left = self.eval(node.left)
            for op, right_node in zip(node.ops, node.comparators, strict=True):
                right = self.eval(right_node)
                if not _COMPARE[type(op)](left, right):
                    return False
                left = right
            return True
        if isinstance(node, ast.BoolOp):
            values = [self.eval(v) for v in node.values]
            return all(values) if isinstance(node.op, ast.And) else any(values)
        if isinstance(node, (ast.List, ast.Tuple)):
            return [self.eval(e) for e in node.elts]
        raise ValueError(f"not allowed in a derivation: {ast.dump(node)}")


def check(vector):
    """Run every step of *vector*'s derivation; return the failing steps (none: it holds).

    Raises:
        ValueError: A step is not of the derivation's language.
    """
    evaluator = Evaluator(vector)
    failing = []
    for step in vector["derivation"]:
        outcome = evaluator.step(step)
        if outcome is not None and outcome is not True:
            failing.append(step)
    return failing
