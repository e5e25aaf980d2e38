"""From a source text to an :class:`~.model.Extraction`: the steps in order.

Title, sentences, acronyms (they tell what "WCO" in a job title stands for), dates, people
(with the NER model when installed), who spoke, the event, references, key messages and a
summary. Each step is a module of its own; this one only wires them.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from .event import find_event
from .messages import key_messages, summary
from .model import Extraction, Person
from .nlp import load_model
from .orgs import acronym_map, find_acronyms
from .people import find_people
from .references import find_references
from .source import Source
from .text import Sentence, paragraphs, sentences
from .when import event_dates, find_dates, publication_date, year_hint


def extract(source: Source, *, use_model: bool = True) -> Extraction:
    """Everything the draft will hold, each item with its source sentence."""
    blocks = paragraphs(source.text)
    title, blocks = _title(source, blocks)
    sents = sentences(blocks)
    body = [s for s in sents if not (s.paragraph == 0 and _strip_title(s.text) == title)]
    text = "\n\n".join(blocks)

    acronyms = find_acronyms(text, sents)
    amap = acronym_map(acronyms)

    spans = find_dates(sents, year_hint(text))
    published = publication_date(spans, sents)
    held, planned = event_dates(spans, sents, published)

    model = load_model() if use_model else None
    model_spans = None
    if model is not None:
        model_spans = {s.index: model.persons(s.text) for s in sents}
    people = find_people(sents, amap, model_spans)
    speakers, participants = split_speakers(people.persons)

    event = find_event(sents, held, planned, amap, title)
    references = [
        r
        for r in find_references(sents, amap)
        if not _names_a_body(r.title, people.persons, event.organizer)
    ]
    messages = key_messages(body, speakers, people.mentions)
    lead = [s for s in body if not _is_dateline(s)]
    return Extraction(
        title=title,
        title_evidence=sents[0].text if sents else title,
        published=published,
        event=event,
        speakers=speakers,
        participants=participants,
        organisations=_organisations(people.persons, event.organizer, acronyms, sents),
        acronyms=acronyms,
        references=references,
        key_messages=messages,
        summary=[s.text for s in summary(lead, title)],
        engine=f"rules + spaCy {model.name}" if model is not None else "rules",
    )


def _title(source: Source, blocks: list[str]) -> tuple[str, list[str]]:
    """The markup's title, else a short first line; kept as the text's first paragraph."""
    if source.title:
        title = source.title
        if not blocks or blocks[0] != title:
            blocks = [title, *blocks]
        return _strip_title(title), blocks
    first = blocks[0] if blocks else ""
    looks_like_title = (
        len(blocks) > 1 and len(first.split()) <= 30 and not re.search(r"[.!?]\s+[A-Z]", first)
    )
    if looks_like_title:
        return _strip_title(first), blocks
    words = first.split()
    return _strip_title(" ".join(words[:12]) + (" ..." if len(words) > 12 else "")), blocks


def _strip_title(title: str) -> str:
    return title.strip().rstrip(".").strip()[:500]


def _is_dateline(sentence: Sentence) -> bool:
    return len(sentence.text.split()) <= 6 and bool(re.search(r"\b(?:19|20)\d\d\b", sentence.text))


def split_speakers(persons: list[Person]) -> tuple[list[Person], list[Person]]:
    """The person reported speaking most (a small bonus for the organisation most people
    belong to, usually the publisher's) and colleagues of the same organisation who also
    speak; everyone else is a participant."""
    if not persons:
        return [], []
    orgs = Counter(p.organization for p in persons if p.organization)
    common = orgs.most_common(1)[0][0] if orgs and orgs.most_common(1)[0][1] > 1 else None

    def score(person: Person) -> tuple[float, int]:
        bonus = 0.5 if common and person.organization == common else 0.0
        return (person.speech + bonus, -person.first)

    top = max(persons, key=score)
    if top.speech == 0:
        top = persons[0]
    speakers = [
        p
        for p in persons
        if p is top or (p.speech > 0 and p.organization and p.organization == top.organization)
    ]
    return speakers, [p for p in persons if p not in speakers]


def _names_a_body(title: str, persons: list[Person], organizer: str | None) -> bool:
    bodies = {p.organization.casefold() for p in persons if p.organization}
    if organizer:
        bodies.add(organizer.casefold())
    return title.casefold() in bodies


def _organisations(
    persons: list[Person], organizer: str | None, acronyms: list, sents: list[Sentence]
) -> list[tuple[str, str]]:
    """Bodies named in the text: organisers, people's organisations, defined acronyms of
    bodies; each with a sentence that names it."""
    found: dict[str, str] = {}
    if organizer:
        found[organizer] = ""
    for person in persons:
        if person.organization:
            found.setdefault(person.organization, person.evidence[0] if person.evidence else "")
    for acronym in acronyms:
        found.setdefault(acronym.long, acronym.evidence)
    return list(found.items())


def brief_date(extraction: Extraction, today: date) -> date:
    """The date the draft proposes for the brief: the item's dateline, else the event's
    last day, else today."""
    event = extraction.event
    return extraction.published or event.end or event.start or today
