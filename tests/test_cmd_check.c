/*
 * test_cmd_check.c -- `staple check` end to end: the command called in
 * this process on the staple fixtures (--file, test_file), the tool run
 * as a program on them and against real servers on 127.0.0.1
 * (loopback.h): the exact exit status, Nagios line and JSON of
 * each verdict, the Prometheus exposition read back by the reference
 * parser (tests/prom_parse.py, python3-prometheus-client), many targets
 * at once, and the parts of the tool library the command rests on
 * (durations, the Prometheus writer).
 *
 * File mode runs in the fixtures directory, so targets are bare names.
 * The file fixtures' times (fixtures.tsv): producedAt
 * 2025-01-01T12:00:00Z, thisUpdate 2025-01-01T00:00:00Z, nextUpdate
 * 2025-01-08T00:00:00Z; --at picks the moment each verdict needs.
 *
 * Every test starts its servers, runs the tool, stops what it started,
 * and only then asserts.  Paths: the tool is STAPLE_BIN, the fixtures
 * STAPLE_FIXTURES (tests.h), openssl STAPLE_OPENSSL (loopback.h), the
 * Python that has prometheus_client STAPLE_PYTHON (default
 * /usr/bin/python3, Debian's, where the package installs).
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* fork, pipes, sockets */
#endif

#include "tests.h"
#include "loopback.h"
#include "tool.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Exit statuses of `staple check`: the Nagios plugin guidelines'. */
#define OK 0
#define WARNING 1
#define CRITICAL 2
#define UNKNOWN 3

/* A run of the tool that takes longer than this is killed (status 137). */
#define RUN_MS 60000

#define ARG_LEN 512

/* ---- running the tool ---------------------------------------------------- */

/*
 * Run argv a (a->v[0] is the program's path) in directory dir (NULL:
 * here) with input on stdin (NULL: /dev/null) into *r.  Asserts
 * nothing: servers may be running.
 */
static void run_program(struct test_run *r, struct test_args *a, const char *dir,
                        const char *input)
{
	const struct test_spawn how = {dir, input,
	                               input != NULL ? strlen(input) : 0,
	                               RUN_MS};

	if (a->bad) {
		memset(r, 0, sizeof *r);
		r->status = -1;
		snprintf(r->note, sizeof r->note, "arguments too long");
		return;
	}
	test_run_program(r, a->v[0], a->v, &how);
}

/*
 * `staple check` with a's arguments (after the program and "check"),
 * called in this process (tests.h: test_run_command), in directory dir:
 * for what it writes and returns, where no server is involved.
 */
static void run_check(struct test_run *r, struct test_args *a, const char *dir)
{
	ck_assert(!a->bad && a->n >= 2);
	test_run_command(r, dir, staple_cmd_check, a->v + 1);
}

/* The tool's path made absolute, since file mode runs elsewhere. */
static void tool_args(struct test_args *a)
{
	char path[ARG_LEN];
	const char *tool = test_tool_path();

	if (tool[0] == '/' || getcwd(path, sizeof path) == NULL) {
		test_args_init(a, tool);
	} else {
		size_t n = strlen(path);
		snprintf(path + n, sizeof path - n, "/%s", tool);
		test_args_init(a, path);
	}
	test_arg(a, "check");
}

/* The fixtures directory, absolute (the child chdirs there). */
static const char *fixtures_abs(void)
{
	static char path[ARG_LEN];
	const char *dir = test_fixtures_dir();

	if (dir[0] == '/' || getcwd(path, sizeof path) == NULL)
		return dir;
	snprintf(path + strlen(path), sizeof path - strlen(path), "/%s", dir);
	return path;
}

static void expect_ran(const struct test_run *r)
{
	ck_assert_msg(r->status >= 0, "did not run: %s", r->note);
	ck_assert_msg(r->note[0] == '\0', "%s", r->note);
}

static void expect_status(const struct test_run *r, int want, const char *what)
{
	expect_ran(r);
	ck_assert_msg(r->status == want,
	              "%s: exit %d, want %d\nstdout: %s\nstderr: %s", what,
	              r->status, want, r->out.p, r->err.p);
}

static void expect_in(const struct test_text *t, const char *needle,
                      const char *what)
{
	ck_assert_msg(strstr(t->p, needle) != NULL,
	              "%s: no \"%s\" in:\n%s", what, needle, t->p);
}

/* ---- durations ----------------------------------------------------------- */

struct duration_case {
	const char *text;
	int ok;
	int64_t ms;
};

static const struct duration_case duration_cases[] = {
	{"2d", 1, INT64_C(172800000)},
	{"12h", 1, INT64_C(43200000)},
	{"1d12h", 1, INT64_C(129600000)},
	{"1d2h3m4s", 1, INT64_C(93784000)},
	{"90m", 1, INT64_C(5400000)},
	{"45s", 1, INT64_C(45000)},
	{"45", 1, INT64_C(45000)},       /* a bare number is seconds */
	{"0", 1, 0},                     /* no threshold */
	{"0s", 1, 0},
	{"36500d", 1, INT64_C(36500) * 86400000}, /* the most */
	{"36500d1s", 0, 0},              /* past STAPLE_DURATION_MAX_MS */
	{"99999999999999999999", 0, 0},  /* would overflow */
	{"", 0, 0},                      /* empty */
	{"d", 0, 0},                     /* a unit without a number */
	{"1h1d", 0, 0},                  /* units largest first */
	{"1h1h", 0, 0},                  /* each unit once */
	{"1d12", 0, 0},                  /* a bare number only alone */
	{"1w", 0, 0},                    /* no weeks: ambiguous with m */
	{"1.5h", 0, 0},                  /* whole numbers */
	{"-1s", 0, 0},                   /* not negative */
	{" 1s", 0, 0},                   /* no blanks */
	{"1s ", 0, 0},
	{"1D", 0, 0},                    /* units are lower case */
};

static void test_duration(size_t i)
{
	const struct duration_case *c = &duration_cases[i];
	int64_t ms = -1;
	int rc = staple_parse_duration(c->text, &ms);

	ck_assert_msg((rc == 0) == c->ok, "\"%s\": rc %d", c->text, rc);
	ck_assert_msg(ms == c->ms, "\"%s\": %lld ms, want %lld", c->text,
	              (long long)ms, (long long)c->ms);
}

/* ---- the Prometheus writer ----------------------------------------------- */

