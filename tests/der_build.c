/*
 * der_build.c -- DER for the tests from its parts (der_build.h).
 */
#include "der_build.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The places a build keeps track of, each relative to its buffer. */
enum { MARK_AT, MARK_TEMPLATE, MARK_EDIT, N_MARKS };

struct buf {
	uint8_t *p;
	size_t n, cap;
	size_t mark[N_MARKS];
	int has[N_MARKS];
};

struct builder {
	const struct der_part *tree;
	size_t n_parts;
	const struct der_edit *edits;
	size_t n_edits;
	int *applied; /* per edit */
};

#if defined(__GNUC__) || defined(__clang__)
__attribute__((noreturn, format(printf, 1, 2)))
#endif
static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("der_build: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

static void put(struct buf *b, const uint8_t *p, size_t n)
{
	if (b->n + n > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->n + n)
			cap *= 2;
		b->p = realloc(b->p, cap);
		if (b->p == NULL)
			die("out of memory");
		b->cap = cap;
	}
	if (n > 0)
		memcpy(b->p + b->n, p, n);
	b->n += n;
}

static void put_byte(struct buf *b, uint8_t c)
{
	put(b, &c, 1);
}

/* Set a place, unless an earlier one is kept already. */
static void mark(struct buf *b, int which)
{
	if (!b->has[which]) {
		b->mark[which] = b->n;
		b->has[which] = 1;
	}
}

/* Append src, with the places it holds, and free it. */
static void put_buf(struct buf *b, struct buf *src)
{
	int k;

	for (k = 0; k < N_MARKS; k++)
		if (src->has[k] && !b->has[k]) {
			b->mark[k] = b->n + src->mark[k];
			b->has[k] = 1;
		}
	put(b, src->p, src->n);
	free(src->p);
	memset(src, 0, sizeof *src);
}

/* X.690 10.1: the definite form in the fewest octets. */
static void put_length(struct buf *b, size_t n)
{
	uint8_t octets[sizeof(size_t)];
	size_t k = 0;

	if (n < 0x80) {
		put_byte(b, (uint8_t)n);
		return;
	}
	for (; n > 0; n >>= 8)
		octets[k++] = (uint8_t)n;
	put_byte(b, (uint8_t)(0x80 | k));
	while (k > 0)
		put_byte(b, octets[--k]);
}

/* The value of hex digit c, or -1. */
static int hex_digit(char c)
{
	static const char digits[] = "0123456789abcdef";
	const char *at =
		c != '\0' ? strchr(digits, tolower((unsigned char)c)) : NULL;

	return at != NULL ? (int)(at - digits) : -1;
}

/* The template at s into b, up to its end or the "}" closing a level. */
static const char *put_template(struct buf *b, const char *whole,
                                const char *s, int nested)
{
	for (;;) {
		int hi, lo;

		while (*s == ' ' || *s == '\n')
			s++;
		if (*s == '\0' || *s == '}') {
			if ((*s == '}') != nested)
				die("unbalanced braces in \"%s\"", whole);
			return s;
		}
		if (*s == '@') {
			mark(b, MARK_TEMPLATE);
			s++;
			continue;
		}
		if (*s == '{') {
			struct buf inner;

			if (b->n == 0)
				die("\"{\" without an identifier in \"%s\"",
				    whole);
			memset(&inner, 0, sizeof inner);
			s = put_template(&inner, whole, s + 1, 1) + 1;
			put_length(b, inner.n);
			put_buf(b, &inner);
			continue;
		}
		hi = hex_digit(s[0]);
		lo = hi < 0 ? -1 : hex_digit(s[1]);
		if (lo < 0)
			die("bad hex at \"%s\" in \"%s\"", s, whole);
		put_byte(b, (uint8_t)(hi << 4 | lo));
		s += 2;
	}
}

static void put_hex(struct buf *b, const char *t)
{
	put_template(b, t, t, 0);
}

/*
 * An element: identifier octets tag, or the template tag_hex; length
 * octets computed, or the template length_hex; then contents, freed.
 */
static void put_element(struct buf *b, uint8_t tag, const char *tag_hex,
                        const char *length_hex, struct buf *contents)
{
	if (tag_hex != NULL)
		put_hex(b, tag_hex);
	else
		put_byte(b, tag);
	if (length_hex != NULL)
		put_hex(b, length_hex);
	else
		put_length(b, contents->n);
	put_buf(b, contents);
}

/*
 * The edit of part `name` other than BEFORE/AFTER/AT, and those three
 * (*at: 1 when the part is the place).
 */
