/*
 * test_negative.c -- whole OCSPResponses that staple_decode() must refuse,
 * one vector per rule, each with its exact error code and offset.
 *
 * Every vector is the small valid response below (BASE) with one thing
 * changed.  The hex is written with the unchanged elements of BASE as
 * macros, so that what a vector changes stands out: the changed element
 * is spelled out and marked "<-", its enclosing elements carry their
 * corrected lengths, and the comment above says what changed and which
 * clause it breaks.  The second number of each row is the offset
 * staple_error_offset() must report (staple.h): the first byte of the
 * element found wrong, the first trailing byte, or where a missing element
 * was expected (clamped to the last byte when that is the end of the
 * input).  Content checks (time digits, CRLReason, version, ...) report
 * the tag of the element whose value is wrong.
 *
 * Each decode starts from an output struct full of garbage and checks
 * that a failure leaves it reset ("OUTPUTS ON FAILURE" in staple.h).
 * The vectors run in exact-size heap buffers (test_hex), so an overread
 * trips AddressSanitizer.  No signature is valid: the decoder does not
 * verify.
 *
 * Clause numbers: ITU-T X.690 (02/2021), RFC 6960, RFC 5280.
 */
#include "tests.h"

#include "staple.h"

#include <stdlib.h>
#include <string.h>

#include "base_response.h"

struct negative_case {
	const char *name;
	const char *hex;
	int err;       /* the exact error */
	size_t offset; /* the exact staple_error_offset() */
};

