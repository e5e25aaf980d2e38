"""Acronym detection (Schwartz & Hearst) and the list of abbreviations a brief prints."""

from __future__ import annotations

import pytest

from make_brief.content.acronyms import Acronym, collect_acronyms, find_definitions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the World Customs Organization (WCO) said", {"WCO": "World Customs Organization"}),
        (
            "co-chair of the UN Global Compact's Border Management and Law Enforcement "
            "relating to counter-terrorism Working Group (BMLE WG).",
            {
                "BMLE WG": "Border Management and Law Enforcement relating to "
                "counter-terrorism Working Group"
            },
        ),
        ("the UN Office of Counter-Terrorism (UNOCT)", {"UNOCT": "UN Office of Counter-Terrorism"}),
        ("the UN Office on Drugs and Crime (UNODC)", {"UNODC": "UN Office on Drugs and Crime"}),
        ("Safe Framework of Standards (SAFE FoS)", {"SAFE FoS": "Safe Framework of Standards"}),
        ("investment in research and development (R&D) grew", {"R&D": "research and development"}),
        ("the Group of 20 (G20) met", {"G20": "Group of 20"}),
        ('the so-called "Single Window" (SW) is', {"SW": "Single Window"}),
        (
            "the U.S. Customs and Border Protection (CBP) said",
            {"CBP": "Customs and Border Protection"},
        ),
    ],
)
def test_definitions_found(text: str, expected: dict[str, str]) -> None:
    assert find_definitions(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the Global Counter-Terrorism Coordination Compact (the Compact)",
        "adopted in Brussels (2020) by members",
        "the details are in the report (see annex)",
        "the details are in the report (see Annex)",
        "as noted in the attached note exchange (Annex)",
        "a reform (see below) was agreed",
        "the three pillars of the strategy (one two three) are",
        "Customs (CUSTOMS) matters",
        "no letters match here at all (XYZ)",
        "the organisation (e.g. WCO) said",
        "",
        "()",
    ],
)
def test_non_acronyms_ignored(text: str) -> None:
    assert find_definitions(text) == {}


def test_first_definition_wins() -> None:
    text = "World Customs Organization (WCO) and later Wider Customs Office (WCO)."
    assert find_definitions(text) == {"WCO": "World Customs Organization"}


def test_long_form_stays_in_its_sentence() -> None:
    assert find_definitions("We met the Minister. World Customs Organization (WCO)") == {
        "WCO": "World Customs Organization"
    }


def test_markdown_stripped() -> None:
    text = "the **World** *Customs* [Organization](https://www.wcoomd.org) (WCO) said"
    assert find_definitions(text) == {"WCO": "World Customs Organization"}
    assert find_definitions("**World Customs Organization (WCO)**") == {
        "WCO": "World Customs Organization"
    }


def test_collect_uses_definitions_across_texts() -> None:
    texts = ["the World Customs Organization (WCO) said", "Later the UNODC agreed."]
    declared = {"UNODC": "United Nations Office on Drugs and Crime"}
    assert collect_acronyms(texts, declared) == [
        Acronym("UNODC", "United Nations Office on Drugs and Crime"),
        Acronym("WCO", "World Customs Organization"),
    ]


def test_declared_wins_over_found() -> None:
    texts = ["the World Customs Organization (WCO) said"]
    assert collect_acronyms(texts, {"WCO": "World Customs Org."}) == [
        Acronym("WCO", "World Customs Org.")
    ]


def test_first_text_wins() -> None:
    texts = ["World Customs Organization (WCO)", "Wider Customs Office (WCO)"]
    assert collect_acronyms(texts, {}) == [Acronym("WCO", "World Customs Organization")]


def test_unused_declared_acronym_left_out() -> None:
    declared = {"WCO": "World Customs Organization", "UNOCT": "UN Office of Counter-Terrorism"}
    assert collect_acronyms(["The WCO met."], declared) == [
        Acronym("WCO", "World Customs Organization")
    ]


@pytest.mark.parametrize("text", ["The WCOs met.", "The AWCO met.", "The wco met.", "WCO_x"])
def test_occurrence_is_whole_word_and_case_sensitive(text: str) -> None:
    assert collect_acronyms([text], {"WCO": "World Customs Organization"}) == []


@pytest.mark.parametrize("text", ["The WCO's view.", "(WCO)", "**WCO**", "WCO-led", "WCO."])
def test_occurrence_next_to_punctuation(text: str) -> None:
    assert collect_acronyms([text], {"WCO": "World Customs Organization"}) == [
        Acronym("WCO", "World Customs Organization")
    ]


def test_occurrence_in_link_target_does_not_count() -> None:
    text = "see [the site](https://example.org/WCO)"
    assert collect_acronyms([text], {"WCO": "World Customs Organization"}) == []


def test_two_word_short_form_occurrence() -> None:
    texts = ["the BMLE\nWG met"]
    assert collect_acronyms(texts, {"BMLE WG": "Working Group"}) == [
        Acronym("BMLE WG", "Working Group")
    ]


def test_sorted_case_insensitively() -> None:
    declared = {"WCO": "w", "abc": "a", "UNODC": "u", "Bx": "b"}
    result = collect_acronyms(["WCO abc UNODC Bx"], declared)
    assert [a.short for a in result] == ["abc", "Bx", "UNODC", "WCO"]


def test_empty_inputs() -> None:
    assert collect_acronyms([], {}) == []
    assert collect_acronyms([""], {}) == []
    assert collect_acronyms([], {"WCO": "World Customs Organization"}) == []
    assert collect_acronyms(iter(["no acronyms here"]), {}) == []
