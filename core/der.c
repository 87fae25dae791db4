/*
 * der.c -- the DER cursor and its strict readers.
 *
 * Every reader works on a copy of the cursor and commits it only on
 * success, so a failed read leaves the cursor on the element it rejected.
 * Clause numbers are those of ITU-T X.690 (02/2021).
 */
#include "der.h"

#include <string.h>

/* Split the first n bytes of *cur into *out, or fail if there are fewer. */
static int take(struct staple_slice *cur, size_t n, struct staple_slice *out)
{
	if (n > cur->n)
		return STAPLE_ERR_TRUNCATED;
	out->p = cur->p;
	out->n = n;
	if (n > 0) {
		cur->p += n;
		cur->n -= n;
	}
	return STAPLE_OK;
}

/* see der.h */
int staple_der_header(const struct staple_slice *cur, size_t *hdr,
                      size_t *len)
{
	const uint8_t *p = cur->p;
	size_t avail = cur->n, count, i;
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
		if (value > SIZE_MAX - *hdr)
			return STAPLE_ERR_TRUNCATED;
		*len = (size_t)value;
	}
	if (*len > avail - *hdr)
		return STAPLE_ERR_TRUNCATED;
	return STAPLE_OK;
}

/* see der.h */
int staple_der_read_any(struct staple_slice *cur, uint8_t *tag,
                        struct staple_slice *contents,
                        struct staple_slice *whole)
{
	struct staple_slice next = *cur, tlv, head = {NULL, 0};
	size_t hdr = 0, len = 0;
	int err;

	contents->p = NULL;
	contents->n = 0;
	*tag = 0;
	if (whole != NULL) {
		whole->p = NULL;
		whole->n = 0;
	}
	err = staple_der_header(cur, &hdr, &len);
	if (err != STAPLE_OK)
		return err;
	*tag = cur->p[0];
	err = take(&next, hdr + len, &tlv);
	if (err != STAPLE_OK)
		return err;
	(void)take(&tlv, hdr, &head);
	*contents = tlv;
	if (whole != NULL) {
		whole->p = head.p;
		whole->n = hdr + len;
	}
	*cur = next;
	return STAPLE_OK;
}

/* see der.h */
int staple_der_read_slow(struct staple_slice *cur, uint8_t tag,
                         struct staple_slice *contents)
{
	size_t hdr, len;
	int err;

