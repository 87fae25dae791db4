/*
 * base_response.h -- BASE, the small valid OCSPResponse the negative and
 * differential tests start from, and its pieces as hex-string macros.  A
 * test spells out only what it changes.
 */
#ifndef STAPLE_TEST_BASE_RESPONSE_H
#define STAPLE_TEST_BASE_RESPONSE_H

/*
 * Contents octets used as they are.
 */
#define OID_OCSP_BASIC "2b 06 01 05 05 07 30 01 01"  /* 1.3.6.1.5.5.7.48.1.1 */
#define OID_OCSP_NONCE "2b 06 01 05 05 07 30 01 02"  /* 1.3.6.1.5.5.7.48.1.2 */
#define OID_SHA1 "2b 0e 03 02 1a"                    /* 1.3.14.3.2.26 */
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
 * BASE, the valid response every vector starts from, as
 * `openssl asn1parse -i` shows it (the OCTET STRING opened):
 *
 *     0:d=0 hl=3 l= 170 cons: SEQUENCE           OCSPResponse
 *     3:d=1 hl=2 l=   1 prim:  ENUMERATED  :00    responseStatus successful
 *     6:d=1 hl=3 l= 164 cons:  cont [ 0 ]         responseBytes EXPLICIT
 *     9:d=2 hl=3 l= 161 cons:   SEQUENCE          ResponseBytes
 *    12:d=3 hl=2 l=   9 prim:    OBJECT            responseType
 *                                                    id-pkix-ocsp-basic
 *    23:d=3 hl=3 l= 147 prim:    OCTET STRING      response
 *    26:d=4 hl=3 l= 144 cons:     SEQUENCE         BasicOCSPResponse
 *    29:d=5 hl=2 l= 125 cons:      SEQUENCE        tbsResponseData
 *    31:d=6 hl=2 l=  22 cons:       cont [ 2 ]     responderID byKey
 *    33:d=7 hl=2 l=  20 prim:        OCTET STRING  KeyHash
 *    55:d=6 hl=2 l=  15 prim:       GENERALIZEDTIME producedAt
 *                                                    20240102030405Z
 *    72:d=6 hl=2 l=  82 cons:       SEQUENCE       responses
 *    74:d=7 hl=2 l=  80 cons:        SEQUENCE      SingleResponse
 *    76:d=8 hl=2 l=  59 cons:         SEQUENCE     certID
 *    78:d=9 hl=2 l=   9 cons:          SEQUENCE    hashAlgorithm
 *    80:d=10 hl=2 l=  5 prim:           OBJECT     sha1
 *    87:d=10 hl=2 l=  0 prim:           NULL       parameters
 *    89:d=9 hl=2 l=  20 prim:          OCTET STRING issuerNameHash
 *   111:d=9 hl=2 l=  20 prim:          OCTET STRING issuerKeyHash
 *   133:d=9 hl=2 l=   2 prim:          INTEGER :1001 serialNumber
 *   137:d=8 hl=2 l=   0 prim:         cont [ 0 ]   certStatus good
 *   139:d=8 hl=2 l=  15 prim:         GENERALIZEDTIME thisUpdate
 *                                                    20240102000000Z
 *   156:d=5 hl=2 l=  10 cons:      SEQUENCE        signatureAlgorithm
 *   158:d=6 hl=2 l=   8 prim:       OBJECT         ecdsa-with-SHA256
 *   168:d=5 hl=2 l=   3 prim:      BIT STRING      signature (dummy ab cd)
 *   173: end (173 bytes)
 *
 * Its elements, innermost first; a vector uses these for what it leaves
 * unchanged.
 */
#define RESPONSE_TYPE "06 09 " OID_OCSP_BASIC
#define BY_KEY "a2 16 04 14 " RESPONDER_KEY
#define PRODUCED_AT "18 0f " T_PRODUCED
#define HASH_ALG "30 09 06 05 " OID_SHA1 " 05 00"
#define SERIAL "02 02 10 01"
#define CERT_ID "30 3b " HASH_ALG " 04 14 " NAME_HASH " 04 14 " KEY_HASH SERIAL
#define GOOD "80 00"
#define THIS_UPDATE "18 0f " T_THIS
#define SINGLE "30 50 " CERT_ID GOOD THIS_UPDATE
#define RESPONSES "30 52 " SINGLE
#define TBS "30 7d " BY_KEY PRODUCED_AT RESPONSES
#define SIG_ALG "30 0a 06 08 " OID_ECDSA_SHA256
#define SIGNATURE "03 03 00 ab cd"
#define BASIC "30 81 90 " TBS SIG_ALG SIGNATURE
#define BASE "30 81 aa 0a 01 00 a0 81 a4 30 81 a1 " RESPONSE_TYPE \
	" 04 81 93 " BASIC

/*
 * Pieces some vectors add to BASE (each shown valid in valid_cases):
 * a nonce extension (responseExtensions a1 1b 30 19 NONCE_EXT), a
 * revoked certStatus with reason keyCompromise, a nextUpdate, and the
 * Name CN=AB for responderID byName (a1 0f NAME_CN_AB).
 */
#define NONCE_EXT "30 17 06 09 " OID_OCSP_NONCE \
	" 04 0a 04 08 01 02 03 04 05 06 07 08"
#define REVOKED "a1 16 18 0f " T_REVOKED " a0 03 0a 01 01"
#define NEXT_UPDATE "a0 11 18 0f " T_NEXT
#define NAME_CN_AB "30 0d 31 0b 30 09 06 03 55 04 03 0c 02 41 42"

#endif