START_TEST(test_prom_writer)
{
	struct staple_buf b = {NULL, 0, 0};
	struct staple_prom p;
	/* a backslash, a quote, a newline, a tab, a stray byte, UTF-8 */
	struct staple_prom_label l[2] = {
		{"target", "a\\b\"c\nd\te\xff" "f\xc3\xa9"},
		{"reason", ""}};
	static const char want[] =
		"# HELP m_one Help with \\\\ and \\n \"quotes\"\n"
		"# TYPE m_one gauge\n"
		"m_one{target=\"a\\\\b\\\"c\\nd\xef\xbf\xbd" "e\xef\xbf\xbd"
		"f\xc3\xa9\",reason=\"\"} 1735689600.5\n"
		"m_one -0.000001\n"
		"m_one 9223372036854775807\n"
		"m_one -9223372036854775808\n"
		"m_one 0\n";

	staple_prom_init(&p, &b);
	staple_prom_family(&p, "m_one", "gauge",
	                   "Help with \\ and \n \"quotes\"");
	staple_prom_sample(&p, l, 2, INT64_C(1735689600500), 3);
	staple_prom_sample(&p, NULL, 0, -1, 6);
	staple_prom_sample(&p, NULL, 0, INT64_MAX, 0);
	staple_prom_sample(&p, NULL, 0, INT64_MIN, 0);
	staple_prom_sample(&p, NULL, 0, 0, 9);
	staple_buf_char(&b, '\0');
	ck_assert_str_eq(b.p, want);
	staple_buf_free(&b);
}
END_TEST

/* What the writer refuses: each stops the program (a bug in the tool). */
enum prom_misuse { BAD_NAME, BAD_LABEL, RESERVED_LABEL, TWICE, NO_FAMILY,
                   BAD_TYPE, LABEL_TWICE, N_MISUSES };

START_TEST(test_prom_refuses)
{
	struct staple_buf b = {NULL, 0, 0};
	struct staple_prom p;
	struct staple_prom_label bad = {"1x", "v"}, reserved = {"__x", "v"};
	struct staple_prom_label twice[2] = {{"a", "1"}, {"a", "2"}};

	staple_prom_init(&p, &b);
	switch (_i) {
	case BAD_NAME: /* a metric name may not start with a digit */
		staple_prom_family(&p, "1metric", "gauge", "h");
		break;
	case BAD_LABEL: /* nor a label name */
		staple_prom_family(&p, "m", "gauge", "h");
		staple_prom_sample(&p, &bad, 1, 0, 0);
		break;
	case RESERVED_LABEL: /* "__" is Prometheus's own */
		staple_prom_family(&p, "m", "gauge", "h");
		staple_prom_sample(&p, &reserved, 1, 0, 0);
		break;
	case TWICE: /* a family comes once: its samples together */
		staple_prom_family(&p, "m", "gauge", "h");
		staple_prom_family(&p, "n", "gauge", "h");
		staple_prom_family(&p, "m", "gauge", "h");
		break;
	case NO_FAMILY: /* a sample needs its HELP and TYPE first */
		staple_prom_sample(&p, NULL, 0, 0, 0);
		break;
	case BAD_TYPE:
		staple_prom_family(&p, "m", "histogramm", "h");
		break;
	case LABEL_TWICE:
		staple_prom_family(&p, "m", "gauge", "h");
		staple_prom_sample(&p, twice, 2, 0, 0);
		break;
	}
	staple_buf_free(&b);
}
END_TEST

/* ---- file mode ----------------------------------------------------------- */

/* One `staple check --file` run in the fixtures directory. */
struct file_case {
	const char *name;   /* what it is about */
	const char *file;   /* NAME.der (NAME when it has a dot):
	                       --issuer NAME.issuer.pem, --cert
	                       NAME.cert.pem when verify */
	int verify;         /* 1: --issuer and --cert; 2: --issuer WRONG */
	const char *at;     /* --at */
	const char *extra;  /* one more option, or NULL */
	int status;
	const char *line;   /* the whole Nagios output */
	const char *json;   /* in the JSON line */
};

#define AT_FRESH "2025-01-03T00:00:00Z" /* 5 days before nextUpdate */

static const struct file_case file_cases[] = {
	{"good, verified", "le-like-p256", 1, AT_FRESH, NULL, OK,
	 "OK - le-like-p256.der: good, next update in 5 days "
	 "(2025-01-08T00:00:00Z), verified | "
	 "next_update=432000s;172800:;43200: age=129600s\n",
	 "\"status\": \"ok\", \"exit\": 0, \"reason\": \"good\""},
	{"no --issuer: not verified", "le-like-p256", 0, AT_FRESH, NULL,
	 WARNING,
	 "WARNING - le-like-p256.der: good, next update in 5 days "
	 "(2025-01-08T00:00:00Z), not verified (no --issuer) | "
	 "next_update=432000s;172800:;43200: age=129600s\n",
	 "\"reason\": \"not_verified\""},
	{"within --warn", "le-like-p256", 1, "2025-01-06T12:00:00Z", NULL,
	 WARNING,
	 "WARNING - le-like-p256.der: good, but the next update is in 1 day "
	 "12 hours (2025-01-08T00:00:00Z): within 2d (--warn) | "
	 "next_update=129600s;172800:;43200: age=432000s\n",
	 "\"reason\": \"expires_soon\""},
	{"within --critical", "le-like-p256", 1, "2025-01-07T13:00:00Z",
	 NULL, CRITICAL,
	 "CRITICAL - le-like-p256.der: good, but the next update is in 11 "
	 "hours (2025-01-08T00:00:00Z): within 12h (--critical) | "
	 "next_update=39600s;172800:;43200: age=522000s\n",
	 "\"status\": \"critical\", \"exit\": 2, \"reason\": \"expires_soon\""},
	{"--warn 6d", "le-like-p256", 1, AT_FRESH, "--warn=6d", WARNING,
	 "WARNING - le-like-p256.der: good, but the next update is in 5 "
	 "days (2025-01-08T00:00:00Z): within 6d (--warn) | "
	 "next_update=432000s;518400:;43200: age=129600s\n",
	 "\"warn\": 518400000"},
	{"--critical 1d12h", "le-like-p256", 1, "2025-01-06T13:00:00Z",
	 "--critical=1d12h", CRITICAL,
	 "CRITICAL - le-like-p256.der: good, but the next update is in 1 "
	 "day 11 hours (2025-01-08T00:00:00Z): within 1d12h (--critical) | "
	 "next_update=126000s;172800:;129600: age=435600s\n",
	 "\"critical\": 129600000"},
	{"expired", "le-like-p256", 1, "2025-01-09T00:00:00Z", NULL,
	 CRITICAL,
	 "CRITICAL - le-like-p256.der: expired: the next update was 1 day "
	 "ago (2025-01-08T00:00:00Z) | "
	 "next_update=-86400s;172800:;43200: age=648000s\n",
	 "\"reason\": \"expired\""},
	{"expired, not verified", "le-like-p256", 0, "2025-01-09T00:00:00Z",
	 NULL, CRITICAL,
	 "CRITICAL - le-like-p256.der: expired: the next update was 1 day "
	 "ago (2025-01-08T00:00:00Z) | "
	 "next_update=-86400s;172800:;43200: age=648000s\n",
	 "\"reason\": \"expired\""},
	{"not yet valid", "le-like-p256", 1, "2024-12-01T00:00:00Z", NULL,
	 CRITICAL,
	 "CRITICAL - le-like-p256.der: not yet valid: this update is in "
	 "1 month (2025-01-01T00:00:00Z) | "
	 "next_update=3283200s;172800:;43200: age=-2721600s\n",
	 "\"reason\": \"not_yet_valid\""},
	{"no nextUpdate", "no-next-update", 1, AT_FRESH, NULL, WARNING,
	 "WARNING - no-next-update.der: good, but no nextUpdate: a client "
	 "cannot tell when it goes stale | age=129600s\n",
	 "\"next_update_in\": null, \"verified\": true"},
	{"revoked", "revoked-key-compromise", 1, AT_FRESH, NULL, CRITICAL,
	 "CRITICAL - revoked-key-compromise.der: revoked 18 days 15 hours ago "
	 "(2024-12-15T08:30:00Z, key_compromise) | "
	 "next_update=432000s;172800:;43200: age=129600s\n",
	 "\"reason\": \"revoked\""},
	{"revoked without a reason", "revoked-no-reason", 1, AT_FRESH, NULL,
	 CRITICAL,
	 "CRITICAL - revoked-no-reason.der: revoked 18 days 15 hours ago "
	 "(2024-12-15T08:30:00Z, unspecified) | "
	 "next_update=432000s;172800:;43200: age=129600s\n",
	 "\"reason\": \"revoked\""},
	{"certStatus unknown", "cert-status-unknown", 1, AT_FRESH, NULL,
	 CRITICAL,
	 "CRITICAL - cert-status-unknown.der: certStatus unknown: the "
	 "responder does not know the certificate | "
	 "next_update=432000s;172800:;43200: age=129600s\n",
	 "\"reason\": \"cert_unknown\""},
	{"tryLater", "try-later", 0, AT_FRESH, NULL, CRITICAL,
	 "CRITICAL - try-later.der: responseStatus try_later, not "
	 "successful\n",
	 "\"reason\": \"response_status\", \"message\": \"responseStatus "
	 "try_later, not successful\", \"response\": {\"ocsp\": {\"status\": "
	 "\"server_failed\""},
	{"unauthorized", "unauthorized", 0, AT_FRESH, NULL, CRITICAL,
	 "CRITICAL - unauthorized.der: responseStatus unauthorized, not "
	 "successful\n",
	 "\"response_status\": \"unauthorized\""},
	{"no SingleResponse", "empty-responses", 0, AT_FRESH, NULL, CRITICAL,
	 "CRITICAL - empty-responses.der: a successful response without any "
	 "SingleResponse | age=129600s\n",
	 "\"reason\": \"no_entry\""},
	{"the wrong issuer", "le-like-p256", 2, AT_FRESH, NULL, CRITICAL,
	 "CRITICAL - le-like-p256.der: verification failed: responderID "
	 "names neither the issuer nor a certificate in certs "
	 "(signer_not_found) | next_update=432000s;172800:;43200: "
	 "age=129600s\n",
	 "\"reason\": \"verify_failed\""},
	{"no such file", "no-such-file", 0, AT_FRESH, NULL, UNKNOWN,
	 "UNKNOWN - no-such-file.der: No such file or directory\n",
	 "\"reason\": \"io\", \"message\": \"No such file or directory\", "
	 "\"error\": {\"code\": \"IO\""},
	{"not a response", "tls/root.pem", 0, AT_FRESH, NULL, UNKNOWN,
	 NULL, /* the decoder's words: checked in JSON */
	 "\"status\": \"unknown\", \"exit\": 3, \"reason\": \"malformed\""},
};

