"""Column widths of a data table, as the PDF's automatic table layout would give them.

Word's columns are fixed widths; python-docx makes them equal, so a short "Item" column
took a quarter of the page and a "Decision" column wrapped over three lines. The PDF lays
such a table out automatically: no column narrower than its longest word, the room left
shared in proportion to how long each column's text runs. This does the same from the
text alone (a character is about half an em wide in the body fonts), or takes the
author's proportions from the ``<colgroup>`` the template writes for ``widths:``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from xml.etree import ElementTree as ET

#: The width of an average character, in ems, for Calibri / Carlito text.
CHAR_EM = 0.5
#: A bold character (the header row) is a little wider.
BOLD_EM = 0.53
_PERCENT = re.compile(r"(?:^|;)\s*width\s*:\s*([0-9]+(?:\.[0-9]+)?)\s*%")


def colgroup_weights(colgroups: Sequence[ET.Element], cols: int) -> list[float] | None:
    """The ``<col style="width: N%">`` of a table's ``<colgroup>``, one per column; None
    unless every column has one."""
    weights = []
    for group in colgroups:
        for col in group:
            if col.tag == "col":
                found = _PERCENT.search(col.get("style", ""))
                weights.append(float(found.group(1)) if found else 0.0)
    if len(weights) != cols or not all(w > 0 for w in weights):
        return None
    return weights


def from_weights(weights: Sequence[float], total_mm: float) -> list[float]:
    whole = sum(weights)
    return [total_mm * w / whole for w in weights]


def from_content(
    rows: Sequence[tuple[bool, Sequence[str]]],
    cols: int,
    total_mm: float,
    size_pt: float,
    padding_mm: float,
) -> list[float]:
    """Widths from each column's text: at least its longest word, and the rest of the
    width shared in proportion to its longest line, the way CSS's automatic layout does."""
    mm_per_em = size_pt * 25.4 / 72
    least = [padding_mm] * cols
    most = [padding_mm] * cols
    for header, cells in rows:
        em = BOLD_EM if header else CHAR_EM
        for index, text in enumerate(cells[:cols]):
            words = text.split()
            longest = max((len(w) for w in words), default=0) * em * mm_per_em + padding_mm
            whole = len(" ".join(words)) * em * mm_per_em + padding_mm
            least[index] = max(least[index], longest)
            most[index] = max(most[index], whole)
    if sum(most) <= total_mm:  # everything fits on one line: widen in proportion
        return from_weights(most, total_mm)
    if sum(least) >= total_mm:  # even the longest words do not fit: shrink them alike
        return from_weights(least, total_mm)
    room = total_mm - sum(least)
    spread = [m - lo for m, lo in zip(most, least, strict=True)]
    return [lo + room * s / sum(spread) for lo, s in zip(least, spread, strict=True)]
