/*
 * cmd_check.c -- `staple check`: one verdict per staple, for scripts and
 * monitors (Nagios, Icinga, Prometheus).
 *
 *   staple check [options] HOST[:PORT]...      servers, probed as fetch does
 *   staple check --file [options] FILE...      staple files, read as decode
 *                                              reads them
 *
 * Each target becomes one struct staple_check_report: core's
 * staple_check() gives OK, WARNING or CRITICAL and the reason from the
 * decoded staple (or from its absence); UNKNOWN is this file's, for a
 * target that could not be checked at all (unreadable, malformed,
 * unreachable, a handshake or chain that failed).  Targets are checked
 * --jobs at a time by worker threads, each target with its own timeout;
 * every report is complete before anything is printed, and the output
 * is in target order whatever order they finished in.
 *
 * The exit status follows the Nagios plugin guidelines: 0 OK, 1 WARNING,
 * 2 CRITICAL, 3 UNKNOWN, the worst target's, where CRITICAL ranks above
 * UNKNOWN (staple_check_rank()); a usage error is UNKNOWN too.
 *
 * Threads share nothing they write but their own report: the options,
 * the verification set-up and the backend vtables are read-only, core
 * and the backends keep no global state (backend.h), and each worker
 * allocates its own buffers.
 */
#include "probe.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* --jobs: 8 by default, 1 to 256. */
#define JOBS_DEFAULT 8
#define JOBS_MAX 256

/* --targets: the file is read whole, up to this much. */
#define TARGETS_MAX ((size_t)16 << 20)

enum check_format { FORMAT_NAGIOS, FORMAT_JSON, FORMAT_PROMETHEUS };

struct check_opts {
	int file_mode;
	enum check_format format;
	int jobs;
	struct staple_check_policy policy; /* warn, critical, skew, require */
	const char *targets_file;
	/* servers */
	const char *backend;
	struct staple_probe_options probe; /* fetch's options */
	/* files */
	struct staple_verify_options verify;
	/* the targets: operands, then --targets lines */
	const char **targets;
	size_t n_targets;
	char *targets_text; /* --targets' contents; owns those lines */
};

/* check's usage errors are UNKNOWN (Nagios plugin guidelines 3). */
static int usage_error(const char *arg, const char *message)
{
	(void)staple_usage_error("check", arg, message);
	return STAPLE_CHECK_UNKNOWN;
}

/* check's options, in the order of check_command's values[]. */
enum { OPT_WARN, OPT_CRITICAL, OPT_REQUIRE_STAPLE, OPT_FORMAT, OPT_JOBS,
       OPT_TARGETS, OPT_BACKEND, OPT_CAFILE, OPT_SERVERNAME, OPT_TIMEOUT,
       OPT_TLS12, OPT_INSECURE, OPT_FILE, OPT_ISSUER, OPT_CERT, OPT_AT,
       OPT_SKEW, OPT_MAX_SIZE, N_OPTS };
static const struct staple_option check_options[N_OPTS] = {
	[OPT_WARN] = {"--warn", STAPLE_OPT_VALUE},
	[OPT_CRITICAL] = {"--critical", STAPLE_OPT_VALUE},
	[OPT_REQUIRE_STAPLE] = {"--require-staple", STAPLE_OPT_FLAG},
	[OPT_FORMAT] = {"--format", STAPLE_OPT_VALUE},
	[OPT_JOBS] = {"--jobs", STAPLE_OPT_VALUE},
	[OPT_TARGETS] = {"--targets", STAPLE_OPT_VALUE},
	[OPT_BACKEND] = {"--backend", STAPLE_OPT_VALUE},
	[OPT_CAFILE] = {"--cafile", STAPLE_OPT_VALUE},
	[OPT_SERVERNAME] = {"--servername", STAPLE_OPT_VALUE_OR_EMPTY},
	[OPT_TIMEOUT] = {"--timeout", STAPLE_OPT_VALUE},
	[OPT_TLS12] = {"--tls12", STAPLE_OPT_FLAG},
	[OPT_INSECURE] = {"--insecure", STAPLE_OPT_FLAG},
	[OPT_FILE] = {"--file", STAPLE_OPT_FLAG},
	[OPT_ISSUER] = {"--issuer", STAPLE_OPT_VALUE},
	[OPT_CERT] = {"--cert", STAPLE_OPT_VALUE},
	[OPT_AT] = {"--at", STAPLE_OPT_VALUE},
	[OPT_SKEW] = {"--skew", STAPLE_OPT_VALUE},
	[OPT_MAX_SIZE] = {"--max-size", STAPLE_OPT_VALUE},
};
static const struct staple_command check_command = {
	"check", check_options, N_OPTS, staple_usage_check};

