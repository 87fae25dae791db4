/*
 * cmd_fetch.c -- `staple fetch [options] HOST[:PORT]`
 *
 * Connects through a backend (backend.h), gets the staple and the chain,
 * then does what `decode --issuer --cert` does with them: the leaf is the
 * chain's first certificate and the issuer the chain certificate named by
 * the leaf's issuer field, so the staple is checked against the chain
 * that the backend has just validated.  A leaf with the TLS Feature
 * extension (RFC 7633, must-staple) without a staple that verifies is a
 * failure (exit 3).  The whole result is rendered before it is written,
 * and --out goes through a temporary file renamed into place, so a
 * failure leaves no partial output.
 *
 * What the server showed is printed first (text.c and json.c, "fetch"
 * sections): TLS version, cipher suite, the chain's length, the leaf.  A
 * chain or name that does not validate ends the handshake there (exit
 * 8, and those facts still printed); with --insecure the backend goes on
 * to the end, and the staple is decoded and verified against the issuer
 * the server sent, the verdict followed by "chain trusted: no".  Exit 8
 * all the same: nothing of an untrusted server passes for good.
 *
 * The connection and the look at what it gave (staple_probe_prepare(),
 * staple_probe_run()) are `staple check`'s too: cmd_check.c probes each
 * of its servers through them, from as many threads as --jobs says, so
 * they keep no state but the struct staple_probe they are given.
 *
 * --out FILE never outlives the run that wrote it: once the server has
 * been asked, FILE holds this server's staple or does not exist, so a
 * script that reads it after a failure cannot take an old staple for a
 * new one.  Only a usage error (nothing asked yet) leaves it alone.
 */
#include "probe.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

/* Room for the staple and for the chain: far above what servers send
 * (a few KiB each), and the backends refuse rather than cut. */
#define STAPLE_CAP (1024 * 1024)
#define CHAIN_CAP (1024 * 1024)

struct fetch_opts {
	int json;
	struct staple_probe_options probe;
	const char *backend, *out, *target;
};

static int usage_error(const char *arg, const char *message)
{
	return staple_usage_error("fetch", arg, message);
}

/* fetch's options, in the order of fetch_command's values[]. */
enum { OPT_JSON, OPT_TLS12, OPT_TLS13, OPT_INSECURE, OPT_BACKEND,
       OPT_CAFILE, OPT_SERVERNAME, OPT_OUT, OPT_TIMEOUT, N_OPTS };
static const struct staple_option fetch_options[N_OPTS] = {
	[OPT_JSON] = {"--json", STAPLE_OPT_FLAG},
	[OPT_TLS12] = {"--tls12", STAPLE_OPT_FLAG},
	[OPT_TLS13] = {"--tls13", STAPLE_OPT_FLAG},
	[OPT_INSECURE] = {"--insecure", STAPLE_OPT_FLAG},
	[OPT_BACKEND] = {"--backend", STAPLE_OPT_VALUE},
	[OPT_CAFILE] = {"--cafile", STAPLE_OPT_VALUE},
	/* "" sends no SNI and checks no name */
	[OPT_SERVERNAME] = {"--servername", STAPLE_OPT_VALUE_OR_EMPTY},
	[OPT_OUT] = {"--out", STAPLE_OPT_VALUE},
	[OPT_TIMEOUT] = {"--timeout", STAPLE_OPT_VALUE},
};
static const struct staple_command fetch_command = {
	"fetch", fetch_options, N_OPTS, staple_usage_fetch};

/* Returns -1 to go on, else an exit status. */
static int parse_options(int argc, char **argv, struct fetch_opts *o)
{
	const char *v[N_OPTS];
	int *operands, n, rc;

	memset(o, 0, sizeof *o);
	operands = malloc((size_t)argc * sizeof *operands);
	if (operands == NULL)
		staple_out_of_memory();
	rc = staple_options_parse(&fetch_command, argc, argv, v, operands, &n);
	if (rc < 0 && n > 1)
		rc = usage_error(argv[operands[1]], "one server at a time");
	else if (rc < 0 && n == 0)
		rc = usage_error(NULL, "no server (HOST[:PORT])");
	if (rc < 0)
		o->target = argv[operands[0]];
	free(operands);
	o->json = v[OPT_JSON] != NULL;
	o->probe.tls12 = v[OPT_TLS12] != NULL;
	o->probe.tls13 = v[OPT_TLS13] != NULL;
	o->probe.insecure = v[OPT_INSECURE] != NULL;
	o->backend = v[OPT_BACKEND];
	o->probe.cafile = v[OPT_CAFILE];
	o->probe.servername = v[OPT_SERVERNAME];
	o->out = v[OPT_OUT];
	o->probe.timeout = v[OPT_TIMEOUT];
	return rc;
}

