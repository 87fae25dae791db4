/*
 * fuzz_name.c -- the tool's string writers for DER things: RFC 4514
 * Names, dotted OIDs, JSON strings.
 *
 * Input: a selector byte (modulo 5), then the bytes to write:
 *   0 staple_name_format(): fails (-1, buffer untouched) exactly when the
 *     bytes are not one well-formed Name; otherwise the text is UTF-8
 *     without control characters, and parsing it back as RFC 4514 finds
 *     one RDN per SET (joined by unescaped ","), one attribute per
 *     AttributeTypeAndValue (joined by unescaped "+"), each "TYPE=VALUE"
 *     with the expected TYPE, no unescaped special character, no
 *     unescaped leading "#" or space or trailing space in a string; a
 *     string value unescapes to its characters in UTF-8 (bytes that are
 *     no character of the string type: those bytes); any other value is
 *     "#" and the hex of its TLV;
 *   1 staple_oid_format(): "#" and the hex of the bytes exactly when they
 *     are no OID (or hold an arc over STAPLE_OID_MAX_ARC octets); else
 *     dotted decimal that encodes back to the same bytes, big arcs too;
 *   2 staple_json_string(): strict JSON (fuzz_json_valid) that decodes
 *     back to the bytes, \u00XX only for controls and for bytes that do
 *     not start valid UTF-8;
 *   3 staple_responder_name_format(): the Name text, or "#" and hex;
 *   4 staple_sigalg_format(): the algorithm's name or the dotted OID.
 */
#include <string.h>

#include "harness.h"
#include "text_check.h"
#include "x690.h"
#include "der.h"
#include "tool.h"

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

static unsigned hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (unsigned)(c - 'a' + 10);
	return (unsigned)(c - 'A' + 10);
}

/* "#" and the lowercase hex of p[0..n). */
static void hash_hex(struct staple_buf *b, const uint8_t *p, size_t n)
{
	staple_buf_char(b, '#');
	staple_buf_hex(b, p, n);
}

static int buf_is(const struct staple_buf *b, size_t from,
                  const struct staple_buf *want)
{
	return b->n - from == want->n &&
	       (want->n == 0 || memcmp(b->p + from, want->p, want->n) == 0);
}

/* --- OBJECT IDENTIFIER -------------------------------------------------------- */

/* Decimal digits, most significant first, of an arc up to 896 bits. */
#define DEC_MAX 300

/*
 * Append the X.690 8.19 sub-identifier of decimal s[0..n) plus `add` to
 * out.  Returns 0 when s is not a canonical decimal number.
 */
static int arc_encode(struct staple_buf *out, const char *s, size_t n,
                      unsigned add)
{
	uint8_t dec[DEC_MAX + 1], b128[DEC_MAX];
	size_t digits = 0, k = 0, i;
	unsigned carry = add;

	if (n == 0 || n > DEC_MAX || (n > 1 && s[0] == '0'))
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
	}
	/* least significant digit first, then add */
	for (i = 0; i < n; i++)
		dec[i] = (uint8_t)(s[n - 1 - i] - '0');
	digits = n;
	for (i = 0; carry > 0; i++) {
		unsigned d = (i < digits ? dec[i] : 0) + carry;
		dec[i] = (uint8_t)(d % 10);
		carry = d / 10;
		if (i >= digits)
			digits = i + 1;
	}
	/* repeated division by 128, remainders least significant first */
	while (digits > 0) {
		unsigned rem = 0;
		for (i = digits; i-- > 0;) {
			unsigned cur = rem * 10 + dec[i];
			dec[i] = (uint8_t)(cur / 128);
			rem = cur % 128;
		}
		b128[k++] = (uint8_t)rem;
		while (digits > 0 && dec[digits - 1] == 0)
			digits--;
	}
	if (k == 0)
		b128[k++] = 0;
	for (i = k; i-- > 0;) {
		uint8_t c = (uint8_t)(b128[i] | (i > 0 ? 0x80u : 0));
		staple_buf_char(out, (char)c);
	}
	return 1;
}

