/*
 * test_shim.c -- the BearSSL stapling shim and both fetch backends against
 * real `openssl s_server` processes on loopback (loopback.h), serving the
 * TLS fixtures (tests/fixtures/tls/, README "TLS fixtures").
 *
 * What is shown:
 *   - through staple_backend_bearssl and staple_backend_openssl, for each
 *     key exchange (ECDHE-ECDSA, ECDHE-RSA, RSA) and each framing
 *     (direct; proxies that keep, merge or cut the flight into 1-7 byte
 *     records), the staple that arrives is byte for byte the file the
 *     server staples, and the chain is the server's;
 *   - a certificate and a staple each over 16 KiB;
 *   - the proxies that change a byte of the staple, drop the
 *     CertificateStatus or the ServerHello's extension make the handshake
 *     fail and nothing is reported;
 *   - the embedded use: a BearSSL client written here with br_sslio and
 *     staple_shim_low_read/_low_write, with a client certificate that
 *     the server requires (its CertificateVerify signs the transcript
 *     hash the shim replaced), and session resumption;
 *   - the layout guard refuses an engine it does not recognise (a hash
 *     vtable of the application's, or another layout where 0.6 has its
 *     handshake hash) before a byte is sent.
 * Every test stops its server and proxy before asserting.
 */
#include "tests.h"
#include "loopback.h"
#include "backend.h"
#include "net.h"
#include "bearssl/shim.h"
#include "tool.h"

#include <bearssl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
#define STAPLE_CAP (64 * 1024)
#define CHAIN_CAP (64 * 1024)

struct server_case {
	const char *name;
	const char *leaf;   /* tls/LEAF.pem and .key */
	const char *staple; /* tls/STAPLE.der; NULL: the server staples none */
	const char *cipher;
	unsigned suite;     /* the cipher suite's wire number (IANA) */
};

#define ECDSA_GCM "ECDHE-ECDSA-AES128-GCM-SHA256"

static const struct server_case suites[] = {
	{"ecdhe-ecdsa", "leaf-ecdsa", "staple-ecdsa", ECDSA_GCM, 0xC02B},
	{"ecdhe-rsa", "leaf-rsa", "staple-rsa", "ECDHE-RSA-AES128-GCM-SHA256",
	 0xC02F},
	{"rsa-kx", "leaf-rsa", "staple-rsa", "AES128-GCM-SHA256", 0x009C},
};

static void path_of(char *out, size_t cap, const char *name, const char *ext)
{
	int n = snprintf(out, cap, "%s/tls/%s%s", test_fixtures_dir(), name,
	                 ext);
	ck_assert(n > 0 && (size_t)n < cap);
}

/* s_server for c, TLS 1.2 only, chain [leaf, int]; extra (NULL or a
 * NULL-terminated list of up to 6) appended. */
static int server_start(struct loopback_server *s,
                        const struct server_case *c,
                        const char *const *extra)
{
	static char cert[512], key[512], chain[512], staple[512];
	const char *args[20];
	size_t n = 0;

	path_of(cert, sizeof cert, c->leaf, ".pem");
	path_of(key, sizeof key, c->leaf, ".key");
	path_of(chain, sizeof chain, "int", ".pem");
	args[n++] = "-tls1_2";
	args[n++] = "-cert";
	args[n++] = cert;
	args[n++] = "-key";
	args[n++] = key;
	args[n++] = "-cert_chain";
	args[n++] = chain;
	args[n++] = "-cipher";
	args[n++] = c->cipher;
	if (c->staple != NULL) {
		path_of(staple, sizeof staple, c->staple, ".der");
		args[n++] = "-status_file";
		args[n++] = staple;
	}
	while (extra != NULL && *extra != NULL && n < N_OF(args) - 1)
		args[n++] = *extra++;
	args[n] = NULL;
	return loopback_server_start(s, args);
}

/* What one fetch gave, copied out. */
struct got {
	int err, stapling;
	unsigned version, cipher_suite;
	uint8_t *staple;
	size_t staple_len, chain_len, chain_total;
	uint8_t *chain0; /* the leaf */
	size_t chain0_len;
	char message[200];
};

static void got_free(struct got *g)
{
	free(g->staple);
	free(g->chain0);
}

