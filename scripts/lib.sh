# Shared helpers for the scripts: start a throw-away nats-server with
# JetStream on a free loopback port.

# start_nats DIR: starts nats-server with its store and ports file in DIR,
# sets NATS_PID and NATS_URL.
start_nats() {
  local dir="$1" bin
  bin="$("$(dirname "${BASH_SOURCE[0]}")/nats-server.sh")"
  mkdir -p "$dir/js"
  "$bin" -js -sd "$dir/js" -a 127.0.0.1 -p -1 --ports_file_dir "$dir" >"$dir/nats-server.log" 2>&1 &
  NATS_PID=$!
  for _ in $(seq 1 100); do
    local ports="$dir/nats-server_${NATS_PID}.ports"
    if [ -s "$ports" ]; then
      NATS_URL="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["nats"][0])' "$ports")"
      export NATS_URL
      return 0
    fi
    sleep 0.1
  done
  echo "error: nats-server did not start; see $dir/nats-server.log" >&2
  return 1
}
