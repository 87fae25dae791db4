/*
 * test_crypto.c -- the crypto providers of backends/: staple_crypto_bearssl
 * and staple_crypto_openssl, side by side.
 *
 * Hashes are checked against known answers: the digests of "abc" from
 * FIPS 180-2's appendices (SHA-224 from its change notice) and of the
 * empty string.
 *
 * Signatures are made while the test runs, with OpenSSL's libcrypto: every
 * key is generated once per run (in an unchecked fixture, so forked tests
 * inherit them; RSA key generation is slow) and every signature in the
 * test that uses it.  The struct staple_pubkey is filled by hand the way
 * the certificate decoder fills it: spki from i2d_PUBKEY, bits from the
 * subjectPublicKey BIT STRING, n and e without leading zero octets.
 * Each scheme is then checked on the genuine signature and on damaged ones
 * (a bit flipped in the message or the signature, one octet missing or
 * added, another key of the same type, other parameters); every damaged
 * one must be STAPLE_ERR_SIGNATURE from both providers, except where
 * BearSSL lacks the scheme (EdDSA): there every call is
 * STAPLE_ERR_UNSUPPORTED_ALGORITHM.
 *
 * Then encodings broken in exactly one rule, which a genuine signature
 * never exercises: RSA encoded messages built or damaged here and signed
 * with the raw private operation (PKCS#1 v1.5 and PSS), and ECDSA
 * signatures re-encoded against DER.  Each names the rule it breaks.
 *
 * Messages, signatures and keys are handed to the providers in exact-size
 * heap copies, so a one-byte overread trips AddressSanitizer.  After every
 * call the thread's OpenSSL error queue must be empty.  Without
 * STAPLE_HAVE_OPENSSL only BearSSL's provider is tested (libcrypto still
 * makes the keys).
 */
#include "tests.h"

#include "backend.h"
#include "staple.h"

#include <bearssl.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

/*
 * The providers under test, BearSSL's first (expectations index them
 * so).  libcrypto makes the keys in either case; its provider is tested
 * when it is built (STAPLE_HAVE_OPENSSL).
 */
static const struct staple_crypto *const providers[] = {
	&staple_crypto_bearssl,
#ifdef STAPLE_HAVE_OPENSSL
	&staple_crypto_openssl,
#endif
};

#define N_PROVIDERS (sizeof providers / sizeof providers[0])

/* A copy of p[0..n) in a heap block of exactly n octets (1 when n is 0). */
static uint8_t *dup_exact(const uint8_t *p, size_t n)
{
	uint8_t *copy = malloc(n > 0 ? n : 1);

	ck_assert_ptr_nonnull(copy);
	if (n > 0)
		memcpy(copy, p, n);
	return copy;
}

/*
 * provider->verify() on exact-size heap copies of msg and sig; for the
 * OpenSSL provider, also checks that it left the error queue empty.
 */
static int verify_copy(const struct staple_crypto *provider,
                       const struct staple_sigalg *alg,
                       const struct staple_pubkey *key, const uint8_t *msg,
                       size_t msg_len, const uint8_t *sig, size_t sig_len)
{
	uint8_t *m = dup_exact(msg, msg_len);
	uint8_t *s = dup_exact(sig, sig_len);
	int err;

	ERR_clear_error();
	err = provider->verify(alg, key, m, msg_len, s, sig_len);
	ck_assert_msg(ERR_peek_error() == 0,
	              "%s left an error in OpenSSL's queue", provider->name);
	free(m);
	free(s);
	return err;
}

/* ---- hashes -------------------------------------------------------- */

struct hash_case {
	enum staple_hash alg;
	const char *input;
	const char *hex; /* the digest */
};

