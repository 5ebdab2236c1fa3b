#!/usr/bin/env bash
# Builds LiveKit's server from its Go module (media/livekit pins the version), once, into a
# cache outside the checkout so every clone on this machine shares it (the path is also what
# the server looks for; LIVEKIT_BINARY overrides both). Never committed. Without a Go
# toolchain, or if the build fails, Roundtable runs without media and says so.
#
# It builds only what the server will run: nothing with MEDIA=off, nothing when LIVEKIT_URL
# points at an existing LiveKit (the server's own configuration, docs/operations.md).
set -uo pipefail
cd "$(dirname "$0")/.."
if [ "${MEDIA:-}" = off ]; then
  echo "media: MEDIA=off, so LiveKit is not built."
  exit 0
fi
if [ -n "${LIVEKIT_URL:-}" ]; then
  echo "media: LIVEKIT_URL is set, so the local LiveKit is not built."
  exit 0
fi
want=$(sha256sum media/livekit/go.mod | cut -d' ' -f1)
dir=${ROUNDTABLE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/roundtable}/livekit-${want:0:12}
out=${LIVEKIT_BINARY:-$dir/livekit-server}
stamp=$out.built-from
if [ -x "$out" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then exit 0; fi
if ! command -v go >/dev/null 2>&1; then
  echo "media: no Go toolchain, so LiveKit is not built; Roundtable will run without audio and video." >&2
  exit 0
fi
echo "media: building LiveKit's server (first time only, a few minutes)..."
mkdir -p "$(dirname "$out")"
if (cd media/livekit && go build -o "$out.tmp" github.com/livekit/livekit-server/cmd/server); then
  mv "$out.tmp" "$out" && echo "$want" > "$stamp"
  echo "media: LiveKit built at $out"
else
  rm -f "$out.tmp"
  echo "media: the LiveKit build failed; Roundtable will run without audio and video." >&2
fi
exit 0
