/*
 * time.c -- GeneralizedTime and UTCTime to milliseconds since the epoch,
 * with integer arithmetic only (no struct tm, no time zone).
 *
 * Three of these are in every response and two in every SingleResponse,
 * so the digits are read eight at a time: one 64-bit word holds eight
 * characters, one test checks that all are digits, and one multiply
 * turns them into four two-digit numbers.  Years are 0000..9999, so every
 * count of days fits 32 bits and no 64-bit division is needed (a
 * Cortex-M links no division helper for it).
 */
#include "staple.h"

#define BYTES(b) ((uint64_t)(b) * 0x0101010101010101u)

/*
 * The eight characters at p, all decimal digits, as four two-digit
 * numbers: (p[0]p[1]) in bits 0-7, (p[2]p[3]) in bits 16-23, (p[4]p[5])
 * in 32-39, (p[6]p[7]) in 48-55.  UINT64_MAX when one is not a digit.
 */
static inline uint64_t digit_pairs(const uint8_t *p)
{
	/* p[0] in the low byte, on any host (compilers make it one load) */
	uint64_t w = (uint64_t)p[0] | (uint64_t)p[1] << 8 |
	             (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
	             (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
	             (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
	uint64_t d;
	/* A byte is a digit when its high nibble is 3 and stays 3 once 6
	 * is added (0x3a..0x3f become 0x40..0x45).  A byte that carries
	 * into the next has high nibble f, so it fails on its own. */
	if ((w & BYTES(0xf0)) != BYTES(0x30) ||
	    ((w + BYTES(0x06)) & BYTES(0xf0)) != BYTES(0x30))
		return UINT64_MAX;
	d = w - BYTES(0x30); /* each byte 0..9 */
	/* tens * 10 + ones in every even byte; no byte exceeds 99 */
	return (d * 10u + (d >> 8)) & 0x00ff00ff00ff00ffu;
}

/* Two-digit number k (0..3) of a digit_pairs() result. */
static inline unsigned pair(uint64_t pairs, unsigned k)
{
	return (unsigned)(pairs >> (16u * k)) & 0xffu;
}

/* a, b, c and d in the places of two-digit numbers 0, 1, 2 and 3 */
#define PAIRS(a, b, c, d) \
	((uint64_t)(a) | (uint64_t)(b) << 16 | (uint64_t)(c) << 32 | \
	 (uint64_t)(d) << 48)
#define PAIR_HIGH_BITS PAIRS(0x80, 0x80, 0x80, 0x80)

static int is_leap(unsigned y)
{
	return y % 4u == 0 && (y % 100u != 0 || y % 400u == 0);
}

/*
 * The time whose digits are `date` (century, year, month, day) and `time`
 * (day again, hour, minute, second), both from digit_pairs(), as
 * milliseconds since 1970-01-01 in the proleptic Gregorian calendar.
 */
static int civil_ms(uint64_t date, uint64_t time, int64_t *ms)
{
	/* days before each month in a year that starts on 1 March, so
	 * that a leap day is the last day of its year */
	static const uint16_t from_march[13] = {0,   306, 337, 0,   31,
	                                        61,  92,  122, 153, 184,
	                                        214, 245, 275};
	static const uint8_t month_days[13] = {0,  31, 29, 31, 30, 31, 30,
	                                       31, 31, 30, 31, 30, 31};
	unsigned y = pair(date, 0) * 100u + pair(date, 1);
	unsigned m = pair(date, 2), d = pair(date, 3), shifted;
	uint32_t days;

	/* Each number is 0..99, so adding up to 128 sets its bit 7 without
	 * a carry out: month 1..12, day 1..31, hour 0..23, minute and
	 * second 0..59, all at once. */
	if (((date + PAIRS(0, 0, 128 - 13, 128 - 32)) |
	     (time + PAIRS(0, 128 - 24, 128 - 60, 128 - 60))) &
	    PAIR_HIGH_BITS)
		return STAPLE_ERR_TIME;
	if (((date + PAIRS(0, 0, 127, 127)) & PAIRS(0, 0, 0x80, 0x80)) !=
	    PAIRS(0, 0, 0x80, 0x80))
		return STAPLE_ERR_TIME;
	if (d > 28 && (d > month_days[m] || (m == 2 && d == 29 && !is_leap(y))))
		return STAPLE_ERR_TIME;
	/* Counted from 1 March of year -400, so that January and February
	 * belong to the year before without going below zero; 1970-01-01
	 * is day 865,565. */
	shifted = y + 400u - (m < 3);
	days = 365u * shifted + shifted / 4u - shifted / 100u +
	       shifted / 400u + from_march[m] + d - 1u;
	*ms = ((int64_t)((int32_t)days - 865565) * 86400 +
	       (int32_t)((pair(time, 1) * 60u + pair(time, 2)) * 60u +
	                 pair(time, 3))) *
	      1000;
	return STAPLE_OK;
}

/* see staple.h */
int staple_time_generalized(const uint8_t *p, size_t n, int64_t *ms)
{
	uint64_t date, time;
	unsigned frac = 0, scale = 100;
	size_t i;

	*ms = 0;
	/* X.690 11.7: YYYYMMDDHHMMSS, an optional fraction after '.', then
	 * 'Z'; the fraction has no trailing zero (and so is not empty). */
	if (p == NULL || n < 15 || p[n - 1] != 'Z')
		return STAPLE_ERR_TIME;
	date = digit_pairs(p);     /* YYYYMMDD */
	time = digit_pairs(p + 6); /* DDHHMMSS */
	if (date == UINT64_MAX || time == UINT64_MAX)
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
	if (civil_ms(date, time, ms) != STAPLE_OK)
		return STAPLE_ERR_TIME;
	*ms += frac;
	return STAPLE_OK;
}

/* see staple.h */
int staple_time_utc(const uint8_t *p, size_t n, int64_t *ms)
{
	uint64_t date, time;

	*ms = 0;
	/* X.690 11.8 and RFC 5280 4.1.2.5.1: YYMMDDHHMMSSZ exactly. */
	if (p == NULL || n != 13 || p[12] != 'Z')
		return STAPLE_ERR_TIME;
	date = digit_pairs(p);     /* YYMMDDHH */
	time = digit_pairs(p + 4); /* DDHHMMSS */
	if (date == UINT64_MAX || time == UINT64_MAX)
		return STAPLE_ERR_TIME;
	/* the century in front: YY 50..99 is 19YY, 00..49 20YY */
	date = date << 16 | (pair(date, 0) >= 50 ? 19u : 20u);
	return civil_ms(date, time, ms);
}