static const struct hash_case hash_cases[] = {
	{STAPLE_HASH_SHA1, "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"},
	{STAPLE_HASH_SHA224, "abc",
	 "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"},
	{STAPLE_HASH_SHA256, "abc",
	 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
	{STAPLE_HASH_SHA384, "abc",
	 "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
	 "8086072ba1e7cc2358baeca134c825a7"},
	{STAPLE_HASH_SHA512, "abc",
	 "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
	 "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
	/* The empty message, passed as NULL with length 0. */
	{STAPLE_HASH_SHA1, "", "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
	{STAPLE_HASH_SHA256, "",
	 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
};

START_TEST(test_hash)
{
	const struct hash_case *c = &hash_cases[_i];
	size_t want_len, in_len = strlen(c->input), p;
	uint8_t *want = test_hex(c->hex, &want_len);
	uint8_t *in = in_len > 0 ? dup_exact((const uint8_t *)c->input, in_len)
	                         : NULL;
	uint8_t out[STAPLE_HASH_MAX_SIZE + 1];

	for (p = 0; p < N_PROVIDERS; p++) {
		size_t got;

		/* A canary after the largest digest: nothing may write it. */
		memset(out, 0xa5, sizeof out);
		ERR_clear_error();
		got = providers[p]->hash(c->alg, in, in_len, out);
		ck_assert_msg(ERR_peek_error() == 0, "%s: error queue",
		              providers[p]->name);
		ck_assert_msg(got == want_len, "%s: %s(\"%s\"): size %zu, want %zu",
		              providers[p]->name, staple_hash_name((int)c->alg),
		              c->input, got, want_len);
		ck_assert_msg(memcmp(out, want, want_len) == 0,
		              "%s: %s(\"%s\"): wrong digest", providers[p]->name,
		              staple_hash_name((int)c->alg), c->input);
		ck_assert_int_eq(out[STAPLE_HASH_MAX_SIZE], 0xa5);
	}
	free(in);
	free(want);
}
END_TEST

START_TEST(test_hash_other)
{
	static const uint8_t abc[3] = {'a', 'b', 'c'};
	uint8_t out[STAPLE_HASH_MAX_SIZE];
	size_t p;

	/* A hash the provider does not have is size 0, not an abort. */
	for (p = 0; p < N_PROVIDERS; p++) {
		ck_assert_uint_eq(providers[p]->hash(STAPLE_HASH_OTHER, abc,
		                                     sizeof abc, out),
		                  0);
		ck_assert_uint_eq(providers[p]->hash((enum staple_hash)77, abc,
		                                     sizeof abc, out),
		                  0);
	}
}
END_TEST

/* ---- finding a provider -------------------------------------------- */

START_TEST(test_find)
{
	const char *const *names = staple_crypto_names();
	size_t i;

	ck_assert_ptr_eq(staple_crypto_find(NULL), &staple_crypto_bearssl);
	ck_assert_ptr_eq(staple_crypto_find("bearssl"), &staple_crypto_bearssl);
#ifdef STAPLE_HAVE_OPENSSL
	ck_assert_ptr_eq(staple_crypto_find("openssl"), &staple_crypto_openssl);
#else
	ck_assert_ptr_null(staple_crypto_find("openssl")); /* not built */
#endif
	/* Names are exact: no case folding, no prefixes. */
	ck_assert_ptr_null(staple_crypto_find("OpenSSL"));
	ck_assert_ptr_null(staple_crypto_find("bear"));
	ck_assert_ptr_null(staple_crypto_find(""));
	ck_assert_ptr_null(staple_crypto_find("boringssl"));
	/* The list: default first, each name finds its provider. */
	ck_assert_str_eq(names[0], STAPLE_CRYPTO_DEFAULT);
	for (i = 0; names[i] != NULL; i++)
		ck_assert_str_eq(staple_crypto_find(names[i])->name, names[i]);
	ck_assert_uint_eq(i, N_PROVIDERS);
}
END_TEST

/* ---- keys ---------------------------------------------------------- */

enum key_id {
	RSA2048, RSA2048_B,
	RSA3072, RSA3072_B,
	RSA2049, RSA2049_B,
	RSAPSS2048, RSAPSS2048_R,
	P256, P256_B,
	P384, P384_B,
	P521, P521_B,
	ED25519, ED25519_B,
	ED448, ED448_B,
	N_KEYS
};

struct key_spec {
	const char *algorithm; /* EVP_PKEY_CTX_new_from_name() */
	int rsa_bits;
	unsigned rsa_primes;   /* 0 for OpenSSL's default (2) */
	const char *group;     /* EC only */
	int pss_restricted;    /* RSA-PSS: SHA-256, MGF1 SHA-256, salt >= 32 */
	enum staple_key_type type;
	enum staple_curve curve;
};

#define RSA_SPEC(bits, primes) \
	{"RSA", bits, primes, NULL, 0, STAPLE_KEY_RSA, STAPLE_CURVE_NONE}
#define EC_SPEC(group, curve) \
	{"EC", 0, 0, group, 0, STAPLE_KEY_EC, curve}

static const struct key_spec key_specs[N_KEYS] = {
	[RSA2048] = RSA_SPEC(2048, 0),
	[RSA2048_B] = RSA_SPEC(2048, 0),
	[RSA3072] = RSA_SPEC(3072, 0),
	[RSA3072_B] = RSA_SPEC(3072, 0),
	/*
	 * modBits = 8k + 1, so emBits = modBits - 1 is a multiple of 8 and
	 * a PSS encoded message is one octet shorter than the modulus.
	 * OpenSSL 3.0 makes a two-prime key of 2048 bits when asked for 2049
	 * (each prime gets bits / 2); with three primes it makes 2049.
	 * generate() also wants n >= 1.25 * 2^2048: see modulus_has_room().
	 */
	[RSA2049] = RSA_SPEC(2049, 3),
	[RSA2049_B] = RSA_SPEC(2049, 3),
	/* An id-RSASSA-PSS key (RFC 4055) without parameters: any PSS. */
	[RSAPSS2048] = {"RSA-PSS", 2048, 0, NULL, 0, STAPLE_KEY_RSA,
	                STAPLE_CURVE_NONE},
	/* One whose parameters restrict it (RFC 4055 3.1; OpenSSL reads a
	 * saltLength as a minimum). */
	[RSAPSS2048_R] = {"RSA-PSS", 2048, 0, NULL, 1, STAPLE_KEY_RSA,
	                  STAPLE_CURVE_NONE},
	[P256] = EC_SPEC("P-256", STAPLE_CURVE_P256),
	[P256_B] = EC_SPEC("P-256", STAPLE_CURVE_P256),
	[P384] = EC_SPEC("P-384", STAPLE_CURVE_P384),
	[P384_B] = EC_SPEC("P-384", STAPLE_CURVE_P384),
	[P521] = EC_SPEC("P-521", STAPLE_CURVE_P521),
	[P521_B] = EC_SPEC("P-521", STAPLE_CURVE_P521),
	[ED25519] = {"ED25519", 0, 0, NULL, 0, STAPLE_KEY_ED25519,
	             STAPLE_CURVE_NONE},
	[ED25519_B] = {"ED25519", 0, 0, NULL, 0, STAPLE_KEY_ED25519,
	               STAPLE_CURVE_NONE},
	[ED448] = {"ED448", 0, 0, NULL, 0, STAPLE_KEY_ED448, STAPLE_CURVE_NONE},
	[ED448_B] = {"ED448", 0, 0, NULL, 0, STAPLE_KEY_ED448,
	             STAPLE_CURVE_NONE},
};

/* A generated key and the staple_pubkey of it; the slices point at the
 * exact-size heap copies beside them. */
struct test_key {
	EVP_PKEY *pkey;
	uint8_t *spki, *bits, *n, *e;
	struct staple_pubkey pub;
};

static struct test_key keys[N_KEYS];

/* An RSA parameter as unsigned big-endian without leading zero octets. */
static uint8_t *bn_param(EVP_PKEY *pkey, const char *name, size_t *len)
{
	BIGNUM *bn = NULL;
	uint8_t *out;
	int n;

	ck_assert_int_eq(EVP_PKEY_get_bn_param(pkey, name, &bn), 1);
	n = BN_num_bytes(bn);
	ck_assert_int_gt(n, 0);
	out = malloc((size_t)n);
	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(BN_bn2bin(bn, out), n);
	BN_free(bn);
	*len = (size_t)n;
	return out;
}

/*
 * For a modulus of 8k + 1 bits: is n >= 1.25 * 2^(8k)?  test_pss_crafted
 * needs an encoded message EM with 2^(8k) + EM < n (a non-zero octet in
 * front of EM that still passes RSAVP1); with this margin a random EM
 * gives one with probability 1/4 or more.
 */
static int modulus_has_room(EVP_PKEY *pkey)
{
	size_t len;
	uint8_t *n = bn_param(pkey, OSSL_PKEY_PARAM_RSA_N, &len);
	int ok = len > 1 && n[0] == 0x01 && n[1] >= 0x40;

	free(n);
	return ok;
}

static EVP_PKEY *generate(const struct key_spec *spec)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, spec->algorithm,
	                                               NULL);
	EVP_PKEY *pkey = NULL;

	ck_assert_ptr_nonnull(ctx);
	ck_assert_int_eq(EVP_PKEY_keygen_init(ctx), 1);
	if (spec->rsa_bits > 0)
		ck_assert_int_eq(
			EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, spec->rsa_bits), 1);
	if (spec->rsa_primes > 0)
		ck_assert_int_eq(EVP_PKEY_CTX_set_rsa_keygen_primes(
			                 ctx, (int)spec->rsa_primes),
		                 1);
	if (spec->group != NULL)
		ck_assert_int_eq(EVP_PKEY_CTX_set_group_name(ctx, spec->group), 1);
	if (spec->pss_restricted) {
		ck_assert_int_eq(EVP_PKEY_CTX_set_rsa_pss_keygen_md_name(
			                 ctx, "SHA256", NULL),
		                 1);
		ck_assert_int_eq(EVP_PKEY_CTX_set_rsa_pss_keygen_mgf1_md_name(
			                 ctx, "SHA256"),
		                 1);
		ck_assert_int_eq(EVP_PKEY_CTX_set_rsa_pss_keygen_saltlen(ctx, 32),
		                 1);
	}
	for (;;) {
		ck_assert_int_eq(EVP_PKEY_generate(ctx, &pkey), 1);
		if (spec->rsa_bits % 8 != 1 || modulus_has_room(pkey))
			break;
		EVP_PKEY_free(pkey);
		pkey = NULL;
	}
	EVP_PKEY_CTX_free(ctx);
	if (spec->rsa_bits > 0)
		ck_assert_int_eq(EVP_PKEY_get_bits(pkey), spec->rsa_bits);
	return pkey;
}

static void key_make(enum key_id id)
{
	const struct key_spec *spec = &key_specs[id];
	struct test_key *k = &keys[id];
	unsigned char *der = NULL;
	const unsigned char *p, *bits;
	X509_PUBKEY *xpub;
	int der_len, bits_len;

	k->pkey = generate(spec);

	der_len = i2d_PUBKEY(k->pkey, &der);
	ck_assert_int_gt(der_len, 0);
	k->spki = dup_exact(der, (size_t)der_len);
	OPENSSL_free(der);
	k->pub.spki.p = k->spki;
	k->pub.spki.n = (size_t)der_len;

	/* subjectPublicKey's contents after the unused-bits octet. */
	p = k->spki;
	xpub = d2i_X509_PUBKEY(NULL, &p, der_len);
	ck_assert_ptr_nonnull(xpub);
	ck_assert_int_eq(
		X509_PUBKEY_get0_param(NULL, &bits, &bits_len, NULL, xpub), 1);
	k->bits = dup_exact(bits, (size_t)bits_len);
	k->pub.bits.p = k->bits;
	k->pub.bits.n = (size_t)bits_len;
	X509_PUBKEY_free(xpub);

	k->pub.type = spec->type;
	k->pub.curve = spec->curve;
	if (spec->type == STAPLE_KEY_RSA) {
		k->n = bn_param(k->pkey, OSSL_PKEY_PARAM_RSA_N, &k->pub.n.n);
		k->e = bn_param(k->pkey, OSSL_PKEY_PARAM_RSA_E, &k->pub.e.n);
		k->pub.n.p = k->n;
		k->pub.e.p = k->e;
	}
	if (spec->type == STAPLE_KEY_EC)
		ck_assert_int_eq(k->bits[0], 0x04); /* uncompressed */
}

/* Unchecked fixture: runs once per test case, before the fork. */
static void keys_setup(void)
{
	int id;

	for (id = 0; id < N_KEYS; id++)
		if (keys[id].pkey == NULL)
			key_make((enum key_id)id);
}

static void keys_teardown(void)
{
	int id;

	for (id = 0; id < N_KEYS; id++) {
		EVP_PKEY_free(keys[id].pkey);
		free(keys[id].spki);
		free(keys[id].bits);
		free(keys[id].n);
		free(keys[id].e);
		memset(&keys[id], 0, sizeof keys[id]);
	}
}

/* ---- signing ------------------------------------------------------- */

static const char *md_name(enum staple_hash alg)
{
	switch (alg) {
	case STAPLE_HASH_SHA1:
		return "SHA1";
	case STAPLE_HASH_SHA224:
		return "SHA224";
	case STAPLE_HASH_SHA256:
		return "SHA256";
	case STAPLE_HASH_SHA384:
		return "SHA384";
	case STAPLE_HASH_SHA512:
		return "SHA512";
	case STAPLE_HASH_OTHER:
		break;
	}
	return NULL;
}

/* Sign msg with key id as alg says; an exact-size heap signature. */
static uint8_t *sign(enum key_id id, const struct staple_sigalg *alg,
                     const uint8_t *msg, size_t msg_len, size_t *sig_len)
{
	EVP_MD_CTX *mctx = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pctx = NULL;
	uint8_t *sig, *exact;
	size_t len = 0;

	ck_assert_ptr_nonnull(mctx);
	ck_assert_int_eq(EVP_DigestSignInit_ex(mctx, &pctx, md_name(alg->hash),
	                                       NULL, NULL, keys[id].pkey, NULL),
	                 1);
	if (alg->scheme == STAPLE_SIG_RSA_PSS) {
		ck_assert_int_eq(
			EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING), 1);
		ck_assert_int_eq(EVP_PKEY_CTX_set_rsa_mgf1_md_name(
			                 pctx, md_name(alg->mgf1_hash), NULL),
		                 1);
		ck_assert_int_eq(
			EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, (int)alg->salt_len), 1);
	}
	ck_assert_int_eq(EVP_DigestSign(mctx, NULL, &len, msg, msg_len), 1);
	sig = malloc(len);
	ck_assert_ptr_nonnull(sig);
	ck_assert_int_eq(EVP_DigestSign(mctx, sig, &len, msg, msg_len), 1);
	EVP_MD_CTX_free(mctx);
	exact = dup_exact(sig, len); /* an ECDSA signature may be shorter */
	free(sig);
	*sig_len = len;
	return exact;
}

