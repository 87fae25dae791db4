/*
 * test_time.c -- staple_time_generalized() and staple_time_utc().
 *
 * The expected milliseconds were computed while writing this file with
 * python's datetime, (datetime(...) - datetime(1970,1,1)) in UTC, except
 * for year 0000, which datetime cannot represent: 0000-01-01 is 366 days
 * (year 0 is a Gregorian leap year, divisible by 400) before 0001-01-01,
 * which python puts at -719162 days, so -719528 days.  The calendar walk
 * below checks every day of several eras against a day counter that knows
 * nothing of the decoder's days-from-civil formula.
 */
#include "tests.h"
#include "staple.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY_MS INT64_C(86400000)

enum kind { GEN, UTC };

/*
 * Call the decoder on an exact-size heap copy of s (no terminating NUL),
 * so reading one byte past the contents trips AddressSanitizer.  *ms is
 * primed with garbage to check that a failure resets it.
 */
static int decode_time(enum kind kind, const char *s, int64_t *ms)
{
	size_t n = strlen(s);
	uint8_t *buf = malloc(n > 0 ? n : 1);
	int err;

	ck_assert_ptr_nonnull(buf);
	memcpy(buf, s, n);
	*ms = INT64_C(0x5a5a5a5a5a5a);
	if (kind == GEN)
		err = staple_time_generalized(buf, n, ms);
	else
		err = staple_time_utc(buf, n, ms);
	free(buf);
	return err;
}

struct time_case {
	enum kind kind;
	const char *s;
	int err;
	int64_t ms;
	const char *why; /* for the failures: why the input is invalid */
};

