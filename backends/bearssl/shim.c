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
 * a small segment (a record header, and the first record of a message
 * also the handshake header), then message bytes forwarded straight from
 * in[].  The ServerHello is collected whole in hello[] and edited; the
 * CertificateStatus is collected into the caller's staple buffer and
 * produces nothing.  The engine only ever asks for the rest of the
 * current record (recvrec_buf), so a request always starts at a record
 * boundary of the shim's output or inside one record; a request at the
 * boundary before ServerHelloDone (or the server's ChangeCipherSpec when
 * resuming) is where the engine's transcript hash is replaced.
 */
#include "shim.h"

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

enum { OUT_HELLO, OUT_PIECES, OUT_PASS };
enum { IN_FLIGHT, IN_PASS };

/* What happens to the body of the message being read. */
enum { ACT_FORWARD, ACT_HELLO, ACT_STATUS };

/* flags */
#define F_ACKED 0x01      /* ServerHello carried status_request */
#define F_STAPLED 0x02    /* a CertificateStatus was captured */
#define F_RESUMED 0x04    /* the server resumed our session */
#define F_REPLACED 0x08   /* the engine's hash has been replaced */
#define F_DONE 0x10       /* the engine completed the handshake */
#define F_HELLO_SEEN 0x20 /* the ServerHello has been read */
#define F_REPLACE_NEXT 0x40 /* replace before out_small goes out */

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
                        int (*low_read)(void *ctx, unsigned char *buf,
                                        size_t len),
                        void *read_ctx,
                        int (*low_write)(void *ctx,
                                         const unsigned char *buf,
                                         size_t len),
                        void *write_ctx)
{
	shim->low_read = low_read;
	shim->read_ctx = read_ctx;
	shim->low_write = low_write;
	shim->write_ctx = write_ctx;
}

/* ---- the ClientHello ---------------------------------------------------- */

/*
 * The layout guard.  `msg` is the ClientHello handshake message exactly
 * as the engine wrote it, so the engine's mhash must equal a fresh hash
 * of it, with BearSSL's standard implementations.  Checking the vtable
 * pointers first means nothing is called through a pointer read from a
 * layout we do not know.  On success the shim's own hash starts with the
 * same implementations, empty.
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
 * Read the ClientHello record rec[0..len) (RFC 5246 section 7.4.1.2) and
 * lay out the pieces that send it with status_request added:
 *
 *   ch_head     record header and handshake header, lengths + 9 (+ 11
 *               when there was no extension block)
 *   engine      the body up to the extensions length
 *   ch_extlen   the new extensions length
 *   engine      the extensions before the insertion point
 *   ch_ext      status_request
 *   engine      the rest (a padding extension stays last)
 */
