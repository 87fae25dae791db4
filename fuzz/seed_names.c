/*
 * seed_names.c -- pull Names and OIDs out of DER files, for fuzz/seeds.sh.
 *
 *   seed_names OUTDIR FILE...
 *
 * Each FILE is an OCSPResponse or an X.509 Certificate in DER.  Writes
 * OUTDIR/name-N for every Name TLV found (a response's responderID
 * byName; a certificate's issuer and subject, also of the certificates a
 * response carries) and OUTDIR/oid-N for every OID's contents octets (the
 * signature algorithms, the CertID hash algorithms).  Not a fuzz harness:
 * a build step of the seed corpora, run by `make fuzz-seeds`.
 */
#include <stdio.h>
#include <stdlib.h>

#include "der.h"

static const char *outdir;
static unsigned long written;

static int put(const char *kind, struct staple_slice s)
{
	char path[4096];
	FILE *f;

	(void)snprintf(path, sizeof path, "%s/%s-%lu", outdir, kind, written++);
	f = fopen(path, "wb");
	if (f == NULL || fwrite(s.p, 1, s.n, f) != s.n || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
	return 0;
}

/* AlgorithmIdentifier: its OID. */
static void put_algorithm(struct staple_slice *cur)
{
	struct staple_slice seq, oid;

	if (staple_der_read(cur, STAPLE_TAG_SEQUENCE, &seq) == STAPLE_OK &&
	    staple_der_read_oid(&seq, &oid) == STAPLE_OK)
		(void)put("oid", oid);
}

/*
 * Certificate ::= SEQUENCE { tbsCertificate TBSCertificate, ... }
 * TBSCertificate ::= SEQUENCE { version [0] EXPLICIT OPTIONAL,
 *     serialNumber, signature AlgorithmIdentifier, issuer Name,
 *     validity, subject Name, ... }
 */
static int put_certificate(struct staple_slice der)
{
	struct staple_slice cert, tbs, skip, name;
	int present;

	if (staple_der_read(&der, STAPLE_TAG_SEQUENCE, &cert) != STAPLE_OK ||
	    staple_der_read(&cert, STAPLE_TAG_SEQUENCE, &tbs) != STAPLE_OK ||
	    staple_der_read_optional(&tbs, STAPLE_TAG_CONTEXT_CONS(0), &skip,
	                             &present) != STAPLE_OK ||
	    staple_der_read_integer(&tbs, &skip) != STAPLE_OK)
		return -1;
	put_algorithm(&tbs);
	if (staple_der_read_name(NULL, &tbs, &name) != STAPLE_OK)
		return -1;
	(void)put("name", name);
	if (staple_der_read(&tbs, STAPLE_TAG_SEQUENCE, &skip) != STAPLE_OK ||
	    staple_der_read_name(NULL, &tbs, &name) != STAPLE_OK)
		return -1;
	(void)put("name", name);
	return 0;
}

static int put_response(const uint8_t *p, size_t n)
{
	struct staple_response r;
	size_t i;

	if (staple_decode(&r, p, n) != STAPLE_OK)
		return -1;
	if (r.status != STAPLE_RESPONSE_SUCCESSFUL)
		return 0; /* nothing inside */
	if (r.responder == STAPLE_RESPONDER_BY_NAME)
		(void)put("name", r.responder_id);
	(void)put("oid", r.sig_oid);
	for (i = 0; i < r.n_single && i < STAPLE_MAX_SINGLE; i++)
		(void)put("oid", r.single[i].hash_oid);
	for (i = 0; i < r.n_certs && i < STAPLE_MAX_CERTS; i++)
		(void)put_certificate(r.certs[i]);
	return 0;
}

int main(int argc, char **argv)
{
	int i;

	if (argc < 2) {
		fputs("usage: seed_names OUTDIR FILE...\n", stderr);
		return 2;
	}
	outdir = argv[1];
	for (i = 2; i < argc; i++) {
		static uint8_t buf[1 << 20];
		struct staple_slice der;
		FILE *f = fopen(argv[i], "rb");
		size_t n;

		if (f == NULL) {
			perror(argv[i]);
			return 1;
		}
		n = fread(buf, 1, sizeof buf, f);
		fclose(f);
		der.p = buf;
		der.n = n;
		if (put_response(buf, n) != 0 && put_certificate(der) != 0)
			fprintf(stderr, "seed_names: %s: no response or "
			                "certificate\n",
			        argv[i]);
	}
	return 0;
}
