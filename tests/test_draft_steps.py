"""Each extraction step of ``make-brief draft`` on its own, on small made-up sentences."""

from __future__ import annotations

from datetime import date

import pytest
from ruamel.yaml import YAML

from make_brief.draft.event import find_event
from make_brief.draft.extract import split_speakers
from make_brief.draft.messages import key_messages, summary
from make_brief.draft.model import Person
from make_brief.draft.orgs import acronym_map, find_acronyms
from make_brief.draft.people import find_people
from make_brief.draft.references import find_references
from make_brief.draft.source import html_to_text, markdown_to_text
from make_brief.draft.text import paragraphs, sentences, split_sentences, tokenize
from make_brief.draft.when import (
    event_dates,
    find_dates,
    publication_date,
    schedule_changed,
    year_hint,
)
from make_brief.draft.write import scalar


def _sents(text: str):
    return sentences(paragraphs(text))


# --- sentences --------------------------------------------------------------------------


def test_sentences_do_not_break_after_honorifics() -> None:
    text = (
        "The ceremony was addressed by H.E. Khalid Al Mansoori. Mr. Das spoke next. "
        "The SAFE Framework followed the events of 9/11. “It works,” she said."
    )
    assert [s for _, s in split_sentences(text)] == [
        "The ceremony was addressed by H.E. Khalid Al Mansoori.",
        "Mr. Das spoke next.",
        "The SAFE Framework followed the events of 9/11.",
        "“It works,” she said.",
    ]


def test_paragraphs_one_per_line_or_blank_line_separated() -> None:
    assert paragraphs("a\nb\nc") == ["a", "b", "c"]
    assert paragraphs("a\nwrapped\n\nb") == ["a wrapped", "b"]


def test_tokens_keep_abbreviations_and_possessives() -> None:
    tokens = [t.text for t in tokenize("H.E. Mr. Das of the WCO’s ROCB A/P, said.")]
    assert tokens == ["H.E.", "Mr.", "Das", "of", "the", "WCO’s", "ROCB", "A/P", ",", "said", "."]


# --- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("It took place from 6-10 July 2020.", "2020-07-06", "2020-07-10"),
        ("It was due from June 29th to July 3rd 2020.", "2020-06-29", "2020-07-03"),
        ("It met on 4 and 5 April 2023.", "2023-04-04", "2023-04-05"),
        ("Held on May 10-12, 2022.", "2022-05-10", "2022-05-12"),
        ("It ran between 2 October and 10 November 2023.", "2023-10-02", "2023-11-10"),
        ("Held from 29 August to 2 September 2022.", "2022-08-29", "2022-09-02"),
        ("On Thursday, 2 February 2023 it met.", "2023-02-02", None),
        ("Held on 29th-30th November 2021.", "2021-11-29", "2021-11-30"),
        ("Held from 26–28 October 2022.", "2022-10-26", "2022-10-28"),
        ("Held from March 3 to 5, 2021.", "2021-03-03", "2021-03-05"),
        ("Held on 2021-03-03.", "2021-03-03", None),
        ("Held from 28 December 2021 to 3 January 2022.", "2021-12-28", "2022-01-03"),
    ],
)
def test_date_shapes(text: str, start: str, end: str | None) -> None:
    spans = find_dates(_sents(text))
    assert len(spans) == 1, spans
    assert str(spans[0].start) == start
    assert (str(spans[0].end) if spans[0].end else None) == end


def test_dates_without_year_take_the_texts_year() -> None:
    text = "The meeting of 2021 was a success. It took place from 6 to 8 April."
    spans = find_dates(_sents(text), year_hint(text))
    assert [(s.start, s.end) for s in spans] == [(date(2021, 4, 6), date(2021, 4, 8))]


def test_impossible_dates_are_skipped() -> None:
    spans = find_dates(_sents("It was held on 31 February 2021."))
    assert all(s.month_only for s in spans)  # only "February 2021" is left


def test_held_dates_win_over_planned_ones_and_the_dateline() -> None:
    text = (
        "Brussels, 20 September 2020 - The conference, originally planned for 6-8 April "
        "2020 in Geneva, was postponed and finally held online on September 14-16, 2020. "
        "The amendments enter into force on 1 January 2022."
    )
    sents = _sents(text)
    spans = find_dates(sents)
    published = publication_date(spans, sents)
    held, planned = event_dates(spans, sents, published)
    assert published == date(2020, 9, 20)
    assert held is not None and (held.start, held.end) == (date(2020, 9, 14), date(2020, 9, 16))
    assert [p.start for p in planned] == [date(2020, 4, 6)]
    assert schedule_changed(planned, sents) == [sents[0]]


def test_a_next_meeting_is_no_change_of_schedule() -> None:
    text = (
        "The Committee met on 4 and 5 April 2023. Its next sessions are scheduled for October 2023."
    )
    sents = _sents(text)
    held, planned = event_dates(find_dates(sents), sents, None)
    assert held is not None and held.start == date(2023, 4, 4)
    assert schedule_changed(planned, sents) == []


# --- acronyms ---------------------------------------------------------------------------


