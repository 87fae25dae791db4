/*
 * fuzz_der.c -- the strict DER readers of core/der.h, one at a time.
 *
 * Input: a selector byte (which reader, modulo READERS), for some readers
 * a parameter byte (the expected tag, or which INTEGER bound), then the
 * bytes the cursor starts on.  Selectors: 0 read_any, 1 read (tag),
 * 2 read_whole (tag), 3 read_optional (tag), 4 peek (tag), 5 integer,
 * 6 small (bit 7: ENUMERATED, bits 0-2: the bound), 7 boolean, 8 null,
 * 9 oid, 10 bit_string, 11 generalized_time, 12 utc_time, 13 name,
 * 14 name_at, 15 slice_equal and slice_is (where to split), 16 a walk of
 * nested TLVs.  Checks, for every reader:
 *   - failure: the cursor has not moved, the error is a defined code,
 *     outputs are reset;
 *   - success: the cursor moved past exactly one TLV, its size worked out
 *     from X.690 independently of der.c (fuzz_tlv_parse() of x690.c);
 *     outputs lie inside it; read_any fails with the error that reading
 *     the header left to right meets first;
 *   - success exactly when the element obeys the reader's rules, each one
 *     re-derived here: definite minimal lengths, INTEGER minimal (8.3.2),
 *     BOOLEAN 00/FF (11.1), NULL empty (8.8.2), OBJECT IDENTIFIER minimal
 *     and terminated (8.19.2), BIT STRING unused <= 7 with zero padding
 *     (8.6.2, 11.2.1), Name structure and SET OF order (11.6);
 *   - the value read (small INTEGER, BOOLEAN, time) is the one encoded.
 */
#include <limits.h>
#include <string.h>

#include "harness.h"
#include "x690.h"
#include "der.h"

enum reader {
	R_ANY,
	R_READ,          /* parameter: tag */
	R_WHOLE,         /* parameter: tag */
	R_OPTIONAL,      /* parameter: tag */
	R_PEEK,          /* parameter: tag */
	R_INTEGER,
	R_SMALL,         /* parameter: ENUMERATED bit, bound index */
	R_BOOLEAN,
	R_NULL,
	R_OID,
	R_BIT_STRING,
	R_GENERALIZED_TIME,
	R_UTC_TIME,
	R_NAME,
	R_NAME_AT,
	R_SLICES,        /* parameter: where to split */
	R_WALK,
	READERS
};

/* --- X.690, independently of der.c ------------------------------------------- */

static int integer_ok(const uint8_t *c, size_t n)
{
	if (n == 0)
		return 0;
	if (n >= 2 && c[0] == 0x00 && (c[1] & 0x80u) == 0)
		return 0;
	if (n >= 2 && c[0] == 0xff && (c[1] & 0x80u) != 0)
		return 0;
	return 1;
}

static int bit_string_ok(const uint8_t *c, size_t n)
{
	if (n == 0 || c[0] > 7)
		return 0;
	if (n == 1)
		return c[0] == 0;
	return (c[n - 1] & ((1u << c[0]) - 1u)) == 0;
}

/* X.690 11.6: a <= b, the shorter one padded at the end with zeros. */
static int der_order_ok(const uint8_t *a, size_t an, const uint8_t *b,
                        size_t bn)
{
	size_t i, n = an > bn ? an : bn;

	for (i = 0; i < n; i++) {
		uint8_t x = i < an ? a[i] : 0, y = i < bn ? b[i] : 0;
		if (x != y)
			return x < y;
	}
	return 1;
}

/* AttributeTypeAndValue ::= SEQUENCE { type OID, value ANY } */
static int atv_ok(const uint8_t *c, size_t n)
{
	struct fuzz_tlv t, v;

	if (fuzz_tlv_parse(c, n, &t) != STAPLE_OK || t.tag != STAPLE_TAG_OID ||
	    !fuzz_oid_ok(c + t.hdr, t.len))
		return 0;
	c += t.hdr + t.len;
	n -= t.hdr + t.len;
	return fuzz_tlv_parse(c, n, &v) == STAPLE_OK && v.hdr + v.len == n;
}

