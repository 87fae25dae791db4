/*
 * test_der.c -- the cursor and the strict readers of core/der.h, one by
 * one, on small hand-written inputs.
 *
 * Every case runs in an exact-size heap buffer (test_hex), so a reader that
 * looks one byte too far trips AddressSanitizer.  A case that must fail
 * names the exact error and checks that the cursor did not move (der.h:
 * "leaves the cursor where it was"); a case that must succeed checks how
 * far the cursor moved and which bytes the reader handed back.  Most
 * successful inputs carry a following element ("05 00") so that a reader
 * that reads too far is caught as well.
 *
 * Clause numbers are those of ITU-T X.690 (02/2021).
 */
#include "tests.h"

#include "der.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

enum reader {
	RD_ANY,        /* staple_der_read_any; .tag is the tag expected back */
	RD_READ,       /* staple_der_read(.tag) */
	RD_WHOLE,      /* staple_der_read_whole(.tag) */
	RD_OPTIONAL,   /* staple_der_read_optional(.tag); .value is present */
	RD_INTEGER,    /* staple_der_read_integer */
	RD_SMALL,      /* staple_der_read_small(.tag, .max, .range_err) */
	RD_BOOLEAN,    /* staple_der_read_boolean; .value is the boolean */
	RD_NULL,       /* staple_der_read_null */
	RD_OID,        /* staple_der_read_oid */
	RD_BIT_STRING, /* staple_der_read_bit_string; .value is unused bits */
	RD_GTIME,      /* staple_der_read_generalized_time; .value is ms */
	RD_UTCTIME,    /* staple_der_read_utc_time; .value is ms */
	RD_NAME        /* staple_der_read_name; the slice is the whole TLV */
};

struct der_case {
	enum reader rd;
	const char *hex;    /* the input, exactly */
	uint8_t tag;        /* see enum reader */
	unsigned long max;  /* RD_SMALL only */
	int range_err;      /* RD_SMALL only */
	int err;            /* expected result; STAPLE_OK when omitted */
	/* On success: */
	size_t consumed;    /* how far the cursor moves */
	size_t off, len;    /* the slice handed back, as offset and length
	                       into the input (len 0: an empty slice) */
	int64_t value;      /* see enum reader */
};

/* Run one case; `i` only labels the failure messages. */
static void run_case(const struct der_case *c, int i)
{
	size_t len;
	uint8_t *buf = test_hex(c->hex, &len);
	struct staple_slice cur = {buf, len};
	struct staple_slice out = {NULL, 0}, whole = {NULL, 0};
	unsigned long ul = 0;
	unsigned unused = 0;
	int64_t value = 0;
	uint8_t tag = 0;
	int flag = 0, err = -1;

	switch (c->rd) {
	case RD_ANY:
		err = staple_der_read_any(&cur, &tag, &out, &whole);
		value = tag;
		break;
	case RD_READ:
		err = staple_der_read(&cur, c->tag, &out);
		break;
	case RD_WHOLE:
		err = staple_der_read_whole(&cur, c->tag, &out);
		break;
	case RD_OPTIONAL:
		err = staple_der_read_optional(&cur, c->tag, &out, &flag);
		value = flag;
		break;
	case RD_INTEGER:
		err = staple_der_read_integer(&cur, &out);
		break;
	case RD_SMALL:
		err = staple_der_read_small(&cur, c->tag, c->max, c->range_err,
		                            &ul);
		value = (int64_t)ul;
		break;
	case RD_BOOLEAN:
		err = staple_der_read_boolean(&cur, &flag);
		value = flag;
		break;
	case RD_NULL:
		err = staple_der_read_null(&cur);
		break;
	case RD_OID:
		err = staple_der_read_oid(&cur, &out);
		break;
	case RD_BIT_STRING:
		err = staple_der_read_bit_string(&cur, &out, &unused);
		value = unused;
		break;
	case RD_GTIME:
		err = staple_der_read_generalized_time(&cur, &value);
		break;
	case RD_UTCTIME:
		err = staple_der_read_utc_time(&cur, &value);
		break;
	case RD_NAME:
		err = staple_der_read_name(NULL, &cur, &out);
		break;
	}

	ck_assert_msg(err == c->err, "case %d [%s]: got %s (%d), want %s (%d)",
	              i, c->hex, staple_errname(err), err,
	              staple_errname(c->err), c->err);
	if (c->err != STAPLE_OK) {
		/* der.h: a failed read leaves the cursor where it was. */
		ck_assert_msg(cur.p == buf && cur.n == len,
		              "case %d [%s]: cursor moved on failure "
		              "(p +%td, n %zu of %zu)",
		              i, c->hex, cur.p - buf, cur.n, len);
		free(buf);
		return;
	}
	ck_assert_msg(cur.p == buf + c->consumed && cur.n == len - c->consumed,
	              "case %d [%s]: cursor at +%td (n %zu), want +%zu", i,
	              c->hex, cur.p - buf, cur.n, c->consumed);
	if (c->len > 0)
		ck_assert_msg(out.p == buf + c->off && out.n == c->len,
		              "case %d [%s]: slice +%td/%zu, want +%zu/%zu", i,
		              c->hex,
		              out.p == NULL ? (ptrdiff_t)-1 : out.p - buf,
		              out.n, c->off, c->len);
	else
		ck_assert_msg(out.n == 0, "case %d [%s]: slice of %zu bytes, "
		              "want empty", i, c->hex, out.n);
	if (c->rd == RD_OPTIONAL && !flag)
		/* staple.h: an absent field is {NULL, 0}. */
		ck_assert_msg(out.p == NULL, "case %d: absent, slice not NULL",
		              i);
	if (c->rd == RD_ANY) {
		ck_assert_msg(whole.p == buf && whole.n == c->consumed,
		              "case %d [%s]: whole +%td/%zu", i, c->hex,
		              whole.p - buf, whole.n);
	}
	switch (c->rd) {
	case RD_ANY:
	case RD_OPTIONAL:
	case RD_SMALL:
	case RD_BOOLEAN:
	case RD_BIT_STRING:
	case RD_GTIME:
	case RD_UTCTIME:
		ck_assert_msg(value == c->value,
		              "case %d [%s]: value %lld, want %lld", i, c->hex,
		              (long long)value, (long long)c->value);
		break;
	default:
		break;
	}
	free(buf);
}

/*
 * staple_der_read_any: identifier and length octets (X.690 8.1.2, 8.1.3,
 * 10.1).  Lengths that need big inputs are in length_cases below.
 */
