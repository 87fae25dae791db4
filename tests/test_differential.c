/*
 * test_differential.c -- the differential oracle (fuzz/differential.c):
 * staple against OpenSSL.
 *
 * One named vector or more for every rule of the oracle's table, each
 * asserting the exact verdict and rule name, with a comment saying why
 * the input falls under that rule; then every fixture must be decoded
 * alike by both (BOTH_AGREE), and every file of the shared vectors must
 * be BOTH_AGREE, BOTH_REJECT or a listed rule -- never a MISMATCH or an
 * unexplained one-sided acceptance.
 *
 * The vectors are test_negative.c's: the small valid response BASE
 * (base_response.h) with one thing changed, a row naming the part it
 * changes and the change as a der_build.h template, every length
 * computed.  They run in exact-size heap buffers.
 *
 * Clause numbers: ITU-T X.690 (02/2021), RFC 6960, RFC 5280.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "tests.h"

#include "differential.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* BASE and its pieces: see base_response.h. */
#include "base_response.h"

/*
 * A 72-octet X.509 v1 certificate that d2i_X509() reads: serial 1,
 * algorithm 1.2.3.4, empty issuer and subject, valid 2025-2026, a key of
 * algorithm 1.2.3.4 with no bits, an empty signature.  Only its shape
 * matters: nothing here is verified.
 */
#define ALG_1234 "30{06{2a 03 04}}"
#define MINI_CERT \
	"30{30{02 01 01 " ALG_1234 " 30{}" \
	" 30{17{32 35 30 31 30 31 30 30 30 30 30 30 5a}" \
	"    17{32 36 30 31 30 31 30 30 30 30 30 30 5a}}" \
	" 30{} 30{" ALG_1234 " 03{00}}} " ALG_1234 " 03{00}} "

#define AGREE STAPLE_DIFF_BOTH_AGREE
#define REJECT STAPLE_DIFF_BOTH_REJECT
#define ONLY_OPENSSL STAPLE_DIFF_ONLY_OPENSSL_ACCEPTS
#define ONLY_STAPLE STAPLE_DIFF_ONLY_STAPLE_ACCEPTS

struct diff_case {
	const char *name;
	struct der_edit edit[DER_MAX_EDITS]; /* what BASE gets */
	int verdict;      /* the exact STAPLE_DIFF_* */
	const char *rule; /* its rule, NULL unless one-sided */
};

