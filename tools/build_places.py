#!/usr/bin/env python3
"""Build data/places/places.tsv, the gazetteer that attache-coder's places.rs loads.

Sources (GeoNames, CC BY 4.0; demonyms from world-countries, ODbL), in GEO_DIR:
  cities15000_latin.tsv, admin1.tsv, countries_demonyms.tsv
Curation, in data/places/:
  aliases.tsv    extra names (English exonyms, short forms) for a country, admin1 or city
  stopnames.txt  names never to emit (English words, names that mostly denote persons)

Usage: python3 tools/build_places.py [GEO_DIR] [--out data/places/places.tsv]
Standard library only.
"""

import argparse
import csv
import os
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CITY_MIN_POP = 50_000
# Suffixes GeoNames sometimes keeps on region names; news usually drops them.
ADMIN_SUFFIXES = (
    " Province",
    " Governorate",
    " County",
    " Oblast",
    " Region",
    " Prefecture",
    " Department",
    " District",
    " Municipality",
    " Territory",
)

csv.field_size_limit(sys.maxsize)


def fold(name):
    """ASCII spelling of a name, as English-language news usually writes it."""
    name = name.replace("\u2018", "").replace("\u2019", "'").replace("\u02bb", "'")
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def usable(name, stop):
    """A name worth matching: capitalised, not too short, not a curated stop name."""
    if not name or name in stop or len(name) < 3:
        return False
    if not name[0].isupper():
        return False
    if any(c in name for c in ",()/;"):
        return False
    return True


def generic(name, stop):
    """A region name built only of compass words and the like ("Eastern Province")."""
    suffixes = {s.strip() for s in ADMIN_SUFFIXES}
    return all(w in stop or w in suffixes for w in name.split())