static const struct der_case any_cases[] = {
	/* Empty contents, short form length. */
	{.rd = RD_ANY, .hex = "04 00 05 00", .consumed = 2,
	 .off = 2, .len = 0, .value = 0x04},
	/* One contents octet, followed by another element. */
	{.rd = RD_ANY, .hex = "04 01 aa 05 00", .consumed = 3, .off = 2,
	 .len = 1, .value = 0x04},
	/* Constructed: the contents are not looked into. */
	{.rd = RD_ANY, .hex = "30 03 02 01 05 05 00", .consumed = 5, .off = 2,
	 .len = 3, .value = 0x30},
	/* Context-specific, constructed and primitive. */
	{.rd = RD_ANY, .hex = "a0 03 02 01 00", .consumed = 5, .off = 2,
	 .len = 3, .value = 0xa0},
	{.rd = RD_ANY, .hex = "80 00", .consumed = 2, .off = 2, .len = 0,
	 .value = 0x80},
	/* An empty cursor holds no element at all. */
	{.rd = RD_ANY, .hex = "", .err = STAPLE_ERR_TRUNCATED},
	/* A tag without its length octet (8.1.1: T, L and V). */
	{.rd = RD_ANY, .hex = "04", .err = STAPLE_ERR_TRUNCATED},
	/* Length 1 but no contents octet left. */
	{.rd = RD_ANY, .hex = "04 01", .err = STAPLE_ERR_TRUNCATED},
	/* Length 5 with one octet left: runs past the end. */
	{.rd = RD_ANY, .hex = "04 05 00", .err = STAPLE_ERR_TRUNCATED},
	/* A SEQUENCE longer than what holds it. */
	{.rd = RD_ANY, .hex = "30 04 02 01 05", .err = STAPLE_ERR_TRUNCATED},
	/* Long form announcing 1 length octet, none present. */
	{.rd = RD_ANY, .hex = "04 81", .err = STAPLE_ERR_TRUNCATED},
	/* Long form announcing 2 length octets, one present. */
	{.rd = RD_ANY, .hex = "04 82 01", .err = STAPLE_ERR_TRUNCATED},
	/* 4 length octets saying 4 GiB - 1 with one octet of contents: an
	 * implementation adding lengths carelessly would wrap. */
	{.rd = RD_ANY, .hex = "04 84 ff ff ff ff 00",
	 .err = STAPLE_ERR_TRUNCATED},
	/* 0x80 is the indefinite form, BER only (X.690 10.1: DER uses the
	 * definite form). */
	{.rd = RD_ANY, .hex = "04 80 00 00",
	 .err = STAPLE_ERR_INDEFINITE_LENGTH},
	{.rd = RD_ANY, .hex = "30 80 05 00 00 00",
	 .err = STAPLE_ERR_INDEFINITE_LENGTH},
	/* Five length octets: more than staple's 4 (staple.h STRICTNESS);
	 * the value 2^32 is minimal for five octets, so only the count is
	 * wrong, and it is reported before the contents are looked for. */
	{.rd = RD_ANY, .hex = "04 85 01 00 00 00 00",
	 .err = STAPLE_ERR_LONG_LENGTH},
	/* Long form for a length below 128 (X.690 10.1: the fewest octets,
	 * so the short form). */
	{.rd = RD_ANY, .hex = "04 81 05 00 00 00 00 00",
	 .err = STAPLE_ERR_NONMINIMAL_LENGTH},
	/* Long form for length 0. */
	{.rd = RD_ANY, .hex = "04 81 00", .err = STAPLE_ERR_NONMINIMAL_LENGTH},
	/* 8.1.2.4: tag number 31 and up take the high-tag-number form, a
	 * first octet with all five low bits set; OCSP never needs one, and
	 * staple takes one-byte tags only. */
	{.rd = RD_ANY, .hex = "1f 1f 00", .err = STAPLE_ERR_TAG},
	/* The same, context-specific constructed [33]. */
	{.rd = RD_ANY, .hex = "bf 21 00", .err = STAPLE_ERR_TAG},
	/* The same with a well-formed length behind it. */
	{.rd = RD_ANY, .hex = "5f 81 01 00", .err = STAPLE_ERR_TAG},
};

/* staple_der_read, staple_der_read_whole, staple_der_peek-based optional */
static const struct der_case read_cases[] = {
	/* The tag asked for: contents handed back, cursor after it. */
	{.rd = RD_READ, .hex = "04 01 aa 05 00", .tag = 0x04, .consumed = 3,
	 .off = 2, .len = 1},
	{.rd = RD_READ, .hex = "30 00 05 00", .tag = 0x30, .consumed = 2},
	/* Another tag than the one the grammar asks for. */
	{.rd = RD_READ, .hex = "04 01 aa", .tag = 0x30, .err = STAPLE_ERR_TAG},
	/* Same number, other form: [0] primitive is not [0] constructed
	 * (8.1.2.5: bit 6 is part of the identifier). */
	{.rd = RD_READ, .hex = "80 00", .tag = 0xa0, .err = STAPLE_ERR_TAG},
	/* Same number, other class: [UNIVERSAL 4] is not [4]. */
	{.rd = RD_READ, .hex = "84 00", .tag = 0x04, .err = STAPLE_ERR_TAG},
	/* Nothing left where an element is required. */
	{.rd = RD_READ, .hex = "", .tag = 0x04, .err = STAPLE_ERR_TRUNCATED},
	/* Right tag, contents past the end. */
	{.rd = RD_READ, .hex = "04 05 00", .tag = 0x04,
	 .err = STAPLE_ERR_TRUNCATED},
	/* Right tag, BER length. */
	{.rd = RD_READ, .hex = "30 80 00 00", .tag = 0x30,
	 .err = STAPLE_ERR_INDEFINITE_LENGTH},
	/* Asking for the high-tag-number octet itself does not make a
	 * multi-byte tag acceptable (8.1.2.4). */
	{.rd = RD_READ, .hex = "1f 1f 00", .tag = 0x1f, .err = STAPLE_ERR_TAG},

	/* read_whole hands back tag, length and contents. */
	{.rd = RD_WHOLE, .hex = "30 03 02 01 05 ff", .tag = 0x30,
	 .consumed = 5, .off = 0, .len = 5},
	{.rd = RD_WHOLE, .hex = "04 81 80"
	 " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
	 " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
	 " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
	 " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
	 " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
	 " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
	 " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
	 " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 05 00",
	 .tag = 0x04, .consumed = 131, .off = 0, .len = 131},
	/* SET where a SEQUENCE is asked for. */
	{.rd = RD_WHOLE, .hex = "31 00", .tag = 0x30, .err = STAPLE_ERR_TAG},
	/* SEQUENCE longer than the input. */
	{.rd = RD_WHOLE, .hex = "30 04 02 01 05", .tag = 0x30,
	 .err = STAPLE_ERR_TRUNCATED},
	{.rd = RD_WHOLE, .hex = "", .tag = 0x30, .err = STAPLE_ERR_TRUNCATED},

	/* OPTIONAL present: read like staple_der_read. */
	{.rd = RD_OPTIONAL, .hex = "a0 03 02 01 05 04 00", .tag = 0xa0,
	 .consumed = 5, .off = 2, .len = 3, .value = 1},
	/* OPTIONAL absent: another tag follows; nothing moves. */
	{.rd = RD_OPTIONAL, .hex = "04 00", .tag = 0xa0, .consumed = 0,
	 .value = 0},
	/* OPTIONAL absent at the end of its container. */
	{.rd = RD_OPTIONAL, .hex = "", .tag = 0xa0, .consumed = 0, .value = 0},
	/* OPTIONAL present but its length runs past the end: an error, not
	 * "absent". */
	{.rd = RD_OPTIONAL, .hex = "a0 05 02 01 05", .tag = 0xa0,
	 .err = STAPLE_ERR_TRUNCATED},
	/* OPTIONAL present with a BER length (X.690 10.1). */
	{.rd = RD_OPTIONAL, .hex = "a1 80 00 00", .tag = 0xa1,
	 .err = STAPLE_ERR_INDEFINITE_LENGTH},
	/* OPTIONAL present with a length not in the fewest octets. */
	{.rd = RD_OPTIONAL, .hex = "a1 81 02 30 00", .tag = 0xa1,
	 .err = STAPLE_ERR_NONMINIMAL_LENGTH},
};

