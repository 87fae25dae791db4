/*
 * test_view.c -- the k6 object (staple_ocsp_view) and the name functions.
 *
 * The responses here are filled by hand, the way staple_decode() would
 * fill them (see the struct comments in staple.h), so each rule of "THE K6
 * VIEW" in staple.h is tested on its own.  test_ocsp.c checks the same view
 * on decoded fixtures.  The expected strings are k6's (DESIGN.md section 2)
 * and the header's, written out here, not read back from the library.
 */
#include "tests.h"
#include "staple.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

/* Distinct times so a field copied into the wrong slot shows. */
#define PRODUCED INT64_C(1704067200123)
#define THIS(i) (INT64_C(1704000000000) + (int64_t)(i) * 1000)
#define NEXT(i) (INT64_C(1704600000000) + (int64_t)(i) * 1000)
#define REVOKED(i) (INT64_C(1600000000000) + (int64_t)(i) * 1000)

/*
 * Entries of the hand-made response, in order.  They live in single[], so
 * a build with STAPLE_MAX_SINGLE below N_ENTRIES keeps only the first ones
 * and skips the cases of the others.
 */
enum { E_GOOD, E_REVOKED_KEY, E_REVOKED_NO_REASON, E_UNKNOWN, N_ENTRIES };
#define KEPT(i) ((size_t)(i) < STAPLE_MAX_SINGLE)

static void fill_single(struct staple_response *r, size_t i,
                        enum staple_ocsp_status st,
                        enum staple_ocsp_reason reason, int has_next)
{
	struct staple_single *s;

	if (!KEPT(i))
		return;
	s = &r->single[i];
	memset(s, 0, sizeof *s);
	s->hash = STAPLE_HASH_SHA1;
	s->cert_status = st;
	s->reason = reason;
	s->revoked_at = st == STAPLE_OCSP_STATUS_REVOKED ? REVOKED(i) : 0;
	s->this_update = THIS(i);
	s->has_next_update = has_next;
	s->next_update = has_next ? NEXT(i) : 0;
}

/*
 * A response as staple_decode() leaves it: for a successful one, four
 * entries (good with nextUpdate, revoked keyCompromise, revoked without a
 * reason and without nextUpdate, unknown); otherwise only the status.
 */
static void build(struct staple_response *r, enum staple_response_status st)
{
	memset(r, 0, sizeof *r);
	r->status = st;
	if (st != STAPLE_RESPONSE_SUCCESSFUL)
		return;
	r->version = 1;
	r->responder = STAPLE_RESPONDER_BY_KEY;
	r->produced_at = PRODUCED;
	r->n_single = KEPT(N_ENTRIES - 1) ? N_ENTRIES : STAPLE_MAX_SINGLE;
	fill_single(r, E_GOOD, STAPLE_OCSP_STATUS_GOOD,
	            STAPLE_OCSP_REASON_NONE, 1);
	fill_single(r, E_REVOKED_KEY, STAPLE_OCSP_STATUS_REVOKED,
	            STAPLE_OCSP_REASON_KEY_COMPROMISE, 1);
	fill_single(r, E_REVOKED_NO_REASON, STAPLE_OCSP_STATUS_REVOKED,
	            STAPLE_OCSP_REASON_NONE, 0);
	fill_single(r, E_UNKNOWN, STAPLE_OCSP_STATUS_UNKNOWN,
	            STAPLE_OCSP_REASON_NONE, 1);
}

/* Garbage in *out, so a field the view forgets to set shows. */
static void poison(struct staple_ocsp *out)
{
	memset(out, 0x5a, sizeof *out);
}

struct view_case {
	enum staple_response_status response_status;
	size_t n_single; /* overrides build()'s count when not SIZE_MAX */
	size_t index;
	int err;
	const char *status;  /* k6 name */
	const char *reason;  /* k6 name */
	int64_t produced_at, this_update, next_update, revoked_at;
	const char *why;
};

#define KEEP SIZE_MAX

