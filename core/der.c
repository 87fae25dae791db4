/*
 * der.c -- the DER cursor and its strict readers.
 *
 * Every reader moves the cursor as it reads and puts it back when it
 * fails, so a failed read leaves the cursor on the element it rejected;
 * the saved cursor is a local, not a copy in memory handed down.
 * Clause numbers are those of ITU-T X.690 (02/2021).
 */
#include "der.h"

#include <string.h>

/*
 * The identifier and length octets at p, with avail bytes from p on:
 * *hdr gets their size and *len the length they state, which fits in
 * what is left.  This is the one place a length is checked.
 */
static inline int header(const uint8_t *p, size_t avail, size_t *hdr,
                         size_t *len)
{
	size_t count, i;
	uint32_t value = 0;

	if (avail < 2)
		return STAPLE_ERR_TRUNCATED;
	/* 8.1.2.4: tag numbers of 31 and up take more identifier octets;
	 * nothing in OCSP needs them, so any such tag is unexpected. */
	if ((p[0] & 0x1fu) == 0x1fu)
		return STAPLE_ERR_TAG;
	/* 8.1.5: universal tag 0 is end-of-contents, which only closes an
	 * indefinite length and so never appears in DER. */
	if (p[0] == 0x00)
		return STAPLE_ERR_TAG;
	if (p[1] < 0x80u) { /* 8.1.3.4: short form */
		*hdr = 2;
		*len = p[1];
	} else {
		count = p[1] & 0x7fu;
		if (count == 0) /* 10.1: DER uses the definite form only */
			return STAPLE_ERR_INDEFINITE_LENGTH;
		if (count > 4) /* staple's limit: 4 GiB is plenty */
			return STAPLE_ERR_LONG_LENGTH;
		if (avail - 2 < count)
			return STAPLE_ERR_TRUNCATED;
		/* 10.1: "the minimum number of octets": no leading zero
		 * octet, and no long form for a length under 128. */
		if (p[2] == 0)
			return STAPLE_ERR_NONMINIMAL_LENGTH;
		for (i = 0; i < count; i++)
			value = value << 8 | p[2 + i];
		if (value < 0x80u)
			return STAPLE_ERR_NONMINIMAL_LENGTH;
		*hdr = 2 + count;
		*len = (size_t)value;
	}
	/* (avail >= *hdr here, and a value of 32 bits may not fit size_t) */
	if (value > avail - *hdr || *len > avail - *hdr)
		return STAPLE_ERR_TRUNCATED;
	return STAPLE_OK;
}

/*
 * The element at the front of *cur, whatever its tag: *contents gets its
 * contents octets and *cur moves past it.  Every reader ends here; it
 * calls nothing, so a reader's stack is its own frame and this one.
 */
static inline int element(struct staple_slice *cur,
                          struct staple_slice *contents)
{
	size_t hdr, len;
	int err = header(cur->p, cur->n, &hdr, &len);

	if (err != STAPLE_OK) {
		contents->p = NULL;
		contents->n = 0;
		return err;
	}
	contents->p = cur->p + hdr;
	contents->n = len;
	cur->p += hdr + len;
	cur->n -= hdr + len;
	return STAPLE_OK;
}

/* see der.h */
int staple_der_read_any(struct staple_slice *cur, uint8_t *tag,
                        struct staple_slice *contents,
                        struct staple_slice *whole)
{
	const uint8_t *start = cur->p;
	int err;

	*tag = 0;
	if (whole != NULL) {
		whole->p = NULL;
		whole->n = 0;
	}
	err = element(cur, contents);
	if (err != STAPLE_OK)
		return err;
	*tag = start[0];
	if (whole != NULL) {
		whole->p = start;
		whole->n = (size_t)(cur->p - start);
	}
	return STAPLE_OK;
}