static void file_args(struct test_args *a, const struct file_case *c,
                      const char *format)
{
	char path[ARG_LEN];

	tool_args(a);
	test_arg(a, "--file");
	if (c->verify) {
		snprintf(path, sizeof path, "%s.issuer.pem",
		         c->verify == 2 ? "tls/int" : c->file);
		if (c->verify == 2)
			snprintf(path, sizeof path, "tls/int.pem");
		test_arg(a, "--issuer");
		test_arg(a, path);
		if (c->verify == 1) {
			snprintf(path, sizeof path, "%s.cert.pem", c->file);
			test_arg(a, "--cert");
			test_arg(a, path);
		}
	}
	test_arg(a, "--at");
	test_arg(a, c->at);
	if (c->extra != NULL)
		test_arg(a, c->extra);
	if (format != NULL) {
		test_arg(a, "--format");
		test_arg(a, format);
	}
	snprintf(path, sizeof path, "%s%s", c->file,
	         strchr(c->file, '.') != NULL ? "" : ".der");
	test_arg(a, path);
}

static void test_file(size_t i)
{
	const struct file_case *c = &file_cases[i];
	struct test_args a;
	struct test_run nagios, json;
	const char *end;

	file_args(&a, c, NULL);
	run_check(&nagios, &a, fixtures_abs());
	file_args(&a, c, "json");
	run_check(&json, &a, fixtures_abs());

	expect_status(&nagios, c->status, c->name);
	if (c->line != NULL)
		ck_assert_msg(strcmp(nagios.out.p, c->line) == 0,
		              "%s:\n got: %s\nwant: %s", c->name, nagios.out.p,
		              c->line);
	ck_assert_msg(strchr(nagios.out.p, '\n') ==
	                      nagios.out.p + nagios.out.n - 1,
	              "%s: one line: %s", c->name, nagios.out.p);
	ck_assert_msg(nagios.err.n == 0, "%s: stderr: %s", c->name,
	              nagios.err.p);
	expect_status(&json, c->status, c->name);
	end = test_json_value(json.out.p);
	ck_assert_msg(end != NULL && strcmp(end, "\n") == 0,
	              "%s: not one JSON line: %s", c->name, json.out.p);
	expect_in(&json.out, c->json, c->name);
	test_run_free(&nagios);
	test_run_free(&json);
}

/* Several targets: a summary first, labels that stay unique, the worst
 * status (CRITICAL above UNKNOWN), target order. */
START_TEST(test_file_many)
{
	struct test_args a;
	struct test_run r, only_unknown;

	tool_args(&a);
	test_arg(&a, "--file");
	test_arg(&a, "--at=" AT_FRESH);
	test_arg(&a, "le-like-p256.der");
	test_arg(&a, "nope.der");
	test_arg(&a, "revoked-key-compromise.der");
	test_arg(&a, "no-next-update.der");
	run_program(&r, &a, fixtures_abs(), NULL);
	tool_args(&a);
	test_arg(&a, "--file");
	test_arg(&a, "--at=" AT_FRESH);
	test_arg(&a, "le-like-p256.der");
	test_arg(&a, "nope.der");
	run_program(&only_unknown, &a, fixtures_abs(), NULL);

	expect_status(&r, CRITICAL, "many");
	ck_assert_str_eq(
		r.out.p,
		"CRITICAL - 4 targets: 1 critical, 1 unknown, 2 warning, 0 ok\n"
		"WARNING - le-like-p256.der: good, next update in 5 days "
		"(2025-01-08T00:00:00Z), not verified (no --issuer) | "
		"'le-like-p256.der next_update'=432000s;172800:;43200: "
		"'le-like-p256.der age'=129600s\n"
		"UNKNOWN - nope.der: No such file or directory\n"
		"CRITICAL - revoked-key-compromise.der: revoked 18 days 15 hours ago "
		"(2024-12-15T08:30:00Z, key_compromise) | "
		"'revoked-key-compromise.der next_update'=432000s;172800:;43200: "
		"'revoked-key-compromise.der age'=129600s\n"
		"WARNING - no-next-update.der: good, but no nextUpdate: a client "
		"cannot tell when it goes stale; not verified (no --issuer) | "
		"'no-next-update.der age'=129600s\n");
	/* UNKNOWN is worse than WARNING, not than CRITICAL */
	expect_status(&only_unknown, UNKNOWN, "unknown and warning");
	test_run_free(&r);
	test_run_free(&only_unknown);
}
END_TEST

