"""The conditions people set up the journal for, and what each one suggests: the symptoms a
check-in offers, whether it comes in flares, trackers worth offering, glucose checks.

One table, read by the profile service (symptom list, flare default, suggestions) and the
welcome. Each condition's symptoms are the typical ones its public health page lists, with
the page named beside it: facts to choose what a form offers, never advice or a diagnosis.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from journal.domain.vocabulary import SYMPTOMS, TrackerType


class Condition(StrEnum):
    """A condition the welcome offers; the value is how flares and settings name it (the
    autoimmune ones are spelled as ``vocabulary.CONDITIONS`` spells them)."""

    RHEUMATOID_ARTHRITIS = "rheumatoid arthritis"
    LUPUS = "lupus"
    HASHIMOTOS = "Hashimoto's"
    PSORIASIS = "psoriasis"
    IBD = "IBD"
    CELIAC = "celiac disease"
    MULTIPLE_SCLEROSIS = "multiple sclerosis"
    TYPE_2_DIABETES = "type 2 diabetes"
    PREDIABETES = "prediabetes"
    PCOS = "PCOS"


@dataclass(frozen=True)
class TrackerSuggestion:
    """A tracker the welcome offers to add (a plain ``Tracker`` once chosen)."""

    name: str
    type: TrackerType
    unit: str = ""
    why: str = ""
    """One factual line saying why people with the condition follow it."""


@dataclass(frozen=True)
class ConditionSpec:
    condition: Condition
    label: str
    """How the welcome names it: "Rheumatoid arthritis (RA)"."""
    flares: bool
    """Whether it comes and goes in flares (the autoimmune ones), so a flare can be of it."""
    symptoms: tuple[str, ...]
    """Typical symptoms, in the words of the check-in, most typical first."""
    trackers: tuple[TrackerSuggestion, ...] = ()
    glucose_checks: bool = False
    """Whether checking glucose is part of living with it (morning reminder on by default)."""


# Symptoms beyond the general check-in (``vocabulary.SYMPTOMS``), in the order a form lists
# them after the general ones.
EXTRA_SYMPTOMS: tuple[str, ...] = (
    "itch",
    "numbness or tingling",
    "dizziness",
    "vision problems",
    "feeling cold",
    "thirst",
    "acne",
)
SYMPTOM_ORDER: tuple[str, ...] = SYMPTOMS + EXTRA_SYMPTOMS

_BOWEL_MOVEMENTS = TrackerSuggestion(
    "Bowel movements",
    TrackerType.NUMBER,
    "times",
    # Stool frequency is counted by the Harvey-Bradshaw index (Harvey & Bradshaw, Lancet
    # 1980) and the Mayo score for ulcerative colitis (Schroeder et al., NEJM 1987).
    "How many a day: IBD activity scores count them.",
)

CONDITION_SPECS: tuple[ConditionSpec, ...] = (
    # NHS, "Rheumatoid arthritis: symptoms" (nhs.uk/conditions/rheumatoid-arthritis/symptoms):
    # joint pain, stiffness (worse in the morning, often lasting longer than 30 minutes),
    # swelling, warmth and redness; tiredness and a lack of energy.
    ConditionSpec(
        Condition.RHEUMATOID_ARTHRITIS,
        "Rheumatoid arthritis (RA)",
        flares=True,
        symptoms=("pain", "stiffness", "swelling", "fatigue"),
        trackers=(
            TrackerSuggestion(
                "Morning stiffness",
                TrackerType.NUMBER,
                "minutes",
                # ACR 1987 criteria (Arnett et al., Arthritis Rheum 1988): morning stiffness
                # lasting at least an hour; NHS: RA morning stiffness often lasts > 30 min.
                "How long joints stay stiff after waking, which RA often lengthens.",
            ),
        ),
    ),
    # NHS, "Lupus" (nhs.uk/conditions/lupus): joint and muscle pain, extreme tiredness, rashes
    # (often across the cheeks and nose, worse in sunlight); also swelling, memory problems.
    # NIAMS, "Lupus" (niams.nih.gov/health-topics/lupus): ultraviolet light can bring on
    # rashes and flares.
    ConditionSpec(
        Condition.LUPUS,
        "Lupus (SLE)",
        flares=True,
        symptoms=("pain", "fatigue", "rash", "swelling", "brain fog"),
        trackers=(
            TrackerSuggestion(
                "Time in the sun",
                TrackerType.NUMBER,
                "minutes",
                "Sunlight can bring on lupus rashes and flares (NIAMS).",
            ),
        ),
    ),
    # NIDDK, "Hashimoto's disease" (niddk.nih.gov/health-information/endocrine-diseases/
    # hashimotos-disease): the symptoms of an underactive thyroid: tiredness, trouble
    # tolerating cold, joint and muscle pain, constipation, memory problems.
    ConditionSpec(
        Condition.HASHIMOTOS,
        "Hashimoto's thyroiditis",
        flares=True,
        symptoms=("fatigue", "feeling cold", "pain", "brain fog", "digestive"),
    ),
    # NHS, "Psoriasis: symptoms" (nhs.uk/conditions/psoriasis/symptoms): red, flaky patches
    # of skin that can itch or feel sore; up to 1 in 3 people with psoriasis get psoriatic
    # arthritis, with painful, swollen and stiff joints (nhs.uk/conditions/psoriatic-arthritis).
    ConditionSpec(
        Condition.PSORIASIS,
        "Psoriasis or psoriatic arthritis",
        flares=True,
        symptoms=("rash", "itch", "pain", "stiffness", "swelling"),
    ),
    # NHS, "Inflammatory bowel disease" (nhs.uk/conditions/inflammatory-bowel-disease):
    # Crohn's disease and ulcerative colitis: recurring diarrhoea, stomach pain and cramps,
    # blood in the stool, extreme tiredness.
    ConditionSpec(
        Condition.IBD,
        "IBD (Crohn's or ulcerative colitis)",
        flares=True,
        symptoms=("digestive", "pain", "bloating", "fatigue"),
        trackers=(
            _BOWEL_MOVEMENTS,
            TrackerSuggestion(
                "Blood in stool",
                TrackerType.YES_NO,
                # The Mayo score counts rectal bleeding (Schroeder et al., NEJM 1987).
                why="Yes or no each day: IBD activity scores ask about bleeding.",
            ),
        ),
    ),
    # NHS, "Coeliac disease: symptoms" (nhs.uk/conditions/coeliac-disease/symptoms):
    # diarrhoea, stomach aches, bloating and wind, indigestion, constipation; tiredness.
    ConditionSpec(
        Condition.CELIAC,
        "Celiac disease",
        flares=True,
        symptoms=("digestive", "bloating", "fatigue", "pain"),
    ),
    # NHS, "Multiple sclerosis: symptoms" (nhs.uk/conditions/multiple-sclerosis/symptoms):
    # fatigue, vision problems, numbness and tingling, muscle stiffness and spasms, pain,
    # problems with thinking and memory, dizziness and balance problems. MS Society, "Heat
    # sensitivity": a rise in body temperature can make symptoms worse for a while
    # (Uhthoff's phenomenon).
    ConditionSpec(
        Condition.MULTIPLE_SCLEROSIS,
        "Multiple sclerosis (MS)",
        flares=True,
        symptoms=(
            "fatigue",
            "numbness or tingling",
            "stiffness",
            "pain",
            "brain fog",
            "dizziness",
            "vision problems",
        ),
        trackers=(
            TrackerSuggestion(
                "Felt overheated",
                TrackerType.YES_NO,
                why="Heat can bring MS symptoms on for a while (MS Society).",
            ),
        ),
    ),
    # NHS, "Type 2 diabetes: symptoms" (nhs.uk/conditions/type-2-diabetes/symptoms): feeling
    # thirsty all the time, feeling very tired, blurred vision, peeing more than usual; many
    # people have no symptoms.
    ConditionSpec(
        Condition.TYPE_2_DIABETES,
        "Type 2 diabetes",
        flares=False,
        symptoms=("fatigue", "thirst", "vision problems"),
        glucose_checks=True,
    ),
    # CDC, "About prediabetes" (cdc.gov/diabetes/prevention-type-2): you can have
    # prediabetes for years without clear symptoms, so no symptom list of its own.
    ConditionSpec(
        Condition.PREDIABETES,
        "Prediabetes or insulin resistance",
        flares=False,
        symptoms=(),
        glucose_checks=True,
    ),
    # NHS, "Polycystic ovary syndrome: symptoms" (nhs.uk/conditions/polycystic-ovary-
    # syndrome-pcos/symptoms): irregular or no periods, excess hair growth, weight gain,
    # thinning hair, oily skin or acne.
    ConditionSpec(
        Condition.PCOS,
        "PCOS",
        flares=False,
        symptoms=("acne",),
        trackers=(
            TrackerSuggestion(
                "Period",
                TrackerType.YES_NO,
                why="Irregular periods are the most common sign of PCOS (NHS).",
            ),
        ),
    ),
)

_SPECS = {spec.condition: spec for spec in CONDITION_SPECS}


def condition_spec(condition: Condition) -> ConditionSpec:
    return _SPECS[condition]


def split_other(text: str) -> tuple[str, ...]:
    """The user's own conditions from the "Other" field: "Sjögren's, gout" -> both, trimmed,
    without repeats (commas or semicolons between them)."""
    seen: dict[str, str] = {}
    for part in re.split(r"[,;]+", text):
        name = " ".join(part.split())
        if name and name.lower() not in seen:
            seen[name.lower()] = name
    return tuple(seen.values())


def symptoms_for(conditions: Iterable[Condition], also: Iterable[str] = ()) -> tuple[str, ...]:
    """The symptoms a check-in offers: those typical of ``conditions`` and the ones in
    ``also`` (already rated), in one steady order. None typical (no condition chosen, or
    only prediabetes): the general list, so the check-in is never empty."""
    wanted = {symptom for c in conditions for symptom in _SPECS[c].symptoms}
    if not wanted:
        wanted = set(SYMPTOMS)
    wanted.update(s for s in also if s.strip())
    known = [s for s in SYMPTOM_ORDER if s in wanted]
    # Symptoms the journal has from elsewhere (an import, an older version) go last.
    return (*known, *sorted(wanted - set(SYMPTOM_ORDER)))


def flare_conditions(conditions: Iterable[Condition], others: Sequence[str] = ()) -> list[str]:
    """The names a flare may be of, in the order chosen: the conditions that flare, then the
    user's own (which the journal cannot know do not)."""
    names = [c.value for c in conditions if _SPECS[c].flares]
    return names + [o for o in others if o.lower() not in {n.lower() for n in names}]


def trackers_for(conditions: Iterable[Condition]) -> tuple[TrackerSuggestion, ...]:
    """The trackers worth offering for ``conditions``, each once, in table order."""
    chosen = set(conditions)
    found: dict[str, TrackerSuggestion] = {}
    for spec in CONDITION_SPECS:
        if spec.condition in chosen:
            for tracker in spec.trackers:
                found.setdefault(tracker.name.lower(), tracker)
    return tuple(found.values())


def checks_glucose(conditions: Iterable[Condition]) -> bool:
    return any(_SPECS[c].glucose_checks for c in conditions)
