/*
 * test_tool.c -- the `staple` tool: golden output and exit statuses.
 * Run as a program where the process is the point (exit status, the two
 * streams, stdin, main()'s choice of command); `staple decode` called in
 * this process where only what it writes is (run_decode).
 *
 * Golden files: tests/golden/NAME.txt and NAME.json hold what
 * `staple decode [--json] FILE` printed for each file of golden_cases[],
 * run from the file's directory so the name in the output is the bare
 * file name.  They were made by the tool once, read line by line against
 * the fixture (openssl ocsp -respin F -resp_text -noverify, and the
 * generator's fixtures.tsv), and are the truth since: a change of output
 * must change them in the same commit.  Text goldens are made with
 * --at GOLDEN_AT, so their relative times do not age.  To regenerate
 * them all after a deliberate change of format (then read every diff):
 *
 *   STAPLE_GOLDEN_WRITE=1 CK_RUN_SUITE=tool make test
 *
 * Malformed inputs live in tests/golden/inputs/, written for these tests.
 *
 * Paths: the tool is STAPLE_BIN, fixtures STAPLE_FIXTURES (tests.h), and
 * the golden files STAPLE_GOLDEN (default tests/golden).
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* fork, pipe, poll */
#endif

#include "tests.h"
#include "backend.h"
#include "staple.h"
#include "tool.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ARGS 16
#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/*
 * The --at of every text golden: the times of the fixtures read as a
 * distance from it, so the files stay the same from day to day.
 */
#define GOLDEN_AT "2025-01-03T00:00:00Z"

/* --- paths -------------------------------------------------------------- */

static const char *golden_dir(void)
{
	const char *v = getenv("STAPLE_GOLDEN");
	return v != NULL && v[0] != '\0' ? v : "tests/golden";
}

/*
 * An absolute path, so it still works after the child's chdir().  (Not
 * realpath(): glibc hides it under plain _POSIX_C_SOURCE.)
 */
static void absolute(const char *path, char out[PATH_MAX])
{
	char cwd[PATH_MAX];
	int n;

	if (path[0] == '/') {
		n = snprintf(out, PATH_MAX, "%s", path);
	} else {
		ck_assert_msg(getcwd(cwd, sizeof cwd) != NULL, "getcwd: %s",
		              strerror(errno));
		n = snprintf(out, PATH_MAX, "%s/%s", cwd, path);
	}
	ck_assert(n > 0 && n < PATH_MAX);
}

static void tool_path(char out[PATH_MAX])
{
	absolute(test_tool_path(), out);
}

static void fixtures_path(char out[PATH_MAX])
{
	absolute(test_fixtures_dir(), out);
}

static void inputs_path(char out[PATH_MAX])
{
	char dir[PATH_MAX];
	int n = snprintf(dir, sizeof dir, "%s/inputs", golden_dir());
	ck_assert(n > 0 && (size_t)n < sizeof dir);
	absolute(dir, out);
}

/* dir "/" name into out. */
static void join(char out[PATH_MAX], const char *dir, const char *name)
{
	int n = snprintf(out, PATH_MAX, "%s/%s", dir, name);
	ck_assert(n > 0 && n < PATH_MAX);
}

/* --- running the tool --------------------------------------------------- */

static void bytes_add(struct test_text *b, const char *p, size_t n)
{
	char *grown = realloc(b->p, b->n + n + 1);
	ck_assert_ptr_nonnull(grown);
	memcpy(grown + b->n, p, n);
	b->p = grown;
	b->n += n;
	b->p[b->n] = '\0';
}

/* Run `prog` (a path, or a name looked up in PATH) with argv. */
static void run_program(struct test_run *r, const char *cwd, const char *prog,
                        char *argv[], const uint8_t *data, size_t len)
{
	const struct test_spawn how = {cwd, data, len, 0};

	test_run_program(r, prog, argv, &how);
	ck_assert_msg(r->status >= 0, "%s: %s", prog, r->note);
}

/* argv: "staple", then the arguments of ap up to the first NULL. */
static void tool_argv(char *argv[MAX_ARGS + 2], va_list ap)
{
	int argc = 1;

	/* execv() takes char *const[] for history's sake; it writes nothing */
	argv[0] = (char *)"staple";
	for (;;) {
		const char *a = va_arg(ap, const char *);
		if (a == NULL)
			break;
		ck_assert(argc < MAX_ARGS);
		argv[argc++] = (char *)a;
	}
	argv[argc] = NULL;
}

/*
 * Run the tool in directory cwd (NULL: here) with the arguments after
 * `data, len` (NULL-terminated), len bytes of data on its stdin (data
 * NULL: /dev/null).  For what the process does: its exit status, its
 * streams, main()'s choice of command.
 */
static void run_tool(struct test_run *r, const char *cwd, const uint8_t *data,
                     size_t len, ...)
{
	char tool[PATH_MAX];
	char *argv[MAX_ARGS + 2];
	va_list ap;

	tool_path(tool);
	va_start(ap, len);
	tool_argv(argv, ap);
	va_end(ap);
	run_program(r, cwd, tool, argv, data, len);
}

/*
 * `staple decode` with the arguments after cwd (NULL-terminated), called
 * in this process (tests.h: test_run_command): for what it writes.
 */
static void run_decode(struct test_run *r, const char *cwd, ...)
{
	char *argv[MAX_ARGS + 2];
	va_list ap;

	va_start(ap, cwd);
	tool_argv(argv, ap);
	va_end(ap);
	argv[0] = (char *)"decode";
	test_run_command(r, cwd, staple_cmd_decode, argv);
	ck_assert_msg(r->note[0] == '\0', "decode: %s", r->note);
}

/* --- comparing ---------------------------------------------------------- */

static void expect_bytes(const char *what, const struct test_text *got,
                         const char *want, size_t want_len)
{
	ck_assert_msg(got->n == want_len && memcmp(got->p, want, want_len) == 0,
	              "%s differs\n--- got (%zu bytes)\n%s\n--- want (%zu "
	              "bytes)\n%.*s",
	              what, got->n, got->p, want_len, (int)want_len, want);
}

static void expect_str(const char *what, const struct test_text *got,
                       const char *want)
{
	expect_bytes(what, got, want, strlen(want));
}

static void expect_contains(const char *what, const struct test_text *got,
                            const char *needle)
{
	ck_assert_msg(strstr(got->p, needle) != NULL,
	              "%s lacks \"%s\":\n%s", what, needle, got->p);
}

/* The golden file NAME.EXT, NUL-terminated. */
static char *golden(const char *name, const char *ext, size_t *len)
{
	char file[PATH_MAX];
	uint8_t *buf;
	char *s;
	int n = snprintf(file, sizeof file, "%s.%s", name, ext);

	ck_assert(n > 0 && (size_t)n < sizeof file);
	ck_assert_msg(test_read_in(golden_dir(), file, &buf, len) == 0,
	              "cannot read golden %s/%s", golden_dir(), file);
	s = malloc(*len + 1);
	ck_assert_ptr_nonnull(s);
	memcpy(s, buf, *len);
	s[*len] = '\0';
	free(buf);
	return s;
}

/*
 * got against the golden file NAME.EXT.  With STAPLE_GOLDEN_WRITE=1 in
 * the environment the file is written from got instead: the way to
 * regenerate every golden file after a deliberate change of format
 * (then read every diff before committing it).
 */
static void expect_golden(const char *what, const struct test_text *got,
                          const char *name, const char *ext)
{
	const char *w = getenv("STAPLE_GOLDEN_WRITE");
	char path[PATH_MAX], *want;
	size_t want_len;

	if (w != NULL && strcmp(w, "1") == 0) {
		FILE *f;
		int n = snprintf(path, sizeof path, "%s/%s.%s", golden_dir(),
		                 name, ext);
		ck_assert(n > 0 && (size_t)n < sizeof path);
		f = fopen(path, "wb");
		ck_assert_msg(f != NULL, "cannot write %s", path);
		ck_assert(fwrite(got->p, 1, got->n, f) == got->n);
		ck_assert(fclose(f) == 0);
		return;
	}
	want = golden(name, ext, &want_len);
	expect_bytes(what, got, want, want_len);
	free(want);
}

/*
 * golden NAME.EXT as it reads when the file was given as `file` rather
 * than as `was`: replaces the first "file: WAS\n" or "{"file": "WAS""
 * (the golden files hold names that need no JSON escaping).
 */
static char *golden_as(const char *name, const char *ext, const char *was,
                       const char *file, size_t *len)
{
	size_t glen, head_len, was_len = strlen(was), file_len = strlen(file);
	char *g = golden(name, ext, &glen), *out;
	const char *head =
		strcmp(ext, "json") == 0 ? "{\"file\": \"" : "file: ";

	head_len = strlen(head);
	ck_assert(glen >= head_len + was_len);
	ck_assert(memcmp(g, head, head_len) == 0);
	ck_assert(memcmp(g + head_len, was, was_len) == 0);
	*len = glen - was_len + file_len;
	out = malloc(*len + 1);
	ck_assert_ptr_nonnull(out);
	memcpy(out, head, head_len);
	memcpy(out + head_len, file, file_len);
	memcpy(out + head_len + file_len, g + head_len + was_len,
	       glen - head_len - was_len);
	out[*len] = '\0';
	free(g);
	return out;
}

/* --- golden output ------------------------------------------------------ */

enum where { FIXTURE, INPUT };

struct golden_case {
	enum where dir;
	const char *file;
	const char *golden; /* tests/golden/GOLDEN.txt and .json */
};

static const struct golden_case golden_cases[] = {
	/* the README sample: P-256, by key, good, SHA-1 CertID */
	{FIXTURE, "le-like-p256.der", "le-like-p256"},
	/* by name (RFC 4514 responder), RSA, one cert, SHA-256 CertID */
	{FIXTURE, "rsa2048-by-name-delegated.der", "rsa2048-by-name-delegated"},
	{FIXTURE, "p256-delegated-two-certs.der", "p256-delegated-two-certs"},
	/* certificates: byName responder, subjectAltName of each kind */
	{FIXTURE, "delegated-by-name-sans.der", "delegated-by-name-sans"},
	{FIXTURE, "sig-ed25519-by-name.der", "sig-ed25519-by-name"},
	{FIXTURE, "sig-rsa-pss-sha256.der", "sig-rsa-pss-sha256"},
	{FIXTURE, "certid-sha512-no-params.der", "certid-sha512-no-params"},
	/* every non-successful status: no key but file, ocsp, status */
	{FIXTURE, "malformed-request.der", "malformed-request"},
	{FIXTURE, "internal-error.der", "internal-error"},
	{FIXTURE, "try-later.der", "try-later"},
	{FIXTURE, "sig-required.der", "sig-required"},
	{FIXTURE, "unauthorized.der", "unauthorized"},
	/* revoked: an encoded reason, none (reads "unspecified", the text
	 * adds "(not encoded)"), and unspecified encoded */
	{FIXTURE, "revoked-key-compromise.der", "revoked-key-compromise"},
	{FIXTURE, "revoked-no-reason.der", "revoked-no-reason"},
	{FIXTURE, "revoked-unspecified.der", "revoked-unspecified"},
	{FIXTURE, "cert-status-unknown.der", "cert-status-unknown"},
	/* several entries; 20 is more than STAPLE_MAX_SINGLE */
	{FIXTURE, "multi-3-entries.der", "multi-3-entries"},
	{FIXTURE, "multi-20-entries.der", "multi-20-entries"},
	{FIXTURE, "empty-responses.der", "empty-responses"},
	{FIXTURE, "no-next-update.der", "no-next-update"},
	/* optional lines of the text block */
	{FIXTURE, "nonce.der", "nonce"},
	{FIXTURE, "critical-unknown-both.der", "critical-unknown-both"},
	/* every extension staple decodes, a delegated responder's cert */
	{FIXTURE, "ext-every-kind.der", "ext-every-kind"},
	{FIXTURE, "lenient-explicit-version.der", "lenient-explicit-version"},
	{FIXTURE, "lenient-empty-single-extensions.der",
	 "lenient-empty-single-extensions"},
	/* dates: milliseconds, before 1970, the epoch, leap day, 9999 */
	{FIXTURE, "time-fraction.der", "time-fraction"},
	{FIXTURE, "time-before-1970.der", "time-before-1970"},
	{FIXTURE, "time-epoch-edges.der", "time-epoch-edges"},
	{FIXTURE, "time-leap-day.der", "time-leap-day"},
	{FIXTURE, "time-max.der", "time-max"},
	{FIXTURE, "serial-negative.der", "serial-negative"},
	/* and every other fixture but the four with hundreds of entries or
	 * certificates (many_certs_and_entries covers those) */
	{FIXTURE, "certid-sha1-no-params.der", "certid-sha1-no-params"},
	{FIXTURE, "certid-sha224-null-params.der", "certid-sha224-null-params"},
	{FIXTURE, "certid-sha256-no-params.der", "certid-sha256-no-params"},
	{FIXTURE, "certid-sha384-null-params.der", "certid-sha384-null-params"},
	{FIXTURE, "critical-unknown-response-ext.der", "critical-unknown-response-ext"},
	{FIXTURE, "critical-unknown-single-ext.der", "critical-unknown-single-ext"},
	{FIXTURE, "lenient-empty-response-extensions.der", "lenient-empty-response-extensions"},
	{FIXTURE, "revoked-aa-compromise.der", "revoked-aa-compromise"},
	{FIXTURE, "revoked-affiliation-changed.der", "revoked-affiliation-changed"},
	{FIXTURE, "revoked-ca-compromise.der", "revoked-ca-compromise"},
	{FIXTURE, "revoked-certificate-hold.der", "revoked-certificate-hold"},
	{FIXTURE, "revoked-cessation-of-operation.der", "revoked-cessation-of-operation"},
	{FIXTURE, "revoked-privilege-withdrawn.der", "revoked-privilege-withdrawn"},
	{FIXTURE, "revoked-remove-from-crl.der", "revoked-remove-from-crl"},
	{FIXTURE, "revoked-superseded.der", "revoked-superseded"},
	{FIXTURE, "serial-leading-zero.der", "serial-leading-zero"},
	{FIXTURE, "sig-ed448.der", "sig-ed448"},
	{FIXTURE, "sig-p384-sha384-by-name.der", "sig-p384-sha384-by-name"},
	{FIXTURE, "sig-p521-sha512.der", "sig-p521-sha512"},
	{FIXTURE, "sig-rsa2048-sha1.der", "sig-rsa2048-sha1"},
	{FIXTURE, "sig-rsa2048-sha256-by-name.der", "sig-rsa2048-sha256-by-name"},
	{FIXTURE, "time-after-2050.der", "time-after-2050"},
	/* text inputs: PEM with a preamble; bare base64 over two lines */
	{INPUT, "try-later.pem", "input-try-later-pem"},
	{INPUT, "try-later.b64", "input-try-later-b64"},
};

#define N_GOLDEN (sizeof golden_cases / sizeof golden_cases[0])

static void case_dir(const struct golden_case *c, char out[PATH_MAX])
{
	if (c->dir == FIXTURE)
		fixtures_path(out);
	else
		inputs_path(out);
}

static void golden_text(size_t i)
{
	const struct golden_case *c = &golden_cases[i];
	char dir[PATH_MAX];
	struct test_run r;

	case_dir(c, dir);
	run_decode(&r, dir, "--at", GOLDEN_AT, c->file,
	         (char *)NULL);
	ck_assert_int_eq(r.status, 0);
	expect_golden(c->file, &r.out, c->golden, "txt");
	expect_str("stderr", &r.err, "");
	test_run_free(&r);
}

static void golden_json(size_t i)
{
	const struct golden_case *c = &golden_cases[i];
	char dir[PATH_MAX];
	struct test_run r;

	case_dir(c, dir);
	run_decode(&r, dir, "--json", c->file, (char *)NULL);
	ck_assert_int_eq(r.status, 0);
	expect_golden(c->file, &r.out, c->golden, "json");
	expect_str("stderr", &r.err, "");
	test_run_free(&r);
}

/* --- several files, exit statuses --------------------------------------- */