/* Name: SEQUENCE OF SET SIZE (1..MAX) OF AttributeTypeAndValue, sorted. */
static int name_ok(const uint8_t *p, size_t n, size_t *size)
{
	struct fuzz_tlv name, rdn, atv;
	const uint8_t *c;
	size_t left;

	if (fuzz_tlv_parse(p, n, &name) != STAPLE_OK ||
	    name.tag != STAPLE_TAG_SEQUENCE)
		return 0;
	*size = name.hdr + name.len;
	c = p + name.hdr;
	left = name.len;
	while (left > 0) {
		const uint8_t *s, *prev = NULL;
		size_t s_left, prev_n = 0;

		if (fuzz_tlv_parse(c, left, &rdn) != STAPLE_OK ||
		    rdn.tag != STAPLE_TAG_SET || rdn.len == 0)
			return 0;
		s = c + rdn.hdr;
		s_left = rdn.len;
		while (s_left > 0) {
			if (fuzz_tlv_parse(s, s_left, &atv) != STAPLE_OK ||
			    atv.tag != STAPLE_TAG_SEQUENCE ||
			    !atv_ok(s + atv.hdr, atv.len))
				return 0;
			if (prev != NULL &&
			    !der_order_ok(prev, prev_n, s, atv.hdr + atv.len))
				return 0;
			prev = s;
			prev_n = atv.hdr + atv.len;
			s += prev_n;
			s_left -= prev_n;
		}
		c += rdn.hdr + rdn.len;
		left -= rdn.hdr + rdn.len;
	}
	return 1;
}

/* --- checks shared by every reader ------------------------------------------ */

static int slice_eq(struct staple_slice a, struct staple_slice b)
{
	return a.p == b.p && a.n == b.n;
}

/* A failed read: cursor where it was, a defined error. */
static void check_failed(int err, struct staple_slice before,
                         struct staple_slice after)
{
	FUZZ_REQUIRE(err > STAPLE_OK && err < STAPLE_ERR_COUNT_);
	FUZZ_REQUIRE(slice_eq(before, after));
}

/*
 * A read that succeeded: exactly the TLV t at the start of `before` was
 * consumed.  Returns its contents.
 */
static struct staple_slice check_consumed(struct staple_slice before,
                                          struct staple_slice after,
                                          const struct fuzz_tlv *t)
{
	struct staple_slice contents;
	size_t size = t->hdr + t->len;

	FUZZ_REQUIRE(after.p == before.p + size && after.n == before.n - size);
	contents.p = before.p + t->hdr;
	contents.n = t->len;
	return contents;
}

/* Outcome: err is STAPLE_OK iff `ok`; success moved past t only. */
static struct staple_slice check_outcome(int err, int ok,
                                         struct staple_slice before,
                                         struct staple_slice after,
                                         const struct fuzz_tlv *t)
{
	struct staple_slice none = {NULL, 0};

	if (ok != (err == STAPLE_OK))
		fuzz_fail("reader returned %s, expected %s",
		          staple_errname(err), ok ? "success" : "a failure");
	if (err != STAPLE_OK) {
		check_failed(err, before, after);
		return none;
	}
	return check_consumed(before, after, t);
}

/* The error of a read whose header is fine but whose tag is not `tag`. */
static void check_tag_error(int err, int header, uint8_t tag,
                            struct staple_slice before)
{
	if (header == STAPLE_OK && before.p[0] != tag)
		FUZZ_REQUIRE(err == STAPLE_ERR_TAG);
}

/* --- the readers ------------------------------------------------------------- */

static void fuzz_any(struct staple_slice in)
{
	struct staple_slice cur = in, contents, whole, expect;
	struct fuzz_tlv t;
	uint8_t tag = 0x5a;
	int header = fuzz_tlv_parse(in.p, in.n, &t);
	int err = staple_der_read_any(&cur, &tag, &contents, &whole);

	if (err != header)
		fuzz_fail("read_any: %s, expected %s", staple_errname(err),
		          staple_errname(header));
	expect = check_outcome(err, header == STAPLE_OK, in, cur, &t);
	if (err != STAPLE_OK) {
		FUZZ_REQUIRE(tag == 0 && contents.p == NULL && contents.n == 0);
		return;
	}
	FUZZ_REQUIRE(tag == in.p[0]);
	FUZZ_REQUIRE(slice_eq(contents, expect));
	FUZZ_REQUIRE(whole.p == in.p && whole.n == t.hdr + t.len);
}

