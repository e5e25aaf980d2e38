"""Instruments, resolutions, frameworks, programmes and operations cited in the text.

English names them as capitalised titles around a head word that says what they are:
"Punta Cana Resolution", "SAFE Framework of Standards", "Basel Convention on the Control
of Transboundary Movements of Hazardous Wastes and their Disposal", "Operation STOP". A
general NER model tags these as ORG, LAW or nothing, and never gives the kind, so rules
find the title from its head word and take the kind from it.
"""

from __future__ import annotations

import re

from .lexicon import (
    CONNECTORS,
    EVENT_HEADS,
    KNOWN_ACRONYMS,
    KNOWN_BODIES,
    LOWER_REFERENCE_HEADS,
    REFERENCE_HEADS,
    ROLE_HEADS,
    word_set,
)
from .model import Reference
from .text import Sentence, Token

_LEADING = word_set("the a an this that these its their his her our as in on at for by of")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_ROMAN = re.compile(r"^[IVXLC]+$")


def _titled(token: Token) -> bool:
    return token.is_word and (token.is_cap or token.text[0].isdigit())


def find_references(sentences: list[Sentence], acronyms: dict[str, str]) -> list[Reference]:
    """Every reference, once, with the first sentence that cites it; the longest title of
    one instrument wins ("Basel Convention" joins "Basel Convention on the Control ...")."""
    found: list[Reference] = []
    for sentence in sentences:
        for reference in _in_sentence(sentence, acronyms):
            _add(found, reference)
    return found


def _add(found: list[Reference], new: Reference) -> None:
    key = _norm(new.title)
    for index, old in enumerate(found):
        old_key = _norm(old.title)
        if key == old_key or old_key.startswith(key + " "):
            return
        if key.startswith(old_key + " "):
            new.evidence = old.evidence
            found[index] = new
            return
    found.append(new)


def _norm(title: str) -> str:
    return " ".join(re.findall(r"\w+", title.casefold()))


def _in_sentence(sentence: Sentence, acronyms: dict[str, str]) -> list[Reference]:
    tokens = sentence.tokens
    out: list[Reference] = []
    used: set[int] = set()
    for i, token in enumerate(tokens):
        if i in used or not token.is_word:
            continue
        low = token.bare.lower()
        if token.text == "Operation" and i + 1 < len(tokens):
            end = _operation_end(tokens, i + 1)
            if end > i + 1:
                title = " ".join(
                    t.bare if n == end - 1 else t.text
                    for n, t in enumerate(tokens[i:end], i)
                    if t.is_word
                )
                out.append(_reference(title, "operation", None, sentence))
                used.update(range(i, end))
            continue
        if token.is_cap and low in REFERENCE_HEADS:
            if token.possessive or (i > 0 and tokens[i - 1].text == "("):
                continue  # "the Compact’s working group" names an owner, "(HS Convention)" an alias
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if nxt is not None and nxt.is_cap and nxt.bare.lower() in ROLE_HEADS:
                continue  # "Programme Officer"
            start, owner = _left(tokens, i)
            end = _right(tokens, i + 1)
            if end - start < 2 or (start > 0 and tokens[start - 1].text == "("):
                continue
            words = tokens[start:end]
            if any(t.bare.lower() in EVENT_HEADS for t in words):
                continue
            title = _join(words)
            if _is_body(title, acronyms):
                continue
            kind = REFERENCE_HEADS[low]
            after = end + 3 if end < len(tokens) and tokens[end].text == "(" else end
            if after < len(tokens) and tokens[after].text in LOWER_REFERENCE_HEADS:
                kind = tokens[after].text  # "the Time Release Study (TRS) methodology"
                used.add(after)
            out.append(_reference(title, kind, owner, sentence))
            used.update(range(start, end))
        elif not token.is_cap and low in LOWER_REFERENCE_HEADS and i >= 2:
            start, owner = _left(tokens, i, skip_parenthesis=True)
            words = [t for t in tokens[start:i] if t.text not in "()" and not _in_parens(tokens, t)]
            if len(words) >= 2 and not any(n in used for n in range(start, i)):
                title = _join(words)
                if not _is_body(title, acronyms) and not token.text.endswith("s"):
                    out.append(_reference(title, low, owner, sentence))
                    used.update(range(start, i + 1))
    return out


