/*
 * x690.c -- X.690 for the harnesses (x690.h).
 */
#include "x690.h"

#include <string.h>

/* see x690.h */
int fuzz_tlv_parse(const uint8_t *p, size_t n, struct fuzz_tlv *t)
{
	uint64_t v = 0;
	size_t k, i;

	memset(t, 0, sizeof *t);
	if (n < 2)
		return STAPLE_ERR_TRUNCATED;
	if ((p[0] & 0x1fu) == 0x1fu) /* 8.1.2.4: more identifier octets */
		return STAPLE_ERR_TAG;
	if (p[0] == 0x00) /* 8.1.5: end-of-contents, never in DER */
		return STAPLE_ERR_TAG;
	t->tag = p[0];
	if ((p[1] & 0x80u) == 0) { /* 8.1.3.4: short form */
		t->hdr = 2;
		t->len = p[1];
	} else {
		k = p[1] & 0x7fu;
		if (k == 0) /* 10.1: definite form only */
			return STAPLE_ERR_INDEFINITE_LENGTH;
		if (k > 4)
			return STAPLE_ERR_LONG_LENGTH;
		if (n - 2 < k)
			return STAPLE_ERR_TRUNCATED;
		for (i = 0; i < k; i++)
			v = v * 256u + p[2 + i];
		/* 10.1: no leading zero octet; the long form for >= 128 */
		if (p[2] == 0 || v < 128)
			return STAPLE_ERR_NONMINIMAL_LENGTH;
		t->hdr = 2 + k;
		if (v > n - t->hdr)
			return STAPLE_ERR_TRUNCATED;
		t->len = (size_t)v;
	}
	if (t->len > n - t->hdr)
		return STAPLE_ERR_TRUNCATED;
	return STAPLE_OK;
}

/* see x690.h */
int fuzz_oid_ok(const uint8_t *c, size_t n)
{
	size_t i;

	if (n == 0 || (c[n - 1] & 0x80u) != 0)
		return 0;
	for (i = 0; i < n; i++)
		if (c[i] == 0x80 && (i == 0 || (c[i - 1] & 0x80u) == 0))
			return 0; /* a sub-identifier starting with 0x80 */
	return 1;
}

/* see x690.h */
int fuzz_integer_ok(struct staple_slice c)
{
	if (c.n == 0)
		return 0;
	if (c.n == 1)
		return 1;
	return !((c.p[0] == 0x00 && c.p[1] < 0x80) ||
	         (c.p[0] == 0xff && c.p[1] >= 0x80));
}