/* Dotted text back to contents octets; 0 when it is not dotted text. */
static int dotted_encode(struct staple_buf *out, const char *s, size_t n)
{
	size_t start = 0, arcs = 0, i;
	unsigned first = 0;

	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != '.')
			continue;
		if (arcs == 0) {
			if (i - start != 1 || s[start] < '0' || s[start] > '2')
				return 0;
			first = (unsigned)(s[start] - '0');
		} else if (arcs == 1) {
			/* X.690 8.19.4: Y < 40 under arcs 0 and 1 */
			if (first < 2 &&
			    (i - start > 2 ||
			     (i - start == 2 && (s[start] - '0') * 10 +
			                                (s[start + 1] - '0') >=
			                        40)))
				return 0;
			if (!arc_encode(out, s + start, i - start, first * 40))
				return 0;
		} else if (!arc_encode(out, s + start, i - start, 0)) {
			return 0;
		}
		arcs++;
		start = i + 1;
	}
	return arcs >= 2;
}

/* Every sub-identifier of a valid OID fits STAPLE_OID_MAX_ARC octets. */
static int arcs_fit(const uint8_t *p, size_t n)
{
	size_t i, run = 0;

	for (i = 0; i < n; i++) {
		if (++run > STAPLE_OID_MAX_ARC)
			return 0;
		if ((p[i] & 0x80u) == 0)
			run = 0;
	}
	return 1;
}

static void check_oid_text(const struct staple_buf *b, size_t from,
                           const uint8_t *p, size_t n)
{
	struct staple_buf want = {NULL, 0, 0};
	int dotted = fuzz_oid_ok(p, n) && arcs_fit(p, n);
	size_t i;

	FUZZ_REQUIRE(b->n > from);
	for (i = from; i < b->n; i++)
		FUZZ_REQUIRE(b->p[i] > 0x20 && b->p[i] < 0x7f);
	if (!dotted) {
		hash_hex(&want, p, n);
		if (!buf_is(b, from, &want))
			fuzz_fail("an invalid OID is not written as #hex: %.*s",
			          (int)(b->n - from), b->p + from);
	} else {
		if (!dotted_encode(&want, b->p + from, b->n - from))
			fuzz_fail("not dotted decimal: %.*s",
			          (int)(b->n - from), b->p + from);
		if (want.n != n || memcmp(want.p, p, n) != 0)
			fuzz_fail("%.*s does not encode back to the OID",
			          (int)(b->n - from), b->p + from);
	}
	staple_buf_free(&want);
}

static void fuzz_oid(const uint8_t *p, size_t n)
{
	struct staple_buf b = {NULL, 0, 0};
	struct staple_slice oid;

	oid.p = p;
	oid.n = n;
	staple_buf_char(&b, 'X');
	staple_oid_format(&b, oid);
	FUZZ_REQUIRE(b.p[0] == 'X');
	check_oid_text(&b, 1, p, n);
	staple_buf_free(&b);
}

static void fuzz_sigalg(const uint8_t *p, size_t n)
{
	struct staple_buf b = {NULL, 0, 0}, want = {NULL, 0, 0};
	struct staple_slice oid;
	const char *name;

	oid.p = p;
	oid.n = n;
	name = staple_sigalg_name(oid);
	staple_sigalg_format(&b, oid);
	FUZZ_REQUIRE(name != NULL); /* "" when unknown, never NULL */
	if (*name != '\0')
		staple_buf_str(&want, name);
	else
		staple_oid_format(&want, oid);
	FUZZ_REQUIRE(buf_is(&b, 0, &want));
	staple_buf_free(&b);
	staple_buf_free(&want);
}

/* --- JSON strings ------------------------------------------------------------- */

