"""Each template stylesheet parsed once per process, not once per brief.

WeasyPrint parses every stylesheet a document links to each time it lays that document
out: tokenising, validating every declaration and compiling every selector of the set's
``style.css`` and the theme it imports came to about a tenth of a warm brief's PDF (8.5%
of a batch build's time, sampled), the same work for every brief of a template set.
WeasyPrint has no public way to hand a document its linked stylesheets already parsed
(its ``stylesheets=`` argument adds them as *user* stylesheets, which cascade differently
from the template's own). So, while make-brief lays a document out
(:func:`reusing_stylesheets`), the one call WeasyPrint's ``find_stylesheets`` makes for a
``<link rel="stylesheet">`` is answered from a cache. Nothing else changes: ``<style>``
elements (the page's running heads, different in every brief), ``@import``s inside a
sheet and every other caller of WeasyPrint's ``CSS`` go on as before, and outside
make-brief's own layouts (a benchmark's plain WeasyPrint, in the same process) nothing is
cached at all.

Safely, because a cached sheet must give a document exactly what its parse would have:

- a sheet is kept only if its parse logged nothing: for make-brief a warning is an error,
  so a sheet that fails is parsed, and fails, for every brief that links it, with its own
  message;
- and only if it left nothing in the document but its own rules: no ``@counter-style``,
  ``@color-profile`` or cascade layer, which WeasyPrint keeps in per-document tables. Such a
  sheet is parsed for every brief, as it always was;
- a kept sheet is reused only when every file its parse read (the sheet, the files it
  imports, the fonts it registered) reads again, through this brief's own URL fetcher,
  as the same bytes: an edited file is parsed afresh, and a brief whose fetcher may not
  read a file never gets a sheet made from it;
- it belongs to one font configuration (the process's), since ``@font-face`` rules add
  their fonts to it as the sheet is parsed;
- each document gets its own deep copy of the kept sheet, made before any layout used
  it: a sheet is not only read during a layout. A declaration that uses ``var()`` notes
  that it has reported its invalid value and stays silent afterwards; shared, it let the
  second brief print with the rule dropped and no error. A copy costs about a quarter of
  a parse (12 against 47 ms for the briefing note's sheet);
- the copy's ``@page`` rules go into the document's list just where its parse would have
  put them.

tests/test_reused_css.py holds it to that: the same PDF bytes with and without the cache,
for every template set and its seed brief, and a broken or edited sheet treated as new.
If WeasyPrint's ``find_stylesheets`` ever calls ``CSS`` differently, nothing is cached.
"""

from __future__ import annotations

import contextvars
import copy
import inspect
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from .weasy import load_weasyprint, warnings_collected

#: Sheets kept per process: a set's style.css for a few template sets and languages.
MAX_SHEETS = 16

#: The arguments ``weasyprint.css.find_stylesheets`` has, in WeasyPrint 70; the cache
#: stands in for the ``CSS(url=..., _check_mime_type=True, ...)`` call it makes for a link.
_FIND_STYLESHEETS = (
    "wrapper_element",
    "device_media_type",
    "url_fetcher",
    "base_url",
    "font_config",
    "counter_style",
    "color_profiles",
    "page_rules",
    "layers",
)

_active = contextvars.ContextVar("make_brief_reusing_stylesheets", default=False)


@dataclass(frozen=True)
class _Kept:
    css: Any  # WeasyPrint's parsed stylesheet, shared by every document that links it
    font_config: Any
    media_type: str
    reads: tuple[tuple[str, bytes], ...]  # every file the parse read, and its bytes


_kept: OrderedDict[str, _Kept] = OrderedDict()
_lock = threading.Lock()


@contextmanager
def reusing_stylesheets() -> Iterator[None]:
    """Within this block, a document's linked stylesheets come from the cache."""
    _install()
    token = _active.set(True)
    try:
        yield
    finally:
        _active.reset(token)


def kept() -> list[str]:
    """The URLs of the linked sheets kept, oldest first."""
    return list(_kept)


def forget() -> None:
    """Drop every kept sheet (tests; a long-lived caller that wants memory back)."""
    with _lock:
        _kept.clear()


def _install() -> None:
    load_weasyprint()
    import weasyprint.css as module

    with _lock:
        if getattr(module.CSS, "make_brief_reuse", False):
            return
        parameters = tuple(inspect.signature(module.find_stylesheets).parameters)
        if parameters != _FIND_STYLESHEETS:
            return  # another WeasyPrint: parse as it does
        parse = module.CSS

        def css(*args: Any, **kwargs: Any) -> Any:
            if _active.get() and not args and _is_link(kwargs):
                return _linked(parse, **kwargs)
            return parse(*args, **kwargs)

        css.make_brief_reuse = True  # type: ignore[attr-defined]
        module.CSS = css