/* What split_target() found wrong. */
#define TARGET_MALFORMED (-1)
#define TARGET_BAD_PORT (-2)

/*
 * A port in decimal digits, 1 to 65535, into t->port (leading zeros
 * dropped).  A service name ("https") is refused: a typo in it would
 * surface as a resolver message that names no port.
 */
static int parse_port(const char *p, struct staple_target *t)
{
	unsigned long v = 0;
	const char *d;

	if (*p == '\0')
		return TARGET_BAD_PORT;
	for (d = p; *d != '\0'; d++) {
		if (*d < '0' || *d > '9')
			return TARGET_BAD_PORT;
		v = v * 10 + (unsigned long)(*d - '0');
		if (v > 65535)
			return TARGET_BAD_PORT;
	}
	if (v == 0)
		return TARGET_BAD_PORT;
	snprintf(t->port, sizeof t->port, "%lu", v);
	return 0;
}

/*
 * HOST, HOST:PORT, [IPV6] or [IPV6]:PORT into *t (port 443 when none is
 * given).  An IPv6 address without brackets is the host alone: its
 * colons leave no room for a port.  Returns 0, TARGET_MALFORMED or
 * TARGET_BAD_PORT.
 */
static int split_target(const char *s, struct staple_target *t)
{
	unsigned char addr[16];
	char *colon;
	size_t n = strlen(s);

	if (n == 0 || n >= sizeof t->buf)
		return TARGET_MALFORMED;
	memcpy(t->buf, s, n + 1);
	memcpy(t->port, "443", sizeof "443");
	if (t->buf[0] == '[') {
		char *close = strchr(t->buf, ']');
		if (close == NULL || close == t->buf + 1)
			return TARGET_MALFORMED;
		*close = '\0';
		t->host = t->buf + 1;
		/* brackets hold an IPv6 address (RFC 3986 3.2.2) */
		if (inet_pton(AF_INET6, t->host, addr) != 1)
			return TARGET_MALFORMED;
		if (close[1] == '\0')
			return 0;
		if (close[1] != ':')
			return TARGET_MALFORMED;
		return parse_port(close + 2, t);
	}
	t->host = t->buf;
	colon = strchr(t->buf, ':');
	if (colon == NULL)
		return 0;
	if (strchr(colon + 1, ':') != NULL)
		return inet_pton(AF_INET6, t->buf, addr) == 1 ? 0
		                                               : TARGET_MALFORMED;
	if (colon == t->buf)
		return TARGET_MALFORMED;
	*colon = '\0';
	return parse_port(colon + 1, t);
}

/* Exit statuses of the fetch errors; written in --help and staple.1. */
static int fetch_exit(int err)
{
	switch (err) {
	case STAPLE_FETCH_RESOLVE:
		return STAPLE_EXIT_RESOLVE;
	case STAPLE_FETCH_CONNECT:
		return STAPLE_EXIT_CONNECT;
	case STAPLE_FETCH_TIMEOUT:
		return STAPLE_EXIT_TIMEOUT;
	case STAPLE_FETCH_UNTRUSTED:
		return STAPLE_EXIT_UNTRUSTED;
	case STAPLE_FETCH_TLS:
	case STAPLE_FETCH_TOO_LARGE:
		return STAPLE_EXIT_TLS;
	default:
		return STAPLE_EXIT_USAGE;
	}
}

/* see tool.h */
const char *staple_fetch_code(int err)
{
	switch (err) {
	case STAPLE_FETCH_ARGUMENT: return "ARGUMENT";
	case STAPLE_FETCH_CAFILE: return "CAFILE";
	case STAPLE_FETCH_RESOLVE: return "RESOLVE";
	case STAPLE_FETCH_CONNECT: return "CONNECT";
	case STAPLE_FETCH_TIMEOUT: return "TIMEOUT";
	case STAPLE_FETCH_TLS: return "TLS";
	case STAPLE_FETCH_UNTRUSTED: return "UNTRUSTED";
	case STAPLE_FETCH_TOO_LARGE: return "TOO_LARGE";
	}
	return "UNKNOWN";
}

