/*
 * shim.c -- the stapling shim between a BearSSL 0.6 client engine and its
 * transport (see shim.h for what it does and why it is sound).
 *
 * Outgoing, the only record touched is the first, the ClientHello: it is
 * sent as six pieces, three of them the engine's own bytes (never copied)
 * and three small ones of the shim's (new headers, new extension-list
 * length, the status_request extension).
 *
 * Incoming, until the flight ends, the shim reads raw bytes into in[],
 * parses record and handshake headers, and produces the engine's input:
 * headers of its own (out_small: a record header, and for the first
 * record of a message the handshake header too), then message bytes
 * forwarded straight from in[].  The engine only ever asks for the rest
 * of the current record (recvrec_buf), so a request always starts at a
 * record boundary of the shim's output or inside one record.
 *
 * The incoming side is one state, in_state.  What the shim has made goes
 * to the engine first: a header it queued in out_small (in REPLACE, once
 * the hash is replaced), then in HELLO_OUT the edited ServerHello; the
 * other states read the server's bytes from in[]:
 *
 *   state      reads                        the engine gets      then
 *   HEADER     the ServerHello's header     -                    HELLO
 *              a Certificate, ServerKey-    -                    FORWARD
 *              Exchange or Certificate-
 *              Request header
 *              a CertificateStatus header   -                    STATUS
 *              the ServerHelloDone          (after REPLACE)      REPLACE
 *              an alert's record header     that header          ALERT
 *              a resumption's Change-       that header          REPLACE
 *              CipherSpec record header
 *   HELLO      the ServerHello's body       -                    HELLO_OUT
 *   HELLO_OUT  -                            ServerHello, edited  HEADER
 *   STATUS     the CertificateStatus's      -                    HEADER
 *              body; its OCSPResponse
 *              into the staple buffer
 *   FORWARD    the message's body           the same, re-framed  HEADER
 *   ALERT      the alert's body             the same             HEADER
 *   REPLACE    -                            its hash replaced,   PASS
 *                                           then that header
 *   PASS       everything                   the same             DONE when
 *                                                                the engine
 *                                                                completes
 *                                                                the handshake
 *   DONE       everything                   the same
 *
 * HEADER, HELLO, STATUS and FORWARD read inside handshake records: when
 * one ends (rec_left is 0) the next record header comes first, and only
 * HEADER, between two messages, takes anything but a handshake record.
 * REPLACE is entered once, from HEADER, so the hash is replaced once (at
 * the engine's request for a fresh 5-byte record header: shim.h, step
 * 4), and PASS and DONE come only after it.  Any state may fail, which
 * sets err and stops everything (fail closed).
 */
#include "shim.h"
#include "tls_cursor.h"

#include <string.h>

/* Record content types (RFC 5246 section 6.2.1). */
#define REC_CCS 20
#define REC_ALERT 21
#define REC_HANDSHAKE 22

/* Handshake message types (RFC 5246 section 7.4, RFC 6066 section 8). */
#define HS_CLIENT_HELLO 1
#define HS_SERVER_HELLO 2
#define HS_CERTIFICATE 11
#define HS_SERVER_KEY_EXCHANGE 12
#define HS_CERTIFICATE_REQUEST 13
#define HS_SERVER_HELLO_DONE 14
#define HS_CERTIFICATE_STATUS 22

#define EXT_STATUS_REQUEST 5
#define EXT_PADDING 21
#define STATUS_TYPE_OCSP 1

/* The largest TLSPlaintext fragment (RFC 5246 section 6.2.1). */
#define MAX_FRAGMENT 16384

/* status_request: type 5, length 5, ocsp(1), no responder ids, no
 * request extensions (RFC 6066 section 8). */
static const unsigned char status_request[9] = {
	0x00, 0x05, 0x00, 0x05, 0x01, 0x00, 0x00, 0x00, 0x00
};

/* The outgoing side: the ClientHello, its pieces, then everything. */
enum { OUT_HELLO, OUT_PIECES, OUT_PASS };

/* The incoming side; the table above.  fuzz/fuzz_shim.c knows REPLACE
 * and PASS by their numbers. */
enum {
	IN_HEADER,
	IN_HELLO,
	IN_HELLO_OUT,
	IN_STATUS,
	IN_FORWARD,
	IN_ALERT,
	IN_REPLACE,
	IN_PASS,
	IN_DONE
};

static size_t min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

static unsigned get16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static size_t get24(const unsigned char *p)
{
	return (size_t)p[0] << 16 | (size_t)p[1] << 8 | p[2];
}

static void put16(unsigned char *p, size_t v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static void put24(unsigned char *p, size_t v)
{
	p[0] = (unsigned char)(v >> 16);
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)v;
}

/* Fail closed: the first reason sticks. */
static void fail(struct staple_shim *s, int err)
{
	if (s->err == 0)
		s->err = err;
}

