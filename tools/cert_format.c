/*
 * cert_format.c -- the certificates of a response (or any decoded
 * certificate) as text lines and as a JSON object.
 *
 * One certificate shows, in this order (text label; JSON key):
 *
 *   subject: RFC4514                      "subject"
 *   issuer: RFC4514                       "issuer"
 *   serial number: HEX                    "serial_number"
 *   not before: TIME                      "not_before" (ms)
 *   not after: TIME                       "not_after" (ms)
 *   key: rsa 2048                         "key"
 *   signature algorithm: NAME-OR-OID      "signature_algorithm"
 *   ca: yes|no                            "ca"
 *   ocsp signing: yes|no                  "ocsp_signing"
 *   ocsp nocheck: yes|no                  "ocsp_nocheck"
 *   subject alt names: NAME, NAME         "subject_alt_names" (array, or
 *                                         null when malformed); only when
 *                                         the extension is present
 *   responder: yes|no                     "responder"; only when known
 *
 * Each JSON key is its text label with "_" for each space, and both
 * carry the same members (tool.h).  Must be safe on any certificate
 * staple_cert_decode() accepts: fuzz_x509 drives both formatters.
 */
#include "tool.h"
#include "backend.h"

#include "der.h"

#include <string.h>

/* --- the key --------------------------------------------------------------- */

/* Bits of an unsigned big-endian integer without leading zero octets. */
static size_t bit_length(struct staple_slice n)
{
	size_t bits;
	unsigned top;

	if (n.n == 0)
		return 0;
	bits = (n.n - 1) * 8;
	for (top = n.p[0]; top != 0; top >>= 1)
		bits++;
	return bits;
}

/* see tool.h */
void staple_key_format(struct staple_buf *b, const struct staple_pubkey *k)
{
	switch (k->type) {
	case STAPLE_KEY_RSA:
		/* the modulus as staple_pubkey keeps it: no leading zero */
		staple_buf_printf(b, "rsa %zu", bit_length(k->n));
		if (k->pss_only)
			staple_buf_str(b, " (id-RSASSA-PSS)");
		break;
	case STAPLE_KEY_EC:
		switch (k->curve) {
		case STAPLE_CURVE_P256:
			staple_buf_str(b, "ec p-256");
			break;
		case STAPLE_CURVE_P384:
			staple_buf_str(b, "ec p-384");
			break;
		case STAPLE_CURVE_P521:
			staple_buf_str(b, "ec p-521");
			break;
		default:
			staple_buf_str(b, "ec (other curve)");
			break;
		}
		break;
	case STAPLE_KEY_ED25519:
		staple_buf_str(b, "ed25519");
		break;
	case STAPLE_KEY_ED448:
		staple_buf_str(b, "ed448");
		break;
	default:
		staple_buf_str(b, "unknown");
		break;
	}
}

/* --- subjectAltName ---------------------------------------------------------- */

/* 2.5.29.17 */
static const uint8_t oid_subject_alt_name[] = {0x55, 0x1d, 0x11};

/* GeneralName tags shown; every other alternative is skipped. */
#define TAG_DNS_NAME STAPLE_TAG_CONTEXT(2)   /* [2] IA5String */
#define TAG_IP_ADDRESS STAPLE_TAG_CONTEXT(7) /* [7] OCTET STRING */

/*
 * The extnValue of the certificate's subjectAltName; 0 when it has none.
 * The list is one staple_cert_decode() accepted, so iterating it does not
 * fail; if it ever did, the names are left out.
 */
static int find_subject_alt_name(const struct staple_cert *c,
                                 struct staple_slice *value)
{
	struct staple_ext_iter it;
	struct staple_ext e;

	value->p = NULL;
	value->n = 0;
	staple_ext_iter_init(&it, c->extensions, STAPLE_EXT_IN_CERT);
	while (staple_ext_next(&it, &e) == STAPLE_OK) {
		if (staple_slice_is(e.oid, oid_subject_alt_name,
		                    sizeof oid_subject_alt_name)) {
			*value = e.value;
			return 1;
		}
	}
	return 0;
}

