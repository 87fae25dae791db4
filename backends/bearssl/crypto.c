/*
 * crypto.c -- staple_crypto_bearssl: the crypto provider on BearSSL 0.6.
 *
 * What each scheme rests on:
 *
 *   RSASSA-PKCS1-v1_5   br_rsa_public_get_default() does s^e mod n
 *                       (RSAVP1); the encoded message is compared with the
 *                       expected one here, because BearSSL's own
 *                       br_rsa_pkcs1_vrfy() accepts a DigestInfo without
 *                       its NULL parameters, which OpenSSL refuses.
 *   RSASSA-PSS          BearSSL 0.6 has none.  RSAVP1 as above, then
 *                       EMSA-PSS-VERIFY (RFC 8017 9.1.2) and MGF1 (B.2.1)
 *                       are written out below.
 *   ECDSA               br_ecdsa_vrfy_raw_get_default() on the raw r || s.
 *                       The DER Ecdsa-Sig-Value is read here rather than by
 *                       BearSSL's asn1 verifier, whose br_ecdsa_asn1_to_raw()
 *                       accepts non-minimal lengths and INTEGERs: OpenSSL
 *                       rejects those, and the two providers must agree.
 *
 * BearSSL keeps keys in non-const buffers (br_rsa_public_key.n,
 * br_ec_public_key.q), so keys are copied onto the stack rather than
 * casting away the const of staple_pubkey's slices.  No heap anywhere.
 */
#include "backend.h"

#include <bearssl.h>
#include <string.h>

/*
 * The largest RSA modulus, in octets: BearSSL's BR_MAX_RSA_SIZE, 4096
 * bits in its default build (br_get_config() reports it).  The constant
 * lives in BearSSL's internal inner.h, so it is repeated here; larger
 * keys are UNSUPPORTED, not a bad signature.  It also sizes the stack
 * buffers below.
 */
#define RSA_MAX_OCTETS 512

/* An uncompressed P-521 point: 04 || X || Y, 66 octets each. */
#define EC_POINT_MAX_OCTETS 133

/* r || s for P-521, 66 octets each. */
#define EC_RAW_SIG_MAX_OCTETS 132

static const br_hash_class *hash_class(enum staple_hash alg)
{
	switch (alg) {
	case STAPLE_HASH_SHA1:
		return &br_sha1_vtable;
	case STAPLE_HASH_SHA224:
		return &br_sha224_vtable;
	case STAPLE_HASH_SHA256:
		return &br_sha256_vtable;
	case STAPLE_HASH_SHA384:
		return &br_sha384_vtable;
	case STAPLE_HASH_SHA512:
		return &br_sha512_vtable;
	case STAPLE_HASH_OTHER:
		break;
	}
	return NULL;
}

static size_t digest_size(const br_hash_class *hc)
{
	return (hc->desc >> BR_HASHDESC_OUT_OFF) & BR_HASHDESC_OUT_MASK;
}

/* The hash OIDs of a PKCS#1 DigestInfo, as BearSSL spells them: the
 * contents octets' length, then the contents octets. */
static const unsigned char *pkcs1_oid(enum staple_hash alg)
{
	switch (alg) {
	case STAPLE_HASH_SHA1:
		return BR_HASH_OID_SHA1;
	case STAPLE_HASH_SHA224:
		return BR_HASH_OID_SHA224;
	case STAPLE_HASH_SHA256:
		return BR_HASH_OID_SHA256;
	case STAPLE_HASH_SHA384:
		return BR_HASH_OID_SHA384;
	case STAPLE_HASH_SHA512:
		return BR_HASH_OID_SHA512;
	case STAPLE_HASH_OTHER:
		break;
	}
	return NULL;
}

/* Digest data[0..len) into out (room for the digest); its size. */
static size_t digest(const br_hash_class *hc, const uint8_t *data,
                     size_t len, uint8_t *out)
{
	br_hash_compat_context ctx;

	hc->init(&ctx.vtable);
	hc->update(&ctx.vtable, data, len);
	hc->out(&ctx.vtable, out);
	return digest_size(hc);
}

