#!/bin/sh
# run.sh -- fuzz every harness for a while with libFuzzer (make fuzz-run).
#
# Usage: sh fuzz/run.sh DIR SECONDS JOBS HARNESS...
# DIR is the libFuzzer build (the Makefile's $(BUILD)/fuzz, harnesses in
# DIR/fuzzers).  Each HARNESS runs SECONDS seconds in libFuzzer's fork
# mode with JOBS jobs on fuzz/corpus/HARNESS, with the [libfuzzer]
# options of fuzz/HARNESS.options as flags (`dict = FILE` names a file in
# fuzz/); new inputs go to DIR/corpus/HARNESS, crashes to
# DIR/artifacts/HARNESS-*, the log to DIR/HARNESS.log.  Prints libFuzzer's
# last status line per harness; on a failure, the end of its log.
set -eu
usage="usage: run.sh DIR SECONDS JOBS HARNESS..."
dir=${1:?$usage}
seconds=${2:?$usage}
jobs=${3:?$usage}
shift 3
mkdir -p "$dir/artifacts"
for h in "$@"; do
	mkdir -p "$dir/corpus/$h"
	opts=$(sed -n \
		-e 's/^ *dict *= *\([^ ]*\) *$/-dict=fuzz\/\1/p' -e t \
		-e 's/^ *\([a-z_]*\) *= *\([^ ]*\) *$/-\1=\2/p' \
		"fuzz/$h.options" | tr '\n' ' ')
	echo "fuzz-run: $h for $seconds s, $jobs jobs $opts"
	log=$dir/$h.log
	# shellcheck disable=SC2086 # opts is a word list
	if ! "$dir/fuzzers/$h" -fork="$jobs" -max_total_time="$seconds" \
		$opts -artifact_prefix="$dir/artifacts/$h-" \
		"$dir/corpus/$h" "fuzz/corpus/$h" >"$log" 2>&1; then
		tail -n 40 "$log"
		exit 1
	fi
	grep -E '^#[0-9]+.*(DONE|INITED)|cov:' "$log" | tail -n 1
done
