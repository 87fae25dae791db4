/*
 * test_vectors.c -- conformance against the shared vectors (204 responses
 * from 16 projects, see test_vectors_dir()/README.md).
 *
 * The truth is EXPECTED.tsv: reference decodings by python `cryptography`
 * (values_from = python) or by OpenSSL (values_from = openssl).  For each
 * row:
 *
 *   - a file listed in `differences` below behaves as listed there: staple
 *     rejects it with that exact error, or decodes it with that leniency,
 *     or reports one field differently, each for the rule written beside it;
 *   - otherwise a file under a bad/ folder, or one neither reference decoder
 *     could read (PARSE_ERROR), must be rejected, with an error offset
 *     inside the file and the output reset;
 *   - otherwise the file must decode, without any leniency, and agree with
 *     the row on every column.
 *
 * The vectors are read in place; none is copied into the project.  When
 * the folder is absent (a machine without ../shared) the suite says so and
 * runs one test that checks only that; when it is present it must yield
 * rows and every .der file in it must have one.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "tests.h"
#include "staple.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/*
 * Where staple deliberately differs from the reference decoders.  One
 * entry per file; every file here must exist in EXPECTED.tsv.
 *   err:        staple rejects the file with exactly this code;
 *   leniencies: staple decodes it, setting exactly these STAPLE_LENIENT_*
 *               bits (every other decoded file must set none), and agrees
 *               on every column;
 *   field:      staple decodes it but this column differs; staple reports
 *               `value` instead.
 */
struct difference {
	const char *file;
	int err;
	unsigned leniencies;
	const char *field;
	const char *value;
	const char *rule;
};

static const struct difference differences[] = {
	/* Rejected although a reference decoder reads it. */
	{ "boringssl/bad/bad_status.der", STAPLE_ERR_RESPONSE_STATUS, 0, NULL,
	  NULL, "responseStatus 17 is undefined: RFC 6960 4.2.1 defines "
	        "0, 1, 2, 3, 5, 6 (openssl prints it as unknown)" },
	{ "boringssl/bad/fuzz-unused.der", STAPLE_ERR_RESPONSE_STATUS, 0, NULL,
	  NULL, "responseStatus 4 is the unused value of RFC 6960 4.2.1" },
	{ "boringssl/bad/fuzz-response_status_type_out_of_range.der",
	  STAPLE_ERR_RESPONSE_STATUS, 0, NULL, NULL,
	  "responseStatus 7 is undefined (RFC 6960 4.2.1)" },
	{ "boringssl/bad/fuzz-response_status_type_too_large.der",
	  STAPLE_ERR_RESPONSE_STATUS, 0, NULL, NULL,
	  "responseStatus 257 is undefined (RFC 6960 4.2.1)" },
	{ "boringssl/good_response_invalid_serial.der", STAPLE_ERR_INTEGER, 0,
	  NULL, NULL, "serialNumber INTEGER with a redundant leading octet: "
	              "X.690 8.3.2 (BoringSSL accepts it on purpose)" },
	{ "botan/bad/patrickschmidt_ocsp_try_later_wrong_sig.der",
	  STAPLE_ERR_UNEXPECTED, 0, NULL, NULL,
	  "tryLater with responseBytes: RFC 6960 4.2.1 sends responseBytes "
	  "only with successful (Botan rejects it too; python and openssl "
	  "ignore the bytes)" },
	/* Decoded through a named leniency (staple.h LENIENCIES). */
	{ "bouncycastle/testResp2.der", 0, STAPLE_LENIENT_EXPLICIT_VERSION,
	  NULL, NULL, "version [0] INTEGER 0 encoded: X.690 11.5 forbids "
	              "encoding a DEFAULT value; python rejects it" },
	{ "cfssl/resp64-0.der", 0, STAPLE_LENIENT_EXPLICIT_VERSION, NULL, NULL,
	  "explicit v1 version (X.690 11.5), Go x/crypto/ocsp output" },
	{ "cfssl/resp64-1.der", 0, STAPLE_LENIENT_EXPLICIT_VERSION, NULL, NULL,
	  "explicit v1 version (X.690 11.5), Go x/crypto/ocsp output" },
	{ "golang-crypto/ocspResponseWithExtension.der", 0,
	  STAPLE_LENIENT_EXPLICIT_VERSION, NULL, NULL,
	  "explicit v1 version (X.690 11.5)" },
	{ "golang-crypto/ocspResponseWithCriticalExtension.der", 0,
	  STAPLE_LENIENT_EXPLICIT_VERSION, NULL, NULL,
	  "explicit v1 version (X.690 11.5)" },
	{ "boulder/ocsp-responder-testdata-ocsp.resp.der", 0,
	  STAPLE_LENIENT_EXPLICIT_VERSION, NULL, NULL,
	  "explicit v1 version (X.690 11.5), Boulder via Go" },
	{ "bouncycastle/emptyExtResp.der", 0, STAPLE_LENIENT_EMPTY_EXTENSIONS,
	  NULL, NULL, "responseExtensions is an empty SEQUENCE: Extensions "
	              "is SIZE (1..MAX) (RFC 5280 4.1); python accepts it" },
};

