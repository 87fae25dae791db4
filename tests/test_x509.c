/*
 * test_x509.c -- staple_cert_decode() and staple_sigalg_parse().
 *
 * The rules: every row builds a certificate from the parts of a small
 * valid one (BASE_PARTS below), with one part replaced, and asserts the
 * exact error and the exact offset (the start of the replaced part plus
 * `at`), or, for a valid variant, the flags and key it must read.  The
 * enclosing lengths are computed, so a row shows only what it changes.
 * The signature is not valid: the reader does not verify.
 *
 * The fixtures: every certificate the generator wrote (and those shipped
 * with ../shared/vectors, when present) decodes, and agrees with OpenSSL
 * field by field; every proper prefix of them fails cleanly.
 *
 * Clause numbers: ITU-T X.690 (02/2021), RFC 5280, RFC 5480, RFC 8410,
 * RFC 4055, RFC 7633.
 */
#include "tests.h"

#include "staple.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/asn1.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

/* ---- building certificates from parts --------------------------------- */

enum part {
	P_VERSION,
	P_SERIAL,
	P_INNER_ALG,
	P_ISSUER,
	P_VALIDITY,
	P_SUBJECT,
	P_SPKI,
	P_UNIQUE_IDS,
	P_EXTENSIONS, /* the [3] wrapper, the SEQUENCE and its contents */
	P_OUTER_ALG,
	P_SIGNATURE,
	P_TRAILER, /* after the Certificate */
	N_PARTS
};

#define ECDSA_SHA256 "30 0a 06 08 2a 86 48 ce 3d 04 03 02"
#define CN_TEST "30 0f 31 0d 30 0b 06 03 55 04 03 0c 04 74 65 73 74"
#define P256_POINT                                                         \
	"04 6b 17 d1 f2 e1 2c 42 47 f8 bc e6 e5 63 a4 40 f2 77 03 7d 81 2d "  \
	"eb 33 a0 f4 a1 39 45 d8 98 c2 96 4f e3 42 e2 fe 1a 7f 9b 8e e7 eb "  \
	"4a 7c 0f 9e 16 2b ce 33 57 6b 31 5e ce cb b6 40 68 37 bf 51 f5"
#define SPKI_P256                                                          \
	"30 59 30 13 06 07 2a 86 48 ce 3d 02 01 06 08 2a 86 48 ce 3d 03 01 07" \
	" 03 42 00 " P256_POINT
/* The middle of the 512-bit test moduli. */
#define ZERO60                                                             \
	"00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "       \
	"00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "       \
	"00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
/* basicConstraints cA TRUE, critical; keyUsage keyCertSign|cRLSign */
#define CA_EXTENSIONS                                                      \
	"30 0f 06 03 55 1d 13 01 01 ff 04 05 30 03 01 01 ff"                \
	" 30 0e 06 03 55 1d 0f 01 01 ff 04 04 03 02 01 06"

static const char *const base_parts[N_PARTS] = {
	"a0 03 02 01 02",                       /* v3 */
	"02 01 2a",                             /* serial 42 */
	ECDSA_SHA256,
	CN_TEST,
	"30 1e 17 0d 32 34 30 31 30 31 30 30 30 30 30 30 5a"
	" 17 0d 33 30 30 31 30 31 30 30 30 30 30 30 5a",
	CN_TEST,
	SPKI_P256,
	"",
	"EXT(" CA_EXTENSIONS ")",
	ECDSA_SHA256,
	"03 03 00 ab cd",
	"",
};

struct bytes_out {
	uint8_t *p;
	size_t n;
};

