/*
 * fuzz_time.c -- staple_time_generalized() and staple_time_utc().
 *
 * Input: a selector byte, then
 *   0: a GeneralizedTime's contents octets,
 *   1: a UTCTime's contents octets,
 *   2: eight bytes picking a millisecond in years 0000-9999.
 * Checks:
 *   - success exactly when the string has the form of X.690 11.7 / 11.8
 *     with every field in range, re-derived here; then ms is the one this
 *     file computes its own way (days before the year by counting leap
 *     years, not eras) and lies in [0000, 10000), or [1950, 2050) for
 *     UTCTime; failure leaves ms == 0;
 *   - one more second, minute, hour or day (when still in range) is
 *     exactly 1000, 60000, 3600000 or 86400000 ms later;
 *   - the fraction's first three digits are ms modulo 1000;
 *   - a UTCTime reads like the GeneralizedTime with the century written
 *     out (RFC 5280 4.1.2.5.1: YY >= 50 is 19YY), and the other way round;
 *   - the tool's staple_text_time() prints the very fields that were
 *     parsed, and the GeneralizedTime made from its output for any ms in
 *     range parses back to that ms.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "tool.h"

#define MS_PER_DAY INT64_C(86400000)
#define DAYS_0000_TO_1970 INT64_C(719528)
#define MS_1950 (-INT64_C(631152000000))
#define MS_2050 INT64_C(2524608000000)

/* The longest string tried whole; longer ones are only checked to fail
 * or succeed, not mutated. */
#define MAX_TIME 64

struct fields {
	unsigned year, month, day, hour, minute, second;
	unsigned frac_ms; /* first three fraction digits, padded */
	int has_frac;
};