/* Two golden outputs concatenated (text: with the blank line between). */
static char *golden_pair(const char *a, const char *b, const char *ext,
                         size_t *len)
{
	size_t alen, blen;
	char *ga = golden(a, ext, &alen), *gb = golden(b, ext, &blen), *out;
	int text = strcmp(ext, "txt") == 0;

	*len = alen + (text ? 1 : 0) + blen;
	out = malloc(*len + 1);
	ck_assert_ptr_nonnull(out);
	memcpy(out, ga, alen);
	if (text)
		out[alen] = '\n';
	memcpy(out + alen + (text ? 1 : 0), gb, blen);
	out[*len] = '\0';
	free(ga);
	free(gb);
	return out;
}

START_TEST(good_files_exit_0)
{
	char dir[PATH_MAX], *want;
	size_t want_len;
	struct test_run r;

	fixtures_path(dir);
	run_tool(&r, dir, NULL, 0, "decode", "--at=" GOLDEN_AT,
	         "le-like-p256.der", "try-later.der", (char *)NULL);
	want = golden_pair("le-like-p256", "try-later", "txt", &want_len);
	ck_assert_int_eq(r.status, 0);
	expect_bytes("two text blocks", &r.out, want, want_len);
	expect_str("stderr", &r.err, "");
	free(want);
	test_run_free(&r);

	run_tool(&r, dir, NULL, 0, "decode", "--json", "le-like-p256.der",
	         "try-later.der", (char *)NULL);
	want = golden_pair("le-like-p256", "try-later", "json", &want_len);
	ck_assert_int_eq(r.status, 0);
	expect_bytes("two JSON lines", &r.out, want, want_len);
	free(want);
	test_run_free(&r);
}
END_TEST

/*
 * The tool is not firmware: far more certificates than STAPLE_MAX_CERTS
 * or entries than STAPLE_MAX_SINGLE decode, and both outputs show the
 * whole count, every entry and every certificate (each with its serial
 * number, as each entry has one).
 */
static const struct many_case {
	const char *file;
	unsigned certs, entries;
} many_cases[] = {
	{"delegated-5-certs.der", 5, 1},
	{"delegated-20-certs.der", 20, 1},
	{"delegated-100-certs.der", 100, 1},
	{"multi-500-entries.der", 0, 500},
};

static size_t occurrences(const struct test_text *b, const char *needle)
{
	size_t n = 0;
	const char *at = b->p;

	while ((at = strstr(at, needle)) != NULL) {
		n++;
		at += strlen(needle);
	}
	return n;
}

static void many_certs_and_entries(size_t i)
{
	const struct many_case *c = &many_cases[i];
	char dir[PATH_MAX], want[64];
	struct test_run r;

	fixtures_path(dir);
	run_decode(&r, dir, "--json", c->file, (char *)NULL);
	ck_assert_msg(r.status == 0, "%s: exit %d: %s", c->file, r.status,
	              r.err.p);
	snprintf(want, sizeof want, "\"certs\": %u", c->certs);
	expect_contains("JSON certs", &r.out, want);
	ck_assert_uint_eq(occurrences(&r.out, "\"serial_number\""),
	                  c->entries + c->certs);
	ck_assert_uint_eq(occurrences(&r.out, "\"not_after\""), c->certs);
	test_run_free(&r);

	run_decode(&r, dir, c->file, (char *)NULL);
	ck_assert_int_eq(r.status, 0);
	snprintf(want, sizeof want, "\ncerts: %u\n", c->certs);
	expect_contains("text certs", &r.out, want);
	snprintf(want, sizeof want, "\nresponses: %u\n", c->entries);
	expect_contains("text responses", &r.out, want);
	ck_assert_uint_eq(occurrences(&r.out, "serial number: "),
	                  c->entries + c->certs);
	ck_assert_uint_eq(occurrences(&r.out, "\ncertificate "), c->certs);
	test_run_free(&r);
}

/* Options may follow the files; after "--" everything is a file. */
START_TEST(option_after_file)
{
	char dir[PATH_MAX], *want;
	size_t want_len;
	struct test_run r;

	fixtures_path(dir);
	run_tool(&r, dir, NULL, 0, "decode", "try-later.der", "--json",
	         (char *)NULL);
	want = golden("try-later", "json", &want_len);
	ck_assert_int_eq(r.status, 0);
	expect_bytes("--json after the file", &r.out, want, want_len);
	free(want);
	test_run_free(&r);

	run_tool(&r, dir, NULL, 0, "decode", "--json", "--", "--json",
	         (char *)NULL);
	ck_assert_int_eq(r.status, 2); /* no file named --json */
	expect_contains("stdout", &r.out,
	                "{\"file\": \"--json\", \"error\": {\"code\": \"IO\"");
	test_run_free(&r);
}
END_TEST

/*
 * trailing.der is "30 03 0a 01 03 00": a complete OCSPResponse (tryLater)
 * and one byte after it, so TRAILING_DATA at offset 5.  The good files
 * around it are still printed, whole.
 */
START_TEST(malformed_among_good_exit_1)
{
	char dir[PATH_MAX], inputs[PATH_MAX], bad[PATH_MAX], *want;
	char line[PATH_MAX + 256];
	size_t want_len;
	struct test_run r;

	fixtures_path(dir);
	inputs_path(inputs);
	join(bad, inputs, "trailing.der");

	run_tool(&r, dir, NULL, 0, "decode", "--at=" GOLDEN_AT,
	         "le-like-p256.der", bad, "try-later.der", (char *)NULL);
	want = golden_pair("le-like-p256", "try-later", "txt", &want_len);
	ck_assert_int_eq(r.status, 1);
	expect_bytes("good blocks", &r.out, want, want_len);
	snprintf(line, sizeof line,
	         "staple: %s: bytes left after the last element at offset 5\n",
	         bad);
	expect_str("stderr", &r.err, line);
	free(want);
	test_run_free(&r);

	run_tool(&r, dir, NULL, 0, "decode", "--json", "le-like-p256.der", bad,
	         "try-later.der", (char *)NULL);
	ck_assert_int_eq(r.status, 1);
	{
		size_t alen, blen;
		char *a = golden("le-like-p256", "json", &alen);
		char *b = golden("try-later", "json", &blen);
		struct test_text w = {NULL, 0};
		snprintf(line, sizeof line,
		         "{\"file\": \"%s\", \"error\": {\"code\": "
		         "\"TRAILING_DATA\", \"message\": \"bytes left after "
		         "the last element\", \"offset\": 5}}\n",
		         bad);
		bytes_add(&w, a, alen);
		bytes_add(&w, line, strlen(line));
		bytes_add(&w, b, blen);
		expect_bytes("JSON lines", &r.out, w.p, w.n);
		free(a);
		free(b);
		free(w.p);
	}
	expect_str("stderr", &r.err, "");
	test_run_free(&r);
}
END_TEST

/*
 * One malformed input: its exact error, and nothing on stdout.  message
 * is the whole message: with a hint (staple_input_hint) the reason, then
 * the hint in parentheses; text mode puts " at offset N" between them.
 */
struct bad_case {
	const char *file; /* in tests/golden/inputs */
	const char *code;
	const char *message;
	size_t offset;
	const char *why;
	const char *hint; /* NULL: broken, but nothing else either */
};

static const struct bad_case bad_cases[] = {
	{"empty.der", "TRUNCATED",
	 "element runs past the end of its container", 0,
	 "an empty file holds no OCSPResponse", "the file is empty"},
	{"truncated.der", "TRUNCATED",
	 "element runs past the end of its container", 0,
	 "30 82 01 00 claims 256 content octets, 3 follow", NULL},
	{"bad-status.der", "RESPONSE_STATUS", "undefined responseStatus value",
	 2, "responseStatus 4 is not defined (RFC 6960 4.2.1)", NULL},
	{"trailing.der", "TRAILING_DATA", "bytes left after the last element",
	 5, "a byte after the OCSPResponse", NULL},
	{"bad-char.b64", "BASE64", "invalid base64 character", 7,
	 "'*' is not in the base64 alphabet", NULL},
	{"bad-padding.b64", "BASE64", "non-zero base64 padding bits", 6,
	 "'N' of \"AQN=\" leaves bits 01 below the last byte (RFC 4648 3.5)",
	 NULL},
	{"no-end.pem", "PEM", "PEM block without END line", 0,
	 "BEGIN OCSP RESPONSE is never closed", NULL},
};

#define N_BAD (sizeof bad_cases / sizeof bad_cases[0])

static void malformed_input(size_t i)
{
	const struct bad_case *c = &bad_cases[i];
	char dir[PATH_MAX], want[512];
	struct test_run r;

	inputs_path(dir);
	run_decode(&r, dir, c->file, (char *)NULL);
	ck_assert_msg(r.status == 1, "%s (%s): status %d", c->file, c->why,
	              r.status);
	expect_str("stdout", &r.out, "");
	snprintf(want, sizeof want, "staple: %s: %s at offset %zu%s%s%s\n",
	         c->file, c->message, c->offset, c->hint ? " (" : "",
	         c->hint ? c->hint : "", c->hint ? ")" : "");
	expect_str(c->why, &r.err, want);
	test_run_free(&r);

	run_decode(&r, dir, "--json", c->file, (char *)NULL);
	ck_assert_int_eq(r.status, 1);
	snprintf(want, sizeof want,
	         "{\"file\": \"%s\", \"error\": {\"code\": \"%s\", "
	         "\"message\": \"%s%s%s%s\", \"offset\": %zu}}\n",
	         c->file, c->code, c->message, c->hint ? " (" : "",
	         c->hint ? c->hint : "", c->hint ? ")" : "", c->offset);
	expect_str(c->why, &r.out, want);
	expect_str("stderr", &r.err, "");
	test_run_free(&r);
}

/* A file that does not exist: IO, status 2, the others still decoded. */
START_TEST(missing_file_exit_2)
{
	char dir[PATH_MAX], line[512], *good;
	size_t good_len;
	struct test_text want = {NULL, 0};
	struct test_run r;

	fixtures_path(dir);
	run_tool(&r, dir, NULL, 0, "decode", "--json", "le-like-p256.der",
	         "no-such-file.der", (char *)NULL);
	ck_assert_int_eq(r.status, 2);
	good = golden("le-like-p256", "json", &good_len);
	snprintf(line, sizeof line,
	         "{\"file\": \"no-such-file.der\", \"error\": {\"code\": "
	         "\"IO\", \"message\": \"%s\", \"offset\": 0}}\n",
	         strerror(ENOENT));
	bytes_add(&want, good, good_len);
	bytes_add(&want, line, strlen(line));
	expect_bytes("stdout", &r.out, want.p, want.n);
	free(want.p);
	free(good);
	test_run_free(&r);

	run_tool(&r, dir, NULL, 0, "decode", "no-such-file.der", (char *)NULL);
	ck_assert_int_eq(r.status, 2);
	expect_str("stdout", &r.out, "");
	snprintf(line, sizeof line, "staple: no-such-file.der: %s\n",
	         strerror(ENOENT));
	expect_str("stderr", &r.err, line);
	test_run_free(&r);
}
END_TEST

/* 2 (I/O) wins over 1 (malformed), whatever the order. */
START_TEST(io_error_wins_over_malformed)
{
	char dir[PATH_MAX], inputs[PATH_MAX], bad[PATH_MAX];
	struct test_run r;

	fixtures_path(dir);
	inputs_path(inputs);
	join(bad, inputs, "bad-status.der");
	run_tool(&r, dir, NULL, 0, "decode", "no-such-file.der", bad,
	         (char *)NULL);
	ck_assert_int_eq(r.status, 2);
	test_run_free(&r);
	run_tool(&r, dir, NULL, 0, "decode", bad, "no-such-file.der",
	         (char *)NULL);
	ck_assert_int_eq(r.status, 2);
	test_run_free(&r);
}
END_TEST

/* Usage errors: status 2, nothing on stdout, a reason on stderr. */
struct usage_case {
	const char *args[4];
	const char *says; /* on stderr */
};

static const struct usage_case usage_cases[] = {
	{{"decode", "--bogus", "x.der", NULL}, "unknown option"},
	{{"decode", "-x", "x.der", NULL}, "unknown option"},
	{{"decode", "x.der", "--issuer", NULL}, "--issuer: needs a value"},
	{{"decode", "--issuer=", "x.der", NULL}, "--issuer=: needs a value"},
	{{"decode", "--skew=60", "x.der", NULL}, "which needs --issuer"},
	/* --at alone sets what relative times are counted from */
	{{"decode", "--at=2025", "x.der", NULL}, "2025: not a time"},
	{{"decode", "--issuer=a", "--issuer=b", "x.der"}, "given twice"},
	{{"decode", "--issuer", "no-such.pem", "x.der"},
	 "--issuer no-such.pem: No such file"},
	/* --max-size: digits only, 1 to 1 GiB */
	{{"decode", "--max-size", "x.der", NULL}, "x.der: not a number of bytes"},
	{{"decode", "--max-size=", "x.der", NULL}, "--max-size=: needs a value"},
	{{"decode", "--max-size=0", "x.der", NULL},
	 "0: not a number of bytes from 1 to 1073741824 (--max-size)"},
	{{"decode", "--max-size=1073741825", "x.der", NULL},
	 "1073741825: not a number of bytes"},
	{{"decode", "--max-size=99999999999999999999999", "x.der", NULL},
	 "99999999999999999999999: not a number of bytes"},
	{{"decode", "--max-size=-1", "x.der", NULL}, "-1: not a number of bytes"},
	{{"decode", "--max-size=+1", "x.der", NULL}, "+1: not a number of bytes"},
	{{"decode", "--max-size=1k", "x.der", NULL}, "1k: not a number of bytes"},
	{{"decode", "--max-size= 1", "x.der", NULL}, " 1: not a number of bytes"},
	{{"decode", "--max-size=1", "--max-size=2", "x.der"}, "given twice"},
	{{"decode", NULL, NULL, NULL}, "no input file"},
	{{"decode", "--json", NULL, NULL}, "no input file"},
	{{"frobnicate", NULL, NULL, NULL}, "unknown command"},
	{{NULL, NULL, NULL, NULL}, "usage:"},
	{{"fetch", NULL, NULL, NULL}, "staple: fetch: no server (HOST[:PORT])"},
	{{"fetch", "--bogus", "h", NULL}, "staple: fetch: --bogus: unknown option"},
	{{"fetch", "--backend", "nope", "h"}, "nope: no such backend"},
	{{"fetch", "--timeout", "0", "h"}, "not a number of seconds from 1"},
	{{"fetch", "[::1", NULL, NULL}, "not HOST[:PORT] or [ADDRESS]:PORT"},
	{{"fetch", "h", "h2", NULL}, "h2: one server at a time"},
	{{"fetch", "--out", NULL, NULL}, "--out: needs a value"},
	/* one parser for every command (tools/options.c): the same
	 * wording, --opt=V, "--" ends the options, flags take no value */
	{{"decode", "--bogus", "x.der", NULL},
	 "staple: decode: --bogus: unknown option\n"
	 "Try 'staple decode --help'.\n"},
	{{"fetch", "--bogus", "h", NULL},
	 "staple: fetch: --bogus: unknown option\n"
	 "Try 'staple fetch --help'.\n"},
	{{"decode", "--json=yes", "x.der", NULL}, "--json=yes: takes no value"},
	{{"fetch", "--json=yes", "h", NULL}, "--json=yes: takes no value"},
	{{"fetch", "--tls12=1", "h", NULL}, "--tls12=1: takes no value"},
	{{"fetch", "--insecure=yes", "h", NULL},
	 "--insecure=yes: takes no value"},
	{{"fetch", "--timeout=0", "h", NULL}, "0: not a number of seconds"},
	{{"fetch", "--backend=nope", "h", NULL}, "nope: no such backend"},
	{{"fetch", "--cafile=", "h", NULL}, "--cafile=: needs a value"},
	{{"fetch", "--out=a", "--out", "b"}, "--out: given twice"},
	{{"fetch", "h", "--timeout", NULL}, "--timeout: needs a value"},
	/* after "--", options are operands: two servers, or a file */
	{{"fetch", "h", "--", "--json"}, "--json: one server at a time"},
	{{"fetch", "--", "-h", "h"}, "h: one server at a time"},
	{{"decode", "--", "--json", NULL}, "staple: --json: No such file"},
	{{"decode", "--", "-h", NULL}, "staple: -h: No such file"},
	{{"decode", "--json", "--", NULL}, "no input file"},
};

#define N_USAGE (sizeof usage_cases / sizeof usage_cases[0])

