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
# shellcheck source=build-go-tool.sh
. scripts/build-go-tool.sh
build_go_tool media LiveKit media/livekit livekit livekit-server "${LIVEKIT_BINARY:-}" \
  github.com/livekit/livekit-server/cmd/server "run without audio and video" "a few minutes"
