/*
 * check_cert.h -- what staple.h promises about certificates and
 * signature algorithms, for the harnesses that decode them.
 */
#ifndef STAPLE_FUZZ_CHECK_CERT_H
#define STAPLE_FUZZ_CHECK_CERT_H

#include "harness.h"

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

#endif /* STAPLE_FUZZ_CHECK_CERT_H */
