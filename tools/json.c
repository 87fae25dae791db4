/*
 * json.c -- the one-line JSON object of `staple decode --json`
 * (DESIGN section 6), and a JSON string writer that cannot produce
 * invalid JSON whatever the bytes (file names are bytes, not UTF-8).
 *
 * Layout is fixed so that golden files can compare it byte for byte:
 * keys in the order of DESIGN section 6, ", " between members, ": "
 * after keys, no trailing space, one "\n" at the end.
 */
#include "tool.h"

#include <inttypes.h>
#include <string.h>

/* see tool.h */
void staple_json_string(struct staple_buf *b, const uint8_t *p, size_t n)
{
	size_t i = 0;

	staple_buf_char(b, '"');
	while (i < n) {
		uint32_t cp;
		size_t len = staple_utf8_next(p + i, n - i, &cp);

		if (len == 0 || cp < 0x20) {
			/* RFC 8259 7: \u00XX for controls; bad UTF-8 too */
			staple_buf_printf(b, "\\u%04x", (unsigned)p[i]);
			len = 1;
		} else if (cp == '"' || cp == '\\') {
			staple_buf_char(b, '\\');
			staple_buf_char(b, (char)cp);
		} else {
			staple_buf_add(b, p + i, len);
		}
		i += len;
	}
	staple_buf_char(b, '"');
}

static void json_cstr(struct staple_buf *b, const char *s)
{
	staple_json_string(b, (const uint8_t *)s, strlen(s));
}

/* `, "key": ` (or without the comma for the first member). */
static void key(struct staple_buf *b, const char *name, int first)
{
	if (!first)
		staple_buf_str(b, ", ");
	staple_buf_char(b, '"');
	staple_buf_str(b, name);
	staple_buf_str(b, "\": ");
}

static void member_str(struct staple_buf *b, const char *name,
                       const char *value)
{
	key(b, name, 0);
	json_cstr(b, value);
}

static void member_int(struct staple_buf *b, const char *name, int64_t v)
{
	key(b, name, 0);
	staple_buf_printf(b, "%" PRId64, v);
}

static void member_hex(struct staple_buf *b, const char *name,
                       struct staple_slice s)
{
	key(b, name, 0);
	staple_buf_char(b, '"');
	staple_buf_hex(b, s.p, s.n);
	staple_buf_char(b, '"');
}

/* {"status", "revocation_reason", "produced_at", ... "revoked_at"} */
static void ocsp_object(struct staple_buf *b, const struct staple_ocsp *o)
{
	staple_buf_char(b, '{');
	key(b, "status", 1);
	json_cstr(b, staple_ocsp_status_name((int)o->status));
	member_str(b, "revocation_reason",
	           staple_ocsp_reason_name((int)o->revocation_reason));
	member_int(b, "produced_at", o->produced_at);
	member_int(b, "this_update", o->this_update);
	member_int(b, "next_update", o->next_update);
	member_int(b, "revoked_at", o->revoked_at);
	staple_buf_char(b, '}');
}

/*
 * "ocsp": the k6 view of entry `index` (the matched one when verifying,
 * else the first), null when there is no entry.
 */
static int ocsp_member(struct staple_buf *b, const struct staple_response *r,
                       size_t index)
{
	struct staple_ocsp o;
	int err = staple_ocsp_view(r, index, &o);

	key(b, "ocsp", 0);
	if (err == STAPLE_ERR_RANGE &&
	    r->status == STAPLE_RESPONSE_SUCCESSFUL && r->n_single == 0) {
		staple_buf_str(b, "null");
		return STAPLE_OK;
	}
	if (err != STAPLE_OK)
		return err;
	ocsp_object(b, &o);
	return STAPLE_OK;
}

/*
 * One SingleResponse.  revocation_reason follows the k6 object's rule
 * (DESIGN section 2): a revoked entry without an encoded CRLReason reads
 * "unspecified", as RFC 5280 5.3.1 says an absent reason means; any other
 * status reads "".
 */
static void single_object(struct staple_buf *b, const struct staple_single *s)
{
	struct staple_buf hash = {NULL, 0, 0};
	int reason = (int)s->reason;

	if (s->cert_status == STAPLE_OCSP_STATUS_REVOKED &&
	    s->reason == STAPLE_OCSP_REASON_NONE)
		reason = STAPLE_OCSP_REASON_UNSPECIFIED;

	staple_hash_format(&hash, s);
	staple_buf_char(b, '{');
	key(b, "hash_algorithm", 1);
	staple_json_string(b, (const uint8_t *)hash.p, hash.n);
	staple_buf_free(&hash);
	member_hex(b, "issuer_name_hash", s->issuer_name_hash);
	member_hex(b, "issuer_key_hash", s->issuer_key_hash);
	member_hex(b, "serial_number", s->serial);
	member_str(b, "status", staple_ocsp_status_name((int)s->cert_status));
	member_str(b, "revocation_reason", staple_ocsp_reason_name(reason));
	member_int(b, "revoked_at", s->revoked_at);
	member_int(b, "this_update", s->this_update);
	member_int(b, "next_update", s->next_update);
	staple_buf_char(b, '}');
}

