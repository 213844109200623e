#!/usr/bin/env bash
# Runs every check: formatting, clippy with warnings as errors, and all tests
# (unit, property, golden, and integration tests on real nats-server
# processes that the tests start themselves). Installs nats-server first if
# needed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

command -v cargo >/dev/null || { echo "error: cargo is needed (https://rustup.rs)" >&2; exit 1; }
NATS_SERVER_BIN="$(scripts/nats-server.sh)"
export NATS_SERVER_BIN
echo "== nats-server: $NATS_SERVER_BIN ($("$NATS_SERVER_BIN" --version))"

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets --quiet -- -D warnings
echo "== cargo test"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
cargo test --all-targets --quiet 2>&1 | tee "$log" || status=$?
# One closing line for the whole run: every test binary's results summed.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i; if ($(i+1) ~ /^ignored/) s += $i } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