/* --targets: comments, blank lines, trailing blanks; after the operands. */
START_TEST(test_targets_file)
{
	struct test_args a;
	struct test_run r;

	tool_args(&a);
	test_arg(&a, "--file");
	test_arg(&a, "--at=" AT_FRESH);
	test_arg(&a, "--targets=-");
	test_arg(&a, "try-later.der");
	run_program(&r, &a, fixtures_abs(),
	            "# staples this host serves\n"
	            "\n"
	            "   revoked-key-compromise.der   \n"
	            "\t# an indented comment\n"
	            "le-like-p256.der # the LE-like one\r\n"
	            "unauthorized.der");
	expect_status(&r, CRITICAL, "--targets");
	ck_assert_msg(strncmp(r.out.p, "CRITICAL - 4 targets:", 21) == 0,
	              "%s", r.out.p);
	{
		const char *a1 = strstr(r.out.p, "- try-later.der:");
		const char *a2 = strstr(r.out.p, "- revoked-key-compromise.der:");
		const char *a3 = strstr(r.out.p, "- le-like-p256.der:");
		const char *a4 = strstr(r.out.p, "- unauthorized.der:");
		ck_assert_msg(a1 != NULL && a2 != NULL && a3 != NULL &&
		                      a4 != NULL && a1 < a2 && a2 < a3 && a3 < a4,
		              "order:\n%s", r.out.p);
	}
	test_run_free(&r);
}
END_TEST

/* The Python with prometheus_client. */
static const char *python(void)
{
	const char *p = getenv("STAPLE_PYTHON");
	return p != NULL && p[0] != '\0' ? p : "/usr/bin/python3";
}

/* Parse exposition text with tests/prom_parse.py into *r. */
static void prom_parse(struct test_run *r, const char *exposition)
{
	struct test_args a;
	char script[ARG_LEN];

	snprintf(script, sizeof script, "%s/../prom_parse.py", fixtures_abs());
	test_args_init(&a, python());
	test_arg(&a, script);
	run_program(r, &a, NULL, exposition);
}

/* --format prometheus, read back by the reference parser: every family
 * once, the values of each target. */
START_TEST(test_file_prometheus)
{
	struct test_args a;
	struct test_run r, parsed;
	const char *const want[] = {
		"staple_probe_success gauge\n"
		"staple_probe_success{target='le-like-p256.der'} 1.0\n"
		"staple_probe_success{target='nope \"x\"\\\\.der'} 0.0\n"
		"staple_probe_success{target='revoked-key-compromise.der'} 1.0\n"
		"staple_probe_success{target='try-later.der'} 1.0\n",
		"staple_check_status gauge\n"
		"staple_check_status{reason='good',target='le-like-p256.der'} 0.0\n"
		"staple_check_status{reason='io',target='nope \"x\"\\\\.der'} 3.0\n"
		"staple_check_status{reason='revoked',"
		"target='revoked-key-compromise.der'} 2.0\n"
		"staple_check_status{reason='response_status',"
		"target='try-later.der'} 2.0\n",
		"staple_ocsp_response_status gauge\n"
		"staple_ocsp_response_status{target='le-like-p256.der'} 0.0\n"
		"staple_ocsp_response_status{target='revoked-key-compromise.der'} "
		"0.0\n"
		"staple_ocsp_response_status{target='try-later.der'} 3.0\n",
		"staple_ocsp_cert_status gauge\n"
		"staple_ocsp_cert_status{target='le-like-p256.der'} 0.0\n"
		"staple_ocsp_cert_status{target='revoked-key-compromise.der'} "
		"1.0\n",
		"staple_ocsp_verified gauge\n"
		"staple_ocsp_verified{target='le-like-p256.der'} 1.0\n"
		"staple_ocsp_verified{target='revoked-key-compromise.der'} 1.0\n",
		"staple_ocsp_produced_at_seconds{target='le-like-p256.der'} "
		"1735732800.0\n",
		"staple_ocsp_this_update_seconds{target='le-like-p256.der'} "
		"1735689600.0\n",
		"staple_ocsp_next_update_seconds{target='le-like-p256.der'} "
		"1736294400.0\n",
		"staple_ocsp_revoked_at_seconds gauge\n"
		"staple_ocsp_revoked_at_seconds"
		"{target='revoked-key-compromise.der'} 1734251400.0\n"
		"staple_probe_duration_seconds gauge\n",
	};
	size_t k;

	tool_args(&a);
	test_arg(&a, "--file");
	test_arg(&a, "--format=prometheus");
	test_arg(&a, "--at=" AT_FRESH);
	test_arg(&a, "--issuer=le-like-p256.issuer.pem");
	test_arg(&a, "le-like-p256.der");
	test_arg(&a, "nope \"x\"\\.der"); /* a label value with escapes */
	test_arg(&a, "revoked-key-compromise.der");
	test_arg(&a, "try-later.der");
	run_program(&r, &a, fixtures_abs(), NULL);
	expect_status(&r, CRITICAL, "prometheus");
	prom_parse(&parsed, r.out.p);
	expect_status(&parsed, 0, "prom_parse.py");
	for (k = 0; k < N_OF(want); k++)
		expect_in(&parsed.out, want[k], "parsed exposition");
	/* node_exporter's textfile collector refuses timestamps: none */
	ck_assert_msg(strstr(r.out.p, "} 1 ") == NULL, "%s", r.out.p);
	test_run_free(&r);
	test_run_free(&parsed);
}
END_TEST

/* The Nagios line of a report: escapes that keep it one line, one "|"
 * and labels the guidelines accept. */
START_TEST(test_nagios_line)
{
	struct staple_check_report rep;
	struct staple_buf b = {NULL, 0, 0};

	memset(&rep, 0, sizeof rep);
	rep.target = "we|ird'=name\n";
	rep.status = STAPLE_CHECK_WARNING;
	rep.reason = "expires_soon";
	snprintf(rep.message, sizeof rep.message, "a | b");
	rep.decoded = 1;
	rep.response_status = STAPLE_RESPONSE_SUCCESSFUL;
	rep.has_entry = 1;
	rep.has_next_update = 1;
	rep.at_ms = INT64_C(1736000000000);
	rep.next_update = rep.at_ms - 1500; /* 1.5 s late: -2 s, rounded down */
	rep.produced_at = rep.at_ms - 60000;
	rep.warn_ms = INT64_C(172800000);
	rep.critical_ms = INT64_C(43200000);
	rep.has_handshake = 1;
	rep.handshake_us = 1234567;
	staple_text_check_line(&b, &rep, 0);
	staple_text_check_line(&b, &rep, 1);
	staple_buf_char(&b, '\0');
	ck_assert_str_eq(
		b.p,
		"WARNING - we\\x7cird'=name\\n: a \\x7c b | "
		"next_update=-2s;172800:;43200: age=60s handshake=1.234s\n"
		"WARNING - we\\x7cird'=name\\n: a \\x7c b | "
		"'we\\x7cird''_name\\n next_update'=-2s;172800:;43200: "
		"'we\\x7cird''_name\\n age'=60s "
		"'we\\x7cird''_name\\n handshake'=1.234s\n");
	staple_buf_free(&b);
}
END_TEST

