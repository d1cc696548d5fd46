"""What each section of the report says, as blocks: numbers with their units, charts, and a
sentence in words wherever there is nothing to draw (an empty period, no glucose, no flares).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from journal.analysis.report_figures import PeriodFigure
from journal.domain.cgm import CV_TARGET, SUFFICIENT_ACTIVE_PERCENT, SUFFICIENT_DAYS
from journal.domain.guidelines import AHA_ADDED_SUGAR_G, WHO_WEEKLY_MINUTES
from journal.domain.measures import SHORT_NIGHT_HOURS
from journal.domain.units import GlucoseUnit
from journal.services.report import (
    NOT_A_DIAGNOSIS,
    GlucosePart,
    ReportData,
    Section,
)
from journal.ui.report import charts
from journal.ui.report.canvas import MUTED, SMALL, TINY
from journal.ui.report.flow import (
    Block,
    Chart,
    Columns,
    Heading,
    LinedBox,
    PageBreak,
    Stack,
    Table,
    Text,
)

TRACE_DAYS = 14
FINDINGS_SHOWN = 6
_CAVEAT = "; an association, not a cause."


def short_sentence(sentence: str) -> str:
    """A finding's numbers and its caveat, without the checks that follow (the app shows
    those): "On days ..., X was 1.2 points higher (95 % interval ...), 30 days vs 60; an
    association, not a cause."
    """
    cut = sentence.find(_CAVEAT)
    return sentence[: cut + len(_CAVEAT)] if cut >= 0 else sentence


def _q(q: float) -> str:
    return "q < 0.001" if q < 0.001 else f"q = {q:.3f}"


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def _number(value: float | None, decimals: int = 1, unit: str = "") -> str:
    if value is None:
        return "—"
    text = f"{value:.{decimals}f}"
    return f"{text} {unit}".strip()


def _figure(figure: PeriodFigure, unit: str, decimals: int = 1) -> str:
    if figure.days == 0:
        return "not recorded"
    return (
        f"{_number(figure.mean, decimals, unit)} "
        f"({_number(figure.low, decimals)}–{_number(figure.high, decimals, unit)}), "
        f"{_days(figure.days)}"
    )


def _glucose_figure(figure: PeriodFigure, unit: GlucoseUnit) -> str:
    if figure.days == 0 or figure.mean is None or figure.low is None or figure.high is None:
        return "not recorded"
    return (
        f"mean {charts.glucose_text(figure.mean, unit)} "
        f"(range {charts.glucose_text(figure.low, unit, with_unit=False)}–"
        f"{charts.glucose_text(figure.high, unit)}, {_days(figure.days)})"
    )


def muted(text: str, size: float = SMALL) -> Text:
    return Text(text, size=size, color=MUTED)


# --- the sections -----------------------------------------------------------------------------


def glucose_blocks(
    part: GlucosePart, first: date, last: date, changes: Sequence[tuple[date, str]] = ()
) -> list[Block]:
    unit = part.unit
    blocks: list[Block] = []
    if part.shows_agp:
        assert part.cgm is not None and part.cgm.metrics is not None
        report = part.cgm
        m = report.metrics
        assert m is not None
        days = (report.last - report.first).days + 1
        blocks.append(
            Heading(
                "Glucose: continuous glucose monitor (AGP)", "Battelino et al., Diabetes Care 2019"
            )
        )
        sufficient = (
            f"Enough data (consensus): {m.days_covered} days from the first reading to the last "
            f"({SUFFICIENT_DAYS} or more asked), sensor active {m.active_percent:.0f} % of that "
            f"time ({SUFFICIENT_ACTIVE_PERCENT:.0f} % or more asked)."
            if m.sufficiency.enough
            else "Not enough data for reliable figures: " + " ".join(m.sufficiency.reasons)
        )
        stats = Table(
            ["Statistic", "Value", "Target"],
            [
                [
                    "Days with readings",
                    f"{m.days_with_data} of {days} days",
                    f"≥ {SUFFICIENT_DAYS} days",
                ],
                [
                    "Sensor active",
                    f"{m.active_percent:.0f} %",
                    f"≥ {SUFFICIENT_ACTIVE_PERCENT:.0f} %",
                ],
                ["Readings", f"{m.readings:,}", ""],
                ["Mean glucose", charts.glucose_text(m.mean_mgdl, unit), ""],
                ["Glucose management indicator (GMI)", f"{m.gmi_percent:.1f} %", ""],
                [
                    "Glucose variability (CV)",
                    f"{m.cv_percent:.1f} %",
                    CV_TARGET.text.replace("<=", "≤"),
                ],
                ["Standard deviation", charts.glucose_text(m.sd_mgdl, unit), ""],
                [
                    f"Time in range {charts.band_label(m.in_range, unit)}",
                    f"{m.in_range.percent:.0f} %",
                    m.in_range.target.text if m.in_range.target else "",
                ],
            ],
            [3.2, 1.9, 1.2],
            right=frozenset({1, 2}),
        )
        blocks.append(
            Columns(
                [
                    Stack([stats, muted(sufficient, TINY)]),
                    Stack(
                        [
                            Text("Time in ranges", size=SMALL, bold=True),
                            Chart(150, charts.time_in_ranges(m, unit)),
                        ]
                    ),
                ],
                [1.1, 1.0],
            )
        )
        if report.agp is not None:
            blocks.append(
                Stack(
                    [
                        Text(
                            f"Ambulatory glucose profile: {report.agp.days} days of readings "
                            f"laid over one day (each point pools {report.agp.window_minutes} "
                            "minutes)",
                            size=SMALL,
                            bold=True,
                        ),
                        Chart(148, charts.agp_chart(report.agp, unit, part.target_mgdl)),
                        Chart(12, charts.agp_legend(unit, (70.0, 180.0))),
                    ]
                )
            )
        traces = [(t.day, t.minutes, t.mgdl) for t in report.traces[-TRACE_DAYS:]]
        low, high = part.target_mgdl
        target_words = (
            f"{charts.glucose_text(low, unit, with_unit=False)}–{charts.glucose_text(high, unit)}"
        )
        if traces:
            blocks.append(
                Stack(
                    [
                        Text(
                            f"Daily glucose, the last {len(traces)} days (midnight to midnight; "
                            f"shaded: your target {target_words})",
                            size=SMALL,
                            bold=True,
                        ),
                        Chart(104, charts.daily_traces(traces, unit, part.target_mgdl)),
                    ]
                )
            )
    else:
        meter = part.meter
        blocks.append(Heading("Glucose" if meter.empty else "Glucose: meter readings"))
        if meter.empty:
            blocks.append(Text("No glucose readings (from a meter or a CGM) in this period."))
        else:
            blocks.append(
                Table(
                    ["Readings", "Summary of the daily means", "Checks"],
                    [
                        ["Fasting", _glucose_figure(meter.fasting, unit), ""],
                        ["1–2 h after a meal", _glucose_figure(meter.after_meal, unit), ""],
                        ["All glucose checks", "", f"{meter.checks}"],
                    ],
                    [1.3, 4.0, 0.8],
                    right=frozenset({2}),
                )
            )
            blocks.append(
                Stack(
                    [
                        Chart(
                            120,
                            charts.meter_trend(
                                first,
                                last,
                                meter.fasting_days,
                                meter.after_meal_days,
                                unit,
                                changes,
                            ),
                        ),
                        Chart(24, charts.meter_legend(unit, bool(changes))),
                    ]
                )
            )
            blocks.append(muted(_no_agp(part)))
    blocks.extend(_labs(part))
    return blocks


def _no_agp(part: GlucosePart) -> str:
    if not part.has_cgm or part.cgm is None or part.cgm.metrics is None:
        return "No CGM readings cover this period, so no AGP is shown."
    m = part.cgm.metrics
    return (
        f"CGM readings on {_days(m.days_with_data)} of this period are too few for an AGP "
        f"({' '.join(m.sufficiency.reasons)}), so the meter readings are shown."
    )


def _labs(part: GlucosePart) -> list[Block]:
    if not part.labs:
        return [
            Text(
                "Labs: no HbA1c, fasting insulin or HOMA-IR result up to the end of this period.",
                size=SMALL,
            )
        ]
    rows = []
    for lab in part.labs:
        if lab.code == "fasting_glucose":
            value = charts.glucose_text(lab.value, part.unit)
        elif lab.code == "homa_ir":
            value = f"{lab.value:.2f} (no unit)"
        else:
            value = f"{lab.value:.{lab.decimals}f} {lab.unit}"
        when = f"{lab.day:%d %b %Y}" + (" (before this period)" if lab.before else "")
        rows.append([lab.name, value, when])
    # Two results a row, side by side: the labs take half the height.
    half = (len(rows) + 1) // 2
    paired = [
        [*rows[i], *(rows[i + half] if i + half < len(rows) else ["", "", ""])] for i in range(half)
    ]
    return [
        Stack(
            [
                Text("Lab results", size=SMALL, bold=True),
                Table(
                    ["Test", "Result", "Date", "Test", "Result", "Date"],
                    paired,
                    [1.3, 1.2, 1.6, 1.3, 1.2, 1.6],
                ),
                muted(
                    "HOMA-IR = fasting insulin (µU/mL) × fasting glucose (mg/dL) / 405 "
                    "(Matthews et al. 1985), from results on the same day.",
                    TINY,
                ),
            ]
        )
    ]


def autoimmune_blocks(report: ReportData, changes: Sequence[tuple[date, str]]) -> list[Block]:
    part = report.autoimmune
    assert part is not None
    blocks: list[Block] = [Heading("Flares and symptoms")]
    if part.flares:
        rows = [
            [
                f"{f.start:%d %b %Y}",
                f"{f.end:%d %b %Y}" if f.end else "ongoing",
                _days(f.days),
                f.condition or "—",
                f"{f.worst:.0f} / 10" if f.worst is not None else "not scored",
                ", ".join(f.triggers) or "—",
            ]
            for f in part.flares
        ]
        count = len(part.flares)
        blocks.append(
            Text(
                f"{count} flare{'s' if count != 1 else ''} in this period, "
                f"{_days(part.flare_days)} in a flare of {_days(len(part.days))}.",
                bold=True,
            )
        )
        blocks.append(
            Table(
                ["Start", "End", "Length", "Condition", "Worst symptom", "Suspected triggers"],
                rows,
                [1.1, 1.1, 0.8, 1.6, 1.0, 2.4],
            )
        )
    else:
        blocks.append(Text("No flares were recorded in this period.", bold=True))
    if part.check_ins == 0:
        blocks.append(Text("No symptom check-ins in this period, so there is no symptom chart."))
        return blocks
    blocks.append(
        Stack(
            [
                Text(
                    f"Worst symptom score each day ({part.check_ins} check-ins)",
                    size=SMALL,
                    bold=True,
                ),
                Chart(110, charts.symptom_chart(part.days, part.worst, part.in_flare, changes)),
                Chart(12, charts.symptom_legend(bool(changes))),
            ]
        )
    )
    symptom_rows = [
        [
            s.label,
            f"{s.days_over_5}",
            f"{s.days_scored}",
            _number(s.mean, 1, "/ 10"),
            _number(s.highest, 0, "/ 10"),
        ]
        for s in part.symptoms[:8]
    ]
    regions = (
        Table(
            ["Body region", "Check-ins"],
            [[r, str(n)] for r, n in part.regions[:8]],
            [2.0, 1.0],
            right=frozenset({1}),
        )
        if part.regions
        else muted("No body regions were named.")
    )
    blocks.append(
        Columns(
            [
                Stack(
                    [
                        Text("Top symptoms", size=SMALL, bold=True),
                        Table(
                            ["Symptom", "Days over 5", "Days scored", "Mean", "Highest"],
                            symptom_rows,
                            [1.6, 1.0, 1.0, 1.0, 1.0],
                            right=frozenset({1, 2, 3, 4}),
                        ),
                    ]
                ),
                Stack([Text("Where (symptoms with body regions)", size=SMALL, bold=True), regions]),
            ],
            [2.3, 1.0],
        )
    )
    return blocks


def medication_blocks(report: ReportData) -> list[Block]:
    part = report.medications
    assert part is not None
    blocks: list[Block] = [Heading("Medications and supplements")]
    if not part.medications:
        blocks.append(Text("No medications or supplements were taken or logged in this period."))
        return blocks
    rows = []
    for med in part.scheduled:
        c = med.counts
        assert c is not None
        rows.append(
            [
                med.label + ("" if med.active else " (paused now)"),
                ", ".join(med.times),
                f"{c.taken} of {c.due}",
                _number(c.percent, 0, "%"),
                str(c.late),
                f"{c.missed} ({c.skipped} skipped, {c.not_logged} not logged)",
            ]
        )
    if rows:
        blocks.append(
            Table(
                ["Medication", "Scheduled", "Taken of due", "Share", "Late", "Missed"],
                rows,
                [2.4, 1.0, 1.0, 0.7, 0.6, 2.2],
                right=frozenset({2, 3, 4}),
            )
        )
        blocks.append(
            muted(
                "Doses due follow each medication's schedule while it was being taken; "
                "\u201ctaken\u201d includes doses logged as late.",
                TINY,
            )
        )
    if part.as_needed:
        blocks.append(
            Table(
                ["As needed (rescue) medication", "Uses", "Days used"],
                [[m.label, str(m.as_needed_uses), str(m.as_needed_days)] for m in part.as_needed],
                [3.0, 1.0, 1.0],
                right=frozenset({1, 2}),
            )
        )
    else:
        blocks.append(Text("Rescue medication: none is listed as taken when needed.", size=SMALL))
    if part.changes:
        blocks.append(
            Table(
                ["#", "Date", "Change"],
                [
                    [str(i), f"{c.day:%d %b %Y}", f"{c.medication}: {c.what}"]
                    for i, c in enumerate(part.changes, 1)
                ],
                [0.3, 1.1, 5.0],
            )
        )
    else:
        blocks.append(Text("No medication changes in this period.", size=SMALL))
    return blocks


def lifestyle_blocks(report: ReportData) -> list[Block]:
    life = report.lifestyle
    assert life is not None
    blocks: list[Block] = [Heading("Activity, sleep, stress and food")]
    whole = life.whole_weeks
    if any(w.total is not None for w in life.weeks):
        mean = sum(w.total or 0 for w in whole) / len(whole) if whole else None
        blocks.append(
            Stack(
                [
                    Text(
                        "Weekly activity the WHO way: moderate minutes plus twice the vigorous "
                        f"minutes (WHO 2020), against {WHO_WEEKLY_MINUTES:.0f} min a week",
                        size=SMALL,
                        bold=True,
                    ),
                    Chart(
                        100,
                        charts.weekly_minutes(
                            [(w.monday, w.total, w.whole) for w in life.weeks], WHO_WEEKLY_MINUTES
                        ),
                    ),
                    muted(
                        f"{life.weeks_meeting_who} of {len(whole)} whole weeks reached "
                        f"{WHO_WEEKLY_MINUTES:.0f} min"
                        + (f"; mean {mean:.0f} min a week." if mean is not None else ".")
                        + " Hatched bars: part weeks at the ends of the period.",
                        TINY,
                    ),
                ]
            )
        )
    else:
        blocks.append(Text("No activity was recorded in this period."))
    quality_rows = (
        [
            [
                tag.capitalize(),
                f"{days} of {life.meal_days} days",
                _number(100 * days / life.meal_days, 0, "%"),
            ]
            for tag, days in life.qualities
        ]
        if life.meal_days
        else []
    )
    aha = f"{AHA_ADDED_SUGAR_G[0]:.0f} g (women) / {AHA_ADDED_SUGAR_G[1]:.0f} g (men) a day"
    rows = [
        [
            "Sleep a night",
            _figure(life.sleep_h, "h"),
            f"{life.short_nights} nights under {SHORT_NIGHT_HOURS:g} h",
        ],
        [
            "Stress (0–10)",
            _figure(life.stress, "/ 10"),
            f"{life.high_stress_days} days at 7 or more",
        ],
        [
            "Added sugar a day",
            _figure(life.added_sugar_g, "g", 0),
            f"{life.sugar_days_over_25} days over {AHA_ADDED_SUGAR_G[0]:g} g",
        ],
    ]
    if not (life.sleep_h.days or life.stress.days or life.meal_days):
        blocks.append(Text("No sleep, stress or meals were recorded in this period."))
        return blocks
    blocks.append(
        Columns(
            [
                Stack(
                    [
                        Table(["", "Mean (lowest–highest day)", "Days"], rows, [1.3, 2.5, 1.7]),
                        muted(
                            f"AHA: added sugar at most {aha}. Stress: the mean of the day's "
                            "check-ins. A night's sleep includes that day's naps.",
                            TINY,
                        ),
                    ]
                ),
                Stack(
                    [
                        Table(
                            ["Meals tagged", "Days", "Share"],
                            quality_rows,
                            [1.4, 1.3, 0.7],
                            right=frozenset({2}),
                        )
                        if quality_rows
                        else Text("No meals were recorded in this period.", size=SMALL)
                    ]
                ),
            ],
            [2.0, 1.0],
        )
    )
    return blocks


def insights_blocks(report: ReportData) -> list[Block]:
    part = report.insights
    assert part is not None
    blocks: list[Block] = [Heading("Insights", NOT_A_DIAGNOSIS)]
    tests = f"{part.tests_run} test{'s' if part.tests_run != 1 else ''}"
    if not part.findings:
        blocks.append(
            Text(
                f"No association passed the false-discovery threshold in this period ({tests} run, "
                "Benjamini-Hochberg q ≤ 0.05)."
            )
        )
        return blocks
    blocks.append(
        Text(
            f"{len(part.findings)} supported of {tests} run over this period "
            f"(Benjamini-Hochberg q ≤ 0.05). {NOT_A_DIAGNOSIS}",
            size=SMALL,
            bold=True,
        )
    )
    for finding in part.findings[:FINDINGS_SHOWN]:
        blocks.append(
            Text(f"• {short_sentence(finding.sentence)} ({_q(finding.q_value)})", size=SMALL)
        )
    if len(part.findings) > FINDINGS_SHOWN:
        more = len(part.findings) - FINDINGS_SHOWN
        blocks.append(muted(f"{more} more supported finding{'s' if more != 1 else ''} in the app."))
    blocks.append(muted(part.chance, TINY))
    return blocks


def goal_blocks(report: ReportData) -> list[Block]:
    goals = report.goals
    assert goals is not None
    blocks: list[Block] = [Heading("Goals")]
    if not goals:
        blocks.append(Text("No goals are set."))
        return blocks
    rows = [
        [
            g.description + (" (paused)" if g.paused else ""),
            f"{g.met} of {g.periods} {g.period}s" if g.periods else "—",
            g.current,
        ]
        for g in goals
    ]
    last = report.header.last
    now = "Now" if last >= report.header.generated else f"On {last:%d %b %Y}"
    blocks.append(Table(["Goal", "Met in this period", now], rows, [4.0, 1.5, 1.2]))
    blocks.append(
        muted(
            "Recent days and weeks only: the last 14 days of a daily goal, the last 8 weeks of "
            "a weekly one.",
            TINY,
        )
    )
    return blocks


def question_blocks(report: ReportData) -> list[Block]:
    return [Heading("Questions for my doctor"), LinedBox(report.questions, lines=6)]


def report_blocks(report: ReportData) -> list[Block]:
    """Every block of the report in reading order."""
    h = report.header
    blocks: list[Block] = []
    if report.empty:
        blocks.append(
            Text(
                f"Nothing was recorded between {h.first:%d %b %Y} and {h.last:%d %b %Y}: "
                "no entries, no glucose readings, no flares. The sections below say so one by one.",
                bold=True,
            )
        )
    s = report.sections
    changes: list[tuple[date, str]] = []
    if report.medications is not None:
        changes = [(c.day, f"{c.medication}: {c.what}") for c in report.medications.changes]
    if report.glucose is not None:
        blocks += glucose_blocks(report.glucose, h.first, h.last, changes)
    if Section.GLUCOSE in s and report.glucose is not None and report.glucose.shows_agp:
        blocks.append(PageBreak())
    if report.autoimmune is not None:
        blocks += autoimmune_blocks(report, changes)
    if report.medications is not None:
        blocks += medication_blocks(report)
    if report.lifestyle is not None:
        blocks += lifestyle_blocks(report)
    if report.insights is not None:
        blocks += insights_blocks(report)
    if report.goals is not None:
        blocks += goal_blocks(report)
    if Section.QUESTIONS in s:
        blocks += question_blocks(report)
    return blocks
