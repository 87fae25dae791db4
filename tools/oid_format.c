/*
 * oid_format.c -- OBJECT IDENTIFIERs as dotted text, and the names of the
 * algorithms the decoder reports.  Safe on arbitrary bytes.
 */
#include "tool.h"

#include <string.h>

#include "der.h"

/* --- OBJECT IDENTIFIER ---------------------------------------------------- */

/*
 * An arc too large for uint64_t, as decimal limbs (base 10^9, least
 * significant first).  STAPLE_OID_MAX_ARC octets carry 7 bits each:
 * 896 bits, under 270 decimal digits, so 30 limbs; 32 leaves slack.
 */
#define BIG_BASE 1000000000u
#define BIG_LIMBS 32
struct big_arc {
	uint32_t limb[BIG_LIMBS];
	size_t n;
};

static void big_mul128_add(struct big_arc *a, unsigned add)
{
	uint64_t carry = add;
	size_t i;

	for (i = 0; i < a->n; i++) {
		uint64_t t = (uint64_t)a->limb[i] * 128u + carry;
		a->limb[i] = (uint32_t)(t % BIG_BASE);
		carry = t / BIG_BASE;
	}
	while (carry > 0 && a->n < BIG_LIMBS) {
		a->limb[a->n++] = (uint32_t)(carry % BIG_BASE);
		carry /= BIG_BASE;
	}
}

/* a -= small, for an a known to be larger (an arc of 2^64 or more). */
static void big_sub(struct big_arc *a, uint32_t small)
{
	size_t i;
	uint32_t borrow = small;

	for (i = 0; i < a->n && borrow > 0; i++) {
		if (a->limb[i] >= borrow) {
			a->limb[i] -= borrow;
			borrow = 0;
		} else {
			a->limb[i] = a->limb[i] + BIG_BASE - borrow;
			borrow = 1;
		}
	}
	while (a->n > 1 && a->limb[a->n - 1] == 0)
		a->n--;
}

static void big_print(struct staple_buf *b, const struct big_arc *a)
{
	size_t i = a->n;

	if (i == 0) {
		staple_buf_char(b, '0');
		return;
	}
	staple_buf_printf(b, "%lu", (unsigned long)a->limb[i - 1]);
	while (i-- > 1)
		staple_buf_printf(b, "%09lu", (unsigned long)a->limb[i - 1]);
}

/*
 * 1 when oid is a sequence of minimal, terminated sub-identifiers (X.690
 * 8.19.2) of at most STAPLE_OID_MAX_ARC octets each.
 */
static int oid_printable(struct staple_slice oid)
{
	size_t i, run = 0;

	if (oid.n == 0)
		return 0;
	for (i = 0; i < oid.n; i++) {
		if (run == 0 && oid.p[i] == 0x80)
			return 0; /* leading 0x80: not minimal */
		run++;
		if (run > STAPLE_OID_MAX_ARC)
			return 0;
		if ((oid.p[i] & 0x80) == 0)
			run = 0;
	}
	return run == 0;
}

/*
 * Print the sub-identifier in p[0..n); the first one also carries the
 * first arc (X.690 8.19.4: X*40+Y, X at most 2), hence `first`.
 */
static void arc_print(struct staple_buf *b, const uint8_t *p, size_t n,
                      int first)
{
	uint64_t v = 0;
	size_t i;
	int big = 0;

	for (i = 0; i < n; i++) {
		if (v > UINT64_MAX >> 7) {
			big = 1;
			break;
		}
		v = v << 7 | (p[i] & 0x7fu);
	}
	if (!big) {
		if (first) {
			unsigned top = v < 40 ? 0u : v < 80 ? 1u : 2u;
			staple_buf_printf(b, "%u.", top);
			v -= 40u * top;
		}
		staple_buf_printf(b, "%llu", (unsigned long long)v);
		return;
	}
	{
		struct big_arc a;
		memset(&a, 0, sizeof a);
		for (i = 0; i < n; i++)
			big_mul128_add(&a, p[i] & 0x7fu);
		if (first) {
			staple_buf_str(b, "2."); /* at least 2^64: X is 2 */
			big_sub(&a, 80);
		}
		big_print(b, &a);
	}
}

/* see tool.h */
void staple_oid_format(struct staple_buf *b, struct staple_slice oid)
{
	size_t start = 0, i;

	if (!oid_printable(oid)) {
		staple_buf_char(b, '#');
		staple_buf_hex(b, oid.p, oid.n);
		return;
	}
	for (i = 0; i < oid.n; i++) {
		if ((oid.p[i] & 0x80) != 0)
			continue;
		if (start > 0)
			staple_buf_char(b, '.');
		arc_print(b, oid.p + start, i + 1 - start, start == 0);
		start = i + 1;
	}
}

void staple_sigalg_format(struct staple_buf *b, struct staple_slice oid)
{
	const char *name = staple_sigalg_name(oid);

	if (*name != '\0')
		staple_buf_str(b, name);
	else
		staple_oid_format(b, oid);
}

void staple_hash_format(struct staple_buf *b, const struct staple_single *s)
{
	const char *name = staple_hash_name((int)s->hash);

	if (s->hash != STAPLE_HASH_OTHER && name[0] != '\0')
		staple_buf_str(b, name);
	else
		staple_oid_format(b, s->hash_oid);
}

/* see tool.h */
const char *staple_leniency_name(unsigned bits, size_t k, char spare[16])
{
	unsigned bit;

	for (bit = 1; bit != 0; bit <<= 1) {
		if ((bits & bit) == 0 || k-- > 0)
			continue;
		switch (bit) {
		case STAPLE_LENIENT_EXPLICIT_VERSION:
			return "explicit_version";
		case STAPLE_LENIENT_EMPTY_EXTENSIONS:
			return "empty_extensions";
		case STAPLE_LENIENT_NAMED_BITS:
			return "named_bits";
		default: /* a newer core */
			(void)snprintf(spare, 16, "0x%x", bit);
			return spare;
		}
	}
	return NULL;
}

/* see tool.h */
void staple_tls_hash_format(struct staple_buf *b, unsigned v)
{
	static const char *const name[] = {"none",   "md5",    "sha1",
	                                   "sha224", "sha256", "sha384",
	                                   "sha512"};

	if (v < sizeof name / sizeof name[0])
		staple_buf_str(b, name[v]);
	else
		staple_buf_printf(b, "%u", v);
}

/* see tool.h */
void staple_tls_sig_format(struct staple_buf *b, unsigned v)
{
	static const char *const name[] = {"anonymous", "rsa", "dsa",
	                                   "ecdsa"};

	if (v < sizeof name / sizeof name[0])
		staple_buf_str(b, name[v]);
	else
		staple_buf_printf(b, "%u", v);
}
