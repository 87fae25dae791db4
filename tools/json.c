/*
 * json.c -- the one JSON writer of the tool, and the one-line objects of
 * `staple decode --json` (DESIGN section 6) and of `staple fetch --json`
 * written with it.
 *
 * Nothing else writes JSON: commands open and close objects and arrays
 * and give keys and values through staple_json_*(), which escapes every
 * string (file names are bytes, not UTF-8), puts the commas, and never
 * goes back over what it wrote, so whatever the bytes the result is
 * valid JSON.  A call that would break the structure (a value where a
 * key is due, closing what is not open) is a bug in the tool: it stops
 * the program rather than write invalid JSON.
 *
 * Layout is fixed so that golden files can compare it byte for byte:
 * keys in the order of DESIGN section 6, ", " between members, ": "
 * after keys, no trailing space, one "\n" after the outermost value.
 */
#include "tool.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
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

/* --- the writer ------------------------------------------------------------ */

/* A misuse of the writer: a bug in the tool, never the input's doing. */
static void misuse(const char *what)
{
	fprintf(stderr, "staple: internal error: JSON writer: %s\n", what);
	abort();
}

/* see tool.h */
void staple_json_init(struct staple_json *j, struct staple_buf *b)
{
	memset(j, 0, sizeof *j);
	j->b = b;
}

/* Before any value: the comma of an array, the key of an object. */
static void value_begin(struct staple_json *j)
{
	if (j->depth == 0) {
		if (j->top_done)
			misuse("a second top-level value");
		return;
	}
	if (j->array[j->depth - 1]) {
		if (j->count[j->depth - 1]++ > 0)
			staple_buf_str(j->b, ", ");
		return;
	}
	if (!j->keyed)
		misuse("a value without a key in an object");
	j->keyed = 0;
}

/* After a value: the line ends with the outermost one. */
static void value_end(struct staple_json *j)
{
	if (j->depth == 0) {
		j->top_done = 1;
		staple_buf_char(j->b, '\n');
	}
}

static void open_container(struct staple_json *j, int array)
{
	value_begin(j);
	if (j->depth == STAPLE_JSON_MAX_DEPTH)
		misuse("nested too deep");
	j->array[j->depth] = (unsigned char)array;
	j->count[j->depth] = 0;
	j->depth++;
	staple_buf_char(j->b, array ? '[' : '{');
}

/* see tool.h */
void staple_json_object(struct staple_json *j)
{
	open_container(j, 0);
}

/* see tool.h */
void staple_json_array(struct staple_json *j)
{
	open_container(j, 1);
}

/* see tool.h */
void staple_json_end(struct staple_json *j)
{
	if (j->depth == 0 || j->keyed)
		misuse(j->depth == 0 ? "nothing to close" : "a key without value");
	j->depth--;
	staple_buf_char(j->b, j->array[j->depth] ? ']' : '}');
	value_end(j);
}

/* see tool.h */
void staple_json_key(struct staple_json *j, const char *name)
{
	if (j->depth == 0 || j->array[j->depth - 1] || j->keyed)
		misuse("a key outside an object, or two in a row");
	if (j->count[j->depth - 1]++ > 0)
		staple_buf_str(j->b, ", ");
	staple_json_string(j->b, (const uint8_t *)name, strlen(name));
	staple_buf_str(j->b, ": ");
	j->keyed = 1;
}

/* see tool.h */
void staple_json_strn(struct staple_json *j, const uint8_t *p, size_t n)
{
	value_begin(j);
	staple_json_string(j->b, p, n);
	value_end(j);
}

/* see tool.h */
void staple_json_str(struct staple_json *j, const char *s)
{
	staple_json_strn(j, (const uint8_t *)s, strlen(s));
}

/* see tool.h */
void staple_json_hex(struct staple_json *j, struct staple_slice s)
{
	value_begin(j);
	staple_buf_char(j->b, '"');
	staple_buf_hex(j->b, s.p, s.n);
	staple_buf_char(j->b, '"');
	value_end(j);
}

/* see tool.h */
void staple_json_int(struct staple_json *j, int64_t v)
{
	value_begin(j);
	staple_buf_printf(j->b, "%" PRId64, v);
	value_end(j);
}

