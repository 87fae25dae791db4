/*
 * loopback.c -- openssl s_server on 127.0.0.1 and a flight-rewriting
 * proxy in front of it, for the tests.  See loopback.h.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* fork, mkstemp, pread, nanosleep */
#endif

#include "loopback.h"
#include "net.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>

/* TLS record layer (RFC 5246 6.2.1) and handshake types (7.4). */
#define REC_HEADER 5
#define REC_MAX 16384u          /* TLSPlaintext.length: at most 2^14 */
#define REC_CIPHERTEXT_MAX (REC_MAX + 2048u) /* TLSCiphertext (6.2.3) */
#define REC_CHANGE_CIPHER_SPEC 20
#define REC_HANDSHAKE 22
#define REC_APPLICATION_DATA 23
#define HS_HEADER 4             /* msg_type, uint24 length */
#define HS_SERVER_HELLO 2
#define HS_SERVER_HELLO_DONE 14
#define HS_CERTIFICATE_STATUS 22
#define EXT_STATUS_REQUEST 5    /* RFC 6066 8 */

/* SPLIT's record payloads: 1 to this many octets. */
#define SPLIT_MAX 7

/* How long stop waits after SIGTERM before SIGKILL. */
#define STOP_GRACE_MS 2000

/* Exit statuses of the proxy child. */
#define PROXY_EXIT_SYSTEM 2
#define PROXY_EXIT_FLIGHT 3

/* ---- time and processes ------------------------------------------------ */

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		continue;
}

/*
 * SIGTERM, then SIGKILL if the process is still there after
 * STOP_GRACE_MS, and reap it.  A pid that is not our child (already
 * reaped) is left alone.
 */
static void terminate(pid_t pid)
{
	long long deadline;

	if (pid <= 0)
		return;
	if (kill(pid, SIGTERM) != 0 && errno == ESRCH) {
		(void)waitpid(pid, NULL, WNOHANG);
		return;
	}
	deadline = now_ms() + STOP_GRACE_MS;
	while (now_ms() < deadline) {
		pid_t got = waitpid(pid, NULL, WNOHANG);
		if (got == pid || (got < 0 && errno != EINTR))
			return;
		sleep_ms(10);
	}
	(void)kill(pid, SIGKILL);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		continue;
}

/*
 * fork(), with a child that does not run the caller's signal handlers:
 * Check's SIGTERM handler kills the whole process group, the test
 * included, and stop must end the child alone.  Every signal stays
 * blocked across the fork, so one sent at once waits until the child
 * has its default handlers back.
 */
static pid_t fork_plain(void)
{
	sigset_t all, old, none;
	pid_t pid;

	sigfillset(&all);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &all, &old);
	pid = fork();
	if (pid == 0) {
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGALRM, SIG_DFL);
		sigprocmask(SIG_SETMASK, &none, NULL);
		return 0;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return pid;
}

static void set_cloexec(int fd)
{
	int flags = fcntl(fd, F_GETFD);
	if (flags >= 0)
		(void)fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
}

/* ---- the atexit() clean-up --------------------------------------------- */

/*
 * What a test that never reached its stop calls leaves behind when the
 * process exits: with CK_FORK=no a failed assertion jumps out of the
 * test, and the runner ends much later.  (Forked tests end in _exit(),
 * and Check kills their process group.)  Copies, not pointers to the
 * callers' structs, which may be gone by then.
 */
struct live {
	pid_t pid;          /* 0: free slot */
	int fds[2];         /* to close, or -1 */
};

static struct live live[LOOPBACK_MAX_LIVE];
static int live_registered;

static void live_cleanup(void)
{
	size_t i;

	for (i = 0; i < LOOPBACK_MAX_LIVE; i++) {
		if (live[i].pid == 0)
			continue;
		terminate(live[i].pid);
		if (live[i].fds[0] >= 0)
			close(live[i].fds[0]);
		if (live[i].fds[1] >= 0)
			close(live[i].fds[1]);
		live[i].pid = 0;
	}
}

