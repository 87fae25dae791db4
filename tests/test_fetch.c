/*
 * test_fetch.c -- `staple fetch` end to end: the tool, run as a program,
 * against `openssl s_server` on 127.0.0.1 (loopback.h), directly and
 * through the proxy that reframes or damages the server's first flight.
 *
 * Every run trusts tests/fixtures/tls/root.pem, asks for "localhost" (the
 * leaves' name) and connects to 127.0.0.1:PORT, with each backend:
 * bearssl (the stapling shim, TLS 1.2) and openssl (TLS 1.3 when the
 * server speaks it, 1.2 with --tls12).  What a run wrote with --out is
 * read back and removed as soon as the tool has exited, so one server
 * serves several runs.
 *
 * Every test starts its servers, proxies and runs, stops what it started,
 * and only then asserts: a failing assertion leaves no process behind.
 * Paths: the tool is STAPLE_BIN, the fixtures STAPLE_FIXTURES (tests.h),
 * openssl STAPLE_OPENSSL (loopback.h).
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* fork, mkdtemp, sockets */
#endif

#include "tests.h"
#include "loopback.h"
#include "tool.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <dirent.h>

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Exit statuses of `staple fetch` (tools/tool.h, staple --help). */
#define EXIT_VERIFY 3
#define EXIT_RESOLVE 4
#define EXIT_CONNECT 5
#define EXIT_TIMEOUT 6
#define EXIT_TLS 7
#define EXIT_UNTRUSTED 8

/* A run of the tool that takes longer than this is killed (status 137). */
#define RUN_MS 30000

/* How long the silent server lives if nobody stops it. */
#define SILENT_LIFE_S 60

#define ARG_LEN 1024

/* ---- paths --------------------------------------------------------------- */

/* tests/fixtures/tls/NAME into out; -1 when it does not fit. */
static int tls_path(char *out, size_t cap, const char *name)
{
	int n = snprintf(out, cap, "%s/tls/%s", test_fixtures_dir(), name);
	return n > 0 && (size_t)n < cap ? 0 : -1;
}

/* A fresh directory for --out files, in TMPDIR. */
static void scratch_make(char *dir, size_t cap)
{
	const char *tmp = getenv("TMPDIR");
	int n = snprintf(dir, cap, "%s/staple-fetch-XXXXXX",
	                 tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");

	ck_assert(n > 0 && (size_t)n < cap);
	ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp: %s", strerror(errno));
}

/* ---- running the tool ---------------------------------------------------- */

/* What one run of the tool did. */
struct run {
	int status;           /* exit status, 128 + signal, -1: did not run */
	struct test_text out; /* stdout */
	struct test_text err; /* stderr */
	long long ms;         /* how long it took */
	int wrote;            /* --out: the file existed afterwards */
	uint8_t *file;        /* ... and held this (malloc'd) */
	size_t file_n;
	int tmp_left;         /* --out: a FILE.* temporary existed afterwards */
	char note[160];       /* why it did not run, or what went wrong */
};

static void run_free(struct run *r)
{
	free(r->out.p);
	free(r->err.p);
	free(r->file);
	memset(r, 0, sizeof *r);
}

/*
 * Run the tool with a's arguments, stdin from /dev/null, into *r.  Asserts
 * nothing: servers may be running.  r->status is -1 (and r->note says
 * why) when it could not be run.
 */
static void run_tool(struct run *r, struct test_args *a)
{
	const struct test_spawn how = {NULL, NULL, 0, RUN_MS};
	struct test_run t;

	memset(r, 0, sizeof *r);
	r->status = -1;
	if (a->bad) {
		snprintf(r->note, sizeof r->note, "arguments too long");
		return;
	}
	test_run_program(&t, test_tool_path(), a->v, &how);
	r->status = t.status;
	r->out = t.out;
	r->err = t.err;
	r->ms = t.ms;
	memcpy(r->note, t.note, sizeof r->note);
}

/* One `staple fetch`; fields left zero take the defaults named. */
struct fetch_call {
	const char *backend;    /* --backend; required */
	int port;               /* 127.0.0.1:PORT */
	const char *target;     /* instead of 127.0.0.1:PORT */
	const char *cafile;     /* tls/NAME; NULL: root.pem */
	const char *servername; /* NULL: localhost */
	const char *out;        /* --out PATH, or NULL */
	const char *timeout;    /* --timeout S, or NULL */
	int json, tls12, tls13, insecure;
};

/* Does dir hold an entry "NAME.<anything>" (a temporary file of --out)? */
static int temp_left(const char *path)
{
	char dir[ARG_LEN];
	const char *slash = strrchr(path, '/'), *base;
	size_t n;
	struct dirent *e;
	DIR *d;
	int found = 0;

	if (slash == NULL || (size_t)(slash - path) >= sizeof dir)
		return 0;
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = '\0';
	base = slash + 1;
	n = strlen(base);
	d = opendir(dir);
	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		if (strncmp(e->d_name, base, n) == 0 && e->d_name[n] == '.')
			found = 1;
	closedir(d);
	return found;
}

/*
 * Run the tool for c into *r.  With --out, the file (and FILE.tmp) is
 * looked at and removed at once, so the next run starts clean.
 */
static void fetch(struct run *r, const struct fetch_call *c)
{
	struct test_args a;
	char path[ARG_LEN], target[64];

	test_args_init(&a, "staple");
	test_arg(&a, "fetch");
	test_arg(&a, "--backend");
	test_arg(&a, c->backend);
	test_arg(&a, "--cafile");
	if (c->cafile != NULL && c->cafile[0] == '/') /* a path as is */
		snprintf(path, sizeof path, "%s", c->cafile);
	else if (tls_path(path, sizeof path,
	                  c->cafile != NULL ? c->cafile : "root.pem") != 0)
		a.bad = 1;
	test_arg(&a, path);
	test_arg(&a, "--servername");
	test_arg(&a, c->servername != NULL ? c->servername : "localhost");
	if (c->out != NULL) {
		test_arg(&a, "--out");
		test_arg(&a, c->out);
	}
	if (c->timeout != NULL) {
		test_arg(&a, "--timeout");
		test_arg(&a, c->timeout);
	}
	if (c->json)
		test_arg(&a, "--json");
	if (c->tls12)
		test_arg(&a, "--tls12");
	if (c->tls13)
		test_arg(&a, "--tls13");
	if (c->insecure)
		test_arg(&a, "--insecure");
	snprintf(target, sizeof target, "127.0.0.1:%d", c->port);
	test_arg(&a, c->target != NULL ? c->target : target);
	run_tool(r, &a);
	if (c->out != NULL && strcmp(c->out, "-") != 0) {
		r->wrote = test_read_file(c->out, &r->file, &r->file_n) == 0;
		r->tmp_left = temp_left(c->out);
		(void)unlink(c->out);
	}
}

/* ---- servers ------------------------------------------------------------- */

/* An s_server to start. */
struct serve {
	const char *leaf;   /* tls/LEAF.pem, tls/LEAF.key */
	const char *staple; /* tls/STAPLE.der for -status_file; NULL: none,
	                       and s_server does not answer status_request */
	const char *cipher; /* -cipher, or NULL; a TLS 1.3 suite ("TLS_...")
	                       goes to -ciphersuites instead */
	int tls12;          /* -tls1_2: the proxy's modes need TLS 1.2 */
	int leaf_only;      /* no -cert_chain: the chain is the leaf alone */
	int tls13;          /* -tls1_3: a server that speaks 1.3 alone */
};

/* Start it, with -cert_chain int.pem.  Returns 0, or -1 (on stderr). */
static int serve_start(struct loopback_server *s, const struct serve *c)
{
	char cert[ARG_LEN], key[ARG_LEN], chain[ARG_LEN], staple[ARG_LEN];
	char leaf_pem[128], leaf_key[128], staple_der[128];
	const char *args[16];
	size_t i = 0;

	s->pid = -1;
	snprintf(leaf_pem, sizeof leaf_pem, "%s.pem", c->leaf);
	snprintf(leaf_key, sizeof leaf_key, "%s.key", c->leaf);
	snprintf(staple_der, sizeof staple_der, "%s.der",
	         c->staple != NULL ? c->staple : "");
	if (tls_path(cert, sizeof cert, leaf_pem) != 0 ||
	    tls_path(key, sizeof key, leaf_key) != 0 ||
	    tls_path(chain, sizeof chain, "int.pem") != 0 ||
	    tls_path(staple, sizeof staple, staple_der) != 0)
		return -1;
	args[i++] = "-cert";
	args[i++] = cert;
	args[i++] = "-key";
	args[i++] = key;
	if (!c->leaf_only) {
		args[i++] = "-cert_chain";
		args[i++] = chain;
	}
	if (c->staple != NULL) {
		args[i++] = "-status_file";
		args[i++] = staple;
	}
	if (c->cipher != NULL) {
		args[i++] = strncmp(c->cipher, "TLS_", 4) == 0 ? "-ciphersuites"
		                                               : "-cipher";
		args[i++] = c->cipher;
	}
	if (c->tls12)
		args[i++] = "-tls1_2";
	if (c->tls13)
		args[i++] = "-tls1_3";
	args[i] = NULL;
	return loopback_server_start(s, args);
}

/* How the client reaches the server. */
struct framing {
	const char *name;
	int proxied; /* 0: straight to the server */
	enum loopback_proxy_mode mode;
};

/* The framings in which the handshake must succeed. */
static const struct framing framings[] = {
	{"direct", 0, LOOPBACK_PROXY_PASS},
	{"pass", 1, LOOPBACK_PROXY_PASS},
	{"merge", 1, LOOPBACK_PROXY_MERGE},
	{"split", 1, LOOPBACK_PROXY_SPLIT},
};

/*
 * fetch() from the server on upstream, through f (a proxy started and
 * stopped around the run when f->proxied).  c->port is set here.
 */
static void fetch_via(struct run *r, int upstream, const struct framing *f,
                      unsigned seed, struct fetch_call *c)
{
	struct loopback_proxy p;

	if (!f->proxied) {
		c->port = upstream;
		fetch(r, c);
		return;
	}
	if (loopback_proxy_start(&p, upstream, f->mode, seed) != 0) {
		memset(r, 0, sizeof *r);
		r->status = -1;
		snprintf(r->note, sizeof r->note, "the %s proxy did not start",
		         f->name);
		return;
	}
	c->port = p.port;
	fetch(r, c);
	loopback_proxy_stop(&p);
}

/*
 * A server that accepts connections and never says a word: a child
 * that holds every connection open until SIGKILL (or SILENT_LIFE_S).
 */
struct silent {
	pid_t pid;
	int port;
};

static int silent_start(struct silent *s)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	s->pid = -1;
	s->port = -1;
	if (fd < 0)
		return -1;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 ||
	    listen(fd, 8) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) != 0) {
		close(fd);
		return -1;
	}
	s->port = ntohs(sa.sin_port);
	s->pid = fork();
	if (s->pid == 0) {
		/* no Check code here: Check's handlers would kill the group */
		signal(SIGTERM, SIG_DFL);
		signal(SIGALRM, SIG_DFL);
		alarm(SILENT_LIFE_S);
		for (;;) /* the accepted sockets stay open: no FIN, no data */
			if (accept(fd, NULL, NULL) < 0 && errno != EINTR)
				_exit(2);
	}
	close(fd);
	return s->pid > 0 ? 0 : -1;
}

