/*
 * test_ext.c -- the EXTENSIONS part of staple.h: the iterator over an
 * Extensions list and the decoder of each extnValue type.
 *
 * Hand-written vectors first, one table per decoder: every negative row
 * asserts its exact error and says why the input is invalid.  Then the
 * fixtures and the public vectors (../shared/vectors): what each carries,
 * and that the iterator's `understood` counts what staple_decode() counts
 * in unknown_critical.  Last, every prefix and every single-byte change
 * of every positive vector runs through every decoder in an exact-size
 * heap buffer, so that a one-byte overread trips AddressSanitizer, and
 * every slice returned must lie inside the input.
 *
 * Clause numbers: RFC 6960, RFC 5280, RFC 6962, X.690 (02/2021).
 */
#include "tests.h"
#include "base_response.h"

#include "staple.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* "20200101000000Z", "20200101000000.123Z", 2020-01-01T00:00:00Z in ms */
#define T2020 "32 30 32 30 30 31 30 31 30 30 30 30 30 30 5a"
#define T2020_FRAC "32 30 32 30 30 31 30 31 30 30 30 30 30 30 2e 31 32 33 5a"
#define MS2020 INT64_C(1577836800000)
/* "20201301000000Z": month 13 */
#define T_MONTH13 "32 30 32 30 31 33 30 31 30 30 30 30 30 30 5a"
/* "http://x/c" */
#define URL "68 74 74 70 3a 2f 2f 78 2f 63"

/* Extension TLVs for the iterator. */
#define E_NONCE "30 11 06 09 2b 06 01 05 05 07 30 01 02 04 04 04 02 ab cd"
#define E_CRIT_UNKNOWN "30 0a 06 03 2a 03 04 01 01 ff 04 00" /* 1.2.3.4 */
#define E_CRIT_EXTREV "30 10 06 09 2b 06 01 05 05 07 30 01 09 01 01 ff 04 00"
#define E_INVALIDITY "30 18 06 03 55 1d 18 04 11 18 0f " T2020
#define E_CRIT_BASIC "30 0c 06 03 55 1d 13 01 01 ff 04 02 30 00"

/* ---- the iterator ---------------------------------------------------- */

struct seen {
	enum staple_ext_kind kind;
	int critical, understood;
};

struct iter_case {
	const char *name;
	const char *hex; /* Extensions contents */
	int place;
	size_t n;        /* entries read before `err` */
	struct seen want[4];
	int err;         /* what the call after the n-th returns */
};

static const struct iter_case iter_cases[] = {
	{"response_list", E_NONCE E_CRIT_UNKNOWN E_CRIT_EXTREV,
	 STAPLE_EXT_IN_RESPONSE, 3,
	 {{STAPLE_EXT_NONCE, 0, 1},
	  {STAPLE_EXT_UNKNOWN, 1, 0},
	  {STAPLE_EXT_EXTENDED_REVOKE, 1, 1}},
	 STAPLE_ERR_END},
	/* In singleExtensions the decoder acts on nothing, extended revoke
	 * included (RFC 6960 4.4.8 defines it for responseExtensions). */
	{"single_list", E_NONCE E_CRIT_UNKNOWN E_CRIT_EXTREV,
	 STAPLE_EXT_IN_SINGLE, 3,
	 {{STAPLE_EXT_NONCE, 0, 0},
	  {STAPLE_EXT_UNKNOWN, 1, 0},
	  {STAPLE_EXT_EXTENDED_REVOKE, 1, 0}},
	 STAPLE_ERR_END},
	{"invalidity_date", E_INVALIDITY, STAPLE_EXT_IN_SINGLE, 1,
	 {{STAPLE_EXT_INVALIDITY_DATE, 0, 0}}, STAPLE_ERR_END},
	{"cert_basic_constraints", E_CRIT_BASIC E_CRIT_UNKNOWN,
	 STAPLE_EXT_IN_CERT, 2,
	 {{STAPLE_EXT_UNKNOWN, 1, 1}, {STAPLE_EXT_UNKNOWN, 1, 0}},
	 STAPLE_ERR_END},
	{"empty", "", STAPLE_EXT_IN_RESPONSE, 0, {{0, 0, 0}}, STAPLE_ERR_END},
	/* RFC 5280 4.2: one instance of an extension per list. */
	{"duplicate", E_NONCE E_NONCE, STAPLE_EXT_IN_RESPONSE, 1,
	 {{STAPLE_EXT_NONCE, 0, 1}}, STAPLE_ERR_DUPLICATE_EXTENSION},
	/* critical FALSE encoded: X.690 11.5, a DEFAULT value is omitted. */
	{"encoded_false", "30 0a 06 03 2a 03 04 01 01 00 04 00",
	 STAPLE_EXT_IN_RESPONSE, 0, {{0, 0, 0}}, STAPLE_ERR_ENCODED_DEFAULT},
	/* A NULL after the extension: every entry is a SEQUENCE. */
	{"not_a_sequence", E_NONCE "05 00", STAPLE_EXT_IN_RESPONSE, 1,
	 {{STAPLE_EXT_NONCE, 0, 1}}, STAPLE_ERR_TAG},
	/* extnValue missing: the OCTET STRING is not OPTIONAL. */
	{"no_value", "30 05 06 03 2a 03 04", STAPLE_EXT_IN_RESPONSE, 0,
	 {{0, 0, 0}}, STAPLE_ERR_TRUNCATED},
	/* A place that enum staple_ext_place does not define. */
	{"bad_place", E_NONCE, 7, 0, {{0, 0, 0}}, STAPLE_ERR_ARGUMENT},
};

