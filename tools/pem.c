/*
 * pem.c -- read one input of `staple decode` or one certificate given to
 * --issuer or --cert: DER, PEM or bare base64; and find a certificate by
 * subject in a PEM bundle (the issuer among fetch's trust anchors).
 *
 * DER is used as read.  Text is either PEM (RFC 7468: explanatory text
 * around "-----BEGIN LABEL-----" ... "-----END LABEL-----" blocks) or bare
 * base64 with white space, as CFSSL writes it.  Base64 is read strictly
 * (RFC 4648): only the alphabet and white space, padding only at the end
 * and only to complete the last group, zero padding bits.  Every problem
 * is reported with the offset of the byte in the file where it is.
 */
#include "tool.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PEM_OCSP_LABEL "OCSP RESPONSE"
#define PEM_CERT_LABEL "CERTIFICATE"

static int problem(struct staple_problem *pb, int status, const char *code,
                   const char *message, size_t offset, int has_offset)
{
	pb->status = status;
	pb->code = code;
	(void)snprintf(pb->message, sizeof pb->message, "%s", message);
	pb->offset = offset;
	pb->has_offset = has_offset;
	return status;
}

static int io_problem(struct staple_problem *pb, int err)
{
	return problem(pb, STAPLE_EXIT_USAGE, "IO", strerror(err), 0, 0);
}

static int pem_problem(struct staple_problem *pb, const char *message,
                       size_t offset)
{
	return problem(pb, STAPLE_EXIT_MALFORMED, "PEM", message, offset, 1);
}

static int base64_problem(struct staple_problem *pb, const char *message,
                          size_t offset)
{
	return problem(pb, STAPLE_EXIT_MALFORMED, "BASE64", message, offset,
	               1);
}

/* --- reading -------------------------------------------------------------- */

/* read_bounded()'s answer for an input longer than its cap. */
#define READ_TOO_LARGE (-1)

/*
 * Read f into *data (owned by the caller), at most max bytes: the buffer
 * grows by doubling from `start`, never past max + 1 bytes, and reading
 * stops at the first byte past max.  `start` is a guess (a regular file's
 * size), never trusted further.  Returns 0, errno, or READ_TOO_LARGE.
 */
static int read_bounded(FILE *f, size_t max, size_t start, uint8_t **data,
                        size_t *len)
{
	size_t cap = 0, n = 0;
	uint8_t *p = NULL;

	*data = NULL;
	*len = 0;
	for (;;) {
		size_t got;
		if (n == cap) {
			size_t grown_cap = cap > 0 ? cap * 2 : start;
			uint8_t *grown;
			/* max + 1: room for the byte that proves it too long */
			if (grown_cap > max || grown_cap <= cap)
				grown_cap = max + 1;
			grown = realloc(p, grown_cap);
			if (grown == NULL) {
				free(p);
				return ENOMEM;
			}
			p = grown;
			cap = grown_cap;
		}
		got = fread(p + n, 1, cap - n, f);
		n += got;
		if (n > max) {
			free(p);
			return READ_TOO_LARGE;
		}
		if (got == 0 || n < cap) {
			if (ferror(f)) {
				int err = errno != 0 ? errno : EIO;
				free(p);
				return err;
			}
			if (feof(f))
				break;
		}
	}
	*data = p;
	*len = n;
	return 0;
}

/* --- base64 --------------------------------------------------------------- */

static int is_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

