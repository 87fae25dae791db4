/*
 * test_loopback.c -- the loopback helpers (loopback.h) proved with OpenSSL
 * at both ends: s_server serves the TLS fixtures (tests/fixtures/tls/,
 * README "TLS fixtures"), the proxy rewrites its first flight, and
 * `openssl s_client -status -msg` says what arrived.
 *
 * -msg prints a line per record header and per handshake message the
 * client takes in, so a test counts the records that carried the flight
 * (up to ServerHelloDone) and the octets of its messages: PASS keeps
 * s_server's framing (at least a record per message), MERGE packs the
 * flight into ceil(octets / 16384) records, SPLIT into at least
 * octets / 7.  The damaging modes must make the handshake fail, each in
 * the way OpenSSL notices it.
 *
 * Every test starts its own server and proxy and stops them before it
 * asserts anything, so a failing assertion leaves no process behind.
 * Paths: fixtures from STAPLE_FIXTURES (tests.h), openssl from
 * STAPLE_OPENSSL (loopback.h).
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* fork, mkstemp, nanosleep */
#endif

#include "tests.h"
#include "loopback.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* How long one s_client may take before it is killed. */
#define CLIENT_MS 20000

/* ---- the servers and the modes ------------------------------------------ */

struct server_case {
	const char *name;
	const char *leaf;   /* tls/LEAF.pem, tls/LEAF.key */
	const char *staple; /* tls/STAPLE.der, s_server's -status_file */
	const char *cipher; /* s_server's -cipher: the key exchange */
	const char *status; /* s_client's "Cert Status: " */
};

#define ECDSA_GCM "ECDHE-ECDSA-AES128-GCM-SHA256"

static const struct server_case server_cases[] = {
	{"ecdsa", "leaf-ecdsa", "staple-ecdsa", ECDSA_GCM, "good"},
	{"rsa-ecdhe", "leaf-rsa", "staple-rsa", "ECDHE-RSA-AES128-GCM-SHA256",
	 "good"},
	/* RSA key exchange: no ServerKeyExchange in the flight. */
	{"rsa-kx", "leaf-rsa", "staple-rsa", "AES128-GCM-SHA256", "good"},
	{"revoked", "leaf-ecdsa", "staple-revoked", ECDSA_GCM, "revoked"},
	{"muststaple", "leaf-muststaple", "staple-muststaple", ECDSA_GCM,
	 "good"},
};

/* leaf-big: a Certificate message over 16,384 octets. */
static const struct server_case big_small = {
	"big", "leaf-big", "staple-big-small", ECDSA_GCM, "good"};
/* ... and a CertificateStatus over 16,384 octets too. */
static const struct server_case big_big = {
	"big-big", "leaf-big", "staple-big", ECDSA_GCM, "good"};

struct mode_case {
	enum loopback_proxy_mode mode;
	const char *name;
	/*
	 * NULL: the handshake succeeds.  Else what s_client's error line
	 * says.  TLS 1.2 with extended master secret (RFC 7627, on by
	 * default in OpenSSL) hashes the transcript into the master
	 * secret, so a changed or missing CertificateStatus gives the two
	 * sides different keys: the server cannot decrypt the client's
	 * Finished and answers bad_record_mac.  A missing CertificateStatus
	 * is no protocol error by itself (RFC 6066 8 lets a server that
	 * acknowledged status_request send none).  A CertificateStatus the
	 * ServerHello did not ask for is: unexpected_message, at once.
	 */
	const char *failure;
};

static const struct mode_case mode_cases[] = {
	{LOOPBACK_PROXY_PASS, "pass", NULL},
	{LOOPBACK_PROXY_MERGE, "merge", NULL},
	{LOOPBACK_PROXY_SPLIT, "split", NULL},
	{LOOPBACK_PROXY_TAMPER_STAPLE, "tamper-staple", "bad record mac"},
	{LOOPBACK_PROXY_DROP_STATUS, "drop-status", "bad record mac"},
	{LOOPBACK_PROXY_DROP_SH_EXT, "drop-sh-ext", "unexpected message"},
};

/* ---- running s_client ---------------------------------------------------- */

/* What one s_client run showed: facts copied out of its output. */
struct outcome {
	int ran;                /* 1: server, proxy and client all started */
	int status;             /* exit status, 128 + signal when killed */
	int ocsp_successful;    /* "OCSP Response Status: successful" */
	int no_staple;          /* "OCSP response: no response sent" */
	char cert_status[16];   /* after "Cert Status: " */
	char protocol[16];      /* TLSv1.2 of "New, TLSv1.2, Cipher is X" */
	char cipher[64];        /* X, "(NONE)" when the handshake failed */
	int verified;           /* "Verify return code: 0 (ok)" */
	int saw_certificate;    /* a whole Certificate message came */
	int saw_done;           /* a whole ServerHelloDone came */
	size_t records;         /* records in, up to ServerHelloDone */
	size_t messages;        /* handshake messages in, up to it */
	size_t octets;          /* their octets, 4-octet headers included */
	char error[256];        /* the first line with ":error:" */
};

