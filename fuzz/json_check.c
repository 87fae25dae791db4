/*
 * json_check.c -- RFC 8259, strictly (json_check.h).
 */
#include "json_check.h"

#include <stdint.h>
#include <string.h>

#include "text_check.h"

/* --- JSON (RFC 8259) --------------------------------------------------------- */

/* Nesting deeper than this is reported: staple writes three levels. */
#define JSON_MAX_DEPTH 64
/* Member names remembered per object for the duplicate check. */
#define JSON_MAX_KEYS 64

struct json {
	const uint8_t *s;
	size_t n;
	size_t i;
	const char *why;
};

static int json_err(struct json *j, const char *why)
{
	if (j->why == NULL)
		j->why = why;
	return 0;
}

/* RFC 8259 2: ws = *( %x20 / %x09 / %x0A / %x0D ) */
static void json_ws(struct json *j)
{
	while (j->i < j->n && (j->s[j->i] == ' ' || j->s[j->i] == '\t' ||
	                       j->s[j->i] == '\n' || j->s[j->i] == '\r'))
		j->i++;
}

static int json_literal(struct json *j, const char *word)
{
	size_t len = strlen(word);

	if (j->n - j->i < len || memcmp(j->s + j->i, word, len) != 0)
		return json_err(j, "bad literal");
	j->i += len;
	return 1;
}

static int is_digit(uint8_t c)
{
	return c >= '0' && c <= '9';
}

/* RFC 8259 6: [ minus ] int [ frac ] [ exp ] */
static int json_number(struct json *j)
{
	if (j->i < j->n && j->s[j->i] == '-')
		j->i++;
	if (j->i >= j->n || !is_digit(j->s[j->i]))
		return json_err(j, "number without digits");
	if (j->s[j->i] == '0') {
		j->i++;
		if (j->i < j->n && is_digit(j->s[j->i]))
			return json_err(j, "number with a leading zero");
	} else {
		while (j->i < j->n && is_digit(j->s[j->i]))
			j->i++;
	}
	if (j->i < j->n && j->s[j->i] == '.') {
		j->i++;
		if (j->i >= j->n || !is_digit(j->s[j->i]))
			return json_err(j, "fraction without digits");
		while (j->i < j->n && is_digit(j->s[j->i]))
			j->i++;
	}
	if (j->i < j->n && (j->s[j->i] == 'e' || j->s[j->i] == 'E')) {
		j->i++;
		if (j->i < j->n && (j->s[j->i] == '+' || j->s[j->i] == '-'))
			j->i++;
		if (j->i >= j->n || !is_digit(j->s[j->i]))
			return json_err(j, "exponent without digits");
		while (j->i < j->n && is_digit(j->s[j->i]))
			j->i++;
	}
	return 1;
}