def test_acronyms_defined_known_and_foreign_order() -> None:
    text = (
        "The WCO and the Kenya Revenue Authority (KRA) met the European Anti-Fraud Office "
        "(OLAF) and the Secretariat of the Convention on International Trade in Endangered "
        "Species of Wild Fauna and Flora (CITES). The ROCB A/P also came, with the "
        "Inter-American Center of Tax Administrations (CIAT)."
    )
    found = {a.short: (a.long, a.how) for a in find_acronyms(text, _sents(text))}
    assert found["KRA"] == ("Kenya Revenue Authority", "defined")
    assert found["WCO"] == ("World Customs Organization", "known")
    assert found["OLAF"][0] == "European Anti-Fraud Office"
    assert found["CITES"][0].startswith("Convention on International Trade")
    assert found["CIAT"][0] == "Inter-American Center of Tax Administrations"
    assert "ROCB" not in found  # only part of "ROCB A/P" here


# --- people -----------------------------------------------------------------------------


def _people(text: str) -> dict[str, Person]:
    sents = _sents(text)
    amap = acronym_map(find_acronyms(text, sents))
    return {p.name: p for p in find_people(sents, amap).persons}


def test_title_before_the_name_split_from_the_organisation() -> None:
    people = _people(
        "During this Session the Director of Compliance and Facilitation Directorate of the "
        "WCO, Mr. Pranab Kumar Das made an intervention. Mr. Das went on to inform participants."
    )
    assert list(people) == ["Pranab Kumar Das"]
    das = people["Pranab Kumar Das"]
    assert (das.honorific, das.role, das.organization) == (
        "Mr.",
        "Director of Compliance and Facilitation Directorate",
        "World Customs Organization",
    )


def test_titles_in_a_list_without_honorifics() -> None:
    people = _people(
        "Presenters including UN Secretary General António Guterres, Under Secretary General "
        "for Counter-Terrorism, Vladimir Voronkov and Executive Director of the UN Office on "
        "Drugs and Crime, Ghada Fathy Ismail Waly, discussed the impact."
    )
    assert [(n, p.role, p.organization) for n, p in people.items()] == [
        ("António Guterres", "Secretary General", "United Nations"),
        ("Vladimir Voronkov", "Under Secretary General for Counter-Terrorism", None),
        ("Ghada Fathy Ismail Waly", "Executive Director", "UN Office on Drugs and Crime"),
    ]


def test_titles_after_the_name() -> None:
    people = _people(
        "Mr. Sipho Dlamini, Commissioner of Customs and Excise at the Eswatini Revenue "
        "Service (ERS), opened it. Jan Novak, a senior analyst with the European Anti-Fraud "
        "Office (OLAF), spoke. Ms. Helena Lindqvist of Swedish Customs chaired. The meeting "
        "was chaired by Mr. Pierre Lavoie (Canada Border Services Agency)."
    )
    assert people["Sipho Dlamini"].role == "Commissioner of Customs and Excise"
    assert people["Sipho Dlamini"].organization == "Eswatini Revenue Service"
    assert people["Jan Novak"].role == "Senior analyst"
    assert people["Jan Novak"].organization == "European Anti-Fraud Office"
    assert people["Helena Lindqvist"].organization == "Swedish Customs"
    assert (people["Pierre Lavoie"].role, people["Pierre Lavoie"].organization) == (
        "Chair",
        "Canada Border Services Agency",
    )


def test_shared_and_elected_titles() -> None:
    people = _people(
        "Two WCO experts, Ms. Grace Achieng and Mr. Olivier Marchetti, led the sessions. "
        "Ms. Anna Kovacs (Hungary) and Mr. Tariq Hussain (Pakistan) were elected as "
        "Vice-Chairs. Speaking for the WCO, Programme Manager Lucía Fernández said more."
    )
    assert people["Olivier Marchetti"].role == "Expert"
    assert people["Olivier Marchetti"].organization == "World Customs Organization"
    assert people["Anna Kovacs"].role == people["Tariq Hussain"].role == "Vice-Chair"
    assert people["Anna Kovacs"].organization is None  # a country is not an organisation
    assert people["Lucía Fernández"].organization == "World Customs Organization"


def test_no_person_from_title_case_phrases() -> None:
    people = _people(
        "The Head of Unit for Customs Risk Management at the European Commission, Ms. Claire "
        "Dubois, spoke at the United Nations Virtual Counter Terrorism Week on Trade Affairs."
    )
    assert list(people) == ["Claire Dubois"]
    assert people["Claire Dubois"].role == "Head of Unit for Customs Risk Management"


def test_speakers_are_those_reported_speaking() -> None:
    people = list(
        _people(
            "Mr. Ali Musa, Director of Trade at the WCO, said it works. He stressed data. "
            "Ms. Eva Berg, Chair of the Council, opened the meeting."
        ).values()
    )
    speakers, participants = split_speakers(people)
    assert [p.name for p in speakers] == ["Ali Musa"]
    assert [p.name for p in participants] == ["Eva Berg"]


# --- references -------------------------------------------------------------------------