/* see tool.h */
void staple_json_bool(struct staple_json *j, int v)
{
	value_begin(j);
	staple_buf_str(j->b, v ? "true" : "false");
	value_end(j);
}

/* see tool.h */
void staple_json_null(struct staple_json *j)
{
	value_begin(j);
	staple_buf_str(j->b, "null");
	value_end(j);
}

/* "key": "string" and the like, the members most objects are made of. */
static void member_str(struct staple_json *j, const char *name,
                       const char *value)
{
	staple_json_key(j, name);
	staple_json_str(j, value);
}

static void member_int(struct staple_json *j, const char *name, int64_t v)
{
	staple_json_key(j, name);
	staple_json_int(j, v);
}

static void member_hex(struct staple_json *j, const char *name,
                       struct staple_slice s)
{
	staple_json_key(j, name);
	staple_json_hex(j, s);
}

/* A string built in a buffer, as a member; frees the buffer. */
static void member_buf(struct staple_json *j, const char *name,
                       struct staple_buf *value)
{
	staple_json_key(j, name);
	staple_json_strn(j, (const uint8_t *)value->p, value->n);
	staple_buf_free(value);
}

/* --- extensions ------------------------------------------------------------ */

/* "error": {"code", "message"}: a known extnValue its decoder refused. */
static void ext_error_member(struct staple_json *j, int err)
{
	staple_json_key(j, "error");
	staple_json_object(j);
	member_str(j, "code", staple_errname(err));
	member_str(j, "message", staple_strerror(err));
	staple_json_end(j);
}

/* A dotted OID as a JSON string. */
static void oid_value(struct staple_json *j, struct staple_slice oid)
{
	struct staple_buf d = {NULL, 0, 0};

	staple_oid_format(&d, oid);
	staple_json_strn(j, (const uint8_t *)d.p, d.n);
	staple_buf_free(&d);
}

static int nonce_value(struct staple_json *j, struct staple_slice value)
{
	struct staple_slice nonce;
	enum staple_nonce_form form;
	int err = staple_ext_nonce(value, &nonce, &form);

	if (err != STAPLE_OK)
		return err;
	staple_json_key(j, "value");
	staple_json_object(j);
	member_hex(j, "hex", nonce);
	member_str(j, "form", form == STAPLE_NONCE_OCTET_STRING
	                              ? "octet_string" : "raw");
	staple_json_end(j);
	return STAPLE_OK;
}

static int crl_id_value(struct staple_json *j, struct staple_slice value)
{
	struct staple_crl_id c;
	int err = staple_ext_crl_id(value, &c);

	if (err != STAPLE_OK)
		return err;
	staple_json_key(j, "value");
	staple_json_object(j);
	if (c.has_url) {
		staple_json_key(j, "url");
		staple_json_strn(j, c.url.p, c.url.n);
	}
	if (c.has_number)
		member_hex(j, "number", c.number);
	if (c.has_time)
		member_int(j, "time", c.time);
	staple_json_end(j);
	return STAPLE_OK;
}

/* archive_cutoff and invalidity_date: {"time": ms} */
static int time_value(struct staple_json *j, int err, int64_t ms)
{
	if (err != STAPLE_OK)
		return err;
	staple_json_key(j, "value");
	staple_json_object(j);
	member_int(j, "time", ms);
	staple_json_end(j);
	return STAPLE_OK;
}

static int acceptable_value(struct staple_json *j, struct staple_slice value)
{
	struct staple_slice list, oid;
	size_t count;
	int err = staple_ext_acceptable_responses(value, &list, &count);

	if (err != STAPLE_OK)
		return err;
	staple_json_key(j, "value");
	staple_json_object(j);
	staple_json_key(j, "oids");
	staple_json_array(j);
	while (staple_ext_oid_next(&list, &oid) == STAPLE_OK)
		oid_value(j, oid);
	staple_json_end(j);
	staple_json_end(j);
	return STAPLE_OK;
}

static int locator_value(struct staple_json *j, struct staple_slice value)
{
	struct staple_service_locator sl;
	struct staple_buf name = {NULL, 0, 0};
	int err = staple_ext_service_locator(value, &sl);

	if (err != STAPLE_OK)
		return err;
	staple_responder_name_format(&name, sl.issuer);
	staple_json_key(j, "value");
	staple_json_object(j);
	member_buf(j, "issuer", &name);
	member_hex(j, "locator", sl.locator);
	staple_json_end(j);
	return STAPLE_OK;
}

