"""Plain-language sentences for Insights findings: the numbers, their interval, the caveats.

Every sentence names the days compared, the difference in the outcome's unit with its 95 %
interval, how many days stand behind each side, and ends by saying what it is: "an
association, not a cause" when it passed the false-discovery threshold, "this could be
chance" when it did not. It adds when the reverse direction is the stronger one and which
other factors mostly came on the same days.
"""

from __future__ import annotations

from dataclasses import dataclass

from journal.analysis.insights.plan import FactorDays, Lag
from journal.analysis.insights.table import ColumnSpec, Kind, TimeOfDay


@dataclass(frozen=True)
class Numbers:
    """What a sentence reports about one test."""

    effect: float
    ci_low: float
    ci_high: float
    mean_with: float
    mean_without: float
    n_with: int
    n_without: int
    supported: bool
    reverse_stronger: bool = False
    comes_with: tuple[str, ...] = ()
    within: str = ""
    """The yes/no state the days were compared within ("in a flare"), if any."""


def number(value: float) -> str:
    """A figure with as many decimals as a person can use: 18, 2.1, 0.35."""
    size = abs(float(f"{value:.2g}"))  # 0.996 is "1.0", not "1.00"
    if size >= 10:
        return f"{value:.0f}"
    if size >= 1:
        return f"{value:.1f}"
    return f"{value:.2f}"


def percent(share: float) -> str:
    return f"{100 * share:.0f} %" if share >= 0.1 else f"{100 * share:.1f} %"


def finding_sentence(factor: FactorDays, outcome: ColumnSpec, numbers: Numbers) -> str:
    if outcome.is_event:
        body = _event_sentence(factor, outcome, numbers)
    elif outcome.kind is Kind.BINARY:
        body = _share_sentence(factor, outcome, numbers)
    else:
        body = _difference_sentence(factor, outcome, numbers)
    parts = [
        body
        + "; "
        + ("an association, not a cause." if numbers.supported else "this could be chance.")
    ]
    if numbers.within:
        parts.append(
            f"Days {numbers.within} were compared only with days {numbers.within}, other "
            "days with other days."
        )
    if numbers.reverse_stronger:
        parts.append(
            f"Your {outcome.label} went at least as much with {factor.factor.label} on the "
            f"following day{'s' if factor.lag.is_window else ''}, so the order cannot be read "
            f"from these days: the {outcome.label} may come first."
        )
    parts.extend(numbers.comes_with)
    return " ".join(parts)


def comes_with_sentence(days: str, also: str, share_with: float, share_without: float) -> str:
    """'On 80 % of those days ...': another factor that cannot be told apart from this one.

    ``days`` names this factor's days ("days when you slept under 6 h"), ``also`` what the
    other factor adds to them ("a meal was tagged gluten too").
    """
    return (
        f"On {percent(share_with)} of the {days}, {also} ({percent(share_without)} of the "
        "other days), so the two cannot be told apart here."
    )


def _difference_sentence(factor: FactorDays, outcome: ColumnSpec, n: Numbers) -> str:
    unit = f" {outcome.unit}" if outcome.unit else ""
    way = "higher" if n.effect >= 0 else "lower"
    return (
        f"{_when(factor)}, your {outcome.label} was {number(abs(n.effect))}{unit} {way} "
        f"{_against(factor)} ({_interval(n.ci_low, n.ci_high, unit)}), "
        f"{_counts(factor.factor, n)}"
    )


def _share_sentence(factor: FactorDays, outcome: ColumnSpec, n: Numbers) -> str:
    way = "higher" if n.effect >= 0 else "lower"
    return (
        f"{_when(factor)}, the share of days {outcome.label} was "
        f"{percent(n.mean_with)} against {percent(n.mean_without)} {_other(factor)}: "
        f"{number(abs(n.effect))} percentage points {way} "
        f"({_interval(n.ci_low, n.ci_high, ' points')}), {_counts(factor.factor, n)}"
    )


def _event_sentence(factor: FactorDays, outcome: ColumnSpec, n: Numbers) -> str:
    return (
        f"{_when(factor)}, {outcome.label} came on {percent(n.mean_with)} of days at risk "
        f"against {percent(n.mean_without)} {_other(factor)}: {number(n.effect)} times as often "
        f"(95 % interval {number(n.ci_low)} to {number(n.ci_high)}), {_counts(factor.factor, n)}"
    )


def _when(factor: FactorDays) -> str:
    spec, lag = factor.factor, factor.lag
    if spec.kind is not Kind.BINARY:
        top = f"your top third for {spec.label} (at least {_cut(spec, factor.cut_high)})"
        if lag.is_window:
            return f"When the {lag.last} days before were, on average, in {top}"
        return f"On days in {top}" if lag.days == 0 else f"On days after a day in {top}"
    return _days_relative(lag, spec.when, night=spec.time_of_day is TimeOfDay.NIGHT_BEFORE)


def _days_relative(lag: Lag, what: str, *, night: bool) -> str:
    if lag.is_window:
        return f"When {what} on any of the {lag.last} days before"
    if lag.days == 0:
        # Sleep is dated by the wake-up, so its own day is the day after the night.
        return f"On days after {what}" if night else f"On days when {what}"
    return f"On the second day after {what}" if night else f"On days after {what}"


def _against(factor: FactorDays) -> str:
    return "than " + _other(factor)


def _other(factor: FactorDays) -> str:
    spec = factor.factor
    if spec.kind is not Kind.BINARY:
        return f"on those in your bottom third (at most {_cut(spec, factor.cut_low)})"
    return "on other days"


def _cut(spec: ColumnSpec, value: float | None) -> str:
    unit = f" {spec.unit}" if spec.unit else ""
    return f"{number(value or 0.0)}{unit}"


def _interval(low: float, high: float, unit: str) -> str:
    if low >= 0:
        return f"95 % interval {number(low)} to {number(high)}{unit} higher"
    if high <= 0:
        return f"95 % interval {number(-high)} to {number(-low)}{unit} lower"
    return f"95 % interval from {number(-low)}{unit} lower to {number(high)}{unit} higher"


def _counts(factor: ColumnSpec, n: Numbers) -> str:
    word = (
        "nights"
        if factor.time_of_day is TimeOfDay.NIGHT_BEFORE and factor.kind is Kind.BINARY
        else "days"
    )
    return f"{n.n_with} {word} vs {n.n_without}"