/* INTEGER (8.3) and the small INTEGER/ENUMERATED reader. */
static const struct der_case integer_cases[] = {
	{.rd = RD_INTEGER, .hex = "02 01 00 05 00", .consumed = 3, .off = 2,
	 .len = 1},
	{.rd = RD_INTEGER, .hex = "02 01 7f", .consumed = 3, .off = 2,
	 .len = 1},
	/* 128 needs a leading 00 to stay positive: minimal. */
	{.rd = RD_INTEGER, .hex = "02 02 00 80", .consumed = 4, .off = 2,
	 .len = 2},
	/* Negative numbers are fine as INTEGERs: -128, -129. */
	{.rd = RD_INTEGER, .hex = "02 01 80", .consumed = 3, .off = 2,
	 .len = 1},
	{.rd = RD_INTEGER, .hex = "02 02 ff 7f", .consumed = 4, .off = 2,
	 .len = 2},
	/* A 20-octet serial number (RFC 5280 4.1.2.2's maximum). */
	{.rd = RD_INTEGER, .hex = "02 14 7f ff ff ff ff ff ff ff ff ff"
	 " ff ff ff ff ff ff ff ff ff ff", .consumed = 22, .off = 2, .len = 20},
	/* 8.3.1: the contents are one or more octets. */
	{.rd = RD_INTEGER, .hex = "02 00", .err = STAPLE_ERR_INTEGER},
	/* 8.3.2: the first nine bits are not all zero (00 7f is 7f). */
	{.rd = RD_INTEGER, .hex = "02 02 00 7f", .err = STAPLE_ERR_INTEGER},
	/* 8.3.2: the first nine bits are not all one (ff 80 is 80). */
	{.rd = RD_INTEGER, .hex = "02 02 ff 80", .err = STAPLE_ERR_INTEGER},
	/* 8.3.2: two leading zero octets. */
	{.rd = RD_INTEGER, .hex = "02 03 00 00 80", .err = STAPLE_ERR_INTEGER},
	/* 8.3.2: a lone 00 in front of a zero. */
	{.rd = RD_INTEGER, .hex = "02 02 00 00", .err = STAPLE_ERR_INTEGER},
	/* ENUMERATED is its own universal tag (10), not INTEGER's. */
	{.rd = RD_INTEGER, .hex = "0a 01 00", .err = STAPLE_ERR_TAG},
	{.rd = RD_INTEGER, .hex = "02 02 00", .err = STAPLE_ERR_TRUNCATED},

	/* ENUMERATED 0..6 (OCSPResponseStatus-like). */
	{.rd = RD_SMALL, .hex = "0a 01 00 05 00", .tag = 0x0a, .max = 6,
	 .range_err = STAPLE_ERR_RESPONSE_STATUS, .consumed = 3, .value = 0},
	{.rd = RD_SMALL, .hex = "0a 01 06", .tag = 0x0a, .max = 6,
	 .range_err = STAPLE_ERR_RESPONSE_STATUS, .consumed = 3, .value = 6},
	/* One above the maximum: the caller's range error, as given. */
	{.rd = RD_SMALL, .hex = "0a 01 07", .tag = 0x0a, .max = 6,
	 .range_err = STAPLE_ERR_RESPONSE_STATUS,
	 .err = STAPLE_ERR_RESPONSE_STATUS},
	/* -1 is minimal but below 0: out of range, not an INTEGER error. */
	{.rd = RD_SMALL, .hex = "0a 01 ff", .tag = 0x0a, .max = 6,
	 .range_err = STAPLE_ERR_RESPONSE_STATUS,
	 .err = STAPLE_ERR_RESPONSE_STATUS},
	/* 128, two octets, far above the maximum. */
	{.rd = RD_SMALL, .hex = "0a 02 00 80", .tag = 0x0a, .max = 6,
	 .range_err = STAPLE_ERR_RESPONSE_STATUS,
	 .err = STAPLE_ERR_RESPONSE_STATUS},
	/* The range error is whatever the caller passes. */
	{.rd = RD_SMALL, .hex = "0a 01 0a", .tag = 0x0a, .max = 10,
	 .range_err = STAPLE_ERR_REASON, .consumed = 3, .value = 10},
	{.rd = RD_SMALL, .hex = "0a 01 0b", .tag = 0x0a, .max = 10,
	 .range_err = STAPLE_ERR_REASON, .err = STAPLE_ERR_REASON},
	{.rd = RD_SMALL, .hex = "02 01 00", .tag = 0x02, .max = 0,
	 .range_err = STAPLE_ERR_VERSION, .consumed = 3, .value = 0},
	{.rd = RD_SMALL, .hex = "02 01 01", .tag = 0x02, .max = 0,
	 .range_err = STAPLE_ERR_VERSION, .err = STAPLE_ERR_VERSION},
	/* ENUMERATED is encoded as an INTEGER (8.4), so 8.3.2 applies:
	 * the minimality check comes before the range check. */
	{.rd = RD_SMALL, .hex = "0a 02 00 06", .tag = 0x0a, .max = 6,
	 .range_err = STAPLE_ERR_RESPONSE_STATUS, .err = STAPLE_ERR_INTEGER},
	/* 8.3.1 via 8.4: no contents octet. */
	{.rd = RD_SMALL, .hex = "0a 00", .tag = 0x0a, .max = 6,
	 .range_err = STAPLE_ERR_RESPONSE_STATUS, .err = STAPLE_ERR_INTEGER},
	/* INTEGER where the grammar says ENUMERATED. */
	{.rd = RD_SMALL, .hex = "02 01 00", .tag = 0x0a, .max = 6,
	 .range_err = STAPLE_ERR_RESPONSE_STATUS, .err = STAPLE_ERR_TAG},
	/* Boundaries of the multi-octet accumulation. */
	{.rd = RD_SMALL, .hex = "02 02 01 00", .tag = 0x02, .max = 0x100,
	 .range_err = STAPLE_ERR_LIMIT, .consumed = 4, .value = 0x100},
	{.rd = RD_SMALL, .hex = "02 02 01 01", .tag = 0x02, .max = 0x100,
	 .range_err = STAPLE_ERR_LIMIT, .err = STAPLE_ERR_LIMIT},
	{.rd = RD_SMALL, .hex = "02 03 00 ff ff", .tag = 0x02, .max = 0xffff,
	 .range_err = STAPLE_ERR_LIMIT, .consumed = 5, .value = 0xffff},
	{.rd = RD_SMALL, .hex = "02 03 01 00 00", .tag = 0x02, .max = 0xffff,
	 .range_err = STAPLE_ERR_LIMIT, .err = STAPLE_ERR_LIMIT},
	{.rd = RD_SMALL, .hex = "02 05 00 ff ff ff ff", .tag = 0x02,
	 .max = 0xfffffffful, .range_err = STAPLE_ERR_LIMIT, .consumed = 7,
	 .value = 0xffffffffll},
	{.rd = RD_SMALL, .hex = "02 05 01 00 00 00 00", .tag = 0x02,
	 .max = 0xfffffffful, .range_err = STAPLE_ERR_LIMIT,
	 .err = STAPLE_ERR_LIMIT},
	/* 2^72: more octets than an unsigned long holds must not wrap
	 * around to a small value. */
	{.rd = RD_SMALL, .hex = "02 0a 01 00 00 00 00 00 00 00 00 00",
	 .tag = 0x02, .max = ULONG_MAX, .range_err = STAPLE_ERR_LIMIT,
	 .err = STAPLE_ERR_LIMIT},
	{.rd = RD_SMALL, .hex = "02 0a 01 00 00 00 00 00 00 00 00 05",
	 .tag = 0x02, .max = 6, .range_err = STAPLE_ERR_LIMIT,
	 .err = STAPLE_ERR_LIMIT},
};