def _in_parens(tokens: list[Token], token: Token) -> bool:
    index = tokens.index(token)
    return (
        index > 0
        and tokens[index - 1].text == "("
        and index + 1 < len(tokens)
        and tokens[index + 1].text == ")"
    )


def _operation_end(tokens: list[Token], k: int) -> int:
    end = k
    if end < len(tokens) and tokens[end].text in "“\"‘'":
        end += 1
    start = end
    while end < len(tokens) and end - start < 4:
        token = tokens[end]
        if token.is_word and (token.is_cap or _YEAR.match(token.text) or _ROMAN.match(token.text)):
            end += 1
            if token.possessive:
                break
        else:
            break
    return end if end > start else k


def _left(tokens: list[Token], head: int, skip_parenthesis: bool = False) -> tuple[int, str | None]:
    """Start of the title before its head word, and an owner written as "WCO’s"."""
    start = head
    owner = None
    k = head - 1
    while k >= 0:
        token = tokens[k]
        if skip_parenthesis and token.text == ")":
            opening = next((n for n in range(k, -1, -1) if tokens[n].text == "("), None)
            if opening is None:
                break
            k = opening - 1
            continue
        if not _titled(token) or token.text.lower() in _LEADING and token.text.islower():
            break
        if token.possessive:
            owner_start = k
            while (
                owner_start > 0
                and tokens[owner_start - 1].is_cap
                and tokens[owner_start - 1].is_word
            ):
                owner_start -= 1
            owner = " ".join(t.bare for t in tokens[owner_start : k + 1])
            if owner_start == 0 or tokens[owner_start].text in ("The", "As", "In"):
                owner = " ".join(owner.split()[1:]) or token.bare
            break
        if k == 0 and token.text.lower() in _LEADING:
            break
        start = k
        k -= 1
    return start, owner


def _right(tokens: list[Token], k: int) -> int:
    """End of the title after its head: "of Standards", "on the Control of ... Disposal"."""
    end = k
    while end < len(tokens):
        token = tokens[end]
        if _titled(token) and not token.possessive:
            if token.text[0].isdigit() and end > k and tokens[end - 1].text in CONNECTORS:
                break  # "... Standards in 2005"
            end += 1
            continue
        if token.is_word and token.text in CONNECTORS:
            # Connectors belong to the title only when a capitalised word follows them,
            # and "and its"/"and their" start a new phrase ("... E-Commerce and its
            # Technical Specifications").
            look = end
            while look < len(tokens) and tokens[look].text in CONNECTORS:
                look += 1
            joined = [t.text for t in tokens[end:look]]
            new_phrase = joined[0] == "and" and (
                len(joined) > 2 or joined[1:2] in (["its"], ["the"])
            )
            # "... Framework in Nairobi in early 2023": a place, not part of the title.
            one_word = not _continues(tokens, look + 1)
            new_phrase = new_phrase or (joined == ["in"] and one_word)
            if look < len(tokens) and tokens[look].is_cap and not new_phrase:
                end = look
                continue
        break
    return end


def _continues(tokens: list[Token], k: int) -> bool:
    """Whether a capitalised word follows at ``k``, directly or after small words."""
    while k < len(tokens) and tokens[k].text in CONNECTORS:
        k += 1
    return k < len(tokens) and _titled(tokens[k]) and k > 0


def _join(words: list[Token]) -> str:
    text = " ".join(t.text for t in words)
    return re.sub(r"\s+([,;:])", r"\1", text).strip(" ,;:")


def _is_body(title: str, acronyms: dict[str, str]) -> bool:
    """ "United Nations Environment Programme" names a body, not a programme."""
    known = {KNOWN_ACRONYMS[k].casefold() for k in KNOWN_BODIES}
    known |= {v.casefold() for k, v in acronyms.items() if k in KNOWN_BODIES}
    return title.casefold() in known


def _reference(title: str, kind: str, owner: str | None, sentence: Sentence) -> Reference:
    first = title.split()[0]
    organization = owner
    if organization is None and first in KNOWN_BODIES:
        organization = first
    year = None
    last = title.split()[-1]
    if _YEAR.match(last):
        year = int(last)
    if organization:
        organization = KNOWN_ACRONYMS.get(organization, organization)
    return Reference(title, kind, organization, year, sentence.text)
