/*
 * ext.c -- extensions of OCSP responses, read on request (staple.h,
 * EXTENSIONS): the iterator over an Extensions list, and one parse
 * function per extnValue type under its definition.  staple_decode()
 * calls nothing here.
 */
#include "der.h"
#include "oid.h"

#include <string.h>

static const struct staple_slice empty = {NULL, 0};

/* see staple.h; indexed by enum staple_ext_kind (OIDs in oid.c) */
const char *staple_ext_kind_name(int kind)
{
	static const char *const names[] = {
		"", "nonce", "crl_id", "acceptable_responses",
		"archive_cutoff", "service_locator", "extended_revoke",
		"invalidity_date", "sct_list"};

	if (kind < 0 || (size_t)kind >= sizeof names / sizeof names[0])
		return "";
	return names[kind];
}

/* see staple.h */
enum staple_ext_kind staple_ext_kind_of(struct staple_slice oid)
{
	enum staple_oid id =
		staple_oid_find(oid, STAPLE_OID_NONCE, STAPLE_OID_SCT_LIST);

	if (id == STAPLE_OID_NONE)
		return STAPLE_EXT_UNKNOWN;
	return (enum staple_ext_kind)(STAPLE_EXT_NONCE +
	                              (id - STAPLE_OID_NONCE));
}

/* see staple.h */
void staple_ext_iter_init(struct staple_ext_iter *it, struct staple_slice list,
                          int place)
{
	if (it == NULL)
		return;
	it->list = list;
	it->rest = list;
	it->place = (enum staple_ext_place)place;
}

/* The decoders' rule (oid.h): what they act on where the list is. */
static int understood(enum staple_ext_place place, struct staple_slice oid)
{
	if (place == STAPLE_EXT_IN_CERT)
		return staple_cert_ext_understood(oid);
	return staple_ocsp_ext_understood(oid, place == STAPLE_EXT_IN_RESPONSE);
}

/*
 * Extension ::= SEQUENCE {
 *    extnID     OBJECT IDENTIFIER,
 *    critical   BOOLEAN DEFAULT FALSE,
 *    extnValue  OCTET STRING }
 *
 * Read with the decoders' own reader and duplicate check (der.c).
 */
int staple_ext_next(struct staple_ext_iter *it, struct staple_ext *out)
{
	struct staple_slice next;
	int err;

	if (out != NULL)
		memset(out, 0, sizeof *out);
	if (it == NULL || out == NULL ||
	    (it->place != STAPLE_EXT_IN_RESPONSE &&
	     it->place != STAPLE_EXT_IN_SINGLE &&
	     it->place != STAPLE_EXT_IN_CERT))
		return STAPLE_ERR_ARGUMENT;
	if (it->rest.n == 0)
		return STAPLE_ERR_END;
	next = it->rest;
	err = staple_der_read_extension(NULL, &next, &out->oid, &out->critical,
	                                &out->value);
	if (err == STAPLE_OK &&
	    staple_der_extension_seen(it->list, it->rest.p, out->oid))
		err = STAPLE_ERR_DUPLICATE_EXTENSION; /* RFC 5280 4.2 */
	if (err != STAPLE_OK) {
		memset(out, 0, sizeof *out);
		return err;
	}
	out->whole.p = it->rest.p;
	out->whole.n = it->rest.n - next.n;
	out->kind = staple_ext_kind_of(out->oid);
	out->understood = understood(it->place, out->oid);
	it->rest = next;
	return STAPLE_OK;
}

/* Nonce ::= OCTET STRING   (RFC 6960 4.4.1, RFC 8954) */
int staple_ext_nonce(struct staple_slice value, struct staple_slice *nonce,
                     enum staple_nonce_form *form)
{
	struct staple_slice cur = value, inner;

	if (nonce == NULL || form == NULL)
		return STAPLE_ERR_ARGUMENT;
	*nonce = empty;
	*form = STAPLE_NONCE_NONE;
	if (staple_der_read(&cur, STAPLE_TAG_OCTET_STRING, &inner) ==
	            STAPLE_OK &&
	    cur.n == 0) {
		if (inner.n == 0)
			return STAPLE_ERR_EMPTY;
		*nonce = inner;
		*form = STAPLE_NONCE_OCTET_STRING;
		return STAPLE_OK;
	}
	if (value.n == 0)
		return STAPLE_ERR_EMPTY;
	*nonce = value;
	*form = STAPLE_NONCE_RAW;
	return STAPLE_OK;
}

