"""The common case of a content file, read at C speed with its meaning unchanged.

ruamel.yaml's round-trip loader keeps every line and column but scans in pure Python,
which is nine tenths of ``check``. libyaml (through ruamel.yaml.clib) scans and parses
the same text a hundred times faster, and its events carry the same marks; they are
handed, as events, to the very composer, YAML 1.2 resolver and constructor the
round-trip loader uses, so a value means what it always meant (``Yes`` and ``012`` stay
text, a duplicate key is refused) and every key and value keeps its place.

The two parsers agree on what a file says, not on every mark they invent: an empty value
(``subtitle:`` and nothing) has no place of its own, and each puts it somewhere else.
So this path reads only the files where they agree, and gives up on anything else: a
file libyaml refuses, a tab anywhere (ruamel is stricter with them), an empty value, an anchor, an alias, a tag, a directive, more than
one document, nesting past the limit, or anything the constructor refuses. The caller
then reads the file the slow way, which finds and words the problem as it always did:
a problem is never reported from here.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
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
    StreamStartEvent,
)
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.tag import Tag

from ..errors import ContentError
from .limits import MAX_DEPTH
from .yaml_events import PlainValue, check_events, yaml_loader

try:  # ruamel.yaml.clib: a declared dependency, but a wheel may be missing somewhere
    from _ruamel_yaml import CParser
except ImportError:  # pragma: no cover - the slow path alone is still correct
    CParser = None


def fast_parse(name: str, text: str) -> tuple[Any, list[PlainValue]] | None:
    """The file's tree and its unquoted values, as the round-trip loader gives them; or
    None where this path cannot promise that (the caller then reads it the slow way)."""
    if "\t" in text:
        return None  # ruamel refuses tabs where libyaml lets them be (after a value)
    events = _events(text)
    if events is None:
        return None
    try:
        plain = check_events(name, events, text)
        tree = _Builder(events).document()
    except (ContentError, YAMLError, _GiveUp):
        return None
    if tree is not None and not isinstance(tree, CommentedMap):
        return None  # the slow path says what it is instead
    return tree, plain


_QUOTED = frozenset({'"', "'"})


class _GiveUp(Exception):
    """A file this path does not read: the slow path will, and say what is wrong."""


@cache
def _round_trip() -> tuple[Any, Any]:
    """The round-trip loader's resolver and constructor: a plain value gets its type
    (YAML 1.2) and its Python value from the very code ``YAML(typ="rt").load`` runs."""
    yaml = yaml_loader()
    return yaml.resolver, yaml.constructor


class _Builder:
    """The round-trip loader's tree from the events, as its composer and constructor
    build it: CommentedMap and CommentedSeq with the line and column of every key, value
    and item (0-based, as ruamel keeps them)."""

    def __init__(self, events: list[Any]) -> None:
        self.events = events
        self.next = 0
        self.resolver, self.constructor = _round_trip()
        #: The resolver's YAML 1.2 rules by first character, as its resolve() reads them
        #: for a plain value (no directive here: always 1.2).
        self.rules = self.resolver.versioned_resolver

    def document(self) -> Any:
        if not isinstance(self.events[1], DocumentStartEvent):
            return None  # comments only: no document at all
        self.next = 2
        return self.node()

    def node(self) -> Any:
        event = self.events[self.next]
        self.next += 1
        if isinstance(event, ScalarEvent):
            return self.scalar(event)
        if isinstance(event, MappingStartEvent):
            return self.mapping(event)
        if isinstance(event, SequenceStartEvent):
            return self.sequence(event)
        raise _GiveUp

    def scalar(self, event: Any) -> Any:
        """The value the round-trip loader makes of a scalar. Quoted, or plain and read
        as text by no rule of YAML 1.2, its constructor returns the text itself (quotes
        are not kept, there are no anchors), as a test checks; every other value (a
        number, a boolean, a block of text) is made by the constructor itself."""
        value, style = event.value, event.style
        if style in _QUOTED:
            return value
        if style is None:
            suffix = self.rule_for(value)
            if suffix is None:
                return value
            resolved = Tag(suffix=suffix)
        else:
            resolved = self.resolver.resolve(ScalarNode, value, event.implicit)
        node = ScalarNode(resolved, value, event.start_mark, event.end_mark, style=style)
        return self.constructor.construct_non_recursive_object(node)

    def rule_for(self, value: str) -> str | None:
        """The tag YAML 1.2 gives a plain value other than text, or None for text."""
        for suffix, pattern in (*self.rules.get(value[0], ()), *self.rules.get(None, ())):
            if pattern.match(value):
                return suffix
        return None

    def mapping(self, start: Any) -> CommentedMap:
        data = CommentedMap()
        data._yaml_set_line_col(start.start_mark.line, start.start_mark.column)
        while not isinstance(self.events[self.next], MappingEndEvent):
            key_event = self.events[self.next]
            if not isinstance(key_event, ScalarEvent):
                raise _GiveUp  # a list or a mapping as a key
            key = self.node()
            value_event = self.events[self.next]
            value = self.node()
            if key in data:
                raise _GiveUp  # a duplicate key: the slow path words it
            data._yaml_set_kv_line_col(
                key,
                [
                    key_event.start_mark.line,
                    key_event.start_mark.column,
                    value_event.start_mark.line,
                    value_event.start_mark.column,
                ],
            )
            data[key] = value
        self.next += 1
        return data

    def sequence(self, start: Any) -> CommentedSeq:
        data = CommentedSeq()
        data._yaml_set_line_col(start.start_mark.line, start.start_mark.column)
        while not isinstance(self.events[self.next], SequenceEndEvent):
            item_event = self.events[self.next]
            data._yaml_set_idx_line_col(
                len(data), [item_event.start_mark.line, item_event.start_mark.column]
            )
            data.append(self.node())
        self.next += 1
        return data


def _events(text: str) -> list[Any] | None:
    """libyaml's events for ``text``, made to look as ruamel's parser makes them; None
    for a file outside the common case."""
    if CParser is None:
        return None
    parser = CParser(text)
    events: list[Any] = []
    depth = documents = 0
    try:
        while True:
            event = parser.get_event()
            kind = type(event)  # exact types: libyaml makes ruamel's own event classes
            if kind is ScalarEvent:
                if event.anchor or event.tag:
                    return None  # the slow path refuses or resolves them otherwise
                if event.style == "":
                    if not event.value:
                        return None  # an empty value: the parsers place it differently
                    event.style = None  # libyaml's plain style; ruamel says None
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                depth += 1
                if depth > MAX_DEPTH or event.anchor or event.tag:
                    return None
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                depth -= 1
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1 or event.version or event.tags:
                    return None
            elif kind is StreamEndEvent:
                events.append(event)
                return events
            elif kind is not StreamStartEvent and kind is not DocumentEndEvent:
                return None  # an alias, or nothing at all
            events.append(event)
    except YAMLError:
        return None
    finally:
        parser.dispose()
