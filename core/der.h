/*
 * der.h -- staple's DER cursor and strict readers (internal, not installed).
 *
 * A cursor is a struct staple_slice {p, n}: the bytes not yet read.  Every
 * reader either succeeds, fills its outputs and advances the cursor past
 * the element, or fails, returns a STAPLE_ERR_* code and leaves the cursor
 * where it was, pointing at the element it could not read.  A length is
 * checked against what is left in one place only, header() in der.c,
 * which every reader below ends in; none reads an encoding of its own.
 *
 * Strict DER lives here and in der.c, each rule next to its X.690 clause.
 * The readers of composite types (Name, AlgorithmIdentifier, Extension)
 * record the inner element they found wrong in a struct staple_ctx, as the
 * parse functions of ocsp.c and x509.c do.  Used by core/ocsp.c, x509.c,
 * ext.c and sigalg.c, and by the tool (to walk a Name); the fuzz harnesses
 * use them directly.
 */
#ifndef STAPLE_DER_H
#define STAPLE_DER_H

#include "staple.h"

#include <string.h>

#if defined(__GNUC__) || defined(__clang__)
#define STAPLE_WUR __attribute__((warn_unused_result))
#else
#define STAPLE_WUR
#endif

/* Universal and context tags, whole identifier octets. */
#define STAPLE_TAG_BOOLEAN 0x01u
#define STAPLE_TAG_INTEGER 0x02u
#define STAPLE_TAG_BIT_STRING 0x03u
#define STAPLE_TAG_OCTET_STRING 0x04u
#define STAPLE_TAG_NULL 0x05u
#define STAPLE_TAG_OID 0x06u
#define STAPLE_TAG_ENUMERATED 0x0au
#define STAPLE_TAG_UTF8_STRING 0x0cu
#define STAPLE_TAG_PRINTABLE_STRING 0x13u
#define STAPLE_TAG_T61_STRING 0x14u
#define STAPLE_TAG_IA5_STRING 0x16u
#define STAPLE_TAG_UTC_TIME 0x17u
#define STAPLE_TAG_GENERALIZED_TIME 0x18u
#define STAPLE_TAG_UNIVERSAL_STRING 0x1cu
#define STAPLE_TAG_BMP_STRING 0x1eu
#define STAPLE_TAG_SEQUENCE 0x30u
#define STAPLE_TAG_SET 0x31u
#define STAPLE_TAG_CONTEXT(n) (0x80u | (n))             /* primitive */
#define STAPLE_TAG_CONTEXT_CONS(n) (0xa0u | (n))        /* constructed */

/*
 * Read one element of any one-byte tag.  *tag gets the identifier octet,
 * *contents its contents octets, *whole (may be NULL) tag+length+contents.
 */
STAPLE_WUR int staple_der_read_any(struct staple_slice *cur, uint8_t *tag,
                                   struct staple_slice *contents,
                                   struct staple_slice *whole);

/* Like staple_der_read(), but *whole gets the full TLV. */
STAPLE_WUR int staple_der_read_whole(struct staple_slice *cur, uint8_t tag,
                                     struct staple_slice *whole);

/* 1 when the next element has identifier octet `tag` (does not check it). */
static inline int staple_der_peek(const struct staple_slice *cur, uint8_t tag)
{
	return cur->n > 0 && cur->p[0] == tag;
}

/*
 * Read one element whose identifier octet must be `tag`; *contents gets
 * its contents octets.  A multi-byte or end-of-contents tag is never
 * expected, so it fails as any other wrong tag does.
 */
STAPLE_WUR int staple_der_read(struct staple_slice *cur, uint8_t tag,
                               struct staple_slice *contents);

/*
 * OPTIONAL element: when the next identifier octet is `tag`, read it like
 * staple_der_read() and set *present to 1; otherwise set *present to 0,
 * empty *contents and succeed without moving.
 */
STAPLE_WUR static inline int staple_der_read_optional(
	struct staple_slice *cur, uint8_t tag, struct staple_slice *contents,
	int *present)
{
	*present = 0;
	contents->p = NULL;
	contents->n = 0;
	if (!staple_der_peek(cur, tag))
		return STAPLE_OK;
	*present = 1;
	return staple_der_read(cur, tag, contents);
}

/* X.690 8.3.2: the first nine bits of an INTEGER are never all 0 or 1. */
static inline int staple_der_integer_is_minimal(struct staple_slice c)
{
	if (c.n == 0)
		return 0;
	if (c.n == 1)
		return 1;
	if (c.p[0] == 0x00 && (c.p[1] & 0x80u) == 0)
		return 0;
	return c.p[0] != 0xff || (c.p[1] & 0x80u) == 0;
}

/* INTEGER: *contents gets its minimal two's-complement contents octets. */
STAPLE_WUR static inline int staple_der_read_integer(
	struct staple_slice *cur, struct staple_slice *contents)
{
	struct staple_slice next = *cur;
	int err = staple_der_read(&next, STAPLE_TAG_INTEGER, contents);

	if (err != STAPLE_OK)
		return err;
	if (!staple_der_integer_is_minimal(*contents)) {
		contents->p = NULL;
		contents->n = 0;
		return STAPLE_ERR_INTEGER;
	}
	*cur = next;
	return STAPLE_OK;
}

/*
 * INTEGER or ENUMERATED (per `tag`) that must fit 0..max; a value outside
 * is reported as `range_err` with the cursor left on the element.
 */
STAPLE_WUR int staple_der_read_small(struct staple_slice *cur, uint8_t tag,
                                     unsigned long max, int range_err,
                                     unsigned long *value);

