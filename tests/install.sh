#!/bin/sh
# install.sh -- `make install` into a scratch root and back out again
# (make install-test).
#
# Usage: sh tests/install.sh BUILD
# Environment (from the Makefile): MAKE, CC, VERSION, SOMAJOR,
# STAPLE_DEFS, HAVE_OPENSSL.
# Installs with DESTDIR=BUILD/stage PREFIX=/usr and checks every file
# (tests/installed.sh), builds every C example of README.md against the
# stage through pkg-config alone and runs each on fixtures
# (tests/readme.sh), then uninstalls and checks nothing is left.
set -eu
build=${1:?usage: install.sh BUILD}
make=${MAKE:-make}
case $build in
/*) stage=$build/stage ;;
*) stage=$(pwd)/$build/stage ;;
esac

rm -rf "$stage"
$make --no-print-directory BUILD="$build" install DESTDIR="$stage" PREFIX=/usr
sh tests/installed.sh "$stage" /usr
sh tests/readme.sh "$stage" /usr
$make --no-print-directory BUILD="$build" uninstall DESTDIR="$stage" PREFIX=/usr
sh tests/installed.sh --empty "$stage"
echo "install-test: ok"