static const struct time_case good_cases[] = {
	{ GEN, "19700101000000Z", STAPLE_OK, 0, "the epoch" },
	{ GEN, "19691231235959Z", STAPLE_OK, -1000, "one second before" },
	{ GEN, "19691231235959.999Z", STAPLE_OK, -1,
	  "one millisecond before the epoch: fraction adds to a negative" },
	{ GEN, "19700101000000.001Z", STAPLE_OK, 1, "one ms after" },
	{ GEN, "20150522162408Z", STAPLE_OK, INT64_C(1432311848000),
	  "asn1crypto's GeoTrust producedAt" },
	{ GEN, "19991231235959Z", STAPLE_OK, INT64_C(946684799000), "Y2K-1" },
	{ GEN, "20380119031408Z", STAPLE_OK, INT64_C(2147483648000),
	  "2^31 seconds: past 32-bit time_t" },
	{ GEN, "21060207062816Z", STAPLE_OK, INT64_C(4294967296000),
	  "2^32 seconds" },
	{ GEN, "20240101000000Z", STAPLE_OK, INT64_C(1704067200000), "2024" },
	/* Leap years: divisible by 4, except centuries, except by 400. */
	{ GEN, "20000229120000Z", STAPLE_OK, INT64_C(951825600000),
	  "2000 is a leap year (divisible by 400)" },
	{ GEN, "20240229000000Z", STAPLE_OK, INT64_C(1709164800000),
	  "2024 is a leap year" },
	{ GEN, "19960229000000Z", STAPLE_OK, INT64_C(825552000000),
	  "1996 is a leap year" },
	{ GEN, "24000229000000Z", STAPLE_OK, INT64_C(13574563200000),
	  "2400 is a leap year" },
	{ GEN, "19000301000000Z", STAPLE_OK, INT64_C(-2203891200000),
	  "the day after 1900-02-28" },
	{ GEN, "21000228235959Z", STAPLE_OK, INT64_C(4107542399000),
	  "last second of February 2100" },
	/* GeneralizedTime has no 2049 pivot. */
	{ GEN, "20500101000000Z", STAPLE_OK, INT64_C(2524608000000),
	  "2050, past UTCTime's range" },
	{ GEN, "19500101000000Z", STAPLE_OK, INT64_C(-631152000000), "1950" },
	{ GEN, "16010101000000Z", STAPLE_OK, INT64_C(-11644473600000),
	  "the Windows FILETIME epoch" },
	/* The extremes of four-digit years. */
	{ GEN, "00000101000000Z", STAPLE_OK, INT64_C(-62167219200000),
	  "year 0000: -719528 days" },
	{ GEN, "00000229000000Z", STAPLE_OK,
	  INT64_C(-62167219200000) + 59 * DAY_MS,
	  "year 0000 is a leap year (divisible by 400)" },
	{ GEN, "00010101000000Z", STAPLE_OK, INT64_C(-62135596800000),
	  "year 0001" },
	{ GEN, "99991231235959Z", STAPLE_OK, INT64_C(253402300799000),
	  "the last second of 9999" },
	{ GEN, "99991231235959.999Z", STAPLE_OK, INT64_C(253402300799999),
	  "the last millisecond of 9999" },
	/* Fractions: kept to the millisecond, further digits dropped. */
	{ GEN, "20240101000000.5Z", STAPLE_OK, INT64_C(1704067200500),
	  ".5 is 500 ms" },
	{ GEN, "20240101000000.123Z", STAPLE_OK, INT64_C(1704067200123),
	  ".123 is 123 ms" },
	{ GEN, "20240101000000.05Z", STAPLE_OK, INT64_C(1704067200050),
	  ".05 is 50 ms" },
	{ GEN, "20240101000000.1234567Z", STAPLE_OK, INT64_C(1704067200123),
	  "digits past the millisecond are dropped" },
	{ GEN, "20240101000000.12345678901234567890123456789Z", STAPLE_OK,
	  INT64_C(1704067200123), "a long fraction does not overflow" },
	{ GEN, "20240101000000.9999Z", STAPLE_OK, INT64_C(1704067200999),
	  "dropped, not rounded" },
	{ GEN, "20240101000000.0001Z", STAPLE_OK, INT64_C(1704067200000),
	  "a fraction below a millisecond" },
	{ GEN, "20210819121804.364Z", STAPLE_OK, INT64_C(1629375484364),
	  "pyhanko's multitasking producedAt" },
	{ GEN, "20241231235959.5Z", STAPLE_OK, INT64_C(1735689599500),
	  "a fraction on a day past the 28th (the slow path)" },
	/* UTCTime: YY >= 50 is 19YY, else 20YY (RFC 5280 4.1.2.5.1). */
	{ UTC, "700101000000Z", STAPLE_OK, 0, "the epoch" },
	{ UTC, "500101000000Z", STAPLE_OK, INT64_C(-631152000000),
	  "50 is 1950, the first UTCTime year" },
	{ UTC, "491231235959Z", STAPLE_OK, INT64_C(2524607999000),
	  "49 is 2049, the last UTCTime year" },
	{ UTC, "691231235959Z", STAPLE_OK, -1000, "69 is 1969" },
	{ UTC, "000229000000Z", STAPLE_OK, INT64_C(951782400000),
	  "00 is 2000, a leap year" },
	{ UTC, "960229000000Z", STAPLE_OK, INT64_C(825552000000),
	  "96 is 1996, a leap year" },
	{ UTC, "150522162408Z", STAPLE_OK, INT64_C(1432311848000), "2015" },
};

