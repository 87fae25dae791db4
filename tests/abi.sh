#!/bin/sh
# abi.sh BUILD CC [STAPLE_DEFS] -- a program built with other STAPLE_MAX_* limits than
# the library never makes it write or read outside its struct
# (tests/abi_limits.c): built with the library's limits, with smaller and
# with larger ones, each against BUILD/libstaple.a and BUILD/libstaple.so,
# and run on every response fixture (and ../shared/vectors when there).
set -eu
build=${1:-build}
cc=${2:-cc}
defs=${3:-} # the library's own limits, if not the defaults
dir=$build/abi
rm -rf "$dir"
mkdir -p "$dir"

files=$(ls tests/fixtures/*.der)
if [ -d ../shared/vectors ]; then
	files="$files $(find ../shared/vectors -name '*.der' | sort)"
fi

run() { # NAME same|other FLAGS...
	name=$1 expect=$2
	shift 2
	"$cc" -std=c99 -Wall -Wextra -Werror -Icore "$@" tests/abi_limits.c \
		"$build/libstaple.a" -o "$dir/$name-static"
	"$cc" -std=c99 -Wall -Wextra -Werror -Icore "$@" tests/abi_limits.c \
		-L"$build" -lstaple -o "$dir/$name-shared"
	# shellcheck disable=SC2086 # one word per file
	"$dir/$name-static" "$expect" $files > "$dir/$name-static.out" ||
		{ cat "$dir/$name-static.out"; exit 1; }
	tail -n 1 "$dir/$name-static.out"
	# shellcheck disable=SC2086
	LD_LIBRARY_PATH=$build "$dir/$name-shared" "$expect" $files \
		> "$dir/$name-shared.out" ||
		{ cat "$dir/$name-shared.out"; exit 1; }
	tail -n 1 "$dir/$name-shared.out"
}

# the shared build must be the one the program loads
ln -sf libstaple.so "$build/libstaple.so.0"
# shellcheck disable=SC2086 # one word per flag
run default same $defs
run small other -DSTAPLE_MAX_SINGLE=1 -DSTAPLE_MAX_CERTS=1
run large other -DSTAPLE_MAX_SINGLE=64 -DSTAPLE_MAX_CERTS=128
echo "abi: ok"
