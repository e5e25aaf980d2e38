"""Acronym detection (Schwartz & Hearst) and the list of abbreviations a brief prints."""

from __future__ import annotations

import bisect
import importlib.util
import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from make_brief.content import acronyms
from make_brief.content.acronyms import Acronym, collect_acronyms, find_definitions
from make_brief.content.context import printed_texts
from make_brief.content.load import load_brief


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


# --- the fast collection agrees with the plain one --------------------------------------
# collect_acronyms searches all of a brief's texts at once, joined, and skips Markdown
# work on texts without markers. The reference below is the text-by-text algorithm it
# replaced, kept to show the list printed is the same on real, generated and hostile input.


def _reference_plain(text: str) -> str:
    return acronyms._EMPHASIS.sub("", acronyms._LINK.sub(r"\1", text))


def _reference_definitions(text: str) -> dict[str, str]:
    text = _reference_plain(text)
    found: dict[str, str] = {}
    boundaries = [m.end() for m in acronyms._BOUNDARY.finditer(text)]
    for match in acronyms._PAREN.finditer(text):
        short = re.split(r"[,;]\s", match.group(1))[0].strip()
        if short in found or not acronyms._is_short_form(short):
            continue
        index = bisect.bisect_right(boundaries, match.start()) - 1
        cut = max(boundaries[index] if index >= 0 else 0, match.start() - acronyms._WINDOW)
        n = sum(c.isalnum() for c in short)
        words = text[cut : match.start()].split()[-min(n + 5, n * 2) :]
        long = acronyms._best_long_form(short, " ".join(words))
        if long is None:
            continue
        long = long.strip(acronyms._STRIP)
        contains_short = re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long, re.IGNORECASE)
        if len(long) > len(short) and not contains_short:
            found[short] = long
    return found


def _reference_collect(texts: Iterable[str], declared: Mapping[str, str]) -> list[Acronym]:
    plain = [_reference_plain(text) for text in texts]
    merged: dict[str, str] = {}
    for text in plain:
        for short, long in _reference_definitions(text).items():
            merged.setdefault(short, long)
    merged.update(declared)
    words = {w for text in plain for w in acronyms._WORD.findall(text)}

    def occurs(short: str) -> bool:
        if acronyms._WORD.fullmatch(short):
            return short in words
        pattern = r"\s+".join(re.escape(part) for part in short.split())
        word = re.compile(rf"(?<!\w){pattern}(?!\w)")
        return any(word.search(text) for text in plain)

    used = [Acronym(s, long) for s, long in merged.items() if s.strip() and occurs(s)]
    return sorted(used, key=lambda a: (a.short.casefold(), a.short))


ROOT = Path(__file__).resolve().parents[1]


def _briefs(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yaml"))


def _assert_same_as_reference(path: Path) -> None:
    brief = load_brief(path).brief
    texts = list(printed_texts(brief))
    assert collect_acronyms(texts, brief.acronyms) == _reference_collect(texts, brief.acronyms)


@pytest.mark.parametrize(
    "path",
    _briefs(ROOT / "content") + _briefs(ROOT / "tests" / "cases" / "valid"),
    ids=lambda p: p.name,
)
def test_same_as_reference_on_shipped_briefs(path: Path) -> None:
    _assert_same_as_reference(path)


def test_same_as_reference_on_generated_briefs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = importlib.util.spec_from_file_location(
        "generate_corpus", ROOT / "benchmarks" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    # Its dataclasses look their module up by name while being defined.
    monkeypatch.setitem(sys.modules, spec.name, generate)
    spec.loader.exec_module(generate)
    yamls, _ = generate.generate(tmp_path, 24, types=generate.TYPES)
    for path in yamls:
        _assert_same_as_reference(path)


# Pieces that meet at the joints between texts: brackets left open or closed, Markdown
# markers (and a link that dropping an emphasis marker completes), sentence ends and short
# forms, including declared ones holding brackets.
_PIECES = [
    "World", "Customs", "Organization", "World Customs Organization", "WCO", "(WCO)", " (WCO)",
    "R&D", "research and development", "(R&D)", "A/P", "ab", "x", "(", ")", "[", "]", "](",
    "](u)", "*", "**", "_", "__", ".", ". ", ";", ":", ",", " ", "\n", "()", "]*(",
    "World Customs [Organization]*(u)",
]  # fmt: skip
_KEYS = ["WCO", "R&D", "A/P", "A(", "X()Y", "()", ")", "WCO ", "ab x", "x", "_"]


@settings(max_examples=500, deadline=None)
@given(
    texts=st.lists(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join), max_size=5),
    declared=st.dictionaries(st.sampled_from(_KEYS), st.just("declared"), max_size=4),
)
# A long form in one text and its bracket in the next; a link completed by dropping '*';
# declared forms that the joint's brackets could fake.
@example(texts=["World Customs Organization", "(WCO)"], declared={})
@example(texts=["World Customs Organization (", "WCO)"], declared={})
@example(texts=["World Customs [Organization]*(u) (WCO)"], declared={})
@example(texts=["A", "B"], declared={"A(": "x", ")B": "y", "A()B": "z"})
def test_same_as_reference_on_hostile_texts(texts: list[str], declared: dict[str, str]) -> None:
    assert collect_acronyms(texts, declared) == _reference_collect(texts, declared)


def test_same_as_reference_with_many_short_forms() -> None:
    # Past a few dozen short forms the words are listed once rather than searched for.
    declared = {f"AB{i}": f"declared {i}" for i in range(100)} | {"R&D": "r", "A/P B": "p"}
    texts = [
        "AB1 and AB20x, (AB30) xAB40",
        "Alpha Beta (AB50)",
        "Research and Development (R&D)",
        "A/P\nB and AB99",
    ]
    result = collect_acronyms(texts, declared)
    assert result == _reference_collect(texts, declared)
    assert [a.short for a in result] == ["A/P B", "AB1", "AB30", "AB50", "AB99", "R&D"]
