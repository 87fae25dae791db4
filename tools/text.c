/*
 * text.c -- the readable output of `staple decode` (the default).
 *
 * One block per input, "label: value" lines, in this order:
 *
 *   file: NAME
 *   response status: successful
 *   version: 1
 *   responder: by key HEX          or   responder: by name RFC4514
 *   produced at: TIME
 *   signature algorithm: NAME-OR-OID
 *   certs: N
 *   certificate 1:                      for each of certs
 *     subject: RFC4514
 *     issuer: RFC4514
 *     serial number: HEX
 *     not before: TIME
 *     not after: TIME
 *     key: rsa 2048                     or ec p-256, ed25519, ed448, ...
 *     signature algorithm: NAME-OR-OID
 *     ca: yes|no
 *     ocsp signing: yes|no              extKeyUsage id-kp-OCSPSigning
 *     ocsp nocheck: yes|no              id-pkix-ocsp-nocheck
 *     subject alt names: NAME, IP       only when the extension is there
 *     responder: yes|no                 the one ResponderID names
 *                                       (cert_format.c); a certificate
 *                                       that does not decode has one
 *                                       line "error: CODE: MESSAGE"
 *   nonce: HEX                          only when present
 *   leniencies: NAME, NAME              only when any
 *   unknown critical extensions: N      only when any
 *   extension 1: OID (NAME)             each responseExtension
 *     critical: no|yes|yes (unknown critical extension)
 *     understood: yes|no
 *     hex: HEX                          the extnValue contents
 *     nonce: HEX (octet_string)         the decoded value, by kind, or
 *                                       "error: CODE: MESSAGE"
 *   responses: N
 *   response 1:                         for each SingleResponse
 *     hash algorithm: sha1
 *     issuer name hash: HEX
 *     issuer key hash: HEX
 *     serial number: HEX
 *     status: revoked
 *     revocation reason: NAME           revoked only; no CRLReason reads
 *                                       "unspecified (not encoded)"
 *     revoked at: TIME                  revoked only
 *     this update: TIME
 *     next update: TIME                 or "(absent)"
 *     extension 1: OID (NAME)           each singleExtension, as above
 *   k6 res.ocsp: status="good" revocation_reason="" produced_at=MS
 *       this_update=MS next_update=MS revoked_at=MS    (one line)
 *
 * NAME is escaped (staple_buf_escaped) so no file name can add lines.
 * A response that is not successful has only the file, response status
 * and k6 lines; one without SingleResponse ends in "k6 res.ocsp: none".
 * TIME is "2024-05-01T12:00:00Z (3 days ago)": UTC, with ".mmm" before
 * the Z when the milliseconds are not zero, and its distance from --at
 * (staple_text_time_line); --ms adds the ms since the epoch.  Golden
 * tests compare this byte for byte: change it only together with
 * tests/golden and staple.1.
 */
#include "tool.h"

#include <inttypes.h>

#define MS_PER_DAY INT64_C(86400000)

/*
 * Year, month, day of a day count since 1970-01-01 (proleptic Gregorian),
 * after Howard Hinnant's civil_from_days: eras of 400 years are 146097
 * days, and a year counted from March puts the leap day last.
 */
static void civil_from_days(int64_t days, int64_t *year, unsigned *month,
                            unsigned *day)
{
	int64_t z = days + 719468; /* days since 0000-03-01 */
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097); /* [0, 146096] */
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100); /* [0, 365] */
	unsigned mp = (5 * doy + 2) / 153; /* March is 0 */

	*day = doy - (153 * mp + 2) / 5 + 1;
	*month = mp < 10 ? mp + 3 : mp - 9;
	*year = (int64_t)yoe + era * 400 + (*month <= 2 ? 1 : 0);
}

