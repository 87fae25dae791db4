/*
 * staple.h -- decode a stapled OCSP response (RFC 6960) without allocating.
 *
 * This is the whole public interface of staple's core.  It is written to be
 * read top to bottom, like a manual.
 *
 * OVERVIEW
 *
 *   struct staple_response r;
 *   struct staple_ocsp ocsp;
 *   int err = staple_decode(&r, der, der_len);
 *   if (err != STAPLE_OK) {
 *       printf("%s at byte %zu\n", staple_strerror(err), staple_error_offset(&r));
 *   } else if (staple_ocsp_view(&r, 0, &ocsp) == STAPLE_OK) {
 *       printf("%s\n", staple_ocsp_status_name(ocsp.status));
 *   }
 *
 * staple_decode() walks the DER of an OCSPResponse once, checks every rule
 * of DER (X.690 section 10) and of RFC 6960 section 4.2.1 that it can check
 * without crypto, and fills a caller-provided, fixed-size struct.
 * staple_ocsp_view() turns one SingleResponse of it into the object the k6
 * load-testing tool calls res.ocsp.  Checking the signature and matching the
 * CertID against a certificate is the verifier's job, not the decoder's: a
 * response that decodes proves nothing until it is verified.
 *
 * LIFETIMES AND OWNERSHIP
 *
 *   Every variable-size field of the decoded structs is a struct staple_slice
 *   that points into the caller's input buffer.  Nothing is copied, nothing is
 *   allocated, nothing is freed.  A decoded struct is valid for as long as the
 *   input buffer is alive and unchanged; the library keeps no pointer to
 *   either after a call returns.  All functions are reentrant: there is no
 *   global state.
 *
 * OUTPUTS ON FAILURE
 *
 *   Every function resets its outputs on entry, so an output is defined even
 *   when the call fails: slices are {NULL, 0}, counts and times are 0, a
 *   certificate status is STAPLE_OCSP_STATUS_UNKNOWN and a reason is
 *   STAPLE_OCSP_REASON_NONE.  A failed decode never leaves a struct that
 *   reads as "good".
 *
 * LIMITS
 *
 *   The struct has a fixed size (under 1 KiB at the default limits), so it
 *   keeps the first few SingleResponses and certificates; every other one
 *   is decoded and checked too, counted, and reachable through
 *   staple_single_at() and staple_cert_at().  No count is too large to
 *   decode.  The two bounds are macros that a firmware build may override
 *   (-DSTAPLE_MAX_SINGLE=1) to shrink the struct; see THE DECODED STRUCT'S
 *   LAYOUT for what that asks of the program using the library.
 *
 * STRICTNESS
 *
 *   The decoder accepts DER only (X.690 section 10): one-byte tags, definite
 *   lengths in the fewest octets (at most 4 length octets), minimal INTEGERs,
 *   BOOLEAN as 00 or FF, BIT STRING with zero padding bits, OBJECT
 *   IDENTIFIERs with minimal sub-identifiers, SET OF in sorted order, no
 *   DEFAULT value encoded, GeneralizedTime as YYYYMMDDHHMMSS[.fff]Z with every
 *   field in range and no trailing zero in the fraction, and no byte left
 *   over inside any element or after the OCSPResponse.  It also enforces RFC
 *   6960: a defined responseStatus, responseBytes present exactly when the
 *   status is successful, responseType id-pkix-ocsp-basic, version v1, a
 *   defined CRLReason, extensions without duplicates.
 *
 *   What staple does not interpret it checks as DER TLVs only: the
 *   parameters of an AlgorithmIdentifier, an AttributeValue inside a Name,
 *   an extension's extnValue (but the nonce's) and each Certificate in
 *   certs are one well-formed element each, but their contents are not
 *   parsed.  The verifier parses the certificates it uses; the functions
 *   of EXTENSIONS below read the extnValues on request.
 *
 * LENIENCIES (the complete list)
 *
 *   Real responders break DER in a few known ways.  These, and only these,
 *   are accepted; each one sets a bit in staple_response.leniencies so a
 *   caller that wants pure DER can refuse them.
 *
 *   STAPLE_LENIENT_EXPLICIT_VERSION
 *       ResponseData carries "version [0] EXPLICIT INTEGER 0" although v1 is
 *       the DEFAULT and DER forbids encoding a DEFAULT value (X.690 11.5).
 *       Go's x/crypto/ocsp does this, so Let's Encrypt's Boulder, CFSSL and
 *       others emit it.  Any version other than v1 is still rejected.
 *   STAPLE_LENIENT_EMPTY_EXTENSIONS
 *       responseExtensions or singleExtensions is an empty SEQUENCE although
 *       Extensions is SIZE (1..MAX) (RFC 5280 4.1).  Seen in Bouncy Castle
 *       output; it carries no information, so it is read as "no extensions".
 *
 *   STAPLE_LENIENT_NAMED_BITS (certificates, staple_cert.leniencies)
 *       KeyUsage keeps trailing zero bits although DER drops them from a
 *       named bit list (X.690 11.2.2): GnuTLS's certtool writes KeyUsage
 *       in two octets, so real CA certificates carry it.  The bits read
 *       are the same either way.
 *
 *   Fractional seconds in GeneralizedTime are not a leniency: DER allows
 *   them (X.690 11.7) and RFC 6960 does not forbid them.  They are kept to
 *   the millisecond; further digits are checked and then dropped.
 *
 * IMPORTANT CAVEATS
 *
 *   - Decoding proves nothing.  A response that decodes may be forged,
 *     stale or about another certificate until staple_verify() (or
 *     staple_check()) says otherwise.
 *
 *   - Stack.  No function recurses or allocates, and each has a fixed
 *     worst-case stack, computed from gcc's call graph by `make cross`
 *     (tests/cross.sh) for Cortex-M4 built with -Os:
 *         staple_decode       396 bytes
 *         staple_ocsp_view    420 bytes
 *         staple_single_at    316 bytes
 *         staple_cert_decode  452 bytes
 *         staple_verify       884 bytes, plus what the crypto
 *                             provider's own functions use
 *         staple_check        508 bytes
 *     Built with -O2 the figures stay within 10 bytes of these.  A
 *     64-bit host needs more (wider pointers and a larger struct).
 *
 *   - A decoder-only build.  A program that only decodes and reads the
 *     k6 view (staple_decode, staple_single_at, staple_cert_at,
 *     staple_ocsp_view, staple_strerror) needs der.c, time.c, ocsp.c,
 *     view.c, oid.c and strerror.c from core/, and der.h and oid.h beside
 *     this header; `make decoder` builds them alone into
 *     libstaple-decoder.a.  On Cortex-M4 with -Os and --gc-sections,
 *     staple_decode and staple_ocsp_view link to 5,393 bytes of code and
 *     constants, with no .data or .bss; staple_strerror's messages add
 *     about 3 KB to a program that prints them.
 *
 *   - Enum size.  The structs and several parameters are enums, and the
 *     size of an enum belongs to the ABI: arm-none-eabi-gcc makes them as
 *     small as their values (-fshort-enums), most hosts make them int.
 *     Build the library and every program that uses it with the same
 *     setting.  staple_decode() refuses a struct staple_response of
 *     another size (STAPLE_ERR_ABI), which catches a mismatch on 32-bit
 *     ARM (472 against 504 bytes at the default limits) but not on
 *     x86-64, where padding gives both settings the same size; no other
 *     function can tell.
 *
 *   - No clock.  Core never reads the time: staple_verify() and
 *     staple_check() judge thisUpdate and nextUpdate against the now_ms
 *     their caller passes.
 *
 *   - BearSSL.  The stapling shim (backends/bearssl/shim.h) is written
 *     against BearSSL 0.6's engine layout.  Upstream master after 0.6
 *     keeps that layout and works; any other layout fails closed: the
 *     handshake stops with STAPLE_SHIM_ERR_ENGINE_LAYOUT before a byte
 *     is sent.
 *
 * THE K6 VIEW: SELECTION AND ABSENCE RULES
 *
 *   A response may carry several SingleResponses.  staple_ocsp_view() reads
 *   the one at the index the caller gives.  The verifier and the backends
 *   give the index of the entry whose CertID matches the leaf certificate;
 *   a caller that knows nothing of the leaf uses index 0, the first entry.
 *
 *   - status: the entry's certStatus, or STAPLE_OCSP_STATUS_SERVER_FAILED
 *     when responseStatus is not successful (then the index is ignored).
 *   - revocation_reason: only for a revoked entry; a revoked entry without a
 *     reason reads "unspecified"; any other status reads "" (NONE).
 *   - produced_at, this_update, next_update, revoked_at: milliseconds since
 *     1970-01-01T00:00:00Z (negative before 1970); 0 when the field is
 *     absent (nextUpdate), not applicable (revoked_at of an entry that is
 *     not revoked) or when the status is server_failed.
 *
 *   Deliberate differences from k6 (which reads through Go's x/crypto/ocsp):
 *   times are in milliseconds as k6's documentation says (k6's code gives
 *   seconds); server_failed is produced; several SingleResponses are fine;
 *   a good entry has reason "" rather than "unspecified"; an absent time is
 *   0 rather than Go's zero time.
 */