static void fixture(char *out, size_t cap, const char *name,
                    const char *ext)
{
	int n = snprintf(out, cap, "%s/tls/%s%s", test_fixtures_dir(), name,
	                 ext);
	ck_assert(n > 0 && (size_t)n < cap);
}

/* The line at p, up to cap - 1 octets of it, in out; the next line. */
static const char *next_line(const char *p, char *out, size_t cap)
{
	size_t n = strcspn(p, "\n"), k = n < cap - 1 ? n : cap - 1;

	memcpy(out, p, k);
	out[k] = '\0';
	return p[n] == '\n' ? p + n + 1 : p + n;
}

/*
 * The facts of s_client's output.  -msg lines look like
 *   <<< TLS 1.2, RecordHeader [length 0005]
 *   <<< TLS 1.2, Handshake [length 0401], Certificate
 * Each line is looked at on its own (a copy, cut at 255 octets): the
 * output of a big flight runs to hundreds of KiB.
 */
static void parse_output(const char *text, struct outcome *o)
{
	char line[256];
	const char *p;

	while (*text != '\0') {
		int in;

		text = next_line(text, line, sizeof line);
		in = strncmp(line, "<<< ", 4) == 0 && !o->saw_done;
		if (in && strstr(line, ", RecordHeader [") != NULL)
			o->records++;
		if (in && (p = strstr(line, ", Handshake [length ")) != NULL) {
			unsigned long n = strtoul(p + 20, NULL, 16);
			o->messages++;
			o->octets += 4 + (size_t)n;
			p = strstr(p, "], ");
			if (p != NULL && strcmp(p + 3, "Certificate") == 0)
				o->saw_certificate = 1;
			if (p != NULL && strcmp(p + 3, "ServerHelloDone") == 0)
				o->saw_done = 1;
		}
		if (strncmp(line, "New, ", 5) == 0 &&
		    (p = strstr(line, ", Cipher is ")) != NULL) {
			size_t n = (size_t)(p - line) - 5;
			if (n >= sizeof o->protocol)
				n = sizeof o->protocol - 1;
			memcpy(o->protocol, line + 5, n);
			o->protocol[n] = '\0';
			snprintf(o->cipher, sizeof o->cipher, "%s", p + 12);
		}
		if ((p = strstr(line, "Cert Status: ")) != NULL &&
		    o->cert_status[0] == '\0')
			snprintf(o->cert_status, sizeof o->cert_status, "%s",
			         p + 13);
		if (strstr(line, ":error:") != NULL && o->error[0] == '\0')
			snprintf(o->error, sizeof o->error, "%s", line);
		if (strcmp(line, "OCSP response: no response sent") == 0)
			o->no_staple = 1;
		if (strstr(line, "OCSP Response Status: successful") != NULL)
			o->ocsp_successful = 1;
		if (strstr(line, "Verify return code: 0 (ok)") != NULL)
			o->verified = 1;
	}
}

/* All of fd from offset 0, NUL-terminated, malloc'd; NULL on failure. */
static char *read_all(int fd)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;

	for (;;) {
		ssize_t got;
		if (cap - len < 4096) {
			char *grown = realloc(buf, cap + 65536);
			if (grown == NULL) {
				free(buf);
				return NULL;
			}
			buf = grown;
			cap += 65536;
		}
		got = pread(fd, buf + len, cap - len - 1, (off_t)len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			free(buf);
			return NULL;
		}
		if (got == 0)
			break;
		len += (size_t)got;
	}
	buf[len] = '\0';
	return buf;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Run `openssl s_client -connect 127.0.0.1:port -status -msg -CAfile
 * root -verify_return_error -servername localhost`, with -tls1_2 when
 * tls12, stdin from /dev/null, into *o.  Returns 0, or -1 when it could
 * not be run (then o->error says why).  Asserts nothing: servers may be
 * running.
 */
static int run_client(int port, int tls12, const char *root,
                      struct outcome *o)
{
	const char *openssl = getenv("STAPLE_OPENSSL");
	const char *tmp = getenv("TMPDIR");
	char connect[32], path[4096];
	static const struct timespec tick = {0, 10000000L}; /* 10 ms */
	char *argv[16];
	char *text;
	size_t i, n;
	int fd, status = 0;
	long long deadline;
	pid_t pid = 0;