static const struct diff_case diff_cases[] = {
	/* ---- both decoders agree ---- */

	/* BASE itself: both read every field alike. */
	{"base", {UNCHANGED}, AGREE, NULL},
	/* An error response without responseBytes: both read tryLater. */
	{"try_later", {INPUT("30{0a 01 03}")}, AGREE, NULL},
	/* version [0] INTEGER 0 written out: staple's leniency
	 * EXPLICIT_VERSION, and OpenSSL reads it too. */
	{"explicit_version_leniency",
	 {BEFORE("responderID", "a0{02 01 00}")},
	 AGREE, NULL},
	/* Four certificates: staple's limit, not beyond it; both count 4. */
	{"four_certificates",
	 {AFTER("signature",
	        "a0{30{" MINI_CERT MINI_CERT MINI_CERT MINI_CERT "}}")},
	 AGREE, NULL},

	/* ---- both decoders reject ---- */

	/* The base vector without its last byte (X.690 8.1.1). */
	{"truncated", {CUT_LAST("OCSPResponse")}, REJECT, NULL},
	/* successful without responseBytes: nothing to read (RFC 6960 2.3);
	 * OCSP_response_get1_basic() fails too. */
	{"successful_without_bytes", {REMOVE("responseBytes")}, REJECT, NULL},

	/* serialNumber 02 03 00 10 01: a redundant leading zero (X.690
	 * 8.3.2).  Not BER either, and OpenSSL 3 refuses it too ("illegal
	 * padding"): no rule needed. */
	{"integer_leading_zero",
	 {CONTENTS("serialNumber", "00 10 01")},
	 REJECT, NULL},

	/* CertID hash 1.3.14.3.2.18 with parameters 00 00: BER's
	 * end-of-contents octets, no value (X.690 8.1.5, X.680 8.6); OpenSSL
	 * takes them for the end of the AlgorithmIdentifier and fails.
	 * Before 44fbf52 staple accepted them as an ANY: the fuzzer's find,
	 * tests/regress/fuzz_differential/diff-eoc-parameters.der. */
	{"end_of_contents_parameters",
	 {CONTENTS("hashAlgorithm.algorithm", OID_SHA0),
	  REPLACE("hashAlgorithm.parameters", "00 00")},
	 REJECT, NULL},

	/* ---- status_undefined ---- */

	/* responseStatus 4, the value RFC 6960 4.2.1 leaves unused. */
	{"status_4", {INPUT("30{0a 01 04}")}, ONLY_OPENSSL, "status_undefined"},
	/* responseStatus 257 (0a 02 01 01): minimal, but undefined. */
	{"status_257", {INPUT("30{0a 02 01 01}")}, ONLY_OPENSSL,
	 "status_undefined"},

	/* ---- bytes_with_error_status ---- */

	/* BASE with status tryLater (3): responseBytes with an error
	 * status (RFC 6960 2.3); OpenSSL reads the status and stops. */
	{"try_later_with_bytes",
	 {CONTENTS("responseStatus", "03")},
	 ONLY_OPENSSL, "bytes_with_error_status"},

	/* ---- reason_undefined ---- */

	/* A revoked entry with CRLReason 7, which RFC 5280 5.3.1 leaves
	 * unused. */
	{"reason_7",
	 {REPLACE("certStatus", REVOKED_WITH("a0{0a 01 07}"))},
	 ONLY_OPENSSL, "reason_undefined"},

	/* ---- version_not_v1 ---- */

	/* version [0] INTEGER 1 (v2): only v1 exists (RFC 6960 4.2.1). */
	{"version_v2",
	 {BEFORE("responderID", "a0{02 01 01}")},
	 ONLY_OPENSSL, "version_not_v1"},

	/* ---- time_not_der ---- */

	/* producedAt 20240102030405.50Z: the fraction ends in 0 (X.690
	 * 11.7.3); OpenSSL stores the string unchecked. */
	{"time_fraction_trailing_zero",
	 {CONTENTS("producedAt",
	           "32 30 32 34 30 31 30 32 30 33 30 34 30 35 2e 35 30 5a")},
	 ONLY_OPENSSL, "time_not_der"},
	/* producedAt 20240102030405+0000: an offset, not Z (X.690 11.7.1,
	 * RFC 5280 4.1.2.5.2); OpenSSL's own parser would even accept it. */
	{"time_offset",
	 {CONTENTS("producedAt",
	           "32 30 32 34 30 31 30 32 30 33 30 34 30 35 2b 30 30 30 30")},
	 ONLY_OPENSSL, "time_not_der"},
	/* thisUpdate 202401020000Z: no seconds (RFC 5280 4.1.2.5.2). */
	{"time_no_seconds",
	 {CONTENTS("thisUpdate", "32 30 32 34 30 31 30 32 30 30 30 30 5a")},
	 ONLY_OPENSSL, "time_not_der"},
	/* revocationTime 20231225235960Z: a leap second, which staple.h
	 * rejects and OpenSSL's ASN1_TIME_to_tm() too. */
	{"time_leap_second",
	 {REPLACE("certStatus",
	          "a1{18{32 30 32 33 31 32 32 35 32 33 35 39 36 30 5a}"
	          " a0{0a 01 01}}")},
	 ONLY_OPENSSL, "time_not_der"},
	/* thisUpdate 20240230000000Z: there is no 30 February. */
	{"time_february_30",
	 {CONTENTS("thisUpdate",
	           "32 30 32 34 30 32 33 30 30 30 30 30 30 30 5a")},
	 ONLY_OPENSSL, "time_not_der"},

	/* ---- multi_octet_identifier ---- */

	/* A tryLater response whose OCSPResponse identifier is 3f 10: tag
	 * number 16 (SEQUENCE) in the high-tag-number form, which X.690
	 * 8.1.2.2 keeps for numbers above 30. */
	{"identifier_low_number_high_form",
	 {INPUT("3f 10{0a 01 03}")},
	 ONLY_OPENSSL, "multi_octet_identifier"},
	/* CertID hash 1.3.14.3.2.18 (unknown to staple) with parameters
	 * 9f 1f 00: context tag 31, valid DER in two identifier octets. */
	{"identifier_tag_31_in_parameters",
	 {CONTENTS("hashAlgorithm.algorithm", OID_SHA0),
	  REPLACE("hashAlgorithm.parameters", "9f 1f 00")},
	 ONLY_OPENSSL, "multi_octet_identifier"},

	/* ---- hash_parameters ---- */

	/* The CertID's SHA-1 with parameters 04 00 (an empty OCTET STRING)
	 * instead of NULL or nothing (RFC 3370 2.1). */
	{"hash_sha1_octet_string_parameters",
	 {TAG("hashAlgorithm.parameters", "04")},
	 ONLY_OPENSSL, "hash_parameters"},

	/* ---- universal_0 ---- */

	/* The CertID's SHA-1 with parameters 00 01 00: identifier 00 is
	 * UNIVERSAL 0, which X.680 8.6 reserves for BER's end-of-contents;
	 * OpenSSL reads it as an ANY. */
	{"universal_0_parameters",
	 {REPLACE("hashAlgorithm.parameters", "00 01 00")},
	 ONLY_OPENSSL, "universal_0"},

	/* The same with an unknown hash, 1.3.14.3.2.18, where staple reads
	 * the parameters as an ANY: it still refuses identifier 00. */
	{"universal_0_any",
	 {CONTENTS("hashAlgorithm.algorithm", OID_SHA0),
	  REPLACE("hashAlgorithm.parameters", "00 01 00")},
	 ONLY_OPENSSL, "universal_0"},

	/* ---- duplicate_extension ---- */

	/* Two nonce extensions in responseExtensions (RFC 5280 4.2). */
	{"duplicate_nonce",
	 {AFTER("responses", "a1{30{" NONCE_EXT NONCE_EXT "}}")},
	 ONLY_OPENSSL, "duplicate_extension"},

	/* ---- empty_rdn ---- */

	/* responderID byName whose Name is one empty RDN (31 00):
	 * RelativeDistinguishedName is SET SIZE (1..MAX) (RFC 5280
	 * 4.1.2.4). */
	{"empty_rdn",
	 {REPLACE("responderID", "a1{30{31{}}}")},
	 ONLY_OPENSSL, "empty_rdn"},

	/* Five certificates: one more than STAPLE_MAX_CERTS keeps, and both
	 * count them all (staple.h). */
	{"five_certificates",
	 {AFTER("signature", "a0{30{" MINI_CERT MINI_CERT MINI_CERT MINI_CERT
	                     MINI_CERT "}}")},
	 AGREE, NULL},

	/* ---- signature_partial_octet ---- */

	/* signature 03 03 04 ab c0: valid DER with 4 unused (zero) bits,
	 * but a signature is whole octets (staple.h). */
	{"signature_partial_octet",
	 {CONTENTS("signature", "04 ab c0")},
	 ONLY_OPENSSL, "signature_partial_octet"},

	/* ---- trailing_in_octet_string ---- */

	/* 05 00 after the BasicOCSPResponse inside the OCTET STRING, which
	 * holds one BasicOCSPResponse (RFC 6960 4.2.1); ASN1_item_unpack()
	 * stops after it. */
	{"trailing_in_octet_string",
	 {AFTER("BasicOCSPResponse", "05 00")},
	 ONLY_OPENSSL, "trailing_in_octet_string"},

	/* ---- primitive_sequence_of ---- */

	/* responses as 10 52: a SEQUENCE OF in primitive form (X.690
	 * 8.10.1 says constructed). */
	{"responses_primitive",
	 {TAG("responses", "10")},
	 ONLY_OPENSSL, "primitive_sequence_of"},
	/* The RDN of responderID byName CN=AB as 11 0b: a SET OF in
	 * primitive form (X.690 8.12.1). */
	{"rdn_primitive",
	 {REPLACE("responderID", "a1{30{11{" ATV_CN_AB "}}}")},
	 ONLY_OPENSSL, "primitive_sequence_of"},

	/* ---- openssl_ber ---- */

	/* The OCSPResponse in the indefinite form, closed by 00 00 (X.690
	 * 10.1). */
	{"ber_indefinite_length",
	 {LENGTH("OCSPResponse", "80"), AFTER("OCSPResponse", "00 00")},
	 ONLY_OPENSSL, "openssl_ber"},
	/* responseStatus length 81 01: long form below 128 (X.690 10.1). */
	{"ber_length_long_form",
	 {LENGTH("responseStatus", "81 01")},
	 ONLY_OPENSSL, "openssl_ber"},
	/* The OCSPResponse length 82 00 aa: a leading zero octet. */
	{"ber_length_leading_zero",
	 {LENGTH("OCSPResponse", "82 00 aa")},
	 ONLY_OPENSSL, "openssl_ber"},
	/* ResponseBytes.response length 85 00 00 00 00 93: five octets
	 * (staple's LONG_LENGTH), four of them leading zeros. */
	{"ber_length_five_octets",
	 {LENGTH("response", "85 00 00 00 00 93")},
	 ONLY_OPENSSL, "openssl_ber"},
	/* ResponseBytes.response as a constructed OCTET STRING (24) with
	 * one segment: BER only (X.690 10.2, 8.7.1 read with 9.2). */
	{"ber_constructed_octet_string",
	 {WRAP("response", "24")},
	 ONLY_OPENSSL, "openssl_ber"},
	/* A nonce extension with critical 01 01 01: TRUE is FF in DER
	 * (X.690 11.1). */
	{"ber_boolean_01",
	 {AFTER("responses", "a1{30{30{" NONCE_ID " 01 01 01 " NONCE_VALUE
	                     "}}}")},
	 ONLY_OPENSSL, "openssl_ber"},
	/* critical FALSE written out: the DEFAULT (X.690 11.5). */
	{"ber_default_critical_false",
	 {AFTER("responses", "a1{30{30{" NONCE_ID " 01 01 00 " NONCE_VALUE
	                     "}}}")},
	 ONLY_OPENSSL, "openssl_ber"},
	/* signature 03 03 01 ab cd: the unused bit is 1 (X.690 11.2.1). */
	{"ber_bit_string_padding",
	 {CONTENTS("signature", "01 ab cd")},
	 ONLY_OPENSSL, "openssl_ber"},
	/* signature 03 01 04: unused bits without bits (X.690 8.6.2.3). */
	{"ber_bit_string_unused_without_bits",
	 {CONTENTS("signature", "04")},
	 ONLY_OPENSSL, "openssl_ber"},
	/* responderID byName with the RDN {O=AB, CN=AB} unsorted (X.690
	 * 11.6); OpenSSL re-encodes the SET sorted. */
	{"ber_set_order",
	 {REPLACE("responderID", "a1{30{31{" ATV_O_AB ATV_CN_AB "}}}")},
	 ONLY_OPENSSL, "openssl_ber"},

	/* ---- opaque_certificate ---- */

	/* certs holding 30 00, an empty SEQUENCE: a TLV staple keeps for
	 * the verifier, not a Certificate d2i_X509() can read. */
	{"certificate_empty_sequence",
	 {AFTER("signature", "a0{30{30 00}}")},
	 ONLY_STAPLE, "opaque_certificate"},

	/* ---- opaque_parameters ---- */

	/* signatureAlgorithm parameters 02 00, an INTEGER without contents
	 * (invalid, X.690 8.3.1): a TLV to staple, read by OpenSSL. */
	{"signature_parameters_empty_integer",
	 {AFTER("signatureAlgorithm.algorithm", "02 00")},
	 ONLY_STAPLE, "opaque_parameters"},
	/* CertID hash 1.3.14.3.2.18 (SHA-0, unknown to staple) with
	 * parameters 02 00: staple checks only the TLV of an unknown
	 * algorithm's parameters. */
	{"hash_unknown_parameters_empty_integer",
	 {CONTENTS("hashAlgorithm.algorithm", OID_SHA0),
	  REPLACE("hashAlgorithm.parameters", "02 00")},
	 ONLY_STAPLE, "opaque_parameters"},

	/* ---- opaque_attribute_value ---- */

	/* responderID byName CN as UTF8String c3 28, not UTF-8: the value
	 * is ANY to staple; OpenSSL converts it and fails. */
	{"attribute_value_bad_utf8",
	 {REPLACE("responderID", "a1{30{31{30{06{55 04 03} 0c{c3 28}}}}}")},
	 ONLY_STAPLE, "opaque_attribute_value"},
};

