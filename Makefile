# staple -- plain POSIX make.  Every knob below can be set on the command
# line: make CC=clang CFLAGS=-O3 PREFIX=/usr
#
#   make              the libraries and the tool, in $(BUILD)
#   make demo         install what is missing, build, fetch a live staple
#   make check        the tests: every suite and the fuzz corpora, under
#                     ASan+UBSan (installs what is missing, as root)
#   make ci           the rest of CI: plain, -Os, gcc, clang, Cortex-M,
#                     install, OSS-Fuzz builds, short fuzz runs
#   make test         the suites of this build (CK_RUN_SUITE=NAME: one)
#   make decoder      $(BUILD)/libstaple-decoder.a, the decoder alone
#   make install      PREFIX, DESTDIR; uninstall
#   make bench, bench-verify, bench-shim, bench-check, cross, core-deps,
#   make fuzz, fuzz-run, fuzz-seeds, coverage: see each below

.POSIX:

# POSIX make has its own CC and CFLAGS (c99, -O1): ours are set, not
# defaulted with ?=, so they win over those (and over the environment's).
CC      = cc
CFLAGS  = -O2 -g
LDFLAGS =
PREFIX  ?= /usr/local
DESTDIR ?=
LIBDIR  ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
# The OpenSSL backend is built when pkg-config finds libssl and libcrypto;
# OPENSSL=no
# leaves it out.  BearSSL (-lbearssl) is always needed: it is the default.
OPENSSL ?= yes
# Build-time limits of core/staple.h (e.g. -DSTAPLE_MAX_SINGLE=8), given
# to every compilation of core, backends, tools and tests and written
# into staple.pc's Cflags, so programs built against the installed
# library share them.
STAPLE_DEFS ?=
# Where objects and results go; make check and make ci build their
# variants below it ($(BUILD)/asan, $(BUILD)/os, ...).
BUILD   ?= build
VERSION = 0.1.0
SOMAJOR = 0

# Every compilation of core, backends, tools, tests and harnesses: C99,
# the warnings, and the limits of STAPLE_DEFS.
WARN = -std=c99 -Wall -Wextra -Wpedantic -Wshadow -Wconversion $(STAPLE_DEFS)
# `staple check --jobs` runs its probes in POSIX threads.
THREAD_LIBS = -pthread
SANITIZE = -fsanitize=address,undefined -fno-sanitize-recover=all
SAN_CFLAGS = -O1 -g -fno-omit-frame-pointer $(SANITIZE)
# Core exports from libstaple.so only what core/staple.h marks public.
CORE_CFLAGS = $(WARN) $(CFLAGS) -fPIC -fvisibility=hidden -Icore
TOOL_CFLAGS = $(WARN) $(CFLAGS) -D_POSIX_C_SOURCE=200809L -Icore -Itools \
	-Ibackends
# The configuration, resolved once per make run by tests/config.sh (it
# rewrites the file only when something changed): CONFIG_OK, the OpenSSL
# backend's OPENSSL_CFLAGS, OPENSSL_LIBS and OPENSSL_OBJ, BACKEND_LIBS,
# the flags of Check, libcrypto and GnuTLS.  Every object depends on it,
# so a changed CC, CFLAGS, LDFLAGS, ENGINE, STAPLE_DEFS or OPENSSL
# rebuilds everything.
CONFIG = $(BUILD)/config.mk
include $(CONFIG)
BACKEND_CFLAGS = $(WARN) $(CFLAGS) -D_POSIX_C_SOURCE=200809L -fPIC -Icore \
	-Ibackends $(OPENSSL_CFLAGS)
BACKEND_H = backends/backend.h
SHIM_H = backends/bearssl/shim.h
BACKEND_OBJ = $(BUILD)/backends/backend.o $(BUILD)/backends/bearssl_crypto.o \
	$(BUILD)/backends/net.o $(BUILD)/backends/bearssl_shim.o \
	$(BUILD)/backends/bearssl_fetch.o $(OPENSSL_OBJ)

CORE_H = core/staple.h core/der.h core/oid.h core/verify.h
CORE_SRC = core/der.c core/time.c core/ocsp.c core/view.c core/oid.c \
	core/strerror.c core/x509.c core/sigalg.c core/verify.c core/ext.c \
	core/check.c
CORE_OBJ = $(CORE_SRC:core/%.c=$(BUILD)/core/%.o)
# What a program that calls staple_decode(), staple_single_at(),
# staple_ocsp_view() and staple_strerror() needs of core: the files of
# libstaple-decoder.a (make decoder; make decoder-test proves the list).
DECODER_SRC = core/der.c core/time.c core/ocsp.c core/view.c core/oid.c \
	core/strerror.c
DECODER_OBJ = $(DECODER_SRC:core/%.c=$(BUILD)/core/%.o)
# The entry points whose stack depth core-deps reports.
CORE_ROOTS = staple_decode staple_decode_abi staple_single_at staple_ocsp_view \
	staple_cert_decode staple_verify