static void usage_exit_2(size_t i)
{
	const struct usage_case *c = &usage_cases[i];
	const char *const *a = c->args;
	struct test_run r;

	/* run_tool stops at the first NULL */
	run_tool(&r, NULL, NULL, 0, a[0], a[1], a[2], a[3], (char *)NULL);
	ck_assert_msg(r.status == 2, "%s: status %d", c->says, r.status);
	expect_str("stdout", &r.out, "");
	expect_contains("stderr", &r.err, c->says);
	test_run_free(&r);
}

/* --- stdin, PEM, base64 ------------------------------------------------- */

static const char b64_alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* RFC 4648 base64 of p[0..n), a newline after every 64 characters. */
static void base64_lines(struct test_text *out, const uint8_t *p, size_t n)
{
	size_t i, col = 0;

	for (i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16;
		char quad[4];
		if (i + 1 < n)
			v |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		quad[0] = b64_alphabet[v >> 18 & 63];
		quad[1] = b64_alphabet[v >> 12 & 63];
		quad[2] = i + 1 < n ? b64_alphabet[v >> 6 & 63] : '=';
		quad[3] = i + 2 < n ? b64_alphabet[v & 63] : '=';
		bytes_add(out, quad, 4);
		col += 4;
		if (col == 64) {
			bytes_add(out, "\n", 1);
			col = 0;
		}
	}
	if (col != 0)
		bytes_add(out, "\n", 1);
}

enum encoding { AS_DER, AS_PEM, AS_BASE64 };

/* le-like-p256 on stdin as `-`, encoded as asked: same output. */
static void stdin_case(enum encoding enc)
{
	struct test_text in = {NULL, 0};
	uint8_t *der;
	size_t der_len, want_len;
	char *want;
	struct test_run r;

	ck_assert(test_read_in(test_fixtures_dir(), "le-like-p256.der", &der,
	                       &der_len) == 0);
	if (enc == AS_DER) {
		bytes_add(&in, (const char *)der, der_len);
	} else {
		if (enc == AS_PEM)
			bytes_add(&in, "-----BEGIN OCSP RESPONSE-----\n", 30);
		base64_lines(&in, der, der_len);
		if (enc == AS_PEM)
			bytes_add(&in, "-----END OCSP RESPONSE-----\n", 28);
	}
	free(der);

	run_tool(&r, NULL, (const uint8_t *)in.p, in.n, "decode",
	         "--at=" GOLDEN_AT, "-", (char *)NULL);
	want = golden_as("le-like-p256", "txt", "le-like-p256.der", "-",
	                 &want_len);
	ck_assert_int_eq(r.status, 0);
	expect_bytes("text from stdin", &r.out, want, want_len);
	expect_str("stderr", &r.err, "");
	free(want);
	test_run_free(&r);

	run_tool(&r, NULL, (const uint8_t *)in.p, in.n, "decode", "--json",
	         "-", (char *)NULL);
	want = golden_as("le-like-p256", "json", "le-like-p256.der", "-",
	                 &want_len);
	ck_assert_int_eq(r.status, 0);
	expect_bytes("JSON from stdin", &r.out, want, want_len);
	free(want);
	test_run_free(&r);
	free(in.p);
}

START_TEST(stdin_der)
{
	stdin_case(AS_DER);
}
END_TEST

START_TEST(stdin_pem)
{
	stdin_case(AS_PEM);
}
END_TEST

START_TEST(stdin_base64)
{
	stdin_case(AS_BASE64);
}
END_TEST

/* Base64 with a character outside the alphabet, on stdin. */
START_TEST(stdin_bad_base64)
{
	static const char in[] = "MAMK\nAQ@=\n"; /* '@' at offset 7 */
	struct test_run r;

	run_tool(&r, NULL, (const uint8_t *)in, sizeof in - 1, "decode",
	         "--json", "-", (char *)NULL);
	ck_assert_int_eq(r.status, 1);
	expect_str("stdout", &r.out,
	           "{\"file\": \"-\", \"error\": {\"code\": \"BASE64\", "
	           "\"message\": \"invalid base64 character\", "
	           "\"offset\": 7}}\n");
	test_run_free(&r);
}
END_TEST

/* An empty stdin is an empty input: TRUNCATED at 0. */
START_TEST(stdin_empty)
{
	struct test_run r;

	run_tool(&r, NULL, NULL, 0, "decode", "-", (char *)NULL);
	ck_assert_int_eq(r.status, 1);
	expect_str("stdout", &r.out, "");
	expect_str("stderr", &r.err,
	           "staple: -: element runs past the end of its container at "
	           "offset 0 (standard input is empty)\n");
	test_run_free(&r);
}
END_TEST

/* --- help and version --------------------------------------------------- */

/*
 * `staple --help` (and -h, help): every command, every exit status and
 * every verdict of staple_verify() by the name the JSON gives it.
 */
START_TEST(help_exit_0)
{
	static const char *const forms[][2] = {
		{"--help", NULL}, {"-h", NULL}, {"help", NULL}};
	size_t i;

	for (i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		struct test_run r;
		int v;
		run_tool(&r, NULL, NULL, 0, forms[i][0], forms[i][1],
		         (char *)NULL);
		ck_assert_int_eq(r.status, 0);
		expect_contains("help", &r.out, "staple decode [--json]");
		expect_contains("help", &r.out, "--issuer CERT");
		expect_contains("help", &r.out, "--max-size B");
		expect_contains("help", &r.out, "(default 1048576");
		expect_contains("help", &r.out, "staple fetch");
		expect_contains("help", &r.out, "--cafile FILE");
		expect_contains("help", &r.out, "--insecure");
		expect_contains("help", &r.out, "staple COMMAND --help");
		expect_contains("help", &r.out, "exit status");
		expect_contains("help", &r.out, "  0  ");
		expect_contains("help", &r.out, "  1  ");
		expect_contains("help", &r.out, "  2  ");
		expect_contains("help", &r.out, "  3  ");
		expect_contains("help", &r.out, "  4  ");
		expect_contains("help", &r.out, "  8  ");
		expect_contains("help", &r.out, "\n  ok\n      verified\n");
		/* the verdicts of staple.h's group, and ALGORITHM_PARAMS */
		for (v = STAPLE_ERR_ALGORITHM_PARAMS; v <= STAPLE_ERR_EXPIRED;
		     v++) {
			char line[256];
			const char *name = staple_errname(v);
			size_t k;
			line[0] = '\n';
			line[1] = line[2] = ' ';
			for (k = 0; name[k] != '\0' && k < 200; k++)
				line[3 + k] = (char)tolower((unsigned char)name[k]);
			snprintf(line + 3 + k, sizeof line - 3 - k,
			         "\n      %s\n", staple_strerror(v));
			expect_contains("help", &r.out, line);
		}
		expect_contains("help", &r.out, "  no_issuer\n");
		expect_contains("help", &r.out, "  must_staple_missing\n");
		expect_str("stderr", &r.err, "");
		test_run_free(&r);
	}
}
END_TEST

/* A command's --help: its own lines, none of the other command's. */
struct help_case {
	const char *forms[4][3]; /* the arguments that ask for it */
	const char *starts;      /* its first line starts so */
	const char *has[10];     /* lines it holds, NULL-ended */
	const char *lacks[5];    /* the other command's, NULL-ended */
};

static const struct help_case help_cases[] = {
	/* `staple decode --help`: decode's help and nothing of fetch's */
	{{{"decode", "--help", NULL},
	  {"decode", "-h", NULL},
	  /* options anywhere before "--", help wins over the rest */
	  {"decode", "x.der", "-h"},
	  {"decode", "--json", "--help"}},
	 "usage: staple decode [--json] [--ms] ",
	 {"--issuer CERT", "--max-size B", "--opt V or --opt=V",
	  "  3  some response failed verification\n", "\n  certid_serial\n",
	  "See staple(1).\n", NULL},
	 {"fetch", "--cafile", "  4  ", "no_issuer", NULL}},
	/* `staple fetch --help`: fetch's help and nothing of decode's */
	{{{"fetch", "--help", NULL},
	  {"fetch", "-h", NULL},
	  {"fetch", "example.com", "-h"},
	  {"fetch", "--timeout=5", "--help"}},
	 "usage: staple fetch [--json]",
	 {"--cafile FILE", "[--insecure]", "\n        --insecure      ",
	  "cipher suite", "--opt V or --opt=V", "  8  ",
	  "(with --insecure too", "\n  no_issuer\n", NULL},
	 {"staple decode", "--issuer", "--max-size", NULL}},
};

static void help_only(size_t i)
{
	const struct help_case *c = &help_cases[i];
	size_t f, k;

	for (f = 0; f < N_OF(c->forms); f++) {
		const char *const *a = c->forms[f];
		struct test_run r;
		run_tool(&r, NULL, NULL, 0, a[0], a[1], a[2], (char *)NULL);
		ck_assert_int_eq(r.status, 0);
		ck_assert_msg(strncmp(r.out.p, c->starts, strlen(c->starts)) ==
		                      0,
		              "%s help starts with:\n%s", a[0], r.out.p);
		for (k = 0; c->has[k] != NULL; k++)
			expect_contains("help", &r.out, c->has[k]);
		for (k = 0; c->lacks[k] != NULL; k++)
			ck_assert_msg(strstr(r.out.p, c->lacks[k]) == NULL,
			              "%s help has \"%s\" of the other's:\n%s",
			              a[0], c->lacks[k], r.out.p);
		expect_str("stderr", &r.err, "");
		test_run_free(&r);
	}
}

/*
 * The JSON writer (tools/json.c) escapes every key and string, puts the
 * commas, and closes what it opened: quotes, backslashes, control
 * characters and bytes that are not UTF-8 come out as valid JSON.
 */
START_TEST(json_writer_escapes)
{
	static const uint8_t odd[] = {'a', '"', '\\', '\n', 0x01, 0xff, 'z'};
	struct staple_buf b = {NULL, 0, 0};
	struct staple_json j;
	struct test_text got;
	size_t off = 7;

	staple_json_init(&j, &b);
	staple_json_object(&j);
	staple_json_key(&j, "k\"ey");
	staple_json_strn(&j, odd, sizeof odd);
	staple_json_key(&j, "list");
	staple_json_array(&j);
	staple_json_int(&j, -1);
	staple_json_bool(&j, 1);
	staple_json_null(&j);
	staple_json_object(&j);
	staple_json_end(&j);
	staple_json_end(&j);
	staple_json_error_member(&j, "CODE", "say \"hi\"\tnow", "a\\b", &off);
	staple_json_end(&j);
	staple_buf_char(&b, '\0');
	got.p = b.p;
	got.n = b.n - 1;
	expect_str("json", &got,
	           "{\"k\\\"ey\": \"a\\\"\\\\\\u000a\\u0001\\u00ffz\", "
	           "\"list\": [-1, true, null, {}], "
	           "\"error\": {\"code\": \"CODE\", \"message\": "
	           "\"say \\\"hi\\\"\\u0009now (a\\\\b)\", \"offset\": 7}}\n");
	staple_buf_free(&b);
}
END_TEST

/*
 * fetch's JSON error object carries a message with quotes, backslashes
 * and what was a control character (the --cafile path) escaped: one
 * valid JSON line.
 */
START_TEST(fetch_json_error_escaped)
{
	char want[512];
	struct test_run r;

	run_tool(&r, NULL, NULL, 0, "fetch", "--json", "--servername=x",
	         "--cafile=/no-such-dir/a\"b\\c\nd.pem", "127.0.0.1:1",
	         (char *)NULL);
	ck_assert_int_eq(r.status, 2);
	snprintf(want, sizeof want,
	         "{\"server\": \"127.0.0.1:1\", \"error\": {\"code\": "
	         "\"CAFILE\", \"message\": \"cannot read trust anchors from "
	         "/no-such-dir/a\\\"b\\\\c?d.pem: %s\"}}\n",
	         strerror(ENOENT));
	expect_str("stdout", &r.out, want);
	test_run_free(&r);
}
END_TEST

START_TEST(version_exit_0)
{
	struct test_run r;

	run_tool(&r, NULL, NULL, 0, "--version", (char *)NULL);
	ck_assert_int_eq(r.status, 0);
	expect_str("version", &r.out,
	           "staple " STAPLE_VERSION " (backends: bearssl"
#ifdef STAPLE_HAVE_OPENSSL
	           " openssl"
#endif
	           ")\n");
	expect_str("stderr", &r.err, "");
	test_run_free(&r);
}
END_TEST

/* --- verification ------------------------------------------------------- */

/*
 * `staple decode [--json] --issuer F.issuer.pem --cert F.cert.pem --at AT
 * --backend B F.der` in tests/fixtures/verify, against the golden files
 * verify-NAME.txt and .json, and its exit status.  What each verdict must
 * be is test_verify.c's business; this is how the tool shows it.
 */
struct verify_golden {
	const char *file;    /* tests/fixtures/verify/FILE.der */
	const char *backend;
	const char *at;
	int leaf;            /* --cert FILE.cert.pem */
	int status;          /* exit status */
	const char *golden;  /* tests/golden/GOLDEN.txt and .json */
};

static const struct verify_golden verify_goldens[] = {
	{"sig-ecdsa-p256-sha256", "bearssl", "2025-01-02T00:00:00Z", 1, 0,
	 "verify-ok"},
	{"delegated-by-name", "openssl", "20250102000000Z", 1, 0,
	 "verify-delegated"},
	/* the k6 object shows the matched entry, not the first */
	{"multi-3-leaf-third", "bearssl", "@1735776000", 1, 0,
	 "verify-third-entry"},
	{"must-staple", "bearssl", "2025-01-02T00:00:00Z", 1, 0,
	 "verify-must-staple"},
	{"certid-wrong-serial", "bearssl", "2025-01-02T00:00:00Z", 1, 3,
	 "verify-certid-serial"},
	{"sig-ed25519", "bearssl", "2025-01-02T00:00:00Z", 1, 3,
	 "verify-unsupported"},
	{"try-later", "bearssl", "2025-01-02T00:00:00Z", 1, 3,
	 "verify-try-later"},
	/* no --cert: matched on the issuer only */
	{"certid-sha256", "bearssl", "2025-01-02T00:00:00Z", 0, 0,
	 "verify-no-leaf"},
	{"time-window", "bearssl", "2025-01-08T00:05:01Z", 1, 3,
	 "verify-expired"},
};

#define N_VERIFY_GOLDEN (sizeof verify_goldens / sizeof verify_goldens[0])

static void verify_run(struct test_run *r, const struct verify_golden *c,
                       int json)
{
	char fixtures[PATH_MAX], dir[PATH_MAX], der[256], issuer[256],
		cert[256], at[64], backend[64];
	int n;

	fixtures_path(fixtures);
	n = snprintf(dir, sizeof dir, "%s/verify", fixtures);
	ck_assert(n > 0 && (size_t)n < sizeof dir);
	ck_assert(snprintf(der, sizeof der, "%s.der", c->file) > 0);
	ck_assert(snprintf(issuer, sizeof issuer, "--issuer=%s.issuer.pem",
	                   c->file) > 0);
	ck_assert(snprintf(cert, sizeof cert, "--cert=%s.cert.pem", c->file) >
	          0);
	ck_assert(snprintf(at, sizeof at, "--at=%s", c->at) > 0);
	ck_assert(snprintf(backend, sizeof backend, "--backend=%s",
	                   c->backend) > 0);
	/* run_tool stops at the first NULL */
	run_decode(r, dir, issuer, at, backend, der,
	         c->leaf ? cert : (json ? "--json" : NULL),
	         c->leaf && json ? "--json" : NULL, (char *)NULL);
}

/* One verification, text or JSON, against its golden file. */
static void verify_golden_check(const struct verify_golden *c, int json)
{
	struct test_run r;

	if (staple_crypto_find(c->backend) == NULL)
		return; /* built without OpenSSL: --version says so */
	verify_run(&r, c, json);
	ck_assert_msg(r.status == c->status, "%s: status %d", c->file,
	              r.status);
	expect_golden(c->file, &r.out, c->golden, json ? "json" : "txt");
	expect_str("stderr", &r.err, "");
	test_run_free(&r);
}

static void verify_golden_text(size_t i)
{
	verify_golden_check(&verify_goldens[i], 0);
}

static void verify_golden_json(size_t i)
{
	verify_golden_check(&verify_goldens[i], 1);
}