def spellings(name):
    out = [name]
    ascii_form = fold(name)
    if ascii_form != name and ascii_form.isascii():
        out.append(ascii_form)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("geo_dir", nargs="?", default=os.path.join("..", "shared", "data", "geo"))
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "places", "places.tsv"))
    args = ap.parse_args()

    stop = set()
    with open(os.path.join(ROOT, "data", "places", "stopnames.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                stop.add(line)
    aliases = []
    with open(os.path.join(ROOT, "data", "places", "aliases.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            alias, kind, iso2, target = (line.rstrip("\n").split("\t") + [""] * 4)[:4]
            aliases.append((alias, kind, iso2, target))

    countries = read_tsv(os.path.join(args.geo_dir, "countries_demonyms.tsv"))
    cities = read_tsv(os.path.join(args.geo_dir, "cities15000_latin.tsv"))
    admins = read_tsv(os.path.join(args.geo_dir, "admin1.tsv"))
    iso3_of = {c["iso2"]: c["iso3"] for c in countries}

    for c in cities:
        c["pop"] = int(c["population"] or 0)

    # Capitals: the most populous city of the country whose name or alternates match.
    capitals = {}
    for country in countries:
        iso2 = country["iso2"]
        for cap in filter(None, country["capital"].split("|")):
            wanted = {cap, fold(cap)}
            best = None
            for c in cities:
                if c["country"] != iso2:
                    continue
                names = {c["name"], fold(c["name"])}
                names.update(c["latin_alternate_names"].split("|"))
                if wanted & names and (best is None or c["pop"] > best["pop"]):
                    best = c
            if best is not None:
                capitals.setdefault(iso2, best)
                best["capital"] = True
            else:
                print(f"warning: capital {cap!r} of {iso2} not found", file=sys.stderr)

    # Candidate entries: (name, iso3, lat, lon, kind, population)
    entries = []

    def add(name, iso2, lat, lon, kind, pop):
        iso3 = iso3_of.get(iso2)
        if iso3 and usable(name, stop):
            entries.append((name, iso3, lat, lon, kind, pop))

    country_pop = {}
    for c in cities:
        country_pop[c["country"]] = country_pop.get(c["country"], 0) + c["pop"]
    for country in countries:
        iso2 = country["iso2"]
        cap = capitals.get(iso2)
        lat, lon = (cap["lat"], cap["lon"]) if cap else ("", "")
        names = [country["name_common"], country["name_official"]]
        for alt in country["alt_spellings"].split("|"):
            # Keep English descriptive forms ("Republic of Korea") and acronyms ("UAE");
            # the rest of the list is mostly endonyms news never uses.
            if alt.isascii() and (" of " in alt or (alt.isupper() and 3 <= len(alt) <= 4)):
                names.append(alt)
        for name in names:
            for s in spellings(name):
                add(s, iso2, lat, lon, "country", country_pop.get(iso2, 0))

    admin_pop, admin_seat = {}, {}
    for c in cities:
        key = f"{c['country']}.{c['admin1_code']}"
        admin_pop[key] = admin_pop.get(key, 0) + c["pop"]
        if key not in admin_seat or c["pop"] > admin_seat[key]["pop"]:
            admin_seat[key] = c
    admin_by_name = {}
    for a in admins:
        iso2 = a["code"].split(".", 1)[0]
        seat = admin_seat.get(a["code"])
        lat, lon = (seat["lat"], seat["lon"]) if seat else ("", "")
        if generic(a["name"], stop):
            continue
        names = [a["name"]]
        for suffix in ADMIN_SUFFIXES:
            if a["name"].endswith(suffix) and len(a["name"]) > len(suffix) + 3:
                names.append(a["name"][: -len(suffix)])
        for name in names:
            for s in spellings(name):
                add(s, iso2, lat, lon, "admin1", admin_pop.get(a["code"], 0))
        admin_by_name[(iso2, a["name"])] = (lat, lon, admin_pop.get(a["code"], 0))

    city_by_name = {}
    for c in cities:
        if c["pop"] < CITY_MIN_POP and not c.get("capital"):
            continue
        for s in spellings(c["name"]):
            add(s, c["country"], c["lat"], c["lon"], "city", c["pop"])
        key = (c["country"], c["name"])
        if key not in city_by_name or c["pop"] > city_by_name[key]["pop"]:
            city_by_name[key] = c

    for alias, kind, iso2, target in aliases:
        if kind == "country":
            cap = capitals.get(iso2)
            lat, lon = (cap["lat"], cap["lon"]) if cap else ("", "")
            # Short forms like "US" are deliberate; bypass the length rule.
            if iso2 in iso3_of and alias not in stop:
                entries.append((alias, iso3_of[iso2], lat, lon, "country", country_pop.get(iso2, 0)))
        elif kind == "city":
            c = city_by_name.get((iso2, target))
            if c is None:
                print(f"warning: alias {alias!r}: no city {target!r} in {iso2}", file=sys.stderr)
                continue
            add(alias, iso2, c["lat"], c["lon"], "city", c["pop"])
        elif kind == "admin1":
            a = admin_by_name.get((iso2, target))
            if a is None:
                print(f"warning: alias {alias!r}: no admin1 {target!r} in {iso2}", file=sys.stderr)
                continue
            add(alias, iso2, a[0], a[1], "admin1", a[2])
        else:
            print(f"warning: alias {alias!r}: unknown kind {kind!r}", file=sys.stderr)

    # One entry per name: a country always wins; otherwise the most populous, except that a
    # region never displaces a city of the same name in the same country ("Kabul" the city).
    groups = {}
    for e in entries:
        groups.setdefault(e[0], []).append(e)
    chosen = []
    for name, group in groups.items():
        countries_here = [e for e in group if e[4] == "country"]
        if countries_here:
            chosen.append(max(countries_here, key=lambda e: e[5]))
            continue
        best = max(group, key=lambda e: e[5])
        if best[4] == "admin1":
            same = [e for e in group if e[4] == "city" and e[1] == best[1]]
            if same:
                best = max(same, key=lambda e: e[5])
        chosen.append(best)

    chosen.sort(key=lambda e: e[0])
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        f.write("# name\tiso3\tlat\tlon\tkind\tpopulation\n")
        f.write("# Generated by tools/build_places.py from GeoNames (CC BY 4.0). Do not edit.\n")
        for name, iso3, lat, lon, kind, pop in chosen:
            f.write(f"{name}\t{iso3}\t{lat}\t{lon}\t{kind}\t{pop}\n")
    print(f"{len(chosen)} names -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
