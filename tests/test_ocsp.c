/*
 * test_ocsp.c -- every fixture decodes to what its generator wrote.
 *
 * The truth is tests/fixtures/fixtures.tsv, written by gen_fixtures.py
 * from the same table that built the bytes (see tests/fixtures/README.md):
 * one row per SingleResponse, index "-" for a response without one, "-"
 * for an absent value.  Each row is decoded from an exact-size heap buffer
 * and every column is compared with the struct; entries are read with
 * staple_single_at(), also past STAPLE_MAX_SINGLE.  Expected hex and
 * dotted OIDs are turned into bytes here and compared with the slices,
 * so no value is formatted by the library under test.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "tests.h"
#include "staple.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum col {
	C_FILE, C_RESPONSE_STATUS, C_VERSION, C_RESPONDER, C_RESPONDER_ID,
	C_PRODUCED_AT, C_SIG_OID, C_N_CERTS, C_NONCE, C_LENIENCIES,
	C_UNKNOWN_CRITICAL, C_N_SINGLE, C_INDEX, C_HASH, C_HASH_OID,
	C_ISSUER_NAME_HASH, C_ISSUER_KEY_HASH, C_SERIAL, C_CERT_STATUS,
	C_REASON, C_REVOKED_AT, C_THIS_UPDATE, C_NEXT_UPDATE,
	C_HAS_NEXT_UPDATE, N_COLS
};

static const char *const col_names[N_COLS] = {
	"file", "response_status", "version", "responder", "responder_id",
	"produced_at", "sig_oid", "n_certs", "nonce", "leniencies",
	"unknown_critical", "n_single", "index", "hash", "hash_oid",
	"issuer_name_hash", "issuer_key_hash", "serial", "cert_status",
	"reason", "revoked_at", "this_update", "next_update",
	"has_next_update",
};

struct row {
	char *col[N_COLS];
};

/* Loaded once by ocsp_suite(), before Check forks the tests. */
static struct row *rows;
static size_t n_rows;
static size_t *file_rows; /* index of each file's first row */
static size_t n_files;
static char load_error[512];

static void load_table(void)
{
	uint8_t *buf;
	size_t len, cap = 0, i;
	char *text, *line, *end;
	int header = 1;

	if (test_read_in(test_fixtures_dir(), "fixtures.tsv", &buf, &len) !=
	    0) {
		snprintf(load_error, sizeof load_error,
		         "cannot read %s/fixtures.tsv (run gen_fixtures.py)",
		         test_fixtures_dir());
		return;
	}
	text = malloc(len + 1);
	if (text == NULL) {
		free(buf);
		snprintf(load_error, sizeof load_error, "out of memory");
		return;
	}
	memcpy(text, buf, len);
	text[len] = '\0';
	free(buf);
	end = text + len;
	for (line = text; line < end; line++) {
		char *nl = strchr(line, '\n'), *f = line;
		struct row r;
		size_t c = 0;

		if (nl != NULL)
			*nl = '\0';
		else
			nl = end;
		if (line[0] != '\0') {
			for (;;) {
				char *tab = strchr(f, '\t');
				if (c < N_COLS)
					r.col[c] = f;
				c++;
				if (tab == NULL)
					break;
				*tab = '\0';
				f = tab + 1;
			}
			if (c != N_COLS) {
				snprintf(load_error, sizeof load_error,
				         "fixtures.tsv: %zu columns, want %d, "
				         "in a row of %s", c, (int)N_COLS,
				         line);
				return;
			}
			if (header) {
				for (c = 0; c < N_COLS; c++)
					if (strcmp(r.col[c], col_names[c]) != 0) {
						snprintf(load_error,
						         sizeof load_error,
						         "fixtures.tsv column "
						         "%zu is %s, want %s",
						         c, r.col[c],
						         col_names[c]);
						return;
					}
				header = 0;
			} else {
				if (n_rows == cap) {
					struct row *g;
					cap = cap ? 2 * cap : 128;
					g = realloc(rows, cap * sizeof *rows);
					if (g == NULL) {
						snprintf(load_error,
						         sizeof load_error,
						         "out of memory");
						return;
					}
					rows = g;
				}
				rows[n_rows++] = r;
			}
		}
		line = nl;
	}
	if (n_rows == 0) {
		snprintf(load_error, sizeof load_error,
		         "fixtures.tsv has no rows");
		return;
	}
	/* A file's rows are adjacent: remember where each file starts. */
	file_rows = malloc(n_rows * sizeof *file_rows);
	if (file_rows == NULL) {
		snprintf(load_error, sizeof load_error, "out of memory");
		return;
	}
	for (i = 0; i < n_rows; i++)
		if (i == 0 || strcmp(rows[i].col[C_FILE],
		                     rows[i - 1].col[C_FILE]) != 0)
			file_rows[n_files++] = i;
}

