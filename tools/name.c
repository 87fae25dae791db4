/*
 * name.c -- strings for DER things: the buffer they are written to, hex,
 * UTF-8, dotted OIDs and RFC 4514 Names.
 *
 * Everything here must be safe on arbitrary bytes: a fuzzer drives
 * staple_name_format() and staple_oid_format() directly.
 */
#include "tool.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "der.h"

/* --- the buffer ----------------------------------------------------------- */

/* Out of memory is not worth handling input by input in a CLI. */
static void out_of_memory(void)
{
	fputs("staple: out of memory\n", stderr);
	exit(STAPLE_EXIT_USAGE);
}

/* Make room for `more` bytes (plus one for vsnprintf's terminator). */
static void buf_reserve(struct staple_buf *b, size_t more)
{
	size_t want, cap;
	char *grown;

	if (more >= (size_t)-1 - b->n - 1)
		out_of_memory();
	want = b->n + more + 1;
	if (want <= b->cap)
		return;
	cap = b->cap > 0 ? b->cap : 256;
	while (cap < want)
		cap = cap > (size_t)-1 / 2 ? want : cap * 2;
	grown = realloc(b->p, cap);
	if (grown == NULL)
		out_of_memory();
	b->p = grown;
	b->cap = cap;
}

void staple_buf_free(struct staple_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->n = 0;
	b->cap = 0;
}

void staple_buf_add(struct staple_buf *b, const void *p, size_t n)
{
	if (n == 0)
		return;
	buf_reserve(b, n);
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

void staple_buf_str(struct staple_buf *b, const char *s)
{
	staple_buf_add(b, s, strlen(s));
}

void staple_buf_char(struct staple_buf *b, char c)
{
	staple_buf_add(b, &c, 1);
}

void staple_buf_printf(struct staple_buf *b, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		return; /* only for an invalid format: none is used */
	buf_reserve(b, (size_t)len);
	va_start(ap, fmt);
	(void)vsnprintf(b->p + b->n, (size_t)len + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)len;
}

static const char hex_lower[] = "0123456789abcdef";
static const char hex_upper[] = "0123456789ABCDEF";

void staple_buf_hex(struct staple_buf *b, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char pair[2];
		pair[0] = hex_lower[p[i] >> 4];
		pair[1] = hex_lower[p[i] & 0xf];
		staple_buf_add(b, pair, 2);
	}
}

/* --- UTF-8 ---------------------------------------------------------------- */

static int is_cont(uint8_t c)
{
	return (c & 0xc0) == 0x80;
}

/* see tool.h; the table is RFC 3629 section 4 */
size_t staple_utf8_next(const uint8_t *p, size_t n, uint32_t *cp)
{
	uint8_t c, lo = 0x80, hi = 0xbf;
	size_t len, i;
	uint32_t v;

	*cp = 0;
	if (n == 0)
		return 0;
	c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		v = c & 0x1fu;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		v = c & 0x0fu;
		if (c == 0xe0)
			lo = 0xa0; /* overlong */
		if (c == 0xed)
			hi = 0x9f; /* surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		v = c & 0x07u;
		if (c == 0xf0)
			lo = 0x90; /* overlong */
		if (c == 0xf4)
			hi = 0x8f; /* above U+10FFFF */
	} else {
		return 0;
	}
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	for (i = 1; i < len; i++) {
		if (!is_cont(p[i]))
			return 0;
		v = v << 6 | (p[i] & 0x3fu);
	}
	*cp = v;
	return len;
}