static void test_iter(size_t row)
{
	const struct iter_case *tc = &iter_cases[row];
	size_t len, i;
	uint8_t *der = test_hex(tc->hex, &len);
	struct staple_slice list = {len > 0 ? der : NULL, len};
	struct staple_ext_iter it;
	struct staple_ext ext;
	struct staple_slice before;
	int err;

	staple_ext_iter_init(&it, list, tc->place);
	for (i = 0; i < tc->n; i++) {
		err = staple_ext_next(&it, &ext);
		ck_assert_msg(err == STAPLE_OK, "%s: entry %zu: %s", tc->name,
		              i, staple_errname(err));
		ck_assert_int_eq(ext.kind, tc->want[i].kind);
		ck_assert_int_eq(ext.critical, tc->want[i].critical);
		ck_assert_int_eq(ext.understood, tc->want[i].understood);
		ck_assert_ptr_eq(ext.whole.p + ext.whole.n, it.rest.p);
		ck_assert_str_eq(staple_ext_kind_name((int)ext.kind),
		                 staple_ext_kind_name((int)tc->want[i].kind));
	}
	before = it.rest;
	memset(&ext, 0x5a, sizeof ext);
	err = staple_ext_next(&it, &ext);
	ck_assert_msg(err == tc->err, "%s: %s, want %s", tc->name,
	              staple_errname(err), staple_errname(tc->err));
	/* a failure (and the end) resets *out and does not move */
	ck_assert_ptr_null(ext.oid.p);
	ck_assert_uint_eq(ext.value.n, 0);
	ck_assert_int_eq(ext.critical, 0);
	ck_assert_ptr_eq(it.rest.p, before.p);
	ck_assert_int_eq(staple_ext_next(&it, &ext), tc->err);
	free(der);
}

/* ---- the typed decoders --------------------------------------------- */

enum which {
	NONCE,
	CRL_ID,
	ARCHIVE_CUTOFF,
	INVALIDITY_DATE,
	ACCEPTABLE,
	LOCATOR,
	SCT_LIST
};

struct value_case {
	const char *name;
	enum which which;
	const char *hex; /* extnValue contents */
	int err;
	/* on success: */
	int form;        /* NONCE: enum staple_nonce_form */
	size_t n;        /* NONCE bytes, ACCEPTABLE / SCT_LIST count,
	                    CRL_ID number length */
	int64_t ms;      /* times, CRL_ID crlTime */
};

/* Name: CN=test; AIA: one ocsp access description, http://o */
#define NAME "30 0f 31 0d 30 0b 06 03 55 04 03 0c 04 74 65 73 74"
#define AD_OCSP "06 08 2b 06 01 05 05 07 30 01"
#define AIA "30 16 30 14 " AD_OCSP " 86 08 68 74 74 70 3a 2f 2f 6f"

/* One v1 SCT: log ID 11.., timestamp 2020-01-01, no extensions,
 * sha256/ecdsa, 4-octet signature; 51 octets. */
#define SCT_V1 \
	"00" \
	" 11 11 11 11 11 11 11 11 11 11 11 11 11 11 11 11" \
	" 11 11 11 11 11 11 11 11 11 11 11 11 11 11 11 11" \
	" 00 00 01 6f 5e 66 e8 00 00 00 04 03 00 04 de ad be ef"