TOOL_H = tools/tool.h
TOOL_OBJ = $(BUILD)/tools/staple.o $(TOOL_LIB_OBJ)
# The tool without its main(): what the fuzz harnesses link.
TOOL_LIB_OBJ = $(BUILD)/tools/cmd_decode.o $(BUILD)/tools/verify_setup.o \
	$(BUILD)/tools/cmd_fetch.o $(BUILD)/tools/cmd_check.o \
	$(BUILD)/tools/prom.o $(BUILD)/tools/json.o $(BUILD)/tools/text.o $(BUILD)/tools/pem.o \
	$(BUILD)/tools/name.o $(BUILD)/tools/buf.o $(BUILD)/tools/oid_format.o \
	$(BUILD)/tools/options.o $(BUILD)/tools/usage.o \
	$(BUILD)/tools/cert_format.o $(BUILD)/tools/tls_names.o
TEST_SRC = tests/check_main.c tests/util.c tests/test_der.c \
	tests/test_time.c tests/test_ocsp.c tests/test_negative.c \
	tests/test_prefix.c tests/test_view.c tests/test_vectors.c \
	tests/test_tool.c tests/test_differential.c fuzz/differential.c \
	tests/test_x509.c tests/test_verify.c tests/test_crypto.c \
	tests/loopback.c tests/test_loopback.c tests/test_shim.c \
	tests/test_fetch.c tests/test_input.c tests/test_abi.c tests/test_ext.c \
	tests/test_check.c tests/test_cmd_check.c tests/der_build.c \
	tests/base_response.c fuzz/json_check.c fuzz/text_check.c

all: $(CONFIG_OK) $(BUILD)/libstaple.a $(BUILD)/libstaple.so \
	$(BUILD)/libstaplebackends.a $(BUILD)/staple

$(CONFIG): FORCE
	@CC='$(CC)' CFLAGS='$(CFLAGS)' LDFLAGS='$(LDFLAGS)' ENGINE='$(ENGINE)' \
		OPENSSL='$(OPENSSL)' STAPLE_DEFS='$(STAPLE_DEFS)' \
		sh tests/config.sh $@
FORCE:

# What CONFIG_OK names when the compiler or BearSSL's headers are
# missing: one line that says what to install, before any compiler runs.
config-missing:
	@echo "staple: $(CONFIG_MISSING)" >&2
	@false

# The README's first command: install what the build and the demo need
# when missing (as root on Debian), build, then fetch a live staple from
# an openssl s_server on loopback over BearSSL (tests/demo.sh).
demo:
	sh tests/deps.sh build
	$(MAKE) all
	STAPLE_BIN=$(BUILD)/staple sh tests/demo.sh

# ---- core library --------------------------------------------------------

$(BUILD)/core/der.o: core/der.c $(CORE_H) $(CONFIG)
	@mkdir -p $(BUILD)/core
	$(CC) $(CORE_CFLAGS) -c core/der.c -o $@
$(BUILD)/core/time.o: core/time.c $(CORE_H) $(CONFIG)
	@mkdir -p $(BUILD)/core
	$(CC) $(CORE_CFLAGS) -c core/time.c -o $@
$(BUILD)/core/ocsp.o: core/ocsp.c $(CORE_H) $(CONFIG)
	@mkdir -p $(BUILD)/core
	$(CC) $(CORE_CFLAGS) -c core/ocsp.c -o $@
$(BUILD)/core/view.o: core/view.c $(CORE_H) $(CONFIG)
	@mkdir -p $(BUILD)/core
	$(CC) $(CORE_CFLAGS) -c core/view.c -o $@
$(BUILD)/core/oid.o: core/oid.c $(CORE_H) $(CONFIG)
	@mkdir -p $(BUILD)/core
	$(CC) $(CORE_CFLAGS) -c core/oid.c -o $@
$(BUILD)/core/strerror.o: core/strerror.c $(CORE_H) $(CONFIG)
	@mkdir -p $(BUILD)/core
	$(CC) $(CORE_CFLAGS) -c core/strerror.c -o $@
$(BUILD)/core/x509.o: core/x509.c $(CORE_H) $(CONFIG)
	@mkdir -p $(BUILD)/core
	$(CC) $(CORE_CFLAGS) -c core/x509.c -o $@
$(BUILD)/core/sigalg.o: core/sigalg.c $(CORE_H) $(CONFIG)
	@mkdir -p $(BUILD)/core
	$(CC) $(CORE_CFLAGS) -c core/sigalg.c -o $@
$(BUILD)/core/verify.o: core/verify.c $(CORE_H) $(CONFIG)
	@mkdir -p $(BUILD)/core
	$(CC) $(CORE_CFLAGS) -c core/verify.c -o $@

$(BUILD)/core/ext.o: core/ext.c $(CORE_H) $(CONFIG)
	@mkdir -p $(BUILD)/core
	$(CC) $(CORE_CFLAGS) -c core/ext.c -o $@
$(BUILD)/core/check.o: core/check.c $(CORE_H) $(CONFIG)
	@mkdir -p $(BUILD)/core
	$(CC) $(CORE_CFLAGS) -c core/check.c -o $@

$(BUILD)/libstaple.a: $(CORE_OBJ)
	rm -f $@
	ar rcs $@ $(CORE_OBJ)

