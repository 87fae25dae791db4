/*
 * check_response.c -- what staple.h promises about a decoded response
 * (check_response.h).
 *
 * The checks are written from the headers (staple.h, der.h), not from the
 * code they check: where a check re-derives something, it does so its own
 * way.
 */
#include "check_response.h"

#include <stdio.h>
#include <string.h>

#include "der.h"
#include "x690.h"

/* --- slices ----------------------------------------------------------------- */

/* One past the last byte of a slice that is known to be inside. */
static uintptr_t end_of(struct staple_slice s)
{
	return (uintptr_t)s.p + s.n;
}

/* a, when present, ends at or before b starts, when present. */
static void before(const char *what, struct staple_slice a,
                   struct staple_slice b)
{
	if (a.p != NULL && b.p != NULL && end_of(a) > (uintptr_t)b.p)
		fuzz_fail("%s: slices out of order or overlapping", what);
}

static int slice_is_null(struct staple_slice s)
{
	return s.p == NULL && s.n == 0;
}


/* --- equality ------------------------------------------------------------ */

/* see check_response.h */
int fuzz_single_equal(const struct staple_single *a,
                      const struct staple_single *b)
{
	return a->hash == b->hash && fuzz_slice_same(a->hash_oid, b->hash_oid) &&
	       fuzz_slice_same(a->issuer_name_hash, b->issuer_name_hash) &&
	       fuzz_slice_same(a->issuer_key_hash, b->issuer_key_hash) &&
	       fuzz_slice_same(a->serial, b->serial) &&
	       a->cert_status == b->cert_status && a->reason == b->reason &&
	       a->revoked_at == b->revoked_at &&
	       a->this_update == b->this_update &&
	       a->next_update == b->next_update &&
	       a->has_next_update == b->has_next_update &&
	       fuzz_slice_same(a->extensions, b->extensions);
}

/* see check_response.h */
int fuzz_response_equal(const struct staple_response *a,
                        const struct staple_response *b)
{
	size_t i;

	if (a->status != b->status || a->leniencies != b->leniencies ||
	    a->error_offset != b->error_offset ||
	    !fuzz_slice_same(a->tbs, b->tbs) || a->version != b->version ||
	    a->responder != b->responder ||
	    !fuzz_slice_same(a->responder_id, b->responder_id) ||
	    a->produced_at != b->produced_at ||
	    !fuzz_slice_same(a->responses, b->responses) ||
	    a->n_single != b->n_single ||
	    !fuzz_slice_same(a->extensions, b->extensions) ||
	    !fuzz_slice_same(a->nonce, b->nonce) ||
	    a->unknown_critical != b->unknown_critical ||
	    !fuzz_slice_same(a->sig_oid, b->sig_oid) ||
	    !fuzz_slice_same(a->sig_params, b->sig_params) ||
	    !fuzz_slice_same(a->signature, b->signature) ||
	    !fuzz_slice_same(a->cert_list, b->cert_list) ||
	    a->n_certs != b->n_certs)
		return 0;
	for (i = 0; i < STAPLE_MAX_SINGLE; i++)
		if (!fuzz_single_equal(&a->single[i], &b->single[i]))
			return 0;
	for (i = 0; i < STAPLE_MAX_CERTS; i++)
		if (!fuzz_slice_same(a->certs[i], b->certs[i]))
			return 0;
	return 1;
}

/* --- reset states (staple.h, OUTPUTS ON FAILURE) ---------------------------- */

static int single_is_reset(const struct staple_single *s)
{
	struct staple_single reset;

	memset(&reset, 0, sizeof reset);
	reset.cert_status = STAPLE_OCSP_STATUS_UNKNOWN;
	reset.reason = STAPLE_OCSP_REASON_NONE;
	return fuzz_single_equal(s, &reset);
}

static int ocsp_is_reset(const struct staple_ocsp *o)
{
	return o->status == STAPLE_OCSP_STATUS_UNKNOWN &&
	       o->revocation_reason == STAPLE_OCSP_REASON_NONE &&
	       o->produced_at == 0 && o->this_update == 0 &&
	       o->next_update == 0 && o->revoked_at == 0;
}

