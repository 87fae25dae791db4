/*
 * test_negative.c -- whole OCSPResponses that staple_decode() must refuse,
 * one vector per rule, each with its exact error code and offset.
 *
 * Every vector is the small valid response BASE (base_response.h lists
 * its parts) with one thing changed: a row names the part it changes,
 * how, and the change as a der_build.h template, whose lengths the
 * builder computes; the comment above says what changed and which clause
 * it breaks.  The error must be reported where the change landed in the
 * input: the changed part, the inserted bytes, where a part was left out,
 * or the "@" of the template; or where a part named with AT() begins.
 * That is staple_error_offset() (staple.h): the first byte of the
 * element found wrong, the first trailing byte, or where a missing
 * element was expected (clamped to the last byte when that is the end of
 * the input).
 * Content checks (time digits, CRLReason, version, ...) report the tag of
 * the element whose value is wrong.
 *
 * Each decode starts from an output struct full of garbage and checks
 * that a failure leaves it reset ("OUTPUTS ON FAILURE" in staple.h).
 * The vectors run in exact-size heap buffers (der_build), so an overread
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
	struct der_edit edit[DER_MAX_EDITS]; /* what BASE gets */
	int err; /* the exact error, where der_build() says */
};

/* The CRL reason-code extension (2.5.29.21), keyCompromise. */
#define CRL_REASON_EXT "30{06{55 1d 15} 04{0a 01 01}}"

