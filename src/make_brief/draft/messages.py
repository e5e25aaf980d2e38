"""Candidate key messages and a short extractive summary.

Both are extractive on purpose: a draft quotes the source and the analyst rewrites; a
generated paraphrase would hide where a claim came from, and could invent one.
"""

from __future__ import annotations

import re
from collections import Counter

from .lexicon import REPORTING_VERBS, word_set
from .model import Message, Person
from .text import Sentence, words

_STOP = word_set("""the a an of and or in on at to for by with from as is was were be been are has have
    had that this which who its their his her it he she they also during after before
    will would could should can may more than into over about other such these those""")
_QUOTE = re.compile(r"[“\"][^”\"]{20,}[”\"]")
_HE = re.compile(r"^(?:He|She)\b")


def key_messages(
    sentences: list[Sentence],
    speakers: list[Person],
    mentions: dict[int, list[tuple[int, Person]]],
    limit: int = 8,
) -> list[Message]:
    """Sentences that report what a speaker said: a speaker (or "He"/"She" right after
    one) before a reporting verb, or a quotation in a speaker's sentence."""
    chosen: list[Message] = []
    last: Person | None = None
    for sentence in sentences:
        here = mentions.get(sentence.index, [])
        verbs = [n for n, t in enumerate(sentence.tokens) if t.text.lower() in REPORTING_VERBS]
        subject = next((p for at, p in here if verbs and at < verbs[0]), None)
        if subject is None and _HE.match(sentence.text) and verbs:
            subject = last
        if subject in speakers and (verbs or _QUOTE.search(sentence.text)):
            chosen.append(Message(sentence.text, sentence.text))
        if here:
            last = subject if subject is not None else here[-1][1]
    return chosen[:limit]


def summary(sentences: list[Sentence], title: str, count: int = 3) -> list[Sentence]:
    """The few sentences that best cover the text: frequent content words and the title's
    words, with a lead bonus (news puts the essentials first); kept in text order."""
    body = [s for s in sentences if len(s.text.split()) >= 8]
    if not body:
        return sentences[:count]
    freq = Counter(w for s in body for w in words(s.text) if w not in _STOP and len(w) > 2)
    title_words = {w for w in words(title) if w not in _STOP}
    scored = []
    for position, sentence in enumerate(body):
        content = [w for w in words(sentence.text) if w not in _STOP and len(w) > 2]
        if not content:
            continue
        score = sum(freq[w] for w in set(content)) / (len(set(content)) ** 0.5)
        score += 2.0 * len(title_words & set(content))
        score *= 1.6 if position == 0 else (1.2 if position < 3 else 1.0)
        if _QUOTE.search(sentence.text):
            score *= 0.7
        scored.append((score, sentence))
    best = sorted(scored, key=lambda pair: -pair[0])[:count]
    return sorted((s for _, s in best), key=lambda s: s.index)