/* What fetch_port() asks besides the port; zero: root.pem, localhost. */
struct ask {
	const char *anchors;     /* tls/ANCHORS.pem */
	const char *server_name;
	int insecure;
};

static void fetch_ask(const struct staple_backend *b, int port, int tls13,
                      const struct ask *ask, struct got *g)
{
	static uint8_t staple[STAPLE_CAP], chain[CHAIN_CAP];
	struct staple_fetch_request req;
	struct staple_fetch_result res;
	char cafile[512], portstr[16];

	memset(g, 0, sizeof *g);
	path_of(cafile, sizeof cafile,
	        ask->anchors != NULL ? ask->anchors : "root", ".pem");
	snprintf(portstr, sizeof portstr, "%d", port);
	memset(&req, 0, sizeof req);
	req.host = "127.0.0.1";
	req.port = portstr;
	req.server_name = ask->server_name != NULL ? ask->server_name
	                                           : "localhost";
	req.insecure = ask->insecure;
	req.cafile = cafile;
	req.max_version = tls13 ? 0 : STAPLE_TLS_1_2;
	req.connect_timeout_ms = req.read_timeout_ms = 10000;
	req.staple_buf = staple;
	req.staple_cap = sizeof staple;
	req.chain_buf = chain;
	req.chain_cap = sizeof chain;
	g->err = b->fetch(&req, &res);
	g->stapling = res.stapling;
	g->version = res.version;
	g->cipher_suite = res.cipher_suite;
	g->chain_len = res.chain_len;
	g->chain_total = res.chain_total;
	memcpy(g->message, res.message, sizeof g->message);
	if (res.staple.n > 0) {
		g->staple = malloc(res.staple.n);
		ck_assert(g->staple != NULL);
		memcpy(g->staple, res.staple.p, res.staple.n);
		g->staple_len = res.staple.n;
	}
	if (res.chain_len > 0) {
		g->chain0 = malloc(res.chain[0].n);
		ck_assert(g->chain0 != NULL);
		memcpy(g->chain0, res.chain[0].p, res.chain[0].n);
		g->chain0_len = res.chain[0].n;
	}
}

static void fetch_port(const struct staple_backend *b, int port, int tls13,
                       struct got *g)
{
	static const struct ask plain = {NULL, NULL, 0};

	fetch_ask(b, port, tls13, &plain, g);
}

/* The DER of the first certificate of a PEM file. */
static void cert_der(const char *name, uint8_t **der, size_t *len)
{
	char path[512];
	struct staple_input in;
	struct staple_problem pb;

	path_of(path, sizeof path, name, ".pem");
	ck_assert_int_eq(staple_input_load_cert(&in, path, &pb), 0);
	*der = malloc(in.der.n);
	ck_assert(*der != NULL);
	memcpy(*der, in.der.p, in.der.n);
	*len = in.der.n;
	staple_input_free(&in);
}

/* The staple came whole and the chain is the server's. */
static void expect_stapled(const struct got *g, const struct server_case *c,
                           const char *what)
{
	char path[512];
	uint8_t *file, *leaf;
	size_t n, leaf_len;

	ck_assert_msg(g->err == 0, "%s: err %d: %s", what, g->err, g->message);
	ck_assert_msg(g->stapling == STAPLE_STAPLING_STAPLED, "%s: %s", what,
	              staple_stapling_name(g->stapling));
	path_of(path, sizeof path, c->staple, ".der");
	ck_assert_int_eq(test_read_file(path, &file, &n), 0);
	ck_assert_msg(g->staple_len == n && memcmp(g->staple, file, n) == 0,
	              "%s: the staple differs from %s", what, path);
	free(file);
	ck_assert_uint_eq(g->chain_total, 2);
	ck_assert_uint_eq(g->chain_len, 2);
	cert_der(c->leaf, &leaf, &leaf_len);
	ck_assert_msg(g->chain0_len == leaf_len &&
	                      memcmp(g->chain0, leaf, leaf_len) == 0,
	              "%s: chain[0] is not the leaf", what);
	free(leaf);
}

/* ---- both backends, every suite and framing ----------------------------- */

struct framing {
	const char *name;
	int proxy; /* 0: direct */
	enum loopback_proxy_mode mode;
};