#ifndef STAPLE_H
#define STAPLE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define STAPLE_VERSION "0.1.0"

/*
 * Symbols of the public interface.  The shared library exports these and
 * nothing else (it is built with -fvisibility=hidden).
 */
#if defined(__GNUC__) || defined(__clang__)
#define STAPLE_API __attribute__((visibility("default")))
#else
#define STAPLE_API
#endif

/*
 * SingleResponses kept in staple_response.single[].  A stapled response
 * normally answers for one certificate; 4 leaves room for responders that
 * answer for a few at once.  More entries are NOT an error: they are all
 * decoded and checked, counted in n_single, and reachable through
 * staple_single_at(), which re-reads them from the input.
 */
#ifndef STAPLE_MAX_SINGLE
#define STAPLE_MAX_SINGLE 4
#endif

/*
 * Certificates kept in staple_response.certs[].  A responder sends none
 * (signed by the issuer) or its own delegated certificate, sometimes with
 * its issuer; 4 covers that.  More certificates are NOT an error: each is
 * checked to be one DER element, counted in n_certs, and reachable through
 * staple_cert_at(); the verifier looks at every one of them.
 */
#ifndef STAPLE_MAX_CERTS
#define STAPLE_MAX_CERTS 4
#endif

/*
 * Errors: 0 is success, every other value names one reason.  Each value is
 * written out and never changes: a new code takes the next free number.
 */
enum staple_err {
	STAPLE_OK = 0,
	STAPLE_ERR_ARGUMENT = 1, /* a NULL pointer where one is required */
	STAPLE_ERR_TRUNCATED = 2, /* element longer than what contains it */
	STAPLE_ERR_TAG = 3, /* unexpected tag, or a multi-byte tag */
	STAPLE_ERR_INDEFINITE_LENGTH = 4, /* BER indefinite length (10.1) */
	STAPLE_ERR_LONG_LENGTH = 5, /* more than 4 length octets */
	STAPLE_ERR_NONMINIMAL_LENGTH = 6, /* not in fewest octets (10.1) */
	STAPLE_ERR_INTEGER = 7, /* INTEGER empty or not minimal (8.3.2) */
	STAPLE_ERR_BOOLEAN = 8, /* BOOLEAN not one octet 00 or FF (11.1) */
	STAPLE_ERR_NULL = 9, /* NULL with contents (8.8.2) */
	STAPLE_ERR_BIT_STRING = 10, /* bad unused-bits octet, padding (11.2) */
	STAPLE_ERR_OID = 11, /* empty or non-minimal OID (8.19.2) */
	STAPLE_ERR_TIME = 12, /* GeneralizedTime/UTCTime malformed */
	STAPLE_ERR_TRAILING_DATA = 13, /* bytes left after the last element */
	STAPLE_ERR_SET_ORDER = 14, /* SET OF not in DER order (11.6) */
	STAPLE_ERR_ENCODED_DEFAULT = 15, /* DEFAULT value encoded (11.5) */
	STAPLE_ERR_EMPTY = 16, /* empty where SIZE (1..MAX) applies */
	STAPLE_ERR_RESPONSE_STATUS = 17, /* responseStatus value not defined */
	STAPLE_ERR_RESPONSE_TYPE = 18, /* responseType not id-pkix-ocsp-basic */
	STAPLE_ERR_VERSION = 19, /* not ResponseData v1 / cert v1..v3 */
	STAPLE_ERR_REASON = 20, /* CRLReason value not defined */
	STAPLE_ERR_MISSING = 21, /* successful status, no responseBytes */
	STAPLE_ERR_UNEXPECTED = 22, /* responseBytes with an error status */
	STAPLE_ERR_DUPLICATE_EXTENSION = 23, /* extnID twice (RFC 5280 4.2) */
	STAPLE_ERR_LIMIT = 24, /* not returned by this version */
	STAPLE_ERR_RANGE = 25, /* index beyond the last SingleResponse */

	/* Certificates (staple_cert_decode) and algorithms. */
	STAPLE_ERR_KEY = 26, /* public key malformed for its type */
	STAPLE_ERR_ALGORITHM_MISMATCH = 27, /* cert's two sig algs differ */
	STAPLE_ERR_ALGORITHM_PARAMS = 28, /* bad signature alg parameters */

	/* Verdicts of staple_verify(), in the order it checks. */
	STAPLE_ERR_NOT_SUCCESSFUL = 29, /* responseStatus not successful */
	STAPLE_ERR_SIGNER_NOT_FOUND = 30, /* responderID names no known cert */
	STAPLE_ERR_RESPONDER_CERT = 31, /* a cert in certs is malformed */
	STAPLE_ERR_UNSUPPORTED_ALGORITHM = 32, /* provider cannot check this */
	STAPLE_ERR_KEY_MISMATCH = 33, /* algorithm does not fit the key */
	STAPLE_ERR_SIGNATURE = 34, /* signature over the response bad */
	STAPLE_ERR_RESPONDER_ISSUER = 35, /* delegated cert not by the issuer */
	STAPLE_ERR_RESPONDER_EKU = 36, /* delegated cert lacks OCSPSigning */
	STAPLE_ERR_RESPONDER_NOT_YET_VALID = 37, /* delegated cert notBefore */
	STAPLE_ERR_RESPONDER_EXPIRED = 38, /* delegated cert notAfter passed */
	STAPLE_ERR_RESPONDER_CRITICAL = 39, /* delegated: unknown critical */
	STAPLE_ERR_CERTID_HASH = 40, /* CertID hash cannot be computed */
	STAPLE_ERR_CERTID_SERIAL = 41, /* no entry for the leaf's serial */
	STAPLE_ERR_CERTID_NAME_HASH = 42, /* entry's issuerNameHash differs */
	STAPLE_ERR_CERTID_KEY_HASH = 43, /* entry's issuerKeyHash differs */
	STAPLE_ERR_CRITICAL_EXTENSION = 44, /* unknown critical extension */
	STAPLE_ERR_NOT_YET_VALID = 45, /* thisUpdate after now + skew */
	STAPLE_ERR_EXPIRED = 46, /* nextUpdate before now - skew */

	/* The caller was built with other limits than the library. */
	STAPLE_ERR_ABI = 47, /* see THE DECODED STRUCT'S LAYOUT below */