/* see tool.h */
int staple_check_rank(int status)
{
	switch (status) {
	case STAPLE_CHECK_OK: return 0;
	case STAPLE_CHECK_WARNING: return 1;
	case STAPLE_CHECK_UNKNOWN: return 2;
	default: return 3; /* CRITICAL */
	}
}

/* see tool.h */
int staple_parse_duration(const char *s, int64_t *ms)
{
	static const char units[] = "dhms";
	static const int64_t unit_ms[] = {86400000, 3600000, 60000, 1000};
	int64_t total = 0;
	size_t next_unit = 0; /* units must come largest first, once each */

	*ms = 0;
	if (*s == '\0')
		return -1;
	while (*s != '\0') {
		int64_t v = 0;
		const char *u;
		size_t k;

		if (*s < '0' || *s > '9')
			return -1;
		for (; *s >= '0' && *s <= '9'; s++) {
			v = v * 10 + (*s - '0');
			if (v > STAPLE_DURATION_MAX_MS / 1000)
				return -1; /* before anything can overflow */
		}
		if (*s == '\0' && total == 0 && next_unit == 0) {
			k = 3; /* a bare number: seconds */
		} else {
			u = *s != '\0' ? strchr(units, *s) : NULL;
			if (u == NULL)
				return -1;
			k = (size_t)(u - units);
			if (k < next_unit)
				return -1;
			s++;
		}
		next_unit = k + 1;
		if (v > (STAPLE_DURATION_MAX_MS - total) / unit_ms[k])
			return -1;
		total += v * unit_ms[k];
	}
	*ms = total;
	return 0;
}

/* A duration in the units --warn takes: "2d", "1d12h", "90s", "0s". */
static void duration_format(struct staple_buf *b, int64_t ms)
{
	static const char units[] = "dhms";
	static const int64_t unit_ms[] = {86400000, 3600000, 60000, 1000};
	size_t k;
	int any = 0;

	for (k = 0; k < 4; k++) {
		if (ms >= unit_ms[k]) {
			staple_buf_printf(b, "%lld%c",
			                  (long long)(ms / unit_ms[k]), units[k]);
			ms %= unit_ms[k];
			any = 1;
		}
	}
	if (!any)
		staple_buf_str(b, "0s");
}

/*
 * Read --targets: one target a line; blank lines and lines whose first
 * non-blank is "#" are skipped, and a " #" (or tab) ends a line's
 * target; blanks around a target are dropped.  The lines are appended
 * to o->targets and point into o->targets_text.  Returns -1 to go on,
 * or the exit status after a message.
 */
static int read_targets(struct check_opts *o, size_t room)
{
	struct staple_buf text = {NULL, 0, 0};
	FILE *f;
	char chunk[4096], *p, *end;
	size_t got;
	int from_stdin = strcmp(o->targets_file, "-") == 0;

	f = from_stdin ? stdin : fopen(o->targets_file, "rb");
	if (f == NULL)
		return usage_error(o->targets_file, strerror(errno));
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		staple_buf_add(&text, chunk, got);
		if (text.n > TARGETS_MAX) {
			if (!from_stdin)
				fclose(f);
			staple_buf_free(&text);
			return usage_error(o->targets_file,
			                   "larger than 16 MiB (--targets)");
		}
	}
	if (ferror(f)) {
		int e = errno;
		if (!from_stdin)
			fclose(f);
		staple_buf_free(&text);
		return usage_error(o->targets_file, strerror(e));
	}
	if (!from_stdin)
		fclose(f);
	staple_buf_char(&text, '\0');
	o->targets_text = text.p;
	/* lines: at most one per byte; grow the array once to fit */
	{
		size_t lines = 1;
		const char **grown;
		for (p = text.p; *p != '\0'; p++)
			lines += *p == '\n';
		grown = realloc(o->targets,
		                (room + lines) * sizeof *o->targets);
		if (grown == NULL)
			staple_out_of_memory();
		o->targets = grown;
	}
	for (p = text.p; p < text.p + text.n - 1; p = end + 1) {
		char *line = p, *hash, *stop;

		end = strchr(p, '\n');
		if (end == NULL)
			end = text.p + text.n - 1;
		*end = '\0';
		while (*line == ' ' || *line == '\t')
			line++;
		if (*line == '#' || *line == '\0')
			continue;
		stop = end;
		for (hash = line; hash < end; hash++)
			if (*hash == '#' && (hash[-1] == ' ' || hash[-1] == '\t')) {
				stop = hash;
				break;
			}
		while (stop > line && (stop[-1] == ' ' || stop[-1] == '\t' ||
		                       stop[-1] == '\r'))
			stop--;
		*stop = '\0';
		if (*line != '\0')
			o->targets[o->n_targets++] = line;
	}
	return -1;
}