def _is_link(kwargs: dict[str, Any]) -> bool:
    """WeasyPrint's call for a ``<link>``: by URL, MIME type checked, with the document's
    own tables (an ``@import`` passes its importer's selector matcher; a string does not
    check a MIME type)."""
    return bool(
        kwargs.get("url")
        and kwargs.get("_check_mime_type")
        and kwargs.get("matcher") is None
        and kwargs.get("layer") is None
        and kwargs.get("page_rules") is not None
        and kwargs.get("layers") is not None
    )


def _linked(parse: Any, **kwargs: Any) -> Any:
    url, fetcher = kwargs["url"], kwargs["url_fetcher"]
    font_config, media_type = kwargs.get("font_config"), kwargs.get("media_type")
    kept = _kept.get(url)
    if (
        kept is not None
        and kept.font_config is font_config
        and kept.media_type == media_type
        and _reads_the_same(fetcher, kept.reads)
    ):
        with _lock:  # a preview server may lay out in more than one thread
            if url in _kept:
                _kept.move_to_end(url)
        css = copy.deepcopy(kept.css)
        kwargs["page_rules"].extend(css.page_rules)
        return css
    with _lock:
        _kept.pop(url, None)
    return _parse_and_keep(parse, kwargs)


def _parse_and_keep(parse: Any, kwargs: dict[str, Any]) -> Any:
    """Parse as WeasyPrint would, watching what the parse does; keep the sheet if it may
    be reused."""
    page_rules, layers = kwargs["page_rules"], kwargs["layers"]
    counter_style, color_profiles = kwargs.get("counter_style"), kwargs.get("color_profiles")
    rules_before, layers_before = len(page_rules), list(layers)
    tables_before = _identities(counter_style), _identities(color_profiles)
    matcher = _layer_watching_matcher()
    reads: list[tuple[str, bytes]] = []
    with warnings_collected() as logged, _recorded(kwargs["url_fetcher"], reads):
        css = parse(**dict(kwargs, matcher=matcher))
    if (
        logged
        or matcher.layered
        or list(layers) != layers_before
        or (_identities(counter_style), _identities(color_profiles)) != tables_before
        or kwargs.get("font_config") is None
    ):
        return css
    # The sheet's own tables from now on: the document's lists are this document's.
    css.page_rules, css.layers = page_rules[rules_before:], []
    # Copied before this document's layout touches it (see the module's docstring).
    keep = _Kept(copy.deepcopy(css), kwargs["font_config"], kwargs.get("media_type"), tuple(reads))
    with _lock:
        _kept[kwargs["url"]] = keep
        while len(_kept) > MAX_SHEETS:
            _kept.popitem(last=False)
    return css


def _identities(table: dict[Any, Any] | None) -> dict[Any, int]:
    return {key: id(value) for key, value in (table or {}).items()}


def _layer_watching_matcher() -> Any:
    import cssselect2

    class LayerWatchingMatcher(cssselect2.Matcher):  # type: ignore[misc]
        """Notes whether any rule of the sheet (or of a sheet it imports, which shares
        its matcher) belongs to a cascade layer: their order is the document's."""

        layered = False

        def add_selector(self, selector: Any, payload: Any) -> None:
            if payload[1] is not None:  # (declarations, layer)
                self.layered = True
            super().add_selector(selector, payload)

    return LayerWatchingMatcher()


@contextmanager
def _recorded(fetcher: Any, reads: list[tuple[str, bytes]]) -> Iterator[None]:
    """Every file ``fetcher`` reads while the block runs, with its bytes."""
    from weasyprint.urls import URLFetcherResponse

    fetch = fetcher.fetch
    own = "fetch" in vars(fetcher)

    def recording(url: str, headers: Any = None) -> Any:
        response = fetch(url, headers)
        try:
            data = response.read()
        finally:
            response.close()
        reads.append((url, data))
        return URLFetcherResponse(response.url, data, response.headers, response.status)

    fetcher.fetch = recording  # this document's fetcher, for the time of one parse
    try:
        yield
    finally:
        if own:
            fetcher.fetch = fetch
        else:
            del fetcher.fetch


def _reads_the_same(fetcher: Any, reads: tuple[tuple[str, bytes], ...]) -> bool:
    for url, data in reads:
        try:
            response = fetcher.fetch(url)
            try:
                same = response.read() == data
            finally:
                response.close()
        except Exception:  # refused or gone: let the parse say so, in its own words
            return False
        if not same:
            return False
    return True
