/*
 * fuzz_shim.c -- the stapling shim (backends/bearssl/shim.h) between a real
 * BearSSL 0.6 client engine and arbitrary server flights, with no network.
 *
 * Input: a 10-byte header, then "the flight", the server's bytes as they
 * would come off the socket.  Integers are big-endian; a header field past
 * the end reads 0.
 *
 *   offset 0  bits 0-2: the engine's X.509 class, the value modulo 5:
 *               0  br_x509_minimal with no trust anchor: the engine fails
 *                  on the Certificate message;
 *               1-4  br_x509_knownkey with the public key of
 *                  tests/fixtures/tls/leaf-ecdsa, leaf-rsa, leaf-big or
 *                  leaf-muststaple, which takes any chain: the engine goes
 *                  on to ServerKeyExchange (whose signature cannot verify:
 *                  the client random is fresh) or, with RSA key exchange,
 *                  to ServerHelloDone and sends its own flight;
 *             bit 3: the transport: 0 the shim's engine-buffer calls,
 *               1 br_sslio over staple_shim_low_read/_low_write;
 *             bit 4: offer to resume a session: the session ID, version
 *               and cipher suite of the flight's ServerHello (when it
 *               starts with one), else a fixed ID, and a fixed master
 *               secret;
 *             bit 5: give the shim a chain buffer;
 *             bit 6: ask BearSSL to pad the ClientHello (offsets 6-7);
 *             bit 7: ALPN names "h2" and "http/1.1" in the ClientHello
 *   offset 1  bits 0-1: the size of each chunk moved (below); bit 2: the
 *             engine-buffer loop serves RECVREC before SENDREC when both
 *             are set; bit 3: with br_sslio, writes fail (-1) once
 *             4 x offset 9 bytes are written; bits 4-5: the engine's hash
 *             functions: 0 (and 3) br_ssl_client_init_full()'s, 1 TLS 1.2
 *             alone without MD5 and SHA-1, 2 SHA-256 through a vtable of
 *             the application's (the layout guard must refuse it); bit 6:
 *             engine-buffer loop, at step offset 9 or later, the first
 *             time the buffer is the shim's own, ack one byte more than
 *             it gave (the shim must fail with ARGUMENT)
 *   offset 2  2 bytes: the staple buffer's capacity, 1 + (value & 0x7fff)
 *   offset 4  2 bytes: the chain buffer's capacity (0 allowed)
 *   offset 6  2 bytes: br_ssl_client_set_min_clienthello_len()
 *   offset 8  1 byte c: chunk parameter
 *   offset 9  1 byte: seed of the chunk sizes, the write budget and the
 *             step of the misuse
 *   offset 10 the flight
 *
 * Chunks: every buffer the shim (or, through br_sslio, the engine) offers
 * is filled or drained in chunks of 0: as much as it takes, 1: c + 1 bytes,
 * 2: 1 to c + 1 bytes, 3: 1 to all of it, the last two drawn from a
 * generator seeded by offsets 8-9.  The staple and chain buffers are heap
 * blocks of exactly their capacity, so a write past them trips ASan.
 *
 * Checks, after every step unless said:
 *   - staple_shim_status() is PENDING or FAILED, never a success: no flight
 *     can complete the handshake (the server's Finished would have to
 *     cover a client random drawn from the OS), and the engine never
 *     offers application data; staple_shim_staple_len() is 0;
 *   - staple_shim_error() is an enum staple_shim_err with its own text,
 *     never changes once set, is ENGINE_LAYOUT only with the foreign
 *     SHA-256 vtable (which must get it before a byte is sent) or when
 *     flight bytes went in before the ClientHello went out (BearSSL then
 *     hashes the ServerHello first), and CLIENT_HELLO only when
 *     BearSSL's ClientHello is not one record or has no room for 9 more
 *     bytes;
 *   - the shim's counters stay in their buffers: in[] never holds more
 *     than STAPLE_SHIM_IN_MAX bytes, the ServerHello no more than
 *     STAPLE_SHIM_HELLO_MAX, the staple and chain no more than their
 *     capacities; until it fails, no record over 16384 bytes is in
 *     progress;
 *   - the staple buffer holds a prefix of the first CertificateStatus's
 *     OCSPResponse and the chain buffer a prefix of the Certificate
 *     bodies, as a walk of the flight of the harness's own finds them;
 *   - after its ClientHello the engine sends nothing but alerts until the
 *     shim has replaced its transcript hash (shim.h, step 4): a second
 *     flight over BearSSL's own transcript is one no server can finish
 *     (a warning alert inside the flight once made the shim stop
 *     editing: tests/regress/fuzz_shim/);
 *   - at the end, the shim's running hash, once it has let the flight
 *     go, is that of the ClientHello as sent and the server's messages
 *     as received up to ServerHelloDone (shim.h, step 3), as the harness
 *     hashes them;
 *   - staple_shim_cert() gives slices inside the chain buffer, one entry
 *     after the other, each after its 3-byte length, no more than
 *     staple_shim_cert_count(), which is the number of entries whose
 *     length arrived when the buffer was not filled;
 *   - at the end, once the shim has failed: staple_shim_state() is
 *     BR_SSL_CLOSED, the _buf calls give NULL and *len 0, the low-level
 *     callbacks -1, and no call changes the shim or the engine;
 *   - engine-buffer loop: a state with SENDREC or RECVREC has a buffer to
 *     match (unless that very call failed the shim), and a state that is
 *     not closed has SENDREC or RECVREC;
 *   - the first record sent is BearSSL's ClientHello with one extension
 *     more, exactly 00 05 00 05 01 00 00 00 00 (status_request), last or
 *     before the padding extension, and the record, handshake and
 *     extension-list lengths grown to match;
 *   - br_sslio: br_sslio_flush() fails and so does the handshake
 *     (FAILED); a failed shim has failed the engine with BR_ERR_IO;
 *   - once per process: staple_shim_init()'s refusals of bad arguments
 *     leave a failed shim, and every error code has its own text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bearssl.h>

#include "bearssl/shim.h"
#include "harness.h"

#define HEADER_LEN 10

/* States of the shim's incoming side (in_state, private; the table at
 * the top of backends/bearssl/shim.c): from REPLACE on the flight has
 * been let go, from PASS on the engine's hash has been replaced. */