/* What is signed: any fixed bytes will do. */
static const char message[] =
	"staple test message: an OCSP ResponseData would be signed here";

#define MESSAGE ((const uint8_t *)message)
#define MESSAGE_LEN (sizeof message - 1)

/* ---- signatures ---------------------------------------------------- */

struct sig_case {
	const char *name;
	enum key_id key, other; /* the signer; another key of its type */
	struct staple_sigalg alg;
	int bearssl;            /* BearSSL's verdict on a genuine one */
};

#define PKCS1(h) {STAPLE_SIG_RSA_PKCS1, STAPLE_HASH_##h, STAPLE_HASH_OTHER, 0}
#define PSS(h, mgf, salt) \
	{STAPLE_SIG_RSA_PSS, STAPLE_HASH_##h, STAPLE_HASH_##mgf, salt}
#define ECDSA(h) {STAPLE_SIG_ECDSA, STAPLE_HASH_##h, STAPLE_HASH_OTHER, 0}
#define OK STAPLE_OK
#define UNSUPPORTED STAPLE_ERR_UNSUPPORTED_ALGORITHM

static const struct sig_case sig_cases[] = {
	{"RSA-2048 PKCS#1 SHA-1", RSA2048, RSA2048_B, PKCS1(SHA1), OK},
	{"RSA-2048 PKCS#1 SHA-224", RSA2048, RSA2048_B, PKCS1(SHA224), OK},
	{"RSA-2048 PKCS#1 SHA-256", RSA2048, RSA2048_B, PKCS1(SHA256), OK},
	{"RSA-2048 PKCS#1 SHA-384", RSA2048, RSA2048_B, PKCS1(SHA384), OK},
	{"RSA-2048 PKCS#1 SHA-512", RSA2048, RSA2048_B, PKCS1(SHA512), OK},
	{"RSA-2048 PSS SHA-256 salt 32", RSA2048, RSA2048_B,
	 PSS(SHA256, SHA256, 32), OK},
	{"RSA-2048 PSS SHA-384 salt 48", RSA2048, RSA2048_B,
	 PSS(SHA384, SHA384, 48), OK},
	{"RSA-2048 PSS SHA-512 MGF1 SHA-512 salt 64", RSA2048, RSA2048_B,
	 PSS(SHA512, SHA512, 64), OK},
	{"RSA-2048 PSS SHA-256 MGF1 SHA-1 salt 0", RSA2048, RSA2048_B,
	 PSS(SHA256, SHA1, 0), OK},
	/* RFC 4055's default RSASSA-PSS-params: SHA-1, MGF1 SHA-1, 20. */
	{"RSA-2048 PSS SHA-1 default parameters", RSA2048, RSA2048_B,
	 PSS(SHA1, SHA1, 20), OK},
	/* emLen - hLen - 2 = 256 - 32 - 2: the salt fills DB, no PS. */
	{"RSA-2048 PSS SHA-256 largest salt 222", RSA2048, RSA2048_B,
	 PSS(SHA256, SHA256, 222), OK},
	{"RSA-3072 PKCS#1 SHA-256", RSA3072, RSA3072_B, PKCS1(SHA256), OK},
	{"RSA-3072 PSS SHA-384 salt 48", RSA3072, RSA3072_B,
	 PSS(SHA384, SHA384, 48), OK},
	{"RSA-2049 PKCS#1 SHA-256", RSA2049, RSA2049_B, PKCS1(SHA256), OK},
	/* emLen = k - 1 = 256: the public operation's first octet is 0. */
	{"RSA-2049 PSS SHA-256 salt 32", RSA2049, RSA2049_B,
	 PSS(SHA256, SHA256, 32), OK},
	{"RSA-2049 PSS SHA-512 largest salt 190", RSA2049, RSA2049_B,
	 PSS(SHA512, SHA512, 190), OK},
	{"id-RSASSA-PSS key, PSS SHA-256 salt 32", RSAPSS2048, RSA2048,
	 PSS(SHA256, SHA256, 32), OK},
	/* Against it, OpenSSL refuses to set up another hash, MGF1 hash or a
	 * shorter salt: that is SIGNATURE too, as from BearSSL, which does
	 * not see the restriction. */
	{"restricted id-RSASSA-PSS key, PSS SHA-256 salt 32", RSAPSS2048_R,
	 RSAPSS2048, PSS(SHA256, SHA256, 32), OK},
	{"ECDSA P-256 SHA-256", P256, P256_B, ECDSA(SHA256), OK},
	{"ECDSA P-384 SHA-384", P384, P384_B, ECDSA(SHA384), OK},
	{"ECDSA P-521 SHA-512", P521, P521_B, ECDSA(SHA512), OK},
	{"ECDSA P-256 SHA-1", P256, P256_B, ECDSA(SHA1), OK},
	/* A digest longer than the order is cut to its leftmost bits. */
	{"ECDSA P-256 SHA-512", P256, P256_B, ECDSA(SHA512), OK},
	{"Ed25519", ED25519, ED25519_B,
	 {STAPLE_SIG_ED25519, STAPLE_HASH_OTHER, STAPLE_HASH_OTHER, 0},
	 UNSUPPORTED},
	{"Ed448", ED448, ED448_B,
	 {STAPLE_SIG_ED448, STAPLE_HASH_OTHER, STAPLE_HASH_OTHER, 0},
	 UNSUPPORTED},
};

/* One verification of a sig_case, named for the failure message. */
static void expect(const struct sig_case *c, size_t p, const char *what,
                   const struct staple_sigalg *alg, enum key_id key,
                   const uint8_t *msg, size_t msg_len, const uint8_t *sig,
                   size_t sig_len, int want)
{
	int got = verify_copy(providers[p], alg, &keys[key].pub, msg, msg_len,
	                      sig, sig_len);

	ck_assert_msg(got == want, "%s, %s, %s: got %s, want %s", c->name,
	              providers[p]->name, what, staple_errname(got),
	              staple_errname(want));
}

/* sig with bit `mask` of octet `at` flipped, in an exact-size copy. */
static uint8_t *flip(const uint8_t *sig, size_t len, size_t at, uint8_t mask)
{
	uint8_t *copy = dup_exact(sig, len);

	copy[at] = (uint8_t)(copy[at] ^ mask);
	return copy;
}

START_TEST(test_signature)
{
	const struct sig_case *c = &sig_cases[_i];
	static const struct {
		const char *what;
		int where; /* 0 first, 1 middle, 2 last octet */
		uint8_t mask;
	} flips[] = {
		{"low bit of the first signature octet flipped", 0, 0x01},
		{"high bit of the first signature octet flipped", 0, 0x80},
		{"a bit of the middle signature octet flipped", 1, 0x01},
		{"a bit of the last signature octet flipped", 2, 0x01},
	};
	size_t sig_len, p, f;
	uint8_t *sig = sign(c->key, &c->alg, MESSAGE, MESSAGE_LEN, &sig_len);
	uint8_t *msg = flip(MESSAGE, MESSAGE_LEN, MESSAGE_LEN / 2, 0x04);
	uint8_t *longer = malloc(sig_len + 1);

	ck_assert_ptr_nonnull(longer);
	memcpy(longer, sig, sig_len);
	longer[sig_len] = 0x00;

	for (p = 0; p < N_PROVIDERS; p++) {
		int ok = p == 0 ? c->bearssl : STAPLE_OK;
		/* A provider that lacks the scheme says so every time. */
		int bad = ok == STAPLE_OK ? STAPLE_ERR_SIGNATURE : ok;

		expect(c, p, "genuine", &c->alg, c->key, MESSAGE, MESSAGE_LEN,
		       sig, sig_len, ok);
		expect(c, p, "one bit of the message flipped", &c->alg, c->key,
		       msg, MESSAGE_LEN, sig, sig_len, bad);
		for (f = 0; f < sizeof flips / sizeof flips[0]; f++) {
			size_t at = flips[f].where == 0   ? 0
			            : flips[f].where == 1 ? sig_len / 2
			                                  : sig_len - 1;
			uint8_t *bent = flip(sig, sig_len, at, flips[f].mask);

			expect(c, p, flips[f].what, &c->alg, c->key, MESSAGE,
			       MESSAGE_LEN, bent, sig_len, bad);
			free(bent);
		}
		expect(c, p, "signature one octet short", &c->alg, c->key,
		       MESSAGE, MESSAGE_LEN, sig, sig_len - 1, bad);
		expect(c, p, "signature with an octet appended", &c->alg, c->key,
		       MESSAGE, MESSAGE_LEN, longer, sig_len + 1, bad);
		expect(c, p, "empty signature", &c->alg, c->key, MESSAGE,
		       MESSAGE_LEN, NULL, 0, bad);
		expect(c, p, "another key of the same type", &c->alg, c->other,
		       MESSAGE, MESSAGE_LEN, sig, sig_len, bad);

		if (c->alg.scheme == STAPLE_SIG_RSA_PSS) {
			struct staple_sigalg alg = c->alg;

			/* The salt length must be exactly the one used. */
			alg.salt_len = c->alg.salt_len + 1;
			expect(c, p, "PSS salt length one more", &alg, c->key,
			       MESSAGE, MESSAGE_LEN, sig, sig_len, bad);
			if (c->alg.salt_len > 0) {
				alg.salt_len = c->alg.salt_len - 1;
				expect(c, p, "PSS salt length one less", &alg,
				       c->key, MESSAGE, MESSAGE_LEN, sig, sig_len,
				       bad);
			}
			/* No salt that long fits any key here. */
			alg.salt_len = 4096;
			expect(c, p, "PSS salt longer than the key", &alg, c->key,
			       MESSAGE, MESSAGE_LEN, sig, sig_len, bad);
			alg.salt_len = UINT_MAX;
			expect(c, p, "PSS salt length UINT_MAX", &alg, c->key,
			       MESSAGE, MESSAGE_LEN, sig, sig_len, bad);
			alg = c->alg;
			alg.mgf1_hash = c->alg.mgf1_hash == STAPLE_HASH_SHA1
			                        ? STAPLE_HASH_SHA256
			                        : STAPLE_HASH_SHA1;
			expect(c, p, "PSS with another MGF1 hash", &alg, c->key,
			       MESSAGE, MESSAGE_LEN, sig, sig_len, bad);
			alg = c->alg;
			alg.hash = c->alg.hash == STAPLE_HASH_SHA1
			                   ? STAPLE_HASH_SHA256
			                   : STAPLE_HASH_SHA1;
			expect(c, p, "PSS with another message hash", &alg,
			       c->key, MESSAGE, MESSAGE_LEN, sig, sig_len, bad);
		}
		if (c->alg.scheme == STAPLE_SIG_RSA_PKCS1 ||
		    c->alg.scheme == STAPLE_SIG_ECDSA) {
			struct staple_sigalg alg = c->alg;

			/* PKCS#1 names its hash in DigestInfo; ECDSA does not
			 * and simply checks another digest. */
			alg.hash = c->alg.hash == STAPLE_HASH_SHA256
			                   ? STAPLE_HASH_SHA384
			                   : STAPLE_HASH_SHA256;
			expect(c, p, "another hash", &alg, c->key, MESSAGE,
			       MESSAGE_LEN, sig, sig_len, bad);
		}
		if (c->alg.scheme == STAPLE_SIG_RSA_PKCS1) {
			struct staple_sigalg alg = c->alg;

			/* The same key, the other RSA scheme. */
			alg.scheme = STAPLE_SIG_RSA_PSS;
			alg.mgf1_hash = c->alg.hash;
			alg.salt_len = 32;
			expect(c, p, "a PKCS#1 signature checked as PSS", &alg,
			       c->key, MESSAGE, MESSAGE_LEN, sig, sig_len, bad);
		}
	}
	free(longer);
	free(msg);
	free(sig);
}
END_TEST

/* ---- what a provider cannot check ---------------------------------- */

struct refusal_case {
	const char *name;
	enum key_id key;
	struct staple_sigalg alg;
	enum staple_curve curve; /* overrides the key's when not NONE... */
	int forget_curve;        /* ...or set it to NONE */
	int bearssl, openssl;    /* the verdicts */
	const char *why;
};

#define MISMATCH STAPLE_ERR_KEY_MISMATCH

static const struct refusal_case refusal_cases[] = {
	{"unknown scheme, RSA key", RSA2048,
	 {STAPLE_SIG_UNKNOWN, STAPLE_HASH_SHA256, STAPLE_HASH_OTHER, 0},
	 STAPLE_CURVE_NONE, 0, UNSUPPORTED, UNSUPPORTED,
	 "STAPLE_SIG_UNKNOWN is what the verifier has for an unknown OID"},
	{"unknown scheme, EC key", P256,
	 {STAPLE_SIG_UNKNOWN, STAPLE_HASH_SHA256, STAPLE_HASH_OTHER, 0},
	 STAPLE_CURVE_NONE, 0, UNSUPPORTED, UNSUPPORTED, "as above"},
	{"unknown scheme, Ed25519 key", ED25519,
	 {STAPLE_SIG_UNKNOWN, STAPLE_HASH_OTHER, STAPLE_HASH_OTHER, 0},
	 STAPLE_CURVE_NONE, 0, UNSUPPORTED, UNSUPPORTED, "as above"},
	{"scheme out of the enum", RSA2048,
	 {(enum staple_sig_scheme)77, STAPLE_HASH_SHA256, STAPLE_HASH_OTHER, 0},
	 STAPLE_CURVE_NONE, 0, UNSUPPORTED, UNSUPPORTED,
	 "a value no provider knows"},
	{"PKCS#1 with an unknown hash", RSA2048, PKCS1(OTHER),
	 STAPLE_CURVE_NONE, 0, UNSUPPORTED, UNSUPPORTED,
	 "STAPLE_HASH_OTHER: no digest to compute"},
	{"PSS with an unknown hash", RSA2048, PSS(OTHER, SHA256, 32),
	 STAPLE_CURVE_NONE, 0, UNSUPPORTED, UNSUPPORTED, "as above"},
	{"PSS with an unknown MGF1 hash", RSA2048, PSS(SHA256, OTHER, 32),
	 STAPLE_CURVE_NONE, 0, UNSUPPORTED, UNSUPPORTED,
	 "MGF1 needs a hash too"},
	{"ECDSA with an unknown hash", P256, ECDSA(OTHER), STAPLE_CURVE_NONE,
	 0, UNSUPPORTED, UNSUPPORTED, "as above"},
	{"ECDSA on a curve staple does not know", P256, ECDSA(SHA256),
	 STAPLE_CURVE_NONE, 1, UNSUPPORTED, UNSUPPORTED,
	 "curve NONE: the decoder did not recognise the named curve"},
	{"ECDSA, the key's curve misnamed", P256, ECDSA(SHA256),
	 STAPLE_CURVE_P384, 0, STAPLE_ERR_SIGNATURE, STAPLE_ERR_SIGNATURE,
	 "a P-256 point is no P-384 key, though the signature is genuine "
	 "(BearSSL reads the point, OpenSSL the SPKI's curve)"},
	{"PKCS#1 with an EC key", P256, PKCS1(SHA256), STAPLE_CURVE_NONE, 0,
	 MISMATCH, MISMATCH, "the verifier checks this before calling"},
	{"PSS with an Ed25519 key", ED25519, PSS(SHA256, SHA256, 32),
	 STAPLE_CURVE_NONE, 0, MISMATCH, MISMATCH, "as above"},
	{"ECDSA with an RSA key", RSA2048, ECDSA(SHA256), STAPLE_CURVE_NONE, 0,
	 MISMATCH, MISMATCH, "as above"},
	{"PKCS#1 with an id-RSASSA-PSS key", RSAPSS2048, PKCS1(SHA256),
	 STAPLE_CURVE_NONE, 0, STAPLE_ERR_SIGNATURE, MISMATCH,
	 "RFC 4055 1.2: such a key is for PSS only; OpenSSL sees the SPKI's "
	 "OID, BearSSL only n and e (and a PSS signature is no PKCS#1 one)"},
	{"Ed25519 with an Ed448 key", ED448,
	 {STAPLE_SIG_ED25519, STAPLE_HASH_OTHER, STAPLE_HASH_OTHER, 0},
	 STAPLE_CURVE_NONE, 0, UNSUPPORTED, MISMATCH,
	 "BearSSL has no EdDSA at all, so it never looks at the key"},
};

/* What a key signs with when a test does not care. */
static struct staple_sigalg natural_alg(enum key_id id)
{
	struct staple_sigalg alg = {STAPLE_SIG_UNKNOWN, STAPLE_HASH_OTHER,
	                            STAPLE_HASH_OTHER, 0};

	switch (key_specs[id].type) {
	case STAPLE_KEY_RSA:
		alg.scheme = STAPLE_SIG_RSA_PKCS1;
		alg.hash = STAPLE_HASH_SHA256;
		if (strcmp(key_specs[id].algorithm, "RSA-PSS") == 0) {
			alg.scheme = STAPLE_SIG_RSA_PSS;
			alg.mgf1_hash = STAPLE_HASH_SHA256;
			alg.salt_len = 32;
		}
		break;
	case STAPLE_KEY_EC:
		alg.scheme = STAPLE_SIG_ECDSA;
		alg.hash = STAPLE_HASH_SHA256;
		break;
	case STAPLE_KEY_ED25519:
		alg.scheme = STAPLE_SIG_ED25519;
		break;
	case STAPLE_KEY_ED448:
		alg.scheme = STAPLE_SIG_ED448;
		break;
	case STAPLE_KEY_UNKNOWN:
		break;
	}
	return alg;
}

START_TEST(test_refusal)
{
	const struct refusal_case *c = &refusal_cases[_i];
	struct staple_pubkey key = keys[c->key].pub;
	/* A genuine signature by the key in its own scheme, so a provider
	 * that wrongly went on to check it would say OK. */
	const struct staple_sigalg natural = natural_alg(c->key);
	size_t sig_len, p;
	uint8_t *sig = sign(c->key, &natural, MESSAGE, MESSAGE_LEN, &sig_len);

	if (c->forget_curve)
		key.curve = STAPLE_CURVE_NONE;
	else if (c->curve != STAPLE_CURVE_NONE)
		key.curve = c->curve;
	for (p = 0; p < N_PROVIDERS; p++) {
		int want = p == 0 ? c->bearssl : c->openssl;
		int got = verify_copy(providers[p], &c->alg, &key, MESSAGE,
		                      MESSAGE_LEN, sig, sig_len);

		ck_assert_msg(got == want, "%s, %s (%s): got %s, want %s",
		              c->name, providers[p]->name, c->why,
		              staple_errname(got), staple_errname(want));
	}
	free(sig);
}
END_TEST

/* ---- ECDSA signatures that are not DER ----------------------------- */

/*
 * Each variant re-encodes a genuine P-256 signature (r, s) or changes one
 * of its integers.  BearSSL's own br_ecdsa_asn1_to_raw() accepts some of
 * these (non-minimal lengths and INTEGERs); OpenSSL does not.  The BearSSL
 * provider reads the DER itself, so both must say SIGNATURE.
 */
enum der_variant {
	DER_AS_IS,          /* re-encoded unchanged: must verify */
	DER_LONG_LENGTH,    /* SEQUENCE length 81 xx for a short length */
	DER_R_PADDED,       /* r with one more leading 00 octet */
	DER_R_NEGATIVE,     /* r's sign octet dropped: r reads negative */
	DER_R_ZERO,         /* r = 0 */
	DER_R_ORDER,        /* r = n, the group order */
	DER_S_TOO_LONG,     /* s with 01 in front: 33 octets of value */
	DER_EXTRA_ELEMENT,  /* NULL after s inside the SEQUENCE */
	DER_EMPTY_SEQUENCE, /* 30 00 */
	DER_WRONG_TAG       /* SET instead of SEQUENCE */
};

struct der_case {
	const char *name;
	enum der_variant variant;
	int want;
	const char *why;
};

static const struct der_case der_cases[] = {
	{"as is", DER_AS_IS, STAPLE_OK, "the test's own encoder is right"},
	{"long-form length", DER_LONG_LENGTH, STAPLE_ERR_SIGNATURE,
	 "X.690 10.1: a length in the fewest octets"},
	{"r padded", DER_R_PADDED, STAPLE_ERR_SIGNATURE,
	 "X.690 8.3.2: the first nine bits of an INTEGER are not all 0"},
	{"r negative", DER_R_NEGATIVE, STAPLE_ERR_SIGNATURE,
	 "r must be in [1, n-1]; without its 00 it is a negative INTEGER"},
	{"r zero", DER_R_ZERO, STAPLE_ERR_SIGNATURE, "r must be in [1, n-1]"},
	{"r equals the order", DER_R_ORDER, STAPLE_ERR_SIGNATURE,
	 "r must be in [1, n-1]"},
	{"s too long", DER_S_TOO_LONG, STAPLE_ERR_SIGNATURE,
	 "s longer than the order cannot be below it"},
	{"extra element", DER_EXTRA_ELEMENT, STAPLE_ERR_SIGNATURE,
	 "Ecdsa-Sig-Value has two INTEGERs and nothing else"},
	{"empty SEQUENCE", DER_EMPTY_SEQUENCE, STAPLE_ERR_SIGNATURE,
	 "r and s are missing"},
	{"SET", DER_WRONG_TAG, STAPLE_ERR_SIGNATURE, "the tag is SEQUENCE"},
};

/* P-256's group order n (FIPS 186-4 D.1.2.3), with its sign octet. */
static const uint8_t p256_order[33] = {
	0x00, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e,
	0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
};

/* Append tag, short-form length and contents at out[*len]. */
static void put(uint8_t *out, size_t *len, uint8_t tag, const uint8_t *c,
                size_t n)
{
	ck_assert_uint_lt(n, 0x80);
	out[(*len)++] = tag;
	out[(*len)++] = (uint8_t)n;
	if (n > 0)
		memcpy(out + *len, c, n);
	*len += n;
}

START_TEST(test_ecdsa_der)
{
	const struct der_case *c = &der_cases[_i];
	const struct staple_sigalg alg = ECDSA(SHA256);
	uint8_t *sig = NULL, body[160], out[170], r[40], s[40];
	size_t sig_len = 0, r_len, s_len, body_len = 0, out_len = 0, p;
	int tries;

	/*
	 * Ecdsa-Sig-Value: 30 L 02 rl r 02 sl s, all lengths short.  For
	 * DER_R_NEGATIVE, sign until r has a sign octet (about half do).
	 */
	for (tries = 0; tries < 64; tries++) {
		free(sig);
		sig = sign(P256, &alg, MESSAGE, MESSAGE_LEN, &sig_len);
		if (c->variant != DER_R_NEGATIVE || sig[4] == 0x00)
			break;
	}
	ck_assert_int_lt(tries, 64);
	ck_assert_int_eq(sig[0], 0x30);
	ck_assert_int_eq(sig[2], 0x02);
	r_len = sig[3];
	memcpy(r, sig + 4, r_len);
	ck_assert_int_eq(sig[4 + r_len], 0x02);
	s_len = sig[5 + r_len];
	memcpy(s, sig + 6 + r_len, s_len);

	switch (c->variant) {
	case DER_R_PADDED:
		memmove(r + 1, r, r_len);
		r[0] = 0x00;
		r_len++;
		break;
	case DER_R_NEGATIVE:
		memmove(r, r + 1, r_len - 1);
		r_len--;
		break;
	case DER_R_ZERO:
		r[0] = 0x00;
		r_len = 1;
		break;
	case DER_R_ORDER:
		memcpy(r, p256_order, sizeof p256_order);
		r_len = sizeof p256_order;
		break;
	case DER_S_TOO_LONG:
		memmove(s + 1, s, s_len);
		s[0] = 0x01;
		s_len++;
		break;
	default:
		break;
	}
	if (c->variant != DER_EMPTY_SEQUENCE) {
		put(body, &body_len, 0x02, r, r_len);
		put(body, &body_len, 0x02, s, s_len);
	}
	if (c->variant == DER_EXTRA_ELEMENT)
		put(body, &body_len, 0x05, NULL, 0);
	if (c->variant == DER_LONG_LENGTH) {
		out[out_len++] = 0x30;
		out[out_len++] = 0x81;
		out[out_len++] = (uint8_t)body_len;
		memcpy(out + out_len, body, body_len);
		out_len += body_len;
	} else {
		put(out, &out_len, c->variant == DER_WRONG_TAG ? 0x31 : 0x30,
		    body, body_len);
	}

	for (p = 0; p < N_PROVIDERS; p++) {
		int got = verify_copy(providers[p], &alg, &keys[P256].pub,
		                      MESSAGE, MESSAGE_LEN, out, out_len);

		ck_assert_msg(got == c->want, "%s, %s (%s): got %s, want %s",
		              c->name, providers[p]->name, c->why,
		              staple_errname(got), staple_errname(c->want));
	}
	free(sig);
}
END_TEST

/* ---- PSS encodings wrong in exactly one rule ----------------------- */

/*
 * A genuine PSS signature is opened with the raw public operation
 * (RSAVP1, no padding), one rule of EMSA-PSS-VERIFY (RFC 8017 9.1.2) is
 * broken in the encoded message EM, and the result is signed again with
 * the raw private operation.  Most of these leave H, the salt and so the
 * final hash comparison intact: only the check of that one rule can catch
 * them.
 */
enum pss_damage {
	PSS_AS_IS,       /* re-signed unchanged: must verify */
	PSS_TOP_BIT,     /* the bit above emBits set (step 6) */
	PSS_TRAILER,     /* 0xbc made 0xbd (step 4) */
	PSS_PS_NONZERO,  /* one bit of PS set (step 10) */
	PSS_SEPARATOR,   /* the 0x01 after PS made 0x00 (step 10) */
	PSS_FRONT_OCTET  /* 8k+1-bit key: 01 in front of EM (8.1.2 step 2c) */
};

struct pss_case {
	const char *name;
	enum key_id key;
	struct staple_sigalg alg;
	enum pss_damage damage;
	int want;
	const char *why;
};

static const struct pss_case pss_cases[] = {
	{"RSA-2048 as is", RSA2048, PSS(SHA256, SHA256, 32), PSS_AS_IS, OK,
	 "the raw re-signing path itself is right"},
	{"RSA-2049 as is", RSA2049, PSS(SHA256, SHA256, 32), PSS_AS_IS, OK,
	 "likewise with emLen = k - 1"},
	{"top bit", RSA2048, PSS(SHA256, SHA256, 32), PSS_TOP_BIT,
	 STAPLE_ERR_SIGNATURE,
	 "emBits = 2047: EM's first bit must be 0, though step 9 clears it"},
	{"trailer", RSA2048, PSS(SHA256, SHA256, 32), PSS_TRAILER,
	 STAPLE_ERR_SIGNATURE, "the last octet of EM is 0xbc"},
	{"PS not zero", RSA2048, PSS(SHA256, SHA256, 32), PSS_PS_NONZERO,
	 STAPLE_ERR_SIGNATURE, "PS is all zero octets"},
	{"PS not zero, RSA-2049", RSA2049, PSS(SHA256, SHA256, 32),
	 PSS_PS_NONZERO, STAPLE_ERR_SIGNATURE, "as above"},
	{"separator", RSA2048, PSS(SHA256, SHA256, 32), PSS_SEPARATOR,
	 STAPLE_ERR_SIGNATURE, "PS ends with 0x01"},
	{"separator, salt 0", RSA2048, PSS(SHA256, SHA1, 0), PSS_SEPARATOR,
	 STAPLE_ERR_SIGNATURE, "the 0x01 is DB's last octet"},
	{"front octet", RSA2049, PSS(SHA256, SHA256, 32), PSS_FRONT_OCTET,
	 STAPLE_ERR_SIGNATURE,
	 "m >= 256^emLen: I2OSP(m, emLen) fails, though m < n"},
};

/*
 * The raw RSA operation of key id on in[0..k) into out[0..k): the public
 * one (s^e) or the private one (m^d).  0 when libcrypto refuses (the
 * input is not below n), else k.
 */
static size_t rsa_raw(enum key_id id, int private_op, const uint8_t *in,
                      size_t k, uint8_t *out)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, keys[id].pkey,
	                                               NULL);
	size_t out_len = k;
	int ok;

	ck_assert_ptr_nonnull(ctx);
	if (private_op) {
		ck_assert_int_eq(EVP_PKEY_sign_init(ctx), 1);
		ck_assert_int_eq(EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_NO_PADDING),
		                 1);
		ok = EVP_PKEY_sign(ctx, out, &out_len, in, k) == 1;
	} else {
		ck_assert_int_eq(EVP_PKEY_verify_recover_init(ctx), 1);
		ck_assert_int_eq(EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_NO_PADDING),
		                 1);
		ok = EVP_PKEY_verify_recover(ctx, out, &out_len, in, k) == 1;
	}
	EVP_PKEY_CTX_free(ctx);
	ERR_clear_error();
	if (!ok)
		return 0;
	ck_assert_uint_eq(out_len, k);
	return k;
}

