/*
 * x509.c -- the certificate reader (RFC 5280 4.1): what verification
 * needs, read as strictly as the OCSP decoder reads a response, one parse
 * function per ASN.1 type under its definition.
 */
#include "der.h"
#include "oid.h"

#include <string.h>

/* The TLS extension number of status_request (RFC 6066 8). */
#define TLS_STATUS_REQUEST 5u

static int read_time_either(struct staple_ctx *c, struct staple_slice *cur,
                            int64_t *ms)
{
	int err;

	if (staple_der_peek(cur, STAPLE_TAG_UTC_TIME))
		err = staple_der_read_utc_time(cur, ms);
	else
		err = staple_der_read_generalized_time(cur, ms);
	return err == STAPLE_OK ? STAPLE_OK : staple_ctx_fail(c, err, cur->p);
}

/*
 * Validity ::= SEQUENCE {
 *    notBefore      Time,
 *    notAfter       Time }
 *
 * Time ::= CHOICE {
 *    utcTime        UTCTime,
 *    generalTime    GeneralizedTime }
 */
static int parse_validity(struct staple_ctx *c, struct staple_slice *cur,
                          struct staple_cert *out)
{
	struct staple_slice seq;
	int err;

	err = staple_ctx_read(c, cur, STAPLE_TAG_SEQUENCE, &seq);
	if (err == STAPLE_OK)
		err = read_time_either(c, &seq, &out->not_before);
	if (err == STAPLE_OK)
		err = read_time_either(c, &seq, &out->not_after);
	if (err != STAPLE_OK)
		return err;
	return staple_ctx_end(c, &seq);
}

/* Strip the sign octet of a positive INTEGER's contents. */
static struct staple_slice unsigned_value(struct staple_slice v)
{
	if (v.n > 1 && v.p[0] == 0x00) {
		v.p++;
		v.n--;
	}
	return v;
}

/*
 * RSAPublicKey ::= SEQUENCE {
 *    modulus           INTEGER,  -- n
 *    publicExponent    INTEGER } -- e
 *
 * Both must be positive; the modulus odd and at least 512 bits.
 */
static int parse_rsa_key(struct staple_pubkey *key)
{
	struct staple_slice cur = key->bits, seq, n, e;

	if (staple_der_read(&cur, STAPLE_TAG_SEQUENCE, &seq) != STAPLE_OK ||
	    cur.n != 0 || staple_der_read_integer(&seq, &n) != STAPLE_OK ||
	    staple_der_read_integer(&seq, &e) != STAPLE_OK || seq.n != 0)
		return STAPLE_ERR_KEY;
	if ((n.p[0] & 0x80u) != 0 || (e.p[0] & 0x80u) != 0)
		return STAPLE_ERR_KEY;
	key->n = unsigned_value(n);
	key->e = unsigned_value(e);
	if (key->n.n < 64 || (key->n.p[key->n.n - 1] & 1u) == 0 ||
	    key->e.p[0] == 0)
		return STAPLE_ERR_KEY;
	return STAPLE_OK;
}

/*
 * rsaEncryption takes NULL parameters (RFC 3279 2.3.1; absent is taken
 * too), id-RSASSA-PSS absent or valid RSASSA-PSS-params (RFC 4055 1.2).
 * Anything else is a key that one reader would take and another refuse.
 */
static int rsa_params_ok(struct staple_slice oid, struct staple_slice params)
{
	struct staple_sigalg pss;

	if (params.n == 0)
		return 1;
	if (staple_oid_is(oid, STAPLE_OID_RSASSA_PSS))
		return staple_sigalg_parse(oid, params, &pss) == STAPLE_OK;
	return staple_der_read_null(&params) == STAPLE_OK && params.n == 0;
}

/* The key type of a SubjectPublicKeyInfo algorithm OID, or UNKNOWN. */
static enum staple_key_type key_type_of(struct staple_slice oid)
{
	switch (staple_oid_find(oid, STAPLE_OID_RSASSA_PSS,
	                        STAPLE_OID_EC_PUBLIC_KEY)) {
	case STAPLE_OID_RSA_ENCRYPTION:
	case STAPLE_OID_RSASSA_PSS: /* an RSA key too (RFC 4055 1.2) */
		return STAPLE_KEY_RSA;
	case STAPLE_OID_EC_PUBLIC_KEY:
		return STAPLE_KEY_EC;
	case STAPLE_OID_ED25519:
		return STAPLE_KEY_ED25519;
	case STAPLE_OID_ED448:
		return STAPLE_KEY_ED448;
	default:
		return STAPLE_KEY_UNKNOWN;
	}
}

