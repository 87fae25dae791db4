/*
 * fuzz_x509.c -- staple_cert_decode() and staple_sigalg_parse().
 *
 * Input: the DER of a Certificate, decoded from a heap copy of exactly
 * its size (a read one byte past it trips AddressSanitizer).  Checks:
 *   - failure: a code the certificate reader can give, the struct zeroed
 *     but for error_offset, and error_offset inside the input (0 for an
 *     empty one);
 *   - success: the input is one SEQUENCE whose contents start with tbs,
 *     itself one SEQUENCE; every slice lies inside the input, those of
 *     TBSCertificate inside tbs in ASN.1 order and the signature
 *     algorithm and value after it; serial a minimal INTEGER; issuer,
 *     subject and spki one SEQUENCE each; times within years 0000-9999;
 *     version 1..3, extensions only in v3 and never empty; only defined
 *     flags and leniencies, each backed by an extension, and no more
 *     unknown critical extensions than extensions;
 *   - the key, re-read from the SubjectPublicKeyInfo by a walker of its
 *     own: the type its algorithm OID names, bits the BIT STRING's octets;
 *     parameters NULL or absent for rsaEncryption, absent or valid
 *     RSASSA-PSS-params for id-RSASSA-PSS, a named curve for EC, none
 *     for EdDSA;
 *     RSA: n and e the two INTEGERs without their sign octet, neither
 *     empty nor starting with a zero octet; EC on a known curve: 65, 97
 *     or 133 octets starting 04; Ed25519 / Ed448: 32 / 57 octets;
 *   - a second decode gives the same struct; one byte appended is
 *     TRAILING_DATA at that byte; the input minus its last byte fails;
 *   - fuzz_check_sigalg() (check_cert.c) on the certificate's signature
 *     algorithm and on the key's algorithm;
 *   - the tool's formatters (tools/cert_format.c), for each responder
 *     value (-1, 0, 1): the text lines are UTF-8 without control
 *     characters, each indented and ended by a newline, with a label;
 *     the JSON object is strict RFC 8259; its keys are the text labels
 *     with "_" for spaces, in the same order (tool.h's rule); the
 *     responder member is there exactly when known.
 */
#include <stdlib.h>
#include <string.h>

#include "check_cert.h"
#include "harness.h"
#include "x690.h"
#include "der.h"
#include "tool.h"

/* The codes staple_cert_decode() can give: DER, then certificate rules. */
static int cert_error(int err)
{
	switch (err) {
	case STAPLE_ERR_TRUNCATED:
	case STAPLE_ERR_TAG:
	case STAPLE_ERR_INDEFINITE_LENGTH:
	case STAPLE_ERR_LONG_LENGTH:
	case STAPLE_ERR_NONMINIMAL_LENGTH:
	case STAPLE_ERR_INTEGER:
	case STAPLE_ERR_BOOLEAN:
	case STAPLE_ERR_NULL:
	case STAPLE_ERR_BIT_STRING:
	case STAPLE_ERR_OID:
	case STAPLE_ERR_TIME:
	case STAPLE_ERR_TRAILING_DATA:
	case STAPLE_ERR_SET_ORDER:
	case STAPLE_ERR_ENCODED_DEFAULT:
	case STAPLE_ERR_EMPTY:
	case STAPLE_ERR_VERSION:
	case STAPLE_ERR_DUPLICATE_EXTENSION:
	case STAPLE_ERR_KEY:
	case STAPLE_ERR_ALGORITHM_MISMATCH:
		return 1;
	default:
		return 0;
	}
}

static void check_reset(const struct staple_cert *c)
{
	struct staple_cert zero;

	memset(&zero, 0, sizeof zero);
	zero.error_offset = c->error_offset;
	if (!fuzz_cert_equal(c, &zero))
		fuzz_fail("a failed staple_cert_decode left fields set "
		          "(version %d, key type %d)",
		          c->version, (int)c->key.type);
}

/* A slice: NULL only when empty, and inside outer. */
static void within(const char *what, struct staple_slice s,
                   struct staple_slice outer, const uint8_t *data)
{
	if (!fuzz_slice_within(s, outer))
		fuzz_fail("%s {offset %zu, n %zu} outside its container", what,
		          s.p != NULL ? fuzz_offset(s.p, data) : 0, s.n);
}

/* a, when present, ends at or before b starts, when present. */
static void before(const char *what, struct staple_slice a,
                   struct staple_slice b)
{
	if (a.p != NULL && b.p != NULL &&
	    (uintptr_t)a.p + a.n > (uintptr_t)b.p)
		fuzz_fail("%s out of order", what);
}