static const struct value_case value_cases[] = {
	/* ---- nonce (RFC 6960 4.4.1, RFC 8954) ---- */
	{"nonce_octet_string", NONCE, "04 04 01 02 03 04", STAPLE_OK,
	 STAPLE_NONCE_OCTET_STRING, 4, 0},
	{"nonce_raw", NONCE, "01 02 03", STAPLE_OK, STAPLE_NONCE_RAW, 3, 0},
	/* one OCTET STRING and a byte more is not an OCTET STRING: raw */
	{"nonce_raw_octets_and_more", NONCE, "04 02 01 02 ff", STAPLE_OK,
	 STAPLE_NONCE_RAW, 5, 0},
	/* a non-minimal length is not DER, so not the OCTET STRING form */
	{"nonce_raw_long_length", NONCE, "04 81 01 aa", STAPLE_OK,
	 STAPLE_NONCE_RAW, 4, 0},
	/* Nonce ::= OCTET STRING (SIZE(1..32)) (RFC 8954 2.1) */
	{"nonce_empty_octet_string", NONCE, "04 00", STAPLE_ERR_EMPTY, 0, 0,
	 0},
	{"nonce_empty", NONCE, "", STAPLE_ERR_EMPTY, 0, 0, 0},

	/* ---- CrlID (RFC 6960 4.4.2) ---- */
	{"crl_id_all", CRL_ID,
	 "30 26 a0 0c 16 0a " URL " a1 03 02 01 01 a2 11 18 0f " T2020,
	 STAPLE_OK, 0, 1, MS2020},
	{"crl_id_none", CRL_ID, "30 00", STAPLE_OK, 0, 0, 0},
	{"crl_id_number", CRL_ID, "30 05 a1 03 02 01 01", STAPLE_OK, 0, 1, 0},
	/* [1] before [0]: a SEQUENCE's components come in their order, so
	 * the [0] is left over */
	{"crl_id_out_of_order", CRL_ID,
	 "30 0a a1 03 02 01 01 a0 03 16 01 41", STAPLE_ERR_TRAILING_DATA, 0,
	 0, 0},
	/* 0x80 is not an IA5 (ISO 646) character */
	{"crl_id_url_not_ia5", CRL_ID, "30 05 a0 03 16 01 80",
	 STAPLE_ERR_STRING, 0, 0, 0},
	/* crlUrl is an IA5String, not a UTF8String */
	{"crl_id_url_utf8", CRL_ID, "30 05 a0 03 0c 01 41", STAPLE_ERR_TAG, 0,
	 0, 0},
	/* 00 01: a leading zero octet (X.690 8.3.2) */
	{"crl_id_number_nonminimal", CRL_ID, "30 06 a1 04 02 02 00 01",
	 STAPLE_ERR_INTEGER, 0, 0, 0},
	/* EXPLICIT [0] holds exactly one element */
	{"crl_id_explicit_extra", CRL_ID, "30 07 a0 05 16 01 41 05 00",
	 STAPLE_ERR_TRAILING_DATA, 0, 0, 0},
	/* month 13 */
	{"crl_id_bad_time", CRL_ID, "30 13 a2 11 18 0f " T_MONTH13,
	 STAPLE_ERR_TIME, 0, 0, 0},
	{"crl_id_trailing", CRL_ID, "30 00 00", STAPLE_ERR_TRAILING_DATA, 0,
	 0, 0},
	/* a SET is not a SEQUENCE */
	{"crl_id_set", CRL_ID, "31 00", STAPLE_ERR_TAG, 0, 0, 0},

	/* ---- archive cutoff (4.4.4), invalidity date (RFC 5280 5.3.2) ---- */
	{"archive_cutoff", ARCHIVE_CUTOFF, "18 0f " T2020, STAPLE_OK, 0, 0,
	 MS2020},
	{"archive_cutoff_fraction", ARCHIVE_CUTOFF, "18 13 " T2020_FRAC,
	 STAPLE_OK, 0, 0, MS2020 + 123},
	/* GeneralizedTime, never UTCTime ("200101000000Z") */
	{"archive_cutoff_utc", ARCHIVE_CUTOFF,
	 "17 0d 32 30 30 31 30 31 30 30 30 30 30 30 5a", STAPLE_ERR_TAG, 0, 0,
	 0},
	{"archive_cutoff_trailing", ARCHIVE_CUTOFF, "18 0f " T2020 " 00",
	 STAPLE_ERR_TRAILING_DATA, 0, 0, 0},
	/* 15 octets announced, 2 there */
	{"archive_cutoff_truncated", ARCHIVE_CUTOFF, "18 0f 32 30",
	 STAPLE_ERR_TRUNCATED, 0, 0, 0},
	{"invalidity_date", INVALIDITY_DATE, "18 0f " T2020, STAPLE_OK, 0, 0,
	 MS2020},
	{"invalidity_date_month13", INVALIDITY_DATE, "18 0f " T_MONTH13,
	 STAPLE_ERR_TIME, 0, 0, 0},

	/* ---- acceptable responses (4.4.3) ---- */
	{"acceptable_one", ACCEPTABLE,
	 "30 0b 06 09 2b 06 01 05 05 07 30 01 01", STAPLE_OK, 0, 1, 0},
	{"acceptable_two", ACCEPTABLE,
	 "30 10 06 09 2b 06 01 05 05 07 30 01 01 06 03 2a 03 04", STAPLE_OK,
	 0, 2, 0},
	/* SEQUENCE OF without SIZE: empty is allowed */
	{"acceptable_none", ACCEPTABLE, "30 00", STAPLE_OK, 0, 0, 0},
	/* sub-identifier with a leading 80 (X.690 8.19.2) */
	{"acceptable_bad_oid", ACCEPTABLE, "30 04 06 02 80 01", STAPLE_ERR_OID,
	 0, 0, 0},
	{"acceptable_not_oid", ACCEPTABLE, "30 02 05 00", STAPLE_ERR_TAG, 0,
	 0, 0},
	{"acceptable_trailing", ACCEPTABLE, "30 00 00",
	 STAPLE_ERR_TRAILING_DATA, 0, 0, 0},

	/* ---- service locator (4.4.6) ---- */
	{"locator", LOCATOR, "30 29 " NAME " " AIA, STAPLE_OK, 0, 0, 0},
	/* AuthorityInfoAccessSyntax is SIZE (1..MAX) */
	{"locator_empty_aia", LOCATOR, "30 13 " NAME " 30 00",
	 STAPLE_ERR_EMPTY, 0, 0, 0},
	/* a GeneralName alternative is context-tagged; 16 is IA5String */
	{"locator_universal_name", LOCATOR,
	 "30 29 " NAME " 30 16 30 14 " AD_OCSP " 16 08 68 74 74 70 3a 2f 2f 6f",
	 STAPLE_ERR_TAG, 0, 0, 0},
	/* locator is not OPTIONAL */
	{"locator_missing", LOCATOR, "30 11 " NAME, STAPLE_ERR_TRUNCATED, 0,
	 0, 0},
	{"locator_extra", LOCATOR, "30 2b " NAME " " AIA " 05 00",
	 STAPLE_ERR_TRAILING_DATA, 0, 0, 0},
	/* issuer is a Name: a SEQUENCE OF SET, not a bare SET */
	{"locator_issuer_set", LOCATOR, "30 27 31 0d 30 0b 06 03 55 04 03 0c 04"
	 " 74 65 73 74 " AIA, STAPLE_ERR_TAG, 0, 0, 0},

	/* ---- SCT list (RFC 6962 3.3) ---- */
	{"sct_one", SCT_LIST, "04 37 00 35 00 33 " SCT_V1, STAPLE_OK, 0, 1,
	 MS2020},
	/* a v2 SCT is checked as a SerializedSCT only */
	{"sct_v1_and_v2", SCT_LIST, "04 3c 00 3a 00 33 " SCT_V1 " 00 03 01 aa bb",
	 STAPLE_OK, 0, 2, MS2020},
	/* sct_list<1..2^16-1>: empty */
	{"sct_empty_list", SCT_LIST, "04 02 00 00", STAPLE_ERR_EMPTY, 0, 0, 0},
	/* SerializedSCT<1..2^16-1>: empty */
	{"sct_empty_sct", SCT_LIST, "04 04 00 02 00 00", STAPLE_ERR_EMPTY, 0, 0,
	 0},
	/* the list length says 54, 53 octets follow */
	{"sct_list_too_long", SCT_LIST, "04 37 00 36 00 33 " SCT_V1,
	 STAPLE_ERR_TRUNCATED, 0, 0, 0},
	/* the list length says 52: one octet left after it */
	{"sct_list_too_short", SCT_LIST, "04 37 00 34 00 33 " SCT_V1,
	 STAPLE_ERR_TRAILING_DATA, 0, 0, 0},
	/* an SCT with one octet after its signature */
	{"sct_trailing_in_sct", SCT_LIST, "04 38 00 36 00 34 " SCT_V1 " ff",
	 STAPLE_ERR_TRAILING_DATA, 0, 0, 0},
	/* a v1 SCT of two octets: no room for the 32-octet log ID */
	{"sct_short_log_id", SCT_LIST, "04 06 00 04 00 02 00 11",
	 STAPLE_ERR_TRUNCATED, 0, 0, 0},
	/* the extnValue is the list itself, not an OCTET STRING holding it
	 * (BoringSSL's has_critical_ct_extension.der has "DEADBEEF") */
	{"sct_not_octet_string", SCT_LIST, "de ad be ef", STAPLE_ERR_TAG, 0, 0,
	 0},
	{"sct_trailing", SCT_LIST, "04 37 00 35 00 33 " SCT_V1 " 00",
	 STAPLE_ERR_TRAILING_DATA, 0, 0, 0},
};

