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
/* BASE.KIND.pem, read like the tool reads it, and decoded. */
static void load_cert(const char *base, const char *kind,
                      struct staple_input *in, struct staple_cert *cert)
{
	char path[4096];
	struct staple_problem pb;
	int err;

	ck_assert(snprintf(path, sizeof path, "%s.%s.pem", base, kind) <
	          (int)sizeof path);
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

/*
 * DIR/FILE.der decoded, its issuer from DIR/FILE.ISSUER.pem and, when
 * leaf is 1, the leaf from DIR/FILE.cert.pem.
 */
static void subject_load_from(struct subject *s, const char *dir,
                              const char *file, const char *issuer,
                              int leaf)
{
	char base[4096], path[4200];
	struct staple_problem pb;
	int err;

	memset(s, 0, sizeof *s);
	ck_assert(snprintf(base, sizeof base, "%s/%s", dir, file) <
	          (int)sizeof base);
	ck_assert(snprintf(path, sizeof path, "%s.der", base) <
	          (int)sizeof path);
	ck_assert_msg(staple_input_load(&s->response_in, path, &pb) == 0,
	              "%s: %s", path, pb.message);
	err = staple_decode(&s->r, s->response_in.der.p,
	                    s->response_in.der.n);
	ck_assert_msg(err == STAPLE_OK, "%s: %s", path, staple_errname(err));
	load_cert(base, issuer, &s->issuer_in, &s->issuer);
	if (leaf)
		load_cert(base, "cert", &s->leaf_in, &s->leaf);
}

/* A generator fixture: issuer and leaf both ship. */
static void subject_load(struct subject *s, const char *dir,
                         const char *file)
{
	subject_load_from(s, dir, file, "issuer", 1);
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

static void test_verify_row(size_t i)
{
	char dir[4096], name[64];
	struct staple_verify_result res;
	struct subject s;
	int64_t at;
	size_t p;
	char **row;

	row = rows[i];
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

/*
 * RFC 4055 1.2: an issuer whose key is id-RSASSA-PSS signs with PSS only.
 * The fixtures' issuers have rsaEncryption keys; marking the decoded key
 * PSS-only is what staple_cert_decode() does for an id-RSASSA-PSS one.
 * Both providers must then refuse a PKCS#1 response and take a PSS one.
 */
START_TEST(test_pss_only_key)
{
	struct staple_verify_result res;
	struct subject s;
	char dir[4096];
	size_t p;

	ck_assert(snprintf(dir, sizeof dir, "%s/verify", test_fixtures_dir()) <
	          (int)sizeof dir);
	for (p = 0; p < N_OF(providers); p++) {
		subject_load(&s, dir, "sig-rsa-pkcs1-sha256");
		s.issuer.key.pss_only = 1;
		ck_assert_int_eq(staple_verify(&s.r, providers[p].crypto,
		                               &s.issuer, &s.leaf,
		                               1735776000000, 300000, &res),
		                 STAPLE_ERR_KEY_MISMATCH);
		subject_free(&s);
		subject_load(&s, dir, "sig-rsa-pss-sha256");
		s.issuer.key.pss_only = 1;
		ck_assert_int_eq(staple_verify(&s.r, providers[p].crypto,
		                               &s.issuer, &s.leaf,
		                               1735776000000, 300000, &res),
		                 STAPLE_OK);
		subject_free(&s);
	}
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

static void test_forgeries(size_t i)
{
	const int64_t at = 1735776000000; /* 2025-01-02, inside the window */
	struct staple_verify_result res;
	struct staple_response r;
	struct subject s;
	char dir[4096];
	uint8_t *copy;
	size_t n, bit, p, tried = 0, decoded = 0;
	int in_tbs, in_sig, in_rid, in_cert;

	ck_assert(snprintf(dir, sizeof dir, "%s/verify", test_fixtures_dir()) <
	          (int)sizeof dir);
	subject_load(&s, dir, forged_bases[i]);
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
		/* where the flipped byte is in the original */
		in_tbs = inside(s.r.tbs, s.response_in.der.p, byte);
		in_sig = inside(s.r.signature, s.response_in.der.p, byte);
		in_rid = inside(s.r.responder_id, s.response_in.der.p, byte);
		in_cert = s.r.n_certs > 0 &&
		          inside(s.r.certs[0], s.response_in.der.p, byte);
		for (p = 0; p < N_OF(providers); p++) {
			int v = staple_verify(&r, providers[p].crypto,
			                      &s.issuer, &s.leaf, at, 300000,
			                      &res);
			if (v == STAPLE_OK)
				ck_assert_msg(!in_tbs && !in_sig && !in_cert,
				              "%s: bit %zu flipped still verifies "
				              "with %s",
				              forged_bases[i], bit,
				              providers[p].crypto->name);
			if ((in_tbs && !in_rid) || in_sig)
				ck_assert_msg(v == STAPLE_ERR_SIGNATURE,
				              "%s: bit %zu: %s with %s",
				              forged_bases[i], bit,
				              staple_errname(v),
				              providers[p].crypto->name);
			if (in_rid)
				ck_assert_msg(v == STAPLE_ERR_SIGNER_NOT_FOUND ||
				                      v == STAPLE_ERR_SIGNATURE,
				              "%s: responderID bit %zu: %s",
				              forged_bases[i], bit,
				              staple_errname(v));
		}
	}
	/* most flips still decode, so the verifier did the refusing */
	ck_assert_msg(decoded * 2 > tried, "%s: %zu of %zu decoded",
	              forged_bases[i], decoded, tried);
	free(copy);
	subject_free(&s);
}

/* ---- ../shared/vectors ---------------------------------------------------- */

/*
 * The vectors that ship their issuer (MANIFEST.tsv lists the companions),
 * verified at the time their source's test uses ("produced": producedAt,
 * where the source checks no time), with the outcome their source
 * documents.  Where staple differs from the source, `why` says how:
 * staple has no maximum age and does not compare producedAt with the
 * certificate's validity (both are policy, not RFC 6960 rules); it does
 * not know the CT extension BoringSSL accepts as critical; it trusts only
 * the issuer and the certificates inside the response, so a responder
 * certificate passed out of band (RustCrypto's tests) is not found.
 */
struct vector_case {
	const char *file;
	const char *issuer; /* the companion: FILE.ISSUER.pem */
	int leaf;           /* FILE.cert.pem is passed */
	const char *at;     /* RFC 3339, or "produced" */
	int skew;           /* seconds */
	const char *bearssl, *openssl;
	const char *why;
};

static const struct vector_case vector_cases[] = {
	{"aws-lc/ocsp_response.der", "issuer", 1, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"aws-lc/ocsp_response_ca_signed.der", "issuer", 1, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"aws-lc/ocsp_response_expired_signer.der", "issuer", 1, "produced", 300,
	 "responder_eku", "responder_eku",
	 "aws-lc: must fail (expired signer, no EKU either)"},
	{"aws-lc/ocsp_response_no_nonce.der", "issuer", 1, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"aws-lc/ocsp_response_revoked.der", "issuer", 1, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"aws-lc/ocsp_response_revoked_sha256.der", "issuer", 1, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"aws-lc/ocsp_response_sha256.der", "issuer", 1, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"aws-lc/ocsp_response_unknown.der", "issuer", 1, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"aws-lc/ocsp_response_unknown_sha256.der", "issuer", 1, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"aws-lc/ocsp_response_wrong_signer_sha256.der", "issuer", 1, "produced", 300,
	 "responder_eku", "responder_eku",
	 "aws-lc: must fail (unauthorized signer)"},
	{"boringssl/bad_signature.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "signature", "signature",
	 "BoringSSL: invalid signature"},
	{"boringssl/future_response.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "not_yet_valid", "not_yet_valid",
	 "BoringSSL: thisUpdate after now"},
	{"boringssl/good_response.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"boringssl/good_response_next_update.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"boringssl/good_response_sha256.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"boringssl/has_critical_ct_extension.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "critical_extension", "critical_extension",
	 "BoringSSL knows the CT extension, staple does not"},
	{"boringssl/has_critical_response_extension.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "critical_extension", "critical_extension",
	 "BoringSSL: unknown critical extension"},
	{"boringssl/has_critical_single_extension.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "critical_extension", "critical_extension",
	 "BoringSSL: unknown critical extension"},
	{"boringssl/has_extension.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"boringssl/has_single_extension.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"boringssl/malformed_request.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "not_successful", "not_successful",
	 "BoringSSL: MALFORMED_REQUEST"},
	{"boringssl/missing_response.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "certid_serial", "certid_serial",
	 "BoringSSL: no response for the cert"},
	{"boringssl/multiple_response.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "ok", "ok",
	 "BoringSSL: UNKNOWN; the unknown entry wins"},
	{"boringssl/multiple_response_good_revoked.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "ok", "ok",
	 "BoringSSL: REVOKED; the revoked entry wins"},
	{"boringssl/ocsp_extra_certs.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"boringssl/ocsp_sign_bad_indirect.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "responder_eku", "responder_eku",
	 "BoringSSL: responder without OCSPSigning"},
	{"boringssl/ocsp_sign_indirect.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"boringssl/ocsp_sign_indirect_missing.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "signer_not_found", "signer_not_found",
	 "BoringSSL: signer not in the response"},
	{"boringssl/old_response.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "ok", "ok",
	 "BoringSSL max age 1 week: staple has no max age"},
	{"boringssl/other_response.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "certid_serial", "certid_serial",
	 "BoringSSL: response for another cert"},
	{"boringssl/produced_early_response.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "ok", "ok",
	 "BoringSSL checks producedAt vs the cert: staple does not"},
	{"boringssl/produced_late_response.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "ok", "ok",
	 "BoringSSL checks producedAt vs the cert: staple does not"},
	{"boringssl/responder_id.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"boringssl/revoke_response.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"boringssl/revoke_response_reason.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"boringssl/stale_response.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "expired", "expired",
	 "BoringSSL: nextUpdate before now"},
	{"boringssl/unknown_response.der", "issuer", 1, "2017-03-05T00:00:00Z", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"botan/bdr-int-ocsp-resp.der", "issuer", 1, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"botan/bdr-ocsp-resp.der", "issuer", 1, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"botan/cli-good-empty.der", "issuer", 1, "produced", 300,
	 "signature", "signature",
	 "Botan: empty signature must fail"},
	{"botan/cli-good-issuer.der", "issuer", 1, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"botan/mldsa_ocsp.der", "issuer", 1, "2026-08-13T12:00:00Z", 300,
	 "unsupported_algorithm", "unsupported_algorithm",
	 "ML-DSA: neither provider has it"},
	{"botan/mychain_ocsp_for_ee.der", "issuer", 1, "2022-09-22T23:30:00Z", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"botan/mychain_ocsp_for_ee_delegate_signed.der", "issuer", 1, "2022-09-22T23:30:00Z", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"botan/mychain_ocsp_for_ee_delegate_signed_malformed.der", "issuer", 1, "2022-09-22T23:30:00Z", 300,
	 "responder_eku", "responder_eku",
	 "Botan: responder lacks OCSPSigning"},
	{"botan/mychain_ocsp_for_ee_root_signed.der", "issuer", 1, "2022-09-22T23:30:00Z", 300,
	 "signer_not_found", "signer_not_found",
	 "Botan: signed by the root, unauthorized"},
	{"botan/mychain_ocsp_for_int_self_signed.der", "issuer", 1, "2022-09-22T23:30:00Z", 300,
	 "signer_not_found", "signer_not_found",
	 "Botan: self-signed by its subject, must fail"},
	{"botan/patrickschmidt_ocsp.der", "issuer", 1, "2019-05-28T07:30:00Z", 0,
	 "ok", "ok",
	 "source: verifies"},
	{"botan/patrickschmidt_ocsp.der", "issuer", 1, "2019-05-28T07:00:00Z", 0,
	 "not_yet_valid", "not_yet_valid",
	 "Botan: NOT_YET_VALID at 07:00Z (thisUpdate 07:00:12Z)"},
	{"botan/randombit_ocsp.der", "issuer", 1, "2016-11-18T12:30:00Z", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"botan/randombit_ocsp.der", "issuer", 1, "2016-11-11T00:00:00Z", 300,
	 "not_yet_valid", "not_yet_valid",
	 "Botan: not_yet_valid at this time"},
	{"botan/randombit_ocsp.der", "issuer", 1, "2016-11-28T00:00:00Z", 300,
	 "expired", "expired",
	 "Botan: expired at this time"},
	{"botan/randombit_ocsp_forged_revoked.der", "issuer", 1, "produced", 300,
	 "responder_issuer", "responder_issuer",
	 "Botan: forged, untrusted responder"},
	{"botan/randombit_ocsp_forged_valid.der", "issuer", 1, "produced", 300,
	 "responder_issuer", "responder_issuer",
	 "Botan: forged, untrusted responder"},
	{"botan/randombit_ocsp_forged_valid_nocerts.der", "issuer", 1, "produced", 300,
	 "signer_not_found", "signer_not_found",
	 "Botan: forged, responder not in the response"},
	{"botan/slhdsa_ocsp.der", "issuer", 1, "2026-08-13T12:00:00Z", 300,
	 "unsupported_algorithm", "unsupported_algorithm",
	 "SLH-DSA: neither provider has it"},
	{"gnutls/response2.der", "issuer", 0, "2016-04-22T00:00:00Z", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"golang-crypto/ocspResponse.der", "issuer", 0, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"haproxy/ocsp_update-server_ocsp.pem.ecdsa.ocsp.der", "issuer", 0, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"haproxy/ocsp_update-server_ocsp.pem.rsa.ocsp.der", "issuer", 0, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"haproxy/show_ocsp_server.pem.ocsp.der", "issuer", 0, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"haproxy/show_ocsp_server.pem.ocsp.revoked.der", "issuer", 0, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"openssl-ocsp-tests/D1.der", "issuer", 0, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"openssl-ocsp-tests/D1.der", "issuer-WSNIC", 0, "produced", 300,
	 "responder_issuer", "responder_issuer",
	 "OpenSSL: issuer with a wrong subject name, exit 1"},
	{"openssl-ocsp-tests/D1.der", "issuer-WKIC", 0, "produced", 300,
	 "responder_issuer", "responder_issuer",
	 "OpenSSL: issuer with a wrong key, exit 1"},
	{"openssl-ocsp-tests/D1.der", "issuer-ISIC", 0, "produced", 300,
	 "ok", "ok",
	 "OpenSSL: issuer with a bad signature, trusted, exit 0"},
	{"openssl-ocsp-tests/D2.der", "issuer", 0, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"openssl-ocsp-tests/D2.der", "issuer-WSNIC", 0, "produced", 300,
	 "responder_issuer", "responder_issuer",
	 "OpenSSL: issuer with a wrong subject name, exit 1"},
	{"openssl-ocsp-tests/D2.der", "issuer-WKIC", 0, "produced", 300,
	 "responder_issuer", "responder_issuer",
	 "OpenSSL: issuer with a wrong key, exit 1"},
	{"openssl-ocsp-tests/D2.der", "issuer-ISIC", 0, "produced", 300,
	 "ok", "ok",
	 "OpenSSL: issuer with a bad signature, trusted, exit 0"},
	{"openssl-ocsp-tests/D3.der", "issuer", 0, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"openssl-ocsp-tests/D3.der", "issuer-WSNIC", 0, "produced", 300,
	 "responder_issuer", "responder_issuer",
	 "OpenSSL: issuer with a wrong subject name, exit 1"},
	{"openssl-ocsp-tests/D3.der", "issuer-WKIC", 0, "produced", 300,
	 "responder_issuer", "responder_issuer",
	 "OpenSSL: issuer with a wrong key, exit 1"},
	{"openssl-ocsp-tests/D3.der", "issuer-ISIC", 0, "produced", 300,
	 "ok", "ok",
	 "OpenSSL: issuer with a bad signature, trusted, exit 0"},
	{"openssl-ocsp-tests/ISDOSC_D1.der", "issuer", 0, "produced", 300,
	 "responder_issuer", "responder_issuer",
	 "OpenSSL: invalid signature on the responder cert"},
	{"openssl-ocsp-tests/ISDOSC_D2.der", "issuer", 0, "produced", 300,
	 "responder_issuer", "responder_issuer",
	 "OpenSSL: invalid signature on the responder cert"},
	{"openssl-ocsp-tests/ISDOSC_D3.der", "issuer", 0, "produced", 300,
	 "responder_issuer", "responder_issuer",
	 "OpenSSL: invalid signature on the responder cert"},
	{"openssl-ocsp-tests/ISOP_D1.der", "issuer", 0, "produced", 300,
	 "signature", "signature",
	 "OpenSSL: invalid signature on the response"},
	{"openssl-ocsp-tests/ISOP_D2.der", "issuer", 0, "produced", 300,
	 "signature", "signature",
	 "OpenSSL: invalid signature on the response"},
	{"openssl-ocsp-tests/ISOP_D3.der", "issuer", 0, "produced", 300,
	 "signature", "signature",
	 "OpenSSL: invalid signature on the response"},
	{"openssl-ocsp-tests/ISOP_ND1.der", "issuer", 0, "produced", 300,
	 "signature", "signature",
	 "OpenSSL: invalid signature on the response"},
	{"openssl-ocsp-tests/ISOP_ND2.der", "issuer", 0, "produced", 300,
	 "signature", "signature",
	 "OpenSSL: invalid signature on the response"},
	{"openssl-ocsp-tests/ISOP_ND3.der", "issuer", 0, "produced", 300,
	 "signature", "signature",
	 "OpenSSL: invalid signature on the response"},
	{"openssl-ocsp-tests/ND1.der", "issuer", 0, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"openssl-ocsp-tests/ND1.der", "issuer-WSNIC", 0, "produced", 300,
	 "certid_name_hash", "certid_name_hash",
	 "OpenSSL: issuer with a wrong subject name, exit 1"},
	{"openssl-ocsp-tests/ND1.der", "issuer-WKIC", 0, "produced", 300,
	 "signer_not_found", "signer_not_found",
	 "OpenSSL: issuer with a wrong key, exit 1"},
	{"openssl-ocsp-tests/ND1.der", "issuer-ISIC", 0, "produced", 300,
	 "ok", "ok",
	 "OpenSSL: issuer with a bad signature, trusted, exit 0"},
	{"openssl-ocsp-tests/ND2.der", "issuer", 0, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"openssl-ocsp-tests/ND2.der", "issuer-WSNIC", 0, "produced", 300,
	 "certid_name_hash", "certid_name_hash",
	 "OpenSSL: issuer with a wrong subject name, exit 1"},
	{"openssl-ocsp-tests/ND2.der", "issuer-WKIC", 0, "produced", 300,
	 "signer_not_found", "signer_not_found",
	 "OpenSSL: issuer with a wrong key, exit 1"},
	{"openssl-ocsp-tests/ND2.der", "issuer-ISIC", 0, "produced", 300,
	 "ok", "ok",
	 "OpenSSL: issuer with a bad signature, trusted, exit 0"},
	{"openssl-ocsp-tests/ND3.der", "issuer", 0, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"openssl-ocsp-tests/ND3.der", "issuer-WSNIC", 0, "produced", 300,
	 "certid_name_hash", "certid_name_hash",
	 "OpenSSL: issuer with a wrong subject name, exit 1"},
	{"openssl-ocsp-tests/ND3.der", "issuer-WKIC", 0, "produced", 300,
	 "signer_not_found", "signer_not_found",
	 "OpenSSL: issuer with a wrong key, exit 1"},
	{"openssl-ocsp-tests/ND3.der", "issuer-ISIC", 0, "produced", 300,
	 "ok", "ok",
	 "OpenSSL: issuer with a bad signature, trusted, exit 0"},
	{"openssl-ocsp-tests/WIKH_D1.der", "issuer", 0, "produced", 300,
	 "signature", "signature",
	 "OpenSSL: CertID changed after signing"},
	{"openssl-ocsp-tests/WIKH_D2.der", "issuer", 0, "produced", 300,
	 "signature", "signature",
	 "OpenSSL: CertID changed after signing"},
	{"openssl-ocsp-tests/WIKH_D3.der", "issuer", 0, "produced", 300,
	 "signature", "signature",
	 "OpenSSL: CertID changed after signing"},
	{"openssl-ocsp-tests/WIKH_ND1.der", "issuer", 0, "produced", 300,
	 "signature", "signature",
	 "OpenSSL: CertID changed after signing"},
	{"openssl-ocsp-tests/WIKH_ND2.der", "issuer", 0, "produced", 300,
	 "signature", "signature",
	 "OpenSSL: CertID changed after signing"},
	{"openssl-ocsp-tests/WIKH_ND3.der", "issuer", 0, "produced", 300,
	 "signature", "signature",
	 "OpenSSL: CertID changed after signing"},
	{"openssl-ocsp-tests/WINH_D1.der", "issuer", 0, "produced", 300,
	 "signature", "signature",
	 "OpenSSL: CertID changed after signing"},
	{"openssl-ocsp-tests/WINH_D2.der", "issuer", 0, "produced", 300,
	 "signature", "signature",
	 "OpenSSL: CertID changed after signing"},
	{"openssl-ocsp-tests/WINH_D3.der", "issuer", 0, "produced", 300,
	 "signature", "signature",
	 "OpenSSL: CertID changed after signing"},
	{"openssl-ocsp-tests/WINH_ND1.der", "issuer", 0, "produced", 300,
	 "signature", "signature",
	 "OpenSSL: CertID changed after signing"},
	{"openssl-ocsp-tests/WINH_ND2.der", "issuer", 0, "produced", 300,
	 "signature", "signature",
	 "OpenSSL: CertID changed after signing"},
	{"openssl-ocsp-tests/WINH_ND3.der", "issuer", 0, "produced", 300,
	 "signature", "signature",
	 "OpenSSL: CertID changed after signing"},
	{"openssl-ocsp-tests/WKDOSC_D1.der", "issuer", 0, "produced", 300,
	 "signer_not_found", "signer_not_found",
	 "OpenSSL: wrong key in the responder cert"},
	{"openssl-ocsp-tests/WKDOSC_D2.der", "issuer", 0, "produced", 300,
	 "signer_not_found", "signer_not_found",
	 "OpenSSL: wrong key in the responder cert"},
	{"openssl-ocsp-tests/WKDOSC_D3.der", "issuer", 0, "produced", 300,
	 "signature", "signature",
	 "OpenSSL: wrong key in the responder cert"},
	{"openssl-ocsp-tests/WRID_D1.der", "issuer", 0, "produced", 300,
	 "signer_not_found", "signer_not_found",
	 "OpenSSL: wrong responderID"},
	{"openssl-ocsp-tests/WRID_D2.der", "issuer", 0, "produced", 300,
	 "signer_not_found", "signer_not_found",
	 "OpenSSL: wrong responderID"},
	{"openssl-ocsp-tests/WRID_D3.der", "issuer", 0, "produced", 300,
	 "signer_not_found", "signer_not_found",
	 "OpenSSL: wrong responderID"},
	{"openssl-ocsp-tests/WRID_ND1.der", "issuer", 0, "produced", 300,
	 "signer_not_found", "signer_not_found",
	 "OpenSSL: wrong responderID"},
	{"openssl-ocsp-tests/WRID_ND2.der", "issuer", 0, "produced", 300,
	 "signer_not_found", "signer_not_found",
	 "OpenSSL: wrong responderID"},
	{"openssl-ocsp-tests/WRID_ND3.der", "issuer", 0, "produced", 300,
	 "signer_not_found", "signer_not_found",
	 "OpenSSL: wrong responderID"},
	{"pyhanko-certvalidator/ades-time-slide-alice-2020-10-01.der", "issuer", 1, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"pyhanko-certvalidator/ades-time-slide-alice-2020-11-29.der", "issuer", 1, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"pyhanko-certvalidator/ades-time-slide-alice-2020-12-10.der", "issuer", 1, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"pyhanko-certvalidator/freshness-alice-2020-10-01.der", "issuer", 1, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"pyhanko-certvalidator/freshness-alice-2020-11-29.der", "issuer", 1, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"pyhanko-certvalidator/freshness-alice-2020-12-10.der", "issuer", 1, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"pyhanko-certvalidator/multitasking-ocsp-resp-alice.der", "issuer", 1, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"pyhanko-certvalidator/multitasking-ocsp-resp-interm.der", "issuer", 1, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"rustcrypto-x509-ocsp/ocsp-by-key-res.der", "issuer", 1, "produced", 300,
	 "signer_not_found", "signer_not_found",
	 "RustCrypto passes the responder cert out of band"},
	{"rustcrypto-x509-ocsp/ocsp-dtm-no-chain-res.der", "issuer", 1, "produced", 300,
	 "signer_not_found", "signer_not_found",
	 "RustCrypto passes the responder cert out of band"},
	{"rustcrypto-x509-ocsp/ocsp-multiple-exts-res.der", "issuer", 1, "produced", 300,
	 "signer_not_found", "signer_not_found",
	 "RustCrypto passes the responder cert out of band"},
	{"rustcrypto-x509-ocsp/ocsp-multiple-responses-res.der", "issuer", 1, "produced", 300,
	 "signer_not_found", "signer_not_found",
	 "RustCrypto passes the responder cert out of band"},
	{"rustcrypto-x509-ocsp/rsa-2048-sha256-revoked-ocsp-res.der", "issuer", 1, "produced", 300,
	 "certid_serial", "certid_serial",
	 "the shipped cert is serial 02, the entry is for 03"},
	{"rustcrypto-x509-ocsp/sha1-certid-ocsp-res.der", "issuer", 1, "produced", 300,
	 "signer_not_found", "signer_not_found",
	 "RustCrypto passes the responder cert out of band"},
	{"rustcrypto-x509-ocsp/sha256-certid-ocsp-res.der", "issuer", 1, "produced", 300,
	 "signer_not_found", "signer_not_found",
	 "RustCrypto passes the responder cert out of band"},
	{"rustcrypto-x509-ocsp/sha512-certid-ocsp-res.der", "issuer", 1, "produced", 300,
	 "signer_not_found", "signer_not_found",
	 "RustCrypto passes the responder cert out of band"},
	{"s2n-tls/ocsp_ecdsa_response.der", "issuer", 1, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"s2n-tls/ocsp_response.der", "issuer", 1, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"s2n-tls/ocsp_response_early_expire.der", "issuer", 1, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"s2n-tls/ocsp_response_no_next_update.der", "issuer", 1, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"s2n-tls/ocsp_response_revoked.der", "issuer", 1, "produced", 300,
	 "ok", "ok",
	 "source: verifies"},
	{"s2n-tls/ocsp_response_wrong_signer.der", "issuer", 1, "produced", 300,
	 "responder_eku", "responder_eku",
	 "s2n: signer is not an authorized responder"},
};

/* 1 when ../shared/vectors is there; the tests read it only then. */
static int have_vectors(void)
{
	char path[4096];
	FILE *f;

	if (snprintf(path, sizeof path, "%s/MANIFEST.tsv", test_vectors_dir()) >=
	    (int)sizeof path)
		return 0;
	f = fopen(path, "r");
	if (f == NULL)
		return 0;
	fclose(f);
	return 1;
}

static void vector_load(struct subject *s, const struct vector_case *c)
{
	char file[4096];
	size_t n = strlen(c->file);

	/* the table names the response, FILE.der */
	ck_assert(n > 4 && n < sizeof file);
	memcpy(file, c->file, n - 4);
	file[n - 4] = '\0';
	subject_load_from(s, test_vectors_dir(), file, c->issuer, c->leaf);
}

static void test_vector(size_t i)
{
	const struct vector_case *c = &vector_cases[i];
	struct staple_verify_result res;
	struct subject s;
	char name[64];
	int64_t at;
	size_t p;

	vector_load(&s, c);
	if (strcmp(c->at, "produced") == 0)
		at = s.r.produced_at;
	else
		ck_assert(staple_parse_time(c->at, &at) == 0);
	for (p = 0; p < N_OF(providers); p++) {
		const char *want =
			providers[p].column == 5 ? c->bearssl : c->openssl;
		int v = staple_verify(&s.r, providers[p].crypto, &s.issuer,
		                      c->leaf ? &s.leaf : NULL, at,
		                      (int64_t)c->skew * 1000, &res);
		ck_assert_msg(strcmp(verdict_name(v, name, sizeof name), want) ==
		                      0,
		              "%s (%s) with %s: %s, want %s (%s)", c->file,
		              c->issuer, providers[p].crypto->name, name, want,
		              c->why);
	}
	subject_free(&s);
}

/*
 * BoringSSL's good_response_invalid_serial: the leaf's serial INTEGER has
 * a needless leading zero; BoringSSL accepts that on purpose, staple's
 * certificate reader does not (X.690 8.3.2).
 */
START_TEST(test_vector_invalid_serial)
{
	char path[4096];
	struct staple_problem pb;
	struct staple_input in;
	struct staple_cert cert;

	ck_assert(snprintf(path, sizeof path,
	                   "%s/boringssl/good_response_invalid_serial.cert.pem",
	                   test_vectors_dir()) < (int)sizeof path);
	ck_assert_msg(staple_input_load_cert(&in, path, &pb) == 0, "%s: %s",
	              path, pb.message);
	ck_assert_int_eq(staple_cert_decode(&cert, in.der.p, in.der.n),
	                 STAPLE_ERR_INTEGER);
	staple_input_free(&in);
}
END_TEST

TEST_ROWS(test_verify_rows, test_verify_row, n_rows)
TEST_ROWS(test_forgeries_rows, test_forgeries, N_OF(forged_bases))
TEST_ROWS(test_vector_rows, test_vector, N_OF(vector_cases))

Suite *verify_suite(void)
{
	Suite *s = suite_create("verify");
	TCase *tc = tcase_create("table");

	table_load();
	tcase_add_test(tc, test_table_present);
	tcase_add_test(tc, test_verify_rows);
	tcase_add_test(tc, test_arguments);
	tcase_add_test(tc, test_provider_without_hashes);
	tcase_add_test(tc, test_pss_only_key);
	suite_add_tcase(s, tc);
	tc = tcase_create("forgeries");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_forgeries_rows);
	suite_add_tcase(s, tc);
	if (have_vectors()) {
		tc = tcase_create("vectors");
		tcase_add_test(tc, test_vector_rows);
		tcase_add_test(tc, test_vector_invalid_serial);
		suite_add_tcase(s, tc);
	}
	return s;
}
