#!/bin/bash
# The customer index at 100,000 customers: the per-key layout against the
# single document of earlier versions, side by side (bench/xref_scale.c).
# Prints figures, passes or fails nothing. Expects `make OUT=... core` to
# have built $OUT/libinforsync.a.
#
#   OUT=out bench/xref_scale.sh
#
# Settings (environment):
#   XREF_CUSTOMERS=100000  the customer recorded is this one, into an index of one fewer
#   XREF_REPS=7            records measured per layout and durability (medians)
#   XREF_LOOKUPS=201       lookups measured with the per-key layout (21 at most with the document)
#   BENCH_DIR=/tmp         where the index lives (a real disk: on tmpfs fsync costs nothing)
set -eu
cd "$(dirname "$0")/.."
root=$PWD
OUT=${OUT:-out}
case "$OUT" in /*) ;; *) OUT="$root/$OUT" ;; esac
lib="$OUT/libinforsync.a"
[ -e "$lib" ] || { echo "missing $lib: run make OUT=${OUT#"$root"/} core first" >&2; exit 1; }
bin="$OUT/bench/xref_scale"
mkdir -p "$OUT/bench"
# the flags of the Makefile's core
cc -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror -O2 $(pkg-config --cflags jansson libcrypto) -Isrc \
    bench/xref_scale.c "$lib" $(pkg-config --libs libcurl jansson libcrypto) -lpthread -o "$bin"

work=$(mktemp -d "${BENCH_DIR:-/tmp}/infor_sync_xref.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "index in $work ($(df -T "$work" | awk 'NR == 2 {print $2}'))"
"$bin" "$work" "${XREF_CUSTOMERS:-100000}" "${XREF_REPS:-7}" "${XREF_LOOKUPS:-201}"