/* The named curve of an EC key's parameters OID, or NONE. */
static enum staple_curve curve_of(struct staple_slice oid)
{
	enum staple_oid id =
		staple_oid_find(oid, STAPLE_OID_P256, STAPLE_OID_P521);

	if (id == STAPLE_OID_NONE)
		return STAPLE_CURVE_NONE;
	return (enum staple_curve)(STAPLE_CURVE_P256 + (id - STAPLE_OID_P256));
}

/*
 * SubjectPublicKeyInfo ::= SEQUENCE {
 *    algorithm          AlgorithmIdentifier,
 *    subjectPublicKey   BIT STRING }
 *
 * RSA (RFC 3279 2.3.1, parameters NULL; RFC 4055 for id-RSASSA-PSS), EC
 * (RFC 5480 2: namedCurve parameters, uncompressed point 04||X||Y), EdDSA
 * (RFC 8410 3: no parameters).  Another algorithm is kept as UNKNOWN.
 */
static int parse_spki(struct staple_ctx *c, struct staple_slice *cur,
                      struct staple_pubkey *key)
{
	static const size_t point_size[] = {0, 65, 97, 133};
	struct staple_slice whole = *cur, seq, oid, params, curve;
	const uint8_t *key_at;
	unsigned unused;
	int err;

	err = staple_ctx_read(c, cur, STAPLE_TAG_SEQUENCE, &seq);
	if (err != STAPLE_OK)
		return err;
	key->spki.p = whole.p;
	key->spki.n = whole.n - cur->n;
	err = staple_der_read_algorithm(c, &seq, &oid, &params);
	if (err != STAPLE_OK)
		return err;
	key_at = seq.p;
	err = staple_der_read_bit_string(&seq, &key->bits, &unused);
	if (err == STAPLE_OK && unused != 0)
		err = STAPLE_ERR_KEY;
	if (err != STAPLE_OK)
		return staple_ctx_fail(c, err, key_at);
	err = staple_ctx_end(c, &seq);
	if (err != STAPLE_OK)
		return err;

	key->type = key_type_of(oid);
	switch (key->type) {
	case STAPLE_KEY_RSA:
		if (!rsa_params_ok(oid, params))
			return staple_ctx_fail(c, STAPLE_ERR_KEY, params.p);
		key->pss_only = staple_oid_is(oid, STAPLE_OID_RSASSA_PSS);
		err = parse_rsa_key(key);
		break;
	case STAPLE_KEY_EC:
		curve = params;
		if (staple_der_read_oid(&curve, &oid) != STAPLE_OK ||
		    curve.n != 0) {
			err = STAPLE_ERR_KEY;
			break;
		}
		key->curve = curve_of(oid);
		if (key->curve != STAPLE_CURVE_NONE &&
		    (key->bits.n != point_size[key->curve] ||
		     key->bits.p[0] != 0x04))
			err = STAPLE_ERR_KEY;
		break;
	case STAPLE_KEY_ED25519:
	case STAPLE_KEY_ED448:
		if (params.n != 0 ||
		    key->bits.n != (key->type == STAPLE_KEY_ED25519 ? 32u : 57u))
			err = STAPLE_ERR_KEY;
		break;
	default:
		break;
	}
	return err == STAPLE_OK ? STAPLE_OK : staple_ctx_fail(c, err, key_at);
}

/*
 * BasicConstraints ::= SEQUENCE {
 *    cA                      BOOLEAN DEFAULT FALSE,
 *    pathLenConstraint       INTEGER (0..MAX) OPTIONAL }
 */
static int parse_basic_constraints(struct staple_slice v, unsigned *flags)
{
	struct staple_slice seq, len;
	int ca = 0, err;

	err = staple_der_read(&v, STAPLE_TAG_SEQUENCE, &seq);
	if (err == STAPLE_OK && staple_der_peek(&seq, STAPLE_TAG_BOOLEAN)) {
		err = staple_der_read_boolean(&seq, &ca);
		if (err == STAPLE_OK && !ca) /* X.690 11.5 */
			err = STAPLE_ERR_ENCODED_DEFAULT;
	}
	if (err == STAPLE_OK && seq.n > 0) {
		err = staple_der_read_integer(&seq, &len);
		if (err == STAPLE_OK && (len.p[0] & 0x80u) != 0)
			err = STAPLE_ERR_INTEGER;
	}
	if (err == STAPLE_OK && (seq.n != 0 || v.n != 0))
		err = STAPLE_ERR_TRAILING_DATA;
	if (err == STAPLE_OK && ca)
		*flags |= STAPLE_CERT_CA;
	return err;
}