/* A response with everything but status and error_offset reset. */
static void response_reset(struct staple_response *r, int status,
                           size_t error_offset)
{
	size_t i;

	memset(r, 0, sizeof *r);
	r->status = (enum staple_response_status)status;
	r->error_offset = error_offset;
	r->responder = STAPLE_RESPONDER_NONE;
	for (i = 0; i < STAPLE_MAX_SINGLE; i++) {
		r->single[i].cert_status = STAPLE_OCSP_STATUS_UNKNOWN;
		r->single[i].reason = STAPLE_OCSP_REASON_NONE;
	}
}

/* see check_response.h */
void fuzz_check_reset(const struct staple_response *r)
{
	struct staple_response reset;

	response_reset(&reset, STAPLE_RESPONSE_NONE, r->error_offset);
	if (!fuzz_response_equal(r, &reset))
		fuzz_fail("a failed decode left fields set (status %d, "
		          "n_single %zu)",
		          (int)r->status, r->n_single);
}

/* --- the decoded response -------------------------------------------------- */

static void check_time(const char *what, int64_t ms)
{
	if (ms < FUZZ_MS_YEAR_0 || ms >= FUZZ_MS_YEAR_10000)
		fuzz_fail("%s = %lld ms is outside years 0000-9999", what,
		          (long long)ms);
}

/* An OID's contents octets: not empty, the last sub-identifier ended. */
static void check_oid(const char *what, struct staple_slice oid)
{
	if (oid.n == 0 || (oid.p[oid.n - 1] & 0x80u) != 0)
		fuzz_fail("%s is not a terminated OID", what);
}

/* s is exactly one TLV with identifier octet tag. */
static int is_one_tlv(struct staple_slice s, uint8_t tag)
{
	struct staple_slice cur = s, whole;

	return staple_der_read_whole(&cur, tag, &whole) == STAPLE_OK &&
	       cur.n == 0 && whole.p == s.p && whole.n == s.n;
}

/* An extensions slice that is present but empty (the leniency). */
static int present_empty(struct staple_slice s)
{
	return s.p != NULL && s.n == 0;
}

static void check_single(const struct staple_single *s, size_t index,
                         struct staple_slice responses, const uint8_t *data)
{
	char what[64];

	(void)snprintf(what, sizeof what, "entry %zu", index);
	fuzz_require_within("hash_oid", s->hash_oid, responses, data);
	fuzz_require_within("issuer_name_hash", s->issuer_name_hash, responses, data);
	fuzz_require_within("issuer_key_hash", s->issuer_key_hash, responses, data);
	fuzz_require_within("serial", s->serial, responses, data);
	fuzz_require_within("single extensions", s->extensions, responses, data);
	check_oid(what, s->hash_oid);
	/* CertID: the four fields in order; then the extensions last */
	FUZZ_REQUIRE(s->issuer_name_hash.p != NULL);
	FUZZ_REQUIRE(s->issuer_key_hash.p != NULL);
	before(what, s->hash_oid, s->issuer_name_hash);
	before(what, s->issuer_name_hash, s->issuer_key_hash);
	before(what, s->issuer_key_hash, s->serial);
	before(what, s->serial, s->extensions);
	if (!fuzz_integer_ok(s->serial))
		fuzz_fail("%s: serial is not a minimal INTEGER", what);

	FUZZ_REQUIRE((int)s->hash >= (int)STAPLE_HASH_OTHER &&
	             (int)s->hash <= (int)STAPLE_HASH_SHA512);
	if (s->hash != STAPLE_HASH_OTHER)
		FUZZ_REQUIRE(s->hash_oid.n == 5 || s->hash_oid.n == 9);
	FUZZ_REQUIRE(staple_hash_name((int)s->hash)[0] != '\0' ||
	             s->hash == STAPLE_HASH_OTHER);

