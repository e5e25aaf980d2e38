"""How much of a content file is read, parsed, tried and said: the limits, in one place.

Content files are written by many hands (see SECURITY.md), so every cost of reading one
is bounded. The numbers are kept together so that what is promised there is read here,
and a limit is changed in one place for every check that applies it.
"""

from __future__ import annotations

#: Largest content file accepted. A brief is a few pages; a bigger file is a mistake.
MAX_BYTES = 1024 * 1024
#: Deepest nesting of mappings and lists; the format itself needs five.
MAX_DEPTH = 20
#: Longest number read as a number (Python refuses to convert past 4300 digits).
MAX_NUMBER_DIGITS = 100
#: At most this many character problems are listed for one file.
MAX_CHAR_PROBLEMS = 10
#: How many fixes of a YAML error may be tried (each parses the file once more): at most
#: this many, and fewer for a file bigger than GUESS_BYTES / this.
MAX_GUESSES = 60
GUESS_BYTES = 4 * 1024 * 1024