static void put(struct bytes_out *b, const uint8_t *p, size_t n)
{
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

static void put_header(struct bytes_out *b, uint8_t tag, size_t len)
{
	uint8_t h[6];
	size_t n = 0;

	h[n++] = tag;
	if (len < 0x80) {
		h[n++] = (uint8_t)len;
	} else if (len < 0x100) {
		h[n++] = 0x81;
		h[n++] = (uint8_t)len;
	} else {
		h[n++] = 0x82;
		h[n++] = (uint8_t)(len >> 8);
		h[n++] = (uint8_t)len;
	}
	put(b, h, n);
}

/*
 * The hex of a part; "EXT(hex)" wraps the extension list in
 * [3] { SEQUENCE { ... } }.
 */
static uint8_t *part_bytes(const char *hex, size_t *len)
{
	if (strncmp(hex, "EXT(", 4) == 0) {
		char *inner = strdup(hex + 4);
		size_t n;
		uint8_t *list, *out;
		struct bytes_out b;

		ck_assert_ptr_nonnull(inner);
		inner[strlen(inner) - 1] = '\0';
		list = test_hex(inner, &n);
		free(inner);
		out = malloc(n + 12);
		ck_assert_ptr_nonnull(out);
		b.p = out;
		b.n = 0;
		put_header(&b, 0xa3, n + (n < 0x80 ? 2 : n < 0x100 ? 3 : 4));
		put_header(&b, 0x30, n);
		put(&b, list, n);
		free(list);
		*len = b.n;
		return out;
	}
	return test_hex(hex, len);
}

/*
 * Certificate ::= SEQUENCE { tbs SEQUENCE { parts 0..8 }, parts 9..10 }
 * followed by part 11; starts[k] gets the offset of part k.
 */
static uint8_t *build_cert(const char *const parts[N_PARTS], size_t *len,
                           size_t starts[N_PARTS])
{
	uint8_t *bytes[N_PARTS], *out;
	size_t sizes[N_PARTS], tbs = 0, body, total, k;
	struct bytes_out b;

	for (k = 0; k < N_PARTS; k++) {
		bytes[k] = part_bytes(parts[k], &sizes[k]);
		if (k <= P_EXTENSIONS)
			tbs += sizes[k];
	}
	body = tbs + (tbs < 0x80 ? 2 : tbs < 0x100 ? 3 : 4) + sizes[P_OUTER_ALG] +
	       sizes[P_SIGNATURE];
	total = body + (body < 0x80 ? 2 : body < 0x100 ? 3 : 4) +
	        sizes[P_TRAILER];
	out = malloc(total);
	ck_assert_ptr_nonnull(out);
	b.p = out;
	b.n = 0;
	put_header(&b, 0x30, body);
	put_header(&b, 0x30, tbs);
	for (k = 0; k < N_PARTS; k++) {
		starts[k] = b.n;
		put(&b, bytes[k], sizes[k]);
		free(bytes[k]);
	}
	ck_assert_uint_eq(b.n, total);
	*len = total;
	return out;
}

/* ---- the rules -------------------------------------------------------- */

struct cert_case {
	const char *name;
	enum part part;    /* the part replaced */
	const char *hex;   /* its new bytes */
	int err;           /* the exact error, or STAPLE_OK */
	size_t at;         /* error offset inside the part */
	enum part at_part; /* ... of this part (usually `part`) */
	/* for STAPLE_OK: what must be read */
	unsigned flags;
	enum staple_key_type key;
	size_t unknown_critical;
};

#define EKU_OCSP "30 13 06 03 55 1d 25 04 0c 30 0a 06 08 2b 06 01 05 05 07 03 09"
#define TLS_FEATURE_5                                                      \
	"30 11 06 08 2b 06 01 05 05 07 01 18 04 05 30 03 02 01 05"
#define CA_FLAGS (STAPLE_CERT_CA | STAPLE_CERT_KEY_USAGE)

static const struct cert_case cert_cases[] = {
	/* The base itself, then variants that are valid. */
	{"base", P_SERIAL, "02 01 2a", STAPLE_OK, 0, 0, CA_FLAGS,
	 STAPLE_KEY_EC, 0},
	/* Validity as GeneralizedTime (RFC 5280 4.1.2.5: after 2049). */
	{"validity_generalized", P_VALIDITY,
	 "30 22 18 0f 32 30 32 34 30 31 30 31 30 30 30 30 30 30 5a"
	 " 18 0f 32 30 35 30 30 31 30 31 30 30 30 30 30 30 5a",
	 STAPLE_OK, 0, 0, CA_FLAGS, STAPLE_KEY_EC, 0},
	/* A responder: EKU id-kp-OCSPSigning. */
	{"eku_ocsp_signing", P_EXTENSIONS, "EXT(" EKU_OCSP ")", STAPLE_OK, 0,
	 0, STAPLE_CERT_EKU | STAPLE_CERT_OCSP_SIGNING, STAPLE_KEY_EC, 0},
	/* A responder not to be checked for revocation: nocheck, NULL. */
	{"ocsp_nocheck", P_EXTENSIONS,
	 "EXT(30 0f 06 09 2b 06 01 05 05 07 30 01 05 04 02 05 00)",
	 STAPLE_OK, 0, 0, STAPLE_CERT_OCSP_NOCHECK, STAPLE_KEY_EC, 0},
	/* EKU serverAuth only: an EKU without OCSP signing. */
	{"eku_server_auth", P_EXTENSIONS,
	 "EXT(30 13 06 03 55 1d 25 04 0c 30 0a 06 08 2b 06 01 05 05 07 03 01)",
	 STAPLE_OK, 0, 0, STAPLE_CERT_EKU, STAPLE_KEY_EC, 0},
	/* Must-staple: TLS Feature { status_request (5) } (RFC 7633). */
	{"must_staple", P_EXTENSIONS, "EXT(" TLS_FEATURE_5 ")", STAPLE_OK, 0,
	 0, STAPLE_CERT_MUST_STAPLE, STAPLE_KEY_EC, 0},
	/* TLS Feature with status_request_v2 (17) only: not must-staple. */
	{"tls_feature_other", P_EXTENSIONS,
	 "EXT(30 11 06 08 2b 06 01 05 05 07 01 18 04 05 30 03 02 01 11)",
	 STAPLE_OK, 0, 0, 0, STAPLE_KEY_EC, 0},
	/* A critical extension staple does not know is counted. */
	{"unknown_critical", P_EXTENSIONS,
	 "EXT(30 0d 06 05 2a 03 04 05 06 01 01 ff 04 01 00)", STAPLE_OK, 0, 0,
	 0, STAPLE_KEY_EC, 1},
	/* ... but a critical SAN is known (read, not interpreted). */
	{"critical_san", P_EXTENSIONS,
	 "EXT(30 12 06 03 55 1d 11 01 01 ff 04 08 30 06 82 04 74 65 73 74)",
	 STAPLE_OK, 0, 0, 0, STAPLE_KEY_EC, 0},
	/* v1: no version, no extensions. */
	{"v1", P_VERSION, "", STAPLE_OK, 0, 0, 0, STAPLE_KEY_EC, 0},
	/* An EC key on a curve staple does not name (secp256k1). */
	{"ec_other_curve", P_SPKI,
	 "30 56 30 10 06 07 2a 86 48 ce 3d 02 01 06 05 2b 81 04 00 0a"
	 " 03 42 00 " P256_POINT,
	 STAPLE_OK, 0, 0, CA_FLAGS, STAPLE_KEY_EC, 0},
	/* An algorithm staple does not know (DSA) is kept as UNKNOWN. */
	{"unknown_key", P_SPKI,
	 "30 0e 30 09 06 07 2a 86 48 ce 38 04 01 03 01 00", STAPLE_OK, 0, 0,
	 CA_FLAGS, STAPLE_KEY_UNKNOWN, 0},
	/* Ed25519 (RFC 8410 4). */
	{"ed25519", P_SPKI,
	 "30 2a 30 05 06 03 2b 65 70 03 21 00 d7 5a 98 01 82 b1 0a b7 d5 4b"
	 " fe d3 c9 64 07 3a 0e e1 72 f3 da a6 23 25 af 02 1a 68 f7 07 51 1a",
	 STAPLE_OK, 0, 0, CA_FLAGS, STAPLE_KEY_ED25519, 0},
	/* RSA, 512 bits, e = 65537. */
	{"rsa", P_SPKI,
	 "30 5c 30 0d 06 09 2a 86 48 86 f7 0d 01 01 01 05 00 03 4b 00 30 48"
	 " 02 41 00 c3 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
	 " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
	 " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 02"
	 " 03 02 03 01 00 01",
	 STAPLE_OK, 0, 0, CA_FLAGS, STAPLE_KEY_RSA, 0},

	/* ---- version ---- */
	/* v1 written out: DEFAULT values are not encoded (X.690 11.5). */
	{"version_v1_encoded", P_VERSION, "a0 03 02 01 00",
	 STAPLE_ERR_ENCODED_DEFAULT, 0, P_VERSION, 0, 0, 0},
	/* Version 4 does not exist (RFC 5280 4.1.2.1). */
	{"version_4", P_VERSION, "a0 03 02 01 03", STAPLE_ERR_VERSION, 0,
	 P_VERSION, 0, 0, 0},
	/* Extensions need v3 (RFC 5280 4.1.2.9): v2 with extensions. */
	{"extensions_in_v2", P_VERSION, "a0 03 02 01 01", STAPLE_ERR_VERSION,
	 0, P_EXTENSIONS, 0, 0, 0},
	/* A unique identifier needs v2 or v3 (RFC 5280 4.1.2.8). */
	{"unique_id_in_v1", P_VERSION, "", STAPLE_ERR_VERSION, 0,
	 P_UNIQUE_IDS, 0, 0, 0},

	/* ---- fields ---- */
	/* A serial with a needless leading zero (X.690 8.3.2). */
	{"serial_nonminimal", P_SERIAL, "02 02 00 2a", STAPLE_ERR_INTEGER, 0,
	 P_SERIAL, 0, 0, 0},
	/* signature and signatureAlgorithm differ (RFC 5280 4.1.1.2). */
	{"algorithms_differ", P_INNER_ALG,
	 "30 0a 06 08 2a 86 48 ce 3d 04 03 03", STAPLE_ERR_ALGORITHM_MISMATCH,
	 0, P_OUTER_ALG, 0, 0, 0},
	/* Month 13 in notBefore. */
	{"validity_bad_month", P_VALIDITY,
	 "30 1e 17 0d 32 34 31 33 30 31 30 30 30 30 30 30 5a"
	 " 17 0d 33 30 30 31 30 31 30 30 30 30 30 30 5a",
	 STAPLE_ERR_TIME, 2, P_VALIDITY, 0, 0, 0},
	/* Validity with a third time. */
	{"validity_trailing", P_VALIDITY,
	 "30 20 17 0d 32 34 30 31 30 31 30 30 30 30 30 30 5a"
	 " 17 0d 33 30 30 31 30 31 30 30 30 30 30 30 5a 05 00",
	 STAPLE_ERR_TRAILING_DATA, 32, P_VALIDITY, 0, 0, 0},
	/* The subject's SET OF out of DER order (X.690 11.6). */
	{"subject_set_order", P_SUBJECT,
	 "30 1d 31 1b 30 0b 06 03 55 04 03 0c 04 74 65 73 74"
	 " 30 0c 06 03 55 04 0a 0c 05 6f 72 67 61 6e",
	 STAPLE_OK, 0, 0, CA_FLAGS, STAPLE_KEY_EC, 0},
	{"subject_set_unordered", P_SUBJECT,
	 "30 1d 31 1b 30 0c 06 03 55 04 0a 0c 05 6f 72 67 61 6e"
	 " 30 0b 06 03 55 04 03 0c 04 74 65 73 74",
	 STAPLE_ERR_SET_ORDER, 18, P_SUBJECT, 0, 0, 0},

	/* ---- keys ---- */
	/* An EC point one octet short (RFC 5480 2.2: 65 octets for P-256). */
	{"ec_point_short", P_SPKI,
	 "30 58 30 13 06 07 2a 86 48 ce 3d 02 01 06 08 2a 86 48 ce 3d 03 01 07"
	 " 03 41 00 04 6b 17 d1 f2 e1 2c 42 47 f8 bc e6 e5 63 a4 40 f2 77 03"
	 " 7d 81 2d eb 33 a0 f4 a1 39 45 d8 98 c2 96 4f e3 42 e2 fe 1a 7f 9b"
	 " 8e e7 eb 4a 7c 0f 9e 16 2b ce 33 57 6b 31 5e ce cb b6 40 68 37 bf"
	 " 51",
	 STAPLE_ERR_KEY, 23, P_SPKI, 0, 0, 0},
	/* A compressed point (02 || X): staple reads uncompressed ones. */
	{"ec_point_compressed", P_SPKI,
	 "30 39 30 13 06 07 2a 86 48 ce 3d 02 01 06 08 2a 86 48 ce 3d 03 01 07"
	 " 03 22 00 02 6b 17 d1 f2 e1 2c 42 47 f8 bc e6 e5 63 a4 40 f2 77 03"
	 " 7d 81 2d eb 33 a0 f4 a1 39 45 d8 98 c2 96",
	 STAPLE_ERR_KEY, 23, P_SPKI, 0, 0, 0},
	/* EC parameters that are not a named curve OID (RFC 5480 2.1.1). */
	{"ec_params_null", P_SPKI,
	 "30 51 30 0b 06 07 2a 86 48 ce 3d 02 01 05 00 03 42 00 " P256_POINT,
	 STAPLE_ERR_KEY, 15, P_SPKI, 0, 0, 0},
	/* Ed25519 with parameters (RFC 8410 3: absent). */
	{"ed25519_params", P_SPKI,
	 "30 2c 30 07 06 03 2b 65 70 05 00 03 21 00 d7 5a 98 01 82 b1 0a b7"
	 " d5 4b fe d3 c9 64 07 3a 0e e1 72 f3 da a6 23 25 af 02 1a 68 f7 07"
	 " 51 1a",
	 STAPLE_ERR_KEY, 11, P_SPKI, 0, 0, 0},
	/* Ed25519 key of 31 octets. */
	{"ed25519_short", P_SPKI,
	 "30 29 30 05 06 03 2b 65 70 03 20 00 d7 5a 98 01 82 b1 0a b7 d5 4b"
	 " fe d3 c9 64 07 3a 0e e1 72 f3 da a6 23 25 af 02 1a 68 f7 07 51",
	 STAPLE_ERR_KEY, 9, P_SPKI, 0, 0, 0},
	/* A key BIT STRING with unused bits. */
	{"key_unused_bits", P_SPKI,
	 "30 2a 30 05 06 03 2b 65 70 03 21 01 d7 5a 98 01 82 b1 0a b7 d5 4b"
	 " fe d3 c9 64 07 3a 0e e1 72 f3 da a6 23 25 af 02 1a 68 f7 07 51 1a",
	 STAPLE_ERR_KEY, 9, P_SPKI, 0, 0, 0},
	/* rsaEncryption parameters that are not NULL (RFC 3279 2.3.1):
	 * BearSSL would read n and e, OpenSSL refuses the key. */
	{"rsa_params_boolean", P_SPKI,
	 "30 5c 30 0d 06 09 2a 86 48 86 f7 0d 01 01 01 01 00 03 4b 00 30 48"
	 " 02 41 00 c3 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
	 " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
	 " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 02"
	 " 03 02 03 01 00 01",
	 STAPLE_ERR_KEY, 15, P_SPKI, 0, 0, 0},
	/* id-RSASSA-PSS parameters with a trailerField (RFC 4055 3.1: only
	 * the DEFAULT exists, so DER never encodes one). */
	{"rsa_pss_key_bad_params", P_SPKI,
	 "30 61 30 12 06 09 2a 86 48 86 f7 0d 01 01 0a 30 05 a3 03 02 01 02"
	 " 03 4b 00 30 48 02 41 00 c3 " ZERO60 " 01 02 03 02 03 01 00 01",
	 STAPLE_ERR_KEY, 15, P_SPKI, 0, 0, 0},
	/* An RSA modulus that is negative (its top bit set, no 00). */
	{"rsa_negative_modulus", P_SPKI,
	 "30 5b 30 0d 06 09 2a 86 48 86 f7 0d 01 01 01 05 00 03 4a 00 30 47"
	 " 02 40 c3 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
	 " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
	 " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 02 03"
	 " 02 03 01 00 01",
	 STAPLE_ERR_KEY, 17, P_SPKI, 0, 0, 0},
	/* RSAPublicKey with a byte after the exponent. */
	{"rsa_trailing", P_SPKI,
	 "30 5d 30 0d 06 09 2a 86 48 86 f7 0d 01 01 01 05 00 03 4c 00 30 49"
	 " 02 41 00 c3 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
	 " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
	 " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 02"
	 " 03 02 03 01 00 01 00",
	 STAPLE_ERR_KEY, 17, P_SPKI, 0, 0, 0},

	/* ---- extensions ---- */
	/* Extensions is SIZE (1..MAX) (RFC 5280 4.1). */
	{"extensions_empty", P_EXTENSIONS, "EXT()", STAPLE_ERR_EMPTY, 2,
	 P_EXTENSIONS, 0, 0, 0},
	/* basicConstraints twice (RFC 5280 4.2). */
	{"extension_twice", P_EXTENSIONS,
	 "EXT(30 0f 06 03 55 1d 13 01 01 ff 04 05 30 03 01 01 ff"
	 " 30 0f 06 03 55 1d 13 01 01 ff 04 05 30 03 01 01 ff)",
	 STAPLE_ERR_DUPLICATE_EXTENSION, 21, P_EXTENSIONS, 0, 0, 0},
	/* critical FALSE written out (X.690 11.5). */
	{"critical_false", P_EXTENSIONS,
	 "EXT(30 0e 06 03 55 1d 0f 01 01 00 04 04 03 02 01 06)",
	 STAPLE_ERR_ENCODED_DEFAULT, 11, P_EXTENSIONS, 0, 0, 0},
	/* basicConstraints { cA FALSE }: the DEFAULT written out. */
	{"ca_false_encoded", P_EXTENSIONS,
	 "EXT(30 0f 06 03 55 1d 13 01 01 ff 04 05 30 03 01 01 00)",
	 STAPLE_ERR_ENCODED_DEFAULT, 16, P_EXTENSIONS, 0, 0, 0},
	/* keyUsage 03 02 01 07: a padding bit set (X.690 11.2.1). */
	{"key_usage_padding_bit", P_EXTENSIONS,
	 "EXT(30 0e 06 03 55 1d 0f 01 01 ff 04 04 03 02 01 07)",
	 STAPLE_ERR_BIT_STRING, 16, P_EXTENSIONS, 0, 0, 0},
	/* keyUsage in three octets: more bits than KeyUsage names. */
	{"key_usage_too_long", P_EXTENSIONS,
	 "EXT(30 10 06 03 55 1d 0f 01 01 ff 04 06 03 04 07 06 00 80)",
	 STAPLE_ERR_BIT_STRING, 16, P_EXTENSIONS, 0, 0, 0},
	/* extKeyUsage with no purpose: SIZE (1..MAX). */
	{"eku_empty", P_EXTENSIONS, "EXT(30 09 06 03 55 1d 25 04 02 30 00)",
	 STAPLE_ERR_EMPTY, 13, P_EXTENSIONS, 0, 0, 0},
	/* TLS Feature holding an OCTET STRING instead of INTEGERs. */
	{"tls_feature_not_integer", P_EXTENSIONS,
	 "EXT(30 11 06 08 2b 06 01 05 05 07 01 18 04 05 30 03 04 01 05)",
	 STAPLE_ERR_TAG, 18, P_EXTENSIONS, 0, 0, 0},

	/* id-pkix-ocsp-nocheck whose value is not NULL (RFC 6960
	 * 4.2.2.2.1: it SHALL be NULL). */
	{"ocsp_nocheck_not_null", P_EXTENSIONS,
	 "EXT(30 0f 06 09 2b 06 01 05 05 07 30 01 05 04 02 04 00)",
	 STAPLE_ERR_TAG, 19, P_EXTENSIONS, 0, 0, 0},
	{"ocsp_nocheck_trailing", P_EXTENSIONS,
	 "EXT(30 11 06 09 2b 06 01 05 05 07 30 01 05 04 04 05 00 05 00)",
	 STAPLE_ERR_TRAILING_DATA, 19, P_EXTENSIONS, 0, 0, 0},

	/* ---- the outer structure ---- */
	/* Signature BIT STRING with unused bits: signatures are octets. */
	{"signature_unused_bits", P_SIGNATURE, "03 03 04 ab c0",
	 STAPLE_ERR_BIT_STRING, 0, P_SIGNATURE, 0, 0, 0},
	/* A byte after the Certificate. */
	{"trailing_byte", P_TRAILER, "00", STAPLE_ERR_TRAILING_DATA, 0,
	 P_TRAILER, 0, 0, 0},
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

START_TEST(test_cert_rule)
{
	const struct cert_case *c = &cert_cases[_i];
	const char *parts[N_PARTS];
	size_t starts[N_PARTS], len, k;
	struct staple_cert cert;
	uint8_t *der;
	int err;

	for (k = 0; k < N_PARTS; k++)
		parts[k] = base_parts[k];
	parts[c->part] = c->hex;
	if (strcmp(c->name, "unique_id_in_v1") == 0)
		parts[P_UNIQUE_IDS] = "81 02 00 01";
	if (strcmp(c->name, "v1") == 0)
		parts[P_EXTENSIONS] = "";
	der = build_cert(parts, &len, starts);
	memset(&cert, 0xa5, sizeof cert);
	err = staple_cert_decode(&cert, der, len);
	ck_assert_msg(err == c->err, "%s: got %s, want %s", c->name,
	              staple_errname(err), staple_errname(c->err));
	if (err != STAPLE_OK) {
		ck_assert_msg(cert.error_offset == starts[c->at_part] + c->at,
		              "%s: offset %zu, want %zu", c->name,
		              cert.error_offset, starts[c->at_part] + c->at);
		ck_assert_ptr_null(cert.tbs.p);
		ck_assert_int_eq(cert.version, 0);
		ck_assert_uint_eq(cert.flags, 0);
	} else {
		ck_assert_uint_eq(cert.flags, c->flags);
		ck_assert_int_eq(cert.key.type, c->key);
		ck_assert_uint_eq(cert.unknown_critical, c->unknown_critical);
		ck_assert_int_eq(cert.version,
		                 strcmp(c->name, "v1") == 0 ? 1 : 3);
		ck_assert_uint_eq(cert.error_offset, 0);
		/* the slices land on their parts */
		ck_assert_ptr_eq(cert.tbs.p, der + (len > 0x100 ? 4 : 3));
		ck_assert_ptr_eq(cert.issuer.p, der + starts[P_ISSUER]);
		ck_assert_ptr_eq(cert.key.spki.p, der + starts[P_SPKI]);
		ck_assert_ptr_eq(cert.sig_oid.p, der + starts[P_OUTER_ALG] + 4);
	}
	free(der);
}
END_TEST

/* The hex of the rule called `name`. */
static const char *case_hex(const char *name)
{
	size_t k;

	for (k = 0; k < N_OF(cert_cases); k++)
		if (strcmp(cert_cases[k].name, name) == 0)
			return cert_cases[k].hex;
	ck_abort_msg("no rule %s", name);
	return NULL;
}

/*
 * The base certificate with `part` replaced by `hex`, which must decode;
 * returns its DER for the caller to free.
 */
static uint8_t *decode_variant(enum part part, const char *hex,
                               struct staple_cert *cert)
{
	const char *parts[N_PARTS];
	size_t starts[N_PARTS], len, k;
	uint8_t *der;
	int err;

	for (k = 0; k < N_PARTS; k++)
		parts[k] = base_parts[k];
	parts[part] = hex;
	der = build_cert(parts, &len, starts);
	err = staple_cert_decode(cert, der, len);
	ck_assert_msg(err == STAPLE_OK, "%s at %zu", staple_errname(err),
	              cert->error_offset);
	return der;
}

/* The base's values, read field by field. */
START_TEST(test_cert_fields)
{
	struct staple_cert cert;
	uint8_t *der = decode_variant(
		P_EXTENSIONS,
		"EXT(" CA_EXTENSIONS " " EKU_OCSP " " TLS_FEATURE_5 ")", &cert);

	ck_assert_uint_eq(cert.serial.n, 1);
	ck_assert_uint_eq(cert.serial.p[0], 0x2a);
	ck_assert_int_eq(cert.not_before, 1704067200000); /* 2024-01-01 */
	ck_assert_int_eq(cert.not_after, 1893456000000);  /* 2030-01-01 */
	ck_assert_int_eq(cert.key.curve, STAPLE_CURVE_P256);
	ck_assert_uint_eq(cert.key.bits.n, 65);
	ck_assert_uint_eq(cert.key.bits.p[0], 0x04);
	ck_assert_uint_eq(cert.flags, CA_FLAGS | STAPLE_CERT_EKU |
	                                      STAPLE_CERT_OCSP_SIGNING |
	                                      STAPLE_CERT_MUST_STAPLE);
	ck_assert_uint_eq(cert.key_usage,
	                  STAPLE_KU_KEY_CERT_SIGN | STAPLE_KU_CRL_SIGN);
	ck_assert_uint_eq(cert.signature.n, 2);
	ck_assert_uint_eq(cert.issuer.n, cert.subject.n);
	free(der);
}
END_TEST

/* An id-RSASSA-PSS key (RFC 4055 1.2) is an RSA key for PSS only. */
START_TEST(test_cert_pss_key)
{
	struct staple_cert cert;
	uint8_t *der = decode_variant(
		P_SPKI,
		"30 5a 30 0b 06 09 2a 86 48 86 f7 0d 01 01 0a 03 4b 00 30 48"
		" 02 41 00 c3 " ZERO60 " 01 02 03 02 03 01 00 01",
		&cert);

	ck_assert_int_eq(cert.key.type, STAPLE_KEY_RSA);
	ck_assert_int_eq(cert.key.pss_only, 1);
	ck_assert_uint_eq(cert.key.n.n, 64);
	free(der);
	/* rsaEncryption is not */
	der = decode_variant(P_SPKI, case_hex("rsa"), &cert);
	ck_assert_int_eq(cert.key.pss_only, 0);
	free(der);
}
END_TEST

/* KeyUsage 03 03 07 06 00, as GnuTLS writes it: the leniency. */
START_TEST(test_cert_named_bits)
{
	struct staple_cert cert;
	uint8_t *der = decode_variant(
		P_EXTENSIONS,
		"EXT(30 0f 06 03 55 1d 0f 01 01 ff 04 05 03 03 07 06 00)", &cert);

	ck_assert_uint_eq(cert.leniencies, STAPLE_LENIENT_NAMED_BITS);
	ck_assert_uint_eq(cert.key_usage,
	                  STAPLE_KU_KEY_CERT_SIGN | STAPLE_KU_CRL_SIGN);
	free(der);
	/* the DER form sets no leniency */
	der = decode_variant(P_EXTENSIONS, base_parts[P_EXTENSIONS], &cert);
	ck_assert_uint_eq(cert.leniencies, 0);
	free(der);
}
END_TEST

/* The RSA case's modulus and exponent, without sign octets. */
START_TEST(test_cert_rsa_key)
{
	struct staple_cert cert;
	uint8_t *der = decode_variant(P_SPKI, case_hex("rsa"), &cert);

	ck_assert_uint_eq(cert.key.n.n, 64);
	ck_assert_uint_eq(cert.key.n.p[0], 0xc3);
	ck_assert_uint_eq(cert.key.e.n, 3);
	ck_assert_uint_eq(cert.key.e.p[0], 0x01);
	free(der);
}
END_TEST

/* ---- signature algorithms --------------------------------------------- */

struct sigalg_case {
	const char *name;
	const char *oid;    /* contents octets */
	const char *params; /* the parameters TLV, "" when absent */
	int err;
	enum staple_sig_scheme scheme;
	enum staple_hash hash, mgf1;
	unsigned salt;
};

#define RSA_OID(x) "2a 86 48 86 f7 0d 01 01 " x
#define SHA256_ALG "30 0d 06 09 60 86 48 01 65 03 04 02 01 05 00"
#define MGF1_SHA256                                                        \
	"30 1a 06 09 2a 86 48 86 f7 0d 01 01 08 " SHA256_ALG

static const struct sigalg_case sigalg_cases[] = {
	{"pkcs1_null", RSA_OID("0b"), "05 00", STAPLE_OK, STAPLE_SIG_RSA_PKCS1,
	 STAPLE_HASH_SHA256, 0, 0},
	/* absent parameters are accepted too (RFC 4055 5 says NULL) */
	{"pkcs1_absent", RSA_OID("0d"), "", STAPLE_OK, STAPLE_SIG_RSA_PKCS1,
	 STAPLE_HASH_SHA512, 0, 0},
	{"pkcs1_sha1", RSA_OID("05"), "05 00", STAPLE_OK,
	 STAPLE_SIG_RSA_PKCS1, STAPLE_HASH_SHA1, 0, 0},
	{"pkcs1_int_params", RSA_OID("0b"), "02 01 00",
	 STAPLE_ERR_ALGORITHM_PARAMS, 0, 0, 0, 0},
	{"md5_rsa", RSA_OID("04"), "05 00", STAPLE_ERR_UNSUPPORTED_ALGORITHM,
	 0, 0, 0, 0},
	{"ecdsa_sha384", "2a 86 48 ce 3d 04 03 03", "", STAPLE_OK,
	 STAPLE_SIG_ECDSA, STAPLE_HASH_SHA384, 0, 0},
	/* RFC 5758 3.2: ECDSA parameters MUST be absent */
	{"ecdsa_null", "2a 86 48 ce 3d 04 03 02", "05 00",
	 STAPLE_ERR_ALGORITHM_PARAMS, 0, 0, 0, 0},
	{"ed25519", "2b 65 70", "", STAPLE_OK, STAPLE_SIG_ED25519,
	 STAPLE_HASH_OTHER, 0, 0},
	{"ed448_null", "2b 65 71", "05 00", STAPLE_ERR_ALGORITHM_PARAMS, 0, 0,
	 0, 0},
	{"unknown_oid", "2a 03 04", "", STAPLE_ERR_UNSUPPORTED_ALGORITHM, 0,
	 0, 0, 0},
	{"dsa", "2a 86 48 ce 38 04 03", "", STAPLE_ERR_UNSUPPORTED_ALGORITHM,
	 0, 0, 0, 0},
	/* RSASSA-PSS (RFC 4055 3.1) */
	{"pss_absent", RSA_OID("0a"), "", STAPLE_OK, STAPLE_SIG_RSA_PSS,
	 STAPLE_HASH_SHA1, STAPLE_HASH_SHA1, 20},
	{"pss_all_default", RSA_OID("0a"), "30 00", STAPLE_OK,
	 STAPLE_SIG_RSA_PSS, STAPLE_HASH_SHA1, STAPLE_HASH_SHA1, 20},
	{"pss_sha256", RSA_OID("0a"),
	 "30 34 a0 0f " SHA256_ALG " a1 1c " MGF1_SHA256 " a2 03 02 01 20",
	 STAPLE_OK, STAPLE_SIG_RSA_PSS, STAPLE_HASH_SHA256,
	 STAPLE_HASH_SHA256, 32},
	/* hash parameters absent instead of NULL (RFC 4055 2.1 allows) */
	{"pss_hash_no_null", RSA_OID("0a"),
	 "30 0f a0 0d 30 0b 06 09 60 86 48 01 65 03 04 02 03", STAPLE_OK,
	 STAPLE_SIG_RSA_PSS, STAPLE_HASH_SHA512, STAPLE_HASH_SHA1, 20},
	/* salt 0 */
	{"pss_salt_0", RSA_OID("0a"), "30 05 a2 03 02 01 00", STAPLE_OK,
	 STAPLE_SIG_RSA_PSS, STAPLE_HASH_SHA1, STAPLE_HASH_SHA1, 0},
	/* sha1 written out: the DEFAULT (X.690 11.5) */
	{"pss_sha1_encoded", RSA_OID("0a"),
	 "30 0d a0 0b 30 09 06 05 2b 0e 03 02 1a 05 00",
	 STAPLE_ERR_ALGORITHM_PARAMS, 0, 0, 0, 0},
	/* saltLength 20 written out: the DEFAULT */
	{"pss_salt_20_encoded", RSA_OID("0a"), "30 05 a2 03 02 01 14",
	 STAPLE_ERR_ALGORITHM_PARAMS, 0, 0, 0, 0},
	/* trailerField: only 1 exists, and it is the DEFAULT */
	{"pss_trailer_1", RSA_OID("0a"), "30 05 a3 03 02 01 01",
	 STAPLE_ERR_ALGORITHM_PARAMS, 0, 0, 0, 0},
	{"pss_trailer_2", RSA_OID("0a"), "30 05 a3 03 02 01 02",
	 STAPLE_ERR_ALGORITHM_PARAMS, 0, 0, 0, 0},
	/* a mask generation function other than MGF1 */
	{"pss_mgf_other", RSA_OID("0a"),
	 "30 1e a1 1c 30 1a 06 09 2a 86 48 86 f7 0d 01 01 09 " SHA256_ALG,
	 STAPLE_ERR_UNSUPPORTED_ALGORITHM, 0, 0, 0, 0},
	/* a digest staple does not know (MD5) */
	{"pss_md5", RSA_OID("0a"),
	 "30 10 a0 0e 30 0c 06 08 2a 86 48 86 f7 0d 02 05 05 00",
	 STAPLE_ERR_UNSUPPORTED_ALGORITHM, 0, 0, 0, 0},
	/* a salt beyond any RSA key */
	{"pss_salt_huge", RSA_OID("0a"), "30 06 a2 04 02 02 07 d0",
	 STAPLE_ERR_ALGORITHM_PARAMS, 0, 0, 0, 0},
	/* something after the SEQUENCE */
	{"pss_trailing", RSA_OID("0a"), "30 00 05 00",
	 STAPLE_ERR_ALGORITHM_PARAMS, 0, 0, 0, 0},
	/* a field out of order: saltLength before hashAlgorithm */
	{"pss_order", RSA_OID("0a"), "30 16 a2 03 02 01 20 a0 0f " SHA256_ALG,
	 STAPLE_ERR_ALGORITHM_PARAMS, 0, 0, 0, 0},
};

START_TEST(test_sigalg)
{
	const struct sigalg_case *c = &sigalg_cases[_i];
	struct staple_slice oid, params = {NULL, 0};
	struct staple_sigalg alg;
	uint8_t *o, *p = NULL;
	size_t n;
	int err;

	o = test_hex(c->oid, &oid.n);
	oid.p = o;
	if (c->params[0] != '\0') {
		p = test_hex(c->params, &n);
		params.p = p;
		params.n = n;
	}
	memset(&alg, 0xa5, sizeof alg);
	err = staple_sigalg_parse(oid, params, &alg);
	ck_assert_msg(err == c->err, "%s: got %s, want %s", c->name,
	              staple_errname(err), staple_errname(c->err));
	ck_assert_int_eq(alg.scheme, c->scheme);
	ck_assert_int_eq(alg.hash, c->hash);
	ck_assert_int_eq(alg.mgf1_hash, c->mgf1);
	ck_assert_uint_eq(alg.salt_len, c->salt);
	free(o);
	free(p);
}
END_TEST

START_TEST(test_hash_size)
{
	ck_assert_uint_eq(staple_hash_size(STAPLE_HASH_SHA1), 20);
	ck_assert_uint_eq(staple_hash_size(STAPLE_HASH_SHA224), 28);
	ck_assert_uint_eq(staple_hash_size(STAPLE_HASH_SHA256), 32);
	ck_assert_uint_eq(staple_hash_size(STAPLE_HASH_SHA384), 48);
	ck_assert_uint_eq(staple_hash_size(STAPLE_HASH_SHA512), 64);
	ck_assert_uint_eq(staple_hash_size(STAPLE_HASH_OTHER), 0);
	ck_assert_uint_eq(staple_hash_size(-1), 0);
	ck_assert_uint_eq(staple_hash_size(6), 0);
}
END_TEST

/* ---- every certificate we have, against OpenSSL ----------------------- */

/* PEM file -> DER, through OpenSSL (an independent reader). */
static X509 *load_pem(const char *path)
{
	FILE *f = fopen(path, "r");
	X509 *x;

	if (f == NULL)
		return NULL;
	x = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	return x;
}

static int64_t asn1_time_ms(const ASN1_TIME *t)
{
	struct tm tm;
	int64_t days;
	int y, m;

	ck_assert(ASN1_TIME_to_tm(t, &tm) == 1);
	/* days from civil, as core/time.c does (independent of timegm) */
	y = tm.tm_year + 1900;
	m = tm.tm_mon + 1;
	y -= m <= 2;
	{
		int64_t era = (y >= 0 ? y : y - 399) / 400;
		int64_t yoe = y - era * 400;
		int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 +
		              tm.tm_mday - 1;
		int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
		days = era * 146097 + doe - 719468;
	}
	return ((days * 24 + tm.tm_hour) * 60 + tm.tm_min) * 60000 +
	       (int64_t)tm.tm_sec * 1000;
}

static int same_der(struct staple_slice s, unsigned char *der, int n)
{
	int same = n >= 0 && s.n == (size_t)n && memcmp(s.p, der, s.n) == 0;
	OPENSSL_free(der);
	return same;
}

/* Compare one certificate file with OpenSSL's reading; 1 when checked. */
static int check_with_openssl(const char *path)
{
	X509 *x = load_pem(path);
	unsigned char *der = NULL, *buf = NULL;
	struct staple_cert c;
	uint32_t xku;
	int n, err;

	if (x == NULL)
		return 0; /* not a certificate file */
	n = i2d_X509(x, &der);
	ck_assert_int_gt(n, 0);
	err = staple_cert_decode(&c, der, (size_t)n);
	ck_assert_msg(err == STAPLE_OK, "%s: %s at %zu", path,
	              staple_errname(err), c.error_offset);
	n = i2d_X509_NAME(X509_get_subject_name(x), &buf);
	ck_assert_msg(same_der(c.subject, buf, n), "%s: subject", path);
	buf = NULL;
	n = i2d_X509_NAME(X509_get_issuer_name(x), &buf);
	ck_assert_msg(same_der(c.issuer, buf, n), "%s: issuer", path);
	buf = NULL;
	n = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(x), &buf);
	ck_assert_msg(same_der(c.key.spki, buf, n), "%s: spki", path);
	buf = NULL;
	n = i2d_re_X509_tbs(x, &buf);
	ck_assert_msg(same_der(c.tbs, buf, n), "%s: tbs", path);
	{
		const ASN1_INTEGER *serial = X509_get0_serialNumber(x);
		buf = NULL;
		n = i2d_ASN1_INTEGER(serial, &buf);
		/* tag, one length octet for the serials we have, contents */
		ck_assert_msg(n > 2 && c.serial.n == (size_t)n - 2 &&
		                      memcmp(c.serial.p, buf + 2, c.serial.n) ==
		                              0,
		              "%s: serial", path);
		OPENSSL_free(buf);
	}
	ck_assert_int_eq(c.not_before, asn1_time_ms(X509_get0_notBefore(x)));
	ck_assert_int_eq(c.not_after, asn1_time_ms(X509_get0_notAfter(x)));
	ck_assert_int_eq(c.version, (int)X509_get_version(x) + 1);
	ck_assert_int_eq((c.flags & STAPLE_CERT_CA) != 0, X509_check_ca(x) == 1 ||
	                 (X509_get_extension_flags(x) & EXFLAG_CA) != 0);
	xku = X509_get_extended_key_usage(x);
	ck_assert_msg(((c.flags & STAPLE_CERT_OCSP_SIGNING) != 0) ==
	                      ((X509_get_extension_flags(x) & EXFLAG_XKUSAGE) !=
	                               0 &&
	                       (xku & XKU_OCSP_SIGN) != 0),
	              "%s: OCSP signing", path);
	ck_assert_int_eq((c.flags & STAPLE_CERT_EKU) != 0,
	                 (X509_get_extension_flags(x) & EXFLAG_XKUSAGE) != 0);
	ck_assert_msg(((c.flags & STAPLE_CERT_OCSP_NOCHECK) != 0) ==
	                      (X509_get_ext_by_NID(x, NID_id_pkix_OCSP_noCheck,
	                                           -1) >= 0),
	              "%s: nocheck", path);
	ck_assert_int_eq(c.unknown_critical > 0,
	                 (X509_get_extension_flags(x) & EXFLAG_CRITICAL) != 0);
	OPENSSL_free(der);
	X509_free(x);
	return 1;
}

/* Every *.pem of dir (one level), through check_with_openssl. */
static size_t check_dir(const char *dir)
{
	char path[4096];
	struct dirent *e;
	size_t checked = 0;
	DIR *d = opendir(dir);

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".pem") != 0)
			continue;
		ck_assert(snprintf(path, sizeof path, "%s/%s", dir,
		                   e->d_name) < (int)sizeof path);
		checked += (size_t)check_with_openssl(path);
	}
	closedir(d);
	return checked;
}