static int absent(const char *v)
{
	return strcmp(v, "-") == 0;
}

static int64_t num(const struct row *w, enum col c)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(w->col[c], &end, 10);
	ck_assert_msg(errno == 0 && end != w->col[c] && *end == '\0',
	              "%s: column %s is not a number: \"%s\"", w->col[C_FILE],
	              col_names[c], w->col[c]);
	return (int64_t)v;
}

/* Dotted OID to DER contents octets (X.690 8.19), written independently. */
static size_t oid_bytes(const char *dotted, uint8_t *out, size_t cap)
{
	uint64_t arcs[64];
	size_t n = 0, o = 0, i;
	const char *p = dotted;

	while (*p != '\0' && n < 64) {
		char *end;
		arcs[n++] = strtoull(p, &end, 10);
		ck_assert_msg(end != p && (*end == '.' || *end == '\0'),
		              "bad OID %s", dotted);
		p = *end == '.' ? end + 1 : end;
	}
	ck_assert_msg(n >= 2 && arcs[0] <= 2, "bad OID %s", dotted);
	arcs[1] += arcs[0] * 40;
	for (i = 1; i < n; i++) {
		uint8_t tmp[10];
		size_t t = 0;
		uint64_t v = arcs[i];
		do {
			tmp[t++] = (uint8_t)(v & 0x7f);
			v >>= 7;
		} while (v != 0);
		while (t > 0) {
			t--;
			ck_assert(o < cap);
			out[o++] = (uint8_t)(tmp[t] | (t > 0 ? 0x80 : 0));
		}
	}
	return o;
}

/* The slice must hold exactly the bytes of the hex column. */
static void expect_hex(const struct row *w, enum col c, struct staple_slice s)
{
	size_t n;
	uint8_t *want;

	if (absent(w->col[c])) {
		ck_assert_msg(s.p == NULL && s.n == 0, "%s: %s should be absent",
		              w->col[C_FILE], col_names[c]);
		return;
	}
	want = test_hex(w->col[c], &n);
	ck_assert_msg(s.n == n && s.p != NULL && memcmp(s.p, want, n) == 0,
	              "%s index %s: %s is not %s", w->col[C_FILE],
	              w->col[C_INDEX], col_names[c], w->col[c]);
	free(want);
}

static void expect_oid(const struct row *w, enum col c, struct staple_slice s)
{
	uint8_t want[256];
	size_t n = oid_bytes(w->col[c], want, sizeof want);

	ck_assert_msg(s.n == n && s.p != NULL && memcmp(s.p, want, n) == 0,
	              "%s: %s is not %s", w->col[C_FILE], col_names[c],
	              w->col[c]);
}

/* Every slice of a decoded struct borrows from the input buffer. */
static void expect_inside(const char *file, const char *what,
                          struct staple_slice s, const uint8_t *der,
                          size_t len)
{
	if (s.p == NULL) {
		ck_assert_msg(s.n == 0, "%s: %s is NULL with length", file, what);
		return;
	}
	ck_assert_msg(s.p >= der && s.n <= len &&
	                      (size_t)(s.p - der) <= len - s.n,
	              "%s: %s points outside the input", file, what);
}

/* Names written in fixtures.tsv, mapped without asking the library. */
static int map_response_status(const char *s)
{
	static const char *const names[] = {
		"successful", "malformed_request", "internal_error",
		"try_later", "", "sig_required", "unauthorized",
	};
	int i;
	for (i = 0; i < 7; i++)
		if (names[i][0] != '\0' && strcmp(names[i], s) == 0)
			return i;
	ck_abort_msg("unknown response_status %s in fixtures.tsv", s);
	return -1;
}

static enum staple_ocsp_status map_cert_status(const char *s)
{
	if (strcmp(s, "good") == 0)
		return STAPLE_OCSP_STATUS_GOOD;
	if (strcmp(s, "revoked") == 0)
		return STAPLE_OCSP_STATUS_REVOKED;
	ck_assert_msg(strcmp(s, "unknown") == 0, "bad cert_status %s", s);
	return STAPLE_OCSP_STATUS_UNKNOWN;
}

