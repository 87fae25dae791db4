#!/bin/sh
# demo.sh -- the README's first command: a live staple over loopback.
#
# Starts `openssl s_server` on 127.0.0.1 (a free port) serving the TLS
# fixtures (tests/fixtures/tls: a leaf, its intermediate and the OCSP
# response the intermediate signed for it), then runs
#   staple fetch --cafile root.pem --servername localhost 127.0.0.1:PORT
# over the default backend, BearSSL with the stapling shim: the staple
# is asked for, fetched, decoded and verified against the chain.  The
# server is stopped by its PID whatever happens.
set -eu
bin=${STAPLE_BIN:-build/staple}
tls=${STAPLE_FIXTURES:-tests/fixtures}/tls
tmp=$(mktemp -d)
pid=
cleanup() {
	status=$?
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null || :
		wait "$pid" 2>/dev/null || :
	fi
	rm -rf "$tmp"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkfifo "$tmp/stdin"
# s_server quits when its stdin ends: hold the fifo open on fd 9
exec 9<>"$tmp/stdin"
openssl s_server -accept 127.0.0.1:0 -tls1_2 \
	-cert "$tls/leaf-ecdsa.pem" -key "$tls/leaf-ecdsa.key" \
	-cert_chain "$tls/int.pem" -status_file "$tls/staple-ecdsa.der" \
	<&9 >"$tmp/out" 2>&1 &
pid=$!
port=
for _ in $(seq 100); do
	port=$(sed -n 's/^ACCEPT 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$tmp/out")
	[ -n "$port" ] && break
	sleep 0.1
done
if [ -z "$port" ]; then
	echo "demo: s_server did not start:" >&2
	cat "$tmp/out" >&2
	exit 1
fi
echo "\$ staple fetch --cafile $tls/root.pem --servername localhost 127.0.0.1:$port"
"$bin" fetch --cafile "$tls/root.pem" --servername localhost "127.0.0.1:$port"
