# Sourced by build-livekit.sh and build-mailpit.sh: builds a program from a pinned Go wrapper
# module, once, into a cache outside the checkout keyed by the module's go.mod, so every clone
# on this machine shares one build and a new pin builds anew (the server computes the same path:
# apps/server/src/processes/built-binary.ts). Never committed. A missing Go toolchain or a
# failed build is said and is no stop: the server then runs without that part.
#
# build_go_tool PREFIX LABEL MODULE NAME FILE OVERRIDE PACKAGE WITHOUT HOW_LONG [go build flags]
#   PREFIX    what each message starts with ("media", "mail")
#   LABEL     the program as a person reads it ("LiveKit's server")
#   MODULE    the wrapper module's folder (media/livekit)
#   NAME      the cache folder's prefix (livekit); FILE the executable's name
#   OVERRIDE  a path that replaces the cache's (LIVEKIT_BINARY), or empty
#   PACKAGE   the Go package to build; WITHOUT what Roundtable does without it
build_go_tool() {
  local prefix=$1 label=$2 module=$3 name=$4 file=$5 override=$6 package=$7 without=$8
  local how_long=$9
  shift 9
  local want dir out stamp
  want=$(sha256sum "$module/go.mod" | cut -d' ' -f1)
  dir=${ROUNDTABLE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/roundtable}/$name-${want:0:12}
  out=${override:-$dir/$file}
  stamp=$out.built-from
  if [ -x "$out" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then return 0; fi
  if ! command -v go >/dev/null 2>&1; then
    echo "$prefix: no Go toolchain, so $label is not built; Roundtable will $without." >&2
    return 0
  fi
  echo "$prefix: building $label (first time only, $how_long)..."
  mkdir -p "$(dirname "$out")"
  if (cd "$module" && go build "$@" -o "$out.tmp" "$package"); then
    mv "$out.tmp" "$out" && echo "$want" > "$stamp"
    echo "$prefix: $label built at $out"
  else
    rm -f "$out.tmp"
    echo "$prefix: the $label build failed; Roundtable will $without." >&2
  fi
  return 0
}