static void silent_stop(struct silent *s)
{
	if (s->pid > 0) {
		kill(s->pid, SIGKILL);
		while (waitpid(s->pid, NULL, 0) < 0 && errno == EINTR)
			continue;
	}
	s->pid = -1;
}

/* ---- checks -------------------------------------------------------------- */

static void expect_ran(const struct run *r, const char *what)
{
	ck_assert_msg(r->status >= 0, "%s: did not run: %s", what, r->note);
}

static void expect_status(const struct run *r, int want, const char *what)
{
	expect_ran(r, what);
	ck_assert_msg(r->status == want,
	              "%s: exit %d, not %d (%s)\n--- stdout\n%s--- stderr\n%s",
	              what, r->status, want, r->note, r->out.p, r->err.p);
}

static void expect_in(const struct test_text *t, const char *needle,
                      const char *what)
{
	ck_assert_msg(strstr(t->p, needle) != NULL, "%s: lacks \"%s\":\n%s",
	              what, needle, t->p);
}

static void expect_not_in(const struct test_text *t, const char *needle,
                          const char *what)
{
	ck_assert_msg(strstr(t->p, needle) == NULL, "%s: has \"%s\":\n%s",
	              what, needle, t->p);
}

/* needle occurs exactly once in t. */
static void expect_once(const struct test_text *t, const char *needle,
                        const char *what)
{
	const char *first = strstr(t->p, needle);

	ck_assert_msg(first != NULL && strstr(first + 1, needle) == NULL,
	              "%s: \"%s\" not exactly once:\n%s", what, needle, t->p);
}

/* Exactly one line: text, then one newline at the end. */
static void expect_one_line(const struct test_text *t, const char *what)
{
	ck_assert_msg(t->n > 1 && t->p[t->n - 1] == '\n' &&
	                      strchr(t->p, '\n') == t->p + t->n - 1,
	              "%s: not one line:\n%s", what, t->p);
}

/* --out wrote the fixture tls/NAME byte for byte, through FILE.tmp. */
static void expect_file(const struct run *r, const char *name,
                        const char *what)
{
	char path[ARG_LEN];
	uint8_t *want;
	size_t want_n;

	ck_assert(tls_path(path, sizeof path, name) == 0);
	ck_assert_msg(test_read_file(path, &want, &want_n) == 0,
	              "cannot read %s", path);
	ck_assert_msg(r->wrote, "%s: --out file not written", what);
	ck_assert_msg(r->file_n == want_n &&
	                      memcmp(r->file, want, want_n) == 0,
	              "%s: --out file differs from %s (%zu bytes, not %zu)",
	              what, name, r->file_n, want_n);
	ck_assert_msg(!r->tmp_left, "%s: a temporary FILE.* left behind",
	              what);
	free(want);
}

static void expect_no_file(const struct run *r, const char *what)
{
	ck_assert_msg(!r->wrote, "%s: --out file written (%zu bytes)", what,
	              r->file_n);
	ck_assert_msg(!r->tmp_left, "%s: a temporary FILE.* left behind",
	              what);
}

/* The size of tls/NAME, for "staple: stapled (N bytes)". */
static size_t fixture_size(const char *name)
{
	char path[ARG_LEN];
	struct stat st;

	ck_assert(tls_path(path, sizeof path, name) == 0);
	ck_assert_msg(stat(path, &st) == 0, "%s: %s", path, strerror(errno));
	return (size_t)st.st_size;
}

/* One line holding one JSON object that starts {"server": "TARGET", */
static void expect_json_line(const struct test_text *t, const char *target,
                             const char *what)
{
	char head[128];
	const char *end;

	expect_one_line(t, what);
	snprintf(head, sizeof head, "{\"server\": \"%s\", ", target);
	ck_assert_msg(strncmp(t->p, head, strlen(head)) == 0,
	              "%s: does not start with %s:\n%s", what, head, t->p);
	end = test_json_value(t->p);
	ck_assert_msg(end != NULL && strcmp(end, "\n") == 0,
	              "%s: not one JSON value:\n%s", what, t->p);
}

static void expect_json_at(const struct test_text *t, int port, const char *what)
{
	char target[32];

	snprintf(target, sizeof target, "127.0.0.1:%d", port);
	expect_json_line(t, target, what);
}

/* A failure in text: nothing on stdout, one line on stderr. */
static void expect_failure_text(const struct run *r, int want,
                                const char *what)
{
	expect_status(r, want, what);
	ck_assert_msg(r->out.n == 0, "%s: stdout:\n%s", what, r->out.p);
	expect_one_line(&r->err, what);
	ck_assert_msg(strncmp(r->err.p, "staple: fetch: ", 15) == 0,
	              "%s: stderr: %s", what, r->err.p);
}

/*
 * A chain or name that did not validate, without --insecure: the one
 * line on stderr, and on stdout what the server showed before the
 * verdict ended the handshake, nothing of a staple.
 */
static void expect_untrusted_text(const struct run *r, const char *what)
{
	expect_status(r, EXIT_UNTRUSTED, what);
	expect_one_line(&r->err, what);
	ck_assert_msg(strncmp(r->err.p, "staple: fetch: ", 15) == 0,
	              "%s: stderr: %s", what, r->err.p);
	ck_assert_msg(strncmp(r->out.p, "server: ", 8) == 0,
	              "%s: stdout:\n%s", what, r->out.p);
	expect_in(&r->out, "\ncipher suite: TLS_", what);
	expect_in(&r->out, "\nchain length: 2\n", what);
	expect_in(&r->out, "\nleaf:\n  subject: CN=staple test leaf-", what);
	expect_in(&r->out, "\nchain trusted: no\nchain error: certificate "
	                   "not trusted: ", what);
	expect_not_in(&r->out, "\nstaple:", what);
	expect_not_in(&r->out, "\nverify:", what);
}

/* ---- a good staple, every backend, key exchange and framing -------------- */

static const char *const backends[] = {"bearssl", "openssl"};

/* A server of the stapled test: leaf, staple and the key exchange. */
struct stapled_case {
	const char *name;
	struct serve serve;
};

static const struct stapled_case stapled_cases[] = {
	{"ecdsa", {"leaf-ecdsa", "staple-ecdsa",
	           "ECDHE-ECDSA-AES128-GCM-SHA256", 1, 0, 0}},
	{"rsa-ecdhe", {"leaf-rsa", "staple-rsa",
	               "ECDHE-RSA-AES128-GCM-SHA256", 1, 0, 0}},
	/* RSA key exchange: no ServerKeyExchange in the flight */
	{"rsa-kx", {"leaf-rsa", "staple-rsa", "AES128-GCM-SHA256", 1, 0, 0}},
};

/*
 * The text of a good, verified staple that came whole: what `staple
 * decode --issuer --cert` prints, after the TLS lines.
 */
static void expect_good_text(const struct run *r, const char *backend,
                             const char *staple, const char *what)
{
	char line[128];

	expect_status(r, 0, what);
	snprintf(line, sizeof line, "tls: TLS1.2, backend %s\n", backend);
	expect_in(&r->out, line, what);
	expect_in(&r->out, "\ncipher suite: TLS_", what);
	expect_in(&r->out, "\nchain length: 2\n", what);
	expect_in(&r->out, "\nleaf:\n  subject: ", what);
	snprintf(line, sizeof line, "\nstaple: stapled (%zu bytes)\n",
	         fixture_size(staple));
	expect_in(&r->out, line, what);
	expect_in(&r->out, "\n  status: good\n", what);
	expect_in(&r->out, "\nk6 res.ocsp: status=\"good\" revocation_reason=\"\" ",
	          what);
	expect_in(&r->out, "\nverify: ok (signed by the issuer; entry 0; ",
	          what);
	expect_in(&r->out, ")\nchain trusted: yes\n", what);
	expect_not_in(&r->out, "must staple", what);
	ck_assert_msg(r->err.n == 0, "%s: stderr:\n%s", what, r->err.p);
}

