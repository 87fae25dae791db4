/*
 * fetch.c -- staple_backend_openssl: fetch a server's stapled OCSP
 * response over a TLS handshake run by OpenSSL 3 libssl.
 *
 * The client asks for the status (status_request, RFC 6066 section 8)
 * and installs no status callback: OpenSSL keeps whatever the server
 * stapled, and staple's own decoder and verifier judge it afterwards.  A
 * callback that refused a missing or bad staple would turn "the server
 * does not staple" into a failed handshake, which is the very answer the
 * caller is asking for.
 *
 * Where the staple travels differs by version, and so does what "no
 * staple" can mean:
 *
 *   TLS 1.2  The ServerHello acknowledges the request with an empty
 *            status_request extension; the staple then comes in its own
 *            CertificateStatus message, which RFC 6066 lets the server
 *            leave out all the same.  OpenSSL records the
 *            acknowledgement internally but does not expose it, so a
 *            message callback reads the extension list of the
 *            ServerHello itself: acknowledged and no staple is
 *            NO_ANSWER, not acknowledged is NOT_ACKED.
 *   TLS 1.3  The staple is an extension of the leaf's entry in the
 *            Certificate message (RFC 8446 section 4.4.2.1); the
 *            ServerHello carries no acknowledgement.  No staple is
 *            NOT_ACKED: there is nothing else to tell apart.
 *
 * The client offers TLS 1.2 and 1.3, as curl and `openssl s_client` do,
 * unless the request caps it (max_version): TLS 1.2 is the lowest either
 * backend accepts, so both fail alike against an older server.
 *
 * The socket is non-blocking and every wait for it is a poll() bounded by
 * the read timeout.  Its I/O goes through a small BIO of our own rather
 * than OpenSSL's socket BIO, which writes with write(): a write to a
 * server that has reset the connection raises SIGPIPE, which would end
 * the caller's process (Linux reports ECONNRESET once first, other
 * systems EPIPE at once).  Ours uses send() with MSG_NOSIGNAL.
 *
 * libssl allocates; everything is freed and the descriptor closed before
 * returning, on every path, and the thread's error queue is left empty.
 */
#ifndef _POSIX_C_SOURCE
/* fcntl and send are POSIX 2008, which strict C99 hides. */
#define _POSIX_C_SOURCE 200809L
#endif

#include "backend.h"

#ifdef STAPLE_HAVE_OPENSSL

#include "net.h"
#include "tls_cursor.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>

#include <sys/socket.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0 /* net.c set SO_NOSIGPIPE where this is missing */
#endif

/* The BIO's state: the descriptor and how its last operation ended. */
struct sock {
	int fd;
	int eof;   /* the peer closed its side: OpenSSL asks BIO_CTRL_EOF */
	int error; /* errno of the last failed send or recv, 0 if none */
};

/* Would the call have blocked (or was it interrupted)?  Then retry. */
static int transient(int e)
{
	return e == EAGAIN || e == EWOULDBLOCK || e == EINTR;
}

static int sock_write(BIO *b, const char *in, int in_len)
{
	struct sock *s = BIO_get_data(b);
	ssize_t n;

	BIO_clear_retry_flags(b);
	if (in_len <= 0)
		return 0;
	n = send(s->fd, in, (size_t)in_len, MSG_NOSIGNAL);
	if (n >= 0)
		return (int)n; /* at most in_len */
	if (transient(errno))
		BIO_set_retry_write(b);
	else
		s->error = errno;
	return -1;
}

static int sock_read(BIO *b, char *out, int out_len)
{
	struct sock *s = BIO_get_data(b);
	ssize_t n;

	BIO_clear_retry_flags(b);
	if (out_len <= 0)
		return 0;
	n = recv(s->fd, out, (size_t)out_len, 0);
	if (n > 0)
		return (int)n; /* at most out_len */
	if (n == 0) {
		s->eof = 1;
		return 0;
	}
	if (transient(errno))
		BIO_set_retry_read(b);
	else
		s->error = errno;
	return -1;
}