def _references(text: str) -> list[tuple[str, str]]:
    sents = _sents(text)
    return [
        (r.title, r.kind) for r in find_references(sents, acronym_map(find_acronyms(text, sents)))
    ]


def test_references_with_their_kind() -> None:
    assert _references(
        "Examples include the launch of “Operation STOP” and the adoption of the WCO’s "
        "Safe Framework of Standards in 2005, as outlined in the Punta Cana Resolution."
    ) == [
        ("Operation STOP", "operation"),
        ("Safe Framework of Standards", "framework"),
        ("Punta Cana Resolution", "resolution"),
    ]


def test_long_titles_end_where_the_next_one_starts() -> None:
    assert _references(
        "Controls were based on the Basel Convention on the Control of Transboundary "
        "Movements of Hazardous Wastes and their Disposal and on the Montreal Protocol on "
        "Substances that Deplete the Ozone Layer. A workshop on the SAFE Framework in "
        "Nairobi follows. The Framework of Standards on Cross-Border E-Commerce and its "
        "Technical Specifications were presented."
    ) == [
        (
            "Basel Convention on the Control of Transboundary Movements of Hazardous Wastes "
            "and their Disposal",
            "convention",
        ),
        ("Montreal Protocol on Substances that Deplete the Ozone Layer", "protocol"),
        ("SAFE Framework", "framework"),
        ("Framework of Standards on Cross-Border E-Commerce", "framework"),
    ]


def test_bodies_and_job_titles_are_not_references() -> None:
    assert _references(
        "Mr. Jonas Berg, Programme Officer at the United Nations Environment Programme "
        "(UNEP), and the Secretariat of the Basel Convention spoke. Studies used the Time "
        "Release Study (TRS) methodology."
    ) == [("Basel Convention", "convention"), ("Time Release Study", "methodology")]


# --- event ------------------------------------------------------------------------------


def test_event_name_organiser_format_and_place() -> None:
    text = (
        "The 5th Global AEO Conference, organized jointly by the World Customs Organization "
        "and Dubai Customs, was held in Dubai, United Arab Emirates, on May 10-12, 2022."
    )
    sents = _sents(text)
    held, planned = event_dates(find_dates(sents), sents, None)
    event = find_event(sents, held, planned, {}, "")
    assert event.name == "5th Global AEO Conference"
    assert event.organizer == "World Customs Organization and Dubai Customs"
    assert (event.start, event.end) == (date(2022, 5, 10), date(2022, 5, 12))
    assert event.location == "Dubai, United Arab Emirates"
    assert event.format == "in-person"


def test_event_online_and_hybrid() -> None:
    for text, expected in [
        ("The webinar was held online on 29 June 2021.", "virtual"),
        (
            "The Committee met in Brussels on 4 April 2023, with delegates following online.",
            "hybrid",
        ),
    ]:
        sents = _sents(text)
        held, planned = event_dates(find_dates(sents), sents, None)
        assert find_event(sents, held, planned, {}, "").format == expected


# --- key messages and summary -----------------------------------------------------------


def test_key_messages_are_what_speakers_said() -> None:
    text = (
        "The forum met on 3 May 2021. Mr. Ali Musa, Director of Trade at the WCO, said data "
        "comes first. He stressed that risk management needs it. Ms. Eva Berg, Chair of "
        "the Council, noted the progress. The weather was fine."
    )
    sents = _sents(text)
    people = find_people(sents, {})
    speakers, _ = split_speakers(people.persons)
    messages = [m.text for m in key_messages(sents, speakers, people.mentions)]
    assert messages == [sents[1].text, sents[2].text]
    assert len(summary(sents, "Forum on data", count=2)) == 2


# --- sources and YAML -------------------------------------------------------------------


def test_html_main_text_without_boilerplate() -> None:
    text, title = html_to_text(
        b"<html><head><title>News | Site</title><script>x()</script></head><body>"
        b"<div class='menu'>Home</div><div id='content'><p>First para.</p><p>Second "
        b"<b>bold</b> para.</p></div><footer>Copyright</footer></body></html>"
    )
    assert title == "News"
    assert text == "First para.\n\nSecond bold para."


def test_markdown_to_text() -> None:
    text, title = markdown_to_text(
        "# Title\n\nSome **bold** and [a link](https://x.org).\n\n- item one\n"
    )
    assert title == "Title"
    assert "Some bold and a link." in text and "item one" in text and "**" not in text


@pytest.mark.parametrize(
    "value",
    [
        "yes",
        "no",
        "null",
        "2020",
        "2020-07-06",
        "a: b",
        "#tag",
        "x #y",
        '"quoted"',
        "[list]",
        "Operation DEMETER IX: results",
        "- dash",
        "* star",
        "@at",
        "%pct",
        "O'Neil",
        "end:",
        "  spaced",
        "tab\there",
        "01",
        "1e3",
        "~",
        ".inf",
        "Ghada Fathy Ismail Waly",
    ],
)
def test_scalars_read_back_as_the_same_string(value: str) -> None:
    loaded = YAML(typ="safe", pure=True).load(f"key: {scalar(value)}\n")
    assert loaded["key"] == value.strip() or loaded["key"] == value
