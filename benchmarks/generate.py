"""Generate a corpus of varied, valid briefs: each as a content file and as Markdown.

Usage::

    python benchmarks/generate.py DIR [--briefs 200] [--seed 2020]

writes ``DIR/content/<slug>.yaml`` (make-brief's input) and ``DIR/markdown/<slug>.md``
(the same brief for pandoc: title, summary, sections, lists and tables with the same
text), then loads every content file with :func:`make_brief.content.load.load_brief` so a corpus
that does not validate is never timed.

The briefs differ in what makes a page count differ: the number of key messages,
speakers and participants, background paragraphs, references, sources and annexes (with
tables of 3 to 30 rows). Their rendered length runs from 1 to 4 pages. The same seed
gives the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from make_brief.content.load import load_brief

SEED = 2020

# --- words ---------------------------------------------------------------------------

TOPICS = [
    ("e-commerce", "small consignments bought online"),
    ("transit", "goods moving under Customs control between offices"),
    ("risk management", "the selection of consignments for control"),
    ("revenue collection", "duties and taxes collected at the border"),
    ("counterfeit medicines", "falsified medical products"),
    ("environmental crime", "wildlife, waste and ozone-depleting substances"),
    ("data exchange", "advance electronic information shared between administrations"),
    ("coordinated border management", "joint work of the agencies present at the border"),
    ("authorised economic operators", "traders certified as secure and compliant"),
    ("drug trafficking", "narcotics and precursor chemicals"),
    ("cultural heritage", "cultural objects traded illicitly"),
    ("strategic trade controls", "dual-use goods and weapons"),
]
ORGS = [
    ("World Customs Organization", "WCO"),
    ("United Nations Office on Drugs and Crime", "UNODC"),
    ("Universal Postal Union", "UPU"),
    ("World Trade Organization", "WTO"),
    ("International Criminal Police Organization", "INTERPOL"),
    ("Organisation for Economic Co-operation and Development", "OECD"),
    ("Regional Office for Capacity Building", "ROCB"),
    ("Regional Intelligence Liaison Office", "RILO"),
    ("International Maritime Organization", "IMO"),
    ("World Health Organization", "WHO"),
]
ADMINISTRATIONS = [
    "Kenya Revenue Authority",
    "Brazil's Federal Revenue Service",
    "Netherlands Customs",
    "Japan Customs",
    "Customs and Excise of Uganda",
    "Mexican Tax Administration Service",
    "Indian Customs",
    "Australian Border Force",
    "French Customs",
    "Moroccan Customs",
    "Korea Customs Service",
    "Canada Border Services Agency",
]
CITIES = [
    "Brussels, Belgium",
    "Nairobi, Kenya",
    "Bangkok, Thailand",
    "Panama City, Panama",
    "Abu Dhabi, United Arab Emirates",
    "Baku, Azerbaijan",
    "Geneva, Switzerland",
    "Dakar, Senegal",
]
FIRST = ["Ana", "Lars", "Amina", "Chen", "Maria", "Kofi", "Yuki", "Omar", "Elena", "Ravi"]
LAST = ["Ferreira", "Eriksen", "Odhiambo", "Wei", "Santos", "Mensah", "Tanaka", "Haddad"]
HONORIFICS = ["Mr.", "Ms.", "Dr."]
ROLES = [
    "Director of Compliance and Facilitation",
    "Head of Risk Management",
    "Senior Technical Officer",
    "Deputy Commissioner",
    "Programme Manager",
    "Chief of Enforcement",
    "Policy Adviser",
]
KINDS = ["resolution", "framework", "operation", "recommendation", "convention", "guide"]
INSTRUMENTS = [
    "Revised Kyoto Convention",
    "SAFE Framework of Standards",
    "Punta Cana Resolution",
    "Framework of Standards on Cross-Border E-Commerce",
    "Transit Guidelines",
    "Data Model",
    "Immediate Release Guidelines",
    "Recommendation on Advance Passenger Information",
    "Operation STOP",
    "Operation DEMETER",
    "Risk Management Compendium",
    "Istanbul Convention",
]
VERBS = [
    "stressed",
    "noted",
    "recalled",
    "argued",
    "explained",
    "pointed out",
    "welcomed the fact",
    "warned",
]
OBJECTS = [
    "that administrations need advance data before the goods arrive",
    "that controls work best when agencies share one risk picture",
    "that traders respond to simple, predictable procedures",
    "that the volume of small consignments keeps growing every year",
    "that capacity building must follow the reform, not precede it",
    "that data quality from carriers and postal operators remains uneven",
    "that seizures rose sharply once intelligence was shared in real time",
    "that a single window cuts clearance times by a third on average",
    "that mutual recognition agreements reward compliant operators",
    "that the pandemic changed trade patterns for good",
]
CLAUSES = [
    "in line with the conclusions of the last Policy Commission",
    "with support from the regional offices",
    "as several Members confirmed from their own experience",
    "although resources remain limited in many administrations",
    "which participants broadly supported",
    "following a pilot in three administrations",
    "drawing on the results of recent joint operations",
    "at a time of rising trade volumes",
]
ACTIONS = [
    "Nominate a national focal point for the working group",
    "Review national risk profiles against the findings of the meeting",
    "Share seizure data with the regional intelligence office",
    "Prepare a short note for the next Council session",
    "Assess the cost of joining the pilot project",
    "Brief the Minister before the regional summit",
    "Update the training plan for frontline officers",
    "Consult the trade community on the proposed changes",
]
MARKINGS = ["UNCLASSIFIED", "UNCLASSIFIED", "UNCLASSIFIED", "FOR OFFICIAL USE ONLY"]


# --- one brief as plain data -----------------------------------------------------------


@dataclass
class Person:
    name: str
    honorific: str
    role: str
    organization: str


@dataclass
class Annex:
    title: str
    body: str
    columns: list[str]
    rows: list[list[str | int]]


@dataclass
class Reference:
    title: str
    kind: str
    organization: str
    year: int
    note: str


@dataclass
class Event:
    name: str
    organizer: str
    start: date
    end: date
    format: str
    location: str


@dataclass
class Spec:
    """Everything a brief says, written once and then printed as YAML and as Markdown."""

    slug: str
    title: str
    subtitle: str  # "" for none
    reference: str
    classification: str
    day: date
    to: str
    sender: str
    summary: list[str]  # bullets
    purpose: str  # "" for none
    event: Event | None
    speakers: list[Person]
    messages: list[tuple[str, str]]  # (heading, text)
    participants: list[Person]
    background: list[str]  # paragraphs; a paragraph may be a "- " bullet list
    references: list[Reference]
    implications: list[str]  # bullets; none for the smallest briefs
    next_steps: list[str]
    acronyms: dict[str, str]
    sources: list[tuple[str, str, str]]  # (title, publisher, date)
    annexes: list[Annex] = field(default_factory=list)
    #: briefing-note, talking-points or meeting-report: the same facts, told as that type.
    kind: str = "briefing-note"


#: The types a mixed corpus (--types mix) cycles through.
TYPES = ("briefing-note", "talking-points", "meeting-report")


def _sentence(rng: random.Random, subject: str) -> str:
    return f"{subject} {rng.choice(VERBS)} {rng.choice(OBJECTS)}, {rng.choice(CLAUSES)}."


def _paragraph(rng: random.Random, subjects: list[str], sentences: int) -> str:
    return " ".join(_sentence(rng, rng.choice(subjects)) for _ in range(sentences))


def _person(rng: random.Random, organization: str) -> Person:
    return Person(
        name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        honorific=rng.choice(HONORIFICS),
        role=rng.choice(ROLES),
        organization=organization,
    )


#: Per size (0-3, aiming at 1-4 pages): inclusive ranges of how many of each part.
PARTS = ("summary", "speakers", "messages", "sentences", "background", "refs",
         "participants", "implications", "steps", "annexes", "rows")  # fmt: skip
SIZES = [
    dict(zip(PARTS, ranges, strict=True))
    for ranges in (  # fmt: off
        # sum    spk     msg     sent    bg      refs    part    impl    steps   annex   rows
        ((1, 2), (0, 0), (1, 1), (1, 1), (1, 1), (0, 0), (0, 0), (0, 0), (1, 1), (0, 0), (0, 0)),
        ((2, 3), (0, 1), (2, 3), (1, 2), (1, 1), (0, 1), (0, 1), (1, 2), (1, 2), (0, 0), (0, 0)),
        ((2, 4), (0, 1), (3, 4), (1, 2), (1, 2), (1, 3), (0, 2), (1, 3), (2, 3), (1, 1), (3, 6)),
        ((3, 4), (1, 2), (3, 5), (1, 3), (2, 3), (2, 4), (1, 3), (2, 3), (2, 4), (1, 1), (6, 12)),
    )  # fmt: on
]


def make_spec(index: int, rng: random.Random) -> Spec:
    """One brief. Its size (0-3, in turn) sets how many of each part it has, so the corpus
    spans one to four pages evenly rather than clustering around the average."""
    size = index % len(SIZES)
    n = {part: rng.randint(*bounds) for part, bounds in SIZES[size].items()}
    topic, gloss = rng.choice(TOPICS)
    org, acr = rng.choice(ORGS)
    city = rng.choice(CITIES)
    start = date(2019, 1, 7) + timedelta(days=rng.randrange(0, 5 * 365))
    end = start + timedelta(days=rng.randrange(0, 4))
    # The smallest briefs define no acronym and cite no source: the Acronyms and Sources
    # sections would take a second page.
    speakers = [_person(rng, f"{org} ({acr})" if size else org)]
    speakers += [_person(rng, rng.choice(ADMINISTRATIONS)) for _ in range(n["speakers"])]
    subjects = ["The speaker", "The WCO", "Participants", *(s.name for s in speakers)]
    messages = [
        (
            f"{rng.choice(['On', 'About', 'Regarding'])} {rng.choice(TOPICS)[0]}",
            _paragraph(rng, subjects, rng.randint(*SIZES[size]["sentences"])),
        )
        for _ in range(n["messages"])
    ]
    background = [
        _paragraph(rng, subjects, rng.randint(2, 2 + bool(size))) for _ in range(n["background"])
    ]
    if size >= 2:
        background.append("\n".join(f"- {rng.choice(OBJECTS).capitalize()};" for _ in range(3)))
    refs = [
        Reference(
            title=rng.choice(INSTRUMENTS),
            kind=rng.choice(KINDS),
            organization=rng.choice(ORGS)[1],
            year=rng.randint(1999, 2023),
            note=_sentence(rng, "It"),
        )
        for _ in range(n["refs"])
    ]
    annexes = []
    for number in range(n["annexes"]):
        figures = [
            (rng.choice(ADMINISTRATIONS), rng.randint(1000, 900000), rng.randint(1000, 900000))
            for _ in range(rng.randint(*SIZES[size]["rows"]))
        ]
        annexes.append(
            Annex(
                title=f"Annex {number + 1}: figures reported on {rng.choice(TOPICS)[0]}",
                body=_paragraph(rng, ["The table", "The secretariat"], 1),
                columns=["Administration", "2022", "2023", "Change"],
                rows=[[a, x, y, f"{(y - x) * 100 // x:+d}%"] for a, x, y in figures],
            )
        )
    return Spec(
        slug=f"brief-{index + 1:04d}-{topic.replace(' ', '-')}",
        title=f"{org} meeting on {topic}, {city.split(',')[0]} {start.year}",
        subtitle=f"What was said about {gloss}, and what it means for Customs" * bool(size),
        reference=f"{acr}/{start.year}/{index + 1:04d}",
        classification=rng.choice(MARKINGS),
        day=end + timedelta(days=rng.randint(1, 10)),
        to="Director General",
        sender=rng.choice(["Compliance and Facilitation Directorate", "Policy Unit"]),
        summary=[_sentence(rng, rng.choice(subjects)) for _ in range(n["summary"])],
        purpose=(
            f"To report on the {org} ({acr}) meeting on {topic} and to suggest next steps."
            if size
            else ""
        ),
        event=(
            Event(
                name=f"{org} meeting on {topic}",
                organizer=f"{org} ({acr})",
                start=start,
                end=end,
                format=rng.choice(["in-person", "virtual", "hybrid"]),
                location=city,
            )
            if size
            else None
        ),
        speakers=speakers,
        messages=messages,
        participants=[_person(rng, rng.choice(ADMINISTRATIONS)) for _ in range(n["participants"])],
        background=background,
        references=refs,
        implications=[
            f"**{rng.choice(TOPICS)[0].capitalize()}.** {_sentence(rng, 'Administrations')}"
            for _ in range(n["implications"])
        ],
        next_steps=[
            f"{rng.choice(ACTIONS)} by {(end + timedelta(days=30 * k + 30)).isoformat()}."
            for k in range(n["steps"])
        ],
        acronyms={acr: org} if size else {},
        sources=[(f"Report of the {org} meeting on {topic}", org, end.isoformat()[:7])]
        * bool(size),
        annexes=annexes,
    )


# --- as a content file -------------------------------------------------------------------


def _q(text: str) -> str:
    """A single-line YAML value: JSON's double-quoted strings are valid YAML 1.2."""
    return json.dumps(text, ensure_ascii=False)


