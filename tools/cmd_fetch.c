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
 * --out FILE never outlives the run that wrote it: once the server has
 * been asked, FILE holds this server's staple or does not exist, so a
 * script that reads it after a failure cannot take an old staple for a
 * new one.  Only a usage error (nothing asked yet) leaves it alone.
 */
#include "tool.h"
#include "backend.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* Room for the staple and for the chain: far above what servers send
 * (a few KiB each), and the backends refuse rather than cut. */
#define STAPLE_CAP (1024 * 1024)
#define CHAIN_CAP (1024 * 1024)

struct fetch_opts {
	int json, tls12, tls13;
	const char *backend, *cafile, *servername, *out, *timeout, *target;
};

static int usage_error(const char *arg, const char *message)
{
	return staple_usage_error("fetch", arg, message);
}

/* fetch's options, in the order of fetch_command's values[]. */
enum { OPT_JSON, OPT_TLS12, OPT_TLS13, OPT_BACKEND, OPT_CAFILE,
       OPT_SERVERNAME, OPT_OUT, OPT_TIMEOUT, N_OPTS };
static const struct staple_option fetch_options[N_OPTS] = {
	[OPT_JSON] = {"--json", STAPLE_OPT_FLAG},
	[OPT_TLS12] = {"--tls12", STAPLE_OPT_FLAG},
	[OPT_TLS13] = {"--tls13", STAPLE_OPT_FLAG},
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
	o->tls12 = v[OPT_TLS12] != NULL;
	o->tls13 = v[OPT_TLS13] != NULL;
	o->backend = v[OPT_BACKEND];
	o->cafile = v[OPT_CAFILE];
	o->servername = v[OPT_SERVERNAME];
	o->out = v[OPT_OUT];
	o->timeout = v[OPT_TIMEOUT];
	return rc;
}

/* HOST[:PORT] taken apart: the host in buf, the port as digits. */
struct target {
	char buf[512];
	char port[8]; /* "1" to "65535", without leading zeros */
	const char *host;
};

/* What split_target() found wrong. */
#define TARGET_MALFORMED (-1)
#define TARGET_BAD_PORT (-2)

/*
 * A port in decimal digits, 1 to 65535, into t->port (leading zeros
 * dropped).  A service name ("https") is refused: a typo in it would
 * surface as a resolver message that names no port.
 */
static int parse_port(const char *p, struct target *t)
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
static int split_target(const char *s, struct target *t)
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

static const char *fetch_code(int err)
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

/* What --out did, for the report. */
enum out_done {
	OUT_NOT_ASKED = 0, /* no --out */
	OUT_WROTE,         /* the staple is in FILE (or on stdout) */
	OUT_REMOVED,       /* nothing stapled; an earlier FILE removed */
	OUT_ABSENT         /* nothing stapled, and no FILE to remove */
};

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
                      enum out_done *done)
{
	int e;