static size_t bearssl_hash(enum staple_hash alg, const uint8_t *data,
                           size_t len, uint8_t *out)
{
	const br_hash_class *hc = hash_class(alg);

	if (hc == NULL || out == NULL || (data == NULL && len > 0))
		return 0;
	return digest(hc, data, len, out);
}

/* ---- RSA ----------------------------------------------------------- */

/* An RSA public key copied where BearSSL may point at it. */
struct rsa_key {
	unsigned char n[RSA_MAX_OCTETS];
	unsigned char e[RSA_MAX_OCTETS];
	br_rsa_public_key pk;
	size_t mod_bits; /* exact bit length of n */
};

static struct staple_slice strip_zeros(struct staple_slice s)
{
	while (s.n > 0 && s.p[0] == 0) {
		s.p++;
		s.n--;
	}
	return s;
}

static unsigned bit_length(uint8_t b)
{
	unsigned bits = 0;

	while (b != 0) {
		bits++;
		b = (uint8_t)(b >> 1);
	}
	return bits;
}

/*
 * Copy key's modulus and exponent into *out.  A modulus over
 * RSA_MAX_OCTETS is UNSUPPORTED; an empty modulus or exponent, or an
 * exponent longer than the modulus (RFC 8017 3.1: e < n), is a key the
 * math rejects: SIGNATURE.
 */
static int rsa_key_load(const struct staple_pubkey *key, struct rsa_key *out)
{
	struct staple_slice n = strip_zeros(key->n);
	struct staple_slice e = strip_zeros(key->e);

	if (n.n > RSA_MAX_OCTETS)
		return STAPLE_ERR_UNSUPPORTED_ALGORITHM;
	if (n.n == 0 || e.n == 0 || e.n > n.n)
		return STAPLE_ERR_SIGNATURE;
	memcpy(out->n, n.p, n.n);
	memcpy(out->e, e.p, e.n);
	out->pk.n = out->n;
	out->pk.nlen = n.n;
	out->pk.e = out->e;
	out->pk.elen = e.n;
	out->mod_bits = 8 * (n.n - 1) + bit_length(n.p[0]);
	return STAPLE_OK;
}

/*
 * The first steps of both RSA verifications (RFC 8017 8.2.2 and 8.1.2):
 * 1, the signature has k octets, k the modulus's length; 2, m =
 * RSAVP1(s) into m[0..k), which BearSSL refuses when s >= n.
 */
static int rsa_open(const struct staple_pubkey *key, const uint8_t *sig,
                    size_t sig_len, struct rsa_key *rk,
                    uint8_t m[RSA_MAX_OCTETS])
{
	int err;

	if (key->type != STAPLE_KEY_RSA)
		return STAPLE_ERR_KEY_MISMATCH;
	err = rsa_key_load(key, rk);
	if (err != STAPLE_OK)
		return err;
	if (sig_len != rk->pk.nlen)
		return STAPLE_ERR_SIGNATURE;
	memcpy(m, sig, sig_len);
	if (br_rsa_public_get_default()(m, sig_len, &rk->pk) != 1)
		return STAPLE_ERR_SIGNATURE;
	return STAPLE_OK;
}

/*
 * RSASSA-PKCS1-V1_5-VERIFY (RFC 8017 8.2.2): RSAVP1, then EM is compared,
 * octet for octet, with the encoding EM' of the message (steps 3, 4):
 *
 *   EM' = 00 01 FF..FF 00 || DigestInfo || H
 *   DigestInfo ::= SEQUENCE {
 *      digestAlgorithm  SEQUENCE { OBJECT IDENTIFIER, NULL },
 *      digest           OCTET STRING }
 *
 * with the NULL parameters that 9.2 note 1 spells out.  BearSSL's
 * br_rsa_pkcs1_vrfy() also accepts them absent; OpenSSL does not, and the
 * two providers must agree, so the comparison is made here.
 */
