"""Acronyms a brief defines and uses, for its list of abbreviations.

Authors write ``World Customs Organization (WCO)`` in running text; the reader of a
printed brief needs the list without the author keeping it by hand. Definitions are found
with the Schwartz & Hearst (2003) algorithm, "A simple algorithm for identifying
abbreviation definitions in biomedical text". It is hand-written here because no small,
well-kept library does it without a large NLP stack (scispaCy and a spaCy model), far too
heavy for one list in a PDF.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple


class Acronym(NamedTuple):
    """One entry of the list of abbreviations."""

    short: str  # e.g. "WCO"
    long: str  # e.g. "World Customs Organization"


# Markdown that must not leak into a long form: ``[text](url)`` keeps its text, and
# ``*``/``_`` emphasis markers go (an underscore inside a word is left alone).
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)")
_PAREN = re.compile(r"\(([^()]*)\)")
# A long form stays inside its sentence: look back no further than a bracket, ';', ':'
# or a sentence mark after a lowercase word (so "U.S." inside a name does not cut it).
_BOUNDARY = re.compile(r"[()\[\];:]|(?<=[a-z0-9]{2})[.!?](?=\s)")
# Letters/digits, with '&', '-', '.', '/' inside, at most two words: "R&D", "BMLE WG".
_SHORT_FORM = re.compile(r"[^\W_](?:[^\W_]|[&./-])*(?: (?:[^\W_]|[&./-])+)?")
_WORD = re.compile(r"\w+")
_SHORT_END = re.compile(r"[,;]\s")
#: How far before a bracket a long form is looked for, in characters.
_WINDOW = 600
#: How many short forms are searched for one by one before the texts' words are listed.
_SEARCHES = 64
#: What the texts are joined with, to search them all at once as if one by one: an empty
#: bracket pair is a boundary no long form crosses, no bracket spans and no short form
#: is, and, holding no word character, it ends the words either side as a text's end does.
_JOIN = "()"
_STRIP = " \t\n\"'`“”‘’«».,;:!?-–—"


def _plain(text: str) -> str:
    """Drop Markdown markers so they neither join a long form nor fake an occurrence."""
    # Most printed strings hold no marker at all; the emphasis pattern has no literal to
    # skip ahead to, so running it over every string cost more than all the rest.
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub("", text)
    return text


def _is_short_form(candidate: str) -> bool:
    """Whether a parenthesised text can be an acronym rather than prose or a year.

    Beyond Schwartz & Hearst's checks, prose such as "(see annex)", "(the Compact)" or a
    single capitalised word "(Annex)" is refused: every word needs an uppercase letter or
    digit, and the whole at least two of them. An acronym with a single capital (e.g.
    "Mercosur") is missed here; the brief's declared map covers it.
    """
    if not 2 <= len(candidate) <= 10 or not _SHORT_FORM.fullmatch(candidate):
        return False
    if not any(c.isupper() for c in candidate):
        return False
    if any(not any(c.isupper() or c.isdigit() for c in w) for w in candidate.split()):
        return False
    return sum(c.isupper() or c.isdigit() for c in candidate) >= 2


def _best_long_form(short: str, window: str) -> str | None:
    """Schwartz & Hearst's backward match: each letter/digit of the short form, last
    first, is found right to left in the window; the first one must start a word."""
    chars = [c.lower() for c in short if c.isalnum()]
    s, i = len(chars) - 1, len(window) - 1
    while s >= 0:
        c = chars[s]
        while i >= 0 and (window[i].lower() != c or (s == 0 and i > 0 and window[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    return window[window.rfind(" ", 0, i + 1) + 1 :]


def find_definitions(text: str) -> dict[str, str]:
    """'Full Name (ACR)' pairs defined in plain text -> {ACR: Full Name}. First definition wins.

    Authors define an acronym once and may later restate it loosely; the first, most
    careful definition is the one the list shows.
    """
    return _definitions(_plain(text))


def _definitions(text: str) -> dict[str, str]:
    """:func:`find_definitions` of a text already without Markdown markers."""
    found: dict[str, str] = {}
    # Linear in the text: the boundaries are found once and looked up by position, and
    # only a bounded window before each bracket is read (a long form has at most twenty
    # words). Scanning all the text before every bracket made a 140 KB file take 40 s.
    boundaries = [m.end() for m in _BOUNDARY.finditer(text)]
    for match in _PAREN.finditer(text):
        # Schwartz & Hearst keep only what comes before a ',' or ';' inside the brackets.
        short = _SHORT_END.split(match.group(1), maxsplit=1)[0].strip()
        if short in found or not _is_short_form(short):
            continue
        index = bisect.bisect_right(boundaries, match.start()) - 1
        cut = max(boundaries[index] if index >= 0 else 0, match.start() - _WINDOW)
        n = sum(c.isalnum() for c in short)
        words = text[cut : match.start()].split()[-min(n + 5, n * 2) :]
        long = _best_long_form(short, " ".join(words))
        if long is None:
            continue
        long = long.strip(_STRIP)
        contains_short = re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long, re.IGNORECASE)
        if len(long) > len(short) and not contains_short:
            found[short] = long
    return found


def _occurs(short: str, texts: list[str], joined: str, words: set[str] | None) -> bool:
    """A whole-word, case-sensitive use: "WCOs" or "AWCO" is not a use of "WCO".

    A short form made of word characters alone occurs exactly when it is one of the
    maximal runs of word characters: ``words`` if given (a set look-up), else searched for
    in ``joined``, the texts joined by :data:`_JOIN` (no match runs across it). Forms with
    spaces or signs ("R&D", "ROCB A/P") are searched for text by text: a declared one may
    hold a bracket of the joint."""
    if _WORD.fullmatch(short):
        if words is not None:
            return short in words
        return (
            short in joined and re.search(rf"(?<!\w){re.escape(short)}(?!\w)", joined) is not None
        )
    pattern = r"\s+".join(re.escape(part) for part in short.split())
    word = re.compile(rf"(?<!\w){pattern}(?!\w)")
    return any(word.search(text) for text in texts)


def collect_acronyms(texts: Iterable[str], declared: Mapping[str, str]) -> list[Acronym]:
    """The acronyms a brief uses: definitions found in the texts plus the declared map
    (declared entries win over found ones); keep only those whose short form occurs in
    the texts as a whole word (case-sensitive; an occurrence inside the '(ACR)' of its own
    definition counts); sorted by short form, case-insensitively.

    The declared map is the author's override for a wrong or missing guess; an entry the
    brief never uses would only pad the printed list, so it is left out.
    """
    texts = list(texts)
    plain = [_plain(text) for text in texts]
    # Definitions are looked for in the texts made plain a second time, as they always
    # were: dropping an emphasis marker can complete a link ("[a]*(b)"). Only a text the
    # first pass changed can change again. A text without a bracket defines nothing.
    twice = [_plain(p) if p != t else p for p, t in zip(plain, texts, strict=True)]
    merged = _definitions(_JOIN.join(text for text in twice if "(" in text))
    merged.update(declared)
    joined = _JOIN.join(plain)
    # A few short forms are each searched for in the texts, far quicker than listing every
    # word; past _SEARCHES (a long text can define thousands) the set of words keeps the
    # work linear in the text.
    words = set(_WORD.findall(joined)) if len(merged) > _SEARCHES else None
    used = [
        Acronym(s, long)
        for s, long in merged.items()
        if s.strip() and _occurs(s, plain, joined, words)
    ]
    return sorted(used, key=lambda a: (a.short.casefold(), a.short))