/* see tool.h */
void staple_text_time(struct staple_buf *b, int64_t ms)
{
	int64_t days = ms / MS_PER_DAY, rest = ms % MS_PER_DAY, year;
	unsigned month, day, sec_of_day, milli;

	if (rest < 0) { /* floor, not truncation, before 1970 */
		rest += MS_PER_DAY;
		days--;
	}
	civil_from_days(days, &year, &month, &day);
	sec_of_day = (unsigned)(rest / 1000);
	milli = (unsigned)(rest % 1000);
	staple_buf_printf(b, "%04" PRId64 "-%02u-%02uT%02u:%02u:%02u", year,
	                  month, day, sec_of_day / 3600, sec_of_day / 60 % 60,
	                  sec_of_day % 60);
	if (milli != 0)
		staple_buf_printf(b, ".%03u", milli);
	staple_buf_char(b, 'Z');
}

/*
 * The distance d > 0 ms in its two largest units, the second left out
 * when it is zero: "3 days 4 hours", "2 years", "1 minute 5 seconds".
 * A year is 365.25 days and a month a twelfth of it: a distance to read,
 * not a calendar.  Truncated, never rounded up, so "1 day" is a day at
 * least.
 */
static void distance(struct staple_buf *b, int64_t d)
{
	static const struct {
		const char *name;
		int64_t ms;
	} unit[] = {
		{"year", INT64_C(31557600000)}, {"month", INT64_C(2629800000)},
		{"day", MS_PER_DAY},            {"hour", INT64_C(3600000)},
		{"minute", INT64_C(60000)},     {"second", INT64_C(1000)},
	};
	size_t i, shown = 0;

	for (i = 0; i < sizeof unit / sizeof unit[0] && shown < 2; i++) {
		int64_t n = d / unit[i].ms;
		if (n == 0) {
			if (shown > 0)
				break; /* "2 years", not "2 years 3 days" */
			continue;
		}
		staple_buf_printf(b, "%s%" PRId64 " %s%s", shown > 0 ? " " : "",
		                  n, unit[i].name, n == 1 ? "" : "s");
		d -= n * unit[i].ms;
		shown++;
	}
}

static int64_t clamp(int64_t v, int64_t lim)
{
	return v > lim ? lim : v < -lim ? -lim : v;
}

/* see tool.h */
void staple_text_relative(struct staple_buf *b, int64_t ms, int64_t at_ms,
                          int expiry)
{
	/* every time staple reads or parses lies in years 0000-9999, within
	   +/- 2^48 ms; clamping to that keeps the subtraction from
	   overflowing on anything else */
	const int64_t lim = INT64_C(1) << 48;
	int64_t d = clamp(ms, lim) - clamp(at_ms, lim);

	if (d > -1000 && d < 1000) {
		staple_buf_str(b, "now");
	} else if (d > 0) {
		staple_buf_str(b, "in ");
		distance(b, d);
	} else {
		if (expiry)
			staple_buf_str(b, "expired ");
		distance(b, -d);
		staple_buf_str(b, " ago");
	}
}

/* see tool.h */
void staple_text_time_line(struct staple_buf *b,
                           const struct staple_text_style *st,
                           const char *indent, const char *label, int64_t ms,
                           int expiry)
{
	staple_buf_printf(b, "%s%s: ", indent, label);
	staple_text_time(b, ms);
	staple_buf_str(b, " (");
	if (st->show_ms)
		staple_buf_printf(b, "%" PRId64 " ms; ", ms);
	staple_text_relative(b, ms, st->at_ms, expiry);
	staple_buf_str(b, ")\n");
}

static void hex_line(struct staple_buf *b, const char *label,
                     struct staple_slice s)
{
	staple_buf_str(b, label);
	staple_buf_str(b, ": ");
	staple_buf_hex(b, s.p, s.n);
	staple_buf_char(b, '\n');
}

/* HEX and the end of the line, after a label already written. */
static void hex_rest(struct staple_buf *b, struct staple_slice s)
{
	staple_buf_hex(b, s.p, s.n);
	staple_buf_char(b, '\n');
}