static int verify_pkcs1(const struct staple_sigalg *alg,
                        const struct staple_pubkey *key, const uint8_t *msg,
                        size_t msg_len, const uint8_t *sig, size_t sig_len)
{
	const br_hash_class *hc = hash_class(alg->hash);
	const unsigned char *oid = pkcs1_oid(alg->hash); /* length first */
	uint8_t h[STAPLE_HASH_MAX_SIZE], m[RSA_MAX_OCTETS];
	uint8_t head[10 + 9]; /* DigestInfo but H: 10 octets of tags and
	                         lengths, an OID of 9 (SHA-2; SHA-1's is 5) */
	size_t k, h_len, oid_len, head_len, t_len, sep, i;
	struct rsa_key rk;
	int err;

	if (hc == NULL || oid == NULL)
		return STAPLE_ERR_UNSUPPORTED_ALGORITHM;
	err = rsa_open(key, sig, sig_len, &rk, m); /* steps 1, 2 */
	if (err != STAPLE_OK)
		return err;
	k = rk.pk.nlen;

	/* 3: EM' (9.2); every length fits one octet (at most 81). */
	h_len = digest(hc, msg, msg_len, h);
	oid_len = oid[0];
	if (oid_len > sizeof head - 10)
		return STAPLE_ERR_UNSUPPORTED_ALGORITHM;
	head_len = 0;
	head[head_len++] = 0x30;
	head[head_len++] = (uint8_t)(8 + oid_len + h_len);
	head[head_len++] = 0x30;
	head[head_len++] = (uint8_t)(4 + oid_len);
	head[head_len++] = 0x06;
	head[head_len++] = (uint8_t)oid_len;
	memcpy(head + head_len, oid + 1, oid_len);
	head_len += oid_len;
	head[head_len++] = 0x05;
	head[head_len++] = 0x00;
	head[head_len++] = 0x04;
	head[head_len++] = (uint8_t)h_len;
	t_len = head_len + h_len;
	/* 9.2 step 3: at least eight octets of PS; else no EM' fits k. */
	if (k < t_len + 11)
		return STAPLE_ERR_SIGNATURE;

	/* 4: EM = EM'. */
	sep = k - t_len - 1; /* the 00 between PS and T */
	if (m[0] != 0x00 || m[1] != 0x01 || m[sep] != 0x00)
		return STAPLE_ERR_SIGNATURE;
	for (i = 2; i < sep; i++)
		if (m[i] != 0xff)
			return STAPLE_ERR_SIGNATURE;
	if (memcmp(m + sep + 1, head, head_len) != 0 ||
	    memcmp(m + sep + 1 + head_len, h, h_len) != 0)
		return STAPLE_ERR_SIGNATURE;
	return STAPLE_OK;
}

/*
 * MGF1 (RFC 8017 B.2.1) with hash mgf over seed[0..seed_len), XORed into
 * out[0..out_len): steps 7 and 8 of EMSA-PSS-VERIFY in one pass.
 */
static void mgf1_xor(const br_hash_class *mgf, const uint8_t *seed,
                     size_t seed_len, uint8_t *out, size_t out_len)
{
	uint8_t block[STAPLE_HASH_MAX_SIZE];
	uint8_t c[4];
	size_t m_len = digest_size(mgf);
	size_t done = 0, take, i;
	uint32_t counter = 0;
	br_hash_compat_context ctx;

	while (done < out_len) {
		c[0] = (uint8_t)(counter >> 24);
		c[1] = (uint8_t)(counter >> 16);
		c[2] = (uint8_t)(counter >> 8);
		c[3] = (uint8_t)counter;
		mgf->init(&ctx.vtable);
		mgf->update(&ctx.vtable, seed, seed_len);
		mgf->update(&ctx.vtable, c, sizeof c);
		mgf->out(&ctx.vtable, block);
		take = out_len - done < m_len ? out_len - done : m_len;
		for (i = 0; i < take; i++)
			out[done + i] = (uint8_t)(out[done + i] ^ block[i]);
		done += take;
		counter++;
	}
}