static int map_reason(const char *s)
{
	static const char *const names[] = {
		"unspecified", "key_compromise", "ca_compromise",
		"affiliation_changed", "superseded", "cessation_of_operation",
		"certificate_hold", "", "remove_from_crl",
		"privilege_withdrawn", "aa_compromise",
	};
	int i;
	if (absent(s))
		return STAPLE_OCSP_REASON_NONE;
	for (i = 0; i < 11; i++)
		if (names[i][0] != '\0' && strcmp(names[i], s) == 0)
			return i;
	ck_abort_msg("unknown reason %s in fixtures.tsv", s);
	return -2;
}

static enum staple_hash map_hash(const char *s)
{
	static const struct {
		const char *name;
		enum staple_hash hash;
	} map[] = {
		{ "sha1", STAPLE_HASH_SHA1 },     { "sha224", STAPLE_HASH_SHA224 },
		{ "sha256", STAPLE_HASH_SHA256 }, { "sha384", STAPLE_HASH_SHA384 },
		{ "sha512", STAPLE_HASH_SHA512 },
	};
	size_t i;
	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i].name, s) == 0)
			return map[i].hash;
	return STAPLE_HASH_OTHER;
}

static int slices_equal(struct staple_slice a, struct staple_slice b)
{
	return a.p == b.p && a.n == b.n;
}

static int singles_equal(const struct staple_single *a,
                         const struct staple_single *b)
{
	return a->hash == b->hash && slices_equal(a->hash_oid, b->hash_oid) &&
	       slices_equal(a->issuer_name_hash, b->issuer_name_hash) &&
	       slices_equal(a->issuer_key_hash, b->issuer_key_hash) &&
	       slices_equal(a->serial, b->serial) &&
	       a->cert_status == b->cert_status && a->reason == b->reason &&
	       a->revoked_at == b->revoked_at &&
	       a->this_update == b->this_update &&
	       a->next_update == b->next_update &&
	       a->has_next_update == b->has_next_update &&
	       slices_equal(a->extensions, b->extensions);
}

/* Field by field: padding bytes are not part of the contract. */
static int responses_equal(const struct staple_response *a,
                           const struct staple_response *b)
{
	size_t i;

	if (a->status != b->status || a->leniencies != b->leniencies ||
	    a->error_offset != b->error_offset || !slices_equal(a->tbs, b->tbs) ||
	    a->version != b->version || a->responder != b->responder ||
	    !slices_equal(a->responder_id, b->responder_id) ||
	    a->produced_at != b->produced_at ||
	    !slices_equal(a->responses, b->responses) ||
	    a->n_single != b->n_single ||
	    !slices_equal(a->extensions, b->extensions) ||
	    !slices_equal(a->nonce, b->nonce) ||
	    a->unknown_critical != b->unknown_critical ||
	    !slices_equal(a->sig_oid, b->sig_oid) ||
	    !slices_equal(a->sig_params, b->sig_params) ||
	    !slices_equal(a->signature, b->signature) ||
	    a->n_certs != b->n_certs)
		return 0;
	for (i = 0; i < STAPLE_MAX_SINGLE; i++)
		if (!singles_equal(&a->single[i], &b->single[i]))
			return 0;
	for (i = 0; i < STAPLE_MAX_CERTS; i++)
		if (!slices_equal(a->certs[i], b->certs[i]))
			return 0;
	return 1;
}