/*
 * Every decoder on value[0..len) (an exact-size buffer): whatever the
 * result, every slice returned lies inside the input and a failure leaves
 * the outputs zeroed.  Returns the error of decoder `which`.
 */
static int inside(struct staple_slice s, const uint8_t *p, size_t n)
{
	if (s.p == NULL)
		return s.n == 0;
	return s.p >= p && s.n <= n && (size_t)(s.p - p) <= n - s.n;
}

static int run_all(const uint8_t *p, size_t n, enum which which)
{
	struct staple_slice v = {p, n}, s, list, cur, oid;
	enum staple_nonce_form form;
	struct staple_crl_id crl;
	struct staple_service_locator loc;
	struct staple_sct_iter it;
	struct staple_sct sct;
	struct staple_ext_iter ei;
	struct staple_ext ext;
	size_t count, k;
	int64_t ms;
	int errs[7], err;

	errs[NONCE] = staple_ext_nonce(v, &s, &form);
	TEST_ASSERT(inside(s, p, n));
	if (errs[NONCE] != STAPLE_OK)
		TEST_ASSERT(s.p == NULL && form == STAPLE_NONCE_NONE);
	errs[CRL_ID] = staple_ext_crl_id(v, &crl);
	TEST_ASSERT(inside(crl.url, p, n) && inside(crl.number, p, n));
	if (errs[CRL_ID] != STAPLE_OK)
		TEST_ASSERT(!crl.has_url && !crl.has_number && !crl.has_time &&
		            crl.time == 0);
	errs[ARCHIVE_CUTOFF] = staple_ext_archive_cutoff(v, &ms);
	if (errs[ARCHIVE_CUTOFF] != STAPLE_OK)
		TEST_ASSERT(ms == 0);
	errs[INVALIDITY_DATE] = staple_ext_invalidity_date(v, &ms);
	errs[ACCEPTABLE] = staple_ext_acceptable_responses(v, &list, &count);
	TEST_ASSERT(inside(list, p, n));
	cur = list;
	k = 0;
	while ((err = staple_ext_oid_next(&cur, &oid)) == STAPLE_OK) {
		TEST_ASSERT(inside(oid, p, n));
		k++;
	}
	TEST_ASSERT(err == STAPLE_ERR_END);
	TEST_ASSERT(k == count);
	errs[LOCATOR] = staple_ext_service_locator(v, &loc);
	TEST_ASSERT(inside(loc.issuer, p, n) && inside(loc.locator, p, n));
	errs[SCT_LIST] = staple_ext_sct_list(v, &it, &count);
	k = 0;
	while ((err = staple_sct_next(&it, &sct)) == STAPLE_OK) {
		TEST_ASSERT(inside(sct.whole, p, n) &&
		            inside(sct.log_id, p, n) &&
		            inside(sct.extensions, p, n) &&
		            inside(sct.signature, p, n));
		k++;
	}
	TEST_ASSERT(err == STAPLE_ERR_END);
	TEST_ASSERT(k == count);
	/* the same bytes as an Extensions list */
	staple_ext_iter_init(&ei, v, STAPLE_EXT_IN_RESPONSE);
	for (k = 0; k <= n && (err = staple_ext_next(&ei, &ext)) == STAPLE_OK;
	     k++)
		TEST_ASSERT(inside(ext.whole, p, n) && inside(ext.oid, p, n) &&
		            inside(ext.value, p, n));
	TEST_ASSERT(k <= n);
	for (k = 0; k < N_OF(errs); k++)
		TEST_ASSERT(errs[k] >= 0 && errs[k] < STAPLE_ERR_COUNT_ &&
		            errs[k] != STAPLE_ERR_END);
	return errs[which];
}

