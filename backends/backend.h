/*
 * backend.h -- the backends staple ships (crypto providers and TLS
 * fetchers), and how to pick one.
 *
 * core/ has no crypto: staple_verify() calls a struct staple_crypto (see
 * CRYPTO PROVIDER in staple.h).  Nor does it talk to a network: a
 * backend's fetch() gets a staple from a live server (FETCH below).  This
 * header names the backends built from backends/ and finds one by name,
 * for the command-line tool and the tests.  core/ never includes it.
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


/* ---- TLS: getting the staple from a live server ---------------------- */

/*
 * FETCH
 *
 *   A backend's fetch() opens a TCP connection to host:port, runs a TLS
 *   handshake that asks for the certificate status (RFC 6066 section 8,
 *   status_request), validates the server's chain against trust anchors
 *   and the name, and hands back what the server stapled and the chain as
 *   it came.  It does not decode or verify the staple: that is core's
 *   staple_decode() and staple_verify() with the backend's crypto, which
 *   the tool runs next.  The connection is closed before fetch() returns.
 *
 *   Buffers are the caller's: the staple and the Certificate message's
 *   certificates are copied into them, and the result's slices point
 *   there.
 *
 *   A chain or name that does not validate is STAPLE_FETCH_UNTRUSTED,
 *   and res->message says why, in the same words from either backend.
 *   What else the result holds then depends on req->insecure:
 *
 *     0  the handshake ends at the server's Certificate message, as it
 *        should with a server that cannot be trusted.  The result keeps
 *        what came before that point: version, cipher_suite and the
 *        chain (chain, chain_len, chain_total), so a caller can show
 *        what the server presented; stapling is NONE and staple empty.
 *     1  the handshake goes on to its end as if the chain had
 *        validated, and the result holds everything a successful one
 *        does (stapling, staple, chain, version, cipher_suite), with
 *        err still STAPLE_FETCH_UNTRUSTED: nothing the server sent is
 *        ever handed out as trusted.  For looking at a server whose
 *        chain is broken; the certificates are decoded all the same
 *        (a leaf that cannot be read still fails the handshake).
 *
 *   Every other error leaves the result as staple_net_fail() does: all
 *   zero but err and message.  What a backend allocates (OpenSSL: inside the library;
 *   BearSSL: the trust anchors and the connection state) lives for the
 *   duration of the call only and is freed before it returns.
 */

/* How the server answered the status request. */
enum staple_stapling {
	STAPLE_STAPLING_NONE = 0,   /* nothing known: the handshake failed */
	STAPLE_STAPLING_STAPLED = 1, /* a CertificateStatus came: res.staple */
	STAPLE_STAPLING_NOT_ACKED = 2, /* ServerHello did not acknowledge it */
	STAPLE_STAPLING_NO_ANSWER = 3, /* acknowledged, no CertificateStatus
	                                  (RFC 6066 section 8 allows that) */
	STAPLE_STAPLING_RESUMED = 4 /* an abbreviated handshake: no
	                               certificate, so nothing to staple */
};

/* Why fetch() failed; 0 is success.  The tool maps each to an exit status. */
enum staple_fetch_err {
	STAPLE_FETCH_OK = 0,
	STAPLE_FETCH_ARGUMENT = 1,  /* a NULL or empty host/port, no
	                               buffers, a max_version the backend lacks */
	STAPLE_FETCH_CAFILE = 2,    /* trust anchors unreadable or none in it */
	STAPLE_FETCH_RESOLVE = 3,   /* the host name does not resolve */
	STAPLE_FETCH_CONNECT = 4,   /* no address accepted the connection */
	STAPLE_FETCH_TIMEOUT = 5,   /* connect or a read took too long */
	STAPLE_FETCH_TLS = 6,       /* the handshake failed (alert, protocol) */
	STAPLE_FETCH_UNTRUSTED = 7, /* the chain or the name did not validate */
	STAPLE_FETCH_TOO_LARGE = 8  /* the staple or chain exceeds the buffers */
};

/* The longest chain a result lists; the rest is counted, not listed. */
#define STAPLE_FETCH_MAX_CHAIN 8

