#!/bin/sh
# bench.sh -- run the benchmark programs of BUILD (make bench,
# bench-verify, bench-shim, bench-smoke).
#
# Usage: sh tests/bench.sh decode|verify|shim|smoke BUILD
#   decode  BUILD/bench: ns per operation, then, when valgrind is there,
#           instructions per operation of every file and library under
#           callgrind, with OpenSSL's count over staple's;
#   verify  BUILD/bench_verify: the same per algorithm and provider for
#           decode + verify;
#   shim    BUILD/bench_shim: ns per handshake, then the client's
#           instructions for one handshake, without and with the shim;
#   smoke   every case of the three programs once, nothing timed: that
#           they run, not how fast (make ci).
# Instructions per operation are counted for 1 and for 3 operations and
# the difference halved, so one-time set-up is left out.  Numbers, not a
# test: nothing here fails on speed.
set -eu
mode=${1:?usage: bench.sh decode|verify|shim|smoke BUILD}
build=${2:?usage: bench.sh decode|verify|shim|smoke BUILD}
case $mode in
decode | verify | shim | smoke) ;;
*)
	echo "usage: bench.sh decode|verify|shim|smoke BUILD" >&2
	exit 2
	;;
esac
callgrind=no
if [ "$mode" != smoke ] && command -v valgrind >/dev/null 2>&1; then
	callgrind=yes
fi

# count FUNCTION N PROGRAM ARGS...: the instructions callgrind counts
# inside FUNCTION when PROGRAM runs N operations (its first argument)
# on ARGS; what the program prints is left in $build/cg.txt.
count() {
	fn=$1
	n=$2
	prog=$3
	shift 3
	valgrind --tool=callgrind --toggle-collect="$fn" \
		--callgrind-out-file="$build/cg.out" "$prog" "$n" "$@" \
		>"$build/cg.txt" 2>&1
	sed -n 's/^summary: //p' "$build/cg.out"
}
# per_op FUNCTION PROGRAM ARGS...: the instructions of one operation.
per_op() {
	a=$(count "$1" 1 "$2" "$3" "$4")
	b=$(count "$1" 3 "$2" "$3" "$4")
	echo $(((b - a) / 2))
}
# The first word of the first line the program printed: the case's name.
case_name() {
	awk '/^[a-z]/ { print $1; exit }' "$build/cg.txt"
}

# The programs' own tables first: ns per operation.
case $mode in
decode) "$build/bench" ;;
verify) "$build/bench_verify" ;;
shim) "$build/bench_shim" 200 ;;
esac
if [ "$mode" != smoke ] && [ $callgrind = no ]; then
	exit 0
fi

case $mode in
decode)
	echo "instructions per operation (callgrind: 3 operations minus 1,"
	echo "halved; decode is staple_decode alone; ratio: OpenSSL over staple):"
	libs=$("$build/bench" libs)
	printf '  %-26s' file
	for lib in $libs; do printf ' %10s' "$lib"; done
	printf ' %7s\n' ratio
	files=$("$build/bench" files)
	i=0
	while [ $i -lt "$files" ]; do
		row=
		staple=1
		openssl=0
		for lib in $libs; do
			n=$(per_op "bench_${lib}_once" "$build/bench" $i "$lib")
			eval "$lib=$n"
			row="$row $(printf '%10d' "$n")"
		done
		printf '  %-26s%s %6.1fx\n' "$(case_name)" "$row" \
			"$(echo "$openssl $staple" | awk '{ print $1 / $2 }')"
		i=$((i + 1))
	done
	;;
verify)
	echo "instructions per decode + verify (callgrind: 3 rounds minus 1,"
	echo "halved):"
	cases=$("$build/bench_verify" cases)
	c=0
	while [ $c -lt "$cases" ]; do
		for p in bearssl openssl; do
			n=$(per_op bench_once "$build/bench_verify" $c $p)
			# A provider that is not built prints no case name.
			[ -n "$(case_name)" ] || continue
			printf '  %-24s %-8s %10d\n' "$(case_name)" $p "$n"
		done
		c=$((c + 1))
	done
	;;
shim)
	echo "client instructions per handshake (callgrind):"
	for m in plain shim; do
		valgrind --tool=callgrind --toggle-collect=handshake_once \
			--callgrind-out-file="$build/cg.out" \
			"$build/bench_shim" 1 $m >/dev/null 2>&1
		printf '  %-6s %12d\n' $m \
			"$(sed -n 's/^summary: //p' "$build/cg.out")"
	done
	;;
smoke)
	files=$("$build/bench" files)
	i=0
	while [ $i -lt "$files" ]; do
		for lib in $("$build/bench" libs); do
			"$build/bench" 1 $i "$lib" >/dev/null
		done
		i=$((i + 1))
	done
	echo "bench: $files files once with each of: $("$build/bench" libs)"
	cases=$("$build/bench_verify" cases)
	c=0
	while [ $c -lt "$cases" ]; do
		for p in bearssl openssl; do
			"$build/bench_verify" 1 $c $p >/dev/null
		done
		c=$((c + 1))
	done
	echo "bench_verify: $cases cases once with each provider"
	for m in plain shim; do
		"$build/bench_shim" 1 $m >/dev/null
	done
	echo "bench_shim: one handshake plain, one through the shim"
	;;
esac
