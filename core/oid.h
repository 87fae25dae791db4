/* oid.h -- object identifiers the decoder acts on (internal). */
#ifndef STAPLE_OID_H
#define STAPLE_OID_H

#include "staple.h"

/* Contents octets of 1.3.6.1.5.5.7.48.1.{1,2,9} (RFC 6960 4.2.1, 4.4). */
extern const uint8_t staple_oid_ocsp_basic[9];
extern const uint8_t staple_oid_ocsp_nonce[9];
extern const uint8_t staple_oid_ocsp_extended_revoke[9];

/* The CertID hash named by an OID's contents octets, or OTHER. */
enum staple_hash staple_hash_from_oid(struct staple_slice oid);

#endif
