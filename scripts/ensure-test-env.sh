#!/usr/bin/env bash
# Makes sure what the test suite needs is installed and running on this machine:
# Debian's Chromium (browser tests drive it with playwright-core; nothing is downloaded),
# a PostgreSQL server on 127.0.0.1:5432 (the second persistence backend), iproute2 and GLib
# for the media tests, and LiveKit's server and Mailpit built from their Go modules.
# Idempotent and quiet when everything is already there.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
# Media tests run in a network namespace of their own (ip netns, veth).
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
# @livekit/rtc-node's native library links against GLib.
ldconfig -p 2>/dev/null | grep -q 'libglib-2.0.so.0' || missing+=(libglib2.0-0)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test setup: installing ${missing[*]} from Debian's packages"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "test setup: starting PostgreSQL"
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

# Tests connect as postgres/postgres over TCP. A fresh Debian install asks for a password
# that nobody has set, so set it (a trust setup ignores it).
url=${TEST_DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/postgres}
if ! psql "$url" -qtAc 'select 1' >/dev/null 2>&1; then
  echo "test setup: setting the postgres user's password for local tests"
  as_root su postgres -c "psql -qc \"alter user postgres password 'postgres'\"" >/dev/null
fi
psql "$url" -qtAc 'select 1' >/dev/null

# The media tests run against a real LiveKit server, built once from its Go module. They start
# their own, whatever MEDIA or LIVEKIT_URL this shell has for `npm start`.
env -u MEDIA -u LIVEKIT_URL bash "$(dirname "$0")/build-livekit.sh"

# The mail tests send through a real Mailpit, built once from its Go module; they start their
# own, whatever MAIL or SMTP_URL this shell has for `npm start`.
env -u MAIL -u SMTP_URL bash "$(dirname "$0")/build-mailpit.sh"