#define N_DIFFERENCES (sizeof differences / sizeof differences[0])

/* EXPECTED.tsv, column by column, as the header row must name them. */
enum col {
	C_FILE, C_STATUS, C_N_SINGLE, C_CERT_STATUS, C_REASON, C_PRODUCED,
	C_THIS, C_NEXT, C_REVOKED, C_SERIAL, C_HASH, C_RESPONDER, C_SIGALG,
	C_N_CERTS, C_FROM, C_NOTES, N_COLS
};

static const char *const col_names[N_COLS] = {
	"file", "response_status", "num_single_responses", "cert_status",
	"revocation_reason", "produced_at_ms", "this_update_ms",
	"next_update_ms", "revocation_time_ms", "serial_hex", "hash_algorithm",
	"responder_id_kind", "signature_algorithm", "num_certs", "values_from",
	"notes",
};

struct row {
	char *col[N_COLS];
};

/* Loaded once by vectors_suite(), before Check forks the tests. */
static struct row *rows;
static size_t n_rows;
static char load_error[512];

enum outcome { AGREE, REJECTED, LISTED, FAIL };

static int is_absent(const char *dir)
{
	struct stat st;
	return stat(dir, &st) != 0 && errno == ENOENT;
}

/* Split EXPECTED.tsv in place; the buffer stays alive for the run. */
static void load_expected(void)
{
	uint8_t *buf;
	size_t len, cap = 0;
	char *p, *end, *line;
	int header = 1;

	if (test_read_in(test_vectors_dir(), "EXPECTED.tsv", &buf, &len) != 0) {
		snprintf(load_error, sizeof load_error,
		         "%s exists but %s/EXPECTED.tsv cannot be read",
		         test_vectors_dir(), test_vectors_dir());
		return;
	}
	p = malloc(len + 1);
	if (p == NULL) {
		free(buf);
		snprintf(load_error, sizeof load_error, "out of memory");
		return;
	}
	memcpy(p, buf, len);
	p[len] = '\0';
	free(buf);
	end = p + len;
	for (line = p; line < end;) {
		char *nl = memchr(line, '\n', (size_t)(end - line));
		struct row r;
		size_t c;
		char *f = line;

		if (nl == NULL)
			nl = end;
		*nl = '\0';
		if (nl > line && nl[-1] == '\r')
			nl[-1] = '\0';
		for (c = 0; c < N_COLS; c++) {
			char *tab = strchr(f, '\t');
			r.col[c] = f;
			if (tab == NULL) {
				f = NULL;
				c++;
				break;
			}
			*tab = '\0';
			f = tab + 1;
		}
		if (line[0] == '\0') {
			line = nl + 1;
			continue;
		}
		if (c != N_COLS || f != NULL) {
			snprintf(load_error, sizeof load_error,
			         "EXPECTED.tsv: a line with %zu columns, "
			         "want %d: %.60s", c + (f != NULL),
			         (int)N_COLS, line);
			return;
		}
		if (header) {
			for (c = 0; c < N_COLS; c++) {
				if (strcmp(r.col[c], col_names[c]) != 0) {
					snprintf(load_error, sizeof load_error,
					         "EXPECTED.tsv column %zu is "
					         "\"%s\", want \"%s\"",
					         c, r.col[c], col_names[c]);
					return;
				}
			}
			header = 0;
		} else {
			if (n_rows == cap) {
				struct row *grown;
				cap = cap ? 2 * cap : 256;
				grown = realloc(rows, cap * sizeof *rows);
				if (grown == NULL) {
					snprintf(load_error, sizeof load_error,
					         "out of memory");
					return;
				}
				rows = grown;
			}
			rows[n_rows++] = r;
		}
		line = nl + 1;
	}
	if (header)
		snprintf(load_error, sizeof load_error,
		         "EXPECTED.tsv has no header row");
}