/*
 * The usage error for the first option of `which` (ended by -1) that the
 * command line gave, saying `why` it does not belong; -1 when none did.
 */
static int refuse_options(const char *const *v, const int *which,
                          const char *why)
{
	for (; *which >= 0; which++)
		if (v[*which] != NULL)
			return usage_error(check_options[*which].name, why);
	return -1;
}

/* Returns -1 to go on, else an exit status (help, or a usage error). */
static int parse_options(int argc, char **argv, struct check_opts *o)
{
	const char *v[N_OPTS];
	int *operands, n, i, rc;
	size_t max_size = 0;

	memset(o, 0, sizeof *o);
	operands = malloc((size_t)argc * sizeof *operands);
	o->targets = malloc((size_t)argc * sizeof *o->targets);
	if (operands == NULL || o->targets == NULL)
		staple_out_of_memory();
	rc = staple_options_parse(&check_command, argc, argv, v, operands, &n);
	for (i = 0; rc < 0 && i < n; i++)
		o->targets[o->n_targets++] = argv[operands[i]];
	free(operands);
	if (rc >= 0)
		return rc == STAPLE_EXIT_OK ? rc : STAPLE_CHECK_UNKNOWN;

	o->file_mode = v[OPT_FILE] != NULL;
	o->policy.require_staple = v[OPT_REQUIRE_STAPLE] != NULL;
	o->policy.warn_ms = STAPLE_CHECK_WARN_MS;
	o->policy.critical_ms = STAPLE_CHECK_CRITICAL_MS;
	o->policy.skew_ms = STAPLE_CHECK_SKEW_MS;
	o->jobs = JOBS_DEFAULT;
	o->targets_file = v[OPT_TARGETS];
	o->backend = v[OPT_BACKEND];
	o->probe.cafile = v[OPT_CAFILE];
	o->probe.servername = v[OPT_SERVERNAME];
	o->probe.timeout = v[OPT_TIMEOUT];
	o->probe.tls12 = v[OPT_TLS12] != NULL;
	o->probe.insecure = v[OPT_INSECURE] != NULL;
	o->verify.issuer = v[OPT_ISSUER];
	o->verify.cert = v[OPT_CERT];
	o->verify.at = v[OPT_AT];
	o->verify.skew = v[OPT_SKEW];
	o->verify.backend = v[OPT_BACKEND];
	o->verify.command = "check";

	if (v[OPT_WARN] != NULL &&
	    staple_parse_duration(v[OPT_WARN], &o->policy.warn_ms) != 0)
		return usage_error(v[OPT_WARN],
		                   "not a duration (--warn: 2d, 1d12h, 90m, 45s; "
		                   "a bare number is seconds; at most 36500d)");
	if (v[OPT_CRITICAL] != NULL &&
	    staple_parse_duration(v[OPT_CRITICAL], &o->policy.critical_ms) != 0)
		return usage_error(v[OPT_CRITICAL],
		                   "not a duration (--critical: 12h, 1d, 30m; "
		                   "a bare number is seconds; at most 36500d)");
	if (v[OPT_FORMAT] == NULL || strcmp(v[OPT_FORMAT], "nagios") == 0)
		o->format = FORMAT_NAGIOS;
	else if (strcmp(v[OPT_FORMAT], "json") == 0)
		o->format = FORMAT_JSON;
	else if (strcmp(v[OPT_FORMAT], "prometheus") == 0)
		o->format = FORMAT_PROMETHEUS;
	else
		return usage_error(v[OPT_FORMAT],
		                   "not a format (nagios, json, prometheus)");
	if (v[OPT_JOBS] != NULL) {
		size_t jobs;
		if (staple_parse_count(v[OPT_JOBS], JOBS_MAX, &jobs) != 0)
			return usage_error(v[OPT_JOBS],
			                   "not a number of jobs from 1 to 256");
		o->jobs = (int)jobs;
	}
	if (o->verify.skew != NULL &&
	    staple_parse_skew(o->verify.skew, &o->policy.skew_ms) != 0)
		return usage_error(o->verify.skew,
		                   "not a number of seconds from 0 to 31536000");
	if (v[OPT_MAX_SIZE] != NULL &&
	    staple_parse_count(v[OPT_MAX_SIZE], STAPLE_INPUT_MAX_LIMIT,
	                       &max_size) != 0)
		return usage_error(v[OPT_MAX_SIZE],
		                   "not a number of bytes from 1 to 1073741824 "
		                   "(--max-size)");
	o->verify.max_size = max_size;
	if (o->file_mode) {
		static const int server_only[] = {OPT_CAFILE, OPT_SERVERNAME,
		                                  OPT_TIMEOUT, OPT_TLS12,
		                                  OPT_INSECURE, -1};
		rc = refuse_options(v, server_only,
		                    "probes a server: not with --file");
		if (rc >= 0)
			return rc;
		if (o->verify.issuer == NULL && o->verify.cert != NULL)
			return usage_error("--cert",
			                   "verifies, which needs --issuer");
		if (o->verify.at != NULL) {
			int64_t at;
			if (staple_parse_time(o->verify.at, &at) != 0)
				return usage_error(o->verify.at,
				                   "not a time (YYYY-MM-DDTHH:MM:SSZ, "
				                   "YYYYMMDDHHMMSSZ or @SECONDS)");
		}
	} else {
		static const int file_only[] = {OPT_ISSUER, OPT_CERT, OPT_AT,
		                                OPT_MAX_SIZE, -1};
		rc = refuse_options(v, file_only,
		                    "reads staple files: needs --file");
		if (rc >= 0)
			return rc;
		if (o->probe.timeout != NULL) {
			int64_t ms;
			if (staple_parse_skew(o->probe.timeout, &ms) != 0 ||
			    ms == 0 || ms > 3600000)
				return usage_error(o->probe.timeout,
				                   "not a number of seconds "
				                   "from 1 to 3600");
		}
	}
	if (o->targets_file != NULL) {
		rc = read_targets(o, o->n_targets);
		if (rc >= 0)
			return rc;
	}
	if (o->n_targets == 0)
		return usage_error(NULL, o->file_mode
		                                 ? "no staple file"
		                                 : "no server (HOST[:PORT])");
	return -1;
}