	switch (s->cert_status) {
	case STAPLE_OCSP_STATUS_GOOD:
	case STAPLE_OCSP_STATUS_UNKNOWN:
		if (s->reason != STAPLE_OCSP_REASON_NONE || s->revoked_at != 0)
			fuzz_fail("%s: reason or revoked_at without revoked",
			          what);
		break;
	case STAPLE_OCSP_STATUS_REVOKED:
		check_time("revoked_at", s->revoked_at);
		/* RFC 5280 5.3.1: 0..10 without 7, or absent */
		if (s->reason != STAPLE_OCSP_REASON_NONE &&
		    (s->reason < STAPLE_OCSP_REASON_UNSPECIFIED ||
		     s->reason > STAPLE_OCSP_REASON_AA_COMPROMISE ||
		     (int)s->reason == 7))
			fuzz_fail("%s: undefined reason %d", what,
			          (int)s->reason);
		break;
	default:
		fuzz_fail("%s: cert_status %d", what, (int)s->cert_status);
	}
	check_time("this_update", s->this_update);
	FUZZ_REQUIRE(s->has_next_update == 0 || s->has_next_update == 1);
	if (s->has_next_update)
		check_time("next_update", s->next_update);
	else
		FUZZ_REQUIRE(s->next_update == 0);
}

/* THE K6 VIEW rules of staple.h for entry index of a successful r. */
static void check_view(const struct staple_response *r, size_t index,
                       const struct staple_single *s)
{
	struct staple_ocsp o;
	int err = staple_ocsp_view(r, index, &o);

	if (err != STAPLE_OK)
		fuzz_fail("staple_ocsp_view(%zu) failed: %s", index,
		          staple_errname(err));
	FUZZ_REQUIRE(o.status == s->cert_status);
	FUZZ_REQUIRE(o.produced_at == r->produced_at);
	FUZZ_REQUIRE(o.this_update == s->this_update);
	FUZZ_REQUIRE(o.next_update == (s->has_next_update ? s->next_update
	                                                  : 0));
	if (s->cert_status == STAPLE_OCSP_STATUS_REVOKED) {
		FUZZ_REQUIRE(o.revoked_at == s->revoked_at);
		FUZZ_REQUIRE(o.revocation_reason ==
		             (s->reason == STAPLE_OCSP_REASON_NONE
		                      ? STAPLE_OCSP_REASON_UNSPECIFIED
		                      : s->reason));
	} else {
		FUZZ_REQUIRE(o.revoked_at == 0);
		FUZZ_REQUIRE(o.revocation_reason == STAPLE_OCSP_REASON_NONE);
	}
	FUZZ_REQUIRE(staple_ocsp_status_name((int)o.status)[0] != '\0');
}

/* Indexes at and past n_single: STAPLE_ERR_RANGE, outputs reset. */
static void check_past_end(const struct staple_response *r)
{
	struct staple_single s;
	struct staple_ocsp o;
	size_t past[3];
	size_t i;

	past[0] = r->n_single;
	past[1] = r->n_single + STAPLE_MAX_SINGLE;
	past[2] = (size_t)-1;
	for (i = 0; i < 3; i++) {
		memset(&s, 0x5a, sizeof s);
		FUZZ_REQUIRE(staple_single_at(r, past[i], &s) ==
		             STAPLE_ERR_RANGE);
		FUZZ_REQUIRE(single_is_reset(&s));
		memset(&o, 0x5a, sizeof o);
		FUZZ_REQUIRE(staple_ocsp_view(r, past[i], &o) ==
		             STAPLE_ERR_RANGE);
		FUZZ_REQUIRE(ocsp_is_reset(&o));
	}
}

/* A response that is not successful: only status is set. */
static void check_failed_status(const struct staple_response *r)
{
	struct staple_response expect;
	struct staple_single s;
	struct staple_ocsp o;
	size_t index[2];
	size_t i;

	response_reset(&expect, (int)r->status, 0);
	if (!fuzz_response_equal(r, &expect))
		fuzz_fail("status %d: fields other than status are set",
		          (int)r->status);
	index[0] = 0;
	index[1] = (size_t)-1;
	for (i = 0; i < 2; i++) {
		memset(&o, 0x5a, sizeof o);
		FUZZ_REQUIRE(staple_ocsp_view(r, index[i], &o) == STAPLE_OK);
		FUZZ_REQUIRE(o.status == STAPLE_OCSP_STATUS_SERVER_FAILED);
		FUZZ_REQUIRE(o.revocation_reason == STAPLE_OCSP_REASON_NONE);
		FUZZ_REQUIRE(o.produced_at == 0 && o.this_update == 0 &&
		             o.next_update == 0 && o.revoked_at == 0);
	}
	FUZZ_REQUIRE(staple_single_at(r, 0, &s) == STAPLE_ERR_RANGE);
}