/* The 6-bit value of a base64 character (RFC 4648 table 1), or -1. */
static int b64_value(uint8_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/*
 * Decode the base64 in file[start..end) into out (room for 3 bytes per 4
 * characters), setting *out_len.  Returns 0 or the status of *pb.
 */
static int base64_decode(const uint8_t *file, size_t start, size_t end,
                         uint8_t *out, size_t *out_len,
                         struct staple_problem *pb)
{
	uint32_t group = 0;
	size_t i, in_group = 0, group_start = start, pad = 0, pad_at = 0;
	size_t n = 0, last_at = start;

	*out_len = 0;
	for (i = start; i < end; i++) {
		uint8_t c = file[i];
		int v;

		if (is_space(c))
			continue;
		if (c == '=') {
			/* RFC 4648 3.2: "=" only completes a group of 2 or 3 */
			if (in_group < 2 || in_group + pad >= 4)
				return base64_problem(
					pb, "misplaced base64 padding", i);
			if (pad == 0)
				pad_at = i;
			pad++;
			continue;
		}
		v = b64_value(c);
		if (v < 0)
			return base64_problem(pb, "invalid base64 character",
			                      i);
		if (pad > 0)
			return base64_problem(pb, "data after base64 padding",
			                      i);
		if (in_group == 0)
			group_start = i;
		group = group << 6 | (uint32_t)v;
		last_at = i;
		if (++in_group == 4) {
			out[n++] = (uint8_t)(group >> 16);
			out[n++] = (uint8_t)(group >> 8);
			out[n++] = (uint8_t)group;
			group = 0;
			in_group = 0;
		}
	}
	if (pad > 0 && in_group + pad != 4)
		return base64_problem(pb, "incomplete base64 padding", pad_at);
	if (pad == 0 && in_group != 0)
		return base64_problem(pb,
		                      "base64 ends in the middle of a group",
		                      group_start);
	/* RFC 4648 3.5: the pad bits must be zero (canonical) */
	if ((in_group == 2 && (group & 0xfu) != 0) ||
	    (in_group == 3 && (group & 0x3u) != 0))
		return base64_problem(pb, "non-zero base64 padding bits",
		                      last_at);
	if (in_group == 2) {
		out[n++] = (uint8_t)(group >> 4);
	} else if (in_group == 3) {
		out[n++] = (uint8_t)(group >> 10);
		out[n++] = (uint8_t)(group >> 2);
	}
	*out_len = n;
	return 0;
}

/* --- PEM ------------------------------------------------------------------ */

/* One encapsulation boundary line: "-----BEGIN LABEL-----". */
struct pem_line {
	size_t at;         /* offset of the line */
	size_t next;       /* offset of the following line */
	size_t label;      /* offset of the label */
	size_t label_len;
};

static size_t line_end(const uint8_t *p, size_t n, size_t at)
{
	while (at < n && p[at] != '\n')
		at++;
	return at;
}

static int starts_with(const uint8_t *p, size_t n, size_t at, const char *s)
{
	size_t len = strlen(s);
	return n - at >= len && memcmp(p + at, s, len) == 0;
}

/*
 * Parse the line at `at` as "-----" KIND " " LABEL "-----" with only
 * white space after it (RFC 7468 section 3).  Returns 1 and fills *line,
 * 0 when the line is not of that form.
 */
static int boundary_parse(const uint8_t *p, size_t n, size_t at,
                          const char *kind, struct pem_line *line)
{
	size_t end = line_end(p, n, at), trim = end, i;
	size_t head = 5 + strlen(kind) + 1;

	memset(line, 0, sizeof *line);
	while (trim > at && is_space(p[trim - 1]))
		trim--;
	if (trim - at < head + 5 || memcmp(p + at, "-----", 5) != 0 ||
	    memcmp(p + at + 5, kind, strlen(kind)) != 0 ||
	    p[at + head - 1] != ' ' || memcmp(p + trim - 5, "-----", 5) != 0)
		return 0;
	for (i = at + head; i < trim - 5; i++)
		if (p[i] < 0x20 || p[i] > 0x7e)
			return 0;
	line->at = at;
	line->next = end < n ? end + 1 : end;
	line->label = at + head;
	line->label_len = trim - 5 - (at + head);
	return 1;
}

/* One block: its BEGIN line and where its END line starts. */
struct pem_block {
	struct pem_line begin;
	size_t end_at;
};

/* What the scan of a PEM file found. */
struct pem_scan {
	size_t blocks;
	struct pem_block first;       /* the first block of any label */
	size_t wanted_blocks;
	struct pem_block wanted;      /* the first block of the label sought */
	size_t second_wanted_at;      /* BEGIN of the second one, if any */
};

static int label_is(const uint8_t *p, const struct pem_line *l,
                    const char *label)
{
	return l->label_len == strlen(label) &&
	       memcmp(p + l->label, label, l->label_len) == 0;
}

/* Find the END line of the block that begins with *begin. */
static int block_close(const uint8_t *p, size_t n, struct pem_block *blk,
                       size_t *at, struct staple_problem *pb)
{
	while (*at < n) {
		struct pem_line end;
		size_t line = *at;

		*at = line_end(p, n, line);
		*at = *at < n ? *at + 1 : *at;
		if (!starts_with(p, n, line, "-----"))
			continue;
		if (boundary_parse(p, n, line, "BEGIN", &end))
			return pem_problem(pb, "BEGIN line inside a PEM block",
			                   line);
		if (!boundary_parse(p, n, line, "END", &end))
			return pem_problem(pb, "malformed PEM boundary line",
			                   line);
		if (end.label_len != blk->begin.label_len ||
		    memcmp(p + end.label, p + blk->begin.label,
		           end.label_len) != 0)
			return pem_problem(pb,
			                   "PEM END label differs from BEGIN",
			                   line);
		blk->end_at = line;
		return 0;
	}
	return pem_problem(pb, "PEM block without END line",
	                   blk->begin.at);
}

/* Walk every line: text outside blocks is allowed (RFC 7468 5.2). */
static int pem_scan(const uint8_t *p, size_t n, const char *label,
                    struct pem_scan *scan, struct staple_problem *pb)
{
	size_t at = 0;

	memset(scan, 0, sizeof *scan);
	while (at < n) {
		struct pem_block blk;
		size_t line = at;
		int rc;

		at = line_end(p, n, line);
		at = at < n ? at + 1 : at;
		if (!starts_with(p, n, line, "-----"))
			continue;
		memset(&blk, 0, sizeof blk);
		if (boundary_parse(p, n, line, "END", &blk.begin))
			return pem_problem(pb, "PEM END line without BEGIN",
			                   line);
		if (!boundary_parse(p, n, line, "BEGIN", &blk.begin))
			return pem_problem(pb, "malformed PEM boundary line",
			                   line);
		rc = block_close(p, n, &blk, &at, pb);
		if (rc != 0)
			return rc;
		if (scan->blocks++ == 0)
			scan->first = blk;
		if (label_is(p, &blk.begin, label)) {
			if (scan->wanted_blocks++ == 0)
				scan->wanted = blk;
			else if (scan->wanted_blocks == 2)
				scan->second_wanted_at = blk.begin.at;
		}
	}
	return 0;
}

/*
 * The block to decode: the one OCSP RESPONSE block (for a certificate, the
 * first CERTIFICATE block: a chain file starts with the one meant), or the
 * only block whatever its label.
 */
static int pem_pick(const uint8_t *p, size_t n, struct staple_input *in,
                    struct pem_block *blk, struct staple_problem *pb)
{
	int cert = in->cert;
	struct pem_scan scan;
	int rc;

	memset(blk, 0, sizeof *blk);
	rc = pem_scan(p, n, cert ? PEM_CERT_LABEL : PEM_OCSP_LABEL, &scan, pb);
	if (rc != 0)
		return rc;
	/* for staple_input_hint(): what the file holds, if not this */
	in->blocks = scan.blocks;
	if (scan.blocks > 0) {
		in->label.p = p + scan.first.begin.label;
		in->label.n = scan.first.begin.label_len;
	}
	if (scan.wanted_blocks > 1 && !cert)
		return pem_problem(pb, "more than one OCSP RESPONSE block",
		                   scan.second_wanted_at);
	if (scan.wanted_blocks >= 1) {
		*blk = scan.wanted;
		in->label.p = p + blk->begin.label;
		in->label.n = blk->begin.label_len;
		return 0;
	}
	if (scan.blocks == 1) {
		*blk = scan.first;
		return 0;
	}
	if (scan.blocks == 0)
		return pem_problem(pb, "no PEM block", 0);
	return pem_problem(pb, cert ? "several PEM blocks, none CERTIFICATE"
	                            : "several PEM blocks, none OCSP RESPONSE",
	                   scan.first.begin.at);
}

/* --- the input ------------------------------------------------------------ */

/* RFC 7468 text, or the DER the decoder should judge. */
static int looks_like_text(const uint8_t *p, size_t n)
{
	return n > 0 && p[0] != 0x30 &&
	       (is_space(p[0]) || (p[0] >= 0x20 && p[0] <= 0x7e));
}

static int has_boundary(const uint8_t *p, size_t n)
{
	size_t at = 0;

	while (at < n) {
		if (starts_with(p, n, at, "-----"))
			return 1;
		at = line_end(p, n, at);
		at = at < n ? at + 1 : at;
	}
	return 0;
}

static int text_decode(struct staple_input *in, struct staple_problem *pb)
{
	size_t start = 0, end = in->file_len, len;
	int rc;

	if (has_boundary(in->file, in->file_len)) {
		struct pem_block blk;
		rc = pem_pick(in->file, in->file_len, in, &blk, pb);
		if (rc != 0)
			return rc;
		start = blk.begin.next;
		end = blk.end_at;
	}
	in->decoded = malloc((end - start) / 4 * 3 + 3);
	if (in->decoded == NULL)
		return io_problem(pb, ENOMEM);
	rc = base64_decode(in->file, start, end, in->decoded, &len, pb);
	if (rc != 0)
		return rc;
	in->der.p = in->decoded;
	in->der.n = len;
	return 0;
}

/* How much to allocate before the first read of f (see read_bounded). */
static size_t first_size(FILE *f, size_t max)
{
	struct stat st;
	size_t start = 65536;

	/* a regular file's size, plus one to see its end without growing */
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0 && (uintmax_t)st.st_size < (uintmax_t)max)
		start = (size_t)st.st_size + 1;
	return start <= max ? start : max + 1;
}

