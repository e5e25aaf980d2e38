"""Job titles and organisations written around a name.

News items write them in a few fixed shapes, which these rules read: a title before the
name ("the Director of Compliance and Facilitation Directorate of the WCO, Mr. ..."), an
appositive after it (", a senior analyst with the European Anti-Fraud Office (OLAF),"),
" of Swedish Customs", "(Canada Border Services Agency)", "chaired by", "were elected
Vice-Chairs", "Speaking for the WCO, ...". A title is split from its organisation at
"at", "with", or the last "of" that introduces a body.
"""

from __future__ import annotations

import re
from typing import Protocol

from .lexicon import CONNECTORS, REPORTING_VERBS, ROLE_HEADS, ROLE_MODIFIERS, word_set
from .orgs import clean_org, expand_org, looks_like_org
from .text import Token


class Named(Protocol):
    """A mention of a person, as the people module keeps it."""

    start: int
    role: str | None
    organization: str | None


BY_ROLE = {"chaired": "Chair", "moderated": "Moderator", "co-chaired": "Co-Chair"}

# Job titles written in lower case ("a representative of the WCO", "head of the risk
# unit", "a senior analyst with OLAF").
_LOWER_ROLES = word_set("""representative representatives expert experts officer officers head chief delegate
    delegates adviser advisor advisers advisors specialist specialists analyst analysts
    director manager coordinator consultant researcher economist inspector spokesperson
    spokesman spokeswoman commissioner secretary minister ambassador chair chairperson
    president professor lecturer""")


def words_of(tokens: list[Token]) -> str:
    text = ""
    for token in tokens:
        glue = "" if not text or token.text in ",.;:)" or text.endswith("(") else " "
        text += glue + token.text
    return text


def split_role(phrase: list[Token], acronyms: dict[str, str]) -> tuple[str | None, str | None]:
    """ "Director of X Directorate of the WCO" -> ("Director of X Directorate", "WCO")."""
    # A leading organisation: "UN Secretary General", "WCO’s Director".
    org_prefix: list[Token] = []
    while phrase and (phrase[0].is_upper or phrase[0].possessive) and len(phrase) > 1:
        org_prefix.append(phrase.pop(0))
        if org_prefix[-1].possessive:
            break
    lowered = [t.text.lower() for t in phrase]
    split, skip = None, 0
    if "at" in lowered[1:]:
        split = lowered.index("at", 1)
    elif "with" in lowered[1:] and looks_like_org(
        words_of(phrase[lowered.index("with", 1) + 1 :]), acronyms
    ):
        split = lowered.index("with", 1)
    else:
        for index in range(len(phrase) - 1, 0, -1):
            if lowered[index] in ("of", "from", "with"):
                rest = words_of(phrase[index + 1 :])
                if looks_like_org(rest, acronyms):
                    split = index
                    break
    role_tokens, org = phrase, None
    if split is not None:
        role_tokens = phrase[:split]
        skip = split + 1
        org = clean_org(words_of(phrase[skip:])) or None
    if org is None and org_prefix:
        org = clean_org(words_of(org_prefix))
    role = words_of(role_tokens).strip(" ,") or None
    if role:
        role = role[0].upper() + role[1:]
        role = re.sub(
            r"\b(Expert|Officer|Representative|Delegate|Adviser|Advisor|Specialist)s\b", r"\1", role
        )
        role = re.sub(
            r"\b(expert|officer|representative|delegate|specialist)s?\b",
            lambda m: m.group(1).capitalize(),
            role,
        )
    if org:
        org = expand_org(org, acronyms)
    return role, org


def is_role_head(token: Token) -> bool:
    word = token.bare.lower()
    return word in ROLE_HEADS if token.is_cap else word in _LOWER_ROLES


def role_before(tokens: list[Token], k: int, taken: set[int]) -> tuple[list[Token] | None, bool]:
    """The job title written just before a name ("the Director of ... of the WCO, Mr.")."""
    i = k - 1
    if i >= 0 and tokens[i].text == ",":
        i -= 1
    phrase: list[Token] = []
    while i >= 0 and i not in taken:
        token = tokens[i]
        low = token.text.lower()
        if token.text in "()":
            i -= 1
            continue
        if not token.is_word:
            break
        if low == "and" and any(is_role_head(t) for t in phrase):
            break
        if token.is_cap or token.is_upper or low in CONNECTORS or low in _LOWER_ROLES:
            phrase.insert(0, token)
            i -= 1
            continue
        break
    heads = [n for n, t in enumerate(phrase) if is_role_head(t)]
    if not heads:
        return None, False
    first = heads[0]
    while first > 0 and (
        phrase[first - 1].bare.lower() in ROLE_MODIFIERS
        or phrase[first - 1].is_upper
        or phrase[first - 1].possessive
    ):
        first -= 1
    plural = any(phrase[h].text.lower().endswith("s") for h in heads)
    return phrase[first:], plural