/* BOOLEAN (8.2, 11.1) and NULL (8.8). */
static const struct der_case boolean_null_cases[] = {
	{.rd = RD_BOOLEAN, .hex = "01 01 00 05 00", .consumed = 3, .value = 0},
	{.rd = RD_BOOLEAN, .hex = "01 01 ff", .consumed = 3, .value = 1},
	/* 11.1: TRUE is FF in DER; any other non-zero octet is BER only. */
	{.rd = RD_BOOLEAN, .hex = "01 01 01", .err = STAPLE_ERR_BOOLEAN},
	{.rd = RD_BOOLEAN, .hex = "01 01 fe", .err = STAPLE_ERR_BOOLEAN},
	/* 8.2.1: exactly one contents octet. */
	{.rd = RD_BOOLEAN, .hex = "01 02 00 00", .err = STAPLE_ERR_BOOLEAN},
	{.rd = RD_BOOLEAN, .hex = "01 02 ff ff", .err = STAPLE_ERR_BOOLEAN},
	{.rd = RD_BOOLEAN, .hex = "01 00", .err = STAPLE_ERR_BOOLEAN},
	/* An INTEGER is not a BOOLEAN. */
	{.rd = RD_BOOLEAN, .hex = "02 01 ff", .err = STAPLE_ERR_TAG},
	{.rd = RD_BOOLEAN, .hex = "01 01", .err = STAPLE_ERR_TRUNCATED},

	{.rd = RD_NULL, .hex = "05 00 05 00", .consumed = 2},
	/* 8.8.2: NULL has no contents octets. */
	{.rd = RD_NULL, .hex = "05 01 00", .err = STAPLE_ERR_NULL},
	{.rd = RD_NULL, .hex = "04 00", .err = STAPLE_ERR_TAG},
	{.rd = RD_NULL, .hex = "05 81 00", .err = STAPLE_ERR_NONMINIMAL_LENGTH},
	{.rd = RD_NULL, .hex = "05", .err = STAPLE_ERR_TRUNCATED},
};

/* OBJECT IDENTIFIER (8.19). */
static const struct der_case oid_cases[] = {
	/* id-pkix-ocsp-basic 1.3.6.1.5.5.7.48.1.1 */
	{.rd = RD_OID, .hex = "06 09 2b 06 01 05 05 07 30 01 01 05 00",
	 .consumed = 11, .off = 2, .len = 9},
	/* sha256WithRSAEncryption 1.2.840.113549.1.1.11: arcs of two and
	 * three octets (86 48 = 840, 86 f7 0d = 113549). */
	{.rd = RD_OID, .hex = "06 09 2a 86 48 86 f7 0d 01 01 0b",
	 .consumed = 11, .off = 2, .len = 9},
	/* 2.48 is the first sub-identifier 128: 81 00 is minimal. */
	{.rd = RD_OID, .hex = "06 02 81 00", .consumed = 4, .off = 2, .len = 2},
	/* A single sub-identifier 0 (0.0). */
	{.rd = RD_OID, .hex = "06 01 00", .consumed = 3, .off = 2, .len = 1},
	/* 8.19.2: at least one sub-identifier. */
	{.rd = RD_OID, .hex = "06 00", .err = STAPLE_ERR_OID},
	/* 8.19.2: "the leading octet of the subidentifier shall not have
	 * the value 0x80" (a padded first sub-identifier). */
	{.rd = RD_OID, .hex = "06 02 80 01", .err = STAPLE_ERR_OID},
	/* The same rule, for a later sub-identifier. */
	{.rd = RD_OID, .hex = "06 03 2b 80 01", .err = STAPLE_ERR_OID},
	{.rd = RD_OID, .hex = "06 0a 2b 06 01 05 05 07 30 01 80 01",
	 .err = STAPLE_ERR_OID},
	/* 8.19.2: the last octet of each sub-identifier has bit 8 clear;
	 * here the last sub-identifier never ends. */
	{.rd = RD_OID, .hex = "06 03 2b 06 81", .err = STAPLE_ERR_OID},
	{.rd = RD_OID, .hex = "06 01 81", .err = STAPLE_ERR_OID},
	{.rd = RD_OID, .hex = "04 01 2b", .err = STAPLE_ERR_TAG},
	{.rd = RD_OID, .hex = "06 02 2b", .err = STAPLE_ERR_TRUNCATED},
};