static void fuzz_read(struct staple_slice in, uint8_t tag, int which)
{
	struct staple_slice cur = in, out, expect;
	struct fuzz_tlv t;
	int header = fuzz_tlv_parse(in.p, in.n, &t), present = 7, err;
	int ok = header == STAPLE_OK && t.tag == tag;

	if (which == R_OPTIONAL && (in.n == 0 || in.p[0] != tag)) {
		err = staple_der_read_optional(&cur, tag, &out, &present);
		FUZZ_REQUIRE(err == STAPLE_OK && present == 0);
		FUZZ_REQUIRE(slice_eq(cur, in) && out.p == NULL && out.n == 0);
		return;
	}
	if (which == R_READ)
		err = staple_der_read(&cur, tag, &out);
	else if (which == R_WHOLE)
		err = staple_der_read_whole(&cur, tag, &out);
	else
		err = staple_der_read_optional(&cur, tag, &out, &present);
	expect = check_outcome(err, ok, in, cur, &t);
	check_tag_error(err, header, tag, in);
	if (err != STAPLE_OK) {
		FUZZ_REQUIRE(out.p == NULL && out.n == 0);
		return;
	}
	if (which == R_WHOLE) {
		FUZZ_REQUIRE(out.p == in.p && out.n == t.hdr + t.len);
	} else {
		FUZZ_REQUIRE(slice_eq(out, expect));
		if (which == R_OPTIONAL)
			FUZZ_REQUIRE(present == 1);
	}
}

static void fuzz_peek(struct staple_slice in, uint8_t tag)
{
	FUZZ_REQUIRE(staple_der_peek(&in, tag) == (in.n > 0 && in.p[0] == tag));
}

static void fuzz_integer(struct staple_slice in)
{
	struct staple_slice cur = in, out, expect;
	struct fuzz_tlv t;
	int header = fuzz_tlv_parse(in.p, in.n, &t), err;
	int tag_ok = header == STAPLE_OK && t.tag == STAPLE_TAG_INTEGER;
	int ok = tag_ok && integer_ok(in.p + t.hdr, t.len);

	err = staple_der_read_integer(&cur, &out);
	expect = check_outcome(err, ok, in, cur, &t);
	check_tag_error(err, header, STAPLE_TAG_INTEGER, in);
	if (tag_ok && !ok)
		FUZZ_REQUIRE(err == STAPLE_ERR_INTEGER);
	if (err != STAPLE_OK) {
		FUZZ_REQUIRE(out.p == NULL && out.n == 0);
		return;
	}
	FUZZ_REQUIRE(slice_eq(out, expect));
}

/* Bounds the decoder uses (0, 6, 10) and the edges of unsigned long. */
static const unsigned long small_max[8] = {
	0, 1, 6, 10, 255, 256, 65535, ULONG_MAX,
};

static void fuzz_small(struct staple_slice in, uint8_t param)
{
	struct staple_slice cur = in;
	struct fuzz_tlv t;
	uint8_t tag = (param & 0x80u) != 0 ? STAPLE_TAG_ENUMERATED
	                                  : STAPLE_TAG_INTEGER;
	unsigned long max = small_max[param & 7u], value = 12345, want = 0;
	int header = fuzz_tlv_parse(in.p, in.n, &t), err, fits = 0;
	int int_ok = header == STAPLE_OK && t.tag == tag &&
	             integer_ok(in.p + t.hdr, t.len);

	if (int_ok && (in.p[t.hdr] & 0x80u) == 0) {
		/* a non-negative value: the octets after any leading zero */
		const uint8_t *c = in.p + t.hdr;
		size_t n = t.len, i;
		while (n > 0 && c[0] == 0) {
			c++;
			n--;
		}
		if (n <= sizeof(unsigned long)) {
			for (i = 0; i < n; i++)
				want = want << 8 | c[i];
			fits = want <= max;
		}
	}
	err = staple_der_read_small(&cur, tag, max, STAPLE_ERR_RANGE, &value);
	(void)check_outcome(err, fits, in, cur, &t);
	check_tag_error(err, header, tag, in);
	if (int_ok && !fits)
		FUZZ_REQUIRE(err == STAPLE_ERR_RANGE);
	FUZZ_REQUIRE(value == (err == STAPLE_OK ? want : 0));
}

static void fuzz_boolean(struct staple_slice in)
{
	struct staple_slice cur = in;
	struct fuzz_tlv t;
	int header = fuzz_tlv_parse(in.p, in.n, &t), err, value = 7;
	int tag_ok = header == STAPLE_OK && t.tag == STAPLE_TAG_BOOLEAN;
	int ok = tag_ok && t.len == 1 &&
	         (in.p[t.hdr] == 0x00 || in.p[t.hdr] == 0xff);

	err = staple_der_read_boolean(&cur, &value);
	(void)check_outcome(err, ok, in, cur, &t);
	check_tag_error(err, header, STAPLE_TAG_BOOLEAN, in);
	if (tag_ok && !ok)
		FUZZ_REQUIRE(err == STAPLE_ERR_BOOLEAN);
	FUZZ_REQUIRE(value == (ok ? in.p[t.hdr] == 0xff : 0));
}