#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

START_TEST(test_diff_case)
{
	const struct diff_case *c = &diff_cases[_i];
	const char *rule;
	char why[512];
	size_t len, at;
	uint8_t *buf = base_with(c->edit, &len, &at);
	int verdict = staple_diff(buf, len, &rule, why, sizeof why);

	ck_assert_msg(verdict == c->verdict, "%s: %s, want %s (%s)", c->name,
	              staple_diff_verdict_name(verdict),
	              staple_diff_verdict_name(c->verdict), why);
	if (c->rule == NULL)
		ck_assert_msg(rule == NULL, "%s: rule %s", c->name, rule);
	else
		ck_assert_msg(rule != NULL && strcmp(rule, c->rule) == 0,
		              "%s: rule %s, want %s", c->name,
		              rule != NULL ? rule : "(none)", c->rule);
	free(buf);
}
END_TEST

/* Every rule of the table has a vector here, with its own side. */
START_TEST(test_diff_every_rule_has_a_vector)
{
	size_t i;
	int j;

	ck_assert_uint_gt(staple_diff_rule_count(), 0);
	for (i = 0; i < staple_diff_rule_count(); i++) {
		const char *name = staple_diff_rule_name(i);
		for (j = 0; j < N_OF(diff_cases); j++)
			if (diff_cases[j].rule != NULL &&
			    strcmp(diff_cases[j].rule, name) == 0)
				break;
		ck_assert_msg(j < N_OF(diff_cases), "rule %s has no vector",
		              name);
		ck_assert_int_eq(diff_cases[j].verdict,
		                 staple_diff_rule_side(i));
		ck_assert_ptr_nonnull(staple_diff_rule_reason(i));
	}
	ck_assert_ptr_null(staple_diff_rule_name(i));
	ck_assert_int_eq(staple_diff_rule_side(i), -1);
}
END_TEST