static const struct negative_case negative_cases[] = {
	/* ---- length octets ---- */

	/* The OCSPResponse SEQUENCE in the indefinite form (length octet
	 * 80, contents closed by 00 00): X.690 10.1, DER uses the definite
	 * form. */
	{"indefinite_length",
	 "30 80 0a 01 00"
	 " a0 81 a4 30 81 a1 " RESPONSE_TYPE " 04 81 93 " BASIC
	 "00 00",
	 STAPLE_ERR_INDEFINITE_LENGTH, 0},
	/* responseStatus with length 81 01: a length below 128 takes the
	 * short form (X.690 10.1, the fewest octets). */
	{"length_long_form_below_128",
	 "30 81 ab"
	 " 0a 81 01 00" /* <- */
	 " a0 81 a4 30 81 a1 " RESPONSE_TYPE " 04 81 93 " BASIC,
	 STAPLE_ERR_NONMINIMAL_LENGTH, 3},
	/* The OCSPResponse length as 82 00 aa: a leading zero length octet
	 * (X.690 10.1; 81 aa is the fewest octets). */
	{"length_leading_zero",
	 "30 82 00 aa 0a 01 00"
	 " a0 81 a4 30 81 a1 " RESPONSE_TYPE " 04 81 93 " BASIC,
	 STAPLE_ERR_NONMINIMAL_LENGTH, 0},
	/* The length of ResponseBytes.response in five octets (85 00 00 00
	 * 00 93): more than staple's 4 (staple.h STRICTNESS), and not
	 * minimal either; the count octet comes first, so LONG_LENGTH. */
	{"length_five_octets",
	 "30 81 ae 0a 01 00"
	 " a0 81 a8"
	 "  30 81 a5 " RESPONSE_TYPE
	 "   04 85 00 00 00 00 93 " BASIC, /* <- */
	 STAPLE_ERR_LONG_LENGTH, 23},
	/* ResponseBytes.response says 148 octets (81 94) where its
	 * SEQUENCE holds 147: an element longer than what contains it
	 * (X.690 8.1.1). */
	{"length_past_container",
	 "30 81 aa 0a 01 00"
	 " a0 81 a4"
	 "  30 81 a1 " RESPONSE_TYPE
	 "   04 81 94 " BASIC, /* <- */
	 STAPLE_ERR_TRUNCATED, 23},
	/* The base vector without its last byte: the OCSPResponse says 170
	 * octets of contents, 169 follow (X.690 8.1.1). Every enclosing
	 * element is too long; the outermost is found first. */
	{"truncated_last_byte",
	 "30 81 aa 0a 01 00"
	 " a0 81 a4"
	 "  30 81 a1 " RESPONSE_TYPE
	 "   04 81 93"
	 "    30 81 90 " TBS
	 "     " SIG_ALG
	 "     03 03 00 ab", /* <- */
	 STAPLE_ERR_TRUNCATED, 0},
	/* Empty input: no OCSPResponse at all. */
	{"truncated_empty",
	 "",
	 STAPLE_ERR_TRUNCATED, 0},
	/* The identifier octet alone, without a length (X.690 8.1.1). */
	{"truncated_tag_only",
	 "30",
	 STAPLE_ERR_TRUNCATED, 0},
	/* Long-form length 81 with its length octet missing. */
	{"truncated_in_length",
	 "30 81",
	 STAPLE_ERR_TRUNCATED, 0},

	/* ---- identifier octets ---- */

	/* responseStatus with identifier octets 1f 0a: the high-tag-number
	 * form (X.690 8.1.2.4); staple takes one-octet tags, and tag 10
	 * must use the low form anyway. */
	{"tag_high_number_form",
	 "30 81 ab"
	 " 1f 0a 01 00" /* <- */
	 " a0 81 a4 30 81 a1 " RESPONSE_TYPE " 04 81 93 " BASIC,
	 STAPLE_ERR_TAG, 3},
	/* OCSPResponse as a SET (31): RFC 6960 4.2.1 says SEQUENCE. */
	{"tag_outer_set",
	 "31 81 aa 0a 01 00"
	 " a0 81 a4 30 81 a1 " RESPONSE_TYPE " 04 81 93 " BASIC,
	 STAPLE_ERR_TAG, 0},
	/* responseStatus as INTEGER (02): OCSPResponseStatus is ENUMERATED
	 * (RFC 6960 4.2.1), universal tag 10. */
	{"tag_status_integer",
	 "30 81 aa"
	 " 02 01 00" /* <- */
	 " a0 81 a4 30 81 a1 " RESPONSE_TYPE " 04 81 93 " BASIC,
	 STAPLE_ERR_TAG, 3},
	/* ResponseBytes.response holds the BasicOCSPResponse directly
	 * instead of inside an OCTET STRING (RFC 6960 4.2.1). */
	{"tag_response_not_octet_string",
	 "30 81 a7 0a 01 00"
	 " a0 81 a1"
	 "  30 81 9e " RESPONSE_TYPE
	 "   30 81 90 " TBS SIG_ALG SIGNATURE, /* <- */
	 STAPLE_ERR_TAG, 23},
	/* The BasicOCSPResponse inside the OCTET STRING is a SET (31), not
	 * a SEQUENCE (RFC 6960 4.2.1). */
	{"tag_basic_set",
	 "30 81 aa 0a 01 00"
	 " a0 81 a4"
	 "  30 81 a1 " RESPONSE_TYPE
	 "   04 81 93"
	 "    31 81 90 " TBS SIG_ALG SIGNATURE, /* <- */
	 STAPLE_ERR_TAG, 26},
	/* signature as OCTET STRING (04): it is a BIT STRING (RFC 6960
	 * 4.2.1). */
	{"tag_signature_octet_string",
	 "30 81 a9 0a 01 00"
	 " a0 81 a3"
	 "  30 81 a0 " RESPONSE_TYPE
	 "   04 81 92"
	 "    30 81 8f " TBS
	 "     " SIG_ALG
	 "     04 02 ab cd", /* <- */
	 STAPLE_ERR_TAG, 168},

	/* ---- INTEGER (X.690 8.3) ---- */

	/* serialNumber 02 03 00 10 01: the first nine bits are zero, 00 is
	 * redundant (X.690 8.3.2). */
	{"integer_serial_leading_zero",
	 "30 81 ab 0a 01 00"
	 " a0 81 a5"
	 "  30 81 a2 " RESPONSE_TYPE
	 "   04 81 94"
	 "    30 81 91"
	 "     30 7e " BY_KEY
	 "      " PRODUCED_AT
	 "      30 53"
	 "       30 51"
	 "        30 3c " HASH_ALG
	 "         04 14 " NAME_HASH " 04 14 " KEY_HASH
	 "         02 03 00 10 01" /* <- */
	 "        " GOOD THIS_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_INTEGER, 133},
	/* serialNumber 02 02 ff 80: the first nine bits are one, ff is
	 * redundant (X.690 8.3.2). */
	{"integer_serial_leading_ff",
	 "30 81 aa 0a 01 00"
	 " a0 81 a4"
	 "  30 81 a1 " RESPONSE_TYPE
	 "   04 81 93"
	 "    30 81 90"
	 "     30 7d " BY_KEY
	 "      " PRODUCED_AT
	 "      30 52"
	 "       30 50"
	 "        30 3b " HASH_ALG
	 "         04 14 " NAME_HASH " 04 14 " KEY_HASH
	 "         02 02 ff 80" /* <- */
	 "        " GOOD THIS_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_INTEGER, 133},
	/* serialNumber 02 00: an INTEGER has at least one contents octet
	 * (X.690 8.3.1). */
	{"integer_serial_empty",
	 "30 81 a8 0a 01 00"
	 " a0 81 a2"
	 "  30 81 9f " RESPONSE_TYPE
	 "   04 81 91"
	 "    30 81 8e"
	 "     30 7b " BY_KEY
	 "      " PRODUCED_AT
	 "      30 50"
	 "       30 4e"
	 "        30 39 " HASH_ALG
	 "         04 14 " NAME_HASH " 04 14 " KEY_HASH
	 "         02 00" /* <- */
	 "        " GOOD THIS_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_INTEGER, 133},
	/* responseStatus 0a 02 00 00: ENUMERATED is encoded as an INTEGER
	 * (X.690 8.4), so 8.3.2 applies. */
	{"integer_status_leading_zero",
	 "30 81 ab"
	 " 0a 02 00 00" /* <- */
	 " a0 81 a4 30 81 a1 " RESPONSE_TYPE " 04 81 93 " BASIC,
	 STAPLE_ERR_INTEGER, 3},
	/* responseStatus 0a 00: no contents octet (X.690 8.4, 8.3.1). */
	{"integer_status_empty",
	 "30 81 a9"
	 " 0a 00" /* <- */
	 " a0 81 a4 30 81 a1 " RESPONSE_TYPE " 04 81 93 " BASIC,
	 STAPLE_ERR_INTEGER, 3},

	/* ---- BOOLEAN, DEFAULT, NULL ---- */

	/* A nonce extension with critical 01 01 01: DER encodes TRUE as ff
	 * (X.690 11.1). */
	{"boolean_critical_01",
	 "30 81 cb 0a 01 00"
	 " a0 81 c5"
	 "  30 81 c2 " RESPONSE_TYPE
	 "   04 81 b4"
	 "    30 81 b1"
	 "     30 81 9d " BY_KEY
	 "      " PRODUCED_AT RESPONSES
	 "      a1 1e"
	 "       30 1c"
	 "        30 1a 06 09 " OID_OCSP_NONCE
	 "         01 01 01" /* <- */
	 "         04 0a 04 08 01 02 03 04 05 06 07 08"
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_BOOLEAN, 174},
	/* critical 01 02 00 ff: a BOOLEAN is one octet (X.690 8.2.1). */
	{"boolean_critical_two_octets",
	 "30 81 cc 0a 01 00"
	 " a0 81 c6"
	 "  30 81 c3 " RESPONSE_TYPE
	 "   04 81 b5"
	 "    30 81 b2"
	 "     30 81 9e " BY_KEY
	 "      " PRODUCED_AT RESPONSES
	 "      a1 1f"
	 "       30 1d"
	 "        30 1b 06 09 " OID_OCSP_NONCE
	 "         01 02 00 ff" /* <- */
	 "         04 0a 04 08 01 02 03 04 05 06 07 08"
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_BOOLEAN, 174},
	/* critical FALSE (01 01 00) written out: it is the DEFAULT of
	 * Extension.critical (RFC 5280 4.1), and DER never encodes a
	 * DEFAULT value (X.690 11.5). */
	{"default_critical_false",
	 "30 81 cb 0a 01 00"
	 " a0 81 c5"
	 "  30 81 c2 " RESPONSE_TYPE
	 "   04 81 b4"
	 "    30 81 b1"
	 "     30 81 9d " BY_KEY
	 "      " PRODUCED_AT RESPONSES
	 "      a1 1e"
	 "       30 1c"
	 "        30 1a 06 09 " OID_OCSP_NONCE
	 "         01 01 00" /* <- */
	 "         04 0a 04 08 01 02 03 04 05 06 07 08"
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_ENCODED_DEFAULT, 174},
	/* certStatus good as 80 01 00: good is [0] IMPLICIT NULL (RFC 6960
	 * 4.2.1), and a NULL has no contents octets (X.690 8.8.2). */
	{"null_good_with_contents",
	 "30 81 ab 0a 01 00"
	 " a0 81 a5"
	 "  30 81 a2 " RESPONSE_TYPE
	 "   04 81 94"
	 "    30 81 91"
	 "     30 7e " BY_KEY
	 "      " PRODUCED_AT
	 "      30 53"
	 "       30 51 " CERT_ID
	 "        80 01 00" /* <- */
	 "        " THIS_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_NULL, 137},
	/* certStatus unknown as 82 01 00: UnknownInfo ::= NULL (RFC 6960
	 * 4.2.1), no contents octets (X.690 8.8.2). */
	{"null_unknown_with_contents",
	 "30 81 ab 0a 01 00"
	 " a0 81 a5"
	 "  30 81 a2 " RESPONSE_TYPE
	 "   04 81 94"
	 "    30 81 91"
	 "     30 7e " BY_KEY
	 "      " PRODUCED_AT
	 "      30 53"
	 "       30 51 " CERT_ID
	 "        82 01 00" /* <- */
	 "        " THIS_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_NULL, 137},
	/* SHA-1 parameters 05 01 00: the parameters are NULL (RFC 3279
	 * 2.1), which has no contents octets (X.690 8.8.2). */
	{"null_hash_parameters_with_contents",
	 "30 81 ab 0a 01 00"
	 " a0 81 a5"
	 "  30 81 a2 " RESPONSE_TYPE
	 "   04 81 94"
	 "    30 81 91"
	 "     30 7e " BY_KEY
	 "      " PRODUCED_AT
	 "      30 53"
	 "       30 51"
	 "        30 3c"
	 "         30 0a 06 05 " OID_SHA1
	 "          05 01 00" /* <- */
	 "         04 14 " NAME_HASH " 04 14 " KEY_HASH SERIAL
	 "        " GOOD THIS_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_NULL, 87},

	/* ---- BIT STRING ---- */

	/* signature 03 00: a BIT STRING always has its initial octet
	 * (X.690 8.6.2). */
	{"bit_string_empty",
	 "30 81 a7 0a 01 00"
	 " a0 81 a1"
	 "  30 81 9e " RESPONSE_TYPE
	 "   04 81 90"
	 "    30 81 8d " TBS
	 "     " SIG_ALG
	 "     03 00", /* <- */
	 STAPLE_ERR_BIT_STRING, 168},
	/* signature 03 03 01 ab cd: one unused bit, and it is 1 (cd ends
	 * in 1); DER pads with zero bits (X.690 11.2.1). */
	{"bit_string_padding_set",
	 "30 81 aa 0a 01 00"
	 " a0 81 a4"
	 "  30 81 a1 " RESPONSE_TYPE
	 "   04 81 93"
	 "    30 81 90 " TBS
	 "     " SIG_ALG
	 "     03 03 01 ab cd", /* <- */
	 STAPLE_ERR_BIT_STRING, 168},
	/* signature 03 03 08 ab 00: 8 unused bits; the initial octet is 0
	 * to 7 (X.690 8.6.2.2). */
	{"bit_string_unused_8",
	 "30 81 aa 0a 01 00"
	 " a0 81 a4"
	 "  30 81 a1 " RESPONSE_TYPE
	 "   04 81 93"
	 "    30 81 90 " TBS
	 "     " SIG_ALG
	 "     03 03 08 ab 00", /* <- */
	 STAPLE_ERR_BIT_STRING, 168},
	/* signature 03 01 04: unused bits but no bits; then the initial
	 * octet is 0 (X.690 8.6.2.3). */
	{"bit_string_unused_without_bits",
	 "30 81 a8 0a 01 00"
	 " a0 81 a2"
	 "  30 81 9f " RESPONSE_TYPE
	 "   04 81 91"
	 "    30 81 8e " TBS
	 "     " SIG_ALG
	 "     03 01 04", /* <- */
	 STAPLE_ERR_BIT_STRING, 168},
	/* signature 03 03 04 ab c0: valid DER, but a signature is whole
	 * octets (staple.h: staple_response.signature has no unused-bits
	 * octet, "whole octets only"), so it cannot be represented. */
	{"bit_string_signature_partial_octet",
	 "30 81 aa 0a 01 00"
	 " a0 81 a4"
	 "  30 81 a1 " RESPONSE_TYPE
	 "   04 81 93"
	 "    30 81 90 " TBS
	 "     " SIG_ALG
	 "     03 03 04 ab c0", /* <- */
	 STAPLE_ERR_BIT_STRING, 168},

	/* ---- OBJECT IDENTIFIER ---- */

	/* responseType 2b 06 01 05 05 07 30 01 80 01: the last
	 * sub-identifier starts with 80, a padding octet (X.690 8.19.2). */
	{"oid_response_type_padded",
	 "30 81 ab 0a 01 00"
	 " a0 81 a5"
	 "  30 81 a2"
	 "   06 0a 2b 06 01 05 05 07 30 01 80 01" /* <- */
	 "   04 81 93 " BASIC,
	 STAPLE_ERR_OID, 12},
	/* signatureAlgorithm 06 00: no sub-identifier at all (X.690
	 * 8.19.2). */
	{"oid_signature_algorithm_empty",
	 "30 81 a2 0a 01 00"
	 " a0 81 9c"
	 "  30 81 99 " RESPONSE_TYPE
	 "   04 81 8b"
	 "    30 81 88 " TBS
	 "     30 02"
	 "      06 00" /* <- */
	 "     " SIGNATURE,
	 STAPLE_ERR_OID, 158},
	/* hashAlgorithm 2b 0e 03 02 9a: the last octet has bit 8 set, so
	 * the last sub-identifier never ends (X.690 8.19.2). */
	{"oid_hash_unterminated",
	 "30 81 aa 0a 01 00"
	 " a0 81 a4"
	 "  30 81 a1 " RESPONSE_TYPE
	 "   04 81 93"
	 "    30 81 90"
	 "     30 7d " BY_KEY
	 "      " PRODUCED_AT
	 "      30 52"
	 "       30 50"
	 "        30 3b"
	 "         30 09"
	 "          06 05 2b 0e 03 02 9a" /* <- */
	 "          05 00"
	 "         04 14 " NAME_HASH " 04 14 " KEY_HASH SERIAL
	 "        " GOOD THIS_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_OID, 80},

	/* ---- GeneralizedTime (X.690 11.7, RFC 5280 4.1.2.5.2) ---- */

	/* producedAt as UTCTime 240102030405Z: RFC 6960 4.2.1 says
	 * GeneralizedTime. */
	{"time_produced_utctime",
	 "30 81 a8 0a 01 00"
	 " a0 81 a2"
	 "  30 81 9f " RESPONSE_TYPE
	 "   04 81 91"
	 "    30 81 8e"
	 "     30 7b " BY_KEY
	 "      17 0d 32 34 30 31 30 32 30 33 30 34 30 35 5a" /* <- */
	 "      " RESPONSES
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TAG, 55},
	/* producedAt 2024010203:405Z: ':' (one past '9') in the minutes. */
	{"time_produced_bad_digit",
	 "30 81 aa 0a 01 00"
	 " a0 81 a4"
	 "  30 81 a1 " RESPONSE_TYPE
	 "   04 81 93"
	 "    30 81 90"
	 "     30 7d " BY_KEY
	 "      18 0f 32 30 32 34 30 31 30 32 30 33 3a 34 30 35 5a" /* <- */
	 "      " RESPONSES
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TIME, 55},
	/* producedAt 20240102030405.50Z: the fraction ends in 0 (X.690
	 * 11.7.3). */
	{"time_produced_fraction_trailing_zero",
	 "30 81 ae 0a 01 00"
	 " a0 81 a8"
	 "  30 81 a5 " RESPONSE_TYPE
	 "   04 81 97"
	 "    30 81 94"
	 "     30 81 80 " BY_KEY
	 "      18 12 32 30 32 34 30 31 30 32" /* <- */
	 "        30 33 30 34 30 35 2e 35 30 5a"
	 "      " RESPONSES
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TIME, 56},
	/* producedAt 20240102030405,5Z: the decimal mark is a full stop in
	 * DER (X.690 11.7.4). */
	{"time_produced_fraction_comma",
	 "30 81 ac 0a 01 00"
	 " a0 81 a6"
	 "  30 81 a3 " RESPONSE_TYPE
	 "   04 81 95"
	 "    30 81 92"
	 "     30 7f " BY_KEY
	 "      18 11 32 30 32 34 30 31 30" /* <- */
	 "        32 30 33 30 34 30 35 2c 35 5a"
	 "      " RESPONSES
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TIME, 55},
	/* producedAt 20240102030405+0000: a time zone offset instead of Z
	 * (X.690 11.7.1; RFC 5280 4.1.2.5.2 requires Z). */
	{"time_produced_offset",
	 "30 81 af 0a 01 00"
	 " a0 81 a9"
	 "  30 81 a6 " RESPONSE_TYPE
	 "   04 81 98"
	 "    30 81 95"
	 "     30 81 81 " BY_KEY
	 "      18 13 32 30 32 34 30 31 30 32" /* <- */
	 "        30 33 30 34 30 35 2b 30 30 30 30"
	 "      " RESPONSES
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TIME, 56},
	/* thisUpdate 20240102000000 without Z: local time (X.690 11.7.1). */
	{"time_this_update_local",
	 "30 81 a9 0a 01 00"
	 " a0 81 a3"
	 "  30 81 a0 " RESPONSE_TYPE
	 "   04 81 92"
	 "    30 81 8f"
	 "     30 7c " BY_KEY
	 "      " PRODUCED_AT
	 "      30 51"
	 "       30 4f " CERT_ID
	 "        " GOOD
	 "        18 0e 32 30 32 34 30 31 30 32 30 30 30 30 30 30" /* <- */
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TIME, 139},
	/* thisUpdate 20240230000000Z: there is no 30 February. */
	{"time_this_update_february_30",
	 "30 81 aa 0a 01 00"
	 " a0 81 a4"
	 "  30 81 a1 " RESPONSE_TYPE
	 "   04 81 93"
	 "    30 81 90"
	 "     30 7d " BY_KEY
	 "      " PRODUCED_AT
	 "      30 52"
	 "       30 50 " CERT_ID
	 "        " GOOD
	 "        18 0f 32 30 32 34 30 32 33 30 30 30 30 30 30 30 5a" /* <- */
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TIME, 139},
	/* thisUpdate 202401020000Z: seconds are always present (RFC 5280
	 * 4.1.2.5.2). */
	{"time_this_update_no_seconds",
	 "30 81 a8 0a 01 00"
	 " a0 81 a2"
	 "  30 81 9f " RESPONSE_TYPE
	 "   04 81 91"
	 "    30 81 8e"
	 "     30 7b " BY_KEY
	 "      " PRODUCED_AT
	 "      30 50"
	 "       30 4e " CERT_ID
	 "        " GOOD
	 "        18 0d 32 30 32 34 30 31 30 32 30 30 30 30 5a" /* <- */
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TIME, 139},
	/* revocationTime 20231225235960Z: second 60 (staple.h: a leap
	 * second is rejected). */
	{"time_revocation_leap_second",
	 "30 81 c1 0a 01 00"
	 " a0 81 bb"
	 "  30 81 b8 " RESPONSE_TYPE
	 "   04 81 aa"
	 "    30 81 a7"
	 "     30 81 93 " BY_KEY
	 "      " PRODUCED_AT
	 "      30 68"
	 "       30 66 " CERT_ID
	 "        a1 16"
	 "         18 0f 32 30 32 33 31 32 32 35 32 33 35 39 36 30 5a" /* <- */
	 "         a0 03 0a 01 01"
	 "        " THIS_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TIME, 140},
	/* nextUpdate 20240109000000.Z: a full stop with no digit after it
	 * (X.690 11.7.3). */
	{"time_next_update_empty_fraction",
	 "30 81 bf 0a 01 00"
	 " a0 81 b9"
	 "  30 81 b6 " RESPONSE_TYPE
	 "   04 81 a8"
	 "    30 81 a5"
	 "     30 81 91 " BY_KEY
	 "      " PRODUCED_AT
	 "      30 66"
	 "       30 64 " CERT_ID
	 "        " GOOD THIS_UPDATE
	 "        a0 12"
	 "         18 10 32 30 32 34 30 31 30" /* <- */
	 "           39 30 30 30 30 30 30 2e 5a"
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TIME, 159},
	/* nextUpdate [0] holding a UTCTime: RFC 6960 4.2.1 says
	 * GeneralizedTime. */
	{"time_next_update_utctime",
	 "30 81 bc 0a 01 00"
	 " a0 81 b6"
	 "  30 81 b3 " RESPONSE_TYPE
	 "   04 81 a5"
	 "    30 81 a2"
	 "     30 81 8e " BY_KEY
	 "      " PRODUCED_AT
	 "      30 63"
	 "       30 61 " CERT_ID
	 "        " GOOD THIS_UPDATE
	 "        a0 0f"
	 "         17 0d 32 34 30 31 30 39 30 30 30 30 30 30 5a" /* <- */
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TAG, 159},

	/* ---- trailing data (X.690 8.1.1) ---- */

	/* One octet after the OCSPResponse: the input is exactly one
	 * OCSPResponse (staple.h, staple_decode). */
	{"trailing_after_response_byte",
	 "30 81 aa 0a 01 00"
	 " a0 81 a4 30 81 a1 " RESPONSE_TYPE " 04 81 93 " BASIC
	 "00", /* <- */
	 STAPLE_ERR_TRAILING_DATA, 173},
	/* A second OCSPResponse (tryLater) after the first. */
	{"trailing_after_response_element",
	 "30 81 aa 0a 01 00"
	 " a0 81 a4 30 81 a1 " RESPONSE_TYPE " 04 81 93 " BASIC
	 "30 03 0a 01 03", /* <- */
	 STAPLE_ERR_TRAILING_DATA, 173},
	/* 05 00 after responseBytes inside OCSPResponse. */
	{"trailing_in_ocsp_response",
	 "30 81 ac 0a 01 00"
	 " a0 81 a4 30 81 a1 " RESPONSE_TYPE " 04 81 93 " BASIC
	 " 05 00", /* <- */
	 STAPLE_ERR_TRAILING_DATA, 173},
	/* 05 00 after ResponseBytes inside its [0] EXPLICIT tag, which
	 * holds exactly one element (X.690 8.14). */
	{"trailing_in_response_bytes_tag",
	 "30 81 ac 0a 01 00"
	 " a0 81 a6 30 81 a1 " RESPONSE_TYPE " 04 81 93 " BASIC
	 "  05 00", /* <- */
	 STAPLE_ERR_TRAILING_DATA, 173},
	/* 05 00 after response inside ResponseBytes. */
	{"trailing_in_response_bytes",
	 "30 81 ac 0a 01 00"
	 " a0 81 a6"
	 "  30 81 a3 " RESPONSE_TYPE
	 "   04 81 93 " BASIC
	 "   05 00", /* <- */
	 STAPLE_ERR_TRAILING_DATA, 173},
	/* 05 00 after the BasicOCSPResponse inside the OCTET STRING, which
	 * holds exactly one DER BasicOCSPResponse (RFC 6960 4.2.1). */
	{"trailing_in_octet_string",
	 "30 81 ac 0a 01 00"
	 " a0 81 a6"
	 "  30 81 a3 " RESPONSE_TYPE
	 "   04 81 95 " BASIC
	 "    05 00", /* <- */
	 STAPLE_ERR_TRAILING_DATA, 173},
	/* 05 00 after signature inside BasicOCSPResponse (and not certs'
	 * [0]). */
	{"trailing_in_basic",
	 "30 81 ac 0a 01 00"
	 " a0 81 a6"
	 "  30 81 a3 " RESPONSE_TYPE
	 "   04 81 95"
	 "    30 81 92 " TBS
	 "     " SIG_ALG SIGNATURE
	 "     05 00", /* <- */
	 STAPLE_ERR_TRAILING_DATA, 173},
	/* 05 00 after the SEQUENCE OF Certificate inside certs' [0]. */
	{"trailing_in_certs_tag",
	 "30 81 b2 0a 01 00"
	 " a0 81 ac"
	 "  30 81 a9 " RESPONSE_TYPE
	 "   04 81 9b"
	 "    30 81 98 " TBS
	 "     " SIG_ALG SIGNATURE
	 "     a0 06 30 02 30 00"
	 "      05 00", /* <- */
	 STAPLE_ERR_TRAILING_DATA, 179},
	/* 05 00 after responses inside ResponseData (and not
	 * responseExtensions' [1]). */
	{"trailing_in_response_data",
	 "30 81 ac 0a 01 00"
	 " a0 81 a6"
	 "  30 81 a3 " RESPONSE_TYPE
	 "   04 81 95"
	 "    30 81 92"
	 "     30 7f " BY_KEY
	 "      " PRODUCED_AT RESPONSES
	 "      05 00" /* <- */
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TRAILING_DATA, 156},
	/* 05 00 after the INTEGER inside version's [0] (explicit v1, the
	 * leniency). */
	{"trailing_in_version_tag",
	 "30 81 b2 0a 01 00"
	 " a0 81 ac"
	 "  30 81 a9 " RESPONSE_TYPE
	 "   04 81 9b"
	 "    30 81 98"
	 "     30 81 84"
	 "      a0 05 02 01 00"
	 "       05 00" /* <- */
	 "      " BY_KEY PRODUCED_AT RESPONSES
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TRAILING_DATA, 37},
	/* 05 00 after the KeyHash inside byKey's [2]. */
	{"trailing_in_responder_key",
	 "30 81 ac 0a 01 00"
	 " a0 81 a6"
	 "  30 81 a3 " RESPONSE_TYPE
	 "   04 81 95"
	 "    30 81 92"
	 "     30 7f"
	 "      a2 18 04 14 " RESPONDER_KEY
	 "       05 00" /* <- */
	 "      " PRODUCED_AT RESPONSES
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TRAILING_DATA, 55},
	/* 05 00 after the Name inside byName's [1]. */
	{"trailing_in_responder_name",
	 "30 81 a5 0a 01 00"
	 " a0 81 9f"
	 "  30 81 9c " RESPONSE_TYPE
	 "   04 81 8e"
	 "    30 81 8b"
	 "     30 78"
	 "      a1 11 " NAME_CN_AB
	 "       05 00" /* <- */
	 "      " PRODUCED_AT RESPONSES
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TRAILING_DATA, 48},
	/* 05 00 after the SingleResponse inside responses: every element
	 * of a SEQUENCE OF SingleResponse is a SEQUENCE, so this is a
	 * wrong tag rather than trailing data. */
	{"trailing_in_responses",
	 "30 81 ac 0a 01 00"
	 " a0 81 a6"
	 "  30 81 a3 " RESPONSE_TYPE
	 "   04 81 95"
	 "    30 81 92"
	 "     30 7f " BY_KEY
	 "      " PRODUCED_AT
	 "      30 54 " SINGLE
	 "       05 00" /* <- */
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TAG, 156},
	/* 05 00 after thisUpdate inside SingleResponse. */
	{"trailing_in_single",
	 "30 81 ac 0a 01 00"
	 " a0 81 a6"
	 "  30 81 a3 " RESPONSE_TYPE
	 "   04 81 95"
	 "    30 81 92"
	 "     30 7f " BY_KEY
	 "      " PRODUCED_AT
	 "      30 54"
	 "       30 52 " CERT_ID
	 "        " GOOD THIS_UPDATE
	 "        05 00" /* <- */
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TRAILING_DATA, 156},
	/* 05 00 after serialNumber inside CertID. */
	{"trailing_in_cert_id",
	 "30 81 ac 0a 01 00"
	 " a0 81 a6"
	 "  30 81 a3 " RESPONSE_TYPE
	 "   04 81 95"
	 "    30 81 92"
	 "     30 7f " BY_KEY
	 "      " PRODUCED_AT
	 "      30 54"
	 "       30 52"
	 "        30 3d " HASH_ALG
	 "         04 14 " NAME_HASH " 04 14 " KEY_HASH SERIAL
	 "         05 00" /* <- */
	 "        " GOOD THIS_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TRAILING_DATA, 137},
	/* A second 05 00 after the NULL parameters inside hashAlgorithm:
	 * AlgorithmIdentifier has two components (RFC 5280 4.1.1.2). */
	{"trailing_in_hash_algorithm",
	 "30 81 ac 0a 01 00"
	 " a0 81 a6"
	 "  30 81 a3 " RESPONSE_TYPE
	 "   04 81 95"
	 "    30 81 92"
	 "     30 7f " BY_KEY
	 "      " PRODUCED_AT
	 "      30 54"
	 "       30 52"
	 "        30 3d"
	 "         30 0b 06 05 " OID_SHA1
	 "          05 00"
	 "          05 00" /* <- */
	 "         04 14 " NAME_HASH " 04 14 " KEY_HASH SERIAL
	 "        " GOOD THIS_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TRAILING_DATA, 89},
	/* 05 00 05 00 after the OID of signatureAlgorithm: the first is
	 * its parameters, the second is left over. */
	{"trailing_in_signature_algorithm",
	 "30 81 ae 0a 01 00"
	 " a0 81 a8"
	 "  30 81 a5 " RESPONSE_TYPE
	 "   04 81 97"
	 "    30 81 94 " TBS
	 "     30 0e 06 08 " OID_ECDSA_SHA256
	 "      05 00"
	 "      05 00" /* <- */
	 "     " SIGNATURE,
	 STAPLE_ERR_TRAILING_DATA, 170},
	/* 05 00 after revocationReason inside RevokedInfo. */
	{"trailing_in_revoked_info",
	 "30 81 c3 0a 01 00"
	 " a0 81 bd"
	 "  30 81 ba " RESPONSE_TYPE
	 "   04 81 ac"
	 "    30 81 a9"
	 "     30 81 95 " BY_KEY
	 "      " PRODUCED_AT
	 "      30 6a"
	 "       30 68 " CERT_ID
	 "        a1 18 18 0f " T_REVOKED
	 "         a0 03 0a 01 01"
	 "         05 00" /* <- */
	 "        " THIS_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TRAILING_DATA, 162},
	/* 05 00 after the CRLReason inside revocationReason's [0]. */
	{"trailing_in_reason_tag",
	 "30 81 c3 0a 01 00"
	 " a0 81 bd"
	 "  30 81 ba " RESPONSE_TYPE
	 "   04 81 ac"
	 "    30 81 a9"
	 "     30 81 95 " BY_KEY
	 "      " PRODUCED_AT
	 "      30 6a"
	 "       30 68 " CERT_ID
	 "        a1 18 18 0f " T_REVOKED
	 "         a0 05 0a 01 01"
	 "          05 00" /* <- */
	 "        " THIS_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TRAILING_DATA, 162},
	/* 05 00 after the GeneralizedTime inside nextUpdate's [0]. */
	{"trailing_in_next_update_tag",
	 "30 81 c0 0a 01 00"
	 " a0 81 ba"
	 "  30 81 b7 " RESPONSE_TYPE
	 "   04 81 a9"
	 "    30 81 a6"
	 "     30 81 92 " BY_KEY
	 "      " PRODUCED_AT
	 "      30 67"
	 "       30 65 " CERT_ID
	 "        " GOOD THIS_UPDATE
	 "        a0 13 18 0f " T_NEXT
	 "         05 00" /* <- */
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TRAILING_DATA, 176},
	/* 05 00 after Extensions inside responseExtensions' [1]. */
	{"trailing_in_extensions_tag",
	 "30 81 ca 0a 01 00"
	 " a0 81 c4"
	 "  30 81 c1 " RESPONSE_TYPE
	 "   04 81 b3"
	 "    30 81 b0"
	 "     30 81 9c " BY_KEY
	 "      " PRODUCED_AT RESPONSES
	 "      a1 1d 30 19 " NONCE_EXT
	 "       05 00" /* <- */
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TRAILING_DATA, 186},
	/* 05 00 after extnValue inside Extension. */
	{"trailing_in_extension",
	 "30 81 ca 0a 01 00"
	 " a0 81 c4"
	 "  30 81 c1 " RESPONSE_TYPE
	 "   04 81 b3"
	 "    30 81 b0"
	 "     30 81 9c " BY_KEY
	 "      " PRODUCED_AT RESPONSES
	 "      a1 1d"
	 "       30 1b"
	 "        30 19 06 09 " OID_OCSP_NONCE
	 "         04 0a 04 08 01 02 03 04 05 06 07 08"
	 "         05 00" /* <- */
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TRAILING_DATA, 186},

	/* ---- RFC 6960 structure ---- */

	/* responseStatus 4: the value is not used (RFC 6960 4.2.1). */
	{"status_4",
	 "30 03"
	 " 0a 01 04", /* <- */
	 STAPLE_ERR_RESPONSE_STATUS, 2},
	/* responseStatus 7: beyond the last defined value, unauthorized
	 * (6). */
	{"status_7",
	 "30 03"
	 " 0a 01 07", /* <- */
	 STAPLE_ERR_RESPONSE_STATUS, 2},
	/* responseStatus -1 (0a 01 ff): minimal, but not a defined value. */
	{"status_negative",
	 "30 03"
	 " 0a 01 ff", /* <- */
	 STAPLE_ERR_RESPONSE_STATUS, 2},
	/* The base vector with responseStatus 4: the status is wrong
	 * before anything is said about responseBytes. */
	{"status_4_with_bytes",
	 "30 81 aa"
	 " 0a 01 04" /* <- */
	 " a0 81 a4 30 81 a1 " RESPONSE_TYPE " 04 81 93 " BASIC,
	 STAPLE_ERR_RESPONSE_STATUS, 3},
	/* successful without responseBytes (RFC 6960 2.3, 4.2.1: a
	 * successful response carries them). Expected at offset 5, the end
	 * of the input, so the offset is clamped to its last byte. */
	{"successful_without_bytes",
	 "30 03 0a 01 00",
	   /* <- missing here */
	 STAPLE_ERR_MISSING, 4},
	/* successful with an empty [0]: ResponseBytes is missing at the
	 * end of its tag; expected at offset 7, the end of the input,
	 * clamped to 6. */
	{"successful_empty_bytes_tag",
	 "30 05 0a 01 00"
	 " a0 00",
	    /* <- missing here */
	 STAPLE_ERR_TRUNCATED, 6},
	/* tryLater with responseBytes: RFC 6960 2.3, error responses are
	 * not signed and carry none. */
	{"try_later_with_bytes",
	 "30 81 aa 0a 01 03"
	 " a0 81 a4 30 81 a1 " RESPONSE_TYPE " 04 81 93 " BASIC,
	 STAPLE_ERR_UNEXPECTED, 6},
	/* sigRequired (5) with responseBytes, likewise. */
	{"sig_required_with_bytes",
	 "30 81 aa 0a 01 05"
	 " a0 81 a4 30 81 a1 " RESPONSE_TYPE " 04 81 93 " BASIC,
	 STAPLE_ERR_UNEXPECTED, 6},
	/* responseType id-pkix-ocsp-nonce: staple reads id-pkix-ocsp-basic
	 * only (RFC 6960 4.2.1, 4.2.2). */
	{"response_type_nonce",
	 "30 81 aa 0a 01 00"
	 " a0 81 a4"
	 "  30 81 a1"
	 "   06 09 " OID_OCSP_NONCE /* <- */
	 "   04 81 93 " BASIC,
	 STAPLE_ERR_RESPONSE_TYPE, 12},
	/* responseType id-pkix-ocsp (1.3.6.1.5.5.7.48.1), a prefix of
	 * id-pkix-ocsp-basic: not the same OID. */
	{"response_type_ocsp_arc",
	 "30 81 a9 0a 01 00"
	 " a0 81 a3"
	 "  30 81 a0"
	 "   06 08 2b 06 01 05 05 07 30 01" /* <- */
	 "   04 81 93 " BASIC,
	 STAPLE_ERR_RESPONSE_TYPE, 12},
	/* version [0] INTEGER 1 (v2): Version ::= INTEGER { v1(0) } (RFC
	 * 6960 4.2.1); only the explicit v1 is tolerated (staple.h
	 * LENIENCIES). Reported at the INTEGER, whose value is wrong. */
	{"version_v2",
	 "30 81 b0 0a 01 00"
	 " a0 81 aa"
	 "  30 81 a7 " RESPONSE_TYPE
	 "   04 81 99"
	 "    30 81 96"
	 "     30 81 82"
	 "      a0 03"
	 "       02 01 01" /* <- */
	 "      " BY_KEY PRODUCED_AT RESPONSES
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_VERSION, 34},
	/* version [0] INTEGER -1: not v1. */
	{"version_negative",
	 "30 81 b0 0a 01 00"
	 " a0 81 aa"
	 "  30 81 a7 " RESPONSE_TYPE
	 "   04 81 99"
	 "    30 81 96"
	 "     30 81 82"
	 "      a0 03"
	 "       02 01 ff" /* <- */
	 "      " BY_KEY PRODUCED_AT RESPONSES
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_VERSION, 34},
	/* version [0] 02 02 00 00: not a minimal INTEGER (X.690 8.3.2). */
	{"version_leading_zero",
	 "30 81 b1 0a 01 00"
	 " a0 81 ab"
	 "  30 81 a8 " RESPONSE_TYPE
	 "   04 81 9a"
	 "    30 81 97"
	 "     30 81 83"
	 "      a0 04"
	 "       02 02 00 00" /* <- */
	 "      " BY_KEY PRODUCED_AT RESPONSES
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_INTEGER, 34},
	/* version [0] holding an ENUMERATED: Version is an INTEGER. */
	{"version_enumerated",
	 "30 81 b0 0a 01 00"
	 " a0 81 aa"
	 "  30 81 a7 " RESPONSE_TYPE
	 "   04 81 99"
	 "    30 81 96"
	 "     30 81 82"
	 "      a0 03"
	 "       0a 01 00" /* <- */
	 "      " BY_KEY PRODUCED_AT RESPONSES
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TAG, 34},
	/* version [0] with nothing inside: the INTEGER is missing at the
	 * end of the [0], i.e. where responderID starts. */
	{"version_empty_tag",
	 "30 81 ac 0a 01 00"
	 " a0 81 a6"
	 "  30 81 a3 " RESPONSE_TYPE
	 "   04 81 95"
	 "    30 81 92"
	 "     30 7f"
	 "      a0 00"
	         /* <- missing here */
	 "      " BY_KEY PRODUCED_AT RESPONSES
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TRUNCATED, 33},
	/* revocationReason 7: CRLReason value 7 is not used (RFC 5280
	 * 5.3.1). */
	{"reason_7",
	 "30 81 c1 0a 01 00"
	 " a0 81 bb"
	 "  30 81 b8 " RESPONSE_TYPE
	 "   04 81 aa"
	 "    30 81 a7"
	 "     30 81 93 " BY_KEY
	 "      " PRODUCED_AT
	 "      30 68"
	 "       30 66 " CERT_ID
	 "        a1 16 18 0f " T_REVOKED
	 "         a0 03"
	 "          0a 01 07" /* <- */
	 "        " THIS_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_REASON, 159},
	/* revocationReason 11: beyond aACompromise (10), the last defined
	 * CRLReason (RFC 5280 5.3.1). */
	{"reason_11",
	 "30 81 c1 0a 01 00"
	 " a0 81 bb"
	 "  30 81 b8 " RESPONSE_TYPE
	 "   04 81 aa"
	 "    30 81 a7"
	 "     30 81 93 " BY_KEY
	 "      " PRODUCED_AT
	 "      30 68"
	 "       30 66 " CERT_ID
	 "        a1 16 18 0f " T_REVOKED
	 "         a0 03"
	 "          0a 01 0b" /* <- */
	 "        " THIS_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_REASON, 159},
	/* revocationReason -1 (0a 01 ff): not a defined CRLReason. */
	{"reason_negative",
	 "30 81 c1 0a 01 00"
	 " a0 81 bb"
	 "  30 81 b8 " RESPONSE_TYPE
	 "   04 81 aa"
	 "    30 81 a7"
	 "     30 81 93 " BY_KEY
	 "      " PRODUCED_AT
	 "      30 68"
	 "       30 66 " CERT_ID
	 "        a1 16 18 0f " T_REVOKED
	 "         a0 03"
	 "          0a 01 ff" /* <- */
	 "        " THIS_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_REASON, 159},
	/* revocationReason as INTEGER: CRLReason is ENUMERATED (RFC 5280
	 * 5.3.1). */
	{"reason_integer",
	 "30 81 c1 0a 01 00"
	 " a0 81 bb"
	 "  30 81 b8 " RESPONSE_TYPE
	 "   04 81 aa"
	 "    30 81 a7"
	 "     30 81 93 " BY_KEY
	 "      " PRODUCED_AT
	 "      30 68"
	 "       30 66 " CERT_ID
	 "        a1 16 18 0f " T_REVOKED
	 "         a0 03"
	 "          02 01 01" /* <- */
	 "        " THIS_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TAG, 159},
	/* revocationReason [0] with nothing inside: the CRLReason is
	 * missing at the end of the [0], i.e. where thisUpdate starts. */
	{"reason_empty_tag",
	 "30 81 be 0a 01 00"
	 " a0 81 b8"
	 "  30 81 b5 " RESPONSE_TYPE
	 "   04 81 a7"
	 "    30 81 a4"
	 "     30 81 90 " BY_KEY
	 "      " PRODUCED_AT
	 "      30 65"
	 "       30 63 " CERT_ID
	 "        a1 13 18 0f " T_REVOKED
	 "         a0 00"
	            /* <- missing here */
	 "        " THIS_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TRUNCATED, 159},
	/* certStatus [3]: CertStatus is good [0], revoked [1] or unknown
	 * [2] (RFC 6960 4.2.1). */
	{"cert_status_tag_3",
	 "30 81 aa 0a 01 00"
	 " a0 81 a4"
	 "  30 81 a1 " RESPONSE_TYPE
	 "   04 81 93"
	 "    30 81 90"
	 "     30 7d " BY_KEY
	 "      " PRODUCED_AT
	 "      30 52"
	 "       30 50 " CERT_ID
	 "        83 00" /* <- */
	 "        " THIS_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TAG, 137},
	/* certStatus a0 00: good is [0] IMPLICIT NULL, primitive (80); the
	 * constructed form is another identifier (X.690 8.1.2.5). */
	{"cert_status_good_constructed",
	 "30 81 aa 0a 01 00"
	 " a0 81 a4"
	 "  30 81 a1 " RESPONSE_TYPE
	 "   04 81 93"
	 "    30 81 90"
	 "     30 7d " BY_KEY
	 "      " PRODUCED_AT
	 "      30 52"
	 "       30 50 " CERT_ID
	 "        a0 00" /* <- */
	 "        " THIS_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TAG, 137},
	/* certStatus 81 ...: revoked is [1] IMPLICIT RevokedInfo, a
	 * SEQUENCE, so constructed (a1). */
	{"cert_status_revoked_primitive",
	 "30 81 bc 0a 01 00"
	 " a0 81 b6"
	 "  30 81 b3 " RESPONSE_TYPE
	 "   04 81 a5"
	 "    30 81 a2"
	 "     30 81 8e " BY_KEY
	 "      " PRODUCED_AT
	 "      30 63"
	 "       30 61 " CERT_ID
	 "        81 11 18 0f 32 30 32 33 31" /* <- */
	 "          32 32 35 31 32 30 30 30 30 5a"
	 "        " THIS_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TAG, 138},
	/* certStatus left out: thisUpdate's GeneralizedTime sits where
	 * certStatus is expected. */
	{"cert_status_missing",
	 "30 81 a8 0a 01 00"
	 " a0 81 a2"
	 "  30 81 9f " RESPONSE_TYPE
	 "   04 81 91"
	 "    30 81 8e"
	 "     30 7b " BY_KEY
	 "      " PRODUCED_AT
	 "      30 50"
	 "       30 4e " CERT_ID
	 "        18 0f " T_THIS /* <- */
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TAG, 137},
	/* thisUpdate left out: the SingleResponse ends after certStatus,
	 * where signatureAlgorithm follows (the end of responses and of
	 * ResponseData). */
	{"this_update_missing",
	 "30 81 98 0a 01 00"
	 " a0 81 92"
	 "  30 81 8f " RESPONSE_TYPE
	 "   04 81 81"
	 "    30 7f"
	 "     30 6c " BY_KEY
	 "      " PRODUCED_AT
	 "      30 41"
	 "       30 3f " CERT_ID
	 "        " GOOD
	          /* <- missing here */
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TRUNCATED, 138},
	/* responderID [3]: ResponderID is byName [1] or byKey [2] (RFC
	 * 6960 4.2.1). */
	{"responder_id_3",
	 "30 81 aa 0a 01 00"
	 " a0 81 a4"
	 "  30 81 a1 " RESPONSE_TYPE
	 "   04 81 93"
	 "    30 81 90"
	 "     30 7d"
	 "      a3 16 04 14 " RESPONDER_KEY /* <- */
	 "      " PRODUCED_AT RESPONSES
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TAG, 31},
	/* responderID 82 14 ...: byKey is [2] EXPLICIT KeyHash (the module
	 * is EXPLICIT TAGS), so constructed a2 around an OCTET STRING. */
	{"responder_key_primitive",
	 "30 81 a8 0a 01 00"
	 " a0 81 a2"
	 "  30 81 9f " RESPONSE_TYPE
	 "   04 81 91"
	 "    30 81 8e"
	 "     30 7b"
	 "      82 14 " RESPONDER_KEY /* <- */
	 "      " PRODUCED_AT RESPONSES
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TAG, 31},
	/* byName whose Name holds an empty RDN (31 00):
	 * RelativeDistinguishedName is SET SIZE (1..MAX) (RFC 5280
	 * 4.1.2.4). Reported at the SET. */
	{"responder_name_empty_rdn",
	 "30 81 97 0a 01 00"
	 " a0 81 91"
	 "  30 81 8e " RESPONSE_TYPE
	 "   04 81 80"
	 "    30 7e"
	 "     30 6b"
	 "      a1 04"
	 "       30 02"
	 "        31 00" /* <- */
	 "      " PRODUCED_AT RESPONSES
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_EMPTY, 34},
	/* byName with the RDN {O=AB, CN=AB}: a SET OF is sorted (X.690
	 * 11.6), and CN's encoding (55 04 03) sorts before O's (55 04 0a).
	 * Reported at the second ATV, the first out of order. */
	{"responder_name_set_order",
	 "30 81 af 0a 01 00"
	 " a0 81 a9"
	 "  30 81 a6 " RESPONSE_TYPE
	 "   04 81 98"
	 "    30 81 95"
	 "     30 81 81"
	 "      a1 1a"
	 "       30 18"
	 "        31 16 30 09 06 03 55 04 0a 0c 02 41 42"
	 "         30 09 06 03 55 04 03 0c 02 41 42" /* <- */
	 "      " PRODUCED_AT RESPONSES
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_SET_ORDER, 49},
	/* byName with an AttributeTypeAndValue that ends after its type:
	 * value is missing (RFC 5280 4.1.2.4). Expected at the end of the
	 * ATV, which is where producedAt starts. */
	{"responder_name_atv_without_value",
	 "30 81 9f 0a 01 00"
	 " a0 81 99"
	 "  30 81 96 " RESPONSE_TYPE
	 "   04 81 88"
	 "    30 81 85"
	 "     30 72"
	 "      a1 0b"
	 "       30 09"
	 "        31 07"
	 "         30 05 06 03 55 04 03"
	            /* <- missing here */
	 "      " PRODUCED_AT RESPONSES
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TRUNCATED, 44},
	/* byName [1] holding an OCTET STRING: a Name is a SEQUENCE. */
	{"responder_name_not_name",
	 "30 81 aa 0a 01 00"
	 " a0 81 a4"
	 "  30 81 a1 " RESPONSE_TYPE
	 "   04 81 93"
	 "    30 81 90"
	 "     30 7d"
	 "      a1 16"
	 "       04 14 " RESPONDER_KEY /* <- */
	 "      " PRODUCED_AT RESPONSES
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TAG, 33},
	/* producedAt left out: responses sits where the GeneralizedTime is
	 * expected (RFC 6960 4.2.1). */
	{"produced_at_missing",
	 "30 81 98 0a 01 00"
	 " a0 81 92"
	 "  30 81 8f " RESPONSE_TYPE
	 "   04 81 81"
	 "    30 7f"
	 "     30 6c " BY_KEY
	 "      30 52 " SINGLE /* <- */
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TAG, 54},
	/* ResponseData ends after responderID: producedAt is missing at
	 * its end, where signatureAlgorithm follows. */
	{"produced_at_and_responses_missing",
	 "30 41 0a 01 00"
	 " a0 3c"
	 "  30 3a " RESPONSE_TYPE
	 "   04 2d"
	 "    30 2b"
	 "     30 18 " BY_KEY
	        /* <- missing here */
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TRUNCATED, 50},
	/* responseExtensions [1] with nothing inside: Extensions is
	 * missing at the end of the [1], where signatureAlgorithm follows.
	 * (An empty SEQUENCE inside is the leniency; no SEQUENCE is not.) */
	{"extensions_empty_tag",
	 "30 81 ac 0a 01 00"
	 " a0 81 a6"
	 "  30 81 a3 " RESPONSE_TYPE
	 "   04 81 95"
	 "    30 81 92"
	 "     30 7f " BY_KEY
	 "      " PRODUCED_AT RESPONSES
	 "      a1 00"
	         /* <- missing here */
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TRUNCATED, 158},
	/* An Extension with extnID only: extnValue is missing (RFC 5280
	 * 4.1), expected where signatureAlgorithm follows. */
	{"extension_without_value",
	 "30 81 bc 0a 01 00"
	 " a0 81 b6"
	 "  30 81 b3 " RESPONSE_TYPE
	 "   04 81 a5"
	 "    30 81 a2"
	 "     30 81 8e " BY_KEY
	 "      " PRODUCED_AT RESPONSES
	 "      a1 0f"
	 "       30 0d"
	 "        30 0b 06 09 " OID_OCSP_NONCE
	           /* <- missing here */
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_TRUNCATED, 174},
	/* Two nonce extensions in responseExtensions: RFC 5280 4.2, an
	 * extension appears at most once. Reported at the second one. */
	{"duplicate_extension",
	 "30 81 e1 0a 01 00"
	 " a0 81 db"
	 "  30 81 d8 " RESPONSE_TYPE
	 "   04 81 ca"
	 "    30 81 c7"
	 "     30 81 b3 " BY_KEY
	 "      " PRODUCED_AT RESPONSES
	 "      a1 34"
	 "       30 32 " NONCE_EXT
	 "        30 17" /* <- */
	 "         06 09 " OID_OCSP_NONCE
	 "         04 0a 04 08 01 02 03 04 05 06 07 08"
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_DUPLICATE_EXTENSION, 186},
	/* nonce, 1.2.3, nonce: the duplicate need not be adjacent. */
	{"duplicate_extension_apart",
	 "30 81 e9 0a 01 00"
	 " a0 81 e3"
	 "  30 81 e0 " RESPONSE_TYPE
	 "   04 81 d2"
	 "    30 81 cf"
	 "     30 81 bb " BY_KEY
	 "      " PRODUCED_AT RESPONSES
	 "      a1 3c"
	 "       30 3a " NONCE_EXT
	 "        30 06 06 02 2a 03 04 00"
	 "        30 17" /* <- */
	 "         06 09 " OID_OCSP_NONCE
	 "         04 0a 04 08 01 02 03 04 05 06 07 08"
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_DUPLICATE_EXTENSION, 194},
	/* Two CRL reason-code extensions (2.5.29.21) in singleExtensions
	 * (RFC 5280 4.2). */
	{"duplicate_single_extension",
	 "30 81 c7 0a 01 00"
	 " a0 81 c1"
	 "  30 81 be " RESPONSE_TYPE
	 "   04 81 b0"
	 "    30 81 ad"
	 "     30 81 99 " BY_KEY
	 "      " PRODUCED_AT
	 "      30 6e"
	 "       30 6c " CERT_ID
	 "        " GOOD THIS_UPDATE
	 "        a1 1a"
	 "         30 18 30 0a 06 03 55 1d 15 04 03 0a 01 01"
	 "          30 0a 06 03 55 1d 15 04 03 0a 01 01" /* <- */
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_ERR_DUPLICATE_EXTENSION, 173},
	/* Five certificates, the fifth an OCTET STRING: past
	 * STAPLE_MAX_CERTS a certificate is not kept but still checked
	 * (staple.h).  Reported at the fifth. */
	{"cert_past_limit_not_sequence",
	 "30 81 b8 0a 01 00"
	 " a0 81 b2"
	 "  30 81 af " RESPONSE_TYPE
	 "   04 81 a1"
	 "    30 81 9e " TBS
	 "     " SIG_ALG SIGNATURE
	 "     a0 0c"
	 "      30 0a 30 00"
	 "       30 00 30 00 30 00"
	 "       04 00", /* <- */
	 STAPLE_ERR_TAG, 185},
	/* certs holding an OCTET STRING: a Certificate is a SEQUENCE (RFC
	 * 5280 4.1). */
	{"cert_not_sequence",
	 "30 81 b0 0a 01 00"
	 " a0 81 aa"
	 "  30 81 a7 " RESPONSE_TYPE
	 "   04 81 99"
	 "    30 81 96 " TBS
	 "     " SIG_ALG SIGNATURE
	 "     a0 04"
	 "      30 02"
	 "       04 00", /* <- */
	 STAPLE_ERR_TAG, 177},
	/* certs [0] holding a SET: it is a SEQUENCE OF Certificate. */
	{"certs_set",
	 "30 81 b0 0a 01 00"
	 " a0 81 aa"
	 "  30 81 a7 " RESPONSE_TYPE
	 "   04 81 99"
	 "    30 81 96 " TBS
	 "     " SIG_ALG SIGNATURE
	 "     a0 04"
	 "      31 02 30 00", /* <- */
	 STAPLE_ERR_TAG, 175},
};

