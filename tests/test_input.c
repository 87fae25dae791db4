/*
 * test_input.c -- the tool's bounded input (--max-size, DESIGN section 7):
 * an input that never ends or is far too large is refused while it is
 * read, in little memory, and the other inputs of the batch still decode.
 *
 * Each case runs STAPLE_BIN as a child and takes the child's peak
 * resident size from wait4(): ru_maxrss, in KiB on Linux.  Two things
 * sit in that number besides the input: Linux keeps a process's
 * high-water mark across exec, so the pages the child had when it was
 * forked from this runner count; and a sanitizer's runtime is some
 * 20 MiB on its own.  So the budget is 16 MiB for a plain build, and for
 * a sanitized one 16 MiB more than the same tool decoding a 5-byte file
 * (the baseline, measured the same way).
 *
 * Nothing here is timed.  Every child has an alarm() so that a tool that
 * kept reading would die (status 128 + SIGALRM, a failure) rather than
 * hang the suite, and the endless writer dies with the pipe.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* fork, mkdtemp */
#endif
#define _DEFAULT_SOURCE /* wait4 */

#include "tests.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

#define PEAK_BUDGET_KIB (16 * 1024)
#define BIG_FILE_BYTES (50 * 1000 * 1000)
#define CHILD_ALARM_S 10 /* far beyond any run; only against a hang */
#define RLIMIT_AS_BYTES ((rlim_t)512 << 20)

/* --- a scratch directory -------------------------------------------------- */

static char scratch[PATH_MAX];

static void scratch_make(void)
{
	const char *tmp = getenv("TMPDIR");
	int n = snprintf(scratch, sizeof scratch, "%s/staple-input-XXXXXX",
	                 tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");

	ck_assert(n > 0 && (size_t)n < sizeof scratch);
	ck_assert_msg(mkdtemp(scratch) != NULL, "mkdtemp: %s",
	              strerror(errno));
}

static void scratch_path(char out[PATH_MAX], const char *name)
{
	int n = snprintf(out, PATH_MAX, "%s/%s", scratch, name);
	ck_assert(n > 0 && n < PATH_MAX);
}

static void scratch_remove(const char *name)
{
	char path[PATH_MAX];

	scratch_path(path, name);
	(void)unlink(path);
}

/* The fixture NAME as an absolute-enough path (the child keeps our cwd). */
static void fixture_path(char out[PATH_MAX], const char *name)
{
	int n = snprintf(out, PATH_MAX, "%s/%s", test_fixtures_dir(), name);
	ck_assert(n > 0 && n < PATH_MAX);
}

/* --- running the tool ---------------------------------------------------- */

/* What one run did: exit status, peak RSS, and what it printed. */
struct peak_run {
	int status;     /* exit status, or 128 + signal */
	long peak_kib;  /* ru_maxrss of the child */
	char *out;      /* stdout, NUL-terminated */
	char *err;      /* stderr */
};

static char *slurp(const char *name)
{
	char path[PATH_MAX];
	uint8_t *data;
	size_t len;
	char *s;

	scratch_path(path, name);
	ck_assert_msg(test_read_file(path, &data, &len) == 0, "read %s",
	              path);
	s = malloc(len + 1);
	ck_assert_ptr_nonnull(s);
	memcpy(s, data, len);
	s[len] = '\0';
	free(data);
	return s;
}

/*
 * Run the tool with argv (argv[0] ignored, NULL-terminated) and stdin
 * from in_fd (-1: /dev/null); stdout and stderr go to scratch files.
 */
static void run_peak(struct peak_run *r, int in_fd, char *argv[])
{
	char out[PATH_MAX], err[PATH_MAX];
	struct rusage ru;
	int wstatus;
	pid_t pid;

	memset(r, 0, sizeof *r);
	scratch_path(out, "stdout");
	scratch_path(err, "stderr");
	argv[0] = (char *)"staple";
	pid = fork();
	ck_assert_msg(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int i = in_fd >= 0 ? in_fd : open("/dev/null", O_RDONLY);
		if (o < 0 || e < 0 || i < 0 || dup2(i, 0) < 0 ||
		    dup2(o, 1) < 0 || dup2(e, 2) < 0)
			_exit(126);
		signal(SIGPIPE, SIG_DFL);
		alarm(CHILD_ALARM_S); /* survives exec */
		if (!SANITIZED) {
			/* a tool that reads without end fails here, fast,
			 * instead of taking the machine's memory first (a
			 * sanitizer's runtime needs more address space) */
			struct rlimit as = {RLIMIT_AS_BYTES, RLIMIT_AS_BYTES};
			(void)setrlimit(RLIMIT_AS, &as);
		}
		execv(test_tool_path(), argv);
		_exit(127);
	}
	while (wait4(pid, &wstatus, 0, &ru) < 0)
		ck_assert_msg(errno == EINTR, "wait4: %s", strerror(errno));
	r->status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus)
	                               : 128 + WTERMSIG(wstatus);
	r->peak_kib = ru.ru_maxrss;
	r->out = slurp("stdout");
	r->err = slurp("stderr");
	scratch_remove("stdout");
	scratch_remove("stderr");
}

