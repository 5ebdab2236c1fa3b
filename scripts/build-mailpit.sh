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
# shellcheck source=build-go-tool.sh
. scripts/build-go-tool.sh
# Mailpit reports its version in its API and web UI; a plain `go build` would say "dev".
version=$(awk '$1 == "require" && $2 == "github.com/axllent/mailpit" { print $3 }' mail/mailpit/go.mod)
build_go_tool mail Mailpit mail/mailpit mailpit mailpit "${MAILPIT_BINARY:-}" \
  github.com/axllent/mailpit "print its mail (sign-in links) to the log" "about a minute" \
  -ldflags "-X github.com/axllent/mailpit/config.Version=$version"