/* ---- one target ------------------------------------------------------ */

/* What the threads share: read-only but for the queue. */
struct check_run {
	const struct check_opts *o;
	const struct staple_verify_setup *setup; /* files, with --issuer */
	int has_setup;
	int has_at;         /* files: --at given, */
	int64_t file_at_ms; /* this */
	const struct staple_backend *backend;    /* servers */
	struct staple_check_report *reps;
	size_t n;
	size_t next;
	pthread_mutex_t lock;
};

static int64_t monotonic_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* rep->message from b, cut at a character boundary if it is too long. */
static void set_message(struct staple_check_report *rep,
                        const struct staple_buf *b)
{
	size_t n = b->n;

	if (n >= sizeof rep->message) {
		n = sizeof rep->message - 1;
		while (n > 0 && ((unsigned char)b->p[n] & 0xc0) == 0x80)
			n--; /* not inside a UTF-8 sequence */
	}
	if (n > 0)
		memcpy(rep->message, b->p, n);
	rep->message[n] = '\0';
}

/* The target could not be checked: UNKNOWN with reason and message. */
static void unknown(struct staple_check_report *rep, const char *reason,
                    const char *message)
{
	struct staple_buf b = {NULL, 0, 0};

	rep->status = STAPLE_CHECK_UNKNOWN;
	rep->reason = reason;
	staple_buf_str(&b, message);
	set_message(rep, &b);
	staple_buf_free(&b);
}

/* The reason code of an input problem (pem.c's codes). */
static const char *problem_reason(const struct staple_problem *pb)
{
	if (strcmp(pb->code, "IO") == 0)
		return "io";
	if (strcmp(pb->code, "TOO_LARGE") == 0)
		return "too_large";
	return "malformed";
}