	if (openssl == NULL || openssl[0] == '\0')
		openssl = "openssl";
	snprintf(connect, sizeof connect, "127.0.0.1:%d", port);
	snprintf(path, sizeof path, "%s/loopback-client-XXXXXX",
	         tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
	fd = mkstemp(path);
	if (fd < 0) {
		snprintf(o->error, sizeof o->error, "mkstemp: %s",
		         strerror(errno));
		return -1;
	}
	(void)unlink(path); /* read through fd; nothing left on disk */

	/* execvp() wants char *const[]: copies, not casts. */
	i = 0;
	argv[i++] = strdup(openssl);
	argv[i++] = strdup("s_client");
	argv[i++] = strdup("-connect");
	argv[i++] = strdup(connect);
	if (tls12)
		argv[i++] = strdup("-tls1_2");
	argv[i++] = strdup("-status");
	argv[i++] = strdup("-msg");
	argv[i++] = strdup("-CAfile");
	argv[i++] = strdup(root);
	argv[i++] = strdup("-verify_return_error");
	argv[i++] = strdup("-servername");
	argv[i++] = strdup("localhost");
	argv[i] = NULL;
	for (n = 0; n < i; n++)
		if (argv[n] == NULL)
			pid = -1; /* out of memory */

	if (pid == 0)
		pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);
		if (null < 0 || dup2(null, 0) < 0 || dup2(fd, 1) < 0 ||
		    dup2(fd, 2) < 0)
			_exit(126);
		execvp(argv[0], argv);
		_exit(127);
	}
	while (i > 0)
		free(argv[--i]);
	if (pid < 0) {
		snprintf(o->error, sizeof o->error, "cannot run s_client: %s",
		         strerror(errno));
		close(fd);
		return -1;
	}
	deadline = now_ms() + CLIENT_MS;
	for (;;) {
		pid_t got = waitpid(pid, &status, WNOHANG);
		if (got == pid)
			break;
		if (got < 0 && errno != EINTR) {
			status = -1;
			break;
		}
		if (now_ms() >= deadline) {
			kill(pid, SIGKILL);
			while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
				continue;
			break;
		}
		nanosleep(&tick, NULL);
	}
	o->status = WIFEXITED(status)     ? WEXITSTATUS(status)
	            : WIFSIGNALED(status) ? 128 + WTERMSIG(status)
	                                  : -1;
	text = read_all(fd);
	close(fd);
	if (text == NULL) {
		snprintf(o->error, sizeof o->error, "cannot read the output");
		return -1;
	}
	parse_output(text, o);
	free(text);
	return 0;
}

/* ---- one server, one proxy, n clients ------------------------------------ */

/*
 * Start the server of c and a proxy in mode before it, run n clients
 * (into o[0..n)), stop both.  Returns 0, or -1 when something did not
 * start (then o[0].error says what, or the error of the client that
 * could not run).  Asserts nothing until everything is stopped, so a
 * failure leaves no process behind.
 */
static int run(const struct server_case *c, enum loopback_proxy_mode mode,
               unsigned seed, int tls12, struct outcome *o, size_t n)
{
	char cert[4096], key[4096], chain[4096], staple[4096], root[4096];
	const char *args[11];
	struct loopback_server s;
	struct loopback_proxy p;
	size_t i;
	int r = -1;

	memset(o, 0, n * sizeof *o);
	fixture(cert, sizeof cert, c->leaf, ".pem");
	fixture(key, sizeof key, c->leaf, ".key");
	fixture(chain, sizeof chain, "int", ".pem");
	fixture(staple, sizeof staple, c->staple, ".der");
	fixture(root, sizeof root, "root", ".pem");
	args[0] = "-cert";
	args[1] = cert;
	args[2] = "-key";
	args[3] = key;
	args[4] = "-cert_chain";
	args[5] = chain;
	args[6] = "-status_file";
	args[7] = staple;
	args[8] = "-cipher";
	args[9] = c->cipher;
	args[10] = NULL;

	if (loopback_server_start(&s, args) != 0) {
		snprintf(o[0].error, sizeof o[0].error, "s_server did not "
		         "start (see stderr)");
		return -1;
	}
	if (loopback_proxy_start(&p, s.port, mode, seed) != 0) {
		snprintf(o[0].error, sizeof o[0].error, "the proxy did not "
		         "start (see stderr)");
		loopback_server_stop(&s);
		return -1;
	}
	for (i = 0; i < n; i++) {
		r = run_client(p.port, tls12, root, &o[i]);
		if (r != 0)
			break;
		o[i].ran = 1;
	}
	loopback_proxy_stop(&p);
	loopback_server_stop(&s);
	return r;
}