/* A verified file and a failing one: both printed, status 3. */
START_TEST(verify_batch_exit_3)
{
	char fixtures[PATH_MAX], dir[PATH_MAX];
	struct test_run r;

	fixtures_path(fixtures);
	ck_assert(snprintf(dir, sizeof dir, "%s/verify", fixtures) > 0);
	run_tool(&r, dir, NULL, 0, "decode", "--json",
	         "--issuer", "certid-sha1.issuer.pem", "--cert",
	         "certid-sha1.cert.pem", "--at", "@1735776000",
	         "certid-sha1.der", "certid-wrong-serial.der", (char *)NULL);
	ck_assert_int_eq(r.status, 3);
	expect_contains("stdout", &r.out, "\"result\": \"ok\"");
	expect_contains("stdout", &r.out, "\"result\": \"certid_serial\"");
	expect_str("stderr", &r.err, "");
	test_run_free(&r);
}
END_TEST

/* Option values the tool refuses: status 2, nothing on stdout. */
static const char *const bad_verify_options[][2] = {
	{"--at=2025-13-01T00:00:00Z", "not a time"},
	{"--at=yesterday", "not a time"},
	{"--at=@12x", "not a time"},
	{"--skew=-1", "not a number of seconds"},
	{"--skew=31536001", "not a number of seconds"},
	{"--backend=wolfssl", "no such backend"},
	{"--cert=certid-sha1.der", "not a certificate"},
};

static void verify_bad_option(size_t i)
{
	char fixtures[PATH_MAX], dir[PATH_MAX];
	struct test_run r;

	fixtures_path(fixtures);
	ck_assert(snprintf(dir, sizeof dir, "%s/verify", fixtures) > 0);
	run_decode(&r, dir, "--issuer",
	         "certid-sha1.issuer.pem", bad_verify_options[i][0],
	         "certid-sha1.der", (char *)NULL);
	ck_assert_int_eq(r.status, 2);
	expect_str("stdout", &r.out, "");
	expect_contains("stderr", &r.err, bad_verify_options[i][1]);
	test_run_free(&r);
}

/* --- what a failed input is instead (the hint) --------------------------- */

/*
 * An input that is something else than an OCSP response, on stdin: the
 * code and offset are the failure's own, the message gains what the input
 * seems to be.  Built from the fixtures and from bytes written out here.
 */
enum hint_input {
	CERT_DER,    /* le-like-p256.cert.pem as DER */
	CERT_PEM,    /* the PEM file itself */
	CERT_BASE64, /* the DER as bare base64 */
	CHAIN_PEM,   /* leaf and issuer, two CERTIFICATE blocks */
	LITERAL      /* the bytes of the case */
};

struct hint_case {
	enum hint_input input;
	const char *bytes; /* LITERAL: text, or hex after "hex:" */
	const char *code;
	const char *message;
	size_t offset;
	const char *hint; /* NULL: no hint is right */
	const char *why;
};

/* OCSPRequest { tbsRequest { requestList { Request { CertID } } } } */
#define OCSP_REQUEST_HEX \
	"30 1c 30 1a 30 18 30 16 30 14 30 09 06 05 2b 0e 03 02 1a 05 00" \
	" 04 01 00 04 01 00 02 01 01"

static const struct hint_case hint_cases[] = {
	{CERT_DER, NULL, "TAG", "unexpected tag", 4,
	 "this is an X.509 certificate, not an OCSP response",
	 "a Certificate's tbsCertificate is where responseStatus should be"},
	{CERT_PEM, NULL, "TAG", "unexpected tag", 4,
	 "this PEM block is a CERTIFICATE: an X.509 certificate, not an OCSP "
	 "response",
	 "the only block is decoded whatever its label"},
	{CERT_BASE64, NULL, "TAG", "unexpected tag", 4,
	 "this is an X.509 certificate in base64, not an OCSP response",
	 "bare base64 of a certificate"},
	{CHAIN_PEM, NULL, "PEM", "several PEM blocks, none OCSP RESPONSE", 0,
	 "the first PEM block is a CERTIFICATE: an X.509 certificate, not an "
	 "OCSP response",
	 "a chain file holds no response at all"},
	{LITERAL, "hex:" OCSP_REQUEST_HEX, "TAG", "unexpected tag", 2,
	 "this is an OCSP request, not a response",
	 "tbsRequest SEQUENCE where responseStatus ENUMERATED should be"},
	{LITERAL,
	 "-----BEGIN OCSP REQUEST-----\nMBwwGjAYMBYwFDAJBgUrDgMCGgUABAEABAEAAgEB\n"
	 "-----END OCSP REQUEST-----\n",
	 "TAG", "unexpected tag", 2,
	 "this PEM block is an OCSP REQUEST: a request, not a response",
	 "the same request in PEM"},
	{LITERAL,
	 "-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n",
	 "TRUNCATED", "element runs past the end of its container", 1,
	 "this PEM block is labelled PRIVATE KEY, not OCSP RESPONSE",
	 "a label the tool does not know is named as it is"},
	{LITERAL,
	 "hex:30 1d 30 16 02 01 01 30 00 30 00 17 0d 32 35 30 31 30 31 30 30"
	 " 30 30 30 30 5a 30 00 03 01 00",
	 "TAG", "unexpected tag", 2, "this is an X.509 CRL, not an OCSP response",
	 "tbsCertList: version, signature, issuer, then a UTCTime"},
	{LITERAL, "30 03 0a 01 03\n", "BASE64",
	 "base64 ends in the middle of a group", 12,
	 "this looks like hex text, not DER, PEM or base64: xxd -r -p turns "
	 "it into DER",
	 "hex pairs with spaces read as base64 end mid-group"},
	{LITERAL, "30:03:0a:01:03", "BASE64", "invalid base64 character", 2,
	 "this looks like hex text, not DER, PEM or base64: xxd -r -p turns "
	 "it into DER",
	 "':' is no base64"},
	{LITERAL, "30030a01\n", "TAG", "unexpected tag", 0,
	 "this looks like hex text, not DER, PEM or base64: xxd -r -p turns "
	 "it into DER",
	 "eight hex digits are valid base64 too, of df 4d 34 d1 ad 35"},
	{LITERAL, " \n\t\n", "TRUNCATED",
	 "element runs past the end of its container", 0,
	 "standard input holds only white space", "no base64 at all"},
	/* no hint: a broken response is just broken */
	{LITERAL, "-----BEGIN OCSP RESPONSE-----\nMAA=\n"
	          "-----END OCSP RESPONSE-----\n",
	 "TRUNCATED", "element runs past the end of its container", 1, NULL,
	 "an empty SEQUENCE labelled as a response"},
	{LITERAL, "helloworld\n", "BASE64",
	 "base64 ends in the middle of a group", 8, NULL,
	 "text, but not hex"},
	{LITERAL, "hex:30 03 0a 01", "TRUNCATED",
	 "element runs past the end of its container", 0, NULL,
	 "a response cut short"},
};

#define N_HINT (sizeof hint_cases / sizeof hint_cases[0])

/* The case's input into *in. */
static void hint_input(const struct hint_case *c, struct test_text *in)
{
	struct staple_input cert;
	struct staple_problem pb;
	char path[PATH_MAX];
	uint8_t *raw;
	size_t len;

	memset(in, 0, sizeof *in);
	bytes_add(in, "", 0);
	if (c->input == LITERAL) {
		if (strncmp(c->bytes, "hex:", 4) == 0) {
			raw = test_hex(c->bytes + 4, &len);
			bytes_add(in, (const char *)raw, len);
			free(raw);
		} else {
			bytes_add(in, c->bytes, strlen(c->bytes));
		}
		return;
	}
	join(path, test_fixtures_dir(), "le-like-p256.cert.pem");
	if (c->input == CERT_PEM || c->input == CHAIN_PEM) {
		ck_assert(test_read_file(path, &raw, &len) == 0);
		bytes_add(in, (const char *)raw, len);
		free(raw);
		if (c->input == CHAIN_PEM) {
			join(path, test_fixtures_dir(),
			     "le-like-p256.issuer.pem");
			ck_assert(test_read_file(path, &raw, &len) == 0);
			bytes_add(in, (const char *)raw, len);
			free(raw);
		}
		return;
	}
	ck_assert(staple_input_load_cert(&cert, path, &pb) == 0);
	if (c->input == CERT_DER)
		bytes_add(in, (const char *)cert.der.p, cert.der.n);
	else
		base64_lines(in, cert.der.p, cert.der.n);
	staple_input_free(&cert);
}

static void input_hint(size_t i)
{
	const struct hint_case *c = &hint_cases[i];
	char want[1024], hint[256] = "";
	struct test_text in;
	struct test_run r;

	hint_input(c, &in);
	if (c->hint != NULL)
		snprintf(hint, sizeof hint, " (%s)", c->hint);
	run_tool(&r, NULL, (const uint8_t *)in.p, in.n, "decode", "--json",
	         "-", (char *)NULL);
	ck_assert_msg(r.status == 1, "%s: status %d", c->why, r.status);
	snprintf(want, sizeof want,
	         "{\"file\": \"-\", \"error\": {\"code\": \"%s\", "
	         "\"message\": \"%s%s\", \"offset\": %zu}}\n",
	         c->code, c->message, hint, c->offset);
	expect_str(c->why, &r.out, want);
	test_run_free(&r);

	run_tool(&r, NULL, (const uint8_t *)in.p, in.n, "decode", "-",
	         (char *)NULL);
	ck_assert_msg(r.status == 1, "%s: status %d", c->why, r.status);
	snprintf(want, sizeof want, "staple: -: %s at offset %zu%s\n",
	         c->message, c->offset, hint);
	expect_str(c->why, &r.err, want);
	expect_str("stdout", &r.out, "");
	test_run_free(&r);
	free(in.p);
}

/* --- file names that are not plain text ---------------------------------- */

/*
 * A name is bytes: with a newline, an ESC sequence, a C1 control (CSI,
 * c2 9b), a byte that is not UTF-8 and a backslash, it must still be one
 * line in the text output and on stderr, written the C way, and valid
 * JSON with --json.
 */
static const char odd_good[] = "a\nfile: forged\x1b[2J\\\xc2\x9b\xff.der";
static const char odd_good_text[] =
	"a\\nfile: forged\\x1b[2J\\\\\\xc2\\x9b\\xff.der";
static const char odd_good_json[] =
	"a\\u000afile: forged\\u001b[2J\\\\\xc2\x9b\\u00ff.der";
static const char odd_bad[] = "tab\there\r.der"; /* an empty file */
static const char odd_bad_text[] = "tab\\there\\r.der";

/* A fresh directory holding the two oddly named files. */
static void odd_dir(char dir[PATH_MAX])
{
	const char *tmp = getenv("TMPDIR");
	char path[PATH_MAX];
	uint8_t *der;
	size_t len;
	FILE *f;
	int n = snprintf(dir, PATH_MAX, "%s/staple-names-XXXXXX",
	                 tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");

	ck_assert(n > 0 && n < PATH_MAX);
	ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp: %s", strerror(errno));
	ck_assert(test_read_in(test_fixtures_dir(), "try-later.der", &der,
	                       &len) == 0);
	join(path, dir, odd_good);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert(fwrite(der, 1, len, f) == len && fclose(f) == 0);
	free(der);
	join(path, dir, odd_bad);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert(fclose(f) == 0);
}

static void odd_dir_remove(const char dir[PATH_MAX])
{
	char path[PATH_MAX];

	join(path, dir, odd_good);
	ck_assert(unlink(path) == 0);
	join(path, dir, odd_bad);
	ck_assert(unlink(path) == 0);
	ck_assert(rmdir(dir) == 0);
}

START_TEST(file_name_escaped)
{
	char dir[PATH_MAX], want[512];
	struct test_run r;

	odd_dir(dir);
	run_tool(&r, dir, NULL, 0, "decode", odd_good, odd_bad, (char *)NULL);
	ck_assert_int_eq(r.status, 1);
	snprintf(want, sizeof want,
	         "file: %s\nresponse status: try_later\nk6 res.ocsp: "
	         "status=\"server_failed\" revocation_reason=\"\" "
	         "produced_at=0 this_update=0 next_update=0 revoked_at=0\n",
	         odd_good_text);
	expect_str("text output", &r.out, want);
	snprintf(want, sizeof want,
	         "staple: %s: element runs past the end of its container at "
	         "offset 0 (the file is empty)\n",
	         odd_bad_text);
	expect_str("stderr", &r.err, want);
	test_run_free(&r);

	run_tool(&r, dir, NULL, 0, "decode", "--json", odd_good, (char *)NULL);
	ck_assert_int_eq(r.status, 0);
	snprintf(want, sizeof want,
	         "{\"file\": \"%s\", \"ocsp\": {\"status\": \"server_failed\", "
	         "\"revocation_reason\": \"\", \"produced_at\": 0, "
	         "\"this_update\": 0, \"next_update\": 0, \"revoked_at\": 0}, "
	         "\"response_status\": \"try_later\"}\n",
	         odd_good_json);
	expect_str("JSON output", &r.out, want);
	test_run_free(&r);

	/* a certificate's name and an option's value, on stderr */
	run_tool(&r, dir, NULL, 0, "decode", "--issuer", odd_bad, odd_good,
	         (char *)NULL);
	ck_assert_int_eq(r.status, 2);
	expect_str("stdout", &r.out, "");
	snprintf(want, sizeof want, "staple: decode: --issuer %s: ",
	         odd_bad_text);
	ck_assert_msg(strncmp(r.err.p, want, strlen(want)) == 0 &&
	              strchr(r.err.p, '\n') == r.err.p + r.err.n - 1,
	              "stderr: %s", r.err.p);
	test_run_free(&r);
	run_tool(&r, dir, NULL, 0, "decode", "--max-size=1\n2", odd_good,
	         (char *)NULL);
	ck_assert_int_eq(r.status, 2);
	expect_contains("stderr", &r.err,
	                "staple: decode: 1\\n2: not a number of bytes");
	test_run_free(&r);
	odd_dir_remove(dir);
}
END_TEST

/* --- one rule for the revocation reason ---------------------------------- */

/*
 * Every SingleResponse of every fixture (fixtures.tsv: file, index,
 * cert_status, reason): in the JSON's responses[], a revoked entry reads
 * its encoded reason or "unspecified" when none is encoded, any other
 * entry ""; the text's "revocation reason" line says "(not encoded)" too.
 */
#define TSV_COLUMNS 24

/* Split a tab-separated line in place; returns the number of fields. */
static size_t tsv_split(char *line, char *fields[TSV_COLUMNS])
{
	size_t n = 0;

	for (;;) {
		char *tab = strchr(line, '\t');
		ck_assert(n < TSV_COLUMNS);
		fields[n++] = line;
		if (tab == NULL)
			return n;
		*tab = '\0';
		line = tab + 1;
	}
}

/* The column named name in the header. */
static size_t tsv_column(char *const header[], size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(header[i], name) == 0)
			return i;
	ck_abort_msg("fixtures.tsv has no column %s", name);
	return 0;
}

/* The n-th (0-based) object of a JSON line's responses[]. */
static const char *json_entry(const char *json, size_t n)
{
	const char *p = strstr(json, "\"responses\": [");
	size_t i;

	ck_assert_ptr_nonnull(p);
	for (i = 0; i <= n; i++) {
		p = strstr(p + 1, "{\"hash_algorithm\"");
		ck_assert_ptr_nonnull(p);
	}
	return p;
}

/*
 * The outputs of one fixture, kept while the rows of its entries are
 * checked (they follow each other in the table): one run per output.
 */
struct outputs {
	char file[256];
	struct test_run json, text;
	int has_json, has_text;
};

static void outputs_free(struct outputs *o)
{
	if (o->has_json)
		test_run_free(&o->json);
	if (o->has_text)
		test_run_free(&o->text);
	memset(o, 0, sizeof *o);
}

static const char *output_of(struct outputs *o, const char *dir,
                             const char *file, int json)
{
	struct test_run *r = json ? &o->json : &o->text;
	int *has = json ? &o->has_json : &o->has_text;

	if (strcmp(o->file, file) != 0) {
		outputs_free(o);
		ck_assert(strlen(file) < sizeof o->file);
		strcpy(o->file, file);
	}
	if (!*has) {
		run_decode(r, dir, json ? "--json" : file,
		         json ? file : NULL, (char *)NULL);
		ck_assert_msg(r->status == 0, "%s: status %d", file,
		              r->status);
		*has = 1;
	}
	return r->out.p;
}

