/*
 * net.h -- the TCP plumbing both TLS backends share: connect with a
 * deadline, read and write with timeouts, and the one-line failure report.
 *
 * Plain POSIX (2008) sockets; build with -D_POSIX_C_SOURCE=200809L.  No
 * TLS here: a backend connects with staple_net_connect(), runs its
 * handshake over the descriptor, and closes it with staple_net_close().
 *
 * LIFETIMES AND OWNERSHIP
 *
 *   A descriptor from staple_net_connect() belongs to the caller, who
 *   closes it with staple_net_close() on every path.  Buffers are the
 *   caller's and are used only during the call.  Nothing here allocates
 *   beyond getaddrinfo()'s list, which is freed before returning, and
 *   nothing keeps state between calls: any number of threads may use
 *   these functions at once, each on its own descriptor.
 *
 * TIMEOUTS
 *
 *   Every timeout is in milliseconds, and one that is <= 0 means
 *   STAPLE_FETCH_TIMEOUT_MS: a network call that waits forever is never
 *   what a caller checking a server wants.  Time is measured on the
 *   monotonic clock, so a change of the wall clock does not shorten or
 *   stretch a wait, and a signal that interrupts a wait resumes it for
 *   what is left.
 *
 * Important caveats
 *
 *   - The connect timeout bounds the whole of staple_net_connect() after
 *     name resolution, across every address, not each address: the
 *     caller's number is the longest it waits.  The price is that an
 *     address that swallows packets can use up the budget before the next
 *     one is tried; one that refuses or is unreachable fails at once and
 *     costs nothing.
 *   - getaddrinfo() cannot be interrupted: resolution itself is bounded
 *     only by the system resolver's own timeouts (resolv.conf).
 *   - The read and write timeouts bound each wait for the socket, not the
 *     whole exchange: a peer that trickles one byte at a time keeps a
 *     transfer alive.  Bounding the whole exchange is the caller's job.
 *   - Messages quote strerror() and gai_strerror(), which POSIX does not
 *     require to be thread-safe; glibc's (since 2.32) and musl's are.
 *   - Writes use send() with MSG_NOSIGNAL (and the descriptor has
 *     SO_NOSIGPIPE where that exists), so a peer that has gone away is an
 *     error return, not a SIGPIPE that ends the process.
 */
#ifndef STAPLE_NET_H
#define STAPLE_NET_H

#include <stddef.h>