static void fuzz_null(struct staple_slice in)
{
	struct staple_slice cur = in;
	struct fuzz_tlv t;
	int header = fuzz_tlv_parse(in.p, in.n, &t), err;
	int tag_ok = header == STAPLE_OK && t.tag == STAPLE_TAG_NULL;

	err = staple_der_read_null(&cur);
	(void)check_outcome(err, tag_ok && t.len == 0, in, cur, &t);
	check_tag_error(err, header, STAPLE_TAG_NULL, in);
	if (tag_ok && t.len != 0)
		FUZZ_REQUIRE(err == STAPLE_ERR_NULL);
}

static void fuzz_oid(struct staple_slice in)
{
	struct staple_slice cur = in, out, expect;
	struct fuzz_tlv t;
	int header = fuzz_tlv_parse(in.p, in.n, &t), err;
	int tag_ok = header == STAPLE_OK && t.tag == STAPLE_TAG_OID;
	int ok = tag_ok && fuzz_oid_ok(in.p + t.hdr, t.len);

	err = staple_der_read_oid(&cur, &out);
	expect = check_outcome(err, ok, in, cur, &t);
	check_tag_error(err, header, STAPLE_TAG_OID, in);
	if (tag_ok && !ok)
		FUZZ_REQUIRE(err == STAPLE_ERR_OID);
	if (err != STAPLE_OK) {
		FUZZ_REQUIRE(out.p == NULL && out.n == 0);
		return;
	}
	FUZZ_REQUIRE(slice_eq(out, expect));
	FUZZ_REQUIRE(out.n > 0 && out.p[out.n - 1] < 0x80);
}

static void fuzz_bit_string(struct staple_slice in)
{
	struct staple_slice cur = in, bits, expect;
	struct fuzz_tlv t;
	unsigned unused = 99;
	int header = fuzz_tlv_parse(in.p, in.n, &t), err;
	int tag_ok = header == STAPLE_OK && t.tag == STAPLE_TAG_BIT_STRING;
	int ok = tag_ok && bit_string_ok(in.p + t.hdr, t.len);

	err = staple_der_read_bit_string(&cur, &bits, &unused);
	expect = check_outcome(err, ok, in, cur, &t);
	check_tag_error(err, header, STAPLE_TAG_BIT_STRING, in);
	if (tag_ok && !ok)
		FUZZ_REQUIRE(err == STAPLE_ERR_BIT_STRING);
	if (err != STAPLE_OK) {
		FUZZ_REQUIRE(bits.p == NULL && bits.n == 0 && unused == 0);
		return;
	}
	FUZZ_REQUIRE(unused == expect.p[0] && unused <= 7);
	FUZZ_REQUIRE(bits.n == expect.n - 1);
	FUZZ_REQUIRE(bits.n == 0 ? bits.p == NULL : bits.p == expect.p + 1);
	if (bits.n == 0)
		FUZZ_REQUIRE(unused == 0);
}

static void fuzz_time(struct staple_slice in, int utc)
{
	struct staple_slice cur = in;
	struct fuzz_tlv t;
	uint8_t tag = utc ? STAPLE_TAG_UTC_TIME : STAPLE_TAG_GENERALIZED_TIME;
	int64_t ms = 77, want = 0;
	int header = fuzz_tlv_parse(in.p, in.n, &t), err, ok = 0;
	int tag_ok = header == STAPLE_OK && t.tag == tag;

	if (tag_ok)
		ok = (utc ? staple_time_utc(in.p + t.hdr, t.len, &want)
		          : staple_time_generalized(in.p + t.hdr, t.len,
		                                    &want)) == STAPLE_OK;
	err = utc ? staple_der_read_utc_time(&cur, &ms)
	          : staple_der_read_generalized_time(&cur, &ms);
	(void)check_outcome(err, ok, in, cur, &t);
	check_tag_error(err, header, tag, in);
	if (tag_ok && !ok)
		FUZZ_REQUIRE(err == STAPLE_ERR_TIME);
	FUZZ_REQUIRE(ms == (ok ? want : 0));
}

