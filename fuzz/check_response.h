/*
 * check_response.h -- what staple.h promises about a decoded response,
 * checked by the harnesses that decode one.
 *
 * The checks are written from the headers (staple.h, der.h), not from the
 * code they check: where a check re-derives something, it does so its own
 * way.
 */
#ifndef STAPLE_FUZZ_CHECK_RESPONSE_H
#define STAPLE_FUZZ_CHECK_RESPONSE_H

#include "harness.h"

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

#endif /* STAPLE_FUZZ_CHECK_RESPONSE_H */
