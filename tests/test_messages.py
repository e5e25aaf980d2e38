"""Messages a policy officer can act on, and the warnings for what YAML silently drops.

The invalid cases (tests/cases/invalid) pin each error message; here: the warnings, how
they are reported, the labels of a project, and that no mistake ever gets a traceback
or a message in the parser's jargon.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from make_brief.build.results import BriefResult
from make_brief.commands.reporting import github_annotation, json_report, warning_line
from make_brief.content.labels import LabelError, label_warnings, language_problem, load_labels
from make_brief.content.load import load_brief
from make_brief.errors import ContentError, Problem
from make_brief.locations import builtin_dir

from .conftest import CASES, SEED, run_cli

BUILTIN = builtin_dir() / "briefing-note"
HEAD = "title: T\ndate: 2020-07-10\nsummary: S\n"


def write(tmp_path: Path, text: str, name: str = "b.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def warnings_of(path: Path) -> list[str]:
    return [str(w).removeprefix(f"{path}:") for w in load_brief(path).warnings]


# --- text after " #" -------------------------------------------------------------------------


def test_a_hash_inside_an_unquoted_value_is_warned_about(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "subtitle: Outcomes of agenda item #4\n")
    assert load_brief(path).brief.subtitle == "Outcomes of agenda item"  # what YAML does
    assert warnings_of(path) == [
        "4:35: subtitle: the text from ' #' on is a comment, so '#4' will not be printed; "
        'to keep it, put the whole subtitle in quotes: subtitle: "Outcomes of agenda item #4"'
    ]


def test_a_hash_in_a_list_item_is_warned_about_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "next_steps:\n  - Prepare item # 7 of the agenda\n")
    (warning,) = load_brief(path).warnings
    assert (warning.line, warning.col, warning.field) == (5, 18, "next_steps[1]")
    assert warning.message.endswith('- "Prepare item # 7 of the agenda"')


def test_comments_meant_as_comments_are_not_warned_about(tmp_path: Path) -> None:
    text = (
        "# A comment line\n"
        "title: T                      # required\n"
        "date: 2020-07-10  # the day of the brief\n"
        'summary: "Quoted # is text"\n'
        "subtitle: |\n  A text with # inside\n"
    )
    path = write(tmp_path, text)
    assert load_brief(path).brief.summary == "Quoted # is text"
    assert warnings_of(path) == []


def test_the_starter_file_and_the_seed_have_no_warnings(tmp_path: Path) -> None:
    from make_brief.content.starter import starter_content

    assert warnings_of(write(tmp_path, starter_content())) == []
    assert warnings_of(SEED) == []


# --- links printed without their address ----------------------------------------------------


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "minutes.html"]
)
def test_a_link_printed_without_its_address_is_warned_about(tmp_path: Path, href: str) -> None:
    path = write(tmp_path, HEAD.replace("S\n", f"See [the minutes]({href}).\n"))
    (warning,) = load_brief(path).warnings
    assert (warning.line, warning.col, warning.field) == (3, 28, "summary")
    assert warning.message == (
        f"the link [the minutes]({href}) is printed as its words only, without the link: "
        "a brief links only to https://, http:// and mailto: addresses"
    )


def test_links_in_block_text_are_placed_at_their_own_line(tmp_path: Path) -> None:
    text = HEAD + "background: |\n  First line.\n\n  See [x](file:///x) and [y](https://y.org).\n"
    (warning,) = load_brief(write(tmp_path, text)).warnings
    assert (warning.line, warning.col, warning.field) == (7, 11, "background")


def test_web_and_mail_links_and_link_like_text_elsewhere_are_fine(tmp_path: Path) -> None:
    text = (
        HEAD.replace("S\n", "'[a](https://a.org) [b](http://b.org) [c](mailto:c@d.org)'\n")
        + "subtitle: not markdown [x](file:///x)\n"  # a single-line field prints as typed
    )
    assert warnings_of(write(tmp_path, text)) == []


def test_word_bullets_in_a_text_are_warned_about(tmp_path: Path) -> None:
    text = HEAD.replace("summary: S\n", "summary: |\n  • first\n  • second\n")
    assert [(w.line, w.col, w.field) for w in load_brief(write(tmp_path, text)).warnings] == [
        (4, 3, "summary"),
        (5, 3, "summary"),
    ]


# --- how warnings are reported ---------------------------------------------------------------


def test_check_prints_warnings_and_exits_0(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "subtitle: Item #4\n")
    for args in (("check", path), ("-q", "check", path)):
        result = run_cli(*args)
        assert result.exit_code == 0, result.output
        assert f"{path}:4:16: warning: subtitle: the text from ' #' on" in result.stderr


def test_warnings_are_github_annotations_in_actions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    path = write(tmp_path, HEAD + "subtitle: Item #4\n")
    result = run_cli("check", path)
    assert result.exit_code == 0
    assert f"::warning file={path},line=4,col=16::subtitle: the text from ' #' on" in result.stdout


def test_warning_shapes() -> None:
    warning = Problem("c.yaml", 4, 16, "subtitle", "text: with, a colon")
    assert warning_line(warning) == "c.yaml:4:16: warning: subtitle: text: with, a colon"
    assert github_annotation(warning, "warning") == (
        "::warning file=c.yaml,line=4,col=16::subtitle: text: with, a colon"
    )


def test_json_report_lists_warnings() -> None:
    warning = Problem("c.yaml", 4, 16, "subtitle", "the text from ' #' on is a comment")
    report = json_report([BriefResult(Path("c.yaml"), warnings=[warning])])
    assert report["briefs"][0]["status"] == "built"
    assert report["briefs"][0]["warnings"] == [
        {
            "path": "c.yaml",
            "line": 4,
            "column": 16,
            "field": "subtitle",
            "message": "the text from ' #' on is a comment",
        }
    ]
    json.dumps(report)


# --- a project's labels ----------------------------------------------------------------------


def project_labels(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "templates" / "briefing-note" / "labels"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder.parent


def test_a_misspelt_label_is_warned_about_at_its_line(tmp_path: Path) -> None:
    own = project_labels(tmp_path, "en.yaml", "summary: Bottom line\nsumary: Bottom line\n")
    warnings = label_warnings((own, BUILTIN), "en", project=tmp_path / "templates")
    assert [str(w) for w in warnings] == [
        "templates/briefing-note/labels/en.yaml:2:1: sumary: unknown label, ignored; "
        "did you mean 'summary'?"
    ]


def test_labels_a_project_template_uses_are_known(tmp_path: Path) -> None:
    own = project_labels(tmp_path, "en.yaml", "my_heading: Annex\nrange_days: '{d}'\n")
    (own / "brief.html.j2").write_text("{{ labels.my_heading }}", encoding="utf-8")
    assert label_warnings((own, BUILTIN), "en", project=tmp_path / "templates") == []


def test_check_reports_a_misspelt_label_once_for_all_briefs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    project_labels(tmp_path, "en.yaml", "sumary: Bottom line\n")
    write(tmp_path, HEAD, "a.yaml")
    write(tmp_path, HEAD, "b.yaml")
    result = run_cli("check", "a.yaml", "b.yaml")
    assert result.exit_code == 0, result.output
    line = (
        "templates/briefing-note/labels/en.yaml:1:1: warning: sumary: unknown label, "
        "ignored; did you mean 'summary'?"
    )
    assert result.stderr.splitlines().count(line) == 1


def test_missing_labels_name_the_project_file_never_the_package(tmp_path: Path) -> None:
    own = project_labels(tmp_path, "de.yaml", "summary: Zusammenfassung\n")
    with pytest.raises(LabelError) as info:
        load_labels((own, tmp_path / "templates", BUILTIN), "de", project=tmp_path / "templates")
    message = str(info.value)
    assert "labels for 'de' lack document_type" in message
    assert message.endswith("add them to templates/briefing-note/labels/de.yaml in the project")
    assert str(builtin_dir()) not in message


def test_a_language_without_labels_says_where_the_project_adds_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, HEAD + "language: de\n")
    result = run_cli("check", path.name)
    assert result.exit_code == 1
    assert "add templates/briefing-note/labels/de.yaml to the project" in result.stderr
    assert str(builtin_dir()) not in result.stderr


def test_a_project_language_is_listed_with_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    english = (BUILTIN / "labels" / "en.yaml").read_text(encoding="utf-8")
    project_labels(tmp_path, "de.yaml", english)
    path = write(tmp_path, HEAD + "language: english\n")
    result = run_cli("check", path.name)
    assert "de (German)" in result.stderr and "for English write en" in result.stderr


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("english", "'english' is not a language code; for English write en (available: "),
        ("Français", "'Français' is not a language code; for French write fr"),
        ("espagnol", "'espagnol' is not a language code; for Spanish write es"),
        ("EN", "'EN': write the language code in lower case: en"),
        ("german", "German is de, which has no labels: write one of ar (Arabic), en (English)"),
        ("de", "make-brief has no labels for 'de' (German); write one of ar (Arabic)"),
        ("xx", "'xx' is not a language code; write one of ar (Arabic), en (English)"),
    ],
)
def test_language_problems_in_words(value: str, expected: str) -> None:
    message = language_problem(value, ["ar", "en", "es", "fr"])
    assert expected in message
    assert "BCP 47" not in message and "pt-BR" not in message


def test_a_default_language_the_project_lacks_is_the_configs_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "make-brief.toml").write_text('language = "english"\n', encoding="utf-8")
    write(tmp_path, HEAD, "a.yaml")
    result = run_cli("check", "a.yaml")
    assert result.exit_code == 2
    assert "make-brief.toml: language: 'english' is not a language code" in result.stderr


# --- every message: once, in words, never a traceback ----------------------------------------

#: The parser's words, which mean nothing to the people who write content files.
JARGON = re.compile(
    r"<block end>|<block mapping start>|<stream end>|scalar|mapping values|BCP 47|"
    r"simple key|flow sequence|Invalid value|Input should be|\[0\]"
)


def test_no_golden_message_speaks_the_parsers_language() -> None:
    for golden in sorted((CASES / "invalid").glob("*.expected")):
        for line in golden.read_text(encoding="utf-8").splitlines():
            message = line.split(": ", 1)[1]  # after the file's name and place
            assert not JARGON.search(message), line


def test_no_golden_reports_a_problem_twice() -> None:
    for golden in sorted((CASES / "invalid").glob("*.expected")):
        lines = golden.read_text(encoding="utf-8").splitlines()
        assert len(lines) == len(set(lines)), golden.name


def test_quoting_is_suggested_only_where_it_is_the_fix(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as info:
        load_brief(write(tmp_path, HEAD + "to:\n  - Director General\n  - Secretary General\n"))
    (problem,) = info.value.problems
    assert "quotes" not in problem.message
    assert problem.message.endswith("to: Director General; Secretary General")


def _mistakes(text: str) -> list[str]:
    """The seed file with one beginner's mistake made at one of its lines, many times."""
    lines = text.split("\n")
    variants = []
    for index in range(0, len(lines), 7):
        line = lines[index]
        for changed in (
            " " + line,
            line[1:],
            line.replace("- ", "• ", 1),
            line.replace(": ", ": “", 1),
            line.replace(": ", ': "', 1),
            line.replace(": ", ": [", 1),
            line + ": x",
            "\t" + line,
        ):
            if changed != line:
                variants.append("\n".join([*lines[:index], changed, *lines[index + 1 :]]))
    return variants


def test_a_mistake_anywhere_gets_a_message_and_never_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    for text in _mistakes(SEED.read_text(encoding="utf-8")):
        path.write_text(text, encoding="utf-8")
        try:
            loaded = load_brief(path)
        except ContentError as exc:
            assert exc.problems
            for problem in exc.problems:
                assert problem.message and "\n" not in str(problem)
        else:
            assert loaded.brief.title