static void test_value(size_t i)
{
	const struct value_case tc = value_cases[i];
	size_t len;
	uint8_t *der = test_hex(tc.hex, &len);
	struct staple_slice v = {der, len}, s, list, oid;
	enum staple_nonce_form form;
	struct staple_crl_id crl;
	struct staple_service_locator loc;
	struct staple_sct_iter it;
	struct staple_sct sct;
	size_t count;
	int64_t ms;
	int err = run_all(der, len, tc.which);

	ck_assert_msg(err == tc.err, "%s: %s, want %s", tc.name,
	              staple_errname(err), staple_errname(tc.err));
	if (err != STAPLE_OK) {
		free(der);
		return;
	}
	switch (tc.which) {
	case NONCE:
		ck_assert_int_eq(staple_ext_nonce(v, &s, &form), STAPLE_OK);
		ck_assert_int_eq(form, tc.form);
		ck_assert_uint_eq(s.n, tc.n);
		ck_assert_ptr_eq(s.p + s.n, der + len);
		break;
	case CRL_ID:
		ck_assert_int_eq(staple_ext_crl_id(v, &crl), STAPLE_OK);
		ck_assert_uint_eq(crl.number.n, tc.n);
		ck_assert_int_eq(crl.has_number, tc.n > 0);
		ck_assert_int_eq(crl.has_time, tc.ms != 0);
		ck_assert(crl.time == tc.ms);
		if (crl.has_url)
			ck_assert(crl.url.n == 10 &&
			          memcmp(crl.url.p, "http://x/c", 10) == 0);
		break;
	case ARCHIVE_CUTOFF:
	case INVALIDITY_DATE:
		ck_assert_int_eq(staple_ext_archive_cutoff(v, &ms), STAPLE_OK);
		ck_assert(ms == tc.ms);
		break;
	case ACCEPTABLE:
		ck_assert_int_eq(
			staple_ext_acceptable_responses(v, &list, &count),
			STAPLE_OK);
		ck_assert_uint_eq(count, tc.n);
		if (count > 0) {
			ck_assert_int_eq(staple_ext_oid_next(&list, &oid),
			                 STAPLE_OK);
			ck_assert_uint_eq(oid.n, 9); /* id-pkix-ocsp-basic */
		}
		break;
	case LOCATOR:
		ck_assert_int_eq(staple_ext_service_locator(v, &loc),
		                 STAPLE_OK);
		ck_assert_uint_eq(loc.issuer.n, 17);
		ck_assert_uint_eq(loc.locator.n, 24);
		break;
	case SCT_LIST:
		ck_assert_int_eq(staple_ext_sct_list(v, &it, &count),
		                 STAPLE_OK);
		ck_assert_uint_eq(count, tc.n);
		ck_assert_int_eq(staple_sct_next(&it, &sct), STAPLE_OK);
		ck_assert_uint_eq(sct.version, 0);
		ck_assert_uint_eq(sct.log_id.n, 32);
		ck_assert_uint_eq(sct.log_id.p[0], 0x11);
		ck_assert(sct.timestamp == (uint64_t)tc.ms);
		ck_assert_uint_eq(sct.extensions.n, 0);
		ck_assert_uint_eq(sct.hash_alg, 4);
		ck_assert_uint_eq(sct.sig_alg, 3);
		ck_assert_uint_eq(sct.signature.n, 4);
		ck_assert_uint_eq(sct.signature.p[0], 0xde);
		if (count == 2) {
			ck_assert_int_eq(staple_sct_next(&it, &sct), STAPLE_OK);
			ck_assert_uint_eq(sct.version, 1);
			ck_assert_uint_eq(sct.whole.n, 3);
			ck_assert_ptr_null(sct.log_id.p);
		}
		ck_assert_int_eq(staple_sct_next(&it, &sct), STAPLE_ERR_END);
		break;
	}
	free(der);
}