/* see shim.h */
int staple_shim_init(struct staple_shim *shim, br_ssl_engine_context *eng,
                     unsigned char *staple, size_t staple_cap,
                     unsigned char *chain, size_t chain_cap)
{
	memset(shim, 0, sizeof *shim);
	shim->eng = eng;
	shim->staple = staple;
	shim->staple_cap = staple_cap;
	shim->chain = chain;
	shim->chain_cap = chain_cap;
	shim->cert_next = 3; /* past the certificate_list length */
	if (eng == NULL || staple == NULL || staple_cap == 0 ||
	    (chain == NULL && chain_cap != 0)) {
		fail(shim, STAPLE_SHIM_ERR_ARGUMENT);
		return shim->err;
	}
	br_ssl_engine_add_flags(eng, BR_OPT_NO_RENEGOTIATION);
	return 0;
}

/* see shim.h */
void staple_shim_set_io(struct staple_shim *shim,
                        staple_shim_read_fn low_read, void *read_ctx,
                        staple_shim_write_fn low_write, void *write_ctx)
{
	shim->low_read = low_read;
	shim->read_ctx = read_ctx;
	shim->low_write = low_write;
	shim->write_ctx = write_ctx;
}

/* ---- the ClientHello ---------------------------------------------------- */

/*
 * The layout guard (shim.h, "BearSSL versions").  `msg` is the
 * ClientHello handshake message exactly as the engine wrote it, so the
 * engine's mhash must equal a fresh hash of it, with BearSSL's standard
 * implementations.  Checking the vtable pointers first means nothing is
 * called through a pointer read from a layout we do not know.  On
 * success the shim's own hash starts with the same implementations,
 * empty.
 */
static int engine_layout_ok(struct staple_shim *s, const unsigned char *msg,
                            size_t len)
{
	static const br_hash_class *const standard[6] = {
		&br_md5_vtable, &br_sha1_vtable, &br_sha224_vtable,
		&br_sha256_vtable, &br_sha384_vtable, &br_sha512_vtable
	};
	br_multihash_context fresh;
	unsigned char ours[64], theirs[64];
	int id, present = 0;

	br_multihash_zero(&fresh);
	for (id = br_md5_ID; id <= br_sha512_ID; id++) {
		const br_hash_class *h = br_multihash_getimpl(&s->eng->mhash,
		                                              id);
		if (h == NULL)
			continue;
		if (h != standard[id - 1])
			return 0;
		br_multihash_setimpl(&fresh, id, h);
		present++;
	}
	if (present == 0)
		return 0;
	br_multihash_init(&fresh);
	s->mhash = fresh;
	br_multihash_update(&fresh, msg, len);
	for (id = br_md5_ID; id <= br_sha512_ID; id++) {
		size_t n = br_multihash_out(&fresh, id, ours);
		if (n != br_multihash_out(&s->eng->mhash, id, theirs) ||
		    memcmp(ours, theirs, n) != 0)
			return 0;
	}
	return 1;
}

/*
 * Read the ClientHello record rec[0..len) and lay out the pieces that
 * send it with status_request added:
 *
 *   ch_head     record header and handshake header, lengths + 9 (+ 11
 *               when there was no extension block)
 *   engine      the body up to the extensions length
 *   ch_extlen   the new extensions length
 *   engine      the extensions before the insertion point
 *   ch_ext      status_request
 *   engine      the rest (a padding extension stays last)
 *
 *   struct {
 *       ProtocolVersion client_version;    -- 2 bytes
 *       Random random;                     -- 32 bytes
 *       SessionID session_id;              -- opaque <0..32>
 *       CipherSuite cipher_suites<2..2^16-2>;
 *       CompressionMethod compression_methods<1..2^8-1>;
 *       select (extensions_present) {
 *           case false: struct {};
 *           case true:  Extension extensions<0..2^16-1>;
 *       };
 *   } ClientHello;                         -- RFC 5246 7.4.1.2
 */
