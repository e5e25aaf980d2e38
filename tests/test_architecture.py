"""The shape of the package, checked from its source.

Every module under ``src/make_brief`` is read with :mod:`ast` (nothing is imported), and
every import counts: at the top of a module, inside a function (a lazy import) and under
``TYPE_CHECKING``, relative or absolute. The rules, explained in docs/architecture.md:

- a room imports only the rooms below it (:data:`LAYERS`), never one above or beside it;
- no module imports itself back, however long the way round;
- the top of the package holds only :data:`TOP_MODULES`; everything else is in a room;
- ``cli.py`` loads no command module when it is imported: each verb loads when it runs.

The repository also stands on its own: no tracked file points at a folder outside it.
"""

from __future__ import annotations

import ast
import os
import subprocess
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "make_brief"

#: The rooms, highest first. A room may import itself and the rooms of every layer below
#: its own; never a room above it, nor one beside it in the same layer.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("entry",),  # cli.py and __main__.py
    ("commands",),  # one module per verb of the command line
    ("publish", "preview", "draft", "docx_import"),  # side by side: none imports another
    ("book",),  # briefing books: briefs bound behind a cover and contents
    ("build",),  # plan, check, render, record
    ("render",),  # HTML and the writers
    ("content",),  # load, validate, enrich
    ("foundation",),  # errors.py, locations.py and the package root (its __version__)
)
#: Rooms that may import less than their layer allows: the drafter writes a content file,
#: so it knows the content format and nothing of building or rendering.
ONLY: dict[str, frozenset[str]] = {"draft": frozenset({"content", "foundation"})}

#: The modules at the top of the package, and the room each belongs to.
TOP_MODULES: dict[str, str] = {
    "__init__": "foundation",
    "__main__": "entry",
    "cli": "entry",
    "errors": "foundation",
    "locations": "foundation",
}

#: What no tracked file may contain: a way out of the repository to the folders beside it.
#: Spelled in pieces so that this file does not name them itself.
POINTERS_OUT = ("../" + "shared", "/" + "work/", "shared/" + "spec")


@dataclass(frozen=True, order=True)
class Import:
    """One import of a module of the package by another, and where it is written."""

    importer: str
    target: str
    path: Path
    line: int
    when: str  # "at import time", "inside a function" or "under TYPE_CHECKING"

    def __str__(self) -> str:
        where = f"{self.path.relative_to(ROOT)}:{self.line}"
        return f"{where}: {self.importer} imports {self.target} ({self.when})"


# Reading the package.


@cache
def modules() -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its own name)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


@cache
def imports() -> tuple[Import, ...]:
    """Every import of one module of the package by another, in a stable order."""
    found: list[Import] = []
    for name, path in modules().items():
        reader = _Reader(name, path)
        reader.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        found += reader.found
    return tuple(sorted(found))


class _Reader(ast.NodeVisitor):
    def __init__(self, module: str, path: Path) -> None:
        self.module = module
        self.path = path
        parts = module.split(".")
        self.package = parts if path.name == "__init__.py" else parts[:-1]
        self.when = "at import time"
        self.found: list[Import] = []

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self._within("inside a function", node.body)
        for child in [*node.decorator_list, node.args]:  # these run at import time
            self.visit(child)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_If(self, node: ast.If) -> None:
        if not _is_type_checking(node.test):
            self.generic_visit(node)
            return
        self._within("under TYPE_CHECKING", node.body)
        for child in node.orelse:
            self.visit(child)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node.lineno)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            if node.level - 1 > len(self.package):
                return
            base = self.package[: len(self.package) - (node.level - 1)]
        else:
            base = []
        base = base + (node.module.split(".") if node.module else [])
        for alias in node.names:
            # ``from . import tables`` imports the module ``tables``; ``from .job import
            # Rendered`` the module ``job``.
            candidate = ".".join([*base, alias.name])
            self._add(candidate if candidate in modules() else ".".join(base), node.lineno)

    def _within(self, when: str, body: list[ast.stmt]) -> None:
        outer = self.when
        if outer == "at import time":
            self.when = when
        for child in body:
            self.visit(child)
        self.when = outer

    def _add(self, name: str, line: int) -> None:
        if name != "make_brief" and not name.startswith("make_brief."):
            return
        if name != self.module:  # a name that is no module is kept, and reported
            self.found.append(Import(self.module, name, self.path, line, self.when))


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def room_of(module: str) -> str:
    """The room a module belongs to: its sub-package, or its entry in TOP_MODULES."""
    parts = module.split(".")
    if module not in modules():
        return "<no such module>"
    if len(parts) == 1:
        return TOP_MODULES["__init__"]
    if modules()[module].parent == PACKAGE:
        return TOP_MODULES.get(parts[1], f"<top module {parts[1]}.py>")
    return parts[1]


