/*
 * der_build.h -- DER for the tests, built from its parts with every
 * length computed, so that a vector states only what it breaks.
 *
 * Two pieces.  A template is hex with two additions: "T{ ... }" is the
 * element of identifier octet(s) T whose contents are what the braces
 * hold, its definite length in the fewest octets (X.690 10.1) written by
 * the builder; "@" marks a place, the byte offset a test expects an
 * error at.  Hex written out is used as it is, so a length a vector
 * breaks on purpose (81 01, 82 00 aa, 80) is spelled by hand.
 *
 * A tree is a valid element listed part by part in the order of its
 * encoding, each with its depth, the way `openssl asn1parse -i` prints
 * it: a part with contents is primitive; one without holds the parts
 * below it of greater depth.  der_build() encodes a tree with edits,
 * each naming the part it changes, and says where in the result the
 * change (or the "@" of its template) landed, or a part named with
 * AT().
 */
#ifndef STAPLE_TEST_DER_BUILD_H
#define STAPLE_TEST_DER_BUILD_H

#include <stddef.h>
#include <stdint.h>

struct der_part {
	const char *name; /* its ASN.1 name, unique in the tree */
	unsigned depth;   /* 0 for the outermost element */
	uint8_t tag;      /* identifier octet */
	const char *contents; /* a primitive's contents, hex; NULL: parts */
};

enum der_how {
	DER_INPUT,    /* the template is the whole input; no tree */
	DER_REPLACE,  /* the part's whole encoding becomes the template */
	DER_CONTENTS, /* its contents become the template, length computed */
	DER_TAG,      /* its identifier octets become the template */
	DER_LENGTH,   /* its length octets become the template */
	DER_REMOVE,   /* the part is left out */
	DER_UNWRAP,   /* its contents stand in its place, without a header */
	DER_BEFORE,   /* the template goes just before the part */
	DER_AFTER,    /* the template goes just after the part */
	DER_WRAP,     /* the part inside an element of the template's
	                 identifier octets, length computed */
	DER_CUT_LAST, /* the part's encoding without its last octet */
	DER_AT,       /* no change: where the part begins is the place */
};

struct der_edit {
	enum der_how how;
	const char *part; /* the part it changes (NULL for DER_INPUT) */
	const char *hex;  /* the template, where the change takes one */
};

/* Edits a vector makes at most. */
#define DER_MAX_EDITS 2

/* A vector: a tree with up to DER_MAX_EDITS edits, in a table row. */
#define INPUT(t) {DER_INPUT, NULL, t}
#define REPLACE(part, t) {DER_REPLACE, part, t}
#define CONTENTS(part, t) {DER_CONTENTS, part, t}
#define TAG(part, t) {DER_TAG, part, t}
#define LENGTH(part, t) {DER_LENGTH, part, t}
#define REMOVE(part) {DER_REMOVE, part, NULL}
#define UNWRAP(part) {DER_UNWRAP, part, NULL}
#define BEFORE(part, t) {DER_BEFORE, part, t}
#define AFTER(part, t) {DER_AFTER, part, t}
#define WRAP(part, t) {DER_WRAP, part, t}
#define CUT_LAST(part) {DER_CUT_LAST, part, NULL}
#define AT(part) {DER_AT, part, NULL}
#define UNCHANGED {DER_INPUT, NULL, NULL} /* no edit */

/*
 * tree[0..n_parts) with edits[0..n_edits) applied (edits with a NULL
 * part and hex are none), in an exact-size heap buffer the caller
 * frees, so AddressSanitizer sees an overread.  *len is its length;
 * *offset the place: where the part of an AT() begins in the result,
 * else the first "@" of a template, else where the first edit's change
 * begins (the template it put in, or the place of what it removed).
 * Aborts, saying why, on an unknown part name or a bad template.
 */
uint8_t *der_build(const struct der_part *tree, size_t n_parts,
                   const struct der_edit *edits, size_t n_edits,
                   size_t *len, size_t *offset);

#endif