START_TEST(test_fixture_certs)
{
	char sub[4096];
	size_t n = check_dir(test_fixtures_dir());

	ck_assert(snprintf(sub, sizeof sub, "%s/verify", test_fixtures_dir()) <
	          (int)sizeof sub);
	n += check_dir(sub);
	ck_assert_msg(n >= 100, "only %zu fixture certificates", n);
}
END_TEST

/* The certificates other projects ship beside their responses. */
START_TEST(test_vector_certs)
{
	static const char *const dirs[] = {
		"aws-lc", "boringssl", "botan", "gnutls", "openssl-ocsp-tests",
		"s2n-tls", "rustcrypto-x509-ocsp", "pyhanko-certvalidator",
	};
	char path[4096];
	size_t i, n = 0;

	for (i = 0; i < N_OF(dirs); i++) {
		ck_assert(snprintf(path, sizeof path, "%s/%s",
		                   test_vectors_dir(), dirs[i]) <
		          (int)sizeof path);
		n += check_dir(path);
	}
	{
		DIR *d = opendir(test_vectors_dir());
		if (d != NULL) { /* the vectors are there */
			closedir(d);
			ck_assert_msg(n >= 50, "only %zu vector certificates",
			              n);
		}
	}
}
END_TEST

/* Every proper prefix of a real certificate fails, offset inside. */
START_TEST(test_prefixes)
{
	char path[4096];
	unsigned char *der = NULL;
	struct staple_cert c;
	size_t len;
	X509 *x;
	int n;

	ck_assert(snprintf(path, sizeof path, "%s/%s", test_fixtures_dir(),
	                   "rsa2048-by-name-delegated.responder.pem") <
	          (int)sizeof path);
	x = load_pem(path);
	ck_assert_ptr_nonnull(x);
	n = i2d_X509(x, &der);
	ck_assert_int_gt(n, 0);
	for (len = 0; len < (size_t)n; len++) {
		uint8_t *copy = malloc(len > 0 ? len : 1);
		ck_assert_ptr_nonnull(copy);
		memcpy(copy, der, len);
		ck_assert_int_ne(staple_cert_decode(&c, copy, len), STAPLE_OK);
		ck_assert(len == 0 || c.error_offset < len);
		ck_assert_ptr_null(c.tbs.p);
		free(copy);
	}
	OPENSSL_free(der);
	X509_free(x);
}
END_TEST

Suite *x509_suite(void)
{
	Suite *s = suite_create("x509");
	TCase *tc = tcase_create("rules");

	tcase_add_loop_test(tc, test_cert_rule, 0, (int)N_OF(cert_cases));
	tcase_add_test(tc, test_cert_fields);
	tcase_add_test(tc, test_cert_rsa_key);
	tcase_add_test(tc, test_cert_named_bits);
	tcase_add_test(tc, test_cert_pss_key);
	suite_add_tcase(s, tc);
	tc = tcase_create("sigalg");
	tcase_add_loop_test(tc, test_sigalg, 0, (int)N_OF(sigalg_cases));
	tcase_add_test(tc, test_hash_size);
	suite_add_tcase(s, tc);
	tc = tcase_create("certificates");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_fixture_certs);
	tcase_add_test(tc, test_vector_certs);
	tcase_add_test(tc, test_prefixes);
	suite_add_tcase(s, tc);
	return s;
}
