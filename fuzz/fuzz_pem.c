/*
 * fuzz_pem.c -- the tool's input reader: DER, PEM (RFC 7468) or bare
 * base64 (RFC 4648), through staple_input_parse().
 *
 * Input: any bytes, used twice.
 *  1. As a file.  Failure: a PEM or BASE64 problem whose offset lies in
 *     the file, no DER, and a valid JSON error object.  Success: the DER
 *     is the file itself when it does not look like text, else decoded
 *     text no longer than three quarters of the file; bare base64 is
 *     strict, so the file without white space is exactly the canonical
 *     base64 of the DER.  Reading twice gives the same result.
 *  2. As the payload of a text file written here: base64 in a PEM block
 *     with 64-character lines (or, by the first byte, other line lengths,
 *     CRLF, explanatory text, another block before it, another label, or
 *     bare base64).  Reading it back gives the payload, byte for byte.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "tool.h"

static const char b64_alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Canonical base64 of p[0..n), with padding, no white space. */
static void b64_encode(struct staple_buf *b, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i + 3 <= n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 |
		             p[i + 2];
		staple_buf_char(b, b64_alphabet[v >> 18]);
		staple_buf_char(b, b64_alphabet[v >> 12 & 63]);
		staple_buf_char(b, b64_alphabet[v >> 6 & 63]);
		staple_buf_char(b, b64_alphabet[v & 63]);
	}
	if (n - i == 1) {
		uint32_t v = (uint32_t)p[i] << 16;
		staple_buf_char(b, b64_alphabet[v >> 18]);
		staple_buf_char(b, b64_alphabet[v >> 12 & 63]);
		staple_buf_str(b, "==");
	} else if (n - i == 2) {
		uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8;
		staple_buf_char(b, b64_alphabet[v >> 18]);
		staple_buf_char(b, b64_alphabet[v >> 12 & 63]);
		staple_buf_char(b, b64_alphabet[v >> 6 & 63]);
		staple_buf_char(b, '=');
	}
}

static int is_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

/* tool.h: text unless it starts with 0x30 or a byte that is neither
 * printable ASCII nor white space. */
static int looks_like_text(const uint8_t *p, size_t n)
{
	return n > 0 && p[0] != 0x30 &&
	       (is_space(p[0]) || (p[0] >= 0x20 && p[0] <= 0x7e));
}

/* A line starting with "-----" makes the text PEM. */
static int has_boundary(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((i == 0 || p[i - 1] == '\n') && n - i >= 5 &&
		    memcmp(p + i, "-----", 5) == 0)
			return 1;
	return 0;
}

static int slice_in(struct staple_slice s, const uint8_t *p, size_t n)
{
	struct staple_slice outer;

	outer.p = p;
	outer.n = n;
	return fuzz_slice_within(s, outer);
}

static void check_problem(const struct staple_problem *pb, size_t size)
{
	struct staple_buf b = {NULL, 0, 0};

	FUZZ_REQUIRE(pb->status == STAPLE_EXIT_MALFORMED);
	FUZZ_REQUIRE(pb->code != NULL && (strcmp(pb->code, "PEM") == 0 ||
	                                  strcmp(pb->code, "BASE64") == 0));
	FUZZ_REQUIRE(pb->has_offset == 1 && pb->offset < size);
	FUZZ_REQUIRE(memchr(pb->message, '\0', sizeof pb->message) != NULL);
	FUZZ_REQUIRE(pb->message[0] != '\0');
	fuzz_text_valid(pb->message, strlen(pb->message), 0);
	staple_json_problem(&b, "fuzz.pem", pb);
	fuzz_json_valid(b.p, b.n);
	staple_buf_free(&b);
}

/* Bare base64 read strictly: the file without white space is exactly the
 * canonical encoding of what it decoded to. */
static void check_bare_base64(const uint8_t *data, size_t size,
                              struct staple_slice der)
{
	struct staple_buf canon = {NULL, 0, 0};
	size_t i, k = 0;

	b64_encode(&canon, der.p, der.n);
	for (i = 0; i < size; i++) {
		if (is_space(data[i]))
			continue;
		if (k >= canon.n || (uint8_t)canon.p[k] != data[i])
			fuzz_fail("bare base64 is not the canonical encoding "
			          "of its %zu decoded bytes (offset %zu)",
			          der.n, i);
		k++;
	}
	FUZZ_REQUIRE(k == canon.n);
	staple_buf_free(&canon);
}