def _block(text: str, indent: int) -> str:
    pad = " " * indent
    return "|\n" + "\n".join(pad + line if line else "" for line in text.split("\n"))


def _person_yaml(p: Person, pad: str) -> list[str]:
    return [
        f"{pad}- name: {_q(p.name)}",
        f"{pad}  honorific: {_q(p.honorific)}",
        f"{pad}  role: {_q(p.role)}",
        f"{pad}  organization: {_q(p.organization)}",
    ]


def _event_yaml(e: Event) -> list[str]:
    return [
        "event:",
        f"  name: {_q(e.name)}",
        f"  organizer: {_q(e.organizer)}",
        f"  start: {e.start.isoformat()}",
        f"  end: {e.end.isoformat()}",
        f"  format: {e.format}",
        f"  location: {_q(e.location)}",
    ]


def _note_yaml(s: Spec) -> list[str]:
    """The fields of a briefing note."""
    lines: list[str] = []
    if s.purpose:
        lines.append(f"purpose: {_q(s.purpose)}")
    if s.event:
        lines += _event_yaml(s.event)
    lines.append("speakers:")
    for p in s.speakers:
        lines += _person_yaml(p, "  ")
    lines.append("key_messages:")
    for heading, text in s.messages:
        lines += [f"  - heading: {_q(heading)}", f"    text: {_q(text)}"]
    if s.participants:
        lines.append("participants:")
        for p in s.participants:
            lines += _person_yaml(p, "  ")
    lines.append("background: " + _block("\n\n".join(s.background), 2))
    if s.references:
        lines.append("references:")
        for r in s.references:
            lines += [
                f"  - title: {_q(r.title)}",
                f"    kind: {r.kind}",
                f"    organization: {_q(r.organization)}",
                f"    year: {r.year}",
                f"    note: {_q(r.note)}",
            ]
    if s.implications:
        lines.append("implications: " + _block("\n".join(f"- {b}" for b in s.implications), 2))
    lines.append("next_steps:")
    lines += [f"  - {_q(step)}" for step in s.next_steps]
    return lines