/* _i = backend * cases + case; one server, then every framing. */
START_TEST(test_stapled)
{
	const char *backend = backends[(size_t)_i / N_OF(stapled_cases)];
	const struct stapled_case *c =
		&stapled_cases[(size_t)_i % N_OF(stapled_cases)];
	struct run runs[N_OF(framings)];
	struct loopback_server s;
	char dir[ARG_LEN], out[ARG_LEN + 16], staple[64];
	size_t i;
	int started;

	memset(runs, 0, sizeof runs);
	scratch_make(dir, sizeof dir);
	snprintf(out, sizeof out, "%s/staple.der", dir);
	started = serve_start(&s, &c->serve) == 0;
	for (i = 0; started && i < N_OF(framings); i++) {
		struct fetch_call call = {0};
		call.backend = backend;
		call.out = out;
		fetch_via(&runs[i], s.port, &framings[i], (unsigned)_i + 1,
		          &call);
	}
	loopback_server_stop(&s);
	(void)rmdir(dir);

	ck_assert_msg(started, "s_server did not start (see stderr)");
	snprintf(staple, sizeof staple, "%s.der", c->serve.staple);
	for (i = 0; i < N_OF(framings); i++) {
		char what[96];
		snprintf(what, sizeof what, "%s, %s, %s", backend, c->name,
		         framings[i].name);
		expect_good_text(&runs[i], backend, staple, what);
		expect_file(&runs[i], staple, what);
		run_free(&runs[i]);
	}
}
END_TEST

/* ---- --json -------------------------------------------------------------- */

struct json_case {
	const char *backend;
	int tls12, tls13;
	const char *version; /* what the server (1.2 and 1.3) agreed to */
};

/* OpenSSL offers TLS 1.3 as curl and s_client do; --tls12 caps it, and
 * --tls13 is kept as a no-op. */
static const struct json_case json_cases[] = {
	{"bearssl", 0, 0, "TLS1.2"},
	{"openssl", 0, 0, "TLS1.3"},
	{"openssl", 1, 0, "TLS1.2"},
	{"openssl", 0, 1, "TLS1.3"},
};

/* One server that would speak TLS 1.3; each row's client picks. */
START_TEST(test_json)
{
	static const struct serve ecdsa13 = {"leaf-ecdsa", "staple-ecdsa",
	                                     NULL, 0, 0, 0};
	struct run runs[N_OF(json_cases)];
	struct loopback_server s;
	size_t i;
	int started, port = 0;

	memset(runs, 0, sizeof runs);
	started = serve_start(&s, &ecdsa13) == 0;
	for (i = 0; started && i < N_OF(json_cases); i++) {
		struct fetch_call call = {0};
		call.backend = json_cases[i].backend;
		call.port = port = s.port;
		call.json = 1;
		call.tls12 = json_cases[i].tls12;
		call.tls13 = json_cases[i].tls13;
		fetch(&runs[i], &call);
	}
	loopback_server_stop(&s);

	ck_assert_msg(started, "s_server did not start (see stderr)");
	for (i = 0; i < N_OF(json_cases); i++) {
		const struct json_case *c = &json_cases[i];
		const struct run *r = &runs[i];
		char what[64], tls[128];

		snprintf(what, sizeof what, "--json, %s%s%s", c->backend,
		         c->tls12 ? " --tls12" : "",
		         c->tls13 ? " --tls13" : "");
		snprintf(tls, sizeof tls,
		         "\"tls\": {\"backend\": \"%s\", \"version\": \"%s\", "
		         "\"cipher_suite\": \"TLS_",
		         c->backend, c->version);
		expect_status(r, 0, what);
		expect_json_at(&r->out, port, what);
		expect_in(&r->out, tls, what);
		expect_in(&r->out, "\"chain_length\": 2, \"stapled\": true, "
		                   "\"status_request\": \"stapled\"}, "
		                   "\"leaf\": {\"subject\": ", what);
		expect_in(&r->out, "\"chain_trusted\": true}\n", what);
		expect_in(&r->out, "\"must_staple\": false", what);
		expect_in(&r->out, "\"ocsp\": {\"status\": \"good\", ", what);
		expect_in(&r->out, "\"verify\": {\"result\": \"ok\", ", what);
		ck_assert_msg(r->err.n == 0, "%s: stderr:\n%s", what, r->err.p);
		run_free(&runs[i]);
	}
}
END_TEST

/* ---- a revoked staple ---------------------------------------------------- */

/*
 * A revoked response that verifies is a good answer to the question
 * "is the staple genuine": exit 0, as `staple decode --issuer` gives for
 * it.  The status is for whoever reads the output.  _i: the backend.
 */
START_TEST(test_revoked)
{
	static const struct serve revoked = {"leaf-ecdsa", "staple-revoked",
	                                     NULL, 1, 0, 0};
	const char *backend = backends[_i];
	struct run text, json;
	struct loopback_server s;
	struct fetch_call call = {0};
	char dir[ARG_LEN], out[ARG_LEN + 16];
	int started, port = 0;

	memset(&text, 0, sizeof text);
	memset(&json, 0, sizeof json);
	scratch_make(dir, sizeof dir);
	snprintf(out, sizeof out, "%s/staple.der", dir);
	started = serve_start(&s, &revoked) == 0;
	if (started) {
		call.backend = backend;
		call.port = port = s.port;
		call.out = out;
		fetch(&text, &call);
		call.out = NULL;
		call.json = 1;
		fetch(&json, &call);
	}
	loopback_server_stop(&s);
	(void)rmdir(dir);

	ck_assert_msg(started, "s_server did not start (see stderr)");
	expect_status(&text, 0, backend);
	expect_in(&text.out, "\n  status: revoked\n", backend);
	expect_in(&text.out, "\n  revocation reason: key_compromise\n",
	          backend);
	expect_in(&text.out, "\nk6 res.ocsp: status=\"revoked\" "
	                     "revocation_reason=\"key_compromise\" ",
	          backend);
	expect_in(&text.out, "\nverify: ok (", backend);
	expect_file(&text, "staple-revoked.der", backend);
	expect_status(&json, 0, backend);
	expect_json_at(&json.out, port, backend);
	expect_in(&json.out, "\"ocsp\": {\"status\": \"revoked\", "
	                     "\"revocation_reason\": \"key_compromise\", ",
	          backend);
	expect_in(&json.out, "\"verify\": {\"result\": \"ok\", ", backend);
	run_free(&text);
	run_free(&json);
}
END_TEST

/*
 * A server that sends its leaf alone: the issuer comes from the trust
 * anchors (a bundle of root and intermediate), and the staple verifies
 * against it.  The bundle's last line has no newline, which must not
 * lose its last certificate.  With the root alone the chain does not
 * validate (8).
 */
START_TEST(test_leaf_only_chain)
{
	static const struct serve alone = {"leaf-ecdsa", "staple-ecdsa", NULL,
	                                   1, 1, 0};
	const char *backend = backends[_i];
	struct run bundled, rooted;
	struct loopback_server s;
	struct fetch_call call = {0};
	char dir[ARG_LEN], bundle[ARG_LEN + 16], root[ARG_LEN], inter[ARG_LEN];
	uint8_t *a = NULL, *b = NULL;
	size_t an = 0, bn = 0;
	FILE *f;
	int started, ok;

	memset(&bundled, 0, sizeof bundled);
	memset(&rooted, 0, sizeof rooted);
	scratch_make(dir, sizeof dir);
	snprintf(bundle, sizeof bundle, "%s/bundle.pem", dir);
	ok = tls_path(root, sizeof root, "root.pem") == 0 &&
	     tls_path(inter, sizeof inter, "int.pem") == 0 &&
	     test_read_file(root, &a, &an) == 0 &&
	     test_read_file(inter, &b, &bn) == 0 &&
	     (f = fopen(bundle, "wb")) != NULL;
	if (ok) {
		if (bn > 0 && b[bn - 1] == '\n')
			bn--; /* no newline after the last END line */
		ok = fwrite(a, 1, an, f) == an && fwrite(b, 1, bn, f) == bn;
		ok = fclose(f) == 0 && ok;
	}
	free(a);
	free(b);
	started = ok && serve_start(&s, &alone) == 0;
	if (started) {
		call.backend = backend;
		call.port = s.port;
		call.cafile = bundle;
		fetch(&bundled, &call);
		call.cafile = NULL;
		fetch(&rooted, &call);
		loopback_server_stop(&s);
	}
	(void)unlink(bundle);
	(void)rmdir(dir);

	ck_assert_msg(started, "no bundle or no s_server (see stderr)");
	expect_status(&bundled, 0, backend);
	expect_in(&bundled.out, "tls: TLS1.2, backend ", backend);
	expect_in(&bundled.out, "\nchain length: 1\n", backend);
	expect_in(&bundled.out, "\nverify: ok (signed by the issuer;", backend);
	expect_status(&rooted, 8, backend);
	run_free(&bundled);
	run_free(&rooted);
}
END_TEST

/* ---- no staple: a must-staple leaf, an ordinary one ---------------------- */

/*
 * _i = backend * 2 + must: s_server without -status_file does not
 * acknowledge status_request.  For an ordinary leaf that is fine (exit 0,
 * nothing written); a leaf with the TLS Feature status_request (RFC 7633)
 * must come with a staple (exit 3).  Then the must-staple leaf with its
 * staple: exit 0.
 */
