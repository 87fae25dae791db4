#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build script for staple.
#
# Runs inside the base-builder image with $SRC/staple the checkout.  Uses
# only what the fuzzing infrastructure provides -- $CC, $CFLAGS (sanitizer
# and coverage flags already in it), $LIB_FUZZING_ENGINE (-fsanitize=fuzzer
# for libFuzzer, a library path such as /usr/lib/libFuzzingEngine.a for AFL
# and honggfuzz), $SRC and $OUT -- and the Makefile's fuzz-bins target, so
# this file never names a compiler, a sanitizer or a harness flag itself.
# Written in POSIX sh: OSS-Fuzz runs it with bash -eu, `make oss-fuzz-test`
# with sh -eu.
#
# Ships, for every harness NAME:
#   $OUT/NAME                   the fuzz target
#   $OUT/NAME_seed_corpus.zip   fuzz/corpus/NAME/, flat
#   $OUT/NAME.dict              fuzz/staple.dict (one dictionary for all)
#   $OUT/NAME.options           fuzz/NAME.options
# and $OUT/staple.dict, the file the options' `dict = staple.dict` names
# (ClusterFuzz reads that path relative to $OUT).
set -eu

cd "$SRC/staple"

# The harnesses are the Makefile's FUZZERS, one list for every build.
fuzzers=$(sed -n 's/^FUZZERS *= *//p' Makefile)
if [ -z "$fuzzers" ]; then
	echo "build.sh: no FUZZERS = line in the Makefile" >&2
	exit 1
fi
# MemorySanitizer needs every linked byte instrumented, and the libcrypto
# that fuzz_differential compares against, the BearSSL and libcrypto
# that fuzz_verify verifies signatures with and the BearSSL engine that
# fuzz_shim drives come uninstrumented from the distribution: under MSan
# they would report those libraries' own writes as uninitialised reads.
# project.yaml does not list memory; should it ever, those three
# harnesses are left out of that build.
if [ "${SANITIZER:-}" = memory ]; then
	kept=
	for h in $fuzzers; do
		case $h in
		fuzz_differential | fuzz_verify | fuzz_shim) ;;
		*) kept="$kept $h" ;;
		esac
	done
	fuzzers=$kept
fi

build=build/oss-fuzz
rm -rf "$build"
mkdir -p "$build/static"

# The runner that executes $OUT has none of the builder's apt packages, so
# every harness must carry BearSSL (the default crypto provider, which all
# of them link through the backends), libcrypto (fuzz_differential's
# oracle, and OpenSSL's provider) and libssl (the OpenSSL TLS backend, in
# the backends archive) inside it.  The Makefile links -lbearssl and
# `pkg-config --libs libssl libcrypto` (-lssl -lcrypto); a search
# directory ahead of the system ones that holds only libbearssl.a,
# libssl.a and libcrypto.a makes those resolve to the static archives.
# libcrypto.a's own needs (libdl, libpthread) are on every sanitizer
# runtime's link line already; BearSSL needs nothing.
libdir=$(pkg-config --variable=libdir libcrypto 2>/dev/null || true)
for lib in ssl crypto; do
	if [ -n "$libdir" ] && [ -f "$libdir/lib$lib.a" ]; then
		ln -s "$libdir/lib$lib.a" "$build/static/lib$lib.a"
	fi
done
# BearSSL has no pkg-config file: the compiler says where libbearssl.a is
# (Debian and Ubuntu's libbearssl-dev: /usr/lib/x86_64-linux-gnu).
bearssl=$($CC -print-file-name=libbearssl.a 2>/dev/null || true)
case $bearssl in
/*) ;;
*) bearssl=/usr/lib/x86_64-linux-gnu/libbearssl.a ;;
esac
if [ -f "$bearssl" ]; then
	ln -s "$bearssl" "$build/static/libbearssl.a"
else
	echo "build.sh: no libbearssl.a (apt-get install libbearssl-dev)" >&2
	exit 1
fi

make -j"$(nproc 2>/dev/null || echo 1)" BUILD="$build" CC="$CC" CFLAGS="$CFLAGS" \
	LDFLAGS="-L$(pwd)/$build/static" ENGINE="$LIB_FUZZING_ENGINE" \
	FUZZERS="$fuzzers" fuzz-bins

cp fuzz/staple.dict "$OUT/staple.dict"
for h in $fuzzers; do
	cp "$build/fuzzers/$h" "$OUT/$h"
	cp fuzz/staple.dict "$OUT/$h.dict"
	cp "fuzz/$h.options" "$OUT/$h.options"
	rm -f "$OUT/${h}_seed_corpus.zip"
	# A seed corpus is optional to OSS-Fuzz; `make oss-fuzz-test` insists.
	if [ -n "$(ls -A "fuzz/corpus/$h" 2>/dev/null)" ]; then
		(cd "fuzz/corpus/$h" && zip -q -r -X "$OUT/${h}_seed_corpus.zip" .)
	fi
done
