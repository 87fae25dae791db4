/*
 * decoder.c -- a program that uses the decoder alone, linked against
 * libstaple-decoder.a by tests/decoder.sh: it proves that archive holds
 * every file staple_decode(), staple_single_at(), staple_ocsp_view() and
 * staple_strerror() need.
 *
 * Usage: decoder FILE  (one DER OCSPResponse)
 * Prints the status of every SingleResponse, or the error and its offset;
 * exits 0 when the file decodes.
 */
#include "staple.h"

#include <stdio.h>

static unsigned char der[1 << 16];

int main(int argc, char **argv)
{
	struct staple_response r;
	struct staple_single single;
	struct staple_ocsp ocsp;
	FILE *f;
	size_t n, i;
	int err;

	if (argc != 2 || (f = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: decoder FILE\n");
		return 2;
	}
	n = fread(der, 1, sizeof der, f);
	fclose(f);
	err = staple_decode(&r, der, n);
	if (err != STAPLE_OK) {
		printf("%s at byte %zu\n", staple_strerror(err),
		       staple_error_offset(&r));
		return 1;
	}
	for (i = 0; i < r.n_single; i++) {
		if (staple_single_at(&r, i, &single) != STAPLE_OK ||
		    staple_ocsp_view(&r, i, &ocsp) != STAPLE_OK)
			return 1;
		printf("%zu: %s\n", i, staple_ocsp_status_name(ocsp.status));
	}
	return 0;
}