static int client_hello(struct staple_shim *s, const unsigned char *rec,
                        size_t len)
{
	struct staple_slice c = {rec, len}, fragment, body, session_id,
	                    suites, methods, list, exts, data;
	const unsigned char *msg, *fixed_end, *ext_at, *end = rec + len;
	size_t type, version, grow, n;

	/* one record (RFC 5246 6.2.1), holding one ClientHello */
	if (!staple_tls_read_uint(&c, 1, &type) || type != REC_HANDSHAKE ||
	    !staple_tls_read_uint(&c, 1, &version) || version != 3 ||
	    !staple_tls_skip(&c, 1) ||
	    !staple_tls_read_vector(&c, 2, &fragment) || c.n != 0)
		return STAPLE_SHIM_ERR_CLIENT_HELLO;
	msg = fragment.p;
	if (!staple_tls_read_handshake(&fragment, &type, &body) ||
	    type != HS_CLIENT_HELLO || fragment.n != 0)
		return STAPLE_SHIM_ERR_CLIENT_HELLO;
	if (!staple_tls_skip(&body, 2 + 32) ||
	    !staple_tls_read_vector(&body, 1, &session_id) ||
	    session_id.n > 32 ||
	    !staple_tls_read_vector(&body, 2, &suites) || suites.n == 0 ||
	    suites.n % 2 != 0 ||
	    !staple_tls_read_vector(&body, 1, &methods) || methods.n == 0)
		return STAPLE_SHIM_ERR_CLIENT_HELLO;
	memcpy(s->session_id, session_id.p, session_id.n);
	s->session_id_len = (unsigned char)session_id.n;
	fixed_end = body.p;
	ext_at = end;
	if (body.n == 0) {
		/* no extension block: one is added */
		grow = 11;
		list.p = end;
		list.n = 0;
	} else {
		if (!staple_tls_read_vector(&body, 2, &list) || body.n != 0)
			return STAPLE_SHIM_ERR_CLIENT_HELLO;
		grow = 9;
		for (exts = list; exts.n > 0;) {
			const unsigned char *at = exts.p;

			if (!staple_tls_read_extension(&exts, &type, &data) ||
			    type == EXT_STATUS_REQUEST)
				return STAPLE_SHIM_ERR_CLIENT_HELLO;
			if (type == EXT_PADDING && ext_at == end)
				ext_at = at;
		}
	}
	if (len - 9 + grow > MAX_FRAGMENT - 4)
		return STAPLE_SHIM_ERR_CLIENT_HELLO;
	if (!engine_layout_ok(s, msg, len - 5))
		return STAPLE_SHIM_ERR_ENGINE_LAYOUT;

	memcpy(s->ch_head, rec, 5);
	put16(s->ch_head + 3, len - 5 + grow);
	s->ch_head[5] = HS_CLIENT_HELLO;
	put24(s->ch_head + 6, len - 9 + grow);
	put16(s->ch_extlen, list.n + 9);
	memcpy(s->ch_ext, status_request, sizeof status_request);

	s->piece[0] = s->ch_head;
	s->piece_len[0] = sizeof s->ch_head;
	s->piece[1] = msg + 4;
	s->piece_len[1] = (size_t)(fixed_end - (msg + 4));
	s->piece[2] = s->ch_extlen;
	s->piece_len[2] = sizeof s->ch_extlen;
	s->piece[3] = list.p;
	s->piece_len[3] = (size_t)(ext_at - list.p);
	s->piece[4] = s->ch_ext;
	s->piece_len[4] = sizeof s->ch_ext;
	s->piece[5] = ext_at;
	s->piece_len[5] = (size_t)(end - ext_at);
	s->pieces = 6;
	s->piece_at = 0;
	s->piece_off = 0;
	s->ch_record_len = len;
	for (n = 0; n < s->pieces; n++) /* the transcript: all but rec hdr */
		br_multihash_update(&s->mhash, s->piece[n] + (n == 0 ? 5 : 0),
		                    s->piece_len[n] - (n == 0 ? 5 : 0));
	s->out_phase = OUT_PIECES;
	return 0;
}

/* ---- the server's flight ------------------------------------------------ */

/* Queue a record header (and, for a message's first record, its
 * handshake header) for the engine. */
static void emit_header(struct staple_shim *s, unsigned type, size_t len,
                        const unsigned char *msg_hdr)
{
	s->out_small[0] = (unsigned char)type;
	put16(s->out_small + 1, s->msg_version);
	put16(s->out_small + 3, len);
	s->out_small_len = 5;
	if (msg_hdr != NULL) {
		memcpy(s->out_small + 5, msg_hdr, 4);
		s->out_small_len = 9;
	}
	s->out_small_off = 0;
}

/*
 * The ServerHello, whole in hello[] (tls_cursor.h has its structure):
 * hash it as received, note whether it resumes our session, then take
 * out an empty status_request extension.
 */
