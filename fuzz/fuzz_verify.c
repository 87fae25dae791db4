/*
 * fuzz_verify.c -- staple_verify() on a response, its issuer and a leaf,
 * with fake crypto providers and with the real ones.
 *
 * INPUT (integers big-endian)
 *
 *   offset   size  what
 *   0        1     when: bits 0-1 the base of "now": 0 producedAt, 1 the
 *                  thisUpdate of entry 0, 2 its nextUpdate (its
 *                  thisUpdate when it has none), 3 the epoch (1 and 2
 *                  fall back to producedAt without an entry);
 *                  bits 2-4 the skew, an index into skews[];
 *                  bits 5-7 the crippled provider (enum cripple)
 *   1        1     mix: bits 0-4 the hashes the mixing provider has (bit
 *                  k-1 for enum staple_hash k); bit 5 set: it answers
 *                  the others with a wrong digest size instead of 0
 *   2        4     delta: signed seconds added to the base: now_ms is
 *                  base + 1000 * delta
 *   6        2     n1, then n1 bytes: the issuer's Certificate
 *   8+n1     2     n2, then n2 bytes: the leaf's Certificate; none when
 *                  n2 is 0 or when it does not decode
 *   10+n1+n2       the rest: the OCSPResponse
 *
 * A length that runs past the end is cut to what is left, a field past
 * the end is 0.  Each part is decoded from a heap copy of exactly its
 * size.  fuzz/seeds.sh writes inputs this way from the fixtures.
 *
 * When the response and the issuer decode, staple_verify() runs with
 *   - fake-real: real digests (BearSSL's) and every signature accepted,
 *     so the fuzzer reaches steps 4 to 7 with any tbsResponseData; with
 *     the leaf and, when there is one, without it;
 *   - fake-mix: digests from a cheap mix of the input, only those the
 *     mix byte gives, every signature accepted;
 *   - a crippled provider (no digest, or no signature that verifies):
 *     it must never give STAPLE_OK nor match an entry;
 *   - BearSSL's provider and, when built (STAPLE_HAVE_OPENSSL), OpenSSL's.
 * Every run must give a verdict staple.h lists with a result that tells
 * the same story: the signer named by responderID, the matched entry's
 * CertID (the most severe of those that match: revoked, unknown, good,
 * the first of equals) and time window, the checks a delegated signer
 * passed.  The fake providers check that they are called as staple.h
 * says (known digests, a scheme that fits the key, arguments inside the
 * inputs).
 * Across runs:
 *   - without the leaf, steps 1-4 end the same way and an entry matched
 *     with the leaf means one at least as severe matches without;
 *   - a real provider's verdict, unless it is SIGNATURE, KEY_MISMATCH,
 *     UNSUPPORTED_ALGORITHM or RESPONDER_ISSUER (a signature it did not
 *     accept), is fake-real's, with the same result;
 *   - STAPLE_OK from a real provider: it verifies the signature again
 *     (and the delegated certificate's) and refuses it over a tbs with
 *     one bit flipped;
 *   - BearSSL and OpenSSL, when neither says UNSUPPORTED_ALGORITHM, give
 *     the same verdict and result.  The one exception is the caveat of
 *     backends/backend.h: a signature checked with an id-RSASSA-PSS key
 *     (RFC 4055), which only OpenSSL's provider sees as one (it refuses
 *     PKCS#1 with it and holds PSS to its parameters).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "harness.h"
#include "der.h"

/* Skews to choose from: none, 1 ms, 1 s, 5 min, 1 h, 1 day, 1 year, and
 * the largest staple_verify() takes (2^48 ms - 1). */
static const int64_t skews[8] = {
	0, 1, 1000, 300000, 3600000, 86400000, INT64_C(31556952000),
	(INT64_C(1) << 48) - 1,
};

/* What the crippled provider lacks (bits 5-7 of the first byte). */
enum cripple {
	CRIPPLE_NO_HASH,      /* hash() answers 0 for every algorithm */
	CRIPPLE_NULL_HASH,    /* no hash() at all */
	CRIPPLE_WRONG_SIZE,   /* hash() answers a size that is not alg's */
	CRIPPLE_NULL_VERIFY,  /* real digests, no verify() */
	CRIPPLE_REJECT,       /* verify() says SIGNATURE */
	CRIPPLE_UNSUPPORTED,  /* verify() says UNSUPPORTED_ALGORITHM */
	CRIPPLE_ODD,          /* verify() says what no provider may (TAG) */
	CRIPPLE_MISMATCH      /* verify() says KEY_MISMATCH */
};

