#!/usr/bin/env python3
"""Build data/actors/countries.tsv and data/actors/people.tsv from /work/shared/data.

Sources: GeoNames/world-countries demonyms (geo/countries_demonyms.tsv), Wikidata world leaders
(officials/everypolitician_world_leaders_2021/wikidata.csv), EveryPolitician US/UK/UN cabinets
(officials/everypolitician_cabinets/*/holders21.csv) and the G20+ASEAN daily snapshot
(officials/world_leaders_current/data/countries/*/current.json).

organisations.tsv, titles.tsv and people_extra.tsv are curated by hand and not written here.
Stdlib only. Usage: python3 tools/build_actors.py [SHARED_DATA_DIR]
"""
import csv
import datetime
import json
import os
import re
import sys

SHARED = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "actors")

# States that are not UN members but that news treats as actors.
EXTRA_STATES = {"PSE", "TWN", "UNK", "ESH", "VAT"}
# Kosovo has no ISO code; the demonym file uses UNK, news coders use XKX.
ISO_FIX = {"UNK": "XKX"}

# Names, adjectives and seats of government that the source lacks; appended to the generated row.
EXTRA = {
    "USA": ("United States|the United States|US|U.S.|USA|U.S.A.|America", "American|US|U.S.",
            "Washington|the White House|White House|the State Department|State Department|Foggy Bottom"),
    "GBR": ("Britain|Great Britain|UK|U.K.|the United Kingdom|the UK", "British|UK|U.K.",
            "London|Downing Street|Whitehall|the Foreign Office|Number 10|No 10"),
    "RUS": ("Russia|Russian Federation|the Russian Federation", "Russian", "Moscow|the Kremlin|Kremlin"),
    "CHN": ("China|PRC|People's Republic of China|People’s Republic of China|the People's Republic of China|the People’s Republic of China|Mainland China",
            "Chinese", "Beijing|Zhongnanhai"),
    "IND": ("India|Republic of India|Bharat", "Indian", "New Delhi|South Block|Raisina Hill"),
    "PAK": ("Pakistan", "Pakistani", "Islamabad"),
    "AFG": ("Afghanistan|Islamic Republic of Afghanistan|the Islamic Republic of Afghanistan|Islamic Emirate of Afghanistan|the Islamic Emirate of Afghanistan|the Islamic Emirate",
            "Afghan|Afghani", "Kabul"),
    "IRN": ("Iran|Islamic Republic of Iran|the Islamic Republic", "Iranian", "Tehran"),
    "TUR": ("Turkey|Türkiye|Turkiye", "Turkish", "Ankara"),
    "COD": ("Congo|DR Congo|DRC|Democratic Republic of Congo|Democratic Republic of the Congo", "Congolese", "Kinshasa"),
    "COG": ("Republic of the Congo|Congo-Brazzaville", "", "Brazzaville"),
    "KOR": ("South Korea|Republic of Korea|the Republic of Korea", "South Korean", "Seoul|the Blue House|Yongsan"),
    "PRK": ("North Korea|DPRK", "North Korean", "Pyongyang"),
    "ARE": ("United Arab Emirates|the United Arab Emirates|UAE|the UAE", "Emirati", "Abu Dhabi"),
    "NLD": ("Netherlands|the Netherlands|Holland", "Dutch", "The Hague|Amsterdam"),
    "JPN": ("Japan", "Japanese", "Tokyo|the Kantei"),
    "ISR": ("Israel", "Israeli", "Jerusalem|Tel Aviv"),
    "PSE": ("Palestine|State of Palestine|the Palestinian Authority|Palestinian Authority", "Palestinian", "Ramallah"),
    "SAU": ("Saudi Arabia|Kingdom of Saudi Arabia", "Saudi|Saudi Arabian", "Riyadh"),
    "MMR": ("Myanmar|Burma", "Myanmar|Burmese", "Naypyidaw|Naypyitaw"),
    "CIV": ("Ivory Coast|Côte d'Ivoire|Cote d'Ivoire", "Ivorian", "Yamoussoukro|Abidjan"),
    "CZE": ("Czech Republic|Czechia", "Czech", "Prague"),
    "SYR": ("Syria", "Syrian", "Damascus"),
    "XKX": ("Kosovo", "Kosovar|Kosovan", "Pristina"),
    "TWN": ("Taiwan|Republic of China", "Taiwanese", "Taipei"),
    "VAT": ("Vatican|the Vatican|Holy See|the Holy See", "Vatican", ""),
    "EGY": ("Egypt", "Egyptian", "Cairo"),
    "TKM": ("Turkmenistan", "Turkmen", "Ashgabat"),
    "UZB": ("Uzbekistan", "Uzbek", "Tashkent"),
    "TJK": ("Tajikistan", "Tajik", "Dushanbe"),
    "KGZ": ("Kyrgyzstan", "Kyrgyz", "Bishkek"),
    "KAZ": ("Kazakhstan", "Kazakh", "Astana"),
    "BGD": ("Bangladesh", "Bangladeshi", "Dhaka"),
    "QAT": ("Qatar", "Qatari", "Doha"),
    "DEU": ("Germany", "German", "Berlin|the Chancellery"),
    "FRA": ("France", "French", "Paris|the Elysee|the Élysée|Élysée Palace|the Quai d'Orsay|Quai d'Orsay|Matignon"),
    "ITA": ("Italy", "Italian", "Rome|Palazzo Chigi|the Farnesina"),
    "BRA": ("Brazil", "Brazilian", "Brasília|Brasilia|the Planalto|Planalto Palace"),
    "ARG": ("Argentina", "Argentine|Argentinian", "Buenos Aires|the Casa Rosada|Casa Rosada"),
    "UKR": ("Ukraine", "Ukrainian", "Kyiv|Kiev|Bankova"),
}
# Capitals that are also common words or names, or clash with a more frequent place.
BAD_CAPITALS = {"Male", "Victoria", "Kingston", "Georgetown", "Hamilton", "Jamestown", "Washington D.C.",
                "Basseterre", "City of Victoria", "Saint John's", "St. John's", "Palikir", "Funafuti",
                "Roseau", "Castries", "Kingstown", "Avarua", "Alofi", "Adamstown", "King Edward Point",
                "Ngerulmud", "Sri Jayawardenepura Kotte", "Tarawa", "Majuro", "Yaren", "Plymouth",
                "El Aaiún", "Pretoria", "Bern", "Jerusalem"}
