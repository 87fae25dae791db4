/*
 * bench.c -- `make bench`: decoding a stapled response with staple, with
 * OpenSSL and, when built with STAPLE_BENCH_GNUTLS, with GnuTLS, on the
 * same bytes, in one process and one run.
 *
 * The corpus is the generator's (tests/fixtures): a Let's-Encrypt-like
 * ECDSA P-256 response by key, RSA-2048 by name with a delegated
 * responder certificate, a revoked one with a reason, 20 SingleResponses,
 * and tryLater.  One operation reads what k6's res.ocsp shows:
 *
 *   staple   staple_decode() then staple_ocsp_view() of entry 0;
 *   decode   staple_decode() alone, what the design's budgets are on;
 *   OpenSSL  d2i_OCSP_RESPONSE(), OCSP_response_status(),
 *            OCSP_response_get1_basic(), OCSP_resp_get0(),
 *            OCSP_single_get0_status() and OCSP_resp_get0_produced_at(),
 *            the times turned into seconds (ASN1_TIME_to_tm), and
 *            everything freed;
 *   GnuTLS   gnutls_ocsp_resp_init(), gnutls_ocsp_resp_import() of the
 *            DER, gnutls_ocsp_resp_get_status(),
 *            gnutls_ocsp_resp_get_produced() and
 *            gnutls_ocsp_resp_get_single() of entry 0 (status, this and
 *            next update, revocation time and reason; the times come as
 *            seconds), then gnutls_ocsp_resp_deinit().
 * For a response that is not successful (tryLater) OpenSSL and GnuTLS
 * stop after the response status: there is nothing more to read.
 *
 * First the size of the struct staple fills, then per file ns per
 * operation for each library, OpenSSL's over staple's
 * (the ratio), and heap allocations per operation, counted by interposing
 * malloc, calloc and realloc (glibc's __libc_* do the work; GnuTLS's
 * gnutls_malloc and libtasn1 come through them too).  `make bench` also
 * runs operations per file and library under callgrind for instructions
 * (bench_staple_once, bench_decode_once, bench_openssl_once and
 * bench_gnutls_once are the functions counted).  Any operation failing
 * on a corpus file is an error.  Numbers only: nothing here can fail on
 * speed.
 *
 *   build/bench                 the table
 *   build/bench N FILE LIB      N operations of LIB on corpus file FILE
 *                               (0-based), LIB one of `build/bench libs`
 *   build/bench files           the number of corpus files
 *   build/bench libs            the LIBs built in: staple decode openssl,
 *                               and gnutls with STAPLE_BENCH_GNUTLS
 */
#include "staple.h"
#include "tool.h"

#include <limits.h>
#include <openssl/ocsp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef STAPLE_BENCH_GNUTLS
#include <gnutls/gnutls.h>
#include <gnutls/ocsp.h>
#endif

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

