/*
 * ocsp.c -- the OCSPResponse decoder (RFC 6960 4.2.1): one parse function
 * per ASN.1 type, each under its definition from the RFC's module, which
 * uses EXPLICIT tags.
 *
 * Parse functions, and der.h's readers of a Name, an AlgorithmIdentifier
 * and an Extension, record where an error was found in the context and
 * return its code; der.h's other readers never move on failure, so that
 * place is the cursor handed to the reader that failed.  Every element is
 * read by der.h's readers: this file reads no encoding by hand.
 */
#include "der.h"
#include "oid.h"

#include <string.h>

/* GeneralizedTime */
static int parse_time(struct staple_ctx *c, struct staple_slice *cur,
                      int64_t *ms)
{
	int err = staple_der_read_generalized_time(cur, ms);

	return err == STAPLE_OK ? STAPLE_OK : staple_ctx_fail(c, err, cur->p);
}

/*
 * CertID ::= SEQUENCE {
 *    hashAlgorithm   AlgorithmIdentifier,
 *    issuerNameHash  OCTET STRING,
 *    issuerKeyHash   OCTET STRING,
 *    serialNumber    CertificateSerialNumber }
 */
static int parse_cert_id(struct staple_ctx *c, struct staple_slice *cur,
                         struct staple_single *s)
{
	struct staple_slice seq, params;
	int err;

	err = staple_ctx_read(c, cur, STAPLE_TAG_SEQUENCE, &seq);
	if (err == STAPLE_OK)
		err = staple_der_read_algorithm(c, &seq, &s->hash_oid, &params);
	if (err != STAPLE_OK)
		return err;
	s->hash = staple_hash_from_oid(s->hash_oid);
	/* RFC 5754 2: the SHA-2 parameters are absent or NULL (and SHA-1's
	 * likewise, RFC 3279 2.1). */
	if (s->hash != STAPLE_HASH_OTHER && params.n > 0) {
		struct staple_slice null = params;
		err = staple_der_read_null(&null);
		if (err != STAPLE_OK)
			return staple_ctx_fail(c, err, params.p);
	}
	err = staple_ctx_read(c, &seq, STAPLE_TAG_OCTET_STRING,
	                      &s->issuer_name_hash);
	if (err == STAPLE_OK)
		err = staple_ctx_read(c, &seq, STAPLE_TAG_OCTET_STRING,
		                      &s->issuer_key_hash);
	if (err != STAPLE_OK)
		return err;
	err = staple_der_read_integer(&seq, &s->serial);
	if (err != STAPLE_OK)
		return staple_ctx_fail(c, err, seq.p);
	return staple_ctx_end(c, &seq);
}

/*
 * RevokedInfo ::= SEQUENCE {
 *    revocationTime     GeneralizedTime,
 *    revocationReason   [0] EXPLICIT CRLReason OPTIONAL }
 *
 * CRLReason ::= ENUMERATED { unspecified (0), ... aACompromise (10) }
 * with 7 not used (RFC 5280 5.3.1).
 */
static int parse_revoked_info(struct staple_ctx *c, struct staple_slice info,
                              struct staple_single *s)
{
	struct staple_slice reason;
	unsigned long value;
	int present, err;

	err = parse_time(c, &info, &s->revoked_at);
	if (err != STAPLE_OK)
		return err;
	err = staple_der_read_optional(&info, STAPLE_TAG_CONTEXT_CONS(0),
	                               &reason, &present);
	if (err != STAPLE_OK)
		return staple_ctx_fail(c, err, info.p);
	if (present) {
		const uint8_t *at = reason.p;
		err = staple_der_read_small(&reason, STAPLE_TAG_ENUMERATED, 10,
		                            STAPLE_ERR_REASON, &value);
		if (err == STAPLE_OK && value == 7)
			err = STAPLE_ERR_REASON;
		if (err != STAPLE_OK)
			return staple_ctx_fail(c, err, at);
		err = staple_ctx_end(c, &reason);
		if (err != STAPLE_OK)
			return err;
		s->reason = (enum staple_ocsp_reason)value;
	}
	return staple_ctx_end(c, &info);
}

