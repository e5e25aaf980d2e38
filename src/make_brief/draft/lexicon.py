"""Word lists the extraction rules use: honorifics, job titles, organisation words,
instrument words, event words and well-known acronyms of the Customs world.

They describe the genre (news items and meeting reports of Customs and international
organisations), not any one text: a word belongs here when it would be right in any such
text. Keeping them in one place keeps the rules readable and the lists reviewable.
"""

from __future__ import annotations


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one string, one space (or line) between them."""
    return frozenset(words.split())


#: Honorifics as written before a name, mapped to the form a content file uses.
HONORIFICS = {
    "mr": "Mr.",
    "mrs": "Mrs.",
    "ms": "Ms.",
    "miss": "Ms.",
    "mme": "Mme",
    "dr": "Dr.",
    "prof": "Prof.",
    "professor": "Prof.",
    "h.e": "H.E.",
    "hon": "Hon.",
    "honourable": "Hon.",
    "honorable": "Hon.",
    "sir": "Sir",
    "dame": "Dame",
    "madam": "Madam",
    "ambassador": "Ambassador",
    "judge": "Judge",
}

#: Words that head a job title ("Director", "Secretary General", "expert").
ROLE_HEADS = word_set("""director directors director-general directorate-general secretary secretary-general
    under-secretary-general commissioner commissioner-general minister ministers chair
    chairperson chairman chairwoman chair-person vice-chair co-chair president vice-president
    head heads chief officer officers manager managers ambassador representative
    representatives adviser advisers advisor advisors coordinator co-ordinator expert experts
    governor professor lecturer dean rector attaché attache delegate delegates specialist
    specialists analyst analysts lead leader spokesperson spokesman spokeswoman counsellor
    counselor counsel inspector inspectors comptroller controller administrator registrar
    superintendent consultant founder ceo cfo cio coo cto mayor premier envoy
    rapporteur moderator facilitator trainer trainers researcher economist auditor attorney
    deputy assistant commander collector mp senator clerk""")

#: Words that may precede a job title inside it ("Deputy", "Acting", "Senior").
ROLE_MODIFIERS = word_set("""deputy assistant associate acting executive senior principal chief vice under
    regional national permanent special technical first second interim joint co lead
    managing general""")

#: Words that make a capitalised phrase an organisation ("Office", "Customs", "Authority").
ORG_WORDS = word_set("""organization organisation organizations organisations office offices service
    services authority authorities administration administrations agency agencies ministry
    department directorate directorate-general secretariat commission council committee
    union community bank fund board chamber association federation institute institution
    university college academy centre center network nations customs police court
    parliament government assembly forum group alliance partnership programme program
    corporation company foundation bureau unit branch division coalition league consortium
    society taxation revenue treasury""")

#: Words that head an event name.
EVENT_HEADS = word_set("""week conference conferences forum summit meeting meetings session sessions workshop
    workshops seminar seminars symposium dialogue assembly congress roundtable webinar
    webinars exhibition expo course training retreat consultation consultations briefing
    day days panel hackathon mission visit talks event""")

#: Words that head the title of an instrument or operation, and the kind they give.
REFERENCE_HEADS = {
    "convention": "convention",
    "conventions": "convention",
    "agreement": "agreement",
    "agreements": "agreement",
    "arrangement": "arrangement",
    "protocol": "protocol",
    "resolution": "resolution",
    "declaration": "declaration",
    "recommendation": "recommendation",
    "framework": "framework",
    "guidelines": "guidelines",
    "guideline": "guidelines",
    "guide": "guide",
    "compendium": "compendium",
    "handbook": "handbook",
    "manual": "manual",
    "toolkit": "toolkit",
    "strategy": "strategy",
    "plan": "plan",
    "roadmap": "plan",
    "programme": "programme",
    "program": "programme",
    "compact": "compact",
    "treaty": "treaty",
    "charter": "charter",
    "act": "act",
    "regulation": "regulation",
    "directive": "directive",
    "code": "code",
    "model": "model",
    "initiative": "initiative",
    "principles": "principles",
    "package": "package",
    "memorandum": "memorandum",
    "instrument": "instrument",
    "survey": "survey",
    "study": "study",
    "guidance": "guidance",
}

#: Lower-case words that name an instrument after a capitalised title: "the Time Release
#: Study (TRS) methodology".
LOWER_REFERENCE_HEADS = word_set(
    "methodology programme framework guidelines guide initiative strategy toolkit handbook"
)

#: Small words allowed inside a capitalised name or title ("Office on Drugs and Crime").
CONNECTORS = word_set("""of on for the and in to against relating related with by from under between at de
    des du la le del della di da das do dos van von der den et y that their its""")

#: Name particles ("Ursula von der Leyen", "Luiz Inácio Lula da Silva").
NAME_PARTICLES = word_set(
    "de da das do dos di del della van von der den la le du bin binti bint ibn al el y ter"
)

#: Capitalised words that never start or belong to a person's name.
NOT_NAME = word_set("""the a an this that these those he she it they we i his her its their our in on at
    for with from by of to and or but as during after before since while when where which
    who whom whose what how all both each every some many most more other another such
    following also however meanwhile today yesterday tomorrow last next first second third
    new old mr mrs ms dr prof sir dame madam hon excellency his her excellencies said says
    customs covid-19 covid coronavirus pandemic members member states state ministers
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday speaking opening closing
    welcome welcoming thanks thanking according regarding concerning together
    participants delegates speakers experts panel session sessions week meeting general
    secretary director minister""")

#: Verbs that report speech: a sentence with one and a speaker as subject is a candidate
#: key message.
REPORTING_VERBS = word_set("""said says say stated states stressed stresses highlighted highlights highlighting
    noted notes underlined underlines underscored emphasized emphasised emphasizes
    emphasises outlined outlines explained explains informed informs told discussed
    discusses called calls urged urges concluded concludes recalled recalls reminded
    reminds added adds pointed remarked remarks reiterated reiterates welcomed welcomes
    encouraged encourages announced announces presented presents described describes
    shared shares argued argues observed observes warned warns expressed expresses
    affirmed confirmed confirms acknowledged acknowledges insisted insists proposed
    proposes suggested suggests recommended recommends invited invites thanked thanks
    briefed briefs introduced introduces commended commends spoke speaks addressed
    assured declared declares believes believed highlighting stressing noting
    underlining emphasizing explaining recalling""")

#: Acronyms that news items in the genre use without spelling out, with their usual
#: expansion. A definition in the text itself always wins over this list.
KNOWN_ACRONYMS = {
    "AEO": "Authorized Economic Operator",
    "APEC": "Asia-Pacific Economic Cooperation",
    "ASEAN": "Association of Southeast Asian Nations",
    "AU": "African Union",
    "AfCFTA": "African Continental Free Trade Area",
    "CARICOM": "Caribbean Community",
    "CEN": "Customs Enforcement Network",
    "CITES": "Convention on International Trade in Endangered Species of Wild Fauna and Flora",
    "COMESA": "Common Market for Eastern and Southern Africa",
    "EAC": "East African Community",
    "ECOWAS": "Economic Community of West African States",
    "EU": "European Union",
    "FAO": "Food and Agriculture Organization of the United Nations",
    "HS": "Harmonized System",
    "IATA": "International Air Transport Association",
    "ICAO": "International Civil Aviation Organization",
    "ICC": "International Chamber of Commerce",
    "IMF": "International Monetary Fund",
    "IMO": "International Maritime Organization",
    "IOM": "International Organization for Migration",
    "ITC": "International Trade Centre",
    "MRA": "Mutual Recognition Arrangement",
    "OECD": "Organisation for Economic Co-operation and Development",
    "OSCE": "Organization for Security and Co-operation in Europe",
    "RILO": "Regional Intelligence Liaison Office",
    "RKC": "Revised Kyoto Convention",
    "ROCB": "Regional Office for Capacity Building",
    "SACU": "Southern African Customs Union",
    "SADC": "Southern African Development Community",
    "SMEs": "small and medium-sized enterprises",
    "TFA": "Trade Facilitation Agreement",
    "UN": "United Nations",
    "UNCTAD": "United Nations Conference on Trade and Development",
    "UNDP": "United Nations Development Programme",
    "UNECE": "United Nations Economic Commission for Europe",
    "UNEP": "United Nations Environment Programme",
    "UNESCO": "United Nations Educational, Scientific and Cultural Organization",
    "UNOCT": "United Nations Office of Counter-Terrorism",
    "UNODC": "United Nations Office on Drugs and Crime",
    "UPU": "Universal Postal Union",
    "WCO": "World Customs Organization",
    "WFP": "World Food Programme",
    "WHO": "World Health Organization",
    "WTO": "World Trade Organization",
}

#: Acronyms of bodies (not instruments or concepts) among the known ones: these may be a
#: person's organisation, an organiser or the owner of an instrument.
KNOWN_BODIES = frozenset(
    k for k in KNOWN_ACRONYMS if k not in {"AEO", "HS", "MRA", "RKC", "TFA", "SMEs", "CITES"}
)