BAD_NAMES = {"Congo", "Republic of China"}
ADJ_DROP = {"Virgin Islander", "American Islander"}
# Demonyms two states share go to the one news means far more often: "Dominican" is the
# Dominican Republic's, "Congolese" the DR Congo's.
SHARED_ADJ = {"DMA": {"Dominican"}, "COG": {"Congolese"}}


def clean(s):
    return s.strip()


def latin(s):
    return bool(re.fullmatch(r"[A-Za-zÀ-ÿ'’.,\- ()]+", s)) and s[:1].isupper()


def merge(*lists):
    out = []
    for lst in lists:
        for x in lst:
            x = clean(x)
            if x and x not in out:
                out.append(x)
    return out


def countries():
    rows = []
    with open(os.path.join(SHARED, "geo", "countries_demonyms.tsv"), encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            iso = r["iso3"]
            if r["un_member"] != "True" and iso not in EXTRA_STATES:
                continue
            iso = ISO_FIX.get(iso, iso)
            names = [r["name_common"], r["name_official"]]
            for alt in r["alt_spellings"].split("|"):
                # Two-letter codes ("AF") are ambiguous in prose; curated short forms come from EXTRA.
                if len(alt) > 3 and latin(alt) and "," not in alt:
                    names.append(alt)
            names = [n for n in names if n not in BAD_NAMES or iso in ("COD",)]
            adjs = [a.strip() for d in (r["demonym_m"], r["demonym_f"])
                    for a in re.split(r",| or ", d) if a.strip() and a.strip() not in ADJ_DROP
                    and a.strip() not in SHARED_ADJ.get(iso, ())]
            caps = [c for c in r["capital"].split("|") if c and c not in BAD_CAPITALS]
            # Kept, but not matched in text: they name other places too or are common words.
            ambiguous = [c for c in r["capital"].split("|") if c in BAD_CAPITALS]
            ex = EXTRA.get(iso, ("", "", ""))
            names = merge(ex[0].split("|"), names)
            if iso == "COG":
                names = [n for n in names if n != "Congo"]
            adjs = merge(ex[1].split("|"), adjs) if ex[1] or iso != "COG" else []
            if iso == "COG":
                adjs = []
            caps = merge(ex[2].split("|"), caps)
            ambiguous = [c for c in ambiguous if c not in caps]
            rows.append((iso, "|".join(names), "|".join(adjs), "|".join(caps), "|".join(ambiguous)))
    rows.sort()
    with open(os.path.join(OUT, "countries.tsv"), "w", encoding="utf-8") as f:
        f.write("# Generated by tools/build_actors.py from geo/countries_demonyms.tsv (GeoNames, world-countries)\n")
        f.write("# capitals: capitals and seats of government matched as metonyms (\"the Kremlin\");\n")
        f.write("# ambiguous_capitals: capitals not matched alone, as they name other places or are words.\n")
        f.write("iso3\tnames\tadjectives\tcapitals\tambiguous_capitals\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    return {r[0] for r in rows}


COUNTRY_NAME_TO_ISO = {}


def load_country_index():
    with open(os.path.join(SHARED, "geo", "countries_demonyms.tsv"), encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            iso = ISO_FIX.get(r["iso3"], r["iso3"])
            for n in [r["name_common"], r["name_official"]] + r["alt_spellings"].split("|"):
                COUNTRY_NAME_TO_ISO.setdefault(n.lower(), iso)
    COUNTRY_NAME_TO_ISO["people's republic of china"] = "CHN"
    COUNTRY_NAME_TO_ISO["kingdom of the netherlands"] = "NLD"
    COUNTRY_NAME_TO_ISO["united states of america"] = "USA"


def leader_office(label):
    low = label.lower()
    for key, title in (("supreme leader", "Supreme Leader"), ("prime minister", "Prime Minister"),
                       ("premier", "Premier"), ("chancellor", "Chancellor"), ("president", "President"),
                       ("monarch", "King"), ("king", "King"), ("queen", "Queen"), ("emir", "Emir"),
                       ("sultan", "Sultan"), ("head of government", "Head of Government"),
                       ("head of state", "Head of State")):
        if key in low:
            return title
    return None


def people():
    load_country_index()
    rows = []
    wd = os.path.join(SHARED, "officials", "everypolitician_world_leaders_2021", "wikidata.csv")
    with open(wd, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            iso = COUNTRY_NAME_TO_ISO.get(r["country"].lower())
            office = leader_office(r["positionLabel"])
            name = r["officeholderLabel"]
            if not iso or not office or not r["start_year"] or re.match(r"Q\d+$", name):
                continue
            # Year precision only: the office counts from 1 January of the start year.
            start = f"{r['start_year']}-01-01"
            end = f"{r['end_year']}-12-31" if r["end_year"] else ""
            rows.append((name, "", office, iso, "GOV", "4", start, end, "wikidata-leaders-2021"))
    cab = os.path.join(SHARED, "officials", "everypolitician_cabinets")
    keep = {
        "us-cabinet": ("USA", {"President": ("President", 4), "Vice President": ("Vice President", 3),
                               "Secretary of State": ("Secretary of State", 3),
                               "Secretary of Defense": ("Secretary of Defense", 3),
                               "National Security Advisor": ("National Security Adviser", 2),
                               "Ambassador to the United Nations": ("Ambassador to the United Nations", 2),
                               "Secretary of the Treasury": ("Treasury Secretary", 3)}),
        "united-kingdom-cabinet": ("GBR", {"Prime Minister": ("Prime Minister", 4),
                                           "Foreign Secretary": ("Foreign Secretary", 3),
                                           "Secretary of State for Foreign and Commonwealth Affairs": ("Foreign Secretary", 3),
                                           "Secretary of State for Foreign, Commonwealth and Development Affairs": ("Foreign Secretary", 3),
                                           "Secretary of State for Defence": ("Defence Secretary", 3),
                                           "Chancellor of the Exchequer": ("Chancellor of the Exchequer", 3)}),
        "world-un": ("UNO", {"Secretary-General of the United Nations": ("Secretary-General", 4)}),
    }
    for folder, (iso, offices) in keep.items():
        path = os.path.join(cab, folder, "holders21.csv")
        with open(path, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if r["position"] in offices and r["start"]:
                    title, rank = offices[r["position"]]
                    sector = "" if iso == "UNO" else "GOV"
                    rows.append((r["person"], "", title, iso, sector, str(rank), r["start"][:10], r["end"][:10],
                                 f"everypolitician-{folder}"))
    cur = os.path.join(SHARED, "officials", "world_leaders_current", "data", "countries")
    for d in sorted(os.listdir(cur)):
        p = os.path.join(cur, d, "current.json")
        if not os.path.exists(p):
            continue
        with open(p, encoding="utf-8") as f:
            j = json.load(f)
        iso2 = (j.get("country") or {}).get("iso_code")
        iso = ISO2.get(iso2)
        if not iso:
            continue
        for pos in (j.get("positions") or {}).values():
            h = pos.get("current_holder") or {}
            office = leader_office(pos.get("title_en") or "") or pos.get("title_en")
            if h.get("name_en") and h.get("since") and office:
                rows.append((h["name_en"], "", office, iso, "GOV", "4", h["since"][:10], "",
                             "world-leaders-current"))
    seen = set()
    out = []
    for r in rows:
        k = (r[0], r[2], r[3], r[6])
        if k not in seen:
            seen.add(k)
            out.append(r)
    out = drop_imprecise_duplicates(out)
    out = clip_year_ends(out)
    out = end_by_successor(out)
    out = drop_curated_conflicts(out, curated_rows())
    out.sort(key=lambda r: (r[3], r[0], r[6]))
    with open(os.path.join(OUT, "people.tsv"), "w", encoding="utf-8") as f:
        f.write("# Generated by tools/build_actors.py from officials/ (Wikidata CC0, EveryPolitician, world_leaders_current CC BY-SA)\n")
        f.write("name\taliases\toffice\tcode\tsector\trank\tfrom\tto\tsource\n")
        for r in out:
            f.write("\t".join(r) + "\n")
    return len(out)


def same_person(a, b):
    """Two spellings of one holder ("Matamela Cyril Ramaphosa"/"Cyril Ramaphosa",
    "Mohammad/Mohammed bin Salman") share a word of four letters or more."""
    words = lambda n: {w.lower() for w in re.split(r"[\s\-]+", n) if len(w) >= 4}
    return a == b or bool(words(a) & words(b))


def end_by_successor(rows):
    """An office held with no end date ends the day before a different holder of the same office
    of the same state takes it: the sources record starts more reliably than ends. Only a start
    known to the day ends a predecessor (a year-precision start, written as 1 January, would end
    it too early)."""
    by_office = {}
    for i, r in enumerate(rows):
        by_office.setdefault((r[3], r[2]), []).append(i)
    out = [list(r) for r in rows]
    for idxs in by_office.values():
        idxs.sort(key=lambda i: rows[i][6])
        for k, i in enumerate(idxs):
            if out[i][7]:
                continue
            nxt = next((j for j in idxs[k + 1:] if rows[j][6] > rows[i][6]
                        and rows[j][8] != "wikidata-leaders-2021"
                        and not same_person(rows[j][0], rows[i][0])), None)
            if nxt is not None:
                d = datetime.date.fromisoformat(rows[nxt][6]) - datetime.timedelta(days=1)
                out[i][7] = d.isoformat()
    return [tuple(r) for r in out]


def year_precision(row, col):
    """Wikidata 2021 rows carry years only, written as 1 January / 31 December."""
    return row[8] == "wikidata-leaders-2021" and row[col][5:] in ("01-01", "12-31")


def drop_imprecise_duplicates(rows):
    """A year-precision row is dropped when a day-precise row records the same person in the same
    office of the same state ("Droupadi Murmu, President, 2022-01-01" beside "... 2022-07-25")."""
    precise = {(r[0], r[2], r[3]) for r in rows if r[8] != "wikidata-leaders-2021"}
    return [r for r in rows if r[8] != "wikidata-leaders-2021" or (r[0], r[2], r[3]) not in precise]


def clip_year_ends(rows):
    """A year-precision end (31 December) that runs past a different holder's day-precise start
    in the same office ends the day before it: Ram Nath Kovind's "2022-12-31" becomes
    2022-07-24, the eve of Droupadi Murmu's 2022-07-25."""
    out = [list(r) for r in rows]
    for r in out:
        if not r[7] or not year_precision(r, 7):
            continue
        starts = [o[6] for o in rows if o[3] == r[3] and o[2] == r[2] and o[8] != "wikidata-leaders-2021"
                  and not same_person(o[0], r[0]) and r[6] < o[6] <= r[7]]
        if starts:
            d = datetime.date.fromisoformat(min(starts)) - datetime.timedelta(days=1)
            r[7] = d.isoformat()
    return [tuple(r) for r in out]


def office_key(office):
    """Offices compared across sources: "acting"/"caretaker" holders hold the office."""
    low = office.lower()
    for p in ("acting ", "caretaker ", "interim "):
        if low.startswith(p):
            low = low[len(p):]
    return {"queen": "king", "monarch": "king"}.get(low, low)


def curated_rows():
    path = os.path.join(OUT, "people_extra.tsv")
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]
    return [l for l in lines[1:] if len(l) >= 8]


def overlap(a_from, a_to, b_from, b_to):
    """Open-ended bounds are unbounded; a shared first/last day is a handover, not an overlap."""
    lo = max(a_from or "0000", b_from or "0000")
    hi = min(a_to or "9999", b_to or "9999")
    return lo < hi


def drop_curated_conflicts(rows, curated):
    """people_extra.tsv is reviewed by hand: where a different curated person holds the same
    office of the same state over part of a generated row's span, the generated row ends the day
    before the curated holder takes office when it began earlier (Moon Jae-in's year-precision
    term ends on the eve of Yoon Suk Yeol's), and is dropped otherwise (a spelling variant, a
    year-precision guess, or a term that ran on because its successor is missing from the
    sources: Liz Truss's premiership once ran to 2026)."""
    by_office = {}
    for c in curated:
        by_office.setdefault((c[3], office_key(c[2])), []).append(c)
    out = []
    for r in rows:
        clashes = [c for c in by_office.get((r[3], office_key(r[2])), [])
                   if c[0] != r[0] and overlap(r[6], r[7], c[6], c[7])]
        if not clashes:
            out.append(r)
            continue
        first = min(c[6] or "0000" for c in clashes)
        if r[6] and r[6] < first:
            end = datetime.date.fromisoformat(first) - datetime.timedelta(days=1)
            out.append(r[:7] + (end.isoformat(),) + r[8:])
    return out


ISO2 = {}


def load_iso2():
    with open(os.path.join(SHARED, "geo", "countries_demonyms.tsv"), encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            ISO2[r["iso2"]] = ISO_FIX.get(r["iso3"], r["iso3"])


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    load_iso2()
    n = countries()
    m = people()
    print(f"countries.tsv: {len(n)} rows; people.tsv: {m} rows")