/* "CODE: MESSAGE at offset N (HINT)" of a problem. */
static void problem_message(struct staple_check_report *rep,
                            const struct staple_problem *pb)
{
	struct staple_buf b = {NULL, 0, 0};

	if (pb->has_offset)
		staple_buf_printf(&b, "%s at offset %zu (%s)", pb->message,
		                  pb->offset, pb->code);
	else
		staple_buf_str(&b, pb->message);
	if (pb->hint[0] != '\0')
		staple_buf_printf(&b, " (%s)", pb->hint);
	set_message(rep, &b);
	staple_buf_free(&b);
}

/* "in 3 days (2025-01-08T00:00:00Z)" */
static void when(struct staple_buf *b, int64_t ms, int64_t at_ms, int expiry)
{
	staple_text_relative(b, ms, at_ms, expiry);
	staple_buf_str(b, " (");
	staple_text_time(b, ms);
	staple_buf_char(b, ')');
}

#define MUST_STAPLE_MISSING \
	"the certificate requires a staple (TLS Feature) and the server " \
	"sent none"

/*
 * Judge the staple r (NULL: none came; stapling says how the server
 * answered) with staple_check() and fill rep's verdict, facts and
 * message.
 */
static void judge(struct staple_check_report *rep,
                  const struct staple_response *r,
                  const struct staple_verify_report *v,
                  const struct staple_check_policy *policy, int stapling)
{
	struct staple_check_result res;
	struct staple_single s;
	struct staple_buf b = {NULL, 0, 0};
	int64_t at = policy->now_ms;

	rep->at_ms = at;
	rep->verify_asked = v != NULL;
	rep->verified = v != NULL && v->verdict == STAPLE_OK;
	if (staple_check(r, v != NULL ? v->verdict : STAPLE_OK,
	                 v != NULL ? &v->result : NULL, policy,
	                 &res) != STAPLE_OK) {
		unknown(rep, "malformed", "the staple cannot be judged");
		return;
	}
	rep->status = (int)res.status;
	rep->reason = staple_check_reason_name((int)res.reason);
	if (r != NULL) {
		rep->decoded = 1;
		rep->response_status = (int)r->status;
		rep->produced_at = r->produced_at;
	}
	memset(&s, 0, sizeof s);
	if (res.has_entry && staple_single_at(r, res.index, &s) == STAPLE_OK) {
		rep->has_entry = 1;
		rep->cert_status = (int)s.cert_status;
		rep->revocation_reason = (int)s.reason;
		rep->this_update = s.this_update;
		rep->has_next_update = s.has_next_update;
		rep->next_update = s.next_update;
		rep->revoked_at = s.revoked_at;
	}

	switch (res.reason) {
	case STAPLE_CHECK_GOOD:
	case STAPLE_CHECK_NOT_VERIFIED:
		staple_buf_str(&b, "good, next update ");
		when(&b, s.next_update, at, 1);
		staple_buf_str(&b, res.reason == STAPLE_CHECK_GOOD
		                           ? ", verified"
		                           : ", not verified (no --issuer)");
		break;
	case STAPLE_CHECK_EXPIRES_SOON:
		staple_buf_str(&b, "good, but the next update is ");
		when(&b, s.next_update, at, 1);
		staple_buf_str(&b, ": within ");
		duration_format(&b, res.status == STAPLE_CHECK_CRITICAL
		                            ? policy->critical_ms
		                            : policy->warn_ms);
		staple_buf_str(&b, res.status == STAPLE_CHECK_CRITICAL
		                           ? " (--critical)"
		                           : " (--warn)");
		break;
	case STAPLE_CHECK_NO_NEXT_UPDATE:
		staple_buf_str(&b, "good, but no nextUpdate: a client cannot "
		                   "tell when it goes stale");
		if (v == NULL)
			staple_buf_str(&b, "; not verified (no --issuer)");
		break;
	case STAPLE_CHECK_NO_STAPLE:
		staple_buf_printf(&b, "no staple (%s)",
		                  stapling != 0 ? staple_stapling_name(stapling)
		                                : "none");
		staple_buf_str(&b, res.status == STAPLE_CHECK_CRITICAL
		                           ? " and --require-staple"
		                           : ", none required");
		break;
	case STAPLE_CHECK_MUST_STAPLE_MISSING:
		staple_buf_str(&b, MUST_STAPLE_MISSING);
		break;
	case STAPLE_CHECK_RESPONSE_STATUS:
		staple_buf_printf(&b, "responseStatus %s, not successful",
		                  staple_response_status_name((int)r->status));
		break;
	case STAPLE_CHECK_NO_ENTRY:
		staple_buf_str(&b, "a successful response without any "
		                   "SingleResponse");
		break;
	case STAPLE_CHECK_EXPIRED:
		staple_buf_str(&b, "expired: the next update was ");
		when(&b, s.next_update, at, 0);
		break;
	case STAPLE_CHECK_NOT_YET_VALID:
		staple_buf_str(&b, "not yet valid: this update is ");
		when(&b, s.this_update, at, 0);
		break;
	case STAPLE_CHECK_VERIFY_FAILED: {
		struct staple_buf name = {NULL, 0, 0};
		staple_verdict_name(&name, res.verdict);
		staple_buf_printf(&b, "verification failed: %s (%.*s)",
		                  staple_strerror(res.verdict), (int)name.n,
		                  name.p);
		staple_buf_free(&name);
		break;
	}
	case STAPLE_CHECK_REVOKED:
		staple_buf_str(&b, "revoked ");
		staple_text_relative(&b, s.revoked_at, at, 0);
		staple_buf_str(&b, " (");
		staple_text_time(&b, s.revoked_at);
		/* no CRLReason reads "unspecified", as in k6's object */
		staple_buf_printf(&b, ", %s)",
		                  s.reason == STAPLE_OCSP_REASON_NONE
		                          ? "unspecified"
		                          : staple_ocsp_reason_name(
		                                    (int)s.reason));
		break;
	case STAPLE_CHECK_CERT_UNKNOWN:
		staple_buf_str(&b, "certStatus unknown: the responder does "
		                   "not know the certificate");
		break;
	}
	set_message(rep, &b);
	staple_buf_free(&b);
}