static int read_problem(struct staple_problem *pb, int err, size_t max,
                        const char *raise)
{
	char message[sizeof pb->message];

	if (err != READ_TOO_LARGE)
		return io_problem(pb, err);
	(void)snprintf(message, sizeof message,
	               "larger than %zu bytes, the cap on one input%s",
	               max, raise);
	/* the offset (JSON) is where reading stopped; text needs none */
	return problem(pb, STAPLE_EXIT_MALFORMED, "TOO_LARGE", message, max,
	               0);
}

/*
 * Read path into in->file, at most max bytes; raise says how to allow
 * more.
 */
static int file_read(struct staple_input *in, const char *path, size_t max,
                     const char *raise, struct staple_problem *pb)
{
	FILE *f;
	int err;

	if (strcmp(path, "-") == 0) {
		in->from_stdin = 1;
		err = read_bounded(stdin, max, first_size(stdin, max),
		                   &in->file, &in->file_len);
		clearerr(stdin);
		return err != 0 ? read_problem(pb, err, max, raise) : 0;
	}
	errno = 0;
	f = fopen(path, "rb");
	if (f == NULL)
		return io_problem(pb, errno != 0 ? errno : EIO);
	err = read_bounded(f, max, first_size(f, max), &in->file,
	                   &in->file_len);
	if (fclose(f) != 0 && err == 0)
		err = errno != 0 ? errno : EIO;
	return err != 0 ? read_problem(pb, err, max, raise) : 0;
}

