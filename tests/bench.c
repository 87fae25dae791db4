/*
 * bench.c -- `make bench`: decoding a stapled response with staple and
 * with OpenSSL, on the same bytes, in one process and one run.
 *
 * The corpus is the generator's (tests/fixtures): a Let's-Encrypt-like
 * ECDSA P-256 response by key, RSA-2048 by name with a delegated
 * responder certificate, a revoked one with a reason, 20 SingleResponses,
 * and tryLater.  One operation reads what k6's res.ocsp shows:
 *
 *   staple   staple_decode() then staple_ocsp_view() of entry 0;
 *   OpenSSL  d2i_OCSP_RESPONSE(), OCSP_response_status(),
 *            OCSP_response_get1_basic(), OCSP_resp_get0(),
 *            OCSP_single_get0_status() and OCSP_resp_get0_produced_at(),
 *            the times turned into seconds (ASN1_TIME_to_tm), and
 *            everything freed.
 *
 * Per file it prints ns per operation for each and their ratio, and heap
 * allocations per operation, counted by interposing malloc, calloc and
 * realloc (glibc's __libc_* do the work).  `make bench` also runs one
 * operation per file and library under callgrind for instructions
 * (bench_staple_once / bench_openssl_once are the functions counted).
 * Numbers only: nothing here can fail on speed.
 *
 *   build/bench                 the table
 *   build/bench N FILE LIB      N operations of LIB (staple, openssl)
 *   build/bench files           the number of corpus files
 */
#include "staple.h"
#include "tool.h"

#include <openssl/ocsp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const corpus[] = {
	"le-like-p256", "rsa2048-by-name-delegated", "revoked-key-compromise",
	"multi-20-entries", "try-later",
};

#define N_CORPUS (sizeof corpus / sizeof corpus[0])

/* ---- counting allocations ------------------------------------------------ */

void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t k);
void *__libc_realloc(void *p, size_t n);

static unsigned long allocations;

void *malloc(size_t n)
{
	allocations++;
	return __libc_malloc(n);
}

void *calloc(size_t n, size_t k)
{
	allocations++;
	return __libc_calloc(n, k);
}

void *realloc(void *p, size_t n)
{
	allocations++;
	return __libc_realloc(p, n);
}

/* ---- one operation of each ---------------------------------------------- */

/* What an operation hands back, so the work cannot be optimised away. */
static volatile long long sink;

int bench_staple_once(const uint8_t *der, size_t len);
int bench_staple_once(const uint8_t *der, size_t len)
{
	struct staple_response r;
	struct staple_ocsp o;

	if (staple_decode(&r, der, len) != STAPLE_OK)
		return -1;
	if (staple_ocsp_view(&r, 0, &o) != STAPLE_OK)
		return -1;
	sink += (long long)o.status + o.produced_at + o.this_update +
	        o.next_update + o.revoked_at + (long long)o.revocation_reason;
	return 0;
}