START_TEST(test_pss_crafted)
{
	const struct pss_case *c = &pss_cases[_i];
	const struct staple_pubkey *key = &keys[c->key].pub;
	size_t k = key->n.n;
	size_t mod_bits = 8 * (k - 1);
	size_t em_len, h_len, db_len, ps_len, sig_len, p;
	uint8_t m[512], forged[512], digest[STAPLE_HASH_MAX_SIZE], *em;
	unsigned top;
	int tries;

	h_len = staple_crypto_bearssl.hash(c->alg.hash, MESSAGE, MESSAGE_LEN,
	                                   digest);
	for (top = key->n.p[0]; top != 0; top >>= 1)
		mod_bits++;
	em_len = (mod_bits - 1 + 7) / 8;
	em = m + (k - em_len);
	db_len = em_len - h_len - 1;
	ps_len = db_len - c->alg.salt_len - 1;
	ck_assert_uint_le(k, sizeof m);

	/* Each try has a fresh salt, so a fresh EM: retry while the
	 * damaged EM is not below n and cannot be signed. */
	for (tries = 0; tries < 200; tries++) {
		uint8_t *sig = sign(c->key, &c->alg, MESSAGE, MESSAGE_LEN,
		                    &sig_len);

		ck_assert_uint_eq(sig_len, k);
		ck_assert_uint_eq(rsa_raw(c->key, 0, sig, k, m), k);
		free(sig);
		ck_assert_int_eq(em[em_len - 1], 0xbc);
		switch (c->damage) {
		case PSS_AS_IS:
			break;
		case PSS_TOP_BIT:
			ck_assert_uint_eq(k, em_len);
			ck_assert_uint_ne(mod_bits % 8, 1);
			em[0] = (uint8_t)(em[0] | 0x80);
			break;
		case PSS_TRAILER:
			em[em_len - 1] = 0xbd;
			break;
		case PSS_PS_NONZERO:
			ck_assert_uint_ge(ps_len, 2);
			em[ps_len / 2] = (uint8_t)(em[ps_len / 2] ^ 0x01);
			break;
		case PSS_SEPARATOR:
			em[ps_len] = (uint8_t)(em[ps_len] ^ 0x01);
			break;
		case PSS_FRONT_OCTET:
			ck_assert_uint_eq(k, em_len + 1);
			ck_assert_int_eq(m[0], 0x00);
			m[0] = 0x01;
			break;
		}
		if (rsa_raw(c->key, 1, m, k, forged) == k)
			break;
	}
	ck_assert_int_lt(tries, 200);

	for (p = 0; p < N_PROVIDERS; p++) {
		int got = verify_copy(providers[p], &c->alg, key, MESSAGE,
		                      MESSAGE_LEN, forged, k);

		ck_assert_msg(got == c->want, "%s, %s (%s): got %s, want %s",
		              c->name, providers[p]->name, c->why,
		              staple_errname(got), staple_errname(c->want));
	}
}
END_TEST