/* tbs: one SEQUENCE; the explicit-version leniency iff [0] comes first. */
static void check_tbs(const struct staple_response *r, const uint8_t *data)
{
	struct staple_slice cur = r->tbs, contents;
	int explicit_version;

	FUZZ_REQUIRE(is_one_tlv(r->tbs, STAPLE_TAG_SEQUENCE));
	FUZZ_REQUIRE(staple_der_read(&cur, STAPLE_TAG_SEQUENCE, &contents) ==
	             STAPLE_OK);
	explicit_version = staple_der_peek(&contents,
	                                   STAPLE_TAG_CONTEXT_CONS(0));
	if (explicit_version !=
	    ((r->leniencies & STAPLE_LENIENT_EXPLICIT_VERSION) != 0))
		fuzz_fail("EXPLICIT_VERSION bit does not match the encoding");
	fuzz_require_within("responder_id", r->responder_id, contents, data);
	fuzz_require_within("responses", r->responses, contents, data);
	fuzz_require_within("response extensions", r->extensions, contents, data);
	before("responder_id, responses", r->responder_id, r->responses);
	before("responses, extensions", r->responses, r->extensions);
}

static void check_responder(const struct staple_response *r)
{
	struct staple_slice cur = r->responder_id, whole;

	switch (r->responder) {
	case STAPLE_RESPONDER_BY_NAME:
		/* the whole Name TLV, and a well-formed one */
		FUZZ_REQUIRE(staple_der_read_name(NULL, &cur, &whole) == STAPLE_OK);
		FUZZ_REQUIRE(cur.n == 0 && whole.p == r->responder_id.p &&
		             whole.n == r->responder_id.n);
		break;
	case STAPLE_RESPONDER_BY_KEY:
		FUZZ_REQUIRE(r->responder_id.p != NULL);
		break;
	default:
		fuzz_fail("responder %d after a successful decode",
		          (int)r->responder);
	}
}

static void check_signature_and_certs(const struct staple_response *r,
                                      const uint8_t *data, size_t size)
{
	struct staple_slice input, prev;
	size_t i;

	input.p = data;
	input.n = size;
	fuzz_require_within("sig_oid", r->sig_oid, input, data);
	fuzz_require_within("sig_params", r->sig_params, input, data);
	fuzz_require_within("signature", r->signature, input, data);
	check_oid("sig_oid", r->sig_oid);
	before("tbs, sig_oid", r->tbs, r->sig_oid);
	before("sig_oid, sig_params", r->sig_oid, r->sig_params);
	before("sig_oid, signature", r->sig_oid, r->signature);
	before("sig_params, signature", r->sig_params, r->signature);
	if (r->sig_params.p != NULL) {
		struct staple_slice cur = r->sig_params, contents, whole;
		uint8_t tag;
		FUZZ_REQUIRE(staple_der_read_any(&cur, &tag, &contents,
		                                 &whole) == STAPLE_OK);
		FUZZ_REQUIRE(cur.n == 0 && whole.n == r->sig_params.n);
	}
	/* no unused-bits octet: the signature ends where the input's
	 * structure allows, so only the order is checkable here */
	prev = r->signature;
	for (i = 0; i < STAPLE_MAX_CERTS; i++)
		if (i >= r->n_certs)
			FUZZ_REQUIRE(slice_is_null(r->certs[i]));
	/* every certificate, also past STAPLE_MAX_CERTS, in order */
	for (i = 0; i < r->n_certs; i++) {
		struct staple_slice cert;
		FUZZ_REQUIRE(staple_cert_at(r, i, &cert) == STAPLE_OK);
		if (i < STAPLE_MAX_CERTS)
			FUZZ_REQUIRE(fuzz_slice_same(cert, r->certs[i]));
		fuzz_require_within("cert", cert, input, data);
		FUZZ_REQUIRE(is_one_tlv(cert, STAPLE_TAG_SEQUENCE));
		if (prev.p == NULL || end_of(prev) > (uintptr_t)cert.p)
			fuzz_fail("cert %zu not after the signature and the "
			          "previous cert",
			          i);
		prev = cert;
	}
	{
		struct staple_slice none;
		FUZZ_REQUIRE(staple_cert_at(r, r->n_certs, &none) ==
		             STAPLE_ERR_RANGE);
		FUZZ_REQUIRE(slice_is_null(none));
	}
}

