/*
 * differential.c -- staple against OpenSSL's OCSP decoder: see
 * differential.h.
 *
 * The table of rules comes first: it is the complete list of reasons why
 * one decoder may accept an input that the other rejects.  Each rule has
 * a name, the sentence that justifies it (a clause of X.690, RFC 6960 or
 * RFC 5280, or staple.h's documented limits and scope) and a predicate
 * that recognises it from the input bytes and from what the two decoders
 * made of them.  A predicate is meant to be narrow: it checks the error
 * staple reported, at the offset staple reported it, and confirms the
 * reason independently (with OpenSSL, or by reading the element itself).
 *
 * Clause numbers: ITU-T X.690 and X.680 (02/2021), RFC 6960, RFC 5280,
 * RFC 3370, RFC 5754.
 */
#include "differential.h"

#include "staple.h"

#include <openssl/asn1.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/ocsp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <limits.h>
#include <stdarg.h>
#include <string.h>
#include <time.h>

/* What OpenSSL made of the input. */
struct openssl_side {
	OCSP_RESPONSE *resp;   /* d2i_OCSP_RESPONSE(), NULL if it failed */
	OCSP_BASICRESP *basic; /* OCSP_response_get1_basic() if successful */
	int status;            /* OCSP_response_status(), -1 without resp */
	int accepted;          /* see differential.h */
	char error[200];       /* why not accepted */
};

/* Both views of one input. */
struct sides {
	const uint8_t *der;
	size_t len;
	int st_err;                   /* staple_decode() */
	size_t st_offset;             /* staple_error_offset() */
	struct staple_response st;
	struct openssl_side os;
};

static int rule_status_undefined(const struct sides *s);
static int rule_bytes_with_error_status(const struct sides *s);
static int rule_reason_undefined(const struct sides *s);
static int rule_version_not_v1(const struct sides *s);
static int rule_time_not_der(const struct sides *s);
static int rule_universal_0(const struct sides *s);
static int rule_multi_octet_identifier(const struct sides *s);
static int rule_hash_parameters(const struct sides *s);
static int rule_duplicate_extension(const struct sides *s);
static int rule_empty_rdn(const struct sides *s);
static int rule_signature_partial_octet(const struct sides *s);
static int rule_trailing_in_octet_string(const struct sides *s);
static int rule_primitive_sequence_of(const struct sides *s);
static int rule_openssl_ber(const struct sides *s);
static int rule_opaque_certificate(const struct sides *s);
static int rule_opaque_parameters(const struct sides *s);
static int rule_opaque_attribute_value(const struct sides *s);

/*
 * THE RULES.  The first that matches names the verdict.
 */