/*
 * Valid variants: BASE, the pieces the vectors above add to it, and the
 * two leniencies of staple.h, each with the bit it must set.
 */
struct valid_case {
	const char *name;
	const char *hex;
	int status;
	unsigned leniencies;
	size_t n_single;
	size_t n_certs;
	size_t unknown_critical;
};

/* Five certificates (30 00 each), from byte 177 on. */
#define CERTS_FIVE \
	"30 81 b8 0a 01 00" \
	" a0 81 b2" \
	"  30 81 af " RESPONSE_TYPE \
	"   04 81 a1" \
	"    30 81 9e " TBS \
	"     " SIG_ALG SIGNATURE \
	"     a0 0c 30 0a 30 00 30 00 30 00 30 00 30 00"

static const struct valid_case valid_cases[] = {
	/* The base vector itself. */
	{"base",
	 "30 81 aa 0a 01 00"
	 " a0 81 a4 30 81 a1 " RESPONSE_TYPE " 04 81 93 " BASIC,
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 0},

	/* Leniency: version [0] EXPLICIT INTEGER 0 (a0 03 02 01 00)
	 * written out although v1 is the DEFAULT (X.690 11.5). */
	{"lenient_explicit_version",
	 "30 81 b0 0a 01 00"
	 " a0 81 aa"
	 "  30 81 a7 " RESPONSE_TYPE
	 "   04 81 99"
	 "    30 81 96"
	 "     30 81 82 a0 03 02 01 00"
	 "      " BY_KEY PRODUCED_AT RESPONSES
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_RESPONSE_SUCCESSFUL, STAPLE_LENIENT_EXPLICIT_VERSION, 1, 0, 0},

	/* Leniency: responseExtensions a1 02 30 00, an empty Extensions
	 * (SIZE (1..MAX), RFC 5280 4.1). */
	{"lenient_empty_response_extensions",
	 "30 81 af 0a 01 00"
	 " a0 81 a9"
	 "  30 81 a6 " RESPONSE_TYPE
	 "   04 81 98"
	 "    30 81 95"
	 "     30 81 81 " BY_KEY
	 "      " PRODUCED_AT RESPONSES " a1 02 30 00"
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_RESPONSE_SUCCESSFUL, STAPLE_LENIENT_EMPTY_EXTENSIONS, 1, 0, 0},

	/* Leniency: singleExtensions a1 02 30 00. */
	{"lenient_empty_single_extensions",
	 "30 81 af 0a 01 00"
	 " a0 81 a9"
	 "  30 81 a6 " RESPONSE_TYPE
	 "   04 81 98"
	 "    30 81 95"
	 "     30 81 81 " BY_KEY
	 "      " PRODUCED_AT
	 "      30 56"
	 "       30 54 " CERT_ID GOOD THIS_UPDATE " a1 02 30 00"
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_RESPONSE_SUCCESSFUL, STAPLE_LENIENT_EMPTY_EXTENSIONS, 1, 0, 0},

	/* Both leniencies at once: both bits. */
	{"lenient_both",
	 "30 81 b4 0a 01 00"
	 " a0 81 ae"
	 "  30 81 ab " RESPONSE_TYPE
	 "   04 81 9d"
	 "    30 81 9a"
	 "     30 81 86 a0 03 02 01 00"
	 "      " BY_KEY PRODUCED_AT RESPONSES " a1 02 30 00"
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_RESPONSE_SUCCESSFUL, STAPLE_LENIENT_EXPLICIT_VERSION |
	     STAPLE_LENIENT_EMPTY_EXTENSIONS, 1, 0, 0},

	/* responseExtensions with a nonce (the extensions base). */
	{"nonce",
	 "30 81 c8 0a 01 00"
	 " a0 81 c2"
	 "  30 81 bf " RESPONSE_TYPE
	 "   04 81 b1"
	 "    30 81 ae"
	 "     30 81 9a " BY_KEY
	 "      " PRODUCED_AT RESPONSES " a1 1b 30 19 " NONCE_EXT
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 0},

	/* A critical nonce: critical TRUE is encoded as ff; staple
	 * understands the nonce, so it is not counted. */
	{"nonce_critical",
	 "30 81 cb 0a 01 00"
	 " a0 81 c5"
	 "  30 81 c2 " RESPONSE_TYPE
	 "   04 81 b4"
	 "    30 81 b1"
	 "     30 81 9d " BY_KEY
	 "      " PRODUCED_AT RESPONSES
	 "      a1 1e"
	 "       30 1c"
	 "        30 1a 06 09 " OID_OCSP_NONCE
	 "         01 01 ff 04 0a 04 08 01 02 03 04 05 06 07 08"
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 0},

	/* A critical extension 1.2.3 staple does not know: decoded and
	 * counted for the verifier to refuse. */
	{"unknown_critical",
	 "30 81 ba 0a 01 00"
	 " a0 81 b4"
	 "  30 81 b1 " RESPONSE_TYPE
	 "   04 81 a3"
	 "    30 81 a0"
	 "     30 81 8c " BY_KEY
	 "      " PRODUCED_AT RESPONSES
	 "      a1 0d 30 0b 30 09 06 02 2a 03 01 01 ff 04 00"
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 1},

	/* revoked with revocationReason keyCompromise and a nextUpdate
	 * (the revoked base). */
	{"revoked",
	 "30 81 d4 0a 01 00"
	 " a0 81 ce"
	 "  30 81 cb " RESPONSE_TYPE
	 "   04 81 bd"
	 "    30 81 ba"
	 "     30 81 a6 " BY_KEY
	 "      " PRODUCED_AT
	 "      30 7b"
	 "       30 79 " CERT_ID REVOKED THIS_UPDATE NEXT_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 0},

	/* revocationReason aACompromise (10), the last. */
	{"revoked_reason_10",
	 "30 81 c1 0a 01 00"
	 " a0 81 bb"
	 "  30 81 b8 " RESPONSE_TYPE
	 "   04 81 aa"
	 "    30 81 a7"
	 "     30 81 93 " BY_KEY
	 "      " PRODUCED_AT
	 "      30 68"
	 "       30 66 " CERT_ID
	 "        a1 16 18 0f " T_REVOKED " a0 03 0a 01 0a"
	 "        " THIS_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 0},

	/* revoked with no revocationReason. */
	{"revoked_without_reason",
	 "30 81 bc 0a 01 00"
	 " a0 81 b6"
	 "  30 81 b3 " RESPONSE_TYPE
	 "   04 81 a5"
	 "    30 81 a2"
	 "     30 81 8e " BY_KEY
	 "      " PRODUCED_AT
	 "      30 63"
	 "       30 61 " CERT_ID
	 "        a1 11 18 0f " T_REVOKED THIS_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 0},

	/* certStatus unknown (82 00). */
	{"unknown",
	 "30 81 aa 0a 01 00"
	 " a0 81 a4"
	 "  30 81 a1 " RESPONSE_TYPE
	 "   04 81 93"
	 "    30 81 90"
	 "     30 7d " BY_KEY
	 "      " PRODUCED_AT
	 "      30 52 30 50 " CERT_ID " 82 00 " THIS_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 0},

	/* Two SingleResponses. */
	{"two_singles",
	 "30 82 01 16 0a 01 00"
	 " a0 82 01 0f"
	 "  30 82 01 0b " RESPONSE_TYPE
	 "   04 81 fd"
	 "    30 81 fa"
	 "     30 81 e6 " BY_KEY
	 "      " PRODUCED_AT
	 "      30 81 ba " SINGLE
	 "       30 66 " CERT_ID REVOKED THIS_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 2, 0, 0},

	/* responderID byName CN=AB (the byName base). */
	{"by_name",
	 "30 81 a3 0a 01 00"
	 " a0 81 9d"
	 "  30 81 9a " RESPONSE_TYPE
	 "   04 81 8c"
	 "    30 81 89"
	 "     30 76 a1 0f " NAME_CN_AB PRODUCED_AT RESPONSES
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 0},

	/* SHA-1 hashAlgorithm without parameters: absent is as good as
	 * NULL (RFC 5754 2). */
	{"hash_parameters_absent",
	 "30 81 a8 0a 01 00"
	 " a0 81 a2"
	 "  30 81 9f " RESPONSE_TYPE
	 "   04 81 91"
	 "    30 81 8e"
	 "     30 7b " BY_KEY
	 "      " PRODUCED_AT
	 "      30 50"
	 "       30 4e"
	 "        30 39 30 07 06 05 " OID_SHA1
	 "         04 14 " NAME_HASH " 04 14 " KEY_HASH SERIAL
	 "        " GOOD THIS_UPDATE
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 0},

	/* signatureAlgorithm with NULL parameters. */
	{"signature_parameters_null",
	 "30 81 ac 0a 01 00"
	 " a0 81 a6"
	 "  30 81 a3 " RESPONSE_TYPE
	 "   04 81 95"
	 "    30 81 92 " TBS
	 "     30 0c 06 08 " OID_ECDSA_SHA256 " 05 00 " SIGNATURE,
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 0},

	/* producedAt 20240102030405.5Z: a fraction, no trailing zero. */
	{"produced_at_fraction",
	 "30 81 ac 0a 01 00"
	 " a0 81 a6"
	 "  30 81 a3 " RESPONSE_TYPE
	 "   04 81 95"
	 "    30 81 92"
	 "     30 7f " BY_KEY
	 "      18 11 32 30 32 34 30 31 30 32 30 33 30 34 30 35 2e 35 5a"
	 "      " RESPONSES
	 "     " SIG_ALG SIGNATURE,
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 0},

	/* Four certificates (30 00 each): STAPLE_MAX_CERTS by default (the
	 * certs base). */
	{"certs_four",
	 "30 81 b6 0a 01 00"
	 " a0 81 b0"
	 "  30 81 ad " RESPONSE_TYPE
	 "   04 81 9f"
	 "    30 81 9c " TBS
	 "     " SIG_ALG SIGNATURE
	 "     a0 0a 30 08 30 00 30 00 30 00 30 00",
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 4, 0},
	/* Five: one more than STAPLE_MAX_CERTS by default, not an error
	 * (test_cert_at reads the fifth). */
	{"certs_five",
	 CERTS_FIVE,
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 5, 0},

	/* certs present but empty. */
	{"certs_empty",
	 "30 81 ae 0a 01 00"
	 " a0 81 a8"
	 "  30 81 a5 " RESPONSE_TYPE
	 "   04 81 97"
	 "    30 81 94 " TBS SIG_ALG SIGNATURE " a0 02 30 00",
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 0},

	/* responseStatus 1 alone (RFC 6960 2.3). */
	{"status_1",
	 "30 03 0a 01 01",
	 STAPLE_RESPONSE_MALFORMED_REQUEST, 0, 0, 0, 0},

	/* responseStatus 2 alone (RFC 6960 2.3). */
	{"status_2",
	 "30 03 0a 01 02",
	 STAPLE_RESPONSE_INTERNAL_ERROR, 0, 0, 0, 0},

	/* responseStatus 3 alone (RFC 6960 2.3). */
	{"status_3",
	 "30 03 0a 01 03",
	 STAPLE_RESPONSE_TRY_LATER, 0, 0, 0, 0},

	/* responseStatus 5 alone (RFC 6960 2.3). */
	{"status_5",
	 "30 03 0a 01 05",
	 STAPLE_RESPONSE_SIG_REQUIRED, 0, 0, 0, 0},

	/* responseStatus 6 alone (RFC 6960 2.3). */
	{"status_6",
	 "30 03 0a 01 06",
	 STAPLE_RESPONSE_UNAUTHORIZED, 0, 0, 0, 0},
};

