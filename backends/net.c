/* net.c -- TCP for the TLS backends: connect, read, write with deadlines. */
#ifndef _POSIX_C_SOURCE
/* getaddrinfo, inet_pton, poll and clock_gettime are POSIX 2008, which
 * strict C99 hides; the Makefile passes this too, this is for a build
 * that does not. */
#define _POSIX_C_SOURCE 200809L
#endif

#include "net.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0 /* SO_NOSIGPIPE, set at connect, does the job */
#endif
#ifndef MSG_DONTWAIT
#define MSG_DONTWAIT 0 /* poll() said there is room; may block if less */
#endif

/* Large enough for any numeric IPv6 address, scope included. */
#define ADDR_TEXT 64

static int timeout_or_default(int timeout_ms)
{
	return timeout_ms > 0 ? timeout_ms : STAPLE_FETCH_TIMEOUT_MS;
}

/* Milliseconds on the monotonic clock; only differences mean anything. */
static long long now_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0; /* cannot happen for CLOCK_MONOTONIC on POSIX 2008 */
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * poll() one descriptor until deadline (now_ms() time), resuming after a
 * signal with what is left.  1 ready, 0 timed out, -1 error.
 */
static int wait_until(int fd, short events, long long deadline)
{
	struct pollfd pfd;
	long long left;
	int n;

	for (;;) {
		left = deadline - now_ms();
		if (left < 0)
			left = 0;
		pfd.fd = fd;
		pfd.events = events;
		pfd.revents = 0;
		n = poll(&pfd, 1, left > INT_MAX ? INT_MAX : (int)left);
		if (n > 0)
			return 1;
		if (n == 0) {
			if (now_ms() >= deadline)
				return 0;
			continue; /* woke early (INT_MAX cap): wait the rest */
		}
		if (errno != EINTR)
			return -1;
	}
}

/* see net.h */
int staple_net_wait(int fd, int for_write, int timeout_ms)
{
	long long deadline = now_ms() + timeout_or_default(timeout_ms);

	return wait_until(fd, for_write ? POLLOUT : POLLIN, deadline);
}

/* One line into res->message: cut, terminated, no control character. */
static void vmessage(struct staple_fetch_result *res, const char *fmt,
                     va_list ap)
{
	size_t i;

	/* vsnprintf cuts and terminates; a negative return (an encoding
	 * error) leaves the buffer's contents unspecified, so clear it. */
	if (vsnprintf(res->message, sizeof res->message, fmt, ap) < 0)
		res->message[0] = '\0';
	for (i = 0; res->message[i] != '\0'; i++)
		if ((unsigned char)res->message[i] < 0x20 ||
		    res->message[i] == 0x7f)
			res->message[i] = '?';
}

/* see net.h */
int staple_net_fail(struct staple_fetch_result *res, int err,
                    const char *fmt, ...)
{
	va_list ap;

	memset(res, 0, sizeof *res);
	res->err = err;
	va_start(ap, fmt);
	vmessage(res, fmt, ap);
	va_end(ap);
	return err;
}

/* see net.h */
int staple_net_check_request(const struct staple_fetch_request *req,
                             struct staple_fetch_result *res)
{
	if (res == NULL)
		return STAPLE_FETCH_ARGUMENT;
	memset(res, 0, sizeof *res);
	if (req == NULL || req->host == NULL || *req->host == '\0' ||
	    req->port == NULL || *req->port == '\0' ||
	    req->staple_buf == NULL || req->staple_cap == 0 ||
	    req->chain_buf == NULL || req->chain_cap == 0)
		return staple_net_fail(res, STAPLE_FETCH_ARGUMENT,
		                       "fetch: no host, port or buffers");
	return 0;
}

/* see net.h */
int staple_net_is_address(const char *name)
{
	unsigned char addr[sizeof(struct in6_addr)];

	return inet_pton(AF_INET, name, addr) == 1 ||
	       inet_pton(AF_INET6, name, addr) == 1;
}

/* see net.h */
void staple_net_message(struct staple_fetch_result *res, const char *fmt,
                        ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(res, fmt, ap);
	va_end(ap);
}