static const struct difference *find_difference(const char *file)
{
	size_t i;
	for (i = 0; i < N_DIFFERENCES; i++)
		if (strcmp(differences[i].file, file) == 0)
			return &differences[i];
	return NULL;
}

/* A message that accumulates every mismatch of one row. */
struct msg {
	char text[2048];
	size_t used;
};

#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 2, 3)))
#endif
static void say(struct msg *m, const char *fmt, ...);

static void say(struct msg *m, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (m->used >= sizeof m->text - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(m->text + m->used, sizeof m->text - m->used, fmt, ap);
	va_end(ap);
	if (n > 0)
		m->used += (size_t)n;
	if (m->used > sizeof m->text - 1)
		m->used = sizeof m->text - 1;
}

/* EXPECTED's responseStatus names (python's / RFC 6960's spelling). */
static int map_status(const char *s)
{
	static const struct {
		const char *name;
		int status;
	} map[] = {
		{ "successful", STAPLE_RESPONSE_SUCCESSFUL },
		{ "malformedRequest", STAPLE_RESPONSE_MALFORMED_REQUEST },
		{ "internalError", STAPLE_RESPONSE_INTERNAL_ERROR },
		{ "tryLater", STAPLE_RESPONSE_TRY_LATER },
		{ "sigRequired", STAPLE_RESPONSE_SIG_REQUIRED },
		{ "unauthorized", STAPLE_RESPONSE_UNAUTHORIZED },
	};
	size_t i;
	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i].name, s) == 0)
			return map[i].status;
	return STAPLE_RESPONSE_NONE;
}

/* CRLReason names of RFC 5280 5.3.1 ("-": no reason encoded). */
static int map_reason(const char *s, int *reason)
{
	static const struct {
		const char *name;
		int reason;
	} map[] = {
		{ "-", STAPLE_OCSP_REASON_NONE },
		{ "unspecified", STAPLE_OCSP_REASON_UNSPECIFIED },
		{ "keyCompromise", STAPLE_OCSP_REASON_KEY_COMPROMISE },
		{ "cACompromise", STAPLE_OCSP_REASON_CA_COMPROMISE },
		{ "affiliationChanged", STAPLE_OCSP_REASON_AFFILIATION_CHANGED },
		{ "superseded", STAPLE_OCSP_REASON_SUPERSEDED },
		{ "cessationOfOperation",
		  STAPLE_OCSP_REASON_CESSATION_OF_OPERATION },
		{ "certificateHold", STAPLE_OCSP_REASON_CERTIFICATE_HOLD },
		{ "removeFromCRL", STAPLE_OCSP_REASON_REMOVE_FROM_CRL },
		{ "privilegeWithdrawn", STAPLE_OCSP_REASON_PRIVILEGE_WITHDRAWN },
		{ "aACompromise", STAPLE_OCSP_REASON_AA_COMPROMISE },
	};
	size_t i;
	for (i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (strcmp(map[i].name, s) == 0) {
			*reason = map[i].reason;
			return 0;
		}
	}
	return -1;
}

