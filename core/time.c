/*
 * time.c -- GeneralizedTime and UTCTime to milliseconds since the epoch,
 * with integer arithmetic only (no struct tm, no time zone).
 *
 * Years are 0000..9999, so every count of days fits 32 bits and no 64-bit
 * division is needed: a Cortex-M links no division helper for it.
 */
#include "staple.h"

/* Two decimal digits at p as 0..99, or 100 when either is not a digit. */
static unsigned two_digits(const uint8_t *p)
{
	unsigned tens = p[0] - (unsigned)'0', ones = p[1] - (unsigned)'0';

	return tens < 10u && ones < 10u ? tens * 10u + ones : 100u;
}

static int is_leap(unsigned y)
{
	return y % 4u == 0 && (y % 100u != 0 || y % 400u == 0);
}

/*
 * Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar:
 * 365 a year, plus the leap days of the years before y (year 0 is leap),
 * plus the days of the months before m.
 */
static int32_t days_from_civil(unsigned y, unsigned m, unsigned d, int leap)
{
	static const uint16_t before[12] = {0,   31,  59,  90,  120, 151,
	                                    181, 212, 243, 273, 304, 334};
	uint32_t days = 365u * y + (y + 3u) / 4u - (y + 99u) / 100u +
	                (y + 399u) / 400u + before[m - 1] +
	                (m > 2 && leap ? 1u : 0u) + d - 1u;

	return (int32_t)days - 719528; /* 0000-01-01 to 1970-01-01 */
}

/*
 * The part both forms share once the year is known: MMDDHHMMSS at p,
 * checked field by field (a non-digit reads as 100, out of every range).
 */
static int civil_ms(unsigned year, const uint8_t *p, int64_t *ms)
{
	static const uint8_t month_days[12] = {31, 28, 31, 30, 31, 30,
	                                       31, 31, 30, 31, 30, 31};
	unsigned month = two_digits(p), day = two_digits(p + 2);
	unsigned hour = two_digits(p + 4), minute = two_digits(p + 6);
	unsigned second = two_digits(p + 8);
	int leap;

	if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 ||
	    second > 59)
		return STAPLE_ERR_TIME;
	leap = is_leap(year);
	if (day > month_days[month - 1] + (month == 2 && leap ? 1u : 0u))
		return STAPLE_ERR_TIME;
	*ms = (int64_t)days_from_civil(year, month, day, leap) * 86400000 +
	      (int32_t)((hour * 60u + minute) * 60u + second) * 1000;
	return STAPLE_OK;
}

/* see staple.h */
int staple_time_generalized(const uint8_t *p, size_t n, int64_t *ms)
{
	unsigned century, year, frac = 0, scale = 100;
	size_t i;
	int64_t t;

	*ms = 0;
	/* X.690 11.7: YYYYMMDDHHMMSS, an optional fraction after '.', then
	 * 'Z'; the fraction has no trailing zero (and so is not empty). */
	if (p == NULL || n < 15 || p[n - 1] != 'Z')
		return STAPLE_ERR_TIME;
	century = two_digits(p);
	year = two_digits(p + 2);
	if (century > 99 || year > 99)
		return STAPLE_ERR_TIME;
	if (n > 15) {
		if (p[14] != '.' || n == 16 || p[n - 2] == '0')
			return STAPLE_ERR_TIME;
		/* milliseconds from the first three digits; the rest are
		 * checked and dropped */
		for (i = 15; i < n - 1; i++) {
			unsigned d = p[i] - (unsigned)'0';
			if (d > 9)
				return STAPLE_ERR_TIME;
			frac += d * scale;
			scale /= 10u;
		}
	}
	if (civil_ms(century * 100u + year, p + 4, &t) != STAPLE_OK)
		return STAPLE_ERR_TIME;
	*ms = t + frac;
	return STAPLE_OK;
}

/* see staple.h */
int staple_time_utc(const uint8_t *p, size_t n, int64_t *ms)
{
	unsigned yy;
	int64_t t;

	*ms = 0;
	/* X.690 11.8 and RFC 5280 4.1.2.5.1: YYMMDDHHMMSSZ exactly. */
	if (p == NULL || n != 13 || p[12] != 'Z')
		return STAPLE_ERR_TIME;
	yy = two_digits(p);
	if (yy > 99)
		return STAPLE_ERR_TIME;
	if (civil_ms(yy >= 50 ? 1900 + yy : 2000 + yy, p + 2, &t) != STAPLE_OK)
		return STAPLE_ERR_TIME;
	*ms = t;
	return STAPLE_OK;
}