/* One input being verified: the fake providers' functions read it. */
static struct {
	struct staple_slice response_in, issuer_in; /* the input buffers */
	struct staple_response r;
	struct staple_cert issuer;
	int64_t now, skew;
	unsigned mix_mask;
	int mix_wrong_size;
	enum cripple cripple;
} in;

/* One call of staple_verify() and what it gave. */
struct run {
	const char *who;
	const struct staple_crypto *crypto;
	const struct staple_cert *leaf;
	int verdict;
	struct staple_verify_result res;
};

/* ---- the fake providers ----------------------------------------------- */

/* A hash call as staple.h promises it: a known algorithm, room for the
 * digest, and data from the inputs (issuer's subject or key, a
 * responder's key from certs). */
static void check_hash_call(enum staple_hash alg, const uint8_t *data,
                            size_t len, const uint8_t *out)
{
	struct staple_slice s;

	s.p = data;
	s.n = len;
	if (staple_hash_size((int)alg) == 0)
		fuzz_fail("provider asked for hash %d", (int)alg);
	FUZZ_REQUIRE(out != NULL);
	if (!fuzz_slice_within(s, in.issuer_in) &&
	    !fuzz_slice_within(s, in.response_in))
		fuzz_fail("provider asked to hash %zu bytes outside the inputs",
		          len);
}

static int scheme_fits(enum staple_sig_scheme scheme,
                       enum staple_key_type key)
{
	switch (scheme) {
	case STAPLE_SIG_RSA_PKCS1:
	case STAPLE_SIG_RSA_PSS:
		return key == STAPLE_KEY_RSA;
	case STAPLE_SIG_ECDSA:
		return key == STAPLE_KEY_EC;
	case STAPLE_SIG_ED25519:
		return key == STAPLE_KEY_ED25519;
	case STAPLE_SIG_ED448:
		return key == STAPLE_KEY_ED448;
	default:
		return 0;
	}
}

/* A verify call as staple.h promises it: the scheme fits the key, the
 * message and signature come from the response, the key from an input. */
static void check_verify_call(const struct staple_sigalg *alg,
                              const struct staple_pubkey *key,
                              const uint8_t *msg, size_t msg_len,
                              const uint8_t *sig, size_t sig_len)
{
	struct staple_slice m, s;

	FUZZ_REQUIRE(alg != NULL && key != NULL);
	if (!scheme_fits(alg->scheme, key->type))
		fuzz_fail("provider asked for scheme %d with key type %d",
		          (int)alg->scheme, (int)key->type);
	m.p = msg;
	m.n = msg_len;
	s.p = sig;
	s.n = sig_len;
	FUZZ_REQUIRE(fuzz_slice_within(m, in.response_in));
	FUZZ_REQUIRE(fuzz_slice_within(s, in.response_in));
	FUZZ_REQUIRE(fuzz_slice_within(key->spki, in.issuer_in) ||
	             fuzz_slice_within(key->spki, in.response_in));
}

static size_t real_hash(enum staple_hash alg, const uint8_t *data,
                        size_t len, uint8_t *out)
{
	check_hash_call(alg, data, len, out);
	return staple_crypto_bearssl.hash(alg, data, len, out);
}

/*
 * Not a digest: a 32-bit FNV-1a of the data, stretched.  Cheap, the same
 * for the same bytes, and different for the issuer's Name and key, so
 * the fuzzer steers CertIDs and byKey ResponderIDs by comparison hints.
 * 32-bit arithmetic in 64-bit variables: nothing wraps.
 */
static size_t mix_hash(enum staple_hash alg, const uint8_t *data, size_t len,
                       uint8_t *out)
{
	const uint64_t mask = UINT64_C(0xffffffff);
	size_t size = staple_hash_size((int)alg), i;
	uint64_t h = UINT64_C(0x811c9dc5) ^ (uint64_t)alg;

	check_hash_call(alg, data, len, out);
	if ((in.mix_mask & (1u << ((unsigned)alg - 1))) == 0)
		return in.mix_wrong_size ? size + 1 : 0;
	for (i = 0; i < len; i++)
		h = ((h ^ data[i]) * UINT64_C(16777619)) & mask;
	for (i = 0; i < size; i++) {
		h = ((h ^ (h >> 15)) * UINT64_C(0x2c1b3c6d)) & mask;
		h = ((h ^ (h >> 12)) * UINT64_C(0x297a2d39)) & mask;
		h ^= h >> 15;
		out[i] = (uint8_t)(h >> 24);
	}
	return size;
}

static int accept_verify(const struct staple_sigalg *alg,
                         const struct staple_pubkey *key, const uint8_t *msg,
                         size_t msg_len, const uint8_t *sig, size_t sig_len)
{
	check_verify_call(alg, key, msg, msg_len, sig, sig_len);
	return STAPLE_OK;
}

