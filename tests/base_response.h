/*
 * base_response.h -- the small valid OCSPResponse the negative and
 * differential tests start from (base_response.c lists it part by
 * part), and pieces some vectors add to it, as der_build.h templates.
 * A vector names the part it changes and spells out only the change;
 * der_build() computes every length.
 */
#ifndef STAPLE_TEST_BASE_RESPONSE_H
#define STAPLE_TEST_BASE_RESPONSE_H

#include "der_build.h"

/*
 * Contents octets used as they are.
 */
#define OID_OCSP_BASIC "2b 06 01 05 05 07 30 01 01"  /* 1.3.6.1.5.5.7.48.1.1 */
#define OID_OCSP_NONCE "2b 06 01 05 05 07 30 01 02"  /* 1.3.6.1.5.5.7.48.1.2 */
#define OID_SHA1 "2b 0e 03 02 1a"                    /* 1.3.14.3.2.26 */
#define OID_SHA0 "2b 0e 03 02 12" /* 1.3.14.3.2.18, unknown to staple */
#define OID_ECDSA_SHA256 "2a 86 48 ce 3d 04 03 02"   /* 1.2.840.10045.4.3.2 */
#define RESPONDER_KEY /* 20 octets, "KKKK..." */ \
	"4b 4b 4b 4b 4b 4b 4b 4b 4b 4b 4b 4b 4b 4b 4b 4b 4b 4b 4b 4b"
#define NAME_HASH /* 20 octets, "nnnn..." */ \
	"6e 6e 6e 6e 6e 6e 6e 6e 6e 6e 6e 6e 6e 6e 6e 6e 6e 6e 6e 6e"
#define KEY_HASH /* 20 octets, "kkkk..." */ \
	"6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b"
#define T_PRODUCED /* "20240102030405Z" */ \
	"32 30 32 34 30 31 30 32 30 33 30 34 30 35 5a"
#define T_THIS /* "20240102000000Z" */ \
	"32 30 32 34 30 31 30 32 30 30 30 30 30 30 5a"
#define T_NEXT /* "20240109000000Z" */ \
	"32 30 32 34 30 31 30 39 30 30 30 30 30 30 5a"
#define T_REVOKED /* "20231225120000Z" */ \
	"32 30 32 33 31 32 32 35 31 32 30 30 30 30 5a"

/*
 * The parts of BASE, as `openssl asn1parse -i` shows them (the OCTET
 * STRING opened), with the offset of each in BASE:
 *
 *     0 OCSPResponse            SEQUENCE
 *     3  responseStatus          ENUMERATED 0, successful
 *     6  responseBytes           [0] EXPLICIT
 *     9   ResponseBytes          SEQUENCE
 *    12    responseType          OBJECT id-pkix-ocsp-basic
 *    23    response              OCTET STRING
 *    26     BasicOCSPResponse    SEQUENCE
 *    29      tbsResponseData     SEQUENCE
 *    31       responderID        [2] EXPLICIT, byKey
 *    33        KeyHash           OCTET STRING, 20 octets "KKKK..."
 *    55       producedAt         GeneralizedTime 20240102030405Z
 *    72       responses          SEQUENCE
 *    74        SingleResponse    SEQUENCE
 *    76         certID           SEQUENCE
 *    78          hashAlgorithm   SEQUENCE
 *    80           hashAlgorithm.algorithm   OBJECT sha1
 *    87           hashAlgorithm.parameters  NULL
 *    89          issuerNameHash  OCTET STRING, 20 octets "nnnn..."
 *   111          issuerKeyHash   OCTET STRING, 20 octets "kkkk..."
 *   133          serialNumber    INTEGER 0x1001
 *   137         certStatus       [0] IMPLICIT NULL, good
 *   139         thisUpdate       GeneralizedTime 20240102000000Z
 *   156      signatureAlgorithm  SEQUENCE
 *   158       signatureAlgorithm.algorithm  OBJECT ecdsa-with-SHA256
 *   168      signature           BIT STRING, dummy ab cd
 *   173 end (173 bytes)
 */
extern const struct der_part base_response[];
extern const size_t base_response_parts;

/*
 * BASE with edits[0..DER_MAX_EDITS), or as it is when edits is NULL
 * (der_build() with base_response): the caller frees the exact-size
 * buffer; *offset is der_build()'s place.
 */
uint8_t *base_with(const struct der_edit *edits, size_t *len,
                   size_t *offset);

/*
 * Pieces some vectors add to BASE (each shown valid in test_negative.c's
 * valid_cases): a nonce Extension (extnID, [critical,] extnValue: an
 * OCTET STRING of 8 in the OCTET STRING), the responseExtensions [1]
 * holding it, a revoked certStatus (RevokedInfo: revocationTime,
 * [revocationReason]) with reason keyCompromise, a nextUpdate, the Name
 * CN=AB for responderID byName (a1{NAME_CN_AB}), and BASE's certID and
 * thisUpdate for a second SingleResponse.
 */
#define NONCE_ID "06{" OID_OCSP_NONCE "}"
#define NONCE_VALUE "04{04{01 02 03 04 05 06 07 08}}"
#define NONCE_EXT "30{" NONCE_ID " " NONCE_VALUE "}"
#define NONCE_EXTENSIONS "a1{30{" NONCE_EXT "}}"
#define REVOKED_WITH(reason) "a1{18{" T_REVOKED "} " reason "}"
#define REVOKED REVOKED_WITH("a0{0a 01 01}")
#define NEXT_UPDATE "a0{18{" T_NEXT "}}"
#define ATV_CN_AB "30{06{55 04 03} 0c{41 42}}"
#define ATV_O_AB "30{06{55 04 0a} 0c{41 42}}"
#define NAME_CN_AB "30{31{" ATV_CN_AB "}}"
#define CERT_ID \
	"30{30{06{" OID_SHA1 "} 05{}} 04{" NAME_HASH "} 04{" KEY_HASH "}" \
	" 02{10 01}}"
#define THIS_UPDATE "18{" T_THIS "}"

#endif
