/*
 * bench_shim.c -- what the stapling shim adds to a BearSSL handshake.
 *
 * Starts `openssl s_server` on loopback (loopback.h) with the TLS
 * fixtures, then runs full TLS 1.2 handshakes (ECDHE-ECDSA P-256) from a
 * BearSSL client through br_sslio: plain (the server staples nothing,
 * nothing is asked) and through the shim (the staple comes).  Prints the
 * client's CPU time per handshake (CLOCK_PROCESS_CPUTIME_ID: the server is
 * another process) and the shim's state size.  Under callgrind,
 * `bench_shim 1 plain|shim` runs one handshake inside handshake_once()
 * for --toggle-collect.  Numbers only; nothing here can fail on speed.
 */
#include "loopback.h"
#include "net.h"
#include "bearssl/shim.h"

#include <bearssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static br_x509_trust_anchor anchor;

static br_ssl_client_context cc;
static br_x509_minimal_context xc;
static br_sslio_context ioc;
static struct staple_shim shim;
static unsigned char iobuf[BR_SSL_BUFSIZE_BIDI], staple[16384];

/* One handshake to port; returns 0 when it completed (and, with the
 * shim, stapled). */
int handshake_once(const char *port, int with_shim);
int handshake_once(const char *port, int with_shim)
{
	struct staple_fetch_result res;
	int fd, ok;

	if (staple_net_connect("127.0.0.1", port, 5000, &fd, &res) != 0)
		return -1;
	br_ssl_client_init_full(&cc, &xc, &anchor, 1);
	br_ssl_engine_set_buffer(&cc.eng, iobuf, sizeof iobuf, 1);
	if (with_shim) {
		staple_shim_init(&shim, &cc.eng, staple, sizeof staple, NULL,
		                 0);
		staple_shim_set_io(&shim, loopback_sock_read, &fd,
		                   loopback_sock_write, &fd);
		br_ssl_client_reset(&cc, "localhost", 0);
		br_sslio_init(&ioc, &cc.eng, staple_shim_low_read, &shim,
		              staple_shim_low_write, &shim);
	} else {
		br_ssl_client_reset(&cc, "localhost", 0);
		br_sslio_init(&ioc, &cc.eng, loopback_sock_read, &fd,
		              loopback_sock_write, &fd);
	}
	ok = br_sslio_write_all(&ioc, "x", 1) == 0 && br_sslio_flush(&ioc) == 0;
	if (with_shim)
		ok = ok && staple_shim_status(&shim) == STAPLE_SHIM_STAPLED;
	staple_net_close(fd);
	return ok ? 0 : -1;
}

static double cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
	const char *fx = getenv("STAPLE_FIXTURES");
	char cert[512], key[512], chain[512], st[512], root[512], port[16];
	const char *args[12];
	struct loopback_server s;
	int rounds = argc > 1 ? atoi(argv[1]) : 200, mode, rc = 0;

	if (fx == NULL)
		fx = "tests/fixtures";
	snprintf(cert, sizeof cert, "%s/tls/leaf-ecdsa.pem", fx);
	snprintf(key, sizeof key, "%s/tls/leaf-ecdsa.key", fx);
	snprintf(chain, sizeof chain, "%s/tls/int.pem", fx);
	snprintf(st, sizeof st, "%s/tls/staple-ecdsa.der", fx);
	snprintf(root, sizeof root, "%s/tls/root.pem", fx);
	if (loopback_anchor(root, &anchor) != 0) {
		fprintf(stderr, "bench_shim: cannot read %s\n", root);
		return 1;
	}
	args[0] = "-tls1_2";
	args[1] = "-cert";
	args[2] = cert;
	args[3] = "-key";
	args[4] = key;
	args[5] = "-cert_chain";
	args[6] = chain;
	args[7] = "-status_file";
	args[8] = st;
	args[9] = NULL;
	if (loopback_server_start(&s, args) != 0)
		return 1;
	snprintf(port, sizeof port, "%d", s.port);
	if (argc > 2) { /* one handshake, for callgrind */
		rc = handshake_once(port, strcmp(argv[2], "shim") == 0);
		loopback_server_stop(&s);
		return rc == 0 ? 0 : 1;
	}
	printf("struct staple_shim: %zu bytes (br_ssl_client_context %zu, "
	       "I/O buffer %d)\n",
	       sizeof(struct staple_shim), sizeof(br_ssl_client_context),
	       BR_SSL_BUFSIZE_BIDI);
	for (mode = 0; mode < 2 && rc == 0; mode++) {
		double t0;
		int i;

		handshake_once(port, mode); /* warm up */
		t0 = cpu_ns();
		for (i = 0; i < rounds && rc == 0; i++)
			rc = handshake_once(port, mode);
		if (rc == 0)
			printf("  %-22s %9.0f ns client CPU per handshake "
			       "(%d rounds)\n",
			       mode ? "BearSSL + shim" : "BearSSL, no staple",
			       (cpu_ns() - t0) / rounds, rounds);
	}
	loopback_server_stop(&s);
	if (rc != 0)
		fprintf(stderr, "bench_shim: a handshake failed\n");
	return rc == 0 ? 0 : 1;
}
