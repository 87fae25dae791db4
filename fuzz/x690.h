/*
 * x690.h -- X.690, re-derived for the harnesses: what staple's readers
 * must accept, written apart from core/der.c so that each checks the
 * other.
 */
#ifndef STAPLE_FUZZ_X690_H
#define STAPLE_FUZZ_X690_H

#include <stddef.h>
#include <stdint.h>

#include "staple.h"

/*
 * A TLV at the start of p[0..n).
 * fuzz_tlv_parse() returns STAPLE_OK when p starts with an element staple
 * accepts (a one-byte tag other than end-of-contents, a definite length
 * in the fewest octets and at most four of them, contents that fit), else
 * the error that reading the header left to right meets first.
 */
struct fuzz_tlv {
	uint8_t tag;
	size_t hdr; /* identifier and length octets */
	size_t len; /* contents octets */
};
int fuzz_tlv_parse(const uint8_t *p, size_t n, struct fuzz_tlv *t);

/* 1 when c[0..n) are the contents of a DER OBJECT IDENTIFIER (8.19.2):
 * not empty, each sub-identifier minimal and terminated. */
int fuzz_oid_ok(const uint8_t *c, size_t n);

/* 1 when c holds the contents of a DER INTEGER (8.3.2): not empty, the
 * first nine bits neither all 0 nor all 1. */
int fuzz_integer_ok(struct staple_slice c);

#endif /* STAPLE_FUZZ_X690_H */