/* ---- PKCS#1 v1.5 encodings wrong in one way ----------------------- */

/*
 * The encoded message EM = 00 01 FF..FF 00 || DigestInfo || H of SHA-256
 * (RFC 8017 9.2) is built here, damaged in one way, and signed with the
 * raw private operation of the RSA-2048 key.
 */
enum pkcs1_damage {
	P1_AS_IS,         /* unchanged: must verify */
	P1_NO_NULL,       /* digestAlgorithm without its NULL parameters */
	P1_LONG_LENGTH,   /* DigestInfo's length as 81 xx */
	P1_OTHER_OID,     /* SHA-512's OID over the SHA-256 digest */
	P1_BLOCK_TYPE,    /* 00 02 instead of 00 01 */
	P1_PS_BYTE,       /* one FF of PS made FE */
	P1_SEPARATOR,     /* the 00 after PS made FF */
	P1_GARBAGE_AFTER  /* PS of 8, then T, then filler to the end */
};

struct pkcs1_case {
	const char *name;
	enum pkcs1_damage damage;
	int want;
	const char *why;
};

static const struct pkcs1_case pkcs1_cases[] = {
	{"as is", P1_AS_IS, OK, "the test's own encoder is right"},
	{"no NULL", P1_NO_NULL, STAPLE_ERR_SIGNATURE,
	 "RFC 8017 9.2 note 1: the parameters are NULL (BearSSL's "
	 "br_rsa_pkcs1_vrfy accepts them absent)"},
	{"long-form length", P1_LONG_LENGTH, STAPLE_ERR_SIGNATURE,
	 "T is the DER encoding of DigestInfo (X.690 10.1)"},
	{"another OID", P1_OTHER_OID, STAPLE_ERR_SIGNATURE,
	 "the DigestInfo names SHA-512 but the algorithm is SHA-256"},
	{"block type 2", P1_BLOCK_TYPE, STAPLE_ERR_SIGNATURE,
	 "EM begins 00 01"},
	{"PS not all FF", P1_PS_BYTE, STAPLE_ERR_SIGNATURE,
	 "PS is FF octets only"},
	{"no separator", P1_SEPARATOR, STAPLE_ERR_SIGNATURE,
	 "PS ends with a 00 octet"},
	{"garbage after T", P1_GARBAGE_AFTER, STAPLE_ERR_SIGNATURE,
	 "T ends EM: a parser that stops after H would accept (the "
	 "Bleichenbacher 2006 forgery with e = 3)"},
};

