"""Writing the Word styles into a document: their definitions, list numbering, language.

What each style looks like is decided elsewhere (builtin.py for the writer's own styles,
the set's word-styles file through definitions.py for the rest); here they become style
elements of the document. An organisation's own reference .docx made in Word wins: only
the styles it lacks are added.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from .builtin import SINGLE_LINE_EM, WRITER_STYLES
from .look import (
    CHARACTER,
    PARAGRAPH,
    TABLE,
    Look,
    StyleSpec,
    TableLook,
    ppr,
    rpr,
    table_style_body,
)
from .numbering import ListNumbering
from .theme import Theme

_KINDS = {
    PARAGRAPH: WD_STYLE_TYPE.PARAGRAPH,
    CHARACTER: WD_STYLE_TYPE.CHARACTER,
    TABLE: WD_STYLE_TYPE.TABLE,
}


def prepare_styles(
    document: Any, theme: Theme, specs: list[StyleSpec], *, generated: bool
) -> ListNumbering:
    """Write ``specs`` into ``document``.

    ``generated``: the document is python-docx's blank one, so its built-in styles are
    restyled from the theme. Otherwise it is an organisation's reference document, whose
    styles win: only the styles it lacks are added.
    """
    numbering = ListNumbering(document, theme)
    if generated:
        _document_defaults(document, theme)
    # Every style exists before any is written, so a style may be based on one that
    # comes after it.
    added = {}
    for spec in specs:
        if spec.name not in document.styles:
            kind = _KINDS[spec.kind]
            added[spec.name] = document.styles.add_style(
                spec.name, kind, builtin=_builtin(spec.name)
            )
    for spec in specs:
        if spec.name in added or generated:
            _write_style(document, spec, numbering, new=spec.name in added)
    return numbering


@cache
def _word_names() -> frozenset[str]:
    """Names Word knows as its own built-in styles (python-docx's blank template holds
    many, its latent styles list more): such a style is added as built-in, not custom."""
    blank = docx.Document().styles
    names = {style.name for style in blank} | {latent.name for latent in blank.latent_styles}
    return frozenset(name.lower() for name in names)


def _builtin(name: str) -> bool:
    return name in WRITER_STYLES or name.lower() in _word_names()


def _document_defaults(document: Any, theme: Theme) -> None:
    """Font, size, colour and paragraph spacing every style inherits (Word's docDefaults)."""
    look = Look(
        size=theme.base_size,
        colour=theme.colour_of("html", "color"),
        after=theme.pt("p", "margin", 0.55 * theme.base_size, side=2),
        line=theme.ratio("html", "line-height", 1.42) / SINGLE_LINE_EM,
    )
    font = theme.font
    defaults = parse_xml(
        f"<w:docDefaults {nsdecls('w')}><w:rPrDefault>"
        + rpr(look).replace(
            "<w:rPr>",
            # Latin text in the theme's font; other scripts keep the theme's fonts for them.
            f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" '
            'w:eastAsiaTheme="minorEastAsia" w:cstheme="minorBidi"/>',
        )
        + "</w:rPrDefault><w:pPrDefault>"
        + ppr(Look(after=look.after, line=look.line), None).replace(
            "<w:pPr>", "<w:pPr><w:widowControl/>"
        )
        + "</w:pPrDefault></w:docDefaults>"
    )
    styles = document.styles.element
    old = styles.find(qn("w:docDefaults"))
    if old is not None:
        old.addprevious(defaults)
        styles.remove(old)
    else:
        styles.insert(0, defaults)


def _write_style(document: Any, spec: StyleSpec, numbering: ListNumbering, *, new: bool) -> None:
    styles = document.styles
    element = styles[spec.name].element
    if not new:
        _drop_linked(styles, element)
        for child in list(element):
            if child.tag != qn("w:name"):
                element.remove(child)
        element.attrib.pop(qn("w:customStyle"), None)
    children = ""
    if spec.based_on and spec.based_on in styles:
        children += f'<w:basedOn w:val="{styles[spec.based_on].style_id}"/>'
    if spec.next and spec.next in styles:
        children += f'<w:next w:val="{styles[spec.next].style_id}"/>'
    children += "<w:qFormat/>" if spec.kind != TABLE else ""
    look = spec.look
    if isinstance(look, TableLook):
        children += table_style_body(look)
    else:
        num_id = numbering.base(look.numbering[0]) if look.numbering else None
        if spec.kind == PARAGRAPH:
            children += ppr(look, num_id)
        children += rpr(look)
    for child in parse_xml(f"<w:style {nsdecls('w')}>{children}</w:style>"):
        element.append(child)


def _drop_linked(styles: Any, element: Any) -> None:
    """A restyled built-in style loses its linked character style ("Heading 1 Char"),
    which would otherwise still carry the blank template's old fonts and colours."""
    link = element.find(qn("w:link"))
    if link is None:
        return
    linked = styles.element.get_by_id(link.get(qn("w:val")))
    if linked is not None:
        styles.element.remove(linked)


def set_language(document: Any, tag: str, rtl: bool) -> None:
    """The brief's language on the document defaults and on every style that names one."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = parse_xml(f"<w:docDefaults {nsdecls('w')}/>")
        styles.insert(0, defaults)
    r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if r_pr is None:
        holder = parse_xml(f"<w:rPrDefault {nsdecls('w')}><w:rPr/></w:rPrDefault>")
        defaults.insert(0, holder)
        r_pr = holder[0]
    if r_pr.find(qn("w:lang")) is None:
        r_pr.append(parse_xml(f"<w:lang {nsdecls('w')}/>"))
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), tag)
        if rtl:
            lang.set(qn("w:bidi"), tag)
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), tag)


def word_language(tag: str) -> str:
    """The language tag Word knows: Word's proofing wants a region ("en" is "en-US"),
    so a bare language gets its most likely one, as CLDR gives it."""
    from babel.core import get_global

    parts = tag.replace("_", "-").split("-")
    if any((len(p) == 2 and p.isalpha()) or (len(p) == 3 and p.isdigit()) for p in parts[1:]):
        return tag
    likely = get_global("likely_subtags").get(parts[0].lower())
    return f"{parts[0].lower()}-{likely.split('_')[-1]}" if likely else tag
