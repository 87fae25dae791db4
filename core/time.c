/*
 * time.c -- GeneralizedTime and UTCTime to milliseconds since the epoch,
 * with integer arithmetic only (no struct tm, no time zone).
 *
 * The fields are read two digits at a time.  Days are counted from 1 March
 * of year -400, so that a leap day is the last day of its year and no
 * number is negative, and years are 0000..9999, so every count of days
 * fits 32 bits and there is no division at all, only multiplies and shifts
 * (a Cortex-M links no division helper for them).
 */
#include "der.h"

/* 1970-01-01 is day 865,565 when 1 March of year -400 is day 0. */
#define EPOCH_DAY 865565

/*
 * Days from 1 March of year -400 to 1 March of `shifted` years later,
 * shifted 0..10399: 365 a year plus a leap day every fourth year, less
 * one a century, plus one every fourth century.  365 * y + y / 4 is
 * 1461 * y / 4; c - c / 4 is 3 * c / 4 rounded up, (3 * c + 3) / 4; and
 * c, the centuries, is shifted / 100, which (x * 5243) >> 19 is for every
 * x below 43,699.
 */
static inline uint32_t march_days(uint32_t shifted)
{
	uint32_t c = (shifted * 5243u) >> 19;

	return ((1461u * shifted) >> 2) - ((3u * c + 3u) >> 2);
}

/*
 * Whether day d, 29..31, is in month m, 1..12, of year cc * 100 + yy
 * (every month has days 1..28, so only these are looked up).  February
 * has 29 days in a year divisible by 4 (yy is, for yy is what is left
 * after the hundreds), except a century (yy 0) not divisible by 400 (cc
 * is not by 4).  April, June, September and November have 30: the months
 * below August whose number is even, and those from August (bit 3) whose
 * number is odd.
 */
static int late_day_ok(unsigned cc, unsigned yy, unsigned m, unsigned d)
{
	if (m == 2)
		return d == 29 && ((yy != 0 ? yy : cc) & 3u) == 0;
	return d <= 30u + ((m ^ m >> 3) & 1u);
}

/*
 * The milliseconds of a GeneralizedTime's fraction (X.690 11.7), 0 for
 * YYYYMMDDHHMMSSZ; else YYYYMMDDHHMMSS, '.', a fraction without a
 * trailing zero (and so not empty), 'Z', and the milliseconds are its
 * first three digits (the rest are checked and dropped).  Over 999 when p
 * is not one of these (the fourteen digits are not looked at).
 */
static unsigned fraction(const uint8_t *p, size_t n)
{
	unsigned frac = 0, scale = 100;
	size_t i;

	if (p == NULL || n < 15 || p[n - 1] != 'Z')
		return 1000;
	if (n == 15)
		return 0;
	/* the last digit 1..9 (with n 16 it is the '.') */
	if (p[14] != '.' || p[n - 2] - (unsigned)'1' > 8)
		return 1000;
	for (i = 15; i < n - 1; i++) {
		unsigned d = p[i] - (unsigned)'0';
		if (d > 9)
			return 1000;
		frac += d * scale;
		scale = (scale * 205u) >> 11; /* 100, 10, 1, then 0 */
	}
	return frac;
}

/* The number the two digits at p make, over 99 when one is not a digit. */
static unsigned two_digits(const uint8_t *p)
{
	unsigned hi = p[0] - (unsigned)'0', lo = p[1] - (unsigned)'0';

	return hi <= 9 && lo <= 9 ? hi * 10u + lo : 100u;
}

/*
 * The fields of a GeneralizedTime (first 0) or of a UTCTime (first 1,
 * from YY) at p, as milliseconds since 1970-01-01 in the proleptic
 * Gregorian calendar, plus frac; frac over 999 is an error found by the
 * caller (p is not read then).
 */
static int civil_ms(const uint8_t *p, unsigned first, unsigned frac,
                    int64_t *ms)
{
	/* what CC YY MM DD HH MM SS may be over their least, 0 or (month,
	 * day) 1 */
	static const uint8_t span[7] = {99, 99, 12 - 1, 31 - 1, 23, 59, 59};
	uint8_t f[7];
	unsigned i, v, m, shifted;
	int32_t days;

	*ms = 0;
	if (frac > 999)
		return STAPLE_ERR_TIME;
	for (i = first; i < 7; i++, p += 2) {
		v = two_digits(p);
		/* i - 2 < 2: month and day, where 0 wraps to UINT_MAX */
		if (v - (i - 2u < 2u) > span[i])
			return STAPLE_ERR_TIME;
		f[i] = (uint8_t)v;
	}
	/* a UTCTime's century: YY 50..99 is 19YY, 00..49 20YY */
	if (first)
		f[0] = f[1] >= 50 ? 19 : 20;
	m = f[2];
	if (f[3] > 28 && !late_day_ok(f[0], f[1], m, f[3]))
		return STAPLE_ERR_TIME;
	/* January and February belong to the year before, as months 13 and
	 * 14; (979 * m - 2919) / 32 is the days from 1 March to month m,
	 * 3..14 */
	shifted = f[0] * 100u + f[1] + 400u;
	if (m < 3) {
		shifted--;
		m += 12;
	}
	days = (int32_t)(march_days(shifted) + ((979u * m - 2919u) >> 5) +
	                 f[3]) -
	       (EPOCH_DAY + 1);
	*ms = (int64_t)days * 86400000 +
	      (int32_t)(((f[4] * 60u + f[5]) * 60u + f[6]) * 1000u + frac);
	return STAPLE_OK;
}

/* see staple.h */
int staple_time_generalized(const uint8_t *p, size_t n, int64_t *ms)
{
	return civil_ms(p, 0, fraction(p, n), ms);
}

/* see staple.h */
int staple_time_utc(const uint8_t *p, size_t n, int64_t *ms)
{
	/* X.690 11.8 and RFC 5280 4.1.2.5.1: YYMMDDHHMMSSZ exactly */
	return civil_ms(p, 1, p != NULL && n == 13 && p[12] == 'Z' ? 0 : 1000,
	                ms);
}