/* Every entry, also past STAPLE_MAX_SINGLE, in order inside responses. */
static void check_entries(const struct staple_response *r,
                          const uint8_t *data, int *empty_extensions,
                          int *any_extensions, size_t *extension_bytes)
{
	uintptr_t prev_end = (uintptr_t)r->responses.p;
	size_t i;

	/* a SingleResponse takes more than 30 bytes; 2 is a loose bound */
	FUZZ_REQUIRE(r->n_single <= r->responses.n / 2);
	for (i = 0; i < STAPLE_MAX_SINGLE; i++)
		if (i >= r->n_single)
			FUZZ_REQUIRE(single_is_reset(&r->single[i]));
	for (i = 0; i < r->n_single; i++) {
		struct staple_single s;
		int err;

		memset(&s, 0x5a, sizeof s);
		err = staple_single_at(r, i, &s);
		if (err != STAPLE_OK)
			fuzz_fail("staple_single_at(%zu) of %zu failed: %s", i,
			          r->n_single, staple_errname(err));
		if (i < STAPLE_MAX_SINGLE && !fuzz_single_equal(&s, &r->single[i]))
			fuzz_fail("staple_single_at(%zu) differs from single[]",
			          i);
		check_single(&s, i, r->responses, data);
		if ((uintptr_t)s.hash_oid.p < prev_end)
			fuzz_fail("entry %zu starts before entry %zu ends", i,
			          i - 1);
		prev_end = (uintptr_t)s.serial.p + s.serial.n;
		if (s.extensions.p != NULL) {
			prev_end = end_of(s.extensions);
			*any_extensions = 1;
			*extension_bytes += s.extensions.n;
		}
		if (present_empty(s.extensions))
			*empty_extensions = 1;
		check_view(r, i, &s);
	}
}

/* --- a second walk: every value re-read from the DER ------------------------ */

/*
 * The decoder's values, read again by a walker that knows only the shape
 * of a response that decoded (no strictness checks: those are der.c's):
 * each slice must be the very bytes, each number the one encoded.  Times
 * go through staple_time_generalized(), which fuzz_time checks.
 */

/* The next TLV of *cur, which must have identifier octet tag. */
static struct staple_slice walk(struct staple_slice *cur, uint8_t tag,
                                const char *what)
{
	struct staple_slice contents;
	struct fuzz_tlv t;

	if (fuzz_tlv_parse(cur->p, cur->n, &t) != STAPLE_OK || t.tag != tag)
		fuzz_fail("re-walk: no %s (tag 0x%02x) where expected", what,
		          tag);
	contents.p = cur->p + t.hdr;
	contents.n = t.len;
	cur->p += t.hdr + t.len;
	cur->n -= t.hdr + t.len;
	return contents;
}

static int walk_peek(const struct staple_slice *cur, uint8_t tag)
{
	return cur->n > 0 && cur->p[0] == tag;
}

static int64_t walk_time(struct staple_slice *cur, const char *what)
{
	struct staple_slice c = walk(cur, STAPLE_TAG_GENERALIZED_TIME, what);
	int64_t ms;

	FUZZ_REQUIRE(staple_time_generalized(c.p, c.n, &ms) == STAPLE_OK);
	return ms;
}

static void same_slice(const char *what, struct staple_slice got,
                       struct staple_slice want)
{
	if (!fuzz_slice_same(got, want))
		fuzz_fail("re-walk: %s is not the encoded one", what);
}