static void fuzz_name(struct staple_slice in, int with_at)
{
	struct staple_slice cur = in, whole;
	struct staple_ctx ctx = {NULL, 0, 0};
	struct fuzz_tlv t;
	size_t size = 0;
	int ok = name_ok(in.p, in.n, &size), err;

	whole.p = in.p; /* garbage: a failed read must reset it */
	whole.n = 1;
	err = staple_der_read_name(with_at ? &ctx : NULL, &cur, &whole);
	if (ok != (err == STAPLE_OK))
		fuzz_fail("read_name returned %s, expected %s",
		          staple_errname(err), ok ? "success" : "a failure");
	if (err != STAPLE_OK) {
		check_failed(err, in, cur);
		FUZZ_REQUIRE(whole.p == NULL && whole.n == 0);
		if (with_at) {
			struct staple_slice point = {ctx.at, 0};
			FUZZ_REQUIRE(fuzz_slice_within(point, in));
		}
		return;
	}
	FUZZ_REQUIRE(fuzz_tlv_parse(in.p, in.n, &t) == STAPLE_OK);
	(void)check_consumed(in, cur, &t);
	FUZZ_REQUIRE(whole.p == in.p && whole.n == size);
}

static void fuzz_slices(struct staple_slice in, uint8_t param)
{
	struct staple_slice a, b, none = {NULL, 0};
	size_t k = in.n > 0 ? param % (in.n + 1) : 0;
	int same;

	a.p = in.p;
	a.n = k;
	b.p = in.p + k;
	b.n = in.n - k;
	same = a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
	FUZZ_REQUIRE(staple_slice_equal(a, b) == same);
	FUZZ_REQUIRE(staple_slice_is(a, b.p, b.n) == same);
	FUZZ_REQUIRE(staple_slice_equal(none, none) == 1);
	FUZZ_REQUIRE(staple_slice_equal(a, none) == (a.n == 0));
}

/*
 * Walk every element, descending into constructed ones: the elements of
 * each level tile their parent up to the first one that fails.
 */
#define WALK_DEPTH 16
static void fuzz_walk(struct staple_slice in)
{
	struct staple_slice stack[WALK_DEPTH];
	size_t depth = 1;

	stack[0] = in;
	while (depth > 0) {
		struct staple_slice *cur = &stack[depth - 1], before = *cur;
		struct staple_slice contents, whole;
		uint8_t tag;
		int err;

		if (cur->n == 0) {
			depth--;
			continue;
		}
		err = staple_der_read_any(cur, &tag, &contents, &whole);
		if (err != STAPLE_OK) {
			check_failed(err, before, *cur);
			depth--;
			continue;
		}
		FUZZ_REQUIRE(whole.p == before.p && cur->p == before.p + whole.n);
		FUZZ_REQUIRE(fuzz_slice_within(contents, whole));
		FUZZ_REQUIRE(contents.p + contents.n == whole.p + whole.n);
		if ((tag & 0x20u) != 0 && depth < WALK_DEPTH)
			stack[depth++] = contents;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct staple_slice in;
	uint8_t param = 0;
	enum reader which;

	if (size < 1)
		return 0;
	which = (enum reader)(data[0] % READERS);
	in.p = data + 1;
	in.n = size - 1;
	if (which == R_READ || which == R_WHOLE || which == R_OPTIONAL ||
	    which == R_PEEK || which == R_SMALL || which == R_SLICES) {
		if (size < 2)
			return 0;
		param = data[1];
		in.p = data + 2;
		in.n = size - 2;
	}
	switch (which) {
	case R_ANY:
		fuzz_any(in);
		break;
	case R_READ:
	case R_WHOLE:
	case R_OPTIONAL:
		fuzz_read(in, param, (int)which);
		break;
	case R_PEEK:
		fuzz_peek(in, param);
		break;
	case R_INTEGER:
		fuzz_integer(in);
		break;
	case R_SMALL:
		fuzz_small(in, param);
		break;
	case R_BOOLEAN:
		fuzz_boolean(in);
		break;
	case R_NULL:
		fuzz_null(in);
		break;
	case R_OID:
		fuzz_oid(in);
		break;
	case R_BIT_STRING:
		fuzz_bit_string(in);
		break;
	case R_GENERALIZED_TIME:
	case R_UTC_TIME:
		fuzz_time(in, which == R_UTC_TIME);
		break;
	case R_NAME:
	case R_NAME_AT:
		fuzz_name(in, which == R_NAME_AT);
		break;
	case R_SLICES:
		fuzz_slices(in, param);
		break;
	case R_WALK:
	case READERS:
		fuzz_walk(in);
		break;
	}
	return 0;
}
