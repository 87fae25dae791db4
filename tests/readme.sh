#!/bin/sh
# readme.sh -- every C example of README.md, built against an installed
# staple and run, so the README cannot drift from the library.
#
# Usage: sh tests/readme.sh STAGE PREFIX
#   STAGE   a DESTDIR that `make install DESTDIR=STAGE PREFIX=PREFIX` filled
#   PREFIX  the PREFIX it was installed with (e.g. /usr)
# Environment: CC (default cc), STAPLE_FIXTURES (default tests/fixtures),
# README (default README.md).
#
# Each ```c block is copied literally into a file of its own and built
# with `$CC -std=c99 -Wall -Wextra -Wpedantic -Werror` and nothing but what
# pkg-config says, with PKG_CONFIG_SYSROOT_DIR=STAGE and PKG_CONFIG_LIBDIR
# in STAGE: staple-backends for a block that includes <staple/...>,
# staple for the others.  Every -I and -L must point into STAGE.  A block
# is recognised by what it calls, and run on fixtures:
#   the decode example (staple_decode, no staple_verify): on responses,
#     its status and nextUpdate must be what `staple decode --json` of the
#     installed tool says; on a cut response it must say "bad staple";
#   the verify example (staple_verify): a good and a revoked staple with
#     their issuer and leaf verify ("verified: good", "verified: revoked"),
#     the wrong leaf does not;
#   the shim example (staple_shim_init): against `openssl s_server` on
#     127.0.0.1 with -status_file, "stapled, verified: good"; against one
#     without, "no staple".  Servers are stopped by PID.
# A block of another kind fails the test: add how to run it here.
set -eu
stage=${1:?usage: readme.sh STAGE PREFIX}
prefix=${2:?usage: readme.sh STAGE PREFIX}
case $stage in /*) ;; *) stage=$(pwd)/$stage ;; esac
cc=${CC:-cc}
fix=${STAPLE_FIXTURES:-tests/fixtures}
readme=${README:-README.md}
tls=$fix/tls
libdir=$stage$prefix/lib
tmp=$(mktemp -d)
pids=
cleanup() {
	status=$?
	for p in $pids; do
		kill "$p" 2>/dev/null || :
		wait "$p" 2>/dev/null || :
	done
	rm -rf "$tmp"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
	echo "readme: $*" >&2
	exit 1
}

# $1: what it is; $2: the expected text; $3: the output
expect() {
	case $3 in
	*"$2"*) echo "readme: $1: ok ($2)" ;;
	*) fail "$1: expected \"$2\", got: $3" ;;
	esac
}

export PKG_CONFIG_SYSROOT_DIR="$stage"
export PKG_CONFIG_LIBDIR="$libdir/pkgconfig"
export LD_LIBRARY_PATH="$libdir"

awk -v dir="$tmp" '
	/^```c[ \t]*$/ { n++; file = dir "/example" n ".c"; inside = 1; next }
	/^```/ && inside { inside = 0; close(file); next }
	inside { print > file }
' "$readme"
set -- "$tmp"/example*.c
[ -f "$1" ] || fail "no \`\`\`c block in $readme"
echo "readme: $# C examples in $readme"

# build FILE.c: FILE, from the block and pkg-config only
build() {
	mod=staple
	if grep -q '^#include <staple/' "$1"; then
		mod=staple-backends
	fi
	flags=$(pkg-config --cflags --libs "$mod") ||
		fail "pkg-config $mod failed in $stage"
	for f in $flags; do
		case $f in
		-I"$stage"/* | -L"$stage"/*) ;;
		-I* | -L*) fail "$mod gives $f, outside $stage" ;;
		esac
	done
	# shellcheck disable=SC2086 # CC and the flags are word lists
	$cc -std=c99 -Wall -Wextra -Wpedantic -Werror -o "${1%.c}" "$1" \
		$flags || fail "$(basename "$1") ($mod) does not build: $flags"
	readelf -d "${1%.c}" | grep -q 'NEEDED.*\[libstaple\.so\.0\]' ||
		fail "$(basename "$1") is not linked to libstaple.so.0"
}

# DER copies of the PEM certificates the examples read
der() {
	openssl x509 -in "$1" -outform DER -out "$tmp/$2.der"
}
der "$tls/int.pem" int
der "$tls/leaf-ecdsa.pem" leaf-ecdsa
der "$tls/leaf-rsa.pem" leaf-rsa
der "$tls/root.pem" root

# The status and nextUpdate the installed tool reports for a response.
tool_says() {
	"$stage$prefix/bin/staple" decode --json "$1" | sed -n \
		's/.*"ocsp": *{"status": *"\([a-z_]*\)".*"next_update": *\([0-9-]*\).*/\1, next update \2 ms/p'
}

