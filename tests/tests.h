/* tests.h -- shared declarations of staple's Check test runner. */
#ifndef STAPLE_TESTS_H
#define STAPLE_TESTS_H

#include <check.h>
#include <stddef.h>
#include <stdint.h>

/* One suite per file; check_main.c runs them all. */
Suite *der_suite(void);      /* test_der.c: cursor and strict readers */
Suite *time_suite(void);     /* test_time.c: GeneralizedTime, UTCTime */
Suite *ocsp_suite(void);     /* test_ocsp.c: fixtures decode as generated */
Suite *negative_suite(void); /* test_negative.c: one vector per rule */
Suite *prefix_suite(void);   /* test_prefix.c: every prefix fails cleanly */
Suite *view_suite(void);     /* test_view.c: the k6 mapping */
Suite *vectors_suite(void);  /* test_vectors.c: ../shared/vectors */
Suite *tool_suite(void);     /* test_tool.c: golden output, exit codes */
Suite *differential_suite(void); /* test_differential.c: vs OpenSSL */
Suite *crypto_suite(void);   /* test_crypto.c: the crypto providers */
Suite *x509_suite(void);     /* test_x509.c: certificates, sigalgs */
Suite *verify_suite(void);   /* test_verify.c: staple_verify verdicts */
Suite *loopback_suite(void); /* test_loopback.c: s_server, the proxy */
Suite *fetch_suite(void);    /* test_fetch.c: staple fetch, end to end */
Suite *shim_suite(void);     /* test_shim.c: the BearSSL shim, backends */
Suite *input_suite(void);    /* test_input.c: bounded input, peak RSS */
Suite *abi_suite(void);      /* test_abi.c: pinned values, layout check */
Suite *ext_suite(void);      /* test_ext.c: extension iterator, values */
Suite *check_suite(void);    /* test_check.c: staple_check verdicts */
Suite *cmd_check_suite(void); /* test_cmd_check.c: staple check */

/*
 * Paths, from the environment (set by the Makefile), with defaults that
 * work when the runner is started from the top of the tree.
 */
const char *test_fixtures_dir(void); /* STAPLE_FIXTURES, tests/fixtures */
const char *test_vectors_dir(void);  /* STAPLE_VECTORS, ../shared/vectors */
const char *test_tool_path(void);    /* STAPLE_BIN, build/staple */

/*
 * JSON (RFC 8259) as strictly as the fuzz harnesses check it
 * (fuzz/json_check.h): the position just after the one value that
 * starts at p, or NULL when none does.
 */
const char *test_json_value(const char *p);

/*
 * Read a whole file into an exact-size heap buffer (malloc(len), or
 * malloc(1) for an empty file) so AddressSanitizer sees any overread.
 * Returns 0 and sets *buf, *len, or -1 when the file cannot be read.
 * The caller frees *buf.
 */
int test_read_file(const char *path, uint8_t **buf, size_t *len);

/* Same, for dir "/" name. */
int test_read_in(const char *dir, const char *name, uint8_t **buf,
                 size_t *len);

/*
 * Parse a hex string ("30 03 0a 01 00", spaces allowed) into an
 * exact-size heap buffer.  Aborts the test on bad hex.
 */
uint8_t *test_hex(const char *hex, size_t *len);

#endif