static void responder_line(struct staple_buf *b,
                           const struct staple_response *r)
{
	switch (r->responder) {
	case STAPLE_RESPONDER_BY_KEY:
		staple_buf_str(b, "responder: by key ");
		staple_buf_hex(b, r->responder_id.p, r->responder_id.n);
		staple_buf_char(b, '\n');
		break;
	case STAPLE_RESPONDER_BY_NAME:
		staple_buf_str(b, "responder: by name ");
		staple_responder_name_format(b, r->responder_id);
		staple_buf_char(b, '\n');
		break;
	default: /* not after a successful decode */
		staple_buf_str(b, "responder: (none)\n");
		break;
	}
}

/* "leniencies: NAME, NAME" (staple_leniency_name), when there are any. */
static void leniencies_line(struct staple_buf *b, unsigned bits)
{
	const char *name;
	char spare[16];
	size_t k;

	if (bits == 0)
		return;
	staple_buf_str(b, "leniencies: ");
	for (k = 0; (name = staple_leniency_name(bits, k, spare)) != NULL; k++)
		staple_buf_printf(b, "%s%s", k > 0 ? ", " : "", name);
	staple_buf_char(b, '\n');
}

/* --- extensions ------------------------------------------------------------ */

/* An IA5String (bytes) that cannot add lines: printable ASCII, else \xHH. */
static void ascii_escaped(struct staple_buf *b, struct staple_slice s)
{
	size_t i;

	for (i = 0; i < s.n; i++) {
		if (s.p[i] >= 0x20 && s.p[i] < 0x7f && s.p[i] != '\\')
			staple_buf_char(b, (char)s.p[i]);
		else
			staple_buf_printf(b, "\\x%02x", (unsigned)s.p[i]);
	}
}