/* CertID hash algorithms by OID contents (RFC 3279, RFC 5754). */
static enum staple_hash hash_of(struct staple_slice oid)
{
	static const uint8_t sha1[5] = {0x2b, 0x0e, 0x03, 0x02, 0x1a};
	static const uint8_t nist[8] = {0x60, 0x86, 0x48, 0x01,
	                                0x65, 0x03, 0x04, 0x02};

	if (oid.n == 5 && memcmp(oid.p, sha1, 5) == 0)
		return STAPLE_HASH_SHA1;
	if (oid.n != 9 || memcmp(oid.p, nist, 8) != 0)
		return STAPLE_HASH_OTHER;
	switch (oid.p[8]) {
	case 4:
		return STAPLE_HASH_SHA224;
	case 1:
		return STAPLE_HASH_SHA256;
	case 2:
		return STAPLE_HASH_SHA384;
	case 3:
		return STAPLE_HASH_SHA512;
	default:
		return STAPLE_HASH_OTHER;
	}
}

/* SingleResponse contents c against the decoded entry s. */
static void rewalk_single(struct staple_slice c, const struct staple_single *s)
{
	struct staple_slice cert_id, alg, none = {NULL, 0};
	enum staple_ocsp_status status;
	enum staple_ocsp_reason reason = STAPLE_OCSP_REASON_NONE;
	int64_t revoked_at = 0, next_update = 0;
	int has_next = 0;

	cert_id = walk(&c, STAPLE_TAG_SEQUENCE, "CertID");
	alg = walk(&cert_id, STAPLE_TAG_SEQUENCE, "hashAlgorithm");
	same_slice("hash_oid", walk(&alg, STAPLE_TAG_OID, "hash OID"),
	           s->hash_oid);
	FUZZ_REQUIRE(s->hash == hash_of(s->hash_oid));
	same_slice("issuer_name_hash",
	           walk(&cert_id, STAPLE_TAG_OCTET_STRING, "issuerNameHash"),
	           s->issuer_name_hash);
	same_slice("issuer_key_hash",
	           walk(&cert_id, STAPLE_TAG_OCTET_STRING, "issuerKeyHash"),
	           s->issuer_key_hash);
	same_slice("serial", walk(&cert_id, STAPLE_TAG_INTEGER, "serial"),
	           s->serial);

	if (walk_peek(&c, STAPLE_TAG_CONTEXT_CONS(1))) {
		struct staple_slice info = walk(&c, STAPLE_TAG_CONTEXT_CONS(1),
		                                "revoked");
		status = STAPLE_OCSP_STATUS_REVOKED;
		revoked_at = walk_time(&info, "revocationTime");
		if (info.n > 0) {
			struct staple_slice tagged, e;
			tagged = walk(&info, STAPLE_TAG_CONTEXT_CONS(0),
			              "revocationReason");
			e = walk(&tagged, STAPLE_TAG_ENUMERATED, "CRLReason");
			FUZZ_REQUIRE(e.n == 1);
			reason = (enum staple_ocsp_reason)e.p[0];
		}
	} else if (walk_peek(&c, STAPLE_TAG_CONTEXT(0))) {
		status = STAPLE_OCSP_STATUS_GOOD;
		(void)walk(&c, STAPLE_TAG_CONTEXT(0), "good");
	} else {
		status = STAPLE_OCSP_STATUS_UNKNOWN;
		(void)walk(&c, STAPLE_TAG_CONTEXT(2), "unknown");
	}
	FUZZ_REQUIRE(s->cert_status == status);
	FUZZ_REQUIRE(s->reason == reason);
	FUZZ_REQUIRE(s->revoked_at == revoked_at);
	FUZZ_REQUIRE(s->this_update == walk_time(&c, "thisUpdate"));
	if (walk_peek(&c, STAPLE_TAG_CONTEXT_CONS(0))) {
		struct staple_slice t = walk(&c, STAPLE_TAG_CONTEXT_CONS(0),
		                             "nextUpdate");
		next_update = walk_time(&t, "nextUpdate");
		has_next = 1;
	}
	FUZZ_REQUIRE(s->has_next_update == has_next);
	FUZZ_REQUIRE(s->next_update == next_update);
	if (walk_peek(&c, STAPLE_TAG_CONTEXT_CONS(1))) {
		struct staple_slice t = walk(&c, STAPLE_TAG_CONTEXT_CONS(1),
		                             "singleExtensions");
		same_slice("single extensions",
		           walk(&t, STAPLE_TAG_SEQUENCE, "Extensions"),
		           s->extensions);
	} else {
		same_slice("absent single extensions", none, s->extensions);
	}
	FUZZ_REQUIRE(c.n == 0);
}