struct staple_fetch_request {
	const char *host;        /* DNS name or address literal */
	const char *port;        /* service, e.g. "443" */
	const char *server_name; /* SNI and the name the certificate must
	                            carry; NULL means host; "" sends no SNI
	                            and skips the name check.  BearSSL checks
	                            DNS names only: an address literal here
	                            (or as host, with NULL) is ARGUMENT */
	const char *cafile;      /* PEM bundle of trust anchors; NULL means
	                            STAPLE_FETCH_DEFAULT_CAFILE */
	int connect_timeout_ms;  /* <= 0 means STAPLE_FETCH_TIMEOUT_MS */
	int read_timeout_ms;     /* each read; <= 0: STAPLE_FETCH_TIMEOUT_MS */
	unsigned max_version;    /* the highest TLS version to offer:
	                            0 the highest the backend speaks
	                            (staple_backend.max_version);
	                            STAPLE_TLS_1_2 caps it at 1.2;
	                            STAPLE_TLS_1_3 when the backend speaks
	                            it.  Anything else, or a version above
	                            the backend's, is ARGUMENT: never a
	                            silent fallback */
	int insecure;            /* 1: a chain or name that does not
	                            validate does not end the handshake; the
	                            result is still UNTRUSTED (see FETCH) */
	uint8_t *staple_buf;     /* receives the OCSPResponse DER */
	size_t staple_cap;
	uint8_t *chain_buf;      /* receives the certificates, leaf first */
	size_t chain_cap;
};

/*
 * TLS versions as the wire spells them (RFC 8446 appendix B.1), for
 * max_version and staple_fetch_result.version.  TLS 1.2 is also the
 * lowest either backend accepts.
 */
#define STAPLE_TLS_1_2 0x0303u
#define STAPLE_TLS_1_3 0x0304u

#define STAPLE_FETCH_DEFAULT_CAFILE "/etc/ssl/certs/ca-certificates.crt"
#define STAPLE_FETCH_TIMEOUT_MS 10000

struct staple_fetch_result {
	int err;                    /* enum staple_fetch_err */
	int stapling;               /* enum staple_stapling */
	unsigned version;           /* 0x0303 for TLS 1.2, 0x0304 for 1.3 */
	uint16_t cipher_suite;      /* as the wire spells it (IANA TLS
	                               Cipher Suites registry): 0xC02B for
	                               TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
	                               0x1301 for TLS_AES_128_GCM_SHA256;
	                               0 before the ServerHello */
	struct staple_slice staple; /* into staple_buf; empty unless STAPLED */
	struct staple_slice chain[STAPLE_FETCH_MAX_CHAIN]; /* into chain_buf */
	size_t chain_len;           /* entries of chain[] filled */
	size_t chain_total;         /* certificates the server sent */
	char message[200];          /* on failure: one line, no newline */
};

struct staple_backend {
	const char *name; /* "bearssl", "openssl" */
	/* Fills *res (always, zeroed first) and returns res->err. */
	int (*fetch)(const struct staple_fetch_request *req,
	             struct staple_fetch_result *res);
	const struct staple_crypto *crypto;
	unsigned max_version; /* the highest TLS version it speaks:
	                         STAPLE_TLS_1_2 (BearSSL 0.6) or
	                         STAPLE_TLS_1_3 (OpenSSL) */
};

/* BearSSL: backends/bearssl/fetch.c, on the stapling shim (shim.h). */
extern const struct staple_backend staple_backend_bearssl;

#ifdef STAPLE_HAVE_OPENSSL
/* OpenSSL 3 libssl: backends/openssl/fetch.c.  Link -lssl -lcrypto. */
extern const struct staple_backend staple_backend_openssl;
#endif

/*
 * The backend called `name`, or the default (STAPLE_CRYPTO_DEFAULT) for
 * NULL; NULL when unknown or not built in.  The names are those of
 * staple_crypto_names().
 */
const struct staple_backend *staple_backend_find(const char *name);

/* The text of a fetch error code, "" for an unknown one. */
const char *staple_fetch_strerror(int err);

/* "stapled", "not_acknowledged", "no_answer", "resumed" or "none". */
const char *staple_stapling_name(int stapling);

#ifdef __cplusplus
}
#endif

#endif /* STAPLE_BACKEND_H */