/* Empty input, and a NULL one: both reject, nothing breaks. */
START_TEST(test_diff_empty)
{
	uint8_t one = 0x30;

	ck_assert_int_eq(staple_diff(NULL, 0, NULL, NULL, 0), REJECT);
	ck_assert_int_eq(staple_diff(&one, 1, NULL, NULL, 0), REJECT);
}
END_TEST

/* 1 for a name ending in ".der". */
static int is_der(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && strcmp(name + n - 4, ".der") == 0;
}

/* Every fixture: both decoders read it alike. */
START_TEST(test_diff_fixtures)
{
	DIR *dir = opendir(test_fixtures_dir());
	struct dirent *e;
	size_t count = 0;

	ck_assert_msg(dir != NULL, "cannot open %s", test_fixtures_dir());
	while ((e = readdir(dir)) != NULL) {
		char why[512];
		uint8_t *buf;
		size_t len;
		int verdict;

		if (!is_der(e->d_name))
			continue;
		ck_assert_int_eq(test_read_in(test_fixtures_dir(), e->d_name,
		                              &buf, &len), 0);
		verdict = staple_diff(buf, len, NULL, why, sizeof why);
		ck_assert_msg(verdict == AGREE, "%s: %s: %s", e->d_name,
		              staple_diff_verdict_name(verdict), why);
		free(buf);
		count++;
	}
	closedir(dir);
	ck_assert_msg(count > 0, "no .der in %s", test_fixtures_dir());
}
END_TEST