/*
 * SubjectAltName ::= GeneralNames
 * GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName
 * GeneralName ::= CHOICE {
 *    otherName                  [0] OtherName,
 *    rfc822Name                 [1] IA5String,
 *    dNSName                    [2] IA5String,
 *    x400Address                [3] ORAddress,
 *    directoryName              [4] Name,
 *    ediPartyName               [5] EDIPartyName,
 *    uniformResourceIdentifier  [6] IA5String,
 *    iPAddress                  [7] OCTET STRING,
 *    registeredID               [8] OBJECT IDENTIFIER }   (RFC 5280 4.2.1.6)
 *
 * Checks the list and returns the next dNSName or iPAddress in *name
 * (its contents) and *tag; 0 at the end, -1 when the value is malformed:
 * not one SEQUENCE, empty, an element that is no DER TLV or not a
 * GeneralName alternative, or an iPAddress of neither 4 nor 16 octets.
 * Only the names a TLS client matches a host against are shown: the
 * other alternatives are checked to be one element each and skipped.
 */
struct san_iter {
	struct staple_slice rest;
};

static int san_init(struct san_iter *it, struct staple_slice value)
{
	struct staple_slice cur = value;

	it->rest.p = NULL;
	it->rest.n = 0;
	if (staple_der_read(&cur, STAPLE_TAG_SEQUENCE, &it->rest) !=
	            STAPLE_OK ||
	    cur.n != 0 || it->rest.n == 0)
		return -1;
	return 0;
}

static int san_next(struct san_iter *it, uint8_t *tag,
                    struct staple_slice *name)
{
	while (it->rest.n > 0) {
		uint8_t t;
		struct staple_slice contents;
		if (staple_der_read_any(&it->rest, &t, &contents, NULL) !=
		    STAPLE_OK)
			return -1;
		switch (t) {
		case TAG_DNS_NAME:
			*tag = t;
			*name = contents;
			return 1;
		case TAG_IP_ADDRESS:
			if (contents.n != 4 && contents.n != 16)
				return -1;
			*tag = t;
			*name = contents;
			return 1;
		case STAPLE_TAG_CONTEXT_CONS(0): /* otherName */
		case STAPLE_TAG_CONTEXT(1):      /* rfc822Name */
		case STAPLE_TAG_CONTEXT_CONS(3): /* x400Address */
		case STAPLE_TAG_CONTEXT_CONS(4): /* directoryName */
		case STAPLE_TAG_CONTEXT_CONS(5): /* ediPartyName */
		case STAPLE_TAG_CONTEXT(6):      /* uniformResourceIdentifier */
		case STAPLE_TAG_CONTEXT(8):      /* registeredID */
			break;
		default:
			return -1;
		}
	}
	return 0;
}

/* Read the whole list once: 0 when well-formed, -1 when not. */
static int san_check(struct staple_slice value)
{
	struct san_iter it;
	struct staple_slice name;
	uint8_t tag;
	int rc;

	if (san_init(&it, value) != 0)
		return -1;
	while ((rc = san_next(&it, &tag, &name)) == 1)
		;
	return rc;
}

/*
 * An address as text: IPv4 dotted, IPv6 as RFC 5952 4 writes it
 * (lowercase, no leading zeros, the longest run of two or more zero
 * groups, the first of equals, as "::").
 */
static void ip_format(struct staple_buf *b, struct staple_slice a)
{
	unsigned g[8];
	size_t i, best = 0, best_len = 0, run = 0;

	if (a.n == 4) {
		staple_buf_printf(b, "%u.%u.%u.%u", a.p[0], a.p[1], a.p[2],
		                  a.p[3]);
		return;
	}
	for (i = 0; i < 8; i++) {
		g[i] = (unsigned)a.p[2 * i] << 8 | a.p[2 * i + 1];
		run = g[i] == 0 ? run + 1 : 0;
		if (run > best_len) {
			best_len = run;
			best = i + 1 - run;
		}
	}
	if (best_len < 2)
		best_len = 0;
	for (i = 0; i < 8; i++) {
		if (best_len > 0 && i == best) {
			staple_buf_str(b, "::");
			i += best_len - 1;
			continue;
		}
		if (i > 0 && !(best_len > 0 && i == best + best_len))
			staple_buf_char(b, ':');
		staple_buf_printf(b, "%x", g[i]);
	}
}

