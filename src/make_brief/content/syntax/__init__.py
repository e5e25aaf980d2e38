"""A YAML syntax error said in an author's words, at the line of the mistake.

The people who write content files know Word better than YAML. YAML's own errors name
what the parser expected (``<block end>``), often lines after the cause; these modules
read the lines as written to find the cause, and trust a diagnosis only when the file
with that one fix made parses further than before.

- :mod:`.diagnosis`: the search: each guess tried in turn, a fix believed only if it
  helps; tabs, and the plainest words for an error no guess explains.
- :mod:`.quoting`: values YAML reads otherwise than typed (quotes, brackets, a first
  character that means something to YAML, a ': ' inside).
- :mod:`.layout`: lines not shaped as YAML wants (Word's bullets, a missing ': ',
  indentation, text not under its field, a line that is no field).
- :mod:`.fixes`: what a guess proposes, shared by the three above.
"""
