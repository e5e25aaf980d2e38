"""The event the item reports: its name, organiser, dates, format, place and any change
of schedule.

The event is the one whose dates :func:`.when.event_dates` picked; its name is the noun
phrase around an event word ("Week", "Conference", "workshop") in that sentence, its
organiser the body after "organized by"/"hosted by" or the subject of "held"/"hosted".
"""

from __future__ import annotations

import re

from .lexicon import CONNECTORS, EVENT_HEADS, word_set
from .model import DateSpan, Event
from .orgs import clean_org, expand_org, looks_like_org
from .text import Sentence, Token
from .when import schedule_changed

_ORGANISER = re.compile(
    r"\b(?:organi[sz]ed|hosted|convened|coordinated|co-organi[sz]ed|run)\s+(?:jointly\s+)?by\s+"
    r"(?P<org>(?:the\s+)?[A-Z][\w’'&/.-]*(?:\s+(?:(?:of|on|for|and|the|de|du)\s+)*[A-Z(][\w’'&/.)-]*)*)"
)
_SUBJECT = re.compile(
    r"(?:^(?:The\s+)?|[,;:–—-]\s+(?:[Tt]he\s+)?|\bthe\s+)(?P<org>[A-Z][\w’'&/.-]*(?:\s+(?:(?:of|on|for|and|the)\s+)*[A-Z(][\w’'&/.)-]*)*)"
    r"\s+(?:(?:has|have|had|will|jointly|also)\s+)?(?:decided to\s+)?"
    r"(?:held|hosted|hosts|organi[sz]ed|convened|hold|host|organi[sz]es|launched)\b"
)
_VIRTUAL = re.compile(
    r"\b(?:virtual|virtually|online|videoconference|video link|webinar|remotely)\b", re.I
)
_HYBRID = re.compile(
    r"\bhybrid\b|\b(?:followed|following|joining|joined|streamed|attended)\b[^.]*"
    r"\b(?:online|remotely|virtually|by video)\b",
    re.I,
)
_LOCATION = re.compile(
    r"\b(?:in|at)\s+(?:the\s+)?(?P<place>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*(?:,\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)?)"
)
_NOT_PLACE = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Customs|Members?|Member States|Session|Sessions|Opening|Closing|"
    r"Preparation|Partnership|Cooperation|Support|Charge|Addition|Line|Particular|Order|"
    r"Response|Light|Relation|Respect)\b"
)


def find_event(
    sentences: list[Sentence],
    held: DateSpan | None,
    planned: list[DateSpan],
    acronyms: dict[str, str],
    title: str,
) -> Event:
    event = Event()
    anchor = sentences[held.sentence] if held is not None else _first_event_sentence(sentences)
    if held is not None:
        event.start, event.end = held.start, held.end
        event.evidence["dates"] = anchor.text  # type: ignore[union-attr]
    if anchor is not None:
        near = held.offset if held is not None and held.sentence == anchor.index else None
        name = _event_name(anchor.tokens, near)
        if name is None:
            name = _event_name_in(sentences, title)
        if name:
            event.name = name
            event.evidence["name"] = anchor.text
    if event.name is None and title:
        event.name = title
        event.evidence["name"] = title
    event.organizer, where = _organiser(sentences, anchor, acronyms)
    if event.organizer:
        event.evidence["organizer"] = where
    changed = schedule_changed(planned, sentences)
    told = {s.index for s in changed} - ({anchor.index} if anchor is not None else set())
    event.format, where = _format(sentences, anchor, told)
    if event.format:
        event.evidence["format"] = where
    if anchor is not None:
        place = _location(anchor.text)
        if place:
            event.location = place
            event.evidence["location"] = anchor.text
    if changed:
        event.note = " ".join(s.text for s in changed)
        event.evidence["note"] = event.note
    return event


def _first_event_sentence(sentences: list[Sentence]) -> Sentence | None:
    for sentence in sentences:
        if any(t.bare.lower() in EVENT_HEADS for t in sentence.tokens):
            return sentence
    return sentences[0] if sentences else None


def _event_name(tokens: list[Token], near: int | None = None) -> str | None:
    """The capitalised phrase around an event word ("UN Counter-Terrorism Week",
    "245th/246th Sessions of the Permanent Technical Committee"), else the plain noun
    phrase ("national workshop on the implementation of the Revised Kyoto Convention"), or
    the quoted title of "a webinar entitled "..."". With ``near`` (the offset of the event's
    dates), the event word closest before it; a capitalised name wins over a plain one."""
    heads = [i for i, t in enumerate(tokens) if t.is_word and t.bare.lower() in EVENT_HEADS]
    if near is not None:
        before = [i for i in heads if tokens[i].start < near]
        heads = sorted(before, key=lambda i: near - tokens[i].start) + [
            i for i in heads if i not in before
        ]
    names = [(i, _phrase_at(tokens, i)) for i in heads]
    names = [(i, n) for i, n in names if n]
    titled = [(i, n) for i, n in names if tokens[i].is_cap]
    for _, name in titled or names:
        return name
    return None