static void peak_run_free(struct peak_run *r)
{
	free(r->out);
	free(r->err);
}

/* The peak of decoding a 5-byte response: what the tool costs itself. */
static long baseline_kib(void)
{
	char good[PATH_MAX];
	char *argv[] = {NULL, "decode", "--json", good, NULL};
	struct peak_run r;
	long kib;

	fixture_path(good, "try-later.der");
	run_peak(&r, -1, argv);
	ck_assert_msg(r.status == 0, "baseline: status %d: %s", r.status,
	              r.err);
	kib = r.peak_kib;
	peak_run_free(&r);
	return kib;
}

/*
 * The run refused its first input with TOO_LARGE at the default cap,
 * decoded the second (try-later.der) whole, exited 1, and stayed within
 * the budget.
 */
static void expect_bounded(const struct peak_run *r, const char *what,
                           const char *first)
{
	char want[2 * PATH_MAX + 512], good[PATH_MAX];
	long budget = PEAK_BUDGET_KIB + (SANITIZED ? baseline_kib() : 0);

	fixture_path(good, "try-later.der");
	ck_assert_msg(r->status == 1, "%s: status %d, stderr: %s", what,
	              r->status, r->err);
	snprintf(want, sizeof want,
	         "{\"file\": \"%s\", \"error\": {\"code\": \"TOO_LARGE\", "
	         "\"message\": \"larger than 1048576 bytes, the cap on one "
	         "input (--max-size BYTES raises it)\", \"offset\": "
	         "1048576}}\n"
	         "{\"file\": \"%s\", \"ocsp\": {\"status\": \"server_failed\", "
	         "\"revocation_reason\": \"\", \"produced_at\": 0, "
	         "\"this_update\": 0, \"next_update\": 0, \"revoked_at\": 0}, "
	         "\"response_status\": \"try_later\"}\n",
	         first, good);
	ck_assert_msg(strcmp(r->out, want) == 0, "%s: stdout\n%s\nwant\n%s",
	              what, r->out, want);
	ck_assert_msg(r->err[0] == '\0', "%s: stderr %s", what, r->err);
	ck_assert_msg(r->peak_kib < budget,
	              "%s: peak RSS %ld KiB, budget %ld KiB", what,
	              r->peak_kib, budget);
}

/* --- the cases ------------------------------------------------------------ */

/* A device that never ends. */
START_TEST(dev_zero)
{
	char good[PATH_MAX];
	char *argv[] = {NULL, "decode", "--json", "/dev/zero", good, NULL};
	struct peak_run r;

	scratch_make();
	fixture_path(good, "try-later.der");
	run_peak(&r, -1, argv);
	expect_bounded(&r, "/dev/zero", "/dev/zero");
	peak_run_free(&r);
	ck_assert(rmdir(scratch) == 0);
}
END_TEST

/* A pipe that never ends: a writer that writes until the pipe breaks. */
START_TEST(endless_pipe)
{
	char good[PATH_MAX];
	char *argv[] = {NULL, "decode", "--json", "-", good, NULL};
	struct peak_run r;
	int fds[2];
	pid_t writer;

	scratch_make();
	fixture_path(good, "try-later.der");
	ck_assert(pipe(fds) == 0);
	writer = fork();
	ck_assert_msg(writer >= 0, "fork: %s", strerror(errno));
	if (writer == 0) {
		char yes[4096];
		memset(yes, 'y', sizeof yes);
		close(fds[0]);
		signal(SIGPIPE, SIG_DFL); /* the tool is done: so are we */
		alarm(CHILD_ALARM_S);
		for (;;)
			if (write(fds[1], yes, sizeof yes) < 0 && errno != EINTR)
				_exit(0);
	}
	close(fds[1]);
	run_peak(&r, fds[0], argv);
	close(fds[0]);
	(void)kill(writer, SIGKILL); /* dead already, as a rule */
	(void)waitpid(writer, NULL, 0);
	expect_bounded(&r, "endless pipe", "-");
	peak_run_free(&r);
	ck_assert(rmdir(scratch) == 0);
}
END_TEST