/*
 * EMSA-PSS-VERIFY (RFC 8017 9.1.2) of em[0..em_len), emBits = em_bits,
 * with hash hc for the message and for M', MGF1 over mgf, and a salt of
 * exactly salt_len octets.  em is modified (unmasked in place).  The step
 * numbers are the RFC's.
 */
static int emsa_pss_verify(const br_hash_class *hc, const br_hash_class *mgf,
                           size_t salt_len, const uint8_t *msg,
                           size_t msg_len, uint8_t *em, size_t em_len,
                           size_t em_bits)
{
	static const uint8_t zeros[8] = {0};
	uint8_t m_hash[STAPLE_HASH_MAX_SIZE], h2[STAPLE_HASH_MAX_SIZE];
	size_t h_len = digest_size(hc);
	size_t db_len, ps_len, i;
	uint8_t *db, *h;
	uint8_t top_mask;
	br_hash_compat_context ctx;

	/* 2: mHash = Hash(M). */
	digest(hc, msg, msg_len, m_hash);
	/* 3: emLen >= hLen + sLen + 2. */
	if (em_len < h_len + 2 || salt_len > em_len - h_len - 2)
		return STAPLE_ERR_SIGNATURE;
	/* 4: the trailer field is 0xbc. */
	if (em[em_len - 1] != 0xbc)
		return STAPLE_ERR_SIGNATURE;
	/* 5: EM = maskedDB || H || 0xbc. */
	db_len = em_len - h_len - 1;
	db = em;
	h = em + db_len;
	/* 6: the 8*emLen - emBits leftmost bits of maskedDB are zero. */
	top_mask = (uint8_t)(0xffu >> (8 * em_len - em_bits));
	if ((db[0] | top_mask) != top_mask)
		return STAPLE_ERR_SIGNATURE;
	/* 7, 8: DB = maskedDB xor MGF(H, emLen - hLen - 1). */
	mgf1_xor(mgf, h, h_len, db, db_len);
	/* 9: clear those leftmost bits of DB. */
	db[0] = (uint8_t)(db[0] & top_mask);
	/* 10: DB = PS (zeros) || 0x01 || salt. */
	ps_len = db_len - salt_len - 1;
	for (i = 0; i < ps_len; i++)
		if (db[i] != 0)
			return STAPLE_ERR_SIGNATURE;
	if (db[ps_len] != 0x01)
		return STAPLE_ERR_SIGNATURE;
	/* 11-13: H' = Hash(00 x 8 || mHash || salt). */
	hc->init(&ctx.vtable);
	hc->update(&ctx.vtable, zeros, sizeof zeros);
	hc->update(&ctx.vtable, m_hash, h_len);
	hc->update(&ctx.vtable, db + ps_len + 1, salt_len);
	hc->out(&ctx.vtable, h2);
	/* 14: H = H'. */
	if (memcmp(h, h2, h_len) != 0)
		return STAPLE_ERR_SIGNATURE;
	return STAPLE_OK;
}