$(BUILD)/libstaple-decoder.a: $(DECODER_OBJ)
	rm -f $@
	ar rcs $@ $(DECODER_OBJ)

decoder: $(CONFIG_OK) $(BUILD)/libstaple-decoder.a

$(BUILD)/libstaple.so: $(CORE_OBJ)
	$(CC) -shared -Wl,-soname,libstaple.so.$(SOMAJOR) $(LDFLAGS) \
		-o $@ $(CORE_OBJ)

# ---- backends: crypto providers and TLS ----------------------------------

$(BUILD)/backends/backend.o: backends/backend.c $(BACKEND_H) $(CORE_H) \
		$(CONFIG_OK)
	@mkdir -p $(BUILD)/backends
	$(CC) $(BACKEND_CFLAGS) -c backends/backend.c -o $@
$(BUILD)/backends/bearssl_crypto.o: backends/bearssl/crypto.c $(BACKEND_H) \
		$(CORE_H) $(CONFIG_OK)
	@mkdir -p $(BUILD)/backends
	$(CC) $(BACKEND_CFLAGS) -c backends/bearssl/crypto.c -o $@
# Built only when OPENSSL_OBJ lists them (OpenSSL found, OPENSSL not no).
$(BUILD)/backends/openssl_crypto.o: backends/openssl/crypto.c $(BACKEND_H) \
		$(CORE_H) $(CONFIG_OK)
	@mkdir -p $(BUILD)/backends
	$(CC) $(BACKEND_CFLAGS) -c backends/openssl/crypto.c -o $@

$(BUILD)/backends/net.o: backends/net.c backends/net.h $(BACKEND_H) $(CORE_H) \
		$(CONFIG_OK)
	@mkdir -p $(BUILD)/backends
	$(CC) $(BACKEND_CFLAGS) -c backends/net.c -o $@
$(BUILD)/backends/bearssl_shim.o: backends/bearssl/shim.c $(SHIM_H) \
		backends/tls_cursor.h $(CONFIG_OK)
	@mkdir -p $(BUILD)/backends
	$(CC) $(BACKEND_CFLAGS) -c backends/bearssl/shim.c -o $@
$(BUILD)/backends/bearssl_fetch.o: backends/bearssl/fetch.c $(SHIM_H) \
		backends/net.h $(BACKEND_H) $(CORE_H) $(CONFIG_OK)
	@mkdir -p $(BUILD)/backends
	$(CC) $(BACKEND_CFLAGS) -c backends/bearssl/fetch.c -o $@
$(BUILD)/backends/openssl_fetch.o: backends/openssl/fetch.c backends/net.h \
		backends/tls_cursor.h $(BACKEND_H) $(CORE_H) $(CONFIG_OK)
	@mkdir -p $(BUILD)/backends
	$(CC) $(BACKEND_CFLAGS) -c backends/openssl/fetch.c -o $@

$(BUILD)/libstaplebackends.a: $(BACKEND_OBJ)
	rm -f $@
	ar rcs $@ $(BACKEND_OBJ)

# ---- the tool ------------------------------------------------------------

$(BUILD)/tools/staple.o: tools/staple.c $(TOOL_H) $(CORE_H) \
		$(CONFIG)
	@mkdir -p $(BUILD)/tools
	$(CC) $(TOOL_CFLAGS) -c tools/staple.c -o $@
$(BUILD)/tools/cmd_decode.o: tools/cmd_decode.c $(TOOL_H) $(CORE_H) \
		$(CONFIG)
	@mkdir -p $(BUILD)/tools
	$(CC) $(TOOL_CFLAGS) -c tools/cmd_decode.c -o $@
$(BUILD)/tools/json.o: tools/json.c $(TOOL_H) $(CORE_H) \
		$(CONFIG)
	@mkdir -p $(BUILD)/tools
	$(CC) $(TOOL_CFLAGS) -c tools/json.c -o $@
$(BUILD)/tools/text.o: tools/text.c $(TOOL_H) $(CORE_H) \
		$(CONFIG)
	@mkdir -p $(BUILD)/tools
	$(CC) $(TOOL_CFLAGS) -c tools/text.c -o $@
$(BUILD)/tools/pem.o: tools/pem.c $(TOOL_H) $(CORE_H) \
		$(CONFIG)
	@mkdir -p $(BUILD)/tools
	$(CC) $(TOOL_CFLAGS) -c tools/pem.c -o $@
$(BUILD)/tools/name.o: tools/name.c $(TOOL_H) $(CORE_H) \
		$(CONFIG)
	@mkdir -p $(BUILD)/tools
	$(CC) $(TOOL_CFLAGS) -c tools/name.c -o $@

$(BUILD)/tools/buf.o: tools/buf.c $(TOOL_H) $(CORE_H) \
		$(CONFIG)
	@mkdir -p $(BUILD)/tools
	$(CC) $(TOOL_CFLAGS) -c tools/buf.c -o $@
$(BUILD)/tools/options.o: tools/options.c $(TOOL_H) $(CORE_H) \
		$(CONFIG)
	@mkdir -p $(BUILD)/tools
	$(CC) $(TOOL_CFLAGS) -c tools/options.c -o $@
