/*
 * ocsp.c -- the OCSPResponse decoder (RFC 6960 4.2.1): one parse function
 * per ASN.1 type, each under its definition from the RFC's module, which
 * uses EXPLICIT tags.
 *
 * Parse functions record where an error was found in the context and
 * return its code; the readers of der.h never move on failure, so that
 * place is the cursor handed to the reader that failed.
 */
#include "der.h"
#include "oid.h"

#include <string.h>

/*
 * AlgorithmIdentifier (der.h): the OID and its parameters TLV.  Here and
 * below, an out-of-line reader gets a copy of the cursor, so that the
 * cursor itself can stay in registers.
 */
STAPLE_HOT int parse_algorithm(struct staple_ctx *c, struct staple_slice *cur,
                               struct staple_slice *oid,
                               struct staple_slice *params)
{
	struct staple_slice next = *cur;
	const uint8_t *at;
	int err = staple_der_read_algorithm(&next, oid, params, &at);

	if (err != STAPLE_OK)
		return staple_ctx_fail(c, err, at);
	*cur = next;
	return STAPLE_OK;
}

/*
 * GeneralizedTime.  The SingleResponses of one response nearly always
 * share thisUpdate and nextUpdate, so with STAPLE_FAST each is compared
 * with the same field of the entry before (memo; NULL for none) and
 * converted only when it differs.  The usual encoding, 18 0F and
 * YYYYMMDDHHMMSSZ, is recognised at once; anything else goes through
 * the general reader.
 */
struct time_memo {
	const uint8_t *text; /* YYYYMMDDHHMMSSZ last converted, or NULL */
	int64_t ms;          /* its value */
};

/*
 * What parse_single() keeps of the entry before it, with STAPLE_FAST
 * (without, it keeps nothing and gets NULL, and the decoder's stack is
 * the smaller): its two times and its CertID.  The entries of one
 * response nearly always name the same issuer by the same hash, so a
 * CertID whose bytes up to serialNumber are those of the one before is
 * not read again: its fields are the same, at the same distance.
 */
struct entry_memo {
	struct time_memo this_update, next_update;
	const uint8_t *issuer;            /* that CertID's contents, or NULL */
	size_t issuer_n;                  /* how many bytes precede its serial */
	const struct staple_single *from; /* where it was decoded */
};

#if STAPLE_FAST
static inline uint64_t load64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof v);
	return v;
}
#endif

/* parse_time() in full: any length, a fraction, every failure. */
static int parse_time_slow(struct staple_ctx *c, struct staple_slice *cur,
                           int64_t *ms, struct time_memo *memo)
{
	struct staple_slice next = *cur, t;
	int err = staple_der_read(&next, STAPLE_TAG_GENERALIZED_TIME, &t);

	if (err == STAPLE_OK && memo != NULL && memo->text != NULL &&
	    t.n == 15 && memcmp(t.p, memo->text, 15) == 0) {
		*ms = memo->ms;
		*cur = next;
		return STAPLE_OK;
	}
	if (err == STAPLE_OK)
		err = staple_time_generalized(t.p, t.n, ms);
	if (err != STAPLE_OK)
		return staple_ctx_fail(c, err, cur->p);
	if (memo != NULL && t.n == 15) {
		memo->text = t.p;
		memo->ms = *ms;
	}
	*cur = next;
	return STAPLE_OK;
}

STAPLE_HOT int parse_time(struct staple_ctx *c, struct staple_slice *cur,
                          int64_t *ms, struct time_memo *memo)
{
#if STAPLE_FAST
	const uint8_t *p = cur->p;
	struct staple_slice copy;
	int err;

	if (cur->n >= 17 && p[0] == STAPLE_TAG_GENERALIZED_TIME && p[1] == 15) {
		if (memo != NULL && memo->text != NULL &&
		    load64(p + 2) == load64(memo->text) &&
		    load64(p + 9) == load64(memo->text + 7)) {
			*ms = memo->ms;
		} else {
			err = staple_time_generalized(p + 2, 15, ms);
			if (err != STAPLE_OK)
				return staple_ctx_fail(c, err, p);
			if (memo != NULL) {
				memo->text = p + 2;
				memo->ms = *ms;
			}
		}
		cur->p = p + 17;
		cur->n -= 17;
		return STAPLE_OK;
	}
	/* a copy, so that *cur can stay in registers */
	copy = *cur;
	err = parse_time_slow(c, &copy, ms, memo);
	*cur = copy;
	return err;
#else
	return parse_time_slow(c, cur, ms, memo);
#endif
}