static size_t cripple_hash(enum staple_hash alg, const uint8_t *data,
                           size_t len, uint8_t *out)
{
	size_t size;

	if (in.cripple == CRIPPLE_NO_HASH) {
		check_hash_call(alg, data, len, out);
		return 0;
	}
	size = real_hash(alg, data, len, out);
	if (in.cripple == CRIPPLE_WRONG_SIZE)
		return size > 1 ? size - 1 : size + 1;
	return size;
}

static int cripple_verify(const struct staple_sigalg *alg,
                          const struct staple_pubkey *key,
                          const uint8_t *msg, size_t msg_len,
                          const uint8_t *sig, size_t sig_len)
{
	check_verify_call(alg, key, msg, msg_len, sig, sig_len);
	switch (in.cripple) {
	case CRIPPLE_REJECT:
		return STAPLE_ERR_SIGNATURE;
	case CRIPPLE_UNSUPPORTED:
		return STAPLE_ERR_UNSUPPORTED_ALGORITHM;
	case CRIPPLE_ODD:
		return STAPLE_ERR_TAG;
	case CRIPPLE_MISMATCH:
		return STAPLE_ERR_KEY_MISMATCH;
	default:
		return STAPLE_OK;
	}
}

static const struct staple_crypto fake_real = {"fake-real", real_hash,
                                               accept_verify};
static const struct staple_crypto fake_mix = {"fake-mix", mix_hash,
                                              accept_verify};

/* ---- what a result must say -------------------------------------------- */

static int is_one_of(int v, const int *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v == list[i])
			return 1;
	return 0;
}

#define ONE_OF(v, ...)                                                      \
	is_one_of((v), (const int[]){__VA_ARGS__},                          \
	          sizeof((const int[]){__VA_ARGS__}) / sizeof(int))

/* The verdicts of staple.h, VERIFICATION. */
static int verdict_known(int v)
{
	return v == STAPLE_OK || v == STAPLE_ERR_ALGORITHM_PARAMS ||
	       (v >= STAPLE_ERR_NOT_SUCCESSFUL && v < STAPLE_ERR_COUNT_);
}

static int responder_verdict(int v)
{
	return ONE_OF(v, STAPLE_ERR_RESPONDER_ISSUER, STAPLE_ERR_RESPONDER_EKU,
	              STAPLE_ERR_RESPONDER_NOT_YET_VALID,
	              STAPLE_ERR_RESPONDER_EXPIRED,
	              STAPLE_ERR_RESPONDER_CRITICAL);
}

static int certid_verdict(int v)
{
	return ONE_OF(v, STAPLE_ERR_CERTID_HASH, STAPLE_ERR_CERTID_SERIAL,
	              STAPLE_ERR_CERTID_NAME_HASH, STAPLE_ERR_CERTID_KEY_HASH);
}

/* Verdicts given once an entry matched (steps 6 and 7, or none). */
static int matched_verdict(int v)
{
	return ONE_OF(v, STAPLE_OK, STAPLE_ERR_CRITICAL_EXTENSION,
	              STAPLE_ERR_NOT_YET_VALID, STAPLE_ERR_EXPIRED);
}

/* The digest of d with alg by crypto, or 0 when it has none of alg's
 * size (as the verifier counts it).  Restated from core/verify.c on
 * purpose: the steps this harness re-derives are an oracle of that file,
 * so they share none of its code. */
static size_t digest(const struct staple_crypto *crypto, enum staple_hash alg,
                     struct staple_slice d, uint8_t *out)
{
	size_t size = staple_hash_size((int)alg);

	if (size == 0 || crypto->hash == NULL)
		return 0;
	return crypto->hash(alg, d.p, d.n, out) == size ? size : 0;
}

/* 1 when responderID names cert (RFC 6960 4.2.1), 0 when not, -1 when
 * crypto has no SHA-1 for a byKey one. */
static int names(const struct staple_crypto *crypto,
                 const struct staple_cert *cert)
{
	uint8_t h[STAPLE_HASH_MAX_SIZE];
	size_t n;

	if (in.r.responder == STAPLE_RESPONDER_BY_NAME)
		return staple_slice_equal(in.r.responder_id, cert->subject);
	FUZZ_REQUIRE(in.r.responder == STAPLE_RESPONDER_BY_KEY);
	n = digest(crypto, STAPLE_HASH_SHA1, cert->key.bits, h);
	if (n == 0)
		return -1;
	return staple_slice_is(in.r.responder_id, h, n);
}

/* The issuer's two CertID digests by one provider, each computed once. */
struct certid_digests {
	const struct staple_crypto *crypto;
	int done[STAPLE_HASH_SHA512 + 1];
	size_t size[STAPLE_HASH_SHA512 + 1]; /* 0: the provider has none */
	uint8_t name[STAPLE_HASH_SHA512 + 1][STAPLE_HASH_MAX_SIZE];
	uint8_t key[STAPLE_HASH_SHA512 + 1][STAPLE_HASH_MAX_SIZE];
};