static const struct negative_case negative_cases[] = {
	/* ---- length octets ---- */

	/* The OCSPResponse SEQUENCE in the indefinite form (length octet
	 * 80, contents closed by 00 00): X.690 10.1, DER uses the definite
	 * form. */
	{"indefinite_length",
	 {LENGTH("OCSPResponse", "80"), AFTER("OCSPResponse", "00 00")},
	 STAPLE_ERR_INDEFINITE_LENGTH},
	/* responseStatus with length 81 01: a length below 128 takes the
	 * short form (X.690 10.1, the fewest octets). */
	{"length_long_form_below_128",
	 {LENGTH("responseStatus", "81 01")},
	 STAPLE_ERR_NONMINIMAL_LENGTH},
	/* The OCSPResponse length as 82 00 aa: a leading zero length octet
	 * (X.690 10.1; 81 aa is the fewest octets). */
	{"length_leading_zero",
	 {LENGTH("OCSPResponse", "82 00 aa")},
	 STAPLE_ERR_NONMINIMAL_LENGTH},
	/* The length of ResponseBytes.response in five octets (85 00 00 00
	 * 00 93): more than staple's 4 (staple.h STRICTNESS), and not
	 * minimal either; the count octet comes first, so LONG_LENGTH. */
	{"length_five_octets",
	 {LENGTH("response", "85 00 00 00 00 93")},
	 STAPLE_ERR_LONG_LENGTH},
	/* ResponseBytes.response says 148 octets (81 94) where its
	 * SEQUENCE holds 147: an element longer than what contains it
	 * (X.690 8.1.1). */
	{"length_past_container",
	 {LENGTH("response", "81 94")},
	 STAPLE_ERR_TRUNCATED},
	/* The base vector without its last byte: the OCSPResponse says 170
	 * octets of contents, 169 follow (X.690 8.1.1). Every enclosing
	 * element is too long; the outermost is found first. */
	{"truncated_last_byte",
	 {CUT_LAST("OCSPResponse")},
	 STAPLE_ERR_TRUNCATED},
	/* Empty input: no OCSPResponse at all. */
	{"truncated_empty",
	 {INPUT("")},
	 STAPLE_ERR_TRUNCATED},
	/* The identifier octet alone, without a length (X.690 8.1.1). */
	{"truncated_tag_only",
	 {INPUT("30")},
	 STAPLE_ERR_TRUNCATED},
	/* Long-form length 81 with its length octet missing. */
	{"truncated_in_length",
	 {INPUT("30 81")},
	 STAPLE_ERR_TRUNCATED},

	/* ---- identifier octets ---- */

	/* responseStatus with identifier octets 1f 0a: the high-tag-number
	 * form (X.690 8.1.2.4); staple takes one-octet tags, and tag 10
	 * must use the low form anyway. */
	{"tag_high_number_form",
	 {TAG("responseStatus", "1f 0a")},
	 STAPLE_ERR_TAG},
	/* OCSPResponse as a SET (31): RFC 6960 4.2.1 says SEQUENCE. */
	{"tag_outer_set",
	 {TAG("OCSPResponse", "31")},
	 STAPLE_ERR_TAG},
	/* responseStatus as INTEGER (02): OCSPResponseStatus is ENUMERATED
	 * (RFC 6960 4.2.1), universal tag 10. */
	{"tag_status_integer",
	 {TAG("responseStatus", "02")},
	 STAPLE_ERR_TAG},
	/* ResponseBytes.response holds the BasicOCSPResponse directly
	 * instead of inside an OCTET STRING (RFC 6960 4.2.1). */
	{"tag_response_not_octet_string",
	 {UNWRAP("response")},
	 STAPLE_ERR_TAG},
	/* The BasicOCSPResponse inside the OCTET STRING is a SET (31), not
	 * a SEQUENCE (RFC 6960 4.2.1). */
	{"tag_basic_set",
	 {TAG("BasicOCSPResponse", "31")},
	 STAPLE_ERR_TAG},
	/* signature as OCTET STRING (04): it is a BIT STRING (RFC 6960
	 * 4.2.1). */
	{"tag_signature_octet_string",
	 {REPLACE("signature", "04{ab cd}")},
	 STAPLE_ERR_TAG},

	/* ---- INTEGER (X.690 8.3) ---- */

	/* serialNumber 02 03 00 10 01: the first nine bits are zero, 00 is
	 * redundant (X.690 8.3.2). */
	{"integer_serial_leading_zero",
	 {CONTENTS("serialNumber", "00 10 01")},
	 STAPLE_ERR_INTEGER},
	/* serialNumber 02 02 ff 80: the first nine bits are one, ff is
	 * redundant (X.690 8.3.2). */
	{"integer_serial_leading_ff",
	 {CONTENTS("serialNumber", "ff 80")},
	 STAPLE_ERR_INTEGER},
	/* serialNumber 02 00: an INTEGER has at least one contents octet
	 * (X.690 8.3.1). */
	{"integer_serial_empty",
	 {CONTENTS("serialNumber", "")},
	 STAPLE_ERR_INTEGER},
	/* responseStatus 0a 02 00 00: ENUMERATED is encoded as an INTEGER
	 * (X.690 8.4), so 8.3.2 applies. */
	{"integer_status_leading_zero",
	 {CONTENTS("responseStatus", "00 00")},
	 STAPLE_ERR_INTEGER},
	/* responseStatus 0a 00: no contents octet (X.690 8.4, 8.3.1). */
	{"integer_status_empty",
	 {CONTENTS("responseStatus", "")},
	 STAPLE_ERR_INTEGER},

	/* ---- BOOLEAN, DEFAULT, NULL ---- */

	/* A nonce extension with critical 01 01 01: DER encodes TRUE as ff
	 * (X.690 11.1). */
	{"boolean_critical_01",
	 {AFTER("responses", "a1{30{30{" NONCE_ID " @01 01 01 " NONCE_VALUE
	                     "}}}")},
	 STAPLE_ERR_BOOLEAN},
	/* critical 01 02 00 ff: a BOOLEAN is one octet (X.690 8.2.1). */
	{"boolean_critical_two_octets",
	 {AFTER("responses", "a1{30{30{" NONCE_ID " @01 02 00 ff "
	                     NONCE_VALUE "}}}")},
	 STAPLE_ERR_BOOLEAN},
	/* critical FALSE (01 01 00) written out: it is the DEFAULT of
	 * Extension.critical (RFC 5280 4.1), and DER never encodes a
	 * DEFAULT value (X.690 11.5). */
	{"default_critical_false",
	 {AFTER("responses", "a1{30{30{" NONCE_ID " @01 01 00 " NONCE_VALUE
	                     "}}}")},
	 STAPLE_ERR_ENCODED_DEFAULT},
	/* certStatus good as 80 01 00: good is [0] IMPLICIT NULL (RFC 6960
	 * 4.2.1), and a NULL has no contents octets (X.690 8.8.2). */
	{"null_good_with_contents",
	 {CONTENTS("certStatus", "00")},
	 STAPLE_ERR_NULL},
	/* certStatus unknown as 82 01 00: UnknownInfo ::= NULL (RFC 6960
	 * 4.2.1), no contents octets (X.690 8.8.2). */
	{"null_unknown_with_contents",
	 {REPLACE("certStatus", "82 01 00")},
	 STAPLE_ERR_NULL},
	/* SHA-1 parameters 05 01 00: the parameters are NULL (RFC 3279
	 * 2.1), which has no contents octets (X.690 8.8.2). */
	{"null_hash_parameters_with_contents",
	 {CONTENTS("hashAlgorithm.parameters", "00")},
	 STAPLE_ERR_NULL},

	/* ---- BIT STRING ---- */

	/* signature 03 00: a BIT STRING always has its initial octet
	 * (X.690 8.6.2). */
	{"bit_string_empty",
	 {CONTENTS("signature", "")},
	 STAPLE_ERR_BIT_STRING},
	/* signature 03 03 01 ab cd: one unused bit, and it is 1 (cd ends
	 * in 1); DER pads with zero bits (X.690 11.2.1). */
	{"bit_string_padding_set",
	 {CONTENTS("signature", "01 ab cd")},
	 STAPLE_ERR_BIT_STRING},
	/* signature 03 03 08 ab 00: 8 unused bits; the initial octet is 0
	 * to 7 (X.690 8.6.2.2). */
	{"bit_string_unused_8",
	 {CONTENTS("signature", "08 ab 00")},
	 STAPLE_ERR_BIT_STRING},
	/* signature 03 01 04: unused bits but no bits; then the initial
	 * octet is 0 (X.690 8.6.2.3). */
	{"bit_string_unused_without_bits",
	 {CONTENTS("signature", "04")},
	 STAPLE_ERR_BIT_STRING},
	/* signature 03 03 04 ab c0: valid DER, but a signature is whole
	 * octets (staple.h: staple_response.signature has no unused-bits
	 * octet, "whole octets only"), so it cannot be represented. */
	{"bit_string_signature_partial_octet",
	 {CONTENTS("signature", "04 ab c0")},
	 STAPLE_ERR_BIT_STRING},

	/* ---- OBJECT IDENTIFIER ---- */

	/* responseType 2b 06 01 05 05 07 30 01 80 01: the last
	 * sub-identifier starts with 80, a padding octet (X.690 8.19.2). */
	{"oid_response_type_padded",
	 {CONTENTS("responseType", "2b 06 01 05 05 07 30 01 80 01")},
	 STAPLE_ERR_OID},
	/* signatureAlgorithm 06 00: no sub-identifier at all (X.690
	 * 8.19.2). */
	{"oid_signature_algorithm_empty",
	 {CONTENTS("signatureAlgorithm.algorithm", "")},
	 STAPLE_ERR_OID},
	/* hashAlgorithm 2b 0e 03 02 9a: the last octet has bit 8 set, so
	 * the last sub-identifier never ends (X.690 8.19.2). */
	{"oid_hash_unterminated",
	 {CONTENTS("hashAlgorithm.algorithm", "2b 0e 03 02 9a")},
	 STAPLE_ERR_OID},

	/* ---- GeneralizedTime (X.690 11.7, RFC 5280 4.1.2.5.2) ---- */

	/* producedAt as UTCTime 240102030405Z: RFC 6960 4.2.1 says
	 * GeneralizedTime. */
	{"time_produced_utctime",
	 {REPLACE("producedAt", "17{32 34 30 31 30 32 30 33 30 34 30 35 5a}")},
	 STAPLE_ERR_TAG},
	/* producedAt 2024010203:405Z: ':' (one past '9') in the minutes. */
	{"time_produced_bad_digit",
	 {CONTENTS("producedAt",
	           "32 30 32 34 30 31 30 32 30 33 3a 34 30 35 5a")},
	 STAPLE_ERR_TIME},
	/* producedAt 20240102030405.50Z: the fraction ends in 0 (X.690
	 * 11.7.3). */
	{"time_produced_fraction_trailing_zero",
	 {CONTENTS("producedAt",
	           "32 30 32 34 30 31 30 32 30 33 30 34 30 35 2e 35 30 5a")},
	 STAPLE_ERR_TIME},
	/* producedAt 20240102030405,5Z: the decimal mark is a full stop in
	 * DER (X.690 11.7.4). */
	{"time_produced_fraction_comma",
	 {CONTENTS("producedAt",
	           "32 30 32 34 30 31 30 32 30 33 30 34 30 35 2c 35 5a")},
	 STAPLE_ERR_TIME},
	/* producedAt 20240102030405+0000: a time zone offset instead of Z
	 * (X.690 11.7.1; RFC 5280 4.1.2.5.2 requires Z). */
	{"time_produced_offset",
	 {CONTENTS("producedAt",
	           "32 30 32 34 30 31 30 32 30 33 30 34 30 35 2b 30 30 30 30")},
	 STAPLE_ERR_TIME},
	/* thisUpdate 20240102000000 without Z: local time (X.690 11.7.1). */
	{"time_this_update_local",
	 {CONTENTS("thisUpdate", "32 30 32 34 30 31 30 32 30 30 30 30 30 30")},
	 STAPLE_ERR_TIME},
	/* thisUpdate 20240230000000Z: there is no 30 February. */
	{"time_this_update_february_30",
	 {CONTENTS("thisUpdate",
	           "32 30 32 34 30 32 33 30 30 30 30 30 30 30 5a")},
	 STAPLE_ERR_TIME},
	/* thisUpdate 202401020000Z: seconds are always present (RFC 5280
	 * 4.1.2.5.2). */
	{"time_this_update_no_seconds",
	 {CONTENTS("thisUpdate", "32 30 32 34 30 31 30 32 30 30 30 30 5a")},
	 STAPLE_ERR_TIME},
	/* revocationTime 20231225235960Z: second 60 (staple.h: a leap
	 * second is rejected). */
	{"time_revocation_leap_second",
	 {REPLACE("certStatus",
	          "a1{@18{32 30 32 33 31 32 32 35 32 33 35 39 36 30 5a}"
	          " a0{0a 01 01}}")},
	 STAPLE_ERR_TIME},
	/* nextUpdate 20240109000000.Z: a full stop with no digit after it
	 * (X.690 11.7.3). */
	{"time_next_update_empty_fraction",
	 {AFTER("thisUpdate",
	        "a0{@18{32 30 32 34 30 31 30 39 30 30 30 30 30 30 2e 5a}}")},
	 STAPLE_ERR_TIME},
	/* nextUpdate [0] holding a UTCTime: RFC 6960 4.2.1 says
	 * GeneralizedTime. */
	{"time_next_update_utctime",
	 {AFTER("thisUpdate",
	        "a0{@17{32 34 30 31 30 39 30 30 30 30 30 30 5a}}")},
	 STAPLE_ERR_TAG},

	/* ---- trailing data (X.690 8.1.1) ---- */

	/* One octet after the OCSPResponse: the input is exactly one
	 * OCSPResponse (staple.h, staple_decode). */
	{"trailing_after_response_byte",
	 {AFTER("OCSPResponse", "00")},
	 STAPLE_ERR_TRAILING_DATA},
	/* A second OCSPResponse (tryLater) after the first. */
	{"trailing_after_response_element",
	 {AFTER("OCSPResponse", "30{0a 01 03}")},
	 STAPLE_ERR_TRAILING_DATA},
	/* 05 00 after responseBytes inside OCSPResponse. */
	{"trailing_in_ocsp_response",
	 {AFTER("responseBytes", "05 00")},
	 STAPLE_ERR_TRAILING_DATA},
	/* 05 00 after ResponseBytes inside its [0] EXPLICIT tag, which
	 * holds exactly one element (X.690 8.14). */
	{"trailing_in_response_bytes_tag",
	 {AFTER("ResponseBytes", "05 00")},
	 STAPLE_ERR_TRAILING_DATA},
	/* 05 00 after response inside ResponseBytes. */
	{"trailing_in_response_bytes",
	 {AFTER("response", "05 00")},
	 STAPLE_ERR_TRAILING_DATA},
	/* 05 00 after the BasicOCSPResponse inside the OCTET STRING, which
	 * holds exactly one DER BasicOCSPResponse (RFC 6960 4.2.1). */
	{"trailing_in_octet_string",
	 {AFTER("BasicOCSPResponse", "05 00")},
	 STAPLE_ERR_TRAILING_DATA},
	/* 05 00 after signature inside BasicOCSPResponse (and not certs'
	 * [0]). */
	{"trailing_in_basic",
	 {AFTER("signature", "05 00")},
	 STAPLE_ERR_TRAILING_DATA},
	/* 05 00 after the SEQUENCE OF Certificate inside certs' [0]. */
	{"trailing_in_certs_tag",
	 {AFTER("signature", "a0{30{30 00} @05 00}")},
	 STAPLE_ERR_TRAILING_DATA},
	/* 05 00 after responses inside ResponseData (and not
	 * responseExtensions' [1]). */
	{"trailing_in_response_data",
	 {AFTER("responses", "05 00")},
	 STAPLE_ERR_TRAILING_DATA},
	/* 05 00 after the INTEGER inside version's [0] (explicit v1, the
	 * leniency). */
	{"trailing_in_version_tag",
	 {BEFORE("responderID", "a0{02 01 00 @05 00}")},
	 STAPLE_ERR_TRAILING_DATA},
	/* 05 00 after the KeyHash inside byKey's [2]. */
	{"trailing_in_responder_key",
	 {AFTER("KeyHash", "05 00")},
	 STAPLE_ERR_TRAILING_DATA},
	/* 05 00 after the Name inside byName's [1]. */
	{"trailing_in_responder_name",
	 {REPLACE("responderID", "a1{" NAME_CN_AB " @05 00}")},
	 STAPLE_ERR_TRAILING_DATA},
	/* 05 00 after the SingleResponse inside responses: every element
	 * of a SEQUENCE OF SingleResponse is a SEQUENCE, so this is a
	 * wrong tag rather than trailing data. */
	{"trailing_in_responses",
	 {AFTER("SingleResponse", "05 00")},
	 STAPLE_ERR_TAG},
	/* 05 00 after thisUpdate inside SingleResponse. */
	{"trailing_in_single",
	 {AFTER("thisUpdate", "05 00")},
	 STAPLE_ERR_TRAILING_DATA},
	/* 05 00 after serialNumber inside CertID. */
	{"trailing_in_cert_id",
	 {AFTER("serialNumber", "05 00")},
	 STAPLE_ERR_TRAILING_DATA},
	/* A second 05 00 after the NULL parameters inside hashAlgorithm:
	 * AlgorithmIdentifier has two components (RFC 5280 4.1.1.2). */
	{"trailing_in_hash_algorithm",
	 {AFTER("hashAlgorithm.parameters", "05 00")},
	 STAPLE_ERR_TRAILING_DATA},
	/* 05 00 05 00 after the OID of signatureAlgorithm: the first is
	 * its parameters, the second is left over. */
	{"trailing_in_signature_algorithm",
	 {AFTER("signatureAlgorithm.algorithm", "05 00 @05 00")},
	 STAPLE_ERR_TRAILING_DATA},
	/* 05 00 after revocationReason inside RevokedInfo. */
	{"trailing_in_revoked_info",
	 {REPLACE("certStatus", REVOKED_WITH("a0{0a 01 01} @05 00"))},
	 STAPLE_ERR_TRAILING_DATA},
	/* 05 00 after the CRLReason inside revocationReason's [0]. */
	{"trailing_in_reason_tag",
	 {REPLACE("certStatus", REVOKED_WITH("a0{0a 01 01 @05 00}"))},
	 STAPLE_ERR_TRAILING_DATA},
	/* 05 00 after the GeneralizedTime inside nextUpdate's [0]. */
	{"trailing_in_next_update_tag",
	 {AFTER("thisUpdate", "a0{18{" T_NEXT "} @05 00}")},
	 STAPLE_ERR_TRAILING_DATA},
	/* 05 00 after Extensions inside responseExtensions' [1]. */
	{"trailing_in_extensions_tag",
	 {AFTER("responses", "a1{30{" NONCE_EXT "} @05 00}")},
	 STAPLE_ERR_TRAILING_DATA},
	/* 05 00 after extnValue inside Extension. */
	{"trailing_in_extension",
	 {AFTER("responses",
	        "a1{30{30{" NONCE_ID " " NONCE_VALUE " @05 00}}}")},
	 STAPLE_ERR_TRAILING_DATA},

	/* ---- RFC 6960 structure ---- */

	/* responseStatus 4: the value is not used (RFC 6960 4.2.1). */
	{"status_4",
	 {INPUT("30{@0a 01 04}")},
	 STAPLE_ERR_RESPONSE_STATUS},
	/* responseStatus 7: beyond the last defined value, unauthorized
	 * (6). */
	{"status_7",
	 {INPUT("30{@0a 01 07}")},
	 STAPLE_ERR_RESPONSE_STATUS},
	/* responseStatus -1 (0a 01 ff): minimal, but not a defined value. */
	{"status_negative",
	 {INPUT("30{@0a 01 ff}")},
	 STAPLE_ERR_RESPONSE_STATUS},
	/* The base vector with responseStatus 4: the status is wrong
	 * before anything is said about responseBytes. */
	{"status_4_with_bytes",
	 {CONTENTS("responseStatus", "04")},
	 STAPLE_ERR_RESPONSE_STATUS},
	/* successful without responseBytes (RFC 6960 2.3, 4.2.1: a
	 * successful response carries them). Expected at the end of the
	 * input, so the offset is clamped to its last byte. */
	{"successful_without_bytes",
	 {REMOVE("responseBytes")},
	 STAPLE_ERR_MISSING},
	/* successful with an empty [0]: ResponseBytes is missing at the
	 * end of its tag, the end of the input, clamped to its last
	 * byte. */
	{"successful_empty_bytes_tag",
	 {REMOVE("ResponseBytes")},
	 STAPLE_ERR_TRUNCATED},
	/* tryLater with responseBytes: RFC 6960 2.3, error responses are
	 * not signed and carry none. */
	{"try_later_with_bytes",
	 {CONTENTS("responseStatus", "03"), AT("responseBytes")},
	 STAPLE_ERR_UNEXPECTED},
	/* sigRequired (5) with responseBytes, likewise. */
	{"sig_required_with_bytes",
	 {CONTENTS("responseStatus", "05"), AT("responseBytes")},
	 STAPLE_ERR_UNEXPECTED},
	/* responseType id-pkix-ocsp-nonce: staple reads id-pkix-ocsp-basic
	 * only (RFC 6960 4.2.1, 4.2.2). */
	{"response_type_nonce",
	 {CONTENTS("responseType", OID_OCSP_NONCE)},
	 STAPLE_ERR_RESPONSE_TYPE},
	/* responseType id-pkix-ocsp (1.3.6.1.5.5.7.48.1), a prefix of
	 * id-pkix-ocsp-basic: not the same OID. */
	{"response_type_ocsp_arc",
	 {CONTENTS("responseType", "2b 06 01 05 05 07 30 01")},
	 STAPLE_ERR_RESPONSE_TYPE},
	/* version [0] INTEGER 1 (v2): Version ::= INTEGER { v1(0) } (RFC
	 * 6960 4.2.1); only the explicit v1 is tolerated (staple.h
	 * LENIENCIES). Reported at the INTEGER, whose value is wrong. */
	{"version_v2",
	 {BEFORE("responderID", "a0{@02 01 01}")},
	 STAPLE_ERR_VERSION},
	/* version [0] INTEGER -1: not v1. */
	{"version_negative",
	 {BEFORE("responderID", "a0{@02 01 ff}")},
	 STAPLE_ERR_VERSION},
	/* version [0] 02 02 00 00: not a minimal INTEGER (X.690 8.3.2). */
	{"version_leading_zero",
	 {BEFORE("responderID", "a0{@02 02 00 00}")},
	 STAPLE_ERR_INTEGER},
	/* version [0] holding an ENUMERATED: Version is an INTEGER. */
	{"version_enumerated",
	 {BEFORE("responderID", "a0{@0a 01 00}")},
	 STAPLE_ERR_TAG},
	/* version [0] with nothing inside: the INTEGER is missing at the
	 * end of the [0], i.e. where responderID starts. */
	{"version_empty_tag",
	 {BEFORE("responderID", "a0{} @")},
	 STAPLE_ERR_TRUNCATED},
	/* revocationReason 7: CRLReason value 7 is not used (RFC 5280
	 * 5.3.1). */
	{"reason_7",
	 {REPLACE("certStatus", REVOKED_WITH("a0{@0a 01 07}"))},
	 STAPLE_ERR_REASON},
	/* revocationReason 11: beyond aACompromise (10), the last defined
	 * CRLReason (RFC 5280 5.3.1). */
	{"reason_11",
	 {REPLACE("certStatus", REVOKED_WITH("a0{@0a 01 0b}"))},
	 STAPLE_ERR_REASON},
	/* revocationReason -1 (0a 01 ff): not a defined CRLReason. */
	{"reason_negative",
	 {REPLACE("certStatus", REVOKED_WITH("a0{@0a 01 ff}"))},
	 STAPLE_ERR_REASON},
	/* revocationReason as INTEGER: CRLReason is ENUMERATED (RFC 5280
	 * 5.3.1). */
	{"reason_integer",
	 {REPLACE("certStatus", REVOKED_WITH("a0{@02 01 01}"))},
	 STAPLE_ERR_TAG},
	/* revocationReason [0] with nothing inside: the CRLReason is
	 * missing at the end of the [0], i.e. where thisUpdate starts. */
	{"reason_empty_tag",
	 {REPLACE("certStatus", REVOKED_WITH("a0{} @"))},
	 STAPLE_ERR_TRUNCATED},
	/* certStatus [3]: CertStatus is good [0], revoked [1] or unknown
	 * [2] (RFC 6960 4.2.1). */
	{"cert_status_tag_3",
	 {TAG("certStatus", "83")},
	 STAPLE_ERR_TAG},
	/* certStatus a0 00: good is [0] IMPLICIT NULL, primitive (80); the
	 * constructed form is another identifier (X.690 8.1.2.5). */
	{"cert_status_good_constructed",
	 {TAG("certStatus", "a0")},
	 STAPLE_ERR_TAG},
	/* certStatus 81 ...: revoked is [1] IMPLICIT RevokedInfo, a
	 * SEQUENCE, so constructed (a1). */
	{"cert_status_revoked_primitive",
	 {REPLACE("certStatus", "81{18{" T_REVOKED "}}")},
	 STAPLE_ERR_TAG},
	/* certStatus left out: thisUpdate's GeneralizedTime sits where
	 * certStatus is expected. */
	{"cert_status_missing",
	 {REMOVE("certStatus")},
	 STAPLE_ERR_TAG},
	/* thisUpdate left out: the SingleResponse ends after certStatus,
	 * where signatureAlgorithm follows (the end of responses and of
	 * ResponseData). */
	{"this_update_missing",
	 {REMOVE("thisUpdate")},
	 STAPLE_ERR_TRUNCATED},
	/* responderID [3]: ResponderID is byName [1] or byKey [2] (RFC
	 * 6960 4.2.1). */
	{"responder_id_3",
	 {TAG("responderID", "a3")},
	 STAPLE_ERR_TAG},
	/* responderID 82 14 ...: byKey is [2] EXPLICIT KeyHash (the module
	 * is EXPLICIT TAGS), so constructed a2 around an OCTET STRING. */
	{"responder_key_primitive",
	 {REPLACE("responderID", "82{" RESPONDER_KEY "}")},
	 STAPLE_ERR_TAG},
	/* byName whose Name holds an empty RDN (31 00):
	 * RelativeDistinguishedName is SET SIZE (1..MAX) (RFC 5280
	 * 4.1.2.4). Reported at the SET. */
	{"responder_name_empty_rdn",
	 {REPLACE("responderID", "a1{30{@31{}}}")},
	 STAPLE_ERR_EMPTY},
	/* byName with the RDN {O=AB, CN=AB}: a SET OF is sorted (X.690
	 * 11.6), and CN's encoding (55 04 03) sorts before O's (55 04 0a).
	 * Reported at the second ATV, the first out of order. */
	{"responder_name_set_order",
	 {REPLACE("responderID", "a1{30{31{" ATV_O_AB " @" ATV_CN_AB "}}}")},
	 STAPLE_ERR_SET_ORDER},
	/* byName with an AttributeTypeAndValue that ends after its type:
	 * value is missing (RFC 5280 4.1.2.4). Expected at the end of the
	 * ATV, which is where producedAt starts. */
	{"responder_name_atv_without_value",
	 {REPLACE("responderID", "a1{30{31{30{06{55 04 03}}}}} @")},
	 STAPLE_ERR_TRUNCATED},
	/* byName [1] holding an OCTET STRING (byKey's KeyHash): a Name is a
	 * SEQUENCE. */
	{"responder_name_not_name",
	 {TAG("responderID", "a1"), AT("KeyHash")},
	 STAPLE_ERR_TAG},
	/* producedAt left out: responses sits where the GeneralizedTime is
	 * expected (RFC 6960 4.2.1). */
	{"produced_at_missing",
	 {REMOVE("producedAt")},
	 STAPLE_ERR_TAG},
	/* ResponseData ends after responderID: producedAt is missing at
	 * its end, where signatureAlgorithm follows. */
	{"produced_at_and_responses_missing",
	 {REMOVE("producedAt"), REMOVE("responses")},
	 STAPLE_ERR_TRUNCATED},
	/* responseExtensions [1] with nothing inside: Extensions is
	 * missing at the end of the [1], where signatureAlgorithm follows.
	 * (An empty SEQUENCE inside is the leniency; no SEQUENCE is not.) */
	{"extensions_empty_tag",
	 {AFTER("responses", "a1{} @")},
	 STAPLE_ERR_TRUNCATED},
	/* An Extension with extnID only: extnValue is missing (RFC 5280
	 * 4.1), expected where signatureAlgorithm follows. */
	{"extension_without_value",
	 {AFTER("responses", "a1{30{30{" NONCE_ID "}}} @")},
	 STAPLE_ERR_TRUNCATED},
	/* Two nonce extensions in responseExtensions: RFC 5280 4.2, an
	 * extension appears at most once. Reported at the second one. */
	{"duplicate_extension",
	 {AFTER("responses", "a1{30{" NONCE_EXT " @" NONCE_EXT "}}")},
	 STAPLE_ERR_DUPLICATE_EXTENSION},
	/* nonce, 1.2.3, nonce: the duplicate need not be adjacent. */
	{"duplicate_extension_apart",
	 {AFTER("responses", "a1{30{" NONCE_EXT " 30{06{2a 03} 04{}} @"
	                     NONCE_EXT "}}")},
	 STAPLE_ERR_DUPLICATE_EXTENSION},
	/* Two CRL reason-code extensions (2.5.29.21) in singleExtensions
	 * (RFC 5280 4.2). */
	{"duplicate_single_extension",
	 {AFTER("thisUpdate", "a1{30{" CRL_REASON_EXT " @" CRL_REASON_EXT
	                      "}}")},
	 STAPLE_ERR_DUPLICATE_EXTENSION},
	/* Five certificates, the fifth an OCTET STRING: past
	 * STAPLE_MAX_CERTS a certificate is not kept but still checked
	 * (staple.h).  Reported at the fifth. */
	{"cert_past_limit_not_sequence",
	 {AFTER("signature", "a0{30{30 00 30 00 30 00 30 00 @04 00}}")},
	 STAPLE_ERR_TAG},
	/* certs holding an OCTET STRING: a Certificate is a SEQUENCE (RFC
	 * 5280 4.1). */
	{"cert_not_sequence",
	 {AFTER("signature", "a0{30{@04 00}}")},
	 STAPLE_ERR_TAG},
	/* certs [0] holding a SET: it is a SEQUENCE OF Certificate. */
	{"certs_set",
	 {AFTER("signature", "a0{@31{30 00}}")},
	 STAPLE_ERR_TAG},
};

