/*
 * verify.c -- staple_verify(): is a decoded response authentic, about this
 * certificate, and current?  The checks, their order and their verdicts
 * are listed once, in staple.h (VERIFICATION); each step below is one
 * function.  Crypto comes from the caller's provider.
 */
#include "der.h"
#include "verify.h"

#include <string.h>

/* see staple.h */
const char *staple_signer_name(int signer)
{
	switch (signer) {
	case STAPLE_SIGNER_ISSUER:
		return "issuer";
	case STAPLE_SIGNER_DELEGATED:
		return "delegated";
	default:
		return "";
	}
}

/* The digest of data with alg into out, or 0 when the provider lacks alg
 * (or returns a size that is not alg's, which is not a digest of it). */
static size_t digest(const struct staple_crypto *crypto, enum staple_hash alg,
                     struct staple_slice data, uint8_t *out)
{
	size_t size = staple_hash_size((int)alg);

	if (size == 0 || crypto->hash == NULL)
		return 0;
	return crypto->hash(alg, data.p, data.n, out) == size ? size : 0;
}

/*
 * 1 when responderID names cert (RFC 6960 4.2.1): byName, the same Name
 * DER as its subject; byKey, the SHA-1 of its subjectPublicKey bits.
 */
static int names(const struct staple_response *r,
                 const struct staple_crypto *crypto,
                 const struct staple_cert *cert, int *err)
{
	uint8_t hash[STAPLE_HASH_MAX_SIZE];
	size_t n;

	if (r->responder == STAPLE_RESPONDER_BY_NAME)
		return staple_slice_equal(r->responder_id, cert->subject);
	n = digest(crypto, STAPLE_HASH_SHA1, cert->key.bits, hash);
	if (n == 0) {
		*err = STAPLE_ERR_UNSUPPORTED_ALGORITHM;
		return 0;
	}
	return staple_slice_is(r->responder_id, hash, n);
}

/* Step 2: the issuer, or the certificate in certs that responderID names. */
static int find_signer(const struct staple_response *r,
                       const struct staple_crypto *crypto,
                       const struct staple_cert *issuer,
                       struct staple_cert *responder,
                       struct staple_verify_result *out)
{
	int err = STAPLE_OK;
	size_t i;

	if (names(r, crypto, issuer, &err)) {
		out->signer = STAPLE_SIGNER_ISSUER;
		return STAPLE_OK;
	}
	for (i = 0; err == STAPLE_OK && i < r->n_certs; i++) {
		struct staple_slice der;
		if (staple_cert_at(r, i, &der) != STAPLE_OK ||
		    staple_cert_decode(responder, der.p, der.n) != STAPLE_OK)
			return STAPLE_ERR_RESPONDER_CERT;
		if (names(r, crypto, responder, &err)) {
			out->signer = STAPLE_SIGNER_DELEGATED;
			out->signer_cert = i;
			return STAPLE_OK;
		}
	}
	return err != STAPLE_OK ? err : STAPLE_ERR_SIGNER_NOT_FOUND;
}