/* The UTF-8 encoding of cp into out[4]; returns its length. */
static size_t utf8_encode(uint32_t cp, uint8_t out[4])
{
	if (cp < 0x80) {
		out[0] = (uint8_t)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (uint8_t)(0xc0 | cp >> 6);
		out[1] = (uint8_t)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (uint8_t)(0xe0 | cp >> 12);
		out[1] = (uint8_t)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (uint8_t)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (uint8_t)(0xf0 | (cp >> 18 & 0x07));
	out[1] = (uint8_t)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (uint8_t)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (uint8_t)(0x80 | (cp & 0x3f));
	return 4;
}

void staple_buf_utf8(struct staple_buf *b, uint32_t cp)
{
	uint8_t enc[4];
	staple_buf_add(b, enc, utf8_encode(cp, enc));
}

/* --- OBJECT IDENTIFIER ---------------------------------------------------- */

/*
 * An arc too large for uint64_t, as decimal limbs (base 10^9, least
 * significant first).  STAPLE_OID_MAX_ARC octets carry 7 bits each:
 * 896 bits, under 270 decimal digits, so 30 limbs; 32 leaves slack.
 */
#define BIG_BASE 1000000000u
#define BIG_LIMBS 32
struct big_arc {
	uint32_t limb[BIG_LIMBS];
	size_t n;
};

static void big_mul128_add(struct big_arc *a, unsigned add)
{
	uint64_t carry = add;
	size_t i;

	for (i = 0; i < a->n; i++) {
		uint64_t t = (uint64_t)a->limb[i] * 128u + carry;
		a->limb[i] = (uint32_t)(t % BIG_BASE);
		carry = t / BIG_BASE;
	}
	while (carry > 0 && a->n < BIG_LIMBS) {
		a->limb[a->n++] = (uint32_t)(carry % BIG_BASE);
		carry /= BIG_BASE;
	}
}

/* a -= small, for an a known to be larger (an arc of 2^64 or more). */
static void big_sub(struct big_arc *a, uint32_t small)
{
	size_t i;
	uint32_t borrow = small;

	for (i = 0; i < a->n && borrow > 0; i++) {
		if (a->limb[i] >= borrow) {
			a->limb[i] -= borrow;
			borrow = 0;
		} else {
			a->limb[i] = a->limb[i] + BIG_BASE - borrow;
			borrow = 1;
		}
	}
	while (a->n > 1 && a->limb[a->n - 1] == 0)
		a->n--;
}

static void big_print(struct staple_buf *b, const struct big_arc *a)
{
	size_t i = a->n;

	if (i == 0) {
		staple_buf_char(b, '0');
		return;
	}
	staple_buf_printf(b, "%lu", (unsigned long)a->limb[i - 1]);
	while (i-- > 1)
		staple_buf_printf(b, "%09lu", (unsigned long)a->limb[i - 1]);
}

/*
 * 1 when oid is a sequence of minimal, terminated sub-identifiers (X.690
 * 8.19.2) of at most STAPLE_OID_MAX_ARC octets each.
 */
static int oid_printable(struct staple_slice oid)
{
	size_t i, run = 0;

	if (oid.n == 0)
		return 0;
	for (i = 0; i < oid.n; i++) {
		if (run == 0 && oid.p[i] == 0x80)
			return 0; /* leading 0x80: not minimal */
		run++;
		if (run > STAPLE_OID_MAX_ARC)
			return 0;
		if ((oid.p[i] & 0x80) == 0)
			run = 0;
	}
	return run == 0;
}

/*
 * Print the sub-identifier in p[0..n); the first one also carries the
 * first arc (X.690 8.19.4: X*40+Y, X at most 2), hence `first`.
 */
static void arc_print(struct staple_buf *b, const uint8_t *p, size_t n,
                      int first)
{
	uint64_t v = 0;
	size_t i;
	int big = 0;

	for (i = 0; i < n; i++) {
		if (v > UINT64_MAX >> 7) {
			big = 1;
			break;
		}
		v = v << 7 | (p[i] & 0x7fu);
	}
	if (!big) {
		if (first) {
			unsigned top = v < 40 ? 0u : v < 80 ? 1u : 2u;
			staple_buf_printf(b, "%u.", top);
			v -= 40u * top;
		}
		staple_buf_printf(b, "%llu", (unsigned long long)v);
		return;
	}
	{
		struct big_arc a;
		memset(&a, 0, sizeof a);
		for (i = 0; i < n; i++)
			big_mul128_add(&a, p[i] & 0x7fu);
		if (first) {
			staple_buf_str(b, "2."); /* at least 2^64: X is 2 */
			big_sub(&a, 80);
		}
		big_print(b, &a);
	}
}

/* see tool.h */
void staple_oid_format(struct staple_buf *b, struct staple_slice oid)
{
	size_t start = 0, i;

	if (!oid_printable(oid)) {
		staple_buf_char(b, '#');
		staple_buf_hex(b, oid.p, oid.n);
		return;
	}
	for (i = 0; i < oid.n; i++) {
		if ((oid.p[i] & 0x80) != 0)
			continue;
		if (start > 0)
			staple_buf_char(b, '.');
		arc_print(b, oid.p + start, i + 1 - start, start == 0);
		start = i + 1;
	}
}

void staple_sigalg_format(struct staple_buf *b, struct staple_slice oid)
{
	const char *name = staple_sigalg_name(oid);

	if (name != NULL)
		staple_buf_str(b, name);
	else
		staple_oid_format(b, oid);
}

void staple_hash_format(struct staple_buf *b, const struct staple_single *s)
{
	const char *name = staple_hash_name((int)s->hash);

	if (s->hash != STAPLE_HASH_OTHER && name[0] != '\0')
		staple_buf_str(b, name);
	else
		staple_oid_format(b, s->hash_oid);
}

/* --- RFC 4514 ------------------------------------------------------------- */

/* The attribute types RFC 4514 section 3 names, by OID contents. */
struct attr_name {
	const char *name;
	uint8_t oid[10];
	size_t n;
};

static const struct attr_name attr_names[] = {
	{"CN", {0x55, 0x04, 0x03}, 3},
	{"L", {0x55, 0x04, 0x07}, 3},
	{"ST", {0x55, 0x04, 0x08}, 3},
	{"O", {0x55, 0x04, 0x0a}, 3},
	{"OU", {0x55, 0x04, 0x0b}, 3},
	{"C", {0x55, 0x04, 0x06}, 3},
	{"STREET", {0x55, 0x04, 0x09}, 3},
	/* 0.9.2342.19200300.100.1.25 */
	{"DC", {0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x19},
	 10},
	/* 0.9.2342.19200300.100.1.1 */
	{"UID", {0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x01},
	 10},
};

static const char *attr_short_name(struct staple_slice oid)
{
	size_t i;

	for (i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++)
		if (staple_slice_is(oid, attr_names[i].oid, attr_names[i].n))
			return attr_names[i].name;
	return NULL;
}

static int is_string_tag(uint8_t tag)
{
	return tag == STAPLE_TAG_UTF8_STRING ||
	       tag == STAPLE_TAG_PRINTABLE_STRING ||
	       tag == STAPLE_TAG_IA5_STRING || tag == STAPLE_TAG_T61_STRING ||
	       tag == STAPLE_TAG_BMP_STRING ||
	       tag == STAPLE_TAG_UNIVERSAL_STRING;
}

/*
 * The next character of a string value of type tag at p[0..n), n > 0.
 * Returns how many bytes it takes; *valid is 0 when those bytes are not a
 * character of the type (they are then escaped byte by byte).
 */
static size_t string_next(uint8_t tag, const uint8_t *p, size_t n,
                          uint32_t *cp, int *valid)
{
	size_t len;

	*cp = 0;
	*valid = 0;
	switch (tag) {
	case STAPLE_TAG_UTF8_STRING:
		len = staple_utf8_next(p, n, cp);
		*valid = len > 0;
		return len > 0 ? len : 1;
	case STAPLE_TAG_PRINTABLE_STRING:
	case STAPLE_TAG_IA5_STRING:
		*cp = p[0];
		*valid = p[0] < 0x80; /* both are 7-bit sets */
		return 1;
	case STAPLE_TAG_T61_STRING:
		*cp = p[0]; /* read as Latin-1, as most software does */
		*valid = 1;
		return 1;
	case STAPLE_TAG_BMP_STRING: /* UCS-2, big-endian */
		if (n < 2)
			return n;
		*cp = (uint32_t)p[0] << 8 | p[1];
		*valid = *cp < 0xd800 || *cp > 0xdfff;
		return 2;
	default: /* UniversalString: UCS-4, big-endian */
		if (n < 4)
			return n;
		*cp = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		      (uint32_t)p[2] << 8 | p[3];
		*valid = *cp <= 0x10ffff && (*cp < 0xd800 || *cp > 0xdfff);
		return 4;
	}
}

static void hexpairs(struct staple_buf *b, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char esc[3];
		esc[0] = '\\';
		esc[1] = hex_upper[p[i] >> 4];
		esc[2] = hex_upper[p[i] & 0xf];
		staple_buf_add(b, esc, 3);
	}
}

