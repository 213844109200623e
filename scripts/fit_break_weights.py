#!/usr/bin/env python3
"""Fits the break-candidate feature weights (src/normalize/breaks/features.rs).

Dump the features of every candidate in the damaged training corpus, then fit:

    EVAL_FEATURES=/tmp/features.txt EVAL_MISSES=eval/repair/train \
        cargo test --release --lib misses -- --nocapture
    python3 scripts/fit_break_weights.py /tmp/features.txt

`BAND_WEIGHTS`, the table used where no wrap width is fitted, was fitted on
copy wrapped at a new width every line: add `EVAL_IRREGULAR=1` to the dump
command and pass `--bias 0.5` to the fit.

Each line of the dump is `label value... article word`, label 1 for a wrap
the damage turned into a sentence break, 0 for a real sentence end. The fit is
an L2-regularized logistic regression (Newton's method, numpy). It prints the
log-loss of the weights in use and of the fitted ones, then the fitted table
scaled by --scale with the bias replaced by --bias, ready to paste (see the
comment on WEIGHTS for how fitted tables have compared with the hand-set one). The weight
of a name after a name is kept, not fitted: in real wire copy ("Macron.
Germany", "World War II. Japan's") it marks a real sentence end, which the
synthetic damage of invented articles under-represents.
"""

import argparse
import re
import sys

import numpy as np


def table(path):
    """Feature names and weights in use, from features.rs."""
    text = open(path, encoding="utf-8").read()
    body = text[text.index("const WEIGHTS") :]
    body = body[: body.index("];")]
    rows = re.findall(r"^\s*(-?[0-9.]+),\s*//\s*(\w+)", body, re.M)
    return [name for _, name in rows], np.array([float(v) for v, _ in rows])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("features")
    ap.add_argument("--rust", default="src/normalize/breaks/features.rs")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--scale", type=float, default=1.6)
    ap.add_argument("--bias", type=float, default=0.25)
    ap.add_argument(
        "--fix",
        action="append",
        default=["NameAfterName=-2.5"],
        metavar="NAME=WEIGHT",
        help="keep a feature's final weight instead of fitting it",
    )
    args = ap.parse_args()

    names, in_use = table(args.rust)
    n = len(names)
    rows = [line.split() for line in open(args.features, encoding="utf-8")]
    y = np.array([float(r[0]) for r in rows])
    x = np.array([[float(v) for v in r[1 : 1 + n]] for r in rows])

    fixed = {}
    for item in args.fix:
        name, value = item.split("=")
        fixed[names.index(name)] = float(value) / args.scale
    free = [i for i in range(n) if i not in fixed]
    offset = sum(x[:, i] * v for i, v in fixed.items()) if fixed else np.zeros(len(y))
    xf = x[:, free]
    penalty = args.l2 * np.diag([0.0 if i == 0 else 1.0 for i in free])
    wf = np.zeros(len(free))
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(xf @ wf + offset)))
        grad = xf.T @ (p - y) + penalty @ wf
        hess = (xf.T * (p * (1 - p))) @ xf + penalty + 1e-6 * np.eye(len(free))
        wf -= np.linalg.solve(hess, grad)
    w = np.zeros(n)
    w[free] = wf
    for i, v in fixed.items():
        w[i] = v

    def loss(weights):  # weights as fitted, before scaling
        z = x @ weights
        return -np.mean(y * z - np.logaddexp(0, z))

    print(f"{len(y)} candidates, {int(y.sum())} wraps", file=sys.stderr)
    in_use_unscaled = in_use / args.scale
    in_use_unscaled[0] = w[0]
    print(
        f"log-loss (fitted bias): in use {loss(in_use_unscaled):.4f}, fitted {loss(w):.4f}",
        file=sys.stderr,
    )
    out = w * args.scale
    out[0] = args.bias
    for name, value in zip(names, out):
        print(f"    {value:.2f}, // {name}")


if __name__ == "__main__":
    main()
