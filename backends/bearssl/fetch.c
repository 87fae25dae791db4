/*
 * fetch.c -- staple_backend_bearssl: fetch() on BearSSL 0.6 and the
 * stapling shim (shim.h), driven through the shim's engine-buffer calls
 * over a plain socket (net.h).
 *
 * Trust anchors come from a PEM bundle, read whole and turned into
 * br_x509_trust_anchor entries with br_x509_decoder.  This is the one
 * part of the BearSSL backend that allocates: the anchors (their names
 * and keys) and the file, freed before fetch() returns.  The engine,
 * its buffer and the shim live in one heap block too, because together
 * they are larger than a careful stack frame should be.
 *
 * BearSSL 0.6 speaks TLS 1.2 at most, and this backend offers 1.2 alone
 * (the lowest the OpenSSL backend accepts too).  A request for TLS 1.3
 * is an error before anything is read or sent, never a silent fallback;
 * a server that speaks 1.3 alone answers with a protocol_version alert,
 * which the message spells out.  Failures both backends meet are worded
 * by net.h, so they read the same.
 *
 * The chain is judged by br_x509_minimal behind a wrapper of its vtable
 * (struct x509_judge), which records the verdict; with req->insecure a
 * verdict of "not trusted" (a wrong anchor, a wrong name, an expired
 * certificate) no longer ends the handshake, and the result carries it
 * as STAPLE_FETCH_UNTRUSTED once the handshake is over (backend.h).
 */
#include "backend.h"
#include "net.h"
#include "bearssl/shim.h"

#include <bearssl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- trust anchors ----------------------------------------------------- */

struct anchors {
	br_x509_trust_anchor *ta;
	size_t n, cap;
};

/* A growable byte string for br_x509_decoder's name callback. */
struct bytes {
	unsigned char *p;
	size_t n, cap;
	int oom;
};