/* staple_der_read(), inline for the readers of this file */
static inline int tagged(struct staple_slice *cur, uint8_t tag,
                         struct staple_slice *contents)
{
	if (cur->n > 0 && cur->p[0] != tag) {
		contents->p = NULL;
		contents->n = 0;
		return STAPLE_ERR_TAG;
	}
	return element(cur, contents);
}

/* see der.h */
int staple_der_read(struct staple_slice *cur, uint8_t tag,
                    struct staple_slice *contents)
{
	return tagged(cur, tag, contents);
}

/* see der.h */
int staple_der_read_whole(struct staple_slice *cur, uint8_t tag,
                          struct staple_slice *whole)
{
	struct staple_slice next = *cur, contents;
	uint8_t got;
	int err;

	whole->p = NULL;
	whole->n = 0;
	if (cur->n > 0 && cur->p[0] != tag)
		return STAPLE_ERR_TAG;
	err = staple_der_read_any(&next, &got, &contents, whole);
	if (err != STAPLE_OK)
		return err;
	*cur = next;
	return STAPLE_OK;
}

/* see der.h */
int staple_der_read_small(struct staple_slice *cur, uint8_t tag,
                          unsigned long max, int range_err,
                          unsigned long *value)
{
	struct staple_slice next = *cur, c;
	unsigned long v = 0;
	size_t i;
	int err = tagged(&next, tag, &c);

	*value = 0;
	if (err != STAPLE_OK)
		return err;
	if (!staple_der_integer_is_minimal(c))
		return STAPLE_ERR_INTEGER;
	if ((c.p[0] & 0x80u) != 0) /* negative */
		return range_err;
	for (i = 0; i < c.n; i++) {
		if (v > max >> 8) /* the next octet would take it past max */
			return range_err;
		v = v << 8 | c.p[i];
	}
	if (v > max)
		return range_err;
	*value = v;
	*cur = next;
	return STAPLE_OK;
}

/* see der.h */
int staple_der_read_boolean(struct staple_slice *cur, int *value)
{
	const struct staple_slice at = *cur;
	struct staple_slice c;
	int err;

	*value = 0;
	err = staple_der_read(cur, STAPLE_TAG_BOOLEAN, &c);
	if (err != STAPLE_OK)
		return err;
	/* 8.2.1: one octet; 11.1: TRUE is FF in DER. */
	if (c.n != 1 || (c.p[0] != 0x00 && c.p[0] != 0xff)) {
		*cur = at;
		return STAPLE_ERR_BOOLEAN;
	}
	*value = c.p[0] != 0;
	return STAPLE_OK;
}

/* see der.h */
int staple_der_read_null(struct staple_slice *cur)
{
	const struct staple_slice at = *cur;
	struct staple_slice c;
	int err = staple_der_read(cur, STAPLE_TAG_NULL, &c);

	if (err == STAPLE_OK && c.n != 0) { /* 8.8.2: no contents octets */
		*cur = at;
		err = STAPLE_ERR_NULL;
	}
	return err;
}

/* see der.h */
int staple_der_read_oid(struct staple_slice *cur, struct staple_slice *oid)
{
	const struct staple_slice at = *cur;
	int err = staple_der_read(cur, STAPLE_TAG_OID, oid);

	if (err == STAPLE_OK && !staple_der_oid_is_valid(*oid)) {
		*cur = at;
		oid->p = NULL;
		oid->n = 0;
		err = STAPLE_ERR_OID;
	}
	return err;
}

/* see der.h */
int staple_der_read_bit_string(struct staple_slice *cur,
                               struct staple_slice *bits, unsigned *unused)
{
	const struct staple_slice at = *cur;
	struct staple_slice c;
	unsigned pad;
	int err;

