/*
 * oid.h -- the object identifiers staple knows, in one table (internal).
 *
 * Every OID core acts on or names is an entry of staple_oids[] (oid.c),
 * its DER contents octets, found by its id below.  What an OID means lives
 * with the code that acts on it (sigalg.c, x509.c, ext.c); the ids in a
 * run that follows a public enum (hashes, curves, extension kinds) map to
 * it by their place in the run, so keep those runs in that enum's order.
 */
#ifndef STAPLE_OID_H
#define STAPLE_OID_H

#include "der.h"

enum staple_oid {
	STAPLE_OID_NONE = 0,
	/* digests: the ids are enum staple_hash's values */
	STAPLE_OID_SHA1 = STAPLE_HASH_SHA1,
	STAPLE_OID_SHA224 = STAPLE_HASH_SHA224,
	STAPLE_OID_SHA256 = STAPLE_HASH_SHA256,
	STAPLE_OID_SHA384 = STAPLE_HASH_SHA384,
	STAPLE_OID_SHA512 = STAPLE_HASH_SHA512,
	/* signature algorithms ... */
	STAPLE_OID_MD2_RSA,
	STAPLE_OID_MD5_RSA,
	STAPLE_OID_SHA1_RSA,
	STAPLE_OID_SHA224_RSA,
	STAPLE_OID_SHA256_RSA,
	STAPLE_OID_SHA384_RSA,
	STAPLE_OID_SHA512_RSA,
	STAPLE_OID_ECDSA_SHA1,
	STAPLE_OID_ECDSA_SHA224,
	STAPLE_OID_ECDSA_SHA256,
	STAPLE_OID_ECDSA_SHA384,
	STAPLE_OID_ECDSA_SHA512,
	STAPLE_OID_DSA_SHA1,
	STAPLE_OID_DSA_SHA256,
	/* ... of which these three are SubjectPublicKeyInfo algorithms too */
	STAPLE_OID_RSASSA_PSS,
	STAPLE_OID_ED25519,
	STAPLE_OID_ED448,
	/* the other SubjectPublicKeyInfo algorithms */
	STAPLE_OID_RSA_ENCRYPTION,
	STAPLE_OID_EC_PUBLIC_KEY,
	/* named curves, in enum staple_curve's order */
	STAPLE_OID_P256,
	STAPLE_OID_P384,
	STAPLE_OID_P521,
	STAPLE_OID_MGF1,
	STAPLE_OID_OCSP_BASIC,
	/* extensions of OCSP responses, in enum staple_ext_kind's order */
	STAPLE_OID_NONCE,
	STAPLE_OID_CRL_ID,
	STAPLE_OID_ACCEPTABLE_RESPONSES,
	STAPLE_OID_ARCHIVE_CUTOFF,
	STAPLE_OID_SERVICE_LOCATOR,
	STAPLE_OID_EXTENDED_REVOKE,
	STAPLE_OID_INVALIDITY_DATE,
	STAPLE_OID_SCT_LIST,
	/* certificate extensions staple_cert_decode() interprets ... */
	STAPLE_OID_BASIC_CONSTRAINTS,
	STAPLE_OID_KEY_USAGE,
	STAPLE_OID_EXT_KEY_USAGE,
	STAPLE_OID_TLS_FEATURE,
	STAPLE_OID_OCSP_NOCHECK,
	/* ... and those it only knows */
	STAPLE_OID_SUBJECT_KEY_ID,
	STAPLE_OID_AUTHORITY_KEY_ID,
	STAPLE_OID_SUBJECT_ALT_NAME,
	STAPLE_OID_CERT_POLICIES,
	STAPLE_OID_CRL_DISTRIBUTION,
	STAPLE_OID_AUTHORITY_INFO_ACCESS,
	/* key purposes */
	STAPLE_OID_OCSP_SIGNING,
	STAPLE_OID_COUNT
};

/* An OID as its contents octets; the longest staple knows has 10. */
struct staple_oid_entry {
	uint8_t len;
	uint8_t der[10];
};

/* Indexed by enum staple_oid; entry NONE is empty. */
extern const struct staple_oid_entry staple_oids[STAPLE_OID_COUNT];

/* 1 when oid (contents octets) is the OID `id`. */
static inline int staple_oid_is(struct staple_slice oid, enum staple_oid id)
{
	return staple_slice_is(oid, staple_oids[id].der, staple_oids[id].len);
}

/* The id among first..last (both included) that oid is, or NONE. */
enum staple_oid staple_oid_find(struct staple_slice oid, enum staple_oid first,
                                enum staple_oid last);

/* The hash named by an OID's contents octets, or STAPLE_HASH_OTHER. */
enum staple_hash staple_hash_from_oid(struct staple_slice oid);

/*
 * 1 when staple_decode() understands extension `oid` where it found it:
 * in responseExtensions (in_response 1) the nonce (RFC 6960 4.4.1) and
 * extended revoke (4.4.8, whose presence carries all its meaning); in
 * singleExtensions (in_response 0) none.  A critical extension it does
 * not understand is counted in unknown_critical; staple_ext_next() reports
 * `understood` by the same rule.
 */
static inline int staple_ocsp_ext_understood(struct staple_slice oid,
                                             int in_response)
{
	return in_response && (staple_oid_is(oid, STAPLE_OID_NONCE) ||
	                       staple_oid_is(oid, STAPLE_OID_EXTENDED_REVOKE));
}

/* 1 when staple_cert_decode() understands certificate extension `oid`. */
int staple_cert_ext_understood(struct staple_slice oid);

#endif
