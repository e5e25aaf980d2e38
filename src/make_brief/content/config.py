"""The optional project config, ``make-brief.toml``: who publishes and the defaults.

An organisation sets its name, logo and default marking once here instead of in every
content file. Unknown keys are errors (a misspelt ``clasification`` must not silently
drop a handling marking).
"""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from ..errors import UsageError
from .schema import Language, Line, TemplateName

CONFIG_NAME = "make-brief.toml"
_LOGO_SUFFIXES = {".png", ".jpg", ".jpeg", ".svg"}


class Config(BaseModel):
    """Project-wide settings; every field has a default so the file is optional."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    organisation: Line = "World Customs Organization"
    logo: Path | None = None
    classification: Line = "UNCLASSIFIED"
    language: Language = "en"
    template: TemplateName = "briefing-note"
    #: An organisation's own reference .docx made in Word; its styles win in the DOCX.
    reference_docx: Path | None = None
    #: Hyphenate the PDF's text by the brief's language (off by default: a word split at
    #: a line end is a word that copy-paste and text search no longer find whole).
    hyphenate: bool = False
    #: The only markings ``make-brief publish`` may put on a site: a restricted brief
    #: never reaches a public page by mistake. By default the unclassified and public
    #: markings in the built-in languages (compared ignoring case).
    publish_allowed: tuple[Line, ...] = (
        "UNCLASSIFIED",
        "PUBLIC",
        "NON CLASSIFIÉ",
        "SIN CLASIFICAR",
        "PÚBLICO",
        "غير مصنف",
    )
    #: The folder the config was found in; project templates live below it.
    root: Path = Path(".")

    @field_validator("logo")
    @classmethod
    def _logo_is_an_image(cls, logo: Path | None) -> Path | None:
        if logo is not None and logo.suffix.lower() not in _LOGO_SUFFIXES:
            raise ValueError(f"'{logo}' is not a PNG, JPEG or SVG image")
        return logo

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"


def load_config(path: Path | None = None, *, root: Path | None = None) -> Config:
    """Read ``make-brief.toml`` (``path``, or the one in ``root``); defaults when absent."""
    root = (root or Path.cwd()).resolve()
    if path is None:
        path = root / CONFIG_NAME
        if not path.is_file():
            return Config(root=root)
    else:
        path = path.resolve()
        root = path.parent
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read: {exc.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: not valid TOML: {exc}") from None
    if "root" in data:
        raise UsageError(f"{path}: root: unknown key")
    try:
        config = Config(**data, root=root)
    except ValidationError as exc:
        raise UsageError([_describe(path, err) for err in exc.errors()]) from None
    if config.logo is not None:
        logo = (root / config.logo).resolve()
        if not logo.is_file():
            raise UsageError(f"{path}: logo: '{config.logo}' does not exist")
        config = config.model_copy(update={"logo": logo})
    if config.reference_docx is not None:
        reference = (root / config.reference_docx).resolve()
        if reference.suffix.lower() != ".docx" or not reference.is_file():
            raise UsageError(
                f"{path}: reference_docx: '{config.reference_docx}' is not a .docx file"
            )
        config = config.model_copy(update={"reference_docx": reference})
    return config


def _describe(path: Path, error: dict) -> str:
    key = ".".join(str(p) for p in error["loc"])
    if error["type"] == "extra_forbidden":
        allowed = [n for n in Config.model_fields if n != "root"]
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(allowed)
        return f"{path}: {key}: unknown key; {hint}"
    message = error["ctx"]["error"] if error["type"] == "value_error" else error["msg"]
    return f"{path}: {key}: {message}"