/* staple.h, OUTPUTS ON FAILURE: everything reset except error_offset. */
static void assert_reset(const struct staple_response *r, const char *name)
{
	size_t i;

	ck_assert_msg(r->status == STAPLE_RESPONSE_NONE, "%s: status %d", name,
	              (int)r->status);
	ck_assert_msg(r->n_single == 0, "%s: n_single %zu", name, r->n_single);
	ck_assert_msg(r->n_certs == 0, "%s: n_certs %zu", name, r->n_certs);
	ck_assert_msg(r->leniencies == 0 && r->unknown_critical == 0 &&
	                      r->version == 0 && r->produced_at == 0 &&
	                      r->responder == STAPLE_RESPONDER_NONE,
	              "%s: scalar fields not reset", name);
	ck_assert_msg(r->tbs.p == NULL && r->tbs.n == 0, "%s: tbs", name);
	ck_assert_msg(r->responder_id.p == NULL && r->responses.p == NULL &&
	                      r->extensions.p == NULL && r->nonce.p == NULL,
	              "%s: ResponseData slices not reset", name);
	ck_assert_msg(r->sig_oid.p == NULL && r->sig_params.p == NULL &&
	                      r->signature.p == NULL && r->signature.n == 0,
	              "%s: signature slices not reset", name);
	ck_assert_msg(r->cert_list.p == NULL && r->cert_list.n == 0,
	              "%s: cert_list not reset", name);
	for (i = 0; i < STAPLE_MAX_SINGLE; i++) {
		const struct staple_single *s = &r->single[i];
		ck_assert_msg(s->cert_status == STAPLE_OCSP_STATUS_UNKNOWN &&
		                      s->reason == STAPLE_OCSP_REASON_NONE &&
		                      s->serial.p == NULL &&
		                      s->hash_oid.p == NULL,
		              "%s: single[%zu] not reset", name, i);
		ck_assert_msg(s->this_update == 0 && s->revoked_at == 0 &&
		                      s->has_next_update == 0,
		              "%s: single[%zu] times not reset", name, i);
	}
	for (i = 0; i < STAPLE_MAX_CERTS; i++)
		ck_assert_msg(r->certs[i].p == NULL && r->certs[i].n == 0,
		              "%s: certs[%zu] not reset", name, i);
}