static const struct time_case bad_cases[] = {
	{ GEN, "", STAPLE_ERR_TIME, 0, "empty" },
	{ GEN, "Z", STAPLE_ERR_TIME, 0, "only the zone" },
	{ GEN, "20240101000000", STAPLE_ERR_TIME, 0,
	  "missing Z: DER requires UTC with Z (X.690 11.7.1)" },
	{ GEN, "20240101000000z", STAPLE_ERR_TIME, 0,
	  "lowercase z: X.690 11.7.1 requires the letter Z" },
	{ GEN, "20240101000000+0100", STAPLE_ERR_TIME, 0,
	  "offset instead of Z (X.690 11.7.1)" },
	{ GEN, "20240101000000-0000", STAPLE_ERR_TIME, 0,
	  "offset -0000 instead of Z" },
	{ GEN, "20240101000000Z+0100", STAPLE_ERR_TIME, 0,
	  "Z followed by an offset" },
	{ GEN, "20240101000000ZZ", STAPLE_ERR_TIME, 0, "a byte after Z" },
	{ GEN, "2024010100000Z", STAPLE_ERR_TIME, 0,
	  "13 digits: one short" },
	{ GEN, "202401010000000Z", STAPLE_ERR_TIME, 0,
	  "15 digits: one too many" },
	{ GEN, "202401010000Z", STAPLE_ERR_TIME, 0,
	  "seconds omitted: DER requires them (X.690 11.7.2)" },
	{ GEN, "2024010100Z", STAPLE_ERR_TIME, 0, "minutes omitted" },
	{ GEN, "240101000000Z", STAPLE_ERR_TIME, 0,
	  "a UTCTime shape in a GeneralizedTime" },
	{ GEN, "2024010100000aZ", STAPLE_ERR_TIME, 0, "non-digit second" },
	{ GEN, "2O240101000000Z", STAPLE_ERR_TIME, 0,
	  "letter O for zero (and 15 characters before Z)" },
	{ GEN, "202A0101000000Z", STAPLE_ERR_TIME, 0, "non-digit year" },
	{ GEN, "2024-1-1000000Z", STAPLE_ERR_TIME, 0, "a dash" },
	{ GEN, "20240101 00000Z", STAPLE_ERR_TIME, 0, "a space" },
	{ GEN, "+2024010100000Z", STAPLE_ERR_TIME, 0, "a sign" },
	{ GEN, "20241301000000Z", STAPLE_ERR_TIME, 0, "month 13" },
	{ GEN, "20240001000000Z", STAPLE_ERR_TIME, 0, "month 00" },
	{ GEN, "20240100000000Z", STAPLE_ERR_TIME, 0, "day 00" },
	{ GEN, "20240132000000Z", STAPLE_ERR_TIME, 0, "January 32" },
	{ GEN, "20240431000000Z", STAPLE_ERR_TIME, 0, "April 31" },
	{ GEN, "20240631000000Z", STAPLE_ERR_TIME, 0, "June 31" },
	{ GEN, "20240931000000Z", STAPLE_ERR_TIME, 0, "September 31" },
	{ GEN, "20241131000000Z", STAPLE_ERR_TIME, 0, "November 31" },
	{ GEN, "20240230000000Z", STAPLE_ERR_TIME, 0, "February 30" },
	{ GEN, "19000229000000Z", STAPLE_ERR_TIME, 0,
	  "1900 is not a leap year (a century not divisible by 400)" },
	{ GEN, "21000229000000Z", STAPLE_ERR_TIME, 0,
	  "2100 is not a leap year" },
	{ GEN, "20230229000000Z", STAPLE_ERR_TIME, 0,
	  "2023 is not a leap year" },
	{ GEN, "00010229000000Z", STAPLE_ERR_TIME, 0,
	  "0001 is not a leap year" },
	{ GEN, "20240101240000Z", STAPLE_ERR_TIME, 0,
	  "hour 24: midnight is 00 of the next day" },
	{ GEN, "20240101006000Z", STAPLE_ERR_TIME, 0, "minute 60" },
	{ GEN, "20240101000060Z", STAPLE_ERR_TIME, 0,
	  "second 60: leap seconds are rejected (staple.h)" },
	{ GEN, "20161231235960Z", STAPLE_ERR_TIME, 0,
	  "a real leap second is still rejected" },
	{ GEN, "20240101000099Z", STAPLE_ERR_TIME, 0, "second 99" },
	{ GEN, "20240101000000.50Z", STAPLE_ERR_TIME, 0,
	  "trailing zero in the fraction (X.690 11.7.3)" },
	{ GEN, "20240101000000.0Z", STAPLE_ERR_TIME, 0,
	  "an all-zero fraction: the point must be omitted (11.7.3)" },
	{ GEN, "20240101000000.1230Z", STAPLE_ERR_TIME, 0,
	  "a trailing zero past the millisecond is still one" },
	{ GEN, "20240101000000.Z", STAPLE_ERR_TIME, 0,
	  "empty fraction: a point with no digit" },
	{ GEN, "20240101000000,5Z", STAPLE_ERR_TIME, 0,
	  "comma as decimal mark: DER requires a full stop (11.7.4)" },
	{ GEN, "20240101000000.5", STAPLE_ERR_TIME, 0,
	  "fraction without Z" },
	{ GEN, "20240101000000.5aZ", STAPLE_ERR_TIME, 0,
	  "non-digit in the fraction" },
	{ GEN, "20240101000000..5Z", STAPLE_ERR_TIME, 0, "two points" },
	{ GEN, "20240101000000.-5Z", STAPLE_ERR_TIME, 0, "signed fraction" },
	{ GEN, "202401010000.5Z", STAPLE_ERR_TIME, 0,
	  "fraction of a minute: seconds missing" },
	/* Digits are checked eight bytes at a time, from p and from p + 7. */
	{ GEN, "2024010/000000Z", STAPLE_ERR_TIME, 0,
	  "'0' - 1 as the day's second digit, which both words hold" },
	{ GEN, "202401:1000000Z", STAPLE_ERR_TIME, 0, "'9' + 1 in the day" },
	{ GEN, "2024" "\xb1" "101000000Z", STAPLE_ERR_TIME, 0,
	  "'1' with bit 7 set in the date" },
	{ GEN, "202401010000" "\xb0" "0Z", STAPLE_ERR_TIME, 0,
	  "'0' with bit 7 set in the time" },
	{ GEN, "20240101000000" "\xda", STAPLE_ERR_TIME, 0,
	  "'Z' with bit 7 set" },
	{ GEN, "2024010100000a.5Z", STAPLE_ERR_TIME, 0,
	  "non-digit second before a fraction" },
	{ GEN, "20240101000000Z5Z", STAPLE_ERR_TIME, 0,
	  "Z, not a point, before a fraction" },
	{ UTC, "", STAPLE_ERR_TIME, 0, "empty" },
	{ UTC, "700101000000", STAPLE_ERR_TIME, 0, "missing Z" },
	{ UTC, "700101000000z", STAPLE_ERR_TIME, 0, "lowercase z" },
	{ UTC, "700101000000+0100", STAPLE_ERR_TIME, 0,
	  "offset instead of Z (X.690 11.8.1)" },
	{ UTC, "7001010000Z", STAPLE_ERR_TIME, 0,
	  "seconds omitted: DER requires them (X.690 11.8.2)" },
	{ UTC, "70010100000Z", STAPLE_ERR_TIME, 0, "11 digits" },
	{ UTC, "7001010000000Z", STAPLE_ERR_TIME, 0, "13 digits" },
	{ UTC, "19700101000000Z", STAPLE_ERR_TIME, 0,
	  "a GeneralizedTime shape in a UTCTime" },
	{ UTC, "700101000000.5Z", STAPLE_ERR_TIME, 0,
	  "UTCTime has no fraction" },
	{ UTC, "7001010000a0Z", STAPLE_ERR_TIME, 0, "non-digit" },
	{ UTC, "701301000000Z", STAPLE_ERR_TIME, 0, "month 13" },
	{ UTC, "700001000000Z", STAPLE_ERR_TIME, 0, "month 00" },
	{ UTC, "700132000000Z", STAPLE_ERR_TIME, 0, "day 32" },
	{ UTC, "700431000000Z", STAPLE_ERR_TIME, 0, "April 31" },
	{ UTC, "700100000000Z", STAPLE_ERR_TIME, 0, "day 00" },
	{ UTC, "230229000000Z", STAPLE_ERR_TIME, 0,
	  "2023 is not a leap year" },
	{ UTC, "500229000000Z", STAPLE_ERR_TIME, 0,
	  "1950 is not a leap year" },
	{ UTC, "700101240000Z", STAPLE_ERR_TIME, 0, "hour 24" },
	{ UTC, "700101006000Z", STAPLE_ERR_TIME, 0, "minute 60" },
	{ UTC, "700101000060Z", STAPLE_ERR_TIME, 0, "second 60" },
	{ UTC, "70010100000" "\xb0" "Z", STAPLE_ERR_TIME, 0,
	  "'0' with bit 7 set" },
	{ UTC, "700101000000" "\xda", STAPLE_ERR_TIME, 0,
	  "'Z' with bit 7 set" },
};

