/*
 * crypto.c -- staple_crypto_openssl: the crypto provider on OpenSSL 3
 * libcrypto.
 *
 * The key comes from its SubjectPublicKeyInfo (d2i_PUBKEY), the check from
 * EVP_DigestVerify, which takes the whole message: one code path for every
 * scheme.  libcrypto allocates; everything is freed before returning, on
 * every path, and the thread's error queue is left empty, so a caller that
 * uses OpenSSL itself never finds staple's failures there.
 *
 * How a failure is told apart: anything that makes this provider unable to
 * check (an unknown scheme, hash or curve, no memory, libcrypto refusing a
 * combination it should take) is UNSUPPORTED_ALGORITHM; a key that does
 * not decode or that the signature does not verify under is SIGNATURE.
 * The one exception is an id-RSASSA-PSS key (RFC 4055) whose parameters
 * restrict the hash, MGF1 hash or salt length: libcrypto refuses to set
 * up other parameters, and no signature made with them can be valid for
 * that key, so that is SIGNATURE too.
 */
#include "backend.h"

#include <limits.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

struct md {
	enum staple_hash staple;
	const EVP_MD *(*md)(void);
	const char *name; /* for EVP_DigestVerifyInit_ex and MGF1 */
};

static const struct md mds[] = {
	{STAPLE_HASH_SHA1, EVP_sha1, "SHA1"},
	{STAPLE_HASH_SHA224, EVP_sha224, "SHA224"},
	{STAPLE_HASH_SHA256, EVP_sha256, "SHA256"},
	{STAPLE_HASH_SHA384, EVP_sha384, "SHA384"},
	{STAPLE_HASH_SHA512, EVP_sha512, "SHA512"},
};

#define N_MDS (sizeof mds / sizeof mds[0])

static const struct md *md_find(enum staple_hash alg)
{
	size_t i;

	for (i = 0; i < N_MDS; i++)
		if (mds[i].staple == alg)
			return &mds[i];
	return NULL;
}

/* OpenSSL's names of the curves staple knows (EVP_PKEY_get_group_name). */
static const char *curve_name(enum staple_curve curve)
{
	switch (curve) {
	case STAPLE_CURVE_P256:
		return "prime256v1";
	case STAPLE_CURVE_P384:
		return "secp384r1";
	case STAPLE_CURVE_P521:
		return "secp521r1";
	case STAPLE_CURVE_NONE:
		break;
	}
	return NULL;
}

static size_t openssl_hash(enum staple_hash alg, const uint8_t *data,
                           size_t len, uint8_t *out)
{
	const struct md *m = md_find(alg);
	unsigned int out_len = 0;
	size_t ret = 0;

	if (m == NULL || out == NULL || (data == NULL && len > 0))
		return 0;
	if (EVP_Digest(data, len, out, &out_len, m->md(), NULL) == 1)
		ret = out_len;
	ERR_clear_error();
	return ret;
}

/* What a scheme needs, worked out before libcrypto is called. */
struct plan {
	const char *md;          /* digest name; NULL for EdDSA */
	const char *mgf1_md;     /* PSS only */
	enum staple_key_type key_type;
	const char *pkey_type;   /* EVP_PKEY_is_a() name */
	const char *pkey_type2;  /* another one accepted, or NULL */
	const char *group;       /* ECDSA only: the curve's name */
};

/* Fill *plan for alg and key; UNSUPPORTED or KEY_MISMATCH if it cannot. */
static int plan_for(const struct staple_sigalg *alg,
                    const struct staple_pubkey *key, struct plan *plan)
{
	const struct md *md = md_find(alg->hash);
	const struct md *mgf1 = md_find(alg->mgf1_hash);

	memset(plan, 0, sizeof *plan);
	switch (alg->scheme) {
	case STAPLE_SIG_RSA_PKCS1:
		plan->key_type = STAPLE_KEY_RSA;
		plan->pkey_type = "RSA"; /* an RSA-PSS key is for PSS only */
		break;
	case STAPLE_SIG_RSA_PSS:
		if (mgf1 == NULL)
			return STAPLE_ERR_UNSUPPORTED_ALGORITHM;
		plan->mgf1_md = mgf1->name;
		plan->key_type = STAPLE_KEY_RSA;
		plan->pkey_type = "RSA";
		plan->pkey_type2 = "RSA-PSS";
		break;
	case STAPLE_SIG_ECDSA:
		plan->key_type = STAPLE_KEY_EC;
		plan->pkey_type = "EC";
		break;
	case STAPLE_SIG_ED25519:
		plan->key_type = STAPLE_KEY_ED25519;
		plan->pkey_type = "ED25519";
		break;
	case STAPLE_SIG_ED448:
		plan->key_type = STAPLE_KEY_ED448;
		plan->pkey_type = "ED448";
		break;
	case STAPLE_SIG_UNKNOWN:
	default:
		return STAPLE_ERR_UNSUPPORTED_ALGORITHM;
	}
	/* EdDSA hashes inside the scheme (RFC 8032); the others need one. */
	if (alg->scheme != STAPLE_SIG_ED25519 &&
	    alg->scheme != STAPLE_SIG_ED448) {
		if (md == NULL)
			return STAPLE_ERR_UNSUPPORTED_ALGORITHM;
		plan->md = md->name;
	}
	if (key->type != plan->key_type)
		return STAPLE_ERR_KEY_MISMATCH;
	if (alg->scheme == STAPLE_SIG_ECDSA) {
		plan->group = curve_name(key->curve);
		if (plan->group == NULL)
			return STAPLE_ERR_UNSUPPORTED_ALGORITHM;
	}
	return STAPLE_OK;
}