static void server_hello(struct staple_shim *s)
{
	struct staple_slice body = {s->hello + 4, s->hello_len - 4},
	                    session_id, list, exts, data;
	const unsigned char *found = NULL;
	size_t type;
	int resumed;

	br_multihash_update(&s->mhash, s->hello, s->hello_len);
	if (!staple_tls_read_server_hello(&body, &session_id, &list) ||
	    session_id.n > 32) {
		fail(s, STAPLE_SHIM_ERR_SERVER_HELLO);
		return;
	}
	resumed = session_id.n > 0 && session_id.n == s->session_id_len &&
	          memcmp(session_id.p, s->session_id, session_id.n) == 0;
	for (exts = list; exts.n > 0;) {
		const unsigned char *at = exts.p;

		if (!staple_tls_read_extension(&exts, &type, &data)) {
			fail(s, STAPLE_SHIM_ERR_SERVER_HELLO);
			return;
		}
		if (type != EXT_STATUS_REQUEST)
			continue;
		/* RFC 6066 section 8: the answer is empty */
		if (data.n != 0 || found != NULL) {
			fail(s, STAPLE_SHIM_ERR_SERVER_HELLO);
			return;
		}
		found = at;
	}
	if (found != NULL) {
		/* cut its 4 bytes out of hello[]; the extension list and
		 * the message are 4 bytes shorter */
		size_t at = (size_t)(found - s->hello);
		size_t list_len_at = (size_t)(list.p - s->hello) - 2;

		memmove(s->hello + at, s->hello + at + 4,
		        s->hello_len - at - 4);
		s->hello_len -= 4;
		put16(s->hello + list_len_at, list.n - 4);
		put24(s->hello + 1, s->hello_len - 4);
	}
	if (resumed)
		s->answer = STAPLE_SHIM_RESUMED;
	else if (found != NULL)
		s->answer = STAPLE_SHIM_NO_ANSWER;
	else
		s->answer = STAPLE_SHIM_NOT_ACKED;
	s->hello_off = 0;
	emit_header(s, REC_HANDSHAKE, s->hello_len, NULL);
	s->in_state = IN_HELLO_OUT;
}

/* A handshake header is complete, in HEADER: decide what its body is
 * for. */
static void message_start(struct staple_shim *s)
{
	unsigned type = s->msg_hdr[0];
	size_t len = get24(s->msg_hdr + 1);

	s->msg_left = len;
	s->msg_version = get16(s->rec_hdr + 1);
	if (s->answer == STAPLE_SHIM_PENDING) { /* the first message */
		if (type != HS_SERVER_HELLO) {
			fail(s, STAPLE_SHIM_ERR_MESSAGE);
			return;
		}
		if (len > STAPLE_SHIM_HELLO_MAX) {
			fail(s, STAPLE_SHIM_ERR_HELLO_TOO_LARGE);
			return;
		}
		if (len == 0) {
			fail(s, STAPLE_SHIM_ERR_SERVER_HELLO);
			return;
		}
		memcpy(s->hello, s->msg_hdr, 4);
		s->hello_len = 4;
		s->in_state = IN_HELLO;
		return;
	}
	if (s->answer == STAPLE_SHIM_RESUMED) { /* only ChangeCipherSpec */
		fail(s, STAPLE_SHIM_ERR_MESSAGE);
		return;
	}
	switch (type) {
	case HS_CERTIFICATE_STATUS:
		/* RFC 6066 section 8: only when asked, once, right after
		 * Certificate */
		if (s->answer != STAPLE_SHIM_NO_ANSWER ||
		    s->prev_msg != HS_CERTIFICATE || len < 5) {
			fail(s, STAPLE_SHIM_ERR_STATUS);
			return;
		}
		br_multihash_update(&s->mhash, s->msg_hdr, 4);
		s->status_hdr_len = 0;
		s->in_state = IN_STATUS;
		return;
	case HS_SERVER_HELLO_DONE:
		/* empty, and nothing may follow it in its record: the rest
		 * passes.  Not hashed: the engine hashes it after the
		 * replacement. */
		if (len != 0 || s->rec_left != 0) {
			fail(s, STAPLE_SHIM_ERR_MESSAGE);
			return;
		}
		emit_header(s, REC_HANDSHAKE, 4, s->msg_hdr);
		s->msg_hdr_len = 0;
		s->in_state = IN_REPLACE;
		return;
	case HS_CERTIFICATE:
	case HS_SERVER_KEY_EXCHANGE:
	case HS_CERTIFICATE_REQUEST:
		br_multihash_update(&s->mhash, s->msg_hdr, 4);
		s->out_rec_left = min_size(MAX_FRAGMENT, 4 + len);
		emit_header(s, REC_HANDSHAKE, s->out_rec_left, s->msg_hdr);
		s->out_rec_left -= 4;
		s->in_state = IN_FORWARD;
		return;
	default:
		fail(s, STAPLE_SHIM_ERR_MESSAGE);
		return;
	}
}

/* Count the certificates of a Certificate message's body as it passes
 * (RFC 5246 section 7.4.2: a 3-byte list length, then 3-byte length +
 * DER each), and copy what fits into the chain buffer. */
static void certificate_bytes(struct staple_shim *s, const unsigned char *p,
                              size_t n)
{
	size_t i;

	if (s->chain_len < s->chain_cap) {
		size_t room = min_size(n, s->chain_cap - s->chain_len);
		memcpy(s->chain + s->chain_len, p, room);
		s->chain_len += room;
	}
	for (i = 0; i < n; i++, s->cert_off++) {
		if (s->cert_off < s->cert_next ||
		    s->cert_off >= s->cert_next + 3)
			continue;
		s->cert_acc = s->cert_acc << 8 | p[i];
		if (s->cert_off == s->cert_next + 2) {
			s->cert_count++;
			s->cert_next += 3 + s->cert_acc;
			s->cert_acc = 0;
		}
	}
}