/* s is exactly one TLV with identifier octet tag; *contents its value. */
static int one_tlv(struct staple_slice s, uint8_t tag,
                   struct staple_slice *contents)
{
	struct fuzz_tlv t;

	if (s.p == NULL || fuzz_tlv_parse(s.p, s.n, &t) != STAPLE_OK ||
	    t.tag != tag || t.hdr + t.len != s.n)
		return 0;
	contents->p = s.p + t.hdr;
	contents->n = t.len;
	return 1;
}

/* Take the next TLV of *cur, which must have identifier octet tag. */
static struct staple_slice take(struct staple_slice *cur, uint8_t tag,
                                const char *what)
{
	struct staple_slice contents;
	struct fuzz_tlv t;

	if (fuzz_tlv_parse(cur->p, cur->n, &t) != STAPLE_OK || t.tag != tag)
		fuzz_fail("re-walk of the key: no %s", what);
	contents.p = cur->p + t.hdr;
	contents.n = t.len;
	cur->p += t.hdr + t.len;
	cur->n -= t.hdr + t.len;
	return contents;
}

/* An RSA INTEGER as staple_pubkey keeps it: without the sign octet. */
static int same_unsigned(struct staple_slice got, struct staple_slice integer)
{
	if (integer.n > 1 && integer.p[0] == 0x00) {
		integer.p++;
		integer.n--;
	}
	return got.p == integer.p && got.n == integer.n;
}

/*
 * The key, re-read from spki (RFC 5280 4.1, RFC 3279, RFC 4055, RFC 5480,
 * RFC 8410):
 *
 *   SubjectPublicKeyInfo ::= SEQUENCE {
 *      algorithm         AlgorithmIdentifier,
 *      subjectPublicKey  BIT STRING }
 */
