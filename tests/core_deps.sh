#!/bin/sh
# core_deps.sh -- core compiled freestanding needs nothing from libc
# beyond memcmp, memcpy and memset, the three functions a freestanding C
# compiler may itself emit, and does not recurse (make core-deps).
#
# Usage: sh tests/core_deps.sh OUT "WARN" "ROOTS" CORE.c...
# Compiles every CORE.c with gcc -Os -ffreestanding and WARN (the
# Makefile's warnings, with -Werror added) into OUT, prints the worst-case
# stack depth of each of ROOTS from gcc's call graph (-fcallgraph-info,
# tests/callgraph.awk, which fails on a cycle), links the objects into
# one relocatable object and fails when it needs any other symbol.
set -eu
usage="usage: core_deps.sh OUT WARN ROOTS CORE.c..."
out=${1:?$usage}
warn=${2:?$usage}
roots=${3:?$usage}
shift 3
awk=$(pwd)/tests/callgraph.awk

rm -rf "$out"
mkdir -p "$out"
for f in "$@"; do
	# shellcheck disable=SC2086 # warn is a word list
	gcc $warn -Werror -Os -ffreestanding -fno-stack-protector \
		-fcallgraph-info=su -Icore -c "$f" \
		-o "$out/$(basename "$f" .c).o"
done
(cd "$out" && awk -v roots="$roots" -f "$awk" ./*.ci)
gcc -r -nostdlib -o "$out/all.o" "$out"/*.o
needs=$(nm -u "$out/all.o" | awk 'NF == 2 { print $2 }' | sort -u)
bad=$(printf '%s\n' "$needs" |
	grep -v -x -e memcmp -e memcpy -e memset || true)
if [ -n "$bad" ]; then
	echo "core-deps: core needs symbols beyond memcmp/memcpy/memset:" $bad
	exit 1
fi
echo "core-deps: freestanding core uses only:" $needs