static void fuzz_file(const uint8_t *data, size_t size)
{
	struct staple_input in, again;
	struct staple_problem pb, pb_again;
	int rc = staple_input_parse(&in, data, size, &pb);
	int rc_again = staple_input_parse(&again, data, size, &pb_again);

	FUZZ_REQUIRE(rc == rc_again);
	if (rc != 0) {
		check_problem(&pb, size);
		FUZZ_REQUIRE(pb.offset == pb_again.offset &&
		             strcmp(pb.code, pb_again.code) == 0 &&
		             strcmp(pb.message, pb_again.message) == 0);
		FUZZ_REQUIRE(in.der.p == NULL && in.der.n == 0);
		goto done;
	}
	FUZZ_REQUIRE(in.file_len == size);
	FUZZ_REQUIRE(size == 0 || memcmp(in.file, data, size) == 0);
	FUZZ_REQUIRE(in.der.n <= size);
	FUZZ_REQUIRE(in.der.n == again.der.n &&
	             (in.der.n == 0 ||
	              memcmp(in.der.p, again.der.p, in.der.n) == 0));
	if (!looks_like_text(data, size)) {
		FUZZ_REQUIRE(in.der.p == in.file && in.der.n == size);
		goto done;
	}
	/* base64: 4 characters for every 3 bytes or fewer (padding) */
	FUZZ_REQUIRE(in.decoded != NULL && in.der.p == in.decoded);
	FUZZ_REQUIRE((in.der.n + 2) / 3 * 4 <= size);
	FUZZ_REQUIRE(slice_in(in.der, in.decoded, in.der.n));
	if (!has_boundary(data, size))
		check_bare_base64(data, size, in.der);
done:
	staple_input_free(&in);
	staple_input_free(&again);
	FUZZ_REQUIRE(in.file == NULL && in.decoded == NULL);
}

static const size_t widths[8] = {64, 64, 76, 4, 1, 63, 65, 1000};

/* The payload written as text in one of the shapes the reader takes. */
static void fuzz_round_trip(const uint8_t *data, size_t size)
{
	struct staple_buf text = {NULL, 0, 0}, b64 = {NULL, 0, 0};
	struct staple_input in;
	struct staple_problem pb;
	uint8_t shape = size > 0 ? data[0] : 0;
	const char *eol = (shape & 1u) != 0 ? "\r\n" : "\n";
	const char *label = (shape & 0x40u) != 0 && (shape & 0x80u) == 0
	                            ? "X509 CRL"
	                            : "OCSP RESPONSE";
	size_t width = widths[shape >> 3 & 7u], i;
	int bare = (shape & 4u) != 0;
	int rc;

	b64_encode(&b64, data, size);
	if (bare) {
		/* a first '0' would be read as DER (0x30): start on a line
		 * break, as white space is allowed anywhere */
		if (b64.n > 0 && b64.p[0] == '0')
			staple_buf_str(&text, eol);
	} else {
		if ((shape & 2u) != 0) {
			staple_buf_str(&text, "Explanatory text, ignored.");
			staple_buf_str(&text, eol);
		}
		if ((shape & 0x80u) != 0) {
			staple_buf_str(&text, "-----BEGIN CERTIFICATE-----");
			staple_buf_str(&text, eol);
			staple_buf_str(&text, "MAA=");
			staple_buf_str(&text, eol);
			staple_buf_str(&text, "-----END CERTIFICATE-----");
			staple_buf_str(&text, eol);
		}
		staple_buf_printf(&text, "-----BEGIN %s-----%s", label, eol);
	}
	for (i = 0; i < b64.n; i += width) {
		size_t n = b64.n - i < width ? b64.n - i : width;
		staple_buf_add(&text, b64.p + i, n);
		staple_buf_str(&text, eol);
	}
	if (!bare) {
		staple_buf_printf(&text, "-----END %s-----%s", label, eol);
		if ((shape & 2u) != 0)
			staple_buf_str(&text, "Trailing text.");
	}

	rc = staple_input_parse(&in, (const uint8_t *)text.p, text.n, &pb);
	if (rc != 0)
		fuzz_fail("round trip of %zu bytes (shape 0x%02x): %s %s at %zu",
		          size, shape, pb.code, pb.message, pb.offset);
	if (in.der.n != size || (size > 0 && memcmp(in.der.p, data, size) != 0))
		fuzz_fail("round trip of %zu bytes (shape 0x%02x) gave %zu "
		          "other bytes",
		          size, shape, in.der.n);
	staple_input_free(&in);
	staple_buf_free(&text);
	staple_buf_free(&b64);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_file(data, size);
	fuzz_round_trip(data, size);
	return 0;
}