/* Find the DER in in->file, read whole. */
static int input_find_der(struct staple_input *in, struct staple_problem *pb)
{
	if (!looks_like_text(in->file, in->file_len)) {
		in->der.p = in->file;
		in->der.n = in->file_len;
		return 0;
	}
	return text_decode(in, pb);
}

static int load(struct staple_input *in, const char *path, int cert,
                size_t max, struct staple_problem *pb)
{
	int rc;

	memset(in, 0, sizeof *in);
	memset(pb, 0, sizeof *pb);
	pb->code = "";
	in->cert = cert;
	if (max == 0)
		max = STAPLE_INPUT_MAX_DEFAULT;
	rc = file_read(in, path, max, " (--max-size BYTES raises it)", pb);
	if (rc != 0)
		return rc;
	rc = input_find_der(in, pb);
	if (rc != 0 && !cert)
		staple_input_hint(in, pb);
	return rc;
}

/* see tool.h */
int staple_input_load_max(struct staple_input *in, const char *path,
                          size_t max, struct staple_problem *pb)
{
	return load(in, path, 0, max, pb);
}

int staple_input_load(struct staple_input *in, const char *path,
                      struct staple_problem *pb)
{
	return load(in, path, 0, 0, pb);
}

/* see tool.h */
int staple_input_load_cert_max(struct staple_input *in, const char *path,
                               size_t max, struct staple_problem *pb)
{
	return load(in, path, 1, max, pb);
}

