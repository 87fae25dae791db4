/*
 * test_verify.c -- staple_verify() with both crypto providers.
 *
 * The truth is tests/fixtures/verify/verify.tsv, written by the generator
 * from the same table that built the fixtures (tests/fixtures/README.md):
 * one row per verification, its expected verdict for BearSSL and for
 * OpenSSL, the entry that matches, the signer, must-staple and the status
 * of the matched entry.  Every row runs with every provider built in.
 *
 * Then forgeries: every single-bit change of a few good responses must
 * not verify unless it left the signed bytes, the signature and the
 * delegated certificate alone, and a change inside the signed bytes or
 * the signature must fail as a bad signature (or an unknown signer when
 * it hits the responderID).
 */
#include "tests.h"

#include "backend.h"
#include "staple.h"
#include "tool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The providers every row runs with, and the table column of each. */
static const struct {
	const struct staple_crypto *crypto;
	int column; /* 5 bearssl, 6 openssl */
} providers[] = {
	{&staple_crypto_bearssl, 5},
#ifdef STAPLE_HAVE_OPENSSL
	{&staple_crypto_openssl, 6},
#endif
};

/* ---- verify.tsv --------------------------------------------------------- */

#define MAX_ROWS 200
#define N_COLS 12

static char *table_text;
static char *rows[MAX_ROWS][N_COLS];
static size_t n_rows;

/*
 * Read the table once, before the tests fork (Check runs each test in a
 * child), so the loop below has exactly one iteration per row.  Returns
 * the number of rows, 0 when the table cannot be read or is malformed
 * (test_table_present then fails).
 */
static size_t table_load(void)
{
	uint8_t *buf;
	size_t len, r = 0;
	char *line, *next;

	if (test_read_in(test_fixtures_dir(), "verify/verify.tsv", &buf,
	                 &len) != 0)
		return 0;
	table_text = realloc(buf, len + 1);
	if (table_text == NULL)
		return 0;
	table_text[len] = '\0';
	for (line = table_text; line != NULL && *line != '\0'; line = next) {
		size_t c = 0;
		char *field = line;
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (r++ == 0)
			continue; /* the header */
		if (n_rows == MAX_ROWS)
			return n_rows = 0;
		while (c < N_COLS && field != NULL) {
			char *tab = strchr(field, '\t');
			if (tab != NULL)
				*tab++ = '\0';
			rows[n_rows][c++] = field;
			field = tab;
		}
		if (c != N_COLS || field != NULL)
			return n_rows = 0;
		n_rows++;
	}
	return n_rows;
}

START_TEST(test_table_present)
{
	ck_assert_msg(n_rows >= 50, "%s/verify/verify.tsv: %zu rows read",
	              test_fixtures_dir(), n_rows);
}
END_TEST

/* A fixture's companion file, read like the tool reads it. */
static void load_cert(const char *dir, const char *file, const char *kind,
                      struct staple_input *in, struct staple_cert *cert)
{
	char path[4096];
	struct staple_problem pb;
	int err;

	ck_assert(snprintf(path, sizeof path, "%s/%s.%s.pem", dir, file,
	                   kind) < (int)sizeof path);
	ck_assert_msg(staple_input_load_cert(in, path, &pb) == 0, "%s: %s",
	              path, pb.message);
	err = staple_cert_decode(cert, in->der.p, in->der.n);
	ck_assert_msg(err == STAPLE_OK, "%s: %s", path, staple_errname(err));
}

/* Everything one verification needs, read from files. */
struct subject {
	struct staple_input response_in, issuer_in, leaf_in;
	struct staple_response r;
	struct staple_cert issuer, leaf;
};

static void subject_load(struct subject *s, const char *dir,
                         const char *file)
{
	char path[4096];
	struct staple_problem pb;
	int err;

	memset(s, 0, sizeof *s);
	ck_assert(snprintf(path, sizeof path, "%s/%s.der", dir, file) <
	          (int)sizeof path);
	ck_assert_msg(staple_input_load(&s->response_in, path, &pb) == 0,
	              "%s: %s", path, pb.message);
	err = staple_decode(&s->r, s->response_in.der.p,
	                    s->response_in.der.n);
	ck_assert_msg(err == STAPLE_OK, "%s: %s", path, staple_errname(err));
	load_cert(dir, file, "issuer", &s->issuer_in, &s->issuer);
	load_cert(dir, file, "cert", &s->leaf_in, &s->leaf);
}

static void subject_free(struct subject *s)
{
	staple_input_free(&s->response_in);
	staple_input_free(&s->issuer_in);
	staple_input_free(&s->leaf_in);
}

static const char *verdict_name(int verdict, char *buf, size_t size)
{
	struct staple_buf b = {NULL, 0, 0};

	staple_verdict_name(&b, verdict);
	ck_assert(b.n < size);
	memcpy(buf, b.p, b.n);
	buf[b.n] = '\0';
	staple_buf_free(&b);
	return buf;
}