def may_import() -> dict[str, frozenset[str]]:
    """Each room and the rooms it may import, itself included, derived from LAYERS."""
    allowed = {}
    for depth, layer in enumerate(LAYERS):
        below = frozenset(room for lower in LAYERS[depth + 1 :] for room in lower)
        for room in layer:
            narrower = ONLY.get(room, below)
            assert narrower <= below, f"ONLY[{room!r}] names a room that is not below it"
            allowed[room] = narrower | {room}
    return allowed


# (a) Rooms import downward only.


def test_rooms_import_only_the_rooms_below_them() -> None:
    allowed = may_import()
    broken = []
    for found in imports():
        room, target = room_of(found.importer), room_of(found.target)
        if target == "<no such module>":
            broken.append(f"{found}: there is no module {found.target}")
        elif room not in allowed:
            broken.append(f"{found}: {room} is in no room; add it to LAYERS or TOP_MODULES")
        elif target not in allowed[room]:
            others = ", ".join(r for layer in LAYERS for r in layer if r in allowed[room] - {room})
            broken.append(
                f"{found}: the {room} room may import only {others or 'nothing'}, not {target}"
            )
    assert not broken, "imports against the layers (docs/architecture.md):\n" + "\n".join(broken)


def test_the_layers_hold_what_the_package_holds() -> None:
    """Every sub-package is a room of LAYERS, and every room of LAYERS exists."""
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and any(p.glob("**/*.py"))}
    folders.discard("__pycache__")
    rooms = {room for layer in LAYERS for room in layer} - set(TOP_MODULES.values())
    assert folders == rooms, (
        f"sub-packages in no layer: {sorted(folders - rooms)}; "
        f"layers with no sub-package: {sorted(rooms - folders)}"
    )


def test_format_writers_are_in_the_render_room() -> None:
    """The format registry imports its writers by name, where ast cannot see it."""
    from make_brief.render.formats import FORMATS

    outside = [
        f"{f.name}: {f.writer}"
        for f in FORMATS
        if f"make_brief.render.{f.writer.partition(':')[0]}" not in modules()
    ]
    assert not outside, f"writers that are no module of make_brief.render: {outside}"


# (b) No cycles.


def test_no_import_cycles() -> None:
    components = cycles(imports())
    message = "import cycles (a module imports itself back):\n" + "\n".join(
        describe_cycle(component, imports()) for component in components
    )
    assert not components, message