/* n bytes of the current message's body have been read from in[]; at
 * its end, HELLO, STATUS and FORWARD move on. */
static void body_read(struct staple_shim *s, size_t n)
{
	s->in_off += n;
	s->rec_left -= n;
	s->msg_left -= n;
	if (s->msg_left != 0)
		return;
	s->msg_hdr_len = 0;
	s->prev_msg = s->msg_hdr[0];
	if (s->in_state == IN_HELLO) {
		server_hello(s);
		return;
	}
	if (s->in_state == IN_STATUS)
		s->answer = STAPLE_SHIM_STAPLED;
	s->in_state = IN_HEADER;
}

/* HEADER: the bytes of a handshake header. */
static void message_header(struct staple_shim *s)
{
	size_t n = min_size(min_size(4 - s->msg_hdr_len, s->rec_left),
	                    s->in_len - s->in_off);

	memcpy(s->msg_hdr + s->msg_hdr_len, s->in + s->in_off, n);
	s->msg_hdr_len += n;
	s->in_off += n;
	s->rec_left -= n;
	if (s->msg_hdr_len < 4)
		return;
	message_start(s);
	if (s->err == 0 && s->in_state == IN_FORWARD && s->msg_left == 0)
		body_read(s, 0); /* an empty message: its header was all */
}

/* HELLO: the ServerHello's body into hello[]. */
static void collect_hello(struct staple_shim *s)
{
	size_t n = min_size(min_size(s->in_len - s->in_off, s->rec_left),
	                    s->msg_left);

	memcpy(s->hello + s->hello_len, s->in + s->in_off, n);
	s->hello_len += n;
	body_read(s, n);
}

/*
 * STATUS: the CertificateStatus's body, its OCSPResponse into the staple
 * buffer.
 *
 *   struct {
 *       CertificateStatusType status_type;     -- ocsp(1)
 *       OCSPResponse ocsp_response<1..2^24-1>;
 *   } CertificateStatus;                       -- RFC 6066 section 8
 */
static void collect_status(struct staple_shim *s)
{
	size_t n = min_size(min_size(s->in_len - s->in_off, s->rec_left),
	                    s->msg_left);
	const unsigned char *p = s->in + s->in_off;
	size_t h = min_size(n, 4 - s->status_hdr_len), i;

	br_multihash_update(&s->mhash, p, n);
	for (i = 0; i < h; i++)
		s->status_hdr[s->status_hdr_len++] = p[i];
	if (h > 0 && s->status_hdr_len == 4) {
		size_t rlen = get24(s->status_hdr + 1);

		if (s->status_hdr[0] != STATUS_TYPE_OCSP || rlen == 0 ||
		    rlen != get24(s->msg_hdr + 1) - 4) {
			fail(s, STAPLE_SHIM_ERR_STATUS);
			return;
		}
		if (rlen > s->staple_cap) {
			fail(s, STAPLE_SHIM_ERR_STAPLE_TOO_LARGE);
			return;
		}
	}
	memcpy(s->staple + s->staple_len, p + h, n - h);
	s->staple_len += n - h;
	body_read(s, n);
}

/* FORWARD: a message's body, re-framed in records of at most
 * MAX_FRAGMENT bytes.  Returns how many bytes it gave the engine. */
static size_t forward(struct staple_shim *s, unsigned char *dst, size_t max)
{
	const unsigned char *p = s->in + s->in_off;
	size_t n;

	if (s->out_rec_left == 0) { /* the message's next record */
		s->out_rec_left = min_size(MAX_FRAGMENT, s->msg_left);
		emit_header(s, REC_HANDSHAKE, s->out_rec_left, NULL);
		return 0;
	}
	n = min_size(min_size(s->in_len - s->in_off, s->rec_left),
	             min_size(s->msg_left, s->out_rec_left));
	n = min_size(n, max);
	memcpy(dst, p, n);
	br_multihash_update(&s->mhash, p, n);
	if (s->msg_hdr[0] == HS_CERTIFICATE)
		certificate_bytes(s, p, n);
	s->out_rec_left -= n;
	body_read(s, n);
	return n;
}

/*
 * A record header, read when the current record has ended (rec_left 0)
 * in HEADER, HELLO, STATUS or FORWARD.
 */