static int is_leap(unsigned y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static unsigned month_days(unsigned y, unsigned m)
{
	static const unsigned days[12] = {31, 28, 31, 30, 31, 30,
	                                  31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static int num(const uint8_t *p, size_t n, unsigned *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return 0;
		*v = *v * 10 + (unsigned)(p[i] - '0');
	}
	return 1;
}

/* MMDDHHMMSS at p, ranges included. */
static int civil_ok(const uint8_t *p, struct fields *f)
{
	return num(p, 2, &f->month) && num(p + 2, 2, &f->day) &&
	       num(p + 4, 2, &f->hour) && num(p + 6, 2, &f->minute) &&
	       num(p + 8, 2, &f->second) && f->month >= 1 &&
	       f->month <= 12 && f->day >= 1 &&
	       f->day <= month_days(f->year, f->month) && f->hour <= 23 &&
	       f->minute <= 59 && f->second <= 59;
}

/* X.690 11.7: YYYYMMDDHHMMSS[.f+]Z, no trailing zero in the fraction. */
static int generalized_ok(const uint8_t *p, size_t n, struct fields *f)
{
	size_t i;

	memset(f, 0, sizeof *f);
	if (n < 15 || !num(p, 4, &f->year) || !civil_ok(p + 4, f) ||
	    p[n - 1] != 'Z')
		return 0;
	if (n == 15)
		return 1;
	if (p[14] != '.' || n == 16 || p[n - 2] == '0')
		return 0;
	for (i = 15; i < n - 1; i++) {
		if (p[i] < '0' || p[i] > '9')
			return 0;
		if (i < 18)
			f->frac_ms = f->frac_ms * 10 + (unsigned)(p[i] - '0');
	}
	for (i = n - 1; i < 18; i++)
		f->frac_ms *= 10;
	f->has_frac = 1;
	return 1;
}

/* X.690 11.8, RFC 5280 4.1.2.5.1: YYMMDDHHMMSSZ. */
static int utc_ok(const uint8_t *p, size_t n, struct fields *f)
{
	memset(f, 0, sizeof *f);
	if (n != 13 || p[12] != 'Z' || !num(p, 2, &f->year))
		return 0;
	f->year += f->year >= 50 ? 1900 : 2000;
	return civil_ok(p + 2, f);
}

/* Days from 0000-01-01 to 1 January of year y, counting leap years. */
static int64_t days_before_year(unsigned y)
{
	int64_t n = y;
	/* years 0 .. y-1 divisible by 4, 100, 400 (year 0 is one of each) */
	return 365 * n + (n + 3) / 4 - (n + 99) / 100 + (n + 399) / 400;
}

static int64_t fields_ms(const struct fields *f)
{
	static const unsigned before_month[12] = {0,   31,  59,  90,
	                                          120, 151, 181, 212,
	                                          243, 273, 304, 334};
	int64_t days = days_before_year(f->year) + before_month[f->month - 1] +
	               (f->month > 2 && is_leap(f->year)) + f->day - 1 -
	               DAYS_0000_TO_1970;

	return days * MS_PER_DAY +
	       ((int64_t)f->hour * 3600 + f->minute * 60 + f->second) * 1000 +
	       f->frac_ms;
}

static int64_t parse(const uint8_t *p, size_t n, int utc, int *err)
{
	int64_t ms = 0x5a5a5a5a;

	*err = utc ? staple_time_utc(p, n, &ms)
	           : staple_time_generalized(p, n, &ms);
	FUZZ_REQUIRE(*err == STAPLE_OK || *err == STAPLE_ERR_TIME);
	if (*err != STAPLE_OK)
		FUZZ_REQUIRE(ms == 0);
	return ms;
}

/* Two-digit field at p set to v (0..99). */
static void put2(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)('0' + v / 10);
	p[1] = (uint8_t)('0' + v % 10);
}

/* Field at offset `at` moved to v must move ms by exactly `step`. */
static void check_step(const uint8_t *p, size_t n, int utc, size_t at,
                       unsigned v, int64_t ms, int64_t step)
{
	uint8_t copy[MAX_TIME];
	int err;
	int64_t later;

	memcpy(copy, p, n);
	put2(copy + at, v);
	later = parse(copy, n, utc, &err);
	FUZZ_REQUIRE(err == STAPLE_OK);
	if (later != ms + step)
		fuzz_fail("%.*s: one step of %lld ms gave %lld, not %lld",
		          (int)n, (const char *)p, (long long)step,
		          (long long)later, (long long)(ms + step));
}

static void check_steps(const uint8_t *p, size_t n, int utc,
                        const struct fields *f, int64_t ms)
{
	size_t base = utc ? 2 : 4; /* where MM starts */

	if (n > MAX_TIME)
		return;
	if (f->second < 59)
		check_step(p, n, utc, base + 8, f->second + 1, ms, 1000);
	if (f->minute < 59)
		check_step(p, n, utc, base + 6, f->minute + 1, ms, 60000);
	if (f->hour < 23)
		check_step(p, n, utc, base + 4, f->hour + 1, ms, 3600000);
	if (f->day < month_days(f->year, f->month))
		check_step(p, n, utc, base + 2, f->day + 1, ms, MS_PER_DAY);
}

/* The same instant in the other form, when it has one. */
static void check_other_form(const uint8_t *p, size_t n, int utc,
                             int ok, int64_t ms)
{
	uint8_t other[15];
	unsigned yy;
	int err;
	int64_t got;

	if (utc) {
		/* any 13 bytes with two leading digits: same verdict */
		if (n != 13 || !num(p, 2, &yy))
			return;
		memcpy(other, yy >= 50 ? "19" : "20", 2);
		memcpy(other + 2, p, 13);
		got = parse(other, 15, 0, &err);
		FUZZ_REQUIRE((err == STAPLE_OK) == ok && got == ms);
		return;
	}
	if (!ok || n != 15 || ms < MS_1950 || ms >= MS_2050)
		return;
	got = parse(p + 2, 13, 1, &err);
	FUZZ_REQUIRE(err == STAPLE_OK && got == ms);
}

/* staple_text_time(): "YYYY-MM-DDTHH:MM:SS[.mmm]Z" of the same fields. */
static void check_text(const struct fields *f, int64_t ms)
{
	struct staple_buf b = {NULL, 0, 0};
	char want[40];

	staple_text_time(&b, ms);
	if (f->frac_ms != 0)
		(void)snprintf(want, sizeof want,
		               "%04u-%02u-%02uT%02u:%02u:%02u.%03uZ", f->year,
		               f->month, f->day, f->hour, f->minute, f->second,
		               f->frac_ms);
	else
		(void)snprintf(want, sizeof want,
		               "%04u-%02u-%02uT%02u:%02u:%02uZ", f->year,
		               f->month, f->day, f->hour, f->minute, f->second);
	if (b.n != strlen(want) || memcmp(b.p, want, b.n) != 0)
		fuzz_fail("staple_text_time(%lld) = %.*s, want %s",
		          (long long)ms, (int)b.n, b.p, want);
	staple_buf_free(&b);
}

static void fuzz_string(const uint8_t *p, size_t n, int utc)
{
	struct fields f;
	int ok = utc ? utc_ok(p, n, &f) : generalized_ok(p, n, &f), err;
	int64_t ms = parse(p, n, utc, &err), want;

	if (ok != (err == STAPLE_OK))
		fuzz_fail("%s of %zu bytes: %s, expected %s",
		          utc ? "UTCTime" : "GeneralizedTime", n,
		          staple_errname(err), ok ? "success" : "a failure");
	check_other_form(p, n, utc, ok, ms);
	if (!ok)
		return;
	want = fields_ms(&f);
	if (ms != want)
		fuzz_fail("%.*s: %lld ms, expected %lld", (int)n,
		          (const char *)p, (long long)ms, (long long)want);
	if (utc)
		FUZZ_REQUIRE(ms >= MS_1950 && ms < MS_2050);
	else
		FUZZ_REQUIRE(ms >= FUZZ_MS_YEAR_0 && ms < FUZZ_MS_YEAR_10000);
	FUZZ_REQUIRE(((ms % 1000) + 1000) % 1000 == f.frac_ms);
	if (!f.has_frac)
		FUZZ_REQUIRE(f.frac_ms == 0);
	check_steps(p, n, utc, &f, ms);
	check_text(&f, ms);
}

/*
 * Any ms of years 0000-9999, printed by staple_text_time() and written
 * back as a GeneralizedTime (fraction without trailing zeros), parses to
 * itself.
 */
static void fuzz_ms(const uint8_t *p, size_t n)
{
	struct staple_buf b = {NULL, 0, 0};
	uint64_t v = 0, span = (uint64_t)(FUZZ_MS_YEAR_10000 - FUZZ_MS_YEAR_0);
	uint8_t gt[32];
	size_t i, k = 0;
	int64_t ms, got;
	int err;

	if (n < 8)
		return;
	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	ms = FUZZ_MS_YEAR_0 + (int64_t)(v % span);
	staple_text_time(&b, ms);
	for (i = 0; i < b.n && k < sizeof gt; i++)
		if (b.p[i] >= '0' && b.p[i] <= '9')
			gt[k++] = (uint8_t)b.p[i];
		else if (b.p[i] == '.' || b.p[i] == 'Z')
			gt[k++] = (uint8_t)b.p[i];
	staple_buf_free(&b);
	FUZZ_REQUIRE(k == 15 || k == 19);
	if (k == 19) { /* ".mmmZ": drop the fraction's trailing zeros */
		k = 18;
		while (gt[k - 1] == '0')
			k--;
		gt[k++] = 'Z';
	}
	got = parse(gt, k, 0, &err);
	if (err != STAPLE_OK || got != ms)
		fuzz_fail("%lld printed as %.*s reads back as %s %lld",
		          (long long)ms, (int)k, (const char *)gt,
		          staple_errname(err), (long long)got);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	switch (data[0] % 3) {
	case 0:
		fuzz_string(data + 1, size - 1, 0);
		break;
	case 1:
		fuzz_string(data + 1, size - 1, 1);
		break;
	default:
		fuzz_ms(data + 1, size - 1);
		break;
	}
	return 0;
}
