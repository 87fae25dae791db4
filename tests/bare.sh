#!/bin/sh
# bare.sh BUILD -- the first `make` on a machine without BearSSL's headers
# stops with one line naming the package, before any compiler runs; and
# a build that has everything prints compiler lines, not the shell
# conditionals of its configuration.  BearSSL's absence is simulated with
# a compiler that looks in an empty sysroot.
set -eu
build=${1:-build}/bare
rm -rf "$build"
mkdir -p "$build/sysroot"
log=$build/make.log

if ${MAKE:-make} --no-print-directory BUILD="$build/out" \
	CC="cc --sysroot=$build/sysroot" all >"$log" 2>&1; then
	echo "bare: make succeeded without BearSSL's headers"; cat "$log"
	exit 1
fi
if ! grep -q '^staple: BearSSL headers not found: apt-get install libbearssl-dev' "$log"; then
	echo "bare: no line naming libbearssl-dev:"; cat "$log"
	exit 1
fi
if grep -q -e 'error:' -e '\.c:[0-9]' -e '^cc ' "$log"; then
	echo "bare: a compiler ran or failed:"; cat "$log"
	exit 1
fi

${MAKE:-make} --no-print-directory BUILD="$build/full" all >"$log" 2>&1 ||
	{ cat "$log"; exit 1; }
if grep -q -e 'pkg-config --exists' -e 'else ' -e '; then' "$log"; then
	echo "bare: the build log shows shell conditionals:"; cat "$log"
	exit 1
fi
echo "bare: ok (a missing BearSSL is one line; the build log is compiler lines)"