/*
 * Every prefix and every single-byte change (each position, all 256
 * values) of every positive value and iterator vector, each in its own
 * exact-size buffer: no overread (ASan), every slice inside, no error
 * code outside the enum (run_all).
 */
static void mutate(const uint8_t *der, size_t len, enum which which)
{
	size_t i;
	unsigned v;

	for (i = 0; i <= len; i++) {
		uint8_t *copy = malloc(i > 0 ? i : 1);
		ck_assert_ptr_nonnull(copy);
		memcpy(copy, der, i);
		(void)run_all(i > 0 ? copy : NULL, i, which);
		free(copy);
	}
	for (i = 0; i < len; i++)
		for (v = 0; v < 256; v++) {
			uint8_t *copy = malloc(len);
			ck_assert_ptr_nonnull(copy);
			memcpy(copy, der, len);
			copy[i] = (uint8_t)v;
			(void)run_all(copy, len, which);
			free(copy);
		}
}

START_TEST(test_mutations)
{
	size_t i, len;

	for (i = 0; i < N_OF(value_cases); i++) {
		uint8_t *der;
		if (value_cases[i].err != STAPLE_OK)
			continue;
		der = test_hex(value_cases[i].hex, &len);
		mutate(der, len, value_cases[i].which);
		free(der);
	}
	for (i = 0; i < N_OF(iter_cases); i++) {
		uint8_t *der;
		if (iter_cases[i].err != STAPLE_ERR_END)
			continue;
		der = test_hex(iter_cases[i].hex, &len);
		mutate(der, len, NONCE);
		free(der);
	}
}
END_TEST

/* ---- fixtures and public vectors ------------------------------------ */

/*
 * Walk every Extensions list of a decoded response: none fails, and the
 * critical ones not understood add up to r->unknown_critical.  For each
 * kind, *found gets the extnValue of the last one seen.
 */
static void walk_response(const struct staple_response *r,
                          struct staple_slice found[9], const char *what)
{
	struct staple_ext_iter it;
	struct staple_ext ext;
	struct staple_single s;
	size_t i, unknown = 0;
	int err;