static const struct view_case view_cases[] = {
	{ STAPLE_RESPONSE_SUCCESSFUL, KEEP, E_GOOD, STAPLE_OK, "good", "",
	  PRODUCED, THIS(0), NEXT(0), 0,
	  "good: reason \"\" (not k6's unspecified), revoked_at 0" },
	{ STAPLE_RESPONSE_SUCCESSFUL, KEEP, E_REVOKED_KEY, STAPLE_OK,
	  "revoked", "key_compromise", PRODUCED, THIS(1), NEXT(1), REVOKED(1),
	  "revoked with a reason: the reason and revocationTime" },
	{ STAPLE_RESPONSE_SUCCESSFUL, KEEP, E_REVOKED_NO_REASON, STAPLE_OK,
	  "revoked", "unspecified", PRODUCED, THIS(2), 0, REVOKED(2),
	  "revoked without a reason reads unspecified; no nextUpdate is 0" },
	{ STAPLE_RESPONSE_SUCCESSFUL, KEEP, E_UNKNOWN, STAPLE_OK, "unknown",
	  "", PRODUCED, THIS(3), NEXT(3), 0, "unknown: no reason, no revoked_at" },
	{ STAPLE_RESPONSE_SUCCESSFUL, KEEP, N_ENTRIES, STAPLE_ERR_RANGE,
	  "unknown", "", 0, 0, 0, 0,
	  "one past the last entry: RANGE and a zeroed object" },
	{ STAPLE_RESPONSE_SUCCESSFUL, KEEP, SIZE_MAX, STAPLE_ERR_RANGE,
	  "unknown", "", 0, 0, 0, 0, "SIZE_MAX: RANGE, no overflow" },
	{ STAPLE_RESPONSE_SUCCESSFUL, 1, 1, STAPLE_ERR_RANGE, "unknown", "",
	  0, 0, 0, 0, "an index past n_single though single[1] is filled" },
	{ STAPLE_RESPONSE_SUCCESSFUL, 0, 0, STAPLE_ERR_RANGE, "unknown", "",
	  0, 0, 0, 0, "an empty responses SEQUENCE has no entry 0" },
	/* Non-successful: server_failed, every time 0, index ignored. */
	{ STAPLE_RESPONSE_MALFORMED_REQUEST, KEEP, 0, STAPLE_OK,
	  "server_failed", "", 0, 0, 0, 0, "malformedRequest" },
	{ STAPLE_RESPONSE_INTERNAL_ERROR, KEEP, 0, STAPLE_OK, "server_failed",
	  "", 0, 0, 0, 0, "internalError" },
	{ STAPLE_RESPONSE_TRY_LATER, KEEP, 0, STAPLE_OK, "server_failed", "",
	  0, 0, 0, 0, "tryLater" },
	{ STAPLE_RESPONSE_SIG_REQUIRED, KEEP, 0, STAPLE_OK, "server_failed",
	  "", 0, 0, 0, 0, "sigRequired" },
	{ STAPLE_RESPONSE_UNAUTHORIZED, KEEP, 0, STAPLE_OK, "server_failed",
	  "", 0, 0, 0, 0, "unauthorized" },
	{ STAPLE_RESPONSE_TRY_LATER, KEEP, 3, STAPLE_OK, "server_failed", "",
	  0, 0, 0, 0, "tryLater, index 3: the index is ignored" },
	{ STAPLE_RESPONSE_UNAUTHORIZED, KEEP, SIZE_MAX, STAPLE_OK,
	  "server_failed", "", 0, 0, 0, 0,
	  "unauthorized, index SIZE_MAX: ignored, not RANGE" },
	/* A failed decode leaves status NONE: nothing to view. */
	{ STAPLE_RESPONSE_NONE, KEEP, 0, STAPLE_ERR_ARGUMENT, "unknown", "",
	  0, 0, 0, 0, "status NONE: the output of a failed decode" },
};

