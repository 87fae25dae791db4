/*
 * loopback.h -- real TLS servers on 127.0.0.1 for the tests, and a proxy
 * that rewrites the server's first flight.
 *
 * OVERVIEW
 *
 *   static const char *const args[] = {
 *       "-cert", "tests/fixtures/tls/leaf-ecdsa.pem",
 *       "-key", "tests/fixtures/tls/leaf-ecdsa.key",
 *       "-cert_chain", "tests/fixtures/tls/int.pem",
 *       "-status_file", "tests/fixtures/tls/staple-ecdsa.der", NULL };
 *   struct loopback_server s;
 *   struct loopback_proxy p;
 *
 *   if (loopback_server_start(&s, args) == 0) {
 *       if (loopback_proxy_start(&p, s.port, LOOPBACK_PROXY_SPLIT, 1) == 0) {
 *           ... connect a client to 127.0.0.1:p.port ...
 *           loopback_proxy_stop(&p);
 *       }
 *       loopback_server_stop(&s);
 *   }
 *
 * loopback_server_start() runs `openssl s_server` on an ephemeral port of
 * 127.0.0.1 and returns once it accepts connections; it keeps serving
 * until loopback_server_stop().  loopback_proxy_start() forks a relay in
 * front of a port that hands the server's first handshake flight to the
 * client reframed or damaged as the mode says (see PROXY MODES), then
 * relays everything else unchanged.  A test that starts one stops it
 * itself, in the same test, by the process id the struct holds.
 *
 * PROCESSES AND CLEAN-UP
 *
 *   Every server and proxy is a child of the calling process and stays in
 *   its process group: Check runs each test in a forked process in a group
 *   of its own and SIGKILLs that group when the test ends, so nothing
 *   outlives a forked test, even one that fails or crashes.  With
 *   CK_FORK=no a failed assertion jumps out of the test instead, so the
 *   first start also registers an atexit() handler that stops whatever is
 *   still running when the process exits (at most LOOPBACK_MAX_LIVE
 *   servers and proxies).  Even so, stop everything before asserting:
 *   collect the outcome, stop, then ck_assert.
 *
 *   The children do not run Check's code: the proxy child runs only this
 *   file's and leaves with _exit(), and both children get the default
 *   signal handlers back before anything can signal them (Check's
 *   SIGTERM handler, inherited through fork(), would kill the whole
 *   process group, the test with it).
 *
 * ENVIRONMENT
 *
 *   STAPLE_OPENSSL  the openssl program (default "openssl", through PATH).
 *   TMPDIR          where the server's output file goes (default /tmp).
 *
 * Important caveats
 *
 *   - s_server speaks TLS 1.3 unless told otherwise; in TLS 1.3 the
 *     status travels encrypted inside the Certificate message, so every
 *     proxy mode but PASS needs a TLS 1.2 handshake (a client limited to
 *     TLS 1.2, or "-tls1_2" among the server's arguments).  Over TLS 1.3
 *     the proxy sees ServerHello then ChangeCipherSpec, rewrites the
 *     ServerHello alone and relays the rest.
 *   - OpenSSL's client refuses a CertificateStatus message over 16,384
 *     octets (statem: "excessive message size"); the server sends it.
 *   - s_server shuts down when its stdin reaches end of file, so it gets a
 *     pipe whose write end this process holds until stop.
 *   - The proxy handles one connection at a time, each to its end, and
 *     gives up on one after LOOPBACK_PROXY_IDLE_MS without traffic.
 *   - Not thread-safe: the clean-up list is a static array.
 */
#ifndef STAPLE_LOOPBACK_H
#define STAPLE_LOOPBACK_H

#include <stddef.h>
#include <sys/types.h>

#include <bearssl.h>

/* Servers and proxies alive at once, for the atexit() clean-up. */
#define LOOPBACK_MAX_LIVE 16

/* Arguments a caller may pass to s_server: a dozen options with values. */
#define LOOPBACK_MAX_ARGS 32

/* How long s_server may take to print its ACCEPT line. */
#define LOOPBACK_START_MS 10000

/*
 * The longest server flight the proxy holds: the big fixtures make about
 * 42 KiB; a flight that outgrows this ends the proxy with exit status 3.
 */
#define LOOPBACK_FLIGHT_MAX (256u * 1024u)

/* A connection without a byte either way for this long is dropped. */
#define LOOPBACK_PROXY_IDLE_MS 30000

/* ---- servers ----------------------------------------------------------- */

struct loopback_server {
	pid_t pid;    /* s_server, or -1 when not running */
	int port;     /* where it accepts, on 127.0.0.1 */
	int stdin_fd; /* write end of its stdin, held open; or -1 */
	int out_fd;   /* its stdout and stderr: an unlinked temp file; -1 */
};

/*
 * Start `openssl s_server -accept 127.0.0.1:0 args...` and wait until it
 * prints "ACCEPT 127.0.0.1:PORT".  args is NULL-terminated, at most
 * LOOPBACK_MAX_ARGS long, and read only during the call; paths in it are
 * relative to the current directory.  No "-naccept": the server keeps
 * accepting connections, one after another, until loopback_server_stop().
 *
 * The server's stdout and stderr go to a temp file that is unlinked at
 * once (s->out_fd, read with loopback_server_output()): nothing has to
 * drain it, so the server never blocks on output, and nothing is left on
 * disk however the test ends.  It grows by about 2 KiB per connection.
 *
 * Returns 0 with every field of *s set, or -1 after writing one line
 * (plus the server's output, when it printed any) to stderr: openssl not
 * found, the server exited, no ACCEPT line within LOOPBACK_START_MS, or a
 * system call failed.  On failure nothing is left running and *s is as
 * after loopback_server_stop().
 */