/* 1 when entry s is the CertID of the issuer (and of leaf, if any). */
static int certid_matches(struct certid_digests *d,
                          const struct staple_cert *leaf,
                          const struct staple_single *s)
{
	int h = (int)s->hash;

	if (leaf != NULL && !staple_slice_equal(s->serial, leaf->serial))
		return 0;
	if (h <= 0 || h > STAPLE_HASH_SHA512)
		return 0;
	if (!d->done[h]) {
		d->done[h] = 1;
		d->size[h] = digest(d->crypto, s->hash, in.issuer.subject,
		                    d->name[h]);
		if (digest(d->crypto, s->hash, in.issuer.key.bits, d->key[h]) !=
		    d->size[h])
			d->size[h] = 0;
	}
	return d->size[h] != 0 &&
	       staple_slice_is(s->issuer_name_hash, d->name[h], d->size[h]) &&
	       staple_slice_is(s->issuer_key_hash, d->key[h], d->size[h]);
}

/* staple.h, VERIFICATION step 5: of several matching entries the most
 * severe is chosen, revoked before unknown before good. */
static int severity(enum staple_ocsp_status status)
{
	switch (status) {
	case STAPLE_OCSP_STATUS_REVOKED:
		return 3;
	case STAPLE_OCSP_STATUS_UNKNOWN:
		return 2;
	default:
		return 1;
	}
}

static enum staple_ocsp_status status_at(size_t index)
{
	struct staple_single s;

	FUZZ_REQUIRE(staple_single_at(&in.r, index, &s) == STAPLE_OK);
	return s.cert_status;
}

static void decode_cert(size_t i, struct staple_cert *c)
{
	struct staple_slice der;

	FUZZ_REQUIRE(staple_cert_at(&in.r, i, &der) == STAPLE_OK);
	if (staple_cert_decode(c, der.p, der.n) != STAPLE_OK)
		fuzz_fail("certs[%zu] does not decode", i);
}

/* Step 2 as the result and the verdict tell it. */
static void check_signer(const struct run *run)
{
	const struct staple_verify_result *res = &run->res;
	struct staple_cert c;
	int v = run->verdict, step2 = ONE_OF(v, STAPLE_ERR_NOT_SUCCESSFUL,
	                                     STAPLE_ERR_SIGNER_NOT_FOUND,
	                                     STAPLE_ERR_RESPONDER_CERT);
	size_t i;

	switch (res->signer) {
	case STAPLE_SIGNER_NONE:
		FUZZ_REQUIRE(step2 || v == STAPLE_ERR_UNSUPPORTED_ALGORITHM);
		FUZZ_REQUIRE(res->signer_cert == 0);
		break;
	case STAPLE_SIGNER_ISSUER:
		FUZZ_REQUIRE(!step2 && res->signer_cert == 0);
		if (names(run->crypto, &in.issuer) != 1)
			fuzz_fail("%s: signer issuer, not named by responderID",
			          run->who);
		break;
	case STAPLE_SIGNER_DELEGATED:
		FUZZ_REQUIRE(!step2 && res->signer_cert < in.r.n_certs);
		FUZZ_REQUIRE(names(run->crypto, &in.issuer) == 0);
		/* certs are tried in order: the first one named is it */
		for (i = 0; i <= res->signer_cert; i++) {
			decode_cert(i, &c);
			if ((names(run->crypto, &c) == 1) != (i == res->signer_cert))
				fuzz_fail("%s: signer certs[%zu], responderID "
				          "names certs[%zu]",
				          run->who, res->signer_cert, i);
		}
		break;
	default:
		fuzz_fail("%s: signer %d", run->who, (int)res->signer);
	}
	if (v == STAPLE_ERR_SIGNER_NOT_FOUND) {
		FUZZ_REQUIRE(names(run->crypto, &in.issuer) == 0);
		for (i = 0; i < in.r.n_certs; i++) {
			decode_cert(i, &c);
			FUZZ_REQUIRE(names(run->crypto, &c) == 0);
		}
	}
	if (responder_verdict(v))
		FUZZ_REQUIRE(res->signer == STAPLE_SIGNER_DELEGATED);
	/* "issuer", "delegated"; "" for NONE */
	FUZZ_REQUIRE((staple_signer_name((int)res->signer)[0] == '\0') ==
	             (res->signer == STAPLE_SIGNER_NONE));
}

