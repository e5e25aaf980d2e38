"""People named in the text, with honorific, job title and organisation.

Names are found three ways: after an honorific ("Mr. Pranab Kumar Das"), next to a job
title ("UN Secretary General António Guterres", "Ian Saunders, Secretary General of the
WCO"), and, when the NER model is installed, wherever it sees a PERSON. Job titles and
organisations come from the words around a name, by rules: no model of the genre tags
"Director of Compliance and Facilitation Directorate of the WCO" as a title and an
organisation, while the news style writes them in a few fixed shapes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from .lexicon import (
    EVENT_HEADS,
    HONORIFICS,
    NAME_PARTICLES,
    NOT_NAME,
    ORG_WORDS,
    REFERENCE_HEADS,
    REPORTING_VERBS,
    ROLE_HEADS,
    ROLE_MODIFIERS,
)
from .model import Person
from .orgs import clean_org, expand_org, looks_like_org
from .roles import (
    BY_ROLE,
    is_role_head,
    role_after,
    role_before,
    roles_from_clauses,
    split_role,
    words_of,
)
from .text import Sentence, Token

_NAME_STOP = NOT_NAME | ORG_WORDS | ROLE_HEADS | ROLE_MODIFIERS | EVENT_HEADS | set(REFERENCE_HEADS)


@dataclass
class _Mention:
    sentence: int
    start: int  # token index of the name's first word
    end: int  # token index after its last word
    name: list[str]
    honorific: str | None
    role: str | None = None
    organization: str | None = None
    plural_role: bool = False
    person: Person | None = field(default=None, repr=False)


@dataclass
class People:
    persons: list[Person]
    #: sentence index -> (token index, person) of each mention, in order
    mentions: dict[int, list[tuple[int, Person]]]


def _honorific(token: Token) -> str | None:
    if not token.is_cap:
        return None
    return HONORIFICS.get(token.text.rstrip(".").lower())


def _nameish(token: Token) -> bool:
    if not token.is_word or not token.is_cap or token.is_upper and len(token.bare) > 1:
        return False
    if any(c.isdigit() for c in token.text):
        return False
    return token.bare.lower() not in _NAME_STOP


def _name_run(tokens: list[Token], k: int, limit: int = 5) -> int:
    """Index after the longest run of name words starting at ``k``."""
    end = k
    while end < len(tokens) and end - k < limit:
        token = tokens[end]
        if _nameish(token):
            end += 1
            if token.possessive:
                break
        elif (
            token.text in NAME_PARTICLES
            and end > k
            and end + 1 < len(tokens)
            and _nameish(tokens[end + 1])
        ):
            end += 1
        else:
            break
    while end > k and tokens[end - 1].text in NAME_PARTICLES:
        end -= 1
    return end


def find_people(
    sentences: list[Sentence],
    acronyms: dict[str, str],
    model_spans: dict[int, list[tuple[int, int]]] | None = None,
) -> People:
    """Every person the text names, merged across mentions, in order of appearance.

    ``model_spans`` maps a sentence index to the character spans a NER model tagged
    PERSON in it; without it, names come from the rules alone.
    """
    mentions: list[_Mention] = []
    for sentence in sentences:
        mentions.extend(
            _sentence_mentions(sentence, acronyms, (model_spans or {}).get(sentence.index, []))
        )
    persons = _merge(mentions, [s.text for s in sentences])
    by_sentence: dict[int, list[tuple[int, Person]]] = {}
    for mention in mentions:
        if mention.person is not None:
            by_sentence.setdefault(mention.sentence, []).append((mention.start, mention.person))
    _count_speech(sentences, by_sentence)
    return People(persons, by_sentence)


def _sentence_mentions(
    sentence: Sentence, acronyms: dict[str, str], model_spans: Iterable[tuple[int, int]]
) -> list[_Mention]:
    tokens = sentence.tokens
    found: list[_Mention] = []
    taken: set[int] = set()

    def add(start: int, end: int, honorific_at: int | None) -> None:
        if any(i in taken for i in range(start, end)) or end <= start:
            return
        name = [t.bare for t in tokens[start:end]]
        honorific = _honorific(tokens[honorific_at]) if honorific_at is not None else None
        found.append(_Mention(sentence.index, start, end, name, honorific))
        taken.update(range(honorific_at if honorific_at is not None else start, end))

    for i, token in enumerate(tokens):  # after an honorific
        if _honorific(token) and i + 1 < len(tokens):
            end = _name_run(tokens, i + 1)
            if end > i + 1:
                add(i + 1, end, i)
    for start, stop in model_spans:  # where the model saw a person
        inside = [n for n, t in enumerate(tokens) if t.start >= start and t.end <= stop]
        inside = [n for n in inside if _nameish(tokens[n]) or tokens[n].text in NAME_PARTICLES]
        if len(inside) >= 2 and inside == list(range(inside[0], inside[-1] + 1)):
            add(inside[0], inside[-1] + 1, None)
    for i in range(len(tokens)):  # next to a job title
        if i in taken or not _nameish(tokens[i]) or (i > 0 and _nameish(tokens[i - 1])):
            continue
        end = _name_run(tokens, i, limit=4)
        if end - i < 2:
            continue
        # A title right before the name ("Secretary General António Guterres"), or set
        # off by a comma ("..., Vladimir Voronkov"), or after it ("Ian Saunders, Director").
        previous = tokens[i - 1] if i > 0 else None
        before = None
        title_ends = previous is not None and (
            is_role_head(previous)
            or (previous.text == "General" and i > 1 and is_role_head(tokens[i - 2]))
        )
        if previous is not None and (previous.text == "," or title_ends):
            before, _ = role_before(tokens, i, taken)
        after, org_only = role_after(tokens, end)
        starts_clause = previous is None or not previous.is_cap or previous.text == ","
        if before or (after and not org_only and starts_clause):
            add(i, end, None)
    found.sort(key=lambda m: m.start)
    for mention in found:
        at = mention.start - (1 if mention.honorific else 0)
        blocked = taken - set(range(at, mention.end))
        before, plural = role_before(tokens, at, blocked)
        after, org_only = role_after(tokens, mention.end)
        role = org = None
        if before:
            role, org = split_role(list(before), acronyms)
            mention.plural_role = plural
        if after and org_only:
            named = clean_org(words_of(after))
            if org is None and looks_like_org(named, acronyms):
                org = expand_org(named, acronyms)
        elif after and (role is None or org is None):
            role2, org2 = split_role(list(after), acronyms)
            role, org = role or role2, org or org2
        if role is None and at >= 2 and tokens[at - 1].text == "by":
            role = BY_ROLE.get(tokens[at - 2].text.lower())
        mention.role, mention.organization = role, org
    roles_from_clauses(sentence.text, tokens, found, acronyms)
    for first, second in zip(found, found[1:], strict=False):  # "Two WCO experts, Ms. A and Mr. B"
        gap = [t.text for t in tokens[first.end : second.start - (1 if second.honorific else 0)]]
        if first.plural_role and gap == ["and"] and second.role is None:
            second.role, second.organization = first.role, first.organization
    return found


def _key(name: list[str]) -> list[str]:
    return [unicodedata.normalize("NFC", w).casefold() for w in name]


def _merge(mentions: list[_Mention], texts: list[str]) -> list[Person]:
    """One person per name; "Mr. Das" and "Das" join "Pranab Kumar Das"."""
    persons: list[tuple[list[str], Person]] = []
    full = sorted((m for m in mentions if len(m.name) >= 2), key=lambda m: -len(m.name))
    for mention in sorted(mentions, key=lambda m: (m.sentence, m.start)):
        key = _key(mention.name)
        match = None
        for other_key, person in persons:
            if other_key == key or (len(key) < len(other_key) and other_key[-len(key) :] == key):
                match = person
                break
        if match is None:
            longer = [
                m for m in full if len(m.name) > len(key) and _key(m.name)[-len(key) :] == key
            ]
            if longer:
                mention.name = longer[0].name
                key = _key(mention.name)
                match = next((p for k, p in persons if k == key), None)
        if match is None:
            match = Person(" ".join(mention.name), first=mention.sentence)
            match.evidence.append(texts[mention.sentence])
            persons.append((key, match))
        match.honorific = match.honorific or mention.honorific
        if mention.role and not match.role:
            match.role = mention.role
            match.organization = match.organization or mention.organization
            if texts[mention.sentence] not in match.evidence:
                match.evidence.insert(0, texts[mention.sentence])
        elif mention.organization and not match.organization:
            match.organization = mention.organization
            if texts[mention.sentence] not in match.evidence:
                match.evidence.append(texts[mention.sentence])
        mention.person = match
    return [p for _, p in persons]


_HE = re.compile(r"^(?:He|She)\b")


def _count_speech(sentences: list[Sentence], mentions: dict[int, list[tuple[int, Person]]]) -> None:
    """How often each person is the one reported speaking: the first person named before
    a reporting verb, or "He"/"She" for the last person named."""
    last: Person | None = None
    for sentence in sentences:
        here = mentions.get(sentence.index, [])
        verbs = [n for n, t in enumerate(sentence.tokens) if t.text.lower() in REPORTING_VERBS]
        speaker = None
        if verbs:
            before = [p for at, p in here if at < verbs[0]]
            if before:
                speaker = before[0]
            elif _HE.match(sentence.text) and last is not None:
                speaker = last
        if speaker is not None:
            speaker.speech += 1
        if here:
            last = speaker or here[-1][1]