int loopback_server_start(struct loopback_server *s,
                          const char *const *args);

/*
 * What the server has printed so far (its ACCEPT line, per connection its
 * session, ciphers and "DONE"), NUL-terminated, cut at cap - 1 octets,
 * into buf; "" for a stopped server.  For diagnostics.
 */
void loopback_server_output(const struct loopback_server *s, char *buf,
                            size_t cap);

/*
 * SIGTERM the server (SIGKILL after two seconds), reap it, close its
 * stdin and its output.  Harmless on a stopped or failed *s, and when
 * called twice.
 */
void loopback_server_stop(struct loopback_server *s);

/* ---- the proxy --------------------------------------------------------- */

/*
 * PROXY MODES
 *
 *   The proxy listens on 127.0.0.1, connects each client to the upstream
 *   port and relays client-to-server bytes unchanged.  From the server it
 *   reads TLS records (RFC 5246 6.2: type, version, 16-bit length) and
 *   gathers the payloads of the handshake records (type 22) into the
 *   flight, until the flight holds a whole ServerHelloDone (type 14), or
 *   a ChangeCipherSpec record comes (a resumed session: ServerHello, then
 *   CCS).  It then sends the flight as the mode says, and everything after
 *   it unchanged.  Another record type first (an alert), a record that
 *   cannot be TLS, or the end of the connection: what was held goes out as
 *   it came, and the rest is relayed.
 *
 *   The rewritten flight is one run of handshake records with the version
 *   field of the server's first record, each at most 16,384 octets of
 *   payload unless the mode says otherwise.
 */
enum loopback_proxy_mode {
	LOOPBACK_PROXY_PASS,          /* the records as they came, byte for
	                                 byte */
	LOOPBACK_PROXY_MERGE,         /* every message packed into as few
	                                 records as fit */
	LOOPBACK_PROXY_SPLIT,         /* records of 1 to 7 octets, lengths
	                                 drawn from the seed */
	LOOPBACK_PROXY_TAMPER_STAPLE, /* the low bit of the OCSPResponse's
	                                 last octet (in the signature)
	                                 flipped: same lengths, valid DER */
	LOOPBACK_PROXY_DROP_STATUS,   /* the CertificateStatus message left
	                                 out */
	LOOPBACK_PROXY_DROP_SH_EXT    /* status_request (extension 5) taken
	                                 out of the ServerHello, lengths fixed;
	                                 CertificateStatus kept */
};

struct loopback_proxy {
	pid_t pid; /* the proxy, or -1 when not running */
	int port;  /* where it accepts, on 127.0.0.1 */
};

/*
 * Start a proxy on an ephemeral port of 127.0.0.1 in front of
 * 127.0.0.1:upstream_port.  The listening socket exists before the call
 * returns, so a client may connect at once.  seed picks SPLIT's record
 * lengths, afresh for each connection: the same seed cuts the same flight
 * into the same records.
 *
 * A mode that finds nothing to change (no CertificateStatus to tamper
 * with or drop, no status_request in the ServerHello) says so on stderr
 * and sends the flight's messages unchanged, so the client's success
 * shows it.
 *
 * Returns 0 with *p set, or -1: upstream_port outside 1..65535, or a
 * system call failed (then with a line on stderr); *p is then as after
 * loopback_proxy_stop().  The child writes its own complaints (a flight
 * over LOOPBACK_FLIGHT_MAX, an upstream that refuses) to the same
 * stderr.
 */
int loopback_proxy_start(struct loopback_proxy *p, int upstream_port,
                         enum loopback_proxy_mode mode, unsigned seed);

/*
 * SIGTERM the proxy (and its connection, if one is open), reap it.
 * Harmless on a stopped or failed *p, and when called twice.
 */
void loopback_proxy_stop(struct loopback_proxy *p);

/* ---- ports ------------------------------------------------------------- */

/*
 * A TCP port of 127.0.0.1 that was free a moment ago (bound, read back,
 * closed), or -1.  Another process may take it before the caller does:
 * prefer the ports the start functions report.
 */
int loopback_free_port(void);

/*
 * Transport callbacks of br_sslio's shape over the connected socket
 * *(int *)ctx, each wait bounded by LOOPBACK_IO_MS (staple_net_read and
 * staple_net_write_all): bytes moved, or -1 on an error, a timeout or
 * the end of the stream.  For the BearSSL clients of the tests and of
 * bench_shim, with or without the stapling shim.
 */
#define LOOPBACK_IO_MS 10000
int loopback_sock_read(void *ctx, unsigned char *buf, size_t len);
int loopback_sock_write(void *ctx, const unsigned char *buf, size_t len);

/*
 * The first certificate of the PEM file at path (the fixtures' root.pem)
 * as a BearSSL trust anchor with an EC key, for br_x509_minimal.  Its
 * name and key live in static storage, overwritten by the next call.
 * Returns 0, or -1 when the file cannot be read, holds no certificate,
 * or the key is not EC.
 */
int loopback_anchor(const char *path, br_x509_trust_anchor *ta);

#endif