static void sct_object(struct staple_json *j, const struct staple_sct *s)
{
	staple_json_object(j);
	member_int(j, "version", (int64_t)s->version);
	if (s->version == 0) {
		member_hex(j, "log_id", s->log_id);
		/* above INT64_MAX is no time a log wrote: shown as is, capped */
		member_int(j, "timestamp", s->timestamp > (uint64_t)INT64_MAX
		                                   ? INT64_MAX
		                                   : (int64_t)s->timestamp);
		struct staple_buf alg = {NULL, 0, 0};
		staple_tls_hash_format(&alg, s->hash_alg);
		member_buf(j, "hash_algorithm", &alg);
		staple_tls_sig_format(&alg, s->sig_alg);
		member_buf(j, "signature_algorithm", &alg);
		member_hex(j, "signature", s->signature);
	} else {
		member_hex(j, "hex", s->whole);
	}
	staple_json_end(j);
}

static int sct_list_value(struct staple_json *j, struct staple_slice value)
{
	struct staple_sct_iter it;
	struct staple_sct sct;
	int err = staple_ext_sct_list(value, &it, NULL);

	if (err != STAPLE_OK)
		return err;
	staple_json_key(j, "value");
	staple_json_object(j);
	staple_json_key(j, "scts");
	staple_json_array(j);
	while (staple_sct_next(&it, &sct) == STAPLE_OK)
		sct_object(j, &sct);
	staple_json_end(j);
	staple_json_end(j);
	return STAPLE_OK;
}

/* "value" for the kinds with a decoder; returns that decoder's error. */
static int ext_value(struct staple_json *j, const struct staple_ext *e)
{
	int64_t ms = 0;
	int err;

	switch (e->kind) {
	case STAPLE_EXT_NONCE:
		return nonce_value(j, e->value);
	case STAPLE_EXT_CRL_ID:
		return crl_id_value(j, e->value);
	case STAPLE_EXT_ARCHIVE_CUTOFF:
		err = staple_ext_archive_cutoff(e->value, &ms);
		return time_value(j, err, ms);
	case STAPLE_EXT_INVALIDITY_DATE:
		err = staple_ext_invalidity_date(e->value, &ms);
		return time_value(j, err, ms);
	case STAPLE_EXT_ACCEPTABLE_RESPONSES:
		return acceptable_value(j, e->value);
	case STAPLE_EXT_SERVICE_LOCATOR:
		return locator_value(j, e->value);
	case STAPLE_EXT_SCT_LIST:
		return sct_list_value(j, e->value);
	default: /* unknown, or extended revoke (no value to decode) */
		return STAPLE_OK;
	}
}

/*
 * "extensions": [{"oid", "name", "critical", "understood", "hex",
 * "value" or "error"}], present always ([] when there are none).
 */
static int extensions_member(struct staple_json *j, struct staple_slice list,
                             int place)
{
	struct staple_ext_iter it;
	struct staple_ext e;
	int err;

	staple_json_key(j, "extensions");
	staple_json_array(j);
	staple_ext_iter_init(&it, list, place);
	while ((err = staple_ext_next(&it, &e)) == STAPLE_OK) {
		staple_json_object(j);
		staple_json_key(j, "oid");
		oid_value(j, e.oid);
		member_str(j, "name", staple_ext_kind_name((int)e.kind));
		staple_json_key(j, "critical");
		staple_json_bool(j, e.critical);
		staple_json_key(j, "understood");
		staple_json_bool(j, e.understood);
		member_hex(j, "hex", e.value);
		err = ext_value(j, &e);
		if (err != STAPLE_OK) /* the response decoded; only this did not */
			ext_error_member(j, err);
		staple_json_end(j);
	}
	if (err != STAPLE_ERR_END)
		return err; /* not for a list staple_decode() accepted */
	staple_json_end(j);
	return STAPLE_OK;
}

/* --- the objects ------------------------------------------------------------ */