static void record_header(struct staple_shim *s)
{
	size_t n = min_size(5 - s->rec_hdr_len, s->in_len - s->in_off);
	unsigned type;

	memcpy(s->rec_hdr + s->rec_hdr_len, s->in + s->in_off, n);
	s->rec_hdr_len += n;
	s->in_off += n;
	if (s->rec_hdr_len < 5)
		return;
	s->rec_hdr_len = 0;
	type = s->rec_hdr[0];
	s->rec_left = get16(s->rec_hdr + 3);
	if (s->rec_hdr[1] != 3 || s->rec_left > MAX_FRAGMENT) {
		fail(s, STAPLE_SHIM_ERR_RECORD);
		return;
	}
	if (type == REC_HANDSHAKE) {
		/* RFC 5246 6.2.1: no empty handshake fragments */
		if (s->rec_left == 0)
			fail(s, STAPLE_SHIM_ERR_RECORD);
		return;
	}
	/* An alert goes to the engine as it came, between messages; a
	 * warning one leaves the flight going on.  The ChangeCipherSpec of
	 * a resumption too, and all that follows it. */
	if (s->in_state != IN_HEADER || s->msg_hdr_len != 0 ||
	    (type == REC_CCS && s->answer != STAPLE_SHIM_RESUMED) ||
	    (type != REC_CCS && type != REC_ALERT)) {
		fail(s, STAPLE_SHIM_ERR_RECORD);
		return;
	}
	memcpy(s->out_small, s->rec_hdr, 5);
	s->out_small_len = 5;
	s->out_small_off = 0;
	if (type == REC_CCS) {
		s->rec_left = 0; /* its body passes with the rest */
		s->in_state = IN_REPLACE;
	} else if (s->rec_left > 0) {
		s->in_state = IN_ALERT;
	}
}

/* In HEADER, HELLO, STATUS and FORWARD: has the current record bytes
 * left?  If not, the next record header is read first. */
static int record_open(struct staple_shim *s)
{
	if (s->rec_left > 0)
		return 1;
	record_header(s);
	return 0;
}

/* Replace the engine's transcript hash with the real one, at a fresh
 * record header (shim.h, step 4). */
static void replace_hash(struct staple_shim *s, size_t got, size_t max)
{
	if (got != 0 || max != 5) {
		fail(s, STAPLE_SHIM_ERR_ENGINE_STATE);
		return;
	}
	s->eng->mhash = s->mhash;
	s->in_state = IN_PASS;
}

/* Copy what is left of src[0..len), from *off, into dst; returns how
 * many bytes. */
static size_t drain(unsigned char *dst, size_t max, const unsigned char *src,
                    size_t len, size_t *off)
{
	size_t n = min_size(max, len - *off);

	memcpy(dst, src + *off, n);
	*off += n;
	return n;
}

/*
 * Produce up to max bytes of the engine's input into dst: the state
 * table at the top.  Returns how many; 0 means raw input is needed (or
 * the shim failed).
 */
static size_t take(struct staple_shim *s, unsigned char *dst, size_t max)
{
	size_t got = 0, n;

	while (got < max && s->err == 0) {
		/* first what the shim made, the hash replaced before it in
		 * REPLACE */
		if (s->in_state == IN_REPLACE) {
			replace_hash(s, got, max);
			continue;
		}
		if (s->out_small_off < s->out_small_len) {
			got += drain(dst + got, max - got, s->out_small,
			             s->out_small_len, &s->out_small_off);
			continue;
		}
		if (s->in_state == IN_HELLO_OUT) {
			got += drain(dst + got, max - got, s->hello,
			             s->hello_len, &s->hello_off);
			if (s->hello_off == s->hello_len)
				s->in_state = IN_HEADER;
			continue;
		}
		/* then the server's bytes, which every other state reads */
		if (s->in_off == s->in_len)
			return got;
		switch (s->in_state) {
		case IN_HEADER:
			if (record_open(s))
				message_header(s);
			break;
		case IN_HELLO:
			if (record_open(s))
				collect_hello(s);
			break;
		case IN_STATUS:
			if (record_open(s))
				collect_status(s);
			break;
		case IN_FORWARD:
			if (record_open(s))
				got += forward(s, dst + got, max - got);
			break;
		case IN_ALERT:
			n = drain(dst + got, min_size(max - got, s->rec_left),
			          s->in, s->in_len, &s->in_off);
			got += n;
			s->rec_left -= n;
			if (s->rec_left == 0)
				s->in_state = IN_HEADER;
			break;
		case IN_PASS:
		case IN_DONE:
			got += drain(dst + got, max - got, s->in, s->in_len,
			             &s->in_off);
			break;
		}
	}
	return s->err == 0 ? got : 0;
}

/* Is the flight over, everything passing straight through? */
static int passing(const struct staple_shim *s)
{
	return s->in_state == IN_PASS || s->in_state == IN_DONE;
}

/* Has the engine completed the handshake?  Remembered (DONE), so the
 * answer stays after the connection is closed. */
static void note_done(struct staple_shim *s)
{
	unsigned st;

	if (s->err != 0 || s->in_state != IN_PASS)
		return;
	st = br_ssl_engine_current_state(s->eng);
	if (!(st & BR_SSL_CLOSED) && (st & (BR_SSL_SENDAPP | BR_SSL_RECVAPP)))
		s->in_state = IN_DONE;
}

