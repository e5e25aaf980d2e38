"""``make-brief draft``: the seed end to end, the command line, sources, no network."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from make_brief.commands.draft import command as draft_command
from make_brief.commands.settings import Settings
from make_brief.content.load import load_brief
from make_brief.draft import draft_yaml, extract, read_source, source_from_bytes
from make_brief.draft.nlp import load_model
from make_brief.errors import UsageError

GOLD = Path(__file__).parent / "draft_gold"
SEED = GOLD / "wco-un-counter-terrorism-week-2020.txt"
SOURCES = sorted(p for p in GOLD.iterdir() if p.suffix in (".txt", ".md", ".html"))


@pytest.fixture(scope="module")
def seed_draft(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    text = draft_yaml(read_source(SEED))
    path = tmp_path_factory.mktemp("draft") / "seed.yaml"
    path.write_text(text, encoding="utf-8")
    return text, path


def _cli() -> click.Group:
    """A group with only ``draft``, registered the way make_brief.cli registers it."""

    @click.group()
    @click.option("-q", "--quiet", is_flag=True)
    @click.pass_context
    def group(ctx: click.Context, quiet: bool) -> None:
        ctx.obj = Settings(quiet=quiet)

    group.add_command(draft_command)
    return group


def _run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(_cli(), list(args), input=input, catch_exceptions=False)


# --- the seed ---------------------------------------------------------------------------


def test_seed_draft_passes_check(seed_draft: tuple[str, Path]) -> None:
    text, path = seed_draft
    assert text.startswith("# DRAFT")
    load_brief(path)  # raises ContentError with every problem if the draft were invalid


def test_seed_speaker_with_role_and_organisation(seed_draft: tuple[str, Path]) -> None:
    brief = load_brief(seed_draft[1]).brief
    das = next(p for p in brief.speakers if p.name == "Pranab Kumar Das")
    assert das.honorific == "Mr."
    assert das.role == "Director of Compliance and Facilitation Directorate"
    assert das.organization == "World Customs Organization"


def test_seed_three_un_speakers_with_roles(seed_draft: tuple[str, Path]) -> None:
    brief = load_brief(seed_draft[1]).brief
    people = {p.name: p for p in [*brief.speakers, *brief.participants]}
    assert people["António Guterres"].role == "Secretary General"
    assert people["António Guterres"].organization == "United Nations"
    assert people["Vladimir Voronkov"].role == "Under Secretary General for Counter-Terrorism"
    assert people["Ghada Fathy Ismail Waly"].role == "Executive Director"
    assert people["Ghada Fathy Ismail Waly"].organization == "UN Office on Drugs and Crime"
    assert len(people) == 4


def test_seed_dates_and_changed_schedule(seed_draft: tuple[str, Path]) -> None:
    event = load_brief(seed_draft[1]).brief.event
    assert event is not None
    assert (str(event.start), str(event.end)) == ("2020-07-06", "2020-07-10")
    assert event.format == "virtual"
    assert event.note and "June 29th to July 3rd 2020" in event.note


def test_seed_acronyms_with_expansions(seed_draft: tuple[str, Path]) -> None:
    acronyms = load_brief(seed_draft[1]).brief.acronyms
    assert acronyms["WCO"] == "World Customs Organization"
    assert acronyms["BMLE WG"] == (
        "Border Management and Law Enforcement relating to counter-terrorism Working Group"
    )
    assert acronyms["UN"] == "United Nations"


def test_seed_references_with_kinds(seed_draft: tuple[str, Path]) -> None:
    references = {r.title.casefold(): r for r in load_brief(seed_draft[1]).brief.references}
    assert references["operation stop"].kind == "operation"
    assert references["punta cana resolution"].kind == "resolution"
    assert references["safe framework of standards"].kind == "framework"
    assert references["global counter-terrorism coordination compact"].kind == "compact"


def test_seed_key_messages_report_the_speaker(seed_draft: tuple[str, Path]) -> None:
    messages = load_brief(seed_draft[1]).brief.key_messages
    assert len(messages) >= 2
    assert all("Das" in m.text for m in messages)


def _unwrapped_comments(text: str) -> list[tuple[int, str]]:
    """(line number of the item below, quoted sentence) for every ``# label: "..."``."""
    lines = text.split("\n")
    found = []
    n = 0
    while n < len(lines):
        match = re.match(r'\s*# [^"]*: "(.*)$', lines[n])
        if match:
            quote = match.group(1)
            n += 1
            while n < len(lines) and re.match(r"\s*#   ", lines[n]):
                quote += " " + lines[n].strip()[1:].strip()
                n += 1
            found.append((n, quote.removesuffix('"')))
        else:
            n += 1
    return found


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_every_item_quotes_a_sentence_of_its_source(source: Path, tmp_path: Path) -> None:
    text = draft_yaml(read_source(source))
    path = tmp_path / "draft.yaml"
    path.write_text(text, encoding="utf-8")
    load_brief(path)
    read = read_source(source)
    plain = " ".join(f"{read.title or ''} {read.text}".split())
    lines = text.split("\n")
    for number, line in enumerate(lines):
        item = re.match(r"  (- (name|title):|[A-Z][\w /&.-]*: )", line)
        if item and number > 0:
            assert lines[number - 1].lstrip().startswith("#"), f"no comment above: {line}"
    for _, quote in _unwrapped_comments(text):
        assert quote in plain or quote.rstrip(".") in plain, quote


