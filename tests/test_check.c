/*
 * test_check.c -- staple_check(): one verdict per staple, each rule of
 * "THE CHECK" in staple.h on generated fixtures, verified for real with
 * the default crypto provider where the row says so.
 *
 * The fixtures' times (tests/fixtures/fixtures.tsv): thisUpdate
 * 2025-01-01T00:00:00Z, nextUpdate 2025-01-08T00:00:00Z.
 */
#include "tests.h"
#include "backend.h"
#include "staple.h"
#include "tool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HOUR INT64_C(3600000)
#define DAY (24 * HOUR)
#define THIS_UPDATE INT64_C(1735689600000) /* 2025-01-01T00:00:00Z */
#define NEXT_UPDATE INT64_C(1736294400000) /* 2025-01-08T00:00:00Z */

enum verify_mode {
	UNVERIFIED,   /* verified NULL */
	VERIFY,       /* staple_verify() with the issuer and the leaf */
	VERIFY_ISSUER /* with the issuer only */
};

struct check_case {
	const char *file; /* tests/fixtures/FILE.der, NULL: no staple */
	enum verify_mode verify;
	int64_t now;
	int require_staple, must_staple;
	enum staple_check_status status;
	enum staple_check_reason reason;
	int verdict;      /* what the verification said */
	size_t index;     /* the entry judged, when there is one */
};

static const struct check_case check_cases[] = {
	/* good, verified, nextUpdate 6 days ahead */
	{"le-like-p256", VERIFY, THIS_UPDATE + DAY, 0, 0, STAPLE_CHECK_OK,
	 STAPLE_CHECK_GOOD, STAPLE_OK, 0},
	/* the same without an issuer: good and fresh, but nobody verified */
	{"le-like-p256", UNVERIFIED, THIS_UPDATE + DAY, 0, 0,
	 STAPLE_CHECK_WARNING, STAPLE_CHECK_NOT_VERIFIED, STAPLE_OK, 0},
	/* nextUpdate within 2 days (the warn default), not within 12 h */
	{"le-like-p256", VERIFY, NEXT_UPDATE - 2 * DAY, 0, 0,
	 STAPLE_CHECK_WARNING, STAPLE_CHECK_EXPIRES_SOON, STAPLE_OK, 0},
	{"le-like-p256", VERIFY, NEXT_UPDATE - 2 * DAY - 1, 0, 0,
	 STAPLE_CHECK_OK, STAPLE_CHECK_GOOD, STAPLE_OK, 0},
	/* within 12 hours: critical */
	{"le-like-p256", VERIFY, NEXT_UPDATE - 12 * HOUR, 0, 0,
	 STAPLE_CHECK_CRITICAL, STAPLE_CHECK_EXPIRES_SOON, STAPLE_OK, 0},
	/* past nextUpdate but within the skew: still critical, not expired */
	{"le-like-p256", UNVERIFIED, NEXT_UPDATE + 300000, 0, 0,
	 STAPLE_CHECK_CRITICAL, STAPLE_CHECK_EXPIRES_SOON, STAPLE_OK, 0},
	/* expired: by the verifier's verdict, and by staple_check's own
	 * window when unverified */
	{"le-like-p256", VERIFY, NEXT_UPDATE + 300001, 0, 0,
	 STAPLE_CHECK_CRITICAL, STAPLE_CHECK_EXPIRED, STAPLE_ERR_EXPIRED, 0},
	{"le-like-p256", UNVERIFIED, NEXT_UPDATE + 300001, 0, 0,
	 STAPLE_CHECK_CRITICAL, STAPLE_CHECK_EXPIRED, STAPLE_OK, 0},
	/* not yet valid, likewise */
	{"le-like-p256", VERIFY, THIS_UPDATE - 300001, 0, 0,
	 STAPLE_CHECK_CRITICAL, STAPLE_CHECK_NOT_YET_VALID,
	 STAPLE_ERR_NOT_YET_VALID, 0},
	{"le-like-p256", UNVERIFIED, THIS_UPDATE - 300001, 0, 0,
	 STAPLE_CHECK_CRITICAL, STAPLE_CHECK_NOT_YET_VALID, STAPLE_OK, 0},
	/* revoked and unknown: verified, and still critical */
	{"revoked-key-compromise", VERIFY, THIS_UPDATE + DAY, 0, 0,
	 STAPLE_CHECK_CRITICAL, STAPLE_CHECK_REVOKED, STAPLE_OK, 0},
	{"cert-status-unknown", VERIFY, THIS_UPDATE + DAY, 0, 0,
	 STAPLE_CHECK_CRITICAL, STAPLE_CHECK_CERT_UNKNOWN, STAPLE_OK, 0},
	/* a failed verification wins over a good status: the answer is not
	 * authentic (the issuer of another fixture signs nothing here) */
	{"sig-ed25519-by-name", VERIFY, THIS_UPDATE + DAY, 0, 0,
	 STAPLE_CHECK_CRITICAL, STAPLE_CHECK_VERIFY_FAILED, -1, 0},
	/* an unknown critical extension fails verification */
	{"critical-unknown-single-ext", VERIFY, THIS_UPDATE + DAY, 0, 0,
	 STAPLE_CHECK_CRITICAL, STAPLE_CHECK_VERIFY_FAILED,
	 STAPLE_ERR_CRITICAL_EXTENSION, 0},
	/* no nextUpdate: newer information always exists */
	{"no-next-update", VERIFY, THIS_UPDATE + DAY, 0, 0,
	 STAPLE_CHECK_WARNING, STAPLE_CHECK_NO_NEXT_UPDATE, STAPLE_OK, 0},
	/* three entries, the leaf's revoked (index 1): verified, the
	 * matched one; unverified, the most severe, the same one */
	{"multi-3-entries", VERIFY, THIS_UPDATE + DAY, 0, 0,
	 STAPLE_CHECK_CRITICAL, STAPLE_CHECK_REVOKED, STAPLE_OK, 1},
	{"multi-3-entries", UNVERIFIED, THIS_UPDATE + DAY, 0, 0,
	 STAPLE_CHECK_CRITICAL, STAPLE_CHECK_REVOKED, STAPLE_OK, 1},
	/* not successful: tryLater, verified or not */
	{"try-later", UNVERIFIED, THIS_UPDATE, 0, 0, STAPLE_CHECK_CRITICAL,
	 STAPLE_CHECK_RESPONSE_STATUS, STAPLE_OK, 0},
	{"empty-responses", UNVERIFIED, THIS_UPDATE, 0, 0,
	 STAPLE_CHECK_CRITICAL, STAPLE_CHECK_NO_ENTRY, STAPLE_OK, 0},
	/* no staple: fine unless required or asked for by the leaf */
	{NULL, UNVERIFIED, THIS_UPDATE, 0, 0, STAPLE_CHECK_OK,
	 STAPLE_CHECK_NO_STAPLE, STAPLE_OK, 0},
	{NULL, UNVERIFIED, THIS_UPDATE, 1, 0, STAPLE_CHECK_CRITICAL,
	 STAPLE_CHECK_NO_STAPLE, STAPLE_OK, 0},
	{NULL, UNVERIFIED, THIS_UPDATE, 0, 1, STAPLE_CHECK_CRITICAL,
	 STAPLE_CHECK_MUST_STAPLE_MISSING, STAPLE_OK, 0},
};