static const struct framing framings[] = {
	{"direct", 0, LOOPBACK_PROXY_PASS},
	{"pass", 1, LOOPBACK_PROXY_PASS},
	{"merge", 1, LOOPBACK_PROXY_MERGE},
	{"split", 1, LOOPBACK_PROXY_SPLIT},
};

static const char *const backend_names[] = {"bearssl", "openssl"};

/* _i: backend × suite × framing */
START_TEST(fetch_identical)
{
	size_t nb = N_OF(backend_names), ns = N_OF(suites);
	const struct staple_backend *b = staple_backend_find(
		backend_names[(size_t)_i % nb]);
	const struct server_case *c = &suites[((size_t)_i / nb) % ns];
	const struct framing *f = &framings[(size_t)_i / nb / ns];
	struct loopback_server s;
	struct loopback_proxy p;
	char what[128];
	struct got g;

	ck_assert(b != NULL);
	snprintf(what, sizeof what, "%s %s %s", b->name, c->name, f->name);
	ck_assert_int_eq(server_start(&s, c, NULL), 0);
	if (f->proxy && loopback_proxy_start(&p, s.port, f->mode,
	                                     (unsigned)_i) != 0) {
		loopback_server_stop(&s);
		ck_abort_msg("%s: no proxy", what);
	}
	fetch_port(b, f->proxy ? p.port : s.port, 0, &g);
	if (f->proxy)
		loopback_proxy_stop(&p);
	loopback_server_stop(&s);
	expect_stapled(&g, c, what);
	ck_assert_uint_eq(g.version, 0x0303);
	ck_assert_msg(g.cipher_suite == c->suite, "%s: cipher suite 0x%04X",
	              what, g.cipher_suite);
	got_free(&g);
}
END_TEST

/* OpenSSL over TLS 1.3: the staple rides in the Certificate message. */
START_TEST(fetch_openssl_tls13)
{
	const struct server_case *c = &suites[_i];
	const char *args[10];
	char cert[512], key[512], chain[512], staple[512];
	struct loopback_server s;
	struct got g;

	path_of(cert, sizeof cert, c->leaf, ".pem");
	path_of(key, sizeof key, c->leaf, ".key");
	path_of(chain, sizeof chain, "int", ".pem");
	path_of(staple, sizeof staple, c->staple, ".der");
	args[0] = "-cert";
	args[1] = cert;
	args[2] = "-key";
	args[3] = key;
	args[4] = "-cert_chain";
	args[5] = chain;
	args[6] = "-status_file";
	args[7] = staple;
	args[8] = NULL;
	ck_assert_int_eq(loopback_server_start(&s, args), 0);
	fetch_port(staple_backend_find("openssl"), s.port, 1, &g);
	loopback_server_stop(&s);
	expect_stapled(&g, c, "openssl tls1.3");
	ck_assert_uint_eq(g.version, 0x0304);
	/* a TLS 1.3 suite: TLS_AES_*, TLS_CHACHA20_* (RFC 8446 B.4) */
	ck_assert_msg(g.cipher_suite >= 0x1301 && g.cipher_suite <= 0x1305,
	              "cipher suite 0x%04X", g.cipher_suite);
	got_free(&g);
}
END_TEST

/* Over 16 KiB: the Certificate (both backends) and the staple (BearSSL;
 * OpenSSL refuses a CertificateStatus over 16384 octets). */
START_TEST(fetch_big)
{
	static const struct server_case big = {"big", "leaf-big", "staple-big",
	                                       ECDSA_GCM, 0xC02B};
	static const struct server_case big_small = {
		"big-small", "leaf-big", "staple-big-small", ECDSA_GCM, 0xC02B};
	const struct framing *f = &framings[_i];
	struct loopback_server s;
	struct loopback_proxy p;
	struct got g, o;

	ck_assert_int_eq(server_start(&s, &big, NULL), 0);
	if (f->proxy)
		ck_assert_int_eq(
			loopback_proxy_start(&p, s.port, f->mode, 7), 0);
	fetch_port(&staple_backend_bearssl, f->proxy ? p.port : s.port, 0, &g);
	if (f->proxy)
		loopback_proxy_stop(&p);
	loopback_server_stop(&s);
	expect_stapled(&g, &big, f->name);
	ck_assert_uint_gt(g.staple_len, 16384);
	ck_assert_uint_gt(g.chain0_len, 16384);
	got_free(&g);

	ck_assert_int_eq(server_start(&s, &big_small, NULL), 0);
	if (f->proxy)
		ck_assert_int_eq(
			loopback_proxy_start(&p, s.port, f->mode, 9), 0);
	fetch_port(staple_backend_find("openssl"), f->proxy ? p.port : s.port,
	           0, &o);
	if (f->proxy)
		loopback_proxy_stop(&p);
	loopback_server_stop(&s);
	expect_stapled(&o, &big_small, f->name);
	got_free(&o);
}
END_TEST