/* ---- the checks ---------------------------------------------------------- */

/* Records: whatever the mode, the flight's framing must be as it says. */
static void check_framing(const struct outcome *o,
                          enum loopback_proxy_mode mode, const char *what)
{
	ck_assert_msg(o->saw_done && o->messages >= 3,
	              "%s: no whole flight came (%zu messages)", what,
	              o->messages);
	switch (mode) {
	case LOOPBACK_PROXY_PASS:
		/* s_server writes a record (or more) per message */
		ck_assert_msg(o->records >= o->messages,
		              "%s: %zu records for %zu messages", what,
		              o->records, o->messages);
		break;
	case LOOPBACK_PROXY_SPLIT:
		ck_assert_msg(o->records >= (o->octets + 6) / 7,
		              "%s: %zu records for %zu octets", what,
		              o->records, o->octets);
		break;
	default:
		/*
		 * MERGE, and the damaging modes, which reframe alike; a
		 * dropped message is not counted, it did not come.
		 */
		ck_assert_msg(o->records == (o->octets + 16383) / 16384,
		              "%s: %zu records for %zu octets", what,
		              o->records, o->octets);
		break;
	}
}

static void check_success(const struct outcome *o,
                          const struct server_case *c, const char *what)
{
	ck_assert_msg(o->status == 0, "%s: s_client exit %d: %s", what,
	              o->status, o->error);
	ck_assert_msg(strcmp(o->protocol, "TLSv1.2") == 0, "%s: %s", what,
	              o->protocol);
	ck_assert_msg(strcmp(o->cipher, c->cipher) == 0,
	              "%s: cipher %s, not %s", what, o->cipher, c->cipher);
	ck_assert_msg(o->verified, "%s: chain did not verify", what);
	ck_assert_msg(o->ocsp_successful, "%s: no staple shown", what);
	ck_assert_msg(strcmp(o->cert_status, c->status) == 0,
	              "%s: Cert Status %s, not %s", what, o->cert_status,
	              c->status);
}

/* Each server case through each mode: _i = case * modes + mode. */
START_TEST(test_mode)
{
	const struct server_case *c = &server_cases[(size_t)_i /
	                                            N_OF(mode_cases)];
	const struct mode_case *m = &mode_cases[(size_t)_i % N_OF(mode_cases)];
	struct outcome o;
	char what[64];

	snprintf(what, sizeof what, "%s through %s", c->name, m->name);
	ck_assert_msg(run(c, m->mode, (unsigned)_i + 1, 1, &o, 1) == 0,
	              "%s: %s", what, o.error);
	if (m->failure == NULL) {
		check_success(&o, c, what);
		check_framing(&o, m->mode, what);
		return;
	}
	ck_assert_msg(o.status != 0, "%s: the handshake succeeded", what);
	ck_assert_msg(strstr(o.error, m->failure) != NULL,
	              "%s: error \"%s\", not \"%s\"", what, o.error,
	              m->failure);
	switch (m->mode) {
	case LOOPBACK_PROXY_TAMPER_STAPLE:
		/* the DER still parses: only the keys tell */
		ck_assert_str_eq(o.protocol, "TLSv1.2");
		ck_assert_msg(o.ocsp_successful, "%s: no staple shown", what);
		check_framing(&o, m->mode, what);
		break;
	case LOOPBACK_PROXY_DROP_STATUS:
		ck_assert_str_eq(o.protocol, "TLSv1.2");
		ck_assert_msg(o.no_staple && !o.ocsp_successful,
		              "%s: a staple came", what);
		check_framing(&o, m->mode, what);
		break;
	default:
		/* refused at the CertificateStatus: no ServerHelloDone */
		ck_assert_msg(!o.saw_done, "%s: the flight was taken", what);
		ck_assert_str_eq(o.cipher, "(NONE)");
		break;
	}
}
END_TEST

/* A Certificate message over 16,384 octets, in every framing. */
START_TEST(test_big_certificate)
{
	static const enum loopback_proxy_mode modes[] = {
		LOOPBACK_PROXY_PASS, LOOPBACK_PROXY_MERGE,
		LOOPBACK_PROXY_SPLIT};
	enum loopback_proxy_mode mode = modes[_i];
	struct outcome o;
	char what[64];

	snprintf(what, sizeof what, "leaf-big through %s",
	         mode == LOOPBACK_PROXY_PASS    ? "pass"
	         : mode == LOOPBACK_PROXY_MERGE ? "merge"
	                                        : "split");
	ck_assert_msg(run(&big_small, mode, 99, 1, &o, 1) == 0, "%s: %s",
	              what, o.error);
	check_success(&o, &big_small, what);
	check_framing(&o, mode, what);
	ck_assert_msg(o.octets > 16384, "%s: flight of %zu octets", what,
	              o.octets);
}
END_TEST

