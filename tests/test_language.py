"""Dates in the brief's language and the label catalogues."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from make_brief.dates import date_range, long_date, partial_date
from make_brief.labels import LabelError, load_labels
from make_brief.templating import builtin_dir

BUILTIN = (builtin_dir() / "briefing-note",)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "10 July 2020"), ("fr", "10 juillet 2020"), ("en-US", "July 10, 2020")],
)
def test_long_dates(language: str, expected: str) -> None:
    assert long_date(date(2020, 7, 10), language) == expected


def test_ranges_write_shared_parts_once() -> None:
    assert date_range(date(2020, 7, 6), date(2020, 7, 10), "en") == "6–10 July 2020"
    assert date_range(date(2020, 6, 29), date(2020, 7, 3), "en") == "29 June – 3 July 2020"
    assert date_range(date(2020, 7, 6), None, "en") == "6 July 2020"
    assert "juillet" in date_range(date(2020, 7, 6), date(2020, 7, 10), "fr")


def test_partial_dates() -> None:
    assert partial_date("2020", "en") == "2020"
    assert partial_date("2020-07", "en") == "July 2020"
    assert partial_date("2020-07-10", "fr") == "10 juillet 2020"


def test_unknown_language() -> None:
    with pytest.raises(ValueError, match="'xx' is not a language"):
        long_date(date(2020, 1, 1), "xx")


def test_builtin_catalogues_are_complete() -> None:
    english = set(load_labels(BUILTIN, "en"))
    for language in ("fr", "es", "ar"):
        labels = load_labels(BUILTIN, language)
        assert english <= set(labels), language
        assert all(value.strip() for value in labels.values())


def test_regional_tag_falls_back_to_language() -> None:
    assert load_labels(BUILTIN, "fr-CA")["summary"] == "Résumé"


def test_missing_label_names_language_label_and_file(tmp_path: Path) -> None:
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "de.yaml").write_text("summary: Zusammenfassung\n")
    with pytest.raises(LabelError) as info:
        load_labels((tmp_path, *BUILTIN), "de")
    message = str(info.value)
    assert "labels for 'de' lack" in message and "purpose" in message and "de.yaml" in message


def test_project_overrides_one_word(tmp_path: Path) -> None:
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "en.yaml").write_text("summary: Bottom line\n")
    labels = load_labels((tmp_path, *BUILTIN), "en")
    assert labels["summary"] == "Bottom line" and labels["purpose"] == "Purpose"