START_TEST(test_verify_row)
{
	char dir[4096], name[64];
	struct staple_verify_result res;
	struct subject s;
	int64_t at;
	size_t p;
	char **row;

	row = rows[_i];
	ck_assert(snprintf(dir, sizeof dir, "%s/verify", test_fixtures_dir()) <
	          (int)sizeof dir);
	subject_load(&s, dir, row[1]);
	ck_assert(staple_time_generalized((const uint8_t *)row[2],
	                                  strlen(row[2]), &at) == STAPLE_OK);
	for (p = 0; p < N_OF(providers); p++) {
		const char *want = row[providers[p].column];
		int verdict = staple_verify(&s.r, providers[p].crypto, &s.issuer,
		                            row[4][0] == '1' ? &s.leaf : NULL, at,
		                            atol(row[3]) * 1000, &res);
		ck_assert_msg(strcmp(verdict_name(verdict, name, sizeof name),
		                     want) == 0,
		              "%s with %s: %s, want %s (%s)", row[0],
		              providers[p].crypto->name, name, want, row[11]);
		if (strcmp(row[5], row[6]) != 0 && providers[p].column == 5)
			continue; /* the other columns describe the OpenSSL run */
		ck_assert_msg(strcmp(row[7], "-") == 0
		                      ? !res.matched
		                      : res.matched &&
		                                res.index == (size_t)atol(row[7]),
		              "%s with %s: index", row[0],
		              providers[p].crypto->name);
		ck_assert_str_eq(strcmp(row[8], "-") == 0 ? "" : row[8],
		                 staple_signer_name((int)res.signer));
		ck_assert_int_eq(res.must_staple, row[9][0] == '1');
		if (res.matched) {
			struct staple_ocsp o;
			ck_assert_int_eq(staple_ocsp_view(&s.r, res.index, &o),
			                 STAPLE_OK);
			ck_assert_str_eq(staple_ocsp_status_name((int)o.status),
			                 row[10]);
		} else if (s.r.status != STAPLE_RESPONSE_SUCCESSFUL) {
			ck_assert_str_eq(row[10], "server_failed");
		}
	}
	subject_free(&s);
}
END_TEST

/* ---- arguments ---------------------------------------------------------- */

START_TEST(test_arguments)
{
	struct staple_verify_result res;
	struct subject s;
	char dir[4096];
	const int64_t at = 1735776000000; /* 2025-01-02 */

	ck_assert(snprintf(dir, sizeof dir, "%s/verify", test_fixtures_dir()) <
	          (int)sizeof dir);
	subject_load(&s, dir, "sig-ecdsa-p256-sha256");
	ck_assert_int_eq(staple_verify(&s.r, &staple_crypto_bearssl, &s.issuer,
	                               &s.leaf, at, 300000, &res),
	                 STAPLE_OK);
	ck_assert_int_eq(staple_verify(NULL, &staple_crypto_bearssl, &s.issuer,
	                               &s.leaf, at, 0, &res),
	                 STAPLE_ERR_ARGUMENT);
	ck_assert_int_eq(staple_verify(&s.r, NULL, &s.issuer, &s.leaf, at, 0,
	                               &res),
	                 STAPLE_ERR_ARGUMENT);
	ck_assert_int_eq(staple_verify(&s.r, &staple_crypto_bearssl, NULL,
	                               &s.leaf, at, 0, &res),
	                 STAPLE_ERR_ARGUMENT);
	ck_assert_int_eq(staple_verify(&s.r, &staple_crypto_bearssl, &s.issuer,
	                               &s.leaf, at, 0, NULL),
	                 STAPLE_ERR_ARGUMENT);
	ck_assert_int_eq(staple_verify(&s.r, &staple_crypto_bearssl, &s.issuer,
	                               &s.leaf, at, -1, &res),
	                 STAPLE_ERR_ARGUMENT);
	ck_assert_int_eq(staple_verify(&s.r, &staple_crypto_bearssl, &s.issuer,
	                               &s.leaf, INT64_MAX, 0, &res),
	                 STAPLE_ERR_ARGUMENT);
	ck_assert_int_eq(staple_verify(&s.r, &staple_crypto_bearssl, &s.issuer,
	                               &s.leaf, at, INT64_MAX, &res),
	                 STAPLE_ERR_ARGUMENT);
	ck_assert(!res.matched && res.signer == STAPLE_SIGNER_NONE);
	/* a response that failed to decode is not verified */
	{
		struct staple_response bad;
		ck_assert_int_ne(staple_decode(&bad, (const uint8_t *)"\x30", 1),
		                 STAPLE_OK);
		ck_assert_int_eq(staple_verify(&bad, &staple_crypto_bearssl,
		                               &s.issuer, &s.leaf, at, 0, &res),
		                 STAPLE_ERR_ARGUMENT);
	}
	subject_free(&s);
}
END_TEST

/* A provider that has no hash at all can never say yes. */
static size_t no_hash(enum staple_hash alg, const uint8_t *data, size_t len,
                      uint8_t *out)
{
	(void)alg;
	(void)data;
	(void)len;
	(void)out;
	return 0;
}

