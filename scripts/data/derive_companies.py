#!/usr/bin/env python3
"""Derives data/tag/companies.tsv from the stock-index lists of pytickersymbols.

Run by developers only, never at build or run time:

    mkdir -p /tmp/pts && cd /tmp/pts
    pip download --no-deps pytickersymbols==1.17.10
    unzip -q -o pytickersymbols-1.17.10-py3-none-any.whl -d pkg
    cd - && python3 scripts/data/derive_companies.py /tmp/pts/pkg

The package (MIT) lists the members of twenty stock indices (S&P 500 and 600,
Nasdaq 100, Dow Jones, DAX, MDAX, SDAX, TecDAX, FTSE 100, CAC 40 and Mid 60,
Euro Stoxx 50, IBEX 35, AEX, BEL 20, OMX Helsinki 25 and Stockholm 30, the
Swiss 20 and Nikkei 225). Only each company's name and country are taken.

A company is written as news copy writes it: legal forms ("Inc.", "plc",
"AG", "Corporation") and a leading "The" are dropped from the name, and the
full name is kept as an alias. A short name that would be read in running
text as something else is left out, and only the full name is kept (when it
differs): an everyday English word ("Block", "Target", "Pool"), a place the
gazetteers hold ("Dover"), a given name ("Wendy's" aside), or fewer than three
characters. Companies the hand-written `orgs.tsv` lists are skipped, so its
entries and classes stay as they are.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
OUT = os.path.join(ROOT, "data", "tag", "companies.tsv")

# The country of an index's members when a company's own entry has none.
INDEX_COUNTRY = {
    "AEX": "NL", "BEL 20": "BE", "CAC_40": "FR", "CAC Mid 60": "FR", "DAX": "DE",
    "MDAX": "DE", "SDAX": "DE", "TecDAX": "DE", "DOW JONES": "US", "NASDAQ 100": "US",
    "S&P 100": "US", "S&P 500": "US", "S&P 600": "US", "FTSE 100": "GB", "IBEX 35": "ES",
    "NIKKEI 225": "JP", "OMX Helsinki 25": "FI", "OMX Stockholm 30": "SE",
    "Switzerland 20": "CH", "EURO STOXX 50": "",
}

# Legal forms at the end of a name, longest first.
LEGAL_FORMS = [
    ", Inc.", " Inc.", " Inc", " Incorporated", " Corporation", " Corp.", " Corp",
    " Company", " Companies", " Co., Ltd.", " Co. Ltd.", " Co.", " plc", " PLC", " p.l.c.",
    " Holding AG", " AG", " SE", " N.V.", " NV", " S.A.", " SA", " S.p.A.", " SpA",
    " Ltd.", " Ltd", " Limited", " Oyj", " Oy", " AB", " ASA", " A/S", " GmbH",
    " & Co. KGaA", " KGaA", ",",
]

# Penn Treebank tags of proper nouns: a word tagged only so is no everyday word.
PROPER = {"NNP", "NNPS"}


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


def everyday_words():
    """Lower-case words news copy uses as common words."""
    words = set()
    for cols in read_tsv(os.path.join(ROOT, "data", "lexicon", "pos.tsv")):
        if not set(cols[1].split()) <= PROPER:
            words.add(cols[0])
    # Seen lower-case mid-sentence in the WSJ Punkt statistics (bit 32).
    for cols in read_tsv(os.path.join(ROOT, "data", "lexicon", "words.tsv")):
        if int(cols[2]) & 32 and int(cols[1]) > 5_000_000:
            words.add(cols[0])
    return words


def gazetteer_names():
    """Countries, their aliases, cities, US states and regions, lower-case."""
    names = set()
    tag = os.path.join(ROOT, "data", "tag")
    for cols in read_tsv(os.path.join(tag, "countries.tsv")):
        names.add(cols[1].lower())
        names.update(a.lower() for a in cols[3].split("|") if a)
    for cols in read_tsv(os.path.join(tag, "cities.tsv")):
        names.add(cols[0].lower())
    for cols in read_tsv(os.path.join(tag, "us_states.tsv")):
        names.add(cols[0].lower())
    for cols in read_tsv(os.path.join(tag, "regions.tsv")):
        names.add(cols[0].lower())
        if len(cols) > 3:
            names.update(a.lower() for a in cols[3].split("|") if a)
    return names


def listed_orgs():
    """Every name and alias of the hand-written organisations, lower-case."""
    names = set()
    for cols in read_tsv(os.path.join(ROOT, "data", "tag", "orgs.tsv")):
        names.add(cols[0].lower())
        if len(cols) > 1:
            names.update(a.lower() for a in cols[1].split("|") if a)
    return names


def given_names():
    names = set()
    for file in ("first_names.txt", "first_names_intl.txt"):
        with open(os.path.join(ROOT, "data", "tag", file), encoding="utf-8") as f:
            names.update(line.strip().lower() for line in f if not line.startswith("#"))
    return names


def country_codes():
    """Country and US state names to ISO codes."""
    codes = {}
    tag = os.path.join(ROOT, "data", "tag")
    for cols in read_tsv(os.path.join(tag, "countries.tsv")):
        codes[cols[1]] = cols[0]
        for alias in cols[3].split("|"):
            if alias:
                codes.setdefault(alias, cols[0])
    codes["Russian Federation"] = "RU"
    for cols in read_tsv(os.path.join(tag, "us_states.tsv")):
        codes[cols[0]] = "US"
    codes["D.C."] = "US"
    return codes


def country_of(company, index, codes):
    """The company's country: the last part of its headquarters, else of its
    country field (which is sometimes wrong: Canon in the United Kingdom),
    else the index's."""
    for raw in (company.get("metadata", {}).get("headquarters"), company.get("country")):
        raw = (raw or "").split(";")[0]
        last = raw.split(",")[-1].strip()
        code = codes.get(last) or codes.get(raw.strip())
        if code:
            return code
    return INDEX_COUNTRY.get(index, "")


