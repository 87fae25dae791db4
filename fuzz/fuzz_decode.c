/*
 * fuzz_decode.c -- staple_decode() and the tool's renderings of its result.
 *
 * Input: the bytes of an OCSPResponse.  Checks:
 *   - failure: the error offset is inside the input (0 for an empty one),
 *     the struct is reset, the tool's JSON error object is valid JSON,
 *     and its hint of what the input is instead is one line of text;
 *   - success: fuzz_check_response() (every slice inside the input and in
 *     ASN.1 order, counts, leniency bits, every entry and its k6 view);
 *     a second decode gives the same struct field by field; one byte
 *     appended is STAPLE_ERR_TRAILING_DATA at that byte; the input minus
 *     its last byte fails (DER lengths are definite, so no strict prefix
 *     of a response is one);
 *   - the JSON line (staple_json_response) is strict RFC 8259, one line,
 *     and says the right response_status (when successful, "certs" is
 *     followed by the "certificates" array, one element per cert, and
 *     the line ends with the response's "extensions"); the text block
 *     is UTF-8 without control characters other than newlines, with one
 *     "certificate N:" line per cert.
 */
#include <stdlib.h>
#include <string.h>

#include "check_response.h"
#include "harness.h"
#include "tool.h"

/* A file name with every kind of byte the JSON writer must escape. */
static const char json_file[] = "fuzz \"in\"\\put\x01\x1f\xff\xc3\xa9.der";

/*
 * p is the "[" of an array in JSON already found valid: the "]" that
 * closes it, and in *count its elements.
 */
static const char *array_end(const char *p, size_t *count)
{
	int depth = 0, in_string = 0;

	*count = p[1] == ']' ? 0 : 1; /* the writer puts no space in "[]" */
	for (;; p++) {
		if (in_string) {
			if (*p == '\\')
				p++;
			else if (*p == '"')
				in_string = 0;
			continue;
		}
		if (*p == '"')
			in_string = 1;
		else if (*p == '[' || *p == '{')
			depth++;
		else if ((*p == ']' || *p == '}') && --depth == 0)
			return p;
		else if (*p == ',' && depth == 1)
			++*count;
	}
}

static void check_json_response(const struct staple_response *r)
{
	struct staple_buf b = {NULL, 0, 0}, want = {NULL, 0, 0};
	size_t i, lines = 0;

	FUZZ_REQUIRE(staple_json_response(&b, json_file, r, NULL) == STAPLE_OK);
	fuzz_json_valid(b.p, b.n);
	for (i = 0; i < b.n; i++)
		if (b.p[i] == '\n')
			lines++;
	FUZZ_REQUIRE(lines == 1 && b.p[b.n - 1] == '\n');
	staple_buf_printf(&want, "\"response_status\": \"%s\"",
	                  staple_response_status_name((int)r->status));
	staple_buf_char(&want, '\0');
	staple_buf_char(&b, '\0');
	FUZZ_REQUIRE(strstr(b.p, want.p) != NULL);
	if (r->status == STAPLE_RESPONSE_SUCCESSFUL) {
		const char *certs, *exts, *next, *end;
		size_t count;
		want.n = 0;
		/* the certificates follow certs, then come the response's
		 * extensions */
		staple_buf_printf(&want, "\"certs\": %zu, \"certificates\": [",
		                  r->n_certs);
		staple_buf_char(&want, '\0');
		certs = strstr(b.p, want.p);
		FUZZ_REQUIRE(certs != NULL);
		/* the last "extensions" is the response's: no verify object */
		exts = NULL;
		for (next = certs; (next = strstr(next, "\"extensions\": [")) !=
		                   NULL;
		     next++)
			exts = next;
		FUZZ_REQUIRE(exts != NULL);
		/* one element per cert, and the array is what precedes them */
		end = array_end(certs + strlen(want.p) - 1, &count);
		FUZZ_REQUIRE(count == r->n_certs);
		FUZZ_REQUIRE(end + 3 == exts && memcmp(end, "], ", 3) == 0);
		/* ... and the counts the text also gives end the line */
		want.n = 0;
		staple_buf_printf(&want, "\"unknown_critical_extensions\": "
		                         "%zu}\n", r->unknown_critical);
		FUZZ_REQUIRE(b.n - 1 >= want.n && /* b ends in '\0' now */
		             memcmp(b.p + b.n - 1 - want.n, want.p, want.n) == 0);
	}
	staple_buf_free(&want);
	staple_buf_free(&b);
}

