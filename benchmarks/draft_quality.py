"""Precision and recall of ``make-brief draft`` against hand-made gold content files.

Usage::

    python benchmarks/draft_quality.py                     # the development gold set
    python benchmarks/draft_quality.py --held-out          # the held-out texts only
    python benchmarks/draft_quality.py DIR --verbose       # any folder of SOURCE + SOURCE.yaml
    python benchmarks/draft_quality.py --no-model          # rules alone, without spaCy

A gold set is a folder of sources (``.txt``, ``.md``, ``.html``) each beside a content file
of the same name with ``.yaml``. Each source is drafted; the draft (the YAML text the
command writes, parsed back) is compared with the gold file, kind by kind:

- people: the names of speakers and participants (case, accents and honorifics aside);
- roles: a person's job title, for people in both, when the words of the two titles
  overlap by at least half (token F1 >= 0.5; "Director, Compliance and Facilitation
  Directorate" matches "Director of Compliance and Facilitation Directorate");
- organisations: people's organisations and the event's organiser, acronyms expanded
  ("WCO" = "World Customs Organization"), compared as sets of words (so "Brazil's Federal
  Revenue Service" = "Federal Revenue Service of Brazil"), "(ACR)" and small words aside;
- acronyms: (short form, expansion) pairs, expansions compared without case or hyphens;
- dates: the event's start and end;
- references: titles, matched when their words overlap by 80% (token F1 >= 0.8), so
  "WCO Framework of Standards on ..." matches "Framework of Standards on ...".

It prints figures; it asserts nothing (tests/test_draft_quality.py holds the targets).
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from make_brief.content.load import load_brief
from make_brief.content.schema import Brief
from make_brief.draft import draft_yaml, read_source
from make_brief.draft.lexicon import HONORIFICS, KNOWN_ACRONYMS
from make_brief.draft.write import validate

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "draft_gold"
KINDS = ("people", "roles", "organisations", "acronyms", "dates", "references")
SUFFIXES = (".txt", ".md", ".html", ".htm")
_STOP = frozenset(["the", "of", "and", "for", "on", "in", "at", "a", "an", "to"])


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        self.misses.extend(other.misses)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold().replace("’", "'")


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", _fold(text).replace("-", " "))


def name_key(name: str) -> str:
    words = [w for w in _tokens(name) if w not in {h.strip(".").lower() for h in HONORIFICS}]
    return " ".join(words)


def org_key(name: str, acronyms: dict[str, str]) -> str:
    name = re.sub(r"\([^)]*\)", " ", name)
    name = re.sub(r"[’']s\b", "", name)
    for short in sorted(acronyms, key=len, reverse=True):
        name = re.sub(rf"(?<![\w-]){re.escape(short)}(?![\w-])", acronyms[short], name)
    return " ".join(sorted({w for w in _tokens(name) if w not in _STOP}))


def f1(a: str, b: str) -> float:
    x = [w for w in _tokens(a) if w not in _STOP]
    y = [w for w in _tokens(b) if w not in _STOP]
    if not x or not y:
        return 0.0
    common = sum(min(x.count(w), y.count(w)) for w in set(x))
    if not common:
        return 0.0
    p, r = common / len(x), common / len(y)
    return 2 * p * r / (p + r)


def _sets(found: set[str], gold: set[str], label: str) -> Score:
    score = Score(len(found & gold), len(found - gold), len(gold - found))
    score.misses += [f"{label} extra: {x}" for x in sorted(found - gold)]
    score.misses += [f"{label} missed: {x}" for x in sorted(gold - found)]
    return score


def _pairs(found: list[str], gold: list[str], threshold: float, label: str) -> Score:
    """Greedy one-to-one matching by token F1."""
    left = list(gold)
    score = Score()
    for item in found:
        best = max(left, key=lambda g: f1(item, g), default=None)
        if best is not None and f1(item, best) >= threshold:
            left.remove(best)
            score.tp += 1
        else:
            score.fp += 1
            score.misses.append(f"{label} extra: {item}")
    score.fn = len(left)
    score.misses += [f"{label} missed: {x}" for x in left]
    return score


def compare(draft: Brief, gold: Brief) -> dict[str, Score]:
    acronyms = {**KNOWN_ACRONYMS, **draft.acronyms, **gold.acronyms}
    people_d = {name_key(p.name): p for p in [*draft.speakers, *draft.participants]}
    people_g = {name_key(p.name): p for p in [*gold.speakers, *gold.participants]}
    scores = {"people": _sets(set(people_d), set(people_g), "person")}

    roles = Score()
    for key, person in people_d.items():
        if not person.role:
            continue
        other = people_g.get(key)
        if other is not None and other.role and f1(person.role, other.role) >= 0.5:
            roles.tp += 1
        else:
            roles.fp += 1
            roles.misses.append(f"role extra: {person.name}: {person.role}")
    for key, person in people_g.items():
        other = people_d.get(key)
        if person.role and not (other and other.role and f1(other.role, person.role) >= 0.5):
            roles.fn += 1
            roles.misses.append(f"role missed: {person.name}: {person.role}")
    scores["roles"] = roles

    def orgs(brief: Brief) -> set[str]:
        names = [p.organization for p in [*brief.speakers, *brief.participants] if p.organization]
        if brief.event and brief.event.organizer:
            names.append(brief.event.organizer)
        return {org_key(n, acronyms) for n in names}

    scores["organisations"] = _sets(orgs(draft), orgs(gold), "organisation")

    def pairs(brief: Brief) -> set[str]:
        return {f"{k} = {' '.join(_tokens(v))}" for k, v in brief.acronyms.items()}

    scores["acronyms"] = _sets(pairs(draft), pairs(gold), "acronym")

    def dates(brief: Brief) -> set[str]:
        event = brief.event
        found: set[str] = set()
        if event and event.start:
            found.add(f"start {event.start}")
        if event and event.end:
            found.add(f"end {event.end}")
        return found

    scores["dates"] = _sets(dates(draft), dates(gold), "date")
    scores["references"] = _pairs(
        [r.title for r in draft.references], [r.title for r in gold.references], 0.8, "reference"
    )
    return scores


def gold_pairs(folder: Path) -> list[tuple[Path, Path]]:
    pairs = []
    for source in sorted(folder.iterdir()):
        if source.suffix.lower() in SUFFIXES and source.with_suffix(".yaml").exists():
            pairs.append((source, source.with_suffix(".yaml")))
    return pairs


def evaluate(
    folder: Path, *, use_model: bool = True
) -> tuple[dict[str, Score], dict[str, dict[str, Score]]]:
    total = {kind: Score() for kind in KINDS}
    per_file: dict[str, dict[str, Score]] = {}
    for source, gold_path in gold_pairs(folder):
        text = draft_yaml(read_source(source), today=date(2000, 1, 1), use_model=use_model)
        draft = validate(text)
        gold = load_brief(gold_path).brief
        scores = compare(draft, gold)
        per_file[source.name] = scores
        for kind in KINDS:
            total[kind].add(scores[kind])
    return total, per_file


def table(total: dict[str, Score]) -> str:
    lines = [
        "| kind | precision | recall | found right | found wrong | missed |",
        "|---|---|---|---|---|---|",
    ]
    for kind in KINDS:
        s = total[kind]
        lines.append(f"| {kind} | {s.precision:.2f} | {s.recall:.2f} | {s.tp} | {s.fp} | {s.fn} |")
    return "\n".join(lines)


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=None)
    parser.add_argument("--held-out", action="store_true", help="score tests/draft_gold/held_out")
    parser.add_argument("--no-model", action="store_true", help="rules alone, no NER model")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(list(argv) if argv is not None else None)
    folder = args.folder or (GOLD / "held_out" if args.held_out else GOLD)
    total, per_file = evaluate(folder, use_model=not args.no_model)
    from make_brief.draft.nlp import load_model

    model = None if args.no_model else load_model()
    engine = f"rules + spaCy {model.name}" if model else "rules only"
    print(f"{len(per_file)} sources in {folder} ({engine})\n")
    print(table(total))
    if args.verbose:
        for name, scores in per_file.items():
            misses = [m for kind in KINDS for m in scores[kind].misses]
            if misses:
                print(f"\n{name}")
                for miss in misses:
                    print(f"  {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