#define N_CHECK (sizeof check_cases / sizeof check_cases[0])

/* FILE.der of the fixtures, and its issuer and leaf. */
struct loaded {
	struct staple_input in, issuer_in, leaf_in;
	struct staple_response r;
	struct staple_cert issuer, leaf;
};

static void load_companion(const char *file, const char *kind,
                           struct staple_input *in, struct staple_cert *c)
{
	char path[4096];
	struct staple_problem pb;

	ck_assert(snprintf(path, sizeof path, "%s/%s.%s.pem",
	                   test_fixtures_dir(), file, kind) < (int)sizeof path);
	ck_assert_msg(staple_input_load_cert(in, path, &pb) == 0, "%s: %s",
	              path, pb.message);
	ck_assert_int_eq(staple_cert_decode(c, in->der.p, in->der.n),
	                 STAPLE_OK);
}

START_TEST(check_rules)
{
	const struct check_case *c = &check_cases[_i];
	struct staple_check_policy p = {c->now, STAPLE_CHECK_SKEW_MS,
	                                STAPLE_CHECK_WARN_MS,
	                                STAPLE_CHECK_CRITICAL_MS,
	                                c->require_staple, c->must_staple};
	struct staple_verify_result vr;
	struct staple_check_result out;
	struct loaded *l = calloc(1, sizeof *l);
	const struct staple_response *r = NULL;
	int verdict = STAPLE_OK;

	ck_assert(l != NULL);
	if (c->file != NULL) {
		char path[4096];
		struct staple_problem pb;
		ck_assert(snprintf(path, sizeof path, "%s/%s.der",
		                   test_fixtures_dir(), c->file) <
		          (int)sizeof path);
		ck_assert_msg(staple_input_load(&l->in, path, &pb) == 0,
		              "%s", pb.message);
		ck_assert_int_eq(staple_decode(&l->r, l->in.der.p, l->in.der.n),
		                 STAPLE_OK);
		r = &l->r;
	}
	if (c->verify != UNVERIFIED) {
		/* sig-ed25519-by-name: checked against le-like-p256's issuer */
		const char *issuer = c->verdict == -1 ? "le-like-p256" : c->file;
		load_companion(issuer, "issuer", &l->issuer_in, &l->issuer);
		if (c->verify == VERIFY)
			load_companion(c->file, "cert", &l->leaf_in, &l->leaf);
		verdict = staple_verify(r, staple_crypto_find(NULL), &l->issuer,
		                        c->verify == VERIFY ? &l->leaf : NULL,
		                        c->now, STAPLE_CHECK_SKEW_MS, &vr);
		if (c->verdict != -1)
			ck_assert_msg(verdict == c->verdict, "%s: verdict %s",
			              c->file, staple_errname(verdict));
		else
			ck_assert_int_ne(verdict, STAPLE_OK);
	}
	ck_assert_int_eq(staple_check(r, verdict,
	                              c->verify != UNVERIFIED ? &vr : NULL, &p,
	                              &out),
	                 STAPLE_OK);
	ck_assert_msg(out.status == c->status && out.reason == c->reason,
	              "%s: %s %s, want %s %s", c->file ? c->file : "(none)",
	              staple_check_status_name((int)out.status),
	              staple_check_reason_name((int)out.reason),
	              staple_check_status_name((int)c->status),
	              staple_check_reason_name((int)c->reason));
	ck_assert_int_eq(out.verdict, verdict);
	if (out.has_entry) {
		ck_assert_uint_eq(out.index, c->index);
		if (out.has_next_update)
			ck_assert(out.next_update_in == NEXT_UPDATE - c->now);
	}
	/* an entry is judged exactly when there is one to judge */
	ck_assert_int_eq(out.has_entry,
	                 r != NULL &&
	                         r->status == STAPLE_RESPONSE_SUCCESSFUL &&
	                         r->n_single > 0);
	staple_input_free(&l->in);
	staple_input_free(&l->issuer_in);
	staple_input_free(&l->leaf_in);
	free(l);
}
END_TEST