/* --format json carries decode --json's object whole, as "response". */
START_TEST(test_json_has_decode)
{
	struct test_args a;
	struct test_run check, decode;
	const char *members;
	char *copy, *end;

	tool_args(&a);
	test_arg(&a, "--file");
	test_arg(&a, "--format=json");
	test_arg(&a, "--at=" AT_FRESH);
	test_arg(&a, "--issuer=le-like-p256.issuer.pem");
	test_arg(&a, "--cert=le-like-p256.cert.pem");
	test_arg(&a, "le-like-p256.der");
	run_program(&check, &a, fixtures_abs(), NULL);
	tool_args(&a);
	memcpy(a.text[1], "decode", sizeof "decode");
	test_arg(&a, "--json");
	test_arg(&a, "--at=" AT_FRESH);
	test_arg(&a, "--issuer=le-like-p256.issuer.pem");
	test_arg(&a, "--cert=le-like-p256.cert.pem");
	test_arg(&a, "le-like-p256.der");
	run_program(&decode, &a, fixtures_abs(), NULL);
	expect_status(&check, OK, "check");
	expect_status(&decode, 0, "decode");
	/* decode's members after "file", up to its closing brace */
	members = strstr(decode.out.p, "\"ocsp\":");
	ck_assert_ptr_nonnull(members);
	copy = strdup(members);
	ck_assert_ptr_nonnull(copy);
	end = strrchr(copy, '}');
	ck_assert_ptr_nonnull(end);
	*end = '\0';
	ck_assert_msg(strstr(check.out.p, copy) != NULL,
	              "decode's object is not in check's:\n%s\n%s", copy,
	              check.out.p);
	expect_in(&check.out, "\"response\": {\"ocsp\":", "check");
	free(copy);
	test_run_free(&check);
	test_run_free(&decode);
}
END_TEST

/* Usage errors are UNKNOWN (exit 3), with a line on stderr. */
struct usage_case {
	const char *args[6];
	const char *message;
};

static const struct usage_case usage_cases[] = {
	{{NULL}, "no server (HOST[:PORT])"},
	{{"--file", NULL}, "no staple file"},
	{{"--warn=1w", "x.der", NULL}, "not a duration"},
	{{"--critical", "", "x.der", NULL}, "needs a value"},
	{{"--format=xml", "x", NULL}, "not a format"},
	{{"--jobs=0", "x", NULL}, "not a number of jobs from 1 to 256"},
	{{"--jobs=257", "x", NULL}, "not a number of jobs from 1 to 256"},
	{{"--issuer=a.pem", "x", NULL}, "needs --file"},
	{{"--file", "--cafile=a.pem", "x", NULL}, "not with --file"},
	{{"--file", "--cert=a.pem", "x", NULL}, "needs --issuer"},
	{{"--file", "--at=yesterday", "x", NULL}, "not a time"},
	{{"--targets=/nonexistent/targets", NULL}, "No such file"},
	{{"--backend=nope", "x", NULL}, "no such backend"},
	{{"--bogus", NULL}, "unknown option"},
};

static void test_usage(size_t i)
{
	const struct usage_case *c = &usage_cases[i];
	struct test_args a;
	struct test_run r;
	size_t k;

	tool_args(&a);
	for (k = 0; c->args[k] != NULL; k++)
		test_arg(&a, c->args[k]);
	run_program(&r, &a, NULL, NULL);
	expect_status(&r, UNKNOWN, c->message);
	expect_in(&r.err, c->message, "stderr");
	expect_in(&r.err, "staple: check: ", "stderr");
	ck_assert_msg(r.out.n == 0, "stdout: %s", r.out.p);
	test_run_free(&r);
}

START_TEST(test_help)
{
	struct test_args a;
	struct test_run r, all;
	static const char *const options[] = {
		"--format", "--warn", "--critical", "--require-staple", "--jobs",
		"--targets", "--backend", "--cafile", "--servername", "--timeout",
		"--tls12", "--file", "--issuer", "--cert", "--at", "--skew",
		"--max-size", "a bare number", "is seconds"};
	size_t k;

	tool_args(&a);
	test_arg(&a, "--help");
	run_program(&r, &a, NULL, NULL);
	test_args_init(&a, test_tool_path());
	test_arg(&a, "--help");
	run_program(&all, &a, NULL, NULL);
	expect_status(&r, 0, "check --help");
	expect_status(&all, 0, "--help");
	for (k = 0; k < N_OF(options); k++) {
		expect_in(&r.out, options[k], "check --help");
		expect_in(&all.out, options[k], "--help");
	}
	expect_in(&all.out, "staple check", "--help");
	expect_in(&r.out, "CRITICAL is worse", "check --help");
	test_run_free(&r);
	test_run_free(&all);
}
END_TEST

/* ---- servers ------------------------------------------------------------- */

/* tests/fixtures/tls/NAME, absolute, into out; -1 when it does not fit. */
static int tls_path(char *out, size_t cap, const char *name)
{
	int n = snprintf(out, cap, "%s/tls/%s", fixtures_abs(), name);
	return n > 0 && (size_t)n < cap ? 0 : -1;
}

/* An s_server for leaf (tls/LEAF.pem, .key, -cert_chain int.pem)
 * stapling tls/STAPLE.der, or nothing when staple is NULL. */
static int serve_start(struct loopback_server *s, const char *leaf,
                       const char *staple)
{
	char cert[ARG_LEN], key[ARG_LEN], chain[ARG_LEN], der[ARG_LEN];
	char name[128];
	const char *args[12];
	size_t i = 0;

	s->pid = -1;
	snprintf(name, sizeof name, "%s.pem", leaf);
	if (tls_path(cert, sizeof cert, name) != 0)
		return -1;
	snprintf(name, sizeof name, "%s.key", leaf);
	if (tls_path(key, sizeof key, name) != 0 ||
	    tls_path(chain, sizeof chain, "int.pem") != 0)
		return -1;
	args[i++] = "-cert";
	args[i++] = cert;
	args[i++] = "-key";
	args[i++] = key;
	args[i++] = "-cert_chain";
	args[i++] = chain;
	if (staple != NULL) {
		snprintf(name, sizeof name, "%s.der", staple);
		if (tls_path(der, sizeof der, name) != 0)
			return -1;
		args[i++] = "-status_file";
		args[i++] = der;
	}
	args[i] = NULL;
	return loopback_server_start(s, args);
}