/* The controls libssl sends a source/sink BIO; others are "not known". */
static long sock_ctrl(BIO *b, int cmd, long num, void *ptr)
{
	struct sock *s = BIO_get_data(b);

	(void)num;
	(void)ptr;
	switch (cmd) {
	case BIO_CTRL_FLUSH:
		return 1; /* nothing is buffered here */
	case BIO_CTRL_EOF:
		return s->eof;
	default:
		return 0;
	}
}

/* What the message callback saw of the server's first flight. */
struct watch {
	int status_acked; /* status_request in the (last) ServerHello */
};

/*
 * Does a ServerHello handshake message (header included) carry an
 * extension of type ext?  A message that does not parse answers no;
 * libssl rejects it itself.  (tls_cursor.h has the structures.)
 */
static int hello_has_extension(const unsigned char *msg, size_t len,
                               size_t ext)
{
	struct staple_slice c = {msg, len}, body, session_id, exts, data;
	size_t type;

	if (!staple_tls_read_handshake(&c, &type, &body) || c.n != 0 ||
	    !staple_tls_read_server_hello(&body, &session_id, &exts))
		return 0;
	while (exts.n > 0) {
		if (!staple_tls_read_extension(&exts, &type, &data))
			return 0;
		if (type == ext)
			return 1;
	}
	return 0;
}

static void on_message(int write_p, int version, int content_type,
                       const void *buf, size_t len, SSL *ssl, void *arg)
{
	struct watch *w = arg;
	const unsigned char *msg = buf;

	(void)version;
	(void)ssl;
	/* libssl also reports record headers and inner content types
	 * here, under pseudo content types; only received handshake
	 * messages (header included) matter. */
	if (write_p || content_type != SSL3_RT_HANDSHAKE || len == 0 ||
	    msg[0] != SSL3_MT_SERVER_HELLO)
		return;
	w->status_acked = hello_has_extension(msg, len,
	                                      TLSEXT_TYPE_status_request);
}

/* The first error in the thread's queue as one line, or fallback. */
static const char *first_error(char *buf, size_t cap, const char *fallback)
{
	unsigned long e = ERR_peek_error();

	if (e == 0)
		return fallback;
	ERR_error_string_n(e, buf, cap);
	return buf;
}

/* Everything fetch() frees on the way out, in one place. */
struct conn {
	SSL_CTX *ctx;
	SSL *ssl;
	BIO_METHOD *method;
	struct sock sock;
};

/* The highest version the client offers: the request's, or 1.3. */
static unsigned offered_max(const struct staple_fetch_request *req)
{
	return req->max_version != 0 ? req->max_version : STAPLE_TLS_1_3;
}

static const char *cafile_of(const struct staple_fetch_request *req)
{
	return req->cafile != NULL ? req->cafile : STAPLE_FETCH_DEFAULT_CAFILE;
}

/* The trust anchors did not load although the file reads: no PEM
 * certificate in it, or not PEM at all, worded as BearSSL's are. */
static int cafile_failed(const char *cafile, struct staple_fetch_result *res)
{
	unsigned long e = ERR_peek_last_error();

	return staple_net_fail_cafile_empty(
		res, cafile,
		!(ERR_GET_LIB(e) == ERR_LIB_X509 &&
		  ERR_GET_REASON(e) == X509_R_NO_CERTIFICATE_OR_CRL_FOUND));
}

/* Trust anchors, versions: all that needs no connection. */
static int setup_context(const struct staple_fetch_request *req,
                         struct conn *c, struct staple_fetch_result *res)
{
	const char *cafile = cafile_of(req);
	char why[160];
	int err;

