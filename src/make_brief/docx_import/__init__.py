"""``make-brief import``: a colleague's edits in Word back into the content file.

make-brief wrote the DOCX itself, from a known HTML subset onto named Word styles, and
bookmarked every paragraph with the content field it prints (render/docx/fields.py).
This room reads an edited DOCX back (reader.py, runs.py), maps its paragraphs to fields
(fields.py), compares them with what make-brief writes from the content file today, and
changes only the fields that differ, in the YAML's own round trip so that comments,
order and formatting stay (merge.py, run.py). What cannot be mapped is said with its
place (places.py), never dropped. See docs/word-round-trip.md.
"""