/* A server without a staple: acknowledged by neither. */
START_TEST(fetch_not_stapled)
{
	static const struct server_case plain = {"plain", "leaf-ecdsa", NULL,
	                                         ECDSA_GCM, 0xC02B};
	const struct staple_backend *b = staple_backend_find(backend_names[_i]);
	struct loopback_server s;
	struct got g;

	ck_assert_int_eq(server_start(&s, &plain, NULL), 0);
	fetch_port(b, s.port, 0, &g);
	loopback_server_stop(&s);
	ck_assert_msg(g.err == 0, "%s", g.message);
	ck_assert_str_eq(staple_stapling_name(g.stapling), "not_acknowledged");
	ck_assert_uint_eq(g.staple_len, 0);
	ck_assert_uint_eq(g.chain_total, 2);
	got_free(&g);
}
END_TEST

/* A proxy that damages the flight: the handshake fails, nothing stapled. */
START_TEST(fetch_tampered)
{
	static const enum loopback_proxy_mode modes[] = {
		LOOPBACK_PROXY_TAMPER_STAPLE, LOOPBACK_PROXY_DROP_STATUS,
		LOOPBACK_PROXY_DROP_SH_EXT};
	const struct staple_backend *b =
		staple_backend_find(backend_names[(size_t)_i % 2]);
	enum loopback_proxy_mode mode = modes[(size_t)_i / 2 % 3];
	const struct server_case *c = &suites[(size_t)_i / 6];
	struct loopback_server s;
	struct loopback_proxy p;
	struct got g;

	ck_assert_int_eq(server_start(&s, c, NULL), 0);
	if (loopback_proxy_start(&p, s.port, mode, 1) != 0) {
		loopback_server_stop(&s);
		ck_abort_msg("no proxy");
	}
	fetch_port(b, p.port, 0, &g);
	loopback_proxy_stop(&p);
	loopback_server_stop(&s);
	ck_assert_msg(g.err == STAPLE_FETCH_TLS, "%s mode %d: err %d (%s)",
	              b->name, (int)mode, g.err, g.message);
	ck_assert_int_eq(g.stapling, STAPLE_STAPLING_NONE);
	ck_assert_uint_eq(g.staple_len, 0);
	got_free(&g);
}
END_TEST

/* ---- a chain or name that does not validate ----------------------------- */

/*
 * client.pem anchors nothing of the server's chain; "wrongname.test" is
 * no name of the leaf.  Both are UNTRUSTED, with the chain, the version
 * and the cipher suite the server showed; without insecure nothing is
 * stapled, with it the handshake completes and the staple comes whole.
 * _i: backend x (wrong anchor, wrong name).
 */
