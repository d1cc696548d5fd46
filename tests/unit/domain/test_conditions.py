"""The condition table: what each condition sets in the check-in, flares and trackers."""

from __future__ import annotations

from journal.domain.conditions import (
    CONDITION_SPECS,
    SYMPTOM_ORDER,
    Condition,
    checks_glucose,
    flare_conditions,
    split_other,
    symptoms_for,
    trackers_for,
)
from journal.domain.vocabulary import CONDITIONS, SYMPTOMS, TrackerType


def test_every_condition_is_in_the_table_once() -> None:
    assert [spec.condition for spec in CONDITION_SPECS] == list(Condition)


def test_every_typical_symptom_has_a_place_in_the_check_in_order() -> None:
    for spec in CONDITION_SPECS:
        assert set(spec.symptoms) <= set(SYMPTOM_ORDER), spec.condition
    assert len(set(SYMPTOM_ORDER)) == len(SYMPTOM_ORDER)


def test_conditions_that_flare_are_spelled_as_the_flare_form_spells_them() -> None:
    for spec in CONDITION_SPECS:
        if spec.flares:
            assert spec.condition.value in CONDITIONS


def test_rheumatoid_arthritis_offers_joint_symptoms_in_the_usual_order() -> None:
    assert symptoms_for([Condition.RHEUMATOID_ARTHRITIS]) == (
        "pain",
        "fatigue",
        "stiffness",
        "swelling",
    )


def test_two_conditions_offer_the_union_once_each() -> None:
    offered = symptoms_for([Condition.LUPUS, Condition.MULTIPLE_SCLEROSIS])
    assert len(offered) == len(set(offered))
    assert {"rash", "numbness or tingling", "fatigue"} <= set(offered)
    assert "bloating" not in offered


def test_no_condition_or_only_prediabetes_offers_the_general_list() -> None:
    assert symptoms_for([]) == SYMPTOMS
    assert symptoms_for([Condition.PREDIABETES]) == SYMPTOMS


def test_symptoms_already_rated_stay_offered() -> None:
    offered = symptoms_for([Condition.PCOS], also=["digestive", "hiccups"])
    assert offered == ("digestive", "acne", "hiccups")


def test_metabolic_conditions_do_not_flare_and_others_come_last() -> None:
    names = flare_conditions(
        [Condition.TYPE_2_DIABETES, Condition.LUPUS, Condition.CELIAC], ["Sjögren's", "lupus"]
    )
    assert names == ["lupus", "celiac disease", "Sjögren's"]


def test_trackers_come_once_each_and_in_table_order() -> None:
    found = trackers_for([Condition.CELIAC, Condition.IBD, Condition.RHEUMATOID_ARTHRITIS])
    assert [t.name for t in found] == ["Morning stiffness", "Bowel movements", "Blood in stool"]
    assert found[0].type is TrackerType.NUMBER and found[0].unit == "minutes"
    assert found[2].type is TrackerType.YES_NO
    assert all(t.why for t in found)


def test_glucose_checks_go_with_diabetes_and_prediabetes_only() -> None:
    assert checks_glucose([Condition.PREDIABETES])
    assert checks_glucose([Condition.LUPUS, Condition.TYPE_2_DIABETES])
    assert not checks_glucose([Condition.LUPUS, Condition.PCOS])


def test_other_conditions_are_split_trimmed_and_unique() -> None:
    assert split_other(" Sjögren's ,  gout; sjögren's ;; ") == ("Sjögren's", "gout")
    assert split_other("   ") == ()