#define N_GOOD (sizeof good_cases / sizeof good_cases[0])
#define N_BAD (sizeof bad_cases / sizeof bad_cases[0])

static void run_case(const struct time_case *c)
{
	int64_t ms;
	int err = decode_time(c->kind, c->s, &ms);

	ck_assert_msg(err == c->err, "%s \"%s\" (%s): got %s, want %s",
	              c->kind == GEN ? "GeneralizedTime" : "UTCTime", c->s,
	              c->why, staple_errname(err), staple_errname(c->err));
	ck_assert_msg(ms == c->ms, "\"%s\" (%s): got %lld ms, want %lld",
	              c->s, c->why, (long long)ms, (long long)c->ms);
}

START_TEST(test_time_good)
{
	run_case(&good_cases[_i]);
}
END_TEST

START_TEST(test_time_bad)
{
	run_case(&bad_cases[_i]);
}
END_TEST

/* The GeneralizedTime "YYYYMMDD120000Z" of year y, month m, day d. */
static void format_noon(char *buf, size_t size, int y, int m, int d)
{
	snprintf(buf, size, "%04d%02d%02d120000Z", y, m, d);
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30,
		                      31, 31, 30, 31, 30, 31 };
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Days from 1970-01-01 to y-01-01 by adding up year lengths. */
static int64_t days_to_year(int y)
{
	int64_t days = 0;
	int i;

	for (i = 1970; i < y; i++)
		days += is_leap(i) ? 366 : 365;
	for (i = y; i < 1970; i++)
		days -= is_leap(i) ? 366 : 365;
	return days;
}