	/* Iterators (EXTENSIONS below): not a failure, nothing is left. */
	STAPLE_ERR_END = 48, /* the iterator has no more elements */
	STAPLE_ERR_STRING = 49, /* a character outside its string type */

	STAPLE_ERR_COUNT_ = 50 /* not an error: the number of codes */
};

/* One line of English for an error code; never NULL. */
STAPLE_API const char *staple_strerror(int err);

/* The code's name without its prefix ("TRUNCATED"); never NULL. */
STAPLE_API const char *staple_errname(int err);

/* A run of bytes inside the caller's input.  {NULL, 0} when absent. */
struct staple_slice {
	const uint8_t *p;
	size_t n;
};

/* OCSPResponseStatus (RFC 6960 4.2.1); the values are the wire values. */
enum staple_response_status {
	STAPLE_RESPONSE_NONE = -1, /* nothing decoded (output of a failure) */
	STAPLE_RESPONSE_SUCCESSFUL = 0,
	STAPLE_RESPONSE_MALFORMED_REQUEST = 1,
	STAPLE_RESPONSE_INTERNAL_ERROR = 2,
	STAPLE_RESPONSE_TRY_LATER = 3,
	STAPLE_RESPONSE_SIG_REQUIRED = 5,
	STAPLE_RESPONSE_UNAUTHORIZED = 6
};

/* "successful", "malformed_request", ... "unauthorized"; "" for others. */
STAPLE_API const char *staple_response_status_name(int status);

/* k6's status names.  Zero is UNKNOWN so a zeroed struct is never "good". */
enum staple_ocsp_status {
	STAPLE_OCSP_STATUS_UNKNOWN = 0,
	STAPLE_OCSP_STATUS_GOOD = 1,
	STAPLE_OCSP_STATUS_REVOKED = 2,
	STAPLE_OCSP_STATUS_SERVER_FAILED = 3
};

/* "good", "revoked", "unknown", "server_failed"; "" for others. */
STAPLE_API const char *staple_ocsp_status_name(int status);

/* CRLReason (RFC 5280 5.3.1); the values are the wire values (7 unused). */
enum staple_ocsp_reason {
	STAPLE_OCSP_REASON_NONE = -1, /* no reason: k6's "" */
	STAPLE_OCSP_REASON_UNSPECIFIED = 0,
	STAPLE_OCSP_REASON_KEY_COMPROMISE = 1,
	STAPLE_OCSP_REASON_CA_COMPROMISE = 2,
	STAPLE_OCSP_REASON_AFFILIATION_CHANGED = 3,
	STAPLE_OCSP_REASON_SUPERSEDED = 4,
	STAPLE_OCSP_REASON_CESSATION_OF_OPERATION = 5,
	STAPLE_OCSP_REASON_CERTIFICATE_HOLD = 6,
	STAPLE_OCSP_REASON_REMOVE_FROM_CRL = 8,
	STAPLE_OCSP_REASON_PRIVILEGE_WITHDRAWN = 9,
	STAPLE_OCSP_REASON_AA_COMPROMISE = 10
};

/* "unspecified", "key_compromise", ... "aa_compromise"; "" for NONE. */
STAPLE_API const char *staple_ocsp_reason_name(int reason);

/* CertID hash algorithms staple knows by OID. */
enum staple_hash {
	STAPLE_HASH_OTHER = 0, /* another OID: see staple_single.hash_oid */
	STAPLE_HASH_SHA1 = 1,
	STAPLE_HASH_SHA224 = 2,
	STAPLE_HASH_SHA256 = 3,
	STAPLE_HASH_SHA384 = 4,
	STAPLE_HASH_SHA512 = 5
};

/* "sha1" ... "sha512"; "" for STAPLE_HASH_OTHER. */
STAPLE_API const char *staple_hash_name(int hash);

/*
 * The usual name of a signature algorithm OID (the contents octets of the
 * OBJECT IDENTIFIER), as OpenSSL spells it: "sha256WithRSAEncryption",
 * "ecdsa-with-SHA256", "ED25519", ...  "" when staple does not know it.
 */
STAPLE_API const char *staple_sigalg_name(struct staple_slice oid);

/* The ResponderID CHOICE (RFC 6960 4.2.1); values are the context tags. */
enum staple_responder {
	STAPLE_RESPONDER_NONE = 0,
	STAPLE_RESPONDER_BY_NAME = 1,
	STAPLE_RESPONDER_BY_KEY = 2
};

/* Bits of staple_response.leniencies: see LENIENCIES above. */
#define STAPLE_LENIENT_EXPLICIT_VERSION 0x1u
#define STAPLE_LENIENT_EMPTY_EXTENSIONS 0x2u
#define STAPLE_LENIENT_NAMED_BITS 0x4u /* certificates only */

/*
 * SingleResponse ::= SEQUENCE {
 *    certID            CertID,
 *    certStatus        CertStatus,
 *    thisUpdate        GeneralizedTime,
 *    nextUpdate    [0] EXPLICIT GeneralizedTime OPTIONAL,
 *    singleExtensions [1] EXPLICIT Extensions OPTIONAL }
 */
struct staple_single {
	enum staple_hash hash;          /* CertID.hashAlgorithm, if known */
	struct staple_slice hash_oid;   /* its OID contents octets */
	struct staple_slice issuer_name_hash; /* OCTET STRING contents */
	struct staple_slice issuer_key_hash;  /* OCTET STRING contents */
	struct staple_slice serial;     /* INTEGER contents, as encoded */
	enum staple_ocsp_status cert_status;  /* GOOD, REVOKED or UNKNOWN */
	enum staple_ocsp_reason reason; /* as encoded; NONE when absent */
	int64_t revoked_at;             /* ms; 0 unless revoked */
	int64_t this_update;            /* ms */
	int64_t next_update;            /* ms; 0 when has_next_update is 0 */
	int has_next_update;
	struct staple_slice extensions; /* contents of singleExtensions */
};

/*
 * OCSPResponse ::= SEQUENCE {
 *    responseStatus  OCSPResponseStatus,
 *    responseBytes   [0] EXPLICIT ResponseBytes OPTIONAL }
 *
 * BasicOCSPResponse ::= SEQUENCE {
 *    tbsResponseData    ResponseData,
 *    signatureAlgorithm AlgorithmIdentifier,
 *    signature          BIT STRING,
 *    certs          [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL }
 *
 * ResponseData ::= SEQUENCE {
 *    version            [0] EXPLICIT Version DEFAULT v1,
 *    responderID        ResponderID,
 *    producedAt         GeneralizedTime,
 *    responses          SEQUENCE OF SingleResponse,
 *    responseExtensions [1] EXPLICIT Extensions OPTIONAL }
 *
 * When status is not STAPLE_RESPONSE_SUCCESSFUL, only status is set.
 *
 * The two arrays come last, after every field whose place does not depend
 * on the limits (see THE DECODED STRUCT'S LAYOUT).
 */
struct staple_response {
	enum staple_response_status status;
	unsigned leniencies;              /* STAPLE_LENIENT_* bits seen */
	size_t error_offset;              /* see staple_error_offset() */

	struct staple_slice tbs;          /* whole ResponseData TLV: signed */
	int version;                      /* 1 for v1, the only one */
	enum staple_responder responder;  /* which ResponderID choice */
	struct staple_slice responder_id; /* byName: the Name TLV;
	                                     byKey: the KeyHash contents */
	int64_t produced_at;              /* ms */
	struct staple_slice responses;    /* contents of `responses` */
	size_t n_single;                  /* every SingleResponse */
	struct staple_slice extensions;   /* contents of responseExtensions */
	struct staple_slice nonce;        /* id-pkix-ocsp-nonce extnValue
	                                     contents, when present */
	size_t unknown_critical;          /* critical extensions staple does
	                                     not understand, response and
	                                     single; a verifier must refuse */