/*
 * A CertificateStatus over 16,384 octets: the server sends it, OpenSSL's
 * client refuses it (statem_clnt.c caps that message at
 * SSL3_RT_MAX_PLAIN_LENGTH) after it has taken the big Certificate, also
 * from 1..7-octet records.  A client that takes staple-big must do
 * better than this.
 */
START_TEST(test_big_staple_refused_by_openssl)
{
	enum loopback_proxy_mode mode =
		_i == 0 ? LOOPBACK_PROXY_PASS : LOOPBACK_PROXY_SPLIT;
	struct outcome o;

	ck_assert_msg(run(&big_big, mode, 5, 1, &o, 1) == 0, "%s", o.error);
	ck_assert_int_ne(o.status, 0);
	ck_assert_msg(strstr(o.error, "excessive message size") != NULL,
	              "error \"%s\"", o.error);
	ck_assert_msg(o.saw_certificate, "the Certificate did not come");
	ck_assert(!o.saw_done);
}
END_TEST

/* One server and one proxy serve connection after connection. */
START_TEST(test_several_connections)
{
	struct outcome o[3];
	size_t i;

	ck_assert_msg(run(&server_cases[0], LOOPBACK_PROXY_SPLIT, 3, 1, o,
	                  N_OF(o)) == 0,
	              "%s", o[0].error);
	for (i = 0; i < N_OF(o); i++) {
		ck_assert_msg(o[i].ran, "client %zu did not run", i);
		check_success(&o[i], &server_cases[0], "again");
		check_framing(&o[i], LOOPBACK_PROXY_SPLIT, "again");
	}
}
END_TEST

/*
 * TLS 1.3: ServerHello, then ChangeCipherSpec (RFC 8446 D.4), then
 * encrypted records.  SPLIT cuts the ServerHello alone and relays the
 * rest; the staple travels inside the encrypted Certificate.
 */
START_TEST(test_tls13_split_server_hello)
{
	struct outcome o;

	ck_assert_msg(run(&server_cases[0], LOOPBACK_PROXY_SPLIT, 4, 0, &o,
	                  1) == 0,
	              "%s", o.error);
	ck_assert_msg(o.status == 0, "s_client exit %d: %s", o.status,
	              o.error);
	ck_assert_str_eq(o.protocol, "TLSv1.3");
	ck_assert(o.verified);
	ck_assert(o.ocsp_successful);
	ck_assert_str_eq(o.cert_status, "good");
}
END_TEST

/* Start and stop leave nothing; bad arguments are refused. */
START_TEST(test_start_stop)
{
	static const char *const bad[] = {"-no-such-option", NULL};
	struct loopback_server s;
	struct loopback_proxy p;
	int port = loopback_free_port(), started, proxied;

	ck_assert_int_gt(port, 0);
	started = loopback_server_start(&s, bad);
	ck_assert_int_eq(started, -1);
	ck_assert_int_eq(s.pid, -1);
	ck_assert_int_eq(s.stdin_fd, -1);
	ck_assert_int_eq(s.out_fd, -1);
	loopback_server_stop(&s); /* twice is harmless */
	ck_assert_int_eq(loopback_proxy_start(&p, 0, LOOPBACK_PROXY_PASS, 0),
	                 -1);
	proxied = loopback_proxy_start(&p, port, LOOPBACK_PROXY_PASS, 0);
	loopback_proxy_stop(&p);
	loopback_proxy_stop(&p);
	ck_assert_int_eq(proxied, 0);
	ck_assert_int_eq(p.pid, -1);
}
END_TEST

Suite *loopback_suite(void)
{
	Suite *s = suite_create("loopback");
	TCase *tc = tcase_create("modes");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_mode, 0,
	                    (int)(N_OF(server_cases) * N_OF(mode_cases)));
	suite_add_tcase(s, tc);
	tc = tcase_create("big");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_big_certificate, 0, 3);
	tcase_add_loop_test(tc, test_big_staple_refused_by_openssl, 0, 2);
	suite_add_tcase(s, tc);
	tc = tcase_create("processes");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_several_connections);
	tcase_add_test(tc, test_tls13_split_server_hello);
	tcase_add_test(tc, test_start_stop);
	suite_add_tcase(s, tc);
	return s;
}