/* rep's JSON line from its start: the head, and the connection's members
 * when tls is set. */
static void json_head(struct staple_json *j, struct staple_check_report *rep,
                      const struct staple_fetch_report *tls)
{
	rep->json.n = 0;
	staple_json_init(j, &rep->json);
	staple_json_object(j);
	staple_json_check_head(j, rep);
	if (tls != NULL) {
		staple_json_fetch_connection(j, tls);
		staple_json_fetch_trust(j, tls);
	}
}

/* --format json: rep's line, with the decode object when r is set. */
static void render_json(struct staple_check_report *rep,
                        const struct staple_fetch_report *tls,
                        const struct staple_response *r,
                        const struct staple_verify_report *v,
                        const char *error_code, const char *error_message,
                        const size_t *offset)
{
	struct staple_json j;

	rep->duration_us = monotonic_us() - rep->start_us;
	json_head(&j, rep, tls);
	if (r != NULL) {
		staple_json_key(&j, "response");
		staple_json_object(&j);
		if (staple_json_response_members(&j, r, v) != STAPLE_OK) {
			/* not after staple_decode() said yes: start again
			 * without it, and say so */
			json_head(&j, rep, tls);
		} else {
			staple_json_end(&j);
		}
	}
	if (error_code != NULL)
		staple_json_error_member(&j, error_code, error_message, NULL,
		                         offset);
	staple_json_check_tail(&j, rep);
	staple_json_end(&j);
}

/* One staple file (--file). */
static void check_file(const struct check_run *run,
                       struct staple_check_report *rep)
{
	const struct check_opts *o = run->o;
	struct staple_verify_report report, *vr = NULL;
	struct staple_check_policy policy = o->policy;
	struct staple_input in;
	struct staple_problem pb;
	struct staple_response r;
	int err;

	policy.now_ms = run->has_at ? run->file_at_ms : staple_now_ms();
	rep->at_ms = policy.now_ms;
	if (staple_input_load_max(&in, rep->target, o->verify.max_size,
	                          &pb) != 0) {
		rep->status = STAPLE_CHECK_UNKNOWN;
		rep->reason = problem_reason(&pb);
		problem_message(rep, &pb);
		if (o->format == FORMAT_JSON)
			render_json(rep, NULL, NULL, NULL, pb.code, rep->message,
			            pb.has_offset ? &pb.offset : NULL);
		staple_input_free(&in);
		return;
	}
	rep->stapled = 1;
	err = staple_decode(&r, in.der.p, in.der.n);
	if (err != STAPLE_OK) {
		memset(&pb, 0, sizeof pb);
		pb.code = staple_errname(err);
		(void)snprintf(pb.message, sizeof pb.message, "%s",
		               staple_strerror(err));
		pb.offset = staple_error_offset(&r);
		pb.has_offset = 1;
		staple_input_hint(&in, &pb);
		rep->status = STAPLE_CHECK_UNKNOWN;
		rep->reason = "malformed";
		problem_message(rep, &pb);
		if (o->format == FORMAT_JSON)
			render_json(rep, NULL, NULL, NULL, pb.code, rep->message,
			            &pb.offset);
		staple_input_free(&in);
		return;
	}
	rep->probed = 1;
	if (run->has_setup) {
		vr = &report;
		staple_verify_run(run->setup, &r, vr);
		policy.must_staple = vr->result.must_staple;
	}
	judge(rep, &r, vr, &policy, 0);
	if (o->format == FORMAT_JSON)
		render_json(rep, NULL, &r, vr, NULL, NULL, NULL);
	staple_input_free(&in);
}