START_TEST(test_view_cases)
{
	const struct view_case *c = &view_cases[_i];
	struct staple_response r;
	struct staple_ocsp o;
	int err;

	if (c->err == STAPLE_OK && c->response_status ==
	    STAPLE_RESPONSE_SUCCESSFUL && !KEPT(c->index))
		return; /* this build keeps fewer entries */
	build(&r, c->response_status);
	if (c->n_single != KEEP)
		r.n_single = c->n_single;
	poison(&o);
	err = staple_ocsp_view(&r, c->index, &o);
	ck_assert_msg(err == c->err, "%s: got %s, want %s", c->why,
	              staple_errname(err), staple_errname(c->err));
	ck_assert_msg(strcmp(staple_ocsp_status_name((int)o.status), c->status) == 0,
	              "%s: status %d \"%s\", want \"%s\"", c->why, (int)o.status,
	              staple_ocsp_status_name((int)o.status), c->status);
	ck_assert_msg(strcmp(staple_ocsp_reason_name(o.revocation_reason),
	                     c->reason) == 0,
	              "%s: reason %d \"%s\", want \"%s\"", c->why,
	              (int)o.revocation_reason,
	              staple_ocsp_reason_name(o.revocation_reason), c->reason);
	if (c->reason[0] == '\0')
		ck_assert_int_eq(o.revocation_reason, STAPLE_OCSP_REASON_NONE);
	ck_assert_msg(o.produced_at == c->produced_at, "%s: produced_at %lld",
	              c->why, (long long)o.produced_at);
	ck_assert_msg(o.this_update == c->this_update, "%s: this_update %lld",
	              c->why, (long long)o.this_update);
	ck_assert_msg(o.next_update == c->next_update, "%s: next_update %lld",
	              c->why, (long long)o.next_update);
	ck_assert_msg(o.revoked_at == c->revoked_at, "%s: revoked_at %lld",
	              c->why, (long long)o.revoked_at);
}
END_TEST

/* Every CRLReason (RFC 5280 5.3.1) and its k6 name. */
static const struct {
	enum staple_ocsp_reason reason;
	int wire; /* the ENUMERATED value of RFC 5280 */
	const char *k6;
} reasons[] = {
	{ STAPLE_OCSP_REASON_UNSPECIFIED, 0, "unspecified" },
	{ STAPLE_OCSP_REASON_KEY_COMPROMISE, 1, "key_compromise" },
	{ STAPLE_OCSP_REASON_CA_COMPROMISE, 2, "ca_compromise" },
	{ STAPLE_OCSP_REASON_AFFILIATION_CHANGED, 3, "affiliation_changed" },
	{ STAPLE_OCSP_REASON_SUPERSEDED, 4, "superseded" },
	{ STAPLE_OCSP_REASON_CESSATION_OF_OPERATION, 5,
	  "cessation_of_operation" },
	{ STAPLE_OCSP_REASON_CERTIFICATE_HOLD, 6, "certificate_hold" },
	{ STAPLE_OCSP_REASON_REMOVE_FROM_CRL, 8, "remove_from_crl" },
	{ STAPLE_OCSP_REASON_PRIVILEGE_WITHDRAWN, 9, "privilege_withdrawn" },
	{ STAPLE_OCSP_REASON_AA_COMPROMISE, 10, "aa_compromise" },
};

#define N_REASONS (sizeof reasons / sizeof reasons[0])

/* A revoked entry carries its encoded reason through the view. */
START_TEST(test_view_every_reason)
{
	struct staple_response r;
	struct staple_ocsp o;

	if (!KEPT(E_REVOKED_KEY))
		return;
	build(&r, STAPLE_RESPONSE_SUCCESSFUL);
	r.single[E_REVOKED_KEY].reason = reasons[_i].reason;
	poison(&o);
	ck_assert_int_eq(staple_ocsp_view(&r, E_REVOKED_KEY, &o), STAPLE_OK);
	ck_assert_int_eq(o.status, STAPLE_OCSP_STATUS_REVOKED);
	ck_assert_int_eq(o.revocation_reason, reasons[_i].reason);
	ck_assert_int_eq((int)o.revocation_reason, reasons[_i].wire);
	ck_assert_str_eq(staple_ocsp_reason_name(o.revocation_reason),
	                 reasons[_i].k6);
	ck_assert_int_eq(o.revoked_at, REVOKED(E_REVOKED_KEY));
}
END_TEST

