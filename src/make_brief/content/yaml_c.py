"""The common case of a content file, read at C speed with its meaning unchanged.

ruamel.yaml's round-trip loader keeps every line and column but scans in pure Python,
which is nine tenths of ``check``. libyaml (through ruamel.yaml.clib) scans and parses
the same text a hundred times faster, and its events carry the same marks. One walk over
them does what the slow path does in three (:func:`.yaml_events.check_events`, the
composer, the constructor): it refuses what ``check_events`` refuses, notes each unquoted
value as it does, and builds the tree the round-trip loader builds, each value given its
type by that loader's own YAML 1.2 rules and made by its own constructor, so a value means
what it always meant (``Yes`` and ``012`` stay text, a duplicate key is refused) and every
key and value keeps its place.

The two parsers agree on what a file says, not on every mark they invent: an empty value
(``subtitle:`` and nothing) has no place of its own, and each puts it somewhere else.
So this path reads only the files where they agree, and gives up on anything else: a
file libyaml refuses, a tab anywhere (ruamel is stricter with them), an empty value, an
anchor, an alias, a tag, a directive, more than one document, nesting past the limit, a
merge key or a number too long to convert, a key that is not a single value, a duplicate
key, a file that is not a mapping, or anything the constructor refuses. The caller then
reads the file the slow way, which finds and words the problem as it always did: a
problem is never reported from here.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from functools import cache
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq, LineCol
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.tag import Tag

from .limits import MAX_DEPTH, MAX_NUMBER_DIGITS
from .yaml_events import MERGE_KEY, PlainValue, long_number, yaml_loader

try:  # ruamel.yaml.clib: a declared dependency, but a wheel may be missing somewhere
    from _ruamel_yaml import CParser
except ImportError:  # pragma: no cover - the slow path alone is still correct
    CParser = None


def fast_parse(name: str, text: str) -> tuple[Any, list[PlainValue]] | None:
    """The file's tree and its unquoted values, as the round-trip loader gives them; or
    None where this path cannot promise that (the caller then reads it the slow way).
    ``name`` is the slow path's to report problems with: none is reported here."""
    if "\t" in text or CParser is None:
        return None  # ruamel refuses tabs where libyaml lets them be (after a value)
    parser = CParser(text)
    try:
        return _Reader(parser.get_event).document()
    except (YAMLError, _GiveUp):
        return None
    finally:
        parser.dispose()


_QUOTED = frozenset({"'", '"'})
#: libyaml's plain style (ruamel's parser says None; a plain scalar node has style None).
_PLAIN = ""


_INT = "tag:yaml.org,2002:int"
#: A whole number the round-trip constructor makes a plain int of, ``int(text)``: no
#: sign, no underscore, no leading zero (``0`` and ``012`` keep their width in a
#: ScalarInt), no base. Most numbers of a content file are these (years, table cells),
#: and the constructor takes thirty times as long over each; a test holds them equal.
_DECIMAL = re.compile(r"[1-9][0-9]*").fullmatch


class _GiveUp(Exception):
    """A file this path does not read: the slow path will, and say what is wrong."""


@cache
def _round_trip() -> tuple[Any, Any, dict[str, tuple[Any, ...]], tuple[Any, ...], Tag]:
    """The round-trip loader's resolver and constructor: a plain value gets its type
    (YAML 1.2) and its Python value from the very code ``YAML(typ="rt").load`` runs.

    The resolver's rules for a plain value, in the order its resolve() tries them (no
    directive here: always YAML 1.2): those for its first character, then those for any.
    Gathered once rather than for every value, each as the tag it gives (one Tag each: a
    Tag only caches what it computes, and no value the constructor makes of these keeps
    its node) and the match method of its pattern (ruamel compiles a pattern on first
    use and then passes every attribute through a Python wrapper). Last, the tag of a
    whole number, which :data:`_DECIMAL` shortens."""
    yaml = yaml_loader()
    resolver = yaml.resolver
    rules = resolver.versioned_resolver

    tags: dict[str, Tag] = {}

    def compiled(found: Any) -> tuple[tuple[Tag, Any], ...]:
        return tuple(
            (tags.setdefault(suffix, Tag(suffix=suffix)), pattern.match)
            for suffix, pattern in found
        )

    anywhere = compiled(rules.get(None, ()))
    by_first = {first: compiled(found) + anywhere for first, found in rules.items() if first}
    return resolver, yaml.constructor, by_first, anywhere, tags[_INT]


