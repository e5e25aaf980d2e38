"""``make-brief book``: bind briefs into a briefing book, one PDF and one DOCX per book."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import UsageError, one_line
from .exits import EXIT_CONTENT, EXIT_OK, exit_codes
from .options import force_option
from .settings import Settings

DEFAULT_BOOKS = Path("content") / "books"


@click.command("book")
@click.argument("books", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build") / "books",
    show_default=True,
    help="Folder the books are written to.",
)
@click.option(
    "-f",
    "--format",
    "formats",
    type=click.Choice(["pdf", "docx"]),
    multiple=True,
    help="Output format; repeat for both [default: pdf, docx].",
)
@force_option
@click.pass_obj
@exit_codes
def command(
    settings: Settings, books: tuple[Path, ...], out: Path, formats: tuple[str, ...], force: bool
) -> int:
    """Bind each BOOK (a book file, or a folder of them; default content/books/) into
    OUT/<slug>.pdf and OUT/<slug>.docx: a cover, a contents page, then every brief it
    names, each as it prints alone, with OUT/manifest.json. Books whose file, parts,
    templates and config are unchanged since the last run into OUT are skipped.
    """
    from ..book import build_books, find_books

    files: list[Path] = []
    for path in books or (DEFAULT_BOOKS,):
        if path.is_dir():
            found = find_books(path) or sorted(
                p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()
            )
            files += found
        elif path.is_file():
            files.append(path)
        else:
            raise UsageError(f"{path}: no such book file or folder")
    if not files:
        raise UsageError("no book files found (books/*.yaml); name a book file")
    results = build_books(
        list(dict.fromkeys(files)), out, formats or ("pdf", "docx"), settings.config(), force
    )
    for result in results:
        for problem in result.problems:
            click.echo(str(problem), err=True)
        if result.ok and not settings.quiet and result.record is not None:
            what = "unchanged" if result.skipped else "built"
            names = ", ".join(str(out / f.file) for f in result.record.formats.values())
            click.echo(one_line(f"{what}: {names} ({result.record.pages} pages)"))
    failed = sum(not r.ok for r in results)
    built = len(results) - failed
    click.echo(f"{built} book{'s' if built != 1 else ''} built, {failed} failed", err=bool(failed))
    return EXIT_CONTENT if failed else EXIT_OK
