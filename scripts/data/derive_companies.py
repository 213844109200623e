#!/usr/bin/env python3
"""Derives data/tag/companies.tsv from the stock-index lists of pytickersymbols.

Run by developers only, never at build or run time:

    mkdir -p /tmp/pts && cd /tmp/pts
    pip download --no-deps pytickersymbols==1.17.10 names==0.3.0
    unzip -q -o pytickersymbols-1.17.10-py3-none-any.whl -d pkg
    tar xzf names-0.3.0.tar.gz
    cd - && python3 scripts/data/derive_companies.py /tmp/pts/pkg /tmp/pts/names-0.3.0

The package (MIT) lists the members of twenty stock indices (S&P 500 and 600,
Nasdaq 100, Dow Jones, DAX, MDAX, SDAX, TecDAX, FTSE 100, CAC 40 and Mid 60,
Euro Stoxx 50, IBEX 35, AEX, BEL 20, OMX Helsinki 25 and Stockholm 30, the
Swiss 20 and Nikkei 225). Only each company's name and country are taken.
The US Census 1990 surname list in the PyPI package `names` (MIT; the list
is public domain) keeps common surnames from standing alone for a company.

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
import unicodedata

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

# Names the index lists write otherwise than the companies and news copy do.
WIRE_SPELLINGS = {"EasyJet": "easyJet", "EBay": "eBay"}

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


def lexicon_words():
    """Lower-case words of the frequency list: their count, and whether the
    WSJ Punkt model, or either Punkt model, saw them lower-case
    mid-sentence (bit 32)."""
    words = {}
    for cols in read_tsv(os.path.join(ROOT, "data", "lexicon", "words.tsv")):
        wsj, web = int(cols[2]), int(cols[3])
        words[cols[0]] = (int(cols[1]), bool(wsj & 32), bool((wsj | web) & 32))
    return words


def everyday_words(lexicon):
    """Lower-case words news copy uses as common words: tagged other than
    as a proper noun, or frequent and seen lower-case mid-sentence in WSJ
    text."""
    words = set()
    for cols in read_tsv(os.path.join(ROOT, "data", "lexicon", "pos.tsv")):
        if not set(cols[1].split()) <= PROPER:
            words.add(cols[0])
    words.update(
        w for w, (count, wsj_lower, _) in lexicon.items() if wsj_lower and count > 5_000_000
    )
    return words


def names_in(file, name_col, alias_col=None):
    """The names in one column of a `data/tag` file, with the aliases
    (`a|b`) of another where the row has it, lower-case."""
    names = set()
    for cols in read_tsv(os.path.join(ROOT, "data", "tag", file)):
        names.add(cols[name_col].lower())
        if alias_col is not None and len(cols) > alias_col:
            names.update(a.lower() for a in cols[alias_col].split("|") if a)
    return names


def gazetteer_names():
    """Countries, their aliases, cities, US states and regions, lower-case."""
    return (
        names_in("countries.tsv", 1, 3)
        | names_in("cities.tsv", 0)
        | names_in("us_states.tsv", 0)
        | names_in("regions.tsv", 0, 3)
    )


def listed_orgs():
    """Every name and alias of the hand-written organisations, lower-case."""
    return names_in("orgs.tsv", 0, 1)


def given_names():
    names = set()
    for file in ("first_names.txt", "first_names_intl.txt"):
        with open(os.path.join(ROOT, "data", "tag", file), encoding="utf-8") as f:
            names.update(fold(line.strip().lower()) for line in f if not line.startswith("#"))
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


# First words that name a kind of company in other languages, or a given
# name the lists lack: "Banco" stands for no one bank.
GENERIC_HEADS = {
    "banco", "banca", "groupe", "grupo", "laboratorios", "inmobiliaria", "francaise",
    "credit", "societe", "compagnie", "deutsche", "caisse", "estee",
}

# Census surnames this common are people's names first ("Lilly", "Tompkins").
COMMON_SURNAME_RANK = 5000


def common_surnames(names_dir):
    """The most common US surnames, upper-case letters only."""
    path = os.path.join(names_dir, "names", "dist.all.last")
    with open(path, encoding="utf-8") as f:
        return {line.split()[0] for _, line in zip(range(COMMON_SURNAME_RANK), f)}


def fold(name):
    """The name without accents: "zürich" → "zurich"."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.path.insert(0, sys.argv[1])
    from pytickersymbols.indices_data import INDICES  # noqa: E402

    lexicon = lexicon_words()
    everyday = everyday_words(lexicon)
    places = gazetteer_names()
    places |= {fold(p) for p in places}
    listed = listed_orgs()
    given = given_names()
    codes = country_codes()

    def ambiguous(name):
        key = name.lower()
        if len(name) < 3 or fold(key) in places or fold(key) in given:
            return True
        words = key.split()
        # A one-word name that is an everyday word; a longer one reads as a
        # phrase only when lower-case, and matches are capitalized.
        return len(words) == 1 and key.removesuffix("'s").removesuffix("’s") in everyday

    rows = {}
    for index, data in INDICES.items():
        for company in data["companies"]:
            full = re.sub(r"\s*\([^)]*\)", "", company["name"]).strip()
            full = WIRE_SPELLINGS.get(full, full)
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
            rows[short] = (canonical, aliases, country_of(company, index, codes), [])

    # A later mention writes a two- or three-word company by its first word
    # ("Wizz" for "Wizz Air", "Goldman" for "Goldman Sachs"), or by its last
    # after a given name ("Lilly" for "Eli Lilly"). The tagger reads these
    # short forms only after a fuller name in the same story. Even so, such a
    # word must say the company by itself: it names one company only, is no
    # place or given name, and is rare in English text and never seen
    # lower-case mid-sentence (which leaves out "Compass", "Smith" and
    # "Cardinal").
    surnames = common_surnames(sys.argv[2])

    def distinctive(word):
        count, _, lower = lexicon.get(word.lower(), (0, False, False))
        return (
            len(word) >= 4
            and word[0].isalpha()
            and word[-1].isalnum()
            and not word.endswith(("'s", "’s"))
            and not ambiguous(word)
            and fold(word.lower()) not in GENERIC_HEADS
            and re.sub(r"[^A-Z]", "", fold(word).upper()) not in surnames
            and not lower
            and count < 1_000_000
        )

    short_forms = {}
    for key, (canonical, _aliases, _cc, _short) in rows.items():
        words = canonical.split()
        if not 2 <= len(words) <= 3:
            continue
        word = words[-1] if words[0].lower() in given and len(words) == 2 else words[0]
        if distinctive(word):
            short_forms.setdefault(word, []).append(key)
    # "Schaeffler Group" and "Meiji Holdings" are "Schaeffler" and "Meiji"
    # from the first mention on, where that word is as distinctive.
    # Where `orgs.tsv` lists that word ("Lufthansa"), the company is its.
    for key, (canonical, aliases, _cc, _short) in list(rows.items()):
        for tail in (" Group", " Holdings", " Holding"):
            rest = canonical.removesuffix(tail)
            if rest == canonical or " " in rest:
                continue
            if rest.lower() in listed:
                del rows[key]
            elif distinctive(rest):
                aliases.append(rest)
            short_forms.pop(rest, None)
    taken = {n.lower() for c, a, _, _ in rows.values() for n in [c, *a]} | listed
    for word, keys in short_forms.items():
        if len(keys) == 1 and word.lower() not in taken:
            rows[keys[0]][3].append(word)

    with open(OUT, "w", encoding="utf-8") as f:
        f.write(
            "# Derived by scripts/data/derive_companies.py from pytickersymbols 1.17.10"
            " (MIT; see NOTICE.md). canonical\taliases (|)\tcountry code\tclass\t"
            "short forms (|), names only after a fuller name in the same text\n"
        )
        for canonical, aliases, cc, shorts in sorted(rows.values()):
            f.write(f"{canonical}\t{'|'.join(aliases)}\t{cc}\tcompany\t{'|'.join(shorts)}\n")
    print(f"{len(rows)} companies written to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