	contents->p = NULL;
	contents->n = 0;
	if (cur->n > 0 && cur->p[0] != tag)
		return STAPLE_ERR_TAG;
	err = staple_der_header(cur, &hdr, &len);
	if (err != STAPLE_OK)
		return err;
	contents->p = cur->p + hdr;
	contents->n = len;
	cur->p += hdr + len;
	cur->n -= hdr + len;
	return STAPLE_OK;
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
int staple_der_read_small_slow(struct staple_slice *cur, uint8_t tag,
                          unsigned long max, int range_err,
                          unsigned long *value)
{
	struct staple_slice next = *cur, c;
	unsigned long v = 0;
	size_t i;
	int err;

	*value = 0;
	err = staple_der_read(&next, tag, &c);
	if (err == STAPLE_OK && !staple_der_integer_is_minimal(c))
		err = STAPLE_ERR_INTEGER;
	if (err != STAPLE_OK)
		return err;
	if ((c.p[0] & 0x80u) != 0) /* negative */
		return range_err;
	for (i = 0; i < c.n; i++) {
		if (v > (max >> 8) && v > 0)
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
	struct staple_slice next = *cur, c;
	int err;

	*value = 0;
	err = staple_der_read(&next, STAPLE_TAG_BOOLEAN, &c);
	if (err != STAPLE_OK)
		return err;
	/* 8.2.1: one octet; 11.1: TRUE is FF in DER. */
	if (c.n != 1 || (c.p[0] != 0x00 && c.p[0] != 0xff))
		return STAPLE_ERR_BOOLEAN;
	*value = c.p[0] != 0;
	*cur = next;
	return STAPLE_OK;
}

/* see der.h */
int staple_der_read_null(struct staple_slice *cur)
{
	struct staple_slice next = *cur, c;
	int err = staple_der_read(&next, STAPLE_TAG_NULL, &c);

	if (err != STAPLE_OK)
		return err;
	if (c.n != 0) /* 8.8.2: no contents octets */
		return STAPLE_ERR_NULL;
	*cur = next;
	return STAPLE_OK;
}

/* see der.h */
int staple_der_read_oid(struct staple_slice *cur, struct staple_slice *oid)
{
	struct staple_slice next = *cur;
	size_t i;
	int err;

	err = staple_der_read(&next, STAPLE_TAG_OID, oid);
	if (err != STAPLE_OK)
		return err;
	/* 8.19.2: at least one sub-identifier, each in the fewest octets
	 * (never a leading 0x80) and ended by an octet below 0x80. */
	for (i = 0; i < oid->n; i++)
		if (oid->p[i] == 0x80 && (i == 0 || oid->p[i - 1] < 0x80))
			break;
	if (oid->n == 0 || i < oid->n || oid->p[oid->n - 1] >= 0x80) {
		oid->p = NULL;
		oid->n = 0;
		return STAPLE_ERR_OID;
	}
	*cur = next;
	return STAPLE_OK;
}

/* see der.h */
int staple_der_read_bit_string(struct staple_slice *cur,
                               struct staple_slice *bits, unsigned *unused)
{
	struct staple_slice next = *cur, c;
	unsigned pad;
	int err;

	bits->p = NULL;
	bits->n = 0;
	*unused = 0;
	err = staple_der_read(&next, STAPLE_TAG_BIT_STRING, &c);
	if (err != STAPLE_OK)
		return err;
	/* 8.6.2: an initial octet of 0..7 unused bits, 0 when nothing
	 * follows; 11.2.1: the unused bits are zero in DER. */
	if (c.n == 0)
		return STAPLE_ERR_BIT_STRING;
	pad = c.p[0];
	if (pad > 7 || (c.n == 1 && pad != 0))
		return STAPLE_ERR_BIT_STRING;
	if (pad != 0 && (c.p[c.n - 1] & ((1u << pad) - 1u)) != 0)
		return STAPLE_ERR_BIT_STRING;
	bits->p = c.n > 1 ? c.p + 1 : NULL;
	bits->n = c.n - 1;
	*unused = pad;
	*cur = next;
	return STAPLE_OK;
}

static int read_time(struct staple_slice *cur, uint8_t tag, int64_t *ms)
{
	struct staple_slice next = *cur, c;
	int err;

	*ms = 0;
	err = staple_der_read(&next, tag, &c);
	if (err != STAPLE_OK)
		return err;
	err = tag == STAPLE_TAG_UTC_TIME ? staple_time_utc(c.p, c.n, ms)
	                                  : staple_time_generalized(c.p, c.n, ms);
	if (err != STAPLE_OK)
		return err;
	*cur = next;
	return STAPLE_OK;
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

/* Read a SEQUENCE, getting both its contents and its whole TLV. */
static int read_sequence(struct staple_slice *cur, struct staple_slice *contents,
                         struct staple_slice *whole)
{
	uint8_t tag;

	if (cur->n > 0 && cur->p[0] != STAPLE_TAG_SEQUENCE) {
		contents->p = whole->p = NULL;
		contents->n = whole->n = 0;
		return STAPLE_ERR_TAG;
	}
	return staple_der_read_any(cur, &tag, contents, whole);
}

/* AttributeTypeAndValue ::= SEQUENCE { type OID, value ANY } */
static int read_atv(struct staple_slice *cur, struct staple_slice *whole,
                    const uint8_t **err_at)
{
	struct staple_slice atv, oid, value;
	uint8_t tag;
	int err;

	err = read_sequence(cur, &atv, whole);
	if (err != STAPLE_OK) {
		*err_at = cur->p;
		return err;
	}
	err = staple_der_read_oid(&atv, &oid);
	if (err == STAPLE_OK)
		err = staple_der_read_any(&atv, &tag, &value, NULL);
	if (err == STAPLE_OK && atv.n != 0)
		err = STAPLE_ERR_TRAILING_DATA;
	if (err != STAPLE_OK)
		*err_at = atv.p;
	return err;
}

/* RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue */
static int read_rdn(struct staple_slice *cur, const uint8_t **err_at)
{
	struct staple_slice set, atv, prev = {NULL, 0};
	const uint8_t *start = cur->p;
	int err = staple_der_read(cur, STAPLE_TAG_SET, &set);

	if (err != STAPLE_OK) {
		*err_at = cur->p;
		return err;
	}
	if (set.n == 0) { /* SIZE (1..MAX) */
		*err_at = start;
		return STAPLE_ERR_EMPTY;
	}
	while (set.n > 0) {
		const uint8_t *at = set.p;
		err = read_atv(&set, &atv, err_at);
		if (err != STAPLE_OK)
			return err;
		if (prev.p != NULL && !set_order_ok(prev, atv)) {
			*err_at = at;
			return STAPLE_ERR_SET_ORDER;
		}
		prev = atv;
	}
	return STAPLE_OK;
}

/* see der.h */
int staple_der_read_name_at(struct staple_slice *cur,
                            struct staple_slice *whole,
                            const uint8_t **err_at)
{
	struct staple_slice next = *cur, rdns;
	int err;

	*err_at = cur->p;
	err = read_sequence(&next, &rdns, whole);
	if (err != STAPLE_OK)
		return err;
	while (rdns.n > 0) {
		err = read_rdn(&rdns, err_at);
		if (err != STAPLE_OK) {
			whole->p = NULL;
			whole->n = 0;
			return err;
		}
	}
	*cur = next;
	return STAPLE_OK;
}

/* see der.h */
int staple_der_read_name(struct staple_slice *cur, struct staple_slice *whole)
{
	const uint8_t *at;
	return staple_der_read_name_at(cur, whole, &at);
}

/* see der.h */
int staple_der_read_algorithm(struct staple_slice *cur,
                              struct staple_slice *oid,
                              struct staple_slice *params,
                              const uint8_t **err_at)
{
	struct staple_slice next = *cur, seq, contents;
	uint8_t tag;
	int err;

	params->p = NULL;
	params->n = 0;
	*err_at = cur->p;
	err = staple_der_read(&next, STAPLE_TAG_SEQUENCE, &seq);
	if (err != STAPLE_OK)
		return err;
	*err_at = seq.p;
	err = staple_der_read_oid(&seq, oid);
	if (err == STAPLE_OK && seq.n > 0) {
		*err_at = seq.p;
		err = staple_der_read_any(&seq, &tag, &contents, params);
	}
	if (err == STAPLE_OK && seq.n > 0) {
		*err_at = seq.p;
		err = STAPLE_ERR_TRAILING_DATA;
	}
	if (err != STAPLE_OK) {
		oid->p = NULL;
		oid->n = 0;
		params->p = NULL;
		params->n = 0;
		return err;
	}
	*cur = next;
	return STAPLE_OK;
}

/* see der.h */
int staple_der_read_extension(struct staple_slice *cur,
                              struct staple_slice *oid, int *critical,
                              struct staple_slice *value,
                              const uint8_t **err_at)
{
	struct staple_slice next = *cur, seq;
	int err;

	*critical = 0;
	*err_at = cur->p;
	err = staple_der_read(&next, STAPLE_TAG_SEQUENCE, &seq);
	if (err != STAPLE_OK)
		return err;
	*err_at = seq.p;
	err = staple_der_read_oid(&seq, oid);
	if (err == STAPLE_OK && staple_der_peek(&seq, STAPLE_TAG_BOOLEAN)) {
		*err_at = seq.p;
		err = staple_der_read_boolean(&seq, critical);
		/* 11.5: DEFAULT FALSE is not encoded */
		if (err == STAPLE_OK && !*critical)
			err = STAPLE_ERR_ENCODED_DEFAULT;
	}
	if (err == STAPLE_OK) {
		*err_at = seq.p;
		err = staple_der_read(&seq, STAPLE_TAG_OCTET_STRING, value);
	}
	if (err == STAPLE_OK && seq.n > 0) {
		*err_at = seq.p;
		err = STAPLE_ERR_TRAILING_DATA;
	}
	if (err != STAPLE_OK) {
		*critical = 0;
		return err;
	}
	*cur = next;
	return STAPLE_OK;
}

/* see der.h */
int staple_der_extension_seen(struct staple_slice list, const uint8_t *stop,
                              struct staple_slice oid)
{
	struct staple_slice other, value;
	const uint8_t *at;
	int critical;

	while (list.n > 0 && list.p != stop) {
		if (staple_der_read_extension(&list, &other, &critical, &value,
		                              &at) != STAPLE_OK)
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