/* ---- br_sslio callbacks ---------------------------------------------- */

/* see shim.h */
int staple_shim_low_read(void *ctx, unsigned char *buf, size_t len)
{
	struct staple_shim *s = ctx;

	if (s->err != 0)
		return -1;
	note_done(s);
	for (;;) {
		size_t n = take(s, buf, len);
		int r;

		if (s->err != 0)
			return -1;
		if (n > 0)
			return (int)n;
		if (passing(s)) /* nothing kept: straight in */
			return s->low_read(s->read_ctx, buf, len);
		r = s->low_read(s->read_ctx, s->in, sizeof s->in);
		if (r <= 0) {
			fail(s, STAPLE_SHIM_ERR_IO);
			return -1;
		}
		s->in_off = 0;
		s->in_len = (size_t)r;
	}
}

/* see shim.h */
int staple_shim_low_write(void *ctx, const unsigned char *buf, size_t len)
{
	struct staple_shim *s = ctx;
	int err;

	if (s->err != 0)
		return -1;
	note_done(s);
	if (s->out_phase == OUT_PASS)
		return s->low_write(s->write_ctx, buf, len);
	err = client_hello(s, buf, len);
	if (err != 0) {
		fail(s, err);
		return -1;
	}
	/* br_sslio waits for us anyway: send all six pieces now */
	for (; s->piece_at < s->pieces; s->piece_at++) {
		size_t off = 0;

		while (off < s->piece_len[s->piece_at]) {
			int w = s->low_write(s->write_ctx,
			                     s->piece[s->piece_at] + off,
			                     s->piece_len[s->piece_at] - off);
			if (w <= 0) {
				fail(s, STAPLE_SHIM_ERR_IO);
				return -1;
			}
			off += (size_t)w;
		}
	}
	s->out_phase = OUT_PASS;
	return (int)len;
}

/* ---- the engine-buffer interface -------------------------------------- */

/* Move what the shim can produce into the engine while it asks. */
static void pump(struct staple_shim *s)
{
	while (s->err == 0) {
		size_t want, n;
		unsigned char *buf = br_ssl_engine_recvrec_buf(s->eng, &want);

		if (buf == NULL)
			break;
		n = take(s, buf, want);
		if (n == 0)
			break;
		br_ssl_engine_recvrec_ack(s->eng, n);
	}
}

/* Does the shim still hold bytes for the engine? */
static int holding(const struct staple_shim *s)
{
	return s->out_small_off < s->out_small_len ||
	       s->in_state == IN_HELLO_OUT || s->in_off < s->in_len;
}

/* see shim.h */
unsigned staple_shim_state(struct staple_shim *shim)
{
	unsigned st;

	if (shim->err != 0)
		return BR_SSL_CLOSED;
	pump(shim);
	if (shim->err != 0)
		return BR_SSL_CLOSED;
	note_done(shim);
	st = br_ssl_engine_current_state(shim->eng);
	if (shim->out_phase == OUT_PIECES)
		st |= BR_SSL_SENDREC;
	/* nothing comes in before the ClientHello has gone out whole: bytes
	 * from the server before it would not be an answer to it */
	if (shim->out_phase != OUT_PASS)
		st &= ~(unsigned)BR_SSL_RECVREC;
	return st;
}

/* see shim.h */
const unsigned char *staple_shim_sendrec_buf(struct staple_shim *shim,
                                             size_t *len)
{
	*len = 0;
	if (shim->err != 0)
		return NULL;
	if (shim->out_phase == OUT_PASS)
		return br_ssl_engine_sendrec_buf(shim->eng, len);
	if (shim->out_phase == OUT_HELLO) {
		size_t n;
		const unsigned char *rec = br_ssl_engine_sendrec_buf(shim->eng,
		                                                     &n);
		int err;

		if (rec == NULL)
			return NULL;
		err = client_hello(shim, rec, n);
		if (err != 0) {
			fail(shim, err);
			return NULL;
		}
	}
	while (shim->piece_at < shim->pieces &&
	       shim->piece_off == shim->piece_len[shim->piece_at]) {
		shim->piece_at++;
		shim->piece_off = 0;
	}
	if (shim->piece_at == shim->pieces)
		return NULL;
	*len = shim->piece_len[shim->piece_at] - shim->piece_off;
	return shim->piece[shim->piece_at] + shim->piece_off;
}