/* The decoded value of a known extnValue, lines indented by `in`. */
static int ext_value_lines(struct staple_buf *b,
                           const struct staple_text_style *st,
                           const char *in, const struct staple_ext *e)
{
	int64_t ms = 0;
	int err = STAPLE_OK;

	switch (e->kind) {
	case STAPLE_EXT_NONCE: {
		struct staple_slice nonce;
		enum staple_nonce_form form;
		err = staple_ext_nonce(e->value, &nonce, &form);
		if (err == STAPLE_OK) {
			staple_buf_printf(b, "%snonce: ", in);
			staple_buf_hex(b, nonce.p, nonce.n);
			staple_buf_printf(b, " (%s)\n",
			                  form == STAPLE_NONCE_OCTET_STRING
			                          ? "octet_string" : "raw");
		}
		break;
	}
	case STAPLE_EXT_CRL_ID: {
		struct staple_crl_id c;
		err = staple_ext_crl_id(e->value, &c);
		if (err != STAPLE_OK)
			break;
		if (c.has_url) {
			staple_buf_printf(b, "%scrl url: ", in);
			ascii_escaped(b, c.url);
			staple_buf_char(b, '\n');
		}
		if (c.has_number) {
			staple_buf_printf(b, "%scrl number: ", in);
			hex_rest(b, c.number);
		}
		if (c.has_time)
			staple_text_time_line(b, st, in, "crl time", c.time, 0);
		if (!c.has_url && !c.has_number && !c.has_time)
			staple_buf_printf(b, "%scrl id: (empty)\n", in);
		break;
	}
	case STAPLE_EXT_ARCHIVE_CUTOFF:
	case STAPLE_EXT_INVALIDITY_DATE:
		err = e->kind == STAPLE_EXT_ARCHIVE_CUTOFF
		              ? staple_ext_archive_cutoff(e->value, &ms)
		              : staple_ext_invalidity_date(e->value, &ms);
		if (err == STAPLE_OK)
			staple_text_time_line(b, st, in, "time", ms, 0);
		break;
	case STAPLE_EXT_ACCEPTABLE_RESPONSES: {
		struct staple_slice list, oid;
		size_t count;
		const char *sep = "";
		err = staple_ext_acceptable_responses(e->value, &list, &count);
		if (err != STAPLE_OK)
			break;
		staple_buf_printf(b, "%sacceptable responses:", in);
		while (staple_ext_oid_next(&list, &oid) == STAPLE_OK) {
			staple_buf_str(b, sep[0] ? sep : " ");
			staple_oid_format(b, oid);
			sep = ", ";
		}
		if (count == 0)
			staple_buf_str(b, " (none)");
		staple_buf_char(b, '\n');
		break;
	}
	case STAPLE_EXT_SERVICE_LOCATOR: {
		struct staple_service_locator sl;
		err = staple_ext_service_locator(e->value, &sl);
		if (err != STAPLE_OK)
			break;
		staple_buf_printf(b, "%sissuer: ", in);
		staple_responder_name_format(b, sl.issuer);
		staple_buf_printf(b, "\n%slocator: ", in);
		hex_rest(b, sl.locator);
		break;
	}
	case STAPLE_EXT_SCT_LIST: {
		struct staple_sct_iter it;
		struct staple_sct sct;
		struct staple_text_style sct_style = {st->at_ms, 1};
		size_t count, k = 0;
		err = staple_ext_sct_list(e->value, &it, &count);
		if (err != STAPLE_OK)
			break;
		staple_buf_printf(b, "%sscts: %zu\n", in, count);
		while (staple_sct_next(&it, &sct) == STAPLE_OK) {
			staple_buf_printf(b, "%ssct %zu:\n", in, ++k);
			staple_buf_printf(b, "%s  version: %u%s\n", in,
			                  sct.version,
			                  sct.version == 0 ? " (v1)" : "");
			if (sct.version != 0) {
				staple_buf_printf(b, "%s  hex: ", in);
				hex_rest(b, sct.whole);
				continue;
			}
			staple_buf_printf(b, "%s  log id: ", in);
			hex_rest(b, sct.log_id);
			/* RFC 6962 counts in ms: the SCT's own unit, always
			   shown; above INT64_MAX is no time a log wrote */
			staple_text_time_line(b, &sct_style, in, "  timestamp",
			                      sct.timestamp > (uint64_t)INT64_MAX
			                              ? INT64_MAX
			                              : (int64_t)sct.timestamp,
			                      0);
			staple_buf_printf(b, "%s  hash algorithm: ", in);
			staple_tls_hash_format(b, sct.hash_alg);
			staple_buf_printf(b, "\n%s  signature algorithm: ", in);
			staple_tls_sig_format(b, sct.sig_alg);
			staple_buf_char(b, '\n');
			staple_buf_printf(b, "%s  signature: ", in);
			hex_rest(b, sct.signature);
		}
		break;
	}
	default: /* unknown, or extended revoke: nothing to decode */
		break;
	}
	if (err != STAPLE_OK)
		staple_buf_printf(b, "%serror: %s: %s\n", in,
		                  staple_errname(err), staple_strerror(err));
	return STAPLE_OK;
}

/*
 * "extension 1: OID (NAME)" and its lines, for each extension of `list`,
 * indented by `in`; nothing when the list is empty.
 */
static int extension_lines(struct staple_buf *b,
                           const struct staple_text_style *st,
                           const char *in,
                           struct staple_slice list, int place)
{
	struct staple_ext_iter it;
	struct staple_ext e;
	size_t k = 0;
	int err;

	staple_ext_iter_init(&it, list, place);
	while ((err = staple_ext_next(&it, &e)) == STAPLE_OK) {
		const char *name = staple_ext_kind_name((int)e.kind);
		staple_buf_printf(b, "%sextension %zu: ", in, ++k);
		staple_oid_format(b, e.oid);
		staple_buf_printf(b, " (%s)\n", name[0] ? name : "unknown");
		staple_buf_printf(b, "%s  critical: %s\n", in,
		                  !e.critical ? "no"
		                  : e.understood ? "yes"
		                  : "yes (unknown critical extension)");
		staple_buf_printf(b, "%s  understood: %s\n", in,
		                  e.understood ? "yes" : "no");
		staple_buf_printf(b, "%s  hex: ", in);
		hex_rest(b, e.value);
		{
			struct staple_buf in2 = {NULL, 0, 0};
			staple_buf_printf(&in2, "%s  ", in);
			staple_buf_char(&in2, '\0');
			err = ext_value_lines(b, st, in2.p, &e);
			staple_buf_free(&in2);
		}
		if (err != STAPLE_OK)
			return err;
	}
	return err == STAPLE_ERR_END ? STAPLE_OK : err;
}