/* Step 4 for a delegated signer, when the verdict says how it ended. */
static void check_delegated(const struct run *run)
{
	int v = run->verdict;
	struct staple_cert c;

	if (run->res.signer != STAPLE_SIGNER_DELEGATED)
		return;
	decode_cert(run->res.signer_cert, &c);
	if (run->res.matched || certid_verdict(v)) {
		/* RFC 6960 4.2.2.2, RFC 5280 6.1.3 */
		FUZZ_REQUIRE(staple_slice_equal(c.issuer, in.issuer.subject));
		FUZZ_REQUIRE((c.flags & STAPLE_CERT_OCSP_SIGNING) != 0);
		FUZZ_REQUIRE(c.not_before <= in.now + in.skew);
		FUZZ_REQUIRE(c.not_after >= in.now - in.skew);
		FUZZ_REQUIRE(c.unknown_critical == 0);
	}
	if (v == STAPLE_ERR_RESPONDER_EKU)
		FUZZ_REQUIRE((c.flags & STAPLE_CERT_OCSP_SIGNING) == 0);
	if (v == STAPLE_ERR_RESPONDER_NOT_YET_VALID)
		FUZZ_REQUIRE(c.not_before > in.now + in.skew);
	if (v == STAPLE_ERR_RESPONDER_EXPIRED)
		FUZZ_REQUIRE(c.not_after < in.now - in.skew);
	if (v == STAPLE_ERR_RESPONDER_CRITICAL)
		FUZZ_REQUIRE(c.unknown_critical > 0);
}

/* Steps 5 to 7: the entry, the extensions, the window. */
static void check_entry(const struct run *run)
{
	const struct staple_verify_result *res = &run->res;
	struct certid_digests d;
	struct staple_single s;
	int v = run->verdict;
	size_t j;

	FUZZ_REQUIRE(res->matched == 0 || res->matched == 1);
	if (res->matched != matched_verdict(v))
		fuzz_fail("%s: matched %d with verdict %s", run->who,
		          res->matched, staple_errname(v));
	if (v == STAPLE_ERR_CERTID_SERIAL && run->leaf == NULL)
		FUZZ_REQUIRE(in.r.n_single == 0);
	if (certid_verdict(v) && v != STAPLE_ERR_CERTID_SERIAL)
		FUZZ_REQUIRE(in.r.n_single > 0);
	if (!res->matched) {
		FUZZ_REQUIRE(res->index == 0);
		return;
	}
	FUZZ_REQUIRE(res->signer != STAPLE_SIGNER_NONE);
	if (res->index >= in.r.n_single)
		fuzz_fail("%s: index %zu of %zu entries", run->who, res->index,
		          in.r.n_single);
	memset(&d, 0, sizeof d);
	d.crypto = run->crypto;
	FUZZ_REQUIRE(staple_single_at(&in.r, res->index, &s) == STAPLE_OK);
	if (!certid_matches(&d, run->leaf, &s))
		fuzz_fail("%s: entry %zu matched but its CertID is not the "
		          "issuer's%s",
		          run->who, res->index,
		          run->leaf != NULL ? " and the leaf's" : "");
	/* the most severe of the entries that match, the first of equals */
	for (j = 0; j < in.r.n_single; j++) {
		struct staple_single t;
		if (j == res->index)
			continue;
		FUZZ_REQUIRE(staple_single_at(&in.r, j, &t) == STAPLE_OK);
		if (!certid_matches(&d, run->leaf, &t))
			continue;
		if (severity(t.cert_status) > severity(s.cert_status) ||
		    (severity(t.cert_status) == severity(s.cert_status) &&
		     j < res->index))
			fuzz_fail("%s: entry %zu (status %d) chosen, entry %zu "
			          "(status %d) matches too",
			          run->who, res->index, (int)s.cert_status, j,
			          (int)t.cert_status);
	}
	FUZZ_REQUIRE((v == STAPLE_ERR_CRITICAL_EXTENSION) ==
	             (in.r.unknown_critical > 0));
	if (v == STAPLE_ERR_CRITICAL_EXTENSION)
		return;
	/* RFC 6960 4.2.2.1: thisUpdate <= now + skew <= ..., nextUpdate */
	FUZZ_REQUIRE((v == STAPLE_ERR_NOT_YET_VALID) ==
	             (s.this_update > in.now + in.skew));
	FUZZ_REQUIRE((v == STAPLE_ERR_EXPIRED) ==
	             (s.this_update <= in.now + in.skew && s.has_next_update &&
	              s.next_update < in.now - in.skew));
}

