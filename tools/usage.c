/*
 * usage.c -- the help of every command (--help), part of the tool's
 * library so that each command's parser can print its own.  Keep in
 * step with staple.1.
 */
#include "tool.h"

#include <stdio.h>

static const char decode_synopsis[] =
	"staple decode [--json] [--ms] [--at TIME] [--max-size BYTES]\n"
	"                     [--issuer CERT [--cert LEAF]\n"
	"                     [--skew SECONDS] [--backend NAME]] FILE...\n";

static const char fetch_synopsis[] =
	"staple fetch [--json] [--backend NAME] [--cafile FILE]\n"
	"                    [--servername NAME] [--out FILE]\n"
	"                    [--timeout SECONDS] [--tls12] [--insecure]\n"
	"                    HOST[:PORT] | [IPV6]:PORT\n";

static const char decode_options[] =
	"decode  Decode stapled OCSP responses (RFC 6960) from files\n"
	"        in DER, PEM or bare base64; '-' reads standard input.\n"
	"        Each file is decoded on its own, a bad one does not\n"
	"        stop the others.\n"
	"        --json          one JSON object per file, one per line\n"
	"        --at TIME       show times as a distance from TIME,\n"
	"                        2025-01-02T00:00:00Z, 20250102000000Z\n"
	"                        or @SECONDS (default now); with\n"
	"                        --issuer, also verify as of TIME\n"
	"        --ms            the text also gives each time in ms\n"
	"                        since the epoch, as the JSON does\n"
	"        --max-size B    read at most B bytes of each file and\n"
	"                        certificate (default 1048576, at most\n"
	"                        1073741824); a longer one is TOO_LARGE\n"
	"        --issuer CERT   verify against the issuing CA (PEM/DER)\n"
	"        --cert LEAF     the certificate the response is about\n"
	"        --skew SECONDS  clock skew allowed (default 300)\n"
	"        --backend NAME  crypto: bearssl (default) or openssl\n";

static const char fetch_options[] =
	"fetch   Connect to a TLS server asking for its staple, validate\n"
	"        its chain, then decode and verify the staple against\n"
	"        the chain (PORT 1-65535, 443 by default).  Shows the\n"
	"        connection first: TLS version, cipher suite, chain\n"
	"        length, the leaf certificate; last \"chain trusted\".\n"
	"        --json          one JSON object (decode's, plus \"tls\",\n"
	"                        \"leaf\", \"chain_trusted\")\n"
	"        --backend NAME  bearssl (default) or openssl\n"
	"        --cafile FILE   trust anchors, PEM (default the system's)\n"
	"        --servername N  SNI and the name to check (default HOST;\n"
	"                        \"\" sends none and checks none)\n"
	"        --out FILE      write the staple's DER to FILE; without\n"
	"                        a staple an earlier FILE is removed;\n"
	"                        '-': DER on stdout, report on stderr\n"
	"        --timeout S     connect and read timeout (default 10)\n"
	"        --tls12         TLS 1.2 at most (openssl offers 1.3;\n"
	"                        bearssl speaks 1.2 only)\n"
	"        --insecure      go on when the chain or name is not\n"
	"                        trusted: show and verify the staple\n"
	"                        against the issuer the server sent;\n"
	"                        exit 8 all the same\n"
	"        --tls13         accepted and ignored by openssl, which\n"
	"                        offers 1.3 anyway; with bearssl a\n"
	"                        usage error\n";

static const char check_synopsis[] =
	"staple check [--format nagios|json|prometheus] [--warn DURATION]\n"
	"                    [--critical DURATION] [--require-staple]\n"
	"                    [--jobs N] [--targets FILE] [--backend NAME]\n"
	"                    [--cafile FILE] [--servername NAME]\n"
	"                    [--timeout SECONDS] [--tls12] [--insecure]\n"
	"                    [--skew SECONDS] HOST[:PORT]...\n"
	"       staple check --file [--issuer CERT [--cert LEAF]] [--at TIME]\n"
	"                    [--max-size BYTES] [same --format, --warn,\n"
	"                    --critical, --jobs, --targets, --skew] FILE...\n";