$(BUILD)/tools/usage.o: tools/usage.c $(TOOL_H) $(CORE_H) \
		$(CONFIG)
	@mkdir -p $(BUILD)/tools
	$(CC) $(TOOL_CFLAGS) -c tools/usage.c -o $@
$(BUILD)/tools/cert_format.o: tools/cert_format.c $(TOOL_H) $(CORE_H) \
		$(BACKEND_H) $(CONFIG)
	@mkdir -p $(BUILD)/tools
	$(CC) $(TOOL_CFLAGS) -c tools/cert_format.c -o $@
$(BUILD)/tools/oid_format.o: tools/oid_format.c $(TOOL_H) $(CORE_H) \
		$(CONFIG)
	@mkdir -p $(BUILD)/tools
	$(CC) $(TOOL_CFLAGS) -c tools/oid_format.c -o $@

$(BUILD)/tools/tls_names.o: tools/tls_names.c $(TOOL_H) $(CORE_H) \
		$(CONFIG)
	@mkdir -p $(BUILD)/tools
	$(CC) $(TOOL_CFLAGS) -c tools/tls_names.c -o $@

$(BUILD)/tools/cmd_fetch.o: tools/cmd_fetch.c tools/probe.h $(TOOL_H) \
		$(CORE_H) $(BACKEND_H) $(CONFIG)
	@mkdir -p $(BUILD)/tools
	$(CC) $(TOOL_CFLAGS) $(OPENSSL_CFLAGS) -c tools/cmd_fetch.c -o $@
$(BUILD)/tools/cmd_check.o: tools/cmd_check.c tools/probe.h $(TOOL_H) \
		$(CORE_H) $(BACKEND_H) $(CONFIG)
	@mkdir -p $(BUILD)/tools
	$(CC) $(TOOL_CFLAGS) -pthread $(OPENSSL_CFLAGS) -c tools/cmd_check.c -o $@
$(BUILD)/tools/prom.o: tools/prom.c $(TOOL_H) $(CORE_H) $(CONFIG)
	@mkdir -p $(BUILD)/tools
	$(CC) $(TOOL_CFLAGS) -c tools/prom.c -o $@
$(BUILD)/tools/verify_setup.o: tools/verify_setup.c $(TOOL_H) $(CORE_H) \
		$(BACKEND_H) $(CONFIG)
	@mkdir -p $(BUILD)/tools
	$(CC) $(TOOL_CFLAGS) $(OPENSSL_CFLAGS) -c tools/verify_setup.c -o $@

$(BUILD)/staple: $(TOOL_OBJ) $(BUILD)/libstaplebackends.a $(BUILD)/libstaple.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(TOOL_OBJ) \
		$(BUILD)/libstaplebackends.a $(BUILD)/libstaple.a $(BACKEND_LIBS) \
		$(THREAD_LIBS)

$(BUILD)/libstapletool.a: $(TOOL_LIB_OBJ)
	rm -f $@
	ar rcs $@ $(TOOL_LIB_OBJ)

# ---- tests ---------------------------------------------------------------

# `make check`: what a change must pass.  Installs what its tests need
# when it is missing (as root on Debian, tests/deps.sh), then one build
# under AddressSanitizer and UndefinedBehaviorSanitizer, in $(BUILD)/asan:
# every Check suite, each in a process of its own (tests/suites.sh), and
# every committed fuzz corpus replayed through its harness.
check:
	sh tests/deps.sh check
	$(MAKE) BUILD=$(BUILD)/asan CFLAGS="$(SAN_CFLAGS)" \
		LDFLAGS="$(SANITIZE)" TEST_TIMEOUT=4 test fuzz-regress
	@echo "make check: all passed"

# `make ci`: the rest of what CI runs, after make check.  The plain
# build's suites and corpus replay; the decoder, certificate and verifier
# suites built with -Os, as firmware builds are; core freestanding
# (core-deps, cross); warning-free builds with gcc and clang; the
# installed files, the ABI guard, the first make without BearSSL, the
# tool library; the decoder-only library; the harnesses built the
# OSS-Fuzz way and fuzzed briefly; each benchmark run once.
CI_SECONDS = 10
ci:
	sh tests/deps.sh ci
	$(MAKE) test fuzz-regress
	$(MAKE) BUILD=$(BUILD)/os CFLAGS="-Os -g" test-decode
	$(MAKE) core-deps cross decoder-test
	$(MAKE) BUILD=$(BUILD)/gcc CC=gcc CFLAGS="-O2 -Werror" all
	$(MAKE) BUILD=$(BUILD)/clang CC=clang CFLAGS="-O2 -Werror" all
	$(MAKE) install-test abi-test bare-test toollib-test
	$(MAKE) oss-fuzz-test
	$(MAKE) fuzz-run SECONDS=$(CI_SECONDS) JOBS=1
	$(MAKE) bench-smoke
	@echo "make ci: all passed"

