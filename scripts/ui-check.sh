#!/usr/bin/env bash
# Checks the live status page in a real browser: starts a throw-away
# nats-server and the worker, publishes articles (some of them bad), loads
# http://…/ in headless Chromium once the server-sent events have arrived,
# saves a screenshot, and asserts that the numbers the page shows equal the
# worker's /metrics. Installs Debian's chromium with apt-get when missing.
#
# Usage: scripts/ui-check.sh [OUT_DIR]   (default target/ui-check)
# Not part of scripts/test.sh: it needs root for apt-get on a fresh machine.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/lib.sh
out="${1:-$root/target/ui-check}"
mkdir -p "$out"

if ! command -v chromium >/dev/null; then
  echo "== installing chromium (apt-get)" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

echo "== building wire-enricher" >&2
cargo build --quiet
bin="$root/target/debug/wire-enricher"

work="$(mktemp -d)"
worker=""
cleanup() {
  [ -n "$worker" ] && kill "$worker" 2>/dev/null || true
  [ -n "${NATS_PID:-}" ] && kill "$NATS_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

start_nats "$work/nats"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
WIRE__HTTP__LISTEN="127.0.0.1:$port" WIRE__STATS__INTERVAL_MS=1000 WIRE__STATS__WORKER_ID=ui-check \
  WIRE__LOG__FORMAT=json "$bin" run >"$work/worker.log" 2>&1 &
worker=$!

# wait_for DESCRIPTION SECONDS COMMAND...: polls every 0.2 s.
wait_for() {
  local what="$1" secs="$2"; shift 2
  local end=$(( $(date +%s) + secs ))
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$end" ]; then
      echo "error: timed out waiting for $what; worker log:" >&2
      tail -n 30 "$work/worker.log" >&2
      exit 1
    fi
    kill -0 "$worker" 2>/dev/null || { echo "error: worker exited" >&2; cat "$work/worker.log" >&2; exit 1; }
    sleep 0.2
  done
}
wait_for "readiness" 30 curl -sf "$base/readyz"

# 30 good articles with distinct ids, one of the wrong JSON type, one not UTF-8.
python3 - "$work" <<'PY'
import json, sys
lines = [json.loads(l) for l in open("samples/articles.jsonl") if l.strip()]
good = [l for l in lines if isinstance(l.get("body"), str)]
with open(f"{sys.argv[1]}/feed.jsonl", "w") as f:
    for i in range(30):
        a = dict(good[i % len(good)])
        a["id"] = f"ui-check-{i}"
        f.write(json.dumps(a) + "\n")
    f.write(json.dumps({"id": "ui-check-bad", "body": 7}) + "\n")
open(f"{sys.argv[1]}/latin1.txt", "wb").write("Caf\u00e9 in Z\u00fcrich".encode("latin-1"))
PY
"$bin" publish --subject wire.raw.uicheck "$work/feed.jsonl" "$work/latin1.txt" 2>/dev/null

metric() { curl -sf "$base/metrics" | awk -v k="$1" 'index($0, k" ") == 1 { print $2 }'; }
settled() {
  [ "$(metric 'wire_articles_total{outcome="enriched"}')" = 30 ] &&
  [ "$(metric 'wire_articles_total{outcome="dead_lettered"}')" = 2 ]
}
wait_for "30 enriched and 2 dead letters in /metrics" 30 settled
curl -sf "$base/metrics" >"$out/metrics.txt"
# The page report is rebuilt once a second; wait until it has caught up.
caught_up() {
  curl -sf "$base/status.json" | python3 -c 'import json,sys; r=json.load(sys.stdin); sys.exit(0 if r["totals"]["enriched"]==30 and r["totals"]["deadLettered"]==2 else 1)'
}
wait_for "the status report to show the totals" 10 caught_up

chrome=(chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --hide-scrollbars --user-data-dir="$work/chrome")
echo "== loading $base/ in headless chromium" >&2
# The page keeps its event stream open, so load never "finishes": --timeout
# stops loading after 5 s of real time, by when several reports have arrived.
timeout 60 "${chrome[@]}" --timeout=5000 --dump-dom "$base/" >"$out/dom.html" 2>"$work/chrome-dom.log"
timeout 60 "${chrome[@]}" --timeout=5000 --window-size=1280,1000 \
  --screenshot="$out/status.png" "$base/" >/dev/null 2>"$work/chrome-shot.log"
[ -s "$out/status.png" ] || { echo "error: no screenshot; see chromium log:" >&2; cat "$work/chrome-shot.log" >&2; exit 1; }

python3 - "$out/dom.html" "$out/metrics.txt" <<'PY'
import re, sys
from html.parser import HTMLParser

class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.kinds, self.updates, self._id, self._row = {}, {}, 0, None, None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.updates = int(a.get("data-updates", "0"))
        if "id" in a and "data-value" in a:
            self.ids[a["id"]] = a["data-value"]
            self._id = a["id"]
        if tag == "tr" and "data-kind" in a:
            self._row = [a["data-kind"]]
        elif tag == "td" and self._row is not None:
            self._row.append("")
    def handle_data(self, data):
        if self._id:
            self.ids[self._id + ".text"] = data.strip()
            self._id = None
        if self._row is not None and len(self._row) > 1:
            self._row[-1] += data.strip()
    def handle_endtag(self, tag):
        if tag == "tr" and self._row is not None:
            self.kinds[self._row[0]] = int(self._row[3].replace(",", ""))
            self._row = None

page = Page()
page.feed(open(sys.argv[1]).read())
metrics = {}
for line in open(sys.argv[2]):
    if not line.startswith("#") and " " in line:
        name, value = line.rsplit(" ", 1)[0], line.rsplit(" ", 1)[1]
        metrics[name] = float(value)

failures = []
def check(what, shown, want):
    ok = shown == want
    print(f"  {'ok ' if ok else 'BAD'} {what}: page {shown}, /metrics {want}")
    if not ok:
        failures.append(what)

check("server-sent reports received", page.updates >= 1, True)
for elem, series in [
    ("total-enriched", 'wire_articles_total{outcome="enriched"}'),
    ("total-dead-lettered", 'wire_articles_total{outcome="dead_lettered"}'),
    ("total-retried", 'wire_articles_total{outcome="retried"}'),
]:
    want = int(metrics.get(series, 0))
    check(elem, int(page.ids.get(elem, "-1")), want)
    check(elem + " (text)", int(page.ids.get(elem + ".text", "-1").replace(",", "") or -1), want)
kinds = {m.group(1): int(v) for k, v in metrics.items()
         if (m := re.fullmatch(r'wire_dead_letters_total\{kind="([^"]+)"\}', k))}
check("dead letters by kind", page.kinds, kinds)
if failures:
    sys.exit(f"status page disagrees with /metrics: {failures}")
PY
echo "== ok: screenshot $out/status.png, DOM $out/dom.html" >&2