static void fuzz_json(const uint8_t *p, size_t n)
{
	struct staple_buf b = {NULL, 0, 0};
	size_t i, k = 0;

	staple_json_string(&b, p, n);
	fuzz_json_valid(b.p, b.n);
	FUZZ_REQUIRE(b.n >= 2 && b.p[0] == '"' && b.p[b.n - 1] == '"');
	/* decode it back: \" \\ and \u00XX are the only escapes */
	for (i = 1; i < b.n - 1; k++) {
		uint8_t c = (uint8_t)b.p[i];
		FUZZ_REQUIRE(k < n);
		if (c != '\\') {
			FUZZ_REQUIRE(c == p[k]);
			i++;
			continue;
		}
		c = (uint8_t)b.p[i + 1];
		if (c == '"' || c == '\\') {
			FUZZ_REQUIRE(c == p[k]);
			i += 2;
		} else {
			uint32_t cp;
			unsigned v;
			FUZZ_REQUIRE(c == 'u' && b.n - 1 - i >= 6 &&
			             b.p[i + 2] == '0' && b.p[i + 3] == '0');
			v = hex_value(b.p[i + 4]) << 4 | hex_value(b.p[i + 5]);
			FUZZ_REQUIRE(v == p[k]);
			/* only controls and bytes that are not UTF-8 */
			FUZZ_REQUIRE(v < 0x20 ||
			             (v >= 0x80 &&
			              fuzz_utf8_decode(p + k, n - k, &cp) == 0));
			i += 6;
		}
	}
	FUZZ_REQUIRE(k == n);
	staple_buf_free(&b);
}

/* --- RFC 4514 ------------------------------------------------------------------ */

/*
 * The RFC 4514 section 3 short names staple writes (tool.h).  Restated
 * here, not taken from tools/name.c: this harness is an independent
 * oracle of that file, so a wrong entry there is caught here.
 */
struct short_name {
	const char *name;
	uint8_t oid[10];
	size_t n;
};

static const struct short_name short_names[] = {
	{"CN", {0x55, 0x04, 0x03}, 3},
	{"L", {0x55, 0x04, 0x07}, 3},
	{"ST", {0x55, 0x04, 0x08}, 3},
	{"O", {0x55, 0x04, 0x0a}, 3},
	{"OU", {0x55, 0x04, 0x0b}, 3},
	{"C", {0x55, 0x04, 0x06}, 3},
	{"STREET", {0x55, 0x04, 0x09}, 3},
	{"DC", {0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x19},
	 10},
	{"UID", {0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x01},
	 10},
};

static const char *short_name(const uint8_t *oid, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof short_names / sizeof short_names[0]; i++)
		if (short_names[i].n == n &&
		    memcmp(short_names[i].oid, oid, n) == 0)
			return short_names[i].name;
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

static void put_utf8(struct staple_buf *b, uint32_t cp)
{
	uint8_t enc[4];
	staple_buf_add(b, enc, staple_utf8_encode(cp, enc));
}

/*
 * What a string value unescapes to: each character of the type in
 * UTF-8, each byte that is none (or a short tail) as that byte.
 */
static void string_expected(struct staple_buf *b, uint8_t tag,
                            const uint8_t *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t len;

		switch (tag) {
		case STAPLE_TAG_UTF8_STRING:
			len = fuzz_utf8_decode(p + i, n - i, &cp);
			if (len == 0)
				len = 1;
			staple_buf_add(b, p + i, len);
			break;
		case STAPLE_TAG_PRINTABLE_STRING:
		case STAPLE_TAG_IA5_STRING:
			len = 1;
			staple_buf_add(b, p + i, 1);
			break;
		case STAPLE_TAG_T61_STRING: /* as Latin-1 */
			len = 1;
			put_utf8(b, p[i]);
			break;
		case STAPLE_TAG_BMP_STRING:
			len = n - i < 2 ? n - i : 2;
			cp = len == 2 ? (uint32_t)p[i] << 8 | p[i + 1] : 0xd800;
			if (cp >= 0xd800 && cp <= 0xdfff)
				staple_buf_add(b, p + i, len);
			else
				put_utf8(b, cp);
			break;
		default: /* UniversalString */
			len = n - i < 4 ? n - i : 4;
			cp = len == 4 ? (uint32_t)p[i] << 24 |
			                        (uint32_t)p[i + 1] << 16 |
			                        (uint32_t)p[i + 2] << 8 | p[i + 3]
			              : 0xd800;
			if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
				staple_buf_add(b, p + i, len);
			else
				put_utf8(b, cp);
			break;
		}
		i += len;
	}
}

/* RFC 4514 2.4: characters a value may only hold escaped. */
static int is_special(char c)
{
	return c != '\0' && strchr("\"+,;<>\\", c) != NULL;
}

/*
 * One "TYPE=VALUE" of the text at s[*at..n): checks it against the
 * AttributeTypeAndValue whose contents are atv[0..atv_n) and moves *at
 * past it (to the "," or "+" that follows, or the end).
 */
