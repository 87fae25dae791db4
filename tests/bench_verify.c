/*
 * bench_verify.c -- what a staple_verify() costs, per signature algorithm
 * and crypto provider: `make bench-verify`.
 *
 * For each fixture below (tests/fixtures/verify, all verifying "ok" at
 * 2025-01-02) it decodes the response and the certificates once, then
 * times decode + verify over enough rounds to take about 0.2 s, and prints
 * nanoseconds per operation.  `make bench-verify` also runs each case
 * and provider under callgrind, when valgrind is there, with 1 and with 3
 * rounds: half the difference is the instructions of one verify.
 *
 *   build/bench_verify [ROUNDS [CASE [PROVIDER]]]
 *   build/bench_verify cases      (prints the number of cases)
 */
#include "backend.h"
#include "staple.h"
#include "tool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const cases[] = {
	"sig-ecdsa-p256-sha256", "sig-ecdsa-p384-sha384",
	"sig-ecdsa-p521-sha512", "sig-rsa-pkcs1-sha256",
	"sig-rsa-pss-sha256",    "sig-ed25519",
	"delegated-by-key",      "multi-6-leaf-sixth",
};

static const struct staple_crypto *const providers[] = {
	&staple_crypto_bearssl,
#ifdef STAPLE_HAVE_OPENSSL
	&staple_crypto_openssl,
#endif
};

struct loaded {
	struct staple_input response, issuer, leaf;
	struct staple_cert issuer_cert, leaf_cert;
};

static int load(const char *dir, const char *name, struct loaded *l)
{
	char path[4096];
	struct staple_problem pb;

	if (snprintf(path, sizeof path, "%s/%s.der", dir, name) >=
	            (int)sizeof path ||
	    staple_input_load(&l->response, path, &pb) != 0)
		return -1;
	if (snprintf(path, sizeof path, "%s/%s.issuer.pem", dir, name) >=
	            (int)sizeof path ||
	    staple_input_load_cert(&l->issuer, path, &pb) != 0)
		return -1;
	if (snprintf(path, sizeof path, "%s/%s.cert.pem", dir, name) >=
	            (int)sizeof path ||
	    staple_input_load_cert(&l->leaf, path, &pb) != 0)
		return -1;
	if (staple_cert_decode(&l->issuer_cert, l->issuer.der.p,
	                       l->issuer.der.n) != STAPLE_OK ||
	    staple_cert_decode(&l->leaf_cert, l->leaf.der.p, l->leaf.der.n) !=
	            STAPLE_OK)
		return -1;
	return 0;
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* One decode + verify; returns the verdict.  Not static: callgrind
 * counts the instructions inside it (--toggle-collect=bench_once). */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
int bench_once(const struct loaded *l, const struct staple_crypto *crypto);
int bench_once(const struct loaded *l, const struct staple_crypto *crypto)
{
	struct staple_response r;
	struct staple_verify_result res;
	int err = staple_decode(&r, l->response.der.p, l->response.der.n);

	if (err != STAPLE_OK)
		return err;
	return staple_verify(&r, crypto, &l->issuer_cert, &l->leaf_cert,
	                     1735776000000, 300000, &res);
}

int main(int argc, char **argv)
{
	const char *dir = getenv("STAPLE_FIXTURES");
	long rounds = argc > 1 ? atol(argv[1]) : 0;
	long only = argc > 2 ? atol(argv[2]) : -1;
	const char *provider = argc > 3 ? argv[3] : NULL;
	char vdir[4096];
	size_t c, p;

	if (argc > 1 && strcmp(argv[1], "cases") == 0) {
		printf("%zu\n", sizeof cases / sizeof cases[0]);
		return 0;
	}
	snprintf(vdir, sizeof vdir, "%s/verify",
	         dir != NULL ? dir : "tests/fixtures");
	if (only < 0)
		printf("%-24s %-8s %10s %8s  %s\n", "response", "provider",
		       "ns/verify", "rounds", "verdict");
	for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		struct loaded l;
		if (only >= 0 && (size_t)only != c)
			continue;
		memset(&l, 0, sizeof l);
		if (load(vdir, cases[c], &l) != 0) {
			fprintf(stderr, "bench_verify: cannot load %s/%s\n", vdir,
			        cases[c]);
			return 1;
		}
		for (p = 0; p < sizeof providers / sizeof providers[0]; p++) {
			long n = rounds, i;
			if (provider != NULL &&
			    strcmp(provider, providers[p]->name) != 0)
				continue;
			int verdict = bench_once(&l, providers[p]);
			double t0, t1;
			if (n <= 0) { /* calibrate to about 0.2 s */
				t0 = now_ns();
				for (n = 1; now_ns() - t0 < 2e7; n++)
					(void)bench_once(&l, providers[p]);
				n *= 10;
			}
			t0 = now_ns();
			for (i = 0; i < n; i++)
				(void)bench_once(&l, providers[p]);
			t1 = now_ns();
			printf("%-24s %-8s %10.0f %8ld  %s\n", cases[c],
			       providers[p]->name, (t1 - t0) / (double)n, n,
			       verdict == STAPLE_OK ? "ok"
			                            : staple_errname(verdict));
		}
		staple_input_free(&l.response);
		staple_input_free(&l.issuer);
		staple_input_free(&l.leaf);
	}
	return 0;
}