	bits->p = NULL;
	bits->n = 0;
	*unused = 0;
	err = staple_der_read(cur, STAPLE_TAG_BIT_STRING, &c);
	if (err != STAPLE_OK)
		return err;
	/* 8.6.2: an initial octet of 0..7 unused bits, 0 when nothing
	 * follows; 11.2.1: the unused bits are zero in DER. */
	pad = c.n > 0 ? c.p[0] : 8;
	if (pad > 7 || (c.n == 1 && pad != 0) ||
	    (pad != 0 && (c.p[c.n - 1] & ((1u << pad) - 1u)) != 0)) {
		*cur = at;
		return STAPLE_ERR_BIT_STRING;
	}
	bits->p = c.n > 1 ? c.p + 1 : NULL;
	bits->n = c.n - 1;
	*unused = pad;
	return STAPLE_OK;
}

static int read_time(struct staple_slice *cur, uint8_t tag, int64_t *ms)
{
	const struct staple_slice at = *cur;
	struct staple_slice c;
	int err;

	*ms = 0;
	err = staple_der_read(cur, tag, &c);
	if (err != STAPLE_OK)
		return err;
	err = tag == STAPLE_TAG_UTC_TIME ? staple_time_utc(c.p, c.n, ms)
	                                  : staple_time_generalized(c.p, c.n, ms);
	if (err != STAPLE_OK)
		*cur = at;
	return err;
}

/* see der.h */
int staple_der_read_generalized_time(struct staple_slice *cur, int64_t *ms)
{
	return read_time(cur, STAPLE_TAG_GENERALIZED_TIME, ms);
}

/* see der.h */
int staple_der_read_utc_time(struct staple_slice *cur, int64_t *ms)
{
	return read_time(cur, STAPLE_TAG_UTC_TIME, ms);
}

/*
 * 11.6: the elements of a SET OF are in ascending order of their
 * encodings, the shorter one padded with trailing zero octets.
 */
static int set_order_ok(struct staple_slice prev, struct staple_slice cur)
{
	size_t common = prev.n < cur.n ? prev.n : cur.n, i;
	int cmp = memcmp(prev.p, cur.p, common);

	if (cmp != 0)
		return cmp < 0;
	for (i = common; i < prev.n; i++)
		if (prev.p[i] != 0)
			return 0;
	return 1;
}

/* AttributeTypeAndValue ::= SEQUENCE { type OID, value ANY } */
static int read_atv(struct staple_ctx *c, struct staple_slice *cur,
                    struct staple_slice *whole)
{
	struct staple_slice atv, value;
	const uint8_t *start = cur->p;
	uint8_t tag;
	int err;

	err = staple_ctx_read(c, cur, STAPLE_TAG_SEQUENCE, &atv);
	if (err != STAPLE_OK)
		return err;
	whole->p = start;
	whole->n = (size_t)(cur->p - start);
	err = staple_der_read_oid(&atv, &value);
	if (err == STAPLE_OK)
		err = staple_der_read_any(&atv, &tag, &value, NULL);
	if (err != STAPLE_OK)
		return staple_ctx_fail(c, err, atv.p);
	return staple_ctx_end(c, &atv);
}

/* RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue */
static int read_rdn(struct staple_ctx *c, struct staple_slice *cur)
{
	struct staple_slice set, atv, prev = {NULL, 0};
	const uint8_t *start = cur->p;
	int err = staple_ctx_read(c, cur, STAPLE_TAG_SET, &set);

	if (err != STAPLE_OK)
		return err;
	if (set.n == 0) /* SIZE (1..MAX) */
		return staple_ctx_fail(c, STAPLE_ERR_EMPTY, start);
	while (set.n > 0) {
		const uint8_t *at = set.p;
		err = read_atv(c, &set, &atv);
		if (err != STAPLE_OK)
			return err;
		if (prev.p != NULL && !set_order_ok(prev, atv))
			return staple_ctx_fail(c, STAPLE_ERR_SET_ORDER, at);
		prev = atv;
	}
	return STAPLE_OK;
}

/* see der.h */
int staple_der_read_name(struct staple_ctx *c, struct staple_slice *cur,
                         struct staple_slice *whole)
{
	const struct staple_slice at = *cur;
	struct staple_slice rdns;
	int err;