/* {"status", "revocation_reason", "produced_at", ... "revoked_at"} */
static void ocsp_object(struct staple_json *j, const struct staple_ocsp *o)
{
	staple_json_object(j);
	member_str(j, "status", staple_ocsp_status_name((int)o->status));
	member_str(j, "revocation_reason",
	           staple_ocsp_reason_name((int)o->revocation_reason));
	member_int(j, "produced_at", o->produced_at);
	member_int(j, "this_update", o->this_update);
	member_int(j, "next_update", o->next_update);
	member_int(j, "revoked_at", o->revoked_at);
	staple_json_end(j);
}

/*
 * "ocsp": the k6 view of entry `index` (the matched one when verifying,
 * else the first), null when there is no entry.
 */
static int ocsp_member(struct staple_json *j, const struct staple_response *r,
                       size_t index)
{
	struct staple_ocsp o;
	int err = staple_ocsp_view(r, index, &o);

	if (err == STAPLE_ERR_RANGE &&
	    r->status == STAPLE_RESPONSE_SUCCESSFUL && r->n_single == 0) {
		staple_json_key(j, "ocsp");
		staple_json_null(j);
		return STAPLE_OK;
	}
	if (err != STAPLE_OK)
		return err;
	staple_json_key(j, "ocsp");
	ocsp_object(j, &o);
	return STAPLE_OK;
}

/*
 * One SingleResponse.  revocation_reason follows the k6 object's rule
 * (DESIGN section 2): a revoked entry without an encoded CRLReason reads
 * "unspecified", as RFC 5280 5.3.1 says an absent reason means; any other
 * status reads "".
 */
static int single_object(struct staple_json *j, const struct staple_single *s)
{
	int err;
	struct staple_buf hash = {NULL, 0, 0};
	int reason = (int)s->reason;

	if (s->cert_status == STAPLE_OCSP_STATUS_REVOKED &&
	    s->reason == STAPLE_OCSP_REASON_NONE)
		reason = STAPLE_OCSP_REASON_UNSPECIFIED;

	staple_hash_format(&hash, s);
	staple_json_object(j);
	member_buf(j, "hash_algorithm", &hash);
	member_hex(j, "issuer_name_hash", s->issuer_name_hash);
	member_hex(j, "issuer_key_hash", s->issuer_key_hash);
	member_hex(j, "serial_number", s->serial);
	member_str(j, "status", staple_ocsp_status_name((int)s->cert_status));
	member_str(j, "revocation_reason", staple_ocsp_reason_name(reason));
	member_int(j, "revoked_at", s->revoked_at);
	member_int(j, "this_update", s->this_update);
	member_int(j, "next_update", s->next_update);
	err = extensions_member(j, s->extensions, STAPLE_EXT_IN_SINGLE);
	if (err != STAPLE_OK)
		return err;
	staple_json_end(j);
	return STAPLE_OK;
}

static void responder_member(struct staple_json *j,
                             const struct staple_response *r)
{
	struct staple_buf name = {NULL, 0, 0};

	staple_json_key(j, "responder_id");
	switch (r->responder) {
	case STAPLE_RESPONDER_BY_KEY:
		staple_json_object(j);
		member_hex(j, "by_key", r->responder_id);
		staple_json_end(j);
		break;
	case STAPLE_RESPONDER_BY_NAME:
		staple_responder_name_format(&name, r->responder_id);
		staple_json_object(j);
		member_buf(j, "by_name", &name);
		staple_json_end(j);
		break;
	default: /* not after a successful decode */
		staple_json_null(j);
		break;
	}
}

static int responses_member(struct staple_json *j,
                            const struct staple_response *r)
{
	size_t i;

	staple_json_key(j, "responses");
	staple_json_array(j);
	for (i = 0; i < r->n_single; i++) {
		struct staple_single s;
		int err = staple_single_at(r, i, &s);
		if (err != STAPLE_OK)
			return err;
		err = single_object(j, &s);
		if (err != STAPLE_OK)
			return err;
	}
	staple_json_end(j);
	return STAPLE_OK;
}

/* "leniencies": [NAME, ...] (staple_leniency_name), [] when none. */
static void leniencies_member(struct staple_json *j, unsigned bits)
{
	const char *name;
	char spare[16];
	size_t k;

	staple_json_key(j, "leniencies");
	staple_json_array(j);
	for (k = 0; (name = staple_leniency_name(bits, k, spare)) != NULL; k++)
		staple_json_str(j, name);
	staple_json_end(j);
}