START_TEST(fetch_untrusted)
{
	static const struct ask asks[] = {
		{"client", NULL, 0}, {"client", NULL, 1},
		{NULL, "wrongname.test", 0}, {NULL, "wrongname.test", 1}};
	const struct staple_backend *b =
		staple_backend_find(backend_names[(size_t)_i % 2]);
	const struct server_case *c = &suites[0];
	struct loopback_server s;
	struct got g[2];
	size_t k, first = (size_t)_i / 2 * 2;
	int started;

	memset(g, 0, sizeof g);
	started = server_start(&s, c, NULL) == 0;
	for (k = 0; started && k < 2; k++)
		fetch_ask(b, s.port, 0, &asks[first + k], &g[k]);
	loopback_server_stop(&s);
	ck_assert(started);
	for (k = 0; k < 2; k++) {
		char what[96];
		uint8_t *leaf;
		size_t leaf_len;

		snprintf(what, sizeof what, "%s %s%s", b->name,
		         asks[first + k].anchors != NULL ? "wrong anchor"
		                                         : "wrong name",
		         asks[first + k].insecure ? " insecure" : "");
		ck_assert_msg(g[k].err == STAPLE_FETCH_UNTRUSTED,
		              "%s: err %d (%s)", what, g[k].err, g[k].message);
		ck_assert_msg(strncmp(g[k].message, "certificate not trusted: ",
		                      25) == 0,
		              "%s: %s", what, g[k].message);
		ck_assert_msg(g[k].version == 0x0303 &&
		                      g[k].cipher_suite == c->suite,
		              "%s: version 0x%04X suite 0x%04X", what,
		              g[k].version, g[k].cipher_suite);
		ck_assert_msg(g[k].chain_total == 2 && g[k].chain_len == 2,
		              "%s: chain %zu of %zu", what, g[k].chain_len,
		              g[k].chain_total);
		cert_der(c->leaf, &leaf, &leaf_len);
		ck_assert_msg(g[k].chain0_len == leaf_len &&
		                      memcmp(g[k].chain0, leaf, leaf_len) == 0,
		              "%s: chain[0] is not the leaf", what);
		free(leaf);
	}
	ck_assert_int_eq(g[0].stapling, STAPLE_STAPLING_NONE);
	ck_assert_uint_eq(g[0].staple_len, 0);
	/* insecure: everything a trusted fetch gives, err aside */
	g[1].err = 0;
	expect_stapled(&g[1], c, "insecure");
	got_free(&g[0]);
	got_free(&g[1]);
}
END_TEST

/* ---- the embedded use: br_sslio and the shim's callbacks ---------------- */

/* A fixed buffer that br_x509_decoder and br_pem_decoder write into. */
struct byte_sink {
	unsigned char buf[1024];
	size_t n;
	int overflow;
};

static void sink_append(void *ctx, const void *p, size_t n)
{
	struct byte_sink *d = ctx;

	if (d->overflow || sizeof d->buf - d->n < n) {
		d->overflow = 1;
		return;
	}
	memcpy(d->buf + d->n, p, n);
	d->n += n;
}

/* root.pem as a trust anchor (loopback_anchor). */
static void root_anchor(br_x509_trust_anchor *ta)
{
	char path[512];

	path_of(path, sizeof path, "root", ".pem");
	ck_assert_int_eq(loopback_anchor(path, ta), 0);
}

/* client.key (PKCS#8 PEM) and the chain [client, int] for BearSSL. */
struct client_id {
	br_skey_decoder_context skey;
	br_x509_certificate chain[2];
	uint8_t *der[2];
};

static void client_id_load(struct client_id *id)
{
	char path[512];
	uint8_t *pem;
	size_t len, off = 0;
	br_pem_decoder_context pc;
	struct byte_sink *keyder = malloc(sizeof *keyder);
	size_t n;

	ck_assert(keyder != NULL);
	memset(keyder, 0, sizeof *keyder);
	path_of(path, sizeof path, "client", ".key");
	ck_assert_int_eq(test_read_file(path, &pem, &len), 0);
	br_pem_decoder_init(&pc);
	while (off < len) {
		off += br_pem_decoder_push(&pc, pem + off, len - off);
		if (br_pem_decoder_event(&pc) == BR_PEM_BEGIN_OBJ)
			br_pem_decoder_setdest(&pc, sink_append, keyder);
		else if (br_pem_decoder_event(&pc) == BR_PEM_END_OBJ)
			break;
	}
	free(pem);
	br_skey_decoder_init(&id->skey);
	br_skey_decoder_push(&id->skey, keyder->buf, keyder->n);
	free(keyder);
	ck_assert_int_eq(br_skey_decoder_last_error(&id->skey), 0);
	ck_assert_int_eq(br_skey_decoder_key_type(&id->skey), BR_KEYTYPE_EC);
	cert_der("client", &id->der[0], &n);
	id->chain[0].data = id->der[0];
	id->chain[0].data_len = n;
	cert_der("int", &id->der[1], &n);
	id->chain[1].data = id->der[1];
	id->chain[1].data_len = n;
}

/* One client connection with br_sslio over the shim's callbacks. */
struct embedded {
	br_ssl_client_context cc;
	br_x509_minimal_context xc;
	br_sslio_context ioc;
	struct staple_shim shim;
	unsigned char iobuf[BR_SSL_BUFSIZE_BIDI];
	unsigned char staple[STAPLE_CAP], chain[CHAIN_CAP];
	br_x509_trust_anchor ta;
	int fd;
};