static int parse_i64(const char *s, int64_t *v)
{
	char *end;
	long long x;

	errno = 0;
	x = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0')
		return -1;
	*v = (int64_t)x;
	return 0;
}

/*
 * A DER INTEGER's two's-complement contents as EXPECTED writes a serial:
 * lowercase hex of the magnitude without leading zeros, "-" if negative.
 */
static void serial_hex(struct staple_slice s, char *out, size_t size)
{
	uint8_t mag[512];
	size_t i, o = 0, n = s.n;
	int neg, started = 0;

	if (n == 0 || n > sizeof mag) {
		snprintf(out, size, "<%zu octets>", n);
		return;
	}
	neg = (s.p[0] & 0x80) != 0;
	memcpy(mag, s.p, n);
	if (neg) { /* magnitude = ~x + 1 */
		unsigned carry = 1;
		for (i = n; i-- > 0;) {
			unsigned v = (unsigned)(uint8_t)~mag[i] + carry;
			mag[i] = (uint8_t)v;
			carry = v >> 8;
		}
		out[o++] = '-';
	}
	for (i = 0; i < n && o + 3 < size; i++) {
		static const char hex[] = "0123456789abcdef";
		if (!started && mag[i] == 0)
			continue;
		if (!started && mag[i] < 0x10) {
			out[o++] = hex[mag[i] & 0xf];
		} else {
			out[o++] = hex[mag[i] >> 4];
			out[o++] = hex[mag[i] & 0xf];
		}
		started = 1;
	}
	if (!started)
		out[o++] = '0';
	out[o] = '\0';
}

/* OBJECT IDENTIFIER contents octets in dotted form (X.690 8.19). */
static void dotted_oid(struct staple_slice oid, char *out, size_t size)
{
	uint64_t v = 0;
	size_t i, o = 0;
	int first = 1;

	out[0] = '\0';
	for (i = 0; i < oid.n; i++) {
		int n;
		v = (v << 7) | (oid.p[i] & 0x7f);
		if (oid.p[i] & 0x80)
			continue;
		if (first) {
			unsigned a = v < 40 ? 0 : v < 80 ? 1 : 2;
			n = snprintf(out + o, size - o, "%u.%llu", a,
			             (unsigned long long)(v - 40 * a));
			first = 0;
		} else {
			n = snprintf(out + o, size - o, ".%llu",
			             (unsigned long long)v);
		}
		if (n < 0 || (size_t)n >= size - o)
			return;
		o += (size_t)n;
		v = 0;
	}
}

/* Compare one time column; "-" means absent. */
static void check_ms(struct msg *m, const char *name, const char *want,
                     int present, int64_t got)
{
	int64_t v;

	if (strcmp(want, "-") == 0) {
		if (present || got != 0)
			say(m, "%s: want absent, got %lld; ", name,
			    (long long)got);
		return;
	}
	if (parse_i64(want, &v) != 0) {
		say(m, "%s: bad value \"%s\" in EXPECTED.tsv; ", name, want);
		return;
	}
	if (!present || got != v)
		say(m, "%s: want %lld, got %s%lld; ", name, (long long)v,
		    present ? "" : "absent ", (long long)got);
}

static int skip(const struct difference *d, const char *col)
{
	return d != NULL && d->field != NULL && strcmp(d->field, col) == 0;
}

/* Compare one string column, or the listed value for a listed field. */
static void check_str(struct msg *m, const struct difference *d,
                      const char *name, const char *want, const char *got)
{
	if (skip(d, name)) {
		if (strcmp(d->value, got) != 0)
			say(m, "%s: listed as \"%s\" (%s), got \"%s\"; ", name,
			    d->value, d->rule, got);
		return;
	}
	if (strcmp(want, got) != 0)
		say(m, "%s: want \"%s\", got \"%s\"; ", name, want, got);
}

