/*
 * abi_limits.c -- a program built with its own STAPLE_MAX_SINGLE and
 * STAPLE_MAX_CERTS (tests/abi.sh builds it three ways, against
 * libstaple.a and libstaple.so) decodes every file named on its command
 * line into a struct that ends exactly where a page ends, the next page
 * PROT_NONE.  A byte written or read past the caller's struct faults.
 *
 * With the library's limits every file decodes as it does into an
 * ordinary struct; with others every decode is STAPLE_ERR_ABI and the
 * functions that read a decoded response refuse the struct.  Prints one
 * summary line; exits 1 on any other outcome.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */

#include <staple.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* The caller's struct at the very end of a page, a guard page after. */
static struct staple_response *guarded(void)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t size = sizeof(struct staple_response);
	size_t span = (size + page - 1) / page * page;
	unsigned char *m = mmap(NULL, span + page, PROT_READ | PROT_WRITE,
	                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (m == MAP_FAILED || mprotect(m + span, page, PROT_NONE) != 0) {
		perror("abi_limits: mmap");
		exit(2);
	}
	return (struct staple_response *)(void *)(m + span - size);
}

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (f == NULL)
		return NULL;
	do {
		if (n == cap) {
			unsigned char *grown = realloc(buf, cap = cap * 2 + 4096);
			if (grown == NULL)
				exit(2);
			buf = grown;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	fclose(f);
	*len = n;
	return buf;
}

/*
 * Every reader of a decoded response refuses r, decoded with another
 * layout (status NONE), without a fault.
 */
static int refused(const struct staple_response *r)
{
	static const struct staple_crypto none = {"none", NULL, NULL};
	struct staple_cert issuer;
	struct staple_ocsp ocsp;
	struct staple_single s;
	struct staple_slice cert;
	struct staple_verify_result res;

	memset(&issuer, 0, sizeof issuer);
	return r->status == STAPLE_RESPONSE_NONE &&
	       staple_error_offset(r) == 0 &&
	       staple_ocsp_view(r, 0, &ocsp) == STAPLE_ERR_ARGUMENT &&
	       staple_single_at(r, 0, &s) == STAPLE_ERR_ARGUMENT &&
	       staple_cert_at(r, 0, &cert) == STAPLE_ERR_ARGUMENT &&
	       staple_verify(r, &none, &issuer, NULL, 0, 0, &res) ==
	               STAPLE_ERR_ARGUMENT;
}

static int same_slice(struct staple_slice a, struct staple_slice b)
{
	return a.p == b.p && a.n == b.n;
}

/* r, in the guarded struct, reads as plain, an ordinary one, does. */
static int same(const struct staple_response *r,
                const struct staple_response *plain)
{
	struct staple_single a, b;
	struct staple_slice ca, cb;
	struct staple_ocsp va, vb;
	size_t i;

	if (r->status != plain->status || r->n_single != plain->n_single ||
	    r->n_certs != plain->n_certs ||
	    r->error_offset != plain->error_offset ||
	    r->produced_at != plain->produced_at ||
	    !same_slice(r->tbs, plain->tbs) ||
	    !same_slice(r->signature, plain->signature) ||
	    staple_ocsp_view(r, 0, &va) != staple_ocsp_view(plain, 0, &vb) ||
	    memcmp(&va, &vb, sizeof va) != 0)
		return 0;
	for (i = 0; i < r->n_single; i++)
		if (staple_single_at(r, i, &a) != STAPLE_OK ||
		    staple_single_at(plain, i, &b) != STAPLE_OK ||
		    !same_slice(a.serial, b.serial) ||
		    a.cert_status != b.cert_status ||
		    a.this_update != b.this_update)
			return 0;
	for (i = 0; i < r->n_certs; i++)
		if (staple_cert_at(r, i, &ca) != STAPLE_OK ||
		    staple_cert_at(plain, i, &cb) != STAPLE_OK ||
		    !same_slice(ca, cb))
			return 0;
	return 1;
}

int main(int argc, char **argv)
{
	/* "same": built with the library's limits, "other": not */
	int same_limits = argc > 1 && strcmp(argv[1], "same") == 0;
	struct staple_response *r = guarded(), plain;
	int i, bad = 0, decoded = 0, refused_n = 0, failed = 0;

	for (i = 2; i < argc; i++) {
		size_t len;
		unsigned char *der = slurp(argv[i], &len);
		int err, want;

		if (der == NULL) {
			perror(argv[i]);
			return 2;
		}
		err = staple_decode(r, der, len);
		if (!same_limits) {
			if (err != STAPLE_ERR_ABI || !refused(r)) {
				printf("%s: %s, want ABI\n", argv[i],
				       staple_errname(err));
				bad++;
			}
			refused_n++;
			free(der);
			continue;
		}
		want = staple_decode(&plain, der, len);
		if (err != want || !same(r, &plain)) {
			printf("%s: %s, an ordinary struct %s\n", argv[i],
			       staple_errname(err), staple_errname(want));
			bad++;
		}
		if (err == STAPLE_OK)
			decoded++;
		else
			failed++;
		free(der);
	}
	printf("abi_limits (MAX_SINGLE %d, MAX_CERTS %d, %zu B): %d files, "
	       "%d decoded, %d rejected as input, %d refused with ABI, "
	       "%d wrong\n",
	       STAPLE_MAX_SINGLE, STAPLE_MAX_CERTS,
	       sizeof(struct staple_response), argc - 2, decoded, failed,
	       refused_n, bad);
	return bad == 0 && argc > 2 ? 0 : 1;
}