START_TEST(test_pkcs1_crafted)
{
	static const uint8_t sha256_oid[11] = {0x06, 0x09, 0x60, 0x86, 0x48,
	                                       0x01, 0x65, 0x03, 0x04, 0x02,
	                                       0x01};
	const struct pkcs1_case *c = &pkcs1_cases[_i];
	const struct staple_sigalg alg = PKCS1(SHA256);
	const struct staple_pubkey *key = &keys[RSA2048].pub;
	size_t k = key->n.n, t_len = 0, ps_len, garbage = 0, p;
	uint8_t t[80], em[256], sig[256], h[STAPLE_HASH_MAX_SIZE];

	ck_assert_uint_eq(k, sizeof em);
	ck_assert_uint_eq(staple_crypto_bearssl.hash(STAPLE_HASH_SHA256, MESSAGE,
	                                             MESSAGE_LEN, h),
	                  32);
	/* T = DigestInfo || H. */
	t[t_len++] = 0x30;
	if (c->damage == P1_LONG_LENGTH)
		t[t_len++] = 0x81;
	t[t_len++] = c->damage == P1_NO_NULL ? 0x2f : 0x31;
	t[t_len++] = 0x30;
	t[t_len++] = c->damage == P1_NO_NULL ? 0x0b : 0x0d;
	memcpy(t + t_len, sha256_oid, sizeof sha256_oid);
	if (c->damage == P1_OTHER_OID)
		t[t_len + 10] = 0x03; /* 2.16.840.1.101.3.4.2.3 */
	t_len += sizeof sha256_oid;
	if (c->damage != P1_NO_NULL) {
		t[t_len++] = 0x05;
		t[t_len++] = 0x00;
	}
	t[t_len++] = 0x04;
	t[t_len++] = 0x20;
	memcpy(t + t_len, h, 32);
	t_len += 32;

	/* EM = 00 01 PS 00 T [filler]. */
	ps_len = k - 3 - t_len;
	if (c->damage == P1_GARBAGE_AFTER) {
		garbage = ps_len - 8;
		ps_len = 8;
	}
	em[0] = 0x00;
	em[1] = c->damage == P1_BLOCK_TYPE ? 0x02 : 0x01;
	memset(em + 2, 0xff, ps_len);
	if (c->damage == P1_PS_BYTE)
		em[2 + ps_len / 2] = 0xfe;
	em[2 + ps_len] = c->damage == P1_SEPARATOR ? 0xff : 0x00;
	memcpy(em + 3 + ps_len, t, t_len);
	memset(em + 3 + ps_len + t_len, 0xaa, garbage);
	ck_assert_uint_eq(rsa_raw(RSA2048, 1, em, k, sig), k);

	for (p = 0; p < N_PROVIDERS; p++) {
		int got = verify_copy(providers[p], &alg, key, MESSAGE,
		                      MESSAGE_LEN, sig, k);

		ck_assert_msg(got == c->want, "%s, %s (%s): got %s, want %s",
		              c->name, providers[p]->name, c->why,
		              staple_errname(got), staple_errname(c->want));
	}
}
END_TEST

