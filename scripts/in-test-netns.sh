#!/usr/bin/env bash
# Runs a command inside a network namespace of its own, so media traffic (LiveKit, WebRTC bots,
# browsers) never leaves this machine. libwebrtc ignores loopback when it gathers ICE
# candidates, so the namespace offers a veth pair whose both ends stay inside it:
# 10.77.0.1 (give it to LiveKit as rtc.node_ip) and 10.77.0.2, with a default route via v0.
# The namespace is deleted when the command ends; its exit code is preserved.
#
#   scripts/in-test-netns.sh npx vitest run --config vitest.media.config.ts
set -euo pipefail
if [ $# -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 64
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
ns="rt-$$-${RANDOM}"

cleanup() { "${sudo[@]}" ip netns delete "$ns" 2>/dev/null || true; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"${sudo[@]}" ip netns add "$ns"
"${sudo[@]}" ip -n "$ns" link set lo up
"${sudo[@]}" ip -n "$ns" link add v0 type veth peer name v1
"${sudo[@]}" ip -n "$ns" addr add 10.77.0.1/24 dev v0
"${sudo[@]}" ip -n "$ns" addr add 10.77.0.2/24 dev v1
"${sudo[@]}" ip -n "$ns" link set v0 up
"${sudo[@]}" ip -n "$ns" link set v1 up
# libwebrtc gathers no host candidate without a default route; it points into the namespace.
"${sudo[@]}" ip -n "$ns" route add default dev v0

# Back to the caller's user (and PATH, which sudo resets) inside the namespace, so files the
# command writes stay theirs.
as_caller=()
if [ "$(id -u)" -ne 0 ]; then as_caller=(sudo -E -u "$(id -un)" -- env "PATH=$PATH"); fi
set +e
"${sudo[@]}" ip netns exec "$ns" "${as_caller[@]}" "$@"
status=$?
set -e
exit "$status"
