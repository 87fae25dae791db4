/*
 * sigalg.c -- what a signature AlgorithmIdentifier asks of the crypto
 * provider: scheme, digest and, for RSASSA-PSS, its parameters.
 */
#include "der.h"
#include "oid.h"

#include <string.h>

/*
 * What each signature algorithm asks of the provider: its scheme, and
 * the digest it names (RSASSA-PSS takes its own from its parameters).
 * MD2, MD5 and DSA are known by name only: scheme UNKNOWN.
 */
static const struct {
	uint8_t scheme; /* enum staple_sig_scheme */
	uint8_t hash;   /* enum staple_hash */
} sigalgs[STAPLE_OID_ED448 + 1] = {
	[STAPLE_OID_SHA1_RSA] = {STAPLE_SIG_RSA_PKCS1, STAPLE_HASH_SHA1},
	[STAPLE_OID_SHA224_RSA] = {STAPLE_SIG_RSA_PKCS1, STAPLE_HASH_SHA224},
	[STAPLE_OID_SHA256_RSA] = {STAPLE_SIG_RSA_PKCS1, STAPLE_HASH_SHA256},
	[STAPLE_OID_SHA384_RSA] = {STAPLE_SIG_RSA_PKCS1, STAPLE_HASH_SHA384},
	[STAPLE_OID_SHA512_RSA] = {STAPLE_SIG_RSA_PKCS1, STAPLE_HASH_SHA512},
	[STAPLE_OID_RSASSA_PSS] = {STAPLE_SIG_RSA_PSS, STAPLE_HASH_OTHER},
	[STAPLE_OID_ECDSA_SHA1] = {STAPLE_SIG_ECDSA, STAPLE_HASH_SHA1},
	[STAPLE_OID_ECDSA_SHA224] = {STAPLE_SIG_ECDSA, STAPLE_HASH_SHA224},
	[STAPLE_OID_ECDSA_SHA256] = {STAPLE_SIG_ECDSA, STAPLE_HASH_SHA256},
	[STAPLE_OID_ECDSA_SHA384] = {STAPLE_SIG_ECDSA, STAPLE_HASH_SHA384},
	[STAPLE_OID_ECDSA_SHA512] = {STAPLE_SIG_ECDSA, STAPLE_HASH_SHA512},
	[STAPLE_OID_ED25519] = {STAPLE_SIG_ED25519, STAPLE_HASH_OTHER},
	[STAPLE_OID_ED448] = {STAPLE_SIG_ED448, STAPLE_HASH_OTHER},
};

/* Indexed by enum staple_hash (FIPS 180-4). */
static const uint8_t hash_sizes[] = {0, 20, 28, 32, 48, 64};

/* see staple.h */
size_t staple_hash_size(int hash)
{
	if (hash < 0 || (size_t)hash >= sizeof hash_sizes)
		return 0;
	return hash_sizes[hash];
}

/* Parameters absent, or a NULL (RFC 4055 2.1, RFC 8017 A.2.4). */
static int absent_or_null(struct staple_slice params)
{
	return params.n == 0 ||
	       (staple_der_read_null(&params) == STAPLE_OK && params.n == 0);
}

/*
 * HashAlgorithm ::= AlgorithmIdentifier   -- SHA-1 or SHA-2 (RFC 4055 2.1)
 *
 * `cur` holds exactly one.  SHA-1, the DEFAULT, must not be encoded
 * (X.690 11.5).
 */
static int read_hash(struct staple_slice cur, enum staple_hash *hash)
{
	struct staple_slice oid, params;

	if (staple_der_read_algorithm(NULL, &cur, &oid, &params) != STAPLE_OK ||
	    cur.n != 0 || !absent_or_null(params))
		return STAPLE_ERR_ALGORITHM_PARAMS;
	*hash = staple_hash_from_oid(oid);
	if (*hash == STAPLE_HASH_OTHER)
		return STAPLE_ERR_UNSUPPORTED_ALGORITHM;
	if (*hash == STAPLE_HASH_SHA1)
		return STAPLE_ERR_ALGORITHM_PARAMS;
	return STAPLE_OK;
}