/*
 * Write the staple to path through a temporary file in the same
 * directory (mkstemp, so two runs cannot share it), flushed to disk and
 * renamed into place: path holds the whole staple or what it held
 * before, never a part.  The file gets the mode a new file would
 * (0666 less the umask), not mkstemp's 0600.  Returns 0, or errno.
 */
static int write_atomically(const char *path, struct staple_slice s)
{
	struct staple_buf tmp = {NULL, 0, 0};
	mode_t mask;
	FILE *f = NULL;
	int fd, e = 0;

	staple_buf_printf(&tmp, "%s.XXXXXX", path);
	staple_buf_char(&tmp, '\0');
	fd = mkstemp(tmp.p);
	if (fd < 0) {
		e = errno;
		staple_buf_free(&tmp);
		return e;
	}
	mask = umask(0);
	(void)umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0 || (f = fdopen(fd, "wb")) == NULL)
		e = errno;
	else if (fwrite(s.p, 1, s.n, f) != s.n || fflush(f) != 0 ||
	         fsync(fileno(f)) != 0)
		e = errno != 0 ? errno : EIO;
	if (f != NULL) {
		if (fclose(f) != 0 && e == 0)
			e = errno;
	} else {
		(void)close(fd);
	}
	if (e == 0 && rename(tmp.p, path) != 0)
		e = errno;
	if (e != 0)
		(void)unlink(tmp.p);
	staple_buf_free(&tmp);
	return e;
}

/*
 * Settle --out once the server has been asked: the staple written (path
 * "-": to stdout), or an earlier file removed.  unlink(), not remove():
 * a directory of that name is an error, not something to delete.
 * Returns 0 with *done set, or -1 after a message on stderr; a write
 * that failed removes the earlier file too, so no stale staple stays.
 */
static int settle_out(const char *path, const struct staple_slice *staple,
                      enum staple_out_done *done)
{
	int e;

	*done = STAPLE_OUT_NOT_ASKED;
	if (path == NULL)
		return 0;
	if (strcmp(path, "-") == 0) {
		if (staple == NULL) {
			*done = STAPLE_OUT_ABSENT;
			return 0;
		}
		if (fwrite(staple->p, 1, staple->n, stdout) != staple->n ||
		    fflush(stdout) != 0) {
			perror("staple: fetch: standard output");
			return -1;
		}
		*done = STAPLE_OUT_WROTE;
		return 0;
	}
	if (staple != NULL) {
		e = write_atomically(path, *staple);
		if (e == 0) {
			*done = STAPLE_OUT_WROTE;
			return 0;
		}
		fputs("staple: fetch: ", stderr);
		staple_print_escaped(stderr, path);
		fprintf(stderr, ": cannot write the staple: %s\n", strerror(e));
		(void)unlink(path);
		return -1;
	}
	if (unlink(path) == 0) {
		*done = STAPLE_OUT_REMOVED;
		return 0;
	}
	if (errno == ENOENT) {
		*done = STAPLE_OUT_ABSENT;
		return 0;
	}
	e = errno;
	fputs("staple: fetch: ", stderr);
	staple_print_escaped(stderr, path);
	fprintf(stderr, ": cannot remove the earlier staple: %s\n",
	        strerror(e));
	return -1;
}

/* The certificate of the chain that issued the leaf, by name. */
static int find_issuer(const struct staple_fetch_result *res,
                       const struct staple_cert *leaf,
                       struct staple_cert *issuer)
{
	size_t i;

	for (i = 1; i < res->chain_len; i++) {
		if (staple_cert_decode(issuer, res->chain[i].p,
		                       res->chain[i].n) != STAPLE_OK)
			continue;
		if (issuer->subject.n == leaf->issuer.n &&
		    memcmp(issuer->subject.p, leaf->issuer.p,
		           leaf->issuer.n) == 0)
			return 0;
	}
	return -1;
}

/* The issuer among the trust anchors, for a chain of the leaf alone
 * (or one that skips its issuer).  Returns 0 or -1. */
static int issuer_from_anchors(struct staple_verify_setup *setup,
                               const char *cafile)
{
	struct staple_problem pb;

	if (staple_input_find_cert(&setup->issuer_in,
	                           cafile != NULL ? cafile
	                                          : STAPLE_FETCH_DEFAULT_CAFILE,
	                           setup->leaf.issuer, &pb) != 0)
		return -1;
	return staple_cert_decode(&setup->issuer, setup->issuer_in.der.p,
	                          setup->issuer_in.der.n) == STAPLE_OK
	               ? 0
	               : -1;
}

