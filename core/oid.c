/*
 * oid.c -- the object identifiers staple knows, each written once, as its
 * DER contents octets: a lookup is a length check and a memcmp.
 */
#include "der.h"
#include "oid.h"

#include <string.h>

/* see oid.h */
const struct staple_oid_entry staple_oids[STAPLE_OID_COUNT] = {
	/* 1.3.14.3.2.26 and 2.16.840.1.101.3.4.2.{4,1,2,3} (RFC 5754) */
	[STAPLE_OID_SHA1] = {5, {0x2b, 0x0e, 0x03, 0x02, 0x1a}},
	[STAPLE_OID_SHA224] = {9, {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04,
	                           0x02, 0x04}},
	[STAPLE_OID_SHA256] = {9, {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04,
	                           0x02, 0x01}},
	[STAPLE_OID_SHA384] = {9, {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04,
	                           0x02, 0x02}},
	[STAPLE_OID_SHA512] = {9, {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04,
	                           0x02, 0x03}},

	/* 1.2.840.113549.1.1.{2,4,5,14,11,12,13,10,1,8} (RFC 8017, 4055) */
	[STAPLE_OID_MD2_RSA] = {9, {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01,
	                            0x01, 0x02}},
	[STAPLE_OID_MD5_RSA] = {9, {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01,
	                            0x01, 0x04}},
	[STAPLE_OID_SHA1_RSA] = {9, {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01,
	                             0x01, 0x05}},
	[STAPLE_OID_SHA224_RSA] = {9, {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
	                               0x01, 0x01, 0x0e}},
	[STAPLE_OID_SHA256_RSA] = {9, {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
	                               0x01, 0x01, 0x0b}},
	[STAPLE_OID_SHA384_RSA] = {9, {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
	                               0x01, 0x01, 0x0c}},
	[STAPLE_OID_SHA512_RSA] = {9, {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
	                               0x01, 0x01, 0x0d}},
	[STAPLE_OID_RSASSA_PSS] = {9, {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
	                               0x01, 0x01, 0x0a}},
	[STAPLE_OID_RSA_ENCRYPTION] = {9, {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
	                                   0x01, 0x01, 0x01}},
	[STAPLE_OID_MGF1] = {9, {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01,
	                         0x01, 0x08}},

	/* 1.2.840.10045.4.1 and 1.2.840.10045.4.3.{1,2,3,4} (RFC 5758) */
	[STAPLE_OID_ECDSA_SHA1] = {7, {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04,
	                               0x01}},
	[STAPLE_OID_ECDSA_SHA224] = {8, {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04,
	                                 0x03, 0x01}},
	[STAPLE_OID_ECDSA_SHA256] = {8, {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04,
	                                 0x03, 0x02}},
	[STAPLE_OID_ECDSA_SHA384] = {8, {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04,
	                                 0x03, 0x03}},
	[STAPLE_OID_ECDSA_SHA512] = {8, {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04,
	                                 0x03, 0x04}},

	/* 1.2.840.10040.4.3 and 2.16.840.1.101.3.4.3.2 (RFC 3279, 5758) */
	[STAPLE_OID_DSA_SHA1] = {7, {0x2a, 0x86, 0x48, 0xce, 0x38, 0x04,
	                             0x03}},
	[STAPLE_OID_DSA_SHA256] = {9, {0x60, 0x86, 0x48, 0x01, 0x65, 0x03,
	                               0x04, 0x03, 0x02}},

	/* 1.3.101.112 and .113 (RFC 8410) */
	[STAPLE_OID_ED25519] = {3, {0x2b, 0x65, 0x70}},
	[STAPLE_OID_ED448] = {3, {0x2b, 0x65, 0x71}},

	/* 1.2.840.10045.2.1, and the curves 1.2.840.10045.3.1.7,
	 * 1.3.132.0.34 and .35 (RFC 5480 2.1.1, 2.1.1.1) */
	[STAPLE_OID_EC_PUBLIC_KEY] = {7, {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02,
	                                  0x01}},
	[STAPLE_OID_P256] = {8, {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01,
	                         0x07}},
	[STAPLE_OID_P384] = {5, {0x2b, 0x81, 0x04, 0x00, 0x22}},
	[STAPLE_OID_P521] = {5, {0x2b, 0x81, 0x04, 0x00, 0x23}},

	/* 1.3.6.1.5.5.7.48.1.{1,2,3,4,6,7,9} (RFC 6960 4.2.1, 4.4) and .5
	 * (4.2.2.2.1) */
	[STAPLE_OID_OCSP_BASIC] = {9, {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07,
	                               0x30, 0x01, 0x01}},
	[STAPLE_OID_NONCE] = {9, {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30,
	                          0x01, 0x02}},
	[STAPLE_OID_CRL_ID] = {9, {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30,
	                           0x01, 0x03}},
	[STAPLE_OID_ACCEPTABLE_RESPONSES] = {9, {0x2b, 0x06, 0x01, 0x05, 0x05,
	                                         0x07, 0x30, 0x01, 0x04}},
	[STAPLE_OID_ARCHIVE_CUTOFF] = {9, {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07,
	                                   0x30, 0x01, 0x06}},
	[STAPLE_OID_SERVICE_LOCATOR] = {9, {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07,
	                                    0x30, 0x01, 0x07}},
	[STAPLE_OID_EXTENDED_REVOKE] = {9, {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07,
	                                    0x30, 0x01, 0x09}},
	[STAPLE_OID_OCSP_NOCHECK] = {9, {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07,
	                                 0x30, 0x01, 0x05}},

	/* 1.3.6.1.4.1.11129.2.4.5 (RFC 6962 3.3), the one of ten octets */
	[STAPLE_OID_SCT_LIST] = {10, {0x2b, 0x06, 0x01, 0x04, 0x01, 0xd6, 0x79,
	                              0x02, 0x04, 0x05}},

	/* 2.5.29.{24,19,15,37,14,35,17,32,31} (RFC 5280 5.3.2, 4.2.1) */
	[STAPLE_OID_INVALIDITY_DATE] = {3, {0x55, 0x1d, 0x18}},
	[STAPLE_OID_BASIC_CONSTRAINTS] = {3, {0x55, 0x1d, 0x13}},
	[STAPLE_OID_KEY_USAGE] = {3, {0x55, 0x1d, 0x0f}},
	[STAPLE_OID_EXT_KEY_USAGE] = {3, {0x55, 0x1d, 0x25}},
	[STAPLE_OID_SUBJECT_KEY_ID] = {3, {0x55, 0x1d, 0x0e}},
	[STAPLE_OID_AUTHORITY_KEY_ID] = {3, {0x55, 0x1d, 0x23}},
	[STAPLE_OID_SUBJECT_ALT_NAME] = {3, {0x55, 0x1d, 0x11}},
	[STAPLE_OID_CERT_POLICIES] = {3, {0x55, 0x1d, 0x20}},
	[STAPLE_OID_CRL_DISTRIBUTION] = {3, {0x55, 0x1d, 0x1f}},

	/* 1.3.6.1.5.5.7.1.{24,1} (RFC 7633, RFC 5280 4.2.2.1) and
	 * 1.3.6.1.5.5.7.3.9 (RFC 6960 4.2.2.2) */
	[STAPLE_OID_TLS_FEATURE] = {8, {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07,
	                                0x01, 0x18}},
	[STAPLE_OID_AUTHORITY_INFO_ACCESS] = {8, {0x2b, 0x06, 0x01, 0x05, 0x05,
	                                          0x07, 0x01, 0x01}},
	[STAPLE_OID_OCSP_SIGNING] = {8, {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07,
	                                 0x03, 0x09}},
};