/* Text of an address as the message shows it; "?" if it has none. */
static void addr_text(const struct addrinfo *ai, char *out, size_t cap)
{
	if (getnameinfo(ai->ai_addr, ai->ai_addrlen, out, (socklen_t)cap,
	                NULL, 0, NI_NUMERICHOST) != 0)
		snprintf(out, cap, "?");
}

static int set_nonblocking(int fd, int on)
{
	int flags = fcntl(fd, F_GETFL);

	if (flags < 0)
		return -1;
	flags = on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
	return fcntl(fd, F_SETFL, flags);
}

/* What connect_one() returns when the deadline passed: no errno is < 0. */
#define DEADLINE (-1)

/*
 * One address: connect fd without blocking past deadline.  0 connected,
 * DEADLINE, or the errno value of the failure.
 */
static int connect_one(int fd, const struct addrinfo *ai, long long deadline)
{
	int soerr = 0;
	socklen_t soerr_len = sizeof soerr;
	int w;

	if (set_nonblocking(fd, 1) != 0)
		return errno;
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
		/* EINTR: the connection goes on in the background (POSIX);
		 * waiting for writability is then the same as EINPROGRESS. */
		if (errno != EINPROGRESS && errno != EINTR)
			return errno;
		w = wait_until(fd, POLLOUT, deadline);
		if (w == 0)
			return DEADLINE;
		if (w < 0)
			return errno;
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr,
		               &soerr_len) != 0)
			return errno;
		if (soerr != 0)
			return soerr;
	}
	if (set_nonblocking(fd, 0) != 0)
		return errno;
	return 0;
}

/* Options that help but whose failure does not matter. */
static void tune(int fd)
{
	int one = 1;

	(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
#ifdef TCP_NODELAY
	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
#endif
#ifdef SO_NOSIGPIPE
	(void)setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
	(void)one;
}

/* see net.h */
int staple_net_connect(const char *host, const char *port, int timeout_ms,
                       int *fd, struct staple_fetch_result *res)
{
	struct addrinfo hints, *list = NULL, *ai;
	char addr[ADDR_TEXT] = "?";
	char where[sizeof res->message];
	long long deadline;
	int gai, s;
	int e = EADDRNOTAVAIL; /* stays if the list were empty */

	if (fd != NULL)
		*fd = -1;
	if (res == NULL)
		return STAPLE_FETCH_ARGUMENT;
	if (host == NULL || *host == '\0' || port == NULL || *port == '\0' ||
	    fd == NULL)
		return staple_net_fail(res, STAPLE_FETCH_ARGUMENT,
		                       "connect: no host, port or descriptor");

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_protocol = IPPROTO_TCP;
	gai = getaddrinfo(host, port, &hints, &list);
	if (gai != 0)
		return staple_net_fail(res, STAPLE_FETCH_RESOLVE,
		                       "resolve %s port %s: %s", host, port,
		                       gai == EAI_SYSTEM ? strerror(errno)
		                                         : gai_strerror(gai));

	/* The clock starts after resolution, which it cannot bound. */
	deadline = now_ms() + timeout_or_default(timeout_ms);
	for (ai = list; ai != NULL; ai = ai->ai_next) {
		addr_text(ai, addr, sizeof addr);
		s = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
		if (s < 0) {
			e = errno; /* e.g. no IPv6 on this host: next one */
			continue;
		}
		tune(s);
		e = connect_one(s, ai, deadline);
		if (e == 0) {
			freeaddrinfo(list);
			*fd = s;
			return STAPLE_FETCH_OK;
		}
		staple_net_close(s);
		if (e == DEADLINE)
			break; /* no time left for the next address */
	}
	freeaddrinfo(list);

	/* Name the address too when host is a name, not that address. */
	if (strcmp(addr, host) == 0)
		snprintf(where, sizeof where, "%s", host);
	else
		snprintf(where, sizeof where, "%s (%s)", host, addr);
	if (e == DEADLINE)
		return staple_net_fail(res, STAPLE_FETCH_TIMEOUT,
		                       "connect to %s port %s: no answer in "
		                       "%d ms", where, port,
		                       timeout_or_default(timeout_ms));
	return staple_net_fail(res, STAPLE_FETCH_CONNECT,
	                       "connect to %s port %s: %s", where, port,
	                       strerror(e));
}

/* see net.h */
long staple_net_read(int fd, void *buf, size_t len, int timeout_ms)
{
	long long deadline = now_ms() + timeout_or_default(timeout_ms);
	ssize_t n;
	int w;

	if (buf == NULL || len == 0) {
		errno = EINVAL;
		return -1;
	}
	if (len > LONG_MAX)
		len = LONG_MAX;
	for (;;) {
		w = wait_until(fd, POLLIN, deadline);
		if (w == 0)
			return -2;
		if (w < 0)
			return -1;
		n = recv(fd, buf, len, 0);
		if (n >= 0)
			return (long)n;
		/* EAGAIN: a non-blocking fd woke for nothing; wait again. */
		if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)
			return -1;
	}
}