	c->ctx = SSL_CTX_new(TLS_client_method());
	if (c->ctx == NULL)
		return staple_net_fail(res, STAPLE_FETCH_TLS, "TLS setup: %s",
		                       first_error(why, sizeof why,
		                                   "out of memory"));
	if (SSL_CTX_set_min_proto_version(c->ctx, TLS1_2_VERSION) != 1 ||
	    SSL_CTX_set_max_proto_version(c->ctx, (int)offered_max(req)) != 1)
		return staple_net_fail(res, STAPLE_FETCH_TLS,
		                       "TLS setup: protocol versions: %s",
		                       first_error(why, sizeof why, "refused"));
	/* libcrypto reads the file and keeps the OS error to itself:
	 * open it first, so that an unreadable file says why. */
	err = staple_net_check_cafile(res, cafile);
	if (err != 0)
		return err;
	/* Only these anchors: no default paths, which would widen trust
	 * behind the caller's back. */
	if (SSL_CTX_load_verify_locations(c->ctx, cafile, NULL) != 1)
		return cafile_failed(cafile, res);
	/* insecure: libssl still verifies the chain and the name and keeps
	 * the verdict (SSL_get_verify_result), but does not end the
	 * handshake on it; collect() reports it */
	SSL_CTX_set_verify(c->ctx,
	                   req->insecure ? SSL_VERIFY_NONE : SSL_VERIFY_PEER,
	                   NULL);
	return STAPLE_FETCH_OK;
}

/* The connection's SSL: its BIO, the name to send and check, status. */
static int setup_ssl(const struct staple_fetch_request *req,
                     struct conn *c, struct watch *watch,
                     struct staple_fetch_result *res)
{
	const char *name = req->server_name != NULL ? req->server_name
	                                            : req->host;
	char why[160];
	BIO *bio;
	int ok;

	c->method = BIO_meth_new(BIO_TYPE_SOURCE_SINK, "staple socket");
	c->ssl = SSL_new(c->ctx);
	if (c->method == NULL || c->ssl == NULL ||
	    BIO_meth_set_write(c->method, sock_write) != 1 ||
	    BIO_meth_set_read(c->method, sock_read) != 1 ||
	    BIO_meth_set_ctrl(c->method, sock_ctrl) != 1)
		return staple_net_fail(res, STAPLE_FETCH_TLS, "TLS setup: %s",
		                       first_error(why, sizeof why,
		                                   "out of memory"));
	bio = BIO_new(c->method);
	if (bio == NULL)
		return staple_net_fail(res, STAPLE_FETCH_TLS, "TLS setup: %s",
		                       first_error(why, sizeof why,
		                                   "out of memory"));
	BIO_set_data(bio, &c->sock);
	BIO_set_init(bio, 1);
	SSL_set_bio(c->ssl, bio, bio); /* c->ssl owns bio from here */

	/* "" asks for neither SNI nor a name check. */
	if (*name == '\0')
		ok = 1;
	else if (staple_net_is_address(name))
		/* RFC 6066 section 3: "Literal IPv4 and IPv6 addresses are
		 * not permitted in HostName"; the certificate's iPAddress
		 * is checked instead. */
		ok = X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(c->ssl),
		                                   name) == 1;
	else {
		/* A wildcard stands for a whole label only (RFC 6125 6.4.3
		 * lets a client refuse partial ones; browsers do). */
		SSL_set_hostflags(c->ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
		ok = SSL_set_tlsext_host_name(c->ssl, name) == 1 &&
		     SSL_set1_host(c->ssl, name) == 1;
	}
	if (!ok)
		return staple_net_fail(res, STAPLE_FETCH_ARGUMENT,
		                       "server name %s: %s", name,
		                       first_error(why, sizeof why,
		                                   "refused by OpenSSL"));

	if (SSL_set_tlsext_status_type(c->ssl, TLSEXT_STATUSTYPE_ocsp) != 1)
		return staple_net_fail(res, STAPLE_FETCH_TLS,
		                       "TLS setup: status request: %s",
		                       first_error(why, sizeof why, "refused"));
	SSL_set_msg_callback(c->ssl, on_message);
	SSL_set_msg_callback_arg(c->ssl, watch);
	return STAPLE_FETCH_OK;
}

