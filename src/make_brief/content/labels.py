"""The fixed words a template prints, in the brief's language.

A template set ships one catalogue per language in ``labels/<lang>.yaml``; a project's own
``templates/<set>/labels/<lang>.yaml`` overrides single words of it. A catalogue must name
every label the English one names, so a translation can never leave a heading blank.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

REFERENCE_LANGUAGE = "en"


class LabelError(ValueError):
    """A catalogue is missing, unreadable or incomplete; the message names the file."""


def load_labels(folders: Sequence[Path], language: str) -> Mapping[str, str]:
    """Labels for ``language`` from the set's folders (built-in last, project first).

    ``fr-CA`` falls back to ``fr``. Later folders in ``folders`` are overridden by
    earlier ones, word by word.
    """
    reference = _merged(folders, REFERENCE_LANGUAGE)
    for tag in _candidates(language):
        labels = _merged(folders, tag)
        if labels:
            missing = [key for key in reference if key not in labels]
            if missing:
                where = " or ".join(str(f / "labels" / f"{tag}.yaml") for f in folders)
                raise LabelError(
                    f"labels for '{tag}' lack {', '.join(missing)}; add them to {where}"
                )
            return labels
    available = sorted({p.stem for f in folders for p in (f / "labels").glob("*.yaml")})
    raise LabelError(
        f"no labels for language '{language}' (available: {', '.join(available)}); "
        f"add templates/labels/{language}.yaml to the project"
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
        data = YAML(typ="safe", pure=True).load(text)
    except YAMLError as exc:
        raise LabelError(f"{path}: cannot be read: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise LabelError(f"{path}: must map label names to text (name: text)")
    return dict(data)
