/*
 * buf.c -- the growable output buffer of the tool, hex and UTF-8.
 *
 * Safe on arbitrary bytes: the fuzzers reach it through the name and JSON
 * writers.
 */
#include "tool.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- the buffer ----------------------------------------------------------- */

/* see tool.h */
void staple_out_of_memory(void)
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
		staple_out_of_memory();
	want = b->n + more + 1;
	if (want <= b->cap)
		return;
	cap = b->cap > 0 ? b->cap : 256;
	while (cap < want)
		cap = cap > (size_t)-1 / 2 ? want : cap * 2;
	grown = realloc(b->p, cap);
	if (grown == NULL)
		staple_out_of_memory();
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

/* see tool.h */
void staple_buf_escaped(struct staple_buf *b, const char *s)
{
	static const char named[] = "\a\b\t\n\v\f\r";
	static const char letter[] = "abtnvfr";
	const uint8_t *p = (const uint8_t *)s;
	size_t n = strlen(s), i = 0;

	while (i < n) {
		uint32_t cp;
		size_t len = staple_utf8_next(p + i, n - i, &cp), k;
		const char *c;

		if (cp == '\\') {
			staple_buf_str(b, "\\\\");
		} else if (len != 0 && cp >= 0x20 &&
		           !(cp >= 0x7f && cp <= 0x9f)) {
			staple_buf_add(b, p + i, len);
		} else if (len == 1 && cp != 0 &&
		           (c = strchr(named, (int)cp)) != NULL) {
			staple_buf_char(b, '\\');
			staple_buf_char(b, letter[c - named]);
		} else {
			/* a control, C1 too (its two bytes), or a stray byte */
			if (len == 0)
				len = 1;
			for (k = 0; k < len; k++)
				staple_buf_printf(b, "\\x%02x",
				                  (unsigned)p[i + k]);
		}
		i += len;
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
/* see tool.h */
size_t staple_utf8_encode(uint32_t cp, uint8_t out[4])
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
	staple_buf_add(b, enc, staple_utf8_encode(cp, enc));
}

/* see tool.h */
void staple_print_escaped(FILE *f, const char *s)
{
	struct staple_buf b = {NULL, 0, 0};

	staple_buf_escaped(&b, s);
	if (b.n > 0)
		(void)fwrite(b.p, 1, b.n, f);
	staple_buf_free(&b);
}