#define SHIM_IN_REPLACE 6
#define SHIM_IN_PASS 7

/* ---- the engine's fixed parts -------------------------------------------- */

/* Everything large lives here, not on the stack; one run at a time. */
static br_ssl_client_context cc;
static br_x509_minimal_context xc;
static br_x509_knownkey_context kc;
static br_sslio_context ioc;
static unsigned char iobuf[BR_SSL_BUFSIZE_BIDI];
static struct staple_shim shim;
static struct staple_shim shim_copy;
static br_ssl_client_context cc_copy;

/*
 * The public keys of the leaves in tests/fixtures/tls/ (fuzz/shim_seeds.sh
 * checks that they still are): flights served with those certificates get
 * past the Certificate message with br_x509_knownkey.
 */
static const char *const ec_hex[3] = {
	/* leaf-ecdsa */
	"04387917f198aca0b1a5721b7fa897d8ce1936b59a330af87ed9c0fe3fa441f5"
	"8357d3cb22dfce118ae56e7bda135cb1fb8c19152c04c12c6721ef8b86e3cadf48",
	/* leaf-big */
	"04d1f0def0299ef3821443385c04ac4bdc03d0bdacd9082e00d6925aad732b29"
	"b012bacb51841d4a1d9b181369c04fe04fb52a4e370f8041c1bc40365d9a4f505c",
	/* leaf-muststaple */
	"0464d51d7b38e39626d9918a4a92f5f8ce547498691029a2593ae4bfd7236131"
	"63e24371adf650398c1dc5741ca530d69726f9b864e5a2f14fac67c82dfe55df47"
};

/* leaf-rsa: the modulus; the exponent is 65537 */
static const char rsa_n_hex[] =
	"a09e99cfa4ca4ae9040eb4628a5dcffa64d57fc1d85cda549b8bf0bf007e33d0"
	"7916e263889803310d63944f1ad31e64b99b4afb443b27308a142233664b617f"
	"0538e54175163b475e16c967988fd2669564c429ad6cfcd9b0fb2e7c6da58bac"
	"f8e63f71ac18faaf29dcb2d617a3d94ff570f0fb8d815f0207b9eaa6cbed93d2"
	"3b3492d516d83003241c6f712556ad8eb3c2e4b1f4c399a0e64fa825a3578770"
	"c1e9d985d3378123bb7691233da2e1d7e5f67141513ffed1fc1977cbe857ecb3"
	"7937791211b5496943a38a80cefda6930a8cacee20709031fe051de6e418d1c8"
	"88b60acb633e06809a18992a4932e2aa23091eaebb3561f67f819a228d417591";

static unsigned char ec_q[3][65];
static unsigned char rsa_n[256];
static unsigned char rsa_e[3] = {0x01, 0x00, 0x01};
static int init_done;

/* Entropy for the engine; BearSSL 0.6 mixes in the OS's as well. */
static const unsigned char entropy[32] = "fuzz_shim: not a secret, ever.";

/* The session offered for resumption when the flight names none. */
static const unsigned char fixed_session_id[32] = {
	0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,
	0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,
	0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,
	0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a
};

static const char *alpn_names[2] = {"h2", "http/1.1"};

/* Offset 1, bits 4-5: the engine's hash functions. */
enum {
	HASHES_STANDARD, /* br_ssl_client_init_full()'s six */
	HASHES_TLS12,    /* TLS 1.2 alone, without MD5 and SHA-1 */
	HASHES_FOREIGN   /* SHA-256 through a vtable of the application's */
};
static br_hash_class sha256_copy;
static const br_hash_class *engine_impl[br_sha512_ID + 1];

static unsigned hex_nibble(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned)(c - '0');
	return (unsigned)(c - 'a' + 10);
}

static void hex_decode(unsigned char *out, size_t n, const char *hex)
{
	size_t i;

	FUZZ_REQUIRE(strlen(hex) == 2 * n);
	for (i = 0; i < n; i++)
		out[i] = (unsigned char)(hex_nibble(hex[2 * i]) << 4 |
		                         hex_nibble(hex[2 * i + 1]));
}

/* staple_shim_init()'s refusals (shim.h) leave a shim that is failed,
 * and every error has its own text. */
static void check_init_arguments(void)
{
	static struct staple_shim s;
	unsigned char b[4];
	size_t len;
	int i, j;

	for (i = 0; i < 4; i++) {
		int rc = staple_shim_init(&s, i == 0 ? NULL : &cc.eng,
		                          i == 1 ? NULL : b, i == 2 ? 0 : 1,
		                          NULL, i == 3 ? 1 : 0);

		FUZZ_REQUIRE(rc == STAPLE_SHIM_ERR_ARGUMENT);
		FUZZ_REQUIRE(staple_shim_error(&s) == STAPLE_SHIM_ERR_ARGUMENT);
		FUZZ_REQUIRE(staple_shim_state(&s) == BR_SSL_CLOSED);
		FUZZ_REQUIRE(staple_shim_status(&s) == STAPLE_SHIM_FAILED);
		len = 7;
		FUZZ_REQUIRE(staple_shim_sendrec_buf(&s, &len) == NULL &&
		             len == 0);
		len = 7;
		FUZZ_REQUIRE(staple_shim_recvrec_buf(&s, &len) == NULL &&
		             len == 0);
		FUZZ_REQUIRE(staple_shim_cert_count(&s) == 0);
	}
	for (i = STAPLE_SHIM_OK; i <= STAPLE_SHIM_ERR_IO; i++) {
		FUZZ_REQUIRE(strcmp(staple_shim_strerror(i),
		                    staple_shim_strerror(-1)) != 0);
		for (j = STAPLE_SHIM_OK; j < i; j++)
			FUZZ_REQUIRE(strcmp(staple_shim_strerror(i),
			                    staple_shim_strerror(j)) != 0);
	}
}