	memset(found, 0, 9 * sizeof found[0]);
	for (i = 0; i <= r->n_single; i++) {
		if (i == 0) {
			staple_ext_iter_init(&it, r->extensions,
			                     STAPLE_EXT_IN_RESPONSE);
		} else {
			ck_assert_int_eq(staple_single_at(r, i - 1, &s),
			                 STAPLE_OK);
			staple_ext_iter_init(&it, s.extensions,
			                     STAPLE_EXT_IN_SINGLE);
		}
		while ((err = staple_ext_next(&it, &ext)) == STAPLE_OK) {
			if (ext.critical && !ext.understood)
				unknown++;
			found[ext.kind] = ext.value;
		}
		ck_assert_msg(err == STAPLE_ERR_END, "%s: %s", what,
		              staple_errname(err));
	}
	ck_assert_msg(unknown == r->unknown_critical,
	              "%s: %zu unknown critical, decoder %zu", what, unknown,
	              r->unknown_critical);
}

static uint8_t *decode_file(const char *dir, const char *name,
                            struct staple_response *r)
{
	uint8_t *der;
	size_t len;

	if (test_read_in(dir, name, &der, &len) != 0)
		return NULL;
	ck_assert_int_eq(staple_decode(r, der, len), STAPLE_OK);
	return der;
}

START_TEST(test_fixtures)
{
	struct staple_response r;
	struct staple_slice found[9], nonce;
	enum staple_nonce_form form;
	int64_t ms;
	uint8_t *der;
	const char *dir = test_fixtures_dir();

	der = decode_file(dir, "nonce.der", &r);
	ck_assert_ptr_nonnull(der);
	walk_response(&r, found, "nonce.der");
	ck_assert_int_eq(staple_ext_nonce(found[STAPLE_EXT_NONCE], &nonce,
	                                  &form),
	                 STAPLE_OK);
	ck_assert_int_eq(form, STAPLE_NONCE_OCTET_STRING);
	ck_assert_uint_eq(nonce.n, 16);
	ck_assert_ptr_eq(nonce.p, r.nonce.p + 2);
	free(der);

	der = decode_file(dir, "single-ext-invalidity-date.der", &r);
	ck_assert_ptr_nonnull(der);
	walk_response(&r, found, "single-ext-invalidity-date.der");
	ck_assert_int_eq(staple_ext_invalidity_date(
	                         found[STAPLE_EXT_INVALIDITY_DATE], &ms),
	                 STAPLE_OK);
	ck_assert(ms == INT64_C(1733011200000)); /* 2024-12-01T00:00:00Z */
	free(der);

	der = decode_file(dir, "critical-unknown-both.der", &r);
	ck_assert_ptr_nonnull(der);
	ck_assert_uint_eq(r.unknown_critical, 2);
	walk_response(&r, found, "critical-unknown-both.der");
	free(der);
}
END_TEST

/* What named public vectors carry (skipped when ../shared/vectors is
 * not there). */
START_TEST(test_named_vectors)
{
	struct staple_response r;
	struct staple_slice found[9], nonce;
	struct staple_crl_id crl;
	struct staple_sct_iter it;
	enum staple_nonce_form form;
	const char *dir = test_vectors_dir();
	int64_t ms;
	uint8_t *der;

	der = decode_file(dir, "botan/bdr-ocsp-resp.der", &r);
	if (der != NULL) {
		walk_response(&r, found, "bdr-ocsp-resp.der");
		ck_assert_int_eq(staple_ext_archive_cutoff(
		                         found[STAPLE_EXT_ARCHIVE_CUTOFF], &ms),
		                 STAPLE_OK);
		ck_assert(ms == INT64_C(1479254400000)); /* 2016-11-16 */
		free(der);
	}
	der = decode_file(dir, "rustcrypto-x509-ocsp/ocsp-multiple-exts-res.der",
	                  &r);
	if (der != NULL) {
		walk_response(&r, found, "ocsp-multiple-exts-res.der");
		ck_assert_int_eq(staple_ext_archive_cutoff(
		                         found[STAPLE_EXT_ARCHIVE_CUTOFF], &ms),
		                 STAPLE_OK);
		ck_assert(ms == MS2020);
		ck_assert_int_eq(staple_ext_crl_id(found[STAPLE_EXT_CRL_ID],
		                                   &crl),
		                 STAPLE_OK);
		ck_assert(crl.has_url && crl.url.n == 20 &&
		          memcmp(crl.url.p, "http://127.0.0.1/crl", 20) == 0);
		ck_assert(crl.has_number && crl.number.n == 1 &&
		          crl.number.p[0] == 1);
		ck_assert(crl.has_time && crl.time == MS2020);
		ck_assert_int_eq(staple_ext_nonce(found[STAPLE_EXT_NONCE],
		                                  &nonce, &form),
		                 STAPLE_OK);
		ck_assert_int_eq(form, STAPLE_NONCE_OCTET_STRING);
		ck_assert_uint_eq(nonce.n, 32);
		free(der);
	}
	der = decode_file(dir, "boringssl/has_extension.der", &r);
	if (der != NULL) {
		walk_response(&r, found, "has_extension.der");
		/* 1.2.3.4, its extnValue the text "DEADBEEF" */
		ck_assert(found[STAPLE_EXT_UNKNOWN].n == 8 &&
		          memcmp(found[STAPLE_EXT_UNKNOWN].p, "DEADBEEF", 8) ==
		                  0);
		free(der);
	}
	der = decode_file(dir, "boringssl/has_critical_ct_extension.der", &r);
	if (der != NULL) {
		walk_response(&r, found, "has_critical_ct_extension.der");
		ck_assert_uint_eq(r.unknown_critical, 1);
		/* its extnValue is the text "DEADBEEF", not an OCTET STRING */
		ck_assert_int_eq(staple_ext_sct_list(found[STAPLE_EXT_SCT_LIST],
		                                     &it, NULL),
		                 STAPLE_ERR_TAG);
		free(der);
	}
}
END_TEST