struct tally {
	size_t files, by_verdict[STAPLE_DIFF_UNEXPLAINED + 1];
	char first_failure[3072]; /* the first MISMATCH or UNEXPLAINED */
};

/* Classify every .der under root/rel; note any MISMATCH/UNEXPLAINED. */
static void classify_tree(const char *root, const char *rel, struct tally *t)
{
	char path[4096];
	DIR *dir;
	struct dirent *e;

	snprintf(path, sizeof path, "%s%s%s", root, rel[0] ? "/" : "", rel);
	dir = opendir(path);
	ck_assert_msg(dir != NULL, "cannot open %s", path);
	while ((e = readdir(dir)) != NULL) {
		char sub[2048], why[512];
		struct stat st;
		uint8_t *buf;
		size_t len;
		int verdict;

		if (e->d_name[0] == '.')
			continue;
		ck_assert_uint_lt((size_t)snprintf(sub, sizeof sub, "%s%s%s",
		                                   rel, rel[0] ? "/" : "",
		                                   e->d_name), sizeof sub);
		snprintf(path, sizeof path, "%s/%s", root, sub);
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			classify_tree(root, sub, t);
			continue;
		}
		if (!is_der(e->d_name))
			continue;
		ck_assert_int_eq(test_read_file(path, &buf, &len), 0);
		verdict = staple_diff(buf, len, NULL, why, sizeof why);
		free(buf);
		t->files++;
		t->by_verdict[verdict]++;
		if ((verdict == STAPLE_DIFF_MISMATCH ||
		     verdict == STAPLE_DIFF_UNEXPLAINED) &&
		    t->first_failure[0] == '\0')
			snprintf(t->first_failure, sizeof t->first_failure,
			         "%s: %s: %s", sub,
			         staple_diff_verdict_name(verdict), why);
	}
	closedir(dir);
}