/* ---- BearSSL's limits ---------------------------------------------- */

/* The provider's 4096-bit limit is BearSSL's: check the build agrees. */
START_TEST(test_bearssl_rsa_size)
{
	const br_config_option *opt;
	long max_bits = 0;

	for (opt = br_get_config(); opt->name != NULL; opt++)
		if (strcmp(opt->name, "BR_MAX_RSA_SIZE") == 0)
			max_bits = opt->value;
	ck_assert_int_ge(max_bits, 4096);
}
END_TEST

struct size_case {
	size_t n_len;           /* modulus octets, all 0xff: odd, top bit set */
	enum staple_sig_scheme scheme;
	int want;
	const char *why;
};

static const struct size_case size_cases[] = {
	{512, STAPLE_SIG_RSA_PKCS1, STAPLE_ERR_SIGNATURE,
	 "4096 bits is within BearSSL's limit: the math runs and fails"},
	{512, STAPLE_SIG_RSA_PSS, STAPLE_ERR_SIGNATURE, "as above"},
	{513, STAPLE_SIG_RSA_PKCS1, UNSUPPORTED,
	 "4104 bits is over BR_MAX_RSA_SIZE: never a bad signature"},
	{513, STAPLE_SIG_RSA_PSS, UNSUPPORTED, "as above"},
	{1024, STAPLE_SIG_RSA_PSS, UNSUPPORTED, "as above"},
};