/* Response-level columns; the same on every row of a file. */
static void check_response(const struct row *w,
                           const struct staple_response *r,
                           const uint8_t *der, size_t len)
{
	const char *f = w->col[C_FILE];
	int status = map_response_status(w->col[C_RESPONSE_STATUS]);
	size_t i;

	ck_assert_msg((int)r->status == status, "%s: status %d, want %s", f,
	              (int)r->status, w->col[C_RESPONSE_STATUS]);
	ck_assert_uint_eq(staple_error_offset(r), 0);
	if (status != STAPLE_RESPONSE_SUCCESSFUL) {
		/* "When status is not successful, only status is set." */
		for (i = C_VERSION; i < N_COLS; i++)
			ck_assert_msg(absent(w->col[i]),
			              "%s: non-successful row with %s", f,
			              col_names[i]);
		ck_assert_int_eq(r->version, 0);
		ck_assert_int_eq(r->responder, STAPLE_RESPONDER_NONE);
		ck_assert_ptr_null(r->responder_id.p);
		ck_assert_ptr_null(r->tbs.p);
		ck_assert_ptr_null(r->responses.p);
		ck_assert_ptr_null(r->sig_oid.p);
		ck_assert_ptr_null(r->signature.p);
		ck_assert_ptr_null(r->nonce.p);
		ck_assert_int_eq(r->produced_at, 0);
		ck_assert_uint_eq(r->n_single, 0);
		ck_assert_uint_eq(r->n_certs, 0);
		ck_assert_uint_eq(r->leniencies, 0);
		ck_assert_uint_eq(r->unknown_critical, 0);
		return;
	}
	ck_assert_int_eq(r->version, num(w, C_VERSION));
	if (strcmp(w->col[C_RESPONDER], "key") == 0)
		ck_assert_int_eq(r->responder, STAPLE_RESPONDER_BY_KEY);
	else if (strcmp(w->col[C_RESPONDER], "name") == 0)
		ck_assert_int_eq(r->responder, STAPLE_RESPONDER_BY_NAME);
	else
		ck_abort_msg("%s: responder %s", f, w->col[C_RESPONDER]);
	expect_hex(w, C_RESPONDER_ID, r->responder_id);
	ck_assert_int_eq(r->produced_at, num(w, C_PRODUCED_AT));
	expect_oid(w, C_SIG_OID, r->sig_oid);
	ck_assert_uint_eq(r->n_certs, (uint64_t)num(w, C_N_CERTS));
	expect_hex(w, C_NONCE, r->nonce);
	ck_assert_uint_eq(r->leniencies, (uint64_t)num(w, C_LENIENCIES));
	ck_assert_uint_eq(r->unknown_critical,
	                  (uint64_t)num(w, C_UNKNOWN_CRITICAL));
	ck_assert_uint_eq(r->n_single, (uint64_t)num(w, C_N_SINGLE));

	/* Borrowed slices stay inside the input and look like what they are. */
	expect_inside(f, "tbs", r->tbs, der, len);
	ck_assert_msg(r->tbs.n > 0 && r->tbs.p[0] == 0x30, "%s: tbs", f);
	expect_inside(f, "responder_id", r->responder_id, der, len);
	expect_inside(f, "responses", r->responses, der, len);
	expect_inside(f, "extensions", r->extensions, der, len);
	expect_inside(f, "nonce", r->nonce, der, len);
	expect_inside(f, "sig_oid", r->sig_oid, der, len);
	expect_inside(f, "sig_params", r->sig_params, der, len);
	expect_inside(f, "signature", r->signature, der, len);
	ck_assert_msg(r->signature.n > 0, "%s: empty signature", f);
	for (i = 0; i < r->n_certs && i < STAPLE_MAX_CERTS; i++) {
		expect_inside(f, "certs[]", r->certs[i], der, len);
		ck_assert_msg(r->certs[i].n > 2 && r->certs[i].p[0] == 0x30,
		              "%s: certs[%zu] is not a SEQUENCE TLV", f, i);
	}
}