/* `staple check` of servers: trust tls/root.pem, name "localhost". */
static void server_args(struct test_args *a, const char *backend)
{
	char path[ARG_LEN];

	tool_args(a);
	test_arg(a, "--backend");
	test_arg(a, backend);
	test_arg(a, "--servername=localhost");
	if (tls_path(path, sizeof path, "root.pem") != 0)
		a->bad = 1;
	test_arg(a, "--cafile");
	test_arg(a, path);
}

static void target_arg(struct test_args *a, int port)
{
	char t[32];

	snprintf(t, sizeof t, "127.0.0.1:%d", port);
	test_arg(a, t);
}

/* Does the whole of text match the extended regex pattern? */
static int matches(const char *text, const char *pattern, char *why,
                   size_t cap)
{
	regex_t re;
	int rc = regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB);

	if (rc != 0) {
		regerror(rc, &re, why, cap);
		return 0;
	}
	rc = regexec(&re, text, 0, NULL, 0);
	regfree(&re);
	snprintf(why, cap, "no match");
	return rc == 0;
}

static const char *const backends[] = {"bearssl", "openssl"};

/* What `staple check` says of one server. */
struct server_case {
	const char *name;
	const char *leaf;   /* tls/LEAF */
	const char *staple; /* tls/STAPLE.der, NULL: the server staples
	                       nothing */
	const char *option; /* one more option, or NULL */
	int status;
	const char *line;   /* an extended regex of the whole output; %d
	                       is the port */
	const char *json;   /* in the JSON line */
};

#define TARGET "^%s - 127\\.0\\.0\\.1:%d: "
#define PERF_NEXT(w, c) "next_update=[0-9]+s;" w ":;" c ": age=[0-9]+s "
#define PERF_HS "handshake=[0-9]+\\.[0-9]{3}s\n$"

static const struct server_case server_cases[] = {
	{"good", "leaf-ecdsa", "staple-ecdsa", NULL, OK,
	 "^OK - 127\\.0\\.0\\.1:%d: good, next update in [a-z0-9 ]+ "
	 "\\(2045-01-01T00:00:00Z\\), verified \\| "
	 PERF_NEXT("172800", "43200") PERF_HS,
	 "\"status\": \"ok\", \"exit\": 0, \"reason\": \"good\""},
	{"revoked", "leaf-ecdsa", "staple-revoked", NULL, CRITICAL,
	 "^CRITICAL - 127\\.0\\.0\\.1:%d: revoked [a-z0-9 ]+ ago "
	 "\\(2025-01-01T00:00:00Z, key_compromise\\) \\| "
	 PERF_NEXT("172800", "43200") PERF_HS,
	 "\"status\": \"critical\", \"exit\": 2, \"reason\": \"revoked\""},
	{"unknown", "leaf-ecdsa", "staple-unknown", NULL, CRITICAL,
	 "^CRITICAL - 127\\.0\\.0\\.1:%d: certStatus unknown: the responder "
	 "does not know the certificate \\| "
	 PERF_NEXT("172800", "43200") PERF_HS,
	 "\"reason\": \"cert_unknown\""},
	{"expired", "leaf-ecdsa", "staple-expired", NULL, CRITICAL,
	 "^CRITICAL - 127\\.0\\.0\\.1:%d: expired: the next update was "
	 "[a-z0-9 ]+ ago \\(2025-01-08T00:00:00Z\\) \\| "
	 "next_update=-[0-9]+s;172800:;43200: age=[0-9]+s " PERF_HS,
	 "\"reason\": \"expired\""},
	/* a staple that expires "soon": sooner than the thresholds */
	{"expiring, --warn", "leaf-ecdsa", "staple-ecdsa", "--warn=36500d",
	 WARNING,
	 "^WARNING - 127\\.0\\.0\\.1:%d: good, but the next update is in "
	 "[a-z0-9 ]+ \\(2045-01-01T00:00:00Z\\): within 36500d \\(--warn\\) "
	 "\\| " PERF_NEXT("3153600000", "43200") PERF_HS,
	 "\"status\": \"warning\", \"exit\": 1, \"reason\": \"expires_soon\""},
	{"expiring, --critical", "leaf-ecdsa", "staple-ecdsa",
	 "--critical=36500d", CRITICAL,
	 "^CRITICAL - 127\\.0\\.0\\.1:%d: good, but the next update is in "
	 "[a-z0-9 ]+ \\(2045-01-01T00:00:00Z\\): within 36500d "
	 "\\(--critical\\) \\| " PERF_NEXT("172800", "3153600000") PERF_HS,
	 "\"status\": \"critical\", \"exit\": 2, \"reason\": \"expires_soon\""},
	{"no nextUpdate", "leaf-ecdsa", "staple-nonext", NULL, WARNING,
	 "^WARNING - 127\\.0\\.0\\.1:%d: good, but no nextUpdate: a client "
	 "cannot tell when it goes stale \\| age=[0-9]+s " PERF_HS,
	 "\"reason\": \"no_next_update\""},
	{"tryLater", "leaf-ecdsa", "staple-trylater", NULL, CRITICAL,
	 "^CRITICAL - 127\\.0\\.0\\.1:%d: responseStatus try_later, not "
	 "successful \\| " PERF_HS,
	 "\"reason\": \"response_status\""},
	{"unauthorized", "leaf-ecdsa", "staple-unauthorized", NULL, CRITICAL,
	 "^CRITICAL - 127\\.0\\.0\\.1:%d: responseStatus unauthorized, not "
	 "successful \\| " PERF_HS,
	 "\"response_status\": \"unauthorized\""},
	{"no staple", "leaf-ecdsa", NULL, NULL, OK,
	 "^OK - 127\\.0\\.0\\.1:%d: no staple \\(not_acknowledged\\), none "
	 "required \\| " PERF_HS,
	 "\"status\": \"ok\", \"exit\": 0, \"reason\": \"no_staple\""},
	{"no staple, --require-staple", "leaf-ecdsa", NULL,
	 "--require-staple", CRITICAL,
	 "^CRITICAL - 127\\.0\\.0\\.1:%d: no staple \\(not_acknowledged\\) "
	 "and --require-staple \\| " PERF_HS,
	 "\"status\": \"critical\", \"exit\": 2, \"reason\": \"no_staple\""},
	{"must-staple without a staple", "leaf-muststaple", NULL, NULL,
	 CRITICAL,
	 "^CRITICAL - 127\\.0\\.0\\.1:%d: the certificate requires a staple "
	 "\\(TLS Feature\\) and the server sent none \\| " PERF_HS,
	 "\"reason\": \"must_staple_missing\""},
	{"must-staple with its staple", "leaf-muststaple",
	 "staple-muststaple", NULL, OK,
	 "^OK - 127\\.0\\.0\\.1:%d: good, next update in [a-z0-9 ]+ "
	 "\\(2045-01-01T00:00:00Z\\), verified \\| "
	 PERF_NEXT("172800", "43200") PERF_HS,
	 "\"must_staple\": true"},
	/* a staple for another certificate: leaf-rsa's for leaf-ecdsa */
	{"another certificate's staple", "leaf-ecdsa", "staple-rsa", NULL,
	 CRITICAL,
	 "^CRITICAL - 127\\.0\\.0\\.1:%d: verification failed: [^|]+ \\| "
	 PERF_NEXT("172800", "43200") PERF_HS,
	 "\"reason\": \"verify_failed\""},
};

