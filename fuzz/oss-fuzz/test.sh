#!/bin/sh
# make oss-fuzz-test: run fuzz/oss-fuzz/build.sh the way OSS-Fuzz does and
# check what it ships.  Run from the top of the tree as
# `sh fuzz/oss-fuzz/test.sh [BUILD]`; everything it makes stays in
# BUILD/oss-fuzz-test/ (BUILD: build).
#
# Three builds, with the variables OSS-Fuzz's `compile` sets:
#   1. libFuzzer + AddressSanitizer: LIB_FUZZING_ENGINE is a flag,
#      -fsanitize=fuzzer, and CFLAGS already holds -fsanitize=... flags;
#   2. libFuzzer + UndefinedBehaviorSanitizer, OSS-Fuzz's list of checks;
#   3. ASan with an engine that is a library path (as for AFL and
#      honggfuzz, where LIB_FUZZING_ENGINE=/usr/lib/libFuzzingEngine.a):
#      here an archive of the standalone replay driver fuzz/driver.c.
# Each build gets a fresh $SRC holding a copy of the tree as $SRC/staple
# (the files git would ship: tracked plus untracked-but-not-ignored) and a
# fresh $OUT.  For every harness in the Makefile's FUZZERS the check
# wants, in $OUT: an executable NAME that needs no shared library beyond
# libc and the compiler's runtime (the OSS-Fuzz runner has none of the
# builder's packages), a valid non-empty NAME_seed_corpus.zip, NAME.dict
# and NAME.options with a [libfuzzer] section (a `dict = FILE` in it must
# name a file in $OUT), and nothing else but staple.dict; then it runs
#   1. $OUT/NAME -runs=0 -dict=DICT OPTIONS CORPUS        (libFuzzer reads
#      the dictionary and the options as ClusterFuzz would, runs every seed
#      once, and complains about an unknown flag or a bad dictionary line)
#   2. $OUT/NAME CORPUS                                    (every seed, whole)
# and fails on a non-zero exit or any sanitizer or libFuzzer complaint.
set -eu

# The sanitizer options ClusterFuzz runs the targets with.
UBSAN_OPTIONS=print_stacktrace=1:print_summary=1:silence_unsigned_overflow=1
export UBSAN_OPTIONS

fail() {
	echo "oss-fuzz-test: FAIL: $*" >&2
	exit 1
}

if [ ! -f Makefile ] || [ ! -f fuzz/oss-fuzz/build.sh ]; then
	fail "run from the top of the staple tree (make oss-fuzz-test)"
fi
top=$(pwd)
case ${1:-build} in
/*) scratch=${1}/oss-fuzz-test ;;
*) scratch=$top/${1:-build}/oss-fuzz-test ;;
esac
fuzzers=$(sed -n 's/^FUZZERS *= *//p' Makefile)
[ -n "$fuzzers" ] || fail "no FUZZERS = line in the Makefile"
for tool in clang zip unzip pkg-config; do
	command -v $tool >/dev/null 2>&1 || fail "$tool is not installed"
done

rm -rf "$scratch"
mkdir -p "$scratch"

# The file list a clone would have (tracked or new, not ignored, not
# deleted); without git, everything but build/.
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git ls-files -c -o --exclude-standard | while IFS= read -r f; do
		if [ -f "$f" ]; then printf '%s\n' "$f"; fi
	done >"$scratch/files"
else
	find . -path ./build -prune -o -type f -print >"$scratch/files"
fi

# $1: name of the build; the rest: VAR=value assignments for build.sh.
build() {
	name=$1
	shift
	src=$scratch/$name/src
	out=$scratch/$name/out
	mkdir -p "$src/staple" "$out" "$scratch/$name/run"
	tar -cf - -T "$scratch/files" | (cd "$src/staple" && tar -xf -)
	cp fuzz/oss-fuzz/build.sh "$src/build.sh"
	echo "oss-fuzz-test: $name: building with fuzz/oss-fuzz/build.sh"
	if ! (cd "$src/staple" && env SRC="$src" OUT="$out" "$@" \
		sh -eu "$src/build.sh") >"$scratch/$name/build.log" 2>&1; then
		tail -n 40 "$scratch/$name/build.log" >&2
		fail "$name: build.sh failed (log: $scratch/$name/build.log)"
	fi
}