/* An EXPLICIT [n] tag holding exactly one element: *inner its contents. */
static int read_explicit(struct staple_slice *cur, unsigned n,
                         struct staple_slice *inner)
{
	return staple_der_read(cur, (uint8_t)STAPLE_TAG_CONTEXT_CONS(n), inner);
}

/* X.680 41.4 (IA5): the characters of ISO 646, octets 0x00-0x7f. */
static int ia5_ok(struct staple_slice s)
{
	size_t i;

	for (i = 0; i < s.n; i++)
		if (s.p[i] > 0x7f)
			return 0;
	return 1;
}

/*
 * CrlID ::= SEQUENCE {
 *    crlUrl    [0] EXPLICIT IA5String OPTIONAL,
 *    crlNum    [1] EXPLICIT INTEGER OPTIONAL,
 *    crlTime   [2] EXPLICIT GeneralizedTime OPTIONAL }
 */
static int parse_crl_id(struct staple_slice value, struct staple_crl_id *out)
{
	struct staple_slice seq, tagged;
	int err;

	err = staple_der_read(&value, STAPLE_TAG_SEQUENCE, &seq);
	if (err != STAPLE_OK)
		return err;
	if (value.n != 0)
		return STAPLE_ERR_TRAILING_DATA;
	if (staple_der_peek(&seq, STAPLE_TAG_CONTEXT_CONS(0))) {
		err = read_explicit(&seq, 0, &tagged);
		if (err == STAPLE_OK)
			err = staple_der_read(&tagged, STAPLE_TAG_IA5_STRING,
			                      &out->url);
		if (err == STAPLE_OK && tagged.n != 0)
			err = STAPLE_ERR_TRAILING_DATA;
		if (err == STAPLE_OK && !ia5_ok(out->url))
			err = STAPLE_ERR_STRING;
		if (err != STAPLE_OK)
			return err;
		out->has_url = 1;
	}
	if (staple_der_peek(&seq, STAPLE_TAG_CONTEXT_CONS(1))) {
		err = read_explicit(&seq, 1, &tagged);
		if (err == STAPLE_OK)
			err = staple_der_read_integer(&tagged, &out->number);
		if (err == STAPLE_OK && tagged.n != 0)
			err = STAPLE_ERR_TRAILING_DATA;
		if (err != STAPLE_OK)
			return err;
		out->has_number = 1;
	}
	if (staple_der_peek(&seq, STAPLE_TAG_CONTEXT_CONS(2))) {
		err = read_explicit(&seq, 2, &tagged);
		if (err == STAPLE_OK)
			err = staple_der_read_generalized_time(&tagged,
			                                       &out->time);
		if (err == STAPLE_OK && tagged.n != 0)
			err = STAPLE_ERR_TRAILING_DATA;
		if (err != STAPLE_OK)
			return err;
		out->has_time = 1;
	}
	/* anything left is out of order, repeated or unknown */
	return seq.n == 0 ? STAPLE_OK : STAPLE_ERR_TRAILING_DATA;
}

/* see staple.h */
int staple_ext_crl_id(struct staple_slice value, struct staple_crl_id *out)
{
	int err;

	if (out == NULL)
		return STAPLE_ERR_ARGUMENT;
	memset(out, 0, sizeof *out);
	err = parse_crl_id(value, out);
	if (err != STAPLE_OK)
		memset(out, 0, sizeof *out);
	return err;
}

/* GeneralizedTime, the whole extnValue. */
static int parse_time_value(struct staple_slice value, int64_t *ms)
{
	int err;

	if (ms == NULL)
		return STAPLE_ERR_ARGUMENT;
	*ms = 0;
	err = staple_der_read_generalized_time(&value, ms);
	if (err == STAPLE_OK && value.n != 0) {
		*ms = 0;
		err = STAPLE_ERR_TRAILING_DATA;
	}
	return err;
}

/* ArchiveCutoff ::= GeneralizedTime   (RFC 6960 4.4.4) */
int staple_ext_archive_cutoff(struct staple_slice value, int64_t *ms)
{
	return parse_time_value(value, ms);
}

/* InvalidityDate ::= GeneralizedTime   (RFC 5280 5.3.2) */
int staple_ext_invalidity_date(struct staple_slice value, int64_t *ms)
{
	return parse_time_value(value, ms);
}

/* see staple.h */
int staple_ext_oid_next(struct staple_slice *cur, struct staple_slice *oid)
{
	if (oid == NULL)
		return STAPLE_ERR_ARGUMENT;
	*oid = empty;
	if (cur == NULL)
		return STAPLE_ERR_ARGUMENT;
	if (cur->n == 0)
		return STAPLE_ERR_END;
	return staple_der_read_oid(cur, oid);
}