START_TEST(test_negative)
{
	const struct negative_case *c = &negative_cases[_i];
	struct staple_response r;
	size_t len, at;
	uint8_t *buf = test_hex(c->hex, &len);
	int err;

	memset(&r, 0xa5, sizeof r); /* garbage: the decoder must reset it */
	err = staple_decode(&r, buf, len);
	at = staple_error_offset(&r);
	ck_assert_msg(err == c->err && at == c->offset,
	              "%s: got %s at %zu, want %s at %zu", c->name,
	              staple_errname(err), at, staple_errname(c->err),
	              c->offset);
	/* staple.h: "always less than the input length unless the input
	 * was empty" */
	ck_assert(len == 0 ? at == 0 : at < len);
	assert_reset(&r, c->name);
	free(buf);
}
END_TEST

START_TEST(test_valid)
{
	const struct valid_case *c = &valid_cases[_i];
	struct staple_response r;
	size_t len;
	uint8_t *buf = test_hex(c->hex, &len);
	int err;

	memset(&r, 0xa5, sizeof r);
	err = staple_decode(&r, buf, len);
	ck_assert_msg(err == STAPLE_OK, "%s: got %s at %zu", c->name,
	              staple_errname(err), staple_error_offset(&r));
	ck_assert_uint_eq(staple_error_offset(&r), 0);
	ck_assert_int_eq(r.status, c->status);
	ck_assert_msg(r.leniencies == c->leniencies, "%s: leniencies %#x, "
	              "want %#x", c->name, r.leniencies, c->leniencies);
	ck_assert_uint_eq(r.n_single, c->n_single);
	ck_assert_uint_eq(r.n_certs, c->n_certs);
	ck_assert_uint_eq(r.unknown_critical, c->unknown_critical);
	free(buf);
}
END_TEST