/*
 * One character of a value, escaped per RFC 4514 section 2.4.  Control
 * characters (C0, DEL, C1) are not required to be escaped there, but
 * escaping them as hex pairs keeps terminals and logs safe.
 */
static void char_put(struct staple_buf *b, uint32_t cp, int first, int last)
{
	uint8_t enc[4];
	size_t len = utf8_encode(cp, enc);

	if (cp == 0) {
		staple_buf_str(b, "\\00");
	} else if (cp < 0x80 && strchr("\"+,;<>\\", (int)cp) != NULL) {
		staple_buf_char(b, '\\');
		staple_buf_char(b, (char)cp);
	} else if ((first && (cp == ' ' || cp == '#')) ||
	           (last && cp == ' ')) {
		staple_buf_char(b, '\\');
		staple_buf_char(b, (char)cp);
	} else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
		hexpairs(b, enc, len);
	} else {
		staple_buf_add(b, enc, len);
	}
}

static void string_value_put(struct staple_buf *b, uint8_t tag,
                             struct staple_slice v)
{
	size_t i = 0;

	while (i < v.n) {
		uint32_t cp;
		int valid;
		size_t len = string_next(tag, v.p + i, v.n - i, &cp, &valid);

		if (valid)
			char_put(b, cp, i == 0, i + len == v.n);
		else
			hexpairs(b, v.p + i, len);
		i += len;
	}
}