/* BIT STRING (8.6, 11.2). */
static const struct der_case bit_string_cases[] = {
	/* The dummy signature of test_negative.c: two whole octets. */
	{.rd = RD_BIT_STRING, .hex = "03 03 00 ab cd 05 00", .consumed = 5,
	 .off = 3, .len = 2, .value = 0},
	/* 8.6.2.3: an empty bit string is the single octet 00. */
	{.rd = RD_BIT_STRING, .hex = "03 01 00", .consumed = 3, .len = 0,
	 .value = 0},
	/* 7 unused bits, all zero: one bit set, the first. */
	{.rd = RD_BIT_STRING, .hex = "03 02 07 80", .consumed = 4, .off = 3,
	 .len = 1, .value = 7},
	{.rd = RD_BIT_STRING, .hex = "03 03 04 ab c0", .consumed = 5, .off = 3,
	 .len = 2, .value = 4},
	/* 8.6.2: the initial octet is always there. */
	{.rd = RD_BIT_STRING, .hex = "03 00", .err = STAPLE_ERR_BIT_STRING},
	/* 8.6.2.2: the number of unused bits is 0 to 7. */
	{.rd = RD_BIT_STRING, .hex = "03 02 08 00",
	 .err = STAPLE_ERR_BIT_STRING},
	{.rd = RD_BIT_STRING, .hex = "03 02 ff 00",
	 .err = STAPLE_ERR_BIT_STRING},
	/* 8.6.2.3: with no subsequent octet the initial octet is 0. */
	{.rd = RD_BIT_STRING, .hex = "03 01 01", .err = STAPLE_ERR_BIT_STRING},
	{.rd = RD_BIT_STRING, .hex = "03 01 07", .err = STAPLE_ERR_BIT_STRING},
	/* 11.2.1: the unused (padding) bits are zero in DER. */
	{.rd = RD_BIT_STRING, .hex = "03 02 01 01",
	 .err = STAPLE_ERR_BIT_STRING},
	{.rd = RD_BIT_STRING, .hex = "03 02 07 c0",
	 .err = STAPLE_ERR_BIT_STRING},
	{.rd = RD_BIT_STRING, .hex = "03 03 04 ab c8",
	 .err = STAPLE_ERR_BIT_STRING},
	{.rd = RD_BIT_STRING, .hex = "04 01 00", .err = STAPLE_ERR_TAG},
	{.rd = RD_BIT_STRING, .hex = "03 03 00 ab",
	 .err = STAPLE_ERR_TRUNCATED},
};

/*
 * GeneralizedTime (X.690 11.7, RFC 5280 4.1.2.5.2) and UTCTime (11.8,
 * RFC 5280 4.1.2.5.1) through the cursor; test_time.c covers the
 * calendar itself.  The contents are ASCII:
 * 32 30 32 34 30 31 30 32 30 33 30 34 30 35 5a = "20240102030405Z".
 */
static const struct der_case time_cases[] = {
	{.rd = RD_GTIME, .hex = "18 0f 32 30 32 34 30 31 30 32 30 33 30 34 30"
	 " 35 5a 05 00", .consumed = 17, .value = INT64_C(1704164645000)},
	/* ".5": fractions are allowed (11.7.3) and kept to the ms. */
	{.rd = RD_GTIME, .hex = "18 11 32 30 32 34 30 31 30 32 30 33 30 34 30"
	 " 35 2e 35 5a", .consumed = 19, .value = INT64_C(1704164645500)},
	/* ".123456": digits after the millisecond are checked and dropped
	 * (staple.h), not rounded. */
	{.rd = RD_GTIME, .hex = "18 16 32 30 32 34 30 31 30 32 30 33 30 34 30"
	 " 35 2e 31 32 33 34 35 36 5a", .consumed = 24,
	 .value = INT64_C(1704164645123)},
	/* 2000-02-29 exists (divisible by 400). */
	{.rd = RD_GTIME, .hex = "18 0f 32 30 30 30 30 32 32 39 31 32 30 30 30"
	 " 30 5a", .consumed = 17, .value = INT64_C(951825600000)},
	/* 1900-02-29 does not (divisible by 100, not by 400). */
	{.rd = RD_GTIME, .hex = "18 0f 31 39 30 30 30 32 32 39 31 32 30 30 30"
	 " 30 5a", .err = STAPLE_ERR_TIME},
	/* ".50": 11.7.3, the fraction has no trailing zero. */
	{.rd = RD_GTIME, .hex = "18 12 32 30 32 34 30 31 30 32 30 33 30 34 30"
	 " 35 2e 35 30 5a", .err = STAPLE_ERR_TIME},
	/* ".": 11.7.3, a decimal point is followed by at least one digit
	 * (and a fraction of zero is omitted altogether). */
	{.rd = RD_GTIME, .hex = "18 10 32 30 32 34 30 31 30 32 30 33 30 34 30"
	 " 35 2e 5a", .err = STAPLE_ERR_TIME},
	/* No "Z": 11.7.1, the encoding ends with Z (local time is BER). */
	{.rd = RD_GTIME, .hex = "18 0e 32 30 32 34 30 31 30 32 30 33 30 34 30"
	 " 35", .err = STAPLE_ERR_TIME},
	/* Second 60: a leap second, rejected (staple.h, Times). */
	{.rd = RD_GTIME, .hex = "18 0f 32 30 32 34 30 31 30 32 30 33 30 34 36"
	 " 30 5a", .err = STAPLE_ERR_TIME},
	/* ':' (one past '9') in the minutes: not a digit. */
	{.rd = RD_GTIME, .hex = "18 0f 32 30 32 34 30 31 30 32 30 33 3a 34 30"
	 " 35 5a", .err = STAPLE_ERR_TIME},
	/* Month 13. */
	{.rd = RD_GTIME, .hex = "18 0f 32 30 32 34 31 33 30 32 30 33 30 34 30"
	 " 35 5a", .err = STAPLE_ERR_TIME},
	/* A UTCTime where the grammar says GeneralizedTime. */
	{.rd = RD_GTIME, .hex = "17 0d 32 34 30 31 30 32 30 33 30 34 30 35 5a",
	 .err = STAPLE_ERR_TAG},
	/* One contents octet short of the length. */
	{.rd = RD_GTIME, .hex = "18 10 32 30 32 34 30 31 30 32 30 33 30 34 30"
	 " 35 5a", .err = STAPLE_ERR_TRUNCATED},

	/* UTCTime "240102030405Z": YY < 50 is 20YY. */
	{.rd = RD_UTCTIME, .hex = "17 0d 32 34 30 31 30 32 30 33 30 34 30 35 5a"
	 " 05 00", .consumed = 15, .value = INT64_C(1704164645000)},
	/* "500101000000Z": YY >= 50 is 19YY, before the epoch. */
	{.rd = RD_UTCTIME,
	 .hex = "17 0d 35 30 30 31 30 31 30 30 30 30 30 30 5a",
	 .consumed = 15, .value = -INT64_C(631152000000)},
	/* "491231235959Z": the last second UTCTime can say. */
	{.rd = RD_UTCTIME,
	 .hex = "17 0d 34 39 31 32 33 31 32 33 35 39 35 39 5a",
	 .consumed = 15, .value = INT64_C(2524607999000)},
	/* "2401020304Z": 11.8.2, the seconds are always present in DER. */
	{.rd = RD_UTCTIME, .hex = "17 0b 32 34 30 31 30 32 30 33 30 34 5a",
	 .err = STAPLE_ERR_TIME},
	{.rd = RD_UTCTIME, .hex = "18 0f 32 30 32 34 30 31 30 32 30 33 30 34 30"
	 " 35 5a", .err = STAPLE_ERR_TAG},
};

