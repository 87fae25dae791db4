/*
 * text_check.c -- UTF-8 and text for people (text_check.h).
 */
#include "text_check.h"

/* see text_check.h */
size_t fuzz_utf8_decode(const uint8_t *s, size_t n, uint32_t *cp)
{
	size_t len, i;
	uint32_t v, min;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0u) == 0xc0u) {
		len = 2;
		v = s[0] & 0x1fu;
		min = 0x80;
	} else if ((s[0] & 0xf0u) == 0xe0u) {
		len = 3;
		v = s[0] & 0x0fu;
		min = 0x800;
	} else if ((s[0] & 0xf8u) == 0xf0u) {
		len = 4;
		v = s[0] & 0x07u;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0u) != 0x80u)
			return 0;
		v = v << 6 | (s[i] & 0x3fu);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return len;
}

/* see text_check.h */
const char *fuzz_text_error(const char *s, size_t n, int newlines,
                            size_t *at)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t len = fuzz_utf8_decode(u + i, n - i, &cp);

		*at = i;
		if (len == 0)
			return "invalid UTF-8";
		if ((cp < 0x20 && !(cp == '\n' && newlines)) || cp == 0x7f ||
		    (cp >= 0x80 && cp < 0xa0))
			return "control character";
		i += len;
	}
	*at = n;
	return NULL;
}
