"""The value types that both a content file and ``make-brief.toml`` use.

A line of text, a language code, a template set's name, a type of brief and the most
pages a page budget may name: what :mod:`make_brief.content.config` needs to read the
project config. They live here, apart from the brief models of
:mod:`make_brief.content.schema` (which imports them and offers them under the same
names), so that reading the config loads no brief model; the JSON Schema marks stay
beside the checks they describe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import AfterValidator, StringConstraints

if TYPE_CHECKING:
    from pydantic import GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import core_schema

#: Longest single-line value (a title, a name, a role).
MAX_LINE = 500

Line = Annotated[
    str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=MAX_LINE)
]


def _check_language(value: str) -> str:
    # Only the shape of a code here (the value names a labels file, so nothing else may
    # pass): whether make-brief has labels for it is known once the template set is, and
    # a word such as ``english`` gets its answer there, with the project's languages.
    if not re.fullmatch(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", value):
        from .labels import builtin_languages, language_problem

        raise ValueError(language_problem(value, builtin_languages()))
    return value


def _check_template_name(value: str) -> str:
    # A template name becomes a folder name: no separators, no '..', nothing hidden.
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,63}", value):
        raise ValueError(
            f"'{value}' is not a template set name (lower-case letters, digits, '-' and '_')"
        )
    return value


LANGUAGE_PATTERN = r"^\s*[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*\s*$"
TEMPLATE_NAME_PATTERN = r"^\s*[a-z0-9][a-z0-9_-]{0,63}\s*$"


def _pattern(pattern: str, message: str) -> dict[str, str]:
    # patternErrorMessage: what VS Code and its YAML extension say instead of the pattern.
    return {"pattern": pattern, "patternErrorMessage": message}


@dataclass(frozen=True)
class _Matching:
    """Marks a type whose validator function also requires ``pattern``: the JSON Schema
    says so beside what the type says of its length (``allOf``)."""

    pattern: str
    message: str

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        return {**json_schema, "allOf": [_pattern(self.pattern, self.message)]}


Language = Annotated[
    Line,
    AfterValidator(_check_language),
    _Matching(LANGUAGE_PATTERN, "a language code such as en, fr or fr-CA"),
]
TemplateName = Annotated[
    Line,
    AfterValidator(_check_template_name),
    _Matching(
        TEMPLATE_NAME_PATTERN,
        "a template set name: lower-case letters, digits, '-' and '_', e.g. briefing-note",
    ),
]

#: The types of brief, each a model of schema.py and a template set of the same name.
BRIEF_TYPES = ("briefing-note", "talking-points", "meeting-report")
BriefType = Literal["briefing-note", "talking-points", "meeting-report"]
#: Most pages a page budget may name.
MAX_PAGE_BUDGET = 50