def role_after(tokens: list[Token], j: int) -> tuple[list[Token] | None, bool]:
    """The job title or organisation written after a name: ", Director of X,",
    ", a senior analyst with X," (an appositive, up to its comma), " of Swedish Customs",
    " (Canada Border Services Agency)". The flag says the phrase is an organisation only."""
    if j >= len(tokens):
        return None, False
    if tokens[j].text == "(":
        close = next((n for n in range(j, len(tokens)) if tokens[n].text == ")"), None)
        inner = tokens[j + 1 : close] if close else []
        return (inner, True) if inner and all(t.is_word for t in inner) else (None, False)
    org_only = appositive = False
    k = j
    if tokens[k].text == ",":
        appositive = True
        k += 1
        while k < len(tokens) and tokens[k].text.lower() in ("the", "a", "an", "who", "is", "was"):
            k += 1
        if k < len(tokens) and tokens[k].text.lower() in ("from", "of"):
            org_only, k = True, k + 1
    elif tokens[k].text.lower() in ("of", "from"):
        org_only, k = True, k + 1
    else:
        return None, False
    phrase: list[Token] = []
    while k < len(tokens) and len(phrase) < 24:
        token = tokens[k]
        low = token.text.lower()
        if token.text == "(":
            close = next((n for n in range(k, len(tokens)) if tokens[n].text == ")"), None)
            if close is None:
                break
            k = close + 1
            continue
        if not token.is_word:
            break
        lower_ok = appositive and not org_only and low not in REPORTING_VERBS
        if token.is_cap or token.is_upper or low in CONNECTORS or lower_ok:
            phrase.append(token)
            k += 1
            continue
        break
    while phrase and phrase[-1].text.lower() in CONNECTORS:
        phrase.pop()
    while phrase and phrase[0].text.lower() in ("the", "a", "an"):
        phrase.pop(0)
    if not phrase:
        return None, False
    if org_only:
        return phrase, True
    # The head comes within the first words, after modifiers ("Senior Technical Officer",
    # "Programme Officer", "senior analyst", "Head of Unit").
    for token in phrase[:4]:
        if is_role_head(token):
            return phrase, False
        if token.text.lower() in CONNECTORS:
            break
    return None, False


_ELECTED = re.compile(
    r"\b(?:was|were|has been|have been|had been|is|are)\s+(?:re-?)?(?:elected|appointed|named|"
    r"designated|nominated|chosen)\s+(?:as\s+)?(?:the\s+|its\s+|new\s+)*"
    r"(?P<role>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)"
)
_ON_BEHALF = re.compile(
    r"\b(?:[Ss]peaking|[Ss]poke|[Ss]peaks|[Rr]epresenting|[Oo]n behalf of)\s+(?:(?:for|on behalf of)\s+)?"
    r"(?:the\s+)?(?P<org>[A-Z][\w’'&/-]*(?:\s+(?:(?:of|for|on|and)\s+)?[A-Z][\w’'&/-]*)*)"
)


def roles_from_clauses(
    text: str, tokens: list[Token], found: list[Named], acronyms: dict[str, str]
) -> None:
    """Titles and organisations a clause gives: "Ms. A and Mr. B were elected Vice-Chairs",
    "Speaking for the WCO, ... Ms. C"."""
    elected = _ELECTED.search(text)
    if elected:
        role = re.sub(r"(?<=[a-z])s$", "", elected.group("role"))
        for mention in found:
            if mention.role is None and tokens[mention.start].start < elected.start():
                mention.role = role
    behalf = _ON_BEHALF.search(text)
    if behalf and looks_like_org(behalf.group("org"), acronyms):
        without = [m for m in found if m.organization is None]
        if len(without) == 1:
            without[0].organization = expand_org(behalf.group("org"), acronyms)