/* see net.h */
long staple_net_write_all(int fd, const void *buf, size_t len,
                          int timeout_ms)
{
	const unsigned char *p = buf;
	size_t done = 0;
	ssize_t n;
	int w;

	if (len > LONG_MAX || (buf == NULL && len > 0)) {
		errno = EINVAL;
		return -1;
	}
	while (done < len) {
		w = staple_net_wait(fd, 1, timeout_ms);
		if (w == 0)
			return -2;
		if (w < 0)
			return -1;
		n = send(fd, p + done, len - done, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n > 0)
			done += (size_t)n;
		else if (n < 0 && errno != EINTR && errno != EAGAIN &&
		         errno != EWOULDBLOCK)
			return -1;
	}
	return (long)len;
}

/* see net.h */
void staple_net_close(int fd)
{
	if (fd >= 0)
		(void)close(fd);
}

/* ---- shared wording ---------------------------------------------------- */

/* see net.h */
int staple_net_fail_cafile_unreadable(struct staple_fetch_result *res,
                                      const char *path, int errnum)
{
	return staple_net_fail(res, STAPLE_FETCH_CAFILE,
	                       "cannot read trust anchors from %s: %s", path,
	                       strerror(errnum));
}

/* see net.h */
int staple_net_fail_cafile_empty(struct staple_fetch_result *res,
                                 const char *path, int not_pem)
{
	return staple_net_fail(res, STAPLE_FETCH_CAFILE,
	                       "no trust anchors in %s: %s", path,
	                       not_pem ? "it is not a valid PEM file"
	                               : "it holds no certificate");
}

/* see net.h */
int staple_net_check_cafile(struct staple_fetch_result *res,
                            const char *path)
{
	FILE *f;
	int e = 0;

	errno = 0;
	f = fopen(path, "rb");
	if (f == NULL)
		return staple_net_fail_cafile_unreadable(
			res, path, errno != 0 ? errno : EACCES);
	/* fopen() opens a directory on Linux; the first read says EISDIR */
	if (getc(f) == EOF && ferror(f))
		e = errno != 0 ? errno : EIO;
	(void)fclose(f);
	return e != 0 ? staple_net_fail_cafile_unreadable(res, path, e) : 0;
}

/* see net.h */
int staple_net_fail_cert(struct staple_fetch_result *res, int why,
                         const char *name, const char *cafile,
                         const char *detail)
{
	switch (why) {
	case STAPLE_NET_CERT_UNTRUSTED:
		return staple_net_fail(res, STAPLE_FETCH_UNTRUSTED,
		                       "certificate not trusted: the chain "
		                       "leads to no trust anchor in %s",
		                       cafile != NULL ? cafile : "the CA file");
	case STAPLE_NET_CERT_NAME:
		return staple_net_fail(res, STAPLE_FETCH_UNTRUSTED,
		                       "certificate not trusted: it is not "
		                       "for the name %s",
		                       name != NULL ? name : "asked for");
	case STAPLE_NET_CERT_EXPIRED:
		return staple_net_fail(res, STAPLE_FETCH_UNTRUSTED,
		                       "certificate not trusted: a "
		                       "certificate of the chain is expired "
		                       "or not yet valid");
	case STAPLE_NET_CERT_SIGNATURE:
		return staple_net_fail(res, STAPLE_FETCH_UNTRUSTED,
		                       "certificate not trusted: a signature "
		                       "in the chain does not verify");
	}
	return staple_net_fail(res, STAPLE_FETCH_UNTRUSTED,
	                       "certificate not trusted: %s",
	                       detail != NULL ? detail : "rejected");
}