/* Connect, shake hands, send a line, read the first bytes back (-www
 * answers with a page).  Returns the shim's status. */
static int embedded_run(struct embedded *e, int port,
                        const struct client_id *id,
                        const br_ssl_session_parameters *resume)
{
	struct staple_fetch_result res;
	char portstr[16];
	unsigned char reply[64];
	int status;

	snprintf(portstr, sizeof portstr, "%d", port);
	ck_assert_int_eq(staple_net_connect("127.0.0.1", portstr, 5000, &e->fd,
	                                    &res),
	                 0);
	root_anchor(&e->ta);
	br_ssl_client_init_full(&e->cc, &e->xc, &e->ta, 1);
	br_ssl_engine_set_buffer(&e->cc.eng, e->iobuf, sizeof e->iobuf, 1);
	if (id != NULL)
		br_ssl_client_set_single_ec(
			&e->cc, id->chain, 2, br_skey_decoder_get_ec(&id->skey),
			BR_KEYTYPE_KEYX | BR_KEYTYPE_SIGN, BR_KEYTYPE_EC,
			br_ec_get_default(), br_ecdsa_sign_asn1_get_default());
	ck_assert_int_eq(staple_shim_init(&e->shim, &e->cc.eng, e->staple,
	                                  sizeof e->staple, e->chain,
	                                  sizeof e->chain),
	                 0);
	staple_shim_set_io(&e->shim, loopback_sock_read, &e->fd,
	                   loopback_sock_write, &e->fd);
	if (resume != NULL)
		br_ssl_engine_set_session_parameters(&e->cc.eng, resume);
	ck_assert(br_ssl_client_reset(&e->cc, "localhost", resume != NULL));
	br_sslio_init(&e->ioc, &e->cc.eng, staple_shim_low_read, &e->shim,
	              staple_shim_low_write, &e->shim);
	if (br_sslio_write_all(&e->ioc, "GET / HTTP/1.0\r\n\r\n", 18) == 0 &&
	    br_sslio_flush(&e->ioc) == 0)
		(void)br_sslio_read(&e->ioc, reply, sizeof reply);
	status = staple_shim_status(&e->shim);
	/* no br_sslio_close(): -www has closed its side already, and
	 * BearSSL's close would wait on a peer that is gone */
	staple_net_close(e->fd);
	return status;
}

/* The staple the embedded client got is the file the server staples. */
static void expect_embedded_staple(struct embedded *e, const char *name)
{
	char path[512];
	uint8_t *file;
	size_t n;

	path_of(path, sizeof path, name, ".der");
	ck_assert_int_eq(test_read_file(path, &file, &n), 0);
	ck_assert(staple_shim_staple_len(&e->shim) == n &&
	          memcmp(e->staple, file, n) == 0);
	free(file);
}

/*
 * A server that requires a client certificate: the client's
 * CertificateVerify signs the handshake hash after the shim replaced it,
 * and the server checks that signature against the real transcript.
 */
START_TEST(embedded_client_certificate)
{
	static struct embedded e;
	static char ca[512];
	const char *extra[] = {"-Verify", "1", "-CAfile", ca,
	                       "-verify_return_error", "-www", NULL};
	struct client_id id;
	struct loopback_server s;
	int status, err, engine_err;

	path_of(ca, sizeof ca, "root", ".pem");
	client_id_load(&id);
	ck_assert_int_eq(server_start(&s, &suites[0], extra), 0);
	status = embedded_run(&e, s.port, &id, NULL);
	err = staple_shim_error(&e.shim);
	engine_err = br_ssl_engine_last_error(&e.cc.eng);
	loopback_server_stop(&s);
	free(id.der[0]);
	free(id.der[1]);
	ck_assert_msg(status == STAPLE_SHIM_STAPLED,
	              "status %d, shim error %d, engine error %d", status, err,
	              engine_err);
	expect_embedded_staple(&e, "staple-ecdsa");
	ck_assert_uint_eq(staple_shim_cert_count(&e.shim), 2);
}
END_TEST