static int single_block(struct staple_buf *b,
                        const struct staple_text_style *st, size_t index,
                        const struct staple_single *s)
{
	staple_buf_printf(b, "response %zu:\n", index + 1);
	staple_buf_str(b, "  hash algorithm: ");
	staple_hash_format(b, s);
	staple_buf_char(b, '\n');
	hex_line(b, "  issuer name hash", s->issuer_name_hash);
	hex_line(b, "  issuer key hash", s->issuer_key_hash);
	hex_line(b, "  serial number", s->serial);
	staple_buf_printf(b, "  status: %s\n",
	                  staple_ocsp_status_name((int)s->cert_status));
	if (s->cert_status == STAPLE_OCSP_STATUS_REVOKED) {
		/* one rule with JSON and k6: no reason reads "unspecified" */
		if (s->reason == STAPLE_OCSP_REASON_NONE)
			staple_buf_str(b, "  revocation reason: unspecified "
			                  "(not encoded)\n");
		else
			staple_buf_printf(b, "  revocation reason: %s\n",
			                  staple_ocsp_reason_name(
			                          (int)s->reason));
		staple_text_time_line(b, st, "  ", "revoked at", s->revoked_at,
		                      0);
	}
	staple_text_time_line(b, st, "  ", "this update", s->this_update, 0);
	if (s->has_next_update)
		staple_text_time_line(b, st, "  ", "next update",
		                      s->next_update, 1);
	else
		staple_buf_str(b, "  next update: (absent)\n");
	return extension_lines(b, st, "  ", s->extensions,
	                       STAPLE_EXT_IN_SINGLE);
}

static int k6_line(struct staple_buf *b, const struct staple_response *r,
                   size_t index)
{
	struct staple_ocsp o;
	int err = staple_ocsp_view(r, index, &o);

	if (err == STAPLE_ERR_RANGE &&
	    r->status == STAPLE_RESPONSE_SUCCESSFUL && r->n_single == 0) {
		staple_buf_str(b, "k6 res.ocsp: none\n");
		return STAPLE_OK;
	}
	if (err != STAPLE_OK)
		return err;
	staple_buf_printf(b,
	                  "k6 res.ocsp: status=\"%s\" revocation_reason=\"%s\""
	                  " produced_at=%" PRId64 " this_update=%" PRId64
	                  " next_update=%" PRId64 " revoked_at=%" PRId64 "\n",
	                  staple_ocsp_status_name((int)o.status),
	                  staple_ocsp_reason_name((int)o.revocation_reason),
	                  o.produced_at, o.this_update, o.next_update,
	                  o.revoked_at);
	return STAPLE_OK;
}

/*
 * "certificate 1:" and its lines indented by two spaces, for each of the
 * response's certs; one that does not decode reads "  error: CODE:
 * MESSAGE" and the rest of the response is shown all the same.
 */
static void cert_blocks(struct staple_buf *b,
                        const struct staple_text_style *st,
                        const struct staple_response *r)
{
	size_t i;

	for (i = 0; i < r->n_certs; i++) {
		struct staple_cert c;
		int err = staple_cert_nth(r, i, &c);

		staple_buf_printf(b, "certificate %zu:\n", i + 1);
		if (err == STAPLE_OK)
			staple_text_cert(b, st, "  ", &c,
			                 staple_cert_is_responder(r, &c));
		else
			staple_buf_printf(b, "  error: %s: %s\n",
			                  staple_errname(err),
			                  staple_strerror(err));
	}
}

