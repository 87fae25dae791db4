/*
 * harness.h -- what every fuzz harness shares: how a broken promise is
 * reported, and the checks on slices every decoder's outputs need.
 *
 * A harness that only proves "it did not crash" proves little: each one
 * also checks, after every call that succeeds, what the headers promise
 * about the result (check_response.h, check_cert.h, x690.h, and the text
 * and JSON checkers of text_check.h and json_check.h).  A broken promise
 * is reported like a crash: one line "fuzz: invariant violated: ..." on
 * stderr, then abort(), so libFuzzer saves the input and the replay
 * driver stops on it.
 *
 * Nothing in here knows which engine runs the harness (libFuzzer, the
 * replay driver fuzz/driver.c, OSS-Fuzz) or which sanitizers are on: those
 * are the Makefile's business.
 */
#ifndef STAPLE_FUZZ_HARNESS_H
#define STAPLE_FUZZ_HARNESS_H

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

/* 1 when a and b are the same slice: the same address and length. */
int fuzz_slice_same(struct staple_slice a, struct staple_slice b);

/*
 * 1 when s lies inside outer: {NULL, 0} always does; any other slice,
 * empty ones included, must start and end within outer's bytes.
 */
int fuzz_slice_within(struct staple_slice s, struct staple_slice outer);

/* Abort, naming what and offsets from data, unless s lies in outer. */
void fuzz_require_within(const char *what, struct staple_slice s,
                         struct staple_slice outer, const uint8_t *data);

/*
 * Abort unless s lies inside the input data[0..size): a NULL slice has
 * n == 0, a non-NULL one (even empty) starts and ends within the input.
 */
void fuzz_slice_inside(struct staple_slice s, const uint8_t *data,
                       size_t size);

/*
 * A decoder as fuzz_check_ends() calls it: decode p[0..n), set *offset to
 * where decoding stopped, abort unless a failure left the output reset,
 * and return the error.
 */
typedef int (*fuzz_decoder)(const uint8_t *p, size_t n, size_t *offset);

/*
 * For an input data[0..size) that decode accepts: the same bytes and one
 * more fail with STAPLE_ERR_TRAILING_DATA at that byte, and without their
 * last byte, in a buffer of that size, they fail before its end.
 */
void fuzz_check_ends(const uint8_t *data, size_t size, fuzz_decoder decode);

/* Abort, printing the reason, the offset and the text, unless
 * fuzz_text_error() (text_check.h) finds nothing. */
void fuzz_text_valid(const char *s, size_t n, int newlines);

/* Abort, printing the reason, the offset and the text, unless
 * fuzz_json_error() (json_check.h) finds nothing. */
void fuzz_json_valid(const char *s, size_t n);

/* Lowest and highest milliseconds of a GeneralizedTime: years 0000-9999. */
#define FUZZ_MS_YEAR_0 (-INT64_C(62167219200000))     /* 0000-01-01 */
#define FUZZ_MS_YEAR_10000 INT64_C(253402300800000)   /* 10000-01-01 */

#endif /* STAPLE_FUZZ_HARNESS_H */
