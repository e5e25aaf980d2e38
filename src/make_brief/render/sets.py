"""Template sets: which folders a set is read from, and which set it builds on.

Kept apart from the Jinja environment (templating.py) so that ``check``, which resolves
every brief's set but renders nothing, never imports Jinja. See templating.py for what a
set is and how a project overrides the built-in ones.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ruamel.yaml.error import YAMLError

from ..content.yaml_c import load_plain
from ..locations import builtin_dir

MAIN_TEMPLATE = "brief.html.j2"
WORD_STYLES = "word-styles.yaml"
#: The folder every set shares (theme.css, fonts/); never a set itself.
SHARED = "common"


@dataclass(frozen=True)
class TemplateSet:
    """A named set and the folders it is read from, the project's first."""

    name: str
    folders: tuple[Path, ...]
    #: The shared folder's places, the project's first, whether or not it has one: a
    #: set's ``@import "../common/theme.css"`` resolves into either.
    shared: tuple[Path, ...] = ()
    #: The places of the sets it builds on (``extends:`` in its word-styles file), the
    #: nearest base first, each the project's before the built-in one.
    bases: tuple[Path, ...] = ()

    @property
    def asset_roots(self) -> tuple[Path, ...]:
        """The only folders the set's templates, stylesheets and images may read."""
        return self.folders + self.bases + self.shared

    @property
    def origin(self) -> str:
        kinds = [
            "built-in" if f.parent == builtin_dir().resolve() else "project" for f in self.folders
        ]
        return " over ".join(kinds)


def find_template_set(
    name: str, project_templates: Path, _extended_by: tuple[str, ...] = ()
) -> TemplateSet:
    """The set called ``name``; raises LookupError naming the folders searched."""
    if name == SHARED:
        raise LookupError(
            f"'{SHARED}' is not a template set: it holds what every set shares "
            "(theme.css, fonts/); name one of the sets that use it"
        )
    candidates = list(
        dict.fromkeys(p.resolve() for p in (project_templates / name, builtin_dir() / name))
    )
    folders = tuple(f for f in candidates if (f / MAIN_TEMPLATE).is_file() or f.is_dir())
    if not any((f / MAIN_TEMPLATE).is_file() for f in folders):
        searched = ", ".join(_shown(f) for f in candidates)
        known = ", ".join(s.name for s in list_template_sets(project_templates)) or "none"
        raise LookupError(
            f"template set '{name}' not found (searched {searched}); available: {known}"
        )
    shared = tuple(
        dict.fromkeys(p.resolve() for p in (project_templates / SHARED, builtin_dir() / SHARED))
    )
    bases: tuple[Path, ...] = ()
    base = extended_set(folders)
    if base is not None:
        if base == name or base in _extended_by:
            raise LookupError(f"template set '{name}' extends '{base}', which extends it back")
        found = find_template_set(base, project_templates, (*_extended_by, name))
        bases = found.folders + found.bases
    return TemplateSet(name, folders, shared, bases)


def extended_set(folders: tuple[Path, ...]) -> str | None:
    """The set the first ``word-styles.yaml`` of ``folders`` names under ``extends``.

    A file that cannot be read or is not a mapping names none here: the DOCX writer
    reports what is wrong with it, with its line, when it reads it.
    """
    for folder in folders:
        path = folder / WORD_STYLES
        try:
            info = path.stat()
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        return _extends_in(path, info.st_mtime_ns, info.st_size)
    return None


@lru_cache(maxsize=64)
def _extends_in(path: Path, mtime_ns: int, size: int) -> str | None:
    """What one word-styles file extends. Read once per process while the file is
    unchanged (its time and size are the key): the pure-Python YAML parse of a whole
    word-styles file per brief was most of what ``check`` cost."""
    try:
        data = load_plain(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError):
        return None
    base = data.get("extends") if isinstance(data, dict) else None
    return base if isinstance(base, str) and base else None


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def list_template_sets(project_templates: Path) -> list[TemplateSet]:
    names = {
        p.parent.name
        for root in (project_templates, builtin_dir())
        if root.is_dir()
        for p in root.glob(f"*/{MAIN_TEMPLATE}")
        if p.parent.name != SHARED
    }
    return [find_template_set(n, project_templates) for n in sorted(names)]