/*
 * The view states its rules in terms of the status, so it applies them
 * even to an entry filled by hand against the struct's own invariants:
 * a good or unknown entry never reads a reason or a revocation time.
 */
START_TEST(test_view_not_revoked_has_no_reason)
{
	struct staple_response r;
	struct staple_ocsp o;
	size_t idx = _i == 0 ? E_GOOD : E_UNKNOWN;

	if (!KEPT(idx))
		return;
	build(&r, STAPLE_RESPONSE_SUCCESSFUL);
	r.single[idx].reason = STAPLE_OCSP_REASON_KEY_COMPROMISE;
	r.single[idx].revoked_at = REVOKED(idx);
	poison(&o);
	ck_assert_int_eq(staple_ocsp_view(&r, idx, &o), STAPLE_OK);
	ck_assert_int_eq(o.revocation_reason, STAPLE_OCSP_REASON_NONE);
	ck_assert_str_eq(staple_ocsp_reason_name(o.revocation_reason), "");
	ck_assert_int_eq(o.revoked_at, 0);
}
END_TEST

/* A non-successful response reads all zero even with stale fields. */
START_TEST(test_view_server_failed_ignores_fields)
{
	struct staple_response r;
	struct staple_ocsp o;

	build(&r, STAPLE_RESPONSE_SUCCESSFUL);
	r.status = STAPLE_RESPONSE_INTERNAL_ERROR;
	poison(&o);
	ck_assert_int_eq(staple_ocsp_view(&r, E_REVOKED_KEY, &o), STAPLE_OK);
	ck_assert_int_eq(o.status, STAPLE_OCSP_STATUS_SERVER_FAILED);
	ck_assert_int_eq(o.revocation_reason, STAPLE_OCSP_REASON_NONE);
	ck_assert_int_eq(o.produced_at, 0);
	ck_assert_int_eq(o.this_update, 0);
	ck_assert_int_eq(o.next_update, 0);
	ck_assert_int_eq(o.revoked_at, 0);
}
END_TEST

/* NULL pointers: ARGUMENT, no crash, and a non-NULL output is zeroed. */
START_TEST(test_view_null)
{
	struct staple_response r;
	struct staple_ocsp o;

	build(&r, STAPLE_RESPONSE_SUCCESSFUL);
	poison(&o);
	ck_assert_int_eq(staple_ocsp_view(NULL, 0, &o), STAPLE_ERR_ARGUMENT);
	ck_assert_int_eq(o.status, STAPLE_OCSP_STATUS_UNKNOWN);
	ck_assert_int_eq(o.revocation_reason, STAPLE_OCSP_REASON_NONE);
	ck_assert_int_eq(o.produced_at, 0);
	ck_assert_int_eq(o.this_update, 0);
	ck_assert_int_eq(o.next_update, 0);
	ck_assert_int_eq(o.revoked_at, 0);
	ck_assert_int_eq(staple_ocsp_view(&r, 0, NULL), STAPLE_ERR_ARGUMENT);
}
END_TEST

/* Name functions: value, expected string ("" for undefined values). */
struct name_case {
	int value;
	const char *name;
};

static const struct name_case ocsp_status_names[] = {
	{ STAPLE_OCSP_STATUS_UNKNOWN, "unknown" },
	{ STAPLE_OCSP_STATUS_GOOD, "good" },
	{ STAPLE_OCSP_STATUS_REVOKED, "revoked" },
	{ STAPLE_OCSP_STATUS_SERVER_FAILED, "server_failed" },
	{ -1, "" }, { 4, "" }, { INT_MAX, "" }, { INT_MIN, "" },
};