/* Room for the staple and the chain of one probe. */
#define PROBE_BUFFERS (STAPLE_CAP + CHAIN_CAP)

/* see tool.h */
const char *staple_probe_prepare(struct staple_probe *p,
                                 const struct staple_backend *backend,
                                 const char *label,
                                 const struct staple_probe_options *o,
                                 const char **arg)
{
	struct staple_fetch_request *req = &p->req;
	int err;

	memset(p, 0, sizeof *p);
	p->backend = backend;
	p->label = label;
	p->options = o;
	*arg = label;
	err = split_target(label, &p->target);
	if (err == TARGET_BAD_PORT)
		return "the port must be a number from 1 to 65535";
	if (err != 0)
		return "not HOST[:PORT] or [ADDRESS]:PORT";
	*arg = NULL;
	if (o->tls12 && o->tls13)
		return "--tls12 and --tls13 together";
	/* --tls13 once meant "allow 1.3": OpenSSL now offers it anyway,
	 * and a backend without it says so rather than fall back */
	if (o->tls13 && backend->max_version < STAPLE_TLS_1_3) {
		*arg = "--tls13";
		snprintf(p->why, sizeof p->why,
		         "the %s backend speaks TLS 1.2 at most%s", backend->name,
		         staple_backend_find("openssl") != NULL
		                 ? "; TLS 1.3 needs --backend openssl"
		                 : "");
		return p->why;
	}
	req->host = p->target.host;
	req->port = p->target.port;
	req->server_name = o->servername;
	req->cafile = o->cafile;
	req->max_version = o->tls12 ? STAPLE_TLS_1_2 : 0;
	req->insecure = o->insecure;
	if (o->timeout != NULL) {
		int64_t ms;
		*arg = o->timeout;
		if (staple_parse_skew(o->timeout, &ms) != 0 || ms == 0 ||
		    ms > 3600000)
			return "not a number of seconds from 1 to 3600";
		req->connect_timeout_ms = req->read_timeout_ms = (int)ms;
	}
	*arg = NULL;
	return NULL;
}

/* No staple to look at: one line on stderr, or the JSON error object. */
static int connection_error(struct staple_buf *out, int json,
                            const char *label, int rc,
                            const struct staple_fetch_result *res)
{
	const char *message = res->message[0] != '\0'
	                              ? res->message
	                              : staple_fetch_strerror(rc);
	struct staple_json j;

	if (!json) {
		staple_text_fetch_error(out, label, message);
		return fetch_exit(rc);
	}
	staple_json_init(&j, out);
	staple_json_object(&j);
	staple_json_key(&j, "server");
	staple_json_str(&j, label);
	staple_json_error_member(&j, staple_fetch_code(rc), message, NULL,
	                         NULL);
	staple_json_end(&j);
	return fetch_exit(rc);
}

/*
 * The leaf, its issuer and the decoded staple, into setup, r and f, and
 * f->report from it all.  The issuer: the chain's certificate named by
 * the leaf's issuer field, else the trust anchors' (the chain the
 * backend validated, or with --insecure the one the server sent).
 */
static void examine(struct staple_probe *f)
{
	const struct staple_fetch_result *res = &f->res;
	struct staple_fetch_report *rep = &f->report;
	struct staple_verify_setup *setup = &f->setup;
	struct staple_response *r = &f->r;
	const char *label = f->label, *cafile = f->options->cafile;
	int err;

	setup->crypto = f->backend->crypto;
	setup->at_ms = staple_now_ms();
	setup->skew_ms = 300000;
	memset(rep, 0, sizeof *rep);
	rep->label = label;
	rep->backend = f->backend->name;
	rep->version = res->version;
	rep->cipher_suite = res->cipher_suite;
	rep->chain_length = res->chain_total;
	rep->handshake_done = f->handshake_done;
	rep->status_request = staple_stapling_name(res->stapling);
	rep->stapled = res->stapling == STAPLE_STAPLING_STAPLED;
	rep->staple_len = res->staple.n;
	rep->trusted = res->err == STAPLE_FETCH_OK;
	rep->untrusted = rep->trusted ? NULL : res->message;

	err = res->chain_len == 0
	              ? STAPLE_ERR_ARGUMENT
	              : staple_cert_decode(&setup->leaf, res->chain[0].p,
	                                   res->chain[0].n);
	if (err != STAPLE_OK) {
		f->problem = "the server's certificate cannot be read";
		if (res->chain_len > 0)
			rep->leaf_err = err;
	} else {
		setup->has_leaf = 1;
		rep->leaf = &setup->leaf;
		rep->must_staple =
			(setup->leaf.flags & STAPLE_CERT_MUST_STAPLE) != 0;
		if (find_issuer(res, &setup->leaf, &setup->issuer) != 0 &&
		    issuer_from_anchors(setup, cafile) != 0)
			f->problem = "neither the chain nor the trust anchors "
			             "hold the leaf's issuer";
	}
	if (f->handshake_done && rep->stapled) {
		err = staple_decode(r, res->staple.p, res->staple.n);
		if (err != STAPLE_OK) {
			f->decode_err = err;
			f->decode_offset = staple_error_offset(r);
		} else {
			f->decoded = 1;
		}
	}
	/* a verify report that runs says must-staple itself */
	rep->verify_says_must_staple = f->decoded && f->problem == NULL;
}