START_TEST(test_no_staple)
{
	const char *backend = backends[_i / 2];
	int must = _i % 2, want = must ? EXIT_VERIFY : 0, port = 0;
	struct serve bare = {must ? "leaf-muststaple" : "leaf-ecdsa", NULL,
	                     NULL, 0, 0, 0};
	static const struct serve stapled = {"leaf-muststaple",
	                                     "staple-muststaple", NULL, 0, 0, 0};
	const char *good_what;
	struct run text, json, good;
	struct loopback_server s;
	struct fetch_call call = {0};
	char dir[ARG_LEN], out[ARG_LEN + 16], what[64];
	int started, started2 = 1;

	memset(&text, 0, sizeof text);
	memset(&json, 0, sizeof json);
	memset(&good, 0, sizeof good);
	snprintf(what, sizeof what, "%s, %s without a staple", backend,
	         bare.leaf);
	scratch_make(dir, sizeof dir);
	snprintf(out, sizeof out, "%s/staple.der", dir);
	call.backend = backend;
	call.out = out;
	started = serve_start(&s, &bare) == 0;
	if (started) {
		call.port = port = s.port;
		fetch(&text, &call);
		call.json = 1;
		fetch(&json, &call);
	}
	loopback_server_stop(&s);
	if (started && must) {
		started2 = serve_start(&s, &stapled) == 0;
		if (started2) {
			call.port = s.port;
			call.json = 0;
			fetch(&good, &call);
		}
		loopback_server_stop(&s);
	}
	(void)rmdir(dir);

	ck_assert_msg(started && started2, "s_server did not start");
	expect_status(&text, want, what);
	expect_in(&text.out, "\nstaple: not_acknowledged\n", what);
	expect_no_file(&text, what);
	expect_status(&json, want, what);
	expect_json_at(&json.out, port, what);
	expect_in(&json.out, "\"stapled\": false, "
	                     "\"status_request\": \"not_acknowledged\"",
	          what);
	expect_no_file(&json, what);
	ck_assert_msg(text.err.n == 0 && json.err.n == 0, "%s: stderr:\n%s%s",
	              what, text.err.p, json.err.p);
	if (!must) {
		expect_not_in(&text.out, "verify", what);
		expect_not_in(&text.out, "must staple", what);
		expect_in(&json.out, "\"must_staple\": false, "
		                     "\"chain_trusted\": true}\n", what);
	} else {
		expect_once(&text.out, "must staple: yes (", what);
		expect_in(&text.out, "\nverify: FAILED: the certificate "
		                     "requires a staple", what);
		expect_in(&json.out, "\"must_staple\": true, \"verify\": "
		                     "{\"result\": \"must_staple_missing\", ",
		          what);
		good_what = "leaf-muststaple with its staple";
		expect_status(&good, 0, good_what);
		expect_in(&good.out, "\nstaple: stapled (", good_what);
		/* once, although both the TLS lines and the verify
		 * report know it */
		expect_once(&good.out, "must staple: yes (", good_what);
		expect_in(&good.out, "\n  status: good\n", good_what);
		expect_in(&good.out, "\nverify: ok (", good_what);
		expect_file(&good, "staple-muststaple.der", good_what);
	}
	run_free(&text);
	run_free(&json);
	run_free(&good);
}
END_TEST

/* ---- big messages -------------------------------------------------------- */

struct big_case {
	const char *backend;
	const char *staple; /* with leaf-big, a Certificate over 16 KiB */
	int want;
};

static const struct big_case big_cases[] = {
	/* the shim takes a CertificateStatus of any size up to its buffer */
	{"bearssl", "staple-big", 0},
	{"openssl", "staple-big-small", 0},
	/*
	 * OpenSSL's client refuses a CertificateStatus over 16,384 octets
	 * (statem_clnt.c caps it at SSL3_RT_MAX_PLAIN_LENGTH: "excessive
	 * message size"), so this backend cannot fetch staple-big: a
	 * failed handshake, exit 7.  A limit of libssl, not of staple.
	 */
	{"openssl", "staple-big", EXIT_TLS},
};

/* The framings of the big test: whole records and 1..7-octet ones. */
static const struct framing big_framings[] = {
	{"direct", 0, LOOPBACK_PROXY_PASS},
	{"split", 1, LOOPBACK_PROXY_SPLIT},
};

START_TEST(test_big)
{
	const struct big_case *c = &big_cases[_i];
	struct serve big = {"leaf-big", c->staple,
	                    "ECDHE-ECDSA-AES128-GCM-SHA256", 1, 0, 0};
	struct run runs[N_OF(big_framings)];
	struct loopback_server s;
	char dir[ARG_LEN], out[ARG_LEN + 16], staple[64];
	size_t i;
	int started;

	memset(runs, 0, sizeof runs);
	scratch_make(dir, sizeof dir);
	snprintf(out, sizeof out, "%s/staple.der", dir);
	started = serve_start(&s, &big) == 0;
	for (i = 0; started && i < N_OF(big_framings); i++) {
		struct fetch_call call = {0};
		call.backend = c->backend;
		call.out = out;
		fetch_via(&runs[i], s.port, &big_framings[i], 7, &call);
	}
	loopback_server_stop(&s);
	(void)rmdir(dir);

	ck_assert_msg(started, "s_server did not start (see stderr)");
	snprintf(staple, sizeof staple, "%s.der", c->staple);
	for (i = 0; i < N_OF(big_framings); i++) {
		char what[96];
		snprintf(what, sizeof what, "%s, leaf-big and %s, %s",
		         c->backend, c->staple, big_framings[i].name);
		if (c->want == 0) {
			expect_good_text(&runs[i], c->backend, staple, what);
			expect_file(&runs[i], staple, what);
		} else {
			expect_failure_text(&runs[i], c->want, what);
			expect_no_file(&runs[i], what);
		}
		run_free(&runs[i]);
	}
}
END_TEST

/* ---- a damaged first flight ---------------------------------------------- */

/*
 * Each damage must end the handshake (exit 7) before anything about a
 * staple is printed or written.  TAMPER_STAPLE keeps the DER valid and
 * DROP_STATUS leaves a flight RFC 6066 allows; only the Finished
 * messages, over a transcript that differs between the two sides, tell.
 * DROP_SH_EXT sends a CertificateStatus nobody asked for: an unexpected
 * message.  _i: the mode; one server, one proxy, both backends.
 */
static const struct framing damages[] = {
	{"tamper-staple", 1, LOOPBACK_PROXY_TAMPER_STAPLE},
	{"drop-status", 1, LOOPBACK_PROXY_DROP_STATUS},
	{"drop-sh-ext", 1, LOOPBACK_PROXY_DROP_SH_EXT},
};

START_TEST(test_damaged)
{
	static const struct serve ecdsa = {"leaf-ecdsa", "staple-ecdsa",
	                                   NULL, 1, 0, 0};
	const struct framing *d = &damages[_i];
	struct run runs[N_OF(backends)];
	struct loopback_server s;
	char dir[ARG_LEN], out[ARG_LEN + 16];
	size_t i;
	int started;

	memset(runs, 0, sizeof runs);
	scratch_make(dir, sizeof dir);
	snprintf(out, sizeof out, "%s/staple.der", dir);
	started = serve_start(&s, &ecdsa) == 0;
	for (i = 0; started && i < N_OF(backends); i++) {
		struct fetch_call call = {0};
		call.backend = backends[i];
		call.out = out;
		fetch_via(&runs[i], s.port, d, 11, &call);
	}
	loopback_server_stop(&s);
	(void)rmdir(dir);

	ck_assert_msg(started, "s_server did not start (see stderr)");
	for (i = 0; i < N_OF(backends); i++) {
		char what[64];
		snprintf(what, sizeof what, "%s, %s", backends[i], d->name);
		expect_failure_text(&runs[i], EXIT_TLS, what);
		expect_not_in(&runs[i].out, "good", what);
		expect_not_in(&runs[i].out, "stapled", what);
		expect_no_file(&runs[i], what);
		run_free(&runs[i]);
	}
}
END_TEST

/* ---- no staple to look at: each failure, text and JSON ------------------- */

enum place {
	PLACE_NOTHING, /* no server needed */
	PLACE_CLOSED,  /* a port nothing listens on */
	PLACE_SERVER,  /* s_server with leaf-ecdsa and its staple */
	PLACE_SILENT   /* accepts, then never a byte */
};

struct error_case {
	const char *name;
	enum place place;
	const char *target;     /* NULL: 127.0.0.1:PORT */
	const char *cafile;     /* NULL: root.pem */
	const char *servername; /* NULL: localhost */
	const char *timeout;    /* NULL: the default */
	int want;               /* exit status */
	const char *code;       /* the JSON error's code */
};

static const struct error_case error_cases[] = {
	{"closed port", PLACE_CLOSED, NULL, NULL, NULL, NULL, EXIT_CONNECT,
	 "CONNECT"},
	/* client.pem: an end-entity certificate, no anchor of the chain */
	{"wrong anchor", PLACE_SERVER, NULL, "client.pem", NULL, NULL,
	 EXIT_UNTRUSTED, "UNTRUSTED"},
	/* the leaves name localhost only */
	{"wrong name", PLACE_SERVER, NULL, NULL, "wrongname.test", NULL,
	 EXIT_UNTRUSTED, "UNTRUSTED"},
	{"silent server", PLACE_SILENT, NULL, NULL, NULL, "1", EXIT_TIMEOUT,
	 "TIMEOUT"},
	/* .invalid never resolves (RFC 6761 6.4) */
	{"unresolvable", PLACE_NOTHING, "nonexistent.invalid:443", NULL,
	 NULL, NULL, EXIT_RESOLVE, "RESOLVE"},
};

/* A --timeout 1 run that fails must fail about then. */
#define TIMEOUT_RUN_MS 5000