/*
 * "verify": {"result", "message", "backend", "at", "skew", "signer",
 * "index", "must_staple"}; signer and index are null until found.
 */
static void verify_member(struct staple_json *j,
                          const struct staple_verify_report *v)
{
	const struct staple_verify_result *res = &v->result;
	struct staple_buf verdict = {NULL, 0, 0};

	staple_json_key(j, "verify");
	staple_json_object(j);
	staple_verdict_name(&verdict, v->verdict);
	member_buf(j, "result", &verdict);
	member_str(j, "message",
	           v->verdict == STAPLE_OK ? "verified"
	                                   : staple_strerror(v->verdict));
	member_str(j, "backend", v->setup->crypto->name);
	member_int(j, "at", v->setup->at_ms);
	member_int(j, "skew", v->setup->skew_ms / 1000);
	staple_json_key(j, "signer");
	if (res->signer != STAPLE_SIGNER_NONE)
		staple_json_str(j, staple_signer_name((int)res->signer));
	else
		staple_json_null(j);
	staple_json_key(j, "index");
	if (res->matched)
		staple_json_int(j, (int64_t)res->index);
	else
		staple_json_null(j);
	staple_json_key(j, "must_staple");
	staple_json_bool(j, res->must_staple);
	staple_json_end(j);
}

/*
 * "certificates": [{...}, ...], one object per certs entry
 * (staple_json_cert); one that does not decode is {"error": {"code",
 * "message"}}.  [] when there are none.
 */
static void certificates_member(struct staple_json *j,
                                const struct staple_response *r)
{
	size_t i;

	staple_json_key(j, "certificates");
	staple_json_array(j);
	for (i = 0; i < r->n_certs; i++) {
		struct staple_cert c;
		int err = staple_cert_nth(r, i, &c);

		if (err == STAPLE_OK) {
			staple_json_cert(j, &c, staple_cert_is_responder(r, &c));
			continue;
		}
		staple_json_object(j);
		staple_json_error_member(j, staple_errname(err),
		                         staple_strerror(err), NULL, NULL);
		staple_json_end(j);
	}
	staple_json_end(j);
}

/* see tool.h */
int staple_json_response_members(struct staple_json *j,
                                 const struct staple_response *r,
                                 const struct staple_verify_report *v)
{
	struct staple_buf alg = {NULL, 0, 0};
	int err;

	err = ocsp_member(j, r, staple_view_index(v));
	if (err != STAPLE_OK)
		return err;
	member_str(j, "response_status",
	           staple_response_status_name((int)r->status));
	if (r->status != STAPLE_RESPONSE_SUCCESSFUL) {
		if (v != NULL)
			verify_member(j, v);
		return STAPLE_OK;
	}
	member_int(j, "version", r->version);
	member_int(j, "produced_at", r->produced_at);
	responder_member(j, r);
	err = responses_member(j, r);
	if (err != STAPLE_OK)
		return err;
	staple_sigalg_format(&alg, r->sig_oid);
	member_buf(j, "signature_algorithm", &alg);
	member_int(j, "certs", (int64_t)r->n_certs);
	certificates_member(j, r);
	err = extensions_member(j, r->extensions, STAPLE_EXT_IN_RESPONSE);
	if (err != STAPLE_OK)
		return err;
	staple_json_key(j, "nonce");
	if (r->nonce.p != NULL)
		staple_json_hex(j, r->nonce);
	else
		staple_json_null(j);
	leniencies_member(j, r->leniencies);
	member_int(j, "unknown_critical_extensions",
	           (int64_t)r->unknown_critical);
	if (v != NULL)
		verify_member(j, v);
	return STAPLE_OK;
}

/* see tool.h */
int staple_json_response(struct staple_buf *b, const char *file,
                         const struct staple_response *r,
                         const struct staple_verify_report *v)
{
	struct staple_json j;
	int err;

	staple_json_init(&j, b);
	staple_json_object(&j);
	member_str(&j, "file", file);
	err = staple_json_response_members(&j, r, v);
	if (err != STAPLE_OK)
		return err;
	staple_json_end(&j);
	return STAPLE_OK;
}