static int64_t monotonic_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* see tool.h */
int staple_probe_run(struct staple_probe *p)
{
	struct staple_fetch_request *req = &p->req;
	int64_t start;

	req->staple_buf = malloc(STAPLE_CAP);
	req->chain_buf = malloc(CHAIN_CAP);
	if (req->staple_buf == NULL || req->chain_buf == NULL)
		staple_out_of_memory();
	req->staple_cap = STAPLE_CAP;
	req->chain_cap = CHAIN_CAP;
	start = monotonic_us();
	p->rc = p->backend->fetch(req, &p->res);
	p->handshake_us = monotonic_us() - start;
	/* UNTRUSTED keeps what the server showed (backend.h): without
	 * --insecure up to its chain, with it all of the handshake */
	p->shown = p->rc == STAPLE_FETCH_OK ||
	           (p->rc == STAPLE_FETCH_UNTRUSTED && p->res.version != 0);
	p->handshake_done = p->rc == STAPLE_FETCH_OK ||
	                    (p->shown && p->options->insecure &&
	                     p->res.stapling != STAPLE_STAPLING_NONE);
	if (p->shown)
		examine(p);
	return p->rc;
}

/* see tool.h */
void staple_probe_free(struct staple_probe *p)
{
	/* the leaf points into chain_buf; the issuer into chain_buf or
	 * issuer_in, which is all setup owns */
	staple_input_free(&p->setup.issuer_in);
	free(p->req.staple_buf);
	free(p->req.chain_buf);
	p->req.staple_buf = p->req.chain_buf = NULL;
}

#define MUST_STAPLE_MISSING \
	"the certificate requires a staple (TLS Feature) and the server " \
	"sent none"

/*
 * The staple and the verdict on it, between the connection's facts and
 * the chain's, on the JSON object j has open or as text into out.
 * Returns the exit status, or -1 when the response cannot be shown (not
 * after staple_decode() has said yes): the output is then dropped.
 */
static int render_staple(struct staple_buf *out, struct staple_json *j,
                         int json, const struct staple_text_style *style,
                         const struct staple_probe *f)
{
	const struct staple_verify_setup *setup = &f->setup;
	const struct staple_response *r = &f->r;
	struct staple_verify_report report;
	int err;

	if (!json)
		staple_text_fetch_staple(out, &f->report);
	if (f->decode_err != 0) {
		if (json)
			staple_json_error_member(
				j, staple_errname(f->decode_err),
				staple_strerror(f->decode_err), NULL,
				&f->decode_offset);
		else
			staple_text_fetch_malformed(out, f->decode_err,
			                            f->decode_offset);
		return STAPLE_EXIT_MALFORMED;
	}
	if (f->decoded && f->problem == NULL) {
		staple_verify_run(setup, r, &report);
		err = json ? staple_json_response_members(j, r, &report)
		           : staple_text_response(out, style, NULL, r,
		                                  &report);
		if (err != STAPLE_OK)
			return -1;
		return report.verdict == STAPLE_OK ? STAPLE_EXIT_OK
		                                   : STAPLE_EXIT_VERIFY;
	}
	if (f->decoded) {
		/* the staple as decode shows it, then why it is unverified */
		err = json ? staple_json_response_members(j, r, NULL)
		           : staple_text_response(out, style, NULL, r, NULL);
		if (err != STAPLE_OK)
			return -1;
		if (json)
			staple_json_fetch_failed(j, "no_issuer", f->problem);
		else
			staple_text_fetch_failed(out, f->problem);
		return STAPLE_EXIT_VERIFY;
	}
	if (f->report.must_staple) {
		if (json)
			staple_json_fetch_failed(j, "must_staple_missing",
			                         MUST_STAPLE_MISSING);
		else
			staple_text_fetch_failed(out, MUST_STAPLE_MISSING);
		return STAPLE_EXIT_VERIFY;
	}
	return STAPLE_EXIT_OK;
}