def cycles(found: tuple[Import, ...]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    graph = _graph(found)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(components)


def describe_cycle(component: list[str], found: tuple[Import, ...]) -> str:
    """One way round the component, each step with the import that makes it."""
    members = set(component)
    first: dict[tuple[str, str], Import] = {}
    for imp in found:
        first.setdefault((imp.importer, imp.target), imp)
    graph = _graph(found)
    start = component[0]
    # The shortest way from ``start`` back to itself, inside the component.
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in graph.get(node, ()):
            if nxt not in members or nxt in came_from:
                continue
            came_from[nxt] = node
            if nxt == start:
                queue.clear()
                break
            queue.append(nxt)
    steps, node = [], start
    while True:
        before = came_from[node]
        steps.append(first[(before, node)])
        node = before
        if node == start:
            break
    steps.reverse()
    way = " -> ".join([start, *(step.target for step in steps)])
    return "\n".join([way, *(f"  {step}" for step in steps)])


def _graph(found: tuple[Import, ...]) -> dict[str, list[str]]:
    graph: dict[str, set[str]] = {}
    for imp in found:
        graph.setdefault(imp.importer, set()).add(imp.target)
    return {node: sorted(targets) for node, targets in graph.items()}


# (c) A small top.


def test_the_top_of_the_package_holds_only_a_few_modules() -> None:
    top = {p.stem for p in PACKAGE.glob("*.py")}
    assert top == set(TOP_MODULES), (
        f"modules at the top of make_brief besides {sorted(TOP_MODULES)}: "
        f"{sorted(top - set(TOP_MODULES))} (put them in their room); "
        f"missing: {sorted(set(TOP_MODULES) - top)} (update TOP_MODULES)"
    )


# (d) Commands load lazily.


def test_the_command_line_loads_no_command_when_imported() -> None:
    verbs = command_modules()
    assert verbs, "no module of make_brief.commands defines `command`"
    loaded = import_time_closure("make_brief.cli")
    eager = sorted(verbs & set(loaded))
    assert not eager, "cli.py imports command modules when it is imported:\n" + "\n".join(
        "\n".join(f"  {imp}" for imp in loaded[verb]) for verb in eager
    )


def command_modules() -> set[str]:
    """The modules of make_brief.commands that define the ``command`` of a verb."""
    verbs = set()
    for name, path in modules().items():
        if not name.startswith("make_brief.commands."):
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            defined = (
                [node.name]
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
                else [t.id for t in getattr(node, "targets", []) if isinstance(t, ast.Name)]
            )
            if "command" in defined:
                verbs.add(name)
    return verbs


def import_time_closure(start: str) -> dict[str, list[Import]]:
    """Every module that importing ``start`` runs, with the chain of imports that gets there.

    Only imports that run at import time count; importing ``a.b.c`` also runs ``a`` and
    ``a.b`` (a package's ``__init__``), which the chain shows as a step of its own.
    """
    eager: dict[str, list[Import]] = {}
    for imp in imports():
        if imp.when == "at import time":
            eager.setdefault(imp.importer, []).append(imp)
    chains: dict[str, list[Import]] = {start: []}
    queue = deque([start])
    while queue:
        module = queue.popleft()
        for imp in eager.get(module, []):
            for target in [*_parents(imp.target), imp.target]:
                if target not in chains:
                    step = imp if target == imp.target else Import(*_as_parent(imp, target))
                    chains[target] = [*chains[module], step]
                    queue.append(target)
    return chains


def _parents(module: str) -> Iterator[str]:
    parts = module.split(".")
    for n in range(1, len(parts)):
        yield ".".join(parts[:n])


def _as_parent(imp: Import, parent: str) -> tuple[str, str, Path, int, str]:
    return (imp.importer, parent, imp.path, imp.line, f"the package of {imp.target}")


# The repository stands on its own.


def test_no_tracked_file_points_outside_the_repository() -> None:
    offenders = list(pointers_out())
    message = "tracked files that point outside the repository:\n" + "\n".join(
        f"  {path}:{line}: {text}" for path, line, text in offenders
    )
    assert not offenders, message


def pointers_out() -> Iterator[tuple[str, int, str]]:
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout (an unpacked sdist): nothing is tracked")
    needles = [p.encode() for p in POINTERS_OUT]
    for name in sorted(listed.decode("utf-8").split("\0")):
        path = ROOT / name
        if not name or not path.exists():
            continue  # removed in the working tree, not yet in git
        if path.is_symlink():
            data = os.readlink(path).encode()
        elif path.is_file():
            data = path.read_bytes()
        else:
            continue  # a submodule
        for number, line in enumerate(data.splitlines(), 1):
            if any(needle in line for needle in needles):
                yield name, number, line.decode("utf-8", "replace").strip()[:120]