/* One row: the JSON entry and, when revoked, the text line. */
static void reason_row(struct outputs *o, const char *dir, const char *file,
                       size_t index, const char *status, const char *reason)
{
	int revoked = strcmp(status, "revoked") == 0;
	const char *entry, *end, *at;
	char want[128];

	entry = json_entry(output_of(o, dir, file, 1), index);
	end = strchr(entry, '}');
	ck_assert_ptr_nonnull(end);
	snprintf(want, sizeof want, "\"revocation_reason\": \"%s\"",
	         !revoked ? ""
	                  : strcmp(reason, "-") == 0 ? "unspecified" : reason);
	at = strstr(entry, want);
	ck_assert_msg(at != NULL && at < end, "%s entry %zu (%s, %s): lacks %s",
	              file, index, status, reason, want);
	if (!revoked)
		return;

	snprintf(want, sizeof want, "response %zu:\n", index + 1);
	entry = strstr(output_of(o, dir, file, 0), want);
	ck_assert_ptr_nonnull(entry);
	snprintf(want, sizeof want, "  revocation reason: %s\n",
	         strcmp(reason, "-") == 0 ? "unspecified (not encoded)"
	                                  : reason);
	ck_assert_msg(strstr(entry, want) != NULL, "%s: lacks %s", file, want);
}

START_TEST(reason_rule)
{
	char dir[PATH_MAX], *text, *line, *next;
	char *header[TSV_COLUMNS], *f[TSV_COLUMNS];
	size_t len, n, c_file, c_index, c_status, c_reason;
	size_t rows = 0, revoked_none = 0;
	struct outputs o;
	uint8_t *tsv;

	memset(&o, 0, sizeof o);

	fixtures_path(dir);
	ck_assert(test_read_in(dir, "fixtures.tsv", &tsv, &len) == 0);
	text = malloc(len + 1);
	ck_assert_ptr_nonnull(text);
	memcpy(text, tsv, len);
	text[len] = '\0';
	free(tsv);
	next = strchr(text, '\n');
	ck_assert_ptr_nonnull(next);
	*next++ = '\0';
	n = tsv_split(text, header);
	c_file = tsv_column(header, n, "file");
	c_index = tsv_column(header, n, "index");
	c_status = tsv_column(header, n, "cert_status");
	c_reason = tsv_column(header, n, "reason");
	for (line = next; *line != '\0'; line = next) {
		next = strchr(line, '\n');
		ck_assert_ptr_nonnull(next);
		*next++ = '\0';
		ck_assert_uint_eq(tsv_split(line, f), n);
		if (strcmp(f[c_index], "-") == 0)
			continue; /* no SingleResponse */
		reason_row(&o, dir, f[c_file],
		           (size_t)strtoul(f[c_index], NULL, 10), f[c_status],
		           f[c_reason]);
		rows++;
		if (strcmp(f[c_status], "revoked") == 0 &&
		    strcmp(f[c_reason], "-") == 0)
			revoked_none++;
	}
	/* the table holds the case the rule is about */
	ck_assert(rows > 0 && revoked_none > 0);
	outputs_free(&o);
	free(text);
}
END_TEST

/* --- extensions, against OpenSSL ---------------------------------------- */

/*
 * The extension names `openssl ocsp -resp_text` prints, as OIDs.  An
 * extension OpenSSL has no name for is printed as its dotted OID.
 */
static const struct {
	const char *name, *oid;
} openssl_ext_names[] = {
	{"OCSP Nonce", "1.3.6.1.5.5.7.48.1.2"},
	{"OCSP CRL ID", "1.3.6.1.5.5.7.48.1.3"},
	{"Acceptable OCSP Responses", "1.3.6.1.5.5.7.48.1.4"},
	{"OCSP No Check", "1.3.6.1.5.5.7.48.1.5"},
	{"OCSP Archive Cutoff", "1.3.6.1.5.5.7.48.1.6"},
	{"OCSP Service Locator", "1.3.6.1.5.5.7.48.1.7"},
	{"Extended OCSP Status", "1.3.6.1.5.5.7.48.1.9"},
	{"valid", "1.3.6.1.5.5.7.48.1.9"}, /* OpenSSL 3's id-pkix-OCSP-valid */
	{"Invalidity Date", "2.5.29.24"},
	{"X509v3 CRL Reason Code", "2.5.29.21"},
	{"Hold Instruction Code", "2.5.29.23"},
	{"X509v3 Certificate Issuer", "2.5.29.29"},
	{"CT Precertificate SCTs", "1.3.6.1.4.1.11129.2.4.2"},
	{"CT Certificate SCTs", "1.3.6.1.4.1.11129.2.4.5"},
};

#define MAX_EXT_OIDS 64

/* A list of OIDs, sorted to compare as multisets. */
struct oid_list {
	char oid[MAX_EXT_OIDS][96];
	size_t n;
};

static void oid_list_add(struct oid_list *l, const char *p, size_t n,
                         const char *file)
{
	ck_assert_msg(l->n < MAX_EXT_OIDS, "%s: too many extensions", file);
	ck_assert_msg(n < sizeof l->oid[0], "%s: OID too long", file);
	memcpy(l->oid[l->n], p, n);
	l->oid[l->n][n] = '\0';
	l->n++;
}

static int oid_cmp(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

static void oid_list_sort(struct oid_list *l)
{
	qsort(l->oid, l->n, sizeof l->oid[0], oid_cmp);
}

/* Every "oid" member of staple's JSON: one per extension. */
static void staple_ext_oids(const char *json, struct oid_list *l,
                            const char *file)
{
	static const char key[] = "\"oid\": \"";
	const char *p = json;

	l->n = 0;
	while ((p = strstr(p, key)) != NULL) {
		const char *end;
		p += sizeof key - 1;
		end = strchr(p, '"');
		ck_assert(end != NULL);
		oid_list_add(l, p, (size_t)(end - p), file);
		p = end;
	}
	oid_list_sort(l);
}

static size_t indent_of(const char *line)
{
	size_t k = 0;
	while (line[k] == ' ')
		k++;
	return k;
}

/*
 * The extensions OpenSSL's text names: the lines four spaces in from a
 * "Response Extensions:" or "Response Single Extensions:" header, each
 * "NAME:" or "NAME: critical", until a line no deeper than the header.
 */
static void openssl_ext_oids(char *text, struct oid_list *l,
                             const char *file)
{
	char *line = text, *next;
	size_t header = 0;
	int in = 0;

	l->n = 0;
	for (; line != NULL; line = next) {
		size_t ind, k, len;
		char *colon;

		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		k = strlen(line);
		while (k > 0 && line[k - 1] == ' ')
			line[--k] = '\0'; /* "Invalidity Date: " */
		ind = indent_of(line);
		if (line[ind] == '\0')
			continue;
		if (strcmp(line + ind, "Response Extensions:") == 0 ||
		    strcmp(line + ind, "Response Single Extensions:") == 0) {
			header = ind;
			in = 1;
			continue;
		}
		if (!in)
			continue;
		if (ind <= header) {
			in = 0;
			continue;
		}
		if (ind != header + 4)
			continue; /* a value */
		colon = strrchr(line + ind, ':');
		ck_assert_msg(colon != NULL, "%s: odd line %s", file, line);
		ck_assert_msg(strcmp(colon, ":") == 0 ||
		                      strcmp(colon, ": critical") == 0,
		              "%s: odd line %s", file, line);
		len = (size_t)(colon - (line + ind));
		for (k = 0; k < sizeof openssl_ext_names /
		                        sizeof openssl_ext_names[0];
		     k++) {
			const char *name = openssl_ext_names[k].name;
			if (strlen(name) == len &&
			    memcmp(name, line + ind, len) == 0)
				break;
		}
		if (k < sizeof openssl_ext_names / sizeof openssl_ext_names[0]) {
			const char *oid = openssl_ext_names[k].oid;
			oid_list_add(l, oid, strlen(oid), file);
		} else {
			ck_assert_msg(isdigit((unsigned char)line[ind]),
			              "%s: an extension name this test does not "
			              "map: %s", file, line + ind);
			oid_list_add(l, line + ind, len, file);
		}
	}
	oid_list_sort(l);
}

/*
 * One file: when both staple and OpenSSL accept it, both name the same
 * extensions (as a multiset of OIDs), and staple's JSON is valid.
 * Returns 1 when compared, 0 when either refused it.
 */
static int ext_oids_compare(const char *dir, const char *name)
{
	char path[PATH_MAX];
	/* -noverify needs no trust store: not loading the default one
	 * makes a run three times cheaper, and changes nothing it prints */
	char *argv[] = {(char *)"openssl", (char *)"ocsp", (char *)"-respin",
	                path, (char *)"-resp_text", (char *)"-noverify",
	                (char *)"-no-CAfile", (char *)"-no-CApath",
	                (char *)"-no-CAstore", NULL};
	struct oid_list *ours, *theirs;
	struct test_run s, o;
	size_t k;
	const char *end;

	join(path, dir, name);
	run_decode(&s, NULL, "--json", path, (char *)NULL);
	if (s.status != 0) {
		test_run_free(&s);
		return 0;
	}
	end = test_json_value(s.out.p);
	ck_assert_msg(end != NULL && strcmp(end, "\n") == 0,
	              "%s: not one JSON value", path);
	run_program(&o, NULL, "openssl", argv, NULL, 0);
	if (o.status != 0) {
		test_run_free(&s);
		test_run_free(&o);
		return 0;
	}
	ours = calloc(1, sizeof *ours);
	theirs = calloc(1, sizeof *theirs);
	ck_assert(ours != NULL && theirs != NULL);
	staple_ext_oids(s.out.p, ours, path);
	openssl_ext_oids(o.out.p, theirs, path);
	ck_assert_msg(ours->n == theirs->n,
	              "%s: staple shows %zu extensions, OpenSSL %zu", path,
	              ours->n, theirs->n);
	for (k = 0; k < ours->n; k++)
		ck_assert_msg(strcmp(ours->oid[k], theirs->oid[k]) == 0,
		              "%s: staple shows %s, OpenSSL %s", path,
		              ours->oid[k], theirs->oid[k]);
	free(ours);
	free(theirs);
	test_run_free(&s);
	test_run_free(&o);
	return 1;
}

/* Is openssl on PATH (it is where the OpenSSL backend is built)? */
static int have_openssl(void)
{
	char *argv[] = {(char *)"openssl", (char *)"version", NULL};
	struct test_run r;
	int ok;

	run_program(&r, NULL, "openssl", argv, NULL, 0);
	ok = r.status == 0;
	test_run_free(&r);
	return ok;
}

/* The files of dir whose names end in suffix ("" for all). */
static size_t ext_oids_dir(const char *dir, const char *suffix,
                           size_t *compared)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t seen = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name), m = strlen(suffix);
		if (e->d_name[0] == '.' || n < m ||
		    strcmp(e->d_name + n - m, suffix) != 0 ||
		    strstr(e->d_name, ".tsv") != NULL ||
		    strstr(e->d_name, ".md") != NULL)
			continue;
		seen++;
		*compared += (size_t)ext_oids_compare(dir, e->d_name);
	}
	closedir(d);
	return seen;
}

/*
 * Issue 15's "done when", for extensions: every fixture and every public
 * vector (STAPLE_VECTORS, one directory per source) that both staple and
 * `openssl ocsp -respin F -resp_text -noverify` accept names the same
 * extensions in both.
 */
START_TEST(ext_oids_match_openssl)
{
	char fixtures[PATH_MAX];
	const char *vectors = test_vectors_dir();
	size_t compared = 0;
	DIR *d;
	struct dirent *e;

	/* make check installs openssl (tests/deps.sh): its absence fails */
	ck_assert_msg(have_openssl(), "no openssl program on PATH");
	fixtures_path(fixtures);
	ext_oids_dir(fixtures, ".der", &compared);
	ck_assert_msg(compared > 20, "only %zu fixtures compared", compared);
	d = opendir(vectors);
	if (d == NULL)
		return; /* no public vectors on this machine */
	while ((e = readdir(d)) != NULL) {
		char sub[PATH_MAX];
		if (e->d_name[0] == '.')
			continue;
		join(sub, vectors, e->d_name);
		ext_oids_dir(sub, "", &compared);
	}
	closedir(d);
}
END_TEST

/* The "extensions" array of a JSON line: from its "[" to its "]". */
static char *json_extensions(const char *json, int which)
{
	static const char key[] = "\"extensions\": ";
	const char *p = json, *end;
	char *out;
	int k;

	for (k = 0; k <= which; k++) {
		p = strstr(p, key);
		ck_assert_msg(p != NULL, "no extensions member %d", which);
		p += sizeof key - 1;
	}
	end = test_json_value(p);
	ck_assert(end != NULL);
	out = strndup(p, (size_t)(end - p));
	ck_assert(out != NULL);
	return out;
}

/* Decoded extension values: the tool's JSON and text for known files. */
struct ext_value_case {
	int vector;          /* in STAPLE_VECTORS, else tests/fixtures */
	const char *file;
	int which;           /* the n-th "extensions" member, 0 first */
	const char *json;    /* that array, exactly */
	const char *text;    /* a line the text must hold */
};

static const struct ext_value_case ext_value_cases[] = {
	/* responseExtensions (after the entry's, empty): the nonce, as an
	 * OCTET STRING */
	{0, "nonce.der", 1,
	 "[{\"oid\": \"1.3.6.1.5.5.7.48.1.2\", \"name\": \"nonce\", "
	 "\"critical\": false, \"understood\": true, "
	 "\"hex\": \"04100f1e2d3c4b5a69788796a5b4c3d2e1f0\", "
	 "\"value\": {\"hex\": \"0f1e2d3c4b5a69788796a5b4c3d2e1f0\", "
	 "\"form\": \"octet_string\"}}]",
	 "  nonce: 0f1e2d3c4b5a69788796a5b4c3d2e1f0 (octet_string)\n"},
	/* singleExtensions: an invalidity date */
	{0, "single-ext-invalidity-date.der", 0,
	 "[{\"oid\": \"2.5.29.24\", \"name\": \"invalidity_date\", "
	 "\"critical\": false, \"understood\": false, "
	 "\"hex\": \"180f32303234313230313030303030305a\", "
	 "\"value\": {\"time\": 1733011200000}}]",
	 "    time: 2024-12-01T00:00:00Z (1733011200000 ms; 1 month 2 days "
	 "ago)\n"},
	/* unknown critical ones, where they are: in the entry ... */
	{0, "critical-unknown-both.der", 0,
	 "[{\"oid\": \"2.5.29.24\", \"name\": \"invalidity_date\", "
	 "\"critical\": false, \"understood\": false, "
	 "\"hex\": \"180f32303234313230313030303030305a\", "
	 "\"value\": {\"time\": 1733011200000}}, "
	 "{\"oid\": \"1.3.6.1.4.1.32473.1.2\", \"name\": \"\", "
	 "\"critical\": true, \"understood\": false, \"hex\": \"0500\"}]",
	 "  extension 2: 1.3.6.1.4.1.32473.1.2 (unknown)\n"
	 "    critical: yes (unknown critical extension)\n"},
	/* ... and in the response */
	{0, "critical-unknown-both.der", 1,
	 "[{\"oid\": \"1.3.6.1.5.5.7.48.1.2\", \"name\": \"nonce\", "
	 "\"critical\": true, \"understood\": true, "
	 "\"hex\": \"04100f1e2d3c4b5a69788796a5b4c3d2e1f0\", "
	 "\"value\": {\"hex\": \"0f1e2d3c4b5a69788796a5b4c3d2e1f0\", "
	 "\"form\": \"octet_string\"}}, "
	 "{\"oid\": \"1.3.6.1.4.1.32473.1.1\", \"name\": \"\", "
	 "\"critical\": true, \"understood\": false, \"hex\": \"0500\"}]",
	 "extension 2: 1.3.6.1.4.1.32473.1.1 (unknown)\n"
	 "  critical: yes (unknown critical extension)\n"},
	/* Botan's: an archive cutoff of 2016-11-16, and an unknown one */
	{1, "botan/bdr-ocsp-resp.der", 0,
	 "[{\"oid\": \"1.3.36.8.3.13\", \"name\": \"\", \"critical\": false, "
	 "\"understood\": false, \"hex\": "
	 "\"3021300906052b0e03021a0500041480a0d73eabb6e272ff3afcca91ce66f4746f1a36\"}, "
	 "{\"oid\": \"1.3.6.1.5.5.7.48.1.6\", \"name\": \"archive_cutoff\", "
	 "\"critical\": false, \"understood\": false, "
	 "\"hex\": \"180f32303136313131363030303030305a\", "
	 "\"value\": {\"time\": 1479254400000}}]",
	 "    time: 2016-11-16T00:00:00Z (1479254400000 ms; 8 years 1 month "
	 "ago)\n"},
};

