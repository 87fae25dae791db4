/*
 * harness.c -- what every fuzz harness shares (harness.h).
 */
#include "harness.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_check.h"
#include "text_check.h"

/* see harness.h */
void fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz: invariant violated: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
	abort();
}

/* see harness.h */
size_t fuzz_offset(const uint8_t *p, const uint8_t *data)
{
	return (size_t)((uintptr_t)p - (uintptr_t)data);
}

/* see harness.h; addresses are compared as integers, never as pointers
 * into different objects. */
int fuzz_slice_within(struct staple_slice s, struct staple_slice outer)
{
	uintptr_t p = (uintptr_t)s.p, lo = (uintptr_t)outer.p;

	if (s.p == NULL)
		return s.n == 0;
	if (outer.p == NULL)
		return 0;
	return p >= lo && p - lo <= outer.n && s.n <= outer.n - (p - lo);
}

/* see harness.h */
int fuzz_slice_same(struct staple_slice a, struct staple_slice b)
{
	return a.p == b.p && a.n == b.n;
}

/* see harness.h */
void fuzz_require_within(const char *what, struct staple_slice s,
                         struct staple_slice outer, const uint8_t *data)
{
	if (!fuzz_slice_within(s, outer))
		fuzz_fail("%s {offset %zu, n %zu} outside {offset %zu, n %zu}",
		          what, s.p != NULL ? fuzz_offset(s.p, data) : 0, s.n,
		          outer.p != NULL ? fuzz_offset(outer.p, data) : 0,
		          outer.n);
}

/* see harness.h */
void fuzz_slice_inside(struct staple_slice s, const uint8_t *data,
                       size_t size)
{
	struct staple_slice input;

	input.p = data;
	input.n = size;
	fuzz_require_within("slice", s, input, data);
}


/* see harness.h */
void fuzz_check_ends(const uint8_t *data, size_t size, fuzz_decoder decode)
{
	uint8_t *longer = malloc(size + 1), *shorter;
	size_t offset;

	FUZZ_REQUIRE(longer != NULL);
	memcpy(longer, data, size);
	longer[size] = 0x00;
	FUZZ_REQUIRE(decode(longer, size + 1, &offset) ==
	             STAPLE_ERR_TRAILING_DATA);
	FUZZ_REQUIRE(offset == size);
	free(longer);

	FUZZ_REQUIRE(size > 0);
	shorter = malloc(size - 1);
	FUZZ_REQUIRE(shorter != NULL || size == 1);
	if (size > 1)
		memcpy(shorter, data, size - 1);
	FUZZ_REQUIRE(decode(shorter, size - 1, &offset) != STAPLE_OK);
	FUZZ_REQUIRE(size == 1 ? offset == 0 : offset < size - 1);
	free(shorter);
}

static void dump_and_fail(const char *kind, const char *why, size_t at,
                          const char *s, size_t n)
{
	fprintf(stderr, "fuzz: %s text (%zu bytes): ", kind, n);
	fwrite(s, 1, n, stderr);
	fputc('\n', stderr);
	fuzz_fail("%s: %s at offset %zu", kind, why, at);
}

/* see harness.h */
void fuzz_text_valid(const char *s, size_t n, int newlines)
{
	size_t at;
	const char *why = fuzz_text_error(s, n, newlines, &at);

	if (why != NULL)
		dump_and_fail("text", why, at, s, n);
}

/* see harness.h */
void fuzz_json_valid(const char *s, size_t n)
{
	size_t at;
	const char *why = fuzz_json_error(s, n, &at);

	if (why != NULL)
		dump_and_fail("JSON", why, at, s, n);
}
