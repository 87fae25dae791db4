#!/bin/sh
# config.sh -- resolve the build's configuration once, into a make file.
#
# Usage: CC=... CFLAGS=... LDFLAGS=... ENGINE=... OPENSSL=yes|no \
#            STAPLE_DEFS=... sh tests/config.sh BUILD/config.mk
#
# The Makefile includes the file it writes, so its recipes print plain
# compiler command lines instead of shell conditionals.  It finds:
#   - the C compiler and BearSSL's header (bearssl.h, through the
#     compiler with CFLAGS, so -I... in CFLAGS counts).  When either is
#     missing, CONFIG_OK names the target `config-missing`, which stops
#     `make all` with one line (CONFIG_MISSING) saying what to install;
#   - the OpenSSL backend: built unless OPENSSL=no, when pkg-config finds
#     libssl and libcrypto (OPENSSL_CFLAGS, OPENSSL_OBJ, BACKEND_LIBS);
#   - the flags of Check, libcrypto (the tests' differential oracle) and
#     GnuTLS (an optional benchmark column), empty when absent.
# The file is rewritten only when its contents change, so the Makefile
# can run this on every invocation (a changed compiler, CFLAGS, LDFLAGS,
# fuzzing ENGINE, STAPLE_DEFS or OPENSSL rebuilds everything; the same
# ones rebuild nothing), and a note such as "OpenSSL backend left out" is
# said once.
set -eu
out=${1:?usage: config.sh BUILD/config.mk}
cc=${CC:-cc}
cflags=${CFLAGS:-}
openssl=${OPENSSL:-yes}
pkg=${PKG_CONFIG:-pkg-config}
notes=

have_pkg() { command -v "$pkg" >/dev/null 2>&1 && "$pkg" --exists "$@"; }
# pkg-config's flags on one line without trailing blanks, or nothing.
pkg_flags() {
	if have_pkg "$2"; then
		set -f
		# shellcheck disable=SC2046,SC2005 # split to drop extra blanks
		echo $("$pkg" "$1" "$2")
	fi
}
# Does the compiler, with CFLAGS, find bearssl.h?
have_bearssl() {
	# shellcheck disable=SC2086 # CC and CFLAGS are word lists
	printf '#include <bearssl.h>\n' |
		$cc $cflags -E -x c - >/dev/null 2>&1
}

# Make variables, expanded by make: single quotes on purpose.
# shellcheck disable=SC2016
ok='$(BUILD)/config.mk'
missing=
# The compiler's first word is the program (CC may carry flags).
set -f
# shellcheck disable=SC2086 # split CC into program and flags
set -- $cc
set +f
if ! command -v "$1" >/dev/null 2>&1; then
	ok=config-missing
	missing="C compiler '$1' not found: apt-get install gcc (or run make demo, which installs what it needs)"
elif ! have_bearssl; then
	ok=config-missing
	missing="BearSSL headers not found: apt-get install libbearssl-dev (or run make demo, which installs what it needs)"
fi

openssl_cflags=
openssl_libs=
openssl_obj=
if [ "$openssl" = no ]; then
	notes="OpenSSL backend left out (OPENSSL=no)"
elif have_pkg libssl libcrypto; then
	cf=$(pkg_flags --cflags 'libssl libcrypto')
	openssl_cflags="-DSTAPLE_HAVE_OPENSSL${cf:+ $cf}"
	openssl_libs=$(pkg_flags --libs 'libssl libcrypto')
	# shellcheck disable=SC2016 # make variables
	openssl_obj='$(BUILD)/backends/openssl_crypto.o $(BUILD)/backends/openssl_fetch.o'
else
	notes="OpenSSL backend left out (pkg-config finds no libssl/libcrypto: apt-get install libssl-dev)"
fi
have_openssl=no
[ -z "$openssl_obj" ] || have_openssl=yes

mkdir -p "$(dirname "$out")"
tmp=$out.tmp.$$
trap 'rm -f "$tmp"' EXIT
cat > "$tmp" <<EOF
# Written by tests/config.sh; \`make\` rewrites it when anything changes.
# CC = $cc
# CFLAGS = $cflags
# LDFLAGS = ${LDFLAGS:-}
# ENGINE = ${ENGINE:-}
# STAPLE_DEFS = ${STAPLE_DEFS:-}
# OPENSSL = $openssl
CONFIG_OK = $ok
CONFIG_MISSING = $missing
HAVE_OPENSSL = $have_openssl
OPENSSL_CFLAGS = $openssl_cflags
OPENSSL_LIBS = $openssl_libs
OPENSSL_OBJ = $openssl_obj
BACKEND_LIBS = -lbearssl${openssl_libs:+ $openssl_libs}
CHECK_CFLAGS = $(pkg_flags --cflags check)
CHECK_LIBS = $(pkg_flags --libs check)
LIBCRYPTO_CFLAGS = $(pkg_flags --cflags libcrypto)
LIBCRYPTO_LIBS = $(pkg_flags --libs libcrypto)
BENCH_GNUTLS_CFLAGS = $(if have_pkg gnutls; then cf=$(pkg_flags --cflags gnutls)
	echo "-DSTAPLE_BENCH_GNUTLS${cf:+ $cf}"; fi)
BENCH_GNUTLS_LIBS = $(pkg_flags --libs gnutls)
EOF
if cmp -s "$tmp" "$out"; then
	exit 0
fi
mv "$tmp" "$out"
if [ -n "$notes" ] && [ -z "$missing" ]; then
	echo "staple: $notes"
fi