/*
 * Render what examine() found: the connection's facts, the staple and
 * its verdict when the handshake got that far, whether the chain was
 * trusted, and for a chain that ended the handshake the error.  Returns
 * the exit status: 8 for any chain not trusted, --insecure or not.
 */
static int render(struct staple_buf *out, int json,
                  const struct staple_probe *f)
{
	struct staple_text_style style = {f->setup.at_ms, 0};
	struct staple_json j;
	int status = STAPLE_EXIT_OK;

	staple_json_init(&j, out);
	if (json) {
		staple_json_object(&j);
		staple_json_fetch_connection(&j, &f->report);
	} else {
		staple_text_fetch_connection(out, &style, &f->report);
	}
	if (f->handshake_done) {
		status = render_staple(out, &j, json, &style, f);
		if (status < 0) {
			out->n = 0;
			return STAPLE_EXIT_MALFORMED;
		}
	}
	if (json)
		staple_json_fetch_trust(&j, &f->report);
	else
		staple_text_fetch_trust(out, &f->report);
	if (json && !f->handshake_done && f->res.err != STAPLE_FETCH_OK)
		staple_json_error_member(&j, staple_fetch_code(f->res.err),
		                         f->res.message, NULL, NULL);
	if (json)
		staple_json_end(&j);
	return f->report.trusted ? status : STAPLE_EXIT_UNTRUSTED;
}

/* see tool.h */
int staple_cmd_fetch(int argc, char **argv)
{
	struct fetch_opts o;
	struct staple_probe p;
	struct staple_buf out = {NULL, 0, 0}, err_line = {NULL, 0, 0};
	const struct staple_backend *backend;
	enum staple_out_done out_done = STAPLE_OUT_NOT_ASKED;
	const char *why, *arg;
	FILE *to;
	int rc, status;

	rc = parse_options(argc, argv, &o);
	if (rc >= 0)
		return rc;
	backend = staple_backend_find(o.backend);
	if (backend == NULL)
		return usage_error(o.backend, "no such backend");
	why = staple_probe_prepare(&p, backend, o.target, &o.probe, &arg);
	if (why != NULL)
		return usage_error(arg, why);

	rc = staple_probe_run(&p);
	/* the report goes where the DER does not */
	to = o.out != NULL && strcmp(o.out, "-") == 0 ? stderr : stdout;
	if (rc != STAPLE_FETCH_OK && !p.shown) {
		/* ARGUMENT and CAFILE: the server was not asked, so --out
		 * keeps what it holds, as after any usage error.  A removal
		 * that fails says so on stderr; the status stays the
		 * connection's, which says more. */
		if (rc != STAPLE_FETCH_ARGUMENT && rc != STAPLE_FETCH_CAFILE)
			(void)settle_out(o.out, NULL, &out_done);
		status = connection_error(&out, o.json, o.target, rc, &p.res);
		if (!o.json) {
			to = stderr;
			if (out_done == STAPLE_OUT_REMOVED)
				staple_text_fetch_removed(&out, o.out);
		}
	} else if (settle_out(o.out,
	                      p.handshake_done &&
	                              p.res.stapling == STAPLE_STAPLING_STAPLED
	                              ? &p.res.staple
	                              : NULL,
	                      &out_done) != 0) {
		status = STAPLE_EXIT_USAGE; /* said on stderr; no report */
	} else {
		/* written whatever the verdict: for a look into a failure */
		p.report.out = o.out;
		p.report.out_done = out_done;
		status = render(&out, o.json, &p);
		/* the one line a failed connection gives, there too */
		if (rc != STAPLE_FETCH_OK && !o.json)
			(void)connection_error(&err_line, 0, o.target, rc,
			                       &p.res);
	}
	if (out.n > 0)
		(void)fwrite(out.p, 1, out.n, to);
	if (fflush(to) != 0 || ferror(to)) {
		perror(to == stdout ? "staple: stdout" : "staple: stderr");
		status = STAPLE_EXIT_USAGE;
	}
	if (err_line.n > 0)
		(void)fwrite(err_line.p, 1, err_line.n, stderr);
	staple_buf_free(&out);
	staple_buf_free(&err_line);
	staple_probe_free(&p);
	return status;
}