/*
 * CertStatus ::= CHOICE {
 *    good     [0] IMPLICIT NULL,
 *    revoked  [1] IMPLICIT RevokedInfo,
 *    unknown  [2] IMPLICIT UnknownInfo }
 *
 * UnknownInfo ::= NULL
 */
static int parse_cert_status(struct staple_ctx *c, struct staple_slice *cur,
                             struct staple_single *s)
{
	const uint8_t *at = cur->p;
	struct staple_slice contents;
	int err;

	if (staple_der_peek(cur, STAPLE_TAG_CONTEXT_CONS(1))) {
		err = staple_ctx_read(c, cur, STAPLE_TAG_CONTEXT_CONS(1),
		                      &contents);
		if (err != STAPLE_OK)
			return err;
		s->cert_status = STAPLE_OCSP_STATUS_REVOKED;
		return parse_revoked_info(c, contents, s);
	}
	if (staple_der_peek(cur, STAPLE_TAG_CONTEXT(0))) {
		s->cert_status = STAPLE_OCSP_STATUS_GOOD;
		err = staple_ctx_read(c, cur, STAPLE_TAG_CONTEXT(0), &contents);
	} else {
		/* also reports a missing or other tag as [2] would */
		s->cert_status = STAPLE_OCSP_STATUS_UNKNOWN;
		err = staple_ctx_read(c, cur, STAPLE_TAG_CONTEXT(2), &contents);
	}
	if (err != STAPLE_OK)
		return err;
	if (contents.n != 0) /* X.690 8.8.2: a NULL has no contents */
		return staple_ctx_fail(c, STAPLE_ERR_NULL, at);
	return STAPLE_OK;
}

/*
 * Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension   (RFC 5280 4.1)
 *
 * `wrapper` is the contents of the [1] EXPLICIT tag.  The nonce is looked
 * for only when `nonce` is not NULL (responseExtensions); the only other
 * extension staple understands is extended revoke, whose presence carries
 * all its meaning (RFC 6960 4.4.8).  staple_ocsp_ext_understood() (oid.h)
 * states this rule for staple_ext_next(); written out here, the decode
 * path stays as small as it was (tests/test_ext.c and fuzz/fuzz_ext.c
 * check that the two agree on every input).
 */
static int parse_extensions(struct staple_ctx *c, struct staple_slice wrapper,
                            struct staple_slice *list,
                            struct staple_slice *nonce)
{
	struct staple_slice walk, oid, value;
	int critical, err;

	err = staple_ctx_read(c, &wrapper, STAPLE_TAG_SEQUENCE, list);
	if (err == STAPLE_OK)
		err = staple_ctx_end(c, &wrapper);
	if (err != STAPLE_OK)
		return err;
	if (list->n == 0)
		c->leniencies |= STAPLE_LENIENT_EMPTY_EXTENSIONS;
	walk = *list;
	while (walk.n > 0) {
		const uint8_t *at = walk.p;
		err = staple_der_read_extension(c, &walk, &oid, &critical,
		                                &value);
		if (err != STAPLE_OK)
			return err;
		/* RFC 5280 4.2: at most one instance of an extension */
		if (staple_der_extension_seen(*list, at, oid))
			return staple_ctx_fail(
				c, STAPLE_ERR_DUPLICATE_EXTENSION, at);
		if (nonce != NULL &&
		    staple_oid_is(oid, STAPLE_OID_NONCE))
			*nonce = value;
		else if (nonce != NULL &&
		         staple_oid_is(oid, STAPLE_OID_EXTENDED_REVOKE))
			continue;
		else if (critical)
			c->unknown_critical++;
	}
	return STAPLE_OK;
}