/*
 * Every certificate is reachable, also past STAPLE_MAX_CERTS: the fifth
 * of CERTS_FIVE comes from cert_list, the others from certs[].
 */
START_TEST(test_cert_at)
{
	struct staple_response r;
	struct staple_slice cert;
	size_t len, i;
	uint8_t *buf = test_hex(CERTS_FIVE, &len);
	const uint8_t *first = buf + 177; /* the first 30 00 */

	ck_assert_int_eq(staple_decode(&r, buf, len), STAPLE_OK);
	ck_assert_uint_eq(r.n_certs, 5);
	ck_assert_ptr_eq(r.cert_list.p, first);
	ck_assert_uint_eq(r.cert_list.n, 10);
	for (i = 0; i < 5; i++) {
		ck_assert_int_eq(staple_cert_at(&r, i, &cert), STAPLE_OK);
		ck_assert_ptr_eq(cert.p, first + 2 * i);
		ck_assert_uint_eq(cert.n, 2);
		if (i < STAPLE_MAX_CERTS)
			ck_assert_ptr_eq(r.certs[i].p, cert.p);
	}
	cert.p = buf;
	ck_assert_int_eq(staple_cert_at(&r, 5, &cert), STAPLE_ERR_RANGE);
	ck_assert_ptr_null(cert.p);
	ck_assert_uint_eq(cert.n, 0);
	ck_assert_int_eq(staple_cert_at(NULL, 0, &cert), STAPLE_ERR_ARGUMENT);
	ck_assert_int_eq(staple_cert_at(&r, 0, NULL), STAPLE_ERR_ARGUMENT);
	/* a failed decode leaves nothing to read */
	ck_assert_int_ne(staple_decode(&r, buf, len - 1), STAPLE_OK);
	ck_assert_int_eq(staple_cert_at(&r, 0, &cert), STAPLE_ERR_ARGUMENT);
	free(buf);
}
END_TEST

