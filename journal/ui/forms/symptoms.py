"""The symptom check-in: a 0-10 rating per symptom, and body regions where they matter.

The ratings form one column, read (and tabbed) top to bottom; where a rated symptom is
felt is asked beside them, so rating pain does not push fatigue down the form."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from journal.domain.vocabulary import BODY_REGIONS, REGIONAL_SYMPTOMS, SYMPTOMS
from journal.ui.forms.fields import Field, Values, muted_label
from journal.ui.forms.inputs import ChipSet, ScaleInput

# Bristol Stool Form Scale (Lewis & Heaton, Scand J Gastroenterol 1997).
BRISTOL_TYPES: dict[int, str] = {
    1: "separate hard lumps",
    2: "lumpy and sausage-like",
    3: "sausage with cracks on the surface",
    4: "smooth, soft sausage",
    5: "soft blobs with clear-cut edges",
    6: "mushy, with ragged edges",
    7: "watery, no solid pieces",
}


def describe_bristol(kind: int) -> str:
    return f"Type {kind}: {BRISTOL_TYPES.get(kind, '')}"


class _SymptomRow(QWidget):
    """One symptom: its rating, and (for pain, stiffness ...) where, once it is rated; the
    "where" box is laid out by ``SymptomRegionsField``."""

    def __init__(self, symptom: str) -> None:
        super().__init__()
        self.symptom = symptom
        self.scale = ScaleInput(0, 10, optional=True)
        self.scale.setAccessibleName(symptom.capitalize())
        self.state = muted_label("not rated")
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(8)
        top.addWidget(self.scale)
        top.addWidget(self.state)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        self.regions: ChipSet | None = None
        self.where: QWidget | None = None
        if symptom in REGIONAL_SYMPTOMS:
            self.regions = ChipSet(BODY_REGIONS)
            for chip in self.regions.chips():
                chip.setAccessibleName(f"{symptom} in {chip.text()}")
            self.where = QWidget()
            where_layout = QVBoxLayout(self.where)
            where_layout.setContentsMargins(0, 0, 0, 4)
            where_layout.setSpacing(4)
            where_layout.addWidget(muted_label(f"Where is the {symptom}? (optional)"))
            where_layout.addWidget(self.regions)
            self.where.hide()
        self.scale.valueChanged.connect(self._rated)

    def _rated(self, value: int | None) -> None:
        self.state.setText("not rated" if value is None else "")
        if self.where is not None:
            self.where.setVisible(value is not None and value > 0)


class SymptomScoresField(Field):
    """Writes ``scores`` (only the symptoms rated) and ``regions`` (only where given); the
    regions are shown by its ``regions_field``."""

    def __init__(self, label_hint: str, symptoms: Sequence[str] = SYMPTOMS) -> None:
        """``symptoms``: the ones to offer, in order (the profile service chooses them)."""
        self._hint = label_hint
        self.symptom_rows = [_SymptomRow(s) for s in symptoms or SYMPTOMS]
        super().__init__("scores", self.symptom_rows[0].symptom.capitalize(), optional=True)

    def build(self) -> QWidget:
        return self.symptom_rows[0]

    def rows(self) -> list[tuple[str | None, QWidget]]:
        hint = QLabel(self._hint)
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        rest = [(row.symptom.capitalize(), row) for row in self.symptom_rows[1:]]
        return [(None, hint), (self.label, self.container), *rest]

    def row(self, symptom: str) -> _SymptomRow:
        return next(r for r in self.symptom_rows if r.symptom == symptom)

    def focus_widget(self) -> QWidget:
        return self.symptom_rows[0].scale

    def focus_chain(self) -> list[QWidget]:
        # One rating after another, so "6 Tab 7 Enter" rates pain then fatigue.
        return [r.scale for r in self.symptom_rows]

    def regions_field(self) -> SymptomRegionsField:
        """The "where is it?" boxes, to lay out beside the ratings."""
        return SymptomRegionsField(self)

    def load(self, values: Mapping[str, Any]) -> None:
        scores: Mapping[str, int] = values.get("scores") or {}
        regions: Mapping[str, tuple[str, ...]] = values.get("regions") or {}
        for row in self.symptom_rows:
            row.scale.setValue(scores.get(row.symptom))
            if row.regions is not None:
                row.regions.set_checked(regions.get(row.symptom, ()))

    def store(self, values: Values) -> None:
        scores: dict[str, int] = {}
        regions: dict[str, tuple[str, ...]] = {}
        for row in self.symptom_rows:
            value = row.scale.value()
            if value is None:
                continue
            scores[row.symptom] = value
            if row.regions is not None and value > 0 and row.regions.checked():
                regions[row.symptom] = row.regions.checked()
        values["scores"] = scores
        values["regions"] = regions

    def get(self) -> Any:
        values: Values = {}
        self.store(values)
        return values["scores"]

    def set(self, value: Any) -> None:
        self.load({"scores": value})

    def connect_edited(self, slot: Callable[[], None]) -> None:
        for row in self.symptom_rows:
            row.scale.valueChanged.connect(lambda _v: slot())


class SymptomRegionsField(Field):
    """Where each rated symptom is felt (pain, stiffness ...), shown once it is rated above
    0. The ratings field reads and writes the regions; this one lays them out and gives
    their messages."""

    def __init__(self, scores: SymptomScoresField) -> None:
        self.scores = scores
        super().__init__("regions", "Where", optional=True)

    def build(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for row in self.scores.symptom_rows:
            if row.where is not None:
                layout.addWidget(row.where)
        return box

    def rows(self) -> list[tuple[str | None, QWidget]]:
        return [(None, self.container)]  # each box says what it asks

    def focus_widget(self) -> QWidget:
        return self.editor  # the chips keep their own names ("pain in knees")

    def focus_chain(self) -> list[QWidget]:
        return [chip for r in self.scores.symptom_rows if r.regions for chip in r.regions.chips()]

    def load(self, values: Mapping[str, Any]) -> None:
        pass  # the ratings field loads the regions with the scores they belong to

    def store(self, values: Values) -> None:
        pass

    def get(self) -> Any:
        return None

    def set(self, value: Any) -> None:
        pass