/*
 * KeyUsage ::= BIT STRING { digitalSignature (0), ... decipherOnly (8) }
 *
 * A named bit list drops trailing zero bits in DER (X.690 11.2.2); one that
 * keeps them is the leniency STAPLE_LENIENT_NAMED_BITS.
 */
static int parse_key_usage(struct staple_slice v, unsigned *usage,
                           unsigned *leniencies)
{
	struct staple_slice bits;
	unsigned unused;
	size_t i;
	int err;

	err = staple_der_read_bit_string(&v, &bits, &unused);
	if (err != STAPLE_OK)
		return err;
	if (v.n != 0)
		return STAPLE_ERR_TRAILING_DATA;
	if (bits.n == 0 || bits.n > 2)
		return STAPLE_ERR_BIT_STRING;
	if ((bits.p[bits.n - 1] & (1u << unused)) == 0)
		*leniencies |= STAPLE_LENIENT_NAMED_BITS;
	*usage = 0;
	for (i = 0; i < 8 * bits.n; i++)
		if (bits.p[i / 8] & (0x80u >> (i % 8)))
			*usage |= 1u << i;
	return STAPLE_OK;
}

/*
 * ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId
 * KeyPurposeId ::= OBJECT IDENTIFIER
 */
static int parse_ext_key_usage(struct staple_slice v, unsigned *flags)
{
	struct staple_slice seq, oid;
	int err;

	err = staple_der_read(&v, STAPLE_TAG_SEQUENCE, &seq);
	if (err != STAPLE_OK)
		return err;
	if (v.n != 0)
		return STAPLE_ERR_TRAILING_DATA;
	if (seq.n == 0)
		return STAPLE_ERR_EMPTY;
	*flags |= STAPLE_CERT_EKU;
	while (seq.n > 0) {
		err = staple_der_read_oid(&seq, &oid);
		if (err != STAPLE_OK)
			return err;
		if (staple_oid_is(oid, STAPLE_OID_OCSP_SIGNING))
			*flags |= STAPLE_CERT_OCSP_SIGNING;
	}
	return STAPLE_OK;
}

/*
 * Features ::= SEQUENCE OF INTEGER   (RFC 7633 4.1; TLS extension numbers)
 */
static int parse_tls_feature(struct staple_slice v, unsigned *flags)
{
	struct staple_slice seq;
	unsigned long feature;
	int err;

	err = staple_der_read(&v, STAPLE_TAG_SEQUENCE, &seq);
	if (err != STAPLE_OK)
		return err;
	if (v.n != 0)
		return STAPLE_ERR_TRAILING_DATA;
	while (seq.n > 0) {
		err = staple_der_read_small(&seq, STAPLE_TAG_INTEGER, 65535,
		                            STAPLE_ERR_INTEGER, &feature);
		if (err != STAPLE_OK)
			return err;
		if (feature == TLS_STATUS_REQUEST)
			*flags |= STAPLE_CERT_MUST_STAPLE;
	}
	return STAPLE_OK;
}

/*
 * id-pkix-ocsp-nocheck: "The value of the extension SHALL be NULL" (RFC
 * 6960 4.2.2.2.1): a responder certificate the client need not check for
 * revocation.
 */
static int parse_ocsp_nocheck(struct staple_slice value, unsigned *flags)
{
	int err = staple_der_read_null(&value);

	if (err == STAPLE_OK && value.n != 0)
		err = STAPLE_ERR_TRAILING_DATA;
	if (err == STAPLE_OK)
		*flags |= STAPLE_CERT_OCSP_NOCHECK;
	return err;
}

/* see oid.h: what parse_extension_value() below interprets or knows */
int staple_cert_ext_understood(struct staple_slice oid)
{
	return staple_oid_find(oid, STAPLE_OID_BASIC_CONSTRAINTS,
	                       STAPLE_OID_AUTHORITY_INFO_ACCESS) !=
	       STAPLE_OID_NONE;
}

/* Interpret one extension; *known is 0 when staple does not know it. */
static int parse_extension_value(struct staple_slice oid,
                                 struct staple_slice value,
                                 struct staple_cert *out, int *known)
{
	enum staple_oid id = staple_oid_find(oid, STAPLE_OID_BASIC_CONSTRAINTS,
	                                     STAPLE_OID_AUTHORITY_INFO_ACCESS);