/* Remember pid; -1 when the list is full (the caller stops it again). */
static int live_add(pid_t pid, int fd0, int fd1)
{
	size_t i;

	if (!live_registered) {
		if (atexit(live_cleanup) != 0)
			return -1;
		live_registered = 1;
	}
	for (i = 0; i < LOOPBACK_MAX_LIVE; i++) {
		if (live[i].pid != 0)
			continue;
		live[i].pid = pid;
		live[i].fds[0] = fd0;
		live[i].fds[1] = fd1;
		return 0;
	}
	fprintf(stderr, "loopback: more than %d servers and proxies\n",
	        LOOPBACK_MAX_LIVE);
	return -1;
}

static void live_remove(pid_t pid)
{
	size_t i;

	for (i = 0; i < LOOPBACK_MAX_LIVE; i++)
		if (live[i].pid == pid)
			live[i].pid = 0;
}

/* ---- servers ----------------------------------------------------------- */

static const char *openssl_program(void)
{
	const char *v = getenv("STAPLE_OPENSSL");
	return v != NULL && v[0] != '\0' ? v : "openssl";
}

static void server_reset(struct loopback_server *s)
{
	s->pid = -1;
	s->port = 0;
	s->stdin_fd = -1;
	s->out_fd = -1;
}

/*
 * The port of the first complete "ACCEPT host:port" line of out, 0 while
 * there is none.  s_server prints the address it bound: 127.0.0.1:PORT
 * here, [::]:PORT when it listens on every address.
 */
static int accept_port(const char *out)
{
	const char *line = out;

	while (line != NULL && *line != '\0') {
		const char *end = strchr(line, '\n');
		if (end == NULL)
			return 0; /* the line is still being written */
		if (strncmp(line, "ACCEPT ", 7) == 0) {
			const char *colon = NULL, *q;
			long port = 0;
			for (q = line; q < end; q++)
				if (*q == ':')
					colon = q;
			if (colon == NULL || colon + 1 == end)
				return -1;
			for (q = colon + 1; q < end && *q != '\r'; q++) {
				if (*q < '0' || *q > '9' || port > 65535)
					return -1;
				port = port * 10 + (*q - '0');
			}
			return port > 0 && port <= 65535 ? (int)port : -1;
		}
		line = end + 1;
	}
	return 0;
}