	struct staple_slice sig_oid;      /* signatureAlgorithm OID contents */
	struct staple_slice sig_params;   /* its parameters TLV, if any */
	struct staple_slice signature;    /* BIT STRING bytes (no unused-bits
	                                     octet; whole octets only) */
	struct staple_slice cert_list;    /* contents of the SEQUENCE OF
	                                     Certificate in certs */
	size_t n_certs;                   /* every Certificate */

	struct staple_single single[STAPLE_MAX_SINGLE]; /* the first ones */
	struct staple_slice certs[STAPLE_MAX_CERTS];    /* the first ones:
	                                                   Certificate TLVs */
};

/*
 * THE DECODED STRUCT'S LAYOUT
 *
 *   STAPLE_MAX_SINGLE and STAPLE_MAX_CERTS size the arrays of struct
 *   staple_response, so a program compiled with other values than the
 *   library has a struct of another size and layout.  staple_decode() is
 *   a macro that passes the library what the caller's compiler saw: the
 *   version of this layout, sizeof(struct staple_response) and the two
 *   limits.  When any of them differs from the library's own, nothing is
 *   decoded and the call returns STAPLE_ERR_ABI, having written only the
 *   fields before single[], which sit at the same place in every layout
 *   (status NONE, so every other function then refuses the struct with
 *   STAPLE_ERR_ARGUMENT).  The library never writes or reads outside the
 *   caller's struct.  To change the limits, build the library and every
 *   program using it with the same -D flags (make STAPLE_DEFS=...; the
 *   installed staple.pc carries them).
 *
 *   The function named staple_decode (for a caller that does not see
 *   this header: another language, dlsym) assumes the library's own
 *   layout.
 */
#define STAPLE_ABI_VERSION 1

/*
 * Decode the OCSPResponse in der[0..len) into *out.
 *
 * Returns STAPLE_OK or a STAPLE_ERR_* code.  On failure *out is reset (see
 * OUTPUTS ON FAILURE) except error_offset, which tells where decoding
 * stopped.  The input must be exactly one OCSPResponse: a trailing byte is
 * STAPLE_ERR_TRAILING_DATA.  STAPLE_ERR_ABI when the caller was compiled
 * with other limits (see above).  Uses a bounded amount of stack and no
 * recursion; reads each input byte a small constant number of times,
 * except that each extension's extnID is compared with those before it
 * in its list (duplicates are an error).
 */
STAPLE_API int staple_decode(struct staple_response *out, const uint8_t *der,
                             size_t len);
#define staple_decode(out, der, len)                                         \
	staple_decode_abi((out), (der), (len), STAPLE_ABI_VERSION,           \
	                  sizeof(struct staple_response), STAPLE_MAX_SINGLE, \
	                  STAPLE_MAX_CERTS)

/* What the staple_decode() macro calls. */
STAPLE_API int staple_decode_abi(struct staple_response *out,
                                 const uint8_t *der, size_t len,
                                 unsigned abi_version, size_t out_size,
                                 size_t max_single, size_t max_certs);

/*
 * Where decoding stopped, as a byte offset into the input of the last
 * staple_decode() on r: the first byte (tag) of the element found wrong,
 * the first trailing byte, or where a missing element was expected (the
 * end of its container).  When that place is the end of the input, the
 * offset of the last byte is given instead, so the offset is always less
 * than the input length unless the input was empty.  0 after a success.
 */
STAPLE_API size_t staple_error_offset(const struct staple_response *r);

/*
 * Copy SingleResponse number index (0-based) of a successfully decoded
 * response into *out.  Works for every index below r->n_single, also past
 * STAPLE_MAX_SINGLE (those are re-read from the input).  Returns STAPLE_OK,
 * STAPLE_ERR_RANGE when index >= n_single, or STAPLE_ERR_ARGUMENT.
 */
STAPLE_API int staple_single_at(const struct staple_response *r, size_t index,
                                struct staple_single *out);

/*
 * Certificate number index (0-based) of r->certs, as its whole TLV, into
 * *out.  Works for every index below r->n_certs, also past
 * STAPLE_MAX_CERTS (those are found again in cert_list).  Returns
 * STAPLE_OK, STAPLE_ERR_RANGE when index >= n_certs, or
 * STAPLE_ERR_ARGUMENT; *out is {NULL, 0} on failure.
 */
STAPLE_API int staple_cert_at(const struct staple_response *r, size_t index,
                              struct staple_slice *out);

/* k6's res.ocsp object.  See THE K6 VIEW above for every rule. */
struct staple_ocsp {
	enum staple_ocsp_status status;
	enum staple_ocsp_reason revocation_reason;
	int64_t produced_at;
	int64_t this_update;
	int64_t next_update;
	int64_t revoked_at;
};

/*
 * Fill *out from SingleResponse number index of r.  Returns STAPLE_OK,
 * STAPLE_ERR_RANGE when a successful response has no such entry (also
 * when it has no entry at all), or STAPLE_ERR_ARGUMENT when r holds no
 * decoded response.  For a non-successful response the index is ignored
 * and the status is server_failed.
 */
STAPLE_API int staple_ocsp_view(const struct staple_response *r, size_t index,
                                struct staple_ocsp *out);

/* ==================================================================== */
/*
 * CERTIFICATES
 *
 * staple_cert_decode() reads an X.509 certificate (RFC 5280 4.1) with the
 * same strict DER readers and the same error codes and offsets as
 * staple_decode(), keeping only what verification needs.  Like the decoder
 * it allocates nothing: every slice points into the caller's buffer.  It
 * does not check the certificate's signature or build a path; that is
 * staple_verify()'s job for delegated responders and the TLS stack's for
 * the chain.
 *
 * Extensions understood: basicConstraints, keyUsage, extKeyUsage, the TLS
 * Feature (RFC 7633), id-pkix-ocsp-nocheck, and, as known but not
 * interpreted, the subject and authority key identifiers, subjectAltName,
 * certificatePolicies, CRL distribution points and authority information
 * access.
 * Any other critical extension is counted in unknown_critical.
 */

/* Public key types staple knows; UNKNOWN keeps the SPKI for a provider. */
enum staple_key_type {
	STAPLE_KEY_UNKNOWN = 0,
	STAPLE_KEY_RSA = 1,     /* rsaEncryption or id-RSASSA-PSS (RFC 4055) */
	STAPLE_KEY_EC = 2,      /* id-ecPublicKey on a named curve (RFC 5480) */
	STAPLE_KEY_ED25519 = 3, /* RFC 8410 */
	STAPLE_KEY_ED448 = 4
};

/* Named curves of EC keys; NONE for another curve or a non-EC key. */
enum staple_curve {
	STAPLE_CURVE_NONE = 0,
	STAPLE_CURVE_P256 = 1,
	STAPLE_CURVE_P384 = 2,
	STAPLE_CURVE_P521 = 3
};

/*
 * SubjectPublicKeyInfo ::= SEQUENCE {
 *    algorithm         AlgorithmIdentifier,
 *    subjectPublicKey  BIT STRING }
 *
 * RSA keys are also split into modulus and exponent (RSAPublicKey, RFC
 * 8017 A.1.1), EC points are checked to be uncompressed and of the curve's
 * size, Ed25519/Ed448 keys to be 32/57 octets.  Parameters: NULL or absent
 * for rsaEncryption (RFC 3279 2.3.1), absent or valid RSASSA-PSS-params
 * for id-RSASSA-PSS (RFC 4055 1.2), a named curve OID for EC (RFC 5480
 * 2.1.1), none for EdDSA (RFC 8410 3); anything else is STAPLE_ERR_KEY, so
 * that no two readers of the same key disagree on it.
 */