static void single_reset(struct staple_single *s)
{
	memset(s, 0, sizeof *s);
	s->cert_status = STAPLE_OCSP_STATUS_UNKNOWN;
	s->reason = STAPLE_OCSP_REASON_NONE;
}

/*
 * SingleResponse ::= SEQUENCE {
 *    certID                       CertID,
 *    certStatus                   CertStatus,
 *    thisUpdate                   GeneralizedTime,
 *    nextUpdate         [0]       EXPLICIT GeneralizedTime OPTIONAL,
 *    singleExtensions   [1]       EXPLICIT Extensions OPTIONAL }
 *
 * Every field of *s is set.
 */
static int parse_single(struct staple_ctx *c, struct staple_slice *cur,
                        struct staple_single *s)
{
	struct staple_slice seq, tagged;
	int present, err;

	/* the optional parts; the others are always written */
	s->reason = STAPLE_OCSP_REASON_NONE;
	s->revoked_at = 0;
	s->next_update = 0;
	s->has_next_update = 0;
	s->extensions.p = NULL;
	s->extensions.n = 0;
	err = staple_ctx_read(c, cur, STAPLE_TAG_SEQUENCE, &seq);
	if (err == STAPLE_OK)
		err = parse_cert_id(c, &seq, s);
	if (err == STAPLE_OK)
		err = parse_cert_status(c, &seq, s);
	if (err == STAPLE_OK)
		err = parse_time(c, &seq, &s->this_update);
	if (err != STAPLE_OK)
		return err;
	err = staple_der_read_optional(&seq, STAPLE_TAG_CONTEXT_CONS(0), &tagged,
	                               &present);
	if (err != STAPLE_OK)
		return staple_ctx_fail(c, err, seq.p);
	if (present) {
		err = parse_time(c, &tagged, &s->next_update);
		if (err == STAPLE_OK)
			err = staple_ctx_end(c, &tagged);
		if (err != STAPLE_OK)
			return err;
		s->has_next_update = 1;
	}
	err = staple_der_read_optional(&seq, STAPLE_TAG_CONTEXT_CONS(1), &tagged,
	                               &present);
	if (err != STAPLE_OK)
		return staple_ctx_fail(c, err, seq.p);
	if (present) {
		err = parse_extensions(c, tagged, &s->extensions, NULL);
		if (err != STAPLE_OK)
			return err;
	}
	return staple_ctx_end(c, &seq);
}

/*
 * responses   SEQUENCE OF SingleResponse
 *
 * The first STAPLE_MAX_SINGLE entries are kept.  Those after are checked
 * and counted: each is read into the last slot, whose own entry is then
 * read again at the end (a scratch entry would take a third of the
 * decoder's stack).
 */
static int parse_responses(struct staple_ctx *c, struct staple_response *r)
{
	struct staple_single *last = &r->single[STAPLE_MAX_SINGLE - 1];
	struct staple_slice walk = r->responses, kept = {NULL, 0};
	size_t counted;
	int err;

	while (walk.n > 0) {
		struct staple_single *s = last;
		if (r->n_single < STAPLE_MAX_SINGLE)
			s = &r->single[r->n_single];
		if (r->n_single == STAPLE_MAX_SINGLE - 1)
			kept = walk;
		err = parse_single(c, &walk, s);
		if (err != STAPLE_OK)
			return err;
		r->n_single++;
	}
	if (r->n_single <= STAPLE_MAX_SINGLE)
		return STAPLE_OK;
	/* checked and counted already: its critical extensions must not
	 * count twice */
	counted = c->unknown_critical;
	err = parse_single(c, &kept, last);
	c->unknown_critical = counted;
	return err;
}

/*
 * ResponderID ::= CHOICE {
 *    byName   [1] Name,
 *    byKey    [2] KeyHash }
 *
 * KeyHash ::= OCTET STRING -- SHA-1 hash of responder's public key
 */
static int parse_responder_id(struct staple_ctx *c, struct staple_slice *cur,
                              struct staple_response *r)
{
	struct staple_slice tagged;
	int err;