/* Eras walked day by day: year ends, century rules, both UTCTime ends. */
static const struct {
	int first, last;
} eras[] = {
	{ 0, 4 }, { 96, 104 }, { 1599, 1601 }, { 1699, 1701 },
	{ 1896, 1904 }, { 1949, 2051 }, { 2096, 2104 }, { 2396, 2404 },
	{ 9995, 9999 },
};

/*
 * Every day of an era, at noon, decodes to the day counter; the day after
 * each month's last day is rejected.  UTCTime is checked too for the years
 * it can express.
 */
START_TEST(test_time_calendar_walk)
{
	int64_t days = days_to_year(eras[_i].first);
	int y, m, d;
	char s[48];
	int64_t ms;
	int err;

	for (y = eras[_i].first; y <= eras[_i].last; y++) {
		for (m = 1; m <= 12; m++) {
			int last = month_days(y, m);
			for (d = 1; d <= last; d++, days++) {
				int64_t want = days * DAY_MS + 12 * 3600000;
				format_noon(s, sizeof s, y, m, d);
				err = decode_time(GEN, s, &ms);
				if (err != STAPLE_OK || ms != want)
					ck_abort_msg("%s: got %s %lld, want %lld",
					             s, staple_errname(err),
					             (long long)ms,
					             (long long)want);
				if (y >= 1950 && y <= 2049) {
					err = decode_time(UTC, s + 2, &ms);
					if (err != STAPLE_OK || ms != want)
						ck_abort_msg("UTCTime %s: got %s "
						             "%lld, want %lld",
						             s + 2,
						             staple_errname(err),
						             (long long)ms,
						             (long long)want);
				}
			}
			/* Day last+1 does not exist in this month. */
			format_noon(s, sizeof s, y, m, last + 1);
			err = decode_time(GEN, s, &ms);
			if (err != STAPLE_ERR_TIME || ms != 0)
				ck_abort_msg("%s: day past the end of the month "
				             "gave %s %lld, want TIME 0",
				             s, staple_errname(err), (long long)ms);
		}
	}
}
END_TEST