/* see tool.h */
void staple_json_error_member(struct staple_json *j, const char *code,
                              const char *message, const char *hint,
                              const size_t *offset)
{
	staple_json_key(j, "error");
	staple_json_object(j);
	member_str(j, "code", code);
	if (hint != NULL && hint[0] != '\0') {
		/* what the input seems to be, as text mode shows it */
		struct staple_buf m = {NULL, 0, 0};
		staple_buf_printf(&m, "%s (%s)", message, hint);
		member_buf(j, "message", &m);
	} else {
		member_str(j, "message", message);
	}
	if (offset != NULL)
		member_int(j, "offset", (int64_t)*offset);
	staple_json_end(j);
}

/* see tool.h */
void staple_json_problem(struct staple_buf *b, const char *file,
                         const struct staple_problem *pb)
{
	struct staple_json j;

	staple_json_init(&j, b);
	staple_json_object(&j);
	member_str(&j, "file", file);
	staple_json_error_member(&j, pb->code, pb->message, pb->hint,
	                         &pb->offset);
	staple_json_end(&j);
}

/* --- fetch ------------------------------------------------------------------ */

/* see tool.h */
void staple_json_fetch_connection(struct staple_json *j,
                                  const struct staple_fetch_report *f)
{
	struct staple_buf suite = {NULL, 0, 0};

	member_str(j, "server", f->label);
	staple_json_key(j, "tls");
	staple_json_object(j);
	member_str(j, "backend", f->backend);
	member_str(j, "version", staple_tls_version_name(f->version));
	staple_cipher_suite_format(&suite, f->cipher_suite);
	member_buf(j, "cipher_suite", &suite);
	member_int(j, "chain_length", (int64_t)f->chain_length);
	staple_json_key(j, "stapled");
	staple_json_bool(j, f->stapled);
	member_str(j, "status_request", f->status_request);
	staple_json_end(j);
	staple_json_key(j, "leaf");
	if (f->leaf != NULL) {
		staple_json_cert(j, f->leaf, -1);
	} else if (f->leaf_err != 0) {
		staple_json_object(j);
		staple_json_error_member(j, staple_errname(f->leaf_err),
		                         staple_strerror(f->leaf_err), NULL,
		                         NULL);
		staple_json_end(j);
	} else {
		staple_json_null(j); /* the server sent no certificate */
	}
	staple_json_key(j, "must_staple");
	staple_json_bool(j, f->must_staple);
}

/* see tool.h */
void staple_json_fetch_trust(struct staple_json *j,
                             const struct staple_fetch_report *f)
{
	staple_json_key(j, "chain_trusted");
	staple_json_bool(j, f->trusted);
	if (!f->trusted)
		member_str(j, "chain_error",
		           f->untrusted != NULL ? f->untrusted : "");
}

/* see tool.h */
void staple_json_fetch_failed(struct staple_json *j, const char *result,
                              const char *message)
{
	staple_json_key(j, "verify");
	staple_json_object(j);
	member_str(j, "result", result);
	member_str(j, "message", message);
	staple_json_end(j);
}

/* ==== staple check: the object of a target =============================== */

/* see tool.h */
void staple_json_check_head(struct staple_json *j,
                            const struct staple_check_report *rep)
{
	member_str(j, "target", rep->target);
	member_str(j, "kind", rep->server ? "server" : "file");
	member_str(j, "status", staple_check_status_name(rep->status));
	member_int(j, "exit", rep->status);
	member_str(j, "reason", rep->reason);
	member_str(j, "message", rep->message);
}

/* see tool.h */
void staple_json_check_tail(struct staple_json *j,
                            const struct staple_check_report *rep)
{
	staple_json_key(j, "check");
	staple_json_object(j);
	member_int(j, "at", rep->at_ms);
	member_int(j, "warn", rep->warn_ms);
	member_int(j, "critical", rep->critical_ms);
	staple_json_key(j, "next_update_in");
	if (rep->decoded && rep->has_entry && rep->has_next_update)
		staple_json_int(j, rep->next_update - rep->at_ms);
	else
		staple_json_null(j);
	staple_json_key(j, "verified");
	staple_json_bool(j, rep->verified);
	staple_json_end(j);
	staple_json_key(j, "timings");
	staple_json_object(j);
	member_int(j, "total_us", rep->duration_us);
	staple_json_key(j, "handshake_us");
	if (rep->has_handshake)
		staple_json_int(j, rep->handshake_us);
	else
		staple_json_null(j);
	staple_json_end(j);
}