/* _i = case * backends + backend: the text run, then the --json run. */
START_TEST(test_error)
{
	static const struct serve ecdsa = {"leaf-ecdsa", "staple-ecdsa",
	                                   NULL, 0, 0, 0};
	const struct error_case *c = &error_cases[(size_t)_i /
	                                          N_OF(backends)];
	const char *backend = backends[(size_t)_i % N_OF(backends)];
	struct loopback_server s;
	struct silent q;
	struct run text, json;
	struct fetch_call call = {0};
	char what[64], target[64], head[128], dir[ARG_LEN], out[ARG_LEN + 16];
	int up = 1;

	memset(&text, 0, sizeof text);
	memset(&json, 0, sizeof json);
	s.pid = -1;
	q.pid = -1;
	snprintf(what, sizeof what, "%s, %s", backend, c->name);
	scratch_make(dir, sizeof dir);
	snprintf(out, sizeof out, "%s/staple.der", dir);
	if (c->place == PLACE_CLOSED)
		up = (call.port = loopback_free_port()) > 0;
	if (c->place == PLACE_SERVER && (up = serve_start(&s, &ecdsa) == 0))
		call.port = s.port;
	if (c->place == PLACE_SILENT && (up = silent_start(&q) == 0))
		call.port = q.port;
	if (up) {
		call.backend = backend;
		call.target = c->target;
		call.cafile = c->cafile;
		call.servername = c->servername;
		call.timeout = c->timeout;
		call.out = out;
		fetch(&text, &call);
		call.json = 1;
		fetch(&json, &call);
	}
	loopback_server_stop(&s);
	silent_stop(&q);
	(void)rmdir(dir);

	ck_assert_msg(up, "%s: the server did not start", what);
	snprintf(target, sizeof target, "127.0.0.1:%d", call.port);
	if (c->target != NULL)
		snprintf(target, sizeof target, "%s", c->target);
	if (c->want == EXIT_UNTRUSTED)
		expect_untrusted_text(&text, what);
	else
		expect_failure_text(&text, c->want, what);
	expect_in(&text.err, target, what);
	expect_no_file(&text, what);
	expect_status(&json, c->want, what);
	expect_json_line(&json.out, target, what);
	snprintf(head, sizeof head,
	         "\"error\": {\"code\": \"%s\", \"message\": \"", c->code);
	expect_in(&json.out, head, what);
	ck_assert_msg(json.err.n == 0, "%s: --json stderr:\n%s", what,
	              json.err.p);
	expect_no_file(&json, what);
	if (c->place == PLACE_SILENT)
		ck_assert_msg(text.ms < TIMEOUT_RUN_MS &&
		                      json.ms < TIMEOUT_RUN_MS,
		              "%s: --timeout 1 took %lld and %lld ms", what,
		              text.ms, json.ms);
	run_free(&text);
	run_free(&json);
}
END_TEST

/* ---- TLS versions -------------------------------------------------------- */

/*
 * A server that speaks TLS 1.3 alone (s_server -tls1_3 staples inside the
 * Certificate message).  OpenSSL gets the staple over 1.3 and verifies
 * it; BearSSL, which speaks 1.2 at most, fails the handshake (7) with a
 * line that names the protocol_version alert and TLS 1.3; OpenSSL capped
 * by --tls12 fails the same way, in the same words.
 */
START_TEST(test_tls13_only)
{
	static const struct serve only13 = {"leaf-ecdsa", "staple-ecdsa", NULL,
	                                    0, 0, 1};
	struct run ossl, bear, capped, json;
	struct loopback_server s;
	struct fetch_call call = {0};
	char dir[ARG_LEN], out[ARG_LEN + 16], line[256];
	int started, port = 0;

	memset(&ossl, 0, sizeof ossl);
	memset(&bear, 0, sizeof bear);
	memset(&capped, 0, sizeof capped);
	memset(&json, 0, sizeof json);
	scratch_make(dir, sizeof dir);
	snprintf(out, sizeof out, "%s/staple.der", dir);
	started = serve_start(&s, &only13) == 0;
	if (started) {
		call.port = port = s.port;
		call.backend = "openssl";
		call.out = out;
		fetch(&ossl, &call);
		call.out = NULL;
		call.json = 1;
		fetch(&json, &call);
		call.json = 0;
		call.tls12 = 1;
		fetch(&capped, &call);
		call.tls12 = 0;
		call.backend = "bearssl";
		fetch(&bear, &call);
	}
	loopback_server_stop(&s);
	(void)rmdir(dir);

	ck_assert_msg(started, "s_server did not start (see stderr)");
	expect_status(&ossl, 0, "openssl, TLS 1.3 only");
	expect_in(&ossl.out, "tls: TLS1.3, backend openssl\n",
	          "openssl, TLS 1.3 only");
	expect_in(&ossl.out, "\nchain length: 2\n", "openssl, TLS 1.3 only");
	snprintf(line, sizeof line, "\nstaple: stapled (%zu bytes)\n",
	         fixture_size("staple-ecdsa.der"));
	expect_in(&ossl.out, line, "openssl, TLS 1.3 only");
	expect_in(&ossl.out, "\nverify: ok (", "openssl, TLS 1.3 only");
	expect_file(&ossl, "staple-ecdsa.der", "openssl, TLS 1.3 only");
	expect_status(&json, 0, "openssl --json, TLS 1.3 only");
	expect_json_at(&json.out, port, "openssl --json, TLS 1.3 only");
	expect_in(&json.out, "\"version\": \"TLS1.3\", \"cipher_suite\": "
	                     "\"TLS_AES_", "openssl --json, TLS 1.3 only");
	expect_in(&json.out, "\"stapled\": true, ",
	          "openssl --json, TLS 1.3 only");

	expect_failure_text(&bear, EXIT_TLS, "bearssl, TLS 1.3 only");
	expect_in(&bear.err, "protocol_version (70)", "bearssl, TLS 1.3 only");
	expect_in(&bear.err, "no version up to TLS 1.2",
	          "bearssl, TLS 1.3 only");
	expect_in(&bear.err, "it may require TLS 1.3",
	          "bearssl, TLS 1.3 only");
	expect_failure_text(&capped, EXIT_TLS, "openssl --tls12, 1.3 only");
	ck_assert_msg(strcmp(bear.err.p, capped.err.p) == 0,
	              "the backends word it differently:\n%s%s", bear.err.p,
	              capped.err.p);
	run_free(&ossl);
	run_free(&json);
	run_free(&capped);
	run_free(&bear);
}
END_TEST

/* ---- what the connection shows ------------------------------------------ */

/*
 * One line of `openssl x509 -in tls/NAME.pem -noout OPTS`, after its
 * "key=" (or, for -ext, the line below its heading), into out.  Returns
 * 0, or -1 when openssl gave nothing.
 */
static int x509_field(const char *name, const char *opts, char *out,
                      size_t cap)
{
	const char *openssl = getenv("STAPLE_OPENSSL");
	char path[ARG_LEN], cmd[3 * ARG_LEN], line[512];
	const char *value = NULL;
	FILE *p;
	size_t n;

	out[0] = '\0';
	snprintf(path, sizeof path, "%s.pem", name);
	if (tls_path(line, sizeof line, path) != 0)
		return -1;
	snprintf(cmd, sizeof cmd, "'%s' x509 -in '%s' -noout %s 2>/dev/null",
	         openssl != NULL && openssl[0] != '\0' ? openssl : "openssl",
	         line, opts);
	p = popen(cmd, "r");
	if (p == NULL)
		return -1;
	while (fgets(line, sizeof line, p) != NULL) {
		const char *eq = strchr(line, '=');
		if (strncmp(line, "X509v3", 6) == 0)
			continue; /* -ext: the value is on the next line */
		value = line;
		while (*value == ' ')
			value++;
		if (eq != NULL && strstr(opts, "-ext") == NULL)
			value = eq + 1;
		break;
	}
	(void)pclose(p);
	if (value == NULL)
		return -1;
	n = strcspn(value, "\n");
	if (n >= cap)
		return -1;
	memcpy(out, value, n);
	out[n] = '\0';
	return 0;
}

/* ms since the epoch of "YYYY-MM-DD HH:MM:SSZ" (days from civil). */
static long long iso_ms(const char *t)
{
	int y, m, d, hh, mm, ss;
	long long era, yoe, doy, doe;

	if (sscanf(t, "%d-%d-%d %d:%d:%d", &y, &m, &d, &hh, &mm, &ss) != 6)
		return -1;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return ((era * 146097 + doe - 719468) * 86400 + hh * 3600 + mm * 60 +
	        ss) * 1000;
}

/* The leaf's facts as openssl reads tls/NAME.pem. */
struct leaf_facts {
	char subject[256], issuer[256], serial[128], not_after[64];
	char sans[256];          /* "localhost, staple.test, 127.0.0.1" */
	char sans_json[256];     /* "localhost", "staple.test", "127.0.0.1" */
	long long not_after_ms;
};

static int leaf_facts(const char *name, struct leaf_facts *lf)
{
	char sans[256], *tok, *save = NULL;
	size_t i;

	memset(lf, 0, sizeof *lf);
	if (x509_field(name, "-subject -nameopt RFC2253", lf->subject,
	               sizeof lf->subject) != 0 ||
	    x509_field(name, "-issuer -nameopt RFC2253", lf->issuer,
	               sizeof lf->issuer) != 0 ||
	    x509_field(name, "-serial", lf->serial, sizeof lf->serial) != 0 ||
	    x509_field(name, "-enddate -dateopt iso_8601", lf->not_after,
	               sizeof lf->not_after) != 0 ||
	    x509_field(name, "-ext subjectAltName", sans, sizeof sans) != 0)
		return -1;
	/* openssl: 0382..DE09, "2045-01-01 00:00:00Z"; staple writes
	 * lowercase hex and RFC 3339 */
	for (i = 0; lf->serial[i] != '\0'; i++)
		if (lf->serial[i] >= 'A' && lf->serial[i] <= 'F')
			lf->serial[i] = (char)(lf->serial[i] - 'A' + 'a');
	lf->not_after_ms = iso_ms(lf->not_after);
	if (strlen(lf->not_after) > 10)
		lf->not_after[10] = 'T';
	/* "DNS:localhost, DNS:staple.test, IP Address:127.0.0.1" */
	for (tok = strtok_r(sans, ",", &save); tok != NULL;
	     tok = strtok_r(NULL, ",", &save)) {
		const char *v = strchr(tok, ':');
		v = v != NULL ? v + 1 : tok;
		snprintf(lf->sans + strlen(lf->sans),
		         sizeof lf->sans - strlen(lf->sans), "%s%s",
		         lf->sans[0] != '\0' ? ", " : "", v);
		snprintf(lf->sans_json + strlen(lf->sans_json),
		         sizeof lf->sans_json - strlen(lf->sans_json),
		         "%s\"%s\"", lf->sans_json[0] != '\0' ? ", " : "", v);
	}
	return lf->not_after_ms > 0 ? 0 : -1;
}