/* Every public vector staple_decode() accepts: every list walks clean
 * and agrees with unknown_critical; every typed decoder stays inside. */
static void walk_dir(const char *path, size_t *files)
{
	DIR *d = opendir(path);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char sub[4096];
		size_t n = strlen(e->d_name), len, k;
		struct staple_response r;
		struct staple_slice found[9];
		uint8_t *der;

		if (e->d_name[0] == '.')
			continue;
		(void)snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
		if (n < 4 || strcmp(e->d_name + n - 4, ".der") != 0) {
			walk_dir(sub, files);
			continue;
		}
		if (test_read_file(sub, &der, &len) != 0)
			continue;
		if (staple_decode(&r, der, len) == STAPLE_OK) {
			walk_response(&r, found, sub);
			for (k = 1; k < 9; k++)
				if (found[k].p != NULL)
					(void)run_all(found[k].p, found[k].n,
					              NONCE);
			(*files)++;
		}
		free(der);
	}
	closedir(d);
}

START_TEST(test_all_vectors)
{
	size_t files = 0;

	walk_dir(test_vectors_dir(), &files);
	walk_dir(test_fixtures_dir(), &files);
	ck_assert_uint_gt(files, 0);
}
END_TEST

START_TEST(test_names)
{
	static const char *const names[] = {
		"", "nonce", "crl_id", "acceptable_responses",
		"archive_cutoff", "service_locator", "extended_revoke",
		"invalidity_date", "sct_list"};
	int k;

	for (k = 0; k < (int)N_OF(names); k++)
		ck_assert_str_eq(staple_ext_kind_name(k), names[k]);
	ck_assert_str_eq(staple_ext_kind_name(-1), "");
	ck_assert_str_eq(staple_ext_kind_name(9), "");
	ck_assert_int_eq(staple_ext_next(NULL, NULL), STAPLE_ERR_ARGUMENT);
}
END_TEST

TEST_ROWS(test_iter_rows, test_iter, N_OF(iter_cases))
TEST_ROWS(test_value_rows, test_value, N_OF(value_cases))

/*
 * More entries than the struct keeps: the one in the last slot is read
 * twice (once in turn, once more at the end to keep it), and its
 * critical extension the decoder does not understand still counts once.
 * BASE's entry, then four more; the fourth entry (index 3, the last
 * slot at the default STAPLE_MAX_SINGLE) has the extension.
 */
#define PLAIN_SINGLE "30{" CERT_ID " 80 00 " THIS_UPDATE "}"
#define CRITICAL_UNKNOWN_SINGLE                                            \
	"30{" CERT_ID " 80 00 " THIS_UPDATE                                 \
	" a1{30{30{06{2a 03 04} 01 01 ff 04{05 00}}}}}"
START_TEST(test_unknown_critical_past_the_kept)
{
	static const struct der_edit edits[DER_MAX_EDITS] = {
		AFTER("SingleResponse", PLAIN_SINGLE " " PLAIN_SINGLE " "
		      CRITICAL_UNKNOWN_SINGLE " " PLAIN_SINGLE),
		UNCHANGED,
	};
	struct staple_response r;
	struct staple_slice found[9];
	size_t len, offset;
	uint8_t *der = base_with(edits, &len, &offset);

	ck_assert_int_eq(staple_decode(&r, der, len), STAPLE_OK);
	ck_assert_uint_eq(r.n_single, 5);
	ck_assert_uint_eq(r.unknown_critical, 1);
	walk_response(&r, found, "five entries, the fourth critical");
	free(der);
}
END_TEST

Suite *ext_suite(void)
{
	Suite *s = suite_create("ext");
	TCase *tc = tcase_create("ext");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_iter_rows);
	tcase_add_test(tc, test_value_rows);
	tcase_add_test(tc, test_mutations);
	tcase_add_test(tc, test_fixtures);
	tcase_add_test(tc, test_unknown_critical_past_the_kept);
	tcase_add_test(tc, test_named_vectors);
	tcase_add_test(tc, test_all_vectors);
	tcase_add_test(tc, test_names);
	suite_add_tcase(s, tc);
	return s;
}