	whole->p = NULL;
	whole->n = 0;
	err = staple_ctx_read(c, cur, STAPLE_TAG_SEQUENCE, &rdns);
	if (err != STAPLE_OK)
		return err;
	while (rdns.n > 0) {
		err = read_rdn(c, &rdns);
		if (err != STAPLE_OK) {
			*cur = at;
			return err;
		}
	}
	whole->p = at.p;
	whole->n = (size_t)(cur->p - at.p);
	return STAPLE_OK;
}

/* see der.h */
int staple_der_read_algorithm(struct staple_ctx *c, struct staple_slice *cur,
                              struct staple_slice *oid,
                              struct staple_slice *params)
{
	const struct staple_slice at = *cur;
	struct staple_slice seq, contents;
	uint8_t tag;
	int err;

	params->p = NULL;
	params->n = 0;
	err = staple_ctx_read(c, cur, STAPLE_TAG_SEQUENCE, &seq);
	if (err != STAPLE_OK)
		return err;
	err = staple_der_read_oid(&seq, oid);
	if (err == STAPLE_OK && seq.n > 0)
		err = staple_der_read_any(&seq, &tag, &contents, params);
	if (err != STAPLE_OK)
		err = staple_ctx_fail(c, err, seq.p);
	else
		err = staple_ctx_end(c, &seq);
	if (err != STAPLE_OK) {
		oid->p = NULL;
		oid->n = 0;
		params->p = NULL;
		params->n = 0;
		*cur = at;
	}
	return err;
}

/* see der.h */
int staple_der_read_extension(struct staple_ctx *c, struct staple_slice *cur,
                              struct staple_slice *oid, int *critical,
                              struct staple_slice *value)
{
	const struct staple_slice at = *cur;
	struct staple_slice seq;
	int err;

	*critical = 0;
	err = staple_ctx_read(c, cur, STAPLE_TAG_SEQUENCE, &seq);
	if (err != STAPLE_OK)
		return err;
	err = staple_der_read_oid(&seq, oid);
	if (err == STAPLE_OK && staple_der_peek(&seq, STAPLE_TAG_BOOLEAN)) {
		struct staple_slice next = seq;
		err = staple_der_read_boolean(&next, critical);
		/* 11.5: DEFAULT FALSE is not encoded */
		if (err == STAPLE_OK && !*critical)
			err = STAPLE_ERR_ENCODED_DEFAULT;
		if (err == STAPLE_OK)
			seq = next;
	}
	if (err == STAPLE_OK)
		err = staple_der_read(&seq, STAPLE_TAG_OCTET_STRING, value);
	if (err != STAPLE_OK)
		err = staple_ctx_fail(c, err, seq.p);
	else
		err = staple_ctx_end(c, &seq);
	if (err != STAPLE_OK) {
		*critical = 0;
		*cur = at;
	}
	return err;
}

/* see der.h */
int staple_der_extension_seen(struct staple_slice list, const uint8_t *stop,
                              struct staple_slice oid)
{
	struct staple_slice ext, other;

	/* each one was read once already: its first element is its OID */
	while (list.n > 0 && list.p != stop) {
		if (staple_der_read(&list, STAPLE_TAG_SEQUENCE, &ext) !=
		            STAPLE_OK ||
		    staple_der_read(&ext, STAPLE_TAG_OID, &other) != STAPLE_OK)
			return 0;
		if (staple_slice_equal(other, oid))
			return 1;
	}
	return 0;
}

/* see der.h */
size_t staple_ctx_offset(const struct staple_ctx *c, const uint8_t *der,
                         size_t len)
{
	size_t offset = 0;

	if (c->at != NULL && der != NULL)
		offset = (size_t)(c->at - der);
	if (len > 0 && offset >= len)
		offset = len - 1;
	return offset;
}
