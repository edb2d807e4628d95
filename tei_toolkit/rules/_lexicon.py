"""Word lists the name rules consult, and the shipped gazetteer (loaded once, lazily).

The gazetteer and the common-word list are generated offline by
scripts/build_gazetteer.py and shipped in tei_toolkit/data/.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import NamedTuple


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


# Titles, ranks, offices and honorifics: they introduce a name but are not part of it.
TITLES = _words("""
comrade comrades com com. cde cde. cdes cdes. c. mr mr. mrs mrs. ms ms. dr dr. prof prof. sir lord lady
madame mme mme. messrs messrs. mister citizen general gen gen. colonel col col. lieutenant lt
lt. major maj maj. captain capt capt. marshal admiral adm adm. sergeant commander commissar
ambassador president premier minister chairman chairwoman secretary chancellor deputy vice
prime first second king queen prince princess emperor shah pope senator governor consul
counsellor counselor attaché attache envoy chief head director professor father bishop
general-major general-lieutenant lieutenant-general major-general colonel-general
vice-premier vice-president vice-chairman vice-minister ambassador-at-large chargé charge
d'affaires d’affaires generalissimo excellency excellencies highness secy fonmin fonsec amb
polcouns dcm asst asst. señor senor señora senora monsieur herr herrn frau ministro embajador presidente
canciller ministre ambassadeur président
compañero compañera camarada camarade genosse genossin compagno comandante don doña général
maréchal amiral maresciallo generale ammiraglio colonnello capitano signor signore conte
onorevole ambasciatore console bundeskanzler bundesminister botschafter staatssekretär
hon. honourable honorable rt. товарищ тов тов. господин посол министр секретарь председатель генерал маршал
kanzler präsident gesandter vice-président conseiller conseillère secrétaire directeur
bundesrat bundesrätin representative secretario subsecretario embajadora
assistant adviser advisor aide undersecretary under-secretary commissioner high-commissioner
incaricato l'incaricato l’incaricato attorney-general solicitor-general governor-general
secretary-general postmaster-general majesty majesty's
amb. ambs. dep. fornmin fornmin. secy. gov gov. sec sec. pres pres. fon min min. undersec
sr. sra. srta. gral gral. cnel. tte. almte. mgr mgr. mons.
brigadier polad count countess baron baroness marquess marquis viscount viscountess earl duke duchess
""")
# Words after a title that are part of the office, not a name ("Minister Plenipotentiary").
NOT_AFTER_TITLE = _words("""
extraordinary plenipotentiary general designate emeritus elect adjutant staff officer
affairs state defense defence interior war justice finance trade education health security
relations commerce agriculture labor labour treasury navy army intelligence information
planning operations personnel communications propaganda culture industry transport
construction research protocol affari affaires asuntos negocios special people
""")
# Adjectives, demonyms, ethnonyms: never places or orgs on their own (guidelines).
DEMONYMS = _words("""
soviet mongolian mongol mongols mongolians chinese korean koreans japanese american americans
british english french german germans russian russians kazakh kazakhs czech czechs slovak
czechoslovak polish poles yugoslav yugoslavs cuban cubans vietnamese afghan afghans indian
indians uighur uyghur uighurs tibetan tibetans manchu manchurian arab arabs israeli egyptian
hungarian romanian bulgarian albanian austrian italian spanish turkish iranian persian
pakistani burmese thai laotian cambodian indonesian filipino brazilian mexican canadian
australian norwegian norwegians swedish finnish danish dutch belgian swiss greek ukrainian
belorussian byelorussian georgian armenian azerbaijani uzbek kirghiz kyrgyz tajik turkmen
latvian lithuanian estonian sino anglo western eastern northern southern european asian
african communist communists socialist socialists marxist leninist marxist-leninist bolshevik
bolsheviks khalkha buryat buryats oirat dungan dungans han hui kalmyk tatar tatars slavic
nationalist nationalists kuomintang irish scottish welsh flemish portuguese maltese cypriot
britannic jap japs chilean argentinian peruvian venezuelan colombian bolivian ecuadorian uruguayan paraguayan
icelandic luxembourgish slovene slovenian croat croatian serb serbian bosnian macedonian
""")
# Words that make a capitalised run an organisation when it ends in them.
ORG_HEADS = _words("""
army party district directorate ministry embassy legation consulate committee
council bureau politburo presidium secretariat commission department agency institute
university academy foundation association program programme corps division brigade
regiment battalion front fleet navy command headquarters bank company corporation society
league union government cabinet assembly parliament court senate service services forces
federation organization organisation office administration archive archives library
delegation chiefs force desk mission branch section
museum school college center centre board authority news agency radio press tass xinhua
international commonwealth publishers publishing verlag community
ministerio ministère ministerium bundesministerium embajada ambassade botschaft consulado
secretaría comité comisión partido parti partei consejo conseil departamento département
dirección direction gobierno gouvernement regierung universidad université universität
instituto institut archivo archiv ministero ambasciata legazione legazioni consolato governo
rappresentanza rappresentanze partito comitato commissione ufficio direzione
""")
# Heads that make capitals of the words before them in text set in capitals (see
# _truecase): "THE FOREIGN MINISTRY" -> "the Foreign Ministry" (not "office": "HIS KREMLIN
# OFFICE" is a place and an office).
STRONG_ORG_HEADS = _words("""
ministry embassy legation consulate committee council bureau presidium secretariat
commission department agency institute university academy directorate army party navy
corporation congress parliament federation organization organisation administration league
library center centre division board authority radio force forces
""")
# Articles of other languages that open a name's run and are not part of it ("Le
# Ministère des Affaires étrangères", "El Ministerio").
ARTICLES = _words("le la les el los las der die das")
# Lower-case particles inside a person's name ("Couve de Murville", "Charles de Gaulle").
NAME_PARTICLES = _words("de da di du van von der den la le del della dos des y")
# Acronyms of archives and of governments that are organisations, whatever the gazetteer
# says ("NARA" is not the Japanese city, nor "GOA" in a cable Goa): the archives' own
# names for themselves (their public lists), and the cables' "government of" forms.
ORG_ACRONYMS = _words("""
nara barch sapmo avprf rgaspi rgani garf rgae rgva rgali tsamo aprf tsk paaa amae cadn
aan mol ábtl abtl ústr ustr amzv nsa cwihp nai tna naa lac ipn bstu tskhsd
""")
# A cable's acronyms for governments ("USG", "HMG", "GOA" the government of Argentina, not
# Goa): descriptions, as "the Government of X" is (guidelines' precedents), so no names
GOVERNMENT_ACRONYMS = _words("""
usg hmg goa gof goj gob goc goi gom gop gor got gou gon gok goe gos
""")
# The state after an archive's acronym, part of its name ("TsAMO RF", "MID SSSR"); any other
# code after it is the fonds or file of the citation ("NAI DFA/5/305", "NAI DT S6318").
STATE_SUFFIXES = _words("rf ussr sssr ddr gdr frg prc cssr čssr rb čr sr")
# Words of cables that are neither names nor English words a reader would capitalise:
# address and routing words, handling and precedence caveats, abbreviations of the trade.
CABLE_WORDS = _words("""
fm to info subject subj tags ref refs niact immediate priority routine flash exdis nodis
limdis stadis noforn roger gds xgds reftel reftels embtel deptel septel memcon tdy mrn secto
tosec notal pass action origin drafted approved cleared page section end summary para paras
confidential secret unclassified classified declassified lou sbu emboff embs usg dept
amemb i.e e.g ie eg subst repeat rptd telcon telecon codel codels staffdel uncleared
""")
# Words that open the address of a post in cables: with the words after them they name
# the post ("AMEMBASSY MOSCOW", "SECSTATE WASHDC", "USDEL SECRETARY").
POSTS = _words(
    "amembassy amconsul amcongen usmission usdel usun usnato uslo usint secstate amemb amleg"
    " amlegation amconsulate"
)
# Heads that take a following "of (the) X" ("Ministry of Foreign Affairs").
ORG_PREFIX_HEADS = _words("""
ministry embassy legation consulate committee council bureau commission department academy
institute university directorate cabinet secretariat presidium league union association
society office administration archive archives museum bank school college division
ministerio ministère ministerium bundesministerium embajada ambassade botschaft consulado
secretaría comité comisión consejo conseil departamento département dirección direction
gobierno gouvernement universidad université universität instituto institut archivo archiv
ministero ambasciata legazione consolato governo partito comitato commissione ufficio chiefs
junta fuerza fuerzas ejército armada organización cancillería asociación federación
confederación armée assemblée fundación fondation fondazione imprenta
""")
# Romance heads that open a name and take the capitalised adjectives after them ("Junta
# Militar", "Fuerza Aérea Argentina", "Naciones Unidas", "Armée rouge")
ROMANCE_HEADS = _words("""
junta fuerza fuerzas ejército armada organización naciones cancillería asociación federación
confederación armée assemblée fundación fondation fondazione imprenta
""")
# the words of offices in other languages after a title and "de" ("Secretario de Estado")
OFFICE_WORDS = _words("""
estado relaciones exteriores defensa guerra marina hacienda gobernación interior affaires
étrangères état guerre affari esteri
""")
# Heads that take an "of" phrase after other words ("Carnegie Corporation of New York",
# "Communist Party of Vietnam"), but open no name ("Party of ...") nor a second one
OF_TAIL_HEADS = _words("corporation company party foundation fund army")
# The "of" of organisation names in other languages ("Ministerio de Relaciones Exteriores",
# "Ministère des Affaires étrangères", "Ministerium für Auswärtige Angelegenheiten").
OF_WORDS = frozenset("of for on de del des du der für della di para pour per".split())
# English forms of a state's long name, before "of" and a place: "Republic of Cuba"
STATE_FORMS = _words(
    "republic kingdom principality emirate sultanate dominion territory commonwealth"
)
PLACE_HEADS = _words("""
republic kingdom province region oblast krai peninsula mountains sea ocean river lake
islands island strait desert basin plateau square gulf bay canal
""")
# Heads of the names of buildings and sites, which are places (guidelines: "named
# buildings/complexes"): after the name ("Gleystt Mansion", "M Building") or, in the
# languages that put them first, before it ("Casa Rosada", "Palais Schaumburg").
SITE_HEADS = _words("""
building buildings mansion palace castle tower cathedral villa hotel dacha chateau château hall
square street avenue boulevard bridge station airport airfield gate park prison house base
""")
SITE_FIRST = _words(
    "casa palacio palais palazzo schloss villa hotel hôtel château camp monte puerto porto fort"
    " mount cape cabo lago ciudad sierra bahía port"
)
# Lower-case words allowed inside a capitalised run (between two capitalised words).
CONNECTORS = _words(
    "of the and for on de la von van der den al bin ibn du da y di le des del für della para"
)
MONTHS = _words("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
enero febrero marzo abril junio agosto septiembre setiembre octubre noviembre diciembre
janvier février avril juin juillet août septembre octobre novembre décembre januar februar
märz juni juli oktober dezember gennaio febbraio aprile maggio giugno luglio settembre ottobre
dicembre
""")
# Capitalised words that open sentences or headings and are never names here.
NOT_NAMES = _words("""
i the a an this that these those there here we you he she they it his her their our my your
el los las les lo der die das une un una
mr and but or if in on at of to from by for with as after before when while then however
also although because since until during between among about against under over into
document documents record records telegram cable letter memorandum memo note notes source
transcript conversation meeting report translated translation original top secret copy
only working chaired attendance regarding subject re ciphered sending received taken
completed date no nº vol p pp ibid infra supra see start end skip content rights type
language author authors summary page pages fond opis delo list papka dok per op
participants participant present distribution attachment enclosure accordingly
location venue time place agenda classification plenum plenary
querido querida estimado estimada cher chère lieber liebe caro cara al au aux nel mon
pravda izvestia izvestiya
citation archival reference references repository contributed digital
e.s.t. est gmt g.m.t. utc edt cet msk
embtel embtels deptel deptels urtel urtels reftel reftels mytel mytels depcirtel circtel
cirtel embdes depdes
monday tuesday wednesday thursday friday saturday sunday montag dienstag mittwoch donnerstag
freitag samstag sonnabend sonntag lundi mardi mercredi jeudi vendredi samedi dimanche
anmerkung absender empfänger betreff datum redactado fuente asunto objet destinataire
expéditeur addressed dci ddci
level priority precedence urgency status república république repubblica republik
mp mps enclosures access physical publication scope destination confidential unclassified
noforn zff nodis exdis limdis niact fm emb
chapter chapters annex annexes appendix anexo capítulo capitulo artículo articulo sección
kapitel anlage tome tomo
distr distr. declassified released eo member members dear
""")
# Nouns of events and papers: an "of/on" phrase ending in one is not part of an
# organisation's name ("the Political Committee on the Consultation Meeting").
EVENT_NOUNS = _words("""
meeting meetings conference conferences talks visit visits question questions report
reports session sessions consultation consultations negotiations plan plans
""")
# Heads of a mission abroad: the place after them is part of the name ("US Embassy
# Moscow", "American Legation at Stockholm", "Polish Embassy in Hanoi").
MISSION_HEADS = _words("embassy legation consulate consulate-general mission")
# Verbs after a bare unknown name that show it is a person ("Choibalsan departed").
PERSON_VERBS = _words("""
said says asked asks replied replies answered stated declared informed noted told tells
added agreed proposed suggested remarked emphasized emphasised stressed explained
continued departed arrived introduced talked spoke speaks expressed announced requested
requests reported reports promised thanked insisted objected responded wrote writes met
called visited received believes believed thinks thought considers considered inserted
is was has had will would can could did does himself herself also then must should
observed indicated pointed mentioned recalled confirmed commented drew urged warned briefed
described recommended concluded welcomed assured acknowledged admitted argued
""")
# Verbs of report after a surname that is also a common word ("Smith reported"): only
# verbs a person does (not "was", "has": "House was", "Church has").
REPORT_VERBS = PERSON_VERBS - _words("""
is was has had will would can could did does himself herself also then must should
continued called drew inserted considers considered thinks thought believes believed
""") | _words("provided referred gave gives outlined summarized summarised")
# Verbs of speech and report after a name ("TITO SAID").
SPEECH_VERBS = _words("said says told asked replied stated declared noted added agreed")
# Seats of government that stand for the government when they act ("the Kremlin
# decided" -> org; "in the Kremlin" -> place; guidelines, place/metonymy).
SEATS_OF_GOVERNMENT = _words("kremlin pentagon elysee élysée quai-d'orsay downing")
# Capitalised words that end a periodical's title: "Department of State Bulletin" is a work
# title; the organisation named inside it is "Department of State".
PERIODICAL_HEADS = _words("""
bulletin gazette journal review digest quarterly yearbook newsletter chronicle herald
""")
# Verbs that open telegram sentences and are never the first word of a name ("Sent
# Department 233, repeated London 25").
SENTENCE_VERBS = _words("""
sent repeated received passed pass forwarded transmitted delivered handed see refer reurtel
info
""")
# Endings of transliterated Russian words that are titles, not people ("Sovetsko-Kitaiskie
# Otnosheniia", "Pamiatniki Istoricheskoi Mysli"): plural/genitive adjectives and
# abstract nouns; surnames do not end so ("-skii", "-skaia" do, and are not listed).
TITLE_ENDINGS = (
    "sko",
    "skie",
    "skikh",
    "skogo",
    "eniia",
    "aniia",
    "eniya",
    "aniya",
    "tiia",
    "istva",
    "stvo",
    "niki",
    "heskoi",
    "heskie",
    "heskaia",
)
# Words of a work's title after an author's name ("Lenin Collected Works"): not a name.
WORK_WORDS = _words("""
collected selected complete works writings papers letters speeches memoirs diaries edition
miscellany
""")
# Heads that, after a people's adjective alone, describe a body rather than name it ("the
# Polish Government", "the French Government"; dev2: "the Government of X" is a description).
DESCRIBED_HEADS = _words(
    "government gobierno gouvernement regierung governo delegation delegations"
)
# Meetings named after the body that holds them ("Party Congress", "CC Plenum"): events.
MEETINGS = _words("congress plenum plenary conference session sessions meeting")
# Ordinal words and numbers before a congress or a session ("the Second Congress").
ORDINALS = _words("""
first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth
twenty-first twenty-second twenty-third 1st 2nd 3rd 4th 5th 6th 7th 8th 9th 10th 11th 12th
13th 14th 15th 16th 17th 18th 19th 20th 21st 22nd 23rd 24th 25th
""")
# Organisation names that stand alone (one word names one body): "the Politburo"; a demonym
# before them is an adjective ("the Soviet Politburo" -> "Politburo"), not part of the name.
BODY_NAMES = _words("politburo orgburo comintern cominform sovnarkom congress commonwealth")
# Endings of patronymics ("Aleksandr Stepanovich", "Leonid Ilyich", "Anna Ivanovna").
PATRONYMIC = ("ovich", "evich", "ich", "ovna", "evna", "ichna", "inichna")
RUSSIAN_SURNAME = (
    "ov",
    "ev",
    "ova",
    "eva",
    "in",
    "ina",
    "sky",
    "skii",
    "skiy",
    "ski",
    "enko",
    "uk",
    "yuk",
    "ich",
    "vich",
    "ko",
    "yan",
    "ian",
    "dze",
    "shvili",
    "aya",
    "icz",  # Polish: "Onyszkiewicz", "Mazowiecki", "Kuroń's Wujczyk"
    "cki",
    "czyk",
)