def _points_yaml(s: Spec) -> list[str]:
    """The same facts as talking points: the messages are the points, the implications
    their supporting facts, the next steps the lines to take if asked."""
    lines = [f"objective: {_q(s.purpose or s.summary[0])}"]
    if s.event:
        lines += _event_yaml(s.event)
    lines.append("speaker:")
    lines += [f"  {line.strip().removeprefix('- ')}" for line in _person_yaml(s.speakers[0], "")]
    lines.append("points:")
    for number, (heading, text) in enumerate(s.messages):
        lines.append(f"  - text: {_q(f'**{heading}.** {text}')}")
        if number < len(s.implications):
            lines += ["    facts:", f"      - {_q(s.implications[number])}"]
    if s.next_steps:
        lines.append("if_asked:")
        for step in s.next_steps:
            lines += ["  - question: What comes next?", f"    answer: {_q(step)}"]
    lines += ["avoid:", f"  - {_q(s.summary[-1])}"]
    return lines


def _report_yaml(s: Spec) -> list[str]:
    """The same facts as a meeting report: the messages are the agenda items, the
    implications their decisions, the next steps their actions."""
    e = s.event or _default_event(s)
    lines = _event_yaml(e)
    lines.append("attendance:")
    for p in [*s.speakers, *s.participants]:
        lines += _person_yaml(p, "  ")
    lines.append("agenda:")
    for number, (heading, text) in enumerate(s.messages):
        lines += [f"  - title: {_q(heading)}", f"    discussion: {_q(text)}"]
        if number < len(s.implications):
            lines += ["    decisions:", f"      - {_q(s.implications[number])}"]
        if number < len(s.next_steps):
            lines += [
                "    actions:",
                f"      - what: {_q(s.next_steps[number])}",
                f"        who: {_q(s.speakers[0].organization)}",
                f"        by: {_q(s.day.isoformat())}",
            ]
    if s.background:
        lines.append("follow_up: " + _block("\n\n".join(s.background), 2))
    return lines