/* Everything of a successful response before the k6 line. */
static int basic_block(struct staple_buf *b,
                       const struct staple_text_style *st,
                       const struct staple_response *r)
{
	size_t i;
	int err;

	staple_buf_printf(b, "version: %d\n", r->version);
	responder_line(b, r);
	staple_text_time_line(b, st, "", "produced at", r->produced_at, 0);
	staple_buf_str(b, "signature algorithm: ");
	staple_sigalg_format(b, r->sig_oid);
	staple_buf_printf(b, "\ncerts: %zu\n", r->n_certs);
	cert_blocks(b, st, r);
	if (r->nonce.p != NULL)
		hex_line(b, "nonce", r->nonce);
	leniencies_line(b, r->leniencies);
	if (r->unknown_critical > 0)
		staple_buf_printf(b, "unknown critical extensions: %zu\n",
		                  r->unknown_critical);
	err = extension_lines(b, st, "", r->extensions,
	                      STAPLE_EXT_IN_RESPONSE);
	if (err != STAPLE_OK)
		return err;
	staple_buf_printf(b, "responses: %zu\n", r->n_single);
	for (i = 0; i < r->n_single; i++) {
		struct staple_single s;
		err = staple_single_at(r, i, &s);
		if (err != STAPLE_OK)
			return err;
		err = single_block(b, st, i, &s);
		if (err != STAPLE_OK)
			return err;
	}
	return STAPLE_OK;
}

/* see tool.h */
/*
 * "verify: ok (signed by the issuer; entry 0; backend bearssl)" or
 * "verify: FAILED: MESSAGE (NAME; backend bearssl)", and a must-staple
 * line when the leaf asks for a staple.
 */
static void verify_lines(struct staple_buf *b,
                         const struct staple_verify_report *v)
{
	const struct staple_verify_result *res = &v->result;

	if (v->verdict == STAPLE_OK)
		staple_buf_printf(b, "verify: ok (signed by %s; entry %zu;",
		                  res->signer == STAPLE_SIGNER_ISSUER
		                          ? "the issuer"
		                          : "a delegated responder",
		                  res->index);
	else
		staple_buf_printf(b, "verify: FAILED: %s (%s;",
		                  staple_strerror(v->verdict),
		                  staple_errname(v->verdict));
	staple_buf_printf(b, " backend %s; at ", v->setup->crypto->name);
	staple_text_time(b, v->setup->at_ms);
	staple_buf_printf(b, " +/- %" PRId64 " s)\n", v->setup->skew_ms / 1000);
	if (res->must_staple)
		staple_buf_str(b, "must staple: yes (the certificate has the "
		                  "TLS Feature status_request)\n");
}

int staple_text_response(struct staple_buf *b,
                         const struct staple_text_style *st, const char *file,
                         const struct staple_response *r,
                         const struct staple_verify_report *v)
{
	int err;

	if (file != NULL) {
		/* a name with a newline must not make lines of its own */
		staple_buf_str(b, "file: ");
		staple_buf_escaped(b, file);
		staple_buf_char(b, '\n');
	}
	staple_buf_printf(b, "response status: %s\n",
	                  staple_response_status_name((int)r->status));
	if (r->status == STAPLE_RESPONSE_SUCCESSFUL) {
		err = basic_block(b, st, r);
		if (err != STAPLE_OK)
			return err;
	}
	err = k6_line(b, r, staple_view_index(v));
	if (err == STAPLE_OK && v != NULL)
		verify_lines(b, v);
	return err;
}

/* --- fetch ------------------------------------------------------------------ */

/*
 * The lines of `staple fetch` around the response block above (tool.h,
 * struct staple_fetch_report, has them in order).  HOST:PORT, --out's
 * FILE and the reasons are escaped: none of them can add a line.
 */