int staple_input_load_cert(struct staple_input *in, const char *path,
                           struct staple_problem *pb)
{
	return load(in, path, 1, 0, pb);
}

/* see tool.h */
int staple_input_parse(struct staple_input *in, const uint8_t *data,
                       size_t len, struct staple_problem *pb)
{
	int rc;

	memset(in, 0, sizeof *in);
	memset(pb, 0, sizeof *pb);
	pb->code = "";
	/* an exact-size copy, so that a sanitizer sees a read past it */
	in->file = malloc(len > 0 ? len : 1);
	if (in->file == NULL)
		return io_problem(pb, ENOMEM);
	if (len > 0)
		memcpy(in->file, data, len);
	in->file_len = len;
	rc = input_find_der(in, pb);
	if (rc != 0)
		staple_input_hint(in, pb);
	return rc;
}

void staple_input_free(struct staple_input *in)
{
	free(in->file);
	free(in->decoded);
	memset(in, 0, sizeof *in);
}

/* see tool.h */
int staple_input_find_cert(struct staple_input *in, const char *path,
                           struct staple_slice subject,
                           struct staple_problem *pb)
{
	size_t at = 0;
	int rc;

	memset(in, 0, sizeof *in);
	memset(pb, 0, sizeof *pb);
	pb->code = "";
	in->cert = 1;
	rc = file_read(in, path, STAPLE_INPUT_MAX_BUNDLE, "", pb);
	if (rc != 0)
		return rc;
	in->decoded = malloc(in->file_len / 4 * 3 + 3);
	if (in->decoded == NULL)
		return io_problem(pb, ENOMEM);
	while (at < in->file_len) {
		const uint8_t *p = in->file;
		size_t n = in->file_len, line = at, len;
		struct pem_block blk;
		struct staple_cert cert;

		at = line_end(p, n, line);
		at = at < n ? at + 1 : at;
		memset(&blk, 0, sizeof blk);
		/* a bundle's other blocks and text do not matter here */
		if (!starts_with(p, n, line, "-----") ||
		    !boundary_parse(p, n, line, "BEGIN", &blk.begin))
			continue;
		if (block_close(p, n, &blk, &at, pb) != 0)
			break;
		if (!label_is(p, &blk.begin, PEM_CERT_LABEL) ||
		    base64_decode(p, blk.begin.next, blk.end_at, in->decoded,
		                  &len, pb) != 0 ||
		    staple_cert_decode(&cert, in->decoded, len) != STAPLE_OK)
			continue;
		if (cert.subject.n == subject.n &&
		    memcmp(cert.subject.p, subject.p, subject.n) == 0) {
			in->der.p = in->decoded;
			in->der.n = len;
			memset(pb, 0, sizeof *pb);
			return 0;
		}
	}
	return problem(pb, STAPLE_EXIT_USAGE, "ISSUER",
	               "no certificate with that subject", 0, 0);
}

/* --- what an input is instead --------------------------------------------- */

/*
 * A hint only has to recognise a shape, not judge it: these readers take
 * any tag and any length form, and check only that an element fits.
 */
struct tlv_cursor {
	const uint8_t *p;
	size_t n;
};