int bench_decode_once(const uint8_t *der, size_t len);
int bench_decode_once(const uint8_t *der, size_t len)
{
	struct staple_response r;

	if (staple_decode(&r, der, len) != STAPLE_OK)
		return -1;
	sink += (long long)r.status + r.produced_at + (long long)r.n_single;
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

#ifdef STAPLE_BENCH_GNUTLS
int bench_gnutls_once(const uint8_t *der, size_t len);
int bench_gnutls_once(const uint8_t *der, size_t len)
{
	gnutls_ocsp_resp_t resp;
	gnutls_datum_t d;
	unsigned cert_status, reason;
	time_t produced, this_upd, next_upd, rev;
	int status, ret = -1;

	if (len > UINT_MAX || gnutls_ocsp_resp_init(&resp) < 0)
		return -1;
	/* the datum is not const, but import only reads it */
	d.data = (unsigned char *)der;
	d.size = (unsigned)len;
	if (gnutls_ocsp_resp_import(resp, &d) < 0)
		goto out;
	status = gnutls_ocsp_resp_get_status(resp);
	if (status < 0)
		goto out;
	if (status != GNUTLS_OCSP_RESP_SUCCESSFUL) {
		sink += status;
		ret = 0;
		goto out;
	}
	/* (time_t)-1 is how it says producedAt could not be read */
	produced = gnutls_ocsp_resp_get_produced(resp);
	if (produced == (time_t)-1)
		goto out;
	/* NULL for the CertID: OpenSSL's operation does not read it either */
	if (gnutls_ocsp_resp_get_single(resp, 0, NULL, NULL, NULL, NULL,
	                                &cert_status, &this_upd, &next_upd,
	                                &rev, &reason) < 0)
		goto out;
	sink += (long long)cert_status + reason + produced + this_upd +
	        next_upd + rev;
	ret = 0;
out:
	gnutls_ocsp_resp_deinit(resp);
	return ret;
}
#endif

/* ---- the table ------------------------------------------------------------ */

typedef int (*op_fn)(const uint8_t *der, size_t len);

/* The operations, in the table's column order; name is LIB's. */
static const struct lib {
	const char *name;  /* for `build/bench N FILE LIB` */
	const char *title; /* the table's column */
	op_fn op;
	int allocs;        /* has an allocations column */
} libs[] = {
	{ "staple", "staple", bench_staple_once, 1 },
	/* part of the staple operation: its allocations are in staple's */
	{ "decode", "decode", bench_decode_once, 0 },
	{ "openssl", "OpenSSL", bench_openssl_once, 1 },
#ifdef STAPLE_BENCH_GNUTLS
	{ "gnutls", "GnuTLS", bench_gnutls_once, 1 },
#endif
};

#define N_LIBS (sizeof libs / sizeof libs[0])

/* The ratio column: OpenSSL's ns over staple's. */
#define LIB_STAPLE 0
#define LIB_OPENSSL 2

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

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

/* Two header lines: what is counted over the columns, then whose. */
static void header(void)
{
	size_t k;

	printf("sizeof(struct staple_response): %zu bytes\n",
	       sizeof(struct staple_response));
	printf("%33s %-*s %7s  %s\n", "", (int)N_LIBS * 8 - 1,
	       "ns per operation", "", "allocations per operation");
	printf("%-26s %6s", "file", "bytes");
	for (k = 0; k < N_LIBS; k++)
		printf(" %7s", libs[k].title);
	printf(" %7s", "ratio");
	for (k = 0; k < N_LIBS; k++)
		if (libs[k].allocs)
			printf(" %7s", libs[k].title);
	printf("\n");
}

int main(int argc, char **argv)
{
	struct staple_input in;
	size_t i, k;

	if (argc == 2 && strcmp(argv[1], "files") == 0) {
		printf("%zu\n", N_CORPUS);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "libs") == 0) {
		for (k = 0; k < N_LIBS; k++)
			printf("%s%s", k > 0 ? " " : "", libs[k].name);
		printf("\n");
		return 0;
	}
#ifdef STAPLE_BENCH_GNUTLS
	/*
	 * GnuTLS sets itself up in a library constructor unless told not
	 * to; either way this does it once, outside every count.
	 */
	if (gnutls_global_init() < 0) {
		fprintf(stderr, "bench: gnutls_global_init failed\n");
		return 1;
	}
#endif
	if (argc == 4) { /* N operations, for callgrind */
		unsigned long n = strtoul(argv[1], NULL, 10), j;

		for (k = 0; k < N_LIBS; k++)
			if (strcmp(argv[3], libs[k].name) == 0)
				break;
		if (k == N_LIBS) {
			fprintf(stderr, "bench: no LIB %s in this build\n",
			        argv[3]);
			return 1;
		}
		i = strtoul(argv[2], NULL, 10);
		if (i >= N_CORPUS || load(i, &in) != 0)
			return 1;
		for (j = 0; j < n; j++)
			if (libs[k].op(in.der.p, in.der.n) != 0) {
				fprintf(stderr, "bench: %s fails on %s\n",
				        argv[3], corpus[i]);
				return 1;
			}
		printf("%s %s\n", corpus[i], argv[3]);
		staple_input_free(&in);
		return 0;
	}
	header();
	for (i = 0; i < N_CORPUS; i++) {
		double ns[N_LIBS];
		unsigned long a[N_LIBS];

		if (load(i, &in) != 0)
			return 1;
		for (k = 0; k < N_LIBS; k++)
			if (measure(libs[k].op, in.der.p, in.der.n, &ns[k],
			            &a[k]) != 0) {
				fprintf(stderr, "bench: %s fails on %s\n",
				        libs[k].title, corpus[i]);
				return 1;
			}
		printf("%-26s %6zu", corpus[i], in.der.n);
		for (k = 0; k < N_LIBS; k++)
			printf(" %7.0f", ns[k]);
		printf(" %6.1fx", ns[LIB_OPENSSL] / ns[LIB_STAPLE]);
		for (k = 0; k < N_LIBS; k++)
			if (libs[k].allocs)
				printf(" %7lu", a[k]);
		printf("\n");
		staple_input_free(&in);
	}
	return 0;
}