static void responder_member(struct staple_buf *b,
                             const struct staple_response *r)
{
	struct staple_buf name = {NULL, 0, 0};

	key(b, "responder_id", 0);
	switch (r->responder) {
	case STAPLE_RESPONDER_BY_KEY:
		staple_buf_char(b, '{');
		key(b, "by_key", 1);
		staple_buf_char(b, '"');
		staple_buf_hex(b, r->responder_id.p, r->responder_id.n);
		staple_buf_str(b, "\"}");
		break;
	case STAPLE_RESPONDER_BY_NAME:
		staple_responder_name_format(&name, r->responder_id);
		staple_buf_char(b, '{');
		key(b, "by_name", 1);
		staple_json_string(b, (const uint8_t *)name.p, name.n);
		staple_buf_char(b, '}');
		staple_buf_free(&name);
		break;
	default: /* not after a successful decode */
		staple_buf_str(b, "null");
		break;
	}
}

static int responses_member(struct staple_buf *b,
                            const struct staple_response *r)
{
	size_t i;

	key(b, "responses", 0);
	staple_buf_char(b, '[');
	for (i = 0; i < r->n_single; i++) {
		struct staple_single s;
		int err = staple_single_at(r, i, &s);
		if (err != STAPLE_OK)
			return err;
		if (i > 0)
			staple_buf_str(b, ", ");
		single_object(b, &s);
	}
	staple_buf_char(b, ']');
	return STAPLE_OK;
}

/* see tool.h */
/*
 * "verify": {"result", "message", "backend", "at", "skew", "signer",
 * "index", "must_staple"}; signer and index are null until found.
 */
static void verify_member(struct staple_buf *b,
                          const struct staple_verify_report *v)
{
	const struct staple_verify_result *res = &v->result;

	key(b, "verify", 0);
	staple_buf_char(b, '{');
	key(b, "result", 1);
	staple_buf_char(b, '"');
	staple_verdict_name(b, v->verdict);
	staple_buf_char(b, '"');
	member_str(b, "message",
	           v->verdict == STAPLE_OK ? "verified"
	                                   : staple_strerror(v->verdict));
	member_str(b, "backend", v->setup->crypto->name);
	member_int(b, "at", v->setup->at_ms);
	member_int(b, "skew", v->setup->skew_ms / 1000);
	key(b, "signer", 0);
	if (res->signer != STAPLE_SIGNER_NONE)
		json_cstr(b, staple_signer_name((int)res->signer));
	else
		staple_buf_str(b, "null");
	key(b, "index", 0);
	if (res->matched)
		staple_buf_printf(b, "%zu", res->index);
	else
		staple_buf_str(b, "null");
	key(b, "must_staple", 0);
	staple_buf_str(b, res->must_staple ? "true" : "false");
	staple_buf_char(b, '}');
}

int staple_json_response(struct staple_buf *b, const char *file,
                         const struct staple_response *r,
                         const struct staple_verify_report *v)
{
	struct staple_buf alg = {NULL, 0, 0};
	int err;

	if (file != NULL) {
		staple_buf_char(b, '{');
		key(b, "file", 1);
		json_cstr(b, file);
	}
	err = ocsp_member(b, r, staple_view_index(v));
	if (err != STAPLE_OK)
		return err;
	member_str(b, "response_status",
	           staple_response_status_name((int)r->status));
	if (r->status != STAPLE_RESPONSE_SUCCESSFUL) {
		if (v != NULL)
			verify_member(b, v);
		staple_buf_str(b, "}\n");
		return STAPLE_OK;
	}
	member_int(b, "version", r->version);
	member_int(b, "produced_at", r->produced_at);
	responder_member(b, r);
	err = responses_member(b, r);
	if (err != STAPLE_OK)
		return err;
	staple_sigalg_format(&alg, r->sig_oid);
	key(b, "signature_algorithm", 0);
	staple_json_string(b, (const uint8_t *)alg.p, alg.n);
	staple_buf_free(&alg);
	member_int(b, "certs", (int64_t)r->n_certs);
	if (v != NULL)
		verify_member(b, v);
	staple_buf_str(b, "}\n");
	return STAPLE_OK;
}

/* see tool.h */
void staple_json_problem(struct staple_buf *b, const char *file,
                         const struct staple_problem *pb)
{
	staple_buf_char(b, '{');
	key(b, "file", 1);
	json_cstr(b, file);
	key(b, "error", 0);
	staple_buf_char(b, '{');
	key(b, "code", 1);
	json_cstr(b, pb->code);
	key(b, "message", 0);
	if (pb->hint[0] != '\0') {
		/* what the input seems to be, as text mode shows it */
		struct staple_buf m = {NULL, 0, 0};
		staple_buf_printf(&m, "%s (%s)", pb->message, pb->hint);
		staple_json_string(b, (const uint8_t *)m.p, m.n);
		staple_buf_free(&m);
	} else {
		json_cstr(b, pb->message);
	}
	member_int(b, "offset", (int64_t)pb->offset);
	staple_buf_str(b, "}}\n");
}