/*
 * A dNSName (IA5String, bytes) that can neither add a line nor pass for
 * two names: printable ASCII except space, comma, parentheses and
 * backslash is copied, every other byte written as \xHH.
 */
static void dns_escaped(struct staple_buf *b, struct staple_slice s)
{
	size_t i;

	for (i = 0; i < s.n; i++) {
		uint8_t c = s.p[i];
		if (c > 0x20 && c < 0x7f && c != ',' && c != '(' && c != ')' &&
		    c != '\\')
			staple_buf_char(b, (char)c);
		else
			staple_buf_printf(b, "\\x%02x", (unsigned)c);
	}
}

static void san_line(struct staple_buf *b, const char *indent,
                     struct staple_slice value)
{
	struct san_iter it;
	struct staple_slice name;
	uint8_t tag;
	const char *sep = "";

	staple_buf_printf(b, "%ssubject alt names: ", indent);
	if (san_check(value) != 0) {
		staple_buf_str(b, "(malformed)\n");
		return;
	}
	(void)san_init(&it, value);
	while (san_next(&it, &tag, &name) == 1) {
		staple_buf_str(b, sep);
		if (tag == TAG_DNS_NAME)
			dns_escaped(b, name);
		else
			ip_format(b, name);
		sep = ", ";
	}
	if (sep[0] == '\0')
		staple_buf_str(b, "(none shown)"); /* other types only */
	staple_buf_char(b, '\n');
}

static void san_member(struct staple_json *j, struct staple_slice value)
{
	struct san_iter it;
	struct staple_slice name;
	uint8_t tag;

	staple_json_key(j, "subject_alt_names");
	if (san_check(value) != 0) {
		staple_json_null(j);
		return;
	}
	staple_json_array(j);
	(void)san_init(&it, value);
	while (san_next(&it, &tag, &name) == 1) {
		if (tag == TAG_DNS_NAME) {
			staple_json_strn(j, name.p, name.n);
		} else {
			struct staple_buf ip = {NULL, 0, 0};
			ip_format(&ip, name);
			staple_json_strn(j, (const uint8_t *)ip.p, ip.n);
			staple_buf_free(&ip);
		}
	}
	staple_json_end(j);
}

/* --- the responder ------------------------------------------------------------ */

/* see tool.h */
int staple_cert_nth(const struct staple_response *r, size_t index,
                    struct staple_cert *c)
{
	struct staple_slice der;
	int err = staple_cert_at(r, index, &der);

	memset(c, 0, sizeof *c);
	return err == STAPLE_OK ? staple_cert_decode(c, der.p, der.n) : err;
}

/* see tool.h */
int staple_cert_is_responder(const struct staple_response *r,
                             const struct staple_cert *c)
{
	const struct staple_crypto *crypto;
	uint8_t digest[STAPLE_HASH_MAX_SIZE];
	size_t n;

	switch (r->responder) {
	case STAPLE_RESPONDER_BY_NAME:
		/* RFC 6960 4.2.2.3: the Name, compared as encoded */
		return staple_slice_equal(c->subject, r->responder_id);
	case STAPLE_RESPONDER_BY_KEY:
		/* KeyHash: SHA-1 of subjectPublicKey's value (RFC 6960 4.1.1) */
		crypto = staple_crypto_find(NULL);
		if (crypto == NULL)
			return -1;
		n = crypto->hash(STAPLE_HASH_SHA1, c->key.bits.p, c->key.bits.n,
		                 digest);
		if (n == 0)
			return -1;
		return staple_slice_is(r->responder_id, digest, n);
	default:
		return -1;
	}
}