/* The same server without a client certificate: it refuses. */
START_TEST(embedded_client_certificate_missing)
{
	static struct embedded e;
	static char ca[512];
	const char *extra[] = {"-Verify", "1", "-CAfile", ca,
	                       "-verify_return_error", "-www", NULL};
	struct loopback_server s;
	int status;

	path_of(ca, sizeof ca, "root", ".pem");
	ck_assert_int_eq(server_start(&s, &suites[0], extra), 0);
	status = embedded_run(&e, s.port, NULL, NULL);
	loopback_server_stop(&s);
	ck_assert_int_eq(status, STAPLE_SHIM_FAILED);
	ck_assert_uint_eq(staple_shim_staple_len(&e.shim), 0);
}
END_TEST

/*
 * Resumption: the first handshake staples; the second, offering the
 * session, is abbreviated (ServerHello, ChangeCipherSpec, Finished), so
 * the hash is replaced before the ChangeCipherSpec and there is no
 * staple to report.
 */
START_TEST(embedded_resumption)
{
	static struct embedded e;
	static const char *const www[] = {"-www", NULL};
	br_ssl_session_parameters sp;
	struct loopback_server s;
	int first, second;

	/* -www answers and closes with close_notify: the session stays
	 * resumable */
	ck_assert_int_eq(server_start(&s, &suites[_i], www), 0);
	first = embedded_run(&e, s.port, NULL, NULL);
	br_ssl_engine_get_session_parameters(&e.cc.eng, &sp);
	second = first == STAPLE_SHIM_STAPLED
	                 ? embedded_run(&e, s.port, NULL, &sp)
	                 : -1;
	loopback_server_stop(&s);
	ck_assert_int_eq(first, STAPLE_SHIM_STAPLED);
	ck_assert_msg(second == STAPLE_SHIM_RESUMED,
	              "second: %d, shim error %d, engine error %d", second,
	              staple_shim_error(&e.shim),
	              br_ssl_engine_last_error(&e.cc.eng));
	ck_assert_uint_eq(staple_shim_staple_len(&e.shim), 0);
}
END_TEST

/*
 * The layout guard: an engine whose SHA-256 is not BearSSL's own vtable
 * (a copy at another address) is not one the shim knows, and it stops
 * before the ClientHello leaves.
 */
START_TEST(layout_guard)
{
	static br_hash_class sha256_copy;
	static struct embedded e;
	static unsigned char sink[64];
	br_x509_trust_anchor ta;
	size_t len;
	const unsigned char *out;

	sha256_copy = br_sha256_vtable;
	root_anchor(&ta);
	br_ssl_client_init_full(&e.cc, &e.xc, &ta, 1);
	br_ssl_engine_set_buffer(&e.cc.eng, e.iobuf, sizeof e.iobuf, 1);
	br_ssl_engine_set_hash(&e.cc.eng, br_sha256_ID, &sha256_copy);
	ck_assert_int_eq(staple_shim_init(&e.shim, &e.cc.eng, e.staple,
	                                  sizeof e.staple, NULL, 0),
	                 0);
	ck_assert(br_ssl_client_reset(&e.cc, "localhost", 0));
	ck_assert(staple_shim_state(&e.shim) & BR_SSL_SENDREC);
	out = staple_shim_sendrec_buf(&e.shim, &len);
	ck_assert(out == NULL && len == 0);
	ck_assert_int_eq(staple_shim_error(&e.shim),
	                 STAPLE_SHIM_ERR_ENGINE_LAYOUT);
	ck_assert_uint_eq(staple_shim_state(&e.shim), BR_SSL_CLOSED);
	ck_assert_int_eq(staple_shim_status(&e.shim), STAPLE_SHIM_FAILED);
	/* and through br_sslio: the write callback refuses */
	ck_assert_int_eq(staple_shim_low_write(&e.shim, sink, sizeof sink), -1);
}
END_TEST

/* A transport that must never be written to. */
static int count_write(void *ctx, const unsigned char *buf, size_t len)
{
	(void)buf;
	*(size_t *)ctx += len;
	return (int)len;
}

/*
 * A BearSSL whose engine layout is not 0.6's, as the shim sees it: what
 * it finds where mhash should be holds no hash implementations (case 0),
 * bytes that are not pointers to BearSSL's own (case 1), or BearSSL's
 * own implementations over something else than the ClientHello (case 2).
 * Through the engine-buffer calls (even _i) and br_sslio's write
 * callback (odd _i), the shim fails closed with ENGINE_LAYOUT before a
 * byte of the ClientHello is sent.
 */