/*
 * Hours, minutes and seconds: every valid value adds its share, every
 * value one past the end is rejected.
 */
START_TEST(test_time_clock_fields)
{
	char s[48];
	int64_t ms;
	int v, err;

	for (v = 0; v <= 24; v++) {
		snprintf(s, sizeof s, "19700101%02d0000Z", v);
		err = decode_time(GEN, s, &ms);
		if (v < 24) {
			ck_assert_msg(err == STAPLE_OK &&
			                      ms == (int64_t)v * 3600000,
			              "%s: got %s %lld", s,
			              staple_errname(err), (long long)ms);
		} else {
			/* hour 24 does not exist in DER time */
			ck_assert_int_eq(err, STAPLE_ERR_TIME);
			ck_assert_int_eq(ms, 0);
		}
	}
	for (v = 0; v <= 60; v++) {
		snprintf(s, sizeof s, "197001010000%02dZ", v);
		err = decode_time(GEN, s, &ms);
		if (v < 60) {
			ck_assert_msg(err == STAPLE_OK &&
			                      ms == (int64_t)v * 1000,
			              "%s: got %s %lld", s,
			              staple_errname(err), (long long)ms);
		} else {
			/* second 60: leap seconds are rejected */
			ck_assert_int_eq(err, STAPLE_ERR_TIME);
			ck_assert_int_eq(ms, 0);
		}
		snprintf(s, sizeof s, "1970010100%02d00Z", v);
		err = decode_time(GEN, s, &ms);
		if (v < 60) {
			ck_assert_msg(err == STAPLE_OK &&
			                      ms == (int64_t)v * 60000,
			              "%s: got %s %lld", s,
			              staple_errname(err), (long long)ms);
		} else {
			/* minute 60 does not exist */
			ck_assert_int_eq(err, STAPLE_ERR_TIME);
			ck_assert_int_eq(ms, 0);
		}
	}
}
END_TEST

/*
 * Every one-, two- and three-digit fraction without a trailing zero
 * decodes to its value scaled to milliseconds; every one with a trailing
 * zero is rejected (X.690 11.7.3).
 */
START_TEST(test_time_fractions)
{
	char s[48];
	int64_t ms;
	int digits, v, err;

	for (digits = 1; digits <= 3; digits++) {
		int limit = digits == 1 ? 10 : digits == 2 ? 100 : 1000;
		int scale = digits == 1 ? 100 : digits == 2 ? 10 : 1;
		for (v = 0; v < limit; v++) {
			snprintf(s, sizeof s, "19700101000001.%0*dZ", digits, v);
			err = decode_time(GEN, s, &ms);
			if (v % 10 == 0) {
				if (err != STAPLE_ERR_TIME || ms != 0)
					ck_abort_msg("%s: trailing zero accepted "
					             "(%s %lld)", s,
					             staple_errname(err),
					             (long long)ms);
			} else if (err != STAPLE_OK ||
			           ms != 1000 + (int64_t)v * scale) {
				ck_abort_msg("%s: got %s %lld, want %lld", s,
				             staple_errname(err), (long long)ms,
				             (long long)(1000 + v * scale));
			}
		}
	}
}
END_TEST

Suite *time_suite(void)
{
	Suite *s = suite_create("time");
	TCase *tc = tcase_create("cases");

	tcase_add_loop_test(tc, test_time_good, 0, (int)N_GOOD);
	tcase_add_loop_test(tc, test_time_bad, 0, (int)N_BAD);
	tcase_add_test(tc, test_time_clock_fields);
	tcase_add_test(tc, test_time_fractions);
	suite_add_tcase(s, tc);

	tc = tcase_create("calendar");
	tcase_add_loop_test(tc, test_time_calendar_walk, 0,
	                    (int)(sizeof eras / sizeof eras[0]));
	suite_add_tcase(s, tc);
	return s;
}
