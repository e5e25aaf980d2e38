"""The preview's HTML: a brief's page, the index of briefs, and the parts that change.

Each page is a fixed frame around a ``<main>`` whose content (a *fragment*) the page's
script fetches again after each build and puts in place. Every text that comes from a
brief, a file name or a message is escaped here; no address on the page names a file.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from .board import Board, BriefView


def brief_url(key: str) -> str:
    return f"/b/{quote(key, safe='')}/"


def brief_page(board: Board, view: BriefView) -> str:
    return _document(
        title=f"{view.title or view.source} · preview",
        home=board.home is None,
        key=view.key,
        fragment_url=brief_url(view.key) + "fragment",
        version=board.page_version(view),
        fragment=brief_fragment(board, view),
    )


def index_page(board: Board) -> str:
    return _document(
        title="Briefs · preview",
        home=False,
        key="",
        fragment_url="/fragment",
        version=board.version,
        fragment=index_fragment(board),
    )


def brief_fragment(board: Board, view: BriefView) -> str:
    """The brief's pages, or what keeps them from being shown, in their place."""
    parts = [f"<h1>{_text(view.title or view.source)}</h1>"]
    if view.title:
        parts.append(f'<p class="source">{_text(view.source)}</p>')
    alert = board.alert
    if alert:
        parts.append(_alert(alert))
    elif view.status == "pending":
        parts.append('<p class="status">Building…</p>')
    elif view.status == "failed":
        count = len(view.problems)
        heading = (
            f"{count} problem{'s' if count != 1 else ''}: fix "
            f"{'them' if count != 1 else 'it'} and save, and the pages come back"
        )
        parts.append(_lines("problems", heading, view.problems, role="alert"))
    if view.warnings and not alert:
        parts.append(_lines("warnings", "Warnings", view.warnings))
    if view.status == "ok" and not alert:
        total = len(view.pages)
        parts.append(
            f'<p class="status">{total} page{"s" if total != 1 else ""} · built at '
            f"{_text(view.built_at)} in {view.seconds:.2f} s</p>"
        )
        parts.append('<div class="pages">')
        for number, page in enumerate(view.pages, 1):
            alt = f"Page {number} of {total}: {page.text}"
            parts.append(
                f'<figure class="page"><img src="{page.url}" width="{page.width}" '
                f'height="{page.height}" alt="{_text(alt)}">'
                f"<figcaption>{number} / {total}</figcaption></figure>"
            )
        parts.append("</div>")
    return "\n".join(parts)


def index_fragment(board: Board) -> str:
    views = board.views()
    parts = ["<h1>Briefs</h1>"]
    alert = board.alert
    if alert:
        parts.append(_alert(alert))
    if not views:
        parts.append('<p class="status">No content files yet: save one (*.yaml) here.</p>')
        return "\n".join(parts)
    parts.append('<ul class="briefs">')
    for view in views:
        if view.status == "ok":
            state = f"{len(view.pages)} page{'s' if len(view.pages) != 1 else ''}"
        elif view.status == "failed":
            count = len(view.problems)
            state = f"{count} problem{'s' if count != 1 else ''}" if count else "not built"
        else:
            state = "building…"
        picture = (
            f'<img src="{view.pages[0].url}" width="{view.pages[0].width}" '
            f'height="{view.pages[0].height}" alt="">'
            if view.status == "ok" and view.pages
            else '<span class="blank"></span>'
        )
        parts.append(
            f'<li class="brief {view.status}"><a href="{brief_url(view.key)}">{picture}'
            f'<span class="title">{_text(view.title or view.source)}</span>'
            + (f'<span class="source">{_text(view.source)}</span>' if view.title else "")
            + f'<span class="state">{_text(state)}</span></a></li>'
        )
    parts.append("</ul>")
    return "\n".join(parts)


def gone_fragment() -> str:
    return (
        "<h1>No such brief</h1>\n"
        '<p class="status">This brief is not in the preview (any more): '
        '<a href="/">see the briefs</a>.</p>'
    )


def _alert(lines: tuple[str, ...]) -> str:
    return _lines(
        "problems",
        "The project cannot be built: fix this and save, and the briefs come back",
        lines,
        role="alert",
    )


def _lines(kind: str, heading: str, lines: tuple[str, ...], role: str = "") -> str:
    items = "\n".join(f"<li><code>{_text(line)}</code></li>" for line in lines)
    role_attr = f' role="{role}"' if role else ""
    return f'<section class="{kind}"{role_attr}><h2>{_text(heading)}</h2>\n<ul>\n{items}\n</ul></section>'


def _document(
    *, title: str, home: bool, key: str, fragment_url: str, version: int, fragment: str
) -> str:
    back = '<a class="home" href="/">All briefs</a>' if home else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_text(title)}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/preview.css">
<script src="/preview.js" defer></script>
</head>
<body>
<header class="bar"><span class="tool">make-brief preview</span>{back}<span class="live" id="live" aria-live="polite"></span></header>
<main id="preview" data-key="{_text(key)}" data-fragment="{_text(fragment_url)}" data-version="{version}">
{fragment}
</main>
</body>
</html>
"""


def _text(value: str) -> str:
    return escape(value, quote=True)
