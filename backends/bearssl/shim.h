/*
 * shim.h -- OCSP stapling for a stock BearSSL 0.6 client, without patching
 * BearSSL.
 *
 * BearSSL 0.6 neither asks for nor accepts a stapled OCSP response: its
 * ClientHello has no status_request extension, an unrequested extension
 * in the ServerHello fails the handshake (BR_ERR_EXTRA_EXTENSION) and so
 * does a CertificateStatus message (BR_ERR_UNEXPECTED).  The shim sits
 * between the engine and the socket, where the application moves records
 * anyway, and:
 *
 *   1. adds status_request (RFC 6066 section 8: 00 05 00 05 01 00 00 00 00)
 *      to the ClientHello on its way out, fixing the record, handshake and
 *      extension-list lengths (before a padding extension, if any);
 *   2. reassembles the server's first flight, removes extension 5 from the
 *      ServerHello and the whole CertificateStatus message, keeps the
 *      OCSPResponse it carries, and hands the other messages to the engine
 *      re-framed one per record (at most 16384 bytes, the record version
 *      the server used);
 *   3. keeps its own running hash of the real transcript: the ClientHello
 *      as sent and the server's messages as received;
 *   4. overwrites the engine's handshake hash with it once, when the
 *      engine asks for the header of the record that holds
 *      ServerHelloDone (full handshake) or the server's ChangeCipherSpec
 *      (resumption).  BearSSL reads that hash only for the Finished
 *      messages and a client CertificateVerify, all later;
 *   5. passes everything through unchanged afterwards.
 *
 * So the server's Finished covers the real transcript: a staple that was
 * changed, dropped or injected on the way breaks the handshake, and the
 * staple is handed out only once the handshake has completed.
 *
 * TWO WAYS TO USE IT
 *
 *   With br_sslio (blocking): put staple_shim_low_read/_low_write where
 *   br_sslio_init() takes the low-level callbacks, with the shim as their
 *   context; give the shim your own callbacks.
 *
 *       br_ssl_client_context cc;   br_x509_minimal_context xc;
 *       br_sslio_context ioc;       struct staple_shim shim;
 *       unsigned char iobuf[BR_SSL_BUFSIZE_BIDI], staple[4096];
 *
 *       br_ssl_client_init_full(&cc, &xc, anchors, n_anchors);
 *       br_ssl_engine_set_buffer(&cc.eng, iobuf, sizeof iobuf, 1);
 *       staple_shim_init(&shim, &cc.eng, staple, sizeof staple, NULL, 0);
 *       staple_shim_set_io(&shim, sock_read, &fd, sock_write, &fd);
 *       br_ssl_client_reset(&cc, "example.com", 0);
 *       br_sslio_init(&ioc, &cc.eng, staple_shim_low_read, &shim,
 *                     staple_shim_low_write, &shim);
 *       br_sslio_flush(&ioc);       (the handshake runs here)
 *       if (staple_shim_status(&shim) == STAPLE_SHIM_STAPLED)
 *               staple_decode(&resp, staple, staple_shim_staple_len(&shim));
 *
 *   Driving the engine yourself (non-blocking included): call the shim's
 *   staple_shim_state(), _sendrec_buf/_ack and _recvrec_buf/_ack where you
 *   would call br_ssl_engine_current_state() and the engine's
 *   br_ssl_engine_sendrec_buf/_ack and br_ssl_engine_recvrec_buf/_ack.
 *   The application-data calls (sendapp, recvapp) stay the engine's.
 *
 * LIFETIMES AND OWNERSHIP
 *
 *   struct staple_shim is the caller's, of fixed size (no heap, nothing to
 *   free); its fields are private.  It keeps pointers to the engine, the
 *   staple buffer and the chain buffer, which must outlive it.  One shim
 *   serves one connection: staple_shim_init() again before the next
 *   br_ssl_client_reset().  Not thread-safe, like the engine.
 *
 * WHAT COMES OUT
 *
 *   staple_shim_status() says, once the handshake has completed, whether
 *   the server stapled (the bytes are in the staple buffer), did not
 *   acknowledge the request, acknowledged it but sent nothing (RFC 6066
 *   allows that), or resumed a session (no certificate, no staple: keep
 *   the staple you got with the session).  The certificates of the
 *   Certificate message, leaf first, are copied as they pass into the
 *   chain buffer when one is given: staple_shim_cert().
 *
 * Important caveats
 *
 *   - BearSSL versions.  The shim is written against the engine context
 *     of BearSSL 0.6, which BearSSL documents as opaque: it writes the
 *     engine's handshake hash (its mhash field), which 0.6 reads only
 *     for the Finished messages and a client CertificateVerify.
 *     Upstream master after 0.6 (checked at its last commit, of June
 *     2024) keeps the 0.6 engine context field for field, and the shim
 *     works with it.  Another layout fails closed: before touching anything, on the
 *     ClientHello, the shim checks that what it finds at mhash holds the
 *     standard hash implementations of br_ssl_client_init_full() and
 *     their hash of that very ClientHello; anything else (a library
 *     built with another layout than the header the shim was compiled
 *     with, custom hash vtables) stops with
 *     STAPLE_SHIM_ERR_ENGINE_LAYOUT before the first byte is sent, and
 *     the connection fails (there is no fallback to an unedited
 *     handshake).  A BearSSL whose engine has no mhash field does not
 *     compile.  And whatever the version, the Finished messages settle
 *     it: an engine whose transcript is not the one the server saw (the
 *     replaced hash) cannot complete the handshake.
 *   - TLS 1.2 and earlier only (BearSSL 0.6 has nothing newer).
 *   - Renegotiation is turned off (BR_OPT_NO_RENEGOTIATION): a second
 *     handshake would need a second splice.
 *   - The ClientHello must fit one record, which it does with any buffer
 *     BearSSL accepts unless the ALPN list is huge.
 *   - Anything unexpected fails closed: the low-level callbacks return
 *     -1 (br_sslio then fails the engine with BR_ERR_IO) and
 *     staple_shim_state() returns BR_SSL_CLOSED; staple_shim_error() says
 *     why.  Among them: a ServerHello over STAPLE_SHIM_HELLO_MAX bytes, an
 *     OCSPResponse larger than the staple buffer, a CertificateStatus the
 *     server was not asked for or that is not right after Certificate, a
 *     record that is not TLS 1.x or longer than 16384 bytes.
 */