$(BUILD)/check_staple: $(TEST_SRC) tests/tests.h tests/base_response.h \
		tests/der_build.h fuzz/json_check.h fuzz/text_check.h \
		tests/loopback.h $(SHIM_H) \
		fuzz/differential.h $(BUILD)/libstaple.a $(BUILD)/libstapletool.a \
		$(BUILD)/libstaplebackends.a
	$(CC) $(WARN) $(CFLAGS) -D_POSIX_C_SOURCE=200809L -Icore -Itests -Ifuzz \
		-Itools -Ibackends $(OPENSSL_CFLAGS) $(CHECK_CFLAGS) \
		$(LIBCRYPTO_CFLAGS) $(LDFLAGS) -o $@ \
		$(TEST_SRC) $(BUILD)/libstapletool.a $(BUILD)/libstaplebackends.a \
		$(BUILD)/libstaple.a $(BACKEND_LIBS) $(CHECK_LIBS) $(LIBCRYPTO_LIBS) \
		$(THREAD_LIBS)

# Every suite (or the one CK_RUN_SUITE names), each in its own process,
# as many at once as there are CPUs: one line per suite, then the
# failures (tests/suites.sh).  TEST_TIMEOUT multiplies Check's timeout
# of each test: the sanitizer build of make check runs slower.
TEST_TIMEOUT = 1
test: $(BUILD)/check_staple $(BUILD)/staple
	CK_TIMEOUT_MULTIPLIER=$(TEST_TIMEOUT) NO_FORK_SUITES='$(CORE_SUITES)' \
		sh tests/suites.sh $(BUILD)

# The suites of core alone.  They run each in one process, not one forked
# process per test: core has no state to leak from one test into the
# next, and under the sanitizers a forked test's exit (LeakSanitizer's
# scan) costs several times the test itself.
CORE_SUITES = der time ocsp negative prefix view vectors differential \
	x509 ext check abi
# The suites of the decoder and verifier (make ci runs them built with
# -Os).
DECODE_SUITES = $(CORE_SUITES) verify
test-decode: $(BUILD)/check_staple $(BUILD)/staple
	CK_TIMEOUT_MULTIPLIER=$(TEST_TIMEOUT) NO_FORK_SUITES='$(CORE_SUITES)' \
		sh tests/suites.sh $(BUILD) $(DECODE_SUITES)

# The decoder-only library, and a program that needs nothing else
# (tests/decoder.sh: it links tests/decoder.c against that archive alone
# and decodes fixtures with it).
decoder-test: $(BUILD)/libstaple-decoder.a
	sh tests/decoder.sh $(BUILD) "$(CC)" "$(WARN) $(CFLAGS) $(LDFLAGS)"

# What a decode + verify costs per algorithm and provider: ns per
# operation, and instructions per operation under callgrind when valgrind
# is there (tests/bench.sh).  Numbers, not a test: nothing here can fail
# on speed.
$(BUILD)/bench_verify: tests/bench_verify.c $(BUILD)/libstapletool.a \
		$(BUILD)/libstaplebackends.a $(BUILD)/libstaple.a
	$(CC) $(WARN) $(CFLAGS) -D_POSIX_C_SOURCE=200809L -Icore -Itools \
		-Ibackends $(OPENSSL_CFLAGS) $(LDFLAGS) -o $@ tests/bench_verify.c \
		$(BUILD)/libstapletool.a $(BUILD)/libstaplebackends.a \
		$(BUILD)/libstaple.a $(BACKEND_LIBS)

bench-verify: $(BUILD)/bench_verify
	sh tests/bench.sh verify $(BUILD)

# staple against OpenSSL, and GnuTLS when pkg-config finds it, on the
# generator's corpus (tests/bench.c): ns per operation for each, staple's
# decode alone too, OpenSSL's over staple's, heap allocations per
# operation, and instructions per operation under callgrind when valgrind
# is there; then decode + verify per crypto provider (bench-verify).
# Needs libcrypto.
$(BUILD)/bench: tests/bench.c $(BUILD)/libstapletool.a $(BUILD)/libstaple.a
	$(CC) $(WARN) $(CFLAGS) -D_POSIX_C_SOURCE=200809L -Icore -Itools \
		$(LIBCRYPTO_CFLAGS) $(BENCH_GNUTLS_CFLAGS) \
		$(LDFLAGS) -o $@ tests/bench.c \
		$(BUILD)/libstapletool.a $(BUILD)/libstaple.a \
		$(LIBCRYPTO_LIBS) $(BENCH_GNUTLS_LIBS)

bench: $(BUILD)/bench $(BUILD)/bench_verify
	sh tests/bench.sh decode $(BUILD)
	sh tests/bench.sh verify $(BUILD)

# What the stapling shim adds to a BearSSL handshake against a local
# s_server: client CPU ns per handshake, and the client's instructions
# for one handshake under callgrind when valgrind is there.
$(BUILD)/bench_shim: tests/bench_shim.c tests/loopback.c tests/loopback.h \
		$(SHIM_H) $(BUILD)/libstaplebackends.a $(BUILD)/libstaple.a
	$(CC) $(WARN) $(CFLAGS) -D_POSIX_C_SOURCE=200809L -Icore -Itests \
		-Ibackends $(LDFLAGS) -o $@ tests/bench_shim.c tests/loopback.c \
		$(BUILD)/libstaplebackends.a $(BUILD)/libstaple.a $(BACKEND_LIBS)

bench-shim: $(BUILD)/bench_shim
	sh tests/bench.sh shim $(BUILD)

