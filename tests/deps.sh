#!/bin/sh
# deps.sh -- make sure what `make check` needs is here; install it on
# Debian when running as root, otherwise say what is missing.
missing=""
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
pkg-config --exists check 2>/dev/null || missing="$missing check"
command -v clang >/dev/null 2>&1 || missing="$missing clang"
command -v gcc >/dev/null 2>&1 || missing="$missing gcc"
command -v nm >/dev/null 2>&1 || missing="$missing binutils"
[ -n "$missing" ] || exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps.sh: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq $missing >/dev/null ||
		{ echo "deps.sh: apt-get install failed" >&2; exit 1; }
	exit 0
fi
echo "deps.sh: missing:$missing (install them, e.g. apt-get install$missing)" >&2
exit 1
