/* util.c -- file and hex helpers shared by the tests. */
#include "tests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);
	return v != NULL && v[0] != '\0' ? v : fallback;
}

const char *test_fixtures_dir(void)
{
	return env_or("STAPLE_FIXTURES", "tests/fixtures");
}

const char *test_vectors_dir(void)
{
	return env_or("STAPLE_VECTORS", "../shared/vectors");
}

const char *test_tool_path(void)
{
	return env_or("STAPLE_BIN", "build/staple");
}

int test_read_file(const char *path, uint8_t **buf, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t size = 0;
	uint8_t chunk[4096];
	size_t got;

	*buf = NULL;
	*len = 0;
	if (f == NULL)
		return -1;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		uint8_t *grown = realloc(data, size + got);
		if (grown == NULL) {
			free(data);
			fclose(f);
			return -1;
		}
		data = grown;
		memcpy(data + size, chunk, got);
		size += got;
	}
	if (ferror(f)) {
		free(data);
		fclose(f);
		return -1;
	}
	fclose(f);
	if (data == NULL) {
		data = malloc(1);
		if (data == NULL)
			return -1;
	}
	*buf = data;
	*len = size;
	return 0;
}

int test_read_in(const char *dir, const char *name, uint8_t **buf,
                 size_t *len)
{
	char path[4096];
	int n = snprintf(path, sizeof path, "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= sizeof path) {
		*buf = NULL;
		*len = 0;
		return -1;
	}
	return test_read_file(path, buf, len);
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

uint8_t *test_hex(const char *hex, size_t *len)
{
	size_t digits = 0, i, n = 0;
	uint8_t *out;
	int hi = -1;

	for (i = 0; hex[i] != '\0'; i++)
		if (hex_value(hex[i]) >= 0)
			digits++;
	ck_assert_msg(digits % 2 == 0, "odd hex string: %s", hex);
	out = malloc(digits / 2 > 0 ? digits / 2 : 1);
	ck_assert_ptr_nonnull(out);
	for (i = 0; hex[i] != '\0'; i++) {
		int v = hex_value(hex[i]);
		if (v < 0) {
			ck_assert_msg(hex[i] == ' ' || hex[i] == '\n' ||
			                      hex[i] == ':',
			              "bad hex character in: %s", hex);
			continue;
		}
		if (hi < 0) {
			hi = v;
		} else {
			out[n++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
	}
	*len = n;
	return out;
}

/*
 * JSON (RFC 8259), enough to tell that a line is one well-formed value:
 * each reader returns the position after what it read, or NULL.
 */
static const char *json_value(const char *p, int depth);

static const char *json_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

static const char *json_string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	for (;;) {
		unsigned char c = (unsigned char)*p++;
		if (c == '"')
			return p;
		if (c < 0x20) /* a control character, the NUL at the end */
			return NULL;
		if (c != '\\')
			continue;
		c = (unsigned char)*p++;
		if (c == 'u') {
			int k;
			for (k = 0; k < 4; k++, p++)
				if (strchr("0123456789abcdefABCDEF", *p) ==
				            NULL ||
				    *p == '\0')
					return NULL;
		} else if (c == '\0' || strchr("\"\\/bfnrt", c) == NULL) {
			return NULL;
		}
	}
}

static const char *json_digits(const char *p)
{
	const char *start = p;
	while (*p >= '0' && *p <= '9')
		p++;
	return p > start ? p : NULL;
}

static const char *json_number(const char *p)
{
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if ((p = json_digits(p)) == NULL)
		return NULL;
	if (*p == '.' && (p = json_digits(p + 1)) == NULL)
		return NULL;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		p = json_digits(p);
	}
	return p;
}

/* '{' members '}' or '[' elements ']' */
static const char *json_container(const char *p, int depth)
{
	char close = *p == '{' ? '}' : ']';

	p = json_ws(p + 1);
	if (*p == close)
		return p + 1;
	for (;;) {
		if (close == '}') {
			p = json_string(p);
			if (p == NULL || *(p = json_ws(p)) != ':')
				return NULL;
			p = json_ws(p + 1);
		}
		p = json_value(p, depth + 1);
		if (p == NULL)
			return NULL;
		p = json_ws(p);
		if (*p == close)
			return p + 1;
		if (*p != ',')
			return NULL;
		p = json_ws(p + 1);
	}
}

static const char *json_value(const char *p, int depth)
{
	if (depth > 32)
		return NULL;
	switch (*p) {
	case '{':
	case '[':
		return json_container(p, depth);
	case '"':
		return json_string(p);
	case 't':
		return strncmp(p, "true", 4) == 0 ? p + 4 : NULL;
	case 'f':
		return strncmp(p, "false", 5) == 0 ? p + 5 : NULL;
	case 'n':
		return strncmp(p, "null", 4) == 0 ? p + 4 : NULL;
	}
	return json_number(p);
}

/* see tests.h */
const char *test_json_value(const char *p)
{
	return json_value(p, 0);
}