# Every benchmark program runs each of its cases once, timing nothing:
# a smoke test of the programs, not a measurement (make ci).
bench-smoke: $(BUILD)/bench $(BUILD)/bench_verify $(BUILD)/bench_shim
	sh tests/bench.sh smoke $(BUILD)

# How fast `staple check` probes many servers: wall time and targets per
# second for 200 loopback targets at --jobs 1, 4 and 16, and 40 silent
# ones at --jobs 40 (tests/bench_check.sh; numbers, not a test).
bench-check: $(BUILD)/staple
	sh tests/bench_check.sh $(BUILD)/staple tests/fixtures

# Core compiled freestanding: its only undefined symbols may be the three
# memory functions a freestanding C compiler may itself emit, and its call
# graph has no cycle: no recursion (tests/core_deps.sh).
core-deps:
	sh tests/core_deps.sh $(BUILD)/free "$(WARN)" "$(CORE_ROOTS)" $(CORE_SRC)

# core/ for Cortex-M4 and Cortex-M0+ with $(CROSS)gcc: sizes per object
# and linked, worst-case stack, and a failure on any libc need beyond
# memcmp/memcpy/memset (tests/cross.sh says what it prints).
CROSS ?= arm-none-eabi-
cross:
	CROSS=$(CROSS) sh tests/cross.sh $(BUILD)

# Install into a scratch root ($(BUILD)/stage, PREFIX=/usr), check every
# file, build and run README.md's C examples against it, uninstall and
# check nothing is left (tests/install.sh).
install-test: all
	MAKE='$(MAKE)' VERSION=$(VERSION) SOMAJOR=$(SOMAJOR) \
		STAPLE_DEFS='$(STAPLE_DEFS)' HAVE_OPENSSL=$(HAVE_OPENSSL) \
		CC='$(CC)' sh tests/install.sh $(BUILD)

# The first make on a machine without BearSSL's headers stops with one
# line naming the package; a full build logs compiler lines only.
bare-test:
	MAKE='$(MAKE)' sh tests/bare.sh $(BUILD)

# libstapletool.a links whole, with a main() of its own: nothing in it
# needs the tool's main file (tests/toollib.sh).
toollib-test: $(BUILD)/libstapletool.a $(BUILD)/libstaplebackends.a \
		$(BUILD)/libstaple.a
	sh tests/toollib.sh $(BUILD) "$(CC)" "$(CFLAGS) $(LDFLAGS)" \
		"$(BACKEND_LIBS) $(THREAD_LIBS)"

# Programs built with other STAPLE_MAX_* limits than the library, against
# libstaple.a and libstaple.so, decode every fixture into a struct before
# a guard page: STAPLE_ERR_ABI, never a fault (tests/abi.sh).
abi-test: $(BUILD)/libstaple.a $(BUILD)/libstaple.so
	sh tests/abi.sh $(BUILD) "$(CC)" "$(STAPLE_DEFS)"

# Regenerate the committed fixtures (needs python3 with cryptography).
fixtures:
	python3 tests/gen_fixtures.py tests/fixtures

# ---- fuzzing -------------------------------------------------------------

# One harness per entry point, fuzz/NAME.c, each linked with FUZZ_COMMON
# (the checks the harnesses share, fuzz/README.md).  ENGINE is how a harness
# gets its main(): libFuzzer (-fsanitize=fuzzer), the standalone replay
# driver (fuzz/driver.c), or OSS-Fuzz's $LIB_FUZZING_ENGINE.  Sanitizer
# flags live here, never in the harness sources.  FUZZERS stays one line:
# fuzz/oss-fuzz/ reads it.
FUZZERS = fuzz_decode fuzz_der fuzz_time fuzz_pem fuzz_name fuzz_differential fuzz_x509 fuzz_verify fuzz_shim fuzz_ext
FUZZ_COMMON = fuzz/harness.c fuzz/check_response.c fuzz/check_cert.c \
	fuzz/x690.c fuzz/text_check.c fuzz/json_check.c
FUZZ_H = $(FUZZ_COMMON:.c=.h) $(CORE_H) $(TOOL_H) $(BACKEND_H)
FUZZ_CC = clang
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS = -g -O1 -fno-omit-frame-pointer $(FUZZ_SAN)
ENGINE = fuzz/driver.c
SECONDS = 60
JOBS = 2
FUZZ_LIBS = $(BUILD)/libstapletool.a $(BUILD)/libstaplebackends.a \
	$(BUILD)/libstaple.a
HARNESS_CC = $(CC) $(WARN) $(CFLAGS) -D_POSIX_C_SOURCE=200809L -Icore \
	-Itools -Ibackends $(OPENSSL_CFLAGS) -Ifuzz
HARNESS_LIBS = $(ENGINE) $(LDFLAGS) $(FUZZ_LIBS) $(BACKEND_LIBS)
HARNESS_DEPS = $(FUZZ_COMMON) $(FUZZ_H) $(FUZZ_LIBS) $(CONFIG)

fuzz-bins: $(FUZZERS:%=$(BUILD)/fuzzers/%)