/* Every column of a decoded response against the row. */
static void compare(struct msg *m, const struct row *w,
                    const struct difference *d,
                    const struct staple_response *r)
{
	const struct staple_single *s = r->n_single > 0 ? &r->single[0] : NULL;
	char buf[256];
	int reason;

	check_str(m, d, "response_status",
	          staple_response_status_name(map_status(w->col[C_STATUS])),
	          staple_response_status_name(r->status));
	snprintf(buf, sizeof buf, "%zu", r->n_single);
	check_str(m, d, "num_single_responses", w->col[C_N_SINGLE], buf);
	if (r->status != STAPLE_RESPONSE_SUCCESSFUL) {
		/* Only the status is set (staple.h). */
		if (r->n_single != 0 || r->n_certs != 0 ||
		    r->produced_at != 0 || r->sig_oid.n != 0 || r->tbs.n != 0)
			say(m, "non-successful response with fields set; ");
		check_ms(m, "produced_at_ms", w->col[C_PRODUCED], 0, 0);
		return;
	}

	check_ms(m, "produced_at_ms", w->col[C_PRODUCED], 1, r->produced_at);
	check_str(m, d, "responder_id_kind", w->col[C_RESPONDER],
	          r->responder == STAPLE_RESPONDER_BY_NAME  ? "name"
	          : r->responder == STAPLE_RESPONDER_BY_KEY ? "key"
	                                                    : "none");
	if (*staple_sigalg_name(r->sig_oid) != '\0')
		snprintf(buf, sizeof buf, "%s", staple_sigalg_name(r->sig_oid));
	else
		dotted_oid(r->sig_oid, buf, sizeof buf);
	check_str(m, d, "signature_algorithm", w->col[C_SIGALG], buf);
	snprintf(buf, sizeof buf, "%zu", r->n_certs);
	check_str(m, d, "num_certs", w->col[C_N_CERTS], buf);

	if (s == NULL) {
		/* No entry: every per-entry column must say so. */
		if (strcmp(w->col[C_CERT_STATUS], "-") != 0)
			say(m, "cert_status: want %s, got no entry; ",
			    w->col[C_CERT_STATUS]);
		return;
	}
	check_str(m, d, "cert_status", w->col[C_CERT_STATUS],
	          staple_ocsp_status_name((int)s->cert_status));
	if (map_reason(w->col[C_REASON], &reason) != 0)
		say(m, "revocation_reason: unknown name \"%s\"; ",
		    w->col[C_REASON]);
	else if (!skip(d, "revocation_reason") && (int)s->reason != reason)
		say(m, "revocation_reason: want %s (%d), got %d; ",
		    w->col[C_REASON], reason, (int)s->reason);
	check_ms(m, "this_update_ms", w->col[C_THIS], 1, s->this_update);
	check_ms(m, "next_update_ms", w->col[C_NEXT], s->has_next_update,
	         s->next_update);
	check_ms(m, "revocation_time_ms", w->col[C_REVOKED],
	         s->cert_status == STAPLE_OCSP_STATUS_REVOKED, s->revoked_at);
	serial_hex(s->serial, buf, sizeof buf);
	check_str(m, d, "serial_hex", w->col[C_SERIAL], buf);
	if (s->hash != STAPLE_HASH_OTHER)
		snprintf(buf, sizeof buf, "%s", staple_hash_name((int)s->hash));
	else
		dotted_oid(s->hash_oid, buf, sizeof buf);
	check_str(m, d, "hash_algorithm", w->col[C_HASH], buf);
}

