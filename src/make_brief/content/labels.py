"""The fixed words a template prints, in the brief's language.

A template set ships one catalogue per language in ``labels/<lang>.yaml``; a project's own
``templates/<set>/labels/<lang>.yaml`` overrides single words of it. A catalogue must name
every label the English one names, so a translation can never leave a heading blank.

Messages name only files of the project: the built-in catalogues are inside the installed
package, which a user must never be sent to edit.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from ..errors import Problem
from ..locations import builtin_dir
from .yaml_c import load_plain

REFERENCE_LANGUAGE = "en"
#: The template set whose languages a content file is checked against before its own
#: template set is known (the default set).
DEFAULT_SET = "briefing-note"


class LabelError(ValueError):
    """A catalogue is missing, unreadable or incomplete; the message names the file."""


def load_labels(
    folders: Sequence[Path], language: str, *, project: Path | None = None
) -> Mapping[str, str]:
    """Labels for ``language`` from the set's folders (built-in last, project first).

    ``fr-CA`` falls back to ``fr``. Later folders in ``folders`` are overridden by
    earlier ones, word by word. ``project`` is the project's ``templates`` folder: the
    catalogues a message tells the user to write are there.
    """
    # What a translation must name: the English labels, less those nothing reads (a
    # misspelt key of the project's English file is warned about, not required).
    known = _used_keys(folders, project)
    reference = [k for k in _merged(folders, REFERENCE_LANGUAGE) if k in known]
    for tag in _candidates(language):
        labels = _merged(folders, tag)
        if labels:
            missing = [key for key in reference if key not in labels]
            if missing:
                own = [
                    f / "labels" / f"{tag}.yaml"
                    for f in _project_folders(folders, project)
                    if (f / "labels" / f"{tag}.yaml").is_file()
                ]
                where = " or ".join(_shown(p, project) for p in own) or _suggested(
                    folders, tag, project
                )
                raise LabelError(
                    f"labels for '{tag}' lack {', '.join(missing)}; "
                    f"add them to {where} in the project"
                )
            return labels
    raise LabelError(
        language_problem(
            language, available_languages(folders), _suggested(folders, language, project)
        )
    )


def _candidates(language: str) -> list[str]:
    parts = language.split("-")
    return ["-".join(parts[:n]) for n in range(len(parts), 0, -1)]


def _merged(folders: Sequence[Path], tag: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for folder in reversed(folders):
        merged.update(_read(folder / "labels" / f"{tag}.yaml"))
    return merged


def _read(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelError(f"{path}: cannot be read: {exc}") from None
    return dict(_parse(path, text))


# Every brief of a batch reads the same few catalogues: parse each text once per process
# (keyed by the text, so an edited catalogue is read afresh).
@lru_cache(maxsize=64)
def _parse(path: Path, text: str) -> Mapping[str, str]:
    try:
        data = load_plain(text)
    except YAMLError as exc:
        raise LabelError(f"{path}: cannot be read: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise LabelError(f"{path}: must map label names to text (name: text)")
    return dict(data)


# --- where a project writes its catalogues ------------------------------------------------


def _is_builtin(folder: Path) -> bool:
    return folder.resolve().is_relative_to(builtin_dir().resolve())


def _project_folders(folders: Sequence[Path], project: Path | None) -> list[Path]:
    if project is None:
        return [f for f in folders if not _is_builtin(f)]
    root = project.resolve()
    return [f for f in folders if f.resolve().is_relative_to(root)]


def _set_name(folders: Sequence[Path], project: Path | None) -> str:
    """The template set's name: the folder name of any of its folders but the project's
    shared ``templates`` folder."""
    shared = project.resolve() if project is not None else None
    names = [f.name for f in folders if shared is None or f.resolve() != shared]
    return names[-1] if names else DEFAULT_SET


def _suggested(folders: Sequence[Path], tag: str, project: Path | None) -> str:
    """Where the project's catalogue for ``tag`` belongs, as the user types it."""
    return f"templates/{_set_name(folders, project)}/labels/{tag}.yaml"


def _shown(path: Path, project: Path | None) -> str:
    """A project file as the user would name it: from the project's folder when known."""
    if project is not None:
        try:
            return str(path.resolve().relative_to(project.resolve().parent))
        except ValueError:
            pass
    return str(path)


# --- which languages there are, in words ---------------------------------------------------


def available_languages(folders: Iterable[Path]) -> list[str]:
    """The codes of every catalogue in ``folders``, sorted."""
    return sorted({p.stem for f in folders for p in (f / "labels").glob("*.yaml")})


def builtin_languages() -> list[str]:
    """The languages the default built-in set has labels for."""
    return available_languages([builtin_dir() / DEFAULT_SET])


