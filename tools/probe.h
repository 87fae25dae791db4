/*
 * probe.h -- one server probed: what `staple fetch` and `staple check`
 * share (internal to the tool).  Apart from tool.h because it needs the
 * backends' types (backend.h), which the rest of the tool's users (the
 * benchmarks, the fuzz harnesses) do without.
 */
#ifndef STAPLE_PROBE_H
#define STAPLE_PROBE_H

#include "tool.h"
#include "backend.h"

/* How to reach a server: fetch's options as given, NULL or 0 when
 * absent; read-only, so one may serve many probes at once. */
struct staple_probe_options {
	const char *servername; /* --servername; "" sends no SNI */
	const char *cafile;     /* --cafile */
	const char *timeout;    /* --timeout, in seconds */
	int tls12, tls13, insecure;
};

/* HOST[:PORT] taken apart: the host in buf, the port as digits. */
struct staple_target {
	char buf[512];
	char port[8]; /* "1" to "65535", without leading zeros */
	const char *host;
};

/*
 * One server probed: the connection through a backend and a first look
 * at what it gave (the leaf, its issuer from the chain or the trust
 * anchors, the staple decoded), as fetch prints it and check judges it.
 * A probe owns its buffers (the staple's and the chain's, 1 MiB each)
 * and shares nothing with another: any number may run at once, one per
 * thread.
 */
struct staple_probe {
	const struct staple_backend *backend;
	const char *label;                 /* HOST[:PORT] as given */
	const struct staple_probe_options *options;
	struct staple_target target;
	struct staple_fetch_request req;   /* staple_buf, chain_buf owned */
	struct staple_fetch_result res;
	int rc;               /* what fetch() returned */
	int shown;            /* the server showed its facts: report is set */
	int handshake_done;   /* the staple's fate is known */
	int decoded;          /* r is the decoded staple */
	int decode_err;       /* when a staple did not decode */
	size_t decode_offset;
	const char *problem;  /* verification impossible: why */
	struct staple_fetch_report report; /* what text.c and json.c show */
	struct staple_verify_setup setup;  /* the leaf and its issuer */
	struct staple_response r;
	int64_t handshake_us; /* fetch(): connect and TLS handshake */
	char why[160];
};

/*
 * Set *p up to probe label (HOST[:PORT], [IPV6]:PORT) through backend
 * with options o (which must outlive p).  Returns NULL, or what is
 * wrong (a usage error's message; *arg is what it is about, or NULL).
 * *p is defined either way; staple_probe_free() it.
 */
const char *staple_probe_prepare(struct staple_probe *p,
                                 const struct staple_backend *backend,
                                 const char *label,
                                 const struct staple_probe_options *o,
                                 const char **arg);

/* Connect, then look at what came (when p->shown).  Returns p->rc. */
int staple_probe_run(struct staple_probe *p);
void staple_probe_free(struct staple_probe *p);

/* A fetch error's code in JSON: "RESOLVE", "TIMEOUT", ... */
const char *staple_fetch_code(int err);

#endif /* STAPLE_PROBE_H */
