/* util.c -- file and hex helpers shared by the tests. */
#include "tests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_check.h"

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

/* see tests.h; the rules are fuzz/json_check.h's, one validator for the
 * harnesses and the tests. */
const char *test_json_value(const char *p)
{
	size_t end;

	return fuzz_json_value(p, strlen(p), &end) == NULL ? p + end : NULL;
}