	*done = OUT_NOT_ASKED;
	if (path == NULL)
		return 0;
	if (strcmp(path, "-") == 0) {
		if (staple == NULL) {
			*done = OUT_ABSENT;
			return 0;
		}
		if (fwrite(staple->p, 1, staple->n, stdout) != staple->n ||
		    fflush(stdout) != 0) {
			perror("staple: fetch: standard output");
			return -1;
		}
		*done = OUT_WROTE;
		return 0;
	}
	if (staple != NULL) {
		e = write_atomically(path, *staple);
		if (e == 0) {
			*done = OUT_WROTE;
			return 0;
		}
		fputs("staple: fetch: ", stderr);
		staple_print_escaped(stderr, path);
		fprintf(stderr, ": cannot write the staple: %s\n", strerror(e));
		(void)unlink(path);
		return -1;
	}
	if (unlink(path) == 0) {
		*done = OUT_REMOVED;
		return 0;
	}
	if (errno == ENOENT) {
		*done = OUT_ABSENT;
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

static const char *tls_version_name(unsigned v)
{
	switch (v) {
	case 0x0301: return "TLS1.0";
	case 0x0302: return "TLS1.1";
	case 0x0303: return "TLS1.2";
	case 0x0304: return "TLS1.3";
	}
	return "unknown";
}

/* What the connection gave and what became of it, for rendering. */
struct fetch_outcome {
	const char *label;  /* HOST:PORT as given */
	const struct staple_backend *backend;
	const struct staple_fetch_result *res;
	int must_staple;    /* the leaf asks for a staple */
	int decoded;        /* r is a decoded staple */
	int decode_err;     /* when a staple did not decode */
	size_t decode_offset;
	const char *problem; /* verification impossible: why */
	const char *out;    /* --out, or NULL */
	enum out_done out_done;
};

/* {"server", "tls": {...}, "must_staple": the object's first members. */
static void tls_json(struct staple_json *j, const struct fetch_outcome *f)
{
	staple_json_object(j);
	staple_json_key(j, "server");
	staple_json_str(j, f->label);
	staple_json_key(j, "tls");
	staple_json_object(j);
	staple_json_key(j, "backend");
	staple_json_str(j, f->backend->name);
	staple_json_key(j, "version");
	staple_json_str(j, tls_version_name(f->res->version));
	staple_json_key(j, "stapled");
	staple_json_bool(j, f->res->stapling == STAPLE_STAPLING_STAPLED);
	staple_json_key(j, "status_request");
	staple_json_str(j, staple_stapling_name(f->res->stapling));
	staple_json_key(j, "chain");
	staple_json_int(j, (int64_t)f->res->chain_total);
	staple_json_end(j);
	staple_json_key(j, "must_staple");
	staple_json_bool(j, f->must_staple);
}

/* The "out:" line: what became of --out. */
static void out_text(struct staple_buf *b, const struct fetch_outcome *f)
{
	int to_stdout = f->out != NULL && strcmp(f->out, "-") == 0;

	if (f->out_done == OUT_NOT_ASKED)
		return;
	if (f->out_done == OUT_WROTE) {
		staple_buf_printf(b, "out: wrote %zu bytes to ",
		                  f->res->staple.n);
		if (to_stdout)
			staple_buf_str(b, "standard output");
		else
			staple_buf_escaped(b, f->out);
	} else if (to_stdout) {
		staple_buf_str(b, "out: nothing stapled, nothing written to "
		                  "standard output");
	} else {
		staple_buf_str(b, "out: nothing stapled, ");
		staple_buf_escaped(b, f->out);
		staple_buf_str(b, f->out_done == OUT_REMOVED
		                          ? " removed (it held an earlier staple)"
		                          : " not written");
	}
	staple_buf_char(b, '\n');
}

static void tls_text(struct staple_buf *b, const struct fetch_outcome *f)
{
	staple_buf_str(b, "server: ");
	staple_buf_escaped(b, f->label);
	staple_buf_char(b, '\n');
	staple_buf_printf(b, "tls: %s, backend %s, %zu certificate%s\n",
	                  tls_version_name(f->res->version), f->backend->name,
	                  f->res->chain_total,
	                  f->res->chain_total == 1 ? "" : "s");
	staple_buf_printf(b, "staple: %s",
	                  staple_stapling_name(f->res->stapling));
	if (f->res->stapling == STAPLE_STAPLING_STAPLED)
		staple_buf_printf(b, " (%zu bytes)", f->res->staple.n);
	staple_buf_char(b, '\n');
	/* once: a verify report that follows says it itself */
	if (f->must_staple && !(f->decoded && f->problem == NULL))
		staple_buf_str(b, "must-staple: yes (the certificate has the "
		                  "TLS Feature status_request)\n");
	out_text(b, f);
}

/* The verdict when there is nothing to verify, or no way to. */
static void problem_json(struct staple_json *j, const char *result,
                         const char *message)
{
	staple_json_key(j, "verify");
	staple_json_object(j);
	staple_json_key(j, "result");
	staple_json_str(j, result);
	staple_json_key(j, "message");
	staple_json_str(j, message);
	staple_json_end(j);
}

/* The request for o; returns -1 to go on, else an exit status. */
static int build_request(const struct fetch_opts *o,
                         const struct staple_backend *backend,
                         struct target *target,
                         struct staple_fetch_request *req)
{
	int err;

	memset(req, 0, sizeof *req);
	err = split_target(o->target, target);
	if (err == TARGET_BAD_PORT)
		return usage_error(o->target, "the port must be a number "
		                              "from 1 to 65535");
	if (err != 0)
		return usage_error(o->target,
		                   "not HOST[:PORT] or [ADDRESS]:PORT");
	if (o->tls12 && o->tls13)
		return usage_error(NULL, "--tls12 and --tls13 together");
	/* --tls13 once meant "allow 1.3": OpenSSL now offers it anyway,
	 * and a backend without it says so rather than fall back */
	if (o->tls13 && backend->max_version < STAPLE_TLS_1_3) {
		char why[160];
		snprintf(why, sizeof why,
		         "the %s backend speaks TLS 1.2 at most%s", backend->name,
		         staple_backend_find("openssl") != NULL
		                 ? "; TLS 1.3 needs --backend openssl"
		                 : "");
		return usage_error("--tls13", why);
	}
	req->host = target->host;
	req->port = target->port;
	req->server_name = o->servername;
	req->cafile = o->cafile;
	req->max_version = o->tls12 ? STAPLE_TLS_1_2 : 0;
	if (o->timeout != NULL) {
		int64_t ms;
		if (staple_parse_skew(o->timeout, &ms) != 0 || ms == 0 ||
		    ms > 3600000)
			return usage_error(o->timeout,
			                   "not a number of seconds "
			                   "from 1 to 3600");
		req->connect_timeout_ms = req->read_timeout_ms = (int)ms;
	}
	return -1;
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
		staple_buf_str(out, "staple: fetch: ");
		staple_buf_escaped(out, label);
		staple_buf_printf(out, ": %s\n", message);
		return fetch_exit(rc);
	}
	staple_json_init(&j, out);
	staple_json_object(&j);
	staple_json_key(&j, "server");
	staple_json_str(&j, label);
	staple_json_error_member(&j, fetch_code(rc), message, NULL, NULL);
	staple_json_end(&j);
	return fetch_exit(rc);
}

/* The leaf, its issuer and the decoded staple, into setup, r and f. */
static void examine(struct fetch_outcome *f, const char *cafile,
                    struct staple_verify_setup *setup,
                    struct staple_response *r)
{
	const struct staple_fetch_result *res = f->res;