/* The leaf block of the text and the "leaf" object of the JSON say
 * what openssl reads in tls/NAME.pem. */
static void expect_leaf(const struct run *text, const struct run *json,
                        const char *name, const char *what)
{
	struct leaf_facts lf;
	char want[1024];

	ck_assert_msg(leaf_facts(name, &lf) == 0,
	              "%s: openssl x509 cannot read %s", what, name);
	snprintf(want, sizeof want, "\nleaf:\n  subject: %s\n  issuer: %s\n",
	         lf.subject, lf.issuer);
	expect_in(&text->out, want, what);
	snprintf(want, sizeof want, "\n  serial number: %s\n", lf.serial);
	expect_in(&text->out, want, what);
	snprintf(want, sizeof want, "\n  not after: %s (", lf.not_after);
	expect_in(&text->out, want, what);
	snprintf(want, sizeof want, "\n  subject alt names: %s\n", lf.sans);
	expect_in(&text->out, want, what);
	snprintf(want, sizeof want,
	         "\"leaf\": {\"subject\": \"%s\", \"issuer\": \"%s\", "
	         "\"serial_number\": \"%s\", ",
	         lf.subject, lf.issuer, lf.serial);
	expect_in(&json->out, want, what);
	snprintf(want, sizeof want, "\"not_after\": %lld, ", lf.not_after_ms);
	expect_in(&json->out, want, what);
	snprintf(want, sizeof want, "\"subject_alt_names\": [%s]",
	         lf.sans_json);
	expect_in(&json->out, want, what);
}

struct connection_case {
	const char *backend;
	int tls12;            /* --tls12 */
	struct serve serve;
	const char *version;  /* "TLS1.2" */
	const char *suite;    /* its IANA name */
};

