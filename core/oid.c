/*
 * oid.c -- the object identifiers staple knows by name.  OIDs are kept as
 * their DER contents octets, so a lookup is a length check and a memcmp.
 */
#include "der.h"
#include "oid.h"

#include <string.h>

const uint8_t staple_oid_ocsp_basic[9] = {0x2b, 0x06, 0x01, 0x05, 0x05,
                                          0x07, 0x30, 0x01, 0x01};
const uint8_t staple_oid_ocsp_nonce[9] = {0x2b, 0x06, 0x01, 0x05, 0x05,
                                          0x07, 0x30, 0x01, 0x02};
const uint8_t staple_oid_ocsp_extended_revoke[9] = {
	0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x09};

/*
 * Extensions of OCSP responses, indexed by enum staple_ext_kind:
 * 1.3.6.1.5.5.7.48.1.{2,3,4,6,7,9} (RFC 6960 4.4), 2.5.29.24 (RFC 5280
 * 5.3.2) and 1.3.6.1.4.1.11129.2.4.5 (RFC 6962 3.3), the one OID of ten
 * octets.  Their names live in ext.c: strings here would sit in the same
 * section as the hash names a decode links, and be linked with them.
 */
static const struct {
	uint8_t len;
	uint8_t der[10];
} extensions[] = {
	{0, {0}},
	{9, {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x02}},
	{9, {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x03}},
	{9, {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x04}},
	{9, {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x06}},
	{9, {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x07}},
	{9, {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x09}},
	{3, {0x55, 0x1d, 0x18}},
	{10, {0x2b, 0x06, 0x01, 0x04, 0x01, 0xd6, 0x79, 0x02, 0x04, 0x05}},
};

const uint8_t staple_oid_mgf1[9] = {0x2a, 0x86, 0x48, 0x86, 0xf7,
                                    0x0d, 0x01, 0x01, 0x08};

struct named_oid {
	uint8_t len;
	uint8_t der[9];
	const char *name;
	enum staple_sig_scheme scheme; /* signature algorithms only */
	enum staple_hash hash;
};

/* 1.3.14.3.2.26 and 2.16.840.1.101.3.4.2.{4,1,2,3} (RFC 5754). */
static const struct named_oid hashes[] = {
	{0, {0}, "", STAPLE_SIG_UNKNOWN, STAPLE_HASH_OTHER},
	{5, {0x2b, 0x0e, 0x03, 0x02, 0x1a}, "sha1", STAPLE_SIG_UNKNOWN,
	 STAPLE_HASH_SHA1},
	{9, {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04}, "sha224",
	 STAPLE_SIG_UNKNOWN, STAPLE_HASH_SHA224},
	{9, {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01}, "sha256",
	 STAPLE_SIG_UNKNOWN, STAPLE_HASH_SHA256},
	{9, {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02}, "sha384",
	 STAPLE_SIG_UNKNOWN, STAPLE_HASH_SHA384},
	{9, {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03}, "sha512",
	 STAPLE_SIG_UNKNOWN, STAPLE_HASH_SHA512},
};

/*
 * Signature algorithms, spelled as OpenSSL spells them, with the scheme
 * and digest the verifier uses; MD2, MD5 and DSA are named but not
 * verified (scheme UNKNOWN).  RSASSA-PSS takes its digest from its
 * parameters.
 */
static const struct named_oid sigalgs[] = {
	/* 1.2.840.113549.1.1.x (RFC 8017, RFC 4055) */
	{9, {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x02},
	 "md2WithRSAEncryption", STAPLE_SIG_UNKNOWN,
	 STAPLE_HASH_OTHER},
	{9, {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x04},
	 "md5WithRSAEncryption", STAPLE_SIG_UNKNOWN,
	 STAPLE_HASH_OTHER},
	{9, {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05},
	 "sha1WithRSAEncryption", STAPLE_SIG_RSA_PKCS1,
	 STAPLE_HASH_SHA1},
	{9, {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a},
	 "rsassaPss", STAPLE_SIG_RSA_PSS, STAPLE_HASH_OTHER},
	{9, {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b},
	 "sha256WithRSAEncryption", STAPLE_SIG_RSA_PKCS1,
	 STAPLE_HASH_SHA256},
	{9, {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c},
	 "sha384WithRSAEncryption", STAPLE_SIG_RSA_PKCS1,
	 STAPLE_HASH_SHA384},
	{9, {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d},
	 "sha512WithRSAEncryption", STAPLE_SIG_RSA_PKCS1,
	 STAPLE_HASH_SHA512},
	{9, {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0e},
	 "sha224WithRSAEncryption", STAPLE_SIG_RSA_PKCS1,
	 STAPLE_HASH_SHA224},
	/* 1.2.840.10045.4.1 and 1.2.840.10045.4.3.x (RFC 5758) */
	{7, {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x01}, "ecdsa-with-SHA1",
	 STAPLE_SIG_ECDSA, STAPLE_HASH_SHA1},
	{8, {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x01},
	 "ecdsa-with-SHA224", STAPLE_SIG_ECDSA, STAPLE_HASH_SHA224},
	{8, {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02},
	 "ecdsa-with-SHA256", STAPLE_SIG_ECDSA, STAPLE_HASH_SHA256},
	{8, {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03},
	 "ecdsa-with-SHA384", STAPLE_SIG_ECDSA, STAPLE_HASH_SHA384},
	{8, {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04},
	 "ecdsa-with-SHA512", STAPLE_SIG_ECDSA, STAPLE_HASH_SHA512},
	/* 1.3.101.112 and .113 (RFC 8410) */
	{3, {0x2b, 0x65, 0x70}, "ED25519", STAPLE_SIG_ED25519, STAPLE_HASH_OTHER},
	{3, {0x2b, 0x65, 0x71}, "ED448", STAPLE_SIG_ED448, STAPLE_HASH_OTHER},
	/* 1.2.840.10040.4.3 and 2.16.840.1.101.3.4.3.2 (RFC 3279, 5758) */
	{7, {0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x03}, "dsaWithSHA1",
	 STAPLE_SIG_UNKNOWN, STAPLE_HASH_OTHER},
	{9, {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x02},
	 "dsa_with_SHA256", STAPLE_SIG_UNKNOWN, STAPLE_HASH_OTHER},
};