/* AttributeTypeAndValue ::= SEQUENCE { type OID, value ANY } */
static int atv_put(struct staple_buf *b, struct staple_slice atv)
{
	struct staple_slice type, value, whole;
	uint8_t tag;
	const char *name;

	if (staple_der_read_oid(&atv, &type) != STAPLE_OK ||
	    staple_der_read_any(&atv, &tag, &value, &whole) != STAPLE_OK ||
	    atv.n != 0)
		return -1;
	name = attr_short_name(type);
	if (name != NULL)
		staple_buf_str(b, name);
	else
		staple_oid_format(b, type);
	staple_buf_char(b, '=');
	if (name != NULL && is_string_tag(tag)) {
		string_value_put(b, tag, value);
	} else {
		/* RFC 4514 2.4: dotted types and non-string values */
		staple_buf_char(b, '#');
		staple_buf_hex(b, whole.p, whole.n);
	}
	return 0;
}

/* RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue */
static int rdn_put(struct staple_buf *b, struct staple_slice set)
{
	int first = 1;

	if (set.n == 0)
		return -1;
	while (set.n > 0) {
		struct staple_slice atv;
		if (staple_der_read(&set, STAPLE_TAG_SEQUENCE, &atv) !=
		    STAPLE_OK)
			return -1;
		if (!first)
			staple_buf_char(b, '+');
		if (atv_put(b, atv) != 0)
			return -1;
		first = 0;
	}
	return 0;
}

/* Name ::= SEQUENCE OF RelativeDistinguishedName, printed last RDN first. */
int staple_name_format(struct staple_buf *b, struct staple_slice name)
{
	struct staple_slice cur = name, seq, walk, *rdns;
	size_t count = 0, i, mark = b->n;
	int rc = 0;

	if (staple_der_read(&cur, STAPLE_TAG_SEQUENCE, &seq) != STAPLE_OK ||
	    cur.n != 0)
		return -1;
	/* DER cannot be walked backwards: collect the RDNs first. */
	for (walk = seq; walk.n > 0; count++) {
		struct staple_slice set;
		if (staple_der_read(&walk, STAPLE_TAG_SET, &set) != STAPLE_OK)
			return -1;
	}
	rdns = malloc(count > 0 ? count * sizeof *rdns : 1);
	if (rdns == NULL)
		out_of_memory();
	for (walk = seq, i = 0; i < count; i++)
		if (staple_der_read(&walk, STAPLE_TAG_SET, &rdns[i]) !=
		    STAPLE_OK)
			rc = -1; /* cannot happen: the first walk succeeded */
	for (i = count; i > 0 && rc == 0; i--) {
		if (i != count)
			staple_buf_char(b, ',');
		rc = rdn_put(b, rdns[i - 1]);
	}
	free(rdns);
	if (rc != 0)
		b->n = mark;
	return rc;
}

void staple_responder_name_format(struct staple_buf *b,
                                  struct staple_slice name)
{
	if (staple_name_format(b, name) != 0) {
		staple_buf_char(b, '#');
		staple_buf_hex(b, name.p, name.n);
	}
}