/*
 * Valid variants: BASE, the pieces the vectors above add to it, and the
 * two leniencies of staple.h, each with the bit it must set.
 */
struct valid_case {
	const char *name;
	struct der_edit edit[DER_MAX_EDITS]; /* what BASE gets */
	int status;
	unsigned leniencies;
	size_t n_single;
	size_t n_certs;
	size_t unknown_critical;
};

/* Five certificates (30 00 each), the "@" at the first. */
#define CERTS_FIVE \
	AFTER("signature", "a0{30{@30 00 30 00 30 00 30 00 30 00}}")
/* version [0] EXPLICIT INTEGER 0, and an empty Extensions. */
#define V1 "a0{02 01 00}"
#define NO_EXTENSIONS "a1{30{}}"

static const struct valid_case valid_cases[] = {
	/* The base vector itself. */
	{"base",
	 {UNCHANGED},
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 0},

	/* Leniency: version [0] EXPLICIT INTEGER 0 (a0 03 02 01 00)
	 * written out although v1 is the DEFAULT (X.690 11.5). */
	{"lenient_explicit_version",
	 {BEFORE("responderID", V1)},
	 STAPLE_RESPONSE_SUCCESSFUL, STAPLE_LENIENT_EXPLICIT_VERSION, 1, 0, 0},

	/* Leniency: responseExtensions a1 02 30 00, an empty Extensions
	 * (SIZE (1..MAX), RFC 5280 4.1). */
	{"lenient_empty_response_extensions",
	 {AFTER("responses", NO_EXTENSIONS)},
	 STAPLE_RESPONSE_SUCCESSFUL, STAPLE_LENIENT_EMPTY_EXTENSIONS, 1, 0, 0},

	/* Leniency: singleExtensions a1 02 30 00. */
	{"lenient_empty_single_extensions",
	 {AFTER("thisUpdate", NO_EXTENSIONS)},
	 STAPLE_RESPONSE_SUCCESSFUL, STAPLE_LENIENT_EMPTY_EXTENSIONS, 1, 0, 0},

	/* Both leniencies at once: both bits. */
	{"lenient_both",
	 {BEFORE("responderID", V1), AFTER("responses", NO_EXTENSIONS)},
	 STAPLE_RESPONSE_SUCCESSFUL, STAPLE_LENIENT_EXPLICIT_VERSION |
	     STAPLE_LENIENT_EMPTY_EXTENSIONS, 1, 0, 0},

	/* responseExtensions with a nonce (the extensions base). */
	{"nonce",
	 {AFTER("responses", NONCE_EXTENSIONS)},
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 0},

	/* A critical nonce: critical TRUE is encoded as ff; staple
	 * understands the nonce, so it is not counted. */
	{"nonce_critical",
	 {AFTER("responses",
	        "a1{30{30{" NONCE_ID " 01 01 ff " NONCE_VALUE "}}}")},
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 0},

	/* A critical extension 1.2.3 staple does not know: decoded and
	 * counted for the verifier to refuse. */
	{"unknown_critical",
	 {AFTER("responses", "a1{30{30{06{2a 03} 01 01 ff 04{}}}}")},
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 1},

	/* revoked with revocationReason keyCompromise and a nextUpdate
	 * (the revoked base). */
	{"revoked",
	 {REPLACE("certStatus", REVOKED), AFTER("thisUpdate", NEXT_UPDATE)},
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 0},

	/* revocationReason aACompromise (10), the last. */
	{"revoked_reason_10",
	 {REPLACE("certStatus", REVOKED_WITH("a0{0a 01 0a}"))},
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 0},

	/* revoked with no revocationReason. */
	{"revoked_without_reason",
	 {REPLACE("certStatus", REVOKED_WITH(""))},
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 0},

	/* certStatus unknown (82 00). */
	{"unknown",
	 {TAG("certStatus", "82")},
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 0},

	/* Two SingleResponses. */
	{"two_singles",
	 {AFTER("SingleResponse", "30{" CERT_ID REVOKED THIS_UPDATE "}")},
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 2, 0, 0},

	/* responderID byName CN=AB (the byName base). */
	{"by_name",
	 {REPLACE("responderID", "a1{" NAME_CN_AB "}")},
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 0},

	/* SHA-1 hashAlgorithm without parameters: absent is as good as
	 * NULL (RFC 5754 2). */
	{"hash_parameters_absent",
	 {REMOVE("hashAlgorithm.parameters")},
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 0},

	/* signatureAlgorithm with NULL parameters. */
	{"signature_parameters_null",
	 {AFTER("signatureAlgorithm.algorithm", "05 00")},
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 0},

	/* producedAt 20240102030405.5Z: a fraction, no trailing zero. */
	{"produced_at_fraction",
	 {CONTENTS("producedAt",
	           "32 30 32 34 30 31 30 32 30 33 30 34 30 35 2e 35 5a")},
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 0},

	/* Four certificates (30 00 each): STAPLE_MAX_CERTS by default (the
	 * certs base). */
	{"certs_four",
	 {AFTER("signature", "a0{30{30 00 30 00 30 00 30 00}}")},
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 4, 0},
	/* Five: one more than STAPLE_MAX_CERTS by default, not an error
	 * (test_cert_at reads the fifth). */
	{"certs_five",
	 {CERTS_FIVE},
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 5, 0},

	/* certs present but empty. */
	{"certs_empty",
	 {AFTER("signature", "a0{30{}}")},
	 STAPLE_RESPONSE_SUCCESSFUL, 0, 1, 0, 0},

	/* responseStatus 1 alone (RFC 6960 2.3). */
	{"status_1",
	 {INPUT("30{0a 01 01}")},
	 STAPLE_RESPONSE_MALFORMED_REQUEST, 0, 0, 0, 0},

	/* responseStatus 2 alone (RFC 6960 2.3). */
	{"status_2",
	 {INPUT("30{0a 01 02}")},
	 STAPLE_RESPONSE_INTERNAL_ERROR, 0, 0, 0, 0},

	/* responseStatus 3 alone (RFC 6960 2.3). */
	{"status_3",
	 {INPUT("30{0a 01 03}")},
	 STAPLE_RESPONSE_TRY_LATER, 0, 0, 0, 0},

	/* responseStatus 5 alone (RFC 6960 2.3). */
	{"status_5",
	 {INPUT("30{0a 01 05}")},
	 STAPLE_RESPONSE_SIG_REQUIRED, 0, 0, 0, 0},

	/* responseStatus 6 alone (RFC 6960 2.3). */
	{"status_6",
	 {INPUT("30{0a 01 06}")},
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
	size_t len, want, at;
	uint8_t *buf = base_with(c->edit, &len, &want);
	int err;

	/* staple.h: where the end of the input is the place, the last
	 * byte is reported */
	if (len > 0 && want == len)
		want = len - 1;
	memset(&r, 0xa5, sizeof r); /* garbage: the decoder must reset it */
	err = staple_decode(&r, buf, len);
	at = staple_error_offset(&r);
	ck_assert_msg(err == c->err && at == want,
	              "%s: got %s at %zu, want %s at %zu", c->name,
	              staple_errname(err), at, staple_errname(c->err), want);
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
	size_t len, at;
	uint8_t *buf = base_with(c->edit, &len, &at);
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
	static const struct der_edit five[DER_MAX_EDITS] = {CERTS_FIVE};
	struct staple_response r;
	struct staple_slice cert;
	size_t len, i, at;
	uint8_t *buf = base_with(five, &len, &at);
	const uint8_t *first = buf + at; /* the first 30 00 */

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

/* BASE decodes to what base_response.h says: the offsets there are real. */
START_TEST(test_base_fields)
{
	static const uint8_t sig[] = {0xab, 0xcd};
	struct staple_response r;
	const struct staple_single *s = &r.single[0];
	size_t len, at;
	uint8_t *buf = base_with(NULL, &len, &at);

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
	static const struct der_edit add_nonce[DER_MAX_EDITS] = {
		AFTER("responses", NONCE_EXTENSIONS)};
	size_t len, at;
	uint8_t *buf = base_with(add_nonce, &len, &at);

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
	static const struct der_edit trailing[DER_MAX_EDITS] = {
		AFTER("OCSPResponse", "00")};
	struct staple_response r;
	size_t len, bad_len, at;
	uint8_t *buf = base_with(NULL, &len, &at);
	uint8_t *bad = base_with(trailing, &bad_len, &at);

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
	size_t len, at;
	uint8_t *buf = base_with(NULL, &len, &at);

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