def short_name(name):
    """The name without its qualifier in parentheses, leading "The" and legal
    forms."""
    name = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if name.startswith("The "):
        name = name[4:]
    changed = True
    while changed:
        changed = False
        for form in LEGAL_FORMS:
            rest = name[: -len(form)].rstrip()
            if name.endswith(form) and len(rest) > 1 and not rest.endswith(("&", " and")):
                name = rest
                changed = True
    return name


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.path.insert(0, sys.argv[1])
    from pytickersymbols.indices_data import INDICES  # noqa: E402

    everyday = everyday_words()
    places = gazetteer_names()
    listed = listed_orgs()
    given = given_names()
    codes = country_codes()

    def ambiguous(name):
        key = name.lower()
        if len(name) < 3 or key in places or key in given:
            return True
        words = key.split()
        # A one-word name that is an everyday word; a longer one reads as a
        # phrase only when lower-case, and matches are capitalized.
        return len(words) == 1 and key.removesuffix("'s").removesuffix("’s") in everyday

    rows = {}
    for index, data in INDICES.items():
        for company in data["companies"]:
            full = re.sub(r"\s*\([^)]*\)", "", company["name"]).strip()
            short = short_name(full)
            if short.lower() in listed or full.lower() in listed:
                continue
            names = [n for n in dict.fromkeys([short, full, full.removeprefix("The ")])]
            if ambiguous(short):
                names = [n for n in names if n != short and not ambiguous(n)]
            if not names or short in rows:
                continue
            canonical = names[0]
            aliases = [n for n in names[1:] if n != canonical]
            rows[short] = (canonical, aliases, country_of(company, index, codes))

    with open(OUT, "w", encoding="utf-8") as f:
        f.write(
            "# Derived by scripts/data/derive_companies.py from pytickersymbols 1.17.10"
            " (MIT; see NOTICE.md). canonical\taliases (|)\tcountry code\tclass\n"
        )
        for canonical, aliases, cc in sorted(rows.values()):
            f.write(f"{canonical}\t{'|'.join(aliases)}\t{cc}\tcompany\n")
    print(f"{len(rows)} companies written to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
