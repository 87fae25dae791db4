/*
 * common.h -- invariant checks shared by the fuzz harnesses.
 *
 * A harness that only proves "it did not crash" proves little: each one
 * here also checks, after every call that succeeds, what the headers
 * promise about the result.  A broken promise is reported like a crash:
 * one line "fuzz: invariant violated: ..." on stderr, then abort(), so
 * libFuzzer saves the input and the replay driver stops on it.
 *
 * Nothing in here knows which engine runs the harness (libFuzzer, the
 * replay driver fuzz/driver.c, OSS-Fuzz) or which sanitizers are on: those
 * are the Makefile's business.
 */
#ifndef STAPLE_FUZZ_COMMON_H
#define STAPLE_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "staple.h"

#if defined(__GNUC__) || defined(__clang__)
#define FUZZ_NORETURN __attribute__((noreturn))
#define FUZZ_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define FUZZ_NORETURN
#define FUZZ_PRINTF(f, a)
#endif

/* The entry point libFuzzer calls; every harness defines it. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Print "fuzz: invariant violated: MESSAGE" to stderr and abort(). */
FUZZ_NORETURN void fuzz_fail(const char *fmt, ...) FUZZ_PRINTF(1, 2);

/* assert() that is never compiled out, and names the harness line. */
#define FUZZ_REQUIRE(cond)                                                  \
	((cond) ? (void)0                                                   \
	        : fuzz_fail("%s:%d: %s", __FILE__, __LINE__, #cond))

/* Offset of p from data, for messages and ordering checks. */
size_t fuzz_offset(const uint8_t *p, const uint8_t *data);

/*
 * 1 when s lies inside outer: {NULL, 0} always does; any other slice,
 * empty ones included, must start and end within outer's bytes.
 */
int fuzz_slice_within(struct staple_slice s, struct staple_slice outer);

/*
 * Abort unless s lies inside the input data[0..size): a NULL slice has
 * n == 0, a non-NULL one (even empty) starts and ends within the input.
 */
void fuzz_slice_inside(struct staple_slice s, const uint8_t *data,
                       size_t size);

/*
 * Everything staple.h promises about a response that staple_decode()
 * accepted from data[0..size): every slice of the struct and of each
 * entry staple_single_at() returns, for every index below n_single, lies
 * inside the input and in the order of the ASN.1; counts are sane; the
 * leniency bits match what is encoded; each entry's staple_ocsp_view()
 * succeeds and follows THE K6 VIEW rules; indexes past the end fail with
 * STAPLE_ERR_RANGE and reset their outputs.  And a second, simpler walk
 * of the DER finds every slice, count, status, reason and time the
 * decoder reported where and as it is encoded.  Aborts on a violation.
 */
void fuzz_check_response(const struct staple_response *r,
                         const uint8_t *data, size_t size);

/*
 * Abort unless r is in the state a failed staple_decode() leaves: status
 * NONE, nothing decoded, every slice {NULL, 0} (error_offset aside).
 */
void fuzz_check_reset(const struct staple_response *r);

/* 1 when a and b hold the same values, field by field (not padding). */
int fuzz_response_equal(const struct staple_response *a,
                        const struct staple_response *b);
int fuzz_single_equal(const struct staple_single *a,
                      const struct staple_single *b);

/*
 * Field by field (not padding): 1 when the two certificates or the two
 * algorithms hold the same values, slices compared by address.
 */
int fuzz_cert_equal(const struct staple_cert *a, const struct staple_cert *b);
int fuzz_sigalg_equal(const struct staple_sigalg *a,
                      const struct staple_sigalg *b);

/*
 * staple_sigalg_parse(oid, params, out) and what staple.h promises about
 * it: STAPLE_OK, UNSUPPORTED_ALGORITHM or ALGORITHM_PARAMS; a zeroed *out
 * on failure; on success a known scheme that fits the OID's arc, digests
 * of a known size (none for EdDSA), MGF1 and salt for RSASSA-PSS only
 * (salt at most 1024, the RFC 4055 defaults when params are absent) and
 * the parameters each scheme allows; the same answer twice.  Returns what
 * staple_sigalg_parse() returned; aborts on a violation.
 */
int fuzz_check_sigalg(struct staple_slice oid, struct staple_slice params,
                      struct staple_sigalg *out);

/*
 * Strict RFC 8259: s[0..n) is exactly one JSON value, optionally followed
 * by one "\n" and nothing else (no white space before or after).  Strings
 * are valid UTF-8 (RFC 3629) with every control character escaped and
 * \u surrogates paired; numbers follow the grammar; objects have no
 * duplicate member names.  Returns NULL when valid, else what is wrong,
 * with *at the offset where it was found.
 */
const char *fuzz_json_error(const char *s, size_t n, size_t *at);

/* Abort, printing the reason, the offset and the text, unless valid. */
void fuzz_json_valid(const char *s, size_t n);

/*
 * Text for people and logs: valid UTF-8 without control characters (C0,
 * DEL, C1), except "\n" when newlines is 1.  NULL when it is, else what
 * is wrong with *at where.
 */
const char *fuzz_text_error(const char *s, size_t n, int newlines,
                            size_t *at);

/* Abort unless fuzz_text_error() finds nothing. */
void fuzz_text_valid(const char *s, size_t n, int newlines);

/*
 * X.690, re-derived for the harnesses: a TLV at the start of p[0..n).
 * fuzz_tlv_parse() returns STAPLE_OK when p starts with an element staple
 * accepts (a one-byte tag other than end-of-contents, a definite length
 * in the fewest octets and at most four of them, contents that fit), else
 * the error that reading the header left to right meets first.
 */
struct fuzz_tlv {
	uint8_t tag;
	size_t hdr; /* identifier and length octets */
	size_t len; /* contents octets */
};
int fuzz_tlv_parse(const uint8_t *p, size_t n, struct fuzz_tlv *t);

/* 1 when c[0..n) are the contents of a DER OBJECT IDENTIFIER (8.19.2):
 * not empty, each sub-identifier minimal and terminated. */
int fuzz_oid_ok(const uint8_t *c, size_t n);

/*
 * Length of the strict UTF-8 sequence at s[0..n) (RFC 3629: no overlong
 * form, no surrogate, nothing above U+10FFFF), its code point in *cp; 0
 * when s does not start with one.
 */
size_t fuzz_utf8_decode(const uint8_t *s, size_t n, uint32_t *cp);

/* Lowest and highest milliseconds of a GeneralizedTime: years 0000-9999. */
#define FUZZ_MS_YEAR_0 (-INT64_C(62167219200000))     /* 0000-01-01 */
#define FUZZ_MS_YEAR_10000 INT64_C(253402300800000)   /* 10000-01-01 */

#endif /* STAPLE_FUZZ_COMMON_H */
