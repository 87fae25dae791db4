/*
 * check_cert.c -- certificates and signature algorithms (check_cert.h).
 */
#include "check_cert.h"

#include <string.h>

#include "der.h"

static int pubkey_equal(const struct staple_pubkey *a,
                        const struct staple_pubkey *b)
{
	return a->type == b->type && a->curve == b->curve &&
	       fuzz_slice_same(a->spki, b->spki) && fuzz_slice_same(a->bits, b->bits) &&
	       fuzz_slice_same(a->n, b->n) && fuzz_slice_same(a->e, b->e);
}

/* see check_cert.h */
int fuzz_cert_equal(const struct staple_cert *a, const struct staple_cert *b)
{
	return a->error_offset == b->error_offset &&
	       fuzz_slice_same(a->tbs, b->tbs) && a->version == b->version &&
	       fuzz_slice_same(a->serial, b->serial) &&
	       fuzz_slice_same(a->issuer, b->issuer) &&
	       fuzz_slice_same(a->subject, b->subject) &&
	       a->not_before == b->not_before && a->not_after == b->not_after &&
	       pubkey_equal(&a->key, &b->key) &&
	       fuzz_slice_same(a->extensions, b->extensions) &&
	       a->flags == b->flags && a->leniencies == b->leniencies &&
	       a->key_usage == b->key_usage &&
	       a->unknown_critical == b->unknown_critical &&
	       fuzz_slice_same(a->sig_oid, b->sig_oid) &&
	       fuzz_slice_same(a->sig_params, b->sig_params) &&
	       fuzz_slice_same(a->signature, b->signature);
}

/* see check_cert.h */
int fuzz_sigalg_equal(const struct staple_sigalg *a,
                      const struct staple_sigalg *b)
{
	return a->scheme == b->scheme && a->hash == b->hash &&
	       a->mgf1_hash == b->mgf1_hash && a->salt_len == b->salt_len;
}

/* The arc an OID starts with, written out from the RFCs. */
static int oid_starts(struct staple_slice oid, const uint8_t *arc, size_t n)
{
	return oid.n > n && memcmp(oid.p, arc, n) == 0;
}

/* see check_cert.h */
int fuzz_check_sigalg(struct staple_slice oid, struct staple_slice params,
                      struct staple_sigalg *out)
{
	/* 1.2.840.113549.1.1 (PKCS #1), 1.2.840.10045.4 (ECDSA), 1.3.101 */
	static const uint8_t pkcs1[8] = {0x2a, 0x86, 0x48, 0x86,
	                                 0xf7, 0x0d, 0x01, 0x01};
	static const uint8_t ecdsa[6] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04};
	static const uint8_t edwards[2] = {0x2b, 0x65};
	static const uint8_t null[2] = {0x05, 0x00};
	struct staple_sigalg again, zero;
	int err;

	memset(&zero, 0, sizeof zero);
	memset(out, 0x5a, sizeof *out);
	err = staple_sigalg_parse(oid, params, out);
	memset(&again, 0xa5, sizeof again);
	FUZZ_REQUIRE(staple_sigalg_parse(oid, params, &again) == err);
	FUZZ_REQUIRE(fuzz_sigalg_equal(out, &again));
	if (err != STAPLE_OK) {
		if (err != STAPLE_ERR_UNSUPPORTED_ALGORITHM &&
		    err != STAPLE_ERR_ALGORITHM_PARAMS)
			fuzz_fail("staple_sigalg_parse: %s", staple_errname(err));
		if (!fuzz_sigalg_equal(out, &zero))
			fuzz_fail("staple_sigalg_parse failed (%s) and left "
			          "scheme %d hash %d mgf1 %d salt %u",
			          staple_errname(err), (int)out->scheme,
			          (int)out->hash, (int)out->mgf1_hash,
			          out->salt_len);
		return err;
	}
	FUZZ_REQUIRE(*staple_sigalg_name(oid) != '\0');
	switch (out->scheme) {
	case STAPLE_SIG_RSA_PKCS1:
		/* RFC 8017 A.2.4: NULL or, as many encoders do, absent */
		FUZZ_REQUIRE(oid_starts(oid, pkcs1, sizeof pkcs1));
		FUZZ_REQUIRE(params.n == 0 ||
		             (params.n == 2 && memcmp(params.p, null, 2) == 0));
		break;
	case STAPLE_SIG_RSA_PSS:
		FUZZ_REQUIRE(oid_starts(oid, pkcs1, sizeof pkcs1));
		FUZZ_REQUIRE(staple_hash_size((int)out->mgf1_hash) != 0);
		FUZZ_REQUIRE(out->salt_len <= 1024);
		/* RFC 4055 3.1: absent parameters are every DEFAULT */
		if (params.n == 0)
			FUZZ_REQUIRE(out->hash == STAPLE_HASH_SHA1 &&
			             out->mgf1_hash == STAPLE_HASH_SHA1 &&
			             out->salt_len == 20);
		else
			FUZZ_REQUIRE(params.p[0] == STAPLE_TAG_SEQUENCE);
		break;
	case STAPLE_SIG_ECDSA:
		/* RFC 5758 3.2: parameters absent */
		FUZZ_REQUIRE(oid_starts(oid, ecdsa, sizeof ecdsa));
		FUZZ_REQUIRE(params.n == 0);
		break;
	case STAPLE_SIG_ED25519:
	case STAPLE_SIG_ED448:
		/* RFC 8410 3: parameters absent, the hash is the scheme's */
		FUZZ_REQUIRE(oid.n == 3 && oid_starts(oid, edwards, 2));
		FUZZ_REQUIRE(params.n == 0);
		FUZZ_REQUIRE(out->hash == STAPLE_HASH_OTHER);
		break;
	default:
		fuzz_fail("staple_sigalg_parse: scheme %d", (int)out->scheme);
	}
	if (out->scheme != STAPLE_SIG_ED25519 && out->scheme != STAPLE_SIG_ED448)
		FUZZ_REQUIRE(staple_hash_size((int)out->hash) != 0);
	if (out->scheme != STAPLE_SIG_RSA_PSS)
		FUZZ_REQUIRE(out->mgf1_hash == STAPLE_HASH_OTHER &&
		             out->salt_len == 0);
	return err;
}
