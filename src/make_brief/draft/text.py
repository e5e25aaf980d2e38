"""Plain text cut into paragraphs, sentences and word tokens, offsets kept.

Every extracted item quotes the sentence it came from, so sentences are the unit the rest
of the drafter works on. The splitter is rule-based: news items are edited prose, and the
only hard cases are abbreviations before names ("Mr. Das", "H.E. Khalid"), which a short
list settles better than a statistical model trained on other genres.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from .lexicon import word_set

# Characters a content file refuses (control characters, bidirectional overrides): they
# must not travel from a source text into a draft.
_INVISIBLE = dict.fromkeys(
    [c for c in range(32) if c not in (9, 10)]
    + [0x7F, 0xAD, 0x200B, 0x200E, 0x200F, 0xFEFF]
    + list(range(0x202A, 0x202F))
    + list(range(0x2066, 0x206A))
    + list(range(0x80, 0xA0))
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = word_set("""mr mrs ms dr prof st no nos art arts hon rev gen col lt sgt capt cmdr adm gov sen rep
    jr sr vs etc e.g i.e approx dept est fig inc ltd co corp jan feb mar apr jun jul aug
    sep sept oct nov dec u.s u.k u.n h.e h.r.h h.m op vol p pp para paras mt ft sq""")

_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+|$)")
_WORD = re.compile(r"[^\W_](?:[\w'’&./-]*[^\W_])?\.?|[^\w\s]")


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # offset in the sentence
    end: int

    @property
    def bare(self) -> str:
        """The word without a trailing full stop or possessive: "WCO’s" -> "WCO"."""
        word = self.text.rstrip(".")
        return re.sub(r"[’']s$", "", word) or self.text

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_cap(self) -> bool:
        return self.text[0].isupper()

    @property
    def is_upper(self) -> bool:
        """An acronym such as "WCO", "BMLE", "A/P", "COVID-19" (two capitals at least)."""
        letters = [c for c in self.bare if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)

    @property
    def possessive(self) -> bool:
        return bool(re.search(r"[’']s$", self.text))


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in the document text
    paragraph: int  # index of its paragraph
    index: int  # index among all sentences

    @cached_property
    def tokens(self) -> list[Token]:
        return tokenize(self.text)


def normalize(text: str) -> str:
    """NFC, Unix line ends, no invisible characters, single spaces inside lines."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_INVISIBLE)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks; a text without blank lines has one paragraph a line.

    Hard-wrapped lines inside a block are joined, so a sentence never breaks at a line end.
    """
    text = normalize(text)
    if re.search(r"\n\s*\n", text):
        blocks = re.split(r"\n\s*\n", text)
        return [" ".join(b.split("\n")).strip() for b in blocks if b.strip()]
    return [line for line in text.split("\n") if line.strip()]


def split_sentences(paragraph: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs of one paragraph."""
    out: list[tuple[int, str]] = []
    begin = 0
    for match in _SENTENCE_END.finditer(paragraph):
        end = match.end()
        rest = paragraph[end:].lstrip()
        if not rest:
            break
        before = paragraph[begin : match.start() + 1]
        last_word = before.split()[-1].lower().rstrip(".") if before.split() else ""
        last_word = last_word.lstrip("(\"'“‘")
        if match.group().startswith(".") and (
            last_word in ABBREVIATIONS or re.fullmatch(r"[a-z]", last_word)
        ):
            continue
        if not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"'“‘(["):
            continue
        text = paragraph[begin:end].strip()
        if text:
            out.append(
                (begin + len(paragraph[begin:end]) - len(paragraph[begin:end].lstrip()), text)
            )
        begin = end
    tail = paragraph[begin:].strip()
    if tail:
        out.append((begin + len(paragraph[begin:]) - len(paragraph[begin:].lstrip()), tail))
    return out


def sentences(paragraph_list: list[str]) -> list[Sentence]:
    out: list[Sentence] = []
    offset = 0
    for number, paragraph in enumerate(paragraph_list):
        for start, text in split_sentences(paragraph):
            out.append(Sentence(text, offset + start, number, len(out)))
        offset += len(paragraph) + 2
    return out


def tokenize(text: str) -> list[Token]:
    """Words (with inner hyphens, apostrophes, slashes and dots: "H.E.", "A/P", "WCO’s")
    and single punctuation marks. A word keeps a final dot only after an abbreviation."""
    tokens: list[Token] = []
    for match in _WORD.finditer(text):
        word, start = match.group(), match.start()
        if word.endswith(".") and len(word) > 1:
            stem = word[:-1].lower()
            if stem not in ABBREVIATIONS and not re.fullmatch(r"(?:[a-z]\.)*[a-z]", stem):
                tokens.append(Token(word[:-1], start, start + len(word) - 1))
                tokens.append(Token(".", start + len(word) - 1, start + len(word)))
                continue
        tokens.append(Token(word, start, start + len(word)))
    return tokens


def words(text: str) -> list[str]:
    """Lower-case content words, for overlap scores."""
    return [w.lower() for w in re.findall(r"[^\W\d_][\w-]*", text)]