/* The verifier's verdict in the words both backends use (net.h). */
static int untrusted(const struct staple_fetch_request *req, long verify,
                     struct staple_fetch_result *res)
{
	int why;

	switch (verify) {
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
	case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
	case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
	case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
	case X509_V_ERR_CERT_UNTRUSTED:
		why = STAPLE_NET_CERT_UNTRUSTED;
		break;
	case X509_V_ERR_HOSTNAME_MISMATCH:
	case X509_V_ERR_IP_ADDRESS_MISMATCH:
		why = STAPLE_NET_CERT_NAME;
		break;
	case X509_V_ERR_CERT_HAS_EXPIRED:
	case X509_V_ERR_CERT_NOT_YET_VALID:
		why = STAPLE_NET_CERT_EXPIRED;
		break;
	case X509_V_ERR_CERT_SIGNATURE_FAILURE:
	case X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE:
		why = STAPLE_NET_CERT_SIGNATURE;
		break;
	default:
		why = STAPLE_NET_CERT_OTHER;
		break;
	}
	return staple_net_fail_cert(res, why,
	                            req->server_name != NULL ? req->server_name
	                                                     : req->host,
	                            cafile_of(req),
	                            X509_verify_cert_error_string(verify));
}

/* The alert the server sent, from libssl's error queue, or -1. */
static int received_alert(void)
{
	unsigned long e = ERR_peek_error();
	int reason = ERR_GET_REASON(e);

	/* libssl files a received fatal alert under SSL_AD_REASON_OFFSET
	 * plus its number; the alerts it sends have reasons of their own. */
	if (e != 0 && ERR_GET_LIB(e) == ERR_LIB_SSL &&
	    reason >= SSL_AD_REASON_OFFSET && reason < SSL_AD_REASON_OFFSET + 256)
		return reason - SSL_AD_REASON_OFFSET;
	return -1;
}

/* Copy the leaf-first chain the server sent into chain_buf. */
static int copy_chain(const struct staple_fetch_request *req, SSL *ssl,
                      struct staple_fetch_result *res)
{
	/* A client's peer chain includes the leaf (SSL_get_peer_cert_chain
	 * documents that only a server's lacks it).  i2d_X509 re-encodes
	 * all but the TBSCertificate, which libcrypto keeps as received:
	 * for a certificate in DER that is the bytes the server sent. */
	STACK_OF(X509) *chain = SSL_get_peer_cert_chain(ssl);
	int count = chain != NULL ? sk_X509_num(chain) : 0;
	size_t used = 0, len;
	unsigned char *p;
	int i, der_len;

	res->chain_total = count > 0 ? (size_t)count : 0;
	for (i = 0; i < count && i < STAPLE_FETCH_MAX_CHAIN; i++) {
		der_len = i2d_X509(sk_X509_value(chain, i), NULL);
		if (der_len <= 0)
			return staple_net_fail(res, STAPLE_FETCH_TLS,
			                       "certificate %d of the chain "
			                       "does not encode", i);
		len = (size_t)der_len;
		if (len > req->chain_cap - used)
			return staple_net_fail(res, STAPLE_FETCH_TOO_LARGE,
			                       "the chain does not fit in %zu "
			                       "bytes", req->chain_cap);
		p = req->chain_buf + used;
		if (i2d_X509(sk_X509_value(chain, i), &p) != der_len)
			return staple_net_fail(res, STAPLE_FETCH_TLS,
			                       "certificate %d of the chain "
			                       "does not encode", i);
		res->chain[i].p = req->chain_buf + used;
		res->chain[i].n = len;
		used += len;
	}
	res->chain_len = (size_t)i;
	return STAPLE_FETCH_OK;
}