/* --- the formats --------------------------------------------------------------- */

static void name_or_hex(struct staple_buf *b, struct staple_slice name)
{
	/* a decoded certificate's Names are well-formed; "#hex" if not */
	staple_responder_name_format(b, name);
}

static const char *yes_no(int v)
{
	return v ? "yes" : "no";
}

/* see tool.h */
void staple_text_cert(struct staple_buf *b,
                      const struct staple_text_style *st, const char *indent,
                      const struct staple_cert *c, int responder)
{
	struct staple_slice san;

	staple_buf_printf(b, "%ssubject: ", indent);
	name_or_hex(b, c->subject);
	staple_buf_printf(b, "\n%sissuer: ", indent);
	name_or_hex(b, c->issuer);
	staple_buf_printf(b, "\n%sserial number: ", indent);
	staple_buf_hex(b, c->serial.p, c->serial.n);
	staple_buf_char(b, '\n');
	staple_text_time_line(b, st, indent, "not before", c->not_before, 0);
	staple_text_time_line(b, st, indent, "not after", c->not_after, 1);
	staple_buf_printf(b, "%skey: ", indent);
	staple_key_format(b, &c->key);
	staple_buf_printf(b, "\n%ssignature algorithm: ", indent);
	staple_sigalg_format(b, c->sig_oid);
	staple_buf_char(b, '\n');
	staple_buf_printf(b, "%sca: %s\n", indent,
	                  yes_no((c->flags & STAPLE_CERT_CA) != 0));
	staple_buf_printf(b, "%socsp signing: %s\n", indent,
	                  yes_no((c->flags & STAPLE_CERT_OCSP_SIGNING) != 0));
	staple_buf_printf(b, "%socsp nocheck: %s\n", indent,
	                  yes_no((c->flags & STAPLE_CERT_OCSP_NOCHECK) != 0));
	if (find_subject_alt_name(c, &san))
		san_line(b, indent, san);
	if (responder >= 0)
		staple_buf_printf(b, "%sresponder: %s\n", indent,
		                  yes_no(responder));
}

/* key: the string of staple_buf b, which is then freed. */
static void member_buf(struct staple_json *j, const char *key,
                       struct staple_buf *b)
{
	staple_json_key(j, key);
	staple_json_strn(j, (const uint8_t *)b->p, b->n);
	staple_buf_free(b);
}

static void member_bool(struct staple_json *j, const char *key, int v)
{
	staple_json_key(j, key);
	staple_json_bool(j, v);
}

/* see tool.h */
void staple_json_cert(struct staple_json *j, const struct staple_cert *c,
                      int responder)
{
	struct staple_buf s = {NULL, 0, 0};
	struct staple_slice san;

	staple_json_object(j);
	name_or_hex(&s, c->subject);
	member_buf(j, "subject", &s);
	name_or_hex(&s, c->issuer);
	member_buf(j, "issuer", &s);
	staple_json_key(j, "serial_number");
	staple_json_hex(j, c->serial);
	staple_json_key(j, "not_before");
	staple_json_int(j, c->not_before);
	staple_json_key(j, "not_after");
	staple_json_int(j, c->not_after);
	staple_key_format(&s, &c->key);
	member_buf(j, "key", &s);
	staple_sigalg_format(&s, c->sig_oid);
	member_buf(j, "signature_algorithm", &s);
	member_bool(j, "ca", (c->flags & STAPLE_CERT_CA) != 0);
	member_bool(j, "ocsp_signing",
	            (c->flags & STAPLE_CERT_OCSP_SIGNING) != 0);
	member_bool(j, "ocsp_nocheck",
	            (c->flags & STAPLE_CERT_OCSP_NOCHECK) != 0);
	if (find_subject_alt_name(c, &san))
		san_member(j, san);
	if (responder >= 0)
		member_bool(j, "responder", responder);
	staple_json_end(j);
}