#: The dict setter under CommentedMap's own: that one looks the key up again (to keep
#: the type of a value it replaces; every key here is new) and records it in ``_ok``,
#: which the walk does itself, once per mapping.
_set_item = OrderedDict.__setitem__


class _Reader:
    """One walk over libyaml's events: the refusals of :func:`.yaml_events.check_events`,
    its unquoted values, and the round-trip loader's tree (CommentedMap and CommentedSeq
    with the line and column of every key, value and item, 0-based as ruamel keeps
    them), as its composer and constructor build it.

    A content file is some thousands of events, most of them quoted values and keys
    that are plain text: the loops take those inline, and call out only for the rest.
    Each collection's places are gathered in a plain dict and handed to it once.

    The constructor may fail on a value with an exception of its own (``-_`` is an
    IndexError): the file is then left to the slow path, which refuses what its events
    hold first and words the value's problem otherwise (load.py)."""

    def __init__(self, get_event: Any) -> None:
        self.get_event = get_event
        self.plain: list[PlainValue] = []
        self.resolver, self.constructor, self.rules, self.anywhere, self.whole = _round_trip()

    def document(self) -> tuple[Any, list[PlainValue]]:
        get_event = self.get_event
        get_event()  # the stream's start
        event = get_event()
        if type(event) is StreamEndEvent:
            return None, self.plain  # comments only: no document at all
        if type(event) is not DocumentStartEvent or event.version or event.tags:
            raise _GiveUp  # a directive
        event = get_event()
        kind = type(event)
        tree = self.node(event, (), 1)
        if type(get_event()) is not DocumentEndEvent or type(get_event()) is not StreamEndEvent:
            raise _GiveUp  # more than one document
        if kind is not MappingStartEvent:
            raise _GiveUp  # the slow path says what the file is instead
        return tree, self.plain

    def node(self, event: Any, loc: tuple[Any, ...], depth: int) -> Any:
        """A value or an item, at ``depth`` if it is a collection."""
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor or event.ctag:
                raise _GiveUp  # (ctag: the tag as libyaml gives it, a str or None)
            style = event.style
            return event.value if style in _QUOTED else self.unquoted(event, style, loc)
        if kind is MappingStartEvent:
            return self.mapping(event, loc, depth)
        if kind is SequenceStartEvent:
            return self.sequence(event, loc, depth)
        raise _GiveUp  # an alias

    def unquoted(self, event: Any, style: str, loc: tuple[Any, ...]) -> Any:
        """A value or an item neither quoted nor a key: refused as the slow path
        refuses it, and noted if plain."""
        if style == _PLAIN:
            text = event.value
            if not text:
                raise _GiveUp  # an empty value: the parsers place it differently
            if len(text) > MAX_NUMBER_DIGITS and long_number(text):
                raise _GiveUp
            start, end = event.start_mark, event.end_mark
            self.plain.append(PlainValue(loc, start.line, start.column, end.line, end.column))
            return self.plain_value(event, text)
        return self.construct(
            event, self.resolver.resolve(ScalarNode, event.value, event.implicit), style
        )

    def plain_value(self, event: Any, text: str) -> Any:
        """The value the round-trip loader makes of a plain scalar: its text if no rule
        of YAML 1.2 reads it otherwise (quoted, it is its text too: quotes are not kept,
        there are no anchors, as a test checks), else what the constructor makes."""
        for resolved, match in self.rules.get(text[0], self.anywhere):
            if match(text):
                if resolved is self.whole and _DECIMAL(text):
                    return int(text)
                return self.construct(event, resolved, None)  # None: ruamel's plain style
        return text

    def construct(self, event: Any, resolved: Tag, style: str | None) -> Any:
        """A number, a boolean, a block of text...: made by the constructor itself."""
        node = ScalarNode(resolved, event.value, event.start_mark, event.end_mark, style=style)
        try:
            return self.constructor.construct_non_recursive_object(node)
        except (YAMLError, IndexError, ValueError, OverflowError):
            raise _GiveUp from None  # the slow path words it

    def mapping(self, start: Any, loc: tuple[Any, ...], depth: int) -> CommentedMap:
        if depth > MAX_DEPTH or start.anchor or start.ctag:
            raise _GiveUp
        get_event, node = self.get_event, self.node
        rules, anywhere = self.rules, self.anywhere
        depth += 1
        data = CommentedMap()
        places: dict[Any, list[int]] = {}
        while True:
            event = get_event()
            if type(event) is ScalarEvent:
                if event.anchor or event.ctag:
                    raise _GiveUp
                key = key_text = event.value  # key_text: the field in a value's place
                style = event.style
                if style == _PLAIN:
                    if not key or key == MERGE_KEY:
                        raise _GiveUp  # an empty key; YAML 1.1's merge key (check_events)
                    if len(key) > MAX_NUMBER_DIGITS and long_number(key):
                        raise _GiveUp
                    for _, match in rules.get(key[0], anywhere):
                        if match(key):
                            key = self.plain_value(event, key)
                            break
                elif style not in _QUOTED:
                    key = self.construct(
                        event, self.resolver.resolve(ScalarNode, key, event.implicit), style
                    )
            elif type(event) is MappingEndEvent:
                break
            else:
                raise _GiveUp  # a list or a mapping as a key (the slow path words it), an alias
            key_mark = event.start_mark
            event = get_event()
            if type(event) is ScalarEvent:
                if event.anchor or event.ctag:
                    raise _GiveUp
                style = event.style
                if style in _QUOTED:
                    value = event.value
                else:
                    value = self.unquoted(event, style, (*loc, key_text))
            else:
                value = node(event, (*loc, key_text), depth)
            if key in places:
                raise _GiveUp  # a duplicate key: the slow path words it
            mark = event.start_mark
            places[key] = [key_mark.line, key_mark.column, mark.line, mark.column]
            _set_item(data, key, value)
        data._ok.update(places)
        _place(data, start, places)
        return data

    def sequence(self, start: Any, loc: tuple[Any, ...], depth: int) -> CommentedSeq:
        if depth > MAX_DEPTH or start.anchor or start.ctag:
            raise _GiveUp
        get_event, node = self.get_event, self.node
        depth += 1
        items: list[Any] = []
        places: dict[int, list[int]] = {}
        index = 0
        while True:
            event = get_event()
            kind = type(event)
            if kind is ScalarEvent and event.style in _QUOTED:
                if event.anchor or event.ctag:
                    raise _GiveUp
                items.append(event.value)
            elif kind is SequenceEndEvent:
                break
            else:
                items.append(node(event, (*loc, index), depth))
            mark = event.start_mark
            places[index] = [mark.line, mark.column]
            index += 1
        data = CommentedSeq(items)
        if items:
            # CommentedSeq.append (MutableSequence's, through its insert) makes the
            # comment holder of a list it appends to: so does the round-trip loader.
            data.ca  # noqa: B018
        _place(data, start, places)
        return data


def _place(data: Any, start: Any, places: dict[Any, list[int]]) -> None:
    """Give a collection the LineCol the round-trip loader gives it: its own line and
    column, and the places of its keys and values (or items), if it has any."""
    lc = LineCol()
    mark = start.start_mark
    lc.line = mark.line
    lc.col = mark.column
    if places:
        lc.data = places
    setattr(data, LineCol.attrib, lc)


def plain_data(node: Any) -> Any:
    """ruamel's position-carrying types, as the builtins the schema validates strictly."""
    if isinstance(node, dict):
        return {plain_data(k): plain_data(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain_data(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    for kind in (str, int, float):
        if isinstance(node, kind):
            return kind(node)
    return node


def load_plain(text: str) -> Any:
    """A YAML file of make-brief's own (a label catalogue, a word-styles file) as plain
    data: read at C speed where :func:`fast_parse` can, else by ruamel's pure-Python safe
    loader, which raises YAMLError for a broken file. Both read YAML 1.2 (``No`` stays
    text), but the fast path keeps a date as the text written. Parsing a set's catalogues
    and styles in pure Python was most of what the first brief of a check cost."""
    fast = fast_parse("", text)
    if fast is not None:
        return plain_data(fast[0])
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(text)