run_decode() {
	for r in le-like-p256 revoked-key-compromise multi-3-entries \
		no-next-update time-fraction; do
		want=$(tool_says "$fix/$r.der")
		[ -n "$want" ] || fail "staple decode --json $r.der: no ocsp object"
		out=$("$1" "$fix/$r.der") || fail "decode example failed on $r.der"
		[ "$out" = "$want" ] ||
			fail "decode example on $r.der: \"$out\", the tool: \"$want\""
		echo "readme: decode example, $r.der: ok ($out)"
	done
	head -c 100 "$fix/le-like-p256.der" > "$tmp/cut.der"
	if out=$("$1" "$tmp/cut.der"); then
		fail "decode example accepted a cut response: $out"
	fi
	expect "decode example, a cut response" "bad staple:" "$out"
}

run_verify() {
	out=$("$1" "$tls/staple-ecdsa.der" "$tmp/int.der" "$tmp/leaf-ecdsa.der") ||
		fail "verify example failed: $out"
	expect "verify example, good staple" "verified: good" "$out"
	out=$("$1" "$tls/staple-revoked.der" "$tmp/int.der" \
		"$tmp/leaf-ecdsa.der") || fail "verify example failed: $out"
	expect "verify example, revoked staple" "verified: revoked" "$out"
	if out=$("$1" "$tls/staple-ecdsa.der" "$tmp/int.der" \
		"$tmp/leaf-rsa.der"); then
		fail "verify example verified another leaf's staple: $out"
	fi
	expect "verify example, another leaf" "not verified:" "$out"
}

# server NAME [s_server options]: start s_server on 127.0.0.1, set port
server() {
	name=$1
	shift
	mkfifo "$tmp/$name.in"
	# s_server quits when its stdin ends: hold the fifo open
	exec 9<>"$tmp/$name.in"
	openssl s_server -accept 127.0.0.1:0 -tls1_2 \
		-cert "$tls/leaf-ecdsa.pem" -key "$tls/leaf-ecdsa.key" \
		-cert_chain "$tls/int.pem" "$@" \
		<&9 >"$tmp/$name.out" 2>&1 &
	pids="$pids $!"
	exec 9<&-
	port=
	for _ in $(seq 100); do
		port=$(sed -n 's/^ACCEPT 127\.0\.0\.1:\([0-9]*\)$/\1/p' \
			"$tmp/$name.out")
		[ -n "$port" ] && return 0
		sleep 0.1
	done
	cat "$tmp/$name.out" >&2
	fail "s_server ($name) did not start"
}

run_shim() {
	server stapling -status_file "$tls/staple-ecdsa.der"
	out=$("$1" localhost "$port" "$tmp/root.der") ||
		fail "shim example failed: $out"
	expect "shim example, stapling server" "stapled, verified: good" "$out"
	server plain
	if out=$("$1" localhost "$port" "$tmp/root.der"); then
		fail "shim example succeeded without a staple: $out"
	fi
	expect "shim example, server without a staple" "no staple" "$out"
}

for c in "$@"; do
	build "$c"
	bin=${c%.c}
	if grep -q 'staple_shim_init(' "$c"; then
		run_shim "$bin"
	elif grep -q 'staple_verify(' "$c"; then
		run_verify "$bin"
	elif grep -q 'staple_decode(' "$c"; then
		run_decode "$bin"
	else
		fail "$(basename "$c") (block $c of $readme): no known way to run it"
	fi
done
echo "readme: every C example builds against $stage and runs"