/* see shim.h */
void staple_shim_sendrec_ack(struct staple_shim *shim, size_t len)
{
	if (shim->err != 0)
		return;
	if (shim->out_phase == OUT_PASS) {
		br_ssl_engine_sendrec_ack(shim->eng, len);
		return;
	}
	if (shim->out_phase != OUT_PIECES || shim->piece_at >= shim->pieces ||
	    len > shim->piece_len[shim->piece_at] - shim->piece_off) {
		fail(shim, STAPLE_SHIM_ERR_ARGUMENT);
		return;
	}
	shim->piece_off += len;
	while (shim->piece_at < shim->pieces &&
	       shim->piece_off == shim->piece_len[shim->piece_at]) {
		shim->piece_at++;
		shim->piece_off = 0;
	}
	if (shim->piece_at == shim->pieces) {
		br_ssl_engine_sendrec_ack(shim->eng, shim->ch_record_len);
		shim->out_phase = OUT_PASS;
	}
}

/* see shim.h */
unsigned char *staple_shim_recvrec_buf(struct staple_shim *shim,
                                       size_t *len)
{
	size_t want;

	*len = 0;
	if (shim->err != 0 || shim->out_phase != OUT_PASS)
		return NULL;
	pump(shim);
	if (shim->err != 0)
		return NULL;
	if (passing(shim) && !holding(shim))
		return br_ssl_engine_recvrec_buf(shim->eng, len);
	if (br_ssl_engine_recvrec_buf(shim->eng, &want) == NULL ||
	    holding(shim))
		return NULL;
	shim->in_off = shim->in_len = 0;
	*len = sizeof shim->in;
	return shim->in;
}

/* see shim.h */
void staple_shim_recvrec_ack(struct staple_shim *shim, size_t len)
{
	if (shim->err != 0)
		return;
	if (passing(shim) && !holding(shim)) {
		br_ssl_engine_recvrec_ack(shim->eng, len);
		return;
	}
	if (len > sizeof shim->in - shim->in_len) {
		fail(shim, STAPLE_SHIM_ERR_ARGUMENT);
		return;
	}
	shim->in_len += len;
	pump(shim);
}

/* ---- results ----------------------------------------------------------- */

/* see shim.h */
int staple_shim_status(struct staple_shim *shim)
{
	if (shim->err != 0)
		return STAPLE_SHIM_FAILED;
	note_done(shim);
	if (shim->in_state != IN_DONE) {
		if (br_ssl_engine_current_state(shim->eng) & BR_SSL_CLOSED)
			return STAPLE_SHIM_FAILED;
		return STAPLE_SHIM_PENDING;
	}
	/* DONE comes after PASS, so after the ServerHello set the answer
	 * and after the hash was replaced */
	return shim->answer;
}

/* see shim.h */
size_t staple_shim_staple_len(struct staple_shim *shim)
{
	return staple_shim_status(shim) == STAPLE_SHIM_STAPLED
	           ? shim->staple_len
	           : 0;
}

/* see shim.h */
int staple_shim_error(const struct staple_shim *shim)
{
	return shim->err;
}

/* see shim.h */
const char *staple_shim_strerror(int err)
{
	switch (err) {
	case STAPLE_SHIM_OK:
		return "no error";
	case STAPLE_SHIM_ERR_ARGUMENT:
		return "bad argument";
	case STAPLE_SHIM_ERR_ENGINE_LAYOUT:
		return "not the BearSSL 0.6 engine the shim was built for";
	case STAPLE_SHIM_ERR_CLIENT_HELLO:
		return "first record is not one ClientHello the shim can edit";
	case STAPLE_SHIM_ERR_RECORD:
		return "unexpected or malformed record from the server";
	case STAPLE_SHIM_ERR_MESSAGE:
		return "unexpected or malformed handshake message";
	case STAPLE_SHIM_ERR_SERVER_HELLO:
		return "malformed ServerHello";
	case STAPLE_SHIM_ERR_HELLO_TOO_LARGE:
		return "ServerHello larger than STAPLE_SHIM_HELLO_MAX";
	case STAPLE_SHIM_ERR_STATUS:
		return "malformed or unrequested CertificateStatus";
	case STAPLE_SHIM_ERR_STAPLE_TOO_LARGE:
		return "stapled response larger than the staple buffer";
	case STAPLE_SHIM_ERR_ENGINE_STATE:
		return "the engine did not ask for records as expected";
	case STAPLE_SHIM_ERR_IO:
		return "transport read or write failed";
	}
	return "unknown shim error";
}

/* see shim.h */
const unsigned char *staple_shim_cert(const struct staple_shim *shim,
                                      size_t index, size_t *len)
{
	size_t off = 3;

	*len = 0;
	if (shim->chain_len < 3)
		return NULL;
	while (shim->chain_len - off >= 3) {
		size_t n = get24(shim->chain + off);

		if (shim->chain_len - off - 3 < n)
			break;
		if (index-- == 0) {
			*len = n;
			return shim->chain + off + 3;
		}
		off += 3 + n;
	}
	return NULL;
}

/* see shim.h */
size_t staple_shim_cert_count(const struct staple_shim *shim)
{
	return shim->cert_count;
}
