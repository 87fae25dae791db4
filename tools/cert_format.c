/*
 * cert_format.c -- TEMPORARY STUB of the certificate formatter declared
 * in tool.h, so that fetch builds and tests until the real one (branch
 * `cert`) lands on main.  Same labels and keys as that one; subject alt
 * names as dNSName only.  Reverted before the branch is merged.
 */
#include "tool.h"

#include "der.h"

/* see tool.h */
void staple_key_format(struct staple_buf *b, const struct staple_pubkey *k)
{
	switch (k->type) {
	case STAPLE_KEY_RSA:
		staple_buf_str(b, "rsa");
		break;
	case STAPLE_KEY_EC:
		staple_buf_str(b, "ec");
		break;
	default:
		staple_buf_str(b, "unknown");
		break;
	}
}

static const uint8_t oid_san[] = {0x55, 0x1d, 0x11};

/* The dNSNames of subjectAltName, each passed to fn. */
static int sans(const struct staple_cert *c,
                void (*fn)(void *ctx, struct staple_slice name), void *ctx)
{
	struct staple_ext_iter it;
	struct staple_ext e;
	struct staple_slice cur, list, name;
	uint8_t tag;

	staple_ext_iter_init(&it, c->extensions, STAPLE_EXT_IN_CERT);
	while (staple_ext_next(&it, &e) == STAPLE_OK) {
		if (!staple_slice_is(e.oid, oid_san, sizeof oid_san))
			continue;
		cur = e.value;
		if (staple_der_read(&cur, STAPLE_TAG_SEQUENCE, &list) !=
		    STAPLE_OK)
			return 0;
		while (list.n > 0 &&
		       staple_der_read_any(&list, &tag, &name, NULL) ==
		               STAPLE_OK)
			if (tag == STAPLE_TAG_CONTEXT(2))
				fn(ctx, name);
		return 1;
	}
	return 0;
}

struct san_text {
	struct staple_buf *b;
	const char *sep;
};

static void san_text(void *ctx, struct staple_slice name)
{
	struct san_text *t = ctx;

	staple_buf_str(t->b, t->sep);
	staple_buf_add(t->b, name.p, name.n);
	t->sep = ", ";
}

static void san_json(void *ctx, struct staple_slice name)
{
	staple_json_strn(ctx, name.p, name.n);
}

/* see tool.h */
void staple_text_cert(struct staple_buf *b,
                      const struct staple_text_style *st, const char *indent,
                      const struct staple_cert *c, int responder)
{
	struct staple_buf names = {NULL, 0, 0};
	struct san_text t = {&names, ""};

	staple_buf_printf(b, "%ssubject: ", indent);
	staple_responder_name_format(b, c->subject);
	staple_buf_printf(b, "\n%sissuer: ", indent);
	staple_responder_name_format(b, c->issuer);
	staple_buf_printf(b, "\n%sserial number: ", indent);
	staple_buf_hex(b, c->serial.p, c->serial.n);
	staple_buf_char(b, '\n');
	staple_text_time_line(b, st, indent, "not before", c->not_before, 0);
	staple_text_time_line(b, st, indent, "not after", c->not_after, 1);
	if (sans(c, san_text, &t)) {
		staple_buf_printf(b, "%ssubject alt names: ", indent);
		staple_buf_add(b, names.p, names.n);
		staple_buf_char(b, '\n');
	}
	staple_buf_free(&names);
	(void)responder;
}

/* see tool.h */
void staple_json_cert(struct staple_json *j, const struct staple_cert *c,
                      int responder)
{
	struct staple_buf s = {NULL, 0, 0};

	staple_json_object(j);
	staple_json_key(j, "subject");
	staple_responder_name_format(&s, c->subject);
	staple_json_strn(j, (const uint8_t *)s.p, s.n);
	s.n = 0;
	staple_json_key(j, "issuer");
	staple_responder_name_format(&s, c->issuer);
	staple_json_strn(j, (const uint8_t *)s.p, s.n);
	staple_buf_free(&s);
	staple_json_key(j, "serial_number");
	staple_json_hex(j, c->serial);
	staple_json_key(j, "not_before");
	staple_json_int(j, c->not_before);
	staple_json_key(j, "not_after");
	staple_json_int(j, c->not_after);
	staple_json_key(j, "subject_alt_names");
	staple_json_array(j);
	(void)sans(c, san_json, j);
	staple_json_end(j);
	staple_json_end(j);
	(void)responder;
}
