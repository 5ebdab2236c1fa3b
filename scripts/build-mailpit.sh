#!/usr/bin/env bash
# Builds Mailpit, the local mail server and inbox, from its Go module (mail/mailpit pins the
# version), once, into a cache outside the checkout so every clone on this machine shares it
# (the path is also what the server looks for; MAILPIT_BINARY overrides both). Never committed.
# Without a Go toolchain, or if the build fails, Roundtable prints its mail (sign-in links) to
# the log instead and says so.
#
# It builds only what the server will run: nothing with MAIL=off, nothing when SMTP_URL points
# at a real mail server (the server's own configuration, docs/operations.md).
set -uo pipefail
cd "$(dirname "$0")/.."
if [ "${MAIL:-}" = off ]; then
  echo "mail: MAIL=off, so Mailpit is not built."
  exit 0
fi
if [ -n "${SMTP_URL:-}" ]; then
  echo "mail: SMTP_URL is set, so the local Mailpit is not built."
  exit 0
fi
want=$(sha256sum mail/mailpit/go.mod | cut -d' ' -f1)
dir=${ROUNDTABLE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/roundtable}/mailpit-${want:0:12}
out=${MAILPIT_BINARY:-$dir/mailpit}
stamp=$out.built-from
if [ -x "$out" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then exit 0; fi
if ! command -v go >/dev/null 2>&1; then
  echo "mail: no Go toolchain, so Mailpit is not built; Roundtable will print its mail (sign-in links) to the log." >&2
  exit 0
fi
echo "mail: building Mailpit (first time only, about a minute)..."
mkdir -p "$(dirname "$out")"
# Mailpit reports its version in its API and web UI; a plain `go build` would say "dev".
version=$(awk '$1 == "require" && $2 == "github.com/axllent/mailpit" { print $3 }' mail/mailpit/go.mod)
if (cd mail/mailpit && go build -ldflags "-X github.com/axllent/mailpit/config.Version=$version" \
  -o "$out.tmp" github.com/axllent/mailpit); then
  mv "$out.tmp" "$out" && echo "$want" > "$stamp"
  echo "mail: Mailpit built at $out"
else
  rm -f "$out.tmp"
  echo "mail: the Mailpit build failed; Roundtable will print its mail (sign-in links) to the log." >&2
fi
exit 0
