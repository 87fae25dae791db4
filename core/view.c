/* view.c -- k6's res.ocsp object and the names it uses. */
#include "staple.h"

#include <string.h>

static const char *const status_names[] = {
	[STAPLE_OCSP_STATUS_UNKNOWN] = "unknown",
	[STAPLE_OCSP_STATUS_GOOD] = "good",
	[STAPLE_OCSP_STATUS_REVOKED] = "revoked",
	[STAPLE_OCSP_STATUS_SERVER_FAILED] = "server_failed",
};

/* Indexed by CRLReason; 7 is not used (RFC 5280 5.3.1). */
static const char *const reason_names[] = {
	"unspecified", "key_compromise", "ca_compromise",
	"affiliation_changed", "superseded", "cessation_of_operation",
	"certificate_hold", "", "remove_from_crl", "privilege_withdrawn",
	"aa_compromise",
};

static const char *const response_status_names[] = {
	"successful", "malformed_request", "internal_error", "try_later",
	"", "sig_required", "unauthorized",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* see staple.h */
const char *staple_ocsp_status_name(int status)
{
	if (status < 0 || (size_t)status >= COUNT(status_names))
		return "";
	return status_names[status];
}

/* see staple.h */
const char *staple_ocsp_reason_name(int reason)
{
	if (reason < 0 || (size_t)reason >= COUNT(reason_names))
		return "";
	return reason_names[reason];
}

/* see staple.h */
const char *staple_response_status_name(int status)
{
	if (status < 0 || (size_t)status >= COUNT(response_status_names))
		return "";
	return response_status_names[status];
}

static void ocsp_reset(struct staple_ocsp *out)
{
	memset(out, 0, sizeof *out);
	out->status = STAPLE_OCSP_STATUS_UNKNOWN;
	out->revocation_reason = STAPLE_OCSP_REASON_NONE;
}

/* see staple.h */
int staple_ocsp_view(const struct staple_response *r, size_t index,
                     struct staple_ocsp *out)
{
	struct staple_single s;
	int err;

	if (out == NULL)
		return STAPLE_ERR_ARGUMENT;
	ocsp_reset(out);
	if (r == NULL || r->status == STAPLE_RESPONSE_NONE)
		return STAPLE_ERR_ARGUMENT;
	if (r->status != STAPLE_RESPONSE_SUCCESSFUL) {
		out->status = STAPLE_OCSP_STATUS_SERVER_FAILED;
		return STAPLE_OK;
	}
	err = staple_single_at(r, index, &s);
	if (err != STAPLE_OK)
		return err;
	out->status = s.cert_status;
	out->produced_at = r->produced_at;
	out->this_update = s.this_update;
	out->next_update = s.has_next_update ? s.next_update : 0;
	if (s.cert_status == STAPLE_OCSP_STATUS_REVOKED) {
		out->revoked_at = s.revoked_at;
		out->revocation_reason = s.reason == STAPLE_OCSP_REASON_NONE
		                                 ? STAPLE_OCSP_REASON_UNSPECIFIED
		                                 : s.reason;
	}
	return STAPLE_OK;
}