static void rewalk(const struct staple_response *r, const uint8_t *data,
                   size_t size)
{
	struct staple_slice cur, resp, status, bytes, octets, basic, tbs;
	struct staple_slice alg, bits, list, none = {NULL, 0};
	size_t i;

	cur.p = data;
	cur.n = size;
	resp = walk(&cur, STAPLE_TAG_SEQUENCE, "OCSPResponse");
	FUZZ_REQUIRE(cur.n == 0);
	status = walk(&resp, STAPLE_TAG_ENUMERATED, "responseStatus");
	FUZZ_REQUIRE(status.n == 1 && status.p[0] == (uint8_t)r->status);
	if (r->status != STAPLE_RESPONSE_SUCCESSFUL) {
		FUZZ_REQUIRE(resp.n == 0);
		return;
	}
	bytes = walk(&resp, STAPLE_TAG_CONTEXT_CONS(0), "responseBytes");
	bytes = walk(&bytes, STAPLE_TAG_SEQUENCE, "ResponseBytes");
	(void)walk(&bytes, STAPLE_TAG_OID, "responseType");
	octets = walk(&bytes, STAPLE_TAG_OCTET_STRING, "response");
	basic = walk(&octets, STAPLE_TAG_SEQUENCE, "BasicOCSPResponse");

	FUZZ_REQUIRE(basic.p == r->tbs.p);
	tbs = walk(&basic, STAPLE_TAG_SEQUENCE, "tbsResponseData");
	FUZZ_REQUIRE((uintptr_t)basic.p == end_of(r->tbs));
	if (walk_peek(&tbs, STAPLE_TAG_CONTEXT_CONS(0)))
		(void)walk(&tbs, STAPLE_TAG_CONTEXT_CONS(0), "version");
	if (r->responder == STAPLE_RESPONDER_BY_NAME) {
		same_slice("responder_id",
		           walk(&tbs, STAPLE_TAG_CONTEXT_CONS(1), "byName"),
		           r->responder_id);
	} else {
		struct staple_slice key = walk(&tbs, STAPLE_TAG_CONTEXT_CONS(2),
		                               "byKey");
		same_slice("responder_id",
		           walk(&key, STAPLE_TAG_OCTET_STRING, "KeyHash"),
		           r->responder_id);
	}
	FUZZ_REQUIRE(r->produced_at == walk_time(&tbs, "producedAt"));
	same_slice("responses", walk(&tbs, STAPLE_TAG_SEQUENCE, "responses"),
	           r->responses);
	if (walk_peek(&tbs, STAPLE_TAG_CONTEXT_CONS(1))) {
		struct staple_slice t = walk(&tbs, STAPLE_TAG_CONTEXT_CONS(1),
		                             "responseExtensions");
		same_slice("extensions", walk(&t, STAPLE_TAG_SEQUENCE,
		                              "Extensions"),
		           r->extensions);
	} else {
		same_slice("absent extensions", none, r->extensions);
	}

	alg = walk(&basic, STAPLE_TAG_SEQUENCE, "signatureAlgorithm");
	same_slice("sig_oid", walk(&alg, STAPLE_TAG_OID, "algorithm"),
	           r->sig_oid);
	if (alg.n > 0) {
		FUZZ_REQUIRE(r->sig_params.p == alg.p &&
		             r->sig_params.n == alg.n);
	} else {
		same_slice("absent sig_params", none, r->sig_params);
	}
	bits = walk(&basic, STAPLE_TAG_BIT_STRING, "signature");
	FUZZ_REQUIRE(bits.n >= 1 && bits.p[0] == 0);
	FUZZ_REQUIRE(bits.n == 1 ? slice_is_null(r->signature)
	                         : r->signature.p == bits.p + 1 &&
	                                   r->signature.n == bits.n - 1);
	i = 0;
	if (basic.n > 0) {
		struct staple_slice t = walk(&basic, STAPLE_TAG_CONTEXT_CONS(0),
		                             "certs");
		list = walk(&t, STAPLE_TAG_SEQUENCE, "certs");
		FUZZ_REQUIRE(fuzz_slice_same(list, r->cert_list));
		for (; list.n > 0; i++) {
			const uint8_t *at = list.p;
			struct staple_slice cert;
			(void)walk(&list, STAPLE_TAG_SEQUENCE, "Certificate");
			FUZZ_REQUIRE(i < r->n_certs &&
			             staple_cert_at(r, i, &cert) == STAPLE_OK &&
			             cert.p == at &&
			             (uintptr_t)list.p == end_of(cert));
		}
	}
	FUZZ_REQUIRE(i == r->n_certs && basic.n == 0);

	list = r->responses;
	for (i = 0; list.n > 0; i++) {
		struct staple_single s;
		FUZZ_REQUIRE(staple_single_at(r, i, &s) == STAPLE_OK);
		rewalk_single(walk(&list, STAPLE_TAG_SEQUENCE,
		                   "SingleResponse"),
		              &s);
	}
	FUZZ_REQUIRE(i == r->n_single);
}