/* see tool.h */
void staple_text_fetch_connection(struct staple_buf *b,
                                  const struct staple_text_style *st,
                                  const struct staple_fetch_report *f)
{
	staple_buf_str(b, "server: ");
	staple_buf_escaped(b, f->label);
	staple_buf_printf(b, "\ntls: %s, backend %s\n",
	                  staple_tls_version_name(f->version), f->backend);
	staple_buf_str(b, "cipher suite: ");
	staple_cipher_suite_format(b, f->cipher_suite);
	staple_buf_printf(b, "\nchain length: %zu\n", f->chain_length);
	if (f->leaf != NULL) {
		staple_buf_str(b, "leaf:\n");
		staple_text_cert(b, st, "  ", f->leaf, -1);
	} else if (f->leaf_err != 0) {
		/* JSON: "leaf": {"error": {"code", "message"}} */
		staple_buf_printf(b, "leaf:\n  error: %s: %s\n",
		                  staple_errname(f->leaf_err),
		                  staple_strerror(f->leaf_err));
	}
}

/* The "out:" line: what became of --out. */
static void fetch_out_line(struct staple_buf *b,
                           const struct staple_fetch_report *f)
{
	int to_stdout = f->out != NULL && f->out[0] == '-' && f->out[1] == '\0';

	if (f->out_done == STAPLE_OUT_NOT_ASKED)
		return;
	if (f->out_done == STAPLE_OUT_WROTE) {
		staple_buf_printf(b, "out: wrote %zu bytes to ", f->staple_len);
		if (to_stdout)
			staple_buf_str(b, "standard output");
		else
			staple_buf_escaped(b, f->out);
	} else if (to_stdout) {
		staple_buf_str(b, "out: nothing stapled, nothing written to "
		                  "standard output");
	} else {
		staple_buf_str(b, "out: nothing stapled, ");
		staple_buf_escaped(b, f->out);
		staple_buf_str(b, f->out_done == STAPLE_OUT_REMOVED
		                          ? " removed (it held an earlier staple)"
		                          : " not written");
	}
	staple_buf_char(b, '\n');
}

/* see tool.h */
void staple_text_fetch_staple(struct staple_buf *b,
                              const struct staple_fetch_report *f)
{
	staple_buf_printf(b, "staple: %s", f->status_request);
	if (f->stapled)
		staple_buf_printf(b, " (%zu bytes)", f->staple_len);
	staple_buf_char(b, '\n');
	/* once: a verify report that follows says it itself */
	if (f->must_staple && !f->verify_says_must_staple)
		staple_buf_str(b, "must staple: yes (the certificate has the "
		                  "TLS Feature status_request)\n");
	fetch_out_line(b, f);
}

/* see tool.h */
void staple_text_fetch_malformed(struct staple_buf *b, int err,
                                 size_t offset)
{
	staple_buf_printf(b, "staple: malformed: %s at offset %zu\n",
	                  staple_strerror(err), offset);
}

/* see tool.h */
void staple_text_fetch_failed(struct staple_buf *b, const char *message)
{
	staple_buf_printf(b, "verify: FAILED: %s\n", message);
}

/* see tool.h */
void staple_text_fetch_trust(struct staple_buf *b,
                             const struct staple_fetch_report *f)
{
	if (f->trusted) {
		staple_buf_str(b, "chain trusted: yes\n");
		return;
	}
	staple_buf_str(b, "chain trusted: no\nchain error: ");
	staple_buf_escaped(b, f->untrusted != NULL ? f->untrusted : "");
	staple_buf_char(b, '\n');
}

/* see tool.h */
void staple_text_fetch_error(struct staple_buf *b, const char *label,
                             const char *message)
{
	staple_buf_str(b, "staple: fetch: ");
	staple_buf_escaped(b, label);
	staple_buf_printf(b, ": %s\n", message);
}

/* see tool.h */
void staple_text_fetch_removed(struct staple_buf *b, const char *path)
{
	staple_buf_str(b, "staple: fetch: ");
	staple_buf_escaped(b, path);
	staple_buf_str(b, ": removed, it held an earlier staple\n");
}

/* ==== staple check: the Nagios line ===================================== */

static const char *nagios_status(int status)
{
	switch (status) {
	case STAPLE_CHECK_OK: return "OK";
	case STAPLE_CHECK_WARNING: return "WARNING";
	case STAPLE_CHECK_CRITICAL: return "CRITICAL";
	}
	return "UNKNOWN";
}