static void check_key(const struct staple_pubkey *k, const uint8_t *data)
{
	static const uint8_t rsa[9] = {0x2a, 0x86, 0x48, 0x86, 0xf7,
	                               0x0d, 0x01, 0x01, 0x01};
	static const uint8_t pss[9] = {0x2a, 0x86, 0x48, 0x86, 0xf7,
	                               0x0d, 0x01, 0x01, 0x0a};
	static const uint8_t ec[7] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01};
	static const uint8_t ed25519[3] = {0x2b, 0x65, 0x70};
	static const uint8_t ed448[3] = {0x2b, 0x65, 0x71};
	static const uint8_t p256[8] = {0x2a, 0x86, 0x48, 0xce,
	                                0x3d, 0x03, 0x01, 0x07};
	static const uint8_t p384[5] = {0x2b, 0x81, 0x04, 0x00, 0x22};
	static const uint8_t p521[5] = {0x2b, 0x81, 0x04, 0x00, 0x23};
	static const size_t point[] = {0, 65, 97, 133};
	struct staple_slice spki, alg, oid, bits, seq, n, e, params;
	struct staple_sigalg sigalg;
	enum staple_key_type type = STAPLE_KEY_UNKNOWN;
	enum staple_curve curve = STAPLE_CURVE_NONE;
	int err;

	if (!one_tlv(k->spki, STAPLE_TAG_SEQUENCE, &spki))
		fuzz_fail("spki is not one SEQUENCE");
	alg = take(&spki, STAPLE_TAG_SEQUENCE, "AlgorithmIdentifier");
	oid = take(&alg, STAPLE_TAG_OID, "algorithm");
	params = alg; /* what follows the OID: one element or nothing */
	bits = take(&spki, STAPLE_TAG_BIT_STRING, "subjectPublicKey");
	FUZZ_REQUIRE(spki.n == 0);
	FUZZ_REQUIRE(bits.n >= 1 && bits.p[0] == 0x00); /* whole octets */
	bits.p++;
	bits.n--;
	if (k->bits.p != bits.p || k->bits.n != bits.n)
		fuzz_fail("key bits {offset %zu, n %zu} are not the BIT STRING's",
		          fuzz_offset(k->bits.p, data), k->bits.n);

	if (staple_slice_is(oid, rsa, sizeof rsa) ||
	    staple_slice_is(oid, pss, sizeof pss))
		type = STAPLE_KEY_RSA;
	else if (staple_slice_is(oid, ec, sizeof ec))
		type = STAPLE_KEY_EC;
	else if (staple_slice_is(oid, ed25519, sizeof ed25519))
		type = STAPLE_KEY_ED25519;
	else if (staple_slice_is(oid, ed448, sizeof ed448))
		type = STAPLE_KEY_ED448;
	if (k->type != type)
		fuzz_fail("key type %d, its OID says %d", (int)k->type,
		          (int)type);

	if (type == STAPLE_KEY_RSA) {
		/* RSAPublicKey ::= SEQUENCE { modulus, publicExponent } */
		struct staple_slice cur = bits;
		seq = take(&cur, STAPLE_TAG_SEQUENCE, "RSAPublicKey");
		FUZZ_REQUIRE(cur.n == 0);
		n = take(&seq, STAPLE_TAG_INTEGER, "modulus");
		e = take(&seq, STAPLE_TAG_INTEGER, "publicExponent");
		FUZZ_REQUIRE(seq.n == 0);
		FUZZ_REQUIRE(same_unsigned(k->n, n) && same_unsigned(k->e, e));
		FUZZ_REQUIRE(k->n.n > 0 && k->e.n > 0);
		if (k->n.p[0] == 0x00 || k->e.p[0] == 0x00)
			fuzz_fail("RSA modulus or exponent starts with 00");
		FUZZ_REQUIRE((n.p[0] & 0x80u) == 0 && (e.p[0] & 0x80u) == 0);
	} else {
		FUZZ_REQUIRE(k->n.p == NULL && k->n.n == 0);
		FUZZ_REQUIRE(k->e.p == NULL && k->e.n == 0);
	}

	if (type == STAPLE_KEY_EC) {
		/* ECParameters ::= CHOICE { namedCurve OBJECT IDENTIFIER } */
		struct staple_slice cur = params, named;
		named = take(&cur, STAPLE_TAG_OID, "namedCurve");
		FUZZ_REQUIRE(cur.n == 0);
		if (staple_slice_is(named, p256, sizeof p256))
			curve = STAPLE_CURVE_P256;
		else if (staple_slice_is(named, p384, sizeof p384))
			curve = STAPLE_CURVE_P384;
		else if (staple_slice_is(named, p521, sizeof p521))
			curve = STAPLE_CURVE_P521;
		/* SEC 1 2.3.3: 04 || X || Y, each the size of the field */
		if (curve != STAPLE_CURVE_NONE &&
		    (k->bits.n != point[curve] || k->bits.p[0] != 0x04))
			fuzz_fail("EC point of %zu octets on curve %d",
			          k->bits.n, (int)curve);
	}
	if (k->curve != curve)
		fuzz_fail("curve %d, its OID says %d", (int)k->curve,
		          (int)curve);
	if (type == STAPLE_KEY_ED25519 || type == STAPLE_KEY_ED448) {
		/* RFC 8410 3: no parameters; 4: the key's size */
		FUZZ_REQUIRE(params.n == 0);
		FUZZ_REQUIRE(k->bits.n == (type == STAPLE_KEY_ED25519 ? 32u : 57u));
	}

	/* The key's algorithm as a signature algorithm: EdDSA and
	 * id-RSASSA-PSS (its parameters) are both; others fail cleanly. */
	err = fuzz_check_sigalg(oid, params, &sigalg);
	/* RSA parameters: NULL or absent for rsaEncryption (RFC 3279
	 * 2.3.1), absent or RSASSA-PSS-params for id-RSASSA-PSS (RFC 4055
	 * 1.2); a reader that takes others disagrees with one that does not */
	if (staple_slice_is(oid, rsa, sizeof rsa) && params.n != 0 &&
	    !(params.n == 2 && params.p[0] == 0x05 && params.p[1] == 0x00))
		fuzz_fail("rsaEncryption key with parameters other than NULL");
	if (staple_slice_is(oid, pss, sizeof pss) && params.n != 0 && err != STAPLE_OK)
		fuzz_fail("id-RSASSA-PSS key with parameters that are not "
		          "RSASSA-PSS-params (%s)",
		          staple_errname(err));
}

/* The extensions: how many, each one SEQUENCE. */
static size_t count_extensions(struct staple_slice list)
{
	size_t count = 0;

	while (list.n > 0) {
		(void)take(&list, STAPLE_TAG_SEQUENCE, "Extension");
		count++;
	}
	return count;
}

static void check_time(const char *what, int64_t ms)
{
	if (ms < FUZZ_MS_YEAR_0 || ms >= FUZZ_MS_YEAR_10000)
		fuzz_fail("%s = %lld ms is outside years 0000-9999", what,
		          (long long)ms);
}