static const struct name_case reason_names[] = {
	{ STAPLE_OCSP_REASON_NONE, "" },
	{ STAPLE_OCSP_REASON_UNSPECIFIED, "unspecified" },
	{ STAPLE_OCSP_REASON_KEY_COMPROMISE, "key_compromise" },
	{ STAPLE_OCSP_REASON_CA_COMPROMISE, "ca_compromise" },
	{ STAPLE_OCSP_REASON_AFFILIATION_CHANGED, "affiliation_changed" },
	{ STAPLE_OCSP_REASON_SUPERSEDED, "superseded" },
	{ STAPLE_OCSP_REASON_CESSATION_OF_OPERATION, "cessation_of_operation" },
	{ STAPLE_OCSP_REASON_CERTIFICATE_HOLD, "certificate_hold" },
	{ 7, "" }, /* unused in RFC 5280 */
	{ STAPLE_OCSP_REASON_REMOVE_FROM_CRL, "remove_from_crl" },
	{ STAPLE_OCSP_REASON_PRIVILEGE_WITHDRAWN, "privilege_withdrawn" },
	{ STAPLE_OCSP_REASON_AA_COMPROMISE, "aa_compromise" },
	{ 11, "" }, { -2, "" }, { INT_MAX, "" }, { INT_MIN, "" },
};

static const struct name_case response_status_names[] = {
	{ STAPLE_RESPONSE_SUCCESSFUL, "successful" },
	{ STAPLE_RESPONSE_MALFORMED_REQUEST, "malformed_request" },
	{ STAPLE_RESPONSE_INTERNAL_ERROR, "internal_error" },
	{ STAPLE_RESPONSE_TRY_LATER, "try_later" },
	{ 4, "" }, /* not used by RFC 6960 */
	{ STAPLE_RESPONSE_SIG_REQUIRED, "sig_required" },
	{ STAPLE_RESPONSE_UNAUTHORIZED, "unauthorized" },
	{ STAPLE_RESPONSE_NONE, "" }, { 7, "" }, { 257, "" }, { INT_MIN, "" },
};

