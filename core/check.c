/*
 * check.c -- one verdict per staple: OK, WARNING, CRITICAL (see "THE
 * CHECK" in staple.h for the rules, in the order this file applies them).
 */
#include "staple.h"
#include "verify.h"

#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const status_names[] = {
	[STAPLE_CHECK_OK] = "ok",
	[STAPLE_CHECK_WARNING] = "warning",
	[STAPLE_CHECK_CRITICAL] = "critical",
	[STAPLE_CHECK_UNKNOWN] = "unknown",
};

static const char *const reason_names[] = {
	[STAPLE_CHECK_GOOD] = "good",
	[STAPLE_CHECK_EXPIRES_SOON] = "expires_soon",
	[STAPLE_CHECK_NO_NEXT_UPDATE] = "no_next_update",
	[STAPLE_CHECK_NOT_VERIFIED] = "not_verified",
	[STAPLE_CHECK_NO_STAPLE] = "no_staple",
	[STAPLE_CHECK_MUST_STAPLE_MISSING] = "must_staple_missing",
	[STAPLE_CHECK_RESPONSE_STATUS] = "response_status",
	[STAPLE_CHECK_NO_ENTRY] = "no_entry",
	[STAPLE_CHECK_EXPIRED] = "expired",
	[STAPLE_CHECK_NOT_YET_VALID] = "not_yet_valid",
	[STAPLE_CHECK_VERIFY_FAILED] = "verify_failed",
	[STAPLE_CHECK_REVOKED] = "revoked",
	[STAPLE_CHECK_CERT_UNKNOWN] = "cert_unknown",
};

/* see staple.h */
const char *staple_check_status_name(int status)
{
	if (status < 0 || (size_t)status >= COUNT(status_names))
		return "";
	return status_names[status];
}

/* see staple.h */
const char *staple_check_reason_name(int reason)
{
	if (reason < 0 || (size_t)reason >= COUNT(reason_names))
		return "";
	return reason_names[reason];
}

static int in_range(int64_t v, int64_t lo)
{
	return v >= lo && v < STAPLE_TIME_LIMIT;
}

static int judged(struct staple_check_result *out,
                  enum staple_check_status status,
                  enum staple_check_reason reason)
{
	out->status = status;
	out->reason = reason;
	return STAPLE_OK;
}

/*
 * The entry to judge: the one verification matched, else the most
 * severe of all, the first of equals.  Returns STAPLE_OK,
 * STAPLE_ERR_RANGE when r has no entry, or staple_single_at()'s error.
 */
static int pick_entry(const struct staple_response *r,
                      const struct staple_verify_result *verified,
                      size_t *index, struct staple_single *s)
{
	struct staple_single e;
	size_t i;
	int err;

	if (verified != NULL && verified->matched) {
		*index = verified->index;
		return staple_single_at(r, *index, s);
	}
	if (r->n_single == 0)
		return STAPLE_ERR_RANGE;
	for (i = 0; i < r->n_single; i++) {
		err = staple_single_at(r, i, &e);
		if (err != STAPLE_OK)
			return err;
		if (i == 0 || staple_status_severity(e.cert_status) >
		                      staple_status_severity(s->cert_status)) {
			*index = i;
			*s = e;
		}
	}
	return STAPLE_OK;
}

/* see staple.h */
int staple_check(const struct staple_response *r, int verdict,
                 const struct staple_verify_result *verified,
                 const struct staple_check_policy *p,
                 struct staple_check_result *out)
{
	struct staple_single s;
	int err;

	if (out == NULL)
		return STAPLE_ERR_ARGUMENT;
	memset(out, 0, sizeof *out);
	out->status = STAPLE_CHECK_UNKNOWN;
	if (p == NULL || !in_range(p->skew_ms, 0) || !in_range(p->warn_ms, 0) ||
	    !in_range(p->critical_ms, 0) ||
	    !in_range(p->now_ms, -STAPLE_TIME_LIMIT + 1) ||
	    (r != NULL && r->status == STAPLE_RESPONSE_NONE))
		return STAPLE_ERR_ARGUMENT;
	out->verdict = verified != NULL ? verdict : STAPLE_OK;

	if (r == NULL) {
		if (p->must_staple)
			return judged(out, STAPLE_CHECK_CRITICAL,
			              STAPLE_CHECK_MUST_STAPLE_MISSING);
		return judged(out, p->require_staple ? STAPLE_CHECK_CRITICAL
		                                     : STAPLE_CHECK_OK,
		              STAPLE_CHECK_NO_STAPLE);
	}
	if (r->status != STAPLE_RESPONSE_SUCCESSFUL)
		return judged(out, STAPLE_CHECK_CRITICAL,
		              STAPLE_CHECK_RESPONSE_STATUS);
	err = pick_entry(r, verified, &out->index, &s);
	if (err == STAPLE_ERR_RANGE && r->n_single == 0)
		return judged(out, STAPLE_CHECK_CRITICAL, STAPLE_CHECK_NO_ENTRY);
	if (err != STAPLE_OK) { /* an r from another layout (ABI) */
		memset(out, 0, sizeof *out);
		out->status = STAPLE_CHECK_UNKNOWN;
		return STAPLE_ERR_ARGUMENT;
	}
	out->has_entry = 1;
	out->has_next_update = s.has_next_update;
	if (s.has_next_update)
		out->next_update_in = s.next_update - p->now_ms;

	if (verified != NULL && verdict == STAPLE_ERR_EXPIRED)
		return judged(out, STAPLE_CHECK_CRITICAL, STAPLE_CHECK_EXPIRED);
	if (verified != NULL && verdict == STAPLE_ERR_NOT_YET_VALID)
		return judged(out, STAPLE_CHECK_CRITICAL,
		              STAPLE_CHECK_NOT_YET_VALID);
	if (verified != NULL && verdict != STAPLE_OK)
		return judged(out, STAPLE_CHECK_CRITICAL,
		              STAPLE_CHECK_VERIFY_FAILED);
	if (s.cert_status == STAPLE_OCSP_STATUS_REVOKED)
		return judged(out, STAPLE_CHECK_CRITICAL, STAPLE_CHECK_REVOKED);
	if (s.cert_status != STAPLE_OCSP_STATUS_GOOD)
		return judged(out, STAPLE_CHECK_CRITICAL,
		              STAPLE_CHECK_CERT_UNKNOWN);
	/* the time window, for a response nobody verified */
	if (s.has_next_update && out->next_update_in < -p->skew_ms)
		return judged(out, STAPLE_CHECK_CRITICAL, STAPLE_CHECK_EXPIRED);
	if (s.this_update - p->now_ms > p->skew_ms)
		return judged(out, STAPLE_CHECK_CRITICAL,
		              STAPLE_CHECK_NOT_YET_VALID);
	if (s.has_next_update && out->next_update_in <= p->critical_ms)
		return judged(out, STAPLE_CHECK_CRITICAL,
		              STAPLE_CHECK_EXPIRES_SOON);
	if (s.has_next_update && out->next_update_in <= p->warn_ms)
		return judged(out, STAPLE_CHECK_WARNING,
		              STAPLE_CHECK_EXPIRES_SOON);
	if (!s.has_next_update)
		return judged(out, STAPLE_CHECK_WARNING,
		              STAPLE_CHECK_NO_NEXT_UPDATE);
	if (verified == NULL)
		return judged(out, STAPLE_CHECK_WARNING,
		              STAPLE_CHECK_NOT_VERIFIED);
	return judged(out, STAPLE_CHECK_OK, STAPLE_CHECK_GOOD);
}