/* Every shared vector: agreement, joint rejection or a listed rule. */
START_TEST(test_diff_vectors)
{
	struct tally t;
	struct stat st;

	memset(&t, 0, sizeof t);
	if (stat(test_vectors_dir(), &st) != 0) {
		printf("note: %s not found: the differential oracle does not "
		       "check the shared vectors on this machine\n",
		       test_vectors_dir());
		return;
	}
	classify_tree(test_vectors_dir(), "", &t);
	printf("differential: %zu vectors: %zu agree, %zu both reject, %zu "
	       "only OpenSSL accepts, %zu only staple accepts (listed "
	       "rules)\n", t.files, t.by_verdict[AGREE], t.by_verdict[REJECT],
	       t.by_verdict[ONLY_OPENSSL], t.by_verdict[ONLY_STAPLE]);
	fflush(stdout);
	ck_assert_msg(t.by_verdict[STAPLE_DIFF_MISMATCH] == 0 &&
	              t.by_verdict[STAPLE_DIFF_UNEXPLAINED] == 0,
	              "%zu mismatches, %zu unexplained; first %s",
	              t.by_verdict[STAPLE_DIFF_MISMATCH],
	              t.by_verdict[STAPLE_DIFF_UNEXPLAINED], t.first_failure);
	ck_assert_msg(t.files > 0, "no .der under %s", test_vectors_dir());
}
END_TEST

Suite *differential_suite(void)
{
	Suite *s = suite_create("differential");
	TCase *tc = tcase_create("openssl");

	/* OpenSSL's first calls load its configuration: slower under ASan */
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_diff_case, 0, N_OF(diff_cases));
	tcase_add_test(tc, test_diff_every_rule_has_a_vector);
	tcase_add_test(tc, test_diff_empty);
	tcase_add_test(tc, test_diff_fixtures);
	tcase_add_test(tc, test_diff_vectors);
	suite_add_tcase(s, tc);
	return s;
}
