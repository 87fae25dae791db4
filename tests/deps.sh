#!/bin/sh
# deps.sh -- make sure what `make check` needs is here (`deps.sh build`:
# what `make` and `make demo` need); install it on Debian when running as root,
# otherwise say what is missing.
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
command -v openssl >/dev/null 2>&1 || need openssl # the demo's server
if [ "${1:-}" = build ]; then
	: # the library, the tool and its backends only
else
pkg-config --exists check 2>/dev/null || need check
command -v gcc >/dev/null 2>&1 || need gcc
command -v clang >/dev/null 2>&1 || need clang
command -v nm >/dev/null 2>&1 || need binutils
command -v "${CROSS:-arm-none-eabi-}gcc" >/dev/null 2>&1 ||
	need gcc-arm-none-eabi # make cross
# the parser tests/test_cmd_check.c reads `staple check --format
# prometheus` back with (Debian's python3, where the package installs)
"${STAPLE_PYTHON:-/usr/bin/python3}" -c 'import prometheus_client' \
	>/dev/null 2>&1 || need python3-prometheus-client
command -v zip >/dev/null 2>&1 || need zip
command -v unzip >/dev/null 2>&1 || need unzip
command -v llvm-profdata >/dev/null 2>&1 ||
	command -v llvm-profdata-14 >/dev/null 2>&1 || need llvm
# libFuzzer's runtime: a one-line fuzzer must link.
if command -v clang >/dev/null 2>&1; then
	probe=$(mktemp -d)
	printf '%s\n' '#include <stdint.h>' '#include <stddef.h>' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)' \
		'{ (void)d; (void)n; return 0; }' > "$probe/f.c"
	clang -fsanitize=fuzzer "$probe/f.c" -o "$probe/f" >/dev/null 2>&1 ||
		need libclang-rt-dev
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