/* The k6 view of entry 0 must follow the decoded fields (staple.h). */
static void check_view(struct msg *m, const struct staple_response *r)
{
	struct staple_ocsp o;
	int err = staple_ocsp_view(r, 0, &o);

	if (r->status != STAPLE_RESPONSE_SUCCESSFUL) {
		if (err != STAPLE_OK ||
		    o.status != STAPLE_OCSP_STATUS_SERVER_FAILED ||
		    o.produced_at != 0 || o.this_update != 0)
			say(m, "view: want server_failed with zero times; ");
		return;
	}
	if (r->n_single == 0) {
		if (err != STAPLE_ERR_RANGE)
			say(m, "view of an empty response: want RANGE, got "
			       "%s; ", staple_errname(err));
		return;
	}
	if (err != STAPLE_OK || o.status != r->single[0].cert_status ||
	    o.produced_at != r->produced_at ||
	    o.this_update != r->single[0].this_update ||
	    o.next_update != r->single[0].next_update ||
	    o.revoked_at != r->single[0].revoked_at) {
		say(m, "view: does not follow entry 0; ");
		return;
	}
	if (o.status == STAPLE_OCSP_STATUS_REVOKED) {
		int want = r->single[0].reason == STAPLE_OCSP_REASON_NONE
		                   ? STAPLE_OCSP_REASON_UNSPECIFIED
		                   : (int)r->single[0].reason;
		if ((int)o.revocation_reason != want)
			say(m, "view: revoked reason %d, want %d; ",
			    (int)o.revocation_reason, want);
	} else if (o.revocation_reason != STAPLE_OCSP_REASON_NONE) {
		say(m, "view: a reason on a %s entry; ",
		    staple_ocsp_status_name((int)o.status));
	}
}

/* A failed decode: error offset inside the input, output reset. */
static void check_rejected(struct msg *m, const struct staple_response *r,
                           size_t len)
{
	size_t off = staple_error_offset(r);
	if (len > 0 && off >= len)
		say(m, "error offset %zu is not inside the %zu-byte file; ",
		    off, len);
	if (r->status != STAPLE_RESPONSE_NONE || r->n_single != 0 ||
	    r->n_certs != 0 || r->produced_at != 0 || r->tbs.p != NULL)
		say(m, "output not reset after the failure; ");
}

static enum outcome run_row(const struct row *w, struct msg *m)
{
	const struct difference *d = find_difference(w->col[C_FILE]);
	struct staple_response r;
	uint8_t *der;
	size_t len;
	int err, must_reject;
	enum outcome out;

	if (test_read_in(test_vectors_dir(), w->col[C_FILE], &der, &len) != 0) {
		say(m, "cannot read the file");
		return FAIL;
	}
	err = staple_decode(&r, der, len);
	must_reject = strcmp(w->col[C_STATUS], "PARSE_ERROR") == 0 ||
	              strstr(w->col[C_FILE], "/bad/") != NULL ||
	              strncmp(w->col[C_FILE], "bad/", 4) == 0;

	if (d != NULL && d->err != STAPLE_OK) {
		if (err != d->err)
			say(m, "listed as %s (%s), got %s at %zu; ",
			    staple_errname(d->err), d->rule,
			    staple_errname(err), staple_error_offset(&r));
		else
			check_rejected(m, &r, len);
		out = LISTED;
	} else if (must_reject && d == NULL) {
		if (err == STAPLE_OK)
			say(m, "accepted, but %s; ",
			    strcmp(w->col[C_STATUS], "PARSE_ERROR") == 0
			            ? "no reference decoder reads it"
			            : "it is under bad/");
		else if (err == STAPLE_ERR_ARGUMENT)
			say(m, "rejected with ARGUMENT; ");
		else
			check_rejected(m, &r, len);
		out = REJECTED;
	} else if (err != STAPLE_OK) {
		say(m, "%s at byte %zu of %zu, but %s (%s); ",
		    staple_errname(err), staple_error_offset(&r), len,
		    strcmp(w->col[C_FROM], "python") == 0
		            ? "python reads it"
		            : "the reference reads it",
		    w->col[C_STATUS]);
		out = FAIL;
	} else {
		unsigned lenient = d != NULL ? d->leniencies : 0;
		if (r.leniencies != lenient)
			say(m, "leniencies 0x%x, want 0x%x%s%s; ", r.leniencies,
			    lenient, d ? ": " : "", d ? d->rule : "");
		if (map_status(w->col[C_STATUS]) == STAPLE_RESPONSE_NONE)
			say(m, "decoded, but the status is %s; ",
			    w->col[C_STATUS]);
		compare(m, w, d, &r);
		check_view(m, &r);
		out = d != NULL && d->field != NULL ? LISTED : AGREE;
	}
	free(der);
	return m->used > 0 ? FAIL : out;
}