/*
 * Name (RFC 5280 4.1.2.4).  The pieces:
 *   CN=AB  30 09 06 03 55 04 03 0c 02 41 42
 *   O=AB   30 09 06 03 55 04 0a 0c 02 41 42
 *   C=US   30 09 06 03 55 04 06 13 02 55 53
 * CN=AB sorts before O=AB: they first differ at the last OID octet,
 * 03 < 0a.
 */
static const struct der_case name_cases[] = {
	/* One RDN, one ATV. */
	{.rd = RD_NAME, .hex = "30 0d 31 0b 30 09 06 03 55 04 03 0c 02 41 42"
	 " 05 00", .consumed = 15, .off = 0, .len = 15},
	/* C=US, CN=AB: two RDNs. */
	{.rd = RD_NAME, .hex = "30 1a 31 0b 30 09 06 03 55 04 06 13 02 55 53"
	 " 31 0b 30 09 06 03 55 04 03 0c 02 41 42", .consumed = 28, .off = 0,
	 .len = 28},
	/* The empty RDNSequence: a SEQUENCE OF has no minimum size. */
	{.rd = RD_NAME, .hex = "30 00 05 00", .consumed = 2, .off = 0,
	 .len = 2},
	/* A multi-valued RDN {CN=AB, O=AB} in DER order (11.6). */
	{.rd = RD_NAME, .hex = "30 18 31 16 30 09 06 03 55 04 03 0c 02 41 42"
	 " 30 09 06 03 55 04 0a 0c 02 41 42", .consumed = 26, .off = 0,
	 .len = 26},
	/* The same RDN as {O=AB, CN=AB}: X.690 11.6, the components of a
	 * SET OF are in ascending order of their encodings. */
	{.rd = RD_NAME, .hex = "30 18 31 16 30 09 06 03 55 04 0a 0c 02 41 42"
	 " 30 09 06 03 55 04 03 0c 02 41 42", .err = STAPLE_ERR_SET_ORDER},
	/* An empty RDN: RelativeDistinguishedName is SET SIZE (1..MAX)
	 * (RFC 5280 4.1.2.4). */
	{.rd = RD_NAME, .hex = "30 02 31 00", .err = STAPLE_ERR_EMPTY},
	/* The same after a good RDN. */
	{.rd = RD_NAME, .hex = "30 0f 31 0b 30 09 06 03 55 04 03 0c 02 41 42"
	 " 31 00", .err = STAPLE_ERR_EMPTY},
	/* An RDN that is a SEQUENCE, not a SET. */
	{.rd = RD_NAME, .hex = "30 0d 30 0b 30 09 06 03 55 04 03 0c 02 41 42",
	 .err = STAPLE_ERR_TAG},
	/* A Name that is a SET. */
	{.rd = RD_NAME, .hex = "31 0d 31 0b 30 09 06 03 55 04 03 0c 02 41 42",
	 .err = STAPLE_ERR_TAG},
	/* AttributeTypeAndValue ::= SEQUENCE { type, value }: the value
	 * is missing, the ATV ends after its type. */
	{.rd = RD_NAME, .hex = "30 09 31 07 30 05 06 03 55 04 03",
	 .err = STAPLE_ERR_TRUNCATED},
	/* An ATV with a second value after its value ("05 00"): X.690 8.9,
	 * nothing follows the last component. */
	{.rd = RD_NAME, .hex = "30 0f 31 0d 30 0b 06 03 55 04 03 0c 02 41 42"
	 " 05 00", .err = STAPLE_ERR_TRAILING_DATA},
	/* An ATV whose type is an OCTET STRING, not an OID. */
	{.rd = RD_NAME, .hex = "30 0d 31 0b 30 09 04 03 55 04 03 0c 02 41 42",
	 .err = STAPLE_ERR_TAG},
	/* An ATV whose type OID is padded (8.19.2). */
	{.rd = RD_NAME, .hex = "30 0e 31 0c 30 0a 06 04 55 04 80 03 0c 02 41"
	 " 42", .err = STAPLE_ERR_OID},
	/* The RDN runs past the end of the Name. */
	{.rd = RD_NAME, .hex = "30 0d 31 0c 30 09 06 03 55 04 03 0c 02 41 42"
	 " 00", .err = STAPLE_ERR_TRUNCATED},
	/* The Name runs past the end of the input. */
	{.rd = RD_NAME, .hex = "30 0e 31 0b 30 09 06 03 55 04 03 0c 02 41 42",
	 .err = STAPLE_ERR_TRUNCATED},
};

/*
 * staple_der_read_name's context: where inside a bad Name the fault is, by
 * the rule of staple.h for error offsets: the first byte of the element
 * found wrong, the first trailing byte, or where a missing element was
 * expected.
 * The cursor still stays on the Name (checked as in run_case).
 */
struct name_at_case {
	const char *hex;
	int err;
	size_t at; /* offset of the context's at in the input */
};