static void ext_values(size_t i)
{
	const struct ext_value_case *c = &ext_value_cases[i];
	char path[PATH_MAX], fixtures[PATH_MAX], *got;
	struct test_run r;

	if (c->vector) {
		join(path, test_vectors_dir(), c->file);
		if (access(path, R_OK) != 0)
			return; /* no public vectors on this machine */
	} else {
		fixtures_path(fixtures);
		join(path, fixtures, c->file);
	}
	run_decode(&r, NULL, "--json", path, (char *)NULL);
	ck_assert_int_eq(r.status, 0);
	got = json_extensions(r.out.p, c->which);
	ck_assert_msg(strcmp(got, c->json) == 0, "%s: got\n%s\nwant\n%s",
	              c->file, got, c->json);
	free(got);
	test_run_free(&r);
	run_decode(&r, NULL, "--at=" GOLDEN_AT, "--ms", path,
	         (char *)NULL);
	ck_assert_int_eq(r.status, 0);
	expect_contains(c->file, &r.out, c->text);
	test_run_free(&r);
}

/* --- JSON and text carry the same ------------------------------------------ */

/*
 * Issue 15: the JSON carries everything the text shows, and the text
 * everything the JSON carries.  Checked by name: a JSON key is its text
 * label with "_" for each space ("next_update" is "next update: ...").
 * Array elements are labelled in the singular with their number
 * ("extension 2:" is an element of "extensions"), and the k6 line's
 * NAME=VALUE pairs are labels too.  Where a text line says more than
 * one key, or says it inside another line, `aliases` names the line.
 * A key whose value says nothing ("", 0, false, null, [], {}) may be
 * left out of the text: a good entry's revoked_at, an empty list.
 */

#define PARITY_MAX_KEYS 160
#define PARITY_KEY_LEN 48

struct keyset {
	size_t n;
	char key[PARITY_MAX_KEYS][PARITY_KEY_LEN];
};

static int keyset_has(const struct keyset *s, const char *k)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->key[i], k) == 0)
			return 1;
	return 0;
}

/* p[0..n) with spaces as "_", once. */
static void keyset_add(struct keyset *s, const char *p, size_t n)
{
	char k[PARITY_KEY_LEN];
	size_t i;

	ck_assert_msg(n > 0 && n < sizeof k, "label \"%.*s\"", (int)n, p);
	for (i = 0; i < n; i++)
		k[i] = p[i] == ' ' ? '_' : p[i];
	k[n] = '\0';
	if (keyset_has(s, k))
		return;
	ck_assert(s->n < PARITY_MAX_KEYS);
	strcpy(s->key[s->n++], k);
}

/* A JSON string at p (the opening quote): the position after it. */
static const char *json_string_end(const char *p)
{
	for (p++; *p != '"'; p++) {
		ck_assert(*p != '\0');
		if (*p == '\\')
			p++;
	}
	return p + 1;
}

/*
 * Every key of a JSON text into *all, and those whose value says
 * something into *full.
 */
static void json_keys(const char *json, struct keyset *all,
                      struct keyset *full)
{
	static const char *const empty[] = {"\"\"", "0", "false", "null",
	                                    "[]", "{}"};
	const char *p = json;

	while (*p != '\0') {
		const char *end, *value_end;
		size_t i, n;
		int says = 1;

		if (*p != '"') {
			p++;
			continue;
		}
		end = json_string_end(p);
		if (strncmp(end, ": ", 2) != 0) {
			p = end; /* a value, not a key */
			continue;
		}
		keyset_add(all, p + 1, (size_t)(end - p - 2));
		value_end = test_json_value(end + 2);
		ck_assert(value_end != NULL);
		n = (size_t)(value_end - (end + 2));
		for (i = 0; i < sizeof empty / sizeof empty[0]; i++)
			if (strlen(empty[i]) == n &&
			    strncmp(end + 2, empty[i], n) == 0)
				says = 0;
		if (says)
			keyset_add(full, p + 1, (size_t)(end - p - 2));
		p = end + 2; /* into the value: objects hold keys */
	}
}

/* The labels of a text block: "label: ...", "label:", "word N:". */
static void text_labels(const char *text, struct keyset *labels)
{
	static const char k6[] = "k6 res.ocsp: ";
	const char *line = text;

	while (*line != '\0') {
		const char *eol = strchr(line, '\n'), *colon, *p;
		size_t n;

		ck_assert(eol != NULL);
		while (*line == ' ')
			line++;
		colon = memchr(line, ':', (size_t)(eol - line));
		ck_assert_msg(colon != NULL, "no label: %.*s",
		              (int)(eol - line), line);
		n = (size_t)(colon - line);
		/* "extension 2" is an element of "extensions" */
		p = colon;
		while (p > line && isdigit((unsigned char)p[-1]))
			p--;
		if (p < colon && p - line >= 2 && p[-1] == ' ') {
			char plural[PARITY_KEY_LEN];
			int m = snprintf(plural, sizeof plural, "%.*ss",
			                 (int)(p - 1 - line), line);
			ck_assert(m > 0 && (size_t)m < sizeof plural);
			keyset_add(labels, plural, (size_t)m);
		} else {
			keyset_add(labels, line, n);
		}
		/* its pairs; "k6 res.ocsp: none" has none */
		if (strncmp(line, k6, sizeof k6 - 1) == 0 &&
		    memchr(line, '=', (size_t)(eol - line)) != NULL) {
			for (p = line + sizeof k6 - 1; p < eol;) {
				const char *eq = strchr(p, '=');
				ck_assert(eq != NULL && eq < eol);
				keyset_add(labels, p, (size_t)(eq - p));
				p = eq + 1;
				if (*p == '"')
					p = json_string_end(p);
				else
					while (p < eol && *p != ' ')
						p++;
				while (p < eol && *p == ' ')
					p++;
			}
		}
		line = eol + 1;
	}
}

/* JSON keys that a text line of another label shows. */
static const struct {
	const char *key, *label;
} aliases[] = {
	{"ocsp", "k6_res.ocsp"},
	/* "responder: by key HEX", "responder: by name NAME" */
	{"responder_id", "responder"},
	{"by_key", "responder"},
	{"by_name", "responder"},
	/* "extension 1: OID (NAME)" */
	{"oid", "extensions"},
	{"name", "extensions"},
	/* an extension's decoded "value" is its lines, each its own key */
	{"value", "hex"},
	{"form", "nonce"},           /* "nonce: HEX (octet_string)" */
	{"url", "crl_url"},
	{"number", "crl_number"},
	{"time", "crl_time"},
	{"value", "crl_id"},         /* "crl id: (empty)" */
	{"oids", "acceptable_responses"},
	{"code", "error"},           /* "error: CODE: MESSAGE" */
	{"message", "error"},
	/* "verify: ok (signed by SIGNER; entry INDEX; backend B; at AT +/- SKEW s)" */
	{"result", "verify"},
	{"message", "verify"},
	{"backend", "verify"},
	{"at", "verify"},
	{"skew", "verify"},
	{"signer", "verify"},
	{"index", "verify"},
};

/*
 * Is name in set, directly or through an alias?  by_key: name is a JSON
 * key and set the text's labels; else name is a label and set the keys.
 */
static int covered(const struct keyset *set, const char *name, int by_key)
{
	size_t i;

	if (keyset_has(set, name))
		return 1;
	for (i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
		const char *from = by_key ? aliases[i].key : aliases[i].label;
		const char *to = by_key ? aliases[i].label : aliases[i].key;
		if (strcmp(from, name) == 0 && keyset_has(set, to))
			return 1;
	}
	return 0;
}

/*
 * Every key the decode JSON can write: each must be seen saying
 * something in at least one of the files the parity test runs, so that
 * the files use every field.
 */
static const char *const every_key[] = {
	"file", "ocsp", "status", "revocation_reason", "produced_at",
	"this_update", "next_update", "revoked_at", "response_status",
	"version", "responder_id", "by_key", "by_name", "responses",
	"hash_algorithm", "issuer_name_hash", "issuer_key_hash",
	"serial_number", "extensions", "oid", "name", "critical",
	"understood", "hex", "value", "form", "url", "number", "time",
	"oids", "issuer", "locator", "scts", "log_id", "timestamp",
	"signature_algorithm", "signature", "code", "message", "error",
	"certs", "certificates", "subject", "not_before", "not_after", "key",
	"ca", "ocsp_signing", "ocsp_nocheck", "subject_alt_names",
	"responder", "nonce", "leniencies", "unknown_critical_extensions",
	"verify", "result", "backend", "at", "skew", "signer", "index",
	"must_staple",
};

struct parity {
	struct keyset seen; /* keys seen saying something, every file */
	size_t files;
};

/* One input, run as text and as JSON with the same extra arguments. */
static void parity_check(struct parity *pt, const char *cwd,
                         const char *file, const char *a1, const char *a2,
                         const char *a3, const char *a4)
{
	struct keyset *all = calloc(1, sizeof *all),
	              *full = calloc(1, sizeof *full),
	              *labels = calloc(1, sizeof *labels);
	struct test_run t, j;
	size_t i;

	ck_assert(all != NULL && full != NULL && labels != NULL);
	run_decode(&t, cwd, file, a1, a2, a3, a4,
	         (char *)NULL);
	run_decode(&j, cwd, "--json", file, a1, a2, a3, a4,
	         (char *)NULL);
	if (t.status == 0 || t.status == 3) {
		ck_assert_int_eq(j.status, t.status);
		json_keys(j.out.p, all, full);
		text_labels(t.out.p, labels);
		for (i = 0; i < full->n; i++)
			ck_assert_msg(covered(labels, full->key[i], 1),
			              "%s: the JSON has \"%s\", the text not:\n%s",
			              file, full->key[i], t.out.p);
		for (i = 0; i < labels->n; i++)
			ck_assert_msg(covered(all, labels->key[i], 0),
			              "%s: the text has \"%s\", the JSON not:\n%s",
			              file, labels->key[i], j.out.p);
		for (i = 0; i < full->n; i++)
			keyset_add(&pt->seen, full->key[i],
			           strlen(full->key[i]));
		pt->files++;
	}
	free(all);
	free(full);
	free(labels);
	test_run_free(&t);
	test_run_free(&j);
}

/* Every .der of dir (the vectors' directories hold other names too). */
static void parity_dir(struct parity *pt, const char *dir, int any_name)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		if (e->d_name[0] == '.' || strstr(e->d_name, ".tsv") != NULL ||
		    strstr(e->d_name, ".md") != NULL ||
		    (!any_name &&
		     (n < 4 || strcmp(e->d_name + n - 4, ".der") != 0)))
			continue;
		parity_check(pt, dir, e->d_name, NULL, NULL, NULL, NULL);
	}
	closedir(d);
}

START_TEST(json_text_parity)
{
	char fixtures[PATH_MAX], dir[PATH_MAX];
	const char *vectors = test_vectors_dir();
	struct parity *pt = calloc(1, sizeof *pt);
	size_t i;
	DIR *d;
	struct dirent *e;

	ck_assert(pt != NULL);
	fixtures_path(fixtures);
	parity_dir(pt, fixtures, 0);
	/* verification: the verify object and the verify line */
	join(dir, fixtures, "verify");
	for (i = 0; i < N_VERIFY_GOLDEN; i++) {
		const struct verify_golden *c = &verify_goldens[i];
		char der[256], issuer[256], cert[256], at[64];
		if (staple_crypto_find(c->backend) == NULL)
			continue;
		ck_assert(snprintf(der, sizeof der, "%s.der", c->file) > 0);
		ck_assert(snprintf(issuer, sizeof issuer,
		                   "--issuer=%s.issuer.pem", c->file) > 0);
		ck_assert(snprintf(cert, sizeof cert, "--cert=%s.cert.pem",
		                   c->file) > 0);
		ck_assert(snprintf(at, sizeof at, "--at=%s", c->at) > 0);
		parity_check(pt, dir, der, issuer, at,
		             c->leaf ? cert : NULL, NULL);
	}
	d = opendir(vectors);
	if (d != NULL) { /* the public vectors, when on this machine */
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			join(dir, vectors, e->d_name);
			parity_dir(pt, dir, 1);
		}
		closedir(d);
	}
	ck_assert_msg(pt->files > 40, "only %zu files", pt->files);
	for (i = 0; i < sizeof every_key / sizeof every_key[0]; i++)
		ck_assert_msg(keyset_has(&pt->seen, every_key[i]),
		              "no file has \"%s\" with a value", every_key[i]);
	free(pt);
}
END_TEST

/* --- relative times ------------------------------------------------------ */

#define DAY_MS INT64_C(86400000)
#define HOUR_MS INT64_C(3600000)

struct relative_case {
	int64_t ms, at; /* the time and --at */
	int expiry;
	const char *want;
};

static const struct relative_case relative_cases[] = {
	{0, 0, 0, "now"},
	{999, 0, 1, "now"},   /* within a second either way */
	{-999, 0, 1, "now"},
	{1000, 0, 0, "in 1 second"},
	{3 * DAY_MS + 4 * HOUR_MS, 0, 1, "in 3 days 4 hours"},
	/* the second unit is left out when zero, and never a third */
	{2 * DAY_MS + 5000, 0, 0, "in 2 days"},
	{DAY_MS + HOUR_MS + 60000, 0, 0, "in 1 day 1 hour"},
	{0, 2 * DAY_MS, 0, "2 days ago"},
	{0, 2 * DAY_MS, 1, "expired 2 days ago"},
	/* the issue's example: a nextUpdate of 2025-01-08, seen on
	 * 2027-01-08: 730 days, two years of 365.25 days less half a day */
	{INT64_C(1736294400000), INT64_C(1736294400000) + 730 * DAY_MS, 1,
	 "expired 1 year 11 months ago"},
	{INT64_C(1736294400000), INT64_C(1736294400000) + 731 * DAY_MS, 1,
	 "expired 2 years ago"},
	/* truncated: 59.999 s is 59 seconds */
	{59999, 0, 0, "in 59 seconds"},
	{0, 61000, 0, "1 minute 1 second ago"},
	/* years 0000 and 9999, the extremes staple reads (a year of 365.25
	 * days is longer than the Gregorian 365.2425) */
	{INT64_C(-62167219200000), INT64_C(253402300799000), 1,
	 "expired 9999 years 9 months ago"},
	/* far outside them: clamped, not overflowed */
	{INT64_MIN, INT64_MAX, 0, "17838 years 9 months ago"},
};

static void relative_times(size_t i)
{
	const struct relative_case *c = &relative_cases[i];
	struct staple_buf b = {NULL, 0, 0};

	staple_text_relative(&b, c->ms, c->at, c->expiry);
	staple_buf_char(&b, '\0');
	ck_assert_str_eq(b.p, c->want);
	staple_buf_free(&b);
}

/* A time line: UTC once, the distance, the ms only with --ms. */
START_TEST(time_line_ms)
{
	const struct staple_text_style plain = {INT64_C(1735776000000), 0};
	const struct staple_text_style ms = {INT64_C(1735776000000), 1};
	struct staple_buf b = {NULL, 0, 0};

	staple_text_time_line(&b, &plain, "  ", "next update",
	                      INT64_C(1736294400000), 1);
	staple_text_time_line(&b, &ms, "", "t", INT64_C(1735689600500), 0);
	staple_buf_char(&b, '\0');
	ck_assert_str_eq(b.p, "  next update: 2025-01-08T00:00:00Z (in 6 days)\n"
	                      "t: 2025-01-01T00:00:00.500Z (1735689600500 ms; "
	                      "23 hours 59 minutes ago)\n");
	staple_buf_free(&b);
}
END_TEST

/* --- certificates ---------------------------------------------------------- */

