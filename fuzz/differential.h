/*
 * differential.h -- staple against OpenSSL's OCSP decoder, as an oracle.
 *
 * staple_diff() decodes one input twice: with staple (staple_decode(), then
 * staple_single_at() for every SingleResponse) and with OpenSSL 3
 * (d2i_OCSP_RESPONSE(), OCSP_response_get1_basic() and the OCSP_*_get0
 * accessors).  It then says how the two relate:
 *
 *   BOTH_AGREE    both accept, and every field both expose is equal:
 *                 responseStatus; and for a successful response the
 *                 responder (kind and value), producedAt, the number of
 *                 SingleResponses and, for each, certStatus, CRLReason,
 *                 revocationTime, thisUpdate, nextUpdate (presence and
 *                 value, in milliseconds), the CertID hash OID, name hash,
 *                 key hash and serial number (INTEGER contents octets);
 *                 the signature algorithm OID, the signature bits, the
 *                 nonce and the number of certificates.
 *   BOTH_REJECT   neither accepts.
 *   ONLY_STAPLE_ACCEPTS, ONLY_OPENSSL_ACCEPTS
 *                 one side accepts, and the input matches a rule of the
 *                 table at the top of differential.c that explains why;
 *                 *rule is that rule's name.
 *   MISMATCH      both accept but a field differs: a bug on one side.
 *   UNEXPLAINED   one side accepts and no rule explains it: a bug on one
 *                 side, or a rule missing from the table.
 *
 * "OpenSSL accepts" means: d2i_OCSP_RESPONSE() consumed the whole input
 * and, when the status is successful, OCSP_response_get1_basic() read the
 * BasicOCSPResponse.  For an error status OpenSSL looks no further than
 * the status (it ignores any responseBytes), and so does the comparison.
 *
 * No state is kept between calls; every OpenSSL object is freed before a
 * call returns; OpenSSL's error queue is left empty.
 */
#ifndef STAPLE_DIFFERENTIAL_H
#define STAPLE_DIFFERENTIAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum staple_diff_verdict {
	STAPLE_DIFF_BOTH_AGREE = 0,
	STAPLE_DIFF_BOTH_REJECT,
	STAPLE_DIFF_ONLY_STAPLE_ACCEPTS,
	STAPLE_DIFF_ONLY_OPENSSL_ACCEPTS,
	STAPLE_DIFF_MISMATCH,
	STAPLE_DIFF_UNEXPLAINED
};

/* "both_agree", "both_reject", "only_staple_accepts", ... */
const char *staple_diff_verdict_name(int verdict);

/*
 * Classify der[0..len).  Returns a STAPLE_DIFF_* verdict.  *rule (when
 * rule is not NULL) is the name of the matching rule for the two ONLY_*
 * verdicts and NULL otherwise; it is a static string.  why[0..why_len)
 * (when why is not NULL and why_len > 0) receives one NUL-terminated line
 * for a person: the differing field for MISMATCH, both decoders' errors
 * for the one-sided and rejected verdicts, "" for BOTH_AGREE.
 */
int staple_diff(const uint8_t *der, size_t len, const char **rule,
                char *why, size_t why_len);

/*
 * Print what each decoder made of der[0..len) to f, field by field, so
 * that a MISMATCH or an UNEXPLAINED verdict can be read.
 */
void staple_diff_dump(FILE *f, const uint8_t *der, size_t len);

/*
 * The rule table, for tests that want one vector per rule: the number of
 * rules, and the name, side (STAPLE_DIFF_ONLY_STAPLE_ACCEPTS or
 * STAPLE_DIFF_ONLY_OPENSSL_ACCEPTS) and justification of rule i (NULL
 * and -1 past the end).
 */
size_t staple_diff_rule_count(void);
const char *staple_diff_rule_name(size_t i);
int staple_diff_rule_side(size_t i);
const char *staple_diff_rule_reason(size_t i);

#endif /* STAPLE_DIFFERENTIAL_H */