/* The verdict on a key or parameters libcrypto would not set up. */
static int setup_failed(const EVP_PKEY *pkey)
{
	return EVP_PKEY_is_a(pkey, "RSA-PSS") ? STAPLE_ERR_SIGNATURE
	                                      : STAPLE_ERR_UNSUPPORTED_ALGORITHM;
}

/* Is pkey of the type the plan expects? */
static int pkey_type_fits(const struct plan *plan, const EVP_PKEY *pkey)
{
	return EVP_PKEY_is_a(pkey, plan->pkey_type) ||
	       (plan->pkey_type2 != NULL && EVP_PKEY_is_a(pkey, plan->pkey_type2));
}

/* Is an EC pkey on the curve staple_pubkey.curve names? */
static int pkey_group_fits(const struct plan *plan, const EVP_PKEY *pkey)
{
	char group[32];
	size_t group_len = 0;

	if (plan->group == NULL)
		return 1;
	if (EVP_PKEY_get_group_name(pkey, group, sizeof group, &group_len) != 1)
		return 0;
	return strcmp(group, plan->group) == 0;
}

/* openssl_verify() without the error-queue cleanup. */
static int verify(const struct staple_sigalg *alg,
                  const struct staple_pubkey *key, const uint8_t *msg,
                  size_t msg_len, const uint8_t *sig, size_t sig_len)
{
	static const uint8_t empty[1] = {0};
	struct plan plan;
	EVP_PKEY *pkey = NULL;
	EVP_MD_CTX *mctx = NULL;
	EVP_PKEY_CTX *pctx = NULL;
	const unsigned char *p;
	int err;

	err = plan_for(alg, key, &plan);
	if (err != STAPLE_OK)
		return err;
	/* Every scheme's signature has octets; no salt fits in INT_MAX. */
	if (sig_len == 0 ||
	    (alg->scheme == STAPLE_SIG_RSA_PSS && alg->salt_len > INT_MAX))
		return STAPLE_ERR_SIGNATURE;
	if (key->spki.n == 0 || key->spki.n > LONG_MAX)
		return STAPLE_ERR_SIGNATURE;

	p = key->spki.p;
	pkey = d2i_PUBKEY(NULL, &p, (long)key->spki.n);
	if (pkey == NULL || p != key->spki.p + key->spki.n) {
		err = STAPLE_ERR_SIGNATURE; /* a key the math rejects */
		goto done;
	}
	if (!pkey_type_fits(&plan, pkey)) {
		err = STAPLE_ERR_KEY_MISMATCH;
		goto done;
	}
	/* A point on another curve than the one named: as BearSSL's
	 * provider, which reads the point for the named curve, finds. */
	if (!pkey_group_fits(&plan, pkey)) {
		err = STAPLE_ERR_SIGNATURE;
		goto done;
	}
	mctx = EVP_MD_CTX_new();
	if (mctx == NULL) {
		err = STAPLE_ERR_UNSUPPORTED_ALGORITHM;
		goto done;
	}
	if (EVP_DigestVerifyInit_ex(mctx, &pctx, plan.md, NULL, NULL, pkey,
	                            NULL) != 1) {
		err = setup_failed(pkey);
		goto done;
	}
	if (alg->scheme == STAPLE_SIG_RSA_PSS &&
	    (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
	     EVP_PKEY_CTX_set_rsa_mgf1_md_name(pctx, plan.mgf1_md, NULL) != 1 ||
	     EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, (int)alg->salt_len) != 1)) {
		err = setup_failed(pkey);
		goto done;
	}
	/* 1 is valid; 0 is a bad signature, negative one libcrypto cannot
	 * decode (a malformed Ecdsa-Sig-Value, a wrong length): bad too. */
	if (EVP_DigestVerify(mctx, sig, sig_len, msg != NULL ? msg : empty,
	                     msg_len) == 1)
		err = STAPLE_OK;
	else
		err = STAPLE_ERR_SIGNATURE;
done:
	EVP_MD_CTX_free(mctx); /* frees pctx, which belongs to it */
	EVP_PKEY_free(pkey);
	return err;
}

static int openssl_verify(const struct staple_sigalg *alg,
                          const struct staple_pubkey *key,
                          const uint8_t *msg, size_t msg_len,
                          const uint8_t *sig, size_t sig_len)
{
	int err;

	if (alg == NULL || key == NULL || (msg == NULL && msg_len > 0) ||
	    (sig == NULL && sig_len > 0))
		return STAPLE_ERR_ARGUMENT;
	err = verify(alg, key, msg, msg_len, sig, sig_len);
	ERR_clear_error();
	return err;
}

/* see backend.h */
const struct staple_crypto staple_crypto_openssl = {
	"openssl",
	openssl_hash,
	openssl_verify,
};
