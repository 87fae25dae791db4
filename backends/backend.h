/*
 * backend.h -- the crypto providers staple ships, and how to pick one.
 *
 * core/ has no crypto: staple_verify() calls a struct staple_crypto (see
 * CRYPTO PROVIDER in staple.h).  This header names the providers built
 * from backends/ and finds one by name, for the command-line tool and the
 * tests.  core/ never includes it.
 *
 * LIFETIMES AND OWNERSHIP
 *
 *   Every provider is a const, statically allocated vtable that holds no
 *   state: nothing to create, initialise or free, and any number of
 *   threads may use one at once.  The pointers returned below point at
 *   those vtables or at static strings and stay valid for the whole life
 *   of the program.  The providers allocate nothing, except OpenSSL's,
 *   inside libcrypto, for the duration of one call.
 *
 * THE PROVIDERS
 *
 *   staple_crypto_bearssl ("bearssl")
 *       BearSSL 0.6.  Always built; the default.  Uses no heap; its own
 *       frames take about 2 KiB of stack for an RSA key (modulus,
 *       exponent and the encoded message, 512 octets each), on top of
 *       what BearSSL's RSA and EC code takes.
 *       Hashes: SHA-1, SHA-224, SHA-256, SHA-384, SHA-512.
 *       RSASSA-PKCS1-v1_5 with those hashes, the encoded message compared
 *       whole with the expected one (RFC 8017 8.2.2).  RSASSA-PSS with
 *       those hashes for the message and for MGF1 and any salt length,
 *       the salt length checked exactly (BearSSL 0.6 has no PSS; the
 *       encoding is checked here, RFC 8017 9.1.2).  ECDSA on P-256, P-384
 *       and P-521, the Ecdsa-Sig-Value read as strict DER.  Both RSA
 *       schemes rest on BearSSL's raw public operation only.
 *       Limits: RSA moduli up to 4096 bits, BearSSL's BR_MAX_RSA_SIZE (a
 *       build option of BearSSL; its default).  Larger keys, Ed25519 and
 *       Ed448 are STAPLE_ERR_UNSUPPORTED_ALGORITHM.
 *
 *   staple_crypto_openssl ("openssl")
 *       OpenSSL 3 libcrypto; built when STAPLE_HAVE_OPENSSL is defined.
 *       The same hashes and schemes, any RSA size libcrypto accepts, and
 *       Ed25519 and Ed448 (RFC 8410); ECDSA on the same three curves,
 *       which staple_pubkey.curve must name.  Reads the key from its
 *       SubjectPublicKeyInfo (staple_pubkey.spki); one that does not
 *       decode is STAPLE_ERR_SIGNATURE.  Allocates inside
 *       libcrypto and frees everything before returning; leaves the
 *       thread's OpenSSL error queue empty.
 *
 * Important caveats
 *
 *   - Both providers give the same verdict on every signature of a scheme
 *     both have, genuine, damaged or not DER; tests/test_crypto.c checks
 *     that.  Where BearSSL's own verifiers are more lenient than OpenSSL
 *     (a PKCS#1 DigestInfo without its NULL, an Ecdsa-Sig-Value with
 *     non-minimal lengths or INTEGERs), its provider does the check
 *     itself rather than call them.
 *   - The exceptions come from what each provider reads of the key.
 *     BearSSL's reads staple_pubkey's n and e, or bits and curve;
 *     OpenSSL's reads spki.  So for an id-RSASSA-PSS key (RFC 4055) only
 *     OpenSSL's enforces the hash, MGF1 hash and minimum salt length its
 *     parameters may name (STAPLE_ERR_SIGNATURE).  PKCS#1 with such a
 *     key is refused by the verifier itself (staple_pubkey.pss_only,
 *     STAPLE_ERR_KEY_MISMATCH), whichever provider is used; called
 *     directly, only OpenSSL's refuses it.
 *   - A provider given a key whose type does not fit the scheme returns
 *     STAPLE_ERR_KEY_MISMATCH.  The verifier checks this before calling,
 *     so only a direct caller sees it.
 *   - STAPLE_ERR_ARGUMENT for a NULL alg or key, or a NULL msg or sig
 *     with a non-zero length.  A NULL pointer with length 0 is fine.
 */
#ifndef STAPLE_BACKEND_H
#define STAPLE_BACKEND_H

#include "staple.h"

#ifdef __cplusplus
extern "C" {
#endif

/* BearSSL: backends/bearssl/crypto.c.  Link -lbearssl. */
extern const struct staple_crypto staple_crypto_bearssl;

#ifdef STAPLE_HAVE_OPENSSL
/* OpenSSL 3 libcrypto: backends/openssl/crypto.c.  Link -lcrypto. */
extern const struct staple_crypto staple_crypto_openssl;
#endif

/* The provider staple_crypto_find(NULL) returns. */
#define STAPLE_CRYPTO_DEFAULT "bearssl"

/*
 * The provider called `name` ("bearssl", "openssl"), or the default one
 * when name is NULL.  NULL for a name that is unknown or was not built
 * into this program.  Names are compared exactly (case matters).
 */
const struct staple_crypto *staple_crypto_find(const char *name);

/*
 * The names of the providers built into this program, default first, in
 * a NULL-terminated static array.
 */
const char *const *staple_crypto_names(void);

#ifdef __cplusplus
}
#endif

#endif /* STAPLE_BACKEND_H */