/* AcceptableResponses ::= SEQUENCE OF OBJECT IDENTIFIER   (4.4.3) */
int staple_ext_acceptable_responses(struct staple_slice value,
                                    struct staple_slice *list, size_t *count)
{
	struct staple_slice seq, walk, oid;
	size_t n = 0;
	int err;

	if (list == NULL || count == NULL)
		return STAPLE_ERR_ARGUMENT;
	*list = empty;
	*count = 0;
	err = staple_der_read(&value, STAPLE_TAG_SEQUENCE, &seq);
	if (err != STAPLE_OK)
		return err;
	if (value.n != 0)
		return STAPLE_ERR_TRAILING_DATA;
	walk = seq;
	while ((err = staple_ext_oid_next(&walk, &oid)) == STAPLE_OK)
		n++;
	if (err != STAPLE_ERR_END)
		return err;
	*list = seq;
	*count = n;
	return STAPLE_OK;
}

/*
 * AuthorityInfoAccessSyntax ::= SEQUENCE SIZE (1..MAX) OF AccessDescription
 * AccessDescription ::= SEQUENCE {
 *    accessMethod    OBJECT IDENTIFIER,
 *    accessLocation  GeneralName }
 *
 * GeneralName is a CHOICE of context-tagged alternatives (RFC 5280
 * 4.2.1.6): one element whose tag has class context-specific.
 */
static int parse_aia(struct staple_slice *cur, struct staple_slice *whole)
{
	struct staple_slice next = *cur, tlv, seq, desc, oid, name;
	uint8_t tag;
	int err;

	err = staple_der_read_whole(&next, STAPLE_TAG_SEQUENCE, whole);
	if (err != STAPLE_OK)
		return err;
	tlv = *whole;
	err = staple_der_read(&tlv, STAPLE_TAG_SEQUENCE, &seq);
	if (err == STAPLE_OK && seq.n == 0)
		err = STAPLE_ERR_EMPTY;
	while (err == STAPLE_OK && seq.n > 0) {
		err = staple_der_read(&seq, STAPLE_TAG_SEQUENCE, &desc);
		if (err == STAPLE_OK)
			err = staple_der_read_oid(&desc, &oid);
		if (err == STAPLE_OK)
			err = staple_der_read_any(&desc, &tag, &name, NULL);
		if (err == STAPLE_OK && (tag & 0xc0u) != 0x80u)
			err = STAPLE_ERR_TAG;
		if (err == STAPLE_OK && desc.n != 0)
			err = STAPLE_ERR_TRAILING_DATA;
	}
	if (err != STAPLE_OK) {
		*whole = empty;
		return err;
	}
	*cur = next;
	return STAPLE_OK;
}

/*
 * ServiceLocator ::= SEQUENCE {
 *    issuer    Name,
 *    locator   AuthorityInfoAccessSyntax }
 */
int staple_ext_service_locator(struct staple_slice value,
                               struct staple_service_locator *out)
{
	struct staple_slice seq;
	int err;

	if (out == NULL)
		return STAPLE_ERR_ARGUMENT;
	memset(out, 0, sizeof *out);
	err = staple_der_read(&value, STAPLE_TAG_SEQUENCE, &seq);
	if (err == STAPLE_OK && value.n != 0)
		err = STAPLE_ERR_TRAILING_DATA;
	if (err == STAPLE_OK)
		err = staple_der_read_name(NULL, &seq, &out->issuer);
	if (err == STAPLE_OK)
		err = parse_aia(&seq, &out->locator);
	if (err == STAPLE_OK && seq.n != 0)
		err = STAPLE_ERR_TRAILING_DATA;
	if (err != STAPLE_OK)
		memset(out, 0, sizeof *out);
	return err;
}

/*
 * TLS vectors (RFC 5246 4.3): a big-endian length of `size` octets, then
 * that many octets, which must lie inside *cur.  Like the DER readers, a
 * read that fails leaves *cur where it was.
 */
static int tls_read_vector(struct staple_slice *cur, size_t size,
                           struct staple_slice *contents)
{
	size_t len = 0, i;

	*contents = empty;
	if (cur->n < size)
		return STAPLE_ERR_TRUNCATED;
	for (i = 0; i < size; i++)
		len = len << 8 | cur->p[i];
	if (len > cur->n - size)
		return STAPLE_ERR_TRUNCATED;
	contents->p = cur->p + size;
	contents->n = len;
	cur->p += size + len;
	cur->n -= size + len;
	return STAPLE_OK;
}