/* RSASSA-PSS-VERIFY (RFC 8017 8.1.2). */
static int verify_pss(const struct staple_sigalg *alg,
                      const struct staple_pubkey *key, const uint8_t *msg,
                      size_t msg_len, const uint8_t *sig, size_t sig_len)
{
	const br_hash_class *hc = hash_class(alg->hash);
	const br_hash_class *mgf = hash_class(alg->mgf1_hash);
	uint8_t m[RSA_MAX_OCTETS];
	struct rsa_key rk;
	size_t k, em_bits, em_len;
	int err;

	if (hc == NULL || mgf == NULL)
		return STAPLE_ERR_UNSUPPORTED_ALGORITHM;
	err = rsa_open(key, sig, sig_len, &rk, m); /* steps 1, 2a, 2b */
	if (err != STAPLE_OK)
		return err;
	k = rk.pk.nlen;
	/*
	 * 2c: EM = I2OSP(m, emLen), emLen = ceil((modBits - 1) / 8).  When
	 * modBits - 1 is a multiple of 8, emLen is k - 1 and m must fit it:
	 * its first octet is zero.
	 */
	em_bits = rk.mod_bits - 1;
	em_len = (em_bits + 7) / 8;
	if (em_len < k && m[0] != 0)
		return STAPLE_ERR_SIGNATURE;
	/* 3: EMSA-PSS-VERIFY. */
	return emsa_pss_verify(hc, mgf, alg->salt_len, msg, msg_len,
	                       m + (k - em_len), em_len, em_bits);
}

/* ---- ECDSA --------------------------------------------------------- */

struct curve {
	enum staple_curve staple;
	int id;            /* BR_EC_* */
	size_t order_len;  /* octets of the group order, = of a coordinate */
};

static const struct curve curves[] = {
	{STAPLE_CURVE_P256, BR_EC_secp256r1, 32},
	{STAPLE_CURVE_P384, BR_EC_secp384r1, 48},
	{STAPLE_CURVE_P521, BR_EC_secp521r1, 66},
};

#define N_CURVES (sizeof curves / sizeof curves[0])

/*
 * Read one DER element with identifier octet `tag` from *cur into
 * *contents.  Lengths must be definite and minimal (X.690 10.1); an
 * Ecdsa-Sig-Value is at most 139 octets, so one length octet after 0x81
 * is as long as a length gets here.  On failure *cur does not move.
 */
static int der_read(struct staple_slice *cur, uint8_t tag,
                    struct staple_slice *contents)
{
	size_t len, hdr;

	if (cur->n < 2 || cur->p[0] != tag)
		return STAPLE_ERR_SIGNATURE;
	if (cur->p[1] < 0x80) {
		len = cur->p[1];
		hdr = 2;
	} else if (cur->p[1] == 0x81 && cur->n >= 3 && cur->p[2] >= 0x80) {
		len = cur->p[2];
		hdr = 3;
	} else {
		return STAPLE_ERR_SIGNATURE;
	}
	if (len > cur->n - hdr)
		return STAPLE_ERR_SIGNATURE;
	contents->p = cur->p + hdr;
	contents->n = len;
	cur->p += hdr + len;
	cur->n -= hdr + len;
	return STAPLE_OK;
}

/*
 * A non-negative INTEGER in minimal encoding (X.690 8.3.2), of at most
 * `width` octets without its sign octet, right-aligned into out[0..width).
 */
static int der_read_uint(struct staple_slice *cur, size_t width, uint8_t *out)
{
	struct staple_slice save = *cur, v;

	if (der_read(cur, 0x02, &v) != STAPLE_OK)
		return STAPLE_ERR_SIGNATURE;
	if (v.n == 0 || (v.p[0] & 0x80) != 0 ||
	    (v.n > 1 && v.p[0] == 0 && (v.p[1] & 0x80) == 0)) {
		*cur = save;
		return STAPLE_ERR_SIGNATURE;
	}
	if (v.p[0] == 0) { /* the sign octet of a positive value */
		v.p++;
		v.n--;
	}
	if (v.n > width) {
		*cur = save;
		return STAPLE_ERR_SIGNATURE;
	}
	memset(out, 0, width - v.n);
	memcpy(out + (width - v.n), v.p, v.n);
	return STAPLE_OK;
}

/*
 * Ecdsa-Sig-Value ::= SEQUENCE {
 *    r  INTEGER,
 *    s  INTEGER }                            (RFC 3279 2.2.3, RFC 5480)
 *
 * Read sig[0..sig_len) into raw = r || s, each `width` octets.  Nothing
 * may follow the SEQUENCE or its second INTEGER.
 */
