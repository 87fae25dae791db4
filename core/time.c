/*
 * time.c -- GeneralizedTime and UTCTime to milliseconds since the epoch,
 * with integer arithmetic only (no struct tm, no time zone).
 */
#include "staple.h"

/* Read n decimal digits; 0 when one of them is not a digit. */
static int digits(const uint8_t *p, size_t n, unsigned *value)
{
	unsigned v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return 0;
		v = v * 10u + (unsigned)(p[i] - '0');
	}
	*value = v;
	return 1;
}

static int is_leap(unsigned y)
{
	return (y % 4u == 0 && y % 100u != 0) || y % 400u == 0;
}

static unsigned days_in_month(unsigned y, unsigned m)
{
	static const uint8_t days[12] = {31, 28, 31, 30, 31, 30,
	                                 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29u : days[m - 1];
}

/*
 * Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar:
 * count from 0000-03-01 in 400-year eras, so that the leap day is the last
 * day of its year.
 */
static int64_t days_from_civil(unsigned year, unsigned month, unsigned day)
{
	int64_t y = (int64_t)year - (month <= 2 ? 1 : 0);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;                       /* [0, 399] */
	int64_t mp = month > 2 ? month - 3 : month + 9;    /* March is 0 */
	int64_t doy = (153 * mp + 2) / 5 + (int64_t)day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

/*
 * The part both forms share once the year is known: MMDDHHMMSS at p,
 * checked field by field.
 */
static int civil_ms(unsigned year, const uint8_t *p, int64_t *ms)
{
	unsigned month, day, hour, minute, second;

	if (!digits(p, 2, &month) || !digits(p + 2, 2, &day) ||
	    !digits(p + 4, 2, &hour) || !digits(p + 6, 2, &minute) ||
	    !digits(p + 8, 2, &second))
		return STAPLE_ERR_TIME;
	if (month < 1 || month > 12 || day < 1 ||
	    day > days_in_month(year, month) || hour > 23 || minute > 59 ||
	    second > 59)
		return STAPLE_ERR_TIME;
	*ms = ((days_from_civil(year, month, day) * 24 + hour) * 60 + minute) *
	              60000 +
	      (int64_t)second * 1000;
	return STAPLE_OK;
}

/* see staple.h */
int staple_time_generalized(const uint8_t *p, size_t n, int64_t *ms)
{
	unsigned year, frac = 0;
	size_t i, fdigits;
	int64_t t;

	*ms = 0;
	/* X.690 11.7: YYYYMMDDHHMMSS, an optional fraction after '.', then
	 * 'Z'; the fraction has no trailing zero (and so is not empty). */
	if (p == NULL || n < 15 || p[n - 1] != 'Z' || !digits(p, 4, &year))
		return STAPLE_ERR_TIME;
	if (n > 15) {
		fdigits = n - 16;
		if (p[14] != '.' || fdigits == 0 || p[n - 2] == '0')
			return STAPLE_ERR_TIME;
		for (i = 0; i < fdigits; i++) {
			unsigned d;
			if (!digits(p + 15 + i, 1, &d))
				return STAPLE_ERR_TIME;
			if (i < 3)
				frac = frac * 10u + d;
		}
		for (i = fdigits; i < 3; i++)
			frac *= 10u;
	}
	if (civil_ms(year, p + 4, &t) != STAPLE_OK)
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
	if (p == NULL || n != 13 || p[12] != 'Z' || !digits(p, 2, &yy))
		return STAPLE_ERR_TIME;
	if (civil_ms(yy >= 50 ? 1900 + yy : 2000 + yy, p + 2, &t) != STAPLE_OK)
		return STAPLE_ERR_TIME;
	*ms = t;
	return STAPLE_OK;
}
