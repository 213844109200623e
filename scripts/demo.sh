#!/usr/bin/env bash
# Runs the worker on the sample feed: starts a local nats-server with
# JetStream (unless NATS_URL is set), starts the worker, publishes samples/,
# prints the enriched records and the dead letters, then stops everything.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/lib.sh

command -v cargo >/dev/null || { echo "error: cargo is needed (https://rustup.rs)" >&2; exit 1; }
echo "== building wire-enricher" >&2
cargo build --quiet
bin="$root/target/debug/wire-enricher"

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "${NATS_PID:-}" ] && kill "$NATS_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${NATS_URL:-}" ]; then
  echo "== starting nats-server with JetStream" >&2
  start_nats "$work/nats"
fi
echo "== NATS at $NATS_URL" >&2

export WIRE__LOG__FORMAT=pretty
"$bin" run >"$work/worker.log" 2>&1 &
worker=$!
pids+=("$worker")
for _ in $(seq 1 100); do
  grep -q "consuming" "$work/worker.log" && break
  kill -0 "$worker" 2>/dev/null || { cat "$work/worker.log" >&2; exit 1; }
  sleep 0.1
done

articles=$(( $(grep -c . samples/articles.jsonl) + 1 ))
"$bin" tail --subject 'wire.enriched.>' --count "$((articles - 1))" --idle-ms 20000 >"$work/enriched.jsonl" &
tail_enriched=$!
"$bin" tail --subject 'wire.dlq.>' --count 1 --idle-ms 20000 >"$work/dlq.jsonl" 2>/dev/null &
tail_dlq=$!
pids+=("$tail_enriched" "$tail_dlq")
sleep 0.5

echo "== publishing $articles sample articles to wire.raw.demo" >&2
"$bin" publish --subject wire.raw.demo samples/articles.jsonl samples/seed-000.txt
wait "$tail_enriched" "$tail_dlq" || true

echo
echo "== enriched records (wire.enriched.demo)"
python3 - "$work/enriched.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    n, e = r["ninjs"], r["enrichment"]
    head = (n.get("headlines") or [{"value": "(no headline)"}])[0]["value"]
    print(f"- {n['uri']}")
    print(f"  headline:  {head}")
    print(f"  located:   {n.get('located', '-')}   language: {n.get('language', '-')}   words: {n['bodies'][0]['wordCount']}")
    print(f"  edits:     {e['normalization']['totals']['edits']} {dict(e['normalization']['totals']['byRule'])}")
    print(f"  trailers:  {e['normalization']['trailers']}")
    ents = [f"{x['type']}:{x['text']}" for x in e["entities"]]
    print(f"  entities:  {', '.join(ents[:12]) or '-'}")
    print(f"  topics:    {', '.join(t['label'] for t in e['topics'][:3]) or '-'}")
    print(f"  body:      {n['bodies'][0]['value'][:160]!r}...")
PY
echo
echo "== dead letters (wire.dlq.demo)"
cat "$work/dlq.jsonl"
echo
echo "== stopping the worker (SIGTERM)" >&2
kill -TERM "$worker"
wait "$worker" && echo "worker exited 0" >&2
