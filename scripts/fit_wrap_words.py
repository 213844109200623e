#!/usr/bin/env python3
"""Fits the learned word weights of the break pass (data/lexicon/wrap_words.tsv).

Dump the candidates of the damaged fitting corpus, with regular, irregular
and phrase wraps, then fit:

    rm -f /tmp/rows*.txt
    EVAL_WRAP_WORDS=/tmp/rows1.txt EVAL_MISSES=eval/repair/fit \\
        cargo test --release --lib list_misses -- --nocapture
    EVAL_IRREGULAR=1 EVAL_WRAP_WORDS=/tmp/rows2.txt EVAL_MISSES=eval/repair/fit \\
        cargo test --release --lib list_misses -- --nocapture
    EVAL_PHRASE=1 EVAL_WRAP_WORDS=/tmp/rows3.txt EVAL_MISSES=eval/repair/fit \\
        cargo test --release --lib list_misses -- --nocapture
    cat /tmp/rows1.txt /tmp/rows2.txt /tmp/rows3.txt > /tmp/rows.txt
    python3 scripts/fit_wrap_words.py /tmp/rows.txt > data/lexicon/wrap_words.tsv

Each row is `label<TAB>local<TAB>features<TAB>article`: label 1 for a wrap the damage
turned into a sentence break, 0 for a real sentence end; `local` the rest of
the candidate's local evidence (log-odds, without these weights); the
features `template|first|second`, separated by spaces, as
`src/normalize/breaks/wrap_words.rs` extracts them.

The model is a logistic regression on top of the local evidence,

    logit = a * local + b + sum of the features' weights,

with an L2 penalty on the feature weights, fitted by full-batch gradient
descent (Adam; numpy only). Only features seen at least --min-count times get
a weight. Weights are printed divided by `a`, in the local evidence's own
scale, and those smaller than --prune in size are left out. The last tenth of
the articles (by name, every damage of them) is held out to report log-loss and
error with and without the features; the printed table is then refitted on
all rows.
"""

import argparse
import sys

import numpy as np



def load(path):
    labels, local, feats, articles = [], [], [], []
    for line in open(path, encoding="utf-8"):
        label, value, rest, article = line.rstrip("\n").split("\t")
        labels.append(float(label))
        local.append(float(value))
        feats.append(rest.split(" "))
        articles.append(article.split(".")[0])
    return np.array(labels), np.array(local), feats, articles


def index(feats, min_count):
    counts = {}
    for row in feats:
        for f in row:
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, c in counts.items() if c >= min_count)
    return names, idx_of(feats, names, max(len(r) for r in feats))


def fit(y, local, idx, n, l2, steps, with_features=True):
    """Returns (a, b, v) maximizing the penalized likelihood."""
    a, b = 1.0, 0.0
    v = np.zeros(n + 1)
    params = [np.array([a, b]), v]
    m = [np.zeros(2), np.zeros(n + 1)]
    s = [np.zeros(2), np.zeros(n + 1)]
    rate, beta1, beta2, eps = 0.05, 0.9, 0.999, 1e-8
    rows = len(y)
    for t in range(1, steps + 1):
        ab, v = params
        z = ab[0] * local + ab[1] + (v[idx].sum(axis=1) if with_features else 0.0)
        p = 1.0 / (1.0 + np.exp(-z))
        g = (p - y) / rows
        grad_ab = np.array([(g * local).sum(), g.sum()])
        if with_features:
            grad_v = np.bincount(
                idx.ravel(), weights=np.repeat(g, idx.shape[1]), minlength=n + 1
            )
            grad_v += l2 * v / rows
            grad_v[0] = 0.0
        else:
            grad_v = np.zeros(n + 1)
        for k, grad in enumerate((grad_ab, grad_v)):
            m[k] = beta1 * m[k] + (1 - beta1) * grad
            s[k] = beta2 * s[k] + (1 - beta2) * grad * grad
            mh = m[k] / (1 - beta1**t)
            sh = s[k] / (1 - beta2**t)
            params[k] = params[k] - rate * mh / (np.sqrt(sh) + eps)
    ab, v = params
    return ab[0], ab[1], v


def score(y, local, idx, a, b, v):
    z = a * local + b + v[idx].sum(axis=1)
    p = np.clip(1.0 / (1.0 + np.exp(-z)), 1e-9, 1 - 1e-9)
    loss = -(y * np.log(p) + (1 - y) * np.log(1 - p)).mean()
    wrong = (p > 0.5) != (y > 0.5)
    missed = ((p <= 0.5) & (y > 0.5)).sum()
    lost = ((p > 0.5) & (y < 0.5)).sum()
    return loss, wrong.mean(), missed, lost


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("rows")
    ap.add_argument("--l2", type=float, default=3.0)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--steps", type=int, default=400)
    ap.add_argument("--prune", type=float, default=0.02)
    args = ap.parse_args()

    y, local, feats, articles = load(args.rows)
    names = sorted(set(articles))
    last = set(names[len(names) * 9 // 10 :])
    held_out = np.array([a in last for a in articles])
    fit_rows = [f for f, h in zip(feats, held_out) if not h]
    names, idx = index(fit_rows, args.min_count)
    n = len(names)
    held_rows = [f for f, h in zip(feats, held_out) if h]
    held = (y[held_out], local[held_out], idx_of(held_rows, names, idx.shape[1]))
    yf, lf = y[~held_out], local[~held_out]
    a0, b0, v0 = fit(yf, lf, idx, n, args.l2, args.steps, False)
    a1, b1, v1 = fit(yf, lf, idx, n, args.l2, args.steps)
    for label, (a, b, v) in (("local evidence only", (a0, b0, v0)), ("with word weights", (a1, b1, v1))):
        loss, err, missed, lost = score(*held, a, b, v)
        print(
            f"# held-out tenth of the articles, {label}: log-loss {loss:.4f}, error {err:.4f}, "
            f"wraps missed {missed}, sentence ends lost {lost} (a={a:.3f}, b={b:.3f})",
            file=sys.stderr,
        )

    names, idx = index(feats, args.min_count)
    a, b, v = fit(y, local, idx, len(names), args.l2, args.steps)
    print(f"# fitted on {len(y)} rows, a={a:.3f}, b={b:.3f}", file=sys.stderr)
    print("# template\tfirst\tsecond\tweight (see NOTICE.md)")
    kept = 0
    for i, name in enumerate(names, start=1):
        w = v[i] / a
        if abs(w) < args.prune:
            continue
        template, first, second = name.split("|")
        print(f"{template}\t{first}\t{second}\t{w:.3f}")
        kept += 1
    print(f"# {kept} weights kept of {len(names)}", file=sys.stderr)


def idx_of(feats, names, width):
    """Each row's feature ids, 0 for a feature without a weight."""
    ids = {f: i + 1 for i, f in enumerate(names)}
    idx = np.zeros((len(feats), width), dtype=np.int64)
    for r, row in enumerate(feats):
        for c, f in enumerate(row):
            idx[r, c] = ids.get(f, 0)
    return idx


if __name__ == "__main__":
    main()