/*
 * The ServerHello's version and cipher suite, and the chain: what the
 * server has shown once its Certificate message has passed, kept on a
 * handshake that the chain's verdict then ended too.  Returns what
 * copy_chain() does.
 */
static int server_facts(const struct staple_fetch_request *req, SSL *ssl,
                        struct staple_fetch_result *res)
{
	/* the pending one: a handshake that ended at the Certificate
	 * message has chosen its suite but not yet switched to it */
	const SSL_CIPHER *cipher = SSL_get_current_cipher(ssl) != NULL
	                                   ? SSL_get_current_cipher(ssl)
	                                   : SSL_get_pending_cipher(ssl);

	res->version = (unsigned)SSL_version(ssl);
	res->cipher_suite =
		cipher != NULL ? SSL_CIPHER_get_protocol_id(cipher) : 0;
	return copy_chain(req, ssl, res);
}

/* Why the handshake failed, as a result; ret is SSL_connect()'s return. */
static int handshake_failed(const struct staple_fetch_request *req,
                            struct conn *c, int ret,
                            struct staple_fetch_result *res)
{
	long verify = SSL_get_verify_result(c->ssl);
	int alert = received_alert();
	char why[160];

	/* The verifier's verdict first: the queue then only says that
	 * verification failed, not why.  The caller names the server. */
	if (verify != X509_V_OK) {
		/* what the server showed before the verdict ended it */
		struct staple_fetch_result facts;
		int err = untrusted(req, verify, res);

		facts = *res;
		if (server_facts(req, c->ssl, &facts) == STAPLE_FETCH_OK)
			*res = facts;
		return err;
	}
	if (alert >= 0)
		return staple_net_fail_alert(res, alert, offered_max(req));
	if (ERR_peek_error() != 0)
		return staple_net_fail(res, STAPLE_FETCH_TLS,
		                       "TLS handshake failed: %s",
		                       first_error(why, sizeof why, ""));
	if (c->sock.error != 0 || c->sock.eof)
		return staple_net_fail_handshake_io(res, c->sock.error);
	return staple_net_fail(res, STAPLE_FETCH_TLS,
	                       "TLS handshake failed: SSL_get_error %d",
	                       SSL_get_error(c->ssl, ret));
}

/* Run the handshake on the non-blocking socket, each wait bounded. */
static int handshake(const struct staple_fetch_request *req, struct conn *c,
                     struct staple_fetch_result *res)
{
	int timeout_ms = req->read_timeout_ms > 0 ? req->read_timeout_ms
	                                          : STAPLE_FETCH_TIMEOUT_MS;
	int ret, e, w;

	for (;;) {
		ERR_clear_error(); /* SSL_get_error reads the queue */
		ret = SSL_connect(c->ssl);
		if (ret == 1)
			return STAPLE_FETCH_OK;
		e = SSL_get_error(c->ssl, ret);
		if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE)
			return handshake_failed(req, c, ret, res);
		w = staple_net_wait(c->sock.fd, e == SSL_ERROR_WANT_WRITE,
		                    timeout_ms);
		if (w == 0)
			return staple_net_fail_handshake_timeout(res,
			                                         timeout_ms);
		if (w < 0)
			return staple_net_fail(res, STAPLE_FETCH_TLS,
			                       "TLS handshake: %s",
			                       strerror(errno));
	}
}

/*
 * After a handshake: version, how the status came, staple and chain.
 * With req->insecure a chain that did not verify is UNTRUSTED with the
 * rest filled in all the same (backend.h).
 */
static int collect(const struct staple_fetch_request *req,
                   const struct conn *c, const struct watch *watch,
                   struct staple_fetch_result *res)
{
	unsigned char *resp = NULL;
	long resp_len, verify = SSL_get_verify_result(c->ssl);
	int err = STAPLE_FETCH_OK;