static const struct name_at_case name_at_cases[] = {
	/* The Name itself is not a SEQUENCE. */
	{"31 0d 31 0b 30 09 06 03 55 04 03 0c 02 41 42", STAPLE_ERR_TAG, 0},
	/* The Name runs past the end of the input. */
	{"30 0e 31 0b 30 09 06 03 55 04 03 0c 02 41 42", STAPLE_ERR_TRUNCATED,
	 0},
	/* An empty RDN (SIZE (1..MAX)): the SET at 2. */
	{"30 02 31 00", STAPLE_ERR_EMPTY, 2},
	/* The same after a good RDN: the second SET, at 15. */
	{"30 0f 31 0b 30 09 06 03 55 04 03 0c 02 41 42 31 00", STAPLE_ERR_EMPTY,
	 15},
	/* An RDN that is a SEQUENCE. */
	{"30 0d 30 0b 30 09 06 03 55 04 03 0c 02 41 42", STAPLE_ERR_TAG, 2},
	/* The RDN runs past the end of the Name. */
	{"30 0d 31 0c 30 09 06 03 55 04 03 0c 02 41 42 00",
	 STAPLE_ERR_TRUNCATED, 2},
	/* {O=AB, CN=AB}: the second ATV, at 15, is the first out of order. */
	{"30 18 31 16 30 09 06 03 55 04 0a 0c 02 41 42"
	 " 30 09 06 03 55 04 03 0c 02 41 42", STAPLE_ERR_SET_ORDER, 15},
	/* An ATV whose type is an OCTET STRING: the type, at 6. */
	{"30 0d 31 0b 30 09 04 03 55 04 03 0c 02 41 42", STAPLE_ERR_TAG, 6},
	/* A padded type OID (X.690 8.19.2): the OID, at 6. */
	{"30 0e 31 0c 30 0a 06 04 55 04 80 03 0c 02 41 42", STAPLE_ERR_OID, 6},
	/* A second value in the ATV: the first trailing byte, at 15. */
	{"30 0f 31 0d 30 0b 06 03 55 04 03 0c 02 41 42 05 00",
	 STAPLE_ERR_TRAILING_DATA, 15},
	/* An ATV that ends after its type (30 05 at 4): the value was
	 * expected at 11, the end of the ATV, where "05 00" (outside the
	 * Name) follows. */
	{"30 09 31 07 30 05 06 03 55 04 03 05 00", STAPLE_ERR_TRUNCATED, 11},
	/* An empty ATV (30 00 at 4): the type was expected at 6. */
	{"30 04 31 02 30 00 05 00", STAPLE_ERR_TRUNCATED, 6},
};

START_TEST(test_name_at)
{
	const struct name_at_case *c = &name_at_cases[_i];
	size_t len;
	uint8_t *buf = test_hex(c->hex, &len);
	struct staple_slice cur = {buf, len}, whole;
	struct staple_ctx ctx = {NULL, 0, 0};
	int err = staple_der_read_name(&ctx, &cur, &whole);
	const uint8_t *at = ctx.at;

	ck_assert_msg(err == c->err && at == buf + c->at,
	              "case %d [%s]: got %s at %td, want %s at %zu", _i, c->hex,
	              staple_errname(err),
	              at == NULL ? (ptrdiff_t)-1 : at - buf,
	              staple_errname(c->err), c->at);
	ck_assert_ptr_eq(cur.p, buf);
	ck_assert_uint_eq(cur.n, len);
	free(buf);
}
END_TEST

START_TEST(test_any)
{
	run_case(&any_cases[_i], _i);
}
END_TEST

START_TEST(test_read)
{
	run_case(&read_cases[_i], _i);
}
END_TEST

START_TEST(test_integer)
{
	run_case(&integer_cases[_i], _i);
}
END_TEST

START_TEST(test_boolean_null)
{
	run_case(&boolean_null_cases[_i], _i);
}
END_TEST

START_TEST(test_oid)
{
	run_case(&oid_cases[_i], _i);
}
END_TEST

START_TEST(test_bit_string)
{
	run_case(&bit_string_cases[_i], _i);
}
END_TEST

START_TEST(test_time)
{
	run_case(&time_cases[_i], _i);
}
END_TEST

START_TEST(test_name)
{
	run_case(&name_cases[_i], _i);
}
END_TEST

/*
 * Lengths around each long-form boundary, with inputs as big as they say
 * (up to 16 MiB + 6), built in exact-size heap buffers: the identifier
 * and length octets `head`, then `fill` zero octets.
 */
struct length_case {
	const char *head;
	size_t fill;
	int err;
};

static const struct length_case length_cases[] = {
	/* The largest short form. */
	{"04 7f", 127, STAPLE_OK},
	/* The smallest one-octet long form. */
	{"04 81 80", 128, STAPLE_OK},
	{"04 81 ff", 255, STAPLE_OK},
	/* The smallest two-, three-, four-octet long forms. */
	{"04 82 01 00", 256, STAPLE_OK},
	{"04 82 ff ff", 65535, STAPLE_OK},
	{"04 83 01 00 00", 65536, STAPLE_OK},
	{"04 84 01 00 00 00", 16777216, STAPLE_OK},
	/* 10.1: 127 fits the short form. */
	{"04 81 7f", 127, STAPLE_ERR_NONMINIMAL_LENGTH},
	/* 10.1: a leading zero length octet (0x90 fits one octet). */
	{"04 82 00 90", 0x90, STAPLE_ERR_NONMINIMAL_LENGTH},
	{"04 82 00 ff", 255, STAPLE_ERR_NONMINIMAL_LENGTH},
	{"04 83 00 ff ff", 65535, STAPLE_ERR_NONMINIMAL_LENGTH},
	{"04 84 00 ff ff ff", 16777215, STAPLE_ERR_NONMINIMAL_LENGTH},
	/* One contents octet short, for each form. */
	{"04 81 80", 127, STAPLE_ERR_TRUNCATED},
	{"04 82 01 00", 255, STAPLE_ERR_TRUNCATED},
	{"04 84 01 00 00 00", 16777215, STAPLE_ERR_TRUNCATED},
	/* 5 length octets: staple's limit is 4 (staple.h STRICTNESS). */
	{"04 85 01 00 00 00 00", 16, STAPLE_ERR_LONG_LENGTH},
};

START_TEST(test_length)
{
	const struct length_case *c = &length_cases[_i];
	size_t hlen, len;
	uint8_t *head = test_hex(c->head, &hlen);
	uint8_t *buf = malloc(hlen + c->fill);
	struct staple_slice cur, contents, whole;
	uint8_t tag;
	int err;

	ck_assert_ptr_nonnull(buf);
	len = hlen + c->fill;
	memcpy(buf, head, hlen);
	memset(buf + hlen, 0, c->fill);
	free(head);
	cur.p = buf;
	cur.n = len;
	err = staple_der_read_any(&cur, &tag, &contents, &whole);
	ck_assert_msg(err == c->err, "case %d [%s + %zu]: got %s, want %s", _i,
	              c->head, c->fill, staple_errname(err),
	              staple_errname(c->err));
	if (err == STAPLE_OK) {
		ck_assert_uint_eq(tag, 0x04);
		ck_assert_ptr_eq(contents.p, buf + hlen);
		ck_assert_uint_eq(contents.n, c->fill);
		ck_assert_ptr_eq(whole.p, buf);
		ck_assert_uint_eq(whole.n, len);
		ck_assert_ptr_eq(cur.p, buf + len);
		ck_assert_uint_eq(cur.n, 0);
	} else {
		ck_assert_ptr_eq(cur.p, buf);
		ck_assert_uint_eq(cur.n, len);
	}
	free(buf);
}
END_TEST

