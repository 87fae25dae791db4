/*
 * fuzz_differential.c -- staple against OpenSSL on every input (see
 * differential.h).  Both decoders may reject an input, or one of them
 * may, for a reason listed in differential.c's rule table; anything else
 * is a bug on one side: a field that differs when both accept
 * (MISMATCH), or a one-sided acceptance no rule explains (UNEXPLAINED).
 * Then both decoders' views go to stderr and the harness aborts.
 */
#include "differential.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[512];
	const char *rule;
	int verdict = staple_diff(data, size, &rule, why, sizeof why);

	if (verdict == STAPLE_DIFF_MISMATCH ||
	    verdict == STAPLE_DIFF_UNEXPLAINED) {
		fprintf(stderr, "fuzz_differential: %s: %s\n",
		        staple_diff_verdict_name(verdict), why);
		staple_diff_dump(stderr, data, size);
		abort();
	}
	return 0;
}