	/* SSL_VERIFY_PEER fails the handshake instead; this is a guard. */
	if (verify == X509_V_OK && SSL_get0_peer_certificate(c->ssl) == NULL)
		verify = X509_V_ERR_UNSPECIFIED;
	if (verify != X509_V_OK) {
		err = untrusted(req, verify, res);
		if (!req->insecure)
			return err;
	}
	if (SSL_session_reused(c->ssl)) {
		res->stapling = STAPLE_STAPLING_RESUMED;
	} else {
		/* -1 (and NULL) when nothing was stapled; libssl keeps
		 * the buffer, which lives as long as the SSL. */
		resp_len = SSL_get_tlsext_status_ocsp_resp(c->ssl, &resp);
		if (resp_len > 0 && resp != NULL) {
			if ((size_t)resp_len > req->staple_cap)
				return staple_net_fail(
					res, STAPLE_FETCH_TOO_LARGE,
					"the staple is %ld bytes, more than "
					"%zu", resp_len, req->staple_cap);
			memcpy(req->staple_buf, resp, (size_t)resp_len);
			res->staple.p = req->staple_buf;
			res->staple.n = (size_t)resp_len;
			res->stapling = STAPLE_STAPLING_STAPLED;
		} else if (SSL_version(c->ssl) == TLS1_2_VERSION &&
		           watch->status_acked) {
			res->stapling = STAPLE_STAPLING_NO_ANSWER;
		} else {
			res->stapling = STAPLE_STAPLING_NOT_ACKED;
		}
	}
	if (server_facts(req, c->ssl, res) != STAPLE_FETCH_OK)
		return res->err;
	return res->err = err;
}

/* libssl's calls must return rather than block: the loop does the waits. */
static int set_nonblocking(int fd)
{
	int flags = fcntl(fd, F_GETFL);

	return flags < 0 ? -1 : fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

static int fetch(const struct staple_fetch_request *req,
                 struct staple_fetch_result *res)
{
	struct conn c;
	struct watch watch;
	int err, done = 0;

	err = staple_net_check_request(req, res);
	if (err == 0)
		err = staple_net_check_version(res, req->max_version, "openssl",
		                               STAPLE_TLS_1_3);
	if (err != 0)
		return err;

	memset(&c, 0, sizeof c);
	memset(&watch, 0, sizeof watch);
	c.sock.fd = -1;
	ERR_clear_error(); /* a caller's leftovers would mislead us */

	/* The trust anchors before the network: a bad file costs nothing. */
	err = setup_context(req, &c, res);
	if (err == STAPLE_FETCH_OK)
		err = staple_net_connect(req->host, req->port,
		                         req->connect_timeout_ms, &c.sock.fd,
		                         res);
	if (err == STAPLE_FETCH_OK && set_nonblocking(c.sock.fd) != 0)
		err = staple_net_fail(res, STAPLE_FETCH_CONNECT,
		                      "non-blocking socket: %s",
		                      strerror(errno));
	if (err == STAPLE_FETCH_OK)
		err = setup_ssl(req, &c, &watch, res);
	if (err == STAPLE_FETCH_OK)
		err = handshake(req, &c, res);
	if (err == STAPLE_FETCH_OK) {
		done = 1;
		err = collect(req, &c, &watch, res);
	}

	/* One close_notify, not waiting for the server's: the caller has
	 * what it came for, and a reply could take a read timeout. */
	if (done)
		(void)SSL_shutdown(c.ssl);
	SSL_free(c.ssl); /* frees the BIO too */
	BIO_meth_free(c.method);
	SSL_CTX_free(c.ctx);
	staple_net_close(c.sock.fd);
	ERR_clear_error();
	return err;
}

/* see backend.h */
const struct staple_backend staple_backend_openssl = {
	"openssl",
	fetch,
	&staple_crypto_openssl,
	STAPLE_TLS_1_3,
};

#else /* !STAPLE_HAVE_OPENSSL */

/* ISO C wants at least one declaration in a translation unit. */
typedef int staple_openssl_fetch_not_built;

#endif /* STAPLE_HAVE_OPENSSL */
