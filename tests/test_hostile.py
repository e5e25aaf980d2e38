"""Hostile but valid content (tests/cases/hostile): markup, template syntax and Word XML
in every field, mixed scripts, endless words. Each renders, and its text comes back
literally from both the PDF and the DOCX."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import CASES, pdf_text, run_cli
from .facts import docx_text, facts_of, missing_facts, strip_running_lines
from .validity import assert_valid_outputs

HOSTILE = sorted((CASES / "hostile").glob("*.yaml"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile")
    result = run_cli("build", *HOSTILE, "--out", out, "-j", "1")
    assert result.exit_code == 0, result.output
    assert_valid_outputs(out)
    return out


@pytest.mark.parametrize("case", HOSTILE, ids=lambda p: p.stem)
def test_text_comes_back_literally_from_the_docx(case: Path, built: Path) -> None:
    assert missing_facts(facts_of(case), docx_text(built / f"{case.stem}.docx")) == []


@pytest.mark.parametrize("case", HOSTILE, ids=lambda p: p.stem)
def test_text_comes_back_literally_from_the_pdf(case: Path, built: Path) -> None:
    text = pdf_text(built / f"{case.stem}.pdf")
    facts = facts_of(case)
    if case.stem == "right-to-left-mixed":
        # Runs of Arabic and Hebrew inside a line come back in visual order; compare the
        # left-to-right facts whole and the right-to-left ones word by word.
        rtl = [f for f in facts if any("\u0590" <= ch <= "\u06ff" for ch in f)]
        facts = [f for f in facts if f not in rtl]
        for fact in rtl:
            others = [w for w in fact.split() if not any("\u0590" <= ch <= "\u06ff" for ch in w)]
            assert missing_facts([w.strip(",.()") for w in others], text) == [], fact
    assert missing_facts(facts, strip_running_lines(text, "UNCLASSIFIED"), text) == []


def test_nothing_from_the_content_became_markup(built: Path) -> None:
    html = (built / "markup-everywhere.html").read_text(encoding="utf-8")
    body = html.split("<body", 1)[1]
    for tag in (
        "<script",
        "<svg",
        "<iframe",
        "<img src=x",
        "<object",
        "<marquee",
        "<w:",
        "<base",
        "<meta",
    ):
        assert tag not in body, tag
    assert "{{ 7*7 }}" in html.replace("&#39;", "'") and "49" not in body.split("Bold?")[1][:40]
