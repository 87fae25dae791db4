#!/bin/sh
# regress.sh -- replay every committed corpus file, and every regression
# input of tests/regress/, through its harness (make fuzz-regress).
#
# Usage: sh fuzz/regress.sh DIR HARNESS...
# DIR holds the harness binaries (the Makefile's $(BUILD)/fuzzers); each
# HARNESS replays fuzz/corpus/HARNESS, then tests/regress/HARNESS when it
# exists.  Stops at the first failure, with the harness's exit status.
set -eu
dir=${1:?usage: regress.sh DIR HARNESS...}
shift
for h in "$@"; do
	echo "fuzz-regress: $h"
	"$dir/$h" "fuzz/corpus/$h"
	if [ -d "tests/regress/$h" ]; then
		"$dir/$h" "tests/regress/$h"
	fi
done