/* Bad arguments: ARGUMENT, and an UNKNOWN, zeroed result. */
START_TEST(check_arguments)
{
	const int64_t limit = INT64_C(1) << 48;
	struct staple_check_policy ok = {THIS_UPDATE, 0, 0, 0, 0, 0}, p;
	struct staple_response none;
	struct staple_check_result out;

	memset(&none, 0, sizeof none);
	none.status = STAPLE_RESPONSE_NONE; /* what a failed decode leaves */
	ck_assert_int_eq(staple_check(NULL, 0, NULL, &ok, NULL),
	                 STAPLE_ERR_ARGUMENT);
	ck_assert_int_eq(staple_check(NULL, 0, NULL, NULL, &out),
	                 STAPLE_ERR_ARGUMENT);
	ck_assert_int_eq(out.status, STAPLE_CHECK_UNKNOWN);
	ck_assert_int_eq(staple_check(&none, 0, NULL, &ok, &out),
	                 STAPLE_ERR_ARGUMENT);
	p = ok;
	p.skew_ms = -1;
	ck_assert_int_eq(staple_check(NULL, 0, NULL, &p, &out),
	                 STAPLE_ERR_ARGUMENT);
	p = ok;
	p.warn_ms = limit;
	ck_assert_int_eq(staple_check(NULL, 0, NULL, &p, &out),
	                 STAPLE_ERR_ARGUMENT);
	p = ok;
	p.critical_ms = -1;
	ck_assert_int_eq(staple_check(NULL, 0, NULL, &p, &out),
	                 STAPLE_ERR_ARGUMENT);
	p = ok;
	p.now_ms = -limit;
	ck_assert_int_eq(staple_check(NULL, 0, NULL, &p, &out),
	                 STAPLE_ERR_ARGUMENT);
	ck_assert_int_eq(out.status, STAPLE_CHECK_UNKNOWN);
	ck_assert_int_eq(out.reason, 0);
	p.now_ms = limit - 1; /* the edges are fine */
	ck_assert_int_eq(staple_check(NULL, 0, NULL, &p, &out), STAPLE_OK);
}
END_TEST

/* The names, as the header spells them. */
START_TEST(check_names)
{
	ck_assert_str_eq(staple_check_status_name(STAPLE_CHECK_OK), "ok");
	ck_assert_str_eq(staple_check_status_name(STAPLE_CHECK_WARNING),
	                 "warning");
	ck_assert_str_eq(staple_check_status_name(STAPLE_CHECK_CRITICAL),
	                 "critical");
	ck_assert_str_eq(staple_check_status_name(STAPLE_CHECK_UNKNOWN),
	                 "unknown");
	ck_assert_str_eq(staple_check_status_name(4), "");
	ck_assert_str_eq(staple_check_status_name(-1), "");
	ck_assert_str_eq(staple_check_reason_name(STAPLE_CHECK_GOOD), "good");
	ck_assert_str_eq(
		staple_check_reason_name(STAPLE_CHECK_MUST_STAPLE_MISSING),
		"must_staple_missing");
	ck_assert_str_eq(staple_check_reason_name(STAPLE_CHECK_CERT_UNKNOWN),
	                 "cert_unknown");
	ck_assert_str_eq(staple_check_reason_name(13), "");
	ck_assert_str_eq(staple_check_reason_name(-1), "");
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("check");
	TCase *tc = tcase_create("check");

	tcase_add_loop_test(tc, check_rules, 0, (int)N_CHECK);
	tcase_add_test(tc, check_arguments);
	tcase_add_test(tc, check_names);
	suite_add_tcase(s, tc);
	return s;
}