static const struct rule {
	const char *name;
	int side; /* the side that accepts */
	const char *why;
	int (*match)(const struct sides *s);
} rules[] = {
	/* ---- OpenSSL accepts, staple rejects ---- */
	{"status_undefined", STAPLE_DIFF_ONLY_OPENSSL_ACCEPTS,
	 "RFC 6960 4.2.1 defines responseStatus 0, 1, 2, 3, 5 and 6 (4 is "
	 "not used); OpenSSL keeps any ENUMERATED value, staple rejects the "
	 "others (RESPONSE_STATUS).",
	 rule_status_undefined},
	{"bytes_with_error_status", STAPLE_DIFF_ONLY_OPENSSL_ACCEPTS,
	 "RFC 6960 2.3 and 4.2.1: an error response is not signed and "
	 "carries no responseBytes; OpenSSL ignores them when the status is "
	 "not successful, staple rejects them (UNEXPECTED).",
	 rule_bytes_with_error_status},
	{"reason_undefined", STAPLE_DIFF_ONLY_OPENSSL_ACCEPTS,
	 "RFC 5280 5.3.1 defines CRLReason 0 to 10 without 7; OpenSSL keeps "
	 "any ENUMERATED value, staple rejects the others (REASON).",
	 rule_reason_undefined},
	{"version_not_v1", STAPLE_DIFF_ONLY_OPENSSL_ACCEPTS,
	 "RFC 6960 4.2.1: Version ::= INTEGER { v1(0) } and v1 is the only "
	 "version whose syntax is known; OpenSSL keeps any INTEGER, staple "
	 "reads v1 only (staple.h LENIENCIES: any other version is "
	 "rejected, VERSION).",
	 rule_version_not_v1},
	{"time_not_der", STAPLE_DIFF_ONLY_OPENSSL_ACCEPTS,
	 "X.690 11.7 and RFC 5280 4.1.2.5.2: a DER GeneralizedTime is "
	 "YYYYMMDDHHMMSS[.fff]Z with every field in range, seconds present, "
	 "no time zone offset and no trailing zero in the fraction, and "
	 "staple.h rejects a leap second; OpenSSL's decoder stores any "
	 "string under tag 24 unchecked, staple rejects it (TIME).",
	 rule_time_not_der},
	{"universal_0", STAPLE_DIFF_ONLY_OPENSSL_ACCEPTS,
	 "X.680 8.6 (Table 1): UNIVERSAL 0 is reserved for the encoding "
	 "rules (BER's end-of-contents, X.690 8.1.5) and is the tag of no "
	 "value; OpenSSL reads an element with identifier 00 and contents "
	 "as an ANY (AlgorithmIdentifier parameters), staple rejects it "
	 "(TAG).",
	 rule_universal_0},
	{"multi_octet_identifier", STAPLE_DIFF_ONLY_OPENSSL_ACCEPTS,
	 "staple.h STRICTNESS: staple reads one-octet identifiers only. A "
	 "tag number below 31 in the high-tag-number form is not even BER "
	 "(X.690 8.1.2.2); one of 31 or more is valid, but no type of RFC "
	 "6960 or RFC 5280 has one, so it can only come inside an ANY (the "
	 "parameters of an unknown algorithm). OpenSSL reads both, staple "
	 "rejects them (TAG).",
	 rule_multi_octet_identifier},
	{"hash_parameters", STAPLE_DIFF_ONLY_OPENSSL_ACCEPTS,
	 "RFC 3370 2.1 and RFC 5754 2: the parameters of SHA-1 and SHA-2 "
	 "AlgorithmIdentifiers are absent or NULL, nothing else; OpenSSL "
	 "reads any ANY after a CertID hash OID, staple rejects anything "
	 "but NULL after the OIDs it knows (TAG).",
	 rule_hash_parameters},
	{"duplicate_extension", STAPLE_DIFF_ONLY_OPENSSL_ACCEPTS,
	 "RFC 5280 4.2: a list of extensions holds at most one instance of "
	 "each extension; OpenSSL keeps the repeats, staple rejects them "
	 "(DUPLICATE_EXTENSION).",
	 rule_duplicate_extension},
	{"empty_rdn", STAPLE_DIFF_ONLY_OPENSSL_ACCEPTS,
	 "RFC 5280 4.1.2.4: RelativeDistinguishedName is SET SIZE (1..MAX); "
	 "OpenSSL reads an empty SET in a Name as nothing, staple rejects it "
	 "(EMPTY).",
	 rule_empty_rdn},
	{"signature_partial_octet", STAPLE_DIFF_ONLY_OPENSSL_ACCEPTS,
	 "staple.h: staple_response.signature holds whole octets only (a "
	 "DER BIT STRING with 1 to 7 unused zero bits cannot be "
	 "represented), and every signature algorithm staple knows yields "
	 "whole octets (RFC 3279 2.2, RFC 8410 6); OpenSSL keeps the bit "
	 "count, staple rejects it (BIT_STRING).",
	 rule_signature_partial_octet},
	{"trailing_in_octet_string", STAPLE_DIFF_ONLY_OPENSSL_ACCEPTS,
	 "RFC 6960 4.2.1: ResponseBytes.response holds the DER encoding of "
	 "one BasicOCSPResponse and X.690 8.1.1 leaves no room for more; "
	 "OpenSSL's ASN1_item_unpack() ignores bytes after it (its "
	 "re-encoding of the response is shorter than the input), staple "
	 "rejects them (TRAILING_DATA).",
	 rule_trailing_in_octet_string},
	{"primitive_sequence_of", STAPLE_DIFF_ONLY_OPENSSL_ACCEPTS,
	 "X.690 8.10.1 and 8.12.1: a SEQUENCE OF or SET OF is always "
	 "encoded constructed (identifier 30 or 31); OpenSSL's template "
	 "decoder does not check the constructed bit of a SEQUENCE OF or "
	 "SET OF (responses, an RDN, extensions, certs) and re-encodes it "
	 "constructed, staple rejects identifier 10 or 11 (TAG).",
	 rule_primitive_sequence_of},
	{"openssl_ber", STAPLE_DIFF_ONLY_OPENSSL_ACCEPTS,
	 "X.690 10 and 11: DER gives each value exactly one encoding. "
	 "OpenSSL reads BER (non-minimal or indefinite lengths, constructed "
	 "strings, BOOLEAN TRUE other than FF, critical FALSE encoded, "
	 "non-zero BIT STRING padding, unsorted SET OF) and, but for the "
	 "BOOLEANs it writes back as read, its own DER re-encoding of the "
	 "value differs from the input; staple reads DER only (staple.h "
	 "STRICTNESS) and names the broken rule at the offending element.",
	 rule_openssl_ber},

	/* ---- staple accepts, OpenSSL rejects ---- */
	{"opaque_certificate", STAPLE_DIFF_ONLY_STAPLE_ACCEPTS,
	 "staple keeps each Certificate of BasicOCSPResponse.certs as a "
	 "checked SEQUENCE TLV and leaves its contents to the verifier "
	 "(ocsp.c parse_basic, DESIGN.md 4); OpenSSL decodes every "
	 "certificate with d2i_X509() and rejects the response when one "
	 "does not decode alone.",
	 rule_opaque_certificate},
	{"opaque_parameters", STAPLE_DIFF_ONLY_STAPLE_ACCEPTS,
	 "AlgorithmIdentifier.parameters is ANY DEFINED BY algorithm (RFC "
	 "5280 4.1.1.2): staple checks it as a TLV (and as NULL for the "
	 "CertID hashes it knows, RFC 5754 2) without interpreting an "
	 "unknown algorithm's parameters; OpenSSL decodes them by their "
	 "universal tag and rejects contents it cannot read "
	 "(d2i_ASN1_TYPE() fails on them alone).",
	 rule_opaque_parameters},
	{"opaque_attribute_value", STAPLE_DIFF_ONLY_STAPLE_ACCEPTS,
	 "AttributeValue is ANY DEFINED BY AttributeType (RFC 5280 "
	 "4.1.2.4): staple checks a responder Name's structure (sorted, "
	 "non-empty RDNs of type-value pairs) and each value as a TLV, "
	 "without interpreting it; OpenSSL converts every value to UTF-8 "
	 "and rejects the Name when one does not convert "
	 "(d2i_X509_NAME() fails on it alone).",
	 rule_opaque_attribute_value},
};

#define N_RULES (sizeof rules / sizeof rules[0])

/* ---- small helpers ------------------------------------------------------ */