static void check_run(const struct run *run)
{
	int v = run->verdict;
	int must_staple = run->leaf != NULL &&
	                  (run->leaf->flags & STAPLE_CERT_MUST_STAPLE) != 0;

	if (!verdict_known(v))
		fuzz_fail("%s: verdict %s", run->who, staple_errname(v));
	if (run->res.must_staple != must_staple)
		fuzz_fail("%s: must_staple %d, the leaf says %d", run->who,
		          run->res.must_staple, must_staple);
	FUZZ_REQUIRE((v == STAPLE_ERR_NOT_SUCCESSFUL) ==
	             (in.r.status != STAPLE_RESPONSE_SUCCESSFUL));
	check_signer(run);
	check_delegated(run);
	check_entry(run);
}

static void verify(struct run *run, const char *who,
                   const struct staple_crypto *crypto,
                   const struct staple_cert *leaf)
{
	run->who = who;
	run->crypto = crypto;
	run->leaf = leaf;
	memset(&run->res, 0x5a, sizeof run->res);
	run->verdict = staple_verify(&in.r, crypto, &in.issuer, leaf, in.now,
	                             in.skew, &run->res);
	check_run(run);
}

static int result_equal(const struct staple_verify_result *a,
                        const struct staple_verify_result *b)
{
	return a->signer == b->signer && a->signer_cert == b->signer_cert &&
	       a->matched == b->matched && a->index == b->index &&
	       a->must_staple == b->must_staple;
}

static int result_is_reset(const struct staple_verify_result *res)
{
	struct staple_verify_result zero;

	memset(&zero, 0, sizeof zero);
	return result_equal(res, &zero);
}

static int same_outcome(const struct run *a, const struct run *b)
{
	return a->verdict == b->verdict && result_equal(&a->res, &b->res);
}

static void fail_outcomes(const char *why, const struct run *a,
                          const struct run *b)
{
	fuzz_fail("%s: %s: %s signer %d/%zu matched %d/%zu; "
	          "%s: %s signer %d/%zu matched %d/%zu",
	          why, a->who, staple_errname(a->verdict), (int)a->res.signer,
	          a->res.signer_cert, a->res.matched, a->res.index, b->who,
	          staple_errname(b->verdict), (int)b->res.signer,
	          b->res.signer_cert, b->res.matched, b->res.index);
}

/* ---- real providers ------------------------------------------------------ */

/* The key that signed the response, per the run's signer. */
static const struct staple_pubkey *signer_key(const struct run *run,
                                              struct staple_cert *responder)
{
	if (run->res.signer == STAPLE_SIGNER_ISSUER)
		return &in.issuer.key;
	decode_cert(run->res.signer_cert, responder);
	return &responder->key;
}

/* STAPLE_OK from a real provider: the signatures verify, and the
 * response's no longer does over a tbs with one bit flipped. */
static void check_real_ok(const struct run *run)
{
	const struct staple_crypto *crypto = run->crypto;
	const struct staple_pubkey *key;
	struct staple_cert responder;
	struct staple_sigalg alg;
	uint8_t *flipped;
	int err;

	key = signer_key(run, &responder);
	FUZZ_REQUIRE(staple_sigalg_parse(in.r.sig_oid, in.r.sig_params,
	                                 &alg) == STAPLE_OK);
	err = crypto->verify(&alg, key, in.r.tbs.p, in.r.tbs.n,
	                     in.r.signature.p, in.r.signature.n);
	if (err != STAPLE_OK)
		fuzz_fail("%s: OK, but the signature alone gives %s",
		          crypto->name, staple_errname(err));
	FUZZ_REQUIRE(in.r.tbs.n > 0);
	flipped = malloc(in.r.tbs.n);
	FUZZ_REQUIRE(flipped != NULL);
	memcpy(flipped, in.r.tbs.p, in.r.tbs.n);
	flipped[in.r.tbs.n - 1] = (uint8_t)(flipped[in.r.tbs.n - 1] ^ 0x01u);
	err = crypto->verify(&alg, key, flipped, in.r.tbs.n, in.r.signature.p,
	                     in.r.signature.n);
	free(flipped);
	if (err == STAPLE_OK)
		fuzz_fail("%s: the signature verifies over a changed tbs too",
		          crypto->name);
	if (run->res.signer != STAPLE_SIGNER_DELEGATED)
		return;
	FUZZ_REQUIRE(staple_sigalg_parse(responder.sig_oid,
	                                 responder.sig_params,
	                                 &alg) == STAPLE_OK);
	err = crypto->verify(&alg, &in.issuer.key, responder.tbs.p,
	                     responder.tbs.n, responder.signature.p,
	                     responder.signature.n);
	if (err != STAPLE_OK)
		fuzz_fail("%s: OK, but the responder certificate's signature "
		          "gives %s",
		          crypto->name, staple_errname(err));
}

