#!/bin/sh
# suites.sh -- run the Check suites of BUILD/check_staple, each in a
# process of its own, as many at once as there are CPUs (SUITE_JOBS
# overrides).
#
# Usage: sh tests/suites.sh BUILD [SUITE...]
# Without SUITE names: the one CK_RUN_SUITE names when it is set, else
# every suite tests/check_main.c adds.  The tests find the tool, the
# fixtures and the public vectors through STAPLE_BIN (BUILD/staple),
# STAPLE_FIXTURES and STAPLE_VECTORS (../shared/vectors).  The suites
# NO_FORK_SUITES names run every test in the suite's own process
# (CK_FORK=no) instead of one forked process per test.
#
# Each suite writes BUILD/suites/NAME.log and prints one line when it
# ends: its name, ok or FAIL, and Check's summary.  A suite that runs no
# check fails (a name check_main.c does not know).  At the end, the
# failures and errors of every failed suite are printed again, with the
# path of its log; the exit status is 1 when any suite failed.
# The suites that took longest last time start first.
set -eu
build=${1:?usage: suites.sh BUILD [SUITE...]}
shift
dir=$build/suites

# sh suites.sh --one BUILD NAME: one suite (what xargs starts below).
if [ "$build" = --one ]; then
	build=$1
	name=$2
	dir=$build/suites
	log=$dir/$name.log
	start=$(date +%s)
	status=ok
	case " ${NO_FORK_SUITES:-} " in
	*" $name "*)
		CK_FORK=no
		export CK_FORK
		;;
	esac
	CK_RUN_SUITE=$name STAPLE_BIN=$build/staple \
		STAPLE_FIXTURES=${STAPLE_FIXTURES:-tests/fixtures} \
		STAPLE_VECTORS=${STAPLE_VECTORS:-../shared/vectors} \
		"$build/check_staple" >"$log" 2>&1 || status=FAIL
	summary=$(grep -E '^[0-9]+%: Checks: ' "$log" | tail -n 1 || true)
	case $summary in
	"" | *"Checks: 0,"*) status=FAIL ;;
	esac
	echo $(($(date +%s) - start)) >"$dir/$name.secs"
	[ "$status" = ok ] || : >"$dir/$name.failed"
	printf '%-12s %-4s %s (%s s)\n' "$name" "$status" \
		"${summary:-no summary}" "$(cat "$dir/$name.secs")"
	exit 0
fi

if [ $# -eq 0 ]; then
	if [ -n "${CK_RUN_SUITE:-}" ]; then
		set -- "$CK_RUN_SUITE"
	else
		# shellcheck disable=SC2046 # one word per suite
		set -- $(sed -n 's/.*[(, ]\([a-z0-9_]*\)_suite()).*/\1/p' \
			tests/check_main.c)
	fi
fi
[ $# -gt 0 ] || { echo "suites: no suite found in tests/check_main.c" >&2; exit 1; }
jobs=${SUITE_JOBS:-$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)}

mkdir -p "$dir"
for s in "$@"; do
	rm -f "$dir/$s.failed"
	printf '%s %s\n' "$(cat "$dir/$s.secs" 2>/dev/null || echo 0)" "$s"
done | sort -k1,1nr | awk '{ print $2 }' |
	xargs -n 1 -P "$jobs" sh "$0" --one "$build"

failed=
for s in "$@"; do
	[ -f "$dir/$s.failed" ] || continue
	failed="$failed $s"
	echo "---- suite $s failed (log: $dir/$s.log):"
	# Check's lines for failed and erroring tests; for a crash without
	# them, the end of the log.
	grep -E ':[FE]:' "$dir/$s.log" || tail -n 30 "$dir/$s.log"
done
if [ -n "$failed" ]; then
	echo "suites: FAILED:$failed"
	exit 1
fi
echo "suites: all $# passed"
