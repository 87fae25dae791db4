/*
 * test_prefix.c -- every proper prefix of every fixture fails cleanly.
 *
 * In the manner of Mbed TLS's asn1parse tests: each prefix is copied into
 * a heap buffer of exactly its length, so a decoder that reads one byte
 * too far trips AddressSanitizer (make check runs this under ASan too).
 * A proper prefix of a DER element is never a DER element: the outer
 * SEQUENCE's header is cut or its length runs past the input, so the
 * decoder must say TRUNCATED, point at that SEQUENCE (offset 0, inside
 * the prefix), and leave its output reset.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "tests.h"
#include "staple.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The .der files of the fixtures directory, listed by prefix_suite(). */
#define MAX_FIXTURES 512
static char *names[MAX_FIXTURES];
static size_t n_names;
static char list_error[256];

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_fixtures(void)
{
	DIR *dir = opendir(test_fixtures_dir());
	struct dirent *e;

	if (dir == NULL) {
		snprintf(list_error, sizeof list_error, "cannot open %s",
		         test_fixtures_dir());
		return;
	}
	while ((e = readdir(dir)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".der") != 0)
			continue;
		if (n_names == MAX_FIXTURES) {
			snprintf(list_error, sizeof list_error,
			         "more than %d fixtures", MAX_FIXTURES);
			break;
		}
		names[n_names] = malloc(n + 1);
		if (names[n_names] == NULL)
			break;
		memcpy(names[n_names], e->d_name, n + 1);
		n_names++;
	}
	closedir(dir);
	qsort(names, n_names, sizeof names[0], by_name);
}

START_TEST(test_prefix_listed)
{
	ck_assert_msg(list_error[0] == '\0', "%s", list_error);
	ck_assert_msg(n_names > 0, "no .der fixture in %s", test_fixtures_dir());
}
END_TEST

/*
 * The next cut after `cut` of a file of len bytes: every one, except in
 * the middle of the large fixtures (many certificates or entries, one
 * shape repeated), where every 61st is enough: a prime stride lands at
 * every offset inside the repeated element, and every cut of each file
 * costs a decode of the whole, quadratic in its size.
 */
#define EVERY_CUT_UP_TO 2048
static size_t next_cut(size_t cut, size_t len)
{
	if (len <= 2 * EVERY_CUT_UP_TO || cut < EVERY_CUT_UP_TO ||
	    cut + EVERY_CUT_UP_TO >= len)
		return cut + 1;
	return cut + 61 < len - EVERY_CUT_UP_TO ? cut + 61
	                                        : len - EVERY_CUT_UP_TO;
}

static void test_prefix_every_length(size_t i)
{
	const char *name = names[i];
	struct staple_response r;
	uint8_t *der;
	size_t len, cut;

	ck_assert_msg(test_read_in(test_fixtures_dir(), name, &der, &len) == 0,
	              "cannot read %s", name);
	/* The whole file decodes; otherwise its prefixes prove nothing. */
	ck_assert_msg(staple_decode(&r, der, len) == STAPLE_OK,
	              "%s does not decode", name);

	for (cut = 0; cut < len; cut = next_cut(cut, len)) {
		uint8_t *prefix = malloc(cut > 0 ? cut : 1);
		size_t off;
		int err;

		TEST_ASSERT(prefix != NULL);
		memcpy(prefix, der, cut);
		memset(&r, 0x5a, sizeof r);
		err = staple_decode(&r, prefix, cut);
		off = staple_error_offset(&r);
		free(prefix);
		if (err != STAPLE_ERR_TRUNCATED || off != 0 ||
		    r.status != STAPLE_RESPONSE_NONE || r.n_single != 0 ||
		    r.n_certs != 0 || r.tbs.p != NULL)
			ck_abort_msg("%s cut to %zu of %zu bytes: %s at offset "
			             "%zu, status %d, n_single %zu; want "
			             "TRUNCATED at 0 and a reset output",
			             name, cut, len, staple_errname(err), off,
			             (int)r.status, r.n_single);
	}
	free(der);
}

/*
 * The plain prefixes above all stop at the outer SEQUENCE.  To reach the
 * inner parse functions, cut at every byte again but rewrite the length of
 * every element that contains the cut so that it ends there, descending
 * into the OCTET STRING that wraps the BasicOCSPResponse.  The element the
 * cut lands in is left cut (its header, or its contents when primitive).
 * Such an input may even be a valid response (a cut between elements may
 * drop only OPTIONAL ones), so the property is weaker: no overread, and a
 * failure points inside the input and resets the output.
 */
struct tlv {
	size_t start, contents, end;
	uint8_t tag;
};

