/*
 * time.c -- GeneralizedTime and UTCTime to milliseconds since the epoch,
 * with integer arithmetic only (no struct tm, no time zone).
 *
 * Three of these are in every response and two in every SingleResponse,
 * so with STAPLE_FAST (core/der.h) the fourteen digits of a
 * GeneralizedTime are read as two overlapping 64-bit words: one test
 * checks every character and every field's range at once (a day past the
 * 28th then takes a slower path to check its month), and a few multiplies
 * turn the digits into the year, the seconds of the day and the day
 * count.  Built for size (-Os, a 32-bit core) a plain loop reads the
 * fields two digits at a time instead.  Both ways count days from 1 March
 * of year -400, so that a leap day is the last day of its year and no
 * number is negative, and years are 0000..9999, so every count of days fits
 * 32 bits and there is no division at all, only multiplies and shifts (a
 * Cortex-M links no division helper for them).
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

#if STAPLE_FAST

/* out of line: the paths taken seldom, kept off the common one */
#if defined(__GNUC__) || defined(__clang__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

#define BYTES(b) ((uint64_t)(b) * 0x0101010101010101u)
/* b in byte k (0..7) of a word */
#define AT(b, k) ((uint64_t)(b) << (8 * (k)))

/* The eight characters at p, p[0] in the low byte: one load on a
 * little-endian host (gcc makes the shifts one too, clang not always;
 * the builtin stays inline when -ffreestanding turns memcpy's off). */