static int client_hello(struct staple_shim *s, const unsigned char *rec,
                        size_t len)
{
	const unsigned char *msg = rec + 5, *end = rec + len, *p, *ext_at;
	size_t body_len, n, ext_len, grow;

	if (len < 5 + 4 + 38 || rec[0] != REC_HANDSHAKE || rec[1] != 3 ||
	    get16(rec + 3) != len - 5 || msg[0] != HS_CLIENT_HELLO ||
	    get24(msg + 1) != len - 9)
		return STAPLE_SHIM_ERR_CLIENT_HELLO;
	body_len = len - 9;
	p = msg + 4 + 2 + 32; /* client_version, random */
	n = *p++;             /* session_id */
	if (n > 32 || (size_t)(end - p) < n + 2)
		return STAPLE_SHIM_ERR_CLIENT_HELLO;
	memcpy(s->session_id, p, n);
	s->session_id_len = (unsigned char)n;
	p += n;
	n = get16(p); /* cipher_suites */
	p += 2;
	if (n == 0 || n % 2 != 0 || (size_t)(end - p) < n + 1)
		return STAPLE_SHIM_ERR_CLIENT_HELLO;
	p += n;
	n = *p++; /* compression_methods */
	if (n == 0 || (size_t)(end - p) < n)
		return STAPLE_SHIM_ERR_CLIENT_HELLO;
	p += n;
	if (p == end) {
		/* no extension block: one is added */
		grow = 11;
		ext_len = 0;
		ext_at = end;
		put16(s->ch_extlen, 9);
	} else {
		const unsigned char *q;

		if (end - p < 2 || get16(p) != (size_t)(end - p) - 2)
			return STAPLE_SHIM_ERR_CLIENT_HELLO;
		grow = 9;
		ext_len = get16(p);
		put16(s->ch_extlen, ext_len + 9);
		ext_at = end;
		for (q = p + 2; q < end;) {
			unsigned type;

			if (end - q < 4 || (size_t)(end - q) - 4 < get16(q + 2))
				return STAPLE_SHIM_ERR_CLIENT_HELLO;
			type = get16(q);
			if (type == EXT_STATUS_REQUEST)
				return STAPLE_SHIM_ERR_CLIENT_HELLO;
			if (type == EXT_PADDING && ext_at == end)
				ext_at = q;
			q += 4 + get16(q + 2);
		}
	}
	if (body_len + grow > MAX_FRAGMENT - 4)
		return STAPLE_SHIM_ERR_CLIENT_HELLO;
	if (!engine_layout_ok(s, msg, len - 5))
		return STAPLE_SHIM_ERR_ENGINE_LAYOUT;

	memcpy(s->ch_head, rec, 5);
	put16(s->ch_head + 3, len - 5 + grow);
	s->ch_head[5] = HS_CLIENT_HELLO;
	put24(s->ch_head + 6, body_len + grow);
	memcpy(s->ch_ext, status_request, sizeof status_request);

	s->piece[0] = s->ch_head;
	s->piece_len[0] = sizeof s->ch_head;
	s->piece[1] = msg + 4;
	s->piece_len[1] = (size_t)(p - (msg + 4));
	s->piece[2] = s->ch_extlen;
	s->piece_len[2] = sizeof s->ch_extlen;
	s->piece[3] = p == end ? end : p + 2;
	s->piece_len[3] = (size_t)(ext_at - s->piece[3]);
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
 * ServerHello (RFC 5246 section 7.4.1.3), whole in hello[]: hash it as
 * received, then take out an empty status_request extension.
 *
 *   struct { ProtocolVersion server_version; Random random;
 *            SessionID session_id; CipherSuite cipher_suite;
 *            CompressionMethod compression_method;
 *            select (extensions_present) { case false: struct {};
 *              case true: Extension extensions<0..2^16-1>; }; }
 */
static void server_hello(struct staple_shim *s)
{
	unsigned char *body = s->hello + 4, *end = s->hello + s->hello_len;
	unsigned char *p = body + 2 + 32, *q, *found = NULL;
	size_t n;

	br_multihash_update(&s->mhash, s->hello, s->hello_len);
	if (end - p < 1 || *p > 32 || (size_t)(end - p) < 1u + *p + 3) {
		fail(s, STAPLE_SHIM_ERR_SERVER_HELLO);
		return;
	}
	n = *p++;
	if (n > 0 && n == s->session_id_len &&
	    memcmp(p, s->session_id, n) == 0)
		s->flags |= F_RESUMED;
	p += n + 3; /* session_id, cipher_suite, compression_method */
	if (p != end) {
		if (end - p < 2 || get16(p) != (size_t)(end - p) - 2) {
			fail(s, STAPLE_SHIM_ERR_SERVER_HELLO);
			return;
		}
		for (q = p + 2; q < end; q += 4 + get16(q + 2)) {
			if (end - q < 4 ||
			    (size_t)(end - q) - 4 < get16(q + 2)) {
				fail(s, STAPLE_SHIM_ERR_SERVER_HELLO);
				return;
			}
			if (get16(q) != EXT_STATUS_REQUEST)
				continue;
			/* RFC 6066 section 8: the answer is empty */
			if (get16(q + 2) != 0 || found != NULL) {
				fail(s, STAPLE_SHIM_ERR_SERVER_HELLO);
				return;
			}
			found = q;
		}
	}
	if (found != NULL) {
		memmove(found, found + 4, (size_t)(end - found - 4));
		s->hello_len -= 4;
		put16(p, get16(p) - 4);
		put24(s->hello + 1, s->hello_len - 4);
		s->flags |= F_ACKED;
	}
	s->flags |= F_HELLO_SEEN;
	s->hello_off = 0;
	s->hello_out = s->hello_len;
	emit_header(s, REC_HANDSHAKE, s->hello_len, NULL);
}

/* A handshake header is complete: decide what its body is for. */
static void message_start(struct staple_shim *s)
{
	unsigned type = s->msg_hdr[0];
	size_t len = get24(s->msg_hdr + 1);

	s->msg_type = (unsigned char)type;
	s->msg_left = len;
	s->msg_version = get16(s->rec_hdr + 1);
	if (!(s->flags & F_HELLO_SEEN)) {
		if (type != HS_SERVER_HELLO) {
			fail(s, STAPLE_SHIM_ERR_MESSAGE);
			return;
		}
		if (len > STAPLE_SHIM_HELLO_MAX) {
			fail(s, STAPLE_SHIM_ERR_HELLO_TOO_LARGE);
			return;
		}
		memcpy(s->hello, s->msg_hdr, 4);
		s->hello_len = 4;
		s->msg_action = ACT_HELLO;
		if (len == 0)
			fail(s, STAPLE_SHIM_ERR_SERVER_HELLO);
		return;
	}
	if (s->flags & F_RESUMED) { /* only ChangeCipherSpec may follow */
		fail(s, STAPLE_SHIM_ERR_MESSAGE);
		return;
	}
	switch (type) {
	case HS_CERTIFICATE_STATUS:
		/* RFC 6066 section 8: only when asked, once, right after
		 * Certificate */
		if (!(s->flags & F_ACKED) || (s->flags & F_STAPLED) ||
		    s->prev_msg != HS_CERTIFICATE || len < 5) {
			fail(s, STAPLE_SHIM_ERR_STATUS);
			return;
		}
		br_multihash_update(&s->mhash, s->msg_hdr, 4);
		s->status_hdr_len = 0;
		s->msg_action = ACT_STATUS;
		return;
	case HS_SERVER_HELLO_DONE:
		if (len != 0) {
			fail(s, STAPLE_SHIM_ERR_MESSAGE);
			return;
		}
		/* not hashed: the engine hashes it after the replacement */
		s->flags |= F_REPLACE_NEXT;
		break;
	case HS_CERTIFICATE:
	case HS_SERVER_KEY_EXCHANGE:
	case HS_CERTIFICATE_REQUEST:
		br_multihash_update(&s->mhash, s->msg_hdr, 4);
		break;
	default:
		fail(s, STAPLE_SHIM_ERR_MESSAGE);
		return;
	}
	s->msg_action = ACT_FORWARD;
	s->out_rec_left = min_size(MAX_FRAGMENT, 4 + len);
	emit_header(s, REC_HANDSHAKE, s->out_rec_left, s->msg_hdr);
	s->out_rec_left -= 4;
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

/* A message has been read whole. */
static void message_end(struct staple_shim *s)
{
	s->msg_hdr_len = 0;
	s->prev_msg = s->msg_type;
	if (s->msg_action == ACT_HELLO) {
		server_hello(s);
	} else if (s->msg_action == ACT_STATUS) {
		s->flags |= F_STAPLED;
	} else if (s->msg_type == HS_SERVER_HELLO_DONE) {
		/* nothing may follow it in its record; the rest passes */
		if (s->rec_left != 0)
			fail(s, STAPLE_SHIM_ERR_MESSAGE);
		s->in_phase = IN_PASS;
	}
}

/* The body bytes of a message being collected (ServerHello or
 * CertificateStatus) from in[]. */
static void collect(struct staple_shim *s)
{
	size_t n = min_size(min_size(s->in_len - s->in_off, s->rec_left),
	                    s->msg_left);
	const unsigned char *p = s->in + s->in_off;

	if (s->msg_action == ACT_HELLO) {
		memcpy(s->hello + s->hello_len, p, n);
		s->hello_len += n;
	} else {
		size_t h = min_size(n, 4 - s->status_hdr_len), i;

		br_multihash_update(&s->mhash, p, n);
		for (i = 0; i < h; i++)
			s->status_hdr[s->status_hdr_len++] = p[i];
		if (h > 0 && s->status_hdr_len == 4) {
			/* struct { CertificateStatusType status_type;
			 *          OCSPResponse ocsp_response<1..2^24-1>; } */
			size_t rlen = get24(s->status_hdr + 1);
			if (s->status_hdr[0] != STATUS_TYPE_OCSP ||
			    rlen == 0 || rlen != get24(s->msg_hdr + 1) - 4) {
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
	}
	s->in_off += n;
	s->rec_left -= n;
	s->msg_left -= n;
	if (s->msg_left == 0)
		message_end(s);
}

/*
 * Consume raw input that produces no engine bytes by itself: record and
 * handshake headers and collected bodies.  Returns 0 when in[] is empty
 * (or the shim failed), 1 when it made progress.
 */
static int parse_step(struct staple_shim *s)
{
	if (s->err != 0 || s->in_off == s->in_len)
		return 0;
	if (s->rec_left == 0) {
		size_t n = min_size(5 - s->rec_hdr_len, s->in_len - s->in_off);
		unsigned type;

		memcpy(s->rec_hdr + s->rec_hdr_len, s->in + s->in_off, n);
		s->rec_hdr_len += n;
		s->in_off += n;
		if (s->rec_hdr_len < 5)
			return 1;
		s->rec_hdr_len = 0;
		type = s->rec_hdr[0];
		s->rec_left = get16(s->rec_hdr + 3);
		if (s->rec_hdr[1] != 3 || s->rec_left > MAX_FRAGMENT) {
			fail(s, STAPLE_SHIM_ERR_RECORD);
			return 0;
		}
		if (type == REC_HANDSHAKE) {
			/* RFC 5246 6.2.1: no empty handshake fragments */
			if (s->rec_left == 0)
				fail(s, STAPLE_SHIM_ERR_RECORD);
			return 1;
		}
		/* An alert goes to the engine as it came, between messages;
		 * a warning one leaves the flight going on.  The
		 * ChangeCipherSpec of a resumption too, and all that
		 * follows it. */
		if (s->msg_hdr_len != 0 ||
		    (type == REC_CCS && !(s->flags & F_RESUMED)) ||
		    (type != REC_CCS && type != REC_ALERT)) {
			fail(s, STAPLE_SHIM_ERR_RECORD);
			return 0;
		}
		memcpy(s->out_small, s->rec_hdr, 5);
		s->out_small_len = 5;
		s->out_small_off = 0;
		if (type == REC_CCS) {
			s->flags |= F_REPLACE_NEXT;
			s->in_phase = IN_PASS;
		} else {
			s->pass_left = s->rec_left;
		}
		s->rec_left = 0;
		return 1;
	}
	if (s->msg_hdr_len < 4 && s->msg_left == 0) {
		size_t n = min_size(min_size(4 - s->msg_hdr_len, s->rec_left),
		                    s->in_len - s->in_off);

		memcpy(s->msg_hdr + s->msg_hdr_len, s->in + s->in_off, n);
		s->msg_hdr_len += n;
		s->in_off += n;
		s->rec_left -= n;
		if (s->msg_hdr_len == 4) {
			message_start(s);
			if (s->err == 0 && s->msg_left == 0)
				message_end(s);
		}
		return s->err == 0;
	}
	if (s->msg_action != ACT_FORWARD) {
		collect(s);
		return s->err == 0;
	}
	if (s->out_rec_left == 0) { /* the message's next record */
		size_t next = min_size(MAX_FRAGMENT, s->msg_left);

		emit_header(s, REC_HANDSHAKE, next, NULL);
		s->out_rec_left = next;
		return 1;
	}
	return 0; /* forward() has bytes to move: not ours */
}

/* Replace the engine's transcript hash with the real one, once, at a
 * fresh record header (shim.h, step 4). */
static void replace_hash(struct staple_shim *s, size_t got, size_t max)
{
	s->flags &= (unsigned char)~F_REPLACE_NEXT;
	if (got != 0 || max != 5 || (s->flags & F_REPLACED)) {
		fail(s, STAPLE_SHIM_ERR_ENGINE_STATE);
		return;
	}
	s->eng->mhash = s->mhash;
	s->flags |= F_REPLACED;
}

/*
 * Produce up to max bytes of the engine's input into dst.  Returns how
 * many; 0 means raw input is needed (or the shim failed).
 */
static size_t take(struct staple_shim *s, unsigned char *dst, size_t max)
{
	size_t got = 0, n;

	while (got < max && s->err == 0) {
		if (s->out_small_off < s->out_small_len) {
			if (s->out_small_off == 0 &&
			    (s->flags & F_REPLACE_NEXT)) {
				replace_hash(s, got, max);
				if (s->err != 0)
					break;
			}
			n = min_size(max - got,
			             s->out_small_len - s->out_small_off);
			memcpy(dst + got, s->out_small + s->out_small_off, n);
			s->out_small_off += n;
			got += n;
			continue;
		}
		if (s->hello_off < s->hello_out) {
			n = min_size(max - got, s->hello_out - s->hello_off);
			memcpy(dst + got, s->hello + s->hello_off, n);
			s->hello_off += n;
			got += n;
			continue;
		}
		n = s->in_len - s->in_off;
		if (s->in_phase == IN_FLIGHT && s->pass_left > 0)
			n = min_size(n, s->pass_left);
		else if (s->in_phase == IN_FLIGHT && s->msg_hdr_len == 4 &&
		         s->msg_action == ACT_FORWARD)
			n = min_size(min_size(n, s->rec_left),
			             min_size(s->msg_left, s->out_rec_left));
		else if (s->in_phase == IN_FLIGHT)
			n = 0;
		if (n > 0) {
			const unsigned char *p = s->in + s->in_off;

			n = min_size(n, max - got);
			memcpy(dst + got, p, n);
			got += n;
			s->in_off += n;
			if (s->in_phase == IN_PASS)
				continue;
			if (s->pass_left > 0) { /* an alert's body */
				s->pass_left -= n;
				continue;
			}
			br_multihash_update(&s->mhash, p, n);
			if (s->msg_type == HS_CERTIFICATE)
				certificate_bytes(s, p, n);
			s->rec_left -= n;
			s->msg_left -= n;
			s->out_rec_left -= n;
			if (s->msg_left == 0)
				message_end(s);
			continue;
		}
		if (s->in_phase == IN_PASS || !parse_step(s))
			break;
	}
	return s->err == 0 ? got : 0;
}

/* Has the engine completed the handshake?  Remembered, so the answer
 * stays after the connection is closed. */
static void note_done(struct staple_shim *s)
{
	unsigned st;

	if (s->flags & F_DONE || s->err != 0 || s->in_phase != IN_PASS)
		return;
	st = br_ssl_engine_current_state(s->eng);
	if (!(st & BR_SSL_CLOSED) && (st & (BR_SSL_SENDAPP | BR_SSL_RECVAPP)))
		s->flags |= F_DONE;
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
		if (s->in_phase == IN_PASS) /* nothing kept: straight in */
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
	       s->hello_off < s->hello_out || s->in_off < s->in_len;
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
	if (shim->in_phase == IN_PASS && !holding(shim))
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
	if (shim->in_phase == IN_PASS && !holding(shim)) {
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
	if (!(shim->flags & F_DONE)) {
		if (br_ssl_engine_current_state(shim->eng) & BR_SSL_CLOSED)
			return STAPLE_SHIM_FAILED;
		return STAPLE_SHIM_PENDING;
	}
	if (!(shim->flags & F_REPLACED)) {
		/* cannot complete without it; never report such a thing */
		fail(shim, STAPLE_SHIM_ERR_ENGINE_STATE);
		return STAPLE_SHIM_FAILED;
	}
	if (shim->flags & F_RESUMED)
		return STAPLE_SHIM_RESUMED;
	if (shim->flags & F_STAPLED)
		return STAPLE_SHIM_STAPLED;
	return shim->flags & F_ACKED ? STAPLE_SHIM_NO_ANSWER
	                             : STAPLE_SHIM_NOT_ACKED;
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