/* The next element: its tag and contents.  0, or -1 when it does not fit. */
static int tlv_next(struct tlv_cursor *c, uint8_t *tag,
                    struct tlv_cursor *contents)
{
	size_t len, head = 2, i;

	if (c->n < 2)
		return -1;
	len = c->p[1];
	if (len & 0x80) {
		size_t octets = len & 0x7f;
		if (octets == 0 || octets > 4 || c->n < 2 + octets)
			return -1;
		len = 0;
		for (i = 0; i < octets; i++)
			len = len << 8 | c->p[2 + i];
		head += octets;
	}
	if (len > c->n - head)
		return -1;
	*tag = c->p[0];
	contents->p = c->p + head;
	contents->n = len;
	c->p += head + len;
	c->n -= head + len;
	return 0;
}

/*
 * The tags of the first elements of c, at most max: returns how many,
 * or -1 when one of them does not fit; *whole says whether they are all
 * of c.  first, when not NULL, gets the contents of the first.
 */
static int tlv_tags(struct tlv_cursor c, uint8_t *tags, int max,
                    struct tlv_cursor *first, int *whole)
{
	int count = 0;

	while (c.n > 0 && count < max) {
		struct tlv_cursor contents;
		uint8_t tag;
		if (tlv_next(&c, &tag, &contents) != 0)
			return -1;
		if (count == 0 && first != NULL)
			*first = contents;
		tags[count++] = tag;
	}
	*whole = c.n == 0;
	return count;
}

#define TAG_INTEGER 0x02
#define TAG_BIT_STRING 0x03
#define TAG_SEQUENCE 0x30
#define TAG_UTC_TIME 0x17
#define TAG_GENERALIZED_TIME 0x18
#define TAG_CONTEXT(n) (0xa0 | (n)) /* [n], constructed */

/*
 * What DER of another kind this is: "an X.509 certificate", "an X.509
 * CRL", "an OCSP request", or NULL.
 *
 *   Certificate  ::= SEQUENCE { tbsCertificate, signatureAlgorithm,
 *                               signatureValue BIT STRING }
 *   tbsCertificate: [0] version, or (v1) serialNumber INTEGER,
 *                   signature, issuer, validity SEQUENCEs ...
 *   CertificateList ::= the same three; tbsCertList: version INTEGER
 *                   OPTIONAL, signature, issuer, thisUpdate Time ...
 *   OCSPRequest  ::= SEQUENCE { tbsRequest, optionalSignature [0] OPTIONAL }
 *   TBSRequest   ::= SEQUENCE { version [0] OPTIONAL, requestorName [1]
 *                               OPTIONAL, requestList SEQUENCE OF Request,
 *                               requestExtensions [2] OPTIONAL }
 */
static const char *der_kind(struct staple_slice der)
{
	struct tlv_cursor c, top, tbs;
	struct staple_cert cert;
	uint8_t tag, tags[5];
	int n, i, whole;

	/* the library's own reader is the best judge of a certificate */
	if (staple_cert_decode(&cert, der.p, der.n) == STAPLE_OK)
		return "an X.509 certificate";
	c.p = der.p;
	c.n = der.n;
	if (tlv_next(&c, &tag, &top) != 0 || tag != TAG_SEQUENCE || c.n != 0)
		return NULL;
	n = tlv_tags(top, tags, 3, &tbs, &whole);
	if (n < 1 || !whole || tags[0] != TAG_SEQUENCE)
		return NULL;
	if (n == 3 && tags[1] == TAG_SEQUENCE && tags[2] == TAG_BIT_STRING) {
		n = tlv_tags(tbs, tags, 5, NULL, &whole);
		i = n > 0 && tags[0] == TAG_INTEGER ? 1 : 0;
		if (n >= 1 && tags[0] == TAG_CONTEXT(0))
			return "an X.509 certificate";
		if (n >= i + 3 && tags[i] == TAG_SEQUENCE &&
		    tags[i + 1] == TAG_SEQUENCE &&
		    (tags[i + 2] == TAG_UTC_TIME ||
		     tags[i + 2] == TAG_GENERALIZED_TIME))
			return "an X.509 CRL";
		if (i == 1 && n >= 4 && tags[1] == TAG_SEQUENCE &&
		    tags[2] == TAG_SEQUENCE && tags[3] == TAG_SEQUENCE)
			return "an X.509 certificate"; /* v1: no version */
		return NULL;
	}
	if (n == 1 || (n == 2 && tags[1] == TAG_CONTEXT(0))) {
		n = tlv_tags(tbs, tags, 4, NULL, &whole);
		i = 0;
		if (i < n && tags[i] == TAG_CONTEXT(0))
			i++;
		if (i < n && tags[i] == TAG_CONTEXT(1))
			i++;
		if (i < n && tags[i] == TAG_SEQUENCE) {
			i++;
			if (i < n && tags[i] == TAG_CONTEXT(2))
				i++;
			if (i == n && whole)
				return "an OCSP request";
		}
	}
	return NULL;
}