/*
 * CertID.hashAlgorithm.  Nearly every responder writes a hash staple
 * knows with NULL parameters or none (RFC 5754 2, RFC 3279 2.1), and such
 * an AlgorithmIdentifier is DER by construction: a known OID, then 05 00
 * or nothing.  That is recognised in one comparison; anything else goes
 * through the general reader.
 */
static int parse_cert_id_hash(struct staple_ctx *c, struct staple_slice *cur,
                              struct staple_single *s)
{
	struct staple_slice seq, params, next = *cur;
	int err;

	if (staple_der_read(&next, STAPLE_TAG_SEQUENCE, &seq) == STAPLE_OK &&
	    seq.n >= 2 && seq.p[0] == STAPLE_TAG_OID &&
	    (seq.n == 2u + seq.p[1] ||
	     (seq.n == 4u + seq.p[1] && seq.p[seq.n - 2] == STAPLE_TAG_NULL &&
	      seq.p[seq.n - 1] == 0))) {
		s->hash_oid.p = seq.p + 2;
		s->hash_oid.n = seq.p[1];
		s->hash = staple_hash_from_oid(s->hash_oid);
		if (s->hash != STAPLE_HASH_OTHER) {
			*cur = next;
			return STAPLE_OK;
		}
	}
	err = parse_algorithm(c, cur, &s->hash_oid, &params);
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
	return STAPLE_OK;
}

/*
 * 1 when the CertID contents at *seq repeat those of the entry before up
 * to its serialNumber: *s gets that entry's hash and issuer fields, moved
 * to these bytes, and *seq is moved past them.
 */
STAPLE_HOT int issuer_repeats(const struct entry_memo *memo,
                              struct staple_slice *seq,
                              struct staple_single *s)
{
	const struct staple_single *from;
	ptrdiff_t moved;

	if (memo == NULL || memo->issuer == NULL || seq->n <= memo->issuer_n ||
	    memcmp(seq->p, memo->issuer, memo->issuer_n) != 0)
		return 0;
	from = memo->from;
	moved = seq->p - memo->issuer;
	s->hash = from->hash;
	s->hash_oid.p = from->hash_oid.p + moved;
	s->hash_oid.n = from->hash_oid.n;
	s->issuer_name_hash.p = from->issuer_name_hash.p + moved;
	s->issuer_name_hash.n = from->issuer_name_hash.n;
	s->issuer_key_hash.p = from->issuer_key_hash.p + moved;
	s->issuer_key_hash.n = from->issuer_key_hash.n;
	seq->p += memo->issuer_n;
	seq->n -= memo->issuer_n;
	return 1;
}

/* The CertID contents [start, end) before serialNumber went into *s. */
STAPLE_HOT void issuer_remember(struct entry_memo *memo, const uint8_t *start,
                                const uint8_t *end,
                                const struct staple_single *s)
{
	if (memo == NULL)
		return;
	memo->issuer = start;
	memo->issuer_n = (size_t)(end - start);
	memo->from = s;
}

/*
 * CertID ::= SEQUENCE {
 *    hashAlgorithm   AlgorithmIdentifier,
 *    issuerNameHash  OCTET STRING,
 *    issuerKeyHash   OCTET STRING,
 *    serialNumber    CertificateSerialNumber }
 */
static int parse_cert_id(struct staple_ctx *c, struct staple_slice *cur,
                         struct staple_single *s, struct entry_memo *memo)
{
	struct staple_slice seq;
	const uint8_t *start;
	int err;