struct staple_pubkey {
	enum staple_key_type type;
	enum staple_curve curve;   /* EC only */
	struct staple_slice spki;  /* the whole SubjectPublicKeyInfo TLV */
	struct staple_slice bits;  /* subjectPublicKey without the unused-bits
	                              octet: what CertID's issuerKeyHash and a
	                              byKey ResponderID hash (RFC 6960 4.1.1) */
	struct staple_slice n;     /* RSA modulus, no leading zero octet */
	struct staple_slice e;     /* RSA public exponent, likewise */
	int pss_only;              /* an id-RSASSA-PSS key: RSASSA-PSS
	                              signatures only (RFC 4055 1.2) */
};

/* Bits of staple_cert.flags. */
#define STAPLE_CERT_CA 0x01u          /* basicConstraints cA TRUE */
#define STAPLE_CERT_KEY_USAGE 0x02u   /* keyUsage present: see key_usage */
#define STAPLE_CERT_EKU 0x04u         /* extKeyUsage present */
#define STAPLE_CERT_OCSP_SIGNING 0x08u /* extKeyUsage has id-kp-OCSPSigning */
#define STAPLE_CERT_MUST_STAPLE 0x10u /* TLS Feature lists status_request */
#define STAPLE_CERT_OCSP_NOCHECK 0x20u /* id-pkix-ocsp-nocheck (RFC 6960
                                        4.2.2.2.1): a responder not to
                                        check for revocation */

/* KeyUsage bits (RFC 5280 4.2.1.3) as in staple_cert.key_usage. */
#define STAPLE_KU_DIGITAL_SIGNATURE 0x001u
#define STAPLE_KU_KEY_CERT_SIGN 0x020u
#define STAPLE_KU_CRL_SIGN 0x040u

/*
 * Certificate ::= SEQUENCE {
 *    tbsCertificate       TBSCertificate,
 *    signatureAlgorithm   AlgorithmIdentifier,
 *    signatureValue       BIT STRING }
 */
struct staple_cert {
	size_t error_offset;            /* where decoding stopped; same
	                                   rule as staple_error_offset() */
	struct staple_slice tbs;        /* TBSCertificate TLV: what is signed */
	int version;                    /* 1, 2 or 3 */
	struct staple_slice serial;     /* INTEGER contents, as encoded */
	struct staple_slice issuer;     /* Name TLV */
	struct staple_slice subject;    /* Name TLV */
	int64_t not_before;             /* ms */
	int64_t not_after;              /* ms */
	struct staple_pubkey key;
	struct staple_slice extensions; /* contents of Extensions, if any */
	unsigned flags;                 /* STAPLE_CERT_* */
	unsigned leniencies;            /* STAPLE_LENIENT_NAMED_BITS */
	unsigned key_usage;             /* STAPLE_KU_* bits when present */
	size_t unknown_critical;        /* critical extensions not understood */
	struct staple_slice sig_oid;    /* signatureAlgorithm OID contents */
	struct staple_slice sig_params; /* its parameters TLV, if any */
	struct staple_slice signature;  /* signatureValue octets */
};

/*
 * Decode the certificate in der[0..len) into *out.  Returns STAPLE_OK or a
 * STAPLE_ERR_* code; on failure *out is zeroed except error_offset.
 * Besides the DER rules of staple_decode(): version must be v1..v3 with
 * v1 not encoded (STAPLE_ERR_VERSION, STAPLE_ERR_ENCODED_DEFAULT),
 * extensions only in v3, the inner and outer signature algorithms equal
 * (STAPLE_ERR_ALGORITHM_MISMATCH), a known key well-formed (STAPLE_ERR_KEY).
 * Validity may be UTCTime or GeneralizedTime.
 */
STAPLE_API int staple_cert_decode(struct staple_cert *out, const uint8_t *der,
                                  size_t len);

/* ==================================================================== */
/*
 * SIGNATURE ALGORITHMS
 */

enum staple_sig_scheme {
	STAPLE_SIG_UNKNOWN = 0,
	STAPLE_SIG_RSA_PKCS1 = 1, /* RSASSA-PKCS1-v1_5 (RFC 8017 8.2) */
	STAPLE_SIG_RSA_PSS = 2,   /* RSASSA-PSS with MGF1 (RFC 8017 8.1, 4055) */
	STAPLE_SIG_ECDSA = 3,     /* DER Ecdsa-Sig-Value (RFC 5758 3.2) */
	STAPLE_SIG_ED25519 = 4,   /* RFC 8410 */
	STAPLE_SIG_ED448 = 5
};

/* A signature algorithm, parameters included, as a provider needs it. */
struct staple_sigalg {
	enum staple_sig_scheme scheme;
	enum staple_hash hash;      /* message digest; OTHER for EdDSA */
	enum staple_hash mgf1_hash; /* PSS only */
	unsigned salt_len;          /* PSS only, octets */
};

/*
 * Read an AlgorithmIdentifier's OID contents and parameters TLV (as in
 * staple_response.sig_oid/sig_params) into *out.  PKCS#1 v1.5 needs NULL
 * or absent parameters, ECDSA and EdDSA absent ones; RSASSA-PSS-params
 * (RFC 4055 3.1) are read strictly, with hashAlgorithm and MGF1's hash
 * among SHA-1/SHA-2 and trailerField 1.  Returns STAPLE_OK,
 * STAPLE_ERR_UNSUPPORTED_ALGORITHM for an OID staple does not know (or
 * MD2/MD5, DSA) or STAPLE_ERR_ALGORITHM_PARAMS.
 */
STAPLE_API int staple_sigalg_parse(struct staple_slice oid, struct staple_slice params,
                                   struct staple_sigalg *out);

/* Digest size in octets of a staple_hash: 20, 28, 32, 48, 64; 0 else. */
STAPLE_API size_t staple_hash_size(int hash);

#define STAPLE_HASH_MAX_SIZE 64

/* ==================================================================== */
/*
 * CRYPTO PROVIDER
 *
 * core/ has no crypto of its own: the verifier calls a provider through
 * this const vtable.  staple ships two, in backends/: BearSSL
 * (staple_crypto_bearssl) and OpenSSL (staple_crypto_openssl).  A firmware
 * author may write one around a hardware engine.  Functions must be
 * reentrant; the verifier calls them with its arguments only.
 */
struct staple_crypto {
	const char *name;
	/*
	 * Digest data[0..len) with alg into out, which has room for
	 * STAPLE_HASH_MAX_SIZE octets.  Returns the digest size, or 0 when
	 * the provider does not have alg.
	 */
	size_t (*hash)(enum staple_hash alg, const uint8_t *data, size_t len,
	               uint8_t *out);
	/*
	 * Check signature sig[0..sig_len) over msg[0..msg_len) (the message
	 * itself, not its digest) with key.  The verifier has already checked
	 * that alg->scheme fits key->type.  Returns STAPLE_OK,
	 * STAPLE_ERR_SIGNATURE when it does not verify (including a malformed
	 * signature or a key the math rejects),
	 * STAPLE_ERR_UNSUPPORTED_ALGORITHM when the provider cannot check this
	 * scheme, hash, curve or key size: never a "bad signature" for that,
	 * or STAPLE_ERR_KEY_MISMATCH when called with a key that does not fit
	 * the scheme anyway.  The verifier reports any other value as
	 * STAPLE_ERR_SIGNATURE.
	 */
	int (*verify)(const struct staple_sigalg *alg,
	              const struct staple_pubkey *key, const uint8_t *msg,
	              size_t msg_len, const uint8_t *sig, size_t sig_len);
};