static const char check_options[] =
	"check   One verdict per staple, for scripts and monitors: OK,\n"
	"        WARNING, CRITICAL or UNKNOWN (Nagios plugin guidelines).\n"
	"        OK: successful, good, fresh, verified (a server's staple\n"
	"        against its chain; a file's with --issuer).  WARNING:\n"
	"        nextUpdate within --warn, no nextUpdate, a file without\n"
	"        --issuer (not verified).  CRITICAL: revoked, unknown,\n"
	"        responseStatus not successful, expired, not yet valid,\n"
	"        any verification failure, nextUpdate within --critical,\n"
	"        a must-staple certificate served without a staple, no\n"
	"        staple with --require-staple.  UNKNOWN: the target could\n"
	"        not be checked (unreadable or malformed input, name\n"
	"        resolution, connection, timeout, TLS handshake or chain).\n"
	"        --format F      nagios (default): one line per target,\n"
	"                        \"STATUS - TARGET: WHY | PERFDATA\", a\n"
	"                        summary line first when there are several;\n"
	"                        json: one object per target per line;\n"
	"                        prometheus: text exposition format 0.0.4\n"
	"        --warn D        WARNING when nextUpdate is this close\n"
	"                        (default 2d)\n"
	"        --critical D    CRITICAL when it is this close (default 12h)\n"
	"                        D: a number and a unit, s m h d, largest\n"
	"                        first, combined as in 1d12h; a bare number\n"
	"                        is seconds; at most 36500d\n"
	"        --require-staple  a server without a staple is CRITICAL\n"
	"                        (without it: OK, unless must-staple)\n"
	"        --jobs N        check N targets at a time (default 8,\n"
	"                        1-256); output stays in target order\n"
	"        --targets FILE  more targets, one a line ('-': stdin);\n"
	"                        blank lines and # comments are skipped\n"
	"        --skew SECONDS  clock skew allowed (default 300)\n"
	"        servers (HOST[:PORT], [IPV6]:PORT; as fetch probes them):\n"
	"        --backend, --cafile, --servername, --timeout (each\n"
	"                        target's own), --tls12: as for fetch\n"
	"        --insecure      judge the staple of a chain or name that\n"
	"                        does not validate (said in the message)\n"
	"                        instead of UNKNOWN\n"
	"        --file          the operands are staple files (DER, PEM or\n"
	"                        base64, as decode reads them: nginx's\n"
	"                        ssl_stapling_file, haproxy's .ocsp):\n"
	"        --issuer CERT   verify against the issuing CA\n"
	"        --cert LEAF     the certificate the staple is about\n"
	"        --at TIME       judge as of TIME (default now)\n"
	"        --max-size B    read at most B bytes of each file\n";

static const char exit_check[] =
	"exit status of check (the worst target's; CRITICAL is worse\n"
	"than UNKNOWN):\n"
	"  0  OK        1  WARNING        2  CRITICAL\n"
	"  3  UNKNOWN: a target could not be checked, or a usage error\n";

static const char common_options[] =
	"Every command: an option takes its value as --opt V or --opt=V,\n"
	"options may come anywhere before '--', which ends them, and\n"
	"-h or --help prints the command's help.\n";

static const char exit_head[] =
	"exit status (the highest of the files wins):\n"
	"  0  every input decoded (and verified, when asked)\n"
	"  1  some input is malformed or too large (the others are\n"
	"     still printed)\n"
	"  2  usage error, or an input could not be read\n";

static const char exit_fetch[] =
	"  4  fetch: the host name does not resolve\n"
	"  5  fetch: the connection was refused or failed\n"
	"  6  fetch: connect or read timed out\n"
	"  7  fetch: the TLS handshake failed\n"
	"  8  fetch: the certificate chain or name is not trusted\n"
	"     (with --insecure too, after the whole report)\n";