/*
 * 50 MB of pseudo-random bytes on disk: its size is known beforehand,
 * and must not be what the tool allocates.
 */
START_TEST(big_file)
{
	char big[PATH_MAX], good[PATH_MAX];
	char *argv[] = {NULL, "decode", "--json", big, good, NULL};
	static uint8_t chunk[65536];
	uint32_t x = 2463534242u; /* xorshift32 */
	size_t written = 0, i;
	struct peak_run r;
	FILE *f;

	scratch_make();
	scratch_path(big, "big.der");
	fixture_path(good, "try-later.der");
	f = fopen(big, "wb");
	ck_assert_msg(f != NULL, "%s: %s", big, strerror(errno));
	while (written < BIG_FILE_BYTES) {
		size_t n = BIG_FILE_BYTES - written < sizeof chunk
		                   ? BIG_FILE_BYTES - written
		                   : sizeof chunk;
		for (i = 0; i < n; i++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			chunk[i] = (uint8_t)x;
		}
		ck_assert(fwrite(chunk, 1, n, f) == n);
		written += n;
	}
	ck_assert(fclose(f) == 0);
	run_peak(&r, -1, argv);
	scratch_remove("big.der");
	expect_bounded(&r, "50 MB file", big);
	peak_run_free(&r);
	ck_assert(rmdir(scratch) == 0);
}
END_TEST

/*
 * The cap is exact: try-later.der is 5 bytes, so --max-size 4 refuses it
 * at offset 4 (in the text output too, without an offset) and 5 reads it.
 */
START_TEST(cap_is_exact)
{
	char good[PATH_MAX], want[PATH_MAX + 256];
	char *at4[] = {NULL, "decode", "--json", "--max-size", "4", good, NULL};
	char *at5[] = {NULL, "decode", "--max-size=5", good, NULL};
	char *text4[] = {NULL, "decode", good, "--max-size=4", NULL};
	struct peak_run r;

	scratch_make();
	fixture_path(good, "try-later.der");
	run_peak(&r, -1, at4);
	ck_assert_int_eq(r.status, 1);
	snprintf(want, sizeof want,
	         "{\"file\": \"%s\", \"error\": {\"code\": \"TOO_LARGE\", "
	         "\"message\": \"larger than 4 bytes, the cap on one input "
	         "(--max-size BYTES raises it)\", \"offset\": 4}}\n",
	         good);
	ck_assert_str_eq(r.out, want);
	peak_run_free(&r);

	run_peak(&r, -1, at5);
	ck_assert_int_eq(r.status, 0);
	ck_assert(strstr(r.out, "response status: try_later\n") != NULL);
	peak_run_free(&r);

	run_peak(&r, -1, text4);
	ck_assert_int_eq(r.status, 1);
	ck_assert_str_eq(r.out, "");
	snprintf(want, sizeof want,
	         "staple: %s: larger than 4 bytes, the cap on one input "
	         "(--max-size BYTES raises it)\n",
	         good);
	ck_assert_str_eq(r.err, want);
	peak_run_free(&r);
	ck_assert(rmdir(scratch) == 0);
}
END_TEST

/*
 * The certificates of --issuer and --cert are inputs too: /dev/zero as
 * one is a usage error (status 2, like any certificate that cannot be
 * read), in little memory, with nothing on stdout.
 */
START_TEST(certificate_bounded)
{
	char good[PATH_MAX];
	char *issuer[] = {NULL, "decode", "--issuer", "/dev/zero", good, NULL};
	long budget;
	struct peak_run r;

	scratch_make();
	fixture_path(good, "try-later.der");
	budget = PEAK_BUDGET_KIB + (SANITIZED ? baseline_kib() : 0);
	run_peak(&r, -1, issuer);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.out, "");
	ck_assert_str_eq(r.err,
	                 "staple: decode: --issuer /dev/zero: larger than "
	                 "1048576 bytes, the cap on one input (--max-size "
	                 "BYTES raises it)\n");
	ck_assert_msg(r.peak_kib < budget, "peak RSS %ld KiB, budget %ld KiB",
	              r.peak_kib, budget);
	peak_run_free(&r);
	ck_assert(rmdir(scratch) == 0);
}
END_TEST

Suite *input_suite(void)
{
	Suite *s = suite_create("input");
	TCase *tc = tcase_create("bounded");

	/* a sanitized tool writes 50 MB in no time, but leave it room */
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, dev_zero);
	tcase_add_test(tc, endless_pipe);
	tcase_add_test(tc, big_file);
	tcase_add_test(tc, cap_is_exact);
	tcase_add_test(tc, certificate_bounded);
	suite_add_tcase(s, tc);
	return s;
}