/* A real provider against fake-real, which accepts every signature: the
 * same up to the first signature the real one does not accept (step 3:
 * SIGNATURE, KEY_MISMATCH or UNSUPPORTED_ALGORITHM from the provider;
 * step 4: RESPONDER_ISSUER or UNSUPPORTED_ALGORITHM). */
static void compare_with_fake(const struct run *real, const struct run *fake)
{
	if (ONE_OF(real->verdict, STAPLE_ERR_SIGNATURE,
	           STAPLE_ERR_KEY_MISMATCH, STAPLE_ERR_UNSUPPORTED_ALGORITHM,
	           STAPLE_ERR_RESPONDER_ISSUER))
		return;
	if (!same_outcome(real, fake))
		fail_outcomes("a provider that accepts every signature "
		              "disagrees",
		              real, fake);
}

/*
 * backends/backend.h, Important caveats: of an id-RSASSA-PSS key (RFC 4055
 * 1.2; staple_pubkey.pss_only) BearSSL's provider reads n and e only,
 * OpenSSL's also holds PSS to the hash, MGF1 hash and salt the key's
 * parameters may name (SIGNATURE).  PKCS#1 with such a key the verifier
 * refuses itself, for both.
 */
static int pss_key(const struct staple_pubkey *key)
{
	return key->type == STAPLE_KEY_RSA && key->pss_only;
}

/* Does the caveat above touch a signature this verification checks:
 * the response's (step 3) or the delegated certificate's (step 4)? */
static int documented_difference(const struct run *run)
{
	struct staple_cert responder;

	if (run->res.signer == STAPLE_SIGNER_NONE)
		return 0;
	return pss_key(signer_key(run, &responder)) ||
	       (run->res.signer == STAPLE_SIGNER_DELEGATED &&
	        pss_key(&in.issuer.key));
}

/* ---- the input ------------------------------------------------------------- */

struct reader {
	const uint8_t *p;
	size_t n;
};

static unsigned read_u8(struct reader *rd)
{
	unsigned v = 0;

	if (rd->n > 0) {
		v = rd->p[0];
		rd->p++;
		rd->n--;
	}
	return v;
}

/* The next n bytes (fewer when the input ends) in an exact-size copy. */
static uint8_t *read_part(struct reader *rd, size_t n, size_t *got)
{
	uint8_t *copy;

	if (n > rd->n)
		n = rd->n;
	copy = malloc(n > 0 ? n : 1);
	FUZZ_REQUIRE(copy != NULL);
	if (n > 0)
		memcpy(copy, rd->p, n);
	rd->p += n;
	rd->n -= n;
	*got = n;
	return copy;
}

static int64_t base_time(unsigned choice)
{
	const struct staple_single *s = &in.r.single[0];

	if (choice == 3)
		return 0;
	if (choice == 0 || in.r.n_single == 0)
		return in.r.produced_at;
	if (choice == 2 && s->has_next_update)
		return s->next_update;
	return s->this_update;
}

/* Calls staple_verify() must refuse: the result is left reset. */
static void check_arguments(void)
{
	struct staple_verify_result res;

	memset(&res, 0x5a, sizeof res);
	FUZZ_REQUIRE(staple_verify(&in.r, &fake_real, &in.issuer, NULL, 0, -1,
	                           &res) == STAPLE_ERR_ARGUMENT);
	FUZZ_REQUIRE(result_is_reset(&res));
	memset(&res, 0x5a, sizeof res);
	FUZZ_REQUIRE(staple_verify(&in.r, &fake_real, NULL, NULL, 0, 0, &res) ==
	             STAPLE_ERR_ARGUMENT);
	FUZZ_REQUIRE(result_is_reset(&res));
	memset(&res, 0x5a, sizeof res);
	FUZZ_REQUIRE(staple_verify(&in.r, NULL, &in.issuer, NULL, 0, 0, &res) ==
	             STAPLE_ERR_ARGUMENT);
	FUZZ_REQUIRE(result_is_reset(&res));
	FUZZ_REQUIRE(staple_verify(&in.r, &fake_real, &in.issuer, NULL, 0, 0,
	                           NULL) == STAPLE_ERR_ARGUMENT);
}

