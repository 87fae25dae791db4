#!/bin/sh
# toollib.sh BUILD CC "CFLAGS LDFLAGS" "BACKEND_LIBS" -- libstapletool.a
# links on its own: every member of it (not only those a program happens
# to pull in, as lazy archive linking does), with a main() that uses
# nothing, against the backends, core and the backend libraries.  An
# undefined symbol (a function whose definition lives in the tool's
# main file, say) fails the link.
set -eu
build=${1:?usage: toollib.sh BUILD CC FLAGS BACKEND_LIBS}
cc=${2:?usage: toollib.sh BUILD CC FLAGS BACKEND_LIBS}
flags=${3-}
libs=${4-}
dir=$build/toollib
mkdir -p "$dir"
printf 'int main(void)\n{\n\treturn 0;\n}\n' >"$dir/main.c"
# shellcheck disable=SC2086 # flags and libs are word lists
if ! $cc $flags -o "$dir/main" "$dir/main.c" \
	-Wl,--whole-archive "$build/libstapletool.a" -Wl,--no-whole-archive \
	"$build/libstaplebackends.a" "$build/libstaple.a" $libs \
	>"$dir/link.log" 2>&1; then
	echo "toollib: libstapletool.a does not link on its own:"
	cat "$dir/link.log"
	exit 1
fi
"$dir/main"
echo "toollib: ok (libstapletool.a links whole, nothing undefined)"