/* read_any accepts NULL for `whole`. */
START_TEST(test_any_without_whole)
{
	size_t len;
	uint8_t *buf = test_hex("30 03 02 01 05 05 00", &len);
	struct staple_slice cur = {buf, len}, contents;
	uint8_t tag;

	ck_assert_int_eq(staple_der_read_any(&cur, &tag, &contents, NULL),
	                 STAPLE_OK);
	ck_assert_uint_eq(tag, 0x30);
	ck_assert_ptr_eq(contents.p, buf + 2);
	ck_assert_uint_eq(contents.n, 3);
	ck_assert_ptr_eq(cur.p, buf + 5);
	ck_assert_uint_eq(cur.n, 2);
	free(buf);
}
END_TEST

/* peek looks at the identifier octet only and never moves. */
START_TEST(test_peek)
{
	size_t len;
	uint8_t *buf = test_hex("a0 05", &len); /* truncated on purpose */
	struct staple_slice cur = {buf, len}, empty = {buf, 0};

	ck_assert_int_eq(staple_der_peek(&cur, 0xa0), 1);
	ck_assert_int_eq(staple_der_peek(&cur, 0x80), 0);
	ck_assert_int_eq(staple_der_peek(&cur, 0x30), 0);
	ck_assert_int_eq(staple_der_peek(&empty, 0xa0), 0);
	ck_assert_ptr_eq(cur.p, buf);
	ck_assert_uint_eq(cur.n, len);
	free(buf);
}
END_TEST

/* Reading a SEQUENCE the way the decoder does: child cursor, then the
 * children, then "nothing left inside". */
START_TEST(test_walk)
{
	size_t len;
	uint8_t *buf = test_hex("30 08 02 01 05 01 01 ff 05 00 04 00", &len);
	struct staple_slice cur = {buf, len}, seq, i;
	int b;

	ck_assert_int_eq(staple_der_read(&cur, 0x30, &seq), STAPLE_OK);
	ck_assert_int_eq(staple_der_read_integer(&seq, &i), STAPLE_OK);
	ck_assert_uint_eq(i.n, 1);
	ck_assert_uint_eq(i.p[0], 5);
	ck_assert_int_eq(staple_der_read_boolean(&seq, &b), STAPLE_OK);
	ck_assert_int_eq(b, 1);
	ck_assert_int_eq(staple_der_read_null(&seq), STAPLE_OK);
	ck_assert_uint_eq(seq.n, 0);
	/* The child cursor cannot read past its parent's end, although the
	 * buffer goes on. */
	ck_assert_int_eq(staple_der_read_null(&seq), STAPLE_ERR_TRUNCATED);
	ck_assert_ptr_eq(cur.p, buf + 10);
	ck_assert_uint_eq(cur.n, 2);
	free(buf);
}
END_TEST

START_TEST(test_slice_equal)
{
	static const uint8_t a[] = {1, 2, 3, 4}, b[] = {1, 2, 3, 4},
	                     c[] = {1, 2, 3, 5};
	struct staple_slice sa = {a, 4}, sb = {b, 4}, sc = {c, 4};
	struct staple_slice sa3 = {a, 3}, none = {NULL, 0}, empty = {a, 0};

	ck_assert_int_eq(staple_slice_equal(sa, sb), 1); /* other buffer */
	ck_assert_int_eq(staple_slice_equal(sa, sa), 1);
	ck_assert_int_eq(staple_slice_equal(sa, sc), 0); /* last byte */
	ck_assert_int_eq(staple_slice_equal(sa, sa3), 0); /* a prefix */
	ck_assert_int_eq(staple_slice_equal(sa3, sa), 0);
	ck_assert_int_eq(staple_slice_equal(none, empty), 1);
	ck_assert_int_eq(staple_slice_equal(none, none), 1);
	ck_assert_int_eq(staple_slice_equal(none, sa), 0);
}
END_TEST

START_TEST(test_slice_is)
{
	static const uint8_t a[] = {0x2b, 0x0e, 0x03, 0x02, 0x1a};
	static const uint8_t sha1[] = {0x2b, 0x0e, 0x03, 0x02, 0x1a};
	struct staple_slice s = {a, 5}, none = {NULL, 0};

	ck_assert_int_eq(staple_slice_is(s, sha1, 5), 1);
	ck_assert_int_eq(staple_slice_is(s, sha1, 4), 0);
	ck_assert_int_eq(staple_slice_is(s, sha1 + 1, 4), 0);
	ck_assert_int_eq(staple_slice_is(none, NULL, 0), 1);
	ck_assert_int_eq(staple_slice_is(none, sha1, 0), 1);
	ck_assert_int_eq(staple_slice_is(none, sha1, 5), 0);
}
END_TEST

#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

Suite *der_suite(void)
{
	Suite *s = suite_create("der");
	TCase *tc;

	tc = tcase_create("read_any");
	tcase_add_loop_test(tc, test_any, 0, N_OF(any_cases));
	tcase_add_test(tc, test_any_without_whole);
	suite_add_tcase(s, tc);

	tc = tcase_create("length");
	tcase_add_loop_test(tc, test_length, 0, N_OF(length_cases));
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);

	tc = tcase_create("read");
	tcase_add_loop_test(tc, test_read, 0, N_OF(read_cases));
	tcase_add_test(tc, test_peek);
	tcase_add_test(tc, test_walk);
	suite_add_tcase(s, tc);

	tc = tcase_create("integer");
	tcase_add_loop_test(tc, test_integer, 0, N_OF(integer_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("boolean_null");
	tcase_add_loop_test(tc, test_boolean_null, 0, N_OF(boolean_null_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("oid");
	tcase_add_loop_test(tc, test_oid, 0, N_OF(oid_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("bit_string");
	tcase_add_loop_test(tc, test_bit_string, 0, N_OF(bit_string_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("time");
	tcase_add_loop_test(tc, test_time, 0, N_OF(time_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("name");
	tcase_add_loop_test(tc, test_name, 0, N_OF(name_cases));
	tcase_add_loop_test(tc, test_name_at, 0, N_OF(name_at_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("slice");
	tcase_add_test(tc, test_slice_equal);
	tcase_add_test(tc, test_slice_is);
	suite_add_tcase(s, tc);

	return s;
}