/* `size` octets of a big-endian integer (size <= 8). */
static int tls_read_uint(struct staple_slice *cur, size_t size, uint64_t *v)
{
	size_t i;

	*v = 0;
	if (cur->n < size)
		return STAPLE_ERR_TRUNCATED;
	for (i = 0; i < size; i++)
		*v = *v << 8 | cur->p[i];
	cur->p += size;
	cur->n -= size;
	return STAPLE_OK;
}

/*
 * struct {
 *     Version sct_version;                      v1(0)
 *     LogID id;                                 opaque key_id[32]
 *     uint64 timestamp;
 *     CtExtensions extensions;                  opaque <0..2^16-1>
 *     digitally-signed struct { ... };
 * } SignedCertificateTimestamp;                 (RFC 6962 3.2)
 *
 * digitally-signed (RFC 5246 4.7): SignatureAndHashAlgorithm (hash,
 * signature: one octet each), then opaque signature<0..2^16-1>.
 * `sct` is a SerializedSCT's contents, read whole.
 */
static int parse_sct(struct staple_slice sct, struct staple_sct *out)
{
	uint64_t v;
	int err;

	out->whole = sct;
	if (sct.n == 0) /* SerializedSCT<1..2^16-1> */
		return STAPLE_ERR_EMPTY;
	out->version = sct.p[0];
	if (out->version != 0)
		return STAPLE_OK; /* not v1: opaque to staple */
	sct.p++;
	sct.n--;
	if (sct.n < 32)
		return STAPLE_ERR_TRUNCATED;
	out->log_id.p = sct.p;
	out->log_id.n = 32;
	sct.p += 32;
	sct.n -= 32;
	err = tls_read_uint(&sct, 8, &out->timestamp);
	if (err == STAPLE_OK)
		err = tls_read_vector(&sct, 2, &out->extensions);
	if (err == STAPLE_OK)
		err = tls_read_uint(&sct, 1, &v);
	if (err == STAPLE_OK) {
		out->hash_alg = (unsigned)v;
		err = tls_read_uint(&sct, 1, &v);
	}
	if (err == STAPLE_OK) {
		out->sig_alg = (unsigned)v;
		err = tls_read_vector(&sct, 2, &out->signature);
	}
	if (err == STAPLE_OK && sct.n != 0)
		err = STAPLE_ERR_TRAILING_DATA;
	return err;
}

/* see staple.h */
int staple_sct_next(struct staple_sct_iter *it, struct staple_sct *out)
{
	struct staple_slice next, sct;
	int err;

	if (out != NULL)
		memset(out, 0, sizeof *out);
	if (it == NULL || out == NULL)
		return STAPLE_ERR_ARGUMENT;
	if (it->rest.n == 0)
		return STAPLE_ERR_END;
	next = it->rest;
	err = tls_read_vector(&next, 2, &sct);
	if (err == STAPLE_OK)
		err = parse_sct(sct, out);
	if (err != STAPLE_OK) {
		memset(out, 0, sizeof *out);
		return err;
	}
	it->rest = next;
	return STAPLE_OK;
}

/*
 * The extnValue is an OCTET STRING whose contents are a TLS-encoded
 * SignedCertificateTimestampList (RFC 6962 3.3):
 *
 *   struct { SerializedSCT sct_list<1..2^16-1>; }
 */
int staple_ext_sct_list(struct staple_slice value, struct staple_sct_iter *it,
                        size_t *count)
{
	struct staple_slice octets, list;
	struct staple_sct_iter walk;
	struct staple_sct sct;
	size_t n = 0;
	int err;

	if (count != NULL)
		*count = 0;
	if (it == NULL)
		return STAPLE_ERR_ARGUMENT;
	it->rest = empty;
	err = staple_der_read(&value, STAPLE_TAG_OCTET_STRING, &octets);
	if (err == STAPLE_OK && value.n != 0)
		err = STAPLE_ERR_TRAILING_DATA;
	if (err == STAPLE_OK)
		err = tls_read_vector(&octets, 2, &list);
	if (err == STAPLE_OK && octets.n != 0)
		err = STAPLE_ERR_TRAILING_DATA;
	if (err == STAPLE_OK && list.n == 0)
		err = STAPLE_ERR_EMPTY;
	if (err != STAPLE_OK)
		return err;
	walk.rest = list;
	while ((err = staple_sct_next(&walk, &sct)) == STAPLE_OK)
		n++;
	if (err != STAPLE_ERR_END)
		return err;
	it->rest = list;
	if (count != NULL)
		*count = n;
	return STAPLE_OK;
}