static int ecdsa_sig_to_raw(const uint8_t *sig, size_t sig_len,
                            size_t width, uint8_t *raw)
{
	struct staple_slice cur = {sig, sig_len}, seq;

	if (der_read(&cur, 0x30, &seq) != STAPLE_OK || cur.n != 0)
		return STAPLE_ERR_SIGNATURE;
	if (der_read_uint(&seq, width, raw) != STAPLE_OK ||
	    der_read_uint(&seq, width, raw + width) != STAPLE_OK ||
	    seq.n != 0)
		return STAPLE_ERR_SIGNATURE;
	return STAPLE_OK;
}

static int verify_ecdsa(const struct staple_sigalg *alg,
                        const struct staple_pubkey *key, const uint8_t *msg,
                        size_t msg_len, const uint8_t *sig, size_t sig_len)
{
	const br_hash_class *hc = hash_class(alg->hash);
	const br_ec_impl *impl = br_ec_get_default();
	const struct curve *c = NULL;
	uint8_t q[EC_POINT_MAX_OCTETS], raw[EC_RAW_SIG_MAX_OCTETS];
	uint8_t h[STAPLE_HASH_MAX_SIZE];
	br_ec_public_key pk;
	size_t i, h_len;

	if (hc == NULL)
		return STAPLE_ERR_UNSUPPORTED_ALGORITHM;
	if (key->type != STAPLE_KEY_EC)
		return STAPLE_ERR_KEY_MISMATCH;
	for (i = 0; i < N_CURVES; i++)
		if (curves[i].staple == key->curve)
			c = &curves[i];
	if (c == NULL || ((impl->supported_curves >> c->id) & 1u) == 0)
		return STAPLE_ERR_UNSUPPORTED_ALGORITHM;
	/* The uncompressed point 04 || X || Y (SEC 1 2.3.3). */
	if (key->bits.n != 1 + 2 * c->order_len || key->bits.p[0] != 0x04)
		return STAPLE_ERR_SIGNATURE;
	if (ecdsa_sig_to_raw(sig, sig_len, c->order_len, raw) != STAPLE_OK)
		return STAPLE_ERR_SIGNATURE;
	memcpy(q, key->bits.p, key->bits.n);
	pk.curve = c->id;
	pk.q = q;
	pk.qlen = key->bits.n;
	h_len = digest(hc, msg, msg_len, h);
	/* BearSSL checks 0 < r, s < order and that Q is on the curve. */
	if (br_ecdsa_vrfy_raw_get_default()(impl, h, h_len, &pk, raw,
	                                    2 * c->order_len) != 1)
		return STAPLE_ERR_SIGNATURE;
	return STAPLE_OK;
}

/* ---- the provider -------------------------------------------------- */

static int bearssl_verify(const struct staple_sigalg *alg,
                          const struct staple_pubkey *key,
                          const uint8_t *msg, size_t msg_len,
                          const uint8_t *sig, size_t sig_len)
{
	if (alg == NULL || key == NULL || (msg == NULL && msg_len > 0) ||
	    (sig == NULL && sig_len > 0))
		return STAPLE_ERR_ARGUMENT;
	switch (alg->scheme) {
	case STAPLE_SIG_RSA_PKCS1:
		return verify_pkcs1(alg, key, msg, msg_len, sig, sig_len);
	case STAPLE_SIG_RSA_PSS:
		return verify_pss(alg, key, msg, msg_len, sig, sig_len);
	case STAPLE_SIG_ECDSA:
		return verify_ecdsa(alg, key, msg, msg_len, sig, sig_len);
	case STAPLE_SIG_ED25519: /* BearSSL 0.6 has no EdDSA */
	case STAPLE_SIG_ED448:
	case STAPLE_SIG_UNKNOWN:
		break;
	}
	return STAPLE_ERR_UNSUPPORTED_ALGORITHM;
}

/* see backend.h */
const struct staple_crypto staple_crypto_bearssl = {
	"bearssl",
	bearssl_hash,
	bearssl_verify,
};