/* Entry columns against staple_single_at() and against the k6 view. */
static void check_entry(const struct row *w, const struct staple_response *r,
                        const uint8_t *der, size_t len)
{
	const char *f = w->col[C_FILE];
	size_t index = (size_t)num(w, C_INDEX);
	struct staple_single s;
	struct staple_ocsp o;
	enum staple_ocsp_status st = map_cert_status(w->col[C_CERT_STATUS]);
	int reason = map_reason(w->col[C_REASON]);
	int64_t revoked_at = absent(w->col[C_REVOKED_AT])
	                             ? 0
	                             : num(w, C_REVOKED_AT);
	int64_t next = absent(w->col[C_NEXT_UPDATE]) ? 0
	                                             : num(w, C_NEXT_UPDATE);

	memset(&s, 0x5a, sizeof s);
	ck_assert_msg(staple_single_at(r, index, &s) == STAPLE_OK,
	              "%s: staple_single_at(%zu) failed", f, index);
	ck_assert_msg(s.hash == map_hash(w->col[C_HASH]), "%s[%zu]: hash %d",
	              f, index, (int)s.hash);
	expect_oid(w, C_HASH_OID, s.hash_oid);
	expect_hex(w, C_ISSUER_NAME_HASH, s.issuer_name_hash);
	expect_hex(w, C_ISSUER_KEY_HASH, s.issuer_key_hash);
	expect_hex(w, C_SERIAL, s.serial);
	ck_assert_msg(s.cert_status == st, "%s[%zu]: cert_status %d, want %s",
	              f, index, (int)s.cert_status, w->col[C_CERT_STATUS]);
	ck_assert_msg((int)s.reason == reason, "%s[%zu]: reason %d, want %s",
	              f, index, (int)s.reason, w->col[C_REASON]);
	ck_assert_msg(s.revoked_at == revoked_at, "%s[%zu]: revoked_at %lld",
	              f, index, (long long)s.revoked_at);
	ck_assert_msg(s.this_update == num(w, C_THIS_UPDATE),
	              "%s[%zu]: this_update %lld", f, index,
	              (long long)s.this_update);
	ck_assert_msg(s.next_update == next, "%s[%zu]: next_update %lld", f,
	              index, (long long)s.next_update);
	ck_assert_int_eq(s.has_next_update, num(w, C_HAS_NEXT_UPDATE));
	expect_inside(f, "hash_oid", s.hash_oid, der, len);
	expect_inside(f, "issuer_name_hash", s.issuer_name_hash, der, len);
	expect_inside(f, "issuer_key_hash", s.issuer_key_hash, der, len);
	expect_inside(f, "serial", s.serial, der, len);
	expect_inside(f, "single extensions", s.extensions, der, len);
	if (index < STAPLE_MAX_SINGLE)
		ck_assert_msg(singles_equal(&s, &r->single[index]),
		              "%s: single[%zu] differs from staple_single_at",
		              f, index);

	/* The k6 object of this entry (staple.h, THE K6 VIEW). */
	memset(&o, 0x5a, sizeof o);
	ck_assert_int_eq(staple_ocsp_view(r, index, &o), STAPLE_OK);
	ck_assert_int_eq(o.status, st);
	if (st == STAPLE_OCSP_STATUS_REVOKED)
		ck_assert_int_eq(o.revocation_reason,
		                 reason == STAPLE_OCSP_REASON_NONE
		                         ? STAPLE_OCSP_REASON_UNSPECIFIED
		                         : reason);
	else
		ck_assert_int_eq(o.revocation_reason, STAPLE_OCSP_REASON_NONE);
	ck_assert_int_eq(o.produced_at, num(w, C_PRODUCED_AT));
	ck_assert_int_eq(o.this_update, num(w, C_THIS_UPDATE));
	ck_assert_int_eq(o.next_update, next);
	ck_assert_int_eq(o.revoked_at, revoked_at);
}

static void decode_file(const char *name, uint8_t **der, size_t *len,
                        struct staple_response *r)
{
	int err;

	ck_assert_msg(test_read_in(test_fixtures_dir(), name, der, len) == 0,
	              "cannot read %s", name);
	memset(r, 0x5a, sizeof *r);
	err = staple_decode(r, *der, *len);
	ck_assert_msg(err == STAPLE_OK, "%s: %s at byte %zu", name,
	              staple_errname(err), staple_error_offset(r));
}

START_TEST(test_ocsp_loaded)
{
	ck_assert_msg(load_error[0] == '\0', "%s", load_error);
}
END_TEST

START_TEST(test_ocsp_struct_size)
{
	/* DESIGN.md budget: 1 KiB at the default limits (4 and 4). */
	if (STAPLE_MAX_SINGLE == 4 && STAPLE_MAX_CERTS == 4)
		ck_assert_uint_le(sizeof(struct staple_response), 1024);
}
END_TEST

static void test_ocsp_row(size_t i)
{
	const struct row *w = &rows[i];
	struct staple_response r;
	uint8_t *der;
	size_t len;

	decode_file(w->col[C_FILE], &der, &len, &r);
	check_response(w, &r, der, len);
	if (absent(w->col[C_INDEX])) {
		struct staple_single s;
		struct staple_ocsp o;
		int want = r.status == STAPLE_RESPONSE_SUCCESSFUL
		                   ? STAPLE_ERR_RANGE
		                   : STAPLE_OK;
		ck_assert_uint_eq(r.n_single, 0);
		ck_assert_int_eq(staple_single_at(&r, 0, &s), STAPLE_ERR_RANGE);
		/* No entry: RANGE, or server_failed when not successful. */
		ck_assert_int_eq(staple_ocsp_view(&r, 0, &o), want);
		ck_assert_int_eq(o.status,
		                 want == STAPLE_OK
		                         ? STAPLE_OCSP_STATUS_SERVER_FAILED
		                         : STAPLE_OCSP_STATUS_UNKNOWN);
		ck_assert_int_eq(o.this_update, 0);
	} else {
		check_entry(w, &r, der, len);
	}
	free(der);
}

/*
 * Per file: the rows cover indexes 0..n_single-1 in order, index n_single
 * is RANGE, and a second decode of the same buffer gives the same struct.
 */