	*known = id != STAPLE_OID_NONE;
	switch (id) {
	case STAPLE_OID_BASIC_CONSTRAINTS:
		return parse_basic_constraints(value, &out->flags);
	case STAPLE_OID_KEY_USAGE:
		out->flags |= STAPLE_CERT_KEY_USAGE;
		return parse_key_usage(value, &out->key_usage,
		                       &out->leniencies);
	case STAPLE_OID_EXT_KEY_USAGE:
		return parse_ext_key_usage(value, &out->flags);
	case STAPLE_OID_TLS_FEATURE:
		return parse_tls_feature(value, &out->flags);
	case STAPLE_OID_OCSP_NOCHECK:
		return parse_ocsp_nocheck(value, &out->flags);
	default:
		/* read but not interpreted: their criticality is honoured
		 * by whoever uses the certificate for what they constrain */
		return STAPLE_OK;
	}
}

/*
 * Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension
 *
 * `wrapper` is the contents of the [3] EXPLICIT tag.  An extension
 * staple interprets must be well-formed wherever it is marked critical or
 * not; the error points at its extnValue.
 */
static int parse_extensions(struct staple_ctx *c, struct staple_slice wrapper,
                            struct staple_cert *out)
{
	struct staple_slice walk, oid, value;
	const uint8_t *list_at = wrapper.p;
	int critical, known, err;

	err = staple_ctx_read(c, &wrapper, STAPLE_TAG_SEQUENCE,
	                      &out->extensions);
	if (err == STAPLE_OK)
		err = staple_ctx_end(c, &wrapper);
	if (err != STAPLE_OK)
		return err;
	if (out->extensions.n == 0) /* RFC 5280 4.1: SIZE (1..MAX) */
		return staple_ctx_fail(c, STAPLE_ERR_EMPTY, list_at);
	walk = out->extensions;
	while (walk.n > 0) {
		const uint8_t *at = walk.p;
		err = staple_der_read_extension(c, &walk, &oid, &critical,
		                                &value);
		if (err != STAPLE_OK)
			return err;
		if (staple_der_extension_seen(out->extensions, at, oid))
			return staple_ctx_fail(c, STAPLE_ERR_DUPLICATE_EXTENSION,
			                       at);
		err = parse_extension_value(oid, value, out, &known);
		if (err != STAPLE_OK)
			return staple_ctx_fail(c, err, value.p);
		if (critical && !known)
			out->unknown_critical++;
	}
	return STAPLE_OK;
}

/*
 * TBSCertificate ::= SEQUENCE {
 *    version         [0]  EXPLICIT Version DEFAULT v1,
 *    serialNumber         CertificateSerialNumber,
 *    signature            AlgorithmIdentifier,
 *    issuer               Name,
 *    validity             Validity,
 *    subject              Name,
 *    subjectPublicKeyInfo SubjectPublicKeyInfo,
 *    issuerUniqueID  [1]  IMPLICIT UniqueIdentifier OPTIONAL,
 *    subjectUniqueID [2]  IMPLICIT UniqueIdentifier OPTIONAL,
 *    extensions      [3]  EXPLICIT Extensions OPTIONAL }
 *
 * Version ::= INTEGER { v1(0), v2(1), v3(2) }
 * UniqueIdentifier ::= BIT STRING
 */
static int parse_tbs(struct staple_ctx *c, struct staple_slice *cur,
                     struct staple_cert *out, struct staple_slice *sig_oid,
                     struct staple_slice *sig_params)
{
	struct staple_slice whole = *cur, seq, tagged, ignored;
	const uint8_t *at;
	unsigned long version = 0;
	int present, err;
	uint8_t id;

