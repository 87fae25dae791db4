/*
 * verify_setup.c -- what `staple decode --issuer ...` checks: the option
 * values (--at, --skew, --backend), the certificates, and one
 * staple_verify() per decoded input.
 */
#include "tool.h"
#include "backend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* --skew is at most a year: more is no longer a clock skew. */
#define MAX_SKEW_SECONDS 31536000L

/* Milliseconds of "@SECONDS" (an integer, maybe negative). */
static int parse_epoch(const char *s, int64_t *ms)
{
	char *end;
	long long v;

	if (*s == '\0' || *s == ' ' || *s == '+')
		return -1;
	v = strtoll(s, &end, 10);
	/* years 0000 to 9999, as everywhere else */
	if (*end != '\0' || v < -62167219200LL || v > 253402300799LL)
		return -1;
	*ms = (int64_t)v * 1000;
	return 0;
}

/*
 * RFC 3339 in UTC, "YYYY-MM-DDTHH:MM:SS[.fff]Z", turned into the
 * GeneralizedTime the core reads, so both forms follow the same rules.
 */
static int parse_rfc3339(const char *s, int64_t *ms)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";
	const size_t head = sizeof shape - 1; /* 19 characters, 14 digits */
	char gt[40];
	size_t i, n = 0, len = strlen(s);

	/* at least the zone after the seconds; what follows them must fit
	 * in gt after the 14 digits */
	if (len <= head || len - head > sizeof gt - 14)
		return -1;
	for (i = 0; i < head; i++) {
		if (shape[i] == 'd') {
			if (s[i] < '0' || s[i] > '9')
				return -1;
			gt[n++] = s[i];
		} else if (s[i] != shape[i] &&
		           !(shape[i] == 'T' && s[i] == 't')) {
			return -1;
		}
	}
	for (; i < len; i++)
		gt[n++] = s[i] == 'z' ? 'Z' : s[i];
	return staple_time_generalized((const uint8_t *)gt, n, ms) == STAPLE_OK
	               ? 0
	               : -1;
}

/* see tool.h */
int staple_parse_time(const char *s, int64_t *ms)
{
	*ms = 0;
	if (s[0] == '@')
		return parse_epoch(s + 1, ms);
	if (strchr(s, '-') != NULL)
		return parse_rfc3339(s, ms);
	return staple_time_generalized((const uint8_t *)s, strlen(s), ms) ==
	                       STAPLE_OK
	               ? 0
	               : -1;
}

/* see tool.h */
int staple_parse_skew(const char *s, int64_t *ms)
{
	char *end;
	long v;

	*ms = 0;
	if (s[0] < '0' || s[0] > '9')
		return -1;
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < 0 || v > MAX_SKEW_SECONDS)
		return -1;
	*ms = (int64_t)v * 1000;
	return 0;
}

/* see tool.h */
int64_t staple_now_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return (int64_t)time(NULL) * 1000;
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int setup_error(const char *command, const char *what,
                       const char *message)
{
	fprintf(stderr, "staple: %s: %s: %s\n", command, what, message);
	return STAPLE_EXIT_USAGE;
}

/* "staple: COMMAND: OPTION PATH: " with PATH escaped, on stderr. */
static void cert_prefix(const char *command, const char *option,
                        const char *path)
{
	struct staple_buf b = {NULL, 0, 0};

	staple_buf_printf(&b, "staple: %s: %s ", command, option);
	staple_buf_escaped(&b, path);
	staple_buf_str(&b, ": ");
	(void)fwrite(b.p, 1, b.n, stderr);
	staple_buf_free(&b);
}

/* Read (at most max bytes) and decode one certificate file. */
static int load_cert(const char *command, const char *option,
                     const char *path, size_t max,
                     struct staple_input *in, struct staple_cert *cert)
{
	struct staple_problem pb;
	int err;

	if (staple_input_load_cert_max(in, path, max, &pb) != 0) {
		cert_prefix(command, option, path);
		if (pb.has_offset)
			fprintf(stderr, "%s at offset %zu\n", pb.message,
			        pb.offset);
		else
			fprintf(stderr, "%s\n", pb.message);
		return STAPLE_EXIT_USAGE;
	}
	err = staple_cert_decode(cert, in->der.p, in->der.n);
	if (err != STAPLE_OK) {
		cert_prefix(command, option, path);
		fprintf(stderr, "not a certificate: %s (%s) at offset %zu\n",
		        staple_strerror(err), staple_errname(err),
		        cert->error_offset);
		return STAPLE_EXIT_USAGE;
	}
	return 0;
}

static void list_backends(const char *command)
{
	const char *const *name;

	fprintf(stderr, "staple: %s: backends built in:", command);
	for (name = staple_crypto_names(); *name != NULL; name++)
		fprintf(stderr, " %s", *name);
	fputc('\n', stderr);
}

/* see tool.h */
int staple_verify_setup_load(struct staple_verify_setup *v,
                             const struct staple_verify_options *o)
{
	const char *cmd = o->command != NULL ? o->command : "decode";
	int rc;

	memset(v, 0, sizeof *v);
	v->crypto = staple_crypto_find(o->backend);
	if (v->crypto == NULL) {
		rc = setup_error(cmd, o->backend, "no such backend");
		list_backends(cmd);
		return rc;
	}
	v->at_ms = staple_now_ms();
	if (o->at != NULL && staple_parse_time(o->at, &v->at_ms) != 0)
		return setup_error(
			cmd, o->at, "not a time (YYYY-MM-DDTHH:MM:SSZ, "
			       "YYYYMMDDHHMMSSZ or @SECONDS)");
	v->skew_ms = 300000;
	if (o->skew != NULL && staple_parse_skew(o->skew, &v->skew_ms) != 0)
		return setup_error(cmd, o->skew,
		                   "not a number of seconds from 0 to 31536000");
	rc = load_cert(cmd, "--issuer", o->issuer, o->max_size, &v->issuer_in,
	               &v->issuer);
	if (rc == 0 && o->cert != NULL) {
		rc = load_cert(cmd, "--cert", o->cert, o->max_size, &v->leaf_in,
		               &v->leaf);
		v->has_leaf = rc == 0;
	}
	return rc;
}

/* see tool.h */
void staple_verify_setup_free(struct staple_verify_setup *v)
{
	staple_input_free(&v->issuer_in);
	staple_input_free(&v->leaf_in);
	memset(v, 0, sizeof *v);
}

/* see tool.h */
void staple_verify_run(const struct staple_verify_setup *v,
                       const struct staple_response *r,
                       struct staple_verify_report *out)
{
	out->setup = v;
	out->verdict = staple_verify(r, v->crypto, &v->issuer,
	                             v->has_leaf ? &v->leaf : NULL, v->at_ms,
	                             v->skew_ms, &out->result);
}

/* see tool.h */
size_t staple_view_index(const struct staple_verify_report *v)
{
	return v != NULL && v->result.matched ? v->result.index : 0;
}

/* see tool.h */
void staple_verdict_name(struct staple_buf *b, int verdict)
{
	const char *name = verdict == STAPLE_OK ? "ok" : staple_errname(verdict);

	for (; *name != '\0'; name++)
		staple_buf_char(b, *name >= 'A' && *name <= 'Z'
		                           ? (char)(*name - 'A' + 'a')
		                           : *name);
}