static void bytes_add(void *ctx, const void *p, size_t n)
{
	struct bytes *b = ctx;

	if (b->oom)
		return;
	if (b->cap - b->n < n) {
		size_t cap = (b->cap + n) * 2;
		unsigned char *q = realloc(b->p, cap);
		if (q == NULL) {
			b->oom = 1;
			return;
		}
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

static unsigned char *dup_bytes(const unsigned char *p, size_t n)
{
	unsigned char *q = malloc(n == 0 ? 1 : n);

	if (q != NULL)
		memcpy(q, p, n);
	return q;
}

static void anchors_free(struct anchors *a)
{
	size_t i;

	for (i = 0; i < a->n; i++) {
		br_x509_trust_anchor *t = &a->ta[i];
		free(t->dn.data);
		if (t->pkey.key_type == BR_KEYTYPE_RSA) {
			free(t->pkey.key.rsa.n);
			free(t->pkey.key.rsa.e);
		} else {
			free(t->pkey.key.ec.q);
		}
	}
	free(a->ta);
	memset(a, 0, sizeof *a);
}

/* One certificate of the bundle becomes an anchor (BR_X509_TA_CA when it
 * says it is a CA).  Returns 0, or -1 when out of memory; a certificate
 * BearSSL cannot read is skipped. */
static int anchor_add(struct anchors *a, const unsigned char *der, size_t n)
{
	br_x509_decoder_context dc;
	struct bytes dn = {NULL, 0, 0, 0};
	br_x509_pkey *pk;
	br_x509_trust_anchor t;

	br_x509_decoder_init(&dc, bytes_add, &dn);
	br_x509_decoder_push(&dc, der, n);
	pk = br_x509_decoder_get_pkey(&dc);
	if (pk == NULL || dn.oom) {
		free(dn.p);
		return dn.oom ? -1 : 0;
	}
	memset(&t, 0, sizeof t);
	t.dn.data = dn.p;
	t.dn.len = dn.n;
	t.flags = br_x509_decoder_isCA(&dc) ? BR_X509_TA_CA : 0;
	t.pkey.key_type = pk->key_type;
	if (pk->key_type == BR_KEYTYPE_RSA) {
		t.pkey.key.rsa.n = dup_bytes(pk->key.rsa.n, pk->key.rsa.nlen);
		t.pkey.key.rsa.nlen = pk->key.rsa.nlen;
		t.pkey.key.rsa.e = dup_bytes(pk->key.rsa.e, pk->key.rsa.elen);
		t.pkey.key.rsa.elen = pk->key.rsa.elen;
		if (t.pkey.key.rsa.n == NULL || t.pkey.key.rsa.e == NULL)
			goto oom;
	} else {
		t.pkey.key.ec.curve = pk->key.ec.curve;
		t.pkey.key.ec.q = dup_bytes(pk->key.ec.q, pk->key.ec.qlen);
		t.pkey.key.ec.qlen = pk->key.ec.qlen;
		if (t.pkey.key.ec.q == NULL)
			goto oom;
	}
	if (a->n == a->cap) {
		size_t cap = a->cap == 0 ? 64 : a->cap * 2;
		br_x509_trust_anchor *ta = realloc(a->ta, cap * sizeof *ta);
		if (ta == NULL)
			goto oom;
		a->ta = ta;
		a->cap = cap;
	}
	a->ta[a->n++] = t;
	return 0;
oom:
	free(t.dn.data);
	if (t.pkey.key_type == BR_KEYTYPE_RSA) {
		free(t.pkey.key.rsa.n);
		free(t.pkey.key.rsa.e);
	} else {
		free(t.pkey.key.ec.q);
	}
	return -1;
}

/*
 * The whole file at path, and a newline after it: BearSSL's PEM decoder
 * ends an object only at the newline after its END line, which the last
 * line of a file may lack.  *len counts that newline.  NULL when it
 * cannot be read, and *errnum says why (ENOMEM when out of memory).
 */
static unsigned char *read_file(const char *path, size_t *len, int *errnum)
{
	FILE *f;
	unsigned char *buf = NULL;
	size_t n = 0, cap = 0;

	*len = 0;
	*errnum = 0;
	errno = 0;
	f = fopen(path, "rb");
	if (f == NULL) {
		*errnum = errno != 0 ? errno : EACCES;
		return NULL;
	}
	for (;;) {
		size_t r;

		if (cap - n < 65536) {
			unsigned char *q = realloc(buf, cap + 65536);
			if (q == NULL) {
				free(buf);
				fclose(f);
				*errnum = ENOMEM;
				return NULL;
			}
			buf = q;
			cap += 65536;
		}
		errno = 0;
		r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		/* a directory opens, then fails here with EISDIR */
		*errnum = errno != 0 ? errno : EIO;
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[n] = '\n'; /* the loop leaves room: it stops on a short read */
	*len = n + 1;
	return buf;
}

/* Every CERTIFICATE block of a PEM file (br_pem_decoder). */
static int anchors_load(struct anchors *a, const char *path,
                        struct staple_fetch_result *res)
{
	br_pem_decoder_context pc;
	struct bytes der = {NULL, 0, 0, 0};
	unsigned char *file;
	size_t len, off = 0;
	int in_cert = 0, rc = 0, errnum;

	file = read_file(path, &len, &errnum);
	if (file == NULL)
		return staple_net_fail_cafile_unreadable(res, path, errnum);
	br_pem_decoder_init(&pc);
	while (off < len && rc == 0) {
		off += br_pem_decoder_push(&pc, file + off, len - off);
		switch (br_pem_decoder_event(&pc)) {
		case BR_PEM_BEGIN_OBJ:
			in_cert = strcmp(br_pem_decoder_name(&pc),
			                 "CERTIFICATE") == 0;
			der.n = 0;
			br_pem_decoder_setdest(&pc, in_cert ? bytes_add : NULL,
			                       &der);
			break;
		case BR_PEM_END_OBJ:
			if (in_cert && (der.oom || anchor_add(a, der.p, der.n)))
				rc = -1;
			in_cert = 0;
			break;
		case BR_PEM_ERROR:
			rc = staple_net_fail_cafile_empty(res, path, 1);
			break;
		default:
			break;
		}
	}
	free(der.p);
	free(file);
	if (rc == -1)
		return staple_net_fail_cafile_unreadable(res, path, ENOMEM);
	if (rc == 0 && a->n == 0)
		rc = staple_net_fail_cafile_empty(res, path, 0);
	return rc;
}

/* ---- judging the chain ------------------------------------------------- */

/*
 * The X.509 engine the handshake talks to: br_x509_minimal, whose every
 * call it passes on, and beside it a br_x509_decoder that reads the
 * end-entity certificate on its own.  end_chain() records minimal's
 * verdict.  Without `insecure` that verdict stands: the handshake ends
 * on it exactly as with minimal alone.  With `insecure`, a verdict other
 * than "trusted" is kept for later and the handshake goes on with the
 * leaf's key: minimal's when it hands it out (it does for "no trust
 * anchor"), else the decoder's (minimal stops before that for a wrong
 * name or an expired certificate).  A leaf that neither can read still
 * ends the handshake: its certificate is decoded either way, and a key
 * that cannot be read is not one to talk to.
 *
 * The decoder knows no keyUsage, so a key taken from it is offered for
 * both key exchange and signing; the chain is untrusted anyway.
 */
struct x509_judge {
	const br_x509_class *vtable;   /* first: the context the engine holds */
	br_x509_minimal_context *minimal;
	br_x509_decoder_context leaf;  /* certificate 0, read on its own */
	size_t certs;                  /* certificates started */
	unsigned verdict;              /* minimal's end_chain(); 0: trusted */
	const br_x509_pkey *leaf_key;  /* the decoder's, once the chain ended;
	                                  NULL when it could not read it */
	int insecure;
};

static struct x509_judge *judge_of(const br_x509_class **ctx)
{
	/* ctx points at the vtable field, the struct's first */
	return (struct x509_judge *)(void *)ctx;
}

static void judge_start_chain(const br_x509_class **ctx,
                              const char *server_name)
{
	struct x509_judge *j = judge_of(ctx);

	j->certs = 0;
	j->verdict = 0;
	j->leaf_key = NULL;
	br_x509_decoder_init(&j->leaf, NULL, NULL);
	j->minimal->vtable->start_chain(&j->minimal->vtable, server_name);
}

static void judge_start_cert(const br_x509_class **ctx, uint32_t length)
{
	struct x509_judge *j = judge_of(ctx);

	j->certs++;
	j->minimal->vtable->start_cert(&j->minimal->vtable, length);
}

static void judge_append(const br_x509_class **ctx, const unsigned char *buf,
                         size_t len)
{
	struct x509_judge *j = judge_of(ctx);

	if (j->certs == 1)
		br_x509_decoder_push(&j->leaf, buf, len);
	j->minimal->vtable->append(&j->minimal->vtable, buf, len);
}

static void judge_end_cert(const br_x509_class **ctx)
{
	struct x509_judge *j = judge_of(ctx);

	j->minimal->vtable->end_cert(&j->minimal->vtable);
}

static const br_x509_pkey *judge_get_pkey(const br_x509_class *const *ctx,
                                          unsigned *usages)
{
	const struct x509_judge *j =
		(const struct x509_judge *)(const void *)ctx;
	const br_x509_pkey *key =
		j->minimal->vtable->get_pkey(&j->minimal->vtable, usages);

	if (key != NULL || !j->insecure || j->verdict == 0 ||
	    j->leaf_key == NULL)
		return key;
	/* minimal refused the leaf before handing out its key */
	if (usages != NULL)
		*usages = BR_KEYTYPE_KEYX | BR_KEYTYPE_SIGN;
	return j->leaf_key;
}

static unsigned judge_end_chain(const br_x509_class **ctx)
{
	struct x509_judge *j = judge_of(ctx);

	j->verdict = j->minimal->vtable->end_chain(&j->minimal->vtable);
	j->leaf_key = br_x509_decoder_get_pkey(&j->leaf);
	if (j->verdict == 0 || !j->insecure)
		return j->verdict;
	/* a verdict on the chain, and a leaf whose key is known: go on */
	if (j->verdict > BR_ERR_X509_OK &&
	    j->verdict < BR_ERR_RECV_FATAL_ALERT &&
	    judge_get_pkey(ctx, NULL) != NULL)
		return 0;
	return j->verdict;
}

static const br_x509_class judge_vtable = {
	sizeof(struct x509_judge),
	judge_start_chain,
	judge_start_cert,
	judge_append,
	judge_end_cert,
	judge_end_chain,
	judge_get_pkey
};

/* ---- the connection ---------------------------------------------------- */

/* Engine, buffer and shim: one allocation. */
struct conn {
	br_ssl_client_context cc;
	br_x509_minimal_context xc;
	struct x509_judge judge;
	struct staple_shim shim;
	unsigned char iobuf[BR_SSL_BUFSIZE_BIDI];
};

static const char *engine_reason(int err)
{
	switch (err) {
	case BR_ERR_BAD_PARAM: return "bad parameter";
	case BR_ERR_BAD_STATE: return "bad state";
	case BR_ERR_UNSUPPORTED_VERSION: return "unsupported TLS version";
	case BR_ERR_BAD_VERSION: return "bad record version";
	case BR_ERR_BAD_LENGTH: return "bad record length";
	case BR_ERR_TOO_LARGE: return "record too large";
	case BR_ERR_BAD_MAC: return "bad record MAC";
	case BR_ERR_NO_RANDOM: return "no random source";
	case BR_ERR_UNKNOWN_TYPE: return "unknown record type";
	case BR_ERR_UNEXPECTED: return "unexpected message";
	case BR_ERR_BAD_CCS: return "bad ChangeCipherSpec";
	case BR_ERR_BAD_ALERT: return "bad alert";
	case BR_ERR_BAD_HANDSHAKE: return "bad handshake message";
	case BR_ERR_OVERSIZED_ID: return "oversized session id";
	case BR_ERR_BAD_CIPHER_SUITE: return "no common cipher suite";
	case BR_ERR_BAD_COMPRESSION: return "bad compression";
	case BR_ERR_BAD_FRAGLEN: return "bad fragment length";
	case BR_ERR_BAD_SECRENEG: return "bad secure renegotiation";
	case BR_ERR_EXTRA_EXTENSION: return "unexpected extension";
	case BR_ERR_BAD_SNI: return "bad server name";
	case BR_ERR_BAD_HELLO_DONE: return "bad ServerHelloDone";
	case BR_ERR_LIMIT_EXCEEDED: return "limit exceeded";
	case BR_ERR_BAD_FINISHED: return "Finished does not match";
	case BR_ERR_RESUME_MISMATCH: return "resumption mismatch";
	case BR_ERR_INVALID_ALGORITHM: return "invalid algorithm";
	case BR_ERR_BAD_SIGNATURE: return "bad signature";
	case BR_ERR_WRONG_KEY_USAGE: return "wrong key usage";
	case BR_ERR_NO_CLIENT_AUTH: return "client certificate required";
	case BR_ERR_IO: return "I/O error";
	case BR_ERR_X509_EXPIRED: return "certificate expired or not yet valid";
	case BR_ERR_X509_BAD_SERVER_NAME:
		return "certificate does not match the server name";
	case BR_ERR_X509_NOT_TRUSTED: return "certificate chain not trusted";
	case BR_ERR_X509_BAD_SIGNATURE:
		return "bad signature in the certificate chain";
	default: break;
	}
	if (err >= BR_ERR_RECV_FATAL_ALERT && err < BR_ERR_SEND_FATAL_ALERT)
		return "the server sent the fatal alert";
	if (err >= BR_ERR_SEND_FATAL_ALERT)
		return "BearSSL sent the fatal alert";
	if (err > BR_ERR_X509_OK && err < BR_ERR_RECV_FATAL_ALERT)
		return "certificate rejected";
	return err == BR_ERR_OK ? "the connection ended" : "TLS error";
}

/* An X.509 error of the engine in the words both backends use. */
static int untrusted(const struct staple_fetch_request *req, const char *name,
                     int e, struct staple_fetch_result *res)
{
	char detail[96];
	int why;

	switch (e) {
	case BR_ERR_X509_NOT_TRUSTED:
		why = STAPLE_NET_CERT_UNTRUSTED;
		break;
	case BR_ERR_X509_BAD_SERVER_NAME:
		why = STAPLE_NET_CERT_NAME;
		break;
	case BR_ERR_X509_EXPIRED:
		why = STAPLE_NET_CERT_EXPIRED;
		break;
	case BR_ERR_X509_BAD_SIGNATURE:
		why = STAPLE_NET_CERT_SIGNATURE;
		break;
	default:
		why = STAPLE_NET_CERT_OTHER;
		break;
	}
	snprintf(detail, sizeof detail, "%s (BearSSL error %d)",
	         engine_reason(e), e);
	return staple_net_fail_cert(res, why, name,
	                            req->cafile != NULL
	                                    ? req->cafile
	                                    : STAPLE_FETCH_DEFAULT_CAFILE,
	                            detail);
}

/* The handshake, step by step through the shim.  Returns 0 or an error. */
static int handshake(const struct staple_fetch_request *req,
                     const char *name, struct conn *c, int fd,
                     struct staple_fetch_result *res)
{
	int timeout_ms = req->read_timeout_ms;

	for (;;) {
		unsigned st = staple_shim_state(&c->shim);
		size_t len;
		long r;

		if (st & BR_SSL_CLOSED)
			break;
		if (st & BR_SSL_SENDAPP)
			return 0;
		if (st & BR_SSL_SENDREC) {
			const unsigned char *buf =
				staple_shim_sendrec_buf(&c->shim, &len);
			if (buf == NULL)
				break;
			r = staple_net_write_all(fd, buf, len, timeout_ms);
			if (r == -2)
				return staple_net_fail_handshake_timeout(
					res, timeout_ms);
			if (r < 0)
				return staple_net_fail_handshake_io(res, errno);
			staple_shim_sendrec_ack(&c->shim, len);
		} else if (st & BR_SSL_RECVREC) {
			unsigned char *buf = staple_shim_recvrec_buf(&c->shim,
			                                             &len);
			if (buf == NULL)
				break;
			r = staple_net_read(fd, buf, len, timeout_ms);
			if (r == -2)
				return staple_net_fail_handshake_timeout(
					res, timeout_ms);
			if (r <= 0)
				return staple_net_fail_handshake_io(
					res, r == 0 ? 0 : errno);
			staple_shim_recvrec_ack(&c->shim, (size_t)r);
		} else {
			break;
		}
	}
	if (staple_shim_error(&c->shim) != 0) {
		int e = staple_shim_error(&c->shim);
		staple_net_message(res, "TLS handshake failed: %s",
		                   staple_shim_strerror(e));
		return e == STAPLE_SHIM_ERR_STAPLE_TOO_LARGE
		           ? STAPLE_FETCH_TOO_LARGE
		           : STAPLE_FETCH_TLS;
	} else {
		int e = br_ssl_engine_last_error(&c->cc.eng);
		if (e >= BR_ERR_RECV_FATAL_ALERT && e < BR_ERR_SEND_FATAL_ALERT)
			return staple_net_fail_alert(
				res, e - BR_ERR_RECV_FATAL_ALERT, STAPLE_TLS_1_2);
		if (e >= BR_ERR_SEND_FATAL_ALERT)
			return staple_net_fail(
				res, STAPLE_FETCH_TLS,
				"TLS handshake failed: BearSSL sent the alert "
				"%s (%d)",
				staple_net_alert_name(e - BR_ERR_SEND_FATAL_ALERT),
				e - BR_ERR_SEND_FATAL_ALERT);
		if (e > BR_ERR_X509_OK && e < BR_ERR_RECV_FATAL_ALERT)
			return untrusted(req, name, e, res);
		return staple_net_fail(res, STAPLE_FETCH_TLS,
		                       "TLS handshake failed: %s (BearSSL "
		                       "error %d)", engine_reason(e), e);
	}
}

/*
 * What the server has shown once its Certificate message has passed,
 * whether the handshake then went on or not: the version and cipher
 * suite of its ServerHello and the chain the shim kept.  Returns 0, or
 * -1 when the chain buffer held fewer certificates than the server sent
 * (and fewer than STAPLE_FETCH_MAX_CHAIN).
 */
static int chain_facts(struct conn *c, struct staple_fetch_result *res)
{
	br_ssl_session_parameters sp;
	size_t i;

	br_ssl_engine_get_session_parameters(&c->cc.eng, &sp);
	res->version = br_ssl_engine_get_version(&c->cc.eng);
	res->cipher_suite = sp.cipher_suite;
	res->chain_total = staple_shim_cert_count(&c->shim);
	for (i = 0; i < STAPLE_FETCH_MAX_CHAIN; i++) {
		size_t n;
		const unsigned char *p = staple_shim_cert(&c->shim, i, &n);
		if (p == NULL)
			break;
		res->chain[i].p = p;
		res->chain[i].n = n;
	}
	res->chain_len = i;
	return i < res->chain_total && i < STAPLE_FETCH_MAX_CHAIN ? -1 : 0;
}

static int bearssl_fetch(const struct staple_fetch_request *req,
                         struct staple_fetch_result *res)
{
	struct anchors a = {NULL, 0, 0};
	struct conn *c = NULL;
	const char *name;
	int fd = -1, err;

	err = staple_net_check_request(req, res);
	if (err == 0)
		err = staple_net_check_version(res, req->max_version, "bearssl",
		                               STAPLE_TLS_1_2);
	if (err != 0)
		return err;
	name = req->server_name != NULL ? req->server_name : req->host;
	/* br_x509_minimal matches DNS names only */
	if (name[0] != '\0' && staple_net_is_address(name)) {
		staple_net_message(res,
		                   "BearSSL checks DNS names only: give a "
		                   "server name for %s", name);
		return res->err = STAPLE_FETCH_ARGUMENT;
	}
	err = anchors_load(&a, req->cafile != NULL
	                           ? req->cafile
	                           : STAPLE_FETCH_DEFAULT_CAFILE, res);
	if (err != 0)
		goto done;
	c = malloc(sizeof *c);
	if (c == NULL) {
		staple_net_message(res, "TLS setup: out of memory");
		err = STAPLE_FETCH_TLS;
		goto done;
	}
	err = staple_net_connect(req->host, req->port, req->connect_timeout_ms,
	                         &fd, res);
	if (err != 0)
		goto done;

	br_ssl_client_init_full(&c->cc, &c->xc, a.ta, a.n);
	memset(&c->judge, 0, sizeof c->judge);
	c->judge.vtable = &judge_vtable;
	c->judge.minimal = &c->xc;
	c->judge.insecure = req->insecure != 0;
	br_ssl_engine_set_x509(&c->cc.eng, &c->judge.vtable);
	/* init_full allows TLS 1.0 and 1.1; neither backend does */
	br_ssl_engine_set_versions(&c->cc.eng, BR_TLS12, BR_TLS12);
	br_ssl_engine_set_buffer(&c->cc.eng, c->iobuf, sizeof c->iobuf, 1);
	staple_shim_init(&c->shim, &c->cc.eng, req->staple_buf,
	                 req->staple_cap, req->chain_buf, req->chain_cap);
	if (!br_ssl_client_reset(&c->cc, name[0] != '\0' ? name : NULL, 0)) {
		staple_net_message(res,
		                   "cannot start TLS (BearSSL error %d)",
		                   br_ssl_engine_last_error(&c->cc.eng));
		err = STAPLE_FETCH_TLS;
		goto done;
	}
	err = handshake(req, name, c, fd, res);
	if (err == STAPLE_FETCH_UNTRUSTED) {
		/* the chain came whole before the engine judged it */
		(void)chain_facts(c, res);
		goto done;
	}
	if (err != 0)
		goto done;
	if (c->judge.verdict != 0) /* insecure: judged, and gone on */
		err = untrusted(req, name, (int)c->judge.verdict, res);

	switch (staple_shim_status(&c->shim)) {
	case STAPLE_SHIM_STAPLED:
		res->stapling = STAPLE_STAPLING_STAPLED;
		res->staple.p = req->staple_buf;
		res->staple.n = staple_shim_staple_len(&c->shim);
		break;
	case STAPLE_SHIM_NOT_ACKED:
		res->stapling = STAPLE_STAPLING_NOT_ACKED;
		break;
	case STAPLE_SHIM_NO_ANSWER:
		res->stapling = STAPLE_STAPLING_NO_ANSWER;
		break;
	case STAPLE_SHIM_RESUMED:
		res->stapling = STAPLE_STAPLING_RESUMED;
		break;
	default:
		staple_net_message(res,
		                   "the handshake did not complete");
		err = STAPLE_FETCH_TLS;
		goto done;
	}
	if (chain_facts(c, res) != 0) {
		staple_net_message(res,
		                   "the certificate chain exceeds its buffer");
		err = STAPLE_FETCH_TOO_LARGE;
	}
done:
	staple_net_close(fd);
	free(c);
	anchors_free(&a);
	res->err = err;
	if (err != 0 && err != STAPLE_FETCH_UNTRUSTED) {
		res->stapling = STAPLE_STAPLING_NONE;
		res->staple.p = NULL;
		res->staple.n = 0;
	}
	return err;
}

const struct staple_backend staple_backend_bearssl = {
	"bearssl", bearssl_fetch, &staple_crypto_bearssl, STAPLE_TLS_1_2
};