/*
 * The verdict codes, from the library (staple_errname() and
 * staple_strerror() over staple.h's "Verdicts of staple_verify()"), so
 * the list cannot miss one; plus ALGORITHM_PARAMS, a certificate code
 * that staple_verify() also returns at its step 3, next to its
 * neighbours there; fetch adds its own two.
 */
static void verdict(FILE *to, int v)
{
	struct staple_buf name = {NULL, 0, 0};

	staple_verdict_name(&name, v);
	fprintf(to, "  %.*s\n      %s\n", (int)name.n, name.p,
	        staple_strerror(v));
	staple_buf_free(&name);
}

static void verdicts(FILE *to, int fetch)
{
	int v;

	fputs("verdicts (JSON: \"verify\": {\"result\": NAME}; text:\n"
	      "\"verify: FAILED: MESSAGE (NAME in capitals; ...)\"):\n"
	      "  ok\n      verified\n",
	      to);
	for (v = STAPLE_ERR_NOT_SUCCESSFUL; v <= STAPLE_ERR_EXPIRED; v++) {
		verdict(to, v);
		if (v == STAPLE_ERR_UNSUPPORTED_ALGORITHM)
			verdict(to, STAPLE_ERR_ALGORITHM_PARAMS);
	}
	if (fetch)
		fputs("  no_issuer\n"
		      "      fetch: neither the chain nor the trust anchors "
		      "hold the\n"
		      "      leaf's issuer\n"
		      "  must_staple_missing\n"
		      "      fetch: the certificate requires a staple (TLS "
		      "Feature)\n"
		      "      and the server sent none\n",
		      to);
}

/* see tool.h */
void staple_usage_decode(FILE *to)
{
	fputs("usage: ", to);
	fputs(decode_synopsis, to);
	fputc('\n', to);
	fputs(decode_options, to);
	fputc('\n', to);
	fputs(common_options, to);
	fputc('\n', to);
	fputs(exit_head, to);
	fputs("  3  some response failed verification\n\n", to);
	verdicts(to, 0);
	fputs("\nSee staple(1).\n", to);
}

/* see tool.h */
void staple_usage_fetch(FILE *to)
{
	fputs("usage: ", to);
	fputs(fetch_synopsis, to);
	fputc('\n', to);
	fputs(fetch_options, to);
	fputc('\n', to);
	fputs(common_options, to);
	fputc('\n', to);
	fputs(exit_head, to);
	fputs("  3  the staple failed verification, or a must-staple\n"
	      "     certificate was served without a staple\n",
	      to);
	fputs(exit_fetch, to);
	fputc('\n', to);
	verdicts(to, 1);
	fputs("\nSee staple(1).\n", to);
}

/* see tool.h */
void staple_usage_check(FILE *to)
{
	fputs("usage: ", to);
	fputs(check_synopsis, to);
	fputc('\n', to);
	fputs(check_options, to);
	fputc('\n', to);
	fputs(common_options, to);
	fputc('\n', to);
	fputs(exit_check, to);
	fputs("\nSee staple(1).\n", to);
}

/* see tool.h */
void staple_usage(FILE *to)
{
	fputs("usage: ", to);
	fputs(decode_synopsis, to);
	fputs("       ", to);
	fputs(fetch_synopsis, to);
	fputs("       ", to);
	fputs(check_synopsis, to);
	fputs("       staple COMMAND --help\n"
	      "       staple --help | --version\n"
	      "\n",
	      to);
	fputs(decode_options, to);
	fputs(fetch_options, to);
	fputs(check_options, to);
	fputc('\n', to);
	fputs(common_options, to);
	fputc('\n', to);
	fputs(exit_head, to);
	fputs("  3  some response failed verification; for fetch also a\n"
	      "     must-staple certificate served without a staple\n",
	      to);
	fputs(exit_fetch, to);
	fputc('\n', to);
	fputs(exit_check, to);
	fputc('\n', to);
	verdicts(to, 1);
	fputs("\nSee staple(1).\n", to);
}
