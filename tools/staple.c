/*
 * staple.c -- main(): pick the command, --help, --version.  Everything
 * else, the help texts too, is in libstapletool.a (usage.c, cmd_*.c).
 */
#include "tool.h"
#include "backend.h"

#include <stdio.h>
#include <string.h>

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
	if (strcmp(cmd, "check") == 0)
		return staple_cmd_check(argc - 1, argv + 1);
	fprintf(stderr, "staple: unknown command '%s'\nTry 'staple --help'.\n",
	        cmd);
	return STAPLE_EXIT_USAGE;
}