#ifndef STAPLE_SHIM_H
#define STAPLE_SHIM_H

#include <stddef.h>
#include <stdint.h>

#include <bearssl.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The largest ServerHello the shim edits, in bytes of its body.  BearSSL
 * asks only for server_name, max_fragment_length, renegotiation_info,
 * ALPN and (through the shim) status_request, so a conforming answer is
 * well under 512: 70 bytes of fixed fields, at most 262 of ALPN and a few
 * dozen for the rest.
 */
#define STAPLE_SHIM_HELLO_MAX 512

/*
 * Raw bytes read from the transport at once while the first flight is
 * being edited.  Any size works; this is a speed/RAM trade.
 */
#define STAPLE_SHIM_IN_MAX 512

/* The outcome; see WHAT COMES OUT. */
enum staple_shim_status {
	STAPLE_SHIM_PENDING = 0,   /* the handshake has not completed */
	STAPLE_SHIM_STAPLED = 1,   /* the staple buffer holds the response */
	STAPLE_SHIM_NOT_ACKED = 2, /* the server ignored status_request */
	STAPLE_SHIM_NO_ANSWER = 3, /* acknowledged, no CertificateStatus */
	STAPLE_SHIM_RESUMED = 4,   /* abbreviated handshake */
	STAPLE_SHIM_FAILED = 5     /* the shim or the engine failed */
};

/* Why the shim failed closed; staple_shim_strerror() has the text. */
enum staple_shim_err {
	STAPLE_SHIM_OK = 0,
	STAPLE_SHIM_ERR_ARGUMENT = 1,        /* NULL engine, buffer without room */
	STAPLE_SHIM_ERR_ENGINE_LAYOUT = 2,   /* not the BearSSL 0.6 built for */
	STAPLE_SHIM_ERR_CLIENT_HELLO = 3,    /* first record not one ClientHello */
	STAPLE_SHIM_ERR_RECORD = 4,          /* bad record header or type */
	STAPLE_SHIM_ERR_MESSAGE = 5,         /* bad handshake framing or order */
	STAPLE_SHIM_ERR_SERVER_HELLO = 6,    /* malformed ServerHello extensions */
	STAPLE_SHIM_ERR_HELLO_TOO_LARGE = 7, /* over STAPLE_SHIM_HELLO_MAX */
	STAPLE_SHIM_ERR_STATUS = 8,          /* malformed or unrequested status */
	STAPLE_SHIM_ERR_STAPLE_TOO_LARGE = 9, /* over the staple buffer */
	STAPLE_SHIM_ERR_ENGINE_STATE = 10,   /* engine did not ask as expected */
	STAPLE_SHIM_ERR_IO = 11              /* a low-level callback failed */
};

/* The transport: the callbacks, with the contract, that br_sslio_init()
 * takes. */
typedef int (*staple_shim_read_fn)(void *ctx, unsigned char *buf, size_t len);
typedef int (*staple_shim_write_fn)(void *ctx, const unsigned char *buf,
                                    size_t len);