static void test_vectors_row(size_t i)
{
	struct msg m = { "", 0 };
	enum outcome out = run_row(&rows[i], &m);
	ck_assert_msg(out != FAIL, "%s: %s", rows[i].col[C_FILE], m.text);
}

START_TEST(test_vectors_loaded)
{
	ck_assert_msg(load_error[0] == '\0', "%s", load_error);
	ck_assert_msg(n_rows > 0, "%s/EXPECTED.tsv has no rows",
	              test_vectors_dir());
}
END_TEST

/* Every listed difference names a row: no stale entries. */
START_TEST(test_vectors_differences_used)
{
	size_t i, j;
	for (i = 0; i < N_DIFFERENCES; i++) {
		for (j = 0; j < n_rows; j++)
			if (strcmp(rows[j].col[C_FILE], differences[i].file) == 0)
				break;
		ck_assert_msg(j < n_rows, "listed %s is not in EXPECTED.tsv",
		              differences[i].file);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(differences[i].file,
			                 differences[j].file);
	}
}
END_TEST

/* Walk dir/rel recursively; count .der files, each must have a row. */
static void walk(const char *root, const char *rel, size_t *count,
                 struct msg *m)
{
	char path[4096];
	DIR *dir;
	struct dirent *e;

	snprintf(path, sizeof path, "%s%s%s", root, rel[0] ? "/" : "", rel);
	dir = opendir(path);
	if (dir == NULL) {
		say(m, "cannot open %s; ", path);
		return;
	}
	while ((e = readdir(dir)) != NULL) {
		char sub[2048], full[4096];
		struct stat st;
		size_t n = strlen(e->d_name), j;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if ((size_t)snprintf(sub, sizeof sub, "%s%s%s", rel,
		                     rel[0] ? "/" : "", e->d_name) >= sizeof sub ||
		    (size_t)snprintf(full, sizeof full, "%s/%s", root, sub) >=
		            sizeof full) {
			say(m, "path too long under %s; ", path);
			continue;
		}
		if (stat(full, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			walk(root, sub, count, m);
			continue;
		}
		if (n < 4 || strcmp(e->d_name + n - 4, ".der") != 0)
			continue;
		(*count)++;
		for (j = 0; j < n_rows; j++)
			if (strcmp(rows[j].col[C_FILE], sub) == 0)
				break;
		if (j == n_rows)
			say(m, "%s has no row in EXPECTED.tsv; ", sub);
	}
	closedir(dir);
}

START_TEST(test_vectors_inventory)
{
	struct msg m = { "", 0 };
	size_t count = 0;

	walk(test_vectors_dir(), "", &count, &m);
	ck_assert_msg(m.used == 0, "%s", m.text);
	ck_assert_msg(count > 0, "no .der file under %s", test_vectors_dir());
	ck_assert_msg(count == n_rows, "%zu .der files but %zu rows", count,
	              n_rows);
}
END_TEST

/* The whole run in one process, for the one-line summary. */
START_TEST(test_vectors_summary)
{
	size_t counts[FAIL + 1] = { 0 }, lenient = 0, i;
	char failed[1024] = "";

	for (i = 0; i < n_rows; i++) {
		struct msg m = { "", 0 };
		enum outcome out = run_row(&rows[i], &m);
		const struct difference *d = find_difference(rows[i].col[C_FILE]);
		counts[out]++;
		if (out == AGREE && d != NULL && d->leniencies != 0)
			lenient++;
		if (out == FAIL && strlen(failed) + 80 < sizeof failed) {
			strcat(failed, " ");
			strcat(failed, rows[i].col[C_FILE]);
		}
	}
	printf("vectors: %zu decoded and agree (%zu through a leniency), "
	       "%zu rejected as expected, %zu listed differences, %zu "
	       "failed, of %zu files\n",
	       counts[AGREE], lenient, counts[REJECTED], counts[LISTED],
	       counts[FAIL], n_rows);
	fflush(stdout);
	ck_assert_msg(counts[FAIL] == 0, "%zu rows disagree:%s", counts[FAIL],
	              failed);
	ck_assert_msg(counts[AGREE] > 0, "no vector decoded");
}
END_TEST

/*
 * The two formatters above, on values the vectors do not contain (no
 * vector has a negative serial): X.690 8.3.3 two's complement, 8.19.4
 * first sub-identifier 40 * X + Y.
 */
START_TEST(test_vectors_formatters)
{
	static const struct {
		const char *hex, *want;
	} serials[] = {
		{ "00", "0" },        { "01", "1" },     { "7f", "7f" },
		{ "0080", "80" },     { "ff", "-1" },    { "80", "-80" },
		{ "ff7f", "-81" },    { "ff00", "-100" }, { "8000", "-8000" },
		{ "00ff", "ff" },     { "0a0b0c", "a0b0c" },
	};
	static const struct {
		const char *hex, *want;
	} oids[] = {
		{ "2b0e03021a", "1.3.14.3.2.26" },
		{ "608648016503040312", "2.16.840.1.101.3.4.3.18" },
		{ "2a864886f70d01010b", "1.2.840.113549.1.1.11" },
		{ "8837", "2.999" },
		{ "00", "0.0" },
	};
	size_t i, n;
	char buf[128];

	for (i = 0; i < sizeof serials / sizeof serials[0]; i++) {
		struct staple_slice sl;
		uint8_t *b = test_hex(serials[i].hex, &n);
		sl.p = b;
		sl.n = n;
		serial_hex(sl, buf, sizeof buf);
		ck_assert_str_eq(buf, serials[i].want);
		free(b);
	}
	for (i = 0; i < sizeof oids / sizeof oids[0]; i++) {
		struct staple_slice sl;
		uint8_t *b = test_hex(oids[i].hex, &n);
		sl.p = b;
		sl.n = n;
		dotted_oid(sl, buf, sizeof buf);
		ck_assert_str_eq(buf, oids[i].want);
		free(b);
	}
}
END_TEST

START_TEST(test_vectors_absent)
{
	/* Nothing to compare on this machine; it must really be absent. */
	ck_assert_msg(is_absent(test_vectors_dir()),
	              "%s appeared while the tests ran", test_vectors_dir());
}
END_TEST

TEST_ROWS(test_vectors_rows, test_vectors_row, n_rows)

Suite *vectors_suite(void)
{
	Suite *s = suite_create("vectors");
	TCase *tc = tcase_create("conformance");

	suite_add_tcase(s, tc);
	tcase_add_test(tc, test_vectors_formatters);
	if (is_absent(test_vectors_dir())) {
		printf("note: %s not found: the conformance vectors are not "
		       "checked on this machine (set STAPLE_VECTORS)\n",
		       test_vectors_dir());
		tcase_add_test(tc, test_vectors_absent);
		return s;
	}
	load_expected();
	tcase_add_test(tc, test_vectors_loaded);
	if (load_error[0] != '\0')
		return s;
	tcase_add_test(tc, test_vectors_differences_used);
	tcase_add_test(tc, test_vectors_inventory);
	tcase_add_test(tc, test_vectors_rows);
	tcase_add_test(tc, test_vectors_summary);
	return s;
}