/*
 * Each certificate of a file staple_decode() accepts, in order:
 * fn(ctx, path, index, der, cert) for those staple_cert_decode() accepts.
 * Returns how many it was called for.
 */
typedef void cert_fn(void *ctx, const char *path, size_t index,
                     struct staple_slice der, const struct staple_cert *c);

static size_t certs_of_file(const char *path, cert_fn *fn, void *ctx)
{
	struct staple_response r;
	uint8_t *buf;
	size_t len, i, seen = 0;

	if (test_read_file(path, &buf, &len) != 0)
		return 0;
	if (staple_decode(&r, buf, len) == STAPLE_OK) {
		for (i = 0; i < r.n_certs; i++) {
			struct staple_slice der;
			struct staple_cert c;
			ck_assert_int_eq(staple_cert_at(&r, i, &der), STAPLE_OK);
			if (staple_cert_decode(&c, der.p, der.n) != STAPLE_OK)
				continue;
			fn(ctx, path, i, der, &c);
			seen++;
		}
	}
	free(buf);
	return seen;
}

/* Every file of dir (not .pem, .tsv, .md), and of each directory in it
 * when recurse. */
static size_t certs_of_dir(const char *dir, int recurse, cert_fn *fn,
                           void *ctx)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t seen = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		char path[PATH_MAX];
		size_t n = strlen(e->d_name);
		if (e->d_name[0] == '.' ||
		    (n > 4 && (strcmp(e->d_name + n - 4, ".pem") == 0 ||
		               strcmp(e->d_name + n - 4, ".tsv") == 0)) ||
		    (n > 3 && strcmp(e->d_name + n - 3, ".md") == 0))
			continue;
		join(path, dir, e->d_name);
		if (recurse) {
			DIR *sub = opendir(path);
			if (sub != NULL) {
				closedir(sub);
				seen += certs_of_dir(path, 1, fn, ctx);
				continue;
			}
		}
		seen += certs_of_file(path, fn, ctx);
	}
	closedir(d);
	return seen;
}

/* The fixtures, those of verify/, and the public vectors when present. */
static size_t certs_everywhere(cert_fn *fn, void *ctx, size_t *in_fixtures)
{
	char dir[PATH_MAX];
	size_t n;

	fixtures_path(dir);
	n = certs_of_dir(dir, 1, fn, ctx);
	*in_fixtures = n;
	return n + certs_of_dir(test_vectors_dir(), 1, fn, ctx);
}

/* The value of the line "LABEL: VALUE" of text, into out (NUL-ended). */
static int text_value(const char *text, const char *label, char *out,
                      size_t cap)
{
	size_t n = strlen(label);
	const char *p = text, *end;

	for (; *p != '\0'; p = strchr(p, '\n') + 1) {
		if (strncmp(p, label, n) == 0 && strncmp(p + n, ": ", 2) == 0) {
			p += n + 2;
			end = strchr(p, '\n');
			if ((size_t)(end - p) >= cap)
				return 0;
			memcpy(out, p, (size_t)(end - p));
			out[end - p] = '\0';
			return 1;
		}
	}
	return 0;
}

/* The line of out that starts with prefix: what follows it, or NULL. */
static const char *line_after(const char *text, const char *prefix)
{
	size_t n = strlen(prefix);
	const char *p;

	for (p = text; p != NULL && *p != '\0';) {
		while (*p == ' ')
			p++;
		if (strncmp(p, prefix, n) == 0)
			return p + n;
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return NULL;
}

/* "Jan  1 00:00:00 1950 GMT" as "1950-01-01T00:00:00Z". */
static void openssl_date(const char *s, char out[32])
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	char mon[4];
	int day, h, m, sec, year, k;
	const char *at;

	ck_assert_msg(sscanf(s, "%3s %d %d:%d:%d %d GMT", mon, &day, &h, &m,
	                     &sec, &year) == 6,
	              "openssl date \"%s\"", s);
	at = strstr(months, mon);
	ck_assert(at != NULL);
	k = (int)(at - months) / 3 + 1;
	snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, k, day, h,
	         m, sec);
}

/* What staple's key line should read for openssl's -text. */
static void openssl_key(const char *text, char *out, size_t cap)
{
	const char *alg = line_after(text, "Public Key Algorithm: ");
	const char *bits = strstr(text, "Public-Key: ("); /* RSA-PSS too */
	const char *curve = line_after(text, "NIST CURVE: ");

	ck_assert(alg != NULL);
	if (strncmp(alg, "rsaEncryption\n", 14) == 0 ||
	    strncmp(alg, "rsassaPss\n", 10) == 0) {
		ck_assert(bits != NULL);
		snprintf(out, cap, "rsa %d%s", atoi(bits + 13),
		         alg[3] == 's' ? " (id-RSASSA-PSS)" : "");
	} else if (strncmp(alg, "id-ecPublicKey\n", 15) == 0) {
		if (curve == NULL)
			snprintf(out, cap, "ec (other curve)");
		else
			snprintf(out, cap, "ec p-%d", atoi(curve + 2));
	} else if (strncmp(alg, "ED25519\n", 8) == 0) {
		snprintf(out, cap, "ed25519");
	} else if (strncmp(alg, "ED448\n", 6) == 0) {
		snprintf(out, cap, "ed448");
	} else {
		snprintf(out, cap, "unknown");
	}
}

/*
 * OpenSSL's serial: the value in uppercase hex, "-" and the magnitude
 * when negative.  From staple's (the INTEGER contents, two's complement,
 * as encoded) the same way.
 */
static void serial_as_openssl(struct staple_slice s, char *out, size_t cap)
{
	uint8_t mag[256];
	size_t i, n = s.n, o = 0;
	int neg = s.n > 0 && (s.p[0] & 0x80u) != 0;
	unsigned carry = 1;

	ck_assert(n <= sizeof mag && 2 * n + 2 <= cap);
	for (i = n; i > 0; i--) { /* magnitude: negate when negative */
		unsigned v = neg ? (unsigned)(uint8_t)~s.p[i - 1] + carry
		                 : s.p[i - 1];
		mag[i - 1] = (uint8_t)v;
		carry = neg ? v >> 8 : 0;
	}
	for (i = 0; i + 1 < n && mag[i] == 0; i++)
		;
	if (neg)
		out[o++] = '-';
	for (; i < n; i++, o += 2)
		snprintf(out + o, 3, "%02X", mag[i]);
	out[o] = '\0';
}

/* Is `line` (after "X509v3 Extended Key Usage:") one that lists it? */
static int openssl_has_eku(const char *text, const char *eku)
{
	const char *p = strstr(text, "X509v3 Extended Key Usage:");
	const char *end;

	if (p == NULL)
		return 0;
	p = strchr(p, '\n') + 1;
	end = strchr(p, '\n');
	for (; p < end; p++)
		if (strncmp(p, eku, strlen(eku)) == 0)
			return 1;
	return 0;
}

struct openssl_compare {
	size_t compared, names;
	int names_too; /* fixtures: the RFC 4514 names as well */
	struct test_text last; /* a copy of the one compared last, not again:
	                      its file's buffer is gone by the next one */
};

/*
 * One certificate: staple's text lines against `openssl x509 -inform DER
 * -noout -subject -issuer -serial -startdate -enddate -text -nameopt
 * RFC2253`, when OpenSSL reads it too.
 */
static void cert_vs_openssl(void *ctx, const char *path, size_t index,
                            struct staple_slice der,
                            const struct staple_cert *c)
{
	struct openssl_compare *cmp = ctx;
	char *argv[] = {(char *)"openssl", (char *)"x509", (char *)"-inform",
	                (char *)"DER", (char *)"-noout", (char *)"-subject",
	                (char *)"-issuer", (char *)"-serial",
	                (char *)"-startdate", (char *)"-enddate",
	                (char *)"-text", (char *)"-nameopt", (char *)"RFC2253",
	                NULL};
	const struct staple_text_style st = {0, 0};
	struct staple_buf b = {NULL, 0, 0};
	struct test_run r;
	char ours[1024], theirs[1024], want[sizeof "serial=\n" + 1024];
	const char *o;
	int64_t sec_ms;

	if (cmp->last.p != NULL && der.n == cmp->last.n &&
	    memcmp(der.p, cmp->last.p, der.n) == 0)
		return; /* delegated-100-certs: the issuer 99 times */
	cmp->last.n = 0;
	bytes_add(&cmp->last, (const char *)der.p, der.n);
	run_program(&r, NULL, "openssl", argv, der.p, der.n);
	if (r.status != 0) {
		test_run_free(&r);
		return; /* OpenSSL refuses it: nothing to compare */
	}
	o = r.out.p;
	staple_text_cert(&b, &st, "", c, -1);
	staple_buf_char(&b, '\0');

#define EXPECT_LINE(label, value)                                           \
	do {                                                                \
		ck_assert_msg(text_value(b.p, label, ours, sizeof ours),    \
		              "%s cert %zu: no %s line", path, index, label); \
		ck_assert_msg(strcmp(ours, value) == 0,                     \
		              "%s cert %zu: %s: staple \"%s\", openssl "    \
		              "\"%s\"", path, index, label, ours, value);   \
	} while (0)

	serial_as_openssl(c->serial, theirs, sizeof theirs);
	snprintf(want, sizeof want, "serial=%s\n", theirs);
	ck_assert_msg(strstr(o, want) != NULL, "%s cert %zu: serial %s:\n%s",
	              path, index, want, o);
	ck_assert(text_value(b.p, "serial number", ours, sizeof ours));
	ck_assert_msg(strlen(ours) == 2 * c->serial.n,
	              "%s cert %zu: serial line %s", path, index, ours);

	/* the dates, to the second (OpenSSL shows no fraction) */
	sec_ms = c->not_before - ((c->not_before % 1000) + 1000) % 1000;
	openssl_date(line_after(o, "notBefore="), theirs);
	{
		struct staple_buf t = {NULL, 0, 0};
		staple_text_time(&t, sec_ms);
		staple_buf_char(&t, '\0');
		ck_assert_msg(strcmp(t.p, theirs) == 0,
		              "%s cert %zu: not before %s, openssl %s", path,
		              index, t.p, theirs);
		ck_assert(text_value(b.p, "not before", ours, sizeof ours));
		ck_assert_msg(strncmp(ours, t.p, 19) == 0, "%s", ours);
		staple_buf_free(&t);
		sec_ms = c->not_after - ((c->not_after % 1000) + 1000) % 1000;
		openssl_date(line_after(o, "notAfter="), theirs);
		staple_text_time(&t, sec_ms);
		staple_buf_char(&t, '\0');
		ck_assert_msg(strcmp(t.p, theirs) == 0,
		              "%s cert %zu: not after %s, openssl %s", path,
		              index, t.p, theirs);
		ck_assert(text_value(b.p, "not after", ours, sizeof ours));
		ck_assert_msg(strncmp(ours, t.p, 19) == 0, "%s", ours);
		staple_buf_free(&t);
	}

	openssl_key(o, theirs, sizeof theirs);
	EXPECT_LINE("key", theirs);
	EXPECT_LINE("ocsp signing",
	            openssl_has_eku(o, "OCSP Signing") ? "yes" : "no");
	EXPECT_LINE("ocsp nocheck",
	            strstr(o, "OCSP No Check") != NULL ? "yes" : "no");
	EXPECT_LINE("ca", strstr(o, "CA:TRUE") != NULL ? "yes" : "no");
	if (cmp->names_too) {
		o = line_after(r.out.p, "subject=");
		snprintf(theirs, sizeof theirs, "%.*s",
		         (int)(strchr(o, '\n') - o), o);
		EXPECT_LINE("subject", theirs);
		o = line_after(r.out.p, "issuer=");
		snprintf(theirs, sizeof theirs, "%.*s",
		         (int)(strchr(o, '\n') - o), o);
		EXPECT_LINE("issuer", theirs);
		cmp->names++;
	}
#undef EXPECT_LINE
	cmp->compared++;
	staple_buf_free(&b);
	test_run_free(&r);
}

/*
 * Issue 15's "done when", for certificates: every certificate embedded
 * in a fixture or a public vector that both staple and OpenSSL read
 * shows the serial, the validity, the key (type and size or curve), the
 * OCSP Signing EKU, OCSP No Check and cA that `openssl x509` does; for
 * the fixtures the subject and issuer too (RFC 2253 there, RFC 4514
 * here: the same strings for the names the generator writes).
 */
START_TEST(certs_match_openssl)
{
	struct openssl_compare cmp;
	char dir[PATH_MAX];
	size_t fixtures, in_fixtures;
	DIR *d;

	ck_assert_msg(have_openssl(), "no openssl program on PATH");
	memset(&cmp, 0, sizeof cmp);
	cmp.names_too = 1;
	fixtures_path(dir);
	fixtures = certs_of_dir(dir, 1, cert_vs_openssl, &cmp);
	/* 140 certificates, 20 of them distinct ones in a row: responders
	 * (RSA and P-256, by name and by key), CAs, the SAN holder, the
	 * responders of verify/ */
	ck_assert_msg(fixtures >= 100 && cmp.compared >= 15 &&
	                      cmp.names == cmp.compared,
	              "%zu certificates, %zu compared", fixtures,
	              cmp.compared);
	cmp.names_too = 0;
	in_fixtures = cmp.compared;
	d = opendir(test_vectors_dir());
	if (d == NULL) {
		free(cmp.last.p);
		return; /* no public vectors on this machine */
	}
	closedir(d);
	(void)certs_of_dir(test_vectors_dir(), 1, cert_vs_openssl, &cmp);
	/* 90 distinct certificates today, from a dozen sources */
	ck_assert_msg(cmp.compared - in_fixtures >= 50,
	              "only %zu certificates of the vectors compared",
	              cmp.compared - in_fixtures);
	free(cmp.last.p);
}
END_TEST

/* The top-level keys of a JSON object, each on its own line, in order. */
static void cert_json_keys(const char *json, struct staple_buf *out)
{
	const char *p = json, *end;

	ck_assert(*p == '{');
	p++;
	while (*p == '"') {
		end = test_json_value(p);
		ck_assert(end != NULL);
		staple_buf_add(out, p + 1, (size_t)(end - p) - 2);
		staple_buf_char(out, '\n');
		ck_assert(strncmp(end, ": ", 2) == 0);
		end = test_json_value(end + 2);
		ck_assert(end != NULL);
		p = *end == ',' ? end + 2 : end;
	}
	ck_assert_msg(*p == '}', "%s", p);
}

/* The labels of text lines (before the first ": "), spaces as "_". */
static void cert_text_labels(const char *text, struct staple_buf *out)
{
	const char *p;

	for (p = text; *p != '\0'; p = strchr(p, '\n') + 1) {
		const char *colon = strstr(p, ": ");
		ck_assert_msg(colon != NULL && colon < strchr(p, '\n'),
		              "a line without a label: %s", p);
		for (; p < colon; p++)
			staple_buf_char(out, *p == ' ' ? '_' : *p);
		staple_buf_char(out, '\n');
	}
}

/* JSON keys and text labels of one certificate, for every responder. */
static void keys_vs_labels(void *ctx, const char *path, size_t index,
                           struct staple_slice der,
                           const struct staple_cert *c)
{
	const struct staple_text_style st = {0, 0};
	int responder;

	(void)ctx;
	(void)der;
	for (responder = -1; responder <= 1; responder++) {
		struct staple_buf text = {NULL, 0, 0}, json = {NULL, 0, 0};
		struct staple_buf keys = {NULL, 0, 0}, labels = {NULL, 0, 0};
		struct staple_json j;

		staple_text_cert(&text, &st, "", c, responder);
		staple_buf_char(&text, '\0');
		staple_json_init(&j, &json);
		staple_json_cert(&j, c, responder);
		staple_buf_char(&json, '\0');
		cert_json_keys(json.p, &keys);
		cert_text_labels(text.p, &labels);
		staple_buf_char(&keys, '\0');
		staple_buf_char(&labels, '\0');
		ck_assert_msg(strcmp(keys.p, labels.p) == 0,
		              "%s cert %zu responder %d: JSON keys\n%s"
		              "text labels\n%s",
		              path, index, responder, keys.p, labels.p);
		/* responder shown exactly when known */
		ck_assert_int_eq(strstr(keys.p, "responder\n") != NULL,
		                 responder >= 0);
		staple_buf_free(&text);
		staple_buf_free(&json);
		staple_buf_free(&keys);
		staple_buf_free(&labels);
	}
}

