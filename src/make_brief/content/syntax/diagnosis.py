"""The search for what a YAML error means, and its words when nothing explains it.

Each guesser proposes the file with its fix made; a fix is believed only if that file
parses past the mistake. Then the next error of the fixed file is diagnosed, so every
mistake is reported at once. Tabs, which YAML reports only at the first, are listed here
too, each at its line; an error no guess explains is said in the plainest words its
message allows.
"""

from __future__ import annotations

import re

from ruamel.yaml.error import MarkedYAMLError

from ...errors import Problem
from ..limits import GUESS_BYTES, MAX_CHAR_PROBLEMS, MAX_GUESSES
from ..lines import BULLET, split_line, text_blocks
from ..places import dotted
from ..yaml_events import PartialParse
from .fixes import Diagnoser, Fix, error_mark
from .layout import block_text, indentation, missing_space_or_colon, not_a_field, pasted_bullets
from .quoting import colon_in_value, curly_quotes, starts_with_indicator, unclosed


def tab_problems(name: str, text: str) -> list[Problem]:
    """Every line with a tab where YAML allows only spaces, each reported once; YAML
    itself stops at the first. Tabs in the text of a ``|`` value are text, and kept."""
    lines = [split_line(t) for t in text.split("\n")]
    inside = text_blocks(lines)
    found = []
    for index, line in enumerate(lines):
        if index in inside or "\t" not in line.text:
            continue
        bullet = BULLET.match(line.text)
        if bullet and "\t" not in line.text[bullet.end() :]:
            continue  # "•<tab>item" pasted from Word: the bullet is the mistake to report
        lead = re.match(r"[ \t]*(?:-[ \t]+)*", line.text).group()
        if not line.text.strip():
            col, message = line.text.index("\t"), "this empty line holds a tab; delete it"
        elif "\t" in lead:
            col, message = lead.index("\t"), "a tab is used for indentation; indent with spaces"
        elif line.text[line.value_col : line.value_col + 1] in ("'", '"'):
            continue  # inside quotes a tab is part of the value
        else:
            col = line.text.index("\t")
            message = (
                "a tab at the end of the line; delete it"
                if not line.text[col:].strip()
                else "a tab between words; YAML allows only spaces here: use a space"
            )
        found.append((index, col, message))
        if len(found) >= MAX_CHAR_PROBLEMS:
            break
    if not found:
        return []
    # The fields, from the file with its tabs made spaces (two per tab: a guess that
    # holds for a file indented with tabs alone).
    places = PartialParse([ln.text.replace("\t", "  ") for ln in lines])
    problems = []
    for index, col, message in found:
        text = lines[index].text.replace("\t", "  ")
        loc = places.loc_at(index, len(text) - len(text.lstrip()))
        problems.append(Problem(name, index + 1, col + 1, dotted(loc or ()), message))
    return problems


def syntax_problems(name: str, text: str, exc: MarkedYAMLError) -> list[Problem]:
    """What is wrong, in an author's words, at the line of each mistake.

    Each diagnosis proposes the file with its fix made; it is believed only if that file
    parses past the mistake. Then the next error of the fixed file is diagnosed, so every
    mistake is reported at once, until one is not understood: that one is reported in
    YAML's words, and the search stops.
    """
    raw_lines = text.split("\n")
    problems: list[Problem] = []
    error: MarkedYAMLError | None = exc
    # Each guess costs a parse of the whole file: a few for a big file, more for a brief.
    budget = [min(MAX_GUESSES, 8 + GUESS_BYTES // max(len(text), 1))]
    while error is not None and len(problems) < MAX_CHAR_PROBLEMS:
        found = _diagnose(raw_lines, error, budget)
        if found is None:
            if not problems:  # else most likely the echo of a fix this guess did not make
                problems.append(yaml_problem(name, error, "\n".join(raw_lines)))
            break
        fixes, places = found
        if any(p.line == fix.line + 1 for p in problems for fix in fixes):
            break  # a line already reported: what follows is the first fix's echo
        for fix in fixes:
            loc = places.loc_at(
                fix.line if fix.field_line is None else fix.field_line, fix.field_col
            )
            message = fix.message(loc) if callable(fix.message) else fix.message
            problems.append(Problem(name, fix.line + 1, fix.col + 1, dotted(loc or ()), message))
        raw_lines, error = places.lines, places.error
    return problems


def _diagnose(
    raw_lines: list[str], error: MarkedYAMLError, budget: list[int]
) -> tuple[list[Fix], PartialParse] | None:
    lines = [split_line(t) for t in raw_lines]
    inside = text_blocks(lines)
    for diagnoser in _DIAGNOSERS:
        for fixes in diagnoser(lines, inside, error):
            if budget[0] <= 0:
                return None
            budget[0] -= 1
            repaired = list(raw_lines)
            for fix in fixes:
                repaired[fix.line] = fix.repaired
                for index, text in fix.more:
                    repaired[index] = text
            places = PartialParse(repaired)
            if _progressed(places.error, error, fixes):
                return fixes, places
    return None


def _progressed(after: MarkedYAMLError | None, before: MarkedYAMLError, fixes: list[Fix]) -> bool:
    """Whether a fix explains an error: the fixed file parses, or stops only later than
    the last line fixed, at another error."""
    if after is None:
        return True
    mark = error_mark(after)
    last = max((fix.line, fix.col) for fix in fixes)
    return mark > last and (mark, after.problem) != (error_mark(before), before.problem)


#: The guessers, in the order they are tried: the first fix that helps is believed.
_DIAGNOSERS: tuple[Diagnoser, ...] = (
    pasted_bullets,
    unclosed,
    curly_quotes,
    starts_with_indicator,
    colon_in_value,
    missing_space_or_colon,
    block_text,
    not_a_field,
    indentation,
)


def yaml_problem(name: str, exc: MarkedYAMLError, text: str = "") -> Problem:
    """A YAML error no diagnosis explained, in the plainest words its message allows, at
    the field where the parser was (as far as the file parses)."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    loc = PartialParse(text.split("\n")).loc_at(line - 1, col - 1) if text and mark else None
    problem = str(exc.problem or exc.context or "is not valid YAML")
    if "'\\t'" in problem:
        problem = "a tab here; YAML allows only spaces: replace it with a space"
    elif "duplicate key" in problem:
        problem = (
            "is written twice; keep one of the two"
            if loc
            else problem.split(" with value")[0].replace("found duplicate key", "key")
            + " is written twice; keep one"
        )
    elif "another document" in problem:
        problem = "a second document (---) starts here; one content file holds one brief"
    else:
        problem = (
            f"YAML cannot read this line ({problem}); check that it is lined up with the "
            "field above it, and put a value that holds ': ' or starts with a quote or a "
            "bracket in quotes"
        )
    return Problem(name, line, col, dotted(loc or ()), problem)