def language_name(code: str) -> str:
    """``French`` for ``fr``, ``French (Canada)`` for ``fr-CA``; the code if CLDR lacks it."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code.replace("-", "_")).get_display_name("en") or code
    except (UnknownLocaleError, ValueError, TypeError):
        return code


def language_problem(value: str, available: Sequence[str], add_to: str = "") -> str:
    """Why ``value`` cannot be a brief's language, and the codes to write instead."""
    listed = ", ".join(f"{code} ({language_name(code)})" for code in available)
    add_to = add_to or f"templates/{DEFAULT_SET}/labels/<code>.yaml"
    named = _code_named(value, available)
    if named is not None and named.casefold() == value.casefold():
        return f"'{value}': write the language code in lower case: {named}"
    if named is not None and named in available:
        return (
            f"'{value}' is not a language code; for {language_name(named)} write {named} "
            f"(available: {listed})"
        )
    if named is not None:
        add_to = re.sub(r"[^/]+\.yaml$", f"{named}.yaml", add_to)
        return (
            f"'{value}' is not a language code; {language_name(named)} is {named}, which has no "
            f"labels: write one of {listed}, or add {add_to} to the project"
        )
    known = language_name(value)
    if known != value and re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", value):
        return (
            f"make-brief has no labels for '{value}' ({known}); write one of {listed}, "
            f"or add {add_to} to the project"
        )
    return f"'{value}' is not a language code; write one of {listed}"


def _code_named(value: str, available: Sequence[str]) -> str | None:
    """The code of a language written out as a word (``english``, ``Français``, ``EN``)."""
    from babel import Locale, UnknownLocaleError

    words = [w for w in re.split(r"[\s,;/()]+", value.casefold()) if w]
    names: dict[str, str] = {}
    for shown_in in dict.fromkeys(["en", *(c.split("-")[0] for c in available)]):
        try:
            locale = Locale.parse(shown_in)
        except (UnknownLocaleError, ValueError):
            continue
        for code, name in locale.languages.items():
            if "_" not in code:
                names.setdefault(name.casefold(), code)
    for word in words:
        code = next((c for c in available if c.casefold() == word), None)
        if code is None:
            code = names.get(word)
        if code is not None:
            return code
    return None


# --- warnings: what a project's catalogue says that nothing reads ---------------------------

#: ``labels.name``, ``labels['name']`` or ``labels["name"]`` in a template.
_LABEL_USE = re.compile(r"""labels\s*(?:\.\s*([A-Za-z_][\w-]*)|\[\s*["']([^"']+)["']\s*\])""")


def label_warnings(
    folders: Sequence[Path], language: str, *, project: Path | None = None
) -> list[Problem]:
    """A warning for each key of the project's catalogues for ``language`` that no
    template reads: a misspelt label is otherwise ignored without a word."""
    own = _project_folders(folders, project)
    others = [f for f in folders if f not in own]
    known = _used_keys(folders, project)
    warnings = []
    tags = _candidates(language)
    for folder in own:
        for tag in tags:
            if not others and tag == REFERENCE_LANGUAGE:
                continue
            path = folder / "labels" / f"{tag}.yaml"
            if not path.is_file():
                continue
            for key, line, col in _keys_with_places(path):
                if key in known:
                    continue
                close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else "no template uses it"
                warnings.append(
                    Problem(
                        _shown(path, project),
                        line,
                        col,
                        key,
                        f"unknown label, ignored; {hint}",
                    )
                )
    return warnings


def _used_keys(folders: Sequence[Path], project: Path | None) -> set[str]:
    """The label keys something reads: those of the built-in catalogues, the optional
    range patterns, and any a template of the project names (``labels.my_heading``)."""
    own = _project_folders(folders, project)
    others = [f for f in folders if f not in own]
    known = set(_known_keys(tuple(others)))
    if not others:  # a set of the project's own: its English catalogue is the reference
        known |= set(_merged(own, REFERENCE_LANGUAGE))
    for folder in own:
        for template in sorted(folder.glob("*.j2")) + sorted(folder.glob("*.html")):
            try:
                text = template.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            known |= {a or b for a, b in _LABEL_USE.findall(text)}
    return known


@lru_cache(maxsize=16)
def _known_keys(folders: tuple[Path, ...]) -> frozenset[str]:
    from .dates import RANGE_LABELS  # optional keys no catalogue needs to name

    keys = set(RANGE_LABELS.values())
    for folder in folders:
        for path in (folder / "labels").glob("*.yaml"):
            keys |= set(_read(path))
    return frozenset(keys)


def _keys_with_places(path: Path) -> tuple[tuple[str, int, int], ...]:
    """The keys of a catalogue with their 1-based line and column."""
    try:
        return _places(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return ()  # reading the catalogue itself reports what is wrong with it


@lru_cache(maxsize=64)
def _places(text: str) -> tuple[tuple[str, int, int], ...]:
    try:
        data = YAML(typ="rt", pure=True).load(text)
    except YAMLError:
        return ()
    if not isinstance(data, CommentedMap):
        return ()
    return tuple((str(key), data.lc.key(key)[0] + 1, data.lc.key(key)[1] + 1) for key in data)


def forget_folders() -> None:
    """Forget what was read from label folders by path: a long-lived process (the
    preview) calls this when template files change."""
    _known_keys.cache_clear()