	setup->crypto = f->backend->crypto;
	setup->at_ms = staple_now_ms();
	setup->skew_ms = 300000;
	if (res->chain_len == 0 ||
	    staple_cert_decode(&setup->leaf, res->chain[0].p,
	                       res->chain[0].n) != STAPLE_OK) {
		f->problem = "the server's certificate cannot be read";
	} else {
		setup->has_leaf = 1;
		f->must_staple =
			(setup->leaf.flags & STAPLE_CERT_MUST_STAPLE) != 0;
		if (find_issuer(res, &setup->leaf, &setup->issuer) != 0 &&
		    issuer_from_anchors(setup, cafile) != 0)
			f->problem = "neither the chain nor the trust anchors "
			             "hold the leaf's issuer";
	}
	if (res->stapling == STAPLE_STAPLING_STAPLED) {
		int err = staple_decode(r, res->staple.p, res->staple.n);
		if (err != STAPLE_OK) {
			f->decode_err = err;
			f->decode_offset = staple_error_offset(r);
		} else {
			f->decoded = 1;
		}
	}
}

#define MUST_STAPLE_MISSING \
	"the certificate requires a staple (TLS Feature) and the server " \
	"sent none"

/* Render what examine() found; returns the exit status. */
static int render(struct staple_buf *out, int json,
                  const struct fetch_outcome *f,
                  const struct staple_verify_setup *setup,
                  const struct staple_response *r)
{
	struct staple_verify_report report;
	struct staple_text_style style = {setup->at_ms, 0};
	struct staple_json j;
	int err;

	staple_json_init(&j, out);
	if (json)
		tls_json(&j, f);
	else
		tls_text(out, f);
	if (f->decode_err != 0 && json) {
		staple_json_error_member(&j, staple_errname(f->decode_err),
		                         staple_strerror(f->decode_err), NULL,
		                         &f->decode_offset);
		staple_json_end(&j);
		return STAPLE_EXIT_MALFORMED;
	}
	if (f->decode_err != 0) {
		staple_buf_printf(out, "staple: malformed: %s at offset %zu\n",
		                  staple_strerror(f->decode_err),
		                  f->decode_offset);
		return STAPLE_EXIT_MALFORMED;
	}
	if (f->decoded && f->problem == NULL) {
		staple_verify_run(setup, r, &report);
		err = json ? staple_json_response_members(&j, r, &report)
		           : staple_text_response(out, &style, NULL, r,
		                                  &report);
		if (err != STAPLE_OK) /* not after staple_decode() said yes */
			return STAPLE_EXIT_MALFORMED;
		if (json)
			staple_json_end(&j);
		return report.verdict == STAPLE_OK ? STAPLE_EXIT_OK
		                                   : STAPLE_EXIT_VERIFY;
	}
	if (f->decoded) {
		/* the staple as decode shows it, then why it is unverified */
		if (!json) {
			(void)staple_text_response(out, &style, NULL, r, NULL);
			staple_buf_printf(out, "verify: FAILED: %s\n",
			                  f->problem);
			return STAPLE_EXIT_VERIFY;
		}
		if (staple_json_response_members(&j, r, NULL) != STAPLE_OK)
			return STAPLE_EXIT_MALFORMED; /* as above */
		problem_json(&j, "no_issuer", f->problem);
		staple_json_end(&j);
		return STAPLE_EXIT_VERIFY;
	}
	if (f->must_staple) {
		if (json) {
			problem_json(&j, "must_staple_missing",
			             MUST_STAPLE_MISSING);
			staple_json_end(&j);
		} else {
			staple_buf_str(out, "verify: FAILED: "
			                    MUST_STAPLE_MISSING "\n");
		}
		return STAPLE_EXIT_VERIFY;
	}
	if (json)
		staple_json_end(&j);
	return STAPLE_EXIT_OK;
}

/* see tool.h */
int staple_cmd_fetch(int argc, char **argv)
{
	struct fetch_opts o;
	struct staple_fetch_request req;
	struct staple_fetch_result res;
	struct staple_verify_setup setup;
	struct staple_response r;
	struct staple_buf out = {NULL, 0, 0};
	struct fetch_outcome f;
	struct target target;
	FILE *to;
	int rc, status;

	rc = parse_options(argc, argv, &o);
	if (rc >= 0)
		return rc;
	memset(&f, 0, sizeof f);
	f.label = o.target;
	f.out = o.out;
	f.backend = staple_backend_find(o.backend);
	if (f.backend == NULL)
		return usage_error(o.backend, "no such backend");
	rc = build_request(&o, f.backend, &target, &req);
	if (rc >= 0)
		return rc;
	req.staple_buf = malloc(STAPLE_CAP);
	req.chain_buf = malloc(CHAIN_CAP);
	if (req.staple_buf == NULL || req.chain_buf == NULL)
		staple_out_of_memory();
	req.staple_cap = STAPLE_CAP;
	req.chain_cap = CHAIN_CAP;
	memset(&setup, 0, sizeof setup);

	rc = f.backend->fetch(&req, &res);
	f.res = &res;
	/* the report goes where the DER does not */
	to = o.out != NULL && strcmp(o.out, "-") == 0 ? stderr : stdout;
	if (rc != STAPLE_FETCH_OK) {
		/* ARGUMENT and CAFILE: the server was not asked, so --out
		 * keeps what it holds, as after any usage error.  A removal
		 * that fails says so on stderr; the status stays the
		 * connection's, which says more. */
		if (rc != STAPLE_FETCH_ARGUMENT && rc != STAPLE_FETCH_CAFILE)
			(void)settle_out(o.out, NULL, &f.out_done);
		status = connection_error(&out, o.json, f.label, rc, &res);
		if (!o.json) {
			to = stderr;
			if (f.out_done == OUT_REMOVED) {
				staple_buf_str(&out, "staple: fetch: ");
				staple_buf_escaped(&out, o.out);
				staple_buf_str(&out, ": removed, it held an "
				                     "earlier staple\n");
			}
		}
	} else if (settle_out(o.out,
	                      res.stapling == STAPLE_STAPLING_STAPLED
	                              ? &res.staple
	                              : NULL,
	                      &f.out_done) != 0) {
		status = STAPLE_EXIT_USAGE; /* said on stderr; no report */
	} else {
		/* written whatever the verdict: for a look into a failure */
		examine(&f, o.cafile, &setup, &r);
		status = render(&out, o.json, &f, &setup, &r);
	}
	if (out.n > 0)
		(void)fwrite(out.p, 1, out.n, to);
	if (fflush(to) != 0 || ferror(to)) {
		perror(to == stdout ? "staple: stdout" : "staple: stderr");
		status = STAPLE_EXIT_USAGE;
	}
	staple_buf_free(&out);
	/* the leaf points into chain_buf; the issuer into chain_buf or
	 * issuer_in, which is all setup owns */
	staple_input_free(&setup.issuer_in);
	free(req.staple_buf);
	free(req.chain_buf);
	return status;
}