/* see net.h */
const char *staple_net_alert_name(int alert)
{
	switch (alert) {
	case 0: return "close_notify";
	case 10: return "unexpected_message";
	case 20: return "bad_record_mac";
	case 22: return "record_overflow";
	case 40: return "handshake_failure";
	case 42: return "bad_certificate";
	case 43: return "unsupported_certificate";
	case 44: return "certificate_revoked";
	case 45: return "certificate_expired";
	case 46: return "certificate_unknown";
	case 47: return "illegal_parameter";
	case 48: return "unknown_ca";
	case 49: return "access_denied";
	case 50: return "decode_error";
	case 51: return "decrypt_error";
	case 70: return "protocol_version";
	case 71: return "insufficient_security";
	case 80: return "internal_error";
	case 86: return "inappropriate_fallback";
	case 90: return "user_canceled";
	case 100: return "no_renegotiation";
	case 109: return "missing_extension";
	case 110: return "unsupported_extension";
	case 112: return "unrecognized_name";
	case 113: return "bad_certificate_status_response";
	case 115: return "unknown_psk_identity";
	case 116: return "certificate_required";
	case 120: return "no_application_protocol";
	}
	return "";
}

/* see net.h */
const char *staple_net_version_name(unsigned version)
{
	switch (version) {
	case 0x0301: return "TLS 1.0";
	case 0x0302: return "TLS 1.1";
	case 0x0303: return "TLS 1.2";
	case 0x0304: return "TLS 1.3";
	}
	return "an unknown TLS version";
}

/* see net.h */
int staple_net_fail_alert(struct staple_fetch_result *res, int alert,
                          unsigned max_version)
{
	const char *name = staple_net_alert_name(alert);

	/* protocol_version answers a ClientHello whose versions the server
	 * takes none of (RFC 8446 4.2.1); against a client capped below
	 * TLS 1.3 that is almost always a server that speaks 1.3 alone. */
	if (alert == 70 && max_version < STAPLE_TLS_1_3)
		return staple_net_fail(res, STAPLE_FETCH_TLS,
		                       "TLS handshake failed: the server sent "
		                       "the alert protocol_version (70): it "
		                       "accepts no version up to %s, the "
		                       "highest offered; it may require TLS 1.3",
		                       staple_net_version_name(max_version));
	return staple_net_fail(res, STAPLE_FETCH_TLS,
	                       "TLS handshake failed: the server sent the "
	                       "alert %s%s(%d)", name, name[0] != '\0' ? " "
	                                                              : "",
	                       alert);
}

/* see net.h */
int staple_net_fail_handshake_timeout(struct staple_fetch_result *res,
                                      int timeout_ms)
{
	return staple_net_fail(res, STAPLE_FETCH_TIMEOUT,
	                       "TLS handshake: no answer in %d ms",
	                       timeout_or_default(timeout_ms));
}

/* see net.h */
int staple_net_fail_handshake_io(struct staple_fetch_result *res,
                                 int errnum)
{
	if (errnum == 0)
		return staple_net_fail(res, STAPLE_FETCH_TLS,
		                       "TLS handshake failed: the server "
		                       "closed the connection");
	return staple_net_fail(res, STAPLE_FETCH_TLS,
	                       "TLS handshake failed: %s", strerror(errnum));
}

/* see net.h */
int staple_net_check_version(struct staple_fetch_result *res,
                             unsigned max_version, const char *backend,
                             unsigned highest)
{
	if (max_version == 0 ||
	    (max_version >= STAPLE_TLS_1_2 && max_version <= highest))
		return 0;
	if (max_version > highest && max_version <= STAPLE_TLS_1_3)
		return staple_net_fail(res, STAPLE_FETCH_ARGUMENT,
		                       "the %s backend speaks %s at most, "
		                       "not %s", backend,
		                       staple_net_version_name(highest),
		                       staple_net_version_name(max_version));
	return staple_net_fail(res, STAPLE_FETCH_ARGUMENT,
	                       "TLS version 0x%04x: the %s backend offers "
	                       "TLS 1.2 to %s", max_version, backend,
	                       staple_net_version_name(highest));
}
