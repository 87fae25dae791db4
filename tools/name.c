/*
 * name.c -- RFC 4514 strings for DER Names.
 *
 * Must be safe on arbitrary bytes: a fuzzer drives staple_name_format()
 * directly.
 */
#include "tool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "der.h"

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

static const char hex_upper[] = "0123456789ABCDEF";

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
	size_t len = staple_utf8_encode(cp, enc);

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
		staple_out_of_memory();
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
