/*
 * prom.c -- `staple check --format prometheus`: the Prometheus text
 * exposition format, version 0.0.4, through a writer that cannot emit
 * an invalid exposition (see tool.h), and the check's families.
 *
 * The format (prometheus/docs, "Exposition formats"):
 *
 *   # HELP name text            text: \\ and \n escaped
 *   # TYPE name gauge
 *   name{label="value",...} value
 *
 * metric names [a-zA-Z_:][a-zA-Z0-9_:]*, label names [a-zA-Z_][a-zA-Z0-9_]*
 * (not starting "__", which is reserved), label values UTF-8 with \\, \"
 * and \n escaped; all lines of one family together, HELP and TYPE once
 * before them.  No timestamps: node_exporter's textfile collector
 * refuses them.  Values are written from integers with a decimal point
 * placed by hand, so no locale or float rounding can change them.
 */
#include "tool.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A misuse of the writer: a bug in the tool, never the input's doing. */
static void misuse(const char *what, const char *name)
{
	fprintf(stderr, "staple: internal error: Prometheus writer: %s: %s\n",
	        what, name != NULL ? name : "(null)");
	abort();
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* [a-zA-Z_:][a-zA-Z0-9_:]*, or without ':' for a label name. */
static int valid_name(const char *s, int colon)
{
	size_t i;

	if (s == NULL || s[0] == '\0')
		return 0;
	for (i = 0; s[i] != '\0'; i++) {
		char c = s[i];
		if (!(is_alpha(c) || (colon && c == ':') ||
		      (i > 0 && is_digit(c))))
			return 0;
	}
	return 1;
}

/* see tool.h */
void staple_prom_init(struct staple_prom *p, struct staple_buf *b)
{
	memset(p, 0, sizeof *p);
	p->b = b;
}

/* HELP text: \\ and \n escaped; other controls and bad UTF-8 as U+FFFD. */
static void text_escaped(struct staple_buf *b, const char *s, int quoted)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0, n = strlen(s);

	while (i < n) {
		uint32_t cp;
		size_t len = staple_utf8_next(p + i, n - i, &cp);

		if (len == 0) {
			staple_buf_utf8(b, 0xfffd);
			len = 1;
		} else if (cp == '\\') {
			staple_buf_str(b, "\\\\");
		} else if (cp == '\n') {
			staple_buf_str(b, "\\n");
		} else if (cp == '"' && quoted) {
			staple_buf_str(b, "\\\"");
		} else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
			staple_buf_utf8(b, 0xfffd);
		} else {
			staple_buf_add(b, p + i, len);
		}
		i += len;
	}
}

/* see tool.h */
void staple_prom_family(struct staple_prom *p, const char *name,
                        const char *type, const char *help)
{
	size_t i;

	if (!valid_name(name, 1))
		misuse("not a metric name", name);
	if (type == NULL || (strcmp(type, "gauge") != 0 &&
	                     strcmp(type, "counter") != 0 &&
	                     strcmp(type, "untyped") != 0))
		misuse("not a type this writer knows", type);
	for (i = 0; i < p->n_seen; i++)
		if (strcmp(p->seen[i], name) == 0)
			misuse("a family written twice", name);
	if (p->n_seen == STAPLE_PROM_MAX_FAMILIES)
		misuse("too many families", name);
	p->seen[p->n_seen++] = name;
	p->family = name;
	staple_buf_printf(p->b, "# HELP %s ", name);
	text_escaped(p->b, help, 0);
	staple_buf_printf(p->b, "\n# TYPE %s %s\n", name, type);
}

/* see tool.h */
void staple_prom_sample(struct staple_prom *p,
                        const struct staple_prom_label *labels, size_t n,
                        int64_t v, unsigned decimals)
{
	uint64_t mag, scale = 1;
	unsigned d;
	size_t i, k;

	if (p->family == NULL)
		misuse("a sample before its family", "");
	if (decimals > 9)
		misuse("more than 9 decimals", p->family);
	staple_buf_str(p->b, p->family);
	for (i = 0; i < n; i++) {
		if (!valid_name(labels[i].name, 0) ||
		    strncmp(labels[i].name, "__", 2) == 0)
			misuse("not a label name", labels[i].name);
		for (k = 0; k < i; k++)
			if (strcmp(labels[k].name, labels[i].name) == 0)
				misuse("a label given twice", labels[i].name);
		staple_buf_str(p->b, i == 0 ? "{" : ",");
		staple_buf_printf(p->b, "%s=\"", labels[i].name);
		text_escaped(p->b, labels[i].value, 1);
		staple_buf_char(p->b, '"');
	}
	if (n > 0)
		staple_buf_char(p->b, '}');
	staple_buf_char(p->b, ' ');
	/* |v| without overflow at INT64_MIN */
	mag = v < 0 ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v;
	if (v < 0)
		staple_buf_char(p->b, '-');
	for (d = 0; d < decimals; d++)
		scale *= 10;
	staple_buf_printf(p->b, "%" PRIu64, mag / scale);
	if (mag % scale != 0) {
		char frac[16];
		int len = snprintf(frac, sizeof frac, "%0*" PRIu64,
		                   (int)decimals, mag % scale);
		while (len > 0 && frac[len - 1] == '0')
			frac[--len] = '\0';
		staple_buf_printf(p->b, ".%s", frac);
	}
	staple_buf_char(p->b, '\n');
}

/* ---- the check's families ------------------------------------------------ */

/* Which targets a family has a sample for, and its value. */
typedef int (*has_fn)(const struct staple_check_report *r);