START_TEST(test_server)
{
	const struct server_case *c = &server_cases[(size_t)_i / N_OF(backends)];
	const char *backend = backends[(size_t)_i % N_OF(backends)];
	struct loopback_server s;
	struct test_args a;
	struct test_run nagios, json;
	char pattern[1024], why[128];
	const char *end;
	int started;

	started = serve_start(&s, c->leaf, c->staple) == 0;
	if (started) {
		server_args(&a, backend);
		if (c->option != NULL)
			test_arg(&a, c->option);
		target_arg(&a, s.port);
		run_program(&nagios, &a, NULL, NULL);
		server_args(&a, backend);
		if (c->option != NULL)
			test_arg(&a, c->option);
		test_arg(&a, "--format=json");
		target_arg(&a, s.port);
		run_program(&json, &a, NULL, NULL);
		snprintf(pattern, sizeof pattern, c->line, s.port);
		loopback_server_stop(&s);
	}
	ck_assert_msg(started, "%s: s_server did not start", c->name);
	expect_status(&nagios, c->status, c->name);
	ck_assert_msg(matches(nagios.out.p, pattern, why, sizeof why),
	              "%s (%s): %s\n got: %s\nwant: %s", c->name, backend, why,
	              nagios.out.p, pattern);
	ck_assert_msg(nagios.err.n == 0, "stderr: %s", nagios.err.p);
	expect_status(&json, c->status, c->name);
	end = test_json_value(json.out.p);
	ck_assert_msg(end != NULL && strcmp(end, "\n") == 0,
	              "%s: not one JSON line: %s", c->name, json.out.p);
	expect_in(&json.out, c->json, c->name);
	expect_in(&json.out, "\"kind\": \"server\"", c->name);
	expect_in(&json.out, "\"tls\": {", c->name);
	expect_in(&json.out, "\"handshake_us\": ", c->name);
	test_run_free(&nagios);
	test_run_free(&json);
}
END_TEST

/*
 * A listener that accepts connections and never says a word, on n
 * ports of 127.0.0.1 at once: a child that holds every connection open
 * until it is killed (or SILENT_LIFE_S).
 */
#define SILENT_MAX 64
#define SILENT_LIFE_S 120

struct silent {
	pid_t pid;
	int port[SILENT_MAX];
	size_t n;
};

static int silent_start(struct silent *s, size_t n)
{
	int fd[SILENT_MAX];
	size_t i;

	s->pid = -1;
	s->n = 0;
	if (n > SILENT_MAX)
		return -1;
	for (i = 0; i < n; i++) {
		struct sockaddr_in sa;
		socklen_t len = sizeof sa;

		fd[i] = socket(AF_INET, SOCK_STREAM, 0);
		memset(&sa, 0, sizeof sa);
		sa.sin_family = AF_INET;
		sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		if (fd[i] < 0 || bind(fd[i], (struct sockaddr *)&sa, sizeof sa) ||
		    listen(fd[i], 64) != 0 ||
		    getsockname(fd[i], (struct sockaddr *)&sa, &len) != 0) {
			size_t k;
			for (k = 0; k <= i; k++)
				if (fd[k] >= 0)
					close(fd[k]);
			return -1;
		}
		s->port[i] = ntohs(sa.sin_port);
	}
	s->n = n;
	s->pid = fork();
	if (s->pid == 0) {
		struct pollfd p[SILENT_MAX];
		/* no Check code here: its handlers would kill the group */
		signal(SIGTERM, SIG_DFL);
		signal(SIGALRM, SIG_DFL);
		alarm(SILENT_LIFE_S);
		for (i = 0; i < n; i++) {
			p[i].fd = fd[i];
			p[i].events = POLLIN;
		}
		for (;;) { /* accepted sockets stay open: no FIN, no data */
			if (poll(p, (nfds_t)n, -1) < 0 && errno != EINTR)
				_exit(2);
			for (i = 0; i < n; i++)
				if (p[i].revents & POLLIN)
					(void)accept(fd[i], NULL, NULL);
		}
	}
	for (i = 0; i < n; i++)
		close(fd[i]);
	return s->pid > 0 ? 0 : -1;
}

static void silent_stop(struct silent *s)
{
	if (s->pid > 0) {
		kill(s->pid, SIGKILL);
		while (waitpid(s->pid, NULL, 0) < 0 && errno == EINTR)
			continue;
	}
	s->pid = -1;
}

/* Targets that cannot be checked: UNKNOWN, each with its reason. */
START_TEST(test_server_unknown)
{
	const char *backend = backends[_i];
	struct silent quiet;
	struct test_args a;
	struct test_run r, json;
	char pattern[1024], why[128], cafile[ARG_LEN];
	int closed = loopback_free_port(), started;

	started = silent_start(&quiet, 1) == 0;
	if (started) {
		server_args(&a, backend);
		test_arg(&a, "--timeout=1");
		target_arg(&a, quiet.port[0]);
		target_arg(&a, closed);
		test_arg(&a, "no-such-host.invalid:443");
		run_program(&r, &a, NULL, NULL);
		server_args(&a, backend);
		test_arg(&a, "--timeout=1");
		test_arg(&a, "--format=json");
		target_arg(&a, quiet.port[0]);
		target_arg(&a, closed);
		test_arg(&a, "no-such-host.invalid:443");
		run_program(&json, &a, NULL, NULL);
		snprintf(pattern, sizeof pattern,
		         "^UNKNOWN - 3 targets: 0 critical, 3 unknown, 0 warning, "
		         "0 ok\n"
		         "UNKNOWN - 127\\.0\\.0\\.1:%d: [^\n|]*no answer in 1000 "
		         "ms\n"
		         "UNKNOWN - 127\\.0\\.0\\.1:%d: [^\n|]*\n"
		         "UNKNOWN - no-such-host\\.invalid:443: [^\n|]*\n$",
		         quiet.port[0], closed);
		silent_stop(&quiet);
	}
	ck_assert_msg(started, "the silent listener did not start");
	expect_status(&r, UNKNOWN, "unreachable");
	ck_assert_msg(matches(r.out.p, pattern, why, sizeof why),
	              "%s: %s\n got: %s\nwant: %s", backend, why, r.out.p,
	              pattern);
	expect_status(&json, UNKNOWN, "unreachable, JSON");
	expect_in(&json.out, "\"reason\": \"timeout\"", "silent");
	expect_in(&json.out, "\"reason\": \"connect\"", "closed");
	expect_in(&json.out, "\"reason\": \"resolve\"", "unresolvable");
	expect_in(&json.out, "\"error\": {\"code\": \"TIMEOUT\"", "silent");
	test_run_free(&r);
	test_run_free(&json);

	/* a chain that does not lead to the trust anchors */
	{
		struct loopback_server s;
		started = serve_start(&s, "leaf-ecdsa", "staple-ecdsa") == 0;
		if (started) {
			tool_args(&a);
			test_arg(&a, "--backend");
			test_arg(&a, backend);
			test_arg(&a, "--servername=localhost");
			snprintf(cafile, sizeof cafile,
			         "%s/le-like-p256.issuer.pem", fixtures_abs());
			test_arg(&a, "--cafile");
			test_arg(&a, cafile);
			target_arg(&a, s.port);
			run_program(&r, &a, NULL, NULL);
			loopback_server_stop(&s);
		}
		ck_assert_msg(started, "s_server did not start");
		expect_status(&r, UNKNOWN, "untrusted");
		expect_in(&r.out, "UNKNOWN - 127.0.0.1:", "untrusted");
		test_run_free(&r);
	}
}
END_TEST