def _phrase_at(tokens: list[Token], i: int) -> str | None:
    token = tokens[i]
    titled = token.is_cap
    if (
        not titled
        and i + 2 < len(tokens)
        and tokens[i + 1].text in ("entitled", "titled", "called")
    ):
        quoted = re.match(r"\s*[“\"]([^”\"]{3,120})[”\"]", _rest(tokens, i + 2))
        if quoted:
            return quoted.group(1).strip()
    start = i
    while start > 0:
        previous = tokens[start - 1]
        if not previous.is_word or previous.possessive:
            break
        if titled and (previous.is_cap or previous.text[0].isdigit()):
            if previous.text in ("The", "A", "An", "Its", "This"):
                break
            start -= 1
            continue
        if not titled and (previous.text[0].isdigit() or previous.text.islower()):
            if previous.text in _NOT_MODIFIER or previous.text in CONNECTORS:
                break
            start -= 1
            if start < i - 2:
                break
            continue
        break
    end = i + 1
    while end < len(tokens):
        nxt = tokens[end]
        if not nxt.is_word or _is_date_word(nxt):
            break
        if nxt.text in CONNECTORS:
            if nxt.text not in ("of", "on", "for", "the", "against", "relating", "to"):
                break
            look = end
            while look < len(tokens) and tokens[look].text in CONNECTORS:
                look += 1
            following = tokens[look] if look < len(tokens) else None
            if (
                following is not None
                and following.is_word
                and not _is_date_word(following)
                and (following.is_cap or not titled)
            ):
                end = look + 1
                continue
            break
        lower_ok = nxt.text.islower() and not _stop_lower(nxt.text)
        if nxt.is_cap if titled else lower_ok or (nxt.is_cap and tokens[end - 1].is_cap):
            end += 1
            continue
        break
    words = [t.text if n < end - 1 else t.bare for n, t in enumerate(tokens[start:end], start)]
    name = re.sub(r"\s+([,;:])", r"\1", " ".join(words))
    if len(name.split()) < 2 or name.lower().startswith(("opening", "closing")):
        return None
    return name[0].upper() + name[1:]


_NOT_MODIFIER = word_set(
    "a an the its this his her their our that which was were is are held hosted organized "
    "organised convened attended opened closed during after before following"
)
_DATE_WORDS = word_set(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday"
)


def _is_date_word(token: Token) -> bool:
    return token.text[0].isdigit() or token.text.lower() in _DATE_WORDS


def _rest(tokens: list[Token], k: int) -> str:
    return " ".join(t.text for t in tokens[k : k + 30])


def _stop_lower(word: str) -> bool:
    return word in (
        "took",
        "was",
        "were",
        "is",
        "will",
        "has",
        "had",
        "held",
        "organized",
        "organised",
        "hosted",
        "which",
        "that",
        "who",
        "where",
        "brought",
        "attended",
        "gathered",
        "opened",
    )


def _event_name_in(sentences: list[Sentence], title: str) -> str | None:
    for sentence in sentences:
        name = _event_name(sentence.tokens)
        if name:
            return name
    return None


def _organiser(
    sentences: list[Sentence], anchor: Sentence | None, acronyms: dict[str, str]
) -> tuple[str | None, str]:
    ordered = ([anchor] if anchor is not None else []) + [s for s in sentences if s is not anchor]
    for pattern in (_ORGANISER, _SUBJECT):  # "hosted by X" in any sentence wins over "X hosted"
        for sentence in ordered:
            match = pattern.search(sentence.text)
            if match:
                org = _trim_org(match.group("org"))
                if org and looks_like_org(org, acronyms):
                    return _expand_parts(org, acronyms), sentence.text
    return None, ""


def _trim_org(org: str) -> str:
    org = re.sub(r"\s*\([^)]*\)", "", org)
    return clean_org(org)


def _expand_parts(org: str, acronyms: dict[str, str]) -> str:
    """ "the WCO and the GDVC" -> "World Customs Organization and General Department of
    Vietnam Customs"; a body whose own name holds "and" stays whole."""
    parts = re.split(r"\s+and\s+(?:the\s+)?", org)
    if len(parts) > 1 and all(looks_like_org(p, acronyms) for p in parts):
        return " and ".join(expand_org(p, acronyms) for p in parts)
    return expand_org(org, acronyms)


_IN_PERSON = re.compile(r"\b(?:in person|in-person|face-to-face|on site)\b", re.I)


def _format(
    sentences: list[Sentence], anchor: Sentence | None, skip: set[int]
) -> tuple[str | None, str]:
    """How the event was held, from its own sentence first; the sentences that tell of a
    change of schedule ("was moved online twice") speak of the plan, not the event."""
    if anchor is not None and _IN_PERSON.search(anchor.text) and not _HYBRID.search(anchor.text):
        return "in-person", anchor.text
    ordered = ([anchor] if anchor is not None else []) + [s for s in sentences if s is not anchor]
    for sentence in [s for s in ordered if s.index not in skip][:6]:
        if _HYBRID.search(sentence.text):
            return "hybrid", sentence.text
        if _VIRTUAL.search(sentence.text):
            return "virtual", sentence.text
    if anchor is not None and _location(anchor.text):
        return "in-person", anchor.text
    return None, ""


def _location(text: str) -> str | None:
    for match in _LOCATION.finditer(text):
        place = match.group("place")
        if _NOT_PLACE.match(place) or any(w.lower() in EVENT_HEADS for w in place.split()):
            continue
        words = place.split()
        if any(w.isupper() and len(w) > 1 for w in words[:1]) and len(words) == 1:
            continue
        return place.rstrip(",")
    return None
