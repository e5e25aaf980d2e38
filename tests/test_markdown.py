"""Text fields: the restricted Markdown, and content that stays data."""

from __future__ import annotations

from make_brief.content.markdown import to_html, to_inline_html, to_plain, unlinked


def test_the_supported_subset() -> None:
    html = to_html("Para **bold** *it*.\n\n- one\n- two\n\n1. first\n2. second\n\nline  \nbreak")
    assert "<strong>bold</strong>" in html and "<em>it</em>" in html
    assert "<ul>\n<li>one</li>" in html and "<ol>\n<li>first</li>" in html
    assert "line<br>" in html


def test_raw_html_and_jinja_print_literally() -> None:
    html = to_html("<b>x</b> {{ 7*7 }} {% if %} <script>y</script>")
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert "{{ 7*7 }} {% if %}" in html
    assert "<script>" not in html and "<b>" not in html


def test_only_web_and_mail_links() -> None:
    html = to_html(
        "[a](https://x.org) [b](http://y.org) [c](mailto:p@q.org) "
        "[d](javascript:alert(1)) [e](file:///etc/passwd) [f](data:text/html,x) [g](relative.html)"
    )
    assert html.count("<a ") == 3
    for bad in ("javascript:", "file:", "data:", "relative.html"):
        assert f'href="{bad}' not in html
        assert bad in html  # printed as the author typed it


def test_everything_else_is_plain_text() -> None:
    html = to_html("# not a heading\n\n> not a quote\n\n`not code`\n\n---")
    for tag in ("<h1>", "<blockquote>", "<code>", "<hr"):
        assert tag not in html


def test_inline_and_plain() -> None:
    assert to_inline_html("**a** <i>") == "<strong>a</strong> &lt;i&gt;"
    assert to_plain("**Bold** and [link](https://x.org)\n\n- item") == "Bold and link item"


def test_unlinked_names_the_links_printed_as_words() -> None:
    text = (
        "[a](https://x.org) [*b* c](javascript:alert(1)) [m](MAILTO:p@q.org)\n\n"
        "- [d](file:///etc/passwd) and [e](data:text/html,x)\n- [f](minutes.html)"
    )
    assert unlinked(text) == [
        ("b c", "javascript:alert(1)"),
        ("d", "file:///etc/passwd"),
        ("e", "data:text/html,x"),
        ("f", "minutes.html"),
    ]
    assert unlinked("no links, and [not a link] (here)") == []