/* see check_response.h */
void fuzz_check_response(const struct staple_response *r,
                         const uint8_t *data, size_t size)
{
	struct staple_slice input;
	int empty_extensions, any_extensions;
	size_t extension_bytes;

	input.p = data;
	input.n = size;
	FUZZ_REQUIRE(r->error_offset == 0);
	FUZZ_REQUIRE(staple_error_offset(r) == 0);
	rewalk(r, data, size);
	switch (r->status) {
	case STAPLE_RESPONSE_SUCCESSFUL:
		break;
	case STAPLE_RESPONSE_MALFORMED_REQUEST:
	case STAPLE_RESPONSE_INTERNAL_ERROR:
	case STAPLE_RESPONSE_TRY_LATER:
	case STAPLE_RESPONSE_SIG_REQUIRED:
	case STAPLE_RESPONSE_UNAUTHORIZED:
		FUZZ_REQUIRE(staple_response_status_name((int)r->status)[0] !=
		             '\0');
		check_failed_status(r);
		return;
	default:
		fuzz_fail("status %d after a successful decode",
		          (int)r->status);
	}

	FUZZ_REQUIRE(r->version == 1);
	FUZZ_REQUIRE((r->leniencies & ~(STAPLE_LENIENT_EXPLICIT_VERSION |
	                                STAPLE_LENIENT_EMPTY_EXTENSIONS)) == 0);
	check_time("produced_at", r->produced_at);
	fuzz_require_within("tbs", r->tbs, input, data);
	check_tbs(r, data);
	check_responder(r);
	fuzz_require_within("nonce", r->nonce, r->extensions, data);
	check_signature_and_certs(r, data, size);

	empty_extensions = present_empty(r->extensions);
	any_extensions = r->extensions.p != NULL;
	extension_bytes = r->extensions.n;
	check_entries(r, data, &empty_extensions, &any_extensions,
	              &extension_bytes);
	if (empty_extensions !=
	    ((r->leniencies & STAPLE_LENIENT_EMPTY_EXTENSIONS) != 0))
		fuzz_fail("EMPTY_EXTENSIONS bit does not match the encoding");
	/* an Extension takes at least 10 bytes: 30 08 06 01 x 01 01 ff 04 00 */
	if (r->unknown_critical > extension_bytes / 10 ||
	    (!any_extensions && r->unknown_critical != 0))
		fuzz_fail("unknown_critical %zu with %zu bytes of extensions",
		          r->unknown_critical, extension_bytes);
	check_past_end(r);
}

