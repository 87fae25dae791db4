#!/bin/sh
# deps.sh -- make sure what a make target needs is here; install it on
# Debian when running as root, otherwise say what is missing.
#
# Usage: sh tests/deps.sh build|check|ci
#   build  what `make` and `make demo` need: a C compiler, pkg-config,
#          BearSSL, OpenSSL's headers and its command (the demo's server);
#   check  and what `make check`'s tests need: Check, Debian's python3
#          with prometheus_client (tests/test_cmd_check.c reads the tool's
#          Prometheus output back with it);
#   ci     and what `make ci` adds: gcc and clang, binutils, the Cortex-M
#          cross compiler, libFuzzer's runtime, LLVM (its symbolizer names
#          the frames of a fuzzing crash), zip and unzip (OSS-Fuzz seed
#          corpora), GnuTLS (the benchmark's third column).
mode=${1:-check}
case $mode in
build | check | ci) ;;
*)
	echo "usage: deps.sh build|check|ci" >&2
	exit 2
	;;
esac
missing=""
need() { missing="$missing $1"; }

command -v pkg-config >/dev/null 2>&1 || need pkg-config
command -v cc >/dev/null 2>&1 || need gcc
# BearSSL's header where Debian puts it, or where the compiler finds it
# (the probe of tests/config.sh, which `make` runs).
[ -f /usr/include/bearssl.h ] ||
	printf '#include <bearssl.h>\n' |
	${CC:-cc} -E -x c - >/dev/null 2>&1 || need libbearssl-dev
pkg-config --exists libssl libcrypto 2>/dev/null || need libssl-dev
command -v openssl >/dev/null 2>&1 || need openssl

if [ "$mode" != build ]; then
	pkg-config --exists check 2>/dev/null || need check
	# (Debian's python3, where the package installs)
	"${STAPLE_PYTHON:-/usr/bin/python3}" -c 'import prometheus_client' \
		>/dev/null 2>&1 || need python3-prometheus-client
fi

if [ "$mode" = ci ]; then
	command -v gcc >/dev/null 2>&1 || need gcc
	command -v clang >/dev/null 2>&1 || need clang
	command -v nm >/dev/null 2>&1 || need binutils
	command -v "${CROSS:-arm-none-eabi-}gcc" >/dev/null 2>&1 ||
		need gcc-arm-none-eabi
	command -v llvm-symbolizer >/dev/null 2>&1 ||
		command -v llvm-profdata >/dev/null 2>&1 || need llvm
	command -v zip >/dev/null 2>&1 || need zip
	command -v unzip >/dev/null 2>&1 || need unzip
	pkg-config --exists gnutls 2>/dev/null || need libgnutls28-dev
	# libFuzzer's runtime: a one-line fuzzer must link.
	if command -v clang >/dev/null 2>&1; then
		probe=$(mktemp -d)
		printf '%s\n' '#include <stdint.h>' '#include <stddef.h>' \
			'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)' \
			'{ (void)d; (void)n; return 0; }' >"$probe/f.c"
		clang -fsanitize=fuzzer "$probe/f.c" -o "$probe/f" \
			>/dev/null 2>&1 || need libclang-rt-dev
		rm -rf "$probe"
	else
		need libclang-rt-dev
	fi
fi
[ -n "$missing" ] || exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps.sh: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	# shellcheck disable=SC2086 # one word per package
	apt-get update -qq && apt-get install -y -qq $missing >/dev/null ||
		{ echo "deps.sh: apt-get install failed" >&2; exit 1; }
	exit 0
fi
echo "deps.sh: missing:$missing (install them, e.g. apt-get install$missing)" >&2
exit 1
