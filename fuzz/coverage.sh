#!/bin/sh
# make coverage: line and branch coverage of core/*.c from the unit tests
# plus a replay of every committed corpus, with clang's source-based
# coverage.  Run from the top of the tree as `sh fuzz/coverage.sh
# [BUILD]`; everything goes to BUILD/cov/ (BUILD: build):
#   cov/check_staple, cov/staple   unit tests and the tool
#   cov/fuzzers/NAME               harnesses + fuzz/driver.c
#   cov/prof/*.profraw             one profile per process
#   cov/staple.profdata            the merged profile
#   cov/report.txt                 full `llvm-cov report`
#   cov/html/index.html            annotated sources
# Exits non-zero when a step fails (a build, a test, a replay, a tool), not
# because of the percentages.
set -eu

fail() {
	echo "coverage: FAIL: $*" >&2
	exit 1
}

if [ ! -f Makefile ] || [ ! -d core ]; then
	fail "run from the top of the staple tree (make coverage)"
fi
top=$(pwd)
cov=${1:-build}/cov
fuzzers=$(sed -n 's/^FUZZERS *= *//p' Makefile)
[ -n "$fuzzers" ] || fail "no FUZZERS = line in the Makefile"
make=${MAKE:-make}

# The LLVM tools must read the profile format of the clang that writes it:
# prefer the ones suffixed with clang's major version.
command -v clang >/dev/null 2>&1 || fail "clang is not installed"
major=$(clang --version | sed -n 's/.*clang version \([0-9][0-9]*\).*/\1/p' |
	head -n 1)
# llvm_tool NAME: the command for llvm-NAME, or nothing.
llvm_tool() {
	if [ -n "$major" ] && command -v "llvm-$1-$major" >/dev/null 2>&1; then
		echo "llvm-$1-$major"
	elif command -v "llvm-$1" >/dev/null 2>&1; then
		echo "llvm-$1"
	fi
}
llvm_profdata=$(llvm_tool profdata)
llvm_cov=$(llvm_tool cov)
[ -n "$llvm_profdata" ] || fail "neither llvm-profdata-$major nor llvm-profdata is installed"
[ -n "$llvm_cov" ] || fail "neither llvm-cov-$major nor llvm-cov is installed"

knobs="BUILD=$cov CC=clang"
cflags="-O0 -g -fprofile-instr-generate -fcoverage-mapping"
ldflags="-fprofile-instr-generate"

echo "coverage: building into $cov"
# shellcheck disable=SC2086 # knobs is a word list on purpose
$make $knobs CFLAGS="$cflags" LDFLAGS="$ldflags" \
	"$cov/check_staple" "$cov/staple" fuzz-bins ||
	fail "instrumented build"

rm -rf "$cov/prof" "$cov/html"
mkdir -p "$cov/prof"
# %p: Check forks a process per test, each must write its own profile;
# %m: the binary's signature, so two binaries never share a file.
case $cov in
/*) profile=$cov/prof/%p-%m.profraw ;;
*) profile=$top/$cov/prof/%p-%m.profraw ;;
esac

echo "coverage: unit tests"
# The Makefile's test target, so the tests see the same STAPLE_BIN,
# STAPLE_FIXTURES and STAPLE_VECTORS as under make check.
# shellcheck disable=SC2086
LLVM_PROFILE_FILE=$profile $make $knobs CFLAGS="$cflags" \
	LDFLAGS="$ldflags" test || fail "unit tests"

for h in $fuzzers; do
	[ -d "fuzz/corpus/$h" ] || fail "no corpus fuzz/corpus/$h"
	echo "coverage: replaying fuzz/corpus/$h" \
		"($(find "fuzz/corpus/$h" -type f | wc -l | tr -d ' ') files)"
	LLVM_PROFILE_FILE=$profile "$cov/fuzzers/$h" "fuzz/corpus/$h" \
		>"$cov/prof/$h.log" 2>&1 ||
		{ tail -n 20 "$cov/prof/$h.log" >&2; fail "replay of $h"; }
done

set -- "$cov"/prof/*.profraw
[ -f "$1" ] || fail "no profiles were written"
"$llvm_profdata" merge -sparse "$@" -o "$cov/staple.profdata" ||
	fail "llvm-profdata merge"

objects="$cov/check_staple -object $cov/staple"
for h in $fuzzers; do
	objects="$objects -object $cov/fuzzers/$h"
done
sources=$(ls core/*.c)

# shellcheck disable=SC2086 # objects and sources are word lists
"$llvm_cov" report $objects -instr-profile="$cov/staple.profdata" \
	$sources >"$cov/report.txt" || fail "llvm-cov report"
# shellcheck disable=SC2086
"$llvm_cov" show $objects -instr-profile="$cov/staple.profdata" \
	-format=html -output-dir="$cov/html" -show-branches=count \
	$sources >/dev/null || fail "llvm-cov show"

# llvm-cov report's columns: Filename, Regions, Missed Regions, Cover,
# Functions, Missed Functions, Executed, Lines, Missed Lines, Cover,
# Branches, Missed Branches, Cover: 13 fields on every row.
awk '
function pct(total, missed) {
	return total ? sprintf("%.1f%%", 100 * (total - missed) / total) : "-"
}
function row(name, l, lm, b, bm) {
	printf "%-22s %6d %6d %7s   %6d %6d %7s\n", name, l, lm, pct(l, lm), \
		b, bm, pct(b, bm)
}
BEGIN {
	printf "%-22s %6s %6s %7s   %6s %6s %7s\n", "file", "lines", "missed", \
		"cover", "branch", "missed", "cover"
}
$1 ~ /(^|\/)core\/[^\/]*\.c$/ || $1 ~ /^[^\/]*\.c$/ {
	if (NF != 13) {
		print "coverage: unexpected llvm-cov report row: " $0 > "/dev/stderr"
		bad = 1
		exit 1
	}
	name = $1
	sub(/.*\//, "", name)
	row("core/" name, $8, $9, $11, $12)
	l += $8; lm += $9; b += $11; bm += $12
	if (name == "der.c" || name == "time.c" || name == "ocsp.c") {
		dl += $8; dlm += $9; db += $11; dbm += $12
	}
	files++
}
END {
	if (bad)
		exit 1
	if (!files) {
		print "coverage: no core/*.c rows in llvm-cov report" > "/dev/stderr"
		exit 1
	}
	printf "\ncore: lines %s, branches %s\n", pct(l, lm), pct(b, bm)
	printf "decoder (der.c time.c ocsp.c): lines %s, branches %s\n", \
		pct(dl, dlm), pct(db, dbm)
}' "$cov/report.txt" || fail "could not read $cov/report.txt"
echo "coverage: full report $cov/report.txt, sources $cov/html/index.html"