/* ==================================================================== */
/*
 * VERIFICATION
 *
 * staple_verify() checks a decoded response the way RFC 6960 3.2 and 4.2.2.2
 * ask, in this order, and returns the first failure as its verdict:
 *
 *   1. responseStatus is successful            STAPLE_ERR_NOT_SUCCESSFUL
 *   2. the signer: the issuer itself when responderID names it (byName:
 *      same Name DER as the issuer's subject; byKey: SHA-1 of its key),
 *      else the certificate in certs that responderID names
 *                                              STAPLE_ERR_SIGNER_NOT_FOUND,
 *                                              STAPLE_ERR_RESPONDER_CERT
 *      byKey, no SHA-1 in the provider         STAPLE_ERR_UNSUPPORTED_ALGORITHM
 *   3. signatureAlgorithm is known and fits the signer's key (an
 *      id-RSASSA-PSS key takes RSASSA-PSS only), and the
 *      signature over tbsResponseData verifies
 *                                              STAPLE_ERR_UNSUPPORTED_ALGORITHM,
 *                                              STAPLE_ERR_ALGORITHM_PARAMS,
 *                                              STAPLE_ERR_KEY_MISMATCH,
 *                                              STAPLE_ERR_SIGNATURE
 *   4. a delegated signer was issued by the issuer (its issuer Name equals
 *      the issuer's subject and the issuer's key verifies it), carries
 *      id-kp-OCSPSigning, is valid at now (within skew) and has no unknown
 *      critical extension
 *                                              STAPLE_ERR_RESPONDER_*
 *   5. a SingleResponse's CertID matches: hash of the issuer's subject
 *      Name DER, hash of the issuer's key bits, and the leaf's serial (not
 *      checked when no leaf is given).  Every hash algorithm the provider
 *      has is tried.  When several entries match, the most severe one is
 *      chosen: revoked, then unknown, then good (the first of equals), so
 *      a response cannot hide a revocation behind an earlier "good".
 *      When none matches, the verdict names how far the closest entry
 *      got: CERTID_HASH (cannot hash) < CERTID_SERIAL < CERTID_NAME_HASH
 *      < CERTID_KEY_HASH.
 *   6. no unknown critical extension anywhere in the response
 *                                              STAPLE_ERR_CRITICAL_EXTENSION
 *   7. the matched entry's thisUpdate <= now + skew  STAPLE_ERR_NOT_YET_VALID
 *      and, when present, now - skew <= nextUpdate   STAPLE_ERR_EXPIRED
 *      (an entry without nextUpdate does not expire: RFC 6960 4.2.2.1)
 *
 * A good, revoked or unknown certStatus all verify: the verdict says the
 * answer is authentic and current, staple_ocsp_view(r, result.index)
 * says what the answer is.  producedAt is not compared with now.
 */

enum staple_signer {
	STAPLE_SIGNER_NONE = 0,
	STAPLE_SIGNER_ISSUER = 1,    /* the issuer signed the response itself */
	STAPLE_SIGNER_DELEGATED = 2  /* a responder certificate from certs */
};

/* "issuer", "delegated"; "" for NONE. */
STAPLE_API const char *staple_signer_name(int signer);

/* How far verification got; reset on entry, filled as checks pass. */
struct staple_verify_result {
	enum staple_signer signer; /* set once step 2 finds it */
	size_t signer_cert;        /* index into r->certs when DELEGATED */
	int matched;               /* 1 once step 5 finds the entry */
	size_t index;              /* that entry: give it to staple_ocsp_view */
	int must_staple;           /* the leaf has the TLS Feature
	                              status_request (RFC 7633) */
};

/*
 * Verify *r, decoded by staple_decode(), against the certificate's issuer
 * and, optionally, the certificate itself (leaf may be NULL: then CertIDs
 * are matched on the issuer only, and of the entries that match the most
 * severe is chosen, as in step 5).
 * now_ms is the time to check against, skew_ms (>= 0) the clock skew
 * allowed both ways.  Returns STAPLE_OK or the verdict (see above);
 * STAPLE_ERR_ARGUMENT for a NULL r, crypto, issuer or out, an r that
 * staple_decode() did not fill, a skew_ms outside 0..2^48, or a now_ms
 * outside -2^48..2^48 (about 8900 years either side of 1970: every sum
 * of the two stays far inside int64_t).  Uses no heap; its stack holds
 * one decoded certificate, one SingleResponse and the digests.  *out
 * describes the checks that passed, also on failure.
 */
STAPLE_API int staple_verify(const struct staple_response *r,
                             const struct staple_crypto *crypto,
                             const struct staple_cert *issuer,
                             const struct staple_cert *leaf, int64_t now_ms,
                             int64_t skew_ms, struct staple_verify_result *out);

/* ==================================================================== */
/*
 * THE CHECK: ONE VERDICT PER STAPLE
 *
 * staple_verify() says whether an answer is authentic and current;
 * staple_check() says whether it is the answer a client wants -- k6's
 * `r.ocsp.status === http.OCSP_STATUS_GOOD` -- and how soon that stops
 * being true, as one of the four states of the Nagios plugin guidelines
 * with one reason.  The rules, first match wins:
 *
 *   CRITICAL  no staple, when the policy requires one or the leaf is
 *             must-staple (RFC 7633)       NO_STAPLE, MUST_STAPLE_MISSING
 *             responseStatus not successful          RESPONSE_STATUS
 *             a successful response without an entry  NO_ENTRY
 *             staple_verify() returned EXPIRED or NOT_YET_VALID
 *                                                    EXPIRED, NOT_YET_VALID
 *             staple_verify() returned another failure VERIFY_FAILED
 *             the entry is revoked                   REVOKED
 *             the entry's certStatus is unknown       CERT_UNKNOWN
 *             now - skew > nextUpdate                 EXPIRED
 *             thisUpdate > now + skew                 NOT_YET_VALID
 *             nextUpdate - now <= critical_ms         EXPIRES_SOON
 *   WARNING   nextUpdate - now <= warn_ms             EXPIRES_SOON
 *             no nextUpdate (RFC 6960 4.2.2.1: newer information is
 *             always available, so it never goes stale)  NO_NEXT_UPDATE
 *             not verified (no issuer to verify against)  NOT_VERIFIED
 *   OK        good, fresh, verified                   GOOD
 *             no staple, none required                NO_STAPLE
 *
 * The entry is the one staple_verify() matched; without a verification
 * (or when it matched none) the most severe of all entries -- revoked,
 * then unknown, then good, the first of equals -- so that no earlier
 * "good" entry hides a revocation.  UNKNOWN (the target could not be
 * checked: unreadable, malformed, unreachable) is the caller's to give:
 * staple_check() never returns it for a decoded response.
 */

enum staple_check_status {
	STAPLE_CHECK_OK = 0,
	STAPLE_CHECK_WARNING = 1,
	STAPLE_CHECK_CRITICAL = 2,
	STAPLE_CHECK_UNKNOWN = 3
};

enum staple_check_reason {
	STAPLE_CHECK_GOOD = 0,
	STAPLE_CHECK_EXPIRES_SOON = 1,
	STAPLE_CHECK_NO_NEXT_UPDATE = 2,
	STAPLE_CHECK_NOT_VERIFIED = 3,
	STAPLE_CHECK_NO_STAPLE = 4,
	STAPLE_CHECK_MUST_STAPLE_MISSING = 5,
	STAPLE_CHECK_RESPONSE_STATUS = 6,
	STAPLE_CHECK_NO_ENTRY = 7,
	STAPLE_CHECK_EXPIRED = 8,
	STAPLE_CHECK_NOT_YET_VALID = 9,
	STAPLE_CHECK_VERIFY_FAILED = 10,
	STAPLE_CHECK_REVOKED = 11,
	STAPLE_CHECK_CERT_UNKNOWN = 12
};

/* "ok", "warning", "critical", "unknown"; "" for another value. */
STAPLE_API const char *staple_check_status_name(int status);

/* "good", "expires_soon", ... as the enum spells them, lower case; "" for
 * another value. */
STAPLE_API const char *staple_check_reason_name(int reason);

