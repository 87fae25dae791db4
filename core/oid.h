/* oid.h -- object identifiers the decoder acts on (internal). */
#ifndef STAPLE_OID_H
#define STAPLE_OID_H

#include "der.h"

/* Contents octets of 1.3.6.1.5.5.7.48.1.{1,2,9} (RFC 6960 4.2.1, 4.4). */
extern const uint8_t staple_oid_ocsp_basic[9];
extern const uint8_t staple_oid_ocsp_nonce[9];
extern const uint8_t staple_oid_ocsp_extended_revoke[9];

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
	return in_response &&
	       (staple_slice_is(oid, staple_oid_ocsp_nonce,
	                        sizeof staple_oid_ocsp_nonce) ||
	        staple_slice_is(oid, staple_oid_ocsp_extended_revoke,
	                        sizeof staple_oid_ocsp_extended_revoke));
}

/* 1 when staple_cert_decode() understands certificate extension `oid`. */
int staple_cert_ext_understood(struct staple_slice oid);

/* The CertID hash named by an OID's contents octets, or OTHER. */
enum staple_hash staple_hash_from_oid(struct staple_slice oid);

/* An OID as its contents octets; the longest staple keeps has 9. */
struct staple_oid_entry {
	uint8_t len;
	uint8_t der[9];
};

/* 1 when oid is one of table[0..n). */
int staple_oid_in(const struct staple_oid_entry *table, size_t n,
                  struct staple_slice oid);

/* The key type of a SubjectPublicKeyInfo algorithm OID, or UNKNOWN. */
enum staple_key_type staple_key_type_from_oid(struct staple_slice oid);

/* The named curve of an EC key's parameters OID, or NONE. */
enum staple_curve staple_curve_from_oid(struct staple_slice oid);

/* The scheme and digest of a signature algorithm OID; 0 when unknown. */
int staple_sigalg_from_oid(struct staple_slice oid,
                           enum staple_sig_scheme *scheme,
                           enum staple_hash *hash);

/* 1.2.840.113549.1.1.8 (RFC 8017 B.2.1) */
extern const uint8_t staple_oid_mgf1[9];

#endif