static int yes(const struct staple_sigalg *alg,
               const struct staple_pubkey *key, const uint8_t *msg,
               size_t msg_len, const uint8_t *sig, size_t sig_len)
{
	(void)alg;
	(void)key;
	(void)msg;
	(void)msg_len;
	(void)sig;
	(void)sig_len;
	return STAPLE_OK;
}

START_TEST(test_provider_without_hashes)
{
	static const struct staple_crypto hashless = {"hashless", no_hash, yes};
	struct staple_verify_result res;
	struct subject s;
	char dir[4096];

	ck_assert(snprintf(dir, sizeof dir, "%s/verify", test_fixtures_dir()) <
	          (int)sizeof dir);
	/* byName: the signer is found, the CertID cannot be hashed */
	subject_load(&s, dir, "sig-rsa-pkcs1-sha256");
	ck_assert_int_eq(staple_verify(&s.r, &hashless, &s.issuer, &s.leaf,
	                               1735776000000, 300000, &res),
	                 STAPLE_ERR_CERTID_HASH);
	subject_free(&s);
	/* byKey: the signer cannot even be found */
	subject_load(&s, dir, "sig-ecdsa-p256-sha256");
	ck_assert_int_eq(staple_verify(&s.r, &hashless, &s.issuer, &s.leaf,
	                               1735776000000, 300000, &res),
	                 STAPLE_ERR_UNSUPPORTED_ALGORITHM);
	subject_free(&s);
}
END_TEST

/* ---- forgeries ---------------------------------------------------------- */

static int inside(struct staple_slice part, const uint8_t *base, size_t at)
{
	return part.p != NULL && (size_t)(part.p - base) <= at &&
	       at < (size_t)(part.p - base) + part.n;
}

static const char *const forged_bases[] = {
	"sig-ecdsa-p256-sha256", /* byKey, issuer-signed */
	"sig-rsa-pss-sha256",    /* byName, PSS */
	"delegated-by-key",      /* a delegated responder certificate */
};

START_TEST(test_forgeries)
{
	const int64_t at = 1735776000000; /* 2025-01-02, inside the window */
	struct staple_verify_result res;
	struct staple_response r;
	struct subject s;
	char dir[4096];
	uint8_t *copy;
	size_t n, bit, p, tried = 0, decoded = 0, verified = 0;

	ck_assert(snprintf(dir, sizeof dir, "%s/verify", test_fixtures_dir()) <
	          (int)sizeof dir);
	subject_load(&s, dir, forged_bases[_i]);
	n = s.response_in.der.n;
	copy = malloc(n);
	ck_assert_ptr_nonnull(copy);
	for (bit = 0; bit < 8 * n; bit++) {
		size_t byte = bit / 8;
		memcpy(copy, s.response_in.der.p, n);
		copy[byte] ^= (uint8_t)(0x80u >> (bit % 8));
		tried++;
		if (staple_decode(&r, copy, n) != STAPLE_OK)
			continue;
		decoded++;
		for (p = 0; p < N_OF(providers); p++) {
			int v = staple_verify(&r, providers[p].crypto,
			                      &s.issuer, &s.leaf, at, 300000,
			                      &res);
			int in_tbs = inside(s.r.tbs, s.response_in.der.p, byte);
			int in_sig = inside(s.r.signature, s.response_in.der.p,
			                    byte);
			int in_rid = inside(s.r.responder_id,
			                    s.response_in.der.p, byte);
			int in_cert = s.r.n_certs > 0 &&
			              inside(s.r.certs[0], s.response_in.der.p,
			                     byte);
			if (v == STAPLE_OK) {
				verified++;
				ck_assert_msg(!in_tbs && !in_sig && !in_cert,
				              "%s: bit %zu flipped still verifies "
				              "with %s",
				              forged_bases[_i], bit,
				              providers[p].crypto->name);
			}
			if ((in_tbs && !in_rid) || in_sig)
				ck_assert_msg(v == STAPLE_ERR_SIGNATURE,
				              "%s: bit %zu: %s with %s",
				              forged_bases[_i], bit,
				              staple_errname(v),
				              providers[p].crypto->name);
			if (in_rid)
				ck_assert_msg(v == STAPLE_ERR_SIGNER_NOT_FOUND ||
				                      v == STAPLE_ERR_SIGNATURE,
				              "%s: responderID bit %zu: %s",
				              forged_bases[_i], bit,
				              staple_errname(v));
		}
	}
	/* most flips still decode, so the verifier did the refusing */
	ck_assert_msg(decoded * 2 > tried, "%s: %zu of %zu decoded",
	              forged_bases[_i], decoded, tried);
	free(copy);
	subject_free(&s);
}
END_TEST

Suite *verify_suite(void)
{
	Suite *s = suite_create("verify");
	TCase *tc = tcase_create("table");

	tcase_add_test(tc, test_table_present);
	tcase_add_loop_test(tc, test_verify_row, 0, (int)table_load());
	tcase_add_test(tc, test_arguments);
	tcase_add_test(tc, test_provider_without_hashes);
	suite_add_tcase(s, tc);
	tc = tcase_create("forgeries");
	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, test_forgeries, 0, (int)N_OF(forged_bases));
	suite_add_tcase(s, tc);
	return s;
}