/* The thresholds; the defaults are what `staple check` uses. */
struct staple_check_policy {
	int64_t now_ms;       /* the time to judge at */
	int64_t skew_ms;      /* clock skew allowed both ways */
	int64_t warn_ms;      /* WARNING when nextUpdate is this close */
	int64_t critical_ms;  /* CRITICAL when it is this close */
	int require_staple;   /* no staple is CRITICAL */
	int must_staple;      /* the leaf asks for a staple (RFC 7633):
	                         no staple is CRITICAL */
};

#define STAPLE_CHECK_SKEW_MS INT64_C(300000)          /* 5 minutes */
#define STAPLE_CHECK_WARN_MS INT64_C(172800000)       /* 2 days */
#define STAPLE_CHECK_CRITICAL_MS INT64_C(43200000)    /* 12 hours */

struct staple_check_result {
	enum staple_check_status status;
	enum staple_check_reason reason;
	int verdict;            /* the verify verdict given, or STAPLE_OK */
	int has_entry;          /* index is set */
	size_t index;           /* the entry judged (staple_ocsp_view) */
	int has_next_update;
	int64_t next_update_in; /* nextUpdate - now, in ms; may be < 0 */
};

/*
 * Judge r (decoded by staple_decode(), or NULL when the server sent no
 * staple) against policy *p.  verified is NULL when r was not verified;
 * otherwise verdict is what staple_verify() returned for r and *verified
 * its result.  Returns STAPLE_OK with *out filled, or STAPLE_ERR_ARGUMENT
 * for a NULL p or out, an r staple_decode() did not fill, a skew_ms,
 * warn_ms or critical_ms outside 0..2^48 or a now_ms outside
 * -2^48..2^48 (as staple_verify()); *out is then zeroed with status
 * UNKNOWN.  Allocates nothing, calls no crypto.
 */
STAPLE_API int staple_check(const struct staple_response *r, int verdict,
                            const struct staple_verify_result *verified,
                            const struct staple_check_policy *p,
                            struct staple_check_result *out);

/* ==================================================================== */
/*
 * EXTENSIONS
 *
 * staple_decode() keeps each Extensions list as a slice
 * (staple_response.extensions, staple_single.extensions; staple_cert_decode()
 * likewise staple_cert.extensions) and checks only that each extension is
 * well-formed and not repeated.  The functions below read those lists
 * further, for a program that wants to show or act on them: an iterator
 * over the entries, and one decoder for the extnValue of each extension
 * RFC 6960, RFC 5280 and RFC 6962 define for OCSP.  Like the decoder they
 * allocate nothing, read DER strictly (see STRICTNESS; no leniency is
 * accepted here), borrow every slice from the caller's buffer, reset
 * their outputs on entry and use no recursion.  staple_decode() calls none
 * of them.
 *
 *   struct staple_ext_iter it;
 *   struct staple_ext ext;
 *   int err;
 *   staple_ext_iter_init(&it, r.extensions, STAPLE_EXT_IN_RESPONSE);
 *   while ((err = staple_ext_next(&it, &ext)) == STAPLE_OK)
 *       printf("%s%s\n", staple_ext_kind_name(ext.kind),
 *              ext.critical ? " (critical)" : "");
 *   if (err != STAPLE_ERR_END)
 *       ... a malformed list: it.rest.p is where it stopped ...
 */

/* The extensions staple knows by OID. */
enum staple_ext_kind {
	STAPLE_EXT_UNKNOWN = 0,
	STAPLE_EXT_NONCE = 1,                /* id-pkix-ocsp-nonce, 6960 4.4.1 */
	STAPLE_EXT_CRL_ID = 2,               /* id-pkix-ocsp-crl, 4.4.2 */
	STAPLE_EXT_ACCEPTABLE_RESPONSES = 3, /* id-pkix-ocsp-response, 4.4.3 */
	STAPLE_EXT_ARCHIVE_CUTOFF = 4,       /* id-pkix-ocsp-archive-cutoff,
	                                        4.4.4 */
	STAPLE_EXT_SERVICE_LOCATOR = 5,      /* id-pkix-ocsp-service-locator,
	                                        4.4.6 */
	STAPLE_EXT_EXTENDED_REVOKE = 6,      /* id-pkix-ocsp-extended-revoke,
	                                        4.4.8: its presence says it all */
	STAPLE_EXT_INVALIDITY_DATE = 7,      /* 2.5.29.24, RFC 5280 5.3.2 */
	STAPLE_EXT_SCT_LIST = 8              /* 1.3.6.1.4.1.11129.2.4.5,
	                                        RFC 6962 3.3 */
};

/*
 * "nonce", "crl_id", "acceptable_responses", "archive_cutoff",
 * "service_locator", "extended_revoke", "invalidity_date", "sct_list";
 * "" for UNKNOWN and any other value.
 */
STAPLE_API const char *staple_ext_kind_name(int kind);

/* The kind of an extnID (OID contents octets); UNKNOWN when not known. */
STAPLE_API enum staple_ext_kind staple_ext_kind_of(struct staple_slice oid);

/*
 * Where a list comes from.  It decides staple_ext.understood, by the rule
 * the decoders count unknown_critical with: in responseExtensions
 * staple_decode() understands the nonce and extended revoke; in
 * singleExtensions none (an invalidity date is decoded here on request,
 * not acted upon); in a certificate, what staple_cert_decode() lists
 * under CERTIFICATES.
 */
enum staple_ext_place {
	STAPLE_EXT_IN_RESPONSE = 0, /* staple_response.extensions */
	STAPLE_EXT_IN_SINGLE = 1,   /* staple_single.extensions */
	STAPLE_EXT_IN_CERT = 2      /* staple_cert.extensions */
};

/*
 * Extension ::= SEQUENCE {
 *    extnID     OBJECT IDENTIFIER,
 *    critical   BOOLEAN DEFAULT FALSE,
 *    extnValue  OCTET STRING }
 */
struct staple_ext {
	struct staple_slice whole;  /* the Extension TLV */
	struct staple_slice oid;    /* extnID contents octets */
	int critical;               /* 1 when marked critical */
	struct staple_slice value;  /* extnValue: the OCTET STRING contents */
	enum staple_ext_kind kind;  /* by extnID */
	int understood;             /* 1 when the decoder acts on it here (see
	                               enum staple_ext_place); critical and
	                               not understood is what the decoders
	                               count in unknown_critical */
};

/* The rest of a list; fields are the iterator's, read-only for callers. */
struct staple_ext_iter {
	struct staple_slice list;   /* the whole contents, for duplicates */
	struct staple_slice rest;   /* not read yet; on failure, starts at
	                               the extension found wrong */
	enum staple_ext_place place;
};

/*
 * Start iterating over `list`, the contents of an Extensions SEQUENCE as
 * the decoders keep it ({NULL, 0} for an absent list: no entries), from
 * `place` (an enum staple_ext_place value).
 */
STAPLE_API void staple_ext_iter_init(struct staple_ext_iter *it,
                                     struct staple_slice list, int place);

/*
 * The next extension, in list order, into *out.  Returns STAPLE_OK,
 * STAPLE_ERR_END when none is left, STAPLE_ERR_ARGUMENT (NULL, or a place
 * not in enum staple_ext_place), or the error of a malformed Extension
 * (the codes of staple_decode()) or STAPLE_ERR_DUPLICATE_EXTENSION for an
 * extnID seen earlier in the list (RFC 5280 4.2).  On any failure *out is
 * zeroed and the iterator does not move, so calling again gives the same
 * answer.  A list staple_decode() or staple_cert_decode() accepted never
 * fails.  Quadratic in the number of entries, like the decoder's own
 * duplicate check.
 */
STAPLE_API int staple_ext_next(struct staple_ext_iter *it,
                               struct staple_ext *out);