static void check_text_response(const struct staple_response *r)
{
	struct staple_buf b = {NULL, 0, 0};
	/* an instant within the times fuzzed responses carry, and --ms */
	const struct staple_text_style style = {INT64_C(1735732800000), 1};
	size_t i, blocks = 0;

	FUZZ_REQUIRE(staple_text_response(&b, &style, "fuzz.der", r, NULL) ==
	             STAPLE_OK);
	FUZZ_REQUIRE(b.n > 0 && b.p[b.n - 1] == '\n');
	fuzz_text_valid(b.p, b.n, 1);
	/* a block per cert, whether it decodes or not */
	for (i = 0; i < b.n; i = (size_t)((char *)memchr(b.p + i, '\n',
	                                                 b.n - i) - b.p) + 1)
		if (b.n - i > 12 && memcmp(b.p + i, "certificate ", 12) == 0)
			blocks++;
	FUZZ_REQUIRE(blocks == (r->status == STAPLE_RESPONSE_SUCCESSFUL
	                                ? r->n_certs : 0));
	staple_buf_free(&b);
}

/* The object `staple decode --json` prints for an input that failed. */
static void check_json_problem(int err, size_t offset)
{
	struct staple_problem pb;
	struct staple_buf b = {NULL, 0, 0};

	memset(&pb, 0, sizeof pb);
	pb.status = STAPLE_EXIT_MALFORMED;
	pb.code = staple_errname(err);
	(void)snprintf(pb.message, sizeof pb.message, "%s",
	               staple_strerror(err));
	pb.offset = offset;
	pb.has_offset = 1;
	FUZZ_REQUIRE(pb.code[0] != '\0' && pb.message[0] != '\0');
	staple_json_problem(&b, json_file, &pb);
	fuzz_json_valid(b.p, b.n);
	staple_buf_free(&b);
}

/* staple_decode() as fuzz_check_ends() calls it. */
static int decode(const uint8_t *p, size_t n, size_t *offset)
{
	struct staple_response r;
	int err = staple_decode(&r, p, n);

	*offset = staple_error_offset(&r);
	if (err != STAPLE_OK)
		fuzz_check_reset(&r);
	return err;
}

/*
 * The tool's hint for an input that failed (is it a certificate, a CRL,
 * an OCSP request, hex text?): one line of text, whatever the bytes.
 */
static void check_hint(int err, size_t offset, const uint8_t *data,
                       size_t size)
{
	struct staple_input in;
	struct staple_problem pb;
	size_t n;

	memset(&in, 0, sizeof in);
	memset(&pb, 0, sizeof pb);
	in.file = malloc(size > 0 ? size : 1);
	FUZZ_REQUIRE(in.file != NULL);
	if (size > 0)
		memcpy(in.file, data, size);
	in.file_len = size;
	in.der.p = in.file;
	in.der.n = size;
	pb.status = STAPLE_EXIT_MALFORMED;
	pb.code = staple_errname(err);
	pb.offset = offset;
	pb.has_offset = 1;
	staple_input_hint(&in, &pb);
	FUZZ_REQUIRE(memchr(pb.hint, '\0', sizeof pb.hint) != NULL);
	n = strlen(pb.hint);
	fuzz_text_valid(pb.hint, n, 0);
	FUZZ_REQUIRE(strcmp(pb.code, staple_errname(err)) == 0 &&
	             pb.offset == offset);
	free(in.file);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct staple_response r, again;
	int err;

	memset(&r, 0x5a, sizeof r);
	err = staple_decode(&r, data, size);
	if (err != STAPLE_OK) {
		size_t offset = staple_error_offset(&r);
		FUZZ_REQUIRE(err > STAPLE_OK && err < STAPLE_ERR_COUNT_);
		FUZZ_REQUIRE(err != STAPLE_ERR_ARGUMENT &&
		             err != STAPLE_ERR_RANGE);
		FUZZ_REQUIRE(size == 0 ? offset == 0 : offset < size);
		fuzz_check_reset(&r);
		check_json_problem(err, offset);
		check_hint(err, offset, data, size);
		return 0;
	}
	fuzz_check_response(&r, data, size);

	memset(&again, 0xa5, sizeof again);
	FUZZ_REQUIRE(staple_decode(&again, data, size) == STAPLE_OK);
	FUZZ_REQUIRE(fuzz_response_equal(&r, &again));

	fuzz_check_ends(data, size, decode);

	check_json_response(&r);
	check_text_response(&r);
	return 0;
}