static const struct name_case hash_names[] = {
	{ STAPLE_HASH_OTHER, "" },
	{ STAPLE_HASH_SHA1, "sha1" },
	{ STAPLE_HASH_SHA224, "sha224" },
	{ STAPLE_HASH_SHA256, "sha256" },
	{ STAPLE_HASH_SHA384, "sha384" },
	{ STAPLE_HASH_SHA512, "sha512" },
	{ STAPLE_HASH_SHA512 + 1, "" }, { -1, "" }, { INT_MAX, "" },
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

START_TEST(test_ocsp_status_name)
{
	const struct name_case *c = &ocsp_status_names[_i];
	ck_assert_ptr_nonnull(staple_ocsp_status_name(c->value));
	ck_assert_str_eq(staple_ocsp_status_name(c->value), c->name);
}
END_TEST

START_TEST(test_reason_name)
{
	const struct name_case *c = &reason_names[_i];
	ck_assert_ptr_nonnull(staple_ocsp_reason_name(c->value));
	ck_assert_str_eq(staple_ocsp_reason_name(c->value), c->name);
}
END_TEST

START_TEST(test_response_status_name)
{
	const struct name_case *c = &response_status_names[_i];
	ck_assert_ptr_nonnull(staple_response_status_name(c->value));
	ck_assert_str_eq(staple_response_status_name(c->value), c->name);
}
END_TEST

START_TEST(test_hash_name)
{
	const struct name_case *c = &hash_names[_i];
	ck_assert_ptr_nonnull(staple_hash_name(c->value));
	ck_assert_str_eq(staple_hash_name(c->value), c->name);
}
END_TEST

/* The wire values the header promises (RFC 6960 4.2.1, RFC 5280 5.3.1). */
START_TEST(test_wire_values)
{
	ck_assert_int_eq(STAPLE_RESPONSE_SUCCESSFUL, 0);
	ck_assert_int_eq(STAPLE_RESPONSE_MALFORMED_REQUEST, 1);
	ck_assert_int_eq(STAPLE_RESPONSE_INTERNAL_ERROR, 2);
	ck_assert_int_eq(STAPLE_RESPONSE_TRY_LATER, 3);
	ck_assert_int_eq(STAPLE_RESPONSE_SIG_REQUIRED, 5);
	ck_assert_int_eq(STAPLE_RESPONSE_UNAUTHORIZED, 6);
	ck_assert_int_eq(STAPLE_OCSP_STATUS_UNKNOWN, 0); /* zeroed: not good */
	ck_assert_int_eq(STAPLE_RESPONDER_BY_NAME, 1);   /* [1] */
	ck_assert_int_eq(STAPLE_RESPONDER_BY_KEY, 2);    /* [2] */
	ck_assert_int_eq(STAPLE_OK, 0);
}
END_TEST

/* Every error code has the name of its enum constant, minus the prefix. */
static const char *const err_names[STAPLE_ERR_COUNT_] = {
	[STAPLE_OK] = "OK",
	[STAPLE_ERR_ARGUMENT] = "ARGUMENT",
	[STAPLE_ERR_TRUNCATED] = "TRUNCATED",
	[STAPLE_ERR_TAG] = "TAG",
	[STAPLE_ERR_INDEFINITE_LENGTH] = "INDEFINITE_LENGTH",
	[STAPLE_ERR_LONG_LENGTH] = "LONG_LENGTH",
	[STAPLE_ERR_NONMINIMAL_LENGTH] = "NONMINIMAL_LENGTH",
	[STAPLE_ERR_INTEGER] = "INTEGER",
	[STAPLE_ERR_BOOLEAN] = "BOOLEAN",
	[STAPLE_ERR_NULL] = "NULL",
	[STAPLE_ERR_BIT_STRING] = "BIT_STRING",
	[STAPLE_ERR_OID] = "OID",
	[STAPLE_ERR_TIME] = "TIME",
	[STAPLE_ERR_TRAILING_DATA] = "TRAILING_DATA",
	[STAPLE_ERR_SET_ORDER] = "SET_ORDER",
	[STAPLE_ERR_ENCODED_DEFAULT] = "ENCODED_DEFAULT",
	[STAPLE_ERR_EMPTY] = "EMPTY",
	[STAPLE_ERR_RESPONSE_STATUS] = "RESPONSE_STATUS",
	[STAPLE_ERR_RESPONSE_TYPE] = "RESPONSE_TYPE",
	[STAPLE_ERR_VERSION] = "VERSION",
	[STAPLE_ERR_REASON] = "REASON",
	[STAPLE_ERR_MISSING] = "MISSING",
	[STAPLE_ERR_UNEXPECTED] = "UNEXPECTED",
	[STAPLE_ERR_DUPLICATE_EXTENSION] = "DUPLICATE_EXTENSION",
	[STAPLE_ERR_LIMIT] = "LIMIT",
	[STAPLE_ERR_RANGE] = "RANGE",
	[STAPLE_ERR_KEY] = "KEY",
	[STAPLE_ERR_ALGORITHM_MISMATCH] = "ALGORITHM_MISMATCH",
	[STAPLE_ERR_ALGORITHM_PARAMS] = "ALGORITHM_PARAMS",
	[STAPLE_ERR_NOT_SUCCESSFUL] = "NOT_SUCCESSFUL",
	[STAPLE_ERR_SIGNER_NOT_FOUND] = "SIGNER_NOT_FOUND",
	[STAPLE_ERR_RESPONDER_CERT] = "RESPONDER_CERT",
	[STAPLE_ERR_UNSUPPORTED_ALGORITHM] = "UNSUPPORTED_ALGORITHM",
	[STAPLE_ERR_KEY_MISMATCH] = "KEY_MISMATCH",
	[STAPLE_ERR_SIGNATURE] = "SIGNATURE",
	[STAPLE_ERR_RESPONDER_ISSUER] = "RESPONDER_ISSUER",
	[STAPLE_ERR_RESPONDER_EKU] = "RESPONDER_EKU",
	[STAPLE_ERR_RESPONDER_NOT_YET_VALID] = "RESPONDER_NOT_YET_VALID",
	[STAPLE_ERR_RESPONDER_EXPIRED] = "RESPONDER_EXPIRED",
	[STAPLE_ERR_RESPONDER_CRITICAL] = "RESPONDER_CRITICAL",
	[STAPLE_ERR_CERTID_HASH] = "CERTID_HASH",
	[STAPLE_ERR_CERTID_SERIAL] = "CERTID_SERIAL",
	[STAPLE_ERR_CERTID_NAME_HASH] = "CERTID_NAME_HASH",
	[STAPLE_ERR_CERTID_KEY_HASH] = "CERTID_KEY_HASH",
	[STAPLE_ERR_CRITICAL_EXTENSION] = "CRITICAL_EXTENSION",
	[STAPLE_ERR_NOT_YET_VALID] = "NOT_YET_VALID",
	[STAPLE_ERR_EXPIRED] = "EXPIRED",
	[STAPLE_ERR_ABI] = "ABI",
	[STAPLE_ERR_END] = "END",
	[STAPLE_ERR_STRING] = "STRING",
};

START_TEST(test_errname)
{
	ck_assert_msg(err_names[_i] != NULL,
	              "code %d has no name in this test's table", _i);
	ck_assert_str_eq(staple_errname(_i), err_names[_i]);
}
END_TEST

/* Messages and names: never NULL, never empty, no two alike. */
START_TEST(test_strerror_distinct)
{
	int i, j;

	for (i = 0; i < STAPLE_ERR_COUNT_; i++) {
		const char *m = staple_strerror(i), *n = staple_errname(i);
		ck_assert_msg(m != NULL && m[0] != '\0', "no message for %d", i);
		ck_assert_msg(n != NULL && n[0] != '\0', "no name for %d", i);
		for (j = 0; j < i; j++) {
			ck_assert_msg(strcmp(m, staple_strerror(j)) != 0,
			              "codes %d and %d share message \"%s\"", i,
			              j, m);
			ck_assert_msg(strcmp(n, staple_errname(j)) != 0,
			              "codes %d and %d share name \"%s\"", i, j,
			              n);
		}
	}
	/* Out of range: still a string, and not a real code's. */
	for (i = 0; i < 2; i++) {
		int code = i == 0 ? -1 : STAPLE_ERR_COUNT_;
		ck_assert_ptr_nonnull(staple_strerror(code));
		ck_assert_ptr_nonnull(staple_errname(code));
		for (j = 0; j < STAPLE_ERR_COUNT_; j++)
			ck_assert_str_ne(staple_errname(code),
			                 staple_errname(j));
	}
	ck_assert_ptr_nonnull(staple_strerror(INT_MAX));
	ck_assert_ptr_nonnull(staple_errname(INT_MIN));
}
END_TEST

Suite *view_suite(void)
{
	Suite *s = suite_create("view");
	TCase *tc = tcase_create("k6");

	tcase_add_loop_test(tc, test_view_cases, 0, (int)N_OF(view_cases));
	tcase_add_loop_test(tc, test_view_every_reason, 0, (int)N_REASONS);
	tcase_add_loop_test(tc, test_view_not_revoked_has_no_reason, 0, 2);
	tcase_add_test(tc, test_view_server_failed_ignores_fields);
	tcase_add_test(tc, test_view_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("names");
	tcase_add_loop_test(tc, test_ocsp_status_name, 0,
	                    (int)N_OF(ocsp_status_names));
	tcase_add_loop_test(tc, test_reason_name, 0, (int)N_OF(reason_names));
	tcase_add_loop_test(tc, test_response_status_name, 0,
	                    (int)N_OF(response_status_names));
	tcase_add_loop_test(tc, test_hash_name, 0, (int)N_OF(hash_names));
	tcase_add_test(tc, test_wire_values);
	tcase_add_loop_test(tc, test_errname, 0, STAPLE_ERR_COUNT_);
	tcase_add_test(tc, test_strerror_distinct);
	suite_add_tcase(s, tc);
	return s;
}