	err = staple_ctx_read(c, cur, STAPLE_TAG_SEQUENCE, &seq);
	if (err != STAPLE_OK)
		return err;
	out->tbs.p = whole.p;
	out->tbs.n = whole.n - cur->n;
	at = seq.p;
	err = staple_der_read_optional(&seq, STAPLE_TAG_CONTEXT_CONS(0), &tagged,
	                               &present);
	if (err == STAPLE_OK && present) {
		err = staple_der_read_small(&tagged, STAPLE_TAG_INTEGER, 2,
		                            STAPLE_ERR_VERSION, &version);
		if (err == STAPLE_OK && version == 0) /* X.690 11.5 */
			err = STAPLE_ERR_ENCODED_DEFAULT;
		if (err == STAPLE_OK && tagged.n != 0)
			err = STAPLE_ERR_TRAILING_DATA;
	}
	if (err != STAPLE_OK)
		return staple_ctx_fail(c, err, at);
	out->version = (int)version + 1;
	at = seq.p;
	err = staple_der_read_integer(&seq, &out->serial);
	if (err != STAPLE_OK)
		return staple_ctx_fail(c, err, at);
	err = staple_der_read_algorithm(c, &seq, sig_oid, sig_params);
	if (err == STAPLE_OK)
		err = staple_der_read_name(c, &seq, &out->issuer);
	if (err == STAPLE_OK)
		err = parse_validity(c, &seq, out);
	if (err == STAPLE_OK)
		err = staple_der_read_name(c, &seq, &out->subject);
	if (err != STAPLE_OK)
		return err;
	err = parse_spki(c, &seq, &out->key);
	if (err != STAPLE_OK)
		return err;
	for (id = 1; id <= 2; id++) {
		at = seq.p;
		err = staple_der_read_optional(&seq, STAPLE_TAG_CONTEXT(id),
		                               &ignored, &present);
		if (err == STAPLE_OK && present && out->version < 2)
			err = STAPLE_ERR_VERSION; /* RFC 5280 4.1.2.8 */
		if (err != STAPLE_OK)
			return staple_ctx_fail(c, err, at);
	}
	at = seq.p;
	err = staple_der_read_optional(&seq, STAPLE_TAG_CONTEXT_CONS(3), &tagged,
	                               &present);
	if (err == STAPLE_OK && present && out->version != 3)
		err = STAPLE_ERR_VERSION; /* RFC 5280 4.1.2.9 */
	if (err != STAPLE_OK)
		return staple_ctx_fail(c, err, at);
	if (present) {
		err = parse_extensions(c, tagged, out);
		if (err != STAPLE_OK)
			return err;
	}
	return staple_ctx_end(c, &seq);
}

/*
 * Certificate ::= SEQUENCE {
 *    tbsCertificate       TBSCertificate,
 *    signatureAlgorithm   AlgorithmIdentifier,
 *    signatureValue       BIT STRING }
 *
 * RFC 5280 4.1.1.2: signatureAlgorithm must be the same as the
 * TBSCertificate's signature field.
 */
static int parse_certificate(struct staple_ctx *c, struct staple_slice *cur,
                             struct staple_cert *out)
{
	struct staple_slice seq, inner_oid, inner_params;
	const uint8_t *at;
	unsigned unused;
	int err;

	err = staple_ctx_read(c, cur, STAPLE_TAG_SEQUENCE, &seq);
	if (err == STAPLE_OK)
		err = parse_tbs(c, &seq, out, &inner_oid, &inner_params);
	if (err != STAPLE_OK)
		return err;
	at = seq.p;
	err = staple_der_read_algorithm(c, &seq, &out->sig_oid,
	                                &out->sig_params);
	if (err != STAPLE_OK)
		return err;
	if (!staple_slice_equal(inner_oid, out->sig_oid) ||
	    !staple_slice_equal(inner_params, out->sig_params))
		return staple_ctx_fail(c, STAPLE_ERR_ALGORITHM_MISMATCH, at);
	at = seq.p;
	err = staple_der_read_bit_string(&seq, &out->signature, &unused);
	if (err == STAPLE_OK && unused != 0) /* signatures are octets */
		err = STAPLE_ERR_BIT_STRING;
	if (err != STAPLE_OK)
		return staple_ctx_fail(c, err, at);
	return staple_ctx_end(c, &seq);
}

/* see staple.h */
int staple_cert_decode(struct staple_cert *out, const uint8_t *der,
                       size_t len)
{
	struct staple_ctx c = {NULL, 0, 0};
	struct staple_slice cur;
	int err;

	if (out == NULL)
		return STAPLE_ERR_ARGUMENT;
	memset(out, 0, sizeof *out);
	if (der == NULL && len > 0)
		return STAPLE_ERR_ARGUMENT;
	cur.p = der;
	cur.n = len;
	err = parse_certificate(&c, &cur, out);
	if (err == STAPLE_OK)
		err = staple_ctx_end(&c, &cur);
	if (err != STAPLE_OK) {
		memset(out, 0, sizeof *out);
		out->error_offset = staple_ctx_offset(&c, der, len);
	}
	return err;
}