$(BUILD)/fuzzers/fuzz_decode: fuzz/fuzz_decode.c $(HARNESS_DEPS)
	@mkdir -p $(BUILD)/fuzzers
	$(HARNESS_CC) fuzz/fuzz_decode.c $(FUZZ_COMMON) $(HARNESS_LIBS) -o $@
$(BUILD)/fuzzers/fuzz_der: fuzz/fuzz_der.c $(HARNESS_DEPS)
	@mkdir -p $(BUILD)/fuzzers
	$(HARNESS_CC) fuzz/fuzz_der.c $(FUZZ_COMMON) $(HARNESS_LIBS) -o $@
$(BUILD)/fuzzers/fuzz_time: fuzz/fuzz_time.c $(HARNESS_DEPS)
	@mkdir -p $(BUILD)/fuzzers
	$(HARNESS_CC) fuzz/fuzz_time.c $(FUZZ_COMMON) $(HARNESS_LIBS) -o $@
$(BUILD)/fuzzers/fuzz_pem: fuzz/fuzz_pem.c $(HARNESS_DEPS)
	@mkdir -p $(BUILD)/fuzzers
	$(HARNESS_CC) fuzz/fuzz_pem.c $(FUZZ_COMMON) $(HARNESS_LIBS) -o $@
$(BUILD)/fuzzers/fuzz_name: fuzz/fuzz_name.c $(HARNESS_DEPS)
	@mkdir -p $(BUILD)/fuzzers
	$(HARNESS_CC) fuzz/fuzz_name.c $(FUZZ_COMMON) $(HARNESS_LIBS) -o $@
# staple against OpenSSL's decoder: libcrypto is its oracle.
$(BUILD)/fuzzers/fuzz_differential: fuzz/fuzz_differential.c \
		fuzz/differential.c fuzz/differential.h $(HARNESS_DEPS)
	@mkdir -p $(BUILD)/fuzzers
	$(HARNESS_CC) $(LIBCRYPTO_CFLAGS) fuzz/fuzz_differential.c \
		fuzz/differential.c $(FUZZ_COMMON) $(HARNESS_LIBS) \
		$(LIBCRYPTO_LIBS) -o $@
$(BUILD)/fuzzers/fuzz_x509: fuzz/fuzz_x509.c $(HARNESS_DEPS)
	@mkdir -p $(BUILD)/fuzzers
	$(HARNESS_CC) fuzz/fuzz_x509.c $(FUZZ_COMMON) $(HARNESS_LIBS) -o $@
$(BUILD)/fuzzers/fuzz_verify: fuzz/fuzz_verify.c $(HARNESS_DEPS)
	@mkdir -p $(BUILD)/fuzzers
	$(HARNESS_CC) fuzz/fuzz_verify.c $(FUZZ_COMMON) $(HARNESS_LIBS) -o $@
$(BUILD)/fuzzers/fuzz_shim: fuzz/fuzz_shim.c $(SHIM_H) $(HARNESS_DEPS)
	@mkdir -p $(BUILD)/fuzzers
	$(HARNESS_CC) fuzz/fuzz_shim.c $(FUZZ_COMMON) $(HARNESS_LIBS) -o $@
$(BUILD)/fuzzers/fuzz_ext: fuzz/fuzz_ext.c $(HARNESS_DEPS)
	@mkdir -p $(BUILD)/fuzzers
	$(HARNESS_CC) fuzz/fuzz_ext.c $(FUZZ_COMMON) $(HARNESS_LIBS) -o $@

# libFuzzer builds of every harness, in $(BUILD)/fuzz/fuzzers/.
fuzz:
	$(MAKE) BUILD=$(BUILD)/fuzz CC=$(FUZZ_CC) \
		CFLAGS="$(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link" \
		LDFLAGS="$(FUZZ_SAN)" ENGINE=-fsanitize=fuzzer fuzz-bins

# Replay every committed corpus file, and every regression input of
# tests/regress/, through its harness (fuzz/regress.sh).
fuzz-regress: fuzz-bins
	sh fuzz/regress.sh $(BUILD)/fuzzers $(FUZZERS)

# make fuzz-run SECONDS=N JOBS=J: each harness for N seconds in
# libFuzzer's fork mode with J jobs, with the options of its .options
# file; new inputs go to $(BUILD)/fuzz/corpus/, crashes to
# $(BUILD)/fuzz/artifacts/ (fuzz/run.sh).
fuzz-run: fuzz
	sh fuzz/run.sh $(BUILD)/fuzz $(SECONDS) $(JOBS) $(FUZZERS)

# Seed corpora, from the test fixtures (fuzz/seeds.sh says how).
fuzz-seeds: all
	BUILD=$(BUILD) sh fuzz/seeds.sh

# Build the harnesses the way OSS-Fuzz does (fuzz/oss-fuzz/build.sh with
# OSS-Fuzz's variables) and run each on its seed corpus, in
# $(BUILD)/oss-fuzz-test.
oss-fuzz-test:
	sh fuzz/oss-fuzz/test.sh $(BUILD)

# Line and branch coverage of core/, per file, from the unit tests plus a
# replay of every corpus, under clang's source-based coverage, in
# $(BUILD)/cov.
coverage:
	MAKE='$(MAKE)' sh fuzz/coverage.sh $(BUILD)