static void check_cert(const struct staple_cert *c, const uint8_t *data,
                       size_t size)
{
	const unsigned flags = STAPLE_CERT_CA | STAPLE_CERT_KEY_USAGE |
	                       STAPLE_CERT_EKU | STAPLE_CERT_OCSP_SIGNING |
	                       STAPLE_CERT_MUST_STAPLE | STAPLE_CERT_OCSP_NOCHECK;
	struct staple_slice input, cert, tbs, name;
	struct staple_sigalg sigalg;

	input.p = data;
	input.n = size;
	FUZZ_REQUIRE(c->error_offset == 0);

	/* Certificate ::= SEQUENCE { tbsCertificate, ... } */
	if (!one_tlv(input, STAPLE_TAG_SEQUENCE, &cert))
		fuzz_fail("the input is not one SEQUENCE");
	if (c->tbs.p != cert.p)
		fuzz_fail("tbs does not start the Certificate's contents");
	within("tbs", c->tbs, cert, data);
	if (!one_tlv(c->tbs, STAPLE_TAG_SEQUENCE, &tbs))
		fuzz_fail("tbs is not one SEQUENCE");

	within("serial", c->serial, tbs, data);
	within("issuer", c->issuer, tbs, data);
	within("subject", c->subject, tbs, data);
	within("spki", c->key.spki, tbs, data);
	within("key bits", c->key.bits, c->key.spki, data);
	within("RSA modulus", c->key.n, c->key.bits, data);
	within("RSA exponent", c->key.e, c->key.bits, data);
	within("extensions", c->extensions, tbs, data);
	within("sig_oid", c->sig_oid, cert, data);
	within("sig_params", c->sig_params, cert, data);
	within("signature", c->signature, cert, data);
	FUZZ_REQUIRE(c->serial.p != NULL && c->issuer.p != NULL &&
	             c->subject.p != NULL && c->key.spki.p != NULL &&
	             c->sig_oid.p != NULL && c->signature.p != NULL);
	before("serial, issuer", c->serial, c->issuer);
	before("issuer, subject", c->issuer, c->subject);
	before("subject, spki", c->subject, c->key.spki);
	before("spki, extensions", c->key.spki, c->extensions);
	before("tbs, sig_oid", c->tbs, c->sig_oid);
	before("sig_oid, sig_params", c->sig_oid, c->sig_params);
	before("sig_oid, signature", c->sig_oid, c->signature);
	before("sig_params, signature", c->sig_params, c->signature);
	FUZZ_REQUIRE(fuzz_oid_ok(c->sig_oid.p, c->sig_oid.n));
	if (!fuzz_integer_ok(c->serial))
		fuzz_fail("serial is not a minimal INTEGER");
	if (!one_tlv(c->issuer, STAPLE_TAG_SEQUENCE, &name) ||
	    !one_tlv(c->subject, STAPLE_TAG_SEQUENCE, &name))
		fuzz_fail("issuer or subject is not one SEQUENCE");
	check_time("not_before", c->not_before);
	check_time("not_after", c->not_after);

	/* RFC 5280 4.1.2.1 and 4.1.2.9 */
	if (c->version < 1 || c->version > 3)
		fuzz_fail("version %d", c->version);
	if (c->extensions.p != NULL) {
		FUZZ_REQUIRE(c->version == 3 && c->extensions.n > 0);
		FUZZ_REQUIRE(c->unknown_critical <=
		             count_extensions(c->extensions));
	} else {
		FUZZ_REQUIRE(c->extensions.n == 0);
		FUZZ_REQUIRE(c->flags == 0 && c->unknown_critical == 0);
	}
	if ((c->flags & ~flags) != 0)
		fuzz_fail("undefined flags 0x%x", c->flags);
	if ((c->flags & STAPLE_CERT_OCSP_SIGNING) != 0)
		FUZZ_REQUIRE((c->flags & STAPLE_CERT_EKU) != 0);
	/* KeyUsage: at most two octets; in DER its last bit is set (X.690
	 * 11.2.2), else that is the leniency STAPLE_LENIENT_NAMED_BITS */
	if ((c->leniencies & ~STAPLE_LENIENT_NAMED_BITS) != 0)
		fuzz_fail("undefined leniencies 0x%x", c->leniencies);
	if ((c->flags & STAPLE_CERT_KEY_USAGE) != 0)
		FUZZ_REQUIRE(c->key_usage <= 0xffffu &&
		             (c->key_usage != 0 || c->leniencies != 0));
	else
		FUZZ_REQUIRE(c->key_usage == 0 && c->leniencies == 0);

	check_key(&c->key, data);
	(void)fuzz_check_sigalg(c->sig_oid, c->sig_params, &sigalg);
}

/*
 * The keys of the JSON object j[0..n) (valid JSON, one object), each
 * followed by "\n", into keys.
 */