/* The reason of a connection that gave nothing to judge. */
static const char *fetch_reason(int rc)
{
	switch (rc) {
	case STAPLE_FETCH_RESOLVE: return "resolve";
	case STAPLE_FETCH_CONNECT: return "connect";
	case STAPLE_FETCH_TIMEOUT: return "timeout";
	case STAPLE_FETCH_UNTRUSTED: return "untrusted";
	case STAPLE_FETCH_CAFILE: return "cafile";
	case STAPLE_FETCH_ARGUMENT: return "argument";
	default: return "tls"; /* TLS, TOO_LARGE */
	}
}

/* One server, probed as fetch probes it (staple_probe_run()). */
static void check_server(const struct check_run *run,
                         struct staple_check_report *rep)
{
	const struct check_opts *o = run->o;
	struct staple_check_policy policy = o->policy;
	struct staple_verify_report report, *vr = NULL;
	struct staple_probe p;
	const struct staple_fetch_report *tls = NULL;
	const char *why, *arg, *code = NULL;
	struct staple_buf m = {NULL, 0, 0};
	size_t *offset = NULL;

	rep->at_ms = staple_now_ms();
	why = staple_probe_prepare(&p, run->backend, rep->target, &o->probe,
	                           &arg);
	if (why != NULL) {
		/* a target that is not one: the run goes on with the others */
		unknown(rep, "argument", why);
		code = "ARGUMENT";
	} else {
		(void)staple_probe_run(&p);
		rep->has_handshake = p.shown;
		rep->handshake_us = p.handshake_us;
		if (p.shown)
			tls = &p.report;
	}
	if (code != NULL) {
		/* said above */
	} else if (!p.shown || (p.rc != STAPLE_FETCH_OK && !p.handshake_done)) {
		/* nothing came, or an untrusted chain ended the handshake */
		unknown(rep, fetch_reason(p.rc),
		        p.res.message[0] != '\0' ? p.res.message
		                                 : staple_fetch_strerror(p.rc));
		code = staple_fetch_code(p.rc);
	} else if (p.decode_err != 0) {
		rep->stapled = 1;
		staple_buf_printf(&m, "the staple is not an OCSP response: %s "
		                      "(%s) at offset %zu",
		                  staple_strerror(p.decode_err),
		                  staple_errname(p.decode_err), p.decode_offset);
		unknown(rep, "malformed", "");
		set_message(rep, &m);
		code = staple_errname(p.decode_err);
		offset = &p.decode_offset;
	} else if (p.decoded && p.problem != NULL) {
		rep->stapled = 1;
		unknown(rep, "no_issuer", p.problem);
		code = "NO_ISSUER";
	} else {
		rep->probed = 1;
		rep->stapled = p.report.stapled;
		rep->must_staple = p.report.must_staple;
		policy.now_ms = p.setup.at_ms;
		policy.must_staple = p.report.must_staple;
		if (p.decoded) {
			vr = &report;
			staple_verify_run(&p.setup, &p.r, vr);
		}
		judge(rep, p.decoded ? &p.r : NULL, vr, &policy,
		      p.res.stapling);
		if (!p.report.trusted) {
			/* --insecure: judged all the same, and said */
			staple_buf_printf(&m, "%s; chain not trusted (--insecure)",
			                  rep->message);
			set_message(rep, &m);
		}
	}
	if (o->format == FORMAT_JSON)
		render_json(rep, tls, p.decoded && code == NULL ? &p.r : NULL,
		            vr, code, code != NULL ? rep->message : NULL,
		            offset);
	staple_buf_free(&m);
	staple_probe_free(&p);
}

