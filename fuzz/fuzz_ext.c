/*
 * fuzz_ext.c -- the EXTENSIONS part of staple.h: staple_ext_next() and
 * every extnValue decoder.
 *
 * Input: a selector byte, then
 *   0: an OCSPResponse: when staple_decode() accepts it, every Extensions
 *      list in it (response and each entry) is walked, and each extnValue
 *      goes through the decoder its kind names;
 *   1..3: an Extensions list's contents, walked from place 0..2
 *      (response, single, certificate);
 *   else: an extnValue, given to every decoder.
 * Checks:
 *   - every slice returned lies inside the input; a failure leaves the
 *     outputs zeroed and the iterator where it was (the same call gives
 *     the same answer);
 *   - the iterators end: at most one entry per input byte, then END;
 *   - counts agree with what the iterators yield;
 *   - for a decoded response, the critical extensions not `understood`
 *     add up to unknown_critical, and a list the decoder accepted never
 *     fails;
 *   - every code returned is one of enum staple_err.
 */
#include <string.h>

#include "harness.h"

static struct staple_slice input;

static void inside(struct staple_slice s)
{
	fuzz_slice_inside(s, input.p, input.n);
}

static void check_code(int err)
{
	FUZZ_REQUIRE(err >= 0 && err < STAPLE_ERR_COUNT_);
}

/* Every decoder on one extnValue. */
static void values(struct staple_slice v)
{
	struct staple_slice s, list, cur, oid;
	enum staple_nonce_form form;
	struct staple_crl_id crl;
	struct staple_service_locator loc;
	struct staple_sct_iter it;
	struct staple_sct sct;
	size_t count, k;
	int64_t ms;
	int err;

	err = staple_ext_nonce(v, &s, &form);
	check_code(err);
	inside(s);
	if (err == STAPLE_OK)
		FUZZ_REQUIRE(s.n > 0 && form != STAPLE_NONCE_NONE);
	else
		FUZZ_REQUIRE(s.p == NULL && form == STAPLE_NONCE_NONE);

	err = staple_ext_crl_id(v, &crl);
	check_code(err);
	inside(crl.url);
	inside(crl.number);
	if (err != STAPLE_OK)
		FUZZ_REQUIRE(!crl.has_url && !crl.has_number && !crl.has_time &&
		             crl.url.p == NULL && crl.number.p == NULL &&
		             crl.time == 0);

	err = staple_ext_archive_cutoff(v, &ms);
	check_code(err);
	if (err != STAPLE_OK)
		FUZZ_REQUIRE(ms == 0);
	else
		FUZZ_REQUIRE(ms >= FUZZ_MS_YEAR_0 && ms < FUZZ_MS_YEAR_10000);
	FUZZ_REQUIRE(staple_ext_invalidity_date(v, &ms) == err);

	err = staple_ext_acceptable_responses(v, &list, &count);
	check_code(err);
	inside(list);
	if (err != STAPLE_OK)
		FUZZ_REQUIRE(list.p == NULL && count == 0);
	cur = list;
	for (k = 0; (err = staple_ext_oid_next(&cur, &oid)) == STAPLE_OK; k++) {
		inside(oid);
		FUZZ_REQUIRE(k < v.n);
	}
	FUZZ_REQUIRE(err == STAPLE_ERR_END && k == count);

	err = staple_ext_service_locator(v, &loc);
	check_code(err);
	inside(loc.issuer);
	inside(loc.locator);
	if (err != STAPLE_OK)
		FUZZ_REQUIRE(loc.issuer.p == NULL && loc.locator.p == NULL);

	err = staple_ext_sct_list(v, &it, &count);
	check_code(err);
	if (err != STAPLE_OK)
		FUZZ_REQUIRE(it.rest.p == NULL && count == 0);
	for (k = 0; (err = staple_sct_next(&it, &sct)) == STAPLE_OK; k++) {
		inside(sct.whole);
		inside(sct.log_id);
		inside(sct.extensions);
		inside(sct.signature);
		FUZZ_REQUIRE(sct.whole.n > 0 && k < v.n);
		if (sct.version == 0)
			FUZZ_REQUIRE(sct.log_id.n == 32);
		else
			FUZZ_REQUIRE(sct.log_id.p == NULL);
	}
	FUZZ_REQUIRE(err == STAPLE_ERR_END && k == count);
}

/* Walk a list; returns the critical entries not understood.  *failed is
 * set when the list did not walk to its end. */
static size_t walk(struct staple_slice list, int place, int *failed)
{
	struct staple_ext_iter it;
	struct staple_ext ext, again;
	struct staple_slice before;
	size_t k, unknown = 0;
	int err;

	staple_ext_iter_init(&it, list, place);
	for (k = 0; (err = staple_ext_next(&it, &ext)) == STAPLE_OK; k++) {
		FUZZ_REQUIRE(k < list.n);
		inside(ext.whole);
		inside(ext.oid);
		inside(ext.value);
		FUZZ_REQUIRE(ext.whole.p + ext.whole.n == it.rest.p);
		FUZZ_REQUIRE(ext.critical == 0 || ext.critical == 1);
		FUZZ_REQUIRE(ext.kind == staple_ext_kind_of(ext.oid));
		if (ext.critical && !ext.understood)
			unknown++;
		values(ext.value);
	}
	check_code(err);
	*failed = err != STAPLE_ERR_END;
	if (*failed) {
		FUZZ_REQUIRE(ext.oid.p == NULL && ext.value.p == NULL &&
		             ext.whole.p == NULL);
		before = it.rest;
		FUZZ_REQUIRE(staple_ext_next(&it, &again) == err);
		FUZZ_REQUIRE(it.rest.p == before.p && it.rest.n == before.n);
	}
	return unknown;
}

static void response(const uint8_t *data, size_t size)
{
	struct staple_response r;
	struct staple_single s;
	size_t i, unknown;
	int failed;

	if (staple_decode(&r, data, size) != STAPLE_OK)
		return;
	unknown = walk(r.extensions, STAPLE_EXT_IN_RESPONSE, &failed);
	FUZZ_REQUIRE(!failed);
	for (i = 0; i < r.n_single; i++) {
		FUZZ_REQUIRE(staple_single_at(&r, i, &s) == STAPLE_OK);
		unknown += walk(s.extensions, STAPLE_EXT_IN_SINGLE, &failed);
		FUZZ_REQUIRE(!failed);
	}
	if (unknown != r.unknown_critical)
		fuzz_fail("iterator: %zu unknown critical, decoder %zu",
		          unknown, r.unknown_critical);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct staple_slice rest;
	int failed;

	if (size < 1)
		return 0;
	rest.p = data + 1;
	rest.n = size - 1;
	input = rest;
	switch (data[0] % 5) {
	case 0:
		response(rest.p, rest.n);
		break;
	case 1:
	case 2:
	case 3:
		(void)walk(rest, data[0] % 5 - 1, &failed);
		break;
	default:
		values(rest);
		break;
	}
	return 0;
}