	err = staple_ctx_read(c, cur, STAPLE_TAG_SEQUENCE, &seq);
	if (err != STAPLE_OK)
		return err;
	start = seq.p;
	if (!issuer_repeats(memo, &seq, s)) {
		err = parse_cert_id_hash(c, &seq, s);
		if (err == STAPLE_OK)
			err = staple_ctx_read(c, &seq, STAPLE_TAG_OCTET_STRING,
			                      &s->issuer_name_hash);
		if (err == STAPLE_OK)
			err = staple_ctx_read(c, &seq, STAPLE_TAG_OCTET_STRING,
			                      &s->issuer_key_hash);
		if (err != STAPLE_OK)
			return err;
	}
	issuer_remember(memo, start, seq.p, s);
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

	err = parse_time(c, &info, &s->revoked_at, NULL);
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
		const uint8_t *at = walk.p, *err_at;
		err = staple_der_read_extension(&walk, &oid, &critical, &value,
		                                &err_at);
		if (err != STAPLE_OK)
			return staple_ctx_fail(c, err, err_at);
		/* RFC 5280 4.2: at most one instance of an extension */
		if (staple_der_extension_seen(*list, at, oid))
			return staple_ctx_fail(
				c, STAPLE_ERR_DUPLICATE_EXTENSION, at);
		if (nonce != NULL &&
		    staple_slice_is(oid, staple_oid_ocsp_nonce,
		                    sizeof staple_oid_ocsp_nonce))
			*nonce = value;
		else if (nonce != NULL &&
		         staple_slice_is(oid, staple_oid_ocsp_extended_revoke,
		                         sizeof staple_oid_ocsp_extended_revoke))
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
 * Every field of *s is set; memo is what the entry before left (struct
 * entry_memo), or NULL.
 */
static int parse_single(struct staple_ctx *c, struct staple_slice *cur,
                        struct staple_single *s, struct entry_memo *memo)
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
		err = parse_cert_id(c, &seq, s, memo);
	if (err == STAPLE_OK)
		err = parse_cert_status(c, &seq, s);
	if (err == STAPLE_OK)
		err = parse_time(c, &seq, &s->this_update,
		                 memo != NULL ? &memo->this_update : NULL);
	if (err != STAPLE_OK)
		return err;
	err = staple_der_read_optional(&seq, STAPLE_TAG_CONTEXT_CONS(0), &tagged,
	                               &present);
	if (err != STAPLE_OK)
		return staple_ctx_fail(c, err, seq.p);
	if (present) {
		err = parse_time(c, &tagged, &s->next_update,
		                 memo != NULL ? &memo->next_update : NULL);
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
 * and counted: with STAPLE_FAST each is read into a scratch entry, and
 * with neither the entry memo nor the scratch, which would take a third
 * of the decoder's stack, into the last slot, whose own entry is then
 * read again at the end.
 */
static int parse_responses(struct staple_ctx *c, struct staple_response *r)
{
	struct staple_single *last = &r->single[STAPLE_MAX_SINGLE - 1];
#if STAPLE_FAST
	struct entry_memo space, *memo = &space;
	struct staple_single scratch, *past = &scratch;
#else
	struct entry_memo *memo = NULL;
	struct staple_single *past = last;
#endif
	struct staple_slice walk = r->responses, kept = {NULL, 0};
	int err;

#if STAPLE_FAST
	/* what says "nothing kept yet" */
	space.this_update.text = space.next_update.text = NULL;
	space.issuer = NULL;
#endif
	while (walk.n > 0) {
		struct staple_single *s = past;
		if (r->n_single < STAPLE_MAX_SINGLE)
			s = &r->single[r->n_single];
		if (r->n_single == STAPLE_MAX_SINGLE - 1)
			kept = walk;
		err = parse_single(c, &walk, s, memo);
		if (err != STAPLE_OK)
			return err;
		r->n_single++;
	}
	if (r->n_single <= STAPLE_MAX_SINGLE || past != last)
		return STAPLE_OK;
	return parse_single(c, &kept, last, memo);
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
	struct staple_slice tagged, next;
	int err;

	if (staple_der_peek(cur, STAPLE_TAG_CONTEXT_CONS(1))) {
		const uint8_t *at;
		err = staple_ctx_read(c, cur, STAPLE_TAG_CONTEXT_CONS(1),
		                      &tagged);
		if (err != STAPLE_OK)
			return err;
		next = tagged;
		err = staple_der_read_name_at(&next, &r->responder_id, &at);
		if (err != STAPLE_OK)
			return staple_ctx_fail(c, err, at);
		tagged = next;
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
		err = parse_time(c, &seq, &r->produced_at, NULL);
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
 * signatureAlgorithm   AlgorithmIdentifier   (of BasicOCSPResponse)
 *
 * With STAPLE_FAST, the usual form, a short OID then 05 00 or nothing,
 * is read inline; anything else goes through the general reader.
 */
STAPLE_HOT int parse_sig_algorithm(struct staple_ctx *c,
                                   struct staple_slice *seq,
                                   struct staple_response *r)
{
#if STAPLE_FAST
	const uint8_t *p = seq->p;
	size_t n = seq->n, len, oid_n;

	if (n >= 4 && p[0] == STAPLE_TAG_SEQUENCE && p[1] < 0x80u &&
	    (len = p[1]) <= n - 2 && len >= 2 && p[2] == STAPLE_TAG_OID &&
	    (oid_n = p[3]) < 0x80u &&
	    (len == 2 + oid_n ||
	     (len == 4 + oid_n && p[2 + len - 2] == STAPLE_TAG_NULL &&
	      p[2 + len - 1] == 0))) {
		struct staple_slice oid;
		oid.p = p + 4;
		oid.n = oid_n;
		if (staple_der_oid_is_valid(oid)) {
			r->sig_oid = oid;
			if (len > 2 + oid_n) {
				r->sig_params.p = p + 4 + oid_n;
				r->sig_params.n = 2;
			}
			seq->p = p + 2 + len;
			seq->n = n - 2 - len;
			return STAPLE_OK;
		}
	}
#endif
	return parse_algorithm(c, seq, &r->sig_oid, &r->sig_params);
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
		err = parse_sig_algorithm(c, &seq, r);
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
	/* id-pkix-ocsp-basic is the only type, and a valid OID: anything
	 * else is read as an OID to tell which error */
	at = bytes.p;
	err = staple_der_read(&bytes, STAPLE_TAG_OID, &type);
	if (err == STAPLE_OK &&
	    !staple_slice_is(type, staple_oid_ocsp_basic,
	                     sizeof staple_oid_ocsp_basic)) {
		struct staple_slice again;
		again.p = at;
		again.n = bytes.n + (size_t)(bytes.p - at);
		err = staple_der_read_oid(&again, &type);
		if (err == STAPLE_OK)
			err = STAPLE_ERR_RESPONSE_TYPE;
	}
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

/* see staple.h */
int staple_single_at(const struct staple_response *r, size_t index,
                     struct staple_single *out)
{
	struct staple_ctx scratch = {NULL, 0, 0};
	struct staple_slice walk, skipped;
	size_t i;
	int err = STAPLE_OK;

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
	/* Past the stored entries: decoding checked them all, so the ones
	 * before are stepped over whole and only this one is read again. */
	walk = r->responses;
	for (i = 0; i < index && err == STAPLE_OK; i++)
		err = staple_der_read(&walk, STAPLE_TAG_SEQUENCE, &skipped);
	if (err == STAPLE_OK)
		err = parse_single(&scratch, &walk, out, NULL);
	if (err != STAPLE_OK)
		single_reset(out);
	return err;
}

/* see staple.h */
int staple_cert_at(const struct staple_response *r, size_t index,
                   struct staple_slice *out)
{
	struct staple_slice walk;
	size_t i;
	int err = STAPLE_OK;

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
	/* Decoding checked every one: step over those before it. */
	walk = r->cert_list;
	for (i = 0; i <= index && err == STAPLE_OK; i++)
		err = staple_der_read_whole(&walk, STAPLE_TAG_SEQUENCE, out);
	if (err != STAPLE_OK) {
		out->p = NULL;
		out->n = 0;
	}
	return err;
}
