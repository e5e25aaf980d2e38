"""make-brief.toml: optional, strict, paths relative to the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from make_brief.content.config import Config, load_config
from make_brief.errors import UsageError


def test_absent_config_gives_defaults(tmp_path: Path) -> None:
    config = load_config(root=tmp_path)
    assert config == Config(root=tmp_path.resolve())
    assert config.template == "briefing-note" and config.language == "en"


def test_values_and_logo_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / "make-brief.toml").write_text(
        'organisation = "Ruritania Customs"\nlogo = "logo.png"\nclassification = "RESTRICTED"\nlanguage = "fr"\n'
    )
    config = load_config(root=tmp_path)
    assert config.organisation == "Ruritania Customs"
    assert config.logo == (tmp_path / "logo.png").resolve()
    assert (config.classification, config.language) == ("RESTRICTED", "fr")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('organisaton = "X"', "organisaton: unknown key; did you mean 'organisation'?"),
        ('logo = "missing.png"', "logo: 'missing.png' does not exist"),
        ('logo = "logo.exe"', "is not a PNG, JPEG or SVG image"),
        ("language = 5", 'language: must be text, in quotes: language = "5"'),
        ("organisation = ", "organisation: has no value"),
        ('template = "../x"', "is not a template set name"),
    ],
)
def test_bad_config_is_a_usage_error(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "make-brief.toml").write_text(text + "\n")
    with pytest.raises(UsageError) as info:
        load_config(root=tmp_path)
    assert message in str(info.value)
    assert info.value.exit_code == 2


# Each TOML mistake in plain words, at its line and column, with the line to write.
@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'organisation = "X"\n\n\nclassification = UNCLASSIFIED',
            "make-brief.toml:4:18: classification: text must be in quotes: "
            'classification = "UNCLASSIFIED"',
        ),
        (
            "organisation = Ruritania Customs  # the name",
            "make-brief.toml:1:16: organisation: text must be in quotes: "
            'organisation = "Ruritania Customs"',
        ),
        (
            "language = “fr”",
            "make-brief.toml:1:12: language: “ and ” are Word's curly quotes, which TOML does "
            'not read as quotes; use straight quotes: language = "fr"',
        ),
        (
            "hyphenate = yes",
            "make-brief.toml:1:13: hyphenate: write true or false, in lower case and without "
            "quotes: hyphenate = true",
        ),
        (
            "hyphenate = False",
            "make-brief.toml:1:13: hyphenate: write true or false, in lower case and without "
            "quotes: hyphenate = false",
        ),
        (
            "publish_allowed = UNCLASSIFIED, PUBLIC",
            "make-brief.toml:1:19: publish_allowed: each item must be in quotes, the list in "
            'brackets: publish_allowed = ["UNCLASSIFIED", "PUBLIC"]',
        ),
        (
            'publish_allowed = [\n  "PUBLIC",\n  UNCLASSIFIED,\n]',
            "make-brief.toml:3:3: publish_allowed: each item of the list must be in quotes: "
            '"UNCLASSIFIED"',
        ),
        (
            'publish_allowed = ["PUBLIC",',
            "make-brief.toml:1:19: publish_allowed: the '[' opened here is never closed; end "
            """the list with ']': publish_allowed = ["PUBLIC"]""",
        ),
        (
            'organisation: "X"',
            "make-brief.toml:1:15: organisation: write '=' between the key and its value, "
            "not ':': organisation = \"X\"",
        ),
        (
            'language "fr"',
            "make-brief.toml:1:10: language: an '=' is missing after language: language = \"fr\"",
        ),
        (
            'classification = "A"\nclassification = "B"',
            "make-brief.toml:2:21: classification: is set twice; keep one of the two lines",
        ),
        (
            'logo = "assets/logo.png',
            'make-brief.toml:1:8: logo: the quote " opened here is never closed; end the value '
            'with ": logo = "assets/logo.png"',
        ),
        (
            'logo = "assets\\logo.png"',
            "make-brief.toml:1:17: logo: a \\ inside double quotes starts an escape; write "
            'paths with / (or in single quotes): logo = "assets/logo.png"',
        ),
        (
            "organisation = 'O'Brien Customs'",
            "make-brief.toml:1:19: organisation: the value holds a ', which ends it early; put "
            'it in " quotes instead: organisation = "O\'Brien Customs"',
        ),
        (
            'publish_allowed = "PUBLIC"',
            "make-brief.toml:1:19: publish_allowed: must be a list, in brackets: "
            'publish_allowed = ["PUBLIC"]',
        ),
        (
            'organisaton = "X"',
            "make-brief.toml:1:1: organisaton: unknown key; did you mean 'organisation'?",
        ),
    ],
)
def test_toml_mistakes_in_plain_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)  # the file is named as the user would type it
    (tmp_path / "make-brief.toml").write_text(text + "\n", encoding="utf-8")
    with pytest.raises(UsageError) as info:
        load_config(root=tmp_path)
    assert str(info.value) == message
    assert "Invalid value" not in str(info.value)


# --- page budgets (issue 12) ------------------------------------------------------------


def test_page_budgets_by_type_over_the_defaults(tmp_path: Path) -> None:
    (tmp_path / "make-brief.toml").write_text(
        "strict = true\n\n[page_budgets]\ntalking-points = 2\nbriefing-note = 0\n"
    )
    config = load_config(root=tmp_path)
    assert config.strict
    assert config.page_budget("talking-points") == 2
    assert config.page_budget("briefing-note") is None  # 0: no budget
    assert config.page_budget("meeting-report") is None  # its default: none
    assert config.page_budget("briefing-note", 3) == 3  # the content file's own wins
    defaults = Config()
    assert (defaults.page_budget("briefing-note"), defaults.page_budget("talking-points")) == (2, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[page_budgets]\nbriefing-notes = 3",
            "make-brief.toml:2:1: page_budgets.briefing-notes: not a type of brief; did you "
            "mean 'briefing-note'?",
        ),
        (
            '# budgets\n[page_budgets]\ntalking-points = "1"',
            "make-brief.toml:3:18: page_budgets.talking-points: must be a whole number of pages "
            "from 0 (no budget) to 50, without quotes: talking-points = 1",
        ),
        (
            "page_budgets.meeting-report = -1",
            "make-brief.toml:1:31: page_budgets.meeting-report: must be a whole number",
        ),
        (
            "page_budgets = { briefing-note = 1.5 }",
            "make-brief.toml:1:16: page_budgets.briefing-note: must be a whole number",
        ),
        (
            "page_budgets = 2",
            "make-brief.toml:1:16: page_budgets: must be a table of pages by type of brief",
        ),
        ('strict = "yes please"', "strict: write true or false, without quotes: strict = true"),
    ],
)
def test_page_budget_mistakes_at_their_line(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "make-brief.toml").write_text(text + "\n")
    with pytest.raises(UsageError) as info:
        load_config(root=tmp_path)
    assert message in str(info.value)