/* SubjectPublicKeyInfo algorithms, indexed by enum staple_key_type. */
static const struct staple_oid_entry key_types[] = {
	{0, {0}},
	{9, {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01}}, /* RSA */
	{7, {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01}}, /* id-ecPublicKey */
	{3, {0x2b, 0x65, 0x70}},                         /* Ed25519 */
	{3, {0x2b, 0x65, 0x71}},                         /* Ed448 */
};

/* id-RSASSA-PSS keys (RFC 4055 1.2) are RSA keys too. */
static const uint8_t oid_rsassa_pss[9] = {0x2a, 0x86, 0x48, 0x86, 0xf7,
                                          0x0d, 0x01, 0x01, 0x0a};

/* Named curves by enum staple_curve (RFC 5480 2.1.1.1). */
static const struct staple_oid_entry curves[] = {
	{0, {0}},
	{8, {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07}}, /* P-256 */
	{5, {0x2b, 0x81, 0x04, 0x00, 0x22}},                   /* P-384 */
	{5, {0x2b, 0x81, 0x04, 0x00, 0x23}},                   /* P-521 */
};

/* see oid.h */
int staple_oid_in(const struct staple_oid_entry *table, size_t n,
                  struct staple_slice oid)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (staple_slice_is(oid, table[i].der, table[i].len))
			return 1;
	return 0;
}

/* The index of oid in table[1..n), or 0. */
static size_t index_in(const struct staple_oid_entry *table, size_t n,
                       struct staple_slice oid)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (staple_slice_is(oid, table[i].der, table[i].len))
			return i;
	return 0;
}

/* see oid.h */
enum staple_key_type staple_key_type_from_oid(struct staple_slice oid)
{
	if (staple_slice_is(oid, oid_rsassa_pss, sizeof oid_rsassa_pss))
		return STAPLE_KEY_RSA;
	return (enum staple_key_type)index_in(
		key_types, sizeof key_types / sizeof key_types[0], oid);
}

/* see oid.h */
enum staple_curve staple_curve_from_oid(struct staple_slice oid)
{
	return (enum staple_curve)index_in(
		curves, sizeof curves / sizeof curves[0], oid);
}

/* see oid.h */
int staple_sigalg_from_oid(struct staple_slice oid,
                           enum staple_sig_scheme *scheme,
                           enum staple_hash *hash)
{
	size_t i;

	for (i = 0; i < sizeof sigalgs / sizeof sigalgs[0]; i++)
		if (staple_slice_is(oid, sigalgs[i].der, sigalgs[i].len)) {
			*scheme = sigalgs[i].scheme;
			*hash = sigalgs[i].hash;
			return 1;
		}
	return 0;
}

static int matches(const struct named_oid *o, struct staple_slice oid)
{
	return staple_slice_is(oid, o->der, o->len);
}

/* see oid.h */
enum staple_hash staple_hash_from_oid(struct staple_slice oid)
{
	/* Every CertID carries one: SHA-1, or a SHA-2, whose OIDs differ in
	 * their last octet only; the lengths are constants, so no memcmp
	 * call is made. */
	size_t i;

	if (oid.n == 5 && memcmp(oid.p, hashes[STAPLE_HASH_SHA1].der, 5) == 0)
		return STAPLE_HASH_SHA1;
	if (oid.n != 9 || memcmp(oid.p, hashes[STAPLE_HASH_SHA256].der, 8) != 0)
		return STAPLE_HASH_OTHER;
	for (i = STAPLE_HASH_SHA224; i <= STAPLE_HASH_SHA512; i++)
		if (hashes[i].der[8] == oid.p[8])
			return (enum staple_hash)i;
	return STAPLE_HASH_OTHER;
}

/* see staple.h */
const char *staple_hash_name(int hash)
{
	if (hash < 0 || (size_t)hash >= sizeof hashes / sizeof hashes[0])
		return "";
	return hashes[hash].name;
}

/* see staple.h */
const char *staple_sigalg_name(struct staple_slice oid)
{
	size_t i;

	for (i = 0; i < sizeof sigalgs / sizeof sigalgs[0]; i++)
		if (matches(&sigalgs[i], oid))
			return sigalgs[i].name;
	return "";
}

/* see staple.h */
enum staple_ext_kind staple_ext_kind_of(struct staple_slice oid)
{
	size_t i;

	for (i = 1; i < sizeof extensions / sizeof extensions[0]; i++)
		if (staple_slice_is(oid, extensions[i].der, extensions[i].len))
			return (enum staple_ext_kind)i;
	return STAPLE_EXT_UNKNOWN;
}
