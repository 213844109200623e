#!/usr/bin/env python3
"""Derives data/lexicon/pos.tsv, the parts of speech of common English words,
from the npm package wink-lexicon.

Run by developers only (never at build or run time):

    mkdir -p /tmp/pos && cd /tmp/pos && npm pack wink-lexicon@2.2.0 \
        && tar xzf wink-lexicon-2.2.0.tgz
    python3 scripts/data/derive_pos.py /tmp/pos/package/src/lexicon.js data/lexicon/pos.tsv

`lexicon.js` assigns each word the Penn Treebank tags it takes, most frequent
first (`lexicon.took = A_VBD;`, with `var A_VBD = [ VBD ];` above). The output
keeps the lower-case words made of letters, apostrophes and hyphens, one a
line: `word<TAB>TAG TAG ...`, sorted by word.
"""
import re
import sys

ALIAS = re.compile(r"^var (A_\w+) = \[ ([^\]]*) \];$")
ENTRY = re.compile(r"^lexicon(?:\.(\w+)|\[ ?'((?:[^'\\]|\\.)+)' ?\]) = (A_\w+);$")
WORD = re.compile(r"^[a-z][a-z'\-]*$")


def main(src, dst):
    aliases, words = {}, {}
    with open(src, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if m := ALIAS.match(line):
                aliases[m.group(1)] = [t.strip() for t in m.group(2).split(",")]
            elif m := ENTRY.match(line):
                word = (m.group(1) or m.group(2)).replace("\\'", "'")
                if WORD.match(word):
                    words[word] = aliases[m.group(3)]
    with open(dst, "w", encoding="utf-8") as out:
        for word in sorted(words):
            out.write(f"{word}\t{' '.join(words[word])}\n")
    print(f"{len(words)} words", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