static inline uint64_t load8(const uint8_t *p)
{
#if (defined(__GNUC__) || defined(__clang__)) && \
    defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t w;

	__builtin_memcpy(&w, p, sizeof w);
	return w;
#else
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	       (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
	       (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	       (uint64_t)p[7] << 56;
#endif
}

/*
 * The characters of a word minus '0', except the top one minus `top`: a
 * byte of the result is 0..9 for a digit, and 0..top_max for the top one
 * when it is right (top_max 9 for a digit, 0 for one character).  A byte
 * that is wrong leaves bit 7 set in the result or in the result plus 0x76
 * (plus 0x7f - top_max in the top byte): below what is subtracted (at most
 * 'Z') it wraps to 0xa6 or more; above its range it is 0x0a (top_max + 1)
 * or more, which the addition takes to 0x80 or more unless it is that
 * already.  Right bytes neither borrow nor carry, so the lowest byte that
 * is wrong is flagged whatever happens above it.  *bad collects the bits
 * 7.
 */
static inline uint64_t digits(uint64_t w, unsigned top, unsigned top_max,
                              uint64_t *bad)
{
	uint64_t d = w - (BYTES('0') - AT('0', 7) + AT(top, 7));

	*bad |= d | (d + (BYTES(0x76) - AT(0x76, 7) + AT(0x7f - top_max, 7)));
	return d;
}

/*
 * Pairs of digits, from digits() of the characters: byte k + 1 becomes ten
 * times byte k plus byte k + 1 (d * 2560 is ten times each byte, a byte
 * higher; no byte passes 99, so nothing carries).
 */
static inline uint64_t pairs(uint64_t d)
{
	return d * 2561u;
}

/* A date is CC, YY, MM and DD in bytes 1, 3, 5 and 7, a time HH, MM and
 * SS in bytes 2, 4 and 6, the other bytes 0: together every field in a
 * byte of its own. */
#define DATE_BYTES 0xff00ff00ff00ff00u
#define TIME_BYTES 0x00ff00ff00ff0000u
/*
 * Each field is 0..99, so adding 128 - (largest + 1) sets its bit 7,
 * without a carry out of its byte, when it is over its largest value:
 * hour 23, minute and second 59, month 12, and day 28 on the common path.
 * A day of 29..31 takes the slow path, which checks for 31 and then the
 * month.
 */
#define OVER(d_max)                                                        \
	(AT(128 - 24, 2) | AT(128 - 60, 4) | AT(128 - 13, 5) |              \
	 AT(128 - 60, 6) | AT(128 - 1 - (d_max), 7))
/* 0x80 minus month or day sets bit 7 only when it is 0; 0x7f minus any
 * other field never does, nor borrows. */
#define UNDER (BYTES(0x7f) + AT(1, 5) + AT(1, 7))

/*
 * Where each month starts: `day`, the days before it in a year that
 * starts on 1 March, less the 865,565 before 1970-01-01 and the day of the
 * month that has not passed yet (it counts from 1); `year`, what to add
 * to the year for march_days(), 400 but for January and February, which
 * belong to the year before.
 */
static const struct {
	int32_t day;
	uint32_t year;
} month_start[13] = {
	{0, 0},
	{306 - EPOCH_DAY - 1, 399}, {337 - EPOCH_DAY - 1, 399},
	{0 - EPOCH_DAY - 1, 400},   {31 - EPOCH_DAY - 1, 400},
	{61 - EPOCH_DAY - 1, 400},  {92 - EPOCH_DAY - 1, 400},
	{122 - EPOCH_DAY - 1, 400}, {153 - EPOCH_DAY - 1, 400},
	{184 - EPOCH_DAY - 1, 400}, {214 - EPOCH_DAY - 1, 400},
	{245 - EPOCH_DAY - 1, 400}, {275 - EPOCH_DAY - 1, 400},
};

/*
 * The milliseconds since 1970-01-01, in the proleptic Gregorian calendar,
 * of the fields in `date` and `time`, all in range, plus frac.
 *
 * Multiplying by k * 2^s puts a field in bits s + its own place and up:
 * the products that land in the bits wanted add up to the number, the
 * others land below them without reaching them, or above bit 63.  CC *
 * 100 + YY (0..9999) is bits 50..63 of date times 100 * 2^42 + 2^26 (CC *
 * 2^34 stays below); HH * 3600 + MM * 60 + SS (0..86,399) is bits 47..63
 * of time / 2 times 3600 * 2^32 + 60 * 2^16 + 1 (3600 and 60 are even,
 * so MM * 3600 * 2^63 and SS * 60 * 2^63 vanish; HH * 60 + MM is in bits
 * 31..41).
 */
STAPLE_HOT int64_t fields_ms(uint64_t date, uint64_t time, unsigned frac)
{
	unsigned y = (unsigned)((date * ((uint64_t)100 << 42 |
	                                 (uint64_t)1 << 26)) >> 50);
	unsigned secs = (unsigned)(((time >> 1) *
	                            ((uint64_t)3600 << 32 |
	                             (uint64_t)60 << 16 | 1u)) >> 47);
	unsigned m = (unsigned)(date >> 40) & 0xffu, d = (unsigned)(date >> 56);
	int32_t days = (int32_t)march_days(y + month_start[m].year) +
	               month_start[m].day + (int32_t)d;

	return (int64_t)days * 86400000 + (int64_t)(secs * 1000u + frac);
}

/*
 * civil_ms() when a check failed: the time is wrong, or its day is
 * 29..31, which is right when its month has that many days.
 */
static NOINLINE int late_ms(uint64_t bad, uint64_t date, uint64_t time,
                            unsigned frac, int64_t *ms)
{
	uint64_t all = date | time;

	if ((bad | (all + OVER(31)) | (UNDER - all)) & BYTES(0x80) ||
	    !late_day_ok((unsigned)(date >> 8) & 0xffu,
	                 (unsigned)(date >> 24) & 0xffu,
	                 (unsigned)(date >> 40) & 0xffu,
	                 (unsigned)(date >> 56))) {
		*ms = 0;
		return STAPLE_ERR_TIME;
	}
	*ms = fields_ms(date, time, frac);
	return STAPLE_OK;
}

/*
 * The time whose fields are in `date` and `time`, as milliseconds since
 * 1970-01-01 plus frac; `bad` has a bit 7 set when a character was wrong.
 */
STAPLE_HOT int civil_ms(uint64_t bad, uint64_t date, uint64_t time,
                        unsigned frac, int64_t *ms)
{
	uint64_t all = date | time;

	if ((bad | (all + OVER(28)) | (UNDER - all)) & BYTES(0x80))
		return late_ms(bad, date, time, frac, ms);
	*ms = fields_ms(date, time, frac);
	return STAPLE_OK;
}

/* The fourteen digits of a GeneralizedTime at p, then `top`, as ms. */
STAPLE_HOT int generalized_ms(const uint8_t *p, unsigned top, unsigned frac,
                              int64_t *ms)
{
	uint64_t bad = 0;
	/* CCYYMMDD and, from p + 7, the day's second digit, HHMMSS, top */
	uint64_t date = pairs(digits(load8(p), '0', 9, &bad)) & DATE_BYTES;
	uint64_t time = pairs(digits(load8(p + 7), top, 0, &bad)) & TIME_BYTES;

	return civil_ms(bad, date, time, frac, ms);
}

/* A GeneralizedTime with a fraction, or wrong. */
static NOINLINE int generalized_fraction(const uint8_t *p, size_t n,
                                         int64_t *ms)
{
	unsigned frac = fraction(p, n);

	if (frac > 999) {
		*ms = 0;
		return STAPLE_ERR_TIME;
	}
	return generalized_ms(p, '.', frac, ms);
}

/* see staple.h */
int staple_time_generalized(const uint8_t *p, size_t n, int64_t *ms)
{
	if (p != NULL && n == 15)
		return generalized_ms(p, 'Z', 0, ms);
	return generalized_fraction(p, n, ms);
}

/* see staple.h */
int staple_time_utc(const uint8_t *p, size_t n, int64_t *ms)
{
	uint64_t bad = 0, date, time;
	unsigned yy;

	/* X.690 11.8 and RFC 5280 4.1.2.5.1: YYMMDDHHMMSSZ exactly. */
	if (p == NULL || n != 13) {
		*ms = 0;
		return STAPLE_ERR_TIME;
	}
	/* YYMMDDHH, the pairs two bytes up to make room for the century;
	 * from p + 5 as for a GeneralizedTime */
	date = pairs(digits(load8(p), '0', 9, &bad)) << 16 & DATE_BYTES;
	time = pairs(digits(load8(p + 5), 'Z', 0, &bad)) & TIME_BYTES;
	/* the century in front: YY 50..99 is 19YY, 00..49 20YY */
	yy = (unsigned)(date >> 24) & 0xffu;
	date |= AT(yy >= 50 ? 19u : 20u, 1);
	return civil_ms(bad, date, time, 0, ms);
}

#else /* !STAPLE_FAST: small code for a 32-bit core */

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

#endif /* STAPLE_FAST */