static const struct connection_case connection_cases[] = {
	{"bearssl", 0, {"leaf-ecdsa", "staple-ecdsa",
	                "ECDHE-ECDSA-AES128-GCM-SHA256", 1, 0, 0},
	 "TLS1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"},
	{"openssl", 1, {"leaf-ecdsa", "staple-ecdsa",
	                "ECDHE-ECDSA-AES128-GCM-SHA256", 1, 0, 0},
	 "TLS1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"},
	{"bearssl", 0, {"leaf-rsa", "staple-rsa",
	                "ECDHE-RSA-CHACHA20-POLY1305", 1, 0, 0},
	 "TLS1.2", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
	{"openssl", 1, {"leaf-rsa", "staple-rsa", "AES256-GCM-SHA384", 1, 0, 0},
	 "TLS1.2", "TLS_RSA_WITH_AES_256_GCM_SHA384"},
	/* a TLS 1.3 suite goes to s_server's -ciphersuites */
	{"openssl", 0, {"leaf-ecdsa", "staple-ecdsa", "TLS_AES_128_GCM_SHA256",
	                0, 0, 1},
	 "TLS1.3", "TLS_AES_128_GCM_SHA256"},
	{"openssl", 0, {"leaf-rsa", "staple-rsa",
	                "TLS_CHACHA20_POLY1305_SHA256", 0, 0, 1},
	 "TLS1.3", "TLS_CHACHA20_POLY1305_SHA256"},
};

/*
 * The facts of the connection, text and JSON: version, the suite the
 * server was limited to by its IANA name, the chain's length, the leaf
 * as openssl reads it.  _i: the case.
 */
START_TEST(test_connection)
{
	const struct connection_case *c = &connection_cases[_i];
	struct run text, json;
	struct loopback_server s;
	struct fetch_call call = {0};
	char what[128], line[256];
	int started, port = 0;

	memset(&text, 0, sizeof text);
	memset(&json, 0, sizeof json);
	snprintf(what, sizeof what, "%s%s, %s", c->backend,
	         c->tls12 ? " --tls12" : "", c->suite);
	started = serve_start(&s, &c->serve) == 0;
	if (started) {
		call.backend = c->backend;
		call.port = port = s.port;
		call.tls12 = c->tls12;
		fetch(&text, &call);
		call.json = 1;
		fetch(&json, &call);
	}
	loopback_server_stop(&s);

	ck_assert_msg(started, "s_server did not start (see stderr)");
	expect_status(&text, 0, what);
	snprintf(line, sizeof line,
	         "tls: %s, backend %s\ncipher suite: %s\nchain length: 2\n"
	         "leaf:\n",
	         c->version, c->backend, c->suite);
	expect_in(&text.out, line, what);
	expect_in(&text.out, "\nchain trusted: yes\n", what);
	expect_status(&json, 0, what);
	expect_json_at(&json.out, port, what);
	snprintf(line, sizeof line,
	         "\"tls\": {\"backend\": \"%s\", \"version\": \"%s\", "
	         "\"cipher_suite\": \"%s\", \"chain_length\": 2, ",
	         c->backend, c->version, c->suite);
	expect_in(&json.out, line, what);
	expect_in(&json.out, "\"chain_trusted\": true}\n", what);
	expect_leaf(&text, &json, c->serve.leaf, what);
	run_free(&text);
	run_free(&json);
}
END_TEST

/*
 * `openssl ciphers -stdname -V LIST`, each suite checked against
 * tools/tls_names.c: a name of ours must be OpenSSL's for that number;
 * with `offered`, every suite must be ours, but for PSK and SRP ones,
 * which the OpenSSL backend cannot offer (it sets no callbacks for
 * them).  What is wrong goes into bad.  Returns the suites compared.
 */
static size_t suites_against_openssl(const char *list, int offered,
                                     char *bad, size_t cap)
{
	const char *openssl = getenv("STAPLE_OPENSSL");
	char cmd[ARG_LEN], line[512];
	size_t compared = 0;
	FILE *p;

	snprintf(cmd, sizeof cmd, "'%s' ciphers -stdname -V '%s' 2>/dev/null",
	         openssl != NULL && openssl[0] != '\0' ? openssl : "openssl",
	         list);
	p = popen(cmd, "r");
	if (p == NULL)
		return 0;
	while (fgets(line, sizeof line, p) != NULL) {
		unsigned hi, lo;
		char name[128];
		const char *ours;

		/* "          0xC0,0x2B - TLS_ECDHE_ECDSA_... - ECDHE-... " */
		if (sscanf(line, " 0x%x,0x%x - %127s", &hi, &lo, name) != 3)
			continue;
		ours = staple_cipher_suite_name(hi << 8 | lo);
		compared++;
		if (ours != NULL && strcmp(ours, name) != 0)
			snprintf(bad + strlen(bad), cap - strlen(bad),
			         " 0x%02X%02X is %s, not %.60s;", hi, lo, ours,
			         name);
		else if (ours == NULL && offered && strstr(name, "PSK") == NULL &&
		         strstr(name, "SRP") == NULL)
			snprintf(bad + strlen(bad), cap - strlen(bad),
			         " %.60s (0x%02X%02X) missing;", name, hi, lo);
	}
	(void)pclose(p);
	return compared;
}

/*
 * The names of tools/tls_names.c are the IANA names OpenSSL gives the
 * same numbers (the suites only BearSSL has were checked against
 * bearssl_ssl.h when the table was written), and every suite the
 * OpenSSL backend offers by default is there.
 */
START_TEST(test_suite_names)
{
	char bad[2048] = "";
	size_t all, offered, total = staple_cipher_suite_count(), i;

	all = suites_against_openssl("ALL:COMPLEMENTOFALL", 0, bad, sizeof bad);
	offered = suites_against_openssl("DEFAULT", 1, bad, sizeof bad);
	ck_assert_msg(all > 0 && offered > 0, "openssl ciphers gave nothing");
	ck_assert_msg(bad[0] == '\0', "cipher suites:%s", bad);
	for (i = 1; i < total; i++)
		ck_assert(staple_cipher_suite_at(i - 1) <
		          staple_cipher_suite_at(i));
	ck_assert_ptr_null(staple_cipher_suite_name(0xC0FF));
}
END_TEST

/* ---- a chain that is not trusted, --insecure ------------------------------ */

struct untrusted_case {
	const char *name;
	const char *cafile;     /* NULL: root.pem */
	const char *servername; /* NULL: localhost */
	const char *reason;     /* the chain error's words */
};

static const struct untrusted_case untrusted_cases[] = {
	{"wrong anchor", "client.pem", NULL,
	 "certificate not trusted: the chain leads to no trust anchor in "},
	{"wrong name", NULL, "wrongname.test",
	 "certificate not trusted: it is not for the name wrongname.test"},
};

/*
 * --insecure: the handshake goes on, the staple is decoded and verified
 * against the issuer the server sent (the anchors of the wrong anchor
 * case hold no issuer), --out writes it, the verdict is followed by
 * "chain trusted: no" and the reason, and the exit status is 8.  JSON
 * likewise, with "chain_trusted": false and no "error".  Without
 * --insecure the JSON has the facts, "chain_trusted": false and the
 * error, nothing of a staple.  _i = case * backends + backend.
 */
START_TEST(test_insecure)
{
	const struct untrusted_case *c =
		&untrusted_cases[(size_t)_i / N_OF(backends)];
	const char *backend = backends[(size_t)_i % N_OF(backends)];
	static const struct serve ecdsa = {"leaf-ecdsa", "staple-ecdsa", NULL,
	                                   1, 0, 0};
	struct run text, json, plain;
	struct loopback_server s;
	struct fetch_call call = {0};
	char what[96], dir[ARG_LEN], out[ARG_LEN + 16], line[256];
	int started, port = 0;

	memset(&text, 0, sizeof text);
	memset(&json, 0, sizeof json);
	memset(&plain, 0, sizeof plain);
	snprintf(what, sizeof what, "%s, %s", backend, c->name);
	scratch_make(dir, sizeof dir);
	snprintf(out, sizeof out, "%s/staple.der", dir);
	started = serve_start(&s, &ecdsa) == 0;
	if (started) {
		call.backend = backend;
		call.port = port = s.port;
		call.cafile = c->cafile;
		call.servername = c->servername;
		call.insecure = 1;
		call.out = out;
		fetch(&text, &call);
		call.out = NULL;
		call.json = 1;
		fetch(&json, &call);
		call.insecure = 0;
		fetch(&plain, &call);
	}
	loopback_server_stop(&s);
	(void)rmdir(dir);

	ck_assert_msg(started, "s_server did not start (see stderr)");
	expect_status(&text, EXIT_UNTRUSTED, what);
	expect_in(&text.out, "\ncipher suite: TLS_", what);
	expect_in(&text.out, "\nchain length: 2\n", what);
	snprintf(line, sizeof line, "\nstaple: stapled (%zu bytes)\n",
	         fixture_size("staple-ecdsa.der"));
	expect_in(&text.out, line, what);
	expect_in(&text.out, "\n  status: good\n", what);
	expect_in(&text.out, "\nverify: ok (signed by the issuer; entry 0; ",
	          what);
	snprintf(line, sizeof line, ")\nchain trusted: no\nchain error: %s",
	         c->reason);
	expect_in(&text.out, line, what);
	expect_file(&text, "staple-ecdsa.der", what);
	expect_one_line(&text.err, what);
	expect_in(&text.err, c->reason, what);

	expect_status(&json, EXIT_UNTRUSTED, what);
	expect_json_at(&json.out, port, what);
	expect_in(&json.out, "\"stapled\": true, ", what);
	expect_in(&json.out, "\"ocsp\": {\"status\": \"good\", ", what);
	expect_in(&json.out, "\"verify\": {\"result\": \"ok\", ", what);
	snprintf(line, sizeof line,
	         "\"chain_trusted\": false, \"chain_error\": \"%s", c->reason);
	expect_in(&json.out, line, what);
	expect_not_in(&json.out, "\"error\": {", what);
	ck_assert_msg(json.err.n == 0, "%s: --json stderr:\n%s", what,
	              json.err.p);

	expect_status(&plain, EXIT_UNTRUSTED, what);
	expect_json_at(&plain.out, port, what);
	expect_in(&plain.out, "\"chain_length\": 2, \"stapled\": false, ",
	          what);
	expect_in(&plain.out, "\"leaf\": {\"subject\": \"CN=staple test "
	                      "leaf-ecdsa,", what);
	expect_in(&plain.out, line, what);
	expect_in(&plain.out, "\"error\": {\"code\": \"UNTRUSTED\", ", what);
	expect_not_in(&plain.out, "\"ocsp\"", what);
	expect_not_in(&plain.out, "\"verify\"", what);
	run_free(&text);
	run_free(&json);
	run_free(&plain);
}
END_TEST

/* ---- usage errors: exit 2 before any connection -------------------------- */

struct usage_case {
	const char *backend;
	const char *target;
	int tls12, tls13;
	const char *says; /* in the one line on stderr */
};

static const struct usage_case usage_cases[] = {
	/* BearSSL 0.6 has no TLS 1.3: an error, not a silent 1.2 */
	{"bearssl", "127.0.0.1:1", 0, 1, "speaks TLS 1.2 at most"},
	{"openssl", "127.0.0.1:1", 1, 1, "--tls12 and --tls13 together"},
	/* ports: 1 to 65535 in decimal digits, nothing else */
	{"bearssl", "127.0.0.1:0", 0, 0, "a number from 1 to 65535"},
	{"bearssl", "127.0.0.1:65536", 0, 0, "a number from 1 to 65535"},
	{"bearssl", "127.0.0.1:99999999999999999999", 0, 0,
	 "a number from 1 to 65535"},
	{"openssl", "localhost:http", 0, 0, "a number from 1 to 65535"},
	{"openssl", "localhost:", 0, 0, "a number from 1 to 65535"},
	{"bearssl", "localhost:-1", 0, 0, "a number from 1 to 65535"},
	{"bearssl", "localhost:4433x", 0, 0, "a number from 1 to 65535"},
	{"bearssl", "localhost: 443", 0, 0, "a number from 1 to 65535"},
	{"openssl", "[::1]:0", 0, 0, "a number from 1 to 65535"},
	{"openssl", "[::1]:", 0, 0, "a number from 1 to 65535"},
	/* the shape around it */
	{"openssl", "[::1]x", 0, 0, "not HOST[:PORT]"},
	{"openssl", "[localhost]:443", 0, 0, "not HOST[:PORT]"},
	{"openssl", "[::1", 0, 0, "not HOST[:PORT]"},
	{"openssl", "localhost:443:", 0, 0, "not HOST[:PORT]"},
	{"openssl", ":443", 0, 0, "not HOST[:PORT]"},
};

static void test_usage(size_t i)
{
	const struct usage_case *c = &usage_cases[i];
	struct fetch_call call = {0};
	struct run r;
	char what[96];

	call.backend = c->backend;
	call.target = c->target;
	call.tls12 = c->tls12;
	call.tls13 = c->tls13;
	fetch(&r, &call);
	snprintf(what, sizeof what, "%s %s%s%s", c->backend, c->target,
	         c->tls12 ? " --tls12" : "", c->tls13 ? " --tls13" : "");
	expect_status(&r, 2, what);
	ck_assert_msg(r.out.n == 0, "%s: stdout:\n%s", what, r.out.p);
	expect_in(&r.err, c->says, what);
	expect_not_in(&r.err, "refused", what);
	expect_not_in(&r.err, "resolve", what);
	ck_assert_msg(r.ms < TIMEOUT_RUN_MS, "%s: took %lld ms", what, r.ms);
	run_free(&r);
}

/*
 * What a checked target still lets through: a port with leading zeros is
 * that port (the server answers), and an IPv6 literal in brackets reaches
 * the connect step (refused or unreachable, 5; never a usage error).
 */
START_TEST(test_target_ok)
{
	static const struct serve ecdsa = {"leaf-ecdsa", "staple-ecdsa", NULL,
	                                   1, 0, 0};
	struct run zeros, v6;
	struct loopback_server s;
	struct fetch_call call = {0};
	char target[64];
	int started;

	memset(&zeros, 0, sizeof zeros);
	memset(&v6, 0, sizeof v6);
	started = serve_start(&s, &ecdsa) == 0;
	if (started) {
		snprintf(target, sizeof target, "127.0.0.1:00%d", s.port);
		call.backend = "bearssl";
		call.target = target;
		fetch(&zeros, &call);
		call.target = "[::1]:1";
		fetch(&v6, &call);
	}
	loopback_server_stop(&s);

	ck_assert_msg(started, "s_server did not start (see stderr)");
	expect_status(&zeros, 0, target);
	expect_in(&zeros.out, "\nverify: ok (", target);
	expect_failure_text(&v6, EXIT_CONNECT, "[::1]:1");
	expect_in(&v6.err, "connect to ::1 port 1: ", "[::1]:1");
	run_free(&zeros);
	run_free(&v6);
}
END_TEST

/* ---- --out: never stale, or standard output ------------------------------ */

/* An earlier staple at path, as a run before this one left it. */
static int stale_make(const char *path)
{
	FILE *f = fopen(path, "wb");
	int ok = f != NULL && fputs("an earlier staple", f) >= 0;

	return f != NULL && fclose(f) == 0 && ok ? 0 : -1;
}

/*
 * _i: the backend.  An earlier FILE goes when nothing is stapled (text
 * and JSON), when the connection fails, and is replaced whole when a
 * staple comes; the text says which.  A CA file that cannot be read
 * (nothing was asked of any server) leaves it alone.
 */
START_TEST(test_out_stale)
{
	static const struct serve bare = {"leaf-ecdsa", NULL, NULL, 0, 0, 0};
	static const struct serve ecdsa = {"leaf-ecdsa", "staple-ecdsa", NULL,
	                                   1, 0, 0};
	const char *backend = backends[_i];
	struct run text, json, refused, cafile, good, absent;
	struct loopback_server s;
	struct fetch_call call = {0};
	char dir[ARG_LEN], out[ARG_LEN + 16], line[2 * ARG_LEN];
	int ok = 1, kept = 0, started, started2 = 0, bare_port = 0;

	memset(&text, 0, sizeof text);
	memset(&json, 0, sizeof json);
	memset(&refused, 0, sizeof refused);
	memset(&cafile, 0, sizeof cafile);
	memset(&good, 0, sizeof good);
	memset(&absent, 0, sizeof absent);
	scratch_make(dir, sizeof dir);
	snprintf(out, sizeof out, "%s/staple.der", dir);
	call.backend = backend;
	call.out = out;
	started = serve_start(&s, &bare) == 0;
	if (started) {
		call.port = bare_port = s.port;
		ok &= stale_make(out) == 0;
		fetch(&text, &call);
		ok &= stale_make(out) == 0;
		call.json = 1;
		fetch(&json, &call);
		call.json = 0;
		fetch(&absent, &call); /* nothing there to remove */
	}
	loopback_server_stop(&s);
	if (started) {
		started2 = serve_start(&s, &ecdsa) == 0;
		if (started2) {
			call.port = s.port;
			ok &= stale_make(out) == 0;
			fetch(&good, &call);
		}
		loopback_server_stop(&s);
		/* nothing listens there now */
		ok &= stale_make(out) == 0;
		fetch(&refused, &call);
		ok &= stale_make(out) == 0;
		call.cafile = "no-such-file.pem";
		fetch(&cafile, &call);
		kept = cafile.wrote && cafile.file_n == 17;
	}
	(void)rmdir(dir);

	ck_assert_msg(started && started2, "s_server did not start");
	ck_assert_msg(ok, "could not write the earlier staple");
	expect_status(&text, 0, backend);
	expect_no_file(&text, backend);
	snprintf(line, sizeof line,
	         "\nout: nothing stapled, %s removed (it held an earlier "
	         "staple)\n", out);
	expect_in(&text.out, line, backend);
	expect_status(&json, 0, backend);
	expect_no_file(&json, backend);
	expect_json_at(&json.out, bare_port, backend);
	expect_status(&absent, 0, backend);
	snprintf(line, sizeof line, "\nout: nothing stapled, %s not "
	                            "written\n", out);
	expect_in(&absent.out, line, backend);
	expect_good_text(&good, backend, "staple-ecdsa.der", backend);
	expect_file(&good, "staple-ecdsa.der", backend);
	snprintf(line, sizeof line, "\nout: wrote %zu bytes to %s\n",
	         fixture_size("staple-ecdsa.der"), out);
	expect_in(&good.out, line, backend);
	expect_status(&refused, EXIT_CONNECT, backend);
	expect_no_file(&refused, backend);
	expect_in(&refused.err, ": removed, it held an earlier staple\n",
	          backend);
	expect_status(&cafile, 2, backend);
	ck_assert_msg(kept, "%s: a CA file error touched --out", backend);
	run_free(&text);
	run_free(&json);
	run_free(&absent);
	run_free(&good);
	run_free(&refused);
	run_free(&cafile);
}
END_TEST

/*
 * --out -: the DER, byte for byte, on standard output, and the report
 * (text, or the JSON line) on standard error.  _i: the backend.
 */
START_TEST(test_out_stdout)
{
	static const struct serve ecdsa = {"leaf-ecdsa", "staple-ecdsa", NULL,
	                                   0, 0, 0};
	const char *backend = backends[_i];
	struct run text, json;
	struct loopback_server s;
	struct fetch_call call = {0};
	char path[ARG_LEN], line[128];
	uint8_t *want = NULL;
	size_t want_n = 0;
	int started, port = 0;

	memset(&text, 0, sizeof text);
	memset(&json, 0, sizeof json);
	started = serve_start(&s, &ecdsa) == 0;
	if (started) {
		call.backend = backend;
		call.port = port = s.port;
		call.out = "-";
		fetch(&text, &call);
		call.json = 1;
		fetch(&json, &call);
	}
	loopback_server_stop(&s);

	ck_assert_msg(started, "s_server did not start (see stderr)");
	ck_assert(tls_path(path, sizeof path, "staple-ecdsa.der") == 0);
	ck_assert(test_read_file(path, &want, &want_n) == 0);
	expect_status(&text, 0, backend);
	ck_assert_msg(text.out.n == want_n &&
	                      memcmp(text.out.p, want, want_n) == 0,
	              "%s: stdout is not the staple (%zu bytes)", backend,
	              text.out.n);
	expect_in(&text.err, "\nverify: ok (", backend);
	snprintf(line, sizeof line, "\nout: wrote %zu bytes to standard "
	                            "output\n", want_n);
	expect_in(&text.err, line, backend);
	expect_status(&json, 0, backend);
	ck_assert_msg(json.out.n == want_n &&
	                      memcmp(json.out.p, want, want_n) == 0,
	              "%s --json: stdout is not the staple", backend);
	expect_json_at(&json.err, port, backend);
	free(want);
	run_free(&text);
	run_free(&json);
}
END_TEST

/* ---- one failure, one wording -------------------------------------------- */

struct words_case {
	const char *name;
	enum place place;
	const char *target;     /* NULL: 127.0.0.1:PORT */
	const char *cafile;     /* NULL: root.pem; "@empty", "@dir" made
	                           here */
	const char *servername; /* NULL: localhost */
	const char *timeout;
	int want;
	const char *says;       /* in the line */
};

static const struct words_case words_cases[] = {
	{"closed port", PLACE_CLOSED, NULL, NULL, NULL, NULL, EXIT_CONNECT,
	 ": Connection refused"},
	{"unresolvable", PLACE_NOTHING, "nonexistent.invalid:443", NULL, NULL,
	 NULL, EXIT_RESOLVE, "resolve nonexistent.invalid port 443: "},
	{"silent server", PLACE_SILENT, NULL, NULL, NULL, "1", EXIT_TIMEOUT,
	 "TLS handshake: no answer in 1000 ms"},
	{"wrong anchor", PLACE_SERVER, NULL, "client.pem", NULL, NULL,
	 EXIT_UNTRUSTED, "certificate not trusted: the chain leads to no "
	                 "trust anchor in "},
	{"wrong name", PLACE_SERVER, NULL, NULL, "wrongname.test", NULL,
	 EXIT_UNTRUSTED, "certificate not trusted: it is not for the name "
	                 "wrongname.test"},
	{"missing CA file", PLACE_SERVER, NULL, "/nonexistent/ca.pem", NULL,
	 NULL, 2, "cannot read trust anchors from /nonexistent/ca.pem: "
	          "No such file or directory"},
	{"CA file a directory", PLACE_SERVER, NULL, "@dir", NULL, NULL, 2,
	 ": Is a directory"},
	{"empty CA file", PLACE_SERVER, NULL, "@empty", NULL, NULL, 2,
	 ": it holds no certificate"},
	{"CA file a key", PLACE_SERVER, NULL, "root.key", NULL, NULL, 2,
	 ": it holds no certificate"},
};

/* _i: the case; both backends, each line compared whole. */
START_TEST(test_same_words)
{
	static const struct serve ecdsa = {"leaf-ecdsa", "staple-ecdsa", NULL,
	                                   0, 0, 0};
	const struct words_case *c = &words_cases[_i];
	struct run runs[N_OF(backends)];
	struct loopback_server s;
	struct silent q;
	struct fetch_call call = {0};
	char dir[ARG_LEN], path[ARG_LEN + 16];
	size_t i;
	int up = 1;
	FILE *f;

	memset(runs, 0, sizeof runs);
	s.pid = -1;
	q.pid = -1;
	scratch_make(dir, sizeof dir);
	call.cafile = c->cafile;
	if (c->cafile != NULL && strcmp(c->cafile, "@empty") == 0) {
		snprintf(path, sizeof path, "%s/empty.pem", dir);
		up = (f = fopen(path, "wb")) != NULL && fclose(f) == 0;
		call.cafile = path;
	} else if (c->cafile != NULL && strcmp(c->cafile, "@dir") == 0) {
		call.cafile = dir;
	}
	if (up && c->place == PLACE_CLOSED)
		up = (call.port = loopback_free_port()) > 0;
	if (up && c->place == PLACE_SERVER &&
	    (up = serve_start(&s, &ecdsa) == 0))
		call.port = s.port;
	if (up && c->place == PLACE_SILENT && (up = silent_start(&q) == 0))
		call.port = q.port;
	for (i = 0; up && i < N_OF(backends); i++) {
		call.backend = backends[i];
		call.target = c->target;
		call.servername = c->servername;
		call.timeout = c->timeout;
		fetch(&runs[i], &call);
	}
	loopback_server_stop(&s);
	silent_stop(&q);
	if (c->cafile != NULL && strcmp(c->cafile, "@empty") == 0)
		(void)unlink(path);
	(void)rmdir(dir);

	ck_assert_msg(up, "%s: set-up failed", c->name);
	for (i = 0; i < N_OF(backends); i++) {
		char what[64];
		snprintf(what, sizeof what, "%s, %s", backends[i], c->name);
		if (c->want == EXIT_UNTRUSTED)
			expect_untrusted_text(&runs[i], what);
		else
			expect_failure_text(&runs[i], c->want, what);
		expect_in(&runs[i].err, c->says, what);
	}
	ck_assert_msg(strcmp(runs[0].err.p, runs[1].err.p) == 0,
	              "%s: the backends word it differently:\n%s%s", c->name,
	              runs[0].err.p, runs[1].err.p);
	for (i = 0; i < N_OF(backends); i++)
		run_free(&runs[i]);
}
END_TEST

/* ---- suite --------------------------------------------------------------- */

TEST_ROWS(test_usage_rows, test_usage, N_OF(usage_cases))

Suite *fetch_suite(void)
{
	Suite *s = suite_create("fetch");
	TCase *tc = tcase_create("stapled");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_stapled, 0,
	                    (int)(N_OF(backends) * N_OF(stapled_cases)));
	tcase_add_test(tc, test_json);
	tcase_add_loop_test(tc, test_revoked, 0, (int)N_OF(backends));
	tcase_add_loop_test(tc, test_leaf_only_chain, 0, (int)N_OF(backends));
	tcase_add_loop_test(tc, test_no_staple, 0, (int)N_OF(backends) * 2);
	suite_add_tcase(s, tc);
	tc = tcase_create("damaged");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_big, 0, (int)N_OF(big_cases));
	tcase_add_loop_test(tc, test_damaged, 0, (int)N_OF(damages));
	suite_add_tcase(s, tc);
	tc = tcase_create("errors");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_error, 0,
	                    (int)(N_OF(error_cases) * N_OF(backends)));
	tcase_add_loop_test(tc, test_same_words, 0, (int)N_OF(words_cases));
	suite_add_tcase(s, tc);
	tc = tcase_create("connection");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_connection, 0,
	                    (int)N_OF(connection_cases));
	tcase_add_test(tc, test_suite_names);
	tcase_add_loop_test(tc, test_insecure, 0,
	                    (int)(N_OF(untrusted_cases) * N_OF(backends)));
	suite_add_tcase(s, tc);
	tc = tcase_create("versions and targets");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_tls13_only);
	tcase_add_test(tc, test_usage_rows);
	tcase_add_test(tc, test_target_ok);
	suite_add_tcase(s, tc);
	tc = tcase_create("out");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_out_stale, 0, (int)N_OF(backends));
	tcase_add_loop_test(tc, test_out_stdout, 0, (int)N_OF(backends));
	suite_add_tcase(s, tc);
	return s;
}