static void check_atv_text(const char *s, size_t n, size_t *at,
                           const uint8_t *atv, size_t atv_n)
{
	struct staple_buf want = {NULL, 0, 0}, got = {NULL, 0, 0};
	struct fuzz_tlv type, value;
	struct staple_slice oid;
	const uint8_t *v;
	const char *name;
	size_t i = *at, value_at, last_plain = (size_t)-1;
	int hex_form;

	FUZZ_REQUIRE(fuzz_tlv_parse(atv, atv_n, &type) == STAPLE_OK);
	v = atv + type.hdr + type.len;
	FUZZ_REQUIRE(fuzz_tlv_parse(v, atv_n - type.hdr - type.len, &value) ==
	             STAPLE_OK);

	/* TYPE: the short name, or the dotted OID as staple_oid_format() */
	name = short_name(atv + type.hdr, type.len);
	if (name != NULL) {
		staple_buf_str(&want, name);
	} else {
		oid.p = atv + type.hdr;
		oid.n = type.len;
		staple_oid_format(&want, oid);
	}
	staple_buf_char(&want, '=');
	if (n - i < want.n || memcmp(s + i, want.p, want.n) != 0)
		fuzz_fail("attribute type at %zu: want %.*s", i, (int)want.n,
		          want.p);
	i += want.n;
	value_at = i;

	/* VALUE up to an unescaped "," or "+", unescaped into got */
	hex_form = name == NULL || !is_string_tag(value.tag);
	while (i < n && s[i] != ',' && s[i] != '+') {
		if (s[i] != '\\') {
			if (is_special(s[i]))
				fuzz_fail("unescaped %c at %zu", s[i], i);
			if (i == value_at && !hex_form &&
			    (s[i] == '#' || s[i] == ' '))
				fuzz_fail("unescaped leading %c at %zu", s[i], i);
			last_plain = i;
			staple_buf_char(&got, s[i++]);
		} else if (n - i >= 3 && is_hex(s[i + 1]) && is_hex(s[i + 2])) {
			staple_buf_char(&got, (char)(hex_value(s[i + 1]) << 4 |
			                             hex_value(s[i + 2])));
			i += 3;
		} else if (n - i >= 2 && (is_special(s[i + 1]) ||
		                          s[i + 1] == ' ' || s[i + 1] == '#' ||
		                          s[i + 1] == '=')) {
			staple_buf_char(&got, s[i + 1]);
			i += 2;
		} else {
			fuzz_fail("bad escape at %zu", i);
		}
	}
	if (!hex_form && last_plain != (size_t)-1 && last_plain == i - 1 &&
	    s[last_plain] == ' ')
		fuzz_fail("unescaped trailing space at %zu", last_plain);

	want.n = 0;
	if (hex_form)
		hash_hex(&want, v, value.hdr + value.len);
	else
		string_expected(&want, value.tag, v + value.hdr, value.len);
	if (!buf_is(&got, 0, &want))
		fuzz_fail("value at %zu does not read back as the %s value",
		          value_at, hex_form ? "#hex" : "string");
	staple_buf_free(&want);
	staple_buf_free(&got);
	*at = i;
}

/*
 * Walk the Name the way staple_name_format() requires it (no SET order)
 * and, when text is not NULL, check text[0..n) against it, last RDN
 * first.  Returns 1 when the bytes are one well-formed Name.
 */