static void init_once(void)
{
	size_t i;

	if (init_done)
		return;
	check_init_arguments();
	for (i = 0; i < 3; i++)
		hex_decode(ec_q[i], sizeof ec_q[i], ec_hex[i]);
	hex_decode(rsa_n, sizeof rsa_n, rsa_n_hex);
	init_done = 1;
}

/* ---- the input ----------------------------------------------------------- */

struct setup {
	unsigned x509;   /* 0 minimal, 1-4 a known key */
	int sslio, resume, chain, pad, alpn;
	unsigned chunking, c, hashes;
	int recv_first, write_fails, misuse;
	size_t staple_cap, chain_cap, min_hello, write_budget, misuse_step;
	uint32_t rng;
};

static unsigned byte_at(const uint8_t *data, size_t size, size_t i)
{
	return i < size ? data[i] : 0;
}

static unsigned get16(const uint8_t *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static size_t get24(const uint8_t *p)
{
	return (size_t)p[0] << 16 | (size_t)p[1] << 8 | p[2];
}

static void read_setup(struct setup *st, const uint8_t *data, size_t size)
{
	unsigned b0 = byte_at(data, size, 0), b1 = byte_at(data, size, 1);

	memset(st, 0, sizeof *st);
	st->x509 = (b0 & 7u) % 5u;
	st->sslio = (b0 & 0x08u) != 0;
	st->resume = (b0 & 0x10u) != 0;
	st->chain = (b0 & 0x20u) != 0;
	st->pad = (b0 & 0x40u) != 0;
	st->alpn = (b0 & 0x80u) != 0;
	st->chunking = b1 & 3u;
	st->recv_first = (b1 & 0x04u) != 0;
	st->write_fails = (b1 & 0x08u) != 0;
	st->hashes = (b1 >> 4) & 3u;
	st->misuse = (b1 & 0x40u) != 0;
	st->staple_cap = 1 + ((byte_at(data, size, 2) << 8 |
	                       byte_at(data, size, 3)) & 0x7fffu);
	st->chain_cap = byte_at(data, size, 4) << 8 | byte_at(data, size, 5);
	st->min_hello = byte_at(data, size, 6) << 8 | byte_at(data, size, 7);
	st->c = byte_at(data, size, 8);
	st->write_budget = 4 * (size_t)byte_at(data, size, 9);
	st->misuse_step = byte_at(data, size, 9);
	st->rng = UINT32_C(0x9e3779b9) ^
	          ((uint32_t)byte_at(data, size, 9) << 8 | st->c);
}

/* A chunk of at most max (> 0) bytes, at least 1. */
static size_t chunk(struct setup *st, size_t max)
{
	size_t n;

	switch (st->chunking) {
	case 0:
		return max;
	case 1:
		n = (size_t)st->c + 1;
		break;
	default:
		/* xorshift32: cheap, and the same sizes every replay */
		st->rng ^= st->rng << 13;
		st->rng ^= st->rng >> 17;
		st->rng ^= st->rng << 5;
		n = 1 + st->rng % (st->chunking == 2 ? (uint32_t)st->c + 1
		                                     : (uint32_t)(max > 65536
		                                                  ? 65536
		                                                  : max));
		break;
	}
	return n < max ? n : max;
}

/* ---- the flight, walked by the harness ----------------------------------- */

/*
 * What the shim may have seen of the flight: the handshake stream carried
 * by the records up to the first one that is neither a handshake record
 * nor an alert (RFC 5246 6.2.1; an alert goes to the engine between
 * messages and the flight goes on), cut into messages (7.4).  More
 * lenient than the shim, which stops earlier, so what it keeps is always
 * a prefix of this.
 */
struct model {
	uint8_t *hs, *certs;
	size_t hs_n, certs_n;
	const uint8_t *status; /* the first CertificateStatus, after 01 + len */
	size_t status_n;
	int has_hello; /* the first message is a ServerHello with these: */
	unsigned hello_version, hello_suite;
	const uint8_t *hello_sid;
	size_t hello_sid_n;
};

static void model_build(struct model *m, const uint8_t *f, size_t n)
{
	const uint8_t *q;
	size_t left;
	int first = 1;

	memset(m, 0, sizeof *m);
	m->hs = malloc(n > 0 ? n : 1);
	m->certs = malloc(n > 0 ? n : 1);
	FUZZ_REQUIRE(m->hs != NULL && m->certs != NULL);
	while (n >= 5 && (f[0] == 22 || f[0] == 21)) {
		size_t len = get16(f + 3), take = len < n - 5 ? len : n - 5;

		if (f[0] == 22) {
			memcpy(m->hs + m->hs_n, f + 5, take);
			m->hs_n += take;
		}
		f += 5 + take;
		n -= 5 + take;
		if (take < len)
			break;
	}
	q = m->hs;
	left = m->hs_n;
	while (left >= 4) {
		size_t len = get24(q + 1), bl = len < left - 4 ? len : left - 4;
		const uint8_t *body = q + 4;

		if (q[0] == 11) {
			memcpy(m->certs + m->certs_n, body, bl);
			m->certs_n += bl;
		}
		if (q[0] == 22 && m->status == NULL) {
			m->status = body + (bl >= 4 ? 4 : bl);
			m->status_n = bl >= 4 ? bl - 4 : 0;
		}
		if (first && q[0] == 2 && bl >= 35 && body[34] <= 32 &&
		    bl >= 35u + body[34] + 2) {
			m->has_hello = 1;
			m->hello_version = get16(body);
			m->hello_sid = body + 35;
			m->hello_sid_n = body[34];
			m->hello_suite = get16(body + 35 + body[34]);
		}
		first = 0;
		q += 4 + bl;
		left -= 4 + bl;
	}
}

static void model_free(struct model *m)
{
	free(m->hs);
	free(m->certs);
}

/* What the checks remember from one step to the next. */
struct watch {
	size_t chain_len, staple_len, cert_count;
	int err;
	int fed_early; /* flight bytes went in before the ClientHello out */
	int misused;   /* the harness acked more than it was given */
};

/* ---- the ClientHello ----------------------------------------------------- */

/* BearSSL's record, before the shim, and what went out instead. */
static unsigned char orig_ch[BR_SSL_BUFSIZE_OUTPUT];
static size_t orig_ch_n;
static unsigned char sent_ch[BR_SSL_BUFSIZE_OUTPUT + 16];
static size_t sent_n;
static int ch_checked;

/* The extension list of a ClientHello record rec[0..n) (RFC 5246
 * 7.4.1.2), as *ext, *ext_n; the bytes before it as the return value
 * (their length); 0 when the record is not one well-formed ClientHello. */
static size_t hello_split(const unsigned char *rec, size_t n,
                          const unsigned char **ext, size_t *ext_n)
{
	size_t off = 5 + 4 + 2 + 32, k;

	*ext = NULL;
	*ext_n = 0;
	if (n < off + 1 || rec[0] != 22 || rec[1] != 3 ||
	    get16(rec + 3) != n - 5 || rec[5] != 1 || get24(rec + 6) != n - 9)
		return 0;
	k = rec[off];
	if (k > 32 || n - off - 1 < k + 2)
		return 0;
	off += 1 + k;
	k = get16(rec + off);
	if (k == 0 || k % 2 != 0 || n - off - 2 < k + 1)
		return 0;
	off += 2 + k;
	k = rec[off];
	if (k == 0 || n - off - 1 < k)
		return 0;
	off += 1 + k;
	if (off == n)
		return off; /* no extension block */
	if (n - off < 2 || get16(rec + off) != n - off - 2)
		return 0;
	*ext = rec + off + 2;
	*ext_n = n - off - 2;
	return off;
}

static void check_client_hello(const struct setup *st)
{
	static const unsigned char status_request[9] = {
		0x00, 0x05, 0x00, 0x05, 0x01, 0x00, 0x00, 0x00, 0x00
	};
	const unsigned char *oext, *sext, *q, *found = NULL;
	size_t opre, spre, oext_n, sext_n, left, found_at = 0;

	opre = hello_split(orig_ch, orig_ch_n, &oext, &oext_n);
	spre = hello_split(sent_ch, sent_n, &sext, &sext_n);
	if (spre == 0)
		fuzz_fail("the first record sent is not one ClientHello with "
		          "consistent record, handshake and extension lengths "
		          "(%zu bytes)",
		          sent_n);
	FUZZ_REQUIRE(opre != 0);
	FUZZ_REQUIRE(sext != NULL);
	/* record type and version, then the body up to the extensions */
	FUZZ_REQUIRE(spre == opre);
	FUZZ_REQUIRE(memcmp(sent_ch, orig_ch, 3) == 0);
	FUZZ_REQUIRE(memcmp(sent_ch + 9, orig_ch + 9, opre - 9) == 0);
	FUZZ_REQUIRE(sent_n == orig_ch_n + (oext == NULL ? 11 : 9));
	if (st->resume)
		FUZZ_REQUIRE(sent_ch[9 + 34] != 0);

	/* every extension well formed; exactly one status_request */
	for (q = sext, left = sext_n; left > 0;) {
		size_t len;

		if (left < 4 || left - 4 < get16(q + 2))
			fuzz_fail("ClientHello extension at %zu runs past the "
			          "list",
			          (size_t)(q - sext));
		len = get16(q + 2);
		if (get16(q) == 5) {
			if (found != NULL)
				fuzz_fail("two status_request extensions");
			found = q;
			found_at = (size_t)(q - sext);
		}
		if (get16(q) == 21 && left != 4 + len)
			fuzz_fail("the padding extension is not last");
		q += 4 + len;
		left -= 4 + len;
	}
	if (found == NULL || memcmp(found, status_request, 9) != 0)
		fuzz_fail("no status_request 00 05 00 05 01 00 00 00 00");
	/* the rest is BearSSL's list, in its order */
	FUZZ_REQUIRE(sext_n == oext_n + 9);
	FUZZ_REQUIRE(oext == NULL ||
	             (memcmp(sext, oext, found_at) == 0 &&
	              memcmp(found + 9, oext + found_at,
	                     oext_n - found_at) == 0));
	/* last, or right before the padding extension */
	if (found_at + 9 != sext_n && get16(found + 9) != 21)
		fuzz_fail("status_request is neither last nor before padding");
	ch_checked = 1;
}

/*
 * What the engine sends after its ClientHello goes out as it is; a record
 * of its next flight (ClientKeyExchange on, or the ChangeCipherSpec and
 * Finished of a resumption) means it took ServerHelloDone, or the
 * server's ChangeCipherSpec, and has finished its transcript: by then the
 * shim must have replaced the engine's hash (shim.h, step 4; in_state
 * PASS or later), or the server's Finished can never verify and no server
 * can complete the handshake.  Alerts may go out at any time.
 */
static unsigned char out_hdr[5];
static size_t out_hdr_n, out_left;

static void sent_after_hello(const struct watch *w, const unsigned char *p,
                             size_t n)
{
	while (n > 0) {
		size_t k;

		if (out_left == 0) {
			k = 5 - out_hdr_n < n ? 5 - out_hdr_n : n;
			memcpy(out_hdr + out_hdr_n, p, k);
			out_hdr_n += k;
			p += k;
			n -= k;
			if (out_hdr_n < 5)
				continue;
			out_hdr_n = 0;
			out_left = get16(out_hdr + 3);
			if (out_hdr[0] != 21 && shim.in_state < SHIM_IN_PASS &&
			    !w->fed_early)
				fuzz_fail("the engine sends a record of type "
				          "%u over a transcript the shim "
				          "never replaced",
				          out_hdr[0]);
			continue;
		}
		k = out_left < n ? out_left : n;
		p += k;
		n -= k;
		out_left -= k;
	}
}

/* Bytes that went out; the first record is checked once it is whole. */
static void sent(const struct setup *st, const struct watch *w,
                 const unsigned char *p, size_t n)
{
	size_t want, k;

	if (ch_checked) {
		sent_after_hello(w, p, n);
		return;
	}
	k = n < sizeof sent_ch - sent_n ? n : sizeof sent_ch - sent_n;
	memcpy(sent_ch + sent_n, p, k);
	sent_n += k;
	if (sent_n < 5)
		return;
	want = 5 + (size_t)get16(sent_ch + 3);
	if (want > 5 + 16384)
		fuzz_fail("the first record sent is %zu bytes long", want - 5);
	if (sent_n < want)
		return;
	k -= sent_n - want;
	sent_n = want;
	check_client_hello(st);
	sent_after_hello(w, p + k, n - k);
}

/* Why the shim may refuse BearSSL's ClientHello: it is not one record
 * holding one message, or the record cannot grow by 9 (or 11) bytes. */
static int hello_refusable(void)
{
	const unsigned char *ext;
	size_t ext_n, pre = hello_split(orig_ch, orig_ch_n, &ext, &ext_n);

	return pre == 0 || orig_ch_n - 5 + (ext == NULL ? 11 : 9) > 16384;
}

/* ---- the invariants ------------------------------------------------------ */

static unsigned char *staple_buf, *chain_buf;

static void check_certs(const struct setup *st)
{
	size_t count = staple_shim_cert_count(&shim), i, prev_end = 3;
	size_t off, entries;

	for (i = 0;; i++) {
		size_t len = 7;
		const unsigned char *p = staple_shim_cert(&shim, i, &len);
		size_t at;

		if (p == NULL) {
			FUZZ_REQUIRE(len == 0);
			break;
		}
		FUZZ_REQUIRE(chain_buf != NULL);
		at = fuzz_offset(p, chain_buf);
		/* each one right after the previous and its own length */
		if (at != prev_end + 3 || at > shim.chain_len ||
		    len > shim.chain_len - at)
			fuzz_fail("certificate %zu at %zu, %zu bytes: not the "
			          "next entry of the chain's %zu bytes",
			          i, at, len, shim.chain_len);
		FUZZ_REQUIRE(get24(chain_buf + at - 3) == len);
		prev_end = at + len;
	}
	if (i > count)
		fuzz_fail("staple_shim_cert() gives %zu certificates, "
		          "staple_shim_cert_count() %zu",
		          i, count);
	/* well past the end too */
	{
		size_t len = 7;
		FUZZ_REQUIRE(staple_shim_cert(&shim, i + 1, &len) == NULL &&
		             len == 0);
		len = 7;
		FUZZ_REQUIRE(staple_shim_cert(&shim, (size_t)-1, &len) ==
		                     NULL &&
		             len == 0);
	}
	if (!st->chain || shim.chain_len >= st->chain_cap)
		return;
	/* nothing was left out: the count is the entries whose length
	 * arrived, and the complete ones are all listed */
	entries = 0;
	for (off = 3; shim.chain_len >= 3 && shim.chain_len - off >= 3;) {
		size_t len = get24(chain_buf + off);
		entries++;
		if (shim.chain_len - off - 3 < len)
			break;
		off += 3 + len;
	}
	if (entries != count)
		fuzz_fail("staple_shim_cert_count() is %zu, the chain buffer "
		          "holds %zu entries",
		          count, entries);
}

static void check_shim(const struct setup *st, const struct model *m,
                       struct watch *w)
{
	int err = staple_shim_error(&shim), status;

	if (err < STAPLE_SHIM_OK || err > STAPLE_SHIM_ERR_IO ||
	    strcmp(staple_shim_strerror(err), staple_shim_strerror(-1)) == 0)
		fuzz_fail("staple_shim_error() = %d", err);
	/* The layout guard: a hash vtable of the application's fails closed
	 * before a byte is sent.  BearSSL also reads a ServerHello that comes
	 * before its ClientHello is out, and then its hash is no longer the
	 * ClientHello's. */
	if (st->hashes == HASHES_FOREIGN) {
		if (sent_n != 0)
			fuzz_fail("%zu bytes sent with a foreign SHA-256 "
			          "vtable",
			          sent_n);
		if (err != 0 && err != STAPLE_SHIM_ERR_ENGINE_LAYOUT &&
		    err != STAPLE_SHIM_ERR_CLIENT_HELLO && !w->fed_early &&
		    !w->misused)
			fuzz_fail("a foreign SHA-256 vtable gives error %d",
			          err);
	} else if (err == STAPLE_SHIM_ERR_ENGINE_LAYOUT && !w->fed_early) {
		fuzz_fail("ENGINE_LAYOUT with BearSSL's own hash functions");
	}
	if (err == STAPLE_SHIM_ERR_CLIENT_HELLO && !hello_refusable())
		fuzz_fail("CLIENT_HELLO on BearSSL's own %zu-byte ClientHello",
		          orig_ch_n);
	if (w->err != 0 && err != w->err)
		fuzz_fail("the error changed from %d to %d", w->err, err);
	w->err = err;

	status = staple_shim_status(&shim);
	if (status != STAPLE_SHIM_PENDING && status != STAPLE_SHIM_FAILED)
		fuzz_fail("staple_shim_status() = %d on a made-up flight",
		          status);
	if (err != 0 && status != STAPLE_SHIM_FAILED)
		fuzz_fail("error %d, status %d", err, status);
	if (staple_shim_staple_len(&shim) != 0)
		fuzz_fail("staple_shim_staple_len() = %zu before a handshake",
		          staple_shim_staple_len(&shim));

	/* the counters of the private struct stay inside their buffers */
	FUZZ_REQUIRE(shim.in_off <= shim.in_len);
	FUZZ_REQUIRE(shim.in_len <= STAPLE_SHIM_IN_MAX);
	FUZZ_REQUIRE(shim.rec_hdr_len < 5);
	FUZZ_REQUIRE(shim.msg_hdr_len <= 4);
	/* a record header the shim refuses stays where it was read */
	FUZZ_REQUIRE(err != 0 ||
	             (shim.rec_left <= 16384 && shim.out_rec_left <= 16384));
	FUZZ_REQUIRE(shim.hello_len <= 4 + STAPLE_SHIM_HELLO_MAX);
	FUZZ_REQUIRE(shim.hello_off <= shim.hello_len);
	FUZZ_REQUIRE(shim.out_small_off <= shim.out_small_len &&
	             shim.out_small_len <= sizeof shim.out_small);
	FUZZ_REQUIRE(shim.status_hdr_len <= 4);
	FUZZ_REQUIRE(shim.session_id_len <= 32);
	FUZZ_REQUIRE(shim.pieces <= 6 && shim.piece_at <= shim.pieces);
	FUZZ_REQUIRE(shim.staple_len <= shim.staple_cap &&
	             shim.staple_cap == st->staple_cap);
	FUZZ_REQUIRE(shim.chain_len <= shim.chain_cap);

	/* what was kept is what the flight carries, and only grows */
	if (shim.staple_len > 0 &&
	    (shim.staple_len > m->status_n ||
	     memcmp(staple_buf, m->status, shim.staple_len) != 0))
		fuzz_fail("the staple buffer's %zu bytes are not the start of "
		          "the flight's first CertificateStatus (%zu bytes)",
		          shim.staple_len, m->status_n);
	if (shim.chain_len > 0 &&
	    (shim.chain_len > m->certs_n ||
	     memcmp(chain_buf, m->certs, shim.chain_len) != 0))
		fuzz_fail("the chain buffer's %zu bytes are not the start of "
		          "the flight's Certificate bodies (%zu bytes)",
		          shim.chain_len, m->certs_n);
	FUZZ_REQUIRE(shim.chain_len >= w->chain_len);
	FUZZ_REQUIRE(shim.staple_len >= w->staple_len);
	FUZZ_REQUIRE(staple_shim_cert_count(&shim) >= w->cert_count);
	w->chain_len = shim.chain_len;
	w->staple_len = shim.staple_len;
	w->cert_count = staple_shim_cert_count(&shim);
	check_certs(st);
}

/*
 * Once the shim has let the flight go (after ServerHelloDone or a resumed
 * session's ChangeCipherSpec; in_state REPLACE or later), its running
 * hash is the real transcript (shim.h, step 3): the
 * ClientHello as sent, then the server's messages as they came, up to but
 * not including ServerHelloDone, which the engine hashes itself.  Skipped
 * when flight bytes went in before the ClientHello was out: then no
 * transcript is real.
 */
static void check_transcript(const struct model *m, int fed_early)
{
	br_multihash_context h;
	unsigned char ours[64], theirs[64];
	const uint8_t *q = m->hs;
	size_t left = m->hs_n;
	int id;

	if (staple_shim_error(&shim) != 0 ||
	    shim.in_state < SHIM_IN_REPLACE || !ch_checked || fed_early)
		return;
	while (left >= 4 && q[0] != 14 && get24(q + 1) <= left - 4) {
		left -= 4 + get24(q + 1);
		q += 4 + get24(q + 1);
	}
	br_multihash_zero(&h);
	for (id = br_md5_ID; id <= br_sha512_ID; id++)
		br_multihash_setimpl(&h, id, engine_impl[id]);
	br_multihash_init(&h);
	br_multihash_update(&h, sent_ch + 5, sent_n - 5);
	br_multihash_update(&h, m->hs, (size_t)(q - m->hs));
	for (id = br_md5_ID; id <= br_sha512_ID; id++) {
		size_t n = br_multihash_out(&h, id, ours);

		if (n != br_multihash_out(&shim.mhash, id, theirs) ||
		    memcmp(ours, theirs, n) != 0)
			fuzz_fail("the shim's transcript hash %d is not "
			          "that of the ClientHello sent and the %zu "
			          "bytes of server messages before "
			          "ServerHelloDone",
			          id, (size_t)(q - m->hs));
	}
}

static int no_read(void *ctx, unsigned char *buf, size_t len)
{
	(void)ctx;
	(void)buf;
	fuzz_fail("a failed shim read from the transport (%zu bytes)", len);
}

static int no_write(void *ctx, const unsigned char *buf, size_t len)
{
	(void)ctx;
	(void)buf;
	fuzz_fail("a failed shim wrote to the transport (%zu bytes)", len);
}

/* A failed shim is closed for good, and nothing it is asked changes it. */
static void check_failed(void)
{
	unsigned char b[8];
	size_t len;

	if (staple_shim_error(&shim) == 0)
		return;
	staple_shim_set_io(&shim, no_read, NULL, no_write, NULL);
	memcpy(&shim_copy, &shim, sizeof shim);
	memcpy(&cc_copy, &cc, sizeof cc);
	if (staple_shim_state(&shim) != BR_SSL_CLOSED)
		fuzz_fail("failed, but staple_shim_state() is not CLOSED");
	len = 7;
	FUZZ_REQUIRE(staple_shim_sendrec_buf(&shim, &len) == NULL && len == 0);
	len = 7;
	FUZZ_REQUIRE(staple_shim_recvrec_buf(&shim, &len) == NULL && len == 0);
	staple_shim_sendrec_ack(&shim, 1);
	staple_shim_recvrec_ack(&shim, 1);
	FUZZ_REQUIRE(staple_shim_low_read(&shim, b, sizeof b) == -1);
	FUZZ_REQUIRE(staple_shim_low_write(&shim, b, sizeof b) == -1);
	FUZZ_REQUIRE(staple_shim_status(&shim) == STAPLE_SHIM_FAILED);
	FUZZ_REQUIRE(staple_shim_staple_len(&shim) == 0);
	if (memcmp(&shim_copy, &shim, sizeof shim) != 0)
		fuzz_fail("a call on a failed shim changed it");
	if (memcmp(&cc_copy, &cc, sizeof cc) != 0)
		fuzz_fail("a call on a failed shim changed the engine");
}

/* ---- the two transports -------------------------------------------------- */

struct io {
	struct setup *st;
	const struct model *m;
	struct watch *w;
	const uint8_t *p;
	size_t n, written;
};

/*
 * Offset 1 bit 6: at step offset 9 or later, the first time the buffer is
 * the shim's own (the ClientHello's pieces, or in[] while the flight is
 * parsed), ack one byte more than it gave: the shim fails closed.
 */
static int misuse_now(const struct setup *st, const struct watch *w,
                      size_t steps)
{
	return st->misuse && !w->misused && steps >= st->misuse_step;
}

static void expect_misuse(struct watch *w)
{
	w->misused = 1;
	if (staple_shim_error(&shim) != STAPLE_SHIM_ERR_ARGUMENT)
		fuzz_fail("an ack past the buffer gives error %d, not ARGUMENT",
		          staple_shim_error(&shim));
}

/*
 * The engine-buffer interface, as a non-blocking application drives it.
 * Each step moves at least one byte one way, so the steps are bounded by
 * the input and what the engine sends.
 */
static void run_buffers(struct setup *st, struct io *io,
                        const struct model *m, struct watch *w)
{
	size_t steps, bound = 2 * io->n + 65536;

	for (steps = 0;; steps++) {
		unsigned state = staple_shim_state(&shim);
		int can_send, can_recv;
		size_t len;

		if (steps > bound)
			fuzz_fail("%zu steps for %zu bytes of flight", steps,
			          io->n);
		check_shim(st, m, w);
		if (state & BR_SSL_CLOSED)
			break;
		if (state & (BR_SSL_SENDAPP | BR_SSL_RECVAPP))
			fuzz_fail("application data on a made-up flight "
			          "(state 0x%x)",
			          state);
		can_send = (state & BR_SSL_SENDREC) != 0;
		can_recv = (state & BR_SSL_RECVREC) != 0 && io->n > 0;
		if (!can_send && !(state & BR_SSL_RECVREC))
			fuzz_fail("state 0x%x: not closed, nothing to move",
			          state);
		if (can_send && !(can_recv && st->recv_first)) {
			const unsigned char *buf;

			buf = staple_shim_sendrec_buf(&shim, &len);
			if (buf == NULL) {
				FUZZ_REQUIRE(len == 0);
				if (staple_shim_error(&shim) == 0)
					fuzz_fail("SENDREC, but no record to "
					          "send");
				continue;
			}
			FUZZ_REQUIRE(len > 0);
			/* out_phase, private, is 1 while the ClientHello's
			 * pieces are the shim's to give */
			if (misuse_now(st, w, steps) && shim.out_phase == 1) {
				staple_shim_sendrec_ack(&shim, len + 1);
				expect_misuse(w);
				continue;
			}
			len = chunk(st, len);
			sent(st, w, buf, len);
			staple_shim_sendrec_ack(&shim, len);
		} else if (can_recv) {
			unsigned char *buf;

			buf = staple_shim_recvrec_buf(&shim, &len);

			if (buf == NULL) {
				FUZZ_REQUIRE(len == 0);
				if (staple_shim_error(&shim) == 0)
					fuzz_fail("RECVREC, but no buffer to "
					          "fill");
				continue;
			}
			FUZZ_REQUIRE(len > 0 && len <= sizeof iobuf);
			if (misuse_now(st, w, steps) && buf == shim.in) {
				staple_shim_recvrec_ack(&shim, len + 1);
				expect_misuse(w);
				continue;
			}
			if (!ch_checked)
				w->fed_early = 1;
			len = chunk(st, len < io->n ? len : io->n);
			memcpy(buf, io->p, len);
			io->p += len;
			io->n -= len;
			staple_shim_recvrec_ack(&shim, len);
		} else {
			break; /* the flight is over; the engine waits */
		}
	}
	check_shim(st, m, w);
}

/* br_sslio's callbacks, given to the shim as its transport. */
static int io_read(void *ctx, unsigned char *buf, size_t len)
{
	struct io *io = ctx;

	FUZZ_REQUIRE(buf != NULL && len > 0);
	check_shim(io->st, io->m, io->w);
	if (io->n == 0)
		return -1;
	if (!ch_checked)
		io->w->fed_early = 1;
	len = chunk(io->st, len < io->n ? len : io->n);
	if (len > 0x7fffffff)
		len = 0x7fffffff;
	memcpy(buf, io->p, len);
	io->p += len;
	io->n -= len;
	return (int)len;
}

static int io_write(void *ctx, const unsigned char *buf, size_t len)
{
	struct io *io = ctx;

	FUZZ_REQUIRE(buf != NULL && len > 0);
	check_shim(io->st, io->m, io->w);
	if (io->st->write_fails && io->written >= io->st->write_budget)
		return -1;
	len = chunk(io->st, len);
	if (io->st->write_fails && len > io->st->write_budget - io->written)
		len = io->st->write_budget - io->written;
	if (len > 0x7fffffff)
		len = 0x7fffffff;
	sent(io->st, io->w, buf, len);
	io->written += len;
	return (int)len;
}

static void run_sslio(struct setup *st, struct io *io, const struct model *m,
                      struct watch *w)
{
	unsigned char app[64];

	staple_shim_set_io(&shim, io_read, io, io_write, io);
	br_sslio_init(&ioc, &cc.eng, staple_shim_low_read, &shim,
	              staple_shim_low_write, &shim);
	if (br_sslio_flush(&ioc) != -1)
		fuzz_fail("br_sslio_flush() completed a made-up handshake");
	check_shim(st, m, w);
	if (br_sslio_read(&ioc, app, sizeof app) != -1)
		fuzz_fail("br_sslio_read() read application data");
	check_shim(st, m, w);
	if (staple_shim_status(&shim) != STAPLE_SHIM_FAILED)
		fuzz_fail("br_sslio failed, the shim says %d",
		          staple_shim_status(&shim));
	/* the shim fails closed: its -1 fails the engine with BR_ERR_IO */
	if (staple_shim_error(&shim) != 0 &&
	    br_ssl_engine_last_error(&cc.eng) != BR_ERR_IO)
		fuzz_fail("the shim failed (%d), the engine says %d",
		          staple_shim_error(&shim),
		          br_ssl_engine_last_error(&cc.eng));
}

/* ---- the run ------------------------------------------------------------- */

/*
 * br_ssl_client_init_full() asks the CPU for AES-NI and friends each time
 * (CPUID, which a virtual machine traps: a tenth of a run); so it runs
 * once, and each run starts from a copy of what it made.  The contexts
 * point into themselves and at each other, so the copies go back into
 * the same objects, never elsewhere.
 */
static br_ssl_client_context cc_fresh;
static br_x509_minimal_context xc_fresh;
static int fresh_ready;

static void engine_setup(const struct setup *st, const struct model *m)
{
	int id;

	if (!fresh_ready) {
		br_ssl_client_init_full(&cc, &xc, NULL, 0);
		br_ssl_engine_set_buffer(&cc.eng, iobuf, sizeof iobuf, 1);
		memcpy(&cc_fresh, &cc, sizeof cc);
		memcpy(&xc_fresh, &xc, sizeof xc);
		fresh_ready = 1;
	}
	memcpy(&cc, &cc_fresh, sizeof cc);
	memcpy(&xc, &xc_fresh, sizeof xc);
	if (st->x509 == 2) {
		br_rsa_public_key pk;

		pk.n = rsa_n;
		pk.nlen = sizeof rsa_n;
		pk.e = rsa_e;
		pk.elen = sizeof rsa_e;
		br_x509_knownkey_init_rsa(&kc, &pk,
		                          BR_KEYTYPE_KEYX | BR_KEYTYPE_SIGN);
	} else if (st->x509 != 0) {
		br_ec_public_key pk;
		static const unsigned which[5] = {0, 0, 0, 1, 2};

		pk.curve = BR_EC_secp256r1;
		pk.q = ec_q[which[st->x509]];
		pk.qlen = sizeof ec_q[0];
		br_x509_knownkey_init_ec(&kc, &pk,
		                         BR_KEYTYPE_KEYX | BR_KEYTYPE_SIGN);
	}
	if (st->x509 != 0)
		br_ssl_engine_set_x509(&cc.eng, &kc.vtable);
	if (st->hashes == HASHES_TLS12) {
		br_ssl_engine_set_versions(&cc.eng, BR_TLS12, BR_TLS12);
		br_ssl_engine_set_hash(&cc.eng, br_md5_ID, NULL);
		br_ssl_engine_set_hash(&cc.eng, br_sha1_ID, NULL);
	} else if (st->hashes == HASHES_FOREIGN) {
		sha256_copy = br_sha256_vtable;
		br_ssl_engine_set_hash(&cc.eng, br_sha256_ID, &sha256_copy);
	}
	for (id = br_md5_ID; id <= br_sha512_ID; id++)
		engine_impl[id] = br_multihash_getimpl(&cc.eng.mhash, id);
	br_ssl_engine_inject_entropy(&cc.eng, entropy, sizeof entropy);
	if (st->alpn)
		br_ssl_engine_set_protocol_names(&cc.eng, alpn_names, 2);
	if (st->pad)
		br_ssl_client_set_min_clienthello_len(&cc,
		                                      (uint16_t)st->min_hello);
	if (st->resume) {
		br_ssl_session_parameters sp;

		memset(&sp, 0, sizeof sp);
		if (m->has_hello && m->hello_sid_n > 0) {
			memcpy(sp.session_id, m->hello_sid, m->hello_sid_n);
			sp.session_id_len = (unsigned char)m->hello_sid_n;
			sp.version = (uint16_t)m->hello_version;
			sp.cipher_suite = (uint16_t)m->hello_suite;
		} else {
			memcpy(sp.session_id, fixed_session_id, 32);
			sp.session_id_len = 32;
			sp.version = BR_TLS12;
			sp.cipher_suite =
				BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
		}
		memset(sp.master_secret, 0x4d, sizeof sp.master_secret);
		br_ssl_engine_set_session_parameters(&cc.eng, &sp);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct setup st;
	struct model m;
	struct watch w;
	struct io io;
	const unsigned char *rec;
	int rc;

	init_once();
	read_setup(&st, data, size);
	memset(&io, 0, sizeof io);
	memset(&w, 0, sizeof w);
	io.st = &st;
	io.m = &m;
	io.w = &w;
	io.p = data + (size < HEADER_LEN ? size : HEADER_LEN);
	io.n = size < HEADER_LEN ? 0 : size - HEADER_LEN;
	model_build(&m, io.p, io.n);

	/* exact sizes: ASan sees a byte written past either buffer (a
	 * malloc(0) that gives NULL makes "no chain buffer" of capacity 0) */
	staple_buf = malloc(st.staple_cap);
	chain_buf = st.chain ? malloc(st.chain_cap) : NULL;
	FUZZ_REQUIRE(staple_buf != NULL &&
	             (!st.chain || chain_buf != NULL || st.chain_cap == 0));

	engine_setup(&st, &m);
	rc = staple_shim_init(&shim, &cc.eng, staple_buf, st.staple_cap,
	                      chain_buf, chain_buf != NULL ? st.chain_cap : 0);
	FUZZ_REQUIRE(rc == 0 && staple_shim_error(&shim) == 0);
	(void)br_ssl_client_reset(&cc, "example.com", st.resume);

	/* BearSSL's ClientHello, to compare with what the shim sends */
	orig_ch_n = 0;
	sent_n = 0;
	ch_checked = 0;
	out_hdr_n = out_left = 0;
	rec = br_ssl_engine_sendrec_buf(&cc.eng, &orig_ch_n);
	if (rec == NULL)
		orig_ch_n = 0;
	else
		memcpy(orig_ch, rec, orig_ch_n);

	if (st.sslio)
		run_sslio(&st, &io, &m, &w);
	else
		run_buffers(&st, &io, &m, &w);
	check_failed();
	check_shim(&st, &m, &w);
	check_transcript(&m, w.fed_early);

	model_free(&m);
	free(chain_buf);
	free(staple_buf);
	chain_buf = staple_buf = NULL;
	return 0;
}