# --- the command ------------------------------------------------------------------------


def test_command_writes_a_file_that_passes_check(tmp_path: Path) -> None:
    from .conftest import run_cli

    target = tmp_path / "seed.yaml"
    result = _run("draft", str(SEED), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "make-brief check" in result.stderr
    assert run_cli("check", target).exit_code == 0


def test_command_prints_to_standard_output_by_default() -> None:
    result = _run("draft", str(SEED))
    assert result.exit_code == 0
    assert result.stdout.startswith("# DRAFT")


def test_command_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "seed.yaml"
    target.write_text("keep me", encoding="utf-8")
    result = _run("draft", str(SEED), "-o", str(target))
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    assert _run("draft", str(SEED), "-o", str(target), "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# DRAFT")


def test_command_unreadable_source_is_a_usage_error(tmp_path: Path) -> None:
    result = _run("draft", str(tmp_path / "missing.txt"))
    assert result.exit_code == 2
    assert "cannot read" in result.stderr
    binary = tmp_path / "latin1.txt"
    binary.write_bytes("Caf\xe9 news".encode("latin-1"))
    result = _run("draft", str(binary))
    assert result.exit_code == 2 and "not UTF-8" in result.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    assert _run("draft", str(empty)).exit_code == 2


def test_command_reads_standard_input() -> None:
    result = _run("draft", "-", input=SEED.read_bytes())
    assert result.exit_code == 0
    assert "Pranab Kumar Das" in result.stdout
    assert "from <stdin>" in result.stdout


def test_standard_input_html_is_recognised() -> None:
    html = b"<html><body><nav>Home | Media</nav><article><h1>WCO news</h1><p>Mr. Ana Lee, Director of Trade at the WCO, spoke on 3 May 2021.</p></article></body></html>"
    source = source_from_bytes(html, "<stdin>", None)
    assert source.kind == "html" and source.title == "WCO news"
    assert "Home" not in source.text


def test_registered_on_the_main_cli() -> None:
    from .conftest import run_cli

    assert run_cli("draft", SEED).exit_code == 0


# --- sources ----------------------------------------------------------------------------


def test_html_reduced_to_its_article() -> None:
    source = read_source(GOLD / "asean-ecommerce-dialogue-2021.html")
    assert source.title == "Regional dialogue on cross-border e-commerce for Asia/Pacific"
    assert source.text.startswith(source.title)
    for boilerplate in ("Search the site", "Related news", "All rights reserved", "dataLayer"):
        assert boilerplate not in source.text
    assert "Mr. Nguyen Van Thanh" in source.text
    assert len(source.text.split("\n\n")) == 7  # h1, date, five paragraphs


def test_markdown_loses_its_markup() -> None:
    source = read_source(GOLD / "green-customs-webinar-2021.md")
    assert source.title and source.title.startswith("Webinar on Customs")
    assert "**" not in source.text and "](" not in source.text
    assert "the Harmonized System should" in source.text


def test_invisible_characters_never_reach_the_draft(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_text(
        "Title line\n\nMr. Ivo\u202e Petrov, Director of Trade at the WCO, said\u0007 it works on 3 May 2021.\n",
        encoding="utf-8",
    )
    text = draft_yaml(read_source(path))
    assert "\u202e" not in text and "\u0007" not in text
    draft = tmp_path / "draft.yaml"
    draft.write_text(text, encoding="utf-8")
    load_brief(draft)


# --- no network -------------------------------------------------------------------------


@pytest.mark.parametrize("use_model", [True, False])
def test_drafting_opens_no_connection(monkeypatch: pytest.MonkeyPatch, use_model: bool) -> None:
    load_model.cache_clear()
    calls: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        calls.append(args)
        raise AssertionError("make-brief draft tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for source in SOURCES:
        draft_yaml(read_source(source), use_model=use_model)
    assert not calls
    load_model.cache_clear()


# --- the optional model -----------------------------------------------------------------


def test_rules_alone_when_the_model_is_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    load_model.cache_clear()
    monkeypatch.setenv("MAKE_BRIEF_NER", "0")
    assert load_model() is None
    assert extract(read_source(SEED)).engine == "rules"
    load_model.cache_clear()


def test_model_finds_a_name_no_rule_announces(tmp_path: Path) -> None:
    load_model.cache_clear()
    if load_model() is None:
        pytest.skip("no English spaCy pipeline installed")
    path = tmp_path / "news.txt"
    path.write_text(
        "Training in Lomé\n\nThe course was run by Kofi Mensah-Bonsu and the WCO on "
        "4-8 April 2022 in Lomé. Kofi Mensah-Bonsu told trainees that risk management "
        "starts with data.\n",
        encoding="utf-8",
    )
    with_model = extract(read_source(path))
    without = extract(read_source(path), use_model=False)
    assert "spaCy" in with_model.engine
    assert [p.name for p in with_model.speakers + with_model.participants] == ["Kofi Mensah-Bonsu"]
    assert not without.speakers + without.participants


def test_usage_error_is_the_base_for_source_problems() -> None:
    with pytest.raises(UsageError):
        source_from_bytes(b"\xff\xfe", "x.txt", "text")