/* The server's output so far, NUL-terminated, at most cap - 1 octets. */
static void read_output(int fd, char *buf, size_t cap)
{
	size_t n = 0;

	while (n + 1 < cap) {
		ssize_t got = pread(fd, buf + n, cap - 1 - n, (off_t)n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		n += (size_t)got;
	}
	buf[n] = '\0';
}

/* see loopback.h */
void loopback_server_output(const struct loopback_server *s, char *buf,
                            size_t cap)
{
	if (buf == NULL || cap == 0)
		return;
	buf[0] = '\0';
	if (s != NULL && s->out_fd >= 0)
		read_output(s->out_fd, buf, cap);
}

/* Child side: stdin from the pipe, stdout and stderr to the file. */
static void server_exec(int in, int out, char *const argv[])
{
	if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
		_exit(126);
	if (in > 2)
		close(in);
	if (out > 2)
		close(out);
	execvp(argv[0], argv);
	fprintf(stderr, "loopback: cannot run %s: %s\n", argv[0],
	        strerror(errno));
	_exit(127);
}

/* see loopback.h */
int loopback_server_start(struct loopback_server *s,
                          const char *const *args)
{
	/* "openssl s_server -accept 127.0.0.1:0" args... NULL */
	char *argv[4 + LOOPBACK_MAX_ARGS + 1];
	char out[4096];
	char path[4096];
	const char *tmp = getenv("TMPDIR");
	const char *why = NULL;
	size_t n_args = 0, i;
	int in[2] = {-1, -1}, port = 0;
	long long deadline;
	pid_t pid;

	if (s == NULL)
		return -1;
	server_reset(s);
	if (args == NULL)
		return -1;
	while (args[n_args] != NULL)
		if (++n_args > LOOPBACK_MAX_ARGS) {
			fprintf(stderr, "loopback: more than %d s_server "
			        "arguments\n", LOOPBACK_MAX_ARGS);
			return -1;
		}

	/* execvp() wants char *const[]: copies, not casts. */
	memset(argv, 0, sizeof argv);
	argv[0] = strdup(openssl_program());
	argv[1] = strdup("s_server");
	argv[2] = strdup("-accept");
	argv[3] = strdup("127.0.0.1:0");
	for (i = 0; i < n_args; i++)
		argv[4 + i] = strdup(args[i]);
	for (i = 0; i < 4 + n_args; i++)
		if (argv[i] == NULL)
			why = "out of memory";

	if (why == NULL) {
		/*
		 * Removed at once: the server and this process share the
		 * open file, and nothing is left on disk however the test
		 * ends (Check's _exit() on a failed assertion skips stop).
		 */
		snprintf(path, sizeof path, "%s/loopback-server-XXXXXX",
		         tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
		s->out_fd = mkstemp(path);
		if (s->out_fd < 0)
			why = "mkstemp";
		else
			(void)unlink(path);
	}
	if (why == NULL && pipe(in) != 0)
		why = "pipe";
	if (why == NULL) {
		/*
		 * Only s_server may hold these, not the clients a test
		 * execs: one holding the write end would keep the server's
		 * stdin open.
		 */
		set_cloexec(in[1]);
		set_cloexec(s->out_fd);
		pid = fork_plain();
		if (pid == 0) {
			close(in[1]);
			server_exec(in[0], s->out_fd, argv);
		}
		if (pid < 0)
			why = "fork";
		else
			s->pid = pid;
	}
	for (i = 0; i < 4 + n_args; i++)
		free(argv[i]);
	if (in[0] >= 0)
		close(in[0]);
	s->stdin_fd = in[1];
	if (why != NULL) {
		fprintf(stderr, "loopback: s_server: %s: %s\n", why,
		        strerror(errno));
		loopback_server_stop(s);
		return -1;
	}

	/*
	 * The output goes to a file, so nothing has to keep reading it;
	 * read it again from the start until the ACCEPT line is whole.
	 */
	deadline = now_ms() + LOOPBACK_START_MS;
	for (;;) {
		pid_t got;
		read_output(s->out_fd, out, sizeof out);
		port = accept_port(out);
		if (port != 0)
			break;
		got = waitpid(s->pid, NULL, WNOHANG);
		if (got == s->pid) {
			s->pid = -1;
			why = "exited before accepting";
			break;
		}
		if (now_ms() >= deadline) {
			why = "no ACCEPT line in time";
			break;
		}
		sleep_ms(20);
	}
	if (port < 0)
		why = "cannot read the port of its ACCEPT line";
	if (why == NULL && live_add(s->pid, s->stdin_fd, s->out_fd) != 0)
		why = "too many";
	if (why != NULL) {
		fprintf(stderr, "loopback: s_server: %s; its output:\n%s\n",
		        why, out);
		loopback_server_stop(s);
		return -1;
	}
	s->port = port;
	return 0;
}

/* see loopback.h */
void loopback_server_stop(struct loopback_server *s)
{
	if (s == NULL)
		return;
	if (s->pid > 0) {
		live_remove(s->pid);
		terminate(s->pid);
	}
	if (s->stdin_fd >= 0)
		close(s->stdin_fd);
	if (s->out_fd >= 0)
		close(s->out_fd);
	server_reset(s);
}

/* ---- the proxy: output ------------------------------------------------- */

/* Every octet, or -1 (the peer is gone). */
static int send_all(int fd, const uint8_t *p, size_t n)
{
	while (n > 0) {
		ssize_t got = send(fd, p, n, MSG_NOSIGNAL);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		p += got;
		n -= (size_t)got;
	}
	return 0;
}

/* Records staged for the client: SPLIT makes thousands of tiny ones. */
struct out {
	int fd;
	size_t len;
	uint8_t buf[2 * (REC_HEADER + REC_MAX)];
};

static int out_flush(struct out *o)
{
	int r = send_all(o->fd, o->buf, o->len);
	o->len = 0;
	return r;
}

static int out_record(struct out *o, uint8_t type, const uint8_t version[2],
                      const uint8_t *p, size_t n)
{
	if (o->len + REC_HEADER + n > sizeof o->buf && out_flush(o) != 0)
		return -1;
	o->buf[o->len] = type;
	o->buf[o->len + 1] = version[0];
	o->buf[o->len + 2] = version[1];
	o->buf[o->len + 3] = (uint8_t)(n >> 8);
	o->buf[o->len + 4] = (uint8_t)n;
	memcpy(o->buf + o->len + REC_HEADER, p, n);
	o->len += REC_HEADER + n;
	return 0;
}

/* ---- the proxy: one connection ----------------------------------------- */

struct conn {
	int client, server;
	enum loopback_proxy_mode mode;
	uint32_t rng;           /* SPLIT's lengths */
	int relaying;           /* the flight is out: bytes pass as read */
	uint8_t version[2];     /* of the server's first record */
	/*
	 * The server's bytes while the flight is gathered: the records
	 * in [0, parsed) examined, then whatever has come of the next.
	 */
	uint8_t *held;
	size_t held_len, parsed;
	/* The handshake records' payloads: the flight's messages. */
	uint8_t *flight;
	size_t flight_len, scanned; /* messages before scanned are whole */
	uint8_t *msgs;          /* the flight as the mode rewrites it */
	struct out out;
};

/* Capacity of held: the flight plus its record headers, generously. */
#define HELD_MAX (2 * LOOPBACK_FLIGHT_MAX)

static uint32_t get24(const uint8_t *p)
{
	return (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
}

static void put24(uint8_t *p, size_t v)
{
	p[0] = (uint8_t)(v >> 16);
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)v;
}

/* 1..SPLIT_MAX from a 32-bit LCG (Numerical Recipes' constants). */
static size_t split_len(struct conn *c)
{
	c->rng = c->rng * 1664525u + 1013904223u;
	return 1 + (size_t)(c->rng >> 16) % SPLIT_MAX;
}

/*
 * ServerHello (RFC 5246 7.4.1.3) without status_request: body is the
 * message body, out receives the new one.  Returns its length, or 0 when
 * there is no such extension (out then unused).
 *
 *   struct {
 *       ProtocolVersion server_version;
 *       Random random;                       -- 32 octets
 *       SessionID session_id;                -- <0..32>
 *       CipherSuite cipher_suite;
 *       CompressionMethod compression_method;
 *       select (extensions_present) {
 *           case true: Extension extensions<0..2^16-1>;
 *       };
 *   } ServerHello;
 */
static size_t server_hello_drop_status(const uint8_t *body, size_t len,
                                       uint8_t *out)
{
	size_t off = 2 + 32, ext_start, ext_len, e, o;
	int dropped = 0;

	if (len < off + 1)
		return 0;
	off += 1 + body[off];           /* session_id */
	off += 2 + 1;                   /* cipher_suite, compression */
	if (len < off + 2)
		return 0;
	ext_len = (size_t)body[off] << 8 | body[off + 1];
	ext_start = off + 2;
	if (ext_start + ext_len != len)
		return 0;
	memcpy(out, body, ext_start);
	o = ext_start;
	for (e = ext_start; e + 4 <= len;) {
		size_t type = (size_t)body[e] << 8 | body[e + 1];
		size_t n = 4 + ((size_t)body[e + 2] << 8 | body[e + 3]);
		if (e + n > len)
			return 0;
		if (type == EXT_STATUS_REQUEST) {
			dropped = 1;
		} else {
			memcpy(out + o, body + e, n);
			o += n;
		}
		e += n;
	}
	if (!dropped || e != len)
		return 0;
	out[off] = (uint8_t)((o - ext_start) >> 8);
	out[off + 1] = (uint8_t)(o - ext_start);
	return o;
}

/*
 * The flight as the mode wants it, into c->msgs; returns its length.
 * A trailing partial message (a flight cut short by CCS) is kept as is.
 */
static size_t rewrite_flight(struct conn *c)
{
	const uint8_t *f = c->flight;
	size_t off = 0, o = 0;
	int found = 0;

	while (off + HS_HEADER <= c->flight_len) {
		uint8_t type = f[off];
		size_t len = get24(f + off + 1);
		const uint8_t *body = f + off + HS_HEADER;
		if (off + HS_HEADER + len > c->flight_len)
			break;
		off += HS_HEADER + len;
		if (c->mode == LOOPBACK_PROXY_DROP_STATUS &&
		    type == HS_CERTIFICATE_STATUS) {
			found = 1;
			continue;
		}
		if (c->mode == LOOPBACK_PROXY_DROP_SH_EXT &&
		    type == HS_SERVER_HELLO) {
			size_t n = server_hello_drop_status(
				body, len, c->msgs + o + HS_HEADER);
			if (n > 0) {
				c->msgs[o] = type;
				put24(c->msgs + o + 1, n);
				o += HS_HEADER + n;
				found = 1;
				continue;
			}
		}
		memcpy(c->msgs + o, f + off - HS_HEADER - len,
		       HS_HEADER + len);
		/*
		 * CertificateStatus (RFC 6066 8): status_type ocsp (1),
		 * then opaque OCSPResponse<1..2^24-1>.  Its last octet is
		 * the end of the signature BIT STRING: the DER still
		 * parses, only the signature (and the transcript) differ.
		 */
		if (c->mode == LOOPBACK_PROXY_TAMPER_STAPLE &&
		    type == HS_CERTIFICATE_STATUS && len > 4 &&
		    body[0] == 1 && get24(body + 1) == len - 4) {
			c->msgs[o + HS_HEADER + len - 1] ^= 0x01;
			found = 1;
		}
		o += HS_HEADER + len;
	}
	memcpy(c->msgs + o, f + off, c->flight_len - off);
	o += c->flight_len - off;
	if (!found && (c->mode == LOOPBACK_PROXY_TAMPER_STAPLE ||
	               c->mode == LOOPBACK_PROXY_DROP_STATUS ||
	               c->mode == LOOPBACK_PROXY_DROP_SH_EXT))
		fprintf(stderr, "loopback proxy: nothing to change in the "
		        "flight (mode %d); sent as it came\n", (int)c->mode);
	return o;
}

/*
 * Send records [0, upto) of held as the mode says, then the rest of held
 * unchanged, and relay from now on.
 */
static int release(struct conn *c, size_t upto, int rewrite)
{
	c->relaying = 1;
	c->out.len = 0;
	if (rewrite && c->mode != LOOPBACK_PROXY_PASS && c->flight_len > 0) {
		size_t n = rewrite_flight(c), off = 0;
		while (off < n) {
			size_t chunk = c->mode == LOOPBACK_PROXY_SPLIT ?
			                       split_len(c) : REC_MAX;
			if (chunk > n - off)
				chunk = n - off;
			if (out_record(&c->out, REC_HANDSHAKE, c->version,
			               c->msgs + off, chunk) != 0)
				return -1;
			off += chunk;
		}
		if (out_flush(&c->out) != 0)
			return -1;
	} else if (send_all(c->client, c->held, upto) != 0) {
		return -1;
	}
	return send_all(c->client, c->held + upto, c->held_len - upto);
}

/* Does the flight hold a whole ServerHelloDone yet? */
static int flight_done(struct conn *c)
{
	while (c->scanned + HS_HEADER <= c->flight_len) {
		size_t len = get24(c->flight + c->scanned + 1);
		if (c->scanned + HS_HEADER + len > c->flight_len)
			return 0;
		if (c->flight[c->scanned] == HS_SERVER_HELLO_DONE)
			return 1;
		c->scanned += HS_HEADER + len;
	}
	return 0;
}

/*
 * Take the whole records that have come into held.  Returns -1 when the
 * client is gone, else 0 (c->relaying says whether the flight is out).
 */
static int gather(struct conn *c)
{
	while (!c->relaying && c->held_len - c->parsed >= REC_HEADER) {
		const uint8_t *h = c->held + c->parsed;
		size_t len = (size_t)h[3] << 8 | h[4];
		if (c->parsed == 0)
			memcpy(c->version, h + 1, 2);
		if (h[0] < REC_CHANGE_CIPHER_SPEC ||
		    h[0] > REC_APPLICATION_DATA || len > REC_CIPHERTEXT_MAX)
			return release(c, c->held_len, 0); /* not TLS */
		if (c->held_len - c->parsed < REC_HEADER + len)
			return 0;
		if (h[0] == REC_CHANGE_CIPHER_SPEC)
			return release(c, c->parsed, 1); /* resumed */
		if (h[0] != REC_HANDSHAKE)
			return release(c, c->held_len, 0); /* an alert */
		if (c->flight_len + len > LOOPBACK_FLIGHT_MAX) {
			fprintf(stderr, "loopback proxy: flight over %u "
			        "octets\n", LOOPBACK_FLIGHT_MAX);
			_exit(PROXY_EXIT_FLIGHT);
		}
		memcpy(c->flight + c->flight_len, h + REC_HEADER, len);
		c->flight_len += len;
		c->parsed += REC_HEADER + len;
		if (flight_done(c))
			return release(c, c->parsed, 1);
	}
	return 0;
}

/* Relay one connection to its end (both sides closed, an error, idle). */
static void serve(struct conn *c)
{
	uint8_t buf[16384];
	int client_eof = 0, server_eof = 0;

	c->relaying = 0;
	c->held_len = c->parsed = c->flight_len = c->scanned = 0;
	c->out.fd = c->client;
	while (!client_eof || !server_eof) {
		struct pollfd fds[2];
		int n;

		fds[0].fd = client_eof ? -1 : c->client;
		fds[1].fd = server_eof ? -1 : c->server;
		fds[0].events = fds[1].events = POLLIN;
		fds[0].revents = fds[1].revents = 0;
		n = poll(fds, 2, LOOPBACK_PROXY_IDLE_MS);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		if (fds[0].revents != 0) {
			ssize_t got = recv(c->client, buf, sizeof buf, 0);
			if (got < 0 && errno == EINTR)
				continue;
			if (got < 0)
				return;
			if (got == 0) {
				client_eof = 1;
				(void)shutdown(c->server, SHUT_WR);
			} else if (send_all(c->server, buf, (size_t)got) != 0) {
				return;
			}
		}
		if (fds[1].revents != 0) {
			ssize_t got;
			if (c->relaying) {
				got = recv(c->server, buf, sizeof buf, 0);
			} else {
				if (c->held_len == HELD_MAX) {
					fprintf(stderr, "loopback proxy: "
					        "over %u octets before the "
					        "flight ended\n", HELD_MAX);
					_exit(PROXY_EXIT_FLIGHT);
				}
				got = recv(c->server, c->held + c->held_len,
				           HELD_MAX - c->held_len, 0);
			}
			if (got < 0 && errno == EINTR)
				continue;
			if (got < 0)
				return;
			if (got == 0) {
				if (!c->relaying &&
				    release(c, c->held_len, 0) != 0)
					return;
				server_eof = 1;
				(void)shutdown(c->client, SHUT_WR);
			} else if (c->relaying) {
				if (send_all(c->client, buf, (size_t)got) != 0)
					return;
			} else {
				c->held_len += (size_t)got;
				if (gather(c) != 0)
					return;
			}
		}
	}
}

static int connect_upstream(int port)
{
	struct sockaddr_in sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		return -1;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* The proxy child: accept, relay, repeat; never returns. */
static void proxy_main(int listen_fd, int upstream_port,
                       enum loopback_proxy_mode mode, unsigned seed)
{
	struct conn *c = malloc(sizeof *c);

	signal(SIGPIPE, SIG_IGN); /* a client gone mid-send: EPIPE */
	if (c != NULL) {
		c->held = malloc(HELD_MAX);
		c->flight = malloc(LOOPBACK_FLIGHT_MAX);
		c->msgs = malloc(LOOPBACK_FLIGHT_MAX);
	}
	if (c == NULL || c->held == NULL || c->flight == NULL ||
	    c->msgs == NULL) {
		fprintf(stderr, "loopback proxy: out of memory\n");
		_exit(PROXY_EXIT_SYSTEM);
	}
	c->mode = mode;
	for (;;) {
		/* Each connection from the seed: a rerun is the same. */
		c->rng = seed;
		c->client = accept(listen_fd, NULL, NULL);
		if (c->client < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			fprintf(stderr, "loopback proxy: accept: %s\n",
			        strerror(errno));
			_exit(PROXY_EXIT_SYSTEM);
		}
		c->server = connect_upstream(upstream_port);
		if (c->server < 0) {
			fprintf(stderr, "loopback proxy: connect to port %d: "
			        "%s\n", upstream_port, strerror(errno));
			close(c->client);
			continue;
		}
		serve(c);
		close(c->client);
		close(c->server);
	}
}

/* A listening socket on 127.0.0.1:0 and its port, or -1. */
static int listen_loopback(int *port)
{
	struct sockaddr_in sa;
	socklen_t sa_len = sizeof sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		return -1;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = 0;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 ||
	    listen(fd, 16) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &sa_len) != 0) {
		close(fd);
		return -1;
	}
	*port = ntohs(sa.sin_port);
	return fd;
}

/* see loopback.h */
int loopback_proxy_start(struct loopback_proxy *p, int upstream_port,
                         enum loopback_proxy_mode mode, unsigned seed)
{
	int fd, port = 0;
	pid_t pid;

	if (p == NULL)
		return -1;
	p->pid = -1;
	p->port = 0;
	if (upstream_port <= 0 || upstream_port > 65535)
		return -1;
	/*
	 * Listening before the fork: the port is known at once and a
	 * client that connects before the child runs waits in the
	 * backlog instead of being refused.
	 */
	fd = listen_loopback(&port);
	if (fd < 0) {
		fprintf(stderr, "loopback: proxy socket: %s\n",
		        strerror(errno));
		return -1;
	}
	set_cloexec(fd);
	pid = fork_plain();
	if (pid == 0) {
		proxy_main(fd, upstream_port, mode, seed);
		_exit(PROXY_EXIT_SYSTEM);
	}
	close(fd);
	if (pid < 0) {
		fprintf(stderr, "loopback: proxy fork: %s\n", strerror(errno));
		return -1;
	}
	p->pid = pid;
	p->port = port;
	if (live_add(pid, -1, -1) != 0) {
		loopback_proxy_stop(p);
		return -1;
	}
	return 0;
}

/* see loopback.h */
void loopback_proxy_stop(struct loopback_proxy *p)
{
	if (p == NULL)
		return;
	if (p->pid > 0) {
		live_remove(p->pid);
		terminate(p->pid);
	}
	p->pid = -1;
	p->port = 0;
}

/* ---- ports ------------------------------------------------------------- */

/* see loopback.h */
int loopback_free_port(void)
{
	int port = 0, fd = listen_loopback(&port);

	if (fd < 0)
		return -1;
	close(fd);
	return port;
}

/* see loopback.h */
int loopback_sock_read(void *ctx, unsigned char *buf, size_t len)
{
	long r = staple_net_read(*(int *)ctx, buf, len, LOOPBACK_IO_MS);
	return r <= 0 ? -1 : (int)r;
}

/* see loopback.h */
int loopback_sock_write(void *ctx, const unsigned char *buf, size_t len)
{
	long r = staple_net_write_all(*(int *)ctx, buf, len, LOOPBACK_IO_MS);
	return r < 0 ? -1 : (int)r;
}

/* A fixed buffer that br_pem_decoder and br_x509_decoder write into. */
struct sink {
	unsigned char buf[8192];
	size_t n;
	int overflow;
};

static void sink_add(void *ctx, const void *p, size_t n)
{
	struct sink *d = ctx;

	if (d->overflow || sizeof d->buf - d->n < n) {
		d->overflow = 1;
		return;
	}
	memcpy(d->buf + d->n, p, n);
	d->n += n;
}

/* see loopback.h */
int loopback_anchor(const char *path, br_x509_trust_anchor *ta)
{
	static struct sink dn;
	static unsigned char q[133];
	static unsigned char file[65536];
	struct sink der;
	br_pem_decoder_context pc;
	br_x509_decoder_context dc;
	br_x509_pkey *pk;
	size_t len, off = 0;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		return -1;
	len = fread(file, 1, sizeof file, f);
	fclose(f);
	memset(&der, 0, sizeof der);
	br_pem_decoder_init(&pc);
	while (off < len) {
		int event;

		off += br_pem_decoder_push(&pc, file + off, len - off);
		event = br_pem_decoder_event(&pc);
		if (event == BR_PEM_BEGIN_OBJ)
			br_pem_decoder_setdest(&pc, sink_add, &der);
		else if (event == BR_PEM_END_OBJ || event == BR_PEM_ERROR)
			break;
	}
	memset(&dn, 0, sizeof dn);
	br_x509_decoder_init(&dc, sink_add, &dn);
	br_x509_decoder_push(&dc, der.buf, der.n);
	pk = br_x509_decoder_get_pkey(&dc);
	if (der.n == 0 || der.overflow || dn.overflow || pk == NULL ||
	    pk->key_type != BR_KEYTYPE_EC || pk->key.ec.qlen > sizeof q)
		return -1;
	memcpy(q, pk->key.ec.q, pk->key.ec.qlen);
	memset(ta, 0, sizeof *ta);
	ta->dn.data = dn.buf;
	ta->dn.len = dn.n;
	ta->flags = BR_X509_TA_CA;
	ta->pkey.key_type = BR_KEYTYPE_EC;
	ta->pkey.key.ec.curve = pk->key.ec.curve;
	ta->pkey.key.ec.q = q;
	ta->pkey.key.ec.qlen = pk->key.ec.qlen;
	return 0;
}
