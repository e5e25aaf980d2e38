"""The Word side of the theme: named styles and list numbering generated from style.css.

The PDF's look lives in the template set's ``style.css``. Rather than keep a second copy
of it for Word, the values are read from that file (the ``:root`` colours, the sizes and
spacing of the rules the template uses, the ``@page`` box) and written into the styles of
a reference document, so a change of theme changes both outputs. An organisation's own
reference .docx made in Word wins: only the styles it lacks are added.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from .look import Look, TableLook, ppr, rpr, table_style_body
from .numbering import ListNumbering
from .theme import PT_PER_MM, Theme

#: Word's "single" line for Calibri is 1.22 em, so CSS ``line-height: 1.42`` is a Word
#: multiple of 1.42 / 1.22.
SINGLE_LINE_EM = 1.22

# --- the styles of a briefing note ------------------------------------------------------


@dataclass(frozen=True)
class StyleSpec:
    name: str
    kind: WD_STYLE_TYPE
    look: Look | TableLook
    based_on: str | None = "Normal"
    next: str | None = None
    builtin: bool = False


def style_specs(theme: Theme) -> list[StyleSpec]:
    """Every style the DOCX writer uses: the look of the CSS rule for the same element,
    plus what only Word needs (outline levels, keep-with-next, numbering)."""
    t, mm = theme, PT_PER_MM
    step = t.pt("ul", "padding-left", 5.5 * mm)
    item_after = t.pt("li", "margin", 1.4 * mm, side=2)
    text_width = t.text_width_mm * mm
    flat = {"after": 0.0, "line": 1.0}

    def para(name: str, look: Look, based_on: str = "Normal", **kw: Any) -> StyleSpec:
        return StyleSpec(name, WD_STYLE_TYPE.PARAGRAPH, look, based_on, **kw)

    def char(name: str, look: Look, builtin: bool = False) -> StyleSpec:
        return StyleSpec(name, WD_STYLE_TYPE.CHARACTER, look, None, builtin=builtin)

    def table(name: str, look: TableLook) -> StyleSpec:
        return StyleSpec(name, WD_STYLE_TYPE.TABLE, look, "Normal Table")

    def heading(selector: str, before: float, after: float, **kw: Any) -> Look:
        return t.look(
            selector,
            Look(bold=True),
            before=t.pt(selector, "margin", before * mm, side=0),
            after=t.pt(selector, "margin", after * mm, side=2),
            keep_next=True,
            **kw,
        )

    lists = []
    for level in range(3):
        suffix = f" {level + 1}" if level else ""
        at = {"indent": step * (level + 1), "after": item_after}
        lists += [
            para(
                f"List Bullet{suffix}",
                Look(hanging=step, numbering=("bullet", level), **at),
                builtin=True,
            ),
            para(
                f"List Number{suffix}",
                Look(hanging=step, numbering=("number", level), **at),
                builtin=True,
            ),
            para(f"List Continue{suffix}", Look(**at), builtin=True),
        ]
    memo_size = t.pt("table.memo", "font-size", 10.0)
    memo_label = t.look("table.memo th", Look(size=8, bold=True, colour="muted"), after=0)
    data_size = t.pt("table.data", "font-size", 9.5)
    marking = t.look("@page @top-center", Look(size=8, bold=True, colour="muted"))
    masthead_rule = (0.5, "rule", t.pt(".masthead", "padding-bottom", 5 * mm))
    margin_text = t.look("@page @bottom-right", Look(size=8, colour="muted"), **flat)
    return [
        para("Normal", Look(), based_on="", builtin=True),
        # The rule that closes the masthead: Title and Subtitle carry the same border, which
        # Word and LibreOffice draw once, under the last of the two that is there.
        para("Title", heading("h1", 0, 1.5, line=t.ratio("h1", "line-height", 1.2) / SINGLE_LINE_EM, border_bottom=masthead_rule), next="Subtitle", builtin=True),
        para("Subtitle", t.look(".subtitle", after=t.pt(".masthead", "margin-bottom", 6 * mm), border_bottom=masthead_rule), builtin=True),
        para("Heading 1", heading("h2", 5.5, 2, outline=0), builtin=True),
        para("Heading 2", heading("h3", 4, 1.5, outline=1), builtin=True),
        para("Heading 3", Look(bold=True, italic=True, before=3 * mm, after=1 * mm, keep_next=True, outline=2), builtin=True),
        *lists,
        para("Header", replace(margin_text, align="center"), builtin=True),
        para("Footer", replace(margin_text, tabs=(("center", text_width / 2), ("right", text_width))), builtin=True),
        para("Marking", replace(marking, align="center", **flat), based_on="Header"),
        para("Organisation Name", t.look(".organisation-name", after=1 * mm)),
        para("Logo", Look(after=1 * mm)),
        para("Document Type", t.look(".document-type", after=t.pt(".document-type", "margin", 5 * mm, side=2), line=1.0, border_bottom=(t.pt(".document-type", "border-bottom", 2), "accent", t.pt(".document-type", "padding-bottom", 3 * mm)))),
        # Cells are top-aligned in Word: a little space lines a smaller label up with the
        # value's baseline, as the CSS's vertical-align: baseline does.
        para("Memo Label", replace(memo_label, before=max(0.0, (memo_size - (memo_label.size or memo_size)) * 0.75))),
        para("Memo Value", Look(size=memo_size, after=0)),
        para("Subject Label", t.look(".subject-label", Look(bold=True, colour="muted"), before=t.pt("table.memo", "margin", 5 * mm, side=2), after=t.pt(".subject-label", "margin", 1 * mm, side=2), keep_next=True)),
        # Keep-with-next on every cell keeps a table on one page (break-inside: avoid).
        para("Fact Label", t.look("table.facts th", Look(bold=True, colour="muted"), after=0, keep_next=True)),
        para("Fact Value", Look(after=0, keep_next=True)),
        para("Table Heading", t.look("table.data th", Look(bold=True, colour="accent"), size=data_size, after=0, keep_next=True)),
        para("Table Text", Look(size=data_size, after=0, keep_next=True)),
        para("Acronym Term", t.look("dl.acronyms dt", Look(bold=True), after=0)),
        para("Acronym Definition", t.look("dl.acronyms dd", after=0)),
        para("Message Heading", Look(after=t.pt(".message-heading", "margin-bottom", 0.5 * mm), keep_next=True), based_on="List Number"),
        para("Person", Look(after=t.pt("ul.people > li", "margin-bottom", 1 * mm))),
        para("Reference Title", Look(after=t.pt("ul.references p", "margin-bottom", 0.5 * mm), keep_next=True)),
        para("Reference Note", Look(after=t.pt("ul.references > li", "margin-bottom", 2.5 * mm))),
        para("Source", t.look("ol.sources"), based_on="List Number"),
        char("Strong", Look(bold=True), builtin=True),
        char("Emphasis", Look(italic=True), builtin=True),
        char("Hyperlink", t.look("a", Look(colour="accent")), builtin=True),
        char("Meta", t.look("ul.references .meta", Look(colour="muted"))),
        char("URL", t.look("ol.sources .url", Look(colour="muted"))),
        char("Marking Char", marking),
        table("Memo Table", TableLook(t.box("table.memo td", "padding", (1.2, 0, 1.2, 0)))),
        table("Facts Table", TableLook(t.box("table.facts th", "padding", (1.6, 3, 1.6, 0)), rules=("bottom", "insideH"))),
        table("Data Table", TableLook(t.box("table.data td", "padding", (1.8, 3, 1.8, 0)), rules=("bottom", "insideH"), header_rule=t.pt("table.data th", "border-bottom", 1.0))),
        table("Acronym Table", TableLook((t.pt("dl.acronyms", "row-gap", 1 * mm) / 2, 0, t.pt("dl.acronyms", "row-gap", 1 * mm) / 2, 0))),
        table("Summary Box", TableLook(t.box(".summary", "padding", (3.5, 5, 2, 5)), left_bar=t.pt(".summary", "border-left", 3.0), fill="accent-soft", size=t.pt(".summary", "font-size", 11))),
    ]  # fmt: skip


# --- writing the styles into a document -------------------------------------------------


def prepare_styles(document: Any, theme: Theme, *, generated: bool) -> ListNumbering:
    """Write the theme's styles into ``document``.

    ``generated``: the document is python-docx's blank one, so its built-in styles are
    restyled from the theme. Otherwise it is an organisation's reference document, whose
    styles win: only the styles it lacks are added.
    """
    numbering = ListNumbering(document, theme)
    if generated:
        _document_defaults(document, theme)
    for spec in style_specs(theme):
        present = spec.name in document.styles
        if present and not generated:
            continue
        _write_style(document, spec, theme, numbering)
    return numbering


def _document_defaults(document: Any, theme: Theme) -> None:
    """Font, size, colour and paragraph spacing every style inherits (Word's docDefaults)."""
    look = Look(
        size=theme.base_size,
        colour="ink",
        after=theme.pt("p", "margin", 0.55 * theme.base_size, side=2),
        line=theme.ratio("html", "line-height", 1.42) / SINGLE_LINE_EM,
    )
    font = theme.font
    defaults = parse_xml(
        f"<w:docDefaults {nsdecls('w')}><w:rPrDefault>"
        + rpr(look, theme).replace(
            "<w:rPr>",
            # Latin text in the theme's font; other scripts keep the theme's fonts for them.
            f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" '
            'w:eastAsiaTheme="minorEastAsia" w:cstheme="minorBidi"/>',
        )
        + "</w:rPrDefault><w:pPrDefault>"
        + ppr(Look(after=look.after, line=look.line), theme, None).replace(
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


def _write_style(document: Any, spec: StyleSpec, theme: Theme, numbering: ListNumbering) -> None:
    styles = document.styles
    if spec.name in styles:
        element = styles[spec.name].element
        _drop_linked(styles, element)
        for child in list(element):
            if child.tag != qn("w:name"):
                element.remove(child)
        element.attrib.pop(qn("w:customStyle"), None)
    else:
        element = styles.add_style(spec.name, spec.kind, builtin=spec.builtin).element
    children = ""
    if spec.based_on and spec.based_on in styles:
        children += f'<w:basedOn w:val="{styles[spec.based_on].style_id}"/>'
    if spec.next and spec.next in styles:
        children += f'<w:next w:val="{styles[spec.next].style_id}"/>'
    children += "<w:qFormat/>" if spec.kind != WD_STYLE_TYPE.TABLE else ""
    look = spec.look
    if isinstance(look, TableLook):
        children += table_style_body(look, theme)
    else:
        num_id = numbering.base(look.numbering[0]) if look.numbering else None
        if spec.kind == WD_STYLE_TYPE.PARAGRAPH:
            children += ppr(look, theme, num_id)
        children += rpr(look, theme)
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
