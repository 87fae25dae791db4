#!/bin/sh
# installed.sh -- what `make install` put into a staging root, or that
# `make uninstall` took it all away again.
#
# Usage: sh tests/installed.sh STAGE PREFIX   after make install
#        sh tests/installed.sh --empty STAGE  after make uninstall
# Environment (from the Makefile): VERSION, SOMAJOR, HAVE_OPENSSL (yes
# or no: was the OpenSSL backend built), STAPLE_DEFS.
#
# After install it checks:
#   - every file: headers (staple.h, staple/backend.h,
#     staple/bearssl/shim.h), libstaple.a, libstaple.so.VERSION and its
#     links, libstaplebackends.a, staple.pc and staple-backends.pc, the
#     tool and its man page;
#   - libstaple.so's SONAME is libstaple.so.SOMAJOR;
#   - libstaple.so exports only the public API: every defined dynamic
#     symbol (nm -D --defined-only) is declared in the installed staple.h,
#     none is staple_der_* or staple_ctx_* (core's internals), and
#     staple_decode is among them;
#   - the .pc files carry the flags a program must share with the
#     libraries: STAPLE_DEFS in staple's Cflags, -DSTAPLE_HAVE_OPENSSL and
#     -lssl in staple-backends' when the OpenSSL backend was built.
set -eu

fail() {
	echo "installed: $*" >&2
	exit 1
}

if [ "${1:-}" = --empty ]; then
	stage=${2:?usage: installed.sh --empty STAGE}
	left=$(find "$stage" ! -type d)
	[ -z "$left" ] || fail "make uninstall left: $left"
	echo "installed: make uninstall removed everything"
	exit 0
fi

stage=${1:?usage: installed.sh STAGE PREFIX}
prefix=${2:?usage: installed.sh STAGE PREFIX}
case $stage in /*) ;; *) stage=$(pwd)/$stage ;; esac
version=${VERSION:?VERSION not set}
somajor=${SOMAJOR:?SOMAJOR not set}
have_openssl=${HAVE_OPENSSL:?HAVE_OPENSSL not set}
root=$stage$prefix
lib=$root/lib
inc=$root/include

for f in "$inc/staple.h" "$inc/staple/backend.h" \
	"$inc/staple/bearssl/shim.h" "$lib/libstaple.a" \
	"$lib/libstaple.so.$version" "$lib/libstaplebackends.a" \
	"$lib/pkgconfig/staple.pc" "$lib/pkgconfig/staple-backends.pc" \
	"$root/share/man/man1/staple.1"; do
	[ -f "$f" ] || fail "missing $f"
done
[ -x "$root/bin/staple" ] || fail "missing $root/bin/staple"
for l in "libstaple.so.$somajor" libstaple.so; do
	[ "$(readlink "$lib/$l")" = "libstaple.so.$version" ] ||
		fail "$lib/$l is not a link to libstaple.so.$version"
done

so=$lib/libstaple.so.$version
soname=$(readelf -d "$so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = "libstaple.so.$somajor" ] ||
	fail "SONAME of $so is \"$soname\", not libstaple.so.$somajor"
echo "installed: SONAME $soname"

# Defined dynamic symbols, minus the linker's own (_init, _fini, ...).
syms=$(nm -D --defined-only "$so" | awk 'NF == 3 { print $3 }' |
	grep -v '^_' || :)
n=0
for s in $syms; do
	n=$((n + 1))
	case $s in
	staple_der_* | staple_ctx_*)
		fail "libstaple.so exports core's internal $s" ;;
	esac
	grep -Eq "(^|[^A-Za-z0-9_])$s([^A-Za-z0-9_]|\$)" "$inc/staple.h" ||
		fail "libstaple.so exports $s, which staple.h does not declare"
done
echo "$syms" | grep -qx staple_decode ||
	fail "libstaple.so does not export staple_decode ($n symbols)"
echo "installed: libstaple.so exports $n symbols, all declared in staple.h"

export PKG_CONFIG_SYSROOT_DIR="$stage"
export PKG_CONFIG_LIBDIR="$lib/pkgconfig"
# has WORD WORDS: is WORD one of WORDS?
has() {
	case " $2 " in
	*" $1 "*) return 0 ;;
	esac
	return 1
}
cflags=$(pkg-config --cflags staple)
for d in ${STAPLE_DEFS:-}; do
	has "$d" "$cflags" ||
		fail "staple.pc's Cflags lack $d (STAPLE_DEFS): $cflags"
done
backends=$(pkg-config --cflags --libs staple-backends)
for w in -lstaplebackends -lbearssl -lstaple; do
	has "$w" "$backends" || fail "staple-backends.pc lacks $w: $backends"
done
for w in -DSTAPLE_HAVE_OPENSSL -lssl -lcrypto; do
	if [ "$have_openssl" = yes ]; then
		has "$w" "$backends" ||
			fail "staple-backends.pc lacks OpenSSL's $w: $backends"
	elif has "$w" "$backends"; then
		fail "staple-backends.pc has $w, OpenSSL not built: $backends"
	fi
done
echo "installed: every file, staple.pc and staple-backends.pc's flags"