/*
 * 40 servers that accept and say nothing, --timeout 2 --jobs 40: every
 * one UNKNOWN for its timeout, in target order, and all of it in about
 * one timeout, not forty (the bound only catches serial probing; the
 * time itself is make bench-check's).
 */
START_TEST(test_many_silent)
{
	struct silent quiet;
	struct test_args a;
	struct test_run r;
	char needle[96];
	const char *at;
	size_t i;
	int started;

	started = silent_start(&quiet, 40) == 0;
	if (started) {
		server_args(&a, "bearssl");
		test_arg(&a, "--timeout=2");
		test_arg(&a, "--jobs=40");
		for (i = 0; i < quiet.n; i++)
			target_arg(&a, quiet.port[i]);
		run_program(&r, &a, NULL, NULL);
	}
	silent_stop(&quiet);
	ck_assert_msg(started, "the silent listeners did not start");
	expect_status(&r, UNKNOWN, "40 silent");
	ck_assert_msg(strncmp(r.out.p,
	                      "UNKNOWN - 40 targets: 0 critical, 40 unknown, "
	                      "0 warning, 0 ok\n",
	                      60) == 0,
	              "%s", r.out.p);
	at = r.out.p;
	for (i = 0; i < quiet.n; i++) {
		snprintf(needle, sizeof needle, "\nUNKNOWN - 127.0.0.1:%d: ",
		         quiet.port[i]);
		at = strstr(at, needle);
		ck_assert_msg(at != NULL, "target %zu (port %d) missing or out "
		              "of order:\n%s", i, quiet.port[i], r.out.p);
		at++;
	}
	ck_assert_msg(r.ms < 30000, "40 silent targets took %lld ms: serial?",
	              r.ms);
	test_run_free(&r);
}
END_TEST

/*
 * No target's result leaks into another's: good and revoked servers
 * interleaved, checked 10 at a time, each line the verdict of its own
 * server.
 */
START_TEST(test_no_leak)
{
	struct loopback_server good, revoked;
	struct test_args a;
	struct test_run r, json;
	char needle[128];
	const char *at;
	int started, i, good_port, revoked_port;

	started = serve_start(&good, "leaf-ecdsa", "staple-ecdsa") == 0;
	started = serve_start(&revoked, "leaf-ecdsa", "staple-revoked") == 0 &&
	          started;
	if (started) {
		server_args(&a, "bearssl");
		test_arg(&a, "--jobs=10");
		for (i = 0; i < 20; i++)
			target_arg(&a, i % 2 == 0 ? good.port : revoked.port);
		run_program(&r, &a, NULL, NULL);
		server_args(&a, "openssl");
		test_arg(&a, "--jobs=10");
		test_arg(&a, "--format=prometheus");
		for (i = 0; i < 2; i++)
			target_arg(&a, i % 2 == 0 ? good.port : revoked.port);
		run_program(&json, &a, NULL, NULL);
	}
	good_port = good.port; /* stop forgets them */
	revoked_port = revoked.port;
	loopback_server_stop(&good);
	loopback_server_stop(&revoked);
	ck_assert_msg(started, "s_server did not start");
	expect_status(&r, CRITICAL, "good and revoked");
	ck_assert_msg(strncmp(r.out.p, "CRITICAL - 20 targets: 10 critical, "
	                               "0 unknown, 0 warning, 10 ok\n",
	                      57) == 0,
	              "%s", r.out.p);
	at = r.out.p;
	for (i = 0; i < 20; i++) {
		snprintf(needle, sizeof needle, "\n%s - 127.0.0.1:%d: %s",
		         i % 2 == 0 ? "OK" : "CRITICAL",
		         i % 2 == 0 ? good_port : revoked_port,
		         i % 2 == 0 ? "good, " : "revoked ");
		at = strstr(at, needle);
		ck_assert_msg(at != NULL, "target %d:\n%.3000s", i, r.out.p);
		at++;
	}
	/* the Prometheus families of two servers, read back */
	expect_status(&json, CRITICAL, "prometheus");
	{
		struct test_run parsed;
		char want[256];
		prom_parse(&parsed, json.out.p);
		expect_status(&parsed, 0, "prom_parse.py");
		snprintf(want, sizeof want,
		         "staple_ocsp_cert_status{target='127.0.0.1:%d'} 0.0\n"
		         "staple_ocsp_cert_status{target='127.0.0.1:%d'} 1.0\n",
		         good_port, revoked_port);
		expect_in(&parsed.out, want, "cert status");
		snprintf(want, sizeof want,
		         "staple_ocsp_revoked_at_seconds gauge\n"
		         "staple_ocsp_revoked_at_seconds{target='127.0.0.1:%d'} "
		         "1735689600.0\n",
		         revoked_port);
		expect_in(&parsed.out, want, "revoked at");
		expect_in(&parsed.out, "staple_probe_handshake_seconds gauge\n",
		          "handshake");
		test_run_free(&parsed);
	}
	test_run_free(&r);
	test_run_free(&json);
}
END_TEST

TEST_ROWS(test_duration_rows, test_duration, N_OF(duration_cases))
TEST_ROWS(test_file_rows, test_file, N_OF(file_cases))
TEST_ROWS(test_usage_rows, test_usage, N_OF(usage_cases))

Suite *cmd_check_suite(void)
{
	Suite *s = suite_create("cmd_check");
	TCase *tc = tcase_create("check");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_duration_rows);
	tcase_add_test(tc, test_prom_writer);
	tcase_add_loop_test_raise_signal(tc, test_prom_refuses, SIGABRT, 0,
	                                 (int)N_MISUSES);
	tcase_add_test(tc, test_file_rows);
	tcase_add_test(tc, test_file_many);
	tcase_add_test(tc, test_targets_file);
	tcase_add_test(tc, test_file_prometheus);
	tcase_add_test(tc, test_nagios_line);
	tcase_add_test(tc, test_json_has_decode);
	tcase_add_test(tc, test_usage_rows);
	tcase_add_test(tc, test_help);
	suite_add_tcase(s, tc);

	tc = tcase_create("servers");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_server, 0,
	                    (int)(N_OF(server_cases) * N_OF(backends)));
	tcase_add_loop_test(tc, test_server_unknown, 0, (int)N_OF(backends));
	tcase_add_test(tc, test_many_silent);
	tcase_add_test(tc, test_no_leak);
	suite_add_tcase(s, tc);
	return s;
}
