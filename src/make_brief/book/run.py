"""One book from its file to its outputs: load, mark, render, write all or nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from ..build.files import write_atomically
from ..build.results import OutputFile
from ..content.config import Config
from ..errors import ContentError, MakeBriefError, Problem, RenderError
from .cache import BookCache, book_key
from .results import BookRecord, BookResult

#: The formats a book is made in, and their file names' endings.
BOOK_FORMATS = {"pdf": ".pdf", "docx": ".docx"}


def build_book(
    path: Path, out: Path, formats: Sequence[str], config: Config, cache: BookCache, force: bool
) -> BookResult:
    """Build (or skip) one book into ``out``; every problem in the result, nothing
    written for a book that failed."""
    from .load import named_parts, part_path, read_book

    result = BookResult(path)
    try:
        book, _, raw = read_book(path)
    except ContentError as exc:
        result.problems += exc.problems
        return result
    slug = path.stem
    parts = [part_path(path, written) for _, _, written in named_parts(book)]
    key = book_key(raw, parts, config, formats)
    if not force:
        record = cache.fresh(slug, key, out)
        if record is not None:
            result.skipped, result.record = True, record
            return result
    try:
        rendered, record = render_book(path, formats, config)
    except ContentError as exc:
        result.problems += exc.problems
        return result
    except RenderError as exc:
        result.problems.append(Problem(str(path), message=f"cannot be rendered: {exc}"))
        return result
    except MakeBriefError:
        raise  # the project's config or templates: every book would fail alike
    except Exception as exc:  # a bug: this book fails, the other books are still built
        message = (
            f"internal error in make-brief while binding it ({type(exc).__name__}: {exc}); "
            "please report this"
        )
        result.problems.append(Problem(str(path), message=message))
        return result
    files: dict[str, OutputFile] = {}
    for name, data in rendered.items():
        target = out / f"{slug}{BOOK_FORMATS[name]}"
        try:
            write_atomically(target, data)
        except OSError as exc:
            for written in result.outputs:
                written.unlink(missing_ok=True)
            result.outputs.clear()
            result.problems.append(
                Problem(str(target), message=f"cannot be written: {exc.strerror}")
            )
            return result
        result.outputs.append(target)
        files[name] = OutputFile(target.name, hashlib.sha256(data).hexdigest(), len(data))
    result.record = BookRecord(**{**record.to_json(), "parts": record.parts, "formats": files})
    cache.record(slug, key, result.record)
    return result


def render_book(
    path: Path, formats: Sequence[str], config: Config
) -> tuple[dict[str, bytes], BookRecord]:
    """Every format's bytes and the record, in memory; raises ContentError or RenderError."""
    from ..content.labels import LabelError
    from .front import Front
    from .load import load_book
    from .markings import MarkingOrder, book_marking
    from .pdf import book_pdf

    loaded = load_book(path, config)
    marking = book_marking(loaded, MarkingOrder.of(config))
    try:
        front = Front(loaded, marking, config)
    except LabelError as exc:
        if loaded.book.language is None:
            raise
        raise ContentError([loaded.problem(("language",), str(exc))]) from None
    # The PDF is laid out even for a DOCX alone: its page numbers fill the DOCX's contents.
    pdf = book_pdf(loaded, marking, config, front)
    rendered: dict[str, bytes] = {}
    if "pdf" in formats:
        rendered["pdf"] = pdf.data
    if "docx" in formats:
        from .docx import book_docx

        rendered["docx"] = book_docx(loaded, marking, config, front, pdf)
    parts = tuple(
        {
            "slug": part.prepared.loaded.slug,
            "title": part.title,
            "type": part.prepared.loaded.brief.type,
            "classification": part.marking,
            "page": start,
        }
        for part, start in zip(loaded.parts, pdf.starts, strict=True)
    )
    record = BookRecord(
        slug=loaded.slug,
        title=loaded.book.title,
        date=loaded.book.date.isoformat(),
        classification=marking,
        language=front.language,
        pages=pdf.pages,
        parts=parts,
        formats={},
    )
    return rendered, record