/*
 * RSASSA-PSS-params ::= SEQUENCE {
 *    hashAlgorithm      [0] HashAlgorithm    DEFAULT sha1,
 *    maskGenAlgorithm   [1] MaskGenAlgorithm DEFAULT mgf1SHA1,
 *    saltLength         [2] INTEGER          DEFAULT 20,
 *    trailerField       [3] TrailerField     DEFAULT trailerFieldBC }
 *
 * MaskGenAlgorithm ::= AlgorithmIdentifier  -- id-mgf1 with a HashAlgorithm
 * TrailerField ::= INTEGER { trailerFieldBC(1) }
 *
 * (RFC 4055 3.1.)  Absent parameters mean every default.  trailerField
 * can only be 1, its DEFAULT, so DER never encodes it.
 */
static int parse_pss_params(struct staple_slice params,
                            struct staple_sigalg *out)
{
	struct staple_slice seq, tagged, mgf_oid, mgf_params;
	unsigned long salt;
	int present, err;

	out->hash = STAPLE_HASH_SHA1;
	out->mgf1_hash = STAPLE_HASH_SHA1;
	out->salt_len = 20;
	if (params.n == 0)
		return STAPLE_OK;
	if (staple_der_read(&params, STAPLE_TAG_SEQUENCE, &seq) != STAPLE_OK ||
	    params.n != 0)
		return STAPLE_ERR_ALGORITHM_PARAMS;
	if (staple_der_read_optional(&seq, STAPLE_TAG_CONTEXT_CONS(0), &tagged,
	                             &present) != STAPLE_OK)
		return STAPLE_ERR_ALGORITHM_PARAMS;
	if (present && (err = read_hash(tagged, &out->hash)) != STAPLE_OK)
		return err;
	if (staple_der_read_optional(&seq, STAPLE_TAG_CONTEXT_CONS(1), &tagged,
	                             &present) != STAPLE_OK)
		return STAPLE_ERR_ALGORITHM_PARAMS;
	if (present) {
		if (staple_der_read_algorithm(NULL, &tagged, &mgf_oid,
		                              &mgf_params) != STAPLE_OK ||
		    tagged.n != 0)
			return STAPLE_ERR_ALGORITHM_PARAMS;
		if (!staple_oid_is(mgf_oid, STAPLE_OID_MGF1))
			return STAPLE_ERR_UNSUPPORTED_ALGORITHM;
		err = read_hash(mgf_params, &out->mgf1_hash);
		if (err != STAPLE_OK)
			return err;
	}
	if (staple_der_read_optional(&seq, STAPLE_TAG_CONTEXT_CONS(2), &tagged,
	                             &present) != STAPLE_OK)
		return STAPLE_ERR_ALGORITHM_PARAMS;
	if (present) {
		if (staple_der_read_small(&tagged, STAPLE_TAG_INTEGER, 1024,
		                          STAPLE_ERR_ALGORITHM_PARAMS,
		                          &salt) != STAPLE_OK ||
		    tagged.n != 0 || salt == 20)
			return STAPLE_ERR_ALGORITHM_PARAMS;
		out->salt_len = (unsigned)salt;
	}
	if (seq.n != 0) /* trailerField, or anything else */
		return STAPLE_ERR_ALGORITHM_PARAMS;
	return STAPLE_OK;
}

/* see staple.h */
int staple_sigalg_parse(struct staple_slice oid, struct staple_slice params,
                        struct staple_sigalg *out)
{
	enum staple_oid id;
	enum staple_sig_scheme scheme;
	int err = STAPLE_OK;

	if (out == NULL)
		return STAPLE_ERR_ARGUMENT;
	memset(out, 0, sizeof *out);
	id = staple_oid_find(oid, STAPLE_OID_MD2_RSA, STAPLE_OID_ED448);
	scheme = (enum staple_sig_scheme)sigalgs[id].scheme;
	if (scheme == STAPLE_SIG_UNKNOWN)
		return STAPLE_ERR_UNSUPPORTED_ALGORITHM;
	out->hash = (enum staple_hash)sigalgs[id].hash; /* PSS: set below */
	switch (scheme) {
	case STAPLE_SIG_RSA_PKCS1:
		if (!absent_or_null(params))
			err = STAPLE_ERR_ALGORITHM_PARAMS;
		break;
	case STAPLE_SIG_RSA_PSS:
		err = parse_pss_params(params, out);
		break;
	default: /* ECDSA (RFC 5758 3.2), EdDSA (RFC 8410 3): absent */
		if (params.n != 0)
			err = STAPLE_ERR_ALGORITHM_PARAMS;
		break;
	}
	if (err != STAPLE_OK) {
		memset(out, 0, sizeof *out);
		return err;
	}
	out->scheme = scheme;
	return STAPLE_OK;
}