static int is_hex_digit(uint8_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

/*
 * Hex digits in pairs, with white space or colons between them if any
 * ("30 82 01 0a", "3082010a", "30:82:01"): what xxd -p or a hex dump
 * copied from a web page gives.
 */
static int is_hex_text(const uint8_t *p, size_t n)
{
	size_t i, digits = 0, run = 0;

	for (i = 0; i < n; i++) {
		if (is_hex_digit(p[i])) {
			digits++;
			run++;
		} else if (is_space(p[i]) || p[i] == ':') {
			if (run % 2 != 0)
				return 0;
			run = 0;
		} else {
			return 0;
		}
	}
	return digits >= 2 && run % 2 == 0;
}

static int only_space(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_space(p[i]))
			return 0;
	return 1;
}

/* see tool.h */
void staple_input_hint(const struct staple_input *in,
                       struct staple_problem *pb)
{
	const char *kind = NULL, *text = "";
	char label[49];
	size_t n = sizeof pb->hint;

	pb->hint[0] = '\0';
	if (in->file_len == 0) {
		(void)snprintf(pb->hint, n, "%s is empty",
		               in->from_stdin ? "standard input" : "the file");
		return;
	}
	/* a label is printable ASCII (boundary_parse); keep it short */
	(void)snprintf(label, sizeof label, "%.*s",
	               (int)(in->label.n < sizeof label - 1 ? in->label.n
	                                                   : sizeof label - 1),
	               in->label.p != NULL ? (const char *)in->label.p : "");
	if (in->blocks > 0 && strcmp(label, PEM_OCSP_LABEL) != 0) {
		const char *what = in->blocks > 1 ? "the first PEM block is"
		                                  : "this PEM block is";
		if (strcmp(label, PEM_CERT_LABEL) == 0)
			(void)snprintf(pb->hint, n,
			               "%s a CERTIFICATE: an X.509 certificate, "
			               "not an OCSP response",
			               what);
		else if (strcmp(label, "OCSP REQUEST") == 0)
			(void)snprintf(pb->hint, n,
			               "%s an OCSP REQUEST: a request, not a "
			               "response",
			               what);
		else
			(void)snprintf(pb->hint, n,
			               "%s labelled %s, not OCSP RESPONSE",
			               what, label);
		return;
	}
	if (in->der.n > 0)
		kind = der_kind(in->der);
	if (kind != NULL) {
		if (in->blocks > 0)
			text = " in PEM";
		else if (in->der.p != in->file)
			text = " in base64";
		(void)snprintf(pb->hint, n, "this is %s%s, not %s", kind, text,
		               strcmp(kind, "an OCSP request") == 0
		                       ? "a response"
		                       : "an OCSP response");
		return;
	}
	if (in->blocks == 0 && only_space(in->file, in->file_len)) {
		(void)snprintf(pb->hint, n, "%s holds only white space",
		               in->from_stdin ? "standard input" : "the file");
		return;
	}
	if (in->blocks == 0 && is_hex_text(in->file, in->file_len))
		(void)snprintf(pb->hint, n,
		               "this looks like hex text, not DER, PEM or "
		               "base64: xxd -r -p turns it into DER");
}