/* A definite-length DER header at pos, within lim: 0 or -1. */
static int read_tlv(const uint8_t *b, size_t pos, size_t lim, struct tlv *t)
{
	size_t i = pos + 1, n = 0, k;

	if (lim - pos < 2 || (b[pos] & 0x1f) == 0x1f)
		return -1;
	t->tag = b[pos];
	if (b[i] < 0x80) {
		n = b[i++];
	} else {
		k = b[i++] & 0x7fu;
		if (k == 0 || k > 4 || lim - i < k)
			return -1;
		while (k-- > 0)
			n = n << 8 | b[i++];
	}
	if (lim - i < n)
		return -1;
	t->start = pos;
	t->contents = i;
	t->end = i + n;
	return 0;
}

/* An OCTET STRING whose contents are exactly one SEQUENCE: descend. */
static int wraps_sequence(const uint8_t *b, const struct tlv *t)
{
	struct tlv inner;
	return t->tag == 0x04 && t->end > t->contents &&
	       b[t->contents] == 0x30 &&
	       read_tlv(b, t->contents, t->end, &inner) == 0 &&
	       inner.end == t->end;
}

static size_t put_header(uint8_t *out, uint8_t tag, size_t n)
{
	size_t h = 0, k = 0, v;

	out[h++] = tag;
	if (n < 0x80) {
		out[h++] = (uint8_t)n;
		return h;
	}
	for (v = n; v > 0; v >>= 8)
		k++;
	out[h++] = (uint8_t)(0x80 | k);
	while (k-- > 0)
		out[h++] = (uint8_t)(n >> (8 * k));
	return h;
}

/* The elements of b[s..e) up to the cut at k, lengths rewritten. */
static size_t rebuild(const uint8_t *b, size_t s, size_t e, size_t k,
                      uint8_t *out)
{
	size_t o = 0, pos = s;
	struct tlv t;

	while (pos < e && pos < k) {
		if (read_tlv(b, pos, e, &t) != 0 || t.end <= k) {
			size_t stop = read_tlv(b, pos, e, &t) != 0 ? k : t.end;
			memcpy(out + o, b + pos, stop - pos);
			o += stop - pos;
			pos = stop;
			continue;
		}
		if (k > t.contents && ((t.tag & 0x20) || wraps_sequence(b, &t))) {
			uint8_t head[8];
			size_t n = rebuild(b, t.contents, t.end, k,
			                   out + o + sizeof head);
			size_t h = put_header(head, t.tag, n);
			memmove(out + o + h, out + o + sizeof head, n);
			memcpy(out + o, head, h);
			o += h + n;
		} else {
			memcpy(out + o, b + pos, k - pos);
			o += k - pos;
		}
		break;
	}
	return o;
}

static void test_prefix_nested(size_t i)
{
	const char *name = names[i];
	struct staple_response r;
	uint8_t *der, *scratch;
	size_t len, cut, deep = 0;

	ck_assert_msg(test_read_in(test_fixtures_dir(), name, &der, &len) == 0,
	              "cannot read %s", name);
	scratch = malloc(len + 256);
	ck_assert_ptr_nonnull(scratch);
	for (cut = 1; cut < len; cut = next_cut(cut, len)) {
		size_t n = rebuild(der, 0, len, cut, scratch), off;
		uint8_t *input = malloc(n > 0 ? n : 1);
		int err;

		TEST_ASSERT(input != NULL);
		TEST_ASSERT(n <= len + 256);
		memcpy(input, scratch, n);
		memset(&r, 0x5a, sizeof r);
		err = staple_decode(&r, input, n);
		off = staple_error_offset(&r);
		free(input);
		if (err == STAPLE_OK)
			continue;
		if (off > 0)
			deep++;
		if (off >= n || r.status != STAPLE_RESPONSE_NONE ||
		    r.n_single != 0 || r.n_certs != 0 || r.tbs.p != NULL)
			ck_abort_msg("%s cut at %zu (%zu bytes rewritten): %s "
			             "at offset %zu, status %d; want an offset "
			             "inside and a reset output", name, cut, n,
			             staple_errname(err), off, (int)r.status);
	}
	/* Proof that the rewriting reached past the outer SEQUENCE. */
	ck_assert_msg(deep > 0, "%s: no cut failed past offset 0", name);
	free(scratch);
	free(der);
}

TEST_ROWS(test_prefix_every_length_rows, test_prefix_every_length,
          n_names)
TEST_ROWS(test_prefix_nested_rows, test_prefix_nested, n_names)

Suite *prefix_suite(void)
{
	Suite *s = suite_create("prefix");
	TCase *tc = tcase_create("fixtures");

	list_fixtures();
	tcase_add_test(tc, test_prefix_listed);
	tcase_add_test(tc, test_prefix_every_length_rows);
	tcase_add_test(tc, test_prefix_nested_rows);
	suite_add_tcase(s, tc);
	return s;
}