struct staple_shim {
	/* private: every field may change between versions; shim.c has
	 * the states */
	br_ssl_engine_context *eng;
	staple_shim_read_fn low_read;
	void *read_ctx;
	staple_shim_write_fn low_write;
	void *write_ctx;
	unsigned char *staple;
	size_t staple_cap, staple_len;
	unsigned char *chain;
	size_t chain_cap, chain_len;
	int err;
	int answer; /* what the server said: an enum staple_shim_status */
	unsigned char out_phase, in_state, prev_msg;

	/* the ClientHello, sent as pieces: ours and the engine's */
	const unsigned char *piece[6];
	size_t piece_len[6];
	unsigned pieces, piece_at;
	size_t piece_off, ch_record_len;
	unsigned char ch_head[9], ch_extlen[2], ch_ext[9];
	unsigned char session_id[32];
	unsigned char session_id_len;

	/* the server's flight: input, parse state, output */
	unsigned char in[STAPLE_SHIM_IN_MAX];
	size_t in_off, in_len;
	unsigned char rec_hdr[5];
	size_t rec_hdr_len, rec_left;
	unsigned char msg_hdr[4];
	size_t msg_hdr_len, msg_left, out_rec_left;
	unsigned msg_version;
	unsigned char out_small[9];
	size_t out_small_len, out_small_off;
	unsigned char hello[4 + STAPLE_SHIM_HELLO_MAX];
	size_t hello_len, hello_off;
	unsigned char status_hdr[4];
	size_t status_hdr_len;
	size_t cert_off, cert_next, cert_acc, cert_count;
	br_multihash_context mhash;
};

/*
 * Set up a shim for the next handshake of `eng`, a client engine set up
 * with br_ssl_client_init_full() and its buffers; call it before
 * br_ssl_client_reset() or at least before the engine's first record is
 * taken.  Turns renegotiation off on the engine.
 *
 * staple, staple_cap: where the OCSPResponse goes (a few KiB is typical;
 * a larger one fails closed).  chain, chain_cap: where the certificates
 * of the Certificate message go (3-byte length + DER each, as sent), or
 * NULL and 0; what does not fit is left out, and the handshake goes on.
 *
 * Returns 0, or STAPLE_SHIM_ERR_ARGUMENT (eng or staple NULL, staple_cap
 * 0, chain NULL with chain_cap not 0).  The shim is defined either way.
 */
int staple_shim_init(struct staple_shim *shim, br_ssl_engine_context *eng,
                     unsigned char *staple, size_t staple_cap,
                     unsigned char *chain, size_t chain_cap);

/* The transport, for staple_shim_low_read/_low_write. */
void staple_shim_set_io(struct staple_shim *shim,
                        staple_shim_read_fn low_read, void *read_ctx,
                        staple_shim_write_fn low_write, void *write_ctx);

/* br_sslio callbacks; ctx is the struct staple_shim. */
int staple_shim_low_read(void *ctx, unsigned char *buf, size_t len);
int staple_shim_low_write(void *ctx, const unsigned char *buf, size_t len);

/*
 * The engine-buffer interface.  staple_shim_state() first moves what the
 * shim holds into the engine, then returns br_ssl_engine_current_state()
 * with BR_SSL_SENDREC and BR_SSL_RECVREC as they apply to the shim's side
 * of the buffers (no RECVREC until the ClientHello has gone out whole),
 * or BR_SSL_CLOSED once the shim has failed.  The _buf
 * calls return NULL and *len 0 when there is nothing to do; _ack takes at
 * most the length _buf gave.
 */
unsigned staple_shim_state(struct staple_shim *shim);
const unsigned char *staple_shim_sendrec_buf(struct staple_shim *shim,
                                             size_t *len);
void staple_shim_sendrec_ack(struct staple_shim *shim, size_t len);
unsigned char *staple_shim_recvrec_buf(struct staple_shim *shim,
                                       size_t *len);
void staple_shim_recvrec_ack(struct staple_shim *shim, size_t len);

/*
 * The outcome (enum staple_shim_status): PENDING until the engine has
 * completed the handshake, FAILED when the shim failed or the engine
 * closed without completing it.
 */
int staple_shim_status(struct staple_shim *shim);

/* The staple's length; 0 unless the status is STAPLE_SHIM_STAPLED. */
size_t staple_shim_staple_len(struct staple_shim *shim);

/* Why the shim failed (enum staple_shim_err); 0 when it did not. */
int staple_shim_error(const struct staple_shim *shim);
const char *staple_shim_strerror(int err);

/*
 * Certificate `index` of the server's Certificate message (0 is the
 * leaf), as far as it fit the chain buffer: returns its DER and sets
 * *len, or returns NULL.  Valid once the status is not PENDING.
 */
const unsigned char *staple_shim_cert(const struct staple_shim *shim,
                                      size_t index, size_t *len);

/* The number of certificates the server sent (listed or not). */
size_t staple_shim_cert_count(const struct staple_shim *shim);

#ifdef __cplusplus
}
#endif

#endif /* STAPLE_SHIM_H */
