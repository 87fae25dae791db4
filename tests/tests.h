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
 * One test of every row of a table: fn(0), fn(1) ... fn(n - 1).  Check
 * forks a process per test, and under AddressSanitizer each costs about
 * a tenth of a second of CPU (its leak check at exit): too much for one
 * process per row of tables of hundreds.
 */
#define TEST_ROWS(test, fn, n)                                         \
	START_TEST(test)                                               \
	{                                                              \
		size_t row_;                                           \
		for (row_ = 0; row_ < (size_t)(n); row_++)             \
			fn(row_);                                      \
	}                                                              \
	END_TEST

/*
 * ck_assert(expr) for a loop that runs it a million times: Check's own
 * records the place of every assertion that holds, one write each to
 * the file its runner reads, which is most of what such a loop costs;
 * this one does nothing until one fails, then fails the test as
 * ck_assert does.
 */
#define TEST_ASSERT(expr)                                              \
	do {                                                           \
		if (!(expr))                                           \
			ck_abort_msg("Assertion '%s' failed", #expr);  \
	} while (0)

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

/* A NUL-terminated byte string that grows. */
struct test_text {
	char *p;
	size_t n;
};

/* An argv for test_run_program() or test_run_command(): copies of the
 * strings; bad is set when one did not fit, which the run then reports. */
#define TEST_MAX_ARGS 96
#define TEST_ARG_LEN 1024
struct test_args {
	char text[TEST_MAX_ARGS][TEST_ARG_LEN];
	char *v[TEST_MAX_ARGS + 1];
	int n;
	int bad;
};

/* argv = {program}. */
void test_args_init(struct test_args *a, const char *program);
/* Append s to argv. */
void test_arg(struct test_args *a, const char *s);

/* What one run of a program, or of one of the tool's commands, did. */
struct test_run {
	int status;           /* exit status, 128 + signal; -1: did not run */
	struct test_text out; /* stdout */
	struct test_text err; /* stderr */
	long long ms;         /* how long it took */
	char note[160];       /* why it did not run, or was killed */
};

/* How to run it. */
struct test_spawn {
	const char *dir;    /* its working directory; NULL: this one */
	const void *in;     /* its stdin, in_n bytes; NULL: /dev/null */
	size_t in_n;
	long long limit_ms; /* killed after this long (status 137); 0: never */
};

/*
 * Run prog (a path, or a name looked up in PATH) with argv, as `how`
 * says, into *r, and wait for it.  Asserts nothing, since servers may be
 * running: r->status is -1 and r->note says why when it could not run.
 */
void test_run_program(struct test_run *r, const char *prog,
                      char *const argv[], const struct test_spawn *how);

/*
 * Run one of the tool's commands (staple_cmd_decode, ...) in this
 * process, as main() would with argv (argv[0] the command's name), in
 * directory dir (NULL: here), stdin from /dev/null, stdout and stderr
 * into *r and r->status what it returned.  For the tests about what the
 * tool writes rather than how its process behaves: an exec of the
 * sanitized tool costs about a tenth of a second of CPU, a call next to
 * nothing, and what the command leaks is still found when the test's
 * process exits.
 */
void test_run_command(struct test_run *r, const char *dir,
                      int (*command)(int argc, char **argv), char **argv);

void test_run_free(struct test_run *r);

#endif
