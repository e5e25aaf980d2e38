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
        ("language = 5", "language: Input should be a valid string"),
        ("organisation = ", "not valid TOML"),
        ('template = "../x"', "is not a template set name"),
    ],
)
def test_bad_config_is_a_usage_error(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "make-brief.toml").write_text(text + "\n")
    with pytest.raises(UsageError) as info:
        load_config(root=tmp_path)
    assert message in str(info.value)
    assert info.value.exit_code == 2