/* BASE decodes to what its annotation says: the offsets above are real. */
START_TEST(test_base_fields)
{
	static const uint8_t sig[] = {0xab, 0xcd};
	struct staple_response r;
	const struct staple_single *s = &r.single[0];
	size_t len;
	uint8_t *buf = test_hex(BASE, &len);

	ck_assert_uint_eq(len, 173);
	ck_assert_int_eq(staple_decode(&r, buf, len), STAPLE_OK);
	ck_assert_int_eq(r.status, STAPLE_RESPONSE_SUCCESSFUL);
	ck_assert_uint_eq(r.leniencies, 0);
	ck_assert_int_eq(r.version, 1);
	ck_assert_ptr_eq(r.tbs.p, buf + 29);
	ck_assert_uint_eq(r.tbs.n, 127);
	ck_assert_int_eq(r.responder, STAPLE_RESPONDER_BY_KEY);
	ck_assert_ptr_eq(r.responder_id.p, buf + 35);
	ck_assert_uint_eq(r.responder_id.n, 20);
	ck_assert_int_eq(r.produced_at, INT64_C(1704164645000));
	ck_assert_ptr_eq(r.responses.p, buf + 74);
	ck_assert_uint_eq(r.responses.n, 82);
	ck_assert_uint_eq(r.n_single, 1);
	ck_assert_int_eq(s->hash, STAPLE_HASH_SHA1);
	ck_assert_ptr_eq(s->hash_oid.p, buf + 82);
	ck_assert_uint_eq(s->hash_oid.n, 5);
	ck_assert_ptr_eq(s->issuer_name_hash.p, buf + 91);
	ck_assert_uint_eq(s->issuer_name_hash.n, 20);
	ck_assert_ptr_eq(s->issuer_key_hash.p, buf + 113);
	ck_assert_uint_eq(s->issuer_key_hash.n, 20);
	ck_assert_ptr_eq(s->serial.p, buf + 135);
	ck_assert_uint_eq(s->serial.n, 2);
	ck_assert_int_eq(s->cert_status, STAPLE_OCSP_STATUS_GOOD);
	ck_assert_int_eq(s->reason, STAPLE_OCSP_REASON_NONE);
	ck_assert_int_eq(s->this_update, INT64_C(1704153600000));
	ck_assert_int_eq(s->has_next_update, 0);
	ck_assert_int_eq(s->next_update, 0);
	ck_assert_uint_eq(s->extensions.n, 0);
	ck_assert_ptr_null(r.extensions.p);
	ck_assert_ptr_null(r.nonce.p);
	ck_assert_ptr_eq(r.sig_oid.p, buf + 160);
	ck_assert_uint_eq(r.sig_oid.n, 8);
	ck_assert_ptr_null(r.sig_params.p);
	ck_assert_uint_eq(r.signature.n, 2);
	ck_assert_mem_eq(r.signature.p, sig, 2);
	ck_assert_ptr_eq(r.signature.p, buf + 171);
	ck_assert_uint_eq(r.n_certs, 0);
	free(buf);
}
END_TEST

