#!/bin/sh
# decoder.sh -- the decoder-only library is enough for a program that
# decodes (make decoder-test).
#
# Usage: sh tests/decoder.sh BUILD CC "CFLAGS"
# Links tests/decoder.c against BUILD/libstaple-decoder.a and nothing
# else of staple, and runs it on fixtures: each must decode to the
# statuses it holds (every SingleResponse of a response with three), and
# a response cut short must fail.
set -eu
usage="usage: decoder.sh BUILD CC CFLAGS"
build=${1:?$usage}
cc=${2:?$usage}
cflags=${3:-}
dir=$build/decoder
fx=${STAPLE_FIXTURES:-tests/fixtures}
mkdir -p "$dir"

# shellcheck disable=SC2086 # CC and CFLAGS are word lists
$cc $cflags -Icore tests/decoder.c "$build/libstaple-decoder.a" \
	-o "$dir/decoder"

# expect FIXTURE LINES...: what the program prints for FIXTURE.der.
expect() {
	f=$1
	shift
	got=$("$dir/decoder" "$fx/$f.der") || true
	want=$(printf '%s\n' "$@")
	if [ "$got" != "$want" ]; then
		printf 'decoder: %s.der printed\n%s\ninstead of\n%s\n' \
			"$f" "$got" "$want"
		exit 1
	fi
}
expect le-like-p256 "0: good"
expect revoked-key-compromise "0: revoked"
expect multi-3-entries "0: good" "1: revoked" "2: unknown"
head -c 100 "$fx/le-like-p256.der" >"$dir/cut.der"
if "$dir/decoder" "$dir/cut.der" >"$dir/cut.txt"; then
	echo "decoder: a response cut short decoded"
	exit 1
fi
echo "decoder-test: ok ($(cat "$dir/cut.txt") for a cut response)"