static void test_ocsp_file(size_t file)
{
	const struct row *first = &rows[file_rows[file]];
	size_t end = file + 1 < n_files ? file_rows[file + 1] : n_rows;
	size_t n = end - file_rows[file], i;
	struct staple_response r, again;
	struct staple_single s;
	struct staple_ocsp o;
	uint8_t *der;
	size_t len;

	decode_file(first->col[C_FILE], &der, &len, &r);
	if (!absent(first->col[C_N_SINGLE])) {
		ck_assert_uint_eq(r.n_single, (uint64_t)num(first, C_N_SINGLE));
		if (r.n_single > 0) {
			ck_assert_msg(n == r.n_single, "%s: %zu rows for %zu "
			              "entries", first->col[C_FILE], n,
			              r.n_single);
			for (i = 0; i < n; i++)
				ck_assert_int_eq(
				        num(&rows[file_rows[file] + i], C_INDEX),
				        (int64_t)i);
		}
	}
	memset(&s, 0x5a, sizeof s);
	ck_assert_int_eq(staple_single_at(&r, r.n_single, &s),
	                 STAPLE_ERR_RANGE);
	ck_assert_int_eq(staple_single_at(&r, SIZE_MAX, &s), STAPLE_ERR_RANGE);
	/* Outputs are reset on failure: a zeroed entry is never good. */
	ck_assert_int_eq(s.cert_status, STAPLE_OCSP_STATUS_UNKNOWN);
	ck_assert_int_eq(s.reason, STAPLE_OCSP_REASON_NONE);
	ck_assert_ptr_null(s.serial.p);
	if (r.status == STAPLE_RESPONSE_SUCCESSFUL) {
		memset(&o, 0x5a, sizeof o);
		ck_assert_int_eq(staple_ocsp_view(&r, r.n_single, &o),
		                 STAPLE_ERR_RANGE);
		ck_assert_int_eq(o.status, STAPLE_OCSP_STATUS_UNKNOWN);
		ck_assert_int_eq(o.revocation_reason, STAPLE_OCSP_REASON_NONE);
		ck_assert_int_eq(o.produced_at, 0);
		ck_assert_int_eq(o.this_update, 0);
		ck_assert_int_eq(o.next_update, 0);
		ck_assert_int_eq(o.revoked_at, 0);
	}

	memset(&again, 0xa5, sizeof again);
	ck_assert_int_eq(staple_decode(&again, der, len), STAPLE_OK);
	ck_assert_msg(responses_equal(&r, &again),
	              "%s: a second decode differs", first->col[C_FILE]);
	free(der);
}

/*
 * One byte after the OCSPResponse: TRAILING_DATA at exactly the original
 * length (X.690 8.1.1: the encoding ends with its contents), with the
 * output reset.
 */
static void test_ocsp_trailing_byte(size_t i)
{
	const char *name = rows[file_rows[i]].col[C_FILE];
	struct staple_response r;
	uint8_t *der, *longer;
	size_t len;

	ck_assert_int_eq(test_read_in(test_fixtures_dir(), name, &der, &len),
	                 0);
	longer = malloc(len + 1);
	ck_assert_ptr_nonnull(longer);
	memcpy(longer, der, len);
	longer[len] = 0x00;
	ck_assert_int_eq(staple_decode(&r, longer, len + 1),
	                 STAPLE_ERR_TRAILING_DATA);
	ck_assert_uint_eq(staple_error_offset(&r), len);
	ck_assert_int_eq(r.status, STAPLE_RESPONSE_NONE);
	ck_assert_uint_eq(r.n_single, 0);
	free(longer);
	free(der);
}

TEST_ROWS(test_ocsp_rows, test_ocsp_row, n_rows)
TEST_ROWS(test_ocsp_file_rows, test_ocsp_file, n_files)
TEST_ROWS(test_ocsp_trailing_byte_rows, test_ocsp_trailing_byte,
          n_files)

Suite *ocsp_suite(void)
{
	Suite *s = suite_create("ocsp");
	TCase *tc = tcase_create("fixtures");

	load_table();
	tcase_add_test(tc, test_ocsp_loaded);
	tcase_add_test(tc, test_ocsp_struct_size);
	if (load_error[0] == '\0') {
		tcase_add_test(tc, test_ocsp_rows);
		tcase_add_test(tc, test_ocsp_file_rows);
		tcase_add_test(tc, test_ocsp_trailing_byte_rows);
	}
	suite_add_tcase(s, tc);
	return s;
}