/* The nonce is the extnValue's contents: here an OCTET STRING of 8. */
START_TEST(test_nonce)
{
	static const uint8_t nonce[] = {0x04, 0x08, 1, 2, 3, 4, 5, 6, 7, 8};
	struct staple_response r;
	size_t len;
	uint8_t *buf = test_hex("30 81 c8 0a 01 00 a0 81 c2 30 81 bf "
	                        RESPONSE_TYPE " 04 81 b1 30 81 ae"
	                        " 30 81 9a " BY_KEY PRODUCED_AT RESPONSES
	                        " a1 1b 30 19 " NONCE_EXT SIG_ALG SIGNATURE,
	                        &len);

	ck_assert_int_eq(staple_decode(&r, buf, len), STAPLE_OK);
	ck_assert_uint_eq(r.nonce.n, sizeof nonce);
	ck_assert_mem_eq(r.nonce.p, nonce, sizeof nonce);
	ck_assert_uint_gt(r.extensions.n, 0);
	ck_assert_uint_eq(r.unknown_critical, 0);
	free(buf);
}
END_TEST

/* A failure after a success resets what the success filled in. */
START_TEST(test_reset_after_success)
{
	struct staple_response r;
	size_t len, bad_len;
	uint8_t *buf = test_hex(BASE, &len);
	uint8_t *bad = test_hex(BASE "00", &bad_len);

	ck_assert_int_eq(staple_decode(&r, buf, len), STAPLE_OK);
	ck_assert_int_eq(staple_decode(&r, bad, bad_len),
	                 STAPLE_ERR_TRAILING_DATA);
	ck_assert_uint_eq(staple_error_offset(&r), 173);
	assert_reset(&r, "after success");
	free(buf);
	free(bad);
}
END_TEST

START_TEST(test_arguments)
{
	struct staple_response r;
	size_t len;
	uint8_t *buf = test_hex(BASE, &len);

	ck_assert_int_eq(staple_decode(NULL, buf, len), STAPLE_ERR_ARGUMENT);
	memset(&r, 0xa5, sizeof r);
	ck_assert_int_eq(staple_decode(&r, NULL, len), STAPLE_ERR_ARGUMENT);
	assert_reset(&r, "NULL input");
	/* An empty input may come as NULL: it is still just empty. */
	memset(&r, 0xa5, sizeof r);
	ck_assert_int_eq(staple_decode(&r, NULL, 0), STAPLE_ERR_TRUNCATED);
	ck_assert_uint_eq(staple_error_offset(&r), 0);
	assert_reset(&r, "NULL, 0");
	free(buf);
}
END_TEST

#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

Suite *negative_suite(void)
{
	Suite *s = suite_create("negative");
	TCase *tc;

	tc = tcase_create("invalid");
	tcase_add_loop_test(tc, test_negative, 0, N_OF(negative_cases));
	tcase_add_test(tc, test_reset_after_success);
	tcase_add_test(tc, test_arguments);
	suite_add_tcase(s, tc);

	tc = tcase_create("valid");
	tcase_add_loop_test(tc, test_valid, 0, N_OF(valid_cases));
	tcase_add_test(tc, test_base_fields);
	tcase_add_test(tc, test_cert_at);
	tcase_add_test(tc, test_nonce);
	suite_add_tcase(s, tc);

	return s;
}