#define MAX_RDNS 512
static int name_walk(const uint8_t *p, size_t n, const char *text,
                     size_t text_n)
{
	struct fuzz_tlv name, rdn, atv;
	const uint8_t *rdns[MAX_RDNS];
	size_t rdn_n[MAX_RDNS], count = 0, left, at = 0, r;
	const uint8_t *c;

	if (fuzz_tlv_parse(p, n, &name) != STAPLE_OK ||
	    name.tag != STAPLE_TAG_SEQUENCE || name.hdr + name.len != n)
		return 0;
	c = p + name.hdr;
	left = name.len;
	while (left > 0) {
		const uint8_t *s;
		size_t s_left;

		if (fuzz_tlv_parse(c, left, &rdn) != STAPLE_OK ||
		    rdn.tag != STAPLE_TAG_SET || rdn.len == 0)
			return 0;
		s = c + rdn.hdr;
		s_left = rdn.len;
		while (s_left > 0) {
			struct fuzz_tlv type, value;
			const uint8_t *v;
			if (fuzz_tlv_parse(s, s_left, &atv) != STAPLE_OK ||
			    atv.tag != STAPLE_TAG_SEQUENCE)
				return 0;
			v = s + atv.hdr;
			if (fuzz_tlv_parse(v, atv.len, &type) != STAPLE_OK ||
			    type.tag != STAPLE_TAG_OID ||
			    !fuzz_oid_ok(v + type.hdr, type.len) ||
			    fuzz_tlv_parse(v + type.hdr + type.len,
			                   atv.len - type.hdr - type.len,
			                   &value) != STAPLE_OK ||
			    type.hdr + type.len + value.hdr + value.len !=
			            atv.len)
				return 0;
			s += atv.hdr + atv.len;
			s_left -= atv.hdr + atv.len;
		}
		if (count == MAX_RDNS)
			return text == NULL; /* too many to check the text */
		rdns[count] = c + rdn.hdr;
		rdn_n[count++] = rdn.len;
		c += rdn.hdr + rdn.len;
		left -= rdn.hdr + rdn.len;
	}
	if (text == NULL)
		return 1;
	for (r = count; r-- > 0;) {
		const uint8_t *s = rdns[r];
		size_t s_left = rdn_n[r];
		int first = 1;

		if (r + 1 != count) {
			if (at >= text_n || text[at] != ',')
				fuzz_fail("expected ',' at %zu", at);
			at++;
		}
		while (s_left > 0) {
			FUZZ_REQUIRE(fuzz_tlv_parse(s, s_left, &atv) ==
			             STAPLE_OK);
			if (!first) {
				if (at >= text_n || text[at] != '+')
					fuzz_fail("expected '+' at %zu", at);
				at++;
			}
			check_atv_text(text, text_n, &at, s + atv.hdr, atv.len);
			s += atv.hdr + atv.len;
			s_left -= atv.hdr + atv.len;
			first = 0;
		}
	}
	if (at != text_n)
		fuzz_fail("%zu bytes left after the last RDN", text_n - at);
	return 1;
}

static void fuzz_name(const uint8_t *p, size_t n)
{
	struct staple_buf b = {NULL, 0, 0};
	struct staple_slice name;
	int ok = name_walk(p, n, NULL, 0), rc;

	name.p = p;
	name.n = n;
	staple_buf_char(&b, 'X'); /* what a failure must leave alone */
	rc = staple_name_format(&b, name);
	FUZZ_REQUIRE(rc == 0 || rc == -1);
	if (ok != (rc == 0))
		fuzz_fail("staple_name_format returned %d for %s Name", rc,
		          ok ? "a well-formed" : "a malformed");
	FUZZ_REQUIRE(b.n >= 1 && b.p[0] == 'X');
	if (rc != 0) {
		FUZZ_REQUIRE(b.n == 1);
	} else {
		fuzz_text_valid(b.p + 1, b.n - 1, 0);
		(void)name_walk(p, n, b.p + 1, b.n - 1);
	}
	staple_buf_free(&b);
}

static void fuzz_responder_name(const uint8_t *p, size_t n)
{
	struct staple_buf b = {NULL, 0, 0}, want = {NULL, 0, 0};
	struct staple_slice name;

	name.p = p;
	name.n = n;
	staple_responder_name_format(&b, name);
	if (staple_name_format(&want, name) != 0)
		hash_hex(&want, p, n);
	FUZZ_REQUIRE(buf_is(&b, 0, &want));
	fuzz_text_valid(b.p, b.n, 0);
	staple_buf_free(&b);
	staple_buf_free(&want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	switch (data[0] % 5) {
	case 0:
		fuzz_name(data + 1, size - 1);
		break;
	case 1:
		fuzz_oid(data + 1, size - 1);
		break;
	case 2:
		fuzz_json(data + 1, size - 1);
		break;
	case 3:
		fuzz_responder_name(data + 1, size - 1);
		break;
	default:
		fuzz_sigalg(data + 1, size - 1);
		break;
	}
	return 0;
}