# $1: name of the build; $2: run mode, libfuzzer or driver.
check() {
	name=$1
	out=$scratch/$name/out
	run=$scratch/$name/run
	for h in $fuzzers; do
		[ -x "$out/$h" ] || fail "$name: $h: no executable \$OUT/$h"
		[ -s "$out/$h.dict" ] || fail "$name: $h: no \$OUT/$h.dict"
		[ -s "$out/$h.options" ] || fail "$name: $h: no \$OUT/$h.options"
		grep -q '^\[libfuzzer\]' "$out/$h.options" ||
			fail "$name: $h: $h.options has no [libfuzzer] section"
		zip=$out/${h}_seed_corpus.zip
		[ -s "$zip" ] || fail "$name: $h: no \$OUT/${h}_seed_corpus.zip"
		unzip -tq "$zip" >/dev/null || fail "$name: $h: corrupt $zip"

		# Shared libraries the runner would not have.
		extra=$(ldd "$out/$h" | awk '{ print $1 }' | grep -v -E \
			'^(linux-vdso|/lib.*/ld-linux|ld-linux)|^lib(c|m|dl|rt|pthread|util|resolv|gcc_s|stdc\+\+|c\+\+|c\+\+abi|unwind)\.so' ||
			true)
		[ -z "$extra" ] || fail "$name: $h: needs shared" \
			"libraries the OSS-Fuzz runner lacks: $extra"

		corpus=$run/$h
		rm -rf "$corpus"
		mkdir -p "$corpus"
		(cd "$corpus" && unzip -q "$zip")
		n=$(find "$corpus" -type f | wc -l | tr -d ' ')
		[ "$n" -gt 0 ] || fail "$name: $h: empty seed corpus"

		log=$run/$h.log
		if [ "$2" = libfuzzer ]; then
			# [libfuzzer] options as -key=value flags, as ClusterFuzz
			# does, a dict = FILE relative to $OUT; else NAME.dict.
			dict=$out/$h.dict
			opts=
			# shellcheck disable=SC2013 # key=value words, no spaces
			for kv in $(sed -n '/^\[libfuzzer\]/,/^\[/s/^ *\([a-z_]*\) *= *\([^ ]*\) *$/\1=\2/p' \
				"$out/$h.options"); do
				case $kv in
				dict=*) dict=$out/${kv#dict=} ;;
				*) opts="$opts -$kv" ;;
				esac
			done
			[ -s "$dict" ] || fail "$name: $h: $h.options names" \
				"dictionary ${dict#"$out"/}, not in \$OUT"
			# shellcheck disable=SC2086 # opts is a word list on purpose
			(cd "$run" && "$out/$h" -runs=0 -dict="$dict" $opts \
				-artifact_prefix="$run/$h-" "$corpus") >"$log" 2>&1 ||
				{ tail -n 30 "$log" >&2; fail "$name: $h: failed on its seed corpus"; }
			grep -q 'INITED' "$log" ||
				{ tail -n 30 "$log" >&2; fail "$name: $h: libFuzzer never loaded the corpus"; }
		else
			(cd "$run" && "$out/$h" "$corpus") >"$log" 2>&1 ||
				{ tail -n 30 "$log" >&2; fail "$name: $h: failed on its seed corpus"; }
			grep -q "^driver: $n inputs" "$log" ||
				{ tail -n 5 "$log" >&2; fail "$name: $h: did not run all $n seeds"; }
		fi
		if grep -E -q 'WARNING: unrecognized flag|ParseDictionaryFile|Sanitizer|runtime error:|ERROR: libFuzzer' "$log"; then
			grep -E 'WARNING: unrecognized flag|ParseDictionaryFile|Sanitizer|runtime error:|ERROR: libFuzzer' "$log" | head -n 5 >&2
			fail "$name: $h: complaints in $scratch/$name/run/$h.log"
		fi
		echo "oss-fuzz-test: $name: $h: ok ($n seeds, $(wc -c <"$zip" | tr -d ' ') byte zip)"
	done
	for f in "$out"/*; do
		f=${f##*/}
		[ "$f" != staple.dict ] || continue
		base=${f%_seed_corpus.zip}
		base=${base%.dict}
		base=${base%.options}
		case " $fuzzers " in
		*" $base "*) ;;
		*) fail "$name: unexpected file in \$OUT: $f" ;;
		esac
	done
}

# OSS-Fuzz's flags for libFuzzer + ASan on x86_64 (infra/base-images/
# base-builder: SANITIZER_FLAGS_address, COVERAGE_FLAGS_libfuzzer).
asan="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION -fsanitize=address -fsanitize-address-use-after-scope"

build libfuzzer CC=clang CXX=clang++ \
	CFLAGS="$asan -fsanitize=fuzzer-no-link" \
	CXXFLAGS="$asan -fsanitize=fuzzer-no-link" \
	LIB_FUZZING_ENGINE=-fsanitize=fuzzer \
	SANITIZER=address FUZZING_ENGINE=libfuzzer ARCHITECTURE=x86_64
check libfuzzer libfuzzer

# OSS-Fuzz's SANITIZER_FLAGS_undefined.  unsigned-integer-overflow (well
# defined in C) is reported but recoverable there, and ClusterFuzz runs
# with UBSAN_OPTIONS=silence_unsigned_overflow=1; so does check().
checks=array-bounds,bool,builtin,enum,float-divide-by-zero,function,integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift,signed-integer-overflow,unreachable,vla-bound,vptr
ubsan="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION -fsanitize=$checks,unsigned-integer-overflow -fno-sanitize-recover=$checks"
build undefined CC=clang CXX=clang++ \
	CFLAGS="$ubsan -fsanitize=fuzzer-no-link" \
	CXXFLAGS="$ubsan -fsanitize=fuzzer-no-link" \
	LIB_FUZZING_ENGINE=-fsanitize=fuzzer \
	SANITIZER=undefined FUZZING_ENGINE=libfuzzer ARCHITECTURE=x86_64
check undefined libfuzzer

mkdir -p "$scratch/engine"
# shellcheck disable=SC2086 # asan is a word list on purpose
clang $asan -c fuzz/driver.c -o "$scratch/engine/driver.o" ||
	fail "could not compile fuzz/driver.c for the library engine"
ar rcs "$scratch/engine/libFuzzingEngine.a" "$scratch/engine/driver.o"
build library-engine CC=clang CXX=clang++ \
	CFLAGS="$asan" CXXFLAGS="$asan" \
	LIB_FUZZING_ENGINE="$scratch/engine/libFuzzingEngine.a" \
	SANITIZER=address ARCHITECTURE=x86_64
check library-engine driver

echo "oss-fuzz-test: all passed (outputs in $scratch/*/out)"
