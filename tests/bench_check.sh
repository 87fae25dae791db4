#!/bin/sh
# bench_check.sh STAPLE [FIXTURES] -- how fast `staple check` probes many
# servers (make bench-check).
#
# Starts SERVERS `openssl s_server`s on 127.0.0.1 (leaf-ecdsa stapling
# staple-ecdsa; each serves one connection at a time, as s_server does),
# then checks TARGETS targets spread over them round-robin at --jobs 1, 4
# and 16, and prints the wall time and targets per second of each run;
# then 40 listeners that accept and never answer, checked with --timeout
# 2 --jobs 40, whose wall time shows the probes run side by side (serial
# would take 80 s).  Numbers, not a test: nothing here fails on speed; a
# run whose verdicts are not all as expected fails.
#
# Environment: TARGETS (200), SERVERS (16), JOBS ("1 4 16"), OPENSSL
# (openssl), PYTHON (python3, for the silent listeners).
set -eu
staple=${1:?usage: bench_check.sh STAPLE [FIXTURES]}
fixtures=${2:-tests/fixtures}
targets=${TARGETS:-200}
servers=${SERVERS:-16}
jobs=${JOBS:-"1 4 16"}
openssl=${OPENSSL:-openssl}
python=${PYTHON:-python3}
tls=$fixtures/tls

dir=$(mktemp -d)
pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null || :; done
	wait 2>/dev/null || :
	rm -rf "$dir"
}
trap cleanup EXIT INT TERM

now_ns() { date +%s%N; }

# s_server stops at the end of its stdin: every one reads a fifo that a
# sleep holds open for writing and never writes.
mkfifo "$dir/hold"
sleep 100000 >"$dir/hold" &
pids="$pids $!"

# s_server number $1 on an ephemeral port; its port into $dir/port.$1.
start_server() {
	"$openssl" s_server -accept 127.0.0.1:0 \
		-cert "$tls/leaf-ecdsa.pem" -key "$tls/leaf-ecdsa.key" \
		-cert_chain "$tls/int.pem" \
		-status_file "$tls/staple-ecdsa.der" \
		<"$dir/hold" >"$dir/out.$1" 2>&1 &
	pids="$pids $!"
	tries=0
	while ! grep -q '^ACCEPT' "$dir/out.$1" 2>/dev/null; do
		tries=$((tries + 1))
		[ $tries -lt 200 ] || {
			echo "bench_check: s_server $1 did not start:" >&2
			cat "$dir/out.$1" >&2
			exit 1
		}
		sleep 0.05
	done
	sed -n 's/^ACCEPT 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$dir/out.$1" \
		>"$dir/port.$1"
}

i=0
while [ $i -lt "$servers" ]; do
	start_server $i
	i=$((i + 1))
done
i=0
: >"$dir/targets"
while [ $i -lt "$targets" ]; do
	echo "127.0.0.1:$(cat "$dir/port.$((i % servers))")" >>"$dir/targets"
	i=$((i + 1))
done

echo "staple check: $targets loopback targets over $servers s_servers" \
	"(BearSSL, TLS 1.2, a good staple each)"
printf '  %-6s %10s %12s\n' jobs "wall s" "targets/s"
for j in $jobs; do
	start=$(now_ns)
	status=0
	"$staple" check --jobs "$j" --cafile "$tls/root.pem" \
		--servername localhost --targets "$dir/targets" \
		>"$dir/result" 2>&1 || status=$?
	end=$(now_ns)
	ok=$(grep -c '^OK - 127' "$dir/result" || :)
	if [ "$status" -ne 0 ] || [ "$ok" -ne "$targets" ]; then
		echo "bench_check: --jobs $j: exit $status, $ok OK of $targets:" >&2
		head -n 5 "$dir/result" >&2
		exit 1
	fi
	awk -v ns=$((end - start)) -v n="$targets" -v j="$j" 'BEGIN {
		printf "  %-6d %10.2f %12.1f\n", j, ns / 1e9, n / (ns / 1e9) }'
done

# 40 listeners that accept and say nothing.
"$python" -c '
import socket, sys, time
socks = []
for _ in range(40):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(64)
    socks.append(s)
print(" ".join("127.0.0.1:%d" % s.getsockname()[1] for s in socks))
sys.stdout.flush()
held = []
import select
while True:
    r, _, _ = select.select(socks, [], [], 120)
    if not r:
        break
    for s in r:
        held.append(s.accept()[0])
' >"$dir/silent" &
pids="$pids $!"
tries=0
while [ ! -s "$dir/silent" ]; do
	tries=$((tries + 1))
	[ $tries -lt 200 ] || { echo "bench_check: no silent listeners" >&2; exit 1; }
	sleep 0.05
done
start=$(now_ns)
status=0
# shellcheck disable=SC2046 # one argument per target
"$staple" check --timeout 2 --jobs 40 --cafile "$tls/root.pem" \
	--servername localhost $(cat "$dir/silent") >"$dir/result" 2>&1 ||
	status=$?
end=$(now_ns)
timeouts=$(grep -c '^UNKNOWN - 127' "$dir/result" || :)
if [ "$status" -ne 3 ] || [ "$timeouts" -ne 40 ]; then
	echo "bench_check: silent: exit $status, $timeouts UNKNOWN of 40" >&2
	head -n 5 "$dir/result" >&2
	exit 1
fi
awk -v ns=$((end - start)) 'BEGIN {
	printf "40 silent targets, --timeout 2 --jobs 40: %.2f s wall, " \
	       "each UNKNOWN (timeout)\n", ns / 1e9 }'
