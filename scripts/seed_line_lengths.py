#!/usr/bin/env python3
"""Prints the line lengths the seed story's spurious breaks imply.

    python3 scripts/seed_line_lengths.py tests/data/seed-000.raw.txt tests/data/seed-000.repaired.txt

Aligns the damaged and hand-repaired words; a word that ends with a period in
the damaged copy but not in the repair marks a spurious break, that is, a line
wrap. For each paragraph it prints the chars from one wrap to the next (then,
after the bar, the rest of the paragraph). One width per document would give
lengths within a short word of each other; the seed's vary from about 40 to 90
within a paragraph, as wrapping each line at a width of its own does.

Last it prints how many of the words after a spurious break are function
words (the words a phrase wrap breaks before, `PHRASE_STARTERS` in
`src/eval/repair.rs`), against the share of function words among the words
of the repair: a wrap at a width alone seldom puts a short word first on a
line, while the seed's breaks fall before them more often than not.
"""
import difflib
import re
import sys


def key(word):
    return re.sub(r"\W", "", word).lower()


PHRASE_STARTERS = set(
    """a about after against amid an and as at because before between but by
    during for from he her his if in into it its of on or over she since than
    that the their they this to under until we when where which while who
    with without""".split()
)


def main(raw_path, repaired_path):
    raw = open(raw_path, encoding="utf-8").read()
    repaired = open(repaired_path, encoding="utf-8").read().split()
    raw_words = raw.split()
    matcher = difflib.SequenceMatcher(
        a=[key(w) for w in raw_words], b=[key(w) for w in repaired], autojunk=False
    )
    to_repaired = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            to_repaired[block.a + k] = block.b + k
    index = 0
    after_break = []
    for paragraph in raw.split("\n"):
        offset, line_start, lengths = 0, 0, []
        for word in paragraph.split():
            start = paragraph.find(word, offset)
            offset = start + len(word)
            j = to_repaired.get(index)
            if (
                word.rstrip("”\"’").endswith(".")
                and j is not None
                and not repaired[j].rstrip("”\"’,").endswith(".")
            ):
                lengths.append(offset - line_start)
                line_start = offset + 1
                if index + 1 < len(raw_words):
                    after_break.append(key(raw_words[index + 1]))
            index += 1
        if lengths:
            print(" ".join(map(str, lengths)), "|", len(paragraph) - line_start)
    starters = sum(w in PHRASE_STARTERS for w in after_break)
    share = sum(key(w) in PHRASE_STARTERS for w in repaired) / len(repaired)
    print(
        f"function words after a spurious break: {starters}/{len(after_break)}"
        f" ({starters / len(after_break):.2f}); among all words: {share:.2f}"
    )


if __name__ == "__main__":
    main(*sys.argv[1:3])