static void json_top_keys(const char *j, size_t n, struct staple_buf *keys)
{
	size_t i, start = 0;
	int depth = 0, in_string = 0;

	for (i = 0; i < n; i++) {
		if (in_string) {
			if (j[i] == '\\') {
				i++;
			} else if (j[i] == '"') {
				in_string = 0;
				/* a key: a string at depth 1 before ':' */
				if (depth == 1 && i + 1 < n && j[i + 1] == ':') {
					staple_buf_add(keys, j + start,
					               i - start);
					staple_buf_char(keys, '\n');
				}
			}
			continue;
		}
		if (j[i] == '"') {
			in_string = 1;
			start = i + 1;
		} else if (j[i] == '{' || j[i] == '[') {
			depth++;
		} else if (j[i] == '}' || j[i] == ']') {
			depth--;
		}
	}
}

/* The text and the JSON of the tool for c: valid, and the same members. */
static void check_formatters(const struct staple_cert *c)
{
	/* an instant within the times certificates carry, and --ms */
	const struct staple_text_style st = {INT64_C(1735732800000), 1};
	int responder;

	for (responder = -1; responder <= 1; responder++) {
		struct staple_buf text = {NULL, 0, 0}, json = {NULL, 0, 0};
		struct staple_buf keys = {NULL, 0, 0}, labels = {NULL, 0, 0};
		struct staple_json j;
		size_t i = 0;

		staple_text_cert(&text, &st, "  ", c, responder);
		FUZZ_REQUIRE(text.n > 0 && text.p[text.n - 1] == '\n');
		fuzz_text_valid(text.p, text.n, 1);
		while (i < text.n) {
			const char *nl = memchr(text.p + i, '\n', text.n - i);
			size_t end = (size_t)(nl - text.p), k;
			FUZZ_REQUIRE(end - i > 2 &&
			             memcmp(text.p + i, "  ", 2) == 0);
			for (k = i + 2; k + 1 < end; k++)
				if (text.p[k] == ':' && text.p[k + 1] == ' ')
					break;
			if (k + 1 >= end)
				fuzz_fail("a certificate line without a label: "
				          "%.*s", (int)(end - i), text.p + i);
			for (i += 2; i < k; i++)
				staple_buf_char(&labels, text.p[i] == ' '
				                                 ? '_' : text.p[i]);
			staple_buf_char(&labels, '\n');
			i = end + 1;
		}

		staple_json_init(&j, &json);
		staple_json_cert(&j, c, responder);
		fuzz_json_valid(json.p, json.n);
		json_top_keys(json.p, json.n, &keys);
		if (keys.n != labels.n ||
		    memcmp(keys.p, labels.p, keys.n) != 0)
			fuzz_fail("JSON keys\n%.*sare not the text labels\n%.*s",
			          (int)keys.n, keys.p, (int)labels.n,
			          labels.p);
		staple_buf_char(&keys, '\0');
		FUZZ_REQUIRE((strstr(keys.p, "\nresponder\n") != NULL) ==
		             (responder >= 0));
		staple_buf_free(&text);
		staple_buf_free(&json);
		staple_buf_free(&keys);
		staple_buf_free(&labels);
	}
}

/* staple_cert_decode() as fuzz_check_ends() calls it. */
static int decode(const uint8_t *p, size_t n, size_t *offset)
{
	struct staple_cert c;
	int err;

	memset(&c, 0x5a, sizeof c);
	err = staple_cert_decode(&c, p, n);
	*offset = c.error_offset;
	if (err != STAPLE_OK)
		check_reset(&c);
	return err;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct staple_cert c, again;
	uint8_t *copy;
	int err;

	copy = malloc(size > 0 ? size : 1);
	FUZZ_REQUIRE(copy != NULL);
	if (size > 0)
		memcpy(copy, data, size);
	FUZZ_REQUIRE(staple_cert_decode(NULL, data, size) ==
	             STAPLE_ERR_ARGUMENT);

	memset(&c, 0x5a, sizeof c);
	err = staple_cert_decode(&c, size > 0 ? copy : NULL, size);
	if (err != STAPLE_OK) {
		if (!cert_error(err))
			fuzz_fail("staple_cert_decode: %s", staple_errname(err));
		FUZZ_REQUIRE(size == 0 ? c.error_offset == 0
		                       : c.error_offset < size);
		check_reset(&c);
		free(copy);
		return 0;
	}
	check_cert(&c, copy, size);
	check_formatters(&c);

	memset(&again, 0xa5, sizeof again);
	FUZZ_REQUIRE(staple_cert_decode(&again, copy, size) == STAPLE_OK);
	FUZZ_REQUIRE(fuzz_cert_equal(&c, &again));

	fuzz_check_ends(copy, size, decode);
	free(copy);
	return 0;
}
