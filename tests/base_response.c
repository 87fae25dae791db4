/*
 * base_response.c -- BASE, the valid response of base_response.h, part
 * by part: RFC 6960 4.2.1's OCSPResponse with one SingleResponse.
 */
#include "base_response.h"

const struct der_part base_response[] = {
	{"OCSPResponse", 0, 0x30, NULL},
	{"responseStatus", 1, 0x0a, "00"},
	{"responseBytes", 1, 0xa0, NULL},
	{"ResponseBytes", 2, 0x30, NULL},
	{"responseType", 3, 0x06, OID_OCSP_BASIC},
	{"response", 3, 0x04, NULL},
	{"BasicOCSPResponse", 4, 0x30, NULL},
	{"tbsResponseData", 5, 0x30, NULL},
	{"responderID", 6, 0xa2, NULL},
	{"KeyHash", 7, 0x04, RESPONDER_KEY},
	{"producedAt", 6, 0x18, T_PRODUCED},
	{"responses", 6, 0x30, NULL},
	{"SingleResponse", 7, 0x30, NULL},
	{"certID", 8, 0x30, NULL},
	{"hashAlgorithm", 9, 0x30, NULL},
	{"hashAlgorithm.algorithm", 10, 0x06, OID_SHA1},
	{"hashAlgorithm.parameters", 10, 0x05, ""},
	{"issuerNameHash", 9, 0x04, NAME_HASH},
	{"issuerKeyHash", 9, 0x04, KEY_HASH},
	{"serialNumber", 9, 0x02, "10 01"},
	{"certStatus", 8, 0x80, ""},
	{"thisUpdate", 8, 0x18, T_THIS},
	{"signatureAlgorithm", 5, 0x30, NULL},
	{"signatureAlgorithm.algorithm", 6, 0x06, OID_ECDSA_SHA256},
	{"signature", 5, 0x03, "00 ab cd"},
};
const size_t base_response_parts =
	sizeof base_response / sizeof base_response[0];

/* see base_response.h */
uint8_t *base_with(const struct der_edit *edits, size_t *len,
                   size_t *offset)
{
	return der_build(base_response, base_response_parts, edits,
	                 edits != NULL ? DER_MAX_EDITS : 0, len, offset);
}