class Place(NamedTuple):
    key: str
    kind: str
    geonames: str


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Place]:
    """Place name (apostrophes folded) -> Place."""
    out: dict[str, Place] = {}
    text = resources.files("tei_toolkit").joinpath("data/gazetteer.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, key, kind, gid = line.split("\t")[:4]
        out[name.replace("\u2019", "'")] = Place(key, kind, gid)
    return out


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lower-case English words (a capitalised one is weak evidence of a name)."""
    text = resources.files("tei_toolkit").joinpath("data/common_words.txt").read_text("utf-8")
    return frozenset(text.split())


@lru_cache(maxsize=1)
def census_surnames() -> frozenset[str]:
    """Frequent surnames (title case; scripts/build_surnames.py): with the context, the
    evidence that a capitalised common word is a person's name ("Smith reported")."""
    text = resources.files("tei_toolkit").joinpath("data/surnames.txt").read_text("utf-8")
    return frozenset(w for w in text.splitlines() if w and not w.startswith("#"))


# Demonym endings and the ending of the country name they come from: Iraq-i,
# Korea-n, Syri-an (Syria), Ital-ian (Italy), Leban-ese (Lebanon), Swed-ish (Sweden).
_DEMONYM_ENDINGS = (
    ("i", ""),
    ("is", ""),
    ("n", ""),
    ("ns", ""),
    ("an", "a"),
    ("ans", "a"),
    ("ian", "ia"),
    ("ians", "ia"),
    ("ian", ""),  # "Jordanian", "Iranian"
    ("ians", ""),
    ("ian", "y"),
    ("ians", "y"),
    ("ese", ""),
    ("ese", "a"),
    ("ese", "on"),
    ("ish", ""),
    ("ish", "en"),
    ("ic", "ia"),
    ("ine", "ina"),
    ("ines", "ina"),
)
# Adjectives and nouns of a movement named after its leader or creed ("Peronist",
# "Gaullists", "Titoist"): a people's word, never a person's name.
_FOLLOWER = ("ist", "ists", "ism")


@lru_cache(maxsize=8192)
def is_demonym(word: str) -> bool:
    """A lower-case word that names a people or is a country's adjective: the fixed list,
    or a regular derivation from a country or continent of the gazetteer ("iraqi")."""
    if word in DEMONYMS or len(word) > 6 and word.endswith(_FOLLOWER):
        return True
    places = gazetteer()
    for ending, replacement in _DEMONYM_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            place = places.get((word[: -len(ending)] + replacement).title())
            if place is not None and place.kind in ("country", "continent"):
                return True
    return False