/*
 * The names staple_hash_name() and staple_sigalg_name() give: digests,
 * and signature algorithms as OpenSSL spells them.  An array apart from
 * the table, so that a firmware build that only decodes (--gc-sections)
 * links no string.
 */
static const char *const names[STAPLE_OID_ED448 + 1] = {
	[STAPLE_OID_NONE] = "",
	[STAPLE_OID_SHA1] = "sha1",
	[STAPLE_OID_SHA224] = "sha224",
	[STAPLE_OID_SHA256] = "sha256",
	[STAPLE_OID_SHA384] = "sha384",
	[STAPLE_OID_SHA512] = "sha512",
	[STAPLE_OID_MD2_RSA] = "md2WithRSAEncryption",
	[STAPLE_OID_MD5_RSA] = "md5WithRSAEncryption",
	[STAPLE_OID_SHA1_RSA] = "sha1WithRSAEncryption",
	[STAPLE_OID_SHA224_RSA] = "sha224WithRSAEncryption",
	[STAPLE_OID_SHA256_RSA] = "sha256WithRSAEncryption",
	[STAPLE_OID_SHA384_RSA] = "sha384WithRSAEncryption",
	[STAPLE_OID_SHA512_RSA] = "sha512WithRSAEncryption",
	[STAPLE_OID_ECDSA_SHA1] = "ecdsa-with-SHA1",
	[STAPLE_OID_ECDSA_SHA224] = "ecdsa-with-SHA224",
	[STAPLE_OID_ECDSA_SHA256] = "ecdsa-with-SHA256",
	[STAPLE_OID_ECDSA_SHA384] = "ecdsa-with-SHA384",
	[STAPLE_OID_ECDSA_SHA512] = "ecdsa-with-SHA512",
	[STAPLE_OID_DSA_SHA1] = "dsaWithSHA1",
	[STAPLE_OID_DSA_SHA256] = "dsa_with_SHA256",
	[STAPLE_OID_RSASSA_PSS] = "rsassaPss",
	[STAPLE_OID_ED25519] = "ED25519",
	[STAPLE_OID_ED448] = "ED448",
};

/* see oid.h */
enum staple_oid staple_oid_find(struct staple_slice oid, enum staple_oid first,
                                enum staple_oid last)
{
	unsigned id;

	for (id = first; id <= last; id++)
		if (staple_oid_is(oid, (enum staple_oid)id))
			return (enum staple_oid)id;
	return STAPLE_OID_NONE;
}

/* see oid.h */
enum staple_hash staple_hash_from_oid(struct staple_slice oid)
{
	/* The hash ids are the enum staple_hash values, NONE is OTHER. */
	return (enum staple_hash)staple_oid_find(oid, STAPLE_OID_SHA1,
	                                         STAPLE_OID_SHA512);
}

/* see staple.h */
const char *staple_hash_name(int hash)
{
	if (hash < STAPLE_HASH_SHA1 || hash > STAPLE_HASH_SHA512)
		return "";
	return names[hash];
}

/* see staple.h */
const char *staple_sigalg_name(struct staple_slice oid)
{
	return names[staple_oid_find(oid, STAPLE_OID_MD2_RSA,
	                             STAPLE_OID_ED448)];
}