def _default_event(s: Spec) -> Event:
    """A meeting report needs its meeting: the smallest briefs name none."""
    return Event(s.title, s.speakers[0].organization, s.day, s.day, "virtual", "Brussels")


def to_yaml(s: Spec) -> str:
    lines = [
        f"# Generated by benchmarks/generate.py ({s.slug}).",
        *([f"type: {s.kind}"] if s.kind != "briefing-note" else []),
        "language: en",
        f"classification: {_q(s.classification)}",
        f"reference: {_q(s.reference)}",
        f"date: {s.day.isoformat()}",
        f"to: {_q(s.to)}",
        f"from: {_q(s.sender)}",
        f"title: {_q(s.title)}",
        *([f"subtitle: {_q(s.subtitle)}"] if s.subtitle else []),
        "summary: " + _block("\n".join(f"- {b}" for b in s.summary), 2),
    ]
    lines += {"briefing-note": _note_yaml, "talking-points": _points_yaml}.get(
        s.kind, _report_yaml
    )(s)
    if s.acronyms:
        lines.append("acronyms:")
        lines += [f"  {key}: {_q(value)}" for key, value in s.acronyms.items()]
    if s.sources:
        lines.append("sources:")
    for title, publisher, when in s.sources:
        lines += [
            f"  - title: {_q(title)}",
            f"    publisher: {_q(publisher)}",
            f'    date: "{when}"',
        ]
    if s.annexes:
        lines.append("annexes:")
        for a in s.annexes:
            lines += [
                f"  - title: {_q(a.title)}",
                f"    body: {_q(a.body)}",
                "    table:",
                f"      columns: [{', '.join(_q(c) for c in a.columns)}]",
                "      rows:",
            ]
            for row in a.rows:
                cells = (_q(c) if isinstance(c, str) else str(c) for c in row)
                lines.append(f"        - [{', '.join(cells)}]")
    return "\n".join(lines) + "\n"


