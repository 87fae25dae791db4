/*
 * options.c -- the one option parser of every command.
 *
 * A command describes its options in a table (struct staple_option);
 * staple_options_parse() reads argv against it the same way for all:
 * "--opt V" and "--opt=V", options anywhere before "--" (so
 * `staple decode *.der --json` works), "--" ends them, "-" alone is an
 * operand (standard input), "-h" and "--help" print the command's help.
 * Every mistake is a usage error worded the same for every command.
 */
#include "tool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* see tool.h */
int staple_usage_error(const char *command, const char *arg,
                       const char *message)
{
	fprintf(stderr, "staple: %s: ", command);
	if (arg != NULL) {
		staple_print_escaped(stderr, arg);
		fputs(": ", stderr);
	}
	fprintf(stderr, "%s\nTry 'staple %s --help'.\n", message, command);
	return STAPLE_EXIT_USAGE;
}

/*
 * The option of the table that argv[*i] spells, alone or with "=V":
 * its index, and *value ("=V", the next argument, or NULL when it is
 * missing; a flag's value is its own spelling).  -1 when none.
 */
static int find_option(const struct staple_command *cmd, char **argv,
                       int argc, int *i, const char **value)
{
	const char *a = argv[*i];
	size_t k, n;

	for (k = 0; k < cmd->n_options; k++) {
		const struct staple_option *opt = &cmd->options[k];
		n = strlen(opt->name);
		if (strncmp(a, opt->name, n) != 0)
			continue;
		if (a[n] == '\0') {
			if (opt->kind == STAPLE_OPT_FLAG)
				*value = a;
			else
				*value = *i + 1 < argc ? argv[++*i] : NULL;
			return (int)k;
		}
		if (a[n] == '=') {
			*value = a + n + 1;
			return (int)k;
		}
	}
	return -1;
}

/* see tool.h */
int staple_options_parse(const struct staple_command *cmd, int argc,
                         char **argv, const char **values, int *operands,
                         int *n_operands)
{
	int i, options = 1;
	size_t k;

	for (k = 0; k < cmd->n_options; k++)
		values[k] = NULL;
	*n_operands = 0;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *value = NULL;
		const struct staple_option *opt;
		int at;

		if (!options || a[0] != '-' || a[1] == '\0') {
			operands[(*n_operands)++] = i;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			options = 0;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			cmd->help(stdout);
			return fflush(stdout) == 0 ? STAPLE_EXIT_OK
			                           : STAPLE_EXIT_USAGE;
		}
		at = find_option(cmd, argv, argc, &i, &value);
		if (at < 0)
			return staple_usage_error(cmd->name, a,
			                          "unknown option");
		opt = &cmd->options[at];
		if (opt->kind == STAPLE_OPT_FLAG) {
			if (value != a) /* "--json=..." */
				return staple_usage_error(cmd->name, a,
				                          "takes no value");
			values[at] = a; /* given twice is given */
			continue;
		}
		if (value == NULL ||
		    (*value == '\0' && opt->kind != STAPLE_OPT_VALUE_OR_EMPTY))
			return staple_usage_error(cmd->name, a,
			                          "needs a value");
		if (values[at] != NULL)
			return staple_usage_error(cmd->name, a, "given twice");
		values[at] = value;
	}
	return -1;
}

/* see tool.h */
int staple_parse_count(const char *s, size_t max, size_t *out)
{
	size_t v = 0;

	*out = 0;
	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (size_t)(*s - '0');
		if (v > max)
			return -1; /* before it can wrap, for any max below
			              SIZE_MAX / 10 */
	}
	if (v == 0)
		return -1;
	*out = v;
	return 0;
}