	if (staple_der_peek(cur, STAPLE_TAG_CONTEXT_CONS(1))) {
		err = staple_ctx_read(c, cur, STAPLE_TAG_CONTEXT_CONS(1),
		                      &tagged);
		if (err == STAPLE_OK)
			err = staple_der_read_name(c, &tagged, &r->responder_id);
		if (err != STAPLE_OK)
			return err;
		r->responder = STAPLE_RESPONDER_BY_NAME;
	} else {
		err = staple_ctx_read(c, cur, STAPLE_TAG_CONTEXT_CONS(2),
		                      &tagged);
		if (err == STAPLE_OK)
			err = staple_ctx_read(c, &tagged,
			                      STAPLE_TAG_OCTET_STRING,
			                      &r->responder_id);
		if (err != STAPLE_OK)
			return err;
		r->responder = STAPLE_RESPONDER_BY_KEY;
	}
	return staple_ctx_end(c, &tagged);
}

/*
 * ResponseData ::= SEQUENCE {
 *    version              [0] EXPLICIT Version DEFAULT v1,
 *    responderID              ResponderID,
 *    producedAt               GeneralizedTime,
 *    responses                SEQUENCE OF SingleResponse,
 *    responseExtensions   [1] EXPLICIT Extensions OPTIONAL }
 *
 * Version ::= INTEGER { v1(0) }
 *
 * Here and above, a slice that is done before the next parse function is
 * called lives in a block or a function of its own: its stack slot then
 * serves the slices of the functions inlined after it.
 */
static int parse_version(struct staple_ctx *c, struct staple_slice *seq)
{
	struct staple_slice tagged;
	unsigned long version;
	int present, err;

	err = staple_der_read_optional(seq, STAPLE_TAG_CONTEXT_CONS(0), &tagged,
	                               &present);
	if (err != STAPLE_OK)
		return staple_ctx_fail(c, err, seq->p);
	if (!present)
		return STAPLE_OK;
	/* A leniency (staple.h): v1 is the DEFAULT, so DER would omit it;
	 * any other version is one staple cannot read. */
	err = staple_der_read_small(&tagged, STAPLE_TAG_INTEGER, 0,
	                            STAPLE_ERR_VERSION, &version);
	if (err != STAPLE_OK)
		return staple_ctx_fail(c, err, tagged.p);
	c->leniencies |= STAPLE_LENIENT_EXPLICIT_VERSION;
	return staple_ctx_end(c, &tagged);
}

static int parse_response_data(struct staple_ctx *c, struct staple_slice *cur,
                               struct staple_response *r)
{
	struct staple_slice seq;
	const uint8_t *start = cur->p;
	int err;

	err = staple_ctx_read(c, cur, STAPLE_TAG_SEQUENCE, &seq);
	if (err != STAPLE_OK)
		return err;
	r->tbs.p = start;
	r->tbs.n = (size_t)(cur->p - start);
	err = parse_version(c, &seq);
	if (err != STAPLE_OK)
		return err;
	r->version = 1;
	err = parse_responder_id(c, &seq, r);
	if (err == STAPLE_OK)
		err = parse_time(c, &seq, &r->produced_at);
	if (err == STAPLE_OK)
		err = staple_ctx_read(c, &seq, STAPLE_TAG_SEQUENCE,
		                      &r->responses);
	if (err == STAPLE_OK)
		err = parse_responses(c, r);
	if (err != STAPLE_OK)
		return err;
	if (staple_der_peek(&seq, STAPLE_TAG_CONTEXT_CONS(1))) {
		struct staple_slice tagged;
		err = staple_ctx_read(c, &seq, STAPLE_TAG_CONTEXT_CONS(1),
		                      &tagged);
		if (err == STAPLE_OK)
			err = parse_extensions(c, tagged, &r->extensions,
			                       &r->nonce);
		if (err != STAPLE_OK)
			return err;
	}
	return staple_ctx_end(c, &seq);
}