/*
 * Text of the plugin output: escaped as staple_buf_escaped() does, and
 * "|" as "\x7c", since the first "|" starts the performance data.
 */
static void nagios_text(struct staple_buf *b, const char *s)
{
	struct staple_buf e = {NULL, 0, 0};
	size_t i;

	staple_buf_escaped(&e, s);
	for (i = 0; i < e.n; i++) {
		if (e.p[i] == '|')
			staple_buf_str(b, "\\x7c");
		else
			staple_buf_char(b, e.p[i]);
	}
	staple_buf_free(&e);
}

/*
 * A perfdata label: plain, or quoted and prefixed by the target.  In a
 * quoted label a quote is doubled and "=" (which no label may hold)
 * becomes "_" (Nagios plugin guidelines, "Performance data").
 */
static void perf_label(struct staple_buf *b,
                       const struct staple_check_report *rep,
                       int label_target, const char *name)
{
	struct staple_buf t = {NULL, 0, 0};
	size_t i;

	staple_buf_char(b, ' ');
	if (!label_target) {
		staple_buf_str(b, name);
		staple_buf_char(b, '=');
		return;
	}
	nagios_text(&t, rep->target);
	staple_buf_char(b, '\'');
	for (i = 0; i < t.n; i++) {
		if (t.p[i] == '\'')
			staple_buf_str(b, "''");
		else
			staple_buf_char(b, t.p[i] == '=' ? '_' : t.p[i]);
	}
	staple_buf_printf(b, " %s'=", name);
	staple_buf_free(&t);
}

/* Whole seconds of ms, rounded down (so -0.5 s is -1: already late). */
static int64_t floor_seconds(int64_t ms)
{
	return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
}

/* see tool.h */
void staple_text_check_line(struct staple_buf *b,
                            const struct staple_check_report *rep,
                            int label_target)
{
	size_t start;

	staple_buf_printf(b, "%s - ", nagios_status(rep->status));
	nagios_text(b, rep->target);
	staple_buf_str(b, ": ");
	nagios_text(b, rep->message);
	staple_buf_str(b, " |");
	start = b->n;
	if (rep->decoded && rep->has_entry && rep->has_next_update) {
		perf_label(b, rep, label_target, "next_update");
		staple_buf_printf(b, "%" PRId64 "s;%" PRId64 ":;%" PRId64 ":",
		                  floor_seconds(rep->next_update - rep->at_ms),
		                  rep->warn_ms / 1000, rep->critical_ms / 1000);
	}
	if (rep->decoded &&
	    rep->response_status == STAPLE_RESPONSE_SUCCESSFUL) {
		perf_label(b, rep, label_target, "age");
		staple_buf_printf(b, "%" PRId64 "s",
		                  floor_seconds(rep->at_ms - rep->produced_at));
	}
	if (rep->has_handshake) {
		perf_label(b, rep, label_target, "handshake");
		staple_buf_printf(b, "%" PRId64 ".%03ds",
		                  rep->handshake_us / 1000000,
		                  (int)(rep->handshake_us % 1000000 / 1000));
	}
	if (b->n == start)
		b->n -= 2; /* no performance data: no " |" either */
	staple_buf_char(b, '\n');
}

/* see tool.h */
void staple_text_check_summary(struct staple_buf *b,
                               const struct staple_check_report *reps,
                               size_t n)
{
	size_t count[4] = {0, 0, 0, 0}, i;
	int worst = STAPLE_CHECK_OK;

	for (i = 0; i < n; i++) {
		count[reps[i].status & 3]++;
		if (staple_check_rank(reps[i].status) > staple_check_rank(worst))
			worst = reps[i].status;
	}
	staple_buf_printf(b,
	                  "%s - %zu targets: %zu critical, %zu unknown, "
	                  "%zu warning, %zu ok\n",
	                  nagios_status(worst), n,
	                  count[STAPLE_CHECK_CRITICAL],
	                  count[STAPLE_CHECK_UNKNOWN],
	                  count[STAPLE_CHECK_WARNING], count[STAPLE_CHECK_OK]);
}