static void say(char *why, size_t n, const char *fmt, ...)
{
	va_list ap;

	if (why == NULL || n == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(why, n, fmt, ap);
	va_end(ap);
}

/* Record OpenSSL's first queued error after `what` failed; empty it. */
static void openssl_failed(struct openssl_side *os, const char *what)
{
	unsigned long e = ERR_peek_error();
	char reason[160];

	if (e != 0)
		ERR_error_string_n(e, reason, sizeof reason);
	else
		snprintf(reason, sizeof reason, "no error queued");
	snprintf(os->error, sizeof os->error, "%s: %s", what, reason);
	ERR_clear_error();
}

/*
 * The TLV at der[off]: its identifier octet and contents, read with the
 * definite-length rules only (enough for an element staple has framed).
 * Returns 1, or 0 when there is no complete element there.
 */
static int tlv_at(const uint8_t *der, size_t len, size_t off, uint8_t *tag,
                  const uint8_t **contents, size_t *n)
{
	size_t hdr, count, value = 0, i;

	if (off >= len || len - off < 2)
		return 0;
	*tag = der[off];
	if (der[off + 1] < 0x80u) {
		hdr = 2;
		value = der[off + 1];
	} else {
		count = der[off + 1] & 0x7fu;
		if (count == 0 || count > sizeof(size_t) - 1 ||
		    len - off - 2 < count)
			return 0;
		for (i = 0; i < count; i++)
			value = value << 8 | der[off + 2 + i];
		hdr = 2 + count;
	}
	if (value > len - off - hdr)
		return 0;
	*contents = der + off + hdr;
	*n = value;
	return 1;
}

/* Size of the DER identifier and length octets of n contents octets. */
static size_t der_header_size(size_t n)
{
	size_t hdr = 2;

	if (n >= 0x80u)
		for (; n > 0; n >>= 8)
			hdr++;
	return hdr;
}

static int bytes_equal(const uint8_t *a, size_t an, const uint8_t *b,
                       size_t bn)
{
	return an == bn && (an == 0 || memcmp(a, b, an) == 0);
}

static int string_is(const ASN1_STRING *s, struct staple_slice v)
{
	return bytes_equal(ASN1_STRING_get0_data(s),
	                   (size_t)ASN1_STRING_length(s), v.p, v.n);
}

static int object_is(const ASN1_OBJECT *o, struct staple_slice v)
{
	return o != NULL && bytes_equal(OBJ_get0_data(o), OBJ_length(o), v.p,
	                                v.n);
}

static int count_certs(const OCSP_BASICRESP *bs)
{
	const STACK_OF(X509) *certs = OCSP_resp_get0_certs(bs);
	return certs != NULL ? sk_X509_num(certs) : 0;
}

/* staple's certStatus for OpenSSL's V_OCSP_CERTSTATUS_*. */
static int status_from_openssl(int v)
{
	switch (v) {
	case V_OCSP_CERTSTATUS_GOOD:
		return STAPLE_OCSP_STATUS_GOOD;
	case V_OCSP_CERTSTATUS_REVOKED:
		return STAPLE_OCSP_STATUS_REVOKED;
	case V_OCSP_CERTSTATUS_UNKNOWN:
		return STAPLE_OCSP_STATUS_UNKNOWN;
	default:
		return -1;
	}
}

/*
 * Milliseconds since the epoch of an OpenSSL GeneralizedTime, computed
 * by OpenSSL (ASN1_TIME_to_tm(), OPENSSL_gmtime_diff()) and the fraction
 * read from the string, which OpenSSL keeps but does not convert.
 * Returns 1, or 0 when OpenSSL cannot read the time.
 */
static int openssl_time_ms(const ASN1_GENERALIZEDTIME *t, int64_t *ms)
{
	struct tm tm, epoch;
	const unsigned char *p;
	int day, sec, n, i, digits = 0;
	int64_t frac = 0;

	*ms = 0;
	if (t == NULL || !ASN1_TIME_to_tm(t, &tm)) {
		ERR_clear_error();
		return 0;
	}
	memset(&epoch, 0, sizeof epoch);
	epoch.tm_year = 70;
	epoch.tm_mday = 1;
	if (!OPENSSL_gmtime_diff(&day, &sec, &epoch, &tm)) {
		ERR_clear_error();
		return 0;
	}
	p = ASN1_STRING_get0_data(t);
	n = ASN1_STRING_length(t);
	for (i = 0; i < n && p[i] != '.'; i++)
		continue;
	for (i++; i < n && p[i] >= '0' && p[i] <= '9'; i++)
		if (digits < 3) {
			frac = frac * 10 + (p[i] - '0');
			digits++;
		}
	for (; digits < 3; digits++)
		frac *= 10;
	*ms = ((int64_t)day * 86400 + sec) * 1000 + frac;
	return 1;
}

/* The contents octets of an INTEGER, as OpenSSL encodes its value. */
static int integer_is(const ASN1_INTEGER *v, struct staple_slice want)
{
	unsigned char *buf = NULL;
	const uint8_t *c;
	uint8_t tag;
	size_t n;
	int len = i2d_ASN1_INTEGER(v, &buf), eq = 0;

	if (len > 0 && tlv_at(buf, (size_t)len, 0, &tag, &c, &n))
		eq = bytes_equal(c, n, want.p, want.n);
	OPENSSL_free(buf);
	return eq;
}

/* ---- the two decoders --------------------------------------------------- */

static void openssl_decode(struct openssl_side *os, const uint8_t *der,
                           size_t len)
{
	const unsigned char *p = der;

	memset(os, 0, sizeof *os);
	os->status = -1;
	if (der == NULL || len == 0 || len > LONG_MAX) {
		snprintf(os->error, sizeof os->error, "no input");
		return;
	}
	os->resp = d2i_OCSP_RESPONSE(NULL, &p, (long)len);
	if (os->resp == NULL) {
		openssl_failed(os, "d2i_OCSP_RESPONSE");
		return;
	}
	os->status = OCSP_response_status(os->resp);
	ERR_clear_error(); /* a status too large for a long queues one */
	if (p != der + len) {
		snprintf(os->error, sizeof os->error,
		         "d2i_OCSP_RESPONSE: %zu bytes after the OCSPResponse",
		         (size_t)(der + len - p));
		return;
	}
	if (os->status == OCSP_RESPONSE_STATUS_SUCCESSFUL) {
		os->basic = OCSP_response_get1_basic(os->resp);
		if (os->basic == NULL) {
			openssl_failed(os, "OCSP_response_get1_basic");
			return;
		}
	}
	os->accepted = 1;
}

static void openssl_free(struct openssl_side *os)
{
	OCSP_BASICRESP_free(os->basic);
	OCSP_RESPONSE_free(os->resp);
	os->basic = NULL;
	os->resp = NULL;
	ERR_clear_error();
}

static void decode_both(struct sides *s, const uint8_t *der, size_t len)
{
	s->der = der;
	s->len = len;
	s->st_err = staple_decode(&s->st, der, len);
	s->st_offset = staple_error_offset(&s->st);
	openssl_decode(&s->os, der, len);
}

/* ---- both accept: field by field ---------------------------------------- */

static int compare_time(const char *what, size_t i,
                        const ASN1_GENERALIZEDTIME *t, int64_t want,
                        char *why, size_t n)
{
	int64_t got;

	if (!openssl_time_ms(t, &got)) {
		say(why, n, "single %zu %s: OpenSSL cannot read the time staple "
		    "read as %lld", i, what, (long long)want);
		return 0;
	}
	if (got != want) {
		say(why, n, "single %zu %s: staple %lld, OpenSSL %lld", i, what,
		    (long long)want, (long long)got);
		return 0;
	}
	return 1;
}

static int compare_single(const struct sides *s, size_t i, char *why,
                          size_t n)
{
	struct staple_single one;
	OCSP_SINGLERESP *single = OCSP_resp_get0(s->os.basic, (int)i);
	ASN1_GENERALIZEDTIME *rev = NULL, *this_upd = NULL, *next_upd = NULL;
	ASN1_OCTET_STRING *name_hash = NULL, *key_hash = NULL;
	ASN1_OBJECT *md = NULL;
	ASN1_INTEGER *serial = NULL;
	int reason = -1, status, err;

	err = staple_single_at(&s->st, i, &one);
	if (err != STAPLE_OK) {
		say(why, n, "single %zu: staple_single_at() failed: %s", i,
		    staple_errname(err));
		return 0;
	}
	if (single == NULL) {
		say(why, n, "single %zu: OpenSSL has no such entry", i);
		return 0;
	}
	status = OCSP_single_get0_status(single, &reason, &rev, &this_upd,
	                                 &next_upd);
	if (status_from_openssl(status) != (int)one.cert_status) {
		say(why, n, "single %zu certStatus: staple %s, OpenSSL %d", i,
		    staple_ocsp_status_name((int)one.cert_status), status);
		return 0;
	}
	if (reason != (int)one.reason) {
		say(why, n, "single %zu reason: staple %d, OpenSSL %d", i,
		    (int)one.reason, reason);
		return 0;
	}
	if (one.cert_status == STAPLE_OCSP_STATUS_REVOKED &&
	    !compare_time("revocationTime", i, rev, one.revoked_at, why, n))
		return 0;
	if (!compare_time("thisUpdate", i, this_upd, one.this_update, why, n))
		return 0;
	if ((next_upd != NULL) != (one.has_next_update != 0)) {
		say(why, n, "single %zu nextUpdate: present for %s only", i,
		    one.has_next_update ? "staple" : "OpenSSL");
		return 0;
	}
	if (next_upd != NULL &&
	    !compare_time("nextUpdate", i, next_upd, one.next_update, why, n))
		return 0;
	/* OCSP_id_get0_info() takes a non-const CertID although it only
	 * reads it; OCSP_SINGLERESP_get0_id() hands out a const one. */
	if (!OCSP_id_get0_info(&name_hash, &md, &key_hash, &serial,
	                       (OCSP_CERTID *)OCSP_SINGLERESP_get0_id(single))) {
		ERR_clear_error();
		say(why, n, "single %zu: OpenSSL has no CertID", i);
		return 0;
	}
	if (!object_is(md, one.hash_oid)) {
		say(why, n, "single %zu CertID hashAlgorithm differs", i);
		return 0;
	}
	if (!string_is(name_hash, one.issuer_name_hash) ||
	    !string_is(key_hash, one.issuer_key_hash)) {
		say(why, n, "single %zu CertID issuerNameHash/issuerKeyHash "
		    "differ", i);
		return 0;
	}
	if (!integer_is(serial, one.serial)) {
		say(why, n, "single %zu CertID serialNumber differs", i);
		return 0;
	}
	return 1;
}

static int compare_responder(const struct sides *s, char *why, size_t n)
{
	const ASN1_OCTET_STRING *key = NULL;
	const X509_NAME *name = NULL;
	unsigned char *buf = NULL;
	int len, eq;

	if (!OCSP_resp_get0_id(s->os.basic, &key, &name)) {
		ERR_clear_error();
		say(why, n, "responderID: OpenSSL has none");
		return 0;
	}
	if (key != NULL) {
		if (s->st.responder != STAPLE_RESPONDER_BY_KEY ||
		    !string_is(key, s->st.responder_id)) {
			say(why, n, "responderID byKey differs");
			return 0;
		}
		return 1;
	}
	if (s->st.responder != STAPLE_RESPONDER_BY_NAME || name == NULL) {
		say(why, n, "responderID kind differs");
		return 0;
	}
	len = i2d_X509_NAME(name, &buf);
	eq = len > 0 && bytes_equal(buf, (size_t)len, s->st.responder_id.p,
	                            s->st.responder_id.n);
	OPENSSL_free(buf);
	if (!eq)
		say(why, n, "responderID byName: the Name's DER differs");
	return eq;
}

static int compare_basic(const struct sides *s, char *why, size_t n)
{
	OCSP_BASICRESP *bs = s->os.basic;
	const X509_ALGOR *alg = OCSP_resp_get0_tbs_sigalg(bs);
	const ASN1_OBJECT *alg_oid = NULL;
	int64_t produced;
	int count = OCSP_resp_count(bs), nonce;
	size_t i;

	if (!compare_responder(s, why, n))
		return 0;
	if (!openssl_time_ms(OCSP_resp_get0_produced_at(bs), &produced) ||
	    produced != s->st.produced_at) {
		say(why, n, "producedAt: staple %lld, OpenSSL %lld",
		    (long long)s->st.produced_at, (long long)produced);
		return 0;
	}
	if (count < 0 || (size_t)count != s->st.n_single) {
		say(why, n, "responses: staple %zu entries, OpenSSL %d",
		    s->st.n_single, count);
		return 0;
	}
	for (i = 0; i < s->st.n_single; i++)
		if (!compare_single(s, i, why, n))
			return 0;
	X509_ALGOR_get0(&alg_oid, NULL, NULL, alg);
	if (!object_is(alg_oid, s->st.sig_oid)) {
		say(why, n, "signatureAlgorithm OID differs");
		return 0;
	}
	if (!string_is(OCSP_resp_get0_signature(bs), s->st.signature)) {
		say(why, n, "signature bits differ");
		return 0;
	}
	nonce = OCSP_BASICRESP_get_ext_by_NID(bs, NID_id_pkix_OCSP_Nonce, -1);
	if ((nonce >= 0) != (s->st.nonce.p != NULL) ||
	    (nonce >= 0 &&
	     !string_is(X509_EXTENSION_get_data(OCSP_BASICRESP_get_ext(bs, nonce)),
	                s->st.nonce))) {
		say(why, n, "nonce differs");
		return 0;
	}
	if ((size_t)count_certs(bs) != s->st.n_certs) {
		say(why, n, "certs: staple %zu, OpenSSL %d", s->st.n_certs,
		    count_certs(bs));
		return 0;
	}
	return 1;
}

static int compare(const struct sides *s, char *why, size_t n)
{
	if (s->os.status != (int)s->st.status) {
		say(why, n, "responseStatus: staple %d, OpenSSL %d",
		    (int)s->st.status, s->os.status);
		return 0;
	}
	if (s->st.status != STAPLE_RESPONSE_SUCCESSFUL)
		return 1;
	return compare_basic(s, why, n);
}

/* ---- rule predicates ---------------------------------------------------- */

/* The element at staple's error offset. */
static int staple_error_element(const struct sides *s, uint8_t *tag,
                                const uint8_t **c, size_t *n)
{
	return tlv_at(s->der, s->len, s->st_offset, tag, c, n);
}

/* A minimal ENUMERATED's value when it fits in 0..255, else -1. */
static int small_enumerated(const uint8_t *c, size_t n)
{
	if (n == 1 && (c[0] & 0x80u) == 0)
		return c[0];
	return -1;
}

static int rule_status_undefined(const struct sides *s)
{
	const uint8_t *c;
	uint8_t tag;
	size_t n;
	int v;

	if (s->st_err != STAPLE_ERR_RESPONSE_STATUS ||
	    !staple_error_element(s, &tag, &c, &n) || tag != 0x0a)
		return 0;
	v = small_enumerated(c, n);
	if (v >= 0 && v <= 6 && v != 4)
		return 0;
	/* and OpenSSL's value is not a defined one either */
	return s->os.status < 0 || s->os.status == 4 || s->os.status > 6;
}

static int rule_bytes_with_error_status(const struct sides *s)
{
	switch (s->os.status) {
	case OCSP_RESPONSE_STATUS_MALFORMEDREQUEST:
	case OCSP_RESPONSE_STATUS_INTERNALERROR:
	case OCSP_RESPONSE_STATUS_TRYLATER:
	case OCSP_RESPONSE_STATUS_SIGREQUIRED:
	case OCSP_RESPONSE_STATUS_UNAUTHORIZED:
		break;
	default:
		return 0;
	}
	return s->st_err == STAPLE_ERR_UNEXPECTED && s->st_offset < s->len &&
	       s->der[s->st_offset] == 0xa0;
}

static int rule_reason_undefined(const struct sides *s)
{
	const uint8_t *c;
	uint8_t tag;
	size_t n;
	int v;

	if (s->st_err != STAPLE_ERR_REASON ||
	    !staple_error_element(s, &tag, &c, &n) || tag != 0x0a)
		return 0;
	v = small_enumerated(c, n);
	return v < 0 || v == 7 || v > 10;
}

static int rule_version_not_v1(const struct sides *s)
{
	const uint8_t *c;
	uint8_t tag;
	size_t n;

	return s->st_err == STAPLE_ERR_VERSION &&
	       staple_error_element(s, &tag, &c, &n) && tag == 0x02 &&
	       !(n == 1 && c[0] == 0);
}

/*
 * X.690 11.7 (with RFC 5280 4.1.2.5.2 for the seconds), written out from
 * the clauses rather than shared with staple: YYYYMMDDHHMMSS, optionally
 * '.' and digits not ending in 0, then 'Z'; every field in range as
 * OpenSSL's own time parser checks it (month, day of that month, hour,
 * minute, second up to 59).
 */
static int generalized_time_is_der(const uint8_t *p, size_t n)
{
	ASN1_GENERALIZEDTIME *t;
	struct tm tm;
	size_t i;
	int ok;

	if (n < 15 || n > INT_MAX || p[n - 1] != 'Z')
		return 0;
	for (i = 0; i < 14; i++)
		if (p[i] < '0' || p[i] > '9')
			return 0;
	if (n > 15) {
		if (p[14] != '.' || n < 17 || p[n - 2] == '0')
			return 0;
		for (i = 15; i < n - 1; i++)
			if (p[i] < '0' || p[i] > '9')
				return 0;
	}
	t = ASN1_GENERALIZEDTIME_new();
	ok = t != NULL && ASN1_STRING_set(t, p, (int)n) &&
	     ASN1_TIME_to_tm(t, &tm);
	ASN1_GENERALIZEDTIME_free(t);
	ERR_clear_error();
	return ok;
}

static int rule_time_not_der(const struct sides *s)
{
	const uint8_t *c;
	uint8_t tag;
	size_t n;

	return s->st_err == STAPLE_ERR_TIME &&
	       staple_error_element(s, &tag, &c, &n) && tag == 0x18 &&
	       !generalized_time_is_der(c, n);
}

/* The SHA-1 and SHA-2 OIDs (TLVs) whose parameters are absent or NULL. */
static const uint8_t hash_oids[][11] = {
	{0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a},
	{0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01},
	{0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02},
	{0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03},
	{0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04},
};

static int rule_universal_0(const struct sides *s)
{
	return s->st_err == STAPLE_ERR_TAG && s->st_offset < s->len &&
	       s->der[s->st_offset] == 0x00;
}

static int rule_multi_octet_identifier(const struct sides *s)
{
	return s->st_err == STAPLE_ERR_TAG && s->st_offset < s->len &&
	       (s->der[s->st_offset] & 0x1fu) == 0x1fu;
}

static int rule_hash_parameters(const struct sides *s)
{
	size_t i, n;

	if (s->st_err != STAPLE_ERR_TAG || s->st_offset >= s->len ||
	    s->der[s->st_offset] == 0x05)
		return 0;
	/* staple stopped on the element right after one of those OIDs */
	for (i = 0; i < sizeof hash_oids / sizeof hash_oids[0]; i++) {
		n = (size_t)hash_oids[i][1] + 2;
		if (s->st_offset >= n &&
		    memcmp(s->der + s->st_offset - n, hash_oids[i], n) == 0)
			return 1;
	}
	return 0;
}

static int rule_duplicate_extension(const struct sides *s)
{
	int i, count, found = 0;

	if (s->st_err != STAPLE_ERR_DUPLICATE_EXTENSION || s->os.basic == NULL ||
	    s->st_offset >= s->len || s->der[s->st_offset] != 0x30)
		return 0;
	/* An extension whose OID comes again later in its list. */
	count = OCSP_BASICRESP_get_ext_count(s->os.basic);
	for (i = 0; i < count && !found; i++) {
		const ASN1_OBJECT *a = X509_EXTENSION_get_object(
		        OCSP_BASICRESP_get_ext(s->os.basic, i));
		found = OCSP_BASICRESP_get_ext_by_OBJ(s->os.basic, a, i) >= 0;
	}
	count = OCSP_resp_count(s->os.basic);
	for (i = 0; i < count && !found; i++) {
		OCSP_SINGLERESP *one = OCSP_resp_get0(s->os.basic, i);
		int j, m = OCSP_SINGLERESP_get_ext_count(one);
		for (j = 0; j < m && !found; j++) {
			const ASN1_OBJECT *a = X509_EXTENSION_get_object(
			        OCSP_SINGLERESP_get_ext(one, j));
			found = OCSP_SINGLERESP_get_ext_by_OBJ(one, a, j) >= 0;
		}
	}
	return found;
}

static int rule_empty_rdn(const struct sides *s)
{
	return s->st_err == STAPLE_ERR_EMPTY && s->len - s->st_offset >= 2 &&
	       s->der[s->st_offset] == 0x31 && s->der[s->st_offset + 1] == 0;
}

static int rule_signature_partial_octet(const struct sides *s)
{
	const uint8_t *c;
	uint8_t tag;
	size_t n;

	/* a valid DER BIT STRING (X.690 8.6.2, 11.2.1) with unused bits */
	return s->st_err == STAPLE_ERR_BIT_STRING &&
	       staple_error_element(s, &tag, &c, &n) && tag == 0x03 &&
	       n >= 2 && c[0] >= 1 && c[0] <= 7 &&
	       (c[n - 1] & ((1u << c[0]) - 1u)) == 0;
}

/*
 * OpenSSL's DER encoding of what it read: 1 if it is not the input.  The
 * BasicOCSPResponse is packed again (OCSP_response_create()), since the
 * OCTET STRING of the parsed OCSPResponse keeps the input's bytes.
 */
static int reencoding_differs(const struct sides *s, size_t *reencoded_len)
{
	OCSP_RESPONSE *fresh = NULL;
	unsigned char *buf = NULL;
	int len, differs;

	*reencoded_len = 0;
	if (s->os.basic != NULL) {
		fresh = OCSP_response_create(s->os.status, s->os.basic);
		if (fresh == NULL) {
			ERR_clear_error();
			return 0;
		}
	}
	len = i2d_OCSP_RESPONSE(fresh != NULL ? fresh : s->os.resp, &buf);
	differs = len > 0 && !bytes_equal(buf, (size_t)len, s->der, s->len);
	if (len > 0)
		*reencoded_len = (size_t)len;
	OPENSSL_free(buf);
	OCSP_RESPONSE_free(fresh);
	ERR_clear_error();
	return differs;
}

/*
 * OpenSSL keeps a decoded Name's input bytes and hands them back from
 * i2d_X509_NAME(); a Name built afresh from its entries is encoded from
 * the values.  1 if the two differ: the responder Name was not DER.
 */
static int name_reencoding_differs(const X509_NAME *name)
{
	X509_NAME *fresh = X509_NAME_new();
	unsigned char *a = NULL, *b = NULL;
	int i, count = X509_NAME_entry_count(name), prev = -1, la, lb;
	int differs = 0;

	if (fresh == NULL)
		return 0;
	for (i = 0; i < count; i++) {
		const X509_NAME_ENTRY *e = X509_NAME_get_entry(name, i);
		int set = X509_NAME_ENTRY_set(e);
		if (!X509_NAME_add_entry(fresh, e, -1, set == prev ? -1 : 0))
			break;
		prev = set;
	}
	if (i == count) {
		la = i2d_X509_NAME(name, &a);
		lb = i2d_X509_NAME(fresh, &b);
		differs = la > 0 && lb > 0 &&
		          !bytes_equal(a, (size_t)la, b, (size_t)lb);
	}
	OPENSSL_free(a);
	OPENSSL_free(b);
	X509_NAME_free(fresh);
	ERR_clear_error();
	return differs;
}

/*
 * Where the BasicOCSPResponse inside ResponseBytes.response ends, as an
 * offset into the input, walking the outer elements with tlv_at().
 * Returns 1, or 0 when the input does not have that shape.
 */
static int basic_end(const struct sides *s, size_t *end)
{
	static const uint8_t path[] = {0x30, 0x0a, 0xa0, 0x30, 0x06, 0x04};
	static const uint8_t enter[] = {1, 0, 1, 1, 0, 1};
	const uint8_t *c;
	uint8_t tag;
	size_t off = 0, n, i;

	for (i = 0; i < sizeof path; i++) {
		if (!tlv_at(s->der, s->len, off, &tag, &c, &n) || tag != path[i])
			return 0;
		off = enter[i] ? (size_t)(c - s->der)
		               : (size_t)(c - s->der) + n;
	}
	if (!tlv_at(s->der, s->len, off, &tag, &c, &n) || tag != 0x30)
		return 0;
	*end = (size_t)(c - s->der) + n;
	return 1;
}

static int rule_trailing_in_octet_string(const struct sides *s)
{
	size_t end, n;

	return s->st_err == STAPLE_ERR_TRAILING_DATA && s->os.basic != NULL &&
	       basic_end(s, &end) && s->st_offset == end &&
	       reencoding_differs(s, &n) && n < s->len;
}

/* A primitive-only universal string or time type in constructed form. */
static int constructed_string(uint8_t tag)
{
	switch (tag) {
	case 0x23: /* BIT STRING */
	case 0x24: /* OCTET STRING */
	case 0x2c: /* UTF8String */
	case 0x33: /* PrintableString */
	case 0x36: /* IA5String */
	case 0x38: /* GeneralizedTime */
		return 1;
	default:
		return 0;
	}
}

/*
 * The element at staple's error offset breaks the DER rule staple names,
 * read from its bytes (X.690 clause beside each case).
 */
static int not_der_at_offset(const struct sides *s)
{
	const uint8_t *p = s->der + s->st_offset, *c;
	size_t avail = s->len - s->st_offset, n, count;
	uint8_t tag;

	if (s->st_offset >= s->len || avail < 2)
		return 0;
	switch (s->st_err) {
	case STAPLE_ERR_TAG: /* 8.6.1, 8.7.1, 8.23.5: BER may split them */
		return constructed_string(p[0]);
	case STAPLE_ERR_INDEFINITE_LENGTH: /* 10.1 */
		return p[1] == 0x80;
	case STAPLE_ERR_LONG_LENGTH:       /* 10.1: fewest octets */
	case STAPLE_ERR_NONMINIMAL_LENGTH:
		count = p[1] & 0x7fu;
		return (p[1] & 0x80u) != 0 && count >= 1 && avail >= 2 + count &&
		       (p[2] == 0 || (count == 1 && p[2] < 0x80u));
	case STAPLE_ERR_BOOLEAN: /* 11.1: TRUE is FF */
		return tlv_at(s->der, s->len, s->st_offset, &tag, &c, &n) &&
		       tag == 0x01 && n == 1 && c[0] != 0x00 && c[0] != 0xff;
	case STAPLE_ERR_BIT_STRING:
		if (!tlv_at(s->der, s->len, s->st_offset, &tag, &c, &n) ||
		    tag != 0x03 || n == 0 || c[0] > 7)
			return 0;
		/* 8.6.2.3: no bits, then the initial octet is 0; 11.2.1:
		 * the unused bits are zero */
		return n == 1 ? c[0] != 0
		              : (c[n - 1] & ((1u << c[0]) - 1u)) != 0;
	case STAPLE_ERR_ENCODED_DEFAULT: /* 11.5: critical FALSE */
		return avail >= 3 && p[0] == 0x01 && p[1] == 0x01 && p[2] == 0;
	case STAPLE_ERR_SET_ORDER: /* 11.6: an AttributeTypeAndValue */
		return p[0] == 0x30;
	default:
		return 0;
	}
}

/* OpenSSL's DER of what it read differs from the input, Name included. */
static int openssl_normalised(const struct sides *s)
{
	const ASN1_OCTET_STRING *key = NULL;
	const X509_NAME *name = NULL;
	size_t n;

	if (reencoding_differs(s, &n))
		return 1;
	/* OpenSSL writes a decoded Name back as it came; rebuilt from its
	 * entries, it is encoded from the values. */
	return s->os.basic != NULL &&
	       OCSP_resp_get0_id(s->os.basic, &key, &name) && name != NULL &&
	       name_reencoding_differs(name);
}

static int rule_primitive_sequence_of(const struct sides *s)
{
	return s->st_err == STAPLE_ERR_TAG && s->st_offset < s->len &&
	       (s->der[s->st_offset] == 0x10 || s->der[s->st_offset] == 0x11) &&
	       openssl_normalised(s);
}

static int rule_openssl_ber(const struct sides *s)
{
	if (!not_der_at_offset(s))
		return 0;
	/* And OpenSSL read it as BER: its DER differs from the input.  It
	 * writes Extension.critical back as it came (an ASN1_BOOLEAN octet,
	 * an explicit FALSE too), so those two stand on their bytes. */
	return s->st_err == STAPLE_ERR_BOOLEAN ||
	       s->st_err == STAPLE_ERR_ENCODED_DEFAULT || openssl_normalised(s);
}

/* OpenSSL decodes der[0..n) with d2i as exactly one element: 1 if not. */
static int openssl_refuses_cert(struct staple_slice v)
{
	const unsigned char *p = v.p;
	X509 *x = d2i_X509(NULL, &p, (long)v.n);
	int refused = x == NULL || p != v.p + v.n;

	X509_free(x);
	ERR_clear_error();
	return refused;
}

static int openssl_refuses_any(const uint8_t *der, size_t n)
{
	const unsigned char *p = der;
	ASN1_TYPE *t = d2i_ASN1_TYPE(NULL, &p, (long)n);
	int refused = t == NULL || p != der + n;

	ASN1_TYPE_free(t);
	ERR_clear_error();
	return refused;
}

static int rule_opaque_certificate(const struct sides *s)
{
	size_t i;

	for (i = 0; i < s->st.n_certs; i++)
		if (openssl_refuses_cert(s->st.certs[i]))
			return 1;
	return 0;
}

static int rule_opaque_parameters(const struct sides *s)
{
	struct staple_single one;
	size_t i;

	if (s->st.sig_params.p != NULL &&
	    openssl_refuses_any(s->st.sig_params.p, s->st.sig_params.n))
		return 1;
	/* CertID: the parameters lie between the hash OID and the header
	 * of issuerNameHash, whose DER size follows from its length. */
	for (i = 0; i < s->st.n_single; i++) {
		const uint8_t *start, *stop;
		if (staple_single_at(&s->st, i, &one) != STAPLE_OK)
			return 0;
		start = one.hash_oid.p + one.hash_oid.n;
		stop = one.issuer_name_hash.p -
		       der_header_size(one.issuer_name_hash.n);
		if (stop > start &&
		    openssl_refuses_any(start, (size_t)(stop - start)))
			return 1;
	}
	return 0;
}

static int rule_opaque_attribute_value(const struct sides *s)
{
	const unsigned char *p = s->st.responder_id.p;
	X509_NAME *name;
	int refused;

	if (s->st.responder != STAPLE_RESPONDER_BY_NAME)
		return 0;
	name = d2i_X509_NAME(NULL, &p, (long)s->st.responder_id.n);
	refused = name == NULL ||
	          p != s->st.responder_id.p + s->st.responder_id.n;
	X509_NAME_free(name);
	ERR_clear_error();
	return refused;
}

/* ---- the verdict -------------------------------------------------------- */

static const struct rule *find_rule(const struct sides *s, int side)
{
	size_t i;

	for (i = 0; i < N_RULES; i++)
		if (rules[i].side == side && rules[i].match(s))
			return &rules[i];
	return NULL;
}

/* see differential.h */
int staple_diff(const uint8_t *der, size_t len, const char **rule,
                char *why, size_t why_len)
{
	struct sides s;
	const struct rule *r = NULL;
	int verdict, side = -1;

	if (rule != NULL)
		*rule = NULL;
	say(why, why_len, "%s", "");
	decode_both(&s, der, len);
	if (s.st_err == STAPLE_OK && s.os.accepted) {
		verdict = compare(&s, why, why_len) ? STAPLE_DIFF_BOTH_AGREE
		                                    : STAPLE_DIFF_MISMATCH;
	} else if (s.st_err != STAPLE_OK && !s.os.accepted) {
		verdict = STAPLE_DIFF_BOTH_REJECT;
		say(why, why_len, "staple: %s at %zu; OpenSSL: %s",
		    staple_errname(s.st_err), s.st_offset, s.os.error);
	} else {
		side = s.st_err == STAPLE_OK ? STAPLE_DIFF_ONLY_STAPLE_ACCEPTS
		                             : STAPLE_DIFF_ONLY_OPENSSL_ACCEPTS;
		r = find_rule(&s, side);
		verdict = r != NULL ? side : STAPLE_DIFF_UNEXPLAINED;
		if (side == STAPLE_DIFF_ONLY_STAPLE_ACCEPTS)
			say(why, why_len, "staple accepts; OpenSSL: %s%s%s",
			    s.os.error, r != NULL ? "; rule " : "",
			    r != NULL ? r->name : "");
		else
			say(why, why_len, "staple: %s at %zu; OpenSSL accepts%s%s",
			    staple_errname(s.st_err), s.st_offset,
			    r != NULL ? "; rule " : "", r != NULL ? r->name : "");
	}
	if (rule != NULL && r != NULL)
		*rule = r->name;
	openssl_free(&s.os);
	return verdict;
}

/* ---- dumps -------------------------------------------------------------- */

static void hex(FILE *f, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(f, "%02x", p[i]);
}

static void dump_staple(FILE *f, const struct sides *s)
{
	struct staple_single one;
	size_t i;

	if (s->st_err != STAPLE_OK) {
		fprintf(f, "staple: rejects: %s at offset %zu (%s)\n",
		        staple_errname(s->st_err), s->st_offset,
		        staple_strerror(s->st_err));
		return;
	}
	fprintf(f, "staple: status %d leniencies %#x\n", (int)s->st.status,
	        s->st.leniencies);
	if (s->st.status != STAPLE_RESPONSE_SUCCESSFUL)
		return;
	fprintf(f, "  responder %s ", s->st.responder == STAPLE_RESPONDER_BY_KEY
	                                  ? "byKey" : "byName");
	hex(f, s->st.responder_id.p, s->st.responder_id.n);
	fprintf(f, "\n  producedAt %lld\n  sigalg ", (long long)s->st.produced_at);
	hex(f, s->st.sig_oid.p, s->st.sig_oid.n);
	fprintf(f, "\n  certs %zu, singles %zu\n", s->st.n_certs,
	        s->st.n_single);
	for (i = 0; i < s->st.n_single; i++) {
		if (staple_single_at(&s->st, i, &one) != STAPLE_OK)
			break;
		fprintf(f, "  [%zu] hash ", i);
		hex(f, one.hash_oid.p, one.hash_oid.n);
		fprintf(f, " serial ");
		hex(f, one.serial.p, one.serial.n);
		fprintf(f, " status %s reason %d revoked %lld this %lld "
		        "next %s%lld\n", staple_ocsp_status_name((int)one.cert_status),
		        (int)one.reason, (long long)one.revoked_at,
		        (long long)one.this_update,
		        one.has_next_update ? "" : "(absent) ",
		        (long long)one.next_update);
	}
}

static void dump_time(FILE *f, const char *what,
                      const ASN1_GENERALIZEDTIME *t)
{
	int64_t ms;

	if (t == NULL)
		return;
	fprintf(f, " %s \"", what);
	hex(f, ASN1_STRING_get0_data(t), (size_t)ASN1_STRING_length(t));
	if (openssl_time_ms(t, &ms))
		fprintf(f, "\" = %lld", (long long)ms);
	else
		fprintf(f, "\" (unreadable)");
}

static void dump_openssl(FILE *f, const struct sides *s)
{
	OCSP_BASICRESP *bs = s->os.basic;
	const ASN1_OCTET_STRING *key = NULL;
	const X509_NAME *name = NULL;
	const X509_ALGOR *alg;
	const ASN1_OBJECT *oid = NULL;
	int i, count;

	if (!s->os.accepted)
		fprintf(f, "OpenSSL: rejects: %s (status %d)\n", s->os.error,
		        s->os.status);
	else
		fprintf(f, "OpenSSL: status %d\n", s->os.status);
	if (bs == NULL)
		return;
	if (OCSP_resp_get0_id(bs, &key, &name) && key != NULL) {
		fprintf(f, "  responder byKey ");
		hex(f, ASN1_STRING_get0_data(key), (size_t)ASN1_STRING_length(key));
	} else if (name != NULL) {
		unsigned char *buf = NULL;
		int len = i2d_X509_NAME(name, &buf);
		fprintf(f, "  responder byName ");
		if (len > 0)
			hex(f, buf, (size_t)len);
		OPENSSL_free(buf);
	}
	fprintf(f, "\n ");
	dump_time(f, "producedAt", OCSP_resp_get0_produced_at(bs));
	alg = OCSP_resp_get0_tbs_sigalg(bs);
	X509_ALGOR_get0(&oid, NULL, NULL, alg);
	fprintf(f, "\n  sigalg ");
	if (oid != NULL)
		hex(f, OBJ_get0_data(oid), OBJ_length(oid));
	count = OCSP_resp_count(bs);
	fprintf(f, "\n  certs %d, singles %d\n", count_certs(bs), count);
	for (i = 0; i < count; i++) {
		OCSP_SINGLERESP *one = OCSP_resp_get0(bs, i);
		ASN1_GENERALIZEDTIME *rev = NULL, *tu = NULL, *nu = NULL;
		ASN1_OCTET_STRING *nh = NULL, *kh = NULL;
		ASN1_OBJECT *md = NULL;
		ASN1_INTEGER *serial = NULL;
		int reason = -1;
		int status = OCSP_single_get0_status(one, &reason, &rev, &tu, &nu);
		fprintf(f, "  [%d] status %d reason %d", i, status, reason);
		if (OCSP_id_get0_info(&nh, &md, &kh, &serial,
		                      (OCSP_CERTID *)OCSP_SINGLERESP_get0_id(one)) &&
		    md != NULL) {
			fprintf(f, " hash ");
			hex(f, OBJ_get0_data(md), OBJ_length(md));
		}
		dump_time(f, "revoked", rev);
		dump_time(f, "this", tu);
		dump_time(f, "next", nu);
		fprintf(f, "\n");
	}
	ERR_clear_error();
}

/* see differential.h */
void staple_diff_dump(FILE *f, const uint8_t *der, size_t len)
{
	struct sides s;

	decode_both(&s, der, len);
	fprintf(f, "input (%zu bytes): ", len);
	hex(f, der, len);
	fprintf(f, "\n");
	dump_staple(f, &s);
	dump_openssl(f, &s);
	openssl_free(&s.os);
}

/* see differential.h */
const char *staple_diff_verdict_name(int verdict)
{
	switch (verdict) {
	case STAPLE_DIFF_BOTH_AGREE:
		return "both_agree";
	case STAPLE_DIFF_BOTH_REJECT:
		return "both_reject";
	case STAPLE_DIFF_ONLY_STAPLE_ACCEPTS:
		return "only_staple_accepts";
	case STAPLE_DIFF_ONLY_OPENSSL_ACCEPTS:
		return "only_openssl_accepts";
	case STAPLE_DIFF_MISMATCH:
		return "mismatch";
	case STAPLE_DIFF_UNEXPLAINED:
		return "unexplained";
	default:
		return "?";
	}
}

/* see differential.h */
size_t staple_diff_rule_count(void)
{
	return N_RULES;
}

/* see differential.h */
const char *staple_diff_rule_name(size_t i)
{
	return i < N_RULES ? rules[i].name : NULL;
}

/* see differential.h */
int staple_diff_rule_side(size_t i)
{
	return i < N_RULES ? rules[i].side : -1;
}

/* see differential.h */
const char *staple_diff_rule_reason(size_t i)
{
	return i < N_RULES ? rules[i].why : NULL;
}