static const struct der_edit *find_edits(const struct builder *bd,
                                         const char *name,
                                         const struct der_edit **before,
                                         const struct der_edit **after,
                                         int *at)
{
	const struct der_edit *change = NULL;
	size_t k;

	*before = *after = NULL;
	*at = 0;
	for (k = 0; k < bd->n_edits; k++) {
		const struct der_edit *e = &bd->edits[k];
		if (e->part == NULL || strcmp(e->part, name) != 0)
			continue;
		bd->applied[k] = 1;
		if (e->how == DER_AT)
			*at = 1;
		else if (e->how == DER_BEFORE)
			*before = e;
		else if (e->how == DER_AFTER)
			*after = e;
		else if (change != NULL)
			die("two changes to %s", name);
		else
			change = e;
	}
	return change;
}

/* Where the first edit's change begins. */
static void mark_edit(const struct builder *bd, struct buf *b,
                      const struct der_edit *e)
{
	if (e == &bd->edits[0])
		mark(b, MARK_EDIT);
}

/* Part i and the parts below it into out; the index after them. */
static size_t put_part(const struct builder *bd, size_t i, struct buf *out)
{
	const struct der_part *part = &bd->tree[i];
	const struct der_edit *before, *after;
	int at;
	const struct der_edit *e =
		find_edits(bd, part->name, &before, &after, &at);
	struct buf self, contents, changed;
	size_t next = i + 1;

	memset(&self, 0, sizeof self);
	memset(&contents, 0, sizeof contents);
	memset(&changed, 0, sizeof changed);
	if (part->contents != NULL)
		put_hex(&contents, part->contents);
	else
		while (next < bd->n_parts &&
		       bd->tree[next].depth > part->depth)
			next = put_part(bd, next, &contents);

	if (before != NULL) {
		mark_edit(bd, &self, before);
		put_hex(&self, before->hex);
	}
	if (at)
		mark(&self, MARK_AT);
	if (e != NULL)
		mark_edit(bd, &self, e);
	switch (e != NULL ? e->how : DER_AT) {
	case DER_REPLACE:
		put_hex(&self, e->hex);
		free(contents.p);
		break;
	case DER_REMOVE:
		free(contents.p);
		break;
	case DER_UNWRAP:
		put_buf(&self, &contents);
		break;
	case DER_CONTENTS:
		free(contents.p);
		memset(&contents, 0, sizeof contents);
		put_hex(&contents, e->hex);
		put_element(&self, part->tag, NULL, NULL, &contents);
		break;
	case DER_TAG:
		put_element(&self, 0, e->hex, NULL, &contents);
		break;
	case DER_LENGTH:
		put_element(&self, part->tag, NULL, e->hex, &contents);
		break;
	case DER_WRAP:
		put_element(&changed, part->tag, NULL, NULL, &contents);
		put_element(&self, 0, e->hex, NULL, &changed);
		break;
	case DER_CUT_LAST:
		put_element(&self, part->tag, NULL, NULL, &contents);
		self.n--;
		break;
	default: /* unchanged */
		put_element(&self, part->tag, NULL, NULL, &contents);
		break;
	}
	if (after != NULL) {
		mark_edit(bd, &self, after);
		put_hex(&self, after->hex);
	}
	put_buf(out, &self);
	return next;
}

/* see der_build.h */
uint8_t *der_build(const struct der_part *tree, size_t n_parts,
                   const struct der_edit *edits, size_t n_edits,
                   size_t *len, size_t *offset)
{
	struct builder bd;
	struct buf out;
	int applied[DER_MAX_EDITS] = {0};
	size_t k;
	uint8_t *exact;

	if (n_edits > DER_MAX_EDITS)
		die("%zu edits, at most %d", n_edits, DER_MAX_EDITS);
	memset(&out, 0, sizeof out);
	bd.tree = tree;
	bd.n_parts = n_parts;
	bd.edits = edits;
	bd.n_edits = n_edits;
	bd.applied = applied;
	if (n_edits > 0 && edits[0].how == DER_INPUT && edits[0].hex != NULL) {
		mark(&out, MARK_EDIT);
		put_hex(&out, edits[0].hex);
	} else {
		for (k = 0; k < n_parts;)
			k = put_part(&bd, k, &out);
		for (k = 0; k < n_edits; k++)
			if (edits[k].part != NULL && !applied[k])
				die("no part named %s", edits[k].part);
	}
	*len = out.n;
	*offset = out.has[MARK_AT]            ? out.mark[MARK_AT]
	          : out.has[MARK_TEMPLATE] ? out.mark[MARK_TEMPLATE]
	          : out.has[MARK_EDIT]     ? out.mark[MARK_EDIT]
	                                   : 0;
	/* exact size, so an overread is one past the allocation */
	exact = malloc(out.n > 0 ? out.n : 1);
	if (exact == NULL)
		die("out of memory");
	if (out.n > 0)
		memcpy(exact, out.p, out.n);
	free(out.p);
	return exact;
}