# ---- install -------------------------------------------------------------

# What `make install` puts under $(DESTDIR)$(PREFIX):
#   include/staple.h                      core's public header
#   include/staple/backend.h              crypto providers, TLS backends
#   include/staple/bearssl/shim.h         the BearSSL stapling shim
#   lib/libstaple.a, libstaple.so.$(VERSION) (SONAME libstaple.so.$(SOMAJOR))
#   lib/libstaplebackends.a               backends/, static only
#   lib/pkgconfig/staple.pc               -lstaple
#   lib/pkgconfig/staple-backends.pc      the backends, BearSSL, OpenSSL
#   bin/staple, share/man/man1/staple.1
# A program includes <staple.h>, <staple/backend.h> and
# <staple/bearssl/shim.h> and builds with `pkg-config --cflags --libs
# staple` (or staple-backends).  The backends library is static, so its
# .pc lists what it needs in Libs; its Cflags carry -DSTAPLE_HAVE_OPENSSL
# when the OpenSSL backend is in it (backend.h declares it under that
# macro), and staple.pc's carry STAPLE_DEFS: flags a program must share
# with the libraries it links.
PC_HEAD = 'prefix=$(PREFIX)' 'libdir=$(LIBDIR)' 'includedir=$(INCLUDEDIR)' ''
$(BUILD)/staple.pc: FORCE
	@mkdir -p $(BUILD)
	printf '%s\n' $(PC_HEAD) 'Name: staple' \
		'Description: Decode stapled OCSP responses without allocating' \
		'Version: $(VERSION)' 'Libs: -L$${libdir} -lstaple' \
		'Cflags: -I$${includedir} $(STAPLE_DEFS)' > $@
$(BUILD)/staple-backends.pc: FORCE
	@mkdir -p $(BUILD)
	printf '%s\n' $(PC_HEAD) 'Name: staple-backends' \
		'Description: staple crypto providers and TLS backends (BearSSL shim)' \
		'Version: $(VERSION)' 'Requires: staple = $(VERSION)' \
		'Libs: -L$${libdir} -lstaplebackends $(BACKEND_LIBS)' \
		'Cflags: -I$${includedir} $(OPENSSL_CFLAGS)' > $@

install: all $(BUILD)/staple.pc $(BUILD)/staple-backends.pc
	mkdir -p $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)/staple/bearssl \
		$(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	cp $(BUILD)/libstaple.a $(DESTDIR)$(LIBDIR)/libstaple.a
	cp $(BUILD)/libstaple.so $(DESTDIR)$(LIBDIR)/libstaple.so.$(VERSION)
	ln -sf libstaple.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libstaple.so.$(SOMAJOR)
	ln -sf libstaple.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libstaple.so
	cp $(BUILD)/libstaplebackends.a $(DESTDIR)$(LIBDIR)/libstaplebackends.a
	cp core/staple.h $(DESTDIR)$(INCLUDEDIR)/staple.h
	cp $(BACKEND_H) $(DESTDIR)$(INCLUDEDIR)/staple/backend.h
	cp $(SHIM_H) $(DESTDIR)$(INCLUDEDIR)/staple/bearssl/shim.h
	cp $(BUILD)/staple.pc $(DESTDIR)$(LIBDIR)/pkgconfig/staple.pc
	cp $(BUILD)/staple-backends.pc \
		$(DESTDIR)$(LIBDIR)/pkgconfig/staple-backends.pc
	cp $(BUILD)/staple $(DESTDIR)$(BINDIR)/staple
	cp tools/staple.1 $(DESTDIR)$(MANDIR)/man1/staple.1

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/libstaple.a \
		$(DESTDIR)$(LIBDIR)/libstaple.so.$(VERSION) \
		$(DESTDIR)$(LIBDIR)/libstaple.so.$(SOMAJOR) \
		$(DESTDIR)$(LIBDIR)/libstaple.so \
		$(DESTDIR)$(LIBDIR)/libstaplebackends.a \
		$(DESTDIR)$(INCLUDEDIR)/staple.h \
		$(DESTDIR)$(INCLUDEDIR)/staple/backend.h \
		$(DESTDIR)$(INCLUDEDIR)/staple/bearssl/shim.h \
		$(DESTDIR)$(LIBDIR)/pkgconfig/staple.pc \
		$(DESTDIR)$(LIBDIR)/pkgconfig/staple-backends.pc \
		$(DESTDIR)$(BINDIR)/staple $(DESTDIR)$(MANDIR)/man1/staple.1
	rmdir $(DESTDIR)$(INCLUDEDIR)/staple/bearssl \
		$(DESTDIR)$(INCLUDEDIR)/staple 2>/dev/null || :

clean:
	rm -rf $(BUILD)

.PHONY: all config-missing FORCE demo decoder check ci test test-decode \
	decoder-test bench bench-verify bench-shim bench-smoke bench-check \
	core-deps cross install-test abi-test bare-test toollib-test fixtures \
	install uninstall clean fuzz fuzz-bins fuzz-regress fuzz-run \
	fuzz-seeds oss-fuzz-test coverage