# --- as Markdown for pandoc --------------------------------------------------------------


def _person_md(p: Person) -> str:
    return f"- **{p.honorific} {p.name}**, {p.role}, {p.organization}"


def _table_md(columns: list[str], rows: list[list[str | int]]) -> list[str]:
    out = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out


def _event_md(e: Event, heading: str = "Event") -> list[str]:
    rows: list[list[str | int]] = [
        ["Meeting", e.name],
        ["Organised by", e.organizer],
        ["Dates", f"{e.start.isoformat()} to {e.end.isoformat()}"],
        ["Format", e.format],
        ["Location", e.location],
    ]
    return [f"## {heading}", "", *_table_md(["", ""], rows), ""]


def _note_md(s: Spec) -> list[str]:
    out: list[str] = []
    if s.purpose:
        out += ["## Purpose", "", s.purpose, ""]
    if s.event:
        out += _event_md(s.event)
    out += ["## The intervention", "", *(_person_md(p) for p in s.speakers), ""]
    for heading, text in s.messages:
        out += [f"### {heading}", "", text, ""]
    if s.participants:
        out += ["## Other participants", "", *(_person_md(p) for p in s.participants), ""]
    out += ["## Background", ""]
    for paragraph in s.background:
        out += [paragraph, ""]
    if s.references:
        out += ["## References cited", ""]
        out += [
            f"- **{r.title}** ({r.kind}, {r.organization}, {r.year}). {r.note}"
            for r in s.references
        ]
        out.append("")
    if s.implications:
        out += ["## Implications for Customs", "", *(f"- {b}" for b in s.implications), ""]
    out += ["## Recommended next steps", ""]
    out += [f"{n}. {step}" for n, step in enumerate(s.next_steps, 1)]
    out.append("")
    return out


def _points_md(s: Spec) -> list[str]:
    out = ["## Objective", "", s.purpose or s.summary[0], ""]
    if s.event:
        out += _event_md(s.event)
    out += ["## Speaker", "", _person_md(s.speakers[0]), "", "## Points to make", ""]
    for number, (heading, text) in enumerate(s.messages, 1):
        out.append(f"{number}. **{heading}.** {text}")
        if number <= len(s.implications):
            out += ["", f"    - {s.implications[number - 1]}", ""]
    out.append("")
    if s.next_steps:
        out += ["## If asked", ""]
        for step in s.next_steps:
            out += ["**What comes next?**", "", step, ""]
    out += ["## Avoid", "", f"- {s.summary[-1]}", ""]
    return out


