"""Warnings: what is valid in a content file but probably not what its author meant.

Text after `` #`` that YAML drops as a comment, a Markdown link the brief prints without
its address, ``• item`` lines that print as one paragraph: the brief still builds, so
each is said as a warning, at its line, with the way to write what was meant.
"""

from __future__ import annotations

import re

from ruamel.yaml.comments import CommentedMap

from ..errors import Problem
from .lines import in_quotes, rewritten, split_line
from .markdown import unlinked
from .places import Loc, dotted, existing_part, locate, noun_of
from .yaml_events import PlainValue

#: A brief's Markdown texts, each with its field path (as :func:`markdown_texts` gives).
Texts = list[tuple[Loc, str]]


def comment_warnings(name: str, lines: list[str], plain: list[PlainValue]) -> list[Problem]:
    """``subtitle: Outcomes of item #4`` prints "Outcomes of item": YAML reads `` #`` and
    all after it as a comment. Warned unless it looks like a comment its author meant:
    two spaces or more before the ``#`` and a space after it (as the starter file's)."""
    warnings = []
    for value in plain:
        text = lines[value.end_line].removesuffix("\r")
        rest = text[value.end_col :]
        match = re.match(r"([ \t]+)#(\S?)", rest)
        if not match or (len(match.group(1)) > 1 and not match.group(2)):
            continue
        comment = rest.strip()
        hash_col = value.end_col + len(match.group(1))
        line = split_line(text)
        if value.line == value.end_line:
            start = value.col if value.end_col > value.col else line.value_col
            keep = rewritten(line, start, in_quotes(text[start:].strip()))
            fix = f"put the whole {noun_of(value.loc)} in quotes: {keep}"
        else:
            fix = f"put the whole {noun_of(value.loc)} in quotes"
        warnings.append(
            Problem(
                name,
                value.end_line + 1,
                hash_col + 1,
                dotted(value.loc),
                f"the text from ' #' on is a comment, so '{comment}' will not be printed; "
                f"to keep it, {fix}",
            )
        )
    return warnings


def link_warnings(name: str, tree: CommentedMap, lines: list[str], texts: Texts) -> list[Problem]:
    """A Markdown link the brief prints as its words only, without the address.
    ``texts``: the brief's Markdown texts with their places (:func:`markdown_texts`)."""
    texts = [(loc, text) for loc, text in texts if "](" in text]  # a link has "](" in it
    if not texts:
        return []
    warnings = []
    offsets = [0]
    for text in lines:
        offsets.append(offsets[-1] + len(text) + 1)
    whole = "\n".join(lines)
    for loc, text in texts:
        links = unlinked(text)
        if not links:
            continue
        here = existing_part(tree, loc)
        line, col = locate(tree, here)
        start = offsets[line - 1] + col - 1
        for words, href in links:
            found = whole.find(href, start) if href else -1
            if found >= 0:
                line = next(i for i in range(len(offsets)) if offsets[i + 1] > found) + 1
                col = found - offsets[line - 1] + 1
            warnings.append(
                Problem(
                    name,
                    line,
                    col,
                    dotted(here),
                    f"the link [{words}]({href}) is printed as its words only, without the "
                    "link: a brief links only to https://, http:// and mailto: addresses",
                )
            )
    return warnings


#: Bullets that print as a character where a list was meant (not dashes: a line of prose
#: may start with one).
_TEXT_BULLETS = re.compile(r"[ \t]*([•◦▪▫‣⁃●○■□➢►➤❖])[ \t]+\S")
_ANY_BULLET = re.compile(r"[•◦▪▫‣⁃●○■□➢►➤❖]")


def bullet_warnings(name: str, tree: CommentedMap, lines: list[str], texts: Texts) -> list[Problem]:
    """``• item`` lines in a text: Markdown prints them as one paragraph, bullets and all."""
    warnings = []
    for loc, text in texts:
        if _ANY_BULLET.search(text) is None:
            continue
        here = existing_part(tree, loc)
        first = locate(tree, here)[0] - 1
        for text_line in text.split("\n"):
            match = _TEXT_BULLETS.match(text_line)
            if not match:
                continue
            number = next(
                (i for i in range(first, len(lines)) if lines[i].strip() == text_line.strip()),
                first,
            )
            raw = lines[number]
            col = raw.find(match.group(1)) if match.group(1) in raw else 0
            warnings.append(
                Problem(
                    name,
                    number + 1,
                    col + 1,
                    dotted(here),
                    f"a '{match.group(1)}' bullet prints as a character, and the lines run "
                    "into one paragraph; for a bulleted list write '- ' instead",
                )
            )
    return warnings