/*
 * signature   BIT STRING   (of BasicOCSPResponse; signatures are octets)
 */
static int parse_signature(struct staple_ctx *c, struct staple_slice *seq,
                           struct staple_response *r)
{
	struct staple_slice next = *seq;
	unsigned unused;
	int err = staple_der_read_bit_string(&next, &r->signature, &unused);

	if (err == STAPLE_OK && unused != 0)
		err = STAPLE_ERR_BIT_STRING;
	if (err != STAPLE_OK)
		return staple_ctx_fail(c, err, seq->p);
	*seq = next;
	return STAPLE_OK;
}

/*
 * certs   [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL
 *
 * Certificates are kept whole and unparsed; the verifier reads the ones
 * it needs.  Past STAPLE_MAX_CERTS they are checked and counted only:
 * staple_cert_at() finds them again in cert_list.
 */
static int parse_certs(struct staple_ctx *c, struct staple_slice *seq,
                       struct staple_response *r)
{
	struct staple_slice tagged, list;
	int present, err;

	err = staple_der_read_optional(seq, STAPLE_TAG_CONTEXT_CONS(0), &tagged,
	                               &present);
	if (err != STAPLE_OK)
		return staple_ctx_fail(c, err, seq->p);
	if (!present)
		return STAPLE_OK;
	err = staple_ctx_read(c, &tagged, STAPLE_TAG_SEQUENCE, &list);
	if (err == STAPLE_OK)
		err = staple_ctx_end(c, &tagged);
	if (err != STAPLE_OK)
		return err;
	r->cert_list = list;
	while (list.n > 0) {
		struct staple_slice next = list, cert;
		err = staple_der_read_whole(&next, STAPLE_TAG_SEQUENCE, &cert);
		if (err != STAPLE_OK)
			return staple_ctx_fail(c, err, list.p);
		list = next;
		if (r->n_certs < STAPLE_MAX_CERTS)
			r->certs[r->n_certs] = cert;
		r->n_certs++;
	}
	return STAPLE_OK;
}

/*
 * BasicOCSPResponse ::= SEQUENCE {
 *    tbsResponseData      ResponseData,
 *    signatureAlgorithm   AlgorithmIdentifier,
 *    signature            BIT STRING,
 *    certs            [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL }
 *
 * `cur` is the contents of ResponseBytes.response, which holds exactly one
 * BasicOCSPResponse.
 */
static int parse_basic(struct staple_ctx *c, struct staple_slice *cur,
                       struct staple_response *r)
{
	struct staple_slice seq;
	int err;

	err = staple_ctx_read(c, cur, STAPLE_TAG_SEQUENCE, &seq);
	if (err == STAPLE_OK)
		err = staple_ctx_end(c, cur);
	if (err == STAPLE_OK)
		err = parse_response_data(c, &seq, r);
	if (err == STAPLE_OK)
		err = staple_der_read_algorithm(c, &seq, &r->sig_oid,
		                                &r->sig_params);
	if (err == STAPLE_OK)
		err = parse_signature(c, &seq, r);
	if (err == STAPLE_OK)
		err = parse_certs(c, &seq, r);
	if (err != STAPLE_OK)
		return err;
	return staple_ctx_end(c, &seq);
}

/*
 * ResponseBytes ::= SEQUENCE {
 *    responseType   OBJECT IDENTIFIER,
 *    response       OCTET STRING }
 *
 * `tagged` is the contents of the [0] EXPLICIT tag; *octets gets those of
 * response.
 */
static int parse_response_bytes(struct staple_ctx *c,
                                struct staple_slice tagged,
                                struct staple_slice *octets)
{
	struct staple_slice bytes, type;
	const uint8_t *at;
	int err;