static int has_decoded(const struct staple_check_report *r)
{
	return r->decoded;
}

static int has_successful(const struct staple_check_report *r)
{
	return r->decoded && r->response_status == STAPLE_RESPONSE_SUCCESSFUL;
}

static int has_entry(const struct staple_check_report *r)
{
	return r->decoded && r->has_entry;
}

static int has_next(const struct staple_check_report *r)
{
	return has_entry(r) && r->has_next_update;
}

static int has_revoked(const struct staple_check_report *r)
{
	return has_entry(r) && r->cert_status == STAPLE_OCSP_STATUS_REVOKED;
}

static int has_handshake(const struct staple_check_report *r)
{
	return r->has_handshake;
}

static int always(const struct staple_check_report *r)
{
	(void)r;
	return 1;
}

/* One family: every target that has it, in target order. */
static void family(struct staple_prom *p,
                   const struct staple_check_report *reps, size_t n, const char *name, const char *help, has_fn has,
                   int64_t (*value)(const struct staple_check_report *r),
                   unsigned decimals)
{
	size_t i, any = 0;

	for (i = 0; i < n; i++)
		any += has(&reps[i]) != 0;
	if (any == 0)
		return; /* no HELP for a family without samples */
	staple_prom_family(p, name, "gauge", help);
	for (i = 0; i < n; i++) {
		struct staple_prom_label l = {"target", reps[i].target};
		if (has(&reps[i]))
			staple_prom_sample(p, &l, 1, value(&reps[i]), decimals);
	}
}

static int64_t v_probed(const struct staple_check_report *r)
{
	return r->status != STAPLE_CHECK_UNKNOWN;
}
static int64_t v_stapled(const struct staple_check_report *r)
{
	return r->stapled;
}
static int64_t v_response_status(const struct staple_check_report *r)
{
	return r->response_status;
}
/* ssl_exporter's ssl_ocsp_response_status numbers, not the enum's */
static int64_t v_cert_status(const struct staple_check_report *r)
{
	switch (r->cert_status) {
	case STAPLE_OCSP_STATUS_GOOD: return 0;
	case STAPLE_OCSP_STATUS_REVOKED: return 1;
	default: return 2;
	}
}
static int64_t v_verified(const struct staple_check_report *r)
{
	return r->verified;
}
static int64_t v_produced_at(const struct staple_check_report *r)
{
	return r->produced_at;
}
static int64_t v_this_update(const struct staple_check_report *r)
{
	return r->this_update;
}
static int64_t v_next_update(const struct staple_check_report *r)
{
	return r->next_update;
}
static int64_t v_revoked_at(const struct staple_check_report *r)
{
	return r->revoked_at;
}
static int64_t v_duration(const struct staple_check_report *r)
{
	return r->duration_us;
}
static int64_t v_handshake(const struct staple_check_report *r)
{
	return r->handshake_us;
}

/* see tool.h */
void staple_prom_check(struct staple_buf *b,
                       const struct staple_check_report *reps, size_t n)
{
	struct staple_prom p;
	size_t i;

	staple_prom_init(&p, b);
	family(&p, reps, n, "staple_probe_success",
	       "1 when the target could be checked (a status other than "
	       "UNKNOWN), else 0",
	       always, v_probed, 0);
	staple_prom_family(&p, "staple_check_status", "gauge",
	                   "The verdict: 0 OK, 1 WARNING, 2 CRITICAL, "
	                   "3 UNKNOWN (Nagios plugin guidelines); the label "
	                   "reason says why");
	for (i = 0; i < n; i++) {
		struct staple_prom_label l[2] = {{"target", reps[i].target},
		                                 {"reason", reps[i].reason}};
		staple_prom_sample(&p, l, 2, reps[i].status, 0);
	}
	family(&p, reps, n, "staple_ocsp_stapled",
	       "1 when the server stapled a response (a file: 1 when read)",
	       always, v_stapled, 0);
	family(&p, reps, n, "staple_ocsp_response_status",
	       "OCSPResponseStatus of the staple: 0 successful, "
	       "1 malformedRequest, 2 internalError, 3 tryLater, "
	       "5 sigRequired, 6 unauthorized",
	       has_decoded, v_response_status, 0);
	family(&p, reps, n, "staple_ocsp_cert_status",
	       "certStatus of the entry judged: 0 good, 1 revoked, 2 unknown",
	       has_entry, v_cert_status, 0);
	family(&p, reps, n, "staple_ocsp_verified",
	       "1 when the staple's signature and CertID verified against "
	       "the issuer",
	       has_successful, v_verified, 0);
	family(&p, reps, n, "staple_ocsp_produced_at_seconds",
	       "producedAt, seconds since the epoch", has_successful,
	       v_produced_at, 3);
	family(&p, reps, n, "staple_ocsp_this_update_seconds",
	       "thisUpdate of the entry judged, seconds since the epoch",
	       has_entry, v_this_update, 3);
	family(&p, reps, n, "staple_ocsp_next_update_seconds",
	       "nextUpdate of the entry judged, seconds since the epoch",
	       has_next, v_next_update, 3);
	family(&p, reps, n, "staple_ocsp_revoked_at_seconds",
	       "revocationTime of a revoked entry, seconds since the epoch",
	       has_revoked, v_revoked_at, 3);
	family(&p, reps, n, "staple_probe_duration_seconds",
	       "How long the check of the target took", always, v_duration,
	       6);
	family(&p, reps, n, "staple_probe_handshake_seconds",
	       "How long the TCP connection and TLS handshake took",
	       has_handshake, v_handshake, 6);
}
