/*
 * staple.c -- main(): pick the command, --help, --version.
 */
#include "tool.h"
#include "backend.h"

#include <stdio.h>
#include <string.h>

/* see tool.h; keep in step with staple.1 */
void staple_usage(FILE *to)
{
	fputs("usage: staple decode [--json] [--max-size BYTES]\n"
	      "                     [--issuer CERT [--cert LEAF]\n"
	      "                     [--at TIME] [--skew SECONDS]\n"
	      "                     [--backend NAME]] FILE...\n"
	      "       staple fetch [--json] [--backend NAME] [--cafile FILE]\n"
	      "                    [--servername NAME] [--out FILE]\n"
	      "                    [--timeout SECONDS] [--tls12]\n"
	      "                    HOST[:PORT] | [IPV6]:PORT\n"
	      "       staple --help | --version\n"
	      "\n"
	      "decode  Decode stapled OCSP responses (RFC 6960) from files\n"
	      "        in DER, PEM or bare base64; '-' reads standard input.\n"
	      "        Each file is decoded on its own, a bad one does not\n"
	      "        stop the others.\n"
	      "        --json          one JSON object per file, one per line\n"
	      "        --max-size B    read at most B bytes of each file and\n"
	      "                        certificate (default 1048576, at most\n"
	      "                        1073741824); a longer one is TOO_LARGE\n"
	      "        --issuer CERT   verify against the issuing CA (PEM/DER)\n"
	      "        --cert LEAF     the certificate the response is about\n"
	      "        --at TIME       verify as of 2025-01-02T00:00:00Z,\n"
	      "                        20250102000000Z or @SECONDS (default now)\n"
	      "        --skew SECONDS  clock skew allowed (default 300)\n"
	      "        --backend NAME  crypto: bearssl (default) or openssl\n"
	      "fetch   Connect to a TLS server asking for its staple, validate\n"
	      "        its chain, then decode and verify the staple against\n"
	      "        the chain (PORT 1-65535, 443 by default).\n"
	      "        --json          one JSON object (decode's, plus \"tls\")\n"
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
	      "        --tls13         accepted and ignored by openssl, which\n"
	      "                        offers 1.3 anyway; with bearssl a\n"
	      "                        usage error\n"
	      "\n"
	      "exit status (the highest of the files wins):\n"
	      "  0  every input decoded (and verified, when asked)\n"
	      "  1  some input is malformed or too large (the others are\n"
	      "     still printed)\n"
	      "  2  usage error, or an input could not be read\n"
	      "  3  some response failed verification; for fetch also a\n"
	      "     must-staple certificate served without a staple\n"
	      "  4  fetch: the host name does not resolve\n"
	      "  5  fetch: the connection was refused or failed\n"
	      "  6  fetch: connect or read timed out\n"
	      "  7  fetch: the TLS handshake failed\n"
	      "  8  fetch: the certificate chain or name is not trusted\n"
	      "\n"
	      "See staple(1).\n",
	      to);
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;

	if (cmd == NULL) {
		staple_usage(stderr);
		return STAPLE_EXIT_USAGE;
	}
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
	    strcmp(cmd, "help") == 0) {
		staple_usage(stdout);
		return fflush(stdout) == 0 ? STAPLE_EXIT_OK : STAPLE_EXIT_USAGE;
	}
	if (strcmp(cmd, "--version") == 0) {
		const char *const *name;
		fputs("staple " STAPLE_VERSION " (backends:", stdout);
		for (name = staple_crypto_names(); *name != NULL; name++)
			printf(" %s", *name);
		puts(")");
		return fflush(stdout) == 0 ? STAPLE_EXIT_OK : STAPLE_EXIT_USAGE;
	}
	if (strcmp(cmd, "decode") == 0)
		return staple_cmd_decode(argc - 1, argv + 1);
	if (strcmp(cmd, "fetch") == 0)
		return staple_cmd_fetch(argc - 1, argv + 1);
	fprintf(stderr, "staple: unknown command '%s'\nTry 'staple --help'.\n",
	        cmd);
	return STAPLE_EXIT_USAGE;
}