static void verify_all(const struct staple_cert *leaf)
{
	struct run fake, again, no_leaf, mix, crippled, bearssl;
	struct staple_crypto cripple = {"crippled", cripple_hash,
	                                cripple_verify};
#ifdef STAPLE_HAVE_OPENSSL
	struct run openssl;
#endif

	verify(&fake, "fake-real", &fake_real, leaf);
	verify(&again, "fake-real again", &fake_real, leaf);
	if (!same_outcome(&fake, &again))
		fail_outcomes("not deterministic", &fake, &again);

	if (leaf != NULL) {
		verify(&no_leaf, "fake-real without the leaf", &fake_real, NULL);
		/* steps 1-4 do not look at the leaf */
		FUZZ_REQUIRE(no_leaf.res.signer == fake.res.signer &&
		             no_leaf.res.signer_cert == fake.res.signer_cert);
		if (!fake.res.matched && !certid_verdict(fake.verdict) &&
		    no_leaf.verdict != fake.verdict)
			fail_outcomes("the leaf changed steps 1-4", &fake,
			              &no_leaf);
		/* every entry for the leaf is one for the issuer */
		if (fake.res.matched &&
		    (!no_leaf.res.matched ||
		     severity(status_at(no_leaf.res.index)) <
		             severity(status_at(fake.res.index))))
			fail_outcomes("an entry that matches the leaf does not "
			              "count without it",
			              &fake, &no_leaf);
	}

	verify(&mix, "fake-mix", &fake_mix, leaf);

	if (in.cripple == CRIPPLE_NULL_HASH)
		cripple.hash = NULL;
	if (in.cripple == CRIPPLE_NULL_VERIFY)
		cripple.verify = NULL;
	verify(&crippled, "crippled", &cripple, leaf);
	if (crippled.verdict == STAPLE_OK || crippled.res.matched)
		fuzz_fail("crippled provider %d: %s, matched %d",
		          (int)in.cripple, staple_errname(crippled.verdict),
		          crippled.res.matched);

	verify(&bearssl, "bearssl", &staple_crypto_bearssl, leaf);
	if (bearssl.verdict == STAPLE_OK)
		check_real_ok(&bearssl);
	compare_with_fake(&bearssl, &fake);
#ifdef STAPLE_HAVE_OPENSSL
	verify(&openssl, "openssl", &staple_crypto_openssl, leaf);
	if (openssl.verdict == STAPLE_OK)
		check_real_ok(&openssl);
	compare_with_fake(&openssl, &fake);
	if (bearssl.verdict != STAPLE_ERR_UNSUPPORTED_ALGORITHM &&
	    openssl.verdict != STAPLE_ERR_UNSUPPORTED_ALGORITHM &&
	    !same_outcome(&bearssl, &openssl) &&
	    !documented_difference(&bearssl))
		fail_outcomes("the two real providers disagree", &bearssl,
		              &openssl);
#endif
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reader rd;
	struct staple_cert leaf;
	uint8_t *issuer_der, *leaf_der, *response_der;
	size_t issuer_n, leaf_n, response_n, n;
	unsigned when, mix, i;
	uint32_t delta = 0;
	int leaf_ok;

	rd.p = data;
	rd.n = size;
	when = read_u8(&rd);
	mix = read_u8(&rd);
	for (i = 0; i < 4; i++)
		delta = (delta << 8) | read_u8(&rd);
	n = read_u8(&rd) << 8;
	n |= read_u8(&rd);
	issuer_der = read_part(&rd, n, &issuer_n);
	n = read_u8(&rd) << 8;
	n |= read_u8(&rd);
	leaf_der = read_part(&rd, n, &leaf_n);
	response_der = read_part(&rd, rd.n, &response_n);

	memset(&in, 0, sizeof in);
	in.issuer_in.p = issuer_der;
	in.issuer_in.n = issuer_n;
	in.response_in.p = response_der;
	in.response_in.n = response_n;
	in.mix_mask = mix & 0x1fu;
	in.mix_wrong_size = (mix & 0x20u) != 0;
	in.cripple = (enum cripple)(when >> 5);
	in.skew = skews[(when >> 2) & 7u];

	leaf_ok = staple_cert_decode(&leaf, leaf_der, leaf_n) == STAPLE_OK;
	if (staple_cert_decode(&in.issuer, issuer_der, issuer_n) == STAPLE_OK) {
		if (staple_decode(&in.r, response_der, response_n) != STAPLE_OK) {
			/* a response that did not decode is refused */
			struct staple_verify_result res;
			memset(&res, 0x5a, sizeof res);
			FUZZ_REQUIRE(staple_verify(&in.r, &fake_real, &in.issuer,
			                           NULL, 0, 0, &res) ==
			             STAPLE_ERR_ARGUMENT);
			FUZZ_REQUIRE(result_is_reset(&res));
		} else {
			/* |delta| < 2^31 s and base in years 0000-9999: now
			 * stays inside what staple_verify() takes (2^48 ms) */
			in.now = base_time(when & 3u) +
			         1000 * ((int64_t)delta -
			                 (delta >= UINT32_C(0x80000000)
			                          ? INT64_C(0x100000000)
			                          : 0));
			check_arguments();
			verify_all(leaf_ok && leaf_n > 0 ? &leaf : NULL);
		}
	}
	free(response_der);
	free(leaf_der);
	free(issuer_der);
	return 0;
}
