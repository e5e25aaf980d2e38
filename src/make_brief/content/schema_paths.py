"""What the schema expects at a field path: its model, the kind of value, its field names.

Messages about a field depend on what belongs there: a "did you mean" among the fields
allowed at that place, a list where text was written, the text of an unclosed bracket.
The answers are read from the pydantic models themselves, so they follow the schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from .places import Loc
from .schema import MODELS, BriefingNote, Markdown, Message, Person, field_names


def _all_field_names() -> frozenset[str]:
    from .schema import Action, AgendaItem, Annex, Event, Point, Question, Reference, Source, Table

    models = (
        *MODELS.values(),
        *(Event, Person, Message, Reference, Source, Annex, Table),
        *(Point, Question, AgendaItem, Action),
    )
    return frozenset(name for model in models for name in field_names(model))


FIELD_NAMES = _all_field_names()

#: The model of the file whose messages are being written: each type of brief has its own
#: fields at the top. A context variable rather than an argument through every helper.
_ROOT: ContextVar[type[BaseModel]] = ContextVar("brief_root", default=BriefingNote)


@contextmanager
def brief_root(model: type[BaseModel]) -> Iterator[None]:
    """Say, for the messages written inside, which model a file's top level is."""
    token = _ROOT.set(model)
    try:
        yield
    finally:
        _ROOT.reset(token)


def root_model() -> type[BaseModel]:
    """The model of the top level of the file whose messages are being written."""
    return _ROOT.get()


def model_at(loc: Loc) -> type[BaseModel] | None:
    """The model whose fields are expected at ``loc``, for "did you mean" hints."""
    model: type[BaseModel] = root_model()
    for part in loc:
        if isinstance(part, int):
            continue
        found_field = next(
            (f for n, f in model.model_fields.items() if (f.alias or n) == part), None
        )
        if found_field is None:
            return None
        found = _find_model(found_field.annotation)
        if found is None:
            return None
        model = found
    return model


def expected_kind(loc: Loc) -> str | None:
    """What the value at ``loc`` holds: ``markdown`` or ``text``, a ``list``, ``fields``;
    None where the schema does not say."""
    names = tuple(p for p in loc if not isinstance(p, int))
    if not names:
        return "fields"
    owner = model_at(names[:-1])
    info = owner and next(
        (f for n, f in owner.model_fields.items() if (f.alias or n) == names[-1]), None
    )
    if not info:
        return None
    annotation: Any = info.annotation
    if any(isinstance(m, Markdown) for m in info.metadata):
        annotation = Annotated[annotation, Markdown()]
    if isinstance(loc[-1], int):  # an item of the list
        annotation = _without_none(annotation)
        if get_origin(annotation) is not list:
            return None
        annotation = get_args(annotation)[0]
    return _kind_of(_without_none(annotation))


def _without_none(annotation: Any) -> Any:
    """``X`` for ``X | None``."""
    if get_origin(annotation) in (Union, UnionType):
        rest = [a for a in get_args(annotation) if a is not type(None)]
        return rest[0] if len(rest) == 1 else annotation
    return annotation


def _kind_of(annotation: Any) -> str | None:
    metadata = getattr(annotation, "__metadata__", ())
    if any(isinstance(m, Markdown) for m in metadata):
        return "markdown"
    if metadata:  # Annotated[X, ...]: what X is
        return _kind_of(get_args(annotation)[0])
    if get_origin(annotation) in (list, tuple):
        return "list"
    if get_origin(annotation) is dict or _find_model(annotation) is not None:
        return "fields"
    return "text" if annotation is str else None


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _find_model(arg)
        if found is not None:
            return found
    return None