def _report_md(s: Spec) -> list[str]:
    out = _event_md(s.event or _default_event(s), "Meeting")
    out += ["## Attendance", "", *(_person_md(p) for p in [*s.speakers, *s.participants]), ""]
    out += ["## Agenda", ""]
    actions: list[list[str | int]] = []
    for number, (heading, text) in enumerate(s.messages, 1):
        out += [f"### {number}. {heading}", "", text, ""]
        if number <= len(s.implications):
            out += ["**Decisions**", "", f"- {s.implications[number - 1]}", ""]
        if number <= len(s.next_steps):
            actions.append(
                [number, s.next_steps[number - 1], s.speakers[0].organization, s.day.isoformat()]
            )
    if actions:
        out += ["## Actions", "", *_table_md(["Item", "Action", "Who", "By"], actions), ""]
    if s.background:
        out += ["## Follow-up", "", *(f"{p}\n" for p in s.background)]
    return out


def to_markdown(s: Spec) -> str:
    """The brief as a user would write it for pandoc: a title block, then the sections in
    make-brief's order with the same words, lists and tables."""
    out = [
        "---",
        f"title: {_q(s.title)}",
        *([f"subtitle: {_q(s.subtitle)}"] if s.subtitle else []),
        f"date: {_q(s.day.isoformat())}",
        "lang: en",
        "---",
        "",
        f"**{s.classification}**",
        "",
        f"Reference: {s.reference}  ",
        f"To: {s.to}  ",
        f"From: {s.sender}",
        "",
        "## Summary",
        "",
        *(f"- {b}" for b in s.summary),
        "",
    ]
    out += {"briefing-note": _note_md, "talking-points": _points_md}.get(s.kind, _report_md)(s)
    for a in s.annexes:
        out += [f"## {a.title}", "", a.body, "", *_table_md(a.columns, a.rows), ""]
    if s.acronyms:
        rows: list[list[str | int]] = [[k, v] for k, v in s.acronyms.items()]
        out += ["## Acronyms", "", *_table_md(["Acronym", "Meaning"], rows), ""]
    if s.sources:
        out += ["## Sources", ""]
        out += [f"- {title}, {publisher}, {when}" for title, publisher, when in s.sources]
    return "\n".join(out) + "\n"


# --- the corpus --------------------------------------------------------------------------


def generate(
    folder: Path, count: int, seed: int = SEED, types: tuple[str, ...] = TYPES[:1]
) -> tuple[list[Path], list[Path]]:
    """Write ``count`` briefs into ``folder/content`` and ``folder/markdown``; validate each
    content file (raises :class:`make_brief.errors.ContentError` on the first invalid one).
    Returns the content files and the Markdown files, in the same order. The briefs take
    the ``types`` in turn (briefing notes only by default, so figures stay comparable)."""
    rng = random.Random(seed)
    content, markdown = folder / "content", folder / "markdown"
    content.mkdir(parents=True, exist_ok=True)
    markdown.mkdir(parents=True, exist_ok=True)
    yamls, mds = [], []
    for index in range(count):
        spec = make_spec(index, rng)
        spec.kind = types[index % len(types)]
        yaml_path = content / f"{spec.slug}.yaml"
        md_path = markdown / f"{spec.slug}.md"
        yaml_path.write_text(to_yaml(spec), encoding="utf-8")
        md_path.write_text(to_markdown(spec), encoding="utf-8")
        load_brief(yaml_path)
        yamls.append(yaml_path)
        mds.append(md_path)
    return yamls, mds


def corpus_types(choice: str) -> tuple[str, ...]:
    """The types of a corpus named on a command line: ``note`` or ``mix``."""
    return TYPES if choice == "mix" else TYPES[:1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--briefs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--types", choices=["note", "mix"], default="note", help="mix: the three types in turn"
    )
    args = parser.parse_args()
    yamls, _ = generate(args.folder, args.briefs, args.seed, corpus_types(args.types))
    print(f"wrote {len(yamls)} valid briefs into {args.folder}/content and {args.folder}/markdown")


if __name__ == "__main__":
    main()