/*
 * The typed decoders below each take the extnValue contents (staple_ext.value)
 * and read all of it: a byte left over is STAPLE_ERR_TRAILING_DATA.  They
 * return STAPLE_OK or a STAPLE_ERR_* code, with every output zeroed on
 * failure.  None checks the extnID: call the one staple_ext.kind names.
 */

/* How a nonce's extnValue was written. */
enum staple_nonce_form {
	STAPLE_NONCE_NONE = 0,
	STAPLE_NONCE_OCTET_STRING = 1, /* an OCTET STRING (RFC 8954 2.1) */
	STAPLE_NONCE_RAW = 2           /* the bytes themselves, as some
	                                  responders (and RFC 2560's examples)
	                                  write it */
};

/*
 * Nonce ::= OCTET STRING   (RFC 6960 4.4.1, RFC 8954: SIZE(1..32))
 *
 * When the extnValue is exactly one DER OCTET STRING, *nonce is its
 * contents and *form OCTET_STRING; otherwise *nonce is the whole extnValue
 * and *form RAW (then nothing is checked: such a nonce is opaque bytes).
 * An empty nonce either way is STAPLE_ERR_EMPTY.  The 32-octet bound of
 * RFC 8954 is not enforced: it is the requester's to check.
 */
STAPLE_API int staple_ext_nonce(struct staple_slice value,
                                struct staple_slice *nonce,
                                enum staple_nonce_form *form);

/*
 * CrlID ::= SEQUENCE {
 *    crlUrl    [0] EXPLICIT IA5String OPTIONAL,
 *    crlNum    [1] EXPLICIT INTEGER OPTIONAL,
 *    crlTime   [2] EXPLICIT GeneralizedTime OPTIONAL }   (RFC 6960 4.4.2)
 *
 * An IA5String octet above 0x7f is STAPLE_ERR_STRING.  All three absent
 * (an empty SEQUENCE) is allowed: the type permits it.
 */
struct staple_crl_id {
	int has_url;
	struct staple_slice url;    /* IA5String contents */
	int has_number;
	struct staple_slice number; /* INTEGER contents, minimal */
	int has_time;
	int64_t time;               /* ms */
};

STAPLE_API int staple_ext_crl_id(struct staple_slice value,
                                 struct staple_crl_id *out);

/*
 * ArchiveCutoff ::= GeneralizedTime           (RFC 6960 4.4.4)
 * InvalidityDate ::= GeneralizedTime          (RFC 5280 5.3.2)
 * *ms gets the time in milliseconds since the epoch.
 */
STAPLE_API int staple_ext_archive_cutoff(struct staple_slice value,
                                         int64_t *ms);
STAPLE_API int staple_ext_invalidity_date(struct staple_slice value,
                                          int64_t *ms);

/*
 * AcceptableResponses ::= SEQUENCE OF OBJECT IDENTIFIER   (RFC 6960 4.4.3)
 *
 * Checks every OID; *list gets the SEQUENCE's contents, *count the number
 * of OIDs (an empty SEQUENCE is allowed: the type has no SIZE).  Read
 * them with staple_ext_oid_next().
 */
STAPLE_API int staple_ext_acceptable_responses(struct staple_slice value,
                                               struct staple_slice *list,
                                               size_t *count);

/*
 * Read the next OBJECT IDENTIFIER of *cur (a list checked by
 * staple_ext_acceptable_responses()) into *oid, contents octets, and move
 * *cur past it.  Returns STAPLE_OK, STAPLE_ERR_END when *cur is empty, or
 * the error of a malformed OID (*cur does not move).
 */
STAPLE_API int staple_ext_oid_next(struct staple_slice *cur,
                                   struct staple_slice *oid);

/*
 * ServiceLocator ::= SEQUENCE {
 *    issuer    Name,
 *    locator   AuthorityInfoAccessSyntax }        (RFC 6960 4.4.6)
 * AuthorityInfoAccessSyntax ::= SEQUENCE SIZE (1..MAX) OF AccessDescription
 * AccessDescription ::= SEQUENCE {
 *    accessMethod    OBJECT IDENTIFIER,
 *    accessLocation  GeneralName }                (RFC 5280 4.2.2.1)
 *
 * The Name is checked as staple_decode() checks a responder's name; each
 * GeneralName as one DER element with a context tag (not parsed further).
 */
struct staple_service_locator {
	struct staple_slice issuer;  /* the Name TLV */
	struct staple_slice locator; /* the AuthorityInfoAccessSyntax TLV */
};

STAPLE_API int staple_ext_service_locator(struct staple_slice value,
                                          struct staple_service_locator *out);

/*
 * SignedCertificateTimestampList (RFC 6962 3.3), in TLS presentation
 * language (RFC 5246 4), all integers big-endian:
 *
 *   opaque SerializedSCT<1..2^16-1>;
 *   struct { SerializedSCT sct_list<1..2^16-1>; } SignedCertificateTimestampList;
 *
 *   struct {
 *       Version sct_version;               uint8, v1(0)
 *       LogID id;                          opaque key_id[32]
 *       uint64 timestamp;                  ms since the epoch
 *       CtExtensions extensions;           opaque <0..2^16-1>
 *       digitally-signed struct { ... };   uint8 hash, uint8 signature,
 *   } SignedCertificateTimestamp;          opaque signature<0..2^16-1>
 *
 * The OCSP extension's extnValue is an OCTET STRING holding the list.
 * staple_ext_sct_list() checks it whole: every length inside what
 * contains it, no byte left over at any level, no empty list or SCT; an
 * SCT of another version than v1 is checked as a SerializedSCT only
 * (its contents are not v1's) and yielded with its version and `whole`.
 * The signature is not verified: that needs the log's key.
 */
struct staple_sct {
	struct staple_slice whole;      /* the SerializedSCT contents */
	unsigned version;               /* 0 for v1; then the rest is set */
	struct staple_slice log_id;     /* 32 octets: SHA-256 of the log key */
	uint64_t timestamp;             /* ms since the epoch */
	struct staple_slice extensions; /* CtExtensions contents */
	unsigned hash_alg;              /* TLS HashAlgorithm (4 = sha256) */
	unsigned sig_alg;               /* TLS SignatureAlgorithm (3 = ecdsa) */
	struct staple_slice signature;  /* the signature octets */
};

/* The SCTs not read yet; read-only for callers. */
struct staple_sct_iter {
	struct staple_slice rest;
};

/*
 * Check the SCT list in `value` (an extnValue) and start *it at its
 * first SCT; *count (may be NULL) gets the number of SCTs.
 */
STAPLE_API int staple_ext_sct_list(struct staple_slice value,
                                   struct staple_sct_iter *it,
                                   size_t *count);

/*
 * The next SCT into *out.  Returns STAPLE_OK, STAPLE_ERR_END when none is
 * left, or, for an iterator not started by staple_ext_sct_list(), the
 * error of a malformed SCT (the iterator then does not move).
 */
STAPLE_API int staple_sct_next(struct staple_sct_iter *it,
                               struct staple_sct *out);

/*
 * Times.  Convert the contents octets of a GeneralizedTime
 * ("YYYYMMDDHHMMSS[.f+]Z") or of a UTCTime ("YYMMDDHHMMSSZ", YY >= 50 is
 * 19YY, else 20YY, as RFC 5280 4.1.2.5.1 says) to milliseconds since the
 * epoch.  Years 0000 to 9999 are accepted; leap years follow the Gregorian
 * calendar; a leap second (60) is rejected.  Returns STAPLE_OK or
 * STAPLE_ERR_TIME (*ms is then 0).  Integer arithmetic only.
 */
STAPLE_API int staple_time_generalized(const uint8_t *p, size_t n, int64_t *ms);
STAPLE_API int staple_time_utc(const uint8_t *p, size_t n, int64_t *ms);

#ifdef __cplusplus
}
#endif

#endif /* STAPLE_H */
