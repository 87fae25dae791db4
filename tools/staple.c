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
	fputs("usage: staple decode [--json] [--issuer CERT [--cert LEAF]\n"
	      "                     [--at TIME] [--skew SECONDS]\n"
	      "                     [--backend NAME]] FILE...\n"
	      "       staple fetch ...\n"
	      "       staple --help | --version\n"
	      "\n"
	      "decode  Decode stapled OCSP responses (RFC 6960) from files\n"
	      "        in DER, PEM or bare base64; '-' reads standard input.\n"
	      "        Each file is decoded on its own, a bad one does not\n"
	      "        stop the others.\n"
	      "        --json          one JSON object per file, one per line\n"
	      "        --issuer CERT   verify against the issuing CA (PEM/DER)\n"
	      "        --cert LEAF     the certificate the response is about\n"
	      "        --at TIME       verify as of 2025-01-02T00:00:00Z,\n"
	      "                        20250102000000Z or @SECONDS (default now)\n"
	      "        --skew SECONDS  clock skew allowed (default 300)\n"
	      "        --backend NAME  crypto: bearssl (default) or openssl\n"
	      "fetch   Get the staple from a TLS server (not built yet).\n"
	      "\n"
	      "exit status (the highest of the files wins):\n"
	      "  0  every input decoded (and verified, when asked)\n"
	      "  1  some input is malformed (the others are still printed)\n"
	      "  2  usage error, or an input could not be read\n"
	      "  3  some response failed verification\n"
	      "\n"
	      "See staple(1).\n",
	      to);
}

static int cmd_fetch(void)
{
	fputs("staple: fetch: not built yet\n", stderr);
	return STAPLE_EXIT_USAGE;
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
		return cmd_fetch();
	fprintf(stderr, "staple: unknown command '%s'\nTry 'staple --help'.\n",
	        cmd);
	return STAPLE_EXIT_USAGE;
}
