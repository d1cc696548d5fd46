"""The day summary strip: small cards for carbs, activity, stress, sleep, glucose and doses."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from journal.domain.text import format_number
from journal.domain.units import GlucoseUnit, UnitPreferences, glucose_from_mgdl
from journal.domain.vocabulary import EntryKind
from journal.services.day import DayView
from journal.ui.help_topics import REFERENCE_HINT
from journal.ui.icons import kind_accent, kind_pixmap

NO_VALUE = "—"
# Cards that open something when clicked: the doses card opens the medication list.
CLICKABLE_CARDS = frozenset({"doses"})

# Matthews DR et al., "Homeostasis model assessment: insulin resistance and beta-cell function
# from fasting plasma glucose and insulin concentrations in man", Diabetologia 1985;28:412-419.
HOMA_IR_TOOLTIP = (
    "HOMA-IR, from the fasting glucose and fasting insulin results of this day:\n"
    "fasting insulin (µU/mL) × fasting glucose (mg/dL) ÷ 405\n"
    "Source: Matthews et al., Diabetologia 1985.\n"
    "An estimate of insulin resistance; talk it through with your care team.\n" + REFERENCE_HINT
)


@dataclass(frozen=True)
class CardText:
    """What one summary card says: ``value`` large, ``unit`` beside it, ``hint`` below."""

    key: str
    label: str
    value: str
    unit: str = ""
    hint: str = ""
    tooltip: str = ""
    kind: EntryKind | None = None

    @property
    def empty(self) -> bool:
        return self.value == NO_VALUE

    @property
    def spoken(self) -> str:
        """The card as a screen reader should say it."""
        value = "nothing logged" if self.empty else f"{self.value} {self.unit}".strip()
        return ", ".join(p for p in (self.label, value, self.hint) if p)


def _glucose_range(view: DayView, unit: GlucoseUnit) -> tuple[str, str]:
    low, high = view.summary.glucose_min_mgdl, view.summary.glucose_max_mgdl
    if low is None or high is None:
        return NO_VALUE, ""
    decimals = 1 if unit is GlucoseUnit.MMOLL else 0

    def shown(mgdl: float) -> str:
        return f"{glucose_from_mgdl(mgdl, unit):.{decimals}f}"

    text = shown(low) if shown(low) == shown(high) else f"{shown(low)}–{shown(high)}"
    return text, unit.value


def _join(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


def summary_cards(view: DayView, units: UnitPreferences) -> list[CardText]:
    """The cards of a day's summary, in the user's units (HOMA-IR only when derivable)."""
    s = view.summary
    readings = sum(1 for e in view.entries if e.kind is EntryKind.GLUCOSE)
    stress_checks = sum(1 for e in view.entries if e.kind is EntryKind.STRESS)
    glucose, glucose_unit = _glucose_range(view, units.glucose)
    cards = [
        CardText(
            "carbs",
            "Carbs",
            format_number(s.carbs_g, 0) if s.carbs_g is not None else NO_VALUE,
            "g" if s.carbs_g is not None else "",
            f"{format_number(s.added_sugar_g)} g added sugar" if s.added_sugar_g else "",
            "Carbohydrates of the day's meals. The AHA suggests at most 25 g of added sugar "
            "a day for women, 36 g for men (Johnson et al., Circulation 2009).\n" + REFERENCE_HINT,
            kind=EntryKind.MEAL,
        ),
        CardText(
            "active",
            "Active",
            str(s.active_minutes) if s.active_minutes else NO_VALUE,
            "min" if s.active_minutes else "",
            tooltip="Minutes of every activity logged today. The WHO suggests 150–300 minutes "
            "of moderate activity a week; vigorous minutes count double, light ones not at all "
            "(WHO 2020).\n" + REFERENCE_HINT,
            kind=EntryKind.EXERCISE,
        ),
        CardText(
            "stress",
            "Stress",
            format_number(s.mean_stress) if s.mean_stress is not None else NO_VALUE,
            "/ 10" if s.mean_stress is not None else "",
            f"average of {stress_checks}" if stress_checks > 1 else "",
            kind=EntryKind.STRESS,
        ),
        CardText(
            "sleep",
            "Sleep",
            format_number(s.sleep_hours) if s.sleep_hours is not None else NO_VALUE,
            "h" if s.sleep_hours is not None else "",
            tooltip="Sleep dated by the morning you woke up. Adults: 7 hours or more "
            "(AASM & Sleep Research Society, Watson et al., Sleep 2015).\n" + REFERENCE_HINT,
            kind=EntryKind.SLEEP,
        ),
        CardText(
            "glucose",
            "Glucose",
            glucose,
            "",
            # The unit goes below the range, which is wide enough on its own.
            _join(
                glucose_unit, f"{readings} reading{'s' if readings > 1 else ''}" if readings else ""
            ),
            "The lowest and highest readings of the day. A fasting glucose below 100 mg/dL "
            "(5.6 mmol/L) is in the normal range (ADA Standards of Care).\n" + REFERENCE_HINT,
            kind=EntryKind.GLUCOSE,
        ),
        CardText(
            "doses",
            "Doses",
            f"{s.doses_taken} of {s.doses_due}" if s.doses_due else NO_VALUE,
            "",
            "taken" if s.doses_due else "" if view.medications else "add yours",
            "Click to see your medications and supplements, and to add or pause one.",
            kind=EntryKind.DOSE,
        ),
    ]
    if view.homa_ir is not None:
        cards.append(
            CardText(
                "homa_ir",
                "HOMA-IR",
                f"{view.homa_ir:.2f}",
                "",
                "from fasting labs",
                HOMA_IR_TOOLTIP,
                EntryKind.LAB,
            )
        )
    return cards


class SummaryCard(QFrame):
    """One number of the day with its label; calm when there is nothing yet."""

    clicked = Signal(str)
    """The card's key, when a clickable card (``CLICKABLE_CARDS``) is clicked."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        if key in CLICKABLE_CARDS:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setObjectName("summaryCard")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._icon = QLabel()
        self._icon.setFixedSize(16, 16)
        self.label = QLabel()
        self.label.setObjectName("summaryLabel")
        self.value = QLabel()
        self.value.setObjectName("summaryValue")
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.85)  # scales with the system font
        big.setWeight(QFont.Weight.DemiBold)
        self.value.setFont(big)
        self.unit = QLabel()
        self.unit.setObjectName("summaryUnit")
        self.hint = QLabel()
        self.hint.setObjectName("summaryHint")
        self._kind: EntryKind | None = None

        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self._icon)
        top.addWidget(self.label, 1)
        number = QHBoxLayout()
        number.setSpacing(4)
        number.addWidget(self.value, 0, Qt.AlignmentFlag.AlignBaseline)
        number.addWidget(self.unit, 0, Qt.AlignmentFlag.AlignBaseline)
        number.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addLayout(number)
        layout.addWidget(self.hint)

    def show_text(self, card: CardText) -> None:
        self._kind = card.kind
        self.label.setText(card.label)
        self.value.setText(card.value)
        self.unit.setText(card.unit)
        self.unit.setVisible(bool(card.unit))
        # A blank hint keeps every card the same height.
        self.hint.setText(card.hint or " ")
        self.setToolTip(card.tooltip)
        self.setAccessibleName(card.spoken)
        self.refresh_icon()
        if self.value.property("empty") != card.empty:
            self.value.setProperty("empty", card.empty)
            # Re-polish only when the look changes (it costs on every day switch), and only
            # a polished label: one not yet shown is polished with the property as it shows.
            if self.value.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
                style = self.value.style()
                style.unpolish(self.value)
                style.polish(self.value)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        inside = self.rect().contains(event.position().toPoint())
        if self.key in CLICKABLE_CARDS and inside and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.key)
            return
        super().mouseReleaseEvent(event)

    def refresh_icon(self) -> None:
        if self._kind is not None:
            self._icon.setPixmap(kind_pixmap(self._kind, 16, kind_accent(self._kind)))


class SummaryStrip(QWidget):
    """A row of :class:`SummaryCard`, one per :class:`CardText`."""

    card_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryStrip")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(10)
        self.cards: dict[str, SummaryCard] = {}

    def show_cards(self, cards: list[CardText]) -> None:
        wanted = [c.key for c in cards]
        for key in list(self.cards):
            if key not in wanted:
                gone = self.cards.pop(key)
                gone.hide()  # at once: deleteLater waits for the event loop
                self._layout.removeWidget(gone)
                gone.deleteLater()
        for index, card in enumerate(cards):
            widget = self.cards.get(card.key)
            if widget is None:
                widget = SummaryCard(card.key, self)
                widget.clicked.connect(self.card_clicked)
                self.cards[card.key] = widget
                self._layout.insertWidget(index, widget)
            widget.show_text(card)

    def refresh_icons(self) -> None:
        for card in self.cards.values():
            card.refresh_icon()

    def card_value(self, key: str) -> str:
        """The value and unit a card shows (for tests and screen readers)."""
        card = self.cards[key]
        return f"{card.value.text()} {card.unit.text()}".strip()
