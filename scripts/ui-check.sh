#!/usr/bin/env bash
# Checks the live status page in a real browser: starts a throw-away
# nats-server and the worker, publishes articles (some of them bad), loads
# http://…/ in headless Chromium (driven over WebDriver by chromedriver),
# waits until the page has rendered reports from the server-sent events, saves
# a screenshot and the DOM, and asserts that the numbers the page shows equal
# the worker's /metrics. Installs Debian's chromium and chromium-driver with
# apt-get when missing.
#
# Usage: scripts/ui-check.sh [OUT_DIR]   (default target/ui-check)
# Not part of scripts/test.sh: it needs root for apt-get on a fresh machine.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/lib.sh
out="${1:-$root/target/ui-check}"
mkdir -p "$out"

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "== installing chromium and chromium-driver (apt-get)" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

echo "== building wire-enricher" >&2
cargo build --quiet
bin="$root/target/debug/wire-enricher"

work="$(mktemp -d)"
worker=""
driver=""
cleanup() {
  [ -n "$driver" ] && kill "$driver" 2>/dev/null || true
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

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
driver_port="$(free_port)"
chromedriver --port="$driver_port" --allowed-ips=127.0.0.1 >"$work/chromedriver.log" 2>&1 &
driver=$!
wait_for "chromedriver" 20 curl -sf "http://127.0.0.1:$driver_port/status"

echo "== loading $base/ in headless chromium" >&2
python3 - "http://127.0.0.1:$driver_port" "$base/" "$out" "$work/chrome" <<'PY'
# A minimal WebDriver client: open the page, wait until it has rendered two
# reports from /events, save its DOM and a screenshot.
import base64, json, sys, time, urllib.request

driver, page, out, profile = sys.argv[1:5]

def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(driver + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.load(resp)["value"]

args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--hide-scrollbars", "--window-size=1280,1000", f"--user-data-dir={profile}"]
session = call("POST", "/session", {"capabilities": {"alwaysMatch": {
    "browserName": "chrome",
    "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": args}}}})["sessionId"]
try:
    call("POST", f"/session/{session}/url", {"url": page})
    deadline = time.time() + 20
    while True:
        updates = call("POST", f"/session/{session}/execute/sync",
                       {"script": "return Number(document.body.dataset.updates)", "args": []})
        if updates >= 2:
            break
        if time.time() > deadline:
            sys.exit(f"the page rendered {updates} reports in 20 s")
        time.sleep(0.2)
    html = call("POST", f"/session/{session}/execute/sync",
                {"script": "return document.documentElement.outerHTML", "args": []})
    open(f"{out}/dom.html", "w").write(html)
    png = call("GET", f"/session/{session}/screenshot")
    open(f"{out}/status.png", "wb").write(base64.b64decode(png))
finally:
    call("DELETE", f"/session/{session}")
PY

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

check("server-sent reports rendered (at least 2)", page.updates >= 2, True)
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