static int scheme_fits(enum staple_sig_scheme scheme,
                       const struct staple_pubkey *pk)
{
	enum staple_key_type key = pk->type;

	switch (scheme) {
	case STAPLE_SIG_RSA_PKCS1: /* RFC 4055 1.2: not with a PSS key */
		return key == STAPLE_KEY_RSA && !pk->pss_only;
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

/* Step 3 (and 4 for a responder certificate): sig over msg by key. */
static int check_signature(const struct staple_crypto *crypto,
                           const struct staple_slice *oid,
                           const struct staple_slice *params,
                           const struct staple_pubkey *key,
                           const struct staple_slice *msg,
                           const struct staple_slice *sig)
{
	struct staple_sigalg alg;
	int err;

	err = staple_sigalg_parse(*oid, *params, &alg);
	if (err != STAPLE_OK)
		return err;
	if (key->type == STAPLE_KEY_UNKNOWN)
		return STAPLE_ERR_UNSUPPORTED_ALGORITHM;
	if (!scheme_fits(alg.scheme, key))
		return STAPLE_ERR_KEY_MISMATCH;
	if (key->type == STAPLE_KEY_EC && key->curve == STAPLE_CURVE_NONE)
		return STAPLE_ERR_UNSUPPORTED_ALGORITHM;
	if (crypto->verify == NULL)
		return STAPLE_ERR_UNSUPPORTED_ALGORITHM;
	err = crypto->verify(&alg, key, msg->p, msg->n, sig->p, sig->n);
	if (err == STAPLE_OK || err == STAPLE_ERR_UNSUPPORTED_ALGORITHM ||
	    err == STAPLE_ERR_KEY_MISMATCH)
		return err;
	return STAPLE_ERR_SIGNATURE; /* whatever else a provider says */
}

/*
 * Step 4: RFC 6960 4.2.2.2: a delegated responder is issued directly by
 * the CA that issued the certificate in question and carries
 * id-kp-OCSPSigning.  RFC 5280 6.1.3: it is valid now and has no critical
 * extension staple does not understand.
 */
static int check_responder(const struct staple_crypto *crypto,
                           const struct staple_cert *issuer,
                           const struct staple_cert *responder,
                           int64_t now_ms, int64_t skew_ms)
{
	int err;

	if (!staple_slice_equal(responder->issuer, issuer->subject))
		return STAPLE_ERR_RESPONDER_ISSUER;
	err = check_signature(crypto, &responder->sig_oid,
	                      &responder->sig_params, &issuer->key,
	                      &responder->tbs, &responder->signature);
	if (err == STAPLE_ERR_SIGNATURE || err == STAPLE_ERR_KEY_MISMATCH)
		return STAPLE_ERR_RESPONDER_ISSUER;
	if (err != STAPLE_OK)
		return err;
	if ((responder->flags & STAPLE_CERT_OCSP_SIGNING) == 0)
		return STAPLE_ERR_RESPONDER_EKU;
	if (responder->not_before > now_ms + skew_ms)
		return STAPLE_ERR_RESPONDER_NOT_YET_VALID;
	if (responder->not_after < now_ms - skew_ms)
		return STAPLE_ERR_RESPONDER_EXPIRED;
	if (responder->unknown_critical > 0)
		return STAPLE_ERR_RESPONDER_CRITICAL;
	return STAPLE_OK;
}

/* How far an entry's CertID got, for the verdict when none matches. */
static int certid_rank(int verdict)
{
	switch (verdict) {
	case STAPLE_ERR_CERTID_HASH:
		return 1;
	case STAPLE_ERR_CERTID_SERIAL:
		return 2;
	case STAPLE_ERR_CERTID_NAME_HASH:
		return 3;
	case STAPLE_ERR_CERTID_KEY_HASH:
		return 4;
	default:
		return 0;
	}
}

/*
 * Step 5 (RFC 6960 4.1.1): the entry whose CertID is the leaf's; when
 * several are, the most severe one (see staple.h).  The two issuer
 * digests are computed again only when the hash algorithm changes from
 * one entry to the next.
 */
static int match_entry(const struct staple_response *r,
                       const struct staple_crypto *crypto,
                       const struct staple_cert *issuer,
                       const struct staple_cert *leaf,
                       struct staple_verify_result *out)
{
	uint8_t name_hash[STAPLE_HASH_MAX_SIZE], key_hash[STAPLE_HASH_MAX_SIZE];
	enum staple_hash hashed = STAPLE_HASH_OTHER;
	struct staple_single s;
	int verdict = STAPLE_ERR_CERTID_SERIAL, worst = 0, v, err;
	size_t size = 0, i;

	for (i = 0; i < r->n_single; i++) {
		err = staple_single_at(r, i, &s);
		if (err != STAPLE_OK)
			return err;
		if (s.hash != hashed) {
			hashed = s.hash;
			size = digest(crypto, s.hash, issuer->subject, name_hash);
			if (size != 0 &&
			    digest(crypto, s.hash, issuer->key.bits, key_hash) !=
			            size)
				size = 0;
		}
		if (size == 0)
			v = STAPLE_ERR_CERTID_HASH;
		else if (leaf != NULL &&
		         !staple_slice_equal(s.serial, leaf->serial))
			v = STAPLE_ERR_CERTID_SERIAL;
		else if (!staple_slice_is(s.issuer_name_hash, name_hash, size))
			v = STAPLE_ERR_CERTID_NAME_HASH;
		else if (!staple_slice_is(s.issuer_key_hash, key_hash, size))
			v = STAPLE_ERR_CERTID_KEY_HASH;
		else
			v = STAPLE_OK;
		if (v == STAPLE_OK) {
			if (!out->matched ||
			    staple_status_severity(s.cert_status) > worst) {
				out->matched = 1;
				out->index = i;
				worst = staple_status_severity(s.cert_status);
			}
		} else if (i == 0 || certid_rank(v) > certid_rank(verdict)) {
			verdict = v;
		}
	}
	return out->matched ? STAPLE_OK : verdict;
}

/* Step 7 (RFC 6960 4.2.2.1, 3.2 items 4 and 5). */
static int check_window(const struct staple_single *s, int64_t now_ms,
                        int64_t skew_ms)
{
	if (s->this_update > now_ms + skew_ms)
		return STAPLE_ERR_NOT_YET_VALID;
	if (s->has_next_update && s->next_update < now_ms - skew_ms)
		return STAPLE_ERR_EXPIRED;
	return STAPLE_OK;
}

/* see staple.h */
int staple_verify(const struct staple_response *r,
                  const struct staple_crypto *crypto,
                  const struct staple_cert *issuer,
                  const struct staple_cert *leaf, int64_t now_ms,
                  int64_t skew_ms, struct staple_verify_result *out)
{
	struct staple_cert responder;
	struct staple_single s;
	int err;

	if (out == NULL)
		return STAPLE_ERR_ARGUMENT;
	memset(out, 0, sizeof *out);
	if (r == NULL || crypto == NULL || issuer == NULL || skew_ms < 0 ||
	    skew_ms >= STAPLE_TIME_LIMIT || now_ms <= -STAPLE_TIME_LIMIT ||
	    now_ms >= STAPLE_TIME_LIMIT || r->status == STAPLE_RESPONSE_NONE)
		return STAPLE_ERR_ARGUMENT;
	if (leaf != NULL && (leaf->flags & STAPLE_CERT_MUST_STAPLE) != 0)
		out->must_staple = 1;
	if (r->status != STAPLE_RESPONSE_SUCCESSFUL)
		return STAPLE_ERR_NOT_SUCCESSFUL;

	err = find_signer(r, crypto, issuer, &responder, out);
	if (err != STAPLE_OK)
		return err;
	err = check_signature(crypto, &r->sig_oid, &r->sig_params,
	                      out->signer == STAPLE_SIGNER_ISSUER
	                              ? &issuer->key
	                              : &responder.key,
	                      &r->tbs, &r->signature);
	if (err == STAPLE_OK && out->signer == STAPLE_SIGNER_DELEGATED)
		err = check_responder(crypto, issuer, &responder, now_ms,
		                      skew_ms);
	if (err == STAPLE_OK)
		err = match_entry(r, crypto, issuer, leaf, out);
	if (err != STAPLE_OK)
		return err;
	if (r->unknown_critical > 0)
		return STAPLE_ERR_CRITICAL_EXTENSION;
	err = staple_single_at(r, out->index, &s);
	if (err == STAPLE_OK)
		err = check_window(&s, now_ms, skew_ms);
	return err;
}