START_TEST(test_bearssl_size)
{
	const struct size_case *c = &size_cases[_i];
	static const uint8_t e[3] = {0x01, 0x00, 0x01};
	struct staple_sigalg alg = {c->scheme, STAPLE_HASH_SHA256,
	                            STAPLE_HASH_SHA256, 32};
	struct staple_pubkey key;
	uint8_t *n = malloc(c->n_len), *sig = malloc(c->n_len);
	int got;

	ck_assert_ptr_nonnull(n);
	ck_assert_ptr_nonnull(sig);
	memset(n, 0xff, c->n_len);
	memset(sig, 0x01, c->n_len);
	memset(&key, 0, sizeof key);
	key.type = STAPLE_KEY_RSA;
	key.n.p = n;
	key.n.n = c->n_len;
	key.e.p = e;
	key.e.n = sizeof e;
	got = verify_copy(&staple_crypto_bearssl, &alg, &key, MESSAGE,
	                  MESSAGE_LEN, sig, c->n_len);
	ck_assert_msg(got == c->want, "%zu octets (%s): got %s, want %s",
	              c->n_len, c->why, staple_errname(got),
	              staple_errname(c->want));
	free(sig);
	free(n);
}
END_TEST

/* ---- arguments ----------------------------------------------------- */

START_TEST(test_arguments)
{
	static const uint8_t one[1] = {0};
	const struct staple_sigalg alg = PKCS1(SHA256);
	struct staple_pubkey key;
	size_t p;

	memset(&key, 0, sizeof key);
	key.type = STAPLE_KEY_RSA;
	for (p = 0; p < N_PROVIDERS; p++) {
		const struct staple_crypto *c = providers[p];

		ck_assert_int_eq(c->verify(NULL, &key, one, 1, one, 1),
		                 STAPLE_ERR_ARGUMENT);
		ck_assert_int_eq(c->verify(&alg, NULL, one, 1, one, 1),
		                 STAPLE_ERR_ARGUMENT);
		ck_assert_int_eq(c->verify(&alg, &key, NULL, 1, one, 1),
		                 STAPLE_ERR_ARGUMENT);
		ck_assert_int_eq(c->verify(&alg, &key, one, 1, NULL, 1),
		                 STAPLE_ERR_ARGUMENT);
		/* A key with no modulus: no signature can verify under it. */
		ck_assert_int_eq(c->verify(&alg, &key, one, 1, one, 1),
		                 STAPLE_ERR_SIGNATURE);
		ck_assert_uint_eq(c->hash(STAPLE_HASH_SHA256, NULL, 1,
		                          (uint8_t[STAPLE_HASH_MAX_SIZE]){0}),
		                  0);
		ck_assert_uint_eq(c->hash(STAPLE_HASH_SHA256, one, 1, NULL), 0);
	}
}
END_TEST

Suite *crypto_suite(void)
{
	Suite *s = suite_create("crypto");
	TCase *tc;

	tc = tcase_create("hash");
	tcase_add_loop_test(tc, test_hash, 0, N_OF(hash_cases));
	tcase_add_test(tc, test_hash_other);
	suite_add_tcase(s, tc);

	tc = tcase_create("find");
	tcase_add_test(tc, test_find);
	tcase_add_test(tc, test_arguments);
	suite_add_tcase(s, tc);

	tc = tcase_create("bearssl_limits");
	tcase_add_test(tc, test_bearssl_rsa_size);
	tcase_add_loop_test(tc, test_bearssl_size, 0, N_OF(size_cases));
	suite_add_tcase(s, tc);

	/* Everything that needs keys, so they are made once. */
	tc = tcase_create("signatures");
	tcase_add_unchecked_fixture(tc, keys_setup, keys_teardown);
	tcase_add_loop_test(tc, test_signature, 0, N_OF(sig_cases));
	tcase_add_loop_test(tc, test_refusal, 0, N_OF(refusal_cases));
	tcase_add_loop_test(tc, test_ecdsa_der, 0, N_OF(der_cases));
	tcase_add_loop_test(tc, test_pss_crafted, 0, N_OF(pss_cases));
	tcase_add_loop_test(tc, test_pkcs1_crafted, 0, N_OF(pkcs1_cases));
	/* RSA-3072 signing is slow under valgrind and the sanitizers. */
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}