STAPLE_WUR int staple_der_read_boolean(struct staple_slice *cur, int *value);
STAPLE_WUR int staple_der_read_null(struct staple_slice *cur);

/*
 * 1 when OID contents octets are DER (8.19.2): at least one
 * sub-identifier, each in the fewest octets (never a leading 0x80) and
 * ended by an octet below 0x80.
 */
static inline int staple_der_oid_is_valid(struct staple_slice oid)
{
	size_t i;

	if (oid.n == 0 || oid.p[oid.n - 1] >= 0x80)
		return 0;
	for (i = 0; i < oid.n; i++)
		if (oid.p[i] == 0x80 && (i == 0 || oid.p[i - 1] < 0x80))
			return 0;
	return 1;
}

/* OBJECT IDENTIFIER: *oid gets its contents octets. */
STAPLE_WUR int staple_der_read_oid(struct staple_slice *cur,
                                   struct staple_slice *oid);

/* BIT STRING: *bits the octets after the unused-bits octet. */
STAPLE_WUR int staple_der_read_bit_string(struct staple_slice *cur,
                                          struct staple_slice *bits,
                                          unsigned *unused);

/* GeneralizedTime / UTCTime to milliseconds since the epoch. */
STAPLE_WUR int staple_der_read_generalized_time(struct staple_slice *cur,
                                                int64_t *ms);
STAPLE_WUR int staple_der_read_utc_time(struct staple_slice *cur,
                                        int64_t *ms);

/*
 * A parse in progress (ocsp.c, x509.c, and the composite readers below).
 * Parse functions return an error code and record in `at` the element
 * found wrong; the readers above never move on failure, so that is the
 * cursor handed to the reader that failed.  A caller that wants the code
 * only may hand the composite readers a NULL context.
 */
struct staple_ctx {
	const uint8_t *at;       /* where the error was found */
	unsigned leniencies;     /* STAPLE_LENIENT_* seen so far */
	size_t unknown_critical; /* critical extensions not understood */
};

/* Record `at` (unless c is NULL) and return err. */
static inline int staple_ctx_fail(struct staple_ctx *c, int err,
                                  const uint8_t *at)
{
	if (c != NULL)
		c->at = at;
	return err;
}

/* Every SEQUENCE ends with nothing left inside (X.690 8.1.1). */
static inline int staple_ctx_end(struct staple_ctx *c,
                                 const struct staple_slice *cur)
{
	if (cur->n != 0)
		return staple_ctx_fail(c, STAPLE_ERR_TRAILING_DATA, cur->p);
	return STAPLE_OK;
}

/* staple_der_read(), recording. */
static inline int staple_ctx_read(struct staple_ctx *c,
                                  struct staple_slice *cur, uint8_t tag,
                                  struct staple_slice *contents)
{
	int err = staple_der_read(cur, tag, contents);
	return err == STAPLE_OK ? STAPLE_OK : staple_ctx_fail(c, err, cur->p);
}

/*
 * Name ::= SEQUENCE OF RelativeDistinguishedName
 * RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue
 * AttributeTypeAndValue ::= SEQUENCE { type OID, value ANY }
 * Checks the structure and the DER order of each SET; *whole gets the TLV.
 * On failure c->at is the inner element found wrong.
 */
STAPLE_WUR int staple_der_read_name(struct staple_ctx *c,
                                    struct staple_slice *cur,
                                    struct staple_slice *whole);

/*
 * AlgorithmIdentifier ::= SEQUENCE {
 *    algorithm   OBJECT IDENTIFIER,
 *    parameters  ANY DEFINED BY algorithm OPTIONAL }
 * *oid gets the OID contents, *params the parameters TLV ({NULL, 0} when
 * absent; checked as one element only).  On failure c->at is the inner
 * element found wrong.
 */
STAPLE_WUR int staple_der_read_algorithm(struct staple_ctx *c,
                                         struct staple_slice *cur,
                                         struct staple_slice *oid,
                                         struct staple_slice *params);

/*
 * Extension ::= SEQUENCE {
 *    extnID     OBJECT IDENTIFIER,
 *    critical   BOOLEAN DEFAULT FALSE,
 *    extnValue  OCTET STRING }
 * *value gets the extnValue contents.  An encoded FALSE is
 * STAPLE_ERR_ENCODED_DEFAULT.  On failure c->at is the element found
 * wrong.
 */
STAPLE_WUR int staple_der_read_extension(struct staple_ctx *c,
                                         struct staple_slice *cur,
                                         struct staple_slice *oid,
                                         int *critical,
                                         struct staple_slice *value);

/*
 * 1 when an extension before `stop` in `list` (the contents of an
 * Extensions SEQUENCE, already read once) has extnID `oid`: RFC 5280 4.2
 * allows one instance of each.
 */
int staple_der_extension_seen(struct staple_slice list, const uint8_t *stop,
                              struct staple_slice oid);

/* The offset of c->at in der[0..len), kept below len (staple.h). */
size_t staple_ctx_offset(const struct staple_ctx *c, const uint8_t *der,
                         size_t len);

/* 1 when the two slices hold the same bytes. */
static inline int staple_slice_equal(struct staple_slice a,
                                     struct staple_slice b)
{
	return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

/* 1 when slice holds exactly the n bytes at p. */
static inline int staple_slice_is(struct staple_slice s, const uint8_t *p,
                                  size_t n)
{
	return s.n == n && (n == 0 || memcmp(s.p, p, n) == 0);
}

#endif /* STAPLE_DER_H */