	err = staple_ctx_read(c, &tagged, STAPLE_TAG_SEQUENCE, &bytes);
	if (err == STAPLE_OK)
		err = staple_ctx_end(c, &tagged);
	if (err != STAPLE_OK)
		return err;
	/* id-pkix-ocsp-basic is the only type */
	at = bytes.p;
	err = staple_der_read_oid(&bytes, &type);
	if (err == STAPLE_OK &&
	    !staple_oid_is(type, STAPLE_OID_OCSP_BASIC))
		err = STAPLE_ERR_RESPONSE_TYPE;
	if (err != STAPLE_OK)
		return staple_ctx_fail(c, err, at);
	err = staple_ctx_read(c, &bytes, STAPLE_TAG_OCTET_STRING, octets);
	if (err != STAPLE_OK)
		return err;
	return staple_ctx_end(c, &bytes);
}

/*
 * OCSPResponse ::= SEQUENCE {
 *    responseStatus   OCSPResponseStatus,
 *    responseBytes    [0] EXPLICIT ResponseBytes OPTIONAL }
 *
 * OCSPResponseStatus ::= ENUMERATED {
 *    successful (0), malformedRequest (1), internalError (2),
 *    tryLater (3), -- (4) is not used -- sigRequired (5), unauthorized (6) }
 *
 * RFC 6960 2.3: error responses are not signed and carry no responseBytes;
 * a successful one must carry them.
 */
static int parse_response(struct staple_ctx *c, struct staple_slice *cur,
                          struct staple_response *r)
{
	struct staple_slice seq, octets;
	int err;

	err = staple_ctx_read(c, cur, STAPLE_TAG_SEQUENCE, &seq);
	if (err != STAPLE_OK)
		return err;
	{
		struct staple_slice tagged;
		const uint8_t *at = seq.p;
		unsigned long status;
		int present;
		err = staple_der_read_small(&seq, STAPLE_TAG_ENUMERATED, 6,
		                            STAPLE_ERR_RESPONSE_STATUS, &status);
		if (err == STAPLE_OK && status == 4)
			err = STAPLE_ERR_RESPONSE_STATUS;
		if (err != STAPLE_OK)
			return staple_ctx_fail(c, err, at);
		at = seq.p;
		err = staple_der_read_optional(&seq, STAPLE_TAG_CONTEXT_CONS(0),
		                               &tagged, &present);
		if (err != STAPLE_OK)
			return staple_ctx_fail(c, err, at);
		if (status != STAPLE_RESPONSE_SUCCESSFUL && present)
			return staple_ctx_fail(c, STAPLE_ERR_UNEXPECTED, at);
		if (status == STAPLE_RESPONSE_SUCCESSFUL && !present)
			return staple_ctx_fail(c, STAPLE_ERR_MISSING, at);
		r->status = (enum staple_response_status)status;
		if (!present)
			return staple_ctx_end(c, &seq);
		err = parse_response_bytes(c, tagged, &octets);
	}
	if (err == STAPLE_OK)
		err = parse_basic(c, &octets, r);
	if (err != STAPLE_OK)
		return err;
	return staple_ctx_end(c, &seq);
}

static void response_reset(struct staple_response *r)
{
	size_t i;

	memset(r, 0, sizeof *r);
	r->status = STAPLE_RESPONSE_NONE;
	r->responder = STAPLE_RESPONDER_NONE;
	/* what single_reset sets; cert_status UNKNOWN is 0 */
	for (i = 0; i < STAPLE_MAX_SINGLE; i++)
		r->single[i].reason = STAPLE_OCSP_REASON_NONE;
}

/*
 * A caller compiled with another layout of struct staple_response: only
 * the fields before the arrays sit at the same place in its struct
 * (staple.h, THE DECODED STRUCT'S LAYOUT), so only they are reset.
 */
static int refuse_layout(struct staple_response *out, size_t out_size)
{
	if (out_size >= offsetof(struct staple_response, single))
		memset(out, 0, offsetof(struct staple_response, single));
	out->status = STAPLE_RESPONSE_NONE;
	return STAPLE_ERR_ABI;
}