/*
 * tool.h's rule: each JSON key of a certificate is its text label with
 * "_" for spaces, and each format has every member the other has, in
 * the same order.  For every certificate of every fixture and vector.
 */
START_TEST(cert_json_keys_are_text_labels)
{
	size_t fixtures, all = certs_everywhere(keys_vs_labels, NULL,
	                                        &fixtures);

	ck_assert_msg(fixtures >= 100, "only %zu certificates", fixtures);
	ck_assert(all >= fixtures);
}
END_TEST

/* Which certificate the ResponderID names: yes/no, in certs order. */
static const struct responder_case {
	const char *file;  /* in tests/fixtures */
	const char *marks; /* "y" or "n" per certificate */
} responder_cases[] = {
	/* byKey: the responder, then the CA (another key) */
	{"p256-delegated-two-certs.der", "yn"},
	{"delegated-5-certs.der", "ynnnn"},
	{"verify/delegated-by-key.der", "y"},
	/* byName: the responder, then a certificate of another subject */
	{"rsa2048-by-name-delegated.der", "y"},
	{"delegated-by-name-sans.der", "yn"},
	/* byName names another CA: the responder in certs is not it */
	{"verify/signer-not-found-cert-present.der", "n"},
};

static void responder_detection(size_t i)
{
	const struct responder_case *c = &responder_cases[i];
	char dir[PATH_MAX], want[48];
	struct test_run r;
	size_t k, n = strlen(c->marks);

	fixtures_path(dir);
	run_tool(&r, dir, NULL, 0, "decode", c->file, (char *)NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_uint_eq(occurrences(&r.out, "\n  responder: "), n);
	ck_assert_uint_eq(occurrences(&r.out, "\n  responder: yes\n"),
	                  occurrences(&(struct test_text){(char *)c->marks, n},
	                              "y"));
	{
		/* in order: the k-th certificate block's responder line */
		const char *p = r.out.p;
		for (k = 0; k < n; k++) {
			snprintf(want, sizeof want, "\ncertificate %zu:\n", k + 1);
			p = strstr(p, want);
			ck_assert_msg(p != NULL, "%s: no %s", c->file, want);
			p = strstr(p, "\n  responder: ");
			ck_assert(p != NULL);
			ck_assert_msg(strncmp(p + 14, c->marks[k] == 'y'
			                                      ? "yes\n"
			                                      : "no\n",
			                      c->marks[k] == 'y' ? 4 : 3) == 0,
			              "%s: certificate %zu", c->file, k + 1);
		}
	}
	test_run_free(&r);
	run_tool(&r, dir, NULL, 0, "decode", "--json", c->file, (char *)NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_uint_eq(occurrences(&r.out, "\"responder\": "), n);
	ck_assert_uint_eq(occurrences(&r.out, "\"responder\": true"),
	                  occurrences(&(struct test_text){(char *)c->marks, n},
	                              "y"));
	test_run_free(&r);
}

/* The generator's certificate with every kind of subjectAltName. */
START_TEST(cert_subject_alt_names)
{
	char dir[PATH_MAX];
	struct test_run r;

	fixtures_path(dir);
	run_tool(&r, dir, NULL, 0, "decode", "delegated-by-name-sans.der",
	         (char *)NULL);
	ck_assert_int_eq(r.status, 0);
	/* the email address is not shown; IPv6 as RFC 5952 writes it */
	expect_contains("text", &r.out,
	                "\n  subject alt names: sans.staple.test, "
	                "*.sans.staple.test, 192.0.2.1, 2001:db8::1\n");
	ck_assert_uint_eq(occurrences(&r.out, "subject alt names"), 1);
	test_run_free(&r);
	run_tool(&r, dir, NULL, 0, "decode", "--json",
	         "delegated-by-name-sans.der", (char *)NULL);
	ck_assert_int_eq(r.status, 0);
	expect_contains("JSON", &r.out,
	                "\"subject_alt_names\": [\"sans.staple.test\", "
	                "\"*.sans.staple.test\", \"192.0.2.1\", "
	                "\"2001:db8::1\"], \"responder\": false}");
	ck_assert_uint_eq(occurrences(&r.out, "subject_alt_names"), 1);
	test_run_free(&r);
}
END_TEST

/*
 * subjectAltName values (the extnValue, hex) as the text and the JSON
 * show them, in a certificate that has nothing else.
 */
static const struct san_case {
	const char *value;
	const char *text; /* after "subject alt names: " */
	const char *json; /* the value of "subject_alt_names" */
} san_cases[] = {
	/* dNSName and IPv4 */
	{"300c8204612e6578" "87040a000001", "a.ex, 10.0.0.1",
	 "[\"a.ex\", \"10.0.0.1\"]"},
	/* a newline, a comma, a space and a byte above 0x7f in a dNSName:
	 * escaped, so no name adds a line or passes for two */
	{"30088206612062" "0a2cff", "a\\x20b\\x0a\\x2c\\xff",
	 "[\"a b\\u000a,\\u00ff\"]"},
	/* IPv6 (RFC 5952): all zero; trailing and leading runs; the
	 * longest run; the first of two equal runs; one zero group alone */
	{"30128710" "00000000000000000000000000000000", "::", "[\"::\"]"},
	{"30128710" "00010000000000000000000000000000", "1::", "[\"1::\"]"},
	{"30128710" "00000000000000000000000000000001", "::1", "[\"::1\"]"},
	{"30128710" "00010000000000020000000000000003", "1:0:0:2::3",
	 "[\"1:0:0:2::3\"]"},
	{"30128710" "00010000000000020000000000030004", "1::2:0:0:3:4",
	 "[\"1::2:0:0:3:4\"]"},
	{"30128710" "20010db8000000010001000100010001",
	 "2001:db8:0:1:1:1:1:1", "[\"2001:db8:0:1:1:1:1:1\"]"},
	/* only alternatives not shown (rfc822Name, URI): none */
	{"30078101618602622f", "(none shown)", "[]"},
	/* malformed: GeneralNames is SIZE (1..MAX); an iPAddress of 5
	 * octets; a tag no GeneralName has; a byte after the SEQUENCE; a
	 * length past the end; not a SEQUENCE */
	{"3000", "(malformed)", "null"},
	{"30078705" "0a00000001", "(malformed)", "null"},
	{"3003890161", "(malformed)", "null"},
	{"300382016100", "(malformed)", "null"},
	{"3005820561", "(malformed)", "null"},
	{"0403820161", "(malformed)", "null"},
};

static void cert_san_values(size_t i)
{
	const struct san_case *sc = &san_cases[i];
	const struct staple_text_style st = {0, 0};
	struct staple_buf ext = {NULL, 0, 0}, text = {NULL, 0, 0},
	                  json = {NULL, 0, 0}, want = {NULL, 0, 0};
	struct staple_cert c;
	struct staple_json j;
	size_t vlen;
	uint8_t *value = test_hex(sc->value, &vlen);
	static const uint8_t head[] = {0x06, 0x03, 0x55, 0x1d, 0x11, 0x04};

	/* Extension ::= SEQUENCE { extnID 2.5.29.17, extnValue } */
	ck_assert(vlen < 120);
	staple_buf_char(&ext, 0x30);
	staple_buf_char(&ext, (char)(sizeof head + 1 + vlen));
	staple_buf_add(&ext, head, sizeof head);
	staple_buf_char(&ext, (char)vlen);
	staple_buf_add(&ext, value, vlen);
	memset(&c, 0, sizeof c);
	c.extensions.p = (const uint8_t *)ext.p;
	c.extensions.n = ext.n;

	staple_text_cert(&text, &st, "", &c, -1);
	staple_buf_char(&text, '\0');
	staple_buf_printf(&want, "\nsubject alt names: %s\n", sc->text);
	staple_buf_char(&want, '\0');
	ck_assert_msg(strstr(text.p, want.p) != NULL, "%s: got\n%s",
	              sc->value, text.p);
	staple_json_init(&j, &json);
	staple_json_cert(&j, &c, -1);
	staple_buf_char(&json, '\0');
	want.n = 0;
	staple_buf_printf(&want, "\"subject_alt_names\": %s}\n", sc->json);
	staple_buf_char(&want, '\0');
	ck_assert_msg(strstr(json.p, want.p) != NULL, "%s: got\n%s",
	              sc->value, json.p);
	free(value);
	staple_buf_free(&ext);
	staple_buf_free(&text);
	staple_buf_free(&json);
	staple_buf_free(&want);
}

/* Key types and sizes: the RSA modulus length is exact to the bit. */
static const struct key_case {
	enum staple_key_type type;
	enum staple_curve curve;
	const char *n; /* hex of the modulus, for RSA */
	int pss_only;
	const char *want;
} key_cases[] = {
	{STAPLE_KEY_RSA, STAPLE_CURVE_NONE, "80", 0, "rsa 8"},
	{STAPLE_KEY_RSA, STAPLE_CURVE_NONE, "7f", 0, "rsa 7"},
	{STAPLE_KEY_RSA, STAPLE_CURVE_NONE, "01ff", 0, "rsa 9"},
	{STAPLE_KEY_RSA, STAPLE_CURVE_NONE, "ffff", 1,
	 "rsa 16 (id-RSASSA-PSS)"},
	{STAPLE_KEY_EC, STAPLE_CURVE_P256, NULL, 0, "ec p-256"},
	{STAPLE_KEY_EC, STAPLE_CURVE_P384, NULL, 0, "ec p-384"},
	{STAPLE_KEY_EC, STAPLE_CURVE_P521, NULL, 0, "ec p-521"},
	{STAPLE_KEY_EC, STAPLE_CURVE_NONE, NULL, 0, "ec (other curve)"},
	{STAPLE_KEY_ED25519, STAPLE_CURVE_NONE, NULL, 0, "ed25519"},
	{STAPLE_KEY_ED448, STAPLE_CURVE_NONE, NULL, 0, "ed448"},
	{STAPLE_KEY_UNKNOWN, STAPLE_CURVE_NONE, NULL, 0, "unknown"},
};

static void key_names(size_t i)
{
	const struct key_case *kc = &key_cases[i];
	struct staple_pubkey k;
	struct staple_buf b = {NULL, 0, 0};
	uint8_t *n = NULL;

	memset(&k, 0, sizeof k);
	k.type = kc->type;
	k.curve = kc->curve;
	k.pss_only = kc->pss_only;
	if (kc->n != NULL) {
		n = test_hex(kc->n, &k.n.n);
		k.n.p = n;
	}
	staple_key_format(&b, &k);
	staple_buf_char(&b, '\0');
	ck_assert_str_eq(b.p, kc->want);
	free(n);
	staple_buf_free(&b);
}

/*
 * A certificate in certs that does not decode (verify/'s
 * responder-cert-malformed: garbage for a signatureValue) is its error;
 * the rest of the response is shown and the exit status is 0.
 */
START_TEST(cert_error_inside_response)
{
	char dir[PATH_MAX];
	struct test_run r;

	fixtures_path(dir);
	run_tool(&r, dir, NULL, 0, "decode", "--at=" GOLDEN_AT,
	         "verify/responder-cert-malformed.der", (char *)NULL);
	ck_assert_int_eq(r.status, 0);
	expect_contains("text", &r.out,
	                "\ncerts: 1\ncertificate 1:\n  error: TAG: "
	                "unexpected tag\nresponses: 1\nresponse 1:\n");
	expect_contains("text", &r.out, "\nk6 res.ocsp: status=\"good\"");
	test_run_free(&r);
	run_tool(&r, dir, NULL, 0, "decode", "--json",
	         "verify/responder-cert-malformed.der", (char *)NULL);
	ck_assert_int_eq(r.status, 0);
	expect_contains("JSON", &r.out,
	                "\"certs\": 1, \"certificates\": [{\"error\": "
	                "{\"code\": \"TAG\", \"message\": \"unexpected "
	                "tag\"}}], \"extensions\": [], ");
	expect_contains("JSON", &r.out, "\"ocsp\": {\"status\": \"good\"");
	ck_assert(test_json_value(r.out.p) == r.out.p + r.out.n - 1);
	test_run_free(&r);
}
END_TEST

TEST_ROWS(golden_text_rows, golden_text, N_GOLDEN)
TEST_ROWS(help_only_rows, help_only, N_OF(help_cases))
TEST_ROWS(golden_json_rows, golden_json, N_GOLDEN)
TEST_ROWS(verify_golden_text_rows, verify_golden_text, N_VERIFY_GOLDEN)
TEST_ROWS(verify_golden_json_rows, verify_golden_json, N_VERIFY_GOLDEN)
TEST_ROWS(verify_bad_option_rows, verify_bad_option,
          N_OF(bad_verify_options))
TEST_ROWS(many_certs_and_entries_rows, many_certs_and_entries,
          N_OF(many_cases))
TEST_ROWS(malformed_input_rows, malformed_input, N_BAD)
TEST_ROWS(usage_exit_2_rows, usage_exit_2, N_USAGE)
TEST_ROWS(relative_times_rows, relative_times, N_OF(relative_cases))
TEST_ROWS(input_hint_rows, input_hint, N_HINT)
TEST_ROWS(ext_values_rows, ext_values, N_OF(ext_value_cases))
TEST_ROWS(responder_detection_rows, responder_detection,
          N_OF(responder_cases))
TEST_ROWS(cert_san_values_rows, cert_san_values, N_OF(san_cases))
TEST_ROWS(key_names_rows, key_names, N_OF(key_cases))

Suite *tool_suite(void)
{
	Suite *s = suite_create("tool");
	TCase *golden_tc = tcase_create("golden");
	TCase *status_tc = tcase_create("exit status");
	TCase *input_tc = tcase_create("input");

	tcase_add_test(golden_tc, golden_text_rows);
	tcase_add_test(golden_tc, golden_json_rows);
	tcase_add_test(golden_tc, verify_golden_text_rows);
	tcase_add_test(golden_tc, verify_golden_json_rows);
	tcase_add_test(golden_tc, verify_batch_exit_3);
	tcase_add_test(golden_tc, verify_bad_option_rows);
	suite_add_tcase(s, golden_tc);

	tcase_add_test(status_tc, good_files_exit_0);
	tcase_add_test(status_tc, option_after_file);
	tcase_add_test(status_tc, many_certs_and_entries_rows);
	tcase_add_test(status_tc, malformed_among_good_exit_1);
	tcase_add_test(status_tc, malformed_input_rows);
	tcase_add_test(status_tc, missing_file_exit_2);
	tcase_add_test(status_tc, io_error_wins_over_malformed);
	tcase_add_test(status_tc, usage_exit_2_rows);
	tcase_add_test(status_tc, help_exit_0);
	tcase_add_test(status_tc, help_only_rows);
	tcase_add_test(status_tc, json_writer_escapes);
	tcase_add_test(status_tc, fetch_json_error_escaped);
	tcase_add_test(status_tc, version_exit_0);
	tcase_add_test(status_tc, relative_times_rows);
	tcase_add_test(status_tc, time_line_ms);
	suite_add_tcase(s, status_tc);

	tcase_add_test(input_tc, stdin_der);
	tcase_add_test(input_tc, stdin_pem);
	tcase_add_test(input_tc, stdin_base64);
	tcase_add_test(input_tc, stdin_bad_base64);
	tcase_add_test(input_tc, stdin_empty);
	tcase_add_test(input_tc, input_hint_rows);
	tcase_add_test(input_tc, file_name_escaped);
	tcase_add_test(input_tc, reason_rule);
	tcase_add_test(input_tc, ext_oids_match_openssl);
	tcase_add_test(input_tc, json_text_parity);
	tcase_add_test(input_tc, ext_values_rows);
	tcase_add_test(input_tc, certs_match_openssl);
	tcase_add_test(input_tc, cert_json_keys_are_text_labels);
	tcase_add_test(input_tc, responder_detection_rows);
	tcase_add_test(input_tc, cert_subject_alt_names);
	tcase_add_test(input_tc, cert_san_values_rows);
	tcase_add_test(input_tc, key_names_rows);
	tcase_add_test(input_tc, cert_error_inside_response);
	/* reason_rule and ext_oids_match_openssl run the tool on every
	 * fixture (and vector): slow when sanitized */
	tcase_set_timeout(input_tc, 300);
	suite_add_tcase(s, input_tc);
	return s;
}