#include "backend.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Resolve host and port (getaddrinfo(), any address family, TCP) and
 * connect to the first address that accepts, in the resolver's order.
 * Each connect is non-blocking and waited for with poll(); the descriptor
 * is put back in blocking mode, marked close-on-exec and, where the
 * system has it, TCP_NODELAY (a handshake is many small writes that
 * must not wait for Nagle's algorithm).
 *
 *   host        a DNS name or an IPv4 or IPv6 address literal (no
 *               brackets); must be non-empty.
 *   port        a service name or number; must be non-empty.
 *   timeout_ms  for all the addresses together (see TIMEOUTS above).
 *   fd          receives the connected descriptor, or -1 on failure.
 *   res         receives the failure; not touched on success.
 *
 * Returns STAPLE_FETCH_OK (0) or the error also stored in res->err, with
 * res cleared first as staple_net_fail() does:
 *   STAPLE_FETCH_ARGUMENT  a NULL or empty host or port, a NULL fd.
 *   STAPLE_FETCH_RESOLVE   getaddrinfo() failed; its gai_strerror() text.
 *   STAPLE_FETCH_CONNECT   every address failed; the strerror() text of
 *                          the last one, e.g.
 *                          "connect to 127.0.0.1 port 4433: Connection
 *                          refused" (one line), and the address that
 *                          failed in parentheses after a host name.
 *   STAPLE_FETCH_TIMEOUT   the time ran out while an address was pending.
 * With a NULL res the result is STAPLE_FETCH_ARGUMENT and nothing is
 * stored but *fd.
 */
int staple_net_connect(const char *host, const char *port, int timeout_ms,
                       int *fd, struct staple_fetch_result *res);

/*
 * Wait until one recv() (or one read()) on fd fills part of buf, then do
 * it once.  fd may be blocking or not; with a non-blocking fd a spurious
 * wake-up waits again within the same timeout.  Interrupted calls
 * (EINTR) are retried.
 *
 * Returns the number of bytes read (1 to len), 0 when the peer closed
 * the connection in order (EOF), -1 on an error (errno says which; EINVAL
 * for len 0 or a NULL buf: a read of nothing would look like EOF) and -2
 * when nothing came within timeout_ms.  At most LONG_MAX bytes are read.
 */
long staple_net_read(int fd, void *buf, size_t len, int timeout_ms);

/*
 * Write all len bytes of buf to fd, waiting with poll() for the socket to
 * take more whenever it is full; timeout_ms bounds each such wait.  fd may
 * be blocking or not: each send() asks not to block (MSG_DONTWAIT where
 * the system has it), so a wait longer than the timeout cannot hide
 * inside the kernel.
 *
 * Returns len, -1 on an error (errno says which, EPIPE for a peer that
 * has gone; EINVAL for a len above LONG_MAX or a NULL buf with len > 0)
 * or -2 when the socket took nothing within timeout_ms.  On -1 and -2 an
 * unknown prefix of buf has been sent.  len 0 returns 0.
 */
long staple_net_write_all(int fd, const void *buf, size_t len,
                          int timeout_ms);

/*
 * Wait until fd is readable (for_write 0) or writable (for_write 1).  An
 * error or hang-up on the socket counts as ready: the next read or write
 * reports it.  For a backend that drives a non-blocking socket itself.
 *
 * Returns 1 when ready, 0 when timeout_ms passed first, -1 on an error
 * of poll() itself (errno says which).
 */
int staple_net_wait(int fd, int for_write, int timeout_ms);

/*
 * Close fd, which may be -1 (nothing to do).  A close() interrupted by a
 * signal is not retried: POSIX leaves the descriptor's state unspecified
 * then, and on Linux it is already closed, so a retry could close a
 * descriptor another thread has just been given.
 */
void staple_net_close(int fd);

/*
 * Clear *res (every field 0, every slice empty), set res->err to err and
 * res->message to the printf-style line.  The line is cut to fit the
 * buffer, always NUL-terminated, and any control character in it
 * (a newline in a host name, say) is replaced by '?', so it stays one
 * line.  Returns err, for "return staple_net_fail(res, ...);".
 */
int staple_net_fail(struct staple_fetch_result *res, int err,
                    const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/*
 * What every backend's fetch() checks first: *res cleared, then
 * STAPLE_FETCH_ARGUMENT (through staple_net_fail()) for a NULL req, an
 * empty or NULL host or port, or a missing staple or chain buffer; else 0.
 * A NULL res is STAPLE_FETCH_ARGUMENT with nothing written.
 */
int staple_net_check_request(const struct staple_fetch_request *req,
                             struct staple_fetch_result *res);

/*
 * 1 when name is an IPv4 or IPv6 address literal (inet_pton), which goes
 * in no SNI (RFC 6066 section 3) and is matched against a certificate's
 * iPAddress, not a DNS name.
 */
int staple_net_is_address(const char *name);

/* Set res->message alone, the same way; the rest of *res is left. */
void staple_net_message(struct staple_fetch_result *res, const char *fmt,
                        ...)
#if defined(__GNUC__) || defined(__clang__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/*
 * SHARED WORDING
 *
 *   The failures both backends can meet are worded here, once, so that
 *   the same failure reads the same whichever backend met it (a script
 *   or a person comparing the two sees one message).  Each clears *res
 *   as staple_net_fail() does, sets the error named and returns it.
 *   The host and port are the caller's to add: the tool puts HOST:PORT
 *   in front.
 */

/*
 * The trust anchors at path cannot be read: STAPLE_FETCH_CAFILE,
 * "cannot read trust anchors from PATH: " and strerror(errnum)
 * ("No such file or directory", "Permission denied", "Is a directory").
 */
int staple_net_fail_cafile_unreadable(struct staple_fetch_result *res,
                                      const char *path, int errnum);

/*
 * path can be read and holds no usable certificate (not_pem 0), or is
 * not a PEM file at all (not_pem 1): STAPLE_FETCH_CAFILE.
 */
int staple_net_fail_cafile_empty(struct staple_fetch_result *res,
                                 const char *path, int not_pem);

/*
 * What a backend can open, it can read: try path for reading (one octet
 * of it, so a directory shows).  0 when it can; else the failure as
 * staple_net_fail_cafile_unreadable() words it.  For a backend whose
 * library reads the file and keeps errno to itself (OpenSSL).
 */
int staple_net_check_cafile(struct staple_fetch_result *res,
                            const char *path);

/* Why the server's chain did not validate, as both backends say it. */
enum staple_net_cert {
	STAPLE_NET_CERT_UNTRUSTED, /* no path to a trust anchor */
	STAPLE_NET_CERT_NAME,      /* not issued for the server name */
	STAPLE_NET_CERT_EXPIRED,   /* outside its validity period */
	STAPLE_NET_CERT_SIGNATURE, /* a signature of the chain is wrong */
	STAPLE_NET_CERT_OTHER      /* the backend's own words in detail */
};

/*
 * STAPLE_FETCH_UNTRUSTED, "certificate not trusted: " and why (enum
 * staple_net_cert).  name is the name checked (for NAME), cafile the
 * anchors' file (for UNTRUSTED), detail the backend's words (for
 * OTHER); each may be NULL where it is not used.
 */
int staple_net_fail_cert(struct staple_fetch_result *res, int why,
                         const char *name, const char *cafile,
                         const char *detail);

/*
 * The server ended the handshake with a fatal alert (RFC 8446 6.2):
 * STAPLE_FETCH_TLS, "TLS handshake failed: the server sent the alert
 * NAME (N)".  For protocol_version (70) the line goes on to say that the
 * server accepts no version up to max_version, the highest the client
 * offered, and so may require TLS 1.3: what a BearSSL client, or an
 * OpenSSL one capped at 1.2, meets at a server that speaks TLS 1.3 alone.
 */
int staple_net_fail_alert(struct staple_fetch_result *res, int alert,
                          unsigned max_version);

/* The name of a TLS alert (RFC 8446 6 and RFC 5246 7.2), "" if unknown. */
const char *staple_net_alert_name(int alert);

/* No answer within timeout_ms during the handshake: STAPLE_FETCH_TIMEOUT. */
int staple_net_fail_handshake_timeout(struct staple_fetch_result *res,
                                      int timeout_ms);

/*
 * The socket failed during the handshake: the server closed it (errnum
 * 0) or errnum says how: STAPLE_FETCH_TLS.
 */
int staple_net_fail_handshake_io(struct staple_fetch_result *res,
                                 int errnum);

/*
 * What every backend's fetch() checks of max_version: 0 and the TLS
 * versions from 1.2 to the backend's highest are fine (0); anything else
 * is STAPLE_FETCH_ARGUMENT, through staple_net_fail(), naming the
 * backend and the highest version it speaks.
 */
int staple_net_check_version(struct staple_fetch_result *res,
                             unsigned max_version, const char *backend,
                             unsigned highest);

/* "TLS 1.2", "TLS 1.3", ..., "an unknown TLS version". */
const char *staple_net_version_name(unsigned version);

#ifdef __cplusplus
}
#endif

#endif /* STAPLE_NET_H */