START_TEST(layout_unknown)
{
	static struct embedded e;
	size_t written = 0, len;
	const unsigned char *rec;
	br_ssl_engine_context *eng = &e.cc.eng;

	root_anchor(&e.ta);
	br_ssl_client_init_full(&e.cc, &e.xc, &e.ta, 1);
	br_ssl_engine_set_buffer(eng, e.iobuf, sizeof e.iobuf, 1);
	ck_assert_int_eq(staple_shim_init(&e.shim, eng, e.staple,
	                                  sizeof e.staple, NULL, 0),
	                 0);
	staple_shim_set_io(&e.shim, NULL, NULL, count_write, &written);
	ck_assert(br_ssl_client_reset(&e.cc, "localhost", 0));
	switch (_i / 2) {
	case 0:
		br_multihash_zero(&eng->mhash);
		break;
	case 1:
		memset(&eng->mhash, 0xa5, sizeof eng->mhash);
		break;
	default:
		br_multihash_init(&eng->mhash);
		break;
	}
	if (_i % 2 == 0) {
		rec = staple_shim_sendrec_buf(&e.shim, &len);
		ck_assert(rec == NULL && len == 0);
	} else {
		rec = br_ssl_engine_sendrec_buf(eng, &len);
		ck_assert(rec != NULL);
		ck_assert_int_eq(staple_shim_low_write(&e.shim, rec, len), -1);
	}
	ck_assert_uint_eq(written, 0);
	ck_assert_int_eq(staple_shim_error(&e.shim),
	                 STAPLE_SHIM_ERR_ENGINE_LAYOUT);
	ck_assert_uint_eq(staple_shim_state(&e.shim), BR_SSL_CLOSED);
	ck_assert_int_eq(staple_shim_status(&e.shim), STAPLE_SHIM_FAILED);
}
END_TEST

/* The arguments staple_shim_init refuses. */
START_TEST(init_arguments)
{
	static struct embedded e;
	unsigned char buf[8];

	ck_assert_int_eq(staple_shim_init(&e.shim, NULL, buf, sizeof buf, NULL,
	                                  0),
	                 STAPLE_SHIM_ERR_ARGUMENT);
	ck_assert_int_eq(staple_shim_init(&e.shim, &e.cc.eng, NULL, 8, NULL, 0),
	                 STAPLE_SHIM_ERR_ARGUMENT);
	ck_assert_int_eq(staple_shim_init(&e.shim, &e.cc.eng, buf, 0, NULL, 0),
	                 STAPLE_SHIM_ERR_ARGUMENT);
	ck_assert_int_eq(staple_shim_init(&e.shim, &e.cc.eng, buf, sizeof buf,
	                                  NULL, 4),
	                 STAPLE_SHIM_ERR_ARGUMENT);
	ck_assert_int_eq(staple_shim_status(&e.shim), STAPLE_SHIM_FAILED);
	ck_assert_str_eq(staple_shim_strerror(STAPLE_SHIM_ERR_ARGUMENT),
	                 "bad argument");
}
END_TEST

Suite *shim_suite(void)
{
	Suite *s = suite_create("shim");
	TCase *tc = tcase_create("tls");

	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, fetch_identical, 0,
	                    (int)(N_OF(backend_names) * N_OF(suites) *
	                          N_OF(framings)));
	tcase_add_loop_test(tc, fetch_openssl_tls13, 0, (int)N_OF(suites));
	tcase_add_loop_test(tc, fetch_big, 0, (int)N_OF(framings));
	tcase_add_loop_test(tc, fetch_not_stapled, 0, (int)N_OF(backend_names));
	tcase_add_loop_test(tc, fetch_tampered, 0, (int)(2 * 3 * N_OF(suites)));
	tcase_add_loop_test(tc, fetch_untrusted, 0, 4);
	tcase_add_test(tc, embedded_client_certificate);
	tcase_add_test(tc, embedded_client_certificate_missing);
	tcase_add_loop_test(tc, embedded_resumption, 0, (int)N_OF(suites));
	tcase_add_test(tc, layout_guard);
	tcase_add_loop_test(tc, layout_unknown, 0, 6);
	tcase_add_test(tc, init_arguments);
	suite_add_tcase(s, tc);
	return s;
}