static int hex4(struct json *j, uint32_t *v)
{
	size_t k;

	*v = 0;
	if (j->n - j->i < 4)
		return json_err(j, "short \\u escape");
	for (k = 0; k < 4; k++) {
		uint8_t c = j->s[j->i + k];
		uint32_t d;
		if (is_digit(c))
			d = (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (uint32_t)(c - 'A' + 10);
		else
			return json_err(j, "bad hex digit in \\u escape");
		*v = *v << 4 | d;
	}
	j->i += 4;
	return 1;
}

/* RFC 8259 7; a lone surrogate escape is refused as well. */
static int json_string(struct json *j)
{
	if (j->i >= j->n || j->s[j->i] != '"')
		return json_err(j, "expected a string");
	j->i++;
	for (;;) {
		uint32_t cp;
		size_t len;

		if (j->i >= j->n)
			return json_err(j, "unterminated string");
		if (j->s[j->i] == '"') {
			j->i++;
			return 1;
		}
		if (j->s[j->i] == '\\') {
			uint8_t e;
			j->i++;
			if (j->i >= j->n)
				return json_err(j, "unterminated escape");
			e = j->s[j->i++];
			if (e == 'u') {
				if (!hex4(j, &cp))
					return 0;
				if (cp >= 0xdc00 && cp <= 0xdfff)
					return json_err(j, "lone low surrogate");
				if (cp >= 0xd800 && cp <= 0xdbff) {
					if (j->n - j->i < 2 ||
					    j->s[j->i] != '\\' ||
					    j->s[j->i + 1] != 'u')
						return json_err(
							j, "lone high surrogate");
					j->i += 2;
					if (!hex4(j, &cp))
						return 0;
					if (cp < 0xdc00 || cp > 0xdfff)
						return json_err(
							j, "lone high surrogate");
				}
			} else if (strchr("\"\\/bfnrt", e) == NULL || e == 0) {
				j->i--;
				return json_err(j, "bad escape");
			}
			continue;
		}
		if (j->s[j->i] < 0x20)
			return json_err(j, "raw control character in string");
		len = fuzz_utf8_decode(j->s + j->i, j->n - j->i, &cp);
		if (len == 0)
			return json_err(j, "invalid UTF-8 in string");
		j->i += len;
	}
}

static int json_value(struct json *j, unsigned depth);

/* After '{' or '[': 1 when the closing octet follows at once. */
static int json_empty(struct json *j, uint8_t close)
{
	j->i++;
	json_ws(j);
	if (j->i < j->n && j->s[j->i] == close) {
		j->i++;
		return 1;
	}
	return 0;
}

/*
 * After a member or an element: 1 past a ',' (another follows), 0 past
 * the closing octet, -1 (with why) at anything else.
 */
static int json_more(struct json *j, uint8_t close, const char *why)
{
	json_ws(j);
	if (j->i < j->n && j->s[j->i] == ',') {
		j->i++;
		json_ws(j);
		return 1;
	}
	if (j->i < j->n && j->s[j->i] == close) {
		j->i++;
		return 0;
	}
	(void)json_err(j, why);
	return -1;
}

static int json_object(struct json *j, unsigned depth)
{
	size_t key_at[JSON_MAX_KEYS], key_len[JSON_MAX_KEYS];
	size_t keys = 0, k;
	int more = !json_empty(j, '}');

	while (more) {
		size_t start = j->i;

		if (!json_string(j))
			return 0;
		/* duplicate names, compared as written (RFC 8259 4) */
		for (k = 0; k < keys; k++)
			if (key_len[k] == j->i - start &&
			    memcmp(j->s + key_at[k], j->s + start,
			           key_len[k]) == 0) {
				j->i = start;
				return json_err(j, "duplicate member name");
			}
		if (keys < JSON_MAX_KEYS) {
			key_at[keys] = start;
			key_len[keys++] = j->i - start;
		}
		json_ws(j);
		if (j->i >= j->n || j->s[j->i] != ':')
			return json_err(j, "expected ':'");
		j->i++;
		json_ws(j);
		if (!json_value(j, depth + 1))
			return 0;
		more = json_more(j, '}', "expected ',' or '}'");
	}
	return more == 0;
}

static int json_array(struct json *j, unsigned depth)
{
	int more = !json_empty(j, ']');

	while (more) {
		if (!json_value(j, depth + 1))
			return 0;
		more = json_more(j, ']', "expected ',' or ']'");
	}
	return more == 0;
}

static int json_value(struct json *j, unsigned depth)
{
	if (depth > JSON_MAX_DEPTH)
		return json_err(j, "nested too deep");
	if (j->i >= j->n)
		return json_err(j, "expected a value");
	switch (j->s[j->i]) {
	case '{':
		return json_object(j, depth);
	case '[':
		return json_array(j, depth);
	case '"':
		return json_string(j);
	case 't':
		return json_literal(j, "true");
	case 'f':
		return json_literal(j, "false");
	case 'n':
		return json_literal(j, "null");
	default:
		return json_number(j);
	}
}

/* see json_check.h */
const char *fuzz_json_value(const char *s, size_t n, size_t *end)
{
	struct json j;

	j.s = (const uint8_t *)s;
	j.n = n;
	j.i = 0;
	j.why = NULL;
	(void)json_value(&j, 0);
	*end = j.i;
	return j.why;
}

/* see json_check.h */
const char *fuzz_json_error(const char *s, size_t n, size_t *at)
{
	const char *why = fuzz_json_value(s, n, at);

	if (why == NULL && *at < n && s[*at] == '\n')
		++*at;
	if (why == NULL && *at != n)
		why = "trailing bytes after the value";
	return why;
}