static long long seconds_of(const ASN1_GENERALIZEDTIME *t)
{
	struct tm tm;
	long long y, m, days;

	if (t == NULL || !ASN1_TIME_to_tm(t, &tm))
		return 0;
	/* days from civil, as staple does it: no timegm() */
	y = tm.tm_year + 1900LL;
	m = tm.tm_mon + 1;
	y -= m <= 2;
	days = (y >= 0 ? y : y - 399) / 400 * 146097 +
	       (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + tm.tm_mday - 1 +
	       ((y % 400 + 400) % 400) * 365 + ((y % 400 + 400) % 400) / 4 -
	       ((y % 400 + 400) % 400) / 100 - 719468;
	return days * 86400 + tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
}

int bench_openssl_once(const uint8_t *der, size_t len);
int bench_openssl_once(const uint8_t *der, size_t len)
{
	const unsigned char *p = der;
	OCSP_RESPONSE *resp = d2i_OCSP_RESPONSE(NULL, &p, (long)len);
	OCSP_BASICRESP *basic;
	OCSP_SINGLERESP *single;
	ASN1_GENERALIZEDTIME *rev = NULL, *this_upd = NULL, *next_upd = NULL;
	int reason = -1, status;

	if (resp == NULL)
		return -1;
	status = OCSP_response_status(resp);
	if (status != OCSP_RESPONSE_STATUS_SUCCESSFUL) {
		sink += status;
		OCSP_RESPONSE_free(resp);
		return 0;
	}
	basic = OCSP_response_get1_basic(resp);
	single = basic != NULL ? OCSP_resp_get0(basic, 0) : NULL;
	if (single == NULL) {
		OCSP_BASICRESP_free(basic);
		OCSP_RESPONSE_free(resp);
		return -1;
	}
	status = OCSP_single_get0_status(single, &reason, &rev, &this_upd,
	                                 &next_upd);
	sink += status + reason + seconds_of(rev) + seconds_of(this_upd) +
	        seconds_of(next_upd) +
	        seconds_of(OCSP_resp_get0_produced_at(basic));
	OCSP_BASICRESP_free(basic);
	OCSP_RESPONSE_free(resp);
	return 0;
}

/* ---- the table ------------------------------------------------------------ */

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

typedef int (*op_fn)(const uint8_t *der, size_t len);

/* ns per operation over about 0.2 s, and allocations per operation. */
static int measure(op_fn op, const uint8_t *der, size_t len, double *ns,
                   unsigned long *allocs)
{
	unsigned long rounds = 1, i;
	double t0, t;

	/* the first call may set up library state once: count the second */
	if (op(der, len) != 0)
		return -1;
	allocations = 0;
	(void)op(der, len);
	*allocs = allocations;
	for (;;) {
		t0 = now_ns();
		for (i = 0; i < rounds; i++)
			(void)op(der, len);
		t = now_ns() - t0;
		if (t > 2e8 || rounds > (1ul << 30))
			break;
		rounds *= t < 1e6 ? 16 : 2;
	}
	*ns = t / (double)rounds;
	return 0;
}

static int load(size_t i, struct staple_input *in)
{
	struct staple_problem pb;
	char path[512];
	const char *dir = getenv("STAPLE_FIXTURES");

	snprintf(path, sizeof path, "%s/%s.der", dir != NULL ? dir
	                                                      : "tests/fixtures",
	         corpus[i]);
	if (staple_input_load(in, path, &pb) != 0) {
		fprintf(stderr, "bench: %s: %s\n", path, pb.message);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct staple_input in;
	size_t i;

	if (argc == 2 && strcmp(argv[1], "files") == 0) {
		printf("%zu\n", N_CORPUS);
		return 0;
	}
	if (argc == 4) { /* N operations, for callgrind */
		unsigned long n = strtoul(argv[1], NULL, 10), k;
		op_fn op = strcmp(argv[3], "openssl") == 0 ? bench_openssl_once
		                                           : bench_staple_once;
		i = strtoul(argv[2], NULL, 10);
		if (i >= N_CORPUS || load(i, &in) != 0)
			return 1;
		for (k = 0; k < n; k++)
			if (op(in.der.p, in.der.n) != 0)
				return 1;
		printf("%s %s\n", corpus[i], argv[3]);
		staple_input_free(&in);
		return 0;
	}
	printf("%-26s %6s %11s %11s %7s %7s %7s\n", "file", "bytes",
	       "staple ns", "OpenSSL ns", "ratio", "allocs", "OpenSSL");
	for (i = 0; i < N_CORPUS; i++) {
		double ns_s, ns_o;
		unsigned long a_s, a_o;

		if (load(i, &in) != 0)
			return 1;
		if (measure(bench_staple_once, in.der.p, in.der.n, &ns_s, &a_s) ||
		    measure(bench_openssl_once, in.der.p, in.der.n, &ns_o,
		            &a_o)) {
			fprintf(stderr, "bench: %s does not decode\n", corpus[i]);
			return 1;
		}
		printf("%-26s %6zu %11.0f %11.0f %6.1fx %7lu %7lu\n",
		       corpus[i], in.der.n, ns_s, ns_o, ns_o / ns_s, a_s, a_o);
		staple_input_free(&in);
	}
	return 0;
}