/* see staple.h */
int staple_decode_abi(struct staple_response *out, const uint8_t *der,
                      size_t len, unsigned abi_version, size_t out_size,
                      size_t max_single, size_t max_certs)
{
	struct staple_ctx c = {NULL, 0, 0};
	struct staple_slice cur;
	int err;

	if (out == NULL)
		return STAPLE_ERR_ARGUMENT;
	if (abi_version != STAPLE_ABI_VERSION ||
	    out_size != sizeof(struct staple_response) ||
	    max_single != STAPLE_MAX_SINGLE || max_certs != STAPLE_MAX_CERTS)
		return refuse_layout(out, out_size);
	response_reset(out);
	if (der == NULL && len > 0)
		return STAPLE_ERR_ARGUMENT;
	cur.p = der;
	cur.n = len;
	err = parse_response(&c, &cur, out);
	if (err == STAPLE_OK)
		err = staple_ctx_end(&c, &cur);
	if (err != STAPLE_OK) {
		response_reset(out);
		out->error_offset = staple_ctx_offset(&c, der, len);
		return err;
	}
	out->leniencies = c.leniencies;
	out->unknown_critical = c.unknown_critical;
	return STAPLE_OK;
}

/* see staple.h: the name for callers that do not see the macro */
int (staple_decode)(struct staple_response *out, const uint8_t *der,
                    size_t len)
{
	return staple_decode_abi(out, der, len, STAPLE_ABI_VERSION,
	                         sizeof(struct staple_response),
	                         STAPLE_MAX_SINGLE, STAPLE_MAX_CERTS);
}

/* see staple.h */
size_t staple_error_offset(const struct staple_response *r)
{
	return r != NULL ? r->error_offset : 0;
}

/*
 * The index-th element, tag+length+contents, of a SEQUENCE OF whose
 * contents are `list`: decoding checked every element, so those before
 * it are stepped over whole.
 */
static int list_element(struct staple_slice list, size_t index,
                        struct staple_slice *whole)
{
	size_t i;
	int err = STAPLE_OK;

	for (i = 0; i <= index && err == STAPLE_OK; i++)
		err = staple_der_read_whole(&list, STAPLE_TAG_SEQUENCE, whole);
	return err;
}

/* see staple.h */
int staple_single_at(const struct staple_response *r, size_t index,
                     struct staple_single *out)
{
	struct staple_ctx scratch = {NULL, 0, 0};
	struct staple_slice whole;
	int err;

	if (out == NULL)
		return STAPLE_ERR_ARGUMENT;
	single_reset(out);
	if (r == NULL || r->status == STAPLE_RESPONSE_NONE)
		return STAPLE_ERR_ARGUMENT;
	if (index >= r->n_single)
		return STAPLE_ERR_RANGE;
	if (index < STAPLE_MAX_SINGLE) {
		*out = r->single[index];
		return STAPLE_OK;
	}
	/* Past the stored entries: only this one is read again. */
	err = list_element(r->responses, index, &whole);
	if (err == STAPLE_OK)
		err = parse_single(&scratch, &whole, out);
	if (err != STAPLE_OK)
		single_reset(out);
	return err;
}

/* see staple.h */
int staple_cert_at(const struct staple_response *r, size_t index,
                   struct staple_slice *out)
{
	int err;

	if (out == NULL)
		return STAPLE_ERR_ARGUMENT;
	out->p = NULL;
	out->n = 0;
	if (r == NULL || r->status == STAPLE_RESPONSE_NONE)
		return STAPLE_ERR_ARGUMENT;
	if (index >= r->n_certs)
		return STAPLE_ERR_RANGE;
	if (index < STAPLE_MAX_CERTS) {
		*out = r->certs[index];
		return STAPLE_OK;
	}
	err = list_element(r->cert_list, index, out);
	if (err != STAPLE_OK) {
		out->p = NULL;
		out->n = 0;
	}
	return err;
}