static void check_one(const struct check_run *run,
                      struct staple_check_report *rep)
{
	rep->start_us = monotonic_us();
	rep->warn_ms = run->o->policy.warn_ms;
	rep->critical_ms = run->o->policy.critical_ms;
	rep->server = !run->o->file_mode;
	if (run->o->file_mode)
		check_file(run, rep);
	else
		check_server(run, rep);
	if (rep->duration_us == 0) /* render_json() measured it already */
		rep->duration_us = monotonic_us() - rep->start_us;
}

/* A worker: takes the next target until none is left. */
static void *worker(void *arg)
{
	struct check_run *run = arg;

	for (;;) {
		size_t i;

		pthread_mutex_lock(&run->lock);
		i = run->next++;
		pthread_mutex_unlock(&run->lock);
		if (i >= run->n)
			return NULL;
		check_one(run, &run->reps[i]);
	}
}

/*
 * Check every target, run->o->jobs at a time (fewer when there are fewer
 * targets).  A thread that cannot be started leaves its share to the
 * others; with none started the calling thread does it all.
 */
static void run_all(struct check_run *run)
{
	pthread_t threads[JOBS_MAX];
	size_t want = (size_t)run->o->jobs, started = 0, i;

	if (want > run->n)
		want = run->n;
	if (want > 1) {
		for (i = 0; i < want; i++)
			if (pthread_create(&threads[started], NULL, worker,
			                   run) == 0)
				started++;
	}
	if (started == 0)
		(void)worker(run);
	for (i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
}

/* Everything, in target order, in the format asked for. */
static void render(struct staple_buf *out, const struct check_opts *o,
                   const struct staple_check_report *reps, size_t n)
{
	size_t i;

	switch (o->format) {
	case FORMAT_NAGIOS:
		if (n > 1)
			staple_text_check_summary(out, reps, n);
		for (i = 0; i < n; i++)
			staple_text_check_line(out, &reps[i], n > 1);
		break;
	case FORMAT_JSON:
		for (i = 0; i < n; i++)
			staple_buf_add(out, reps[i].json.p, reps[i].json.n);
		break;
	case FORMAT_PROMETHEUS:
		staple_prom_check(out, reps, n);
		break;
	}
}

/* see tool.h */
int staple_cmd_check(int argc, char **argv)
{
	struct check_opts o;
	struct staple_verify_setup setup;
	struct check_run run;
	struct staple_buf out = {NULL, 0, 0};
	int rc, worst = STAPLE_CHECK_OK;
	size_t i;

	memset(&setup, 0, sizeof setup);
	memset(&run, 0, sizeof run);
	rc = parse_options(argc, argv, &o);
	run.o = &o;
	if (rc < 0 && o.file_mode) {
		run.has_at = o.verify.at != NULL &&
		             staple_parse_time(o.verify.at, &run.file_at_ms) == 0;
		if (o.verify.issuer != NULL) {
			if (staple_verify_setup_load(&setup, &o.verify) != 0)
				rc = STAPLE_CHECK_UNKNOWN;
			run.setup = &setup;
			run.has_setup = 1;
		} else if (o.backend != NULL &&
		           staple_crypto_find(o.backend) == NULL) {
			rc = usage_error(o.backend, "no such backend");
		}
	} else if (rc < 0) {
		run.backend = staple_backend_find(o.backend);
		if (run.backend == NULL)
			rc = usage_error(o.backend, "no such backend");
	}
	if (rc < 0) {
		run.reps = calloc(o.n_targets, sizeof *run.reps);
		if (run.reps == NULL)
			staple_out_of_memory();
		run.n = o.n_targets;
		for (i = 0; i < run.n; i++)
			run.reps[i].target = o.targets[i];
		if (pthread_mutex_init(&run.lock, NULL) != 0)
			staple_out_of_memory();
		run_all(&run);
		pthread_mutex_destroy(&run.lock);
		for (i = 0; i < run.n; i++)
			if (staple_check_rank(run.reps[i].status) >
			    staple_check_rank(worst))
				worst = run.reps[i].status;
		render(&out, &o, run.reps, run.n);
		if (out.n > 0)
			(void)fwrite(out.p, 1, out.n, stdout);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			perror("staple: stdout");
			worst = STAPLE_CHECK_UNKNOWN;
		}
		rc = worst;
		for (i = 0; i < run.n; i++)
			staple_buf_free(&run.reps[i].json);
		free(run.reps);
	}
	staple_buf_free(&out);
	staple_verify_setup_free(&setup);
	free(o.targets);
	free(o.targets_text);
	return rc;
}
