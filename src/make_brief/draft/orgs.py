"""Acronym pairs and organisation names.

Definitions written "Full Name (ACR)" are found by :func:`make_brief.acronyms.find_definitions`
(Schwartz & Hearst), the same finder the renderer uses, so a draft and its printed brief
agree. Two things are added for drafting: a looser second pass for long names whose
acronym takes only their first initials ("Convention on International Trade in Endangered
Species of Wild Fauna and Flora (CITES)", beyond Schwartz & Hearst's word window), and the
expansion of well-known acronyms a news item uses without spelling out (WCO, UN).
"""

from __future__ import annotations

import re

from ..content.acronyms import find_definitions
from .lexicon import CONNECTORS, KNOWN_ACRONYMS, ORG_WORDS
from .model import Acronym
from .text import Sentence

_PAREN = re.compile(r"\(([A-Z][A-Za-z&/.-]{1,9}(?: [A-Z][A-Za-z&/.-]{0,6})?)\)")


def find_acronyms(text: str, sentences: list[Sentence]) -> list[Acronym]:
    """Every acronym the text uses, with its expansion and the sentence that shows it."""
    found: dict[str, Acronym] = {}
    for short, long in find_definitions(text).items():
        sentence = _sentence_with(f"({short}", sentences)
        long = _extend_left(short, long, sentence)
        found[short] = Acronym(short, long, "defined", sentence)
    for sentence in sentences:
        for match in _PAREN.finditer(sentence.text):
            short = match.group(1)
            if short in found or sum(c.isupper() for c in short) < 2:
                continue
            long = _initials_match(short, sentence.text[: match.start()])
            if long:
                found[short] = Acronym(short, long, "defined", sentence.text)
    defined = sorted(found, key=len, reverse=True)
    for short, long in KNOWN_ACRONYMS.items():
        if short in found:
            continue
        # A whole word, not the first part of a longer acronym ("ROCB" in "ROCB A/P").
        pattern = re.compile(rf"(?<!\w){re.escape(short)}(?!\w)(?! [A-Z][A-Z/&.-]*(?![\w]))")
        for sentence in sentences:
            plain = sentence.text
            for other in defined:  # "ROCB" inside "ROCB A/P" is not a use of "ROCB"
                plain = plain.replace(other, " ")
            if pattern.search(plain):
                found[short] = Acronym(short, long, "known", sentence.text)
                break
    return sorted(found.values(), key=lambda a: (a.short.casefold(), a.short))


def _sentence_with(needle: str, sentences: list[Sentence]) -> str:
    for sentence in sentences:
        if needle in sentence.text:
            return sentence.text
    return ""


def _phrase_before(before: str, limit: int = 16) -> list[str]:
    """The capitalised name that ends where "(ACR)" starts: capitalised words and the small
    words between them, back to a lower-case word or a possessive."""
    phrase: list[str] = []
    for word in reversed(before.split()[-limit:]):
        if re.search(r"[’']s$", word) or word.endswith((",", ";", ":", ".")):
            break
        if word[0].isupper() or word in CONNECTORS:
            phrase.insert(0, word)
        else:
            break
    while phrase and (phrase[0] in CONNECTORS):
        phrase.pop(0)
    return phrase


def _initials(words: list[str]) -> list[str]:
    """ "Inter-American" gives I and A, "Asia/Pacific" A and P."""
    return [part[0] for w in words if w[0].isupper() for part in re.split(r"[-/]", w) if part]


def _initials_match(short: str, before: str) -> str | None:
    """A definition Schwartz & Hearst miss: an official name abbreviated by only its first
    words ("... Wild Fauna and Flora (CITES)") or in another language's word order
    ("European Anti-Fraud Office (OLAF)"). Accepted when most of the acronym's letters are
    initials of the capitalised name before it, the first of them included."""
    phrase = _phrase_before(before)
    while phrase and phrase[0] in ("The", "A", "An", "This", "Its"):
        phrase.pop(0)
    letters = [c for c in short if c.isupper()]
    if len(phrase) < 2 or not letters:
        return None
    # "Secretariat of the Convention on ... (CITES)": the name starts at the word that
    # gives the acronym's first letter, when one does before the last word.
    first = next((n for n, w in enumerate(phrase[:-1]) if w[0] == letters[0]), 0)
    phrase = phrase[first:]
    initials = _initials(phrase)
    covered = sum(c in initials for c in letters) / len(letters)
    if len(phrase) < 2 or covered < 0.7:
        return None
    return " ".join(phrase).strip(",;:")


def _extend_left(short: str, long: str, sentence: str) -> str:
    """Schwartz & Hearst stop at the first word whose letter matches; a name's earlier
    capitalised words belong to it when the acronym has their initials too ("Inter-American
    Center of Tax Administrations (CIAT)")."""
    at = sentence.find(f"{long} ({short}")
    if at <= 0:
        return long
    words = sentence[:at].split()
    letters = {c for c in short if c.isupper()}
    taken: list[str] = []
    for word in reversed(words[-3:]):
        if not word[0].isupper() or re.search(r"[’']s$|[,;:.]$", word):
            break
        if word.lower() in CONNECTORS or word in ("The", "A", "An", "This"):
            break
        if not set(_initials([word])) <= letters or word.isupper():
            break
        taken.insert(0, word)
    return " ".join([*taken, long])


def acronym_map(acronyms: list[Acronym]) -> dict[str, str]:
    return {a.short: a.long for a in acronyms}


def clean_org(name: str) -> str:
    """An organisation name as a content file writes it: no leading article, no trailing
    "(ACR)", no possessive, no stray punctuation."""
    name = re.sub(r"\s*\([^()]*\)\s*$", "", name.strip())
    name = re.sub(r"^(?:the|The|a|an)\s+", "", name)
    name = re.sub(r"[’']s$", "", name)
    return name.strip(" ,;:.-–—")


def expand_org(name: str, acronyms: dict[str, str]) -> str:
    """ "WCO" -> "World Customs Organization"; a name holding more than an acronym stays."""
    name = clean_org(name)
    return acronyms.get(name, name)


def looks_like_org(phrase: str, acronyms: dict[str, str]) -> bool:
    """Whether a capitalised phrase names a body: an acronym, a known body, or a phrase
    with an organisation word ("Swedish Customs", "University of Warsaw")."""
    phrase = clean_org(phrase)
    if not phrase or not phrase[0].isupper():
        return False
    if phrase in acronyms or phrase in KNOWN_ACRONYMS:
        return True
    if phrase in acronyms.values() or phrase in KNOWN_ACRONYMS.values():
        return True
    tokens = re.findall(r"[\w/&-]+", phrase)
    if any(t.lower() in ORG_WORDS for t in tokens):
        return True
    return any(len(t) >= 2 and t.isupper() and t.isalpha() for t in tokens)
