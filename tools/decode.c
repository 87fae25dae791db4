/*
 * decode.c -- `staple decode [--json] FILE...`
 *
 * Every input is decoded on its own: one that cannot be read or decoded
 * does not stop the others.  A result is rendered whole into a buffer and
 * only then written, so a failing input leaves no partial output on
 * stdout.  Text mode reports failures on stderr as
 * "staple: FILE: MESSAGE at offset N"; JSON mode prints an error object
 * on stdout instead, one line per input either way.
 */
#include "tool.h"

#include <stdio.h>
#include <string.h>

/* Options of DESIGN section 6 that a later issue implements. */
static const char *const later_options[] = {
	"--issuer", "--cert", "--at", "--skew", "--backend",
};

struct decode_opts {
	int json;
	int end_of_options; /* index in argv of "--", or argc */
};

/* "staple: decode: [ARG: ]MESSAGE" and a hint; returns the exit status. */
static int usage_error(const char *arg, const char *message)
{
	if (arg != NULL)
		fprintf(stderr, "staple: decode: %s: %s\n", arg, message);
	else
		fprintf(stderr, "staple: decode: %s\n", message);
	fputs("Try 'staple --help'.\n", stderr);
	return STAPLE_EXIT_USAGE;
}

static int is_later_option(const char *arg)
{
	size_t i;

	for (i = 0; i < sizeof later_options / sizeof later_options[0]; i++) {
		size_t n = strlen(later_options[i]);
		if (strncmp(arg, later_options[i], n) == 0 &&
		    (arg[n] == '\0' || arg[n] == '='))
			return 1;
	}
	return 0;
}

/*
 * argv[i] names an input: not "--" and not an option before it.  "-"
 * alone is stdin.
 */
static int is_file(char **argv, int i, const struct decode_opts *o)
{
	const char *a = argv[i];

	if (i == o->end_of_options)
		return 0;
	return i > o->end_of_options || a[0] != '-' || a[1] == '\0';
}

/*
 * Options may come anywhere before "--" (so `staple decode *.der --json`
 * works).  Returns -1 to go on, else an exit status (--help, or a usage
 * error).
 */
static int parse_options(int argc, char **argv, struct decode_opts *o)
{
	int i, files = 0;

	memset(o, 0, sizeof *o);
	o->end_of_options = argc;
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--") == 0) {
			o->end_of_options = i;
			break;
		}
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (is_file(argv, i, o)) {
			files++;
		} else if (i == o->end_of_options) {
			continue;
		} else if (strcmp(a, "--json") == 0) {
			o->json = 1;
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			staple_usage(stdout);
			return STAPLE_EXIT_OK;
		} else if (is_later_option(a)) {
			return usage_error(a, "not supported yet");
		} else {
			return usage_error(a, "unknown option");
		}
	}
	if (files == 0)
		return usage_error(NULL, "no input file (use - for stdin)");
	return -1;
}

/* Diagnostics of text mode, on stderr. */
static void problem_report(const char *file, const struct staple_problem *pb)
{
	if (pb->has_offset)
		fprintf(stderr, "staple: %s: %s at offset %zu\n", file,
		        pb->message, pb->offset);
	else
		fprintf(stderr, "staple: %s: %s\n", file, pb->message);
}

static int decoder_problem(struct staple_problem *pb, int err, size_t offset)
{
	memset(pb, 0, sizeof *pb);
	pb->status = STAPLE_EXIT_MALFORMED;
	pb->code = staple_errname(err);
	(void)snprintf(pb->message, sizeof pb->message, "%s",
	               staple_strerror(err));
	pb->offset = offset;
	pb->has_offset = 1;
	return pb->status;
}

/* Read, decode and render one input into *out.  Returns its status. */
static int decode_one(const char *file, int json, struct staple_buf *out,
                      struct staple_problem *pb)
{
	struct staple_input in;
	struct staple_response r;
	int rc, err;

	rc = staple_input_load(&in, file, pb);
	if (rc == 0) {
		err = staple_decode(&r, in.der.p, in.der.n);
		if (err != STAPLE_OK) {
			rc = decoder_problem(pb, err, staple_error_offset(&r));
		} else {
			err = json ? staple_json_response(out, file, &r)
			           : staple_text_response(out, file, &r);
			/* not after a successful decode; reported if it is */
			if (err != STAPLE_OK)
				rc = decoder_problem(pb, err, 0);
		}
	}
	staple_input_free(&in);
	return rc;
}

/* Write what one input produced.  Returns its exit status. */
static int emit(const char *file, const struct decode_opts *o,
                size_t *blocks)
{
	struct staple_buf out = {NULL, 0, 0};
	struct staple_problem pb;
	int rc = decode_one(file, o->json, &out, &pb);

	if (rc != 0) {
		out.n = 0; /* drop anything partial */
		if (o->json)
			staple_json_problem(&out, file, &pb);
		else
			problem_report(file, &pb);
	} else if (!o->json && (*blocks)++ > 0) {
		fputc('\n', stdout); /* a blank line between text blocks */
	}
	if (out.n > 0)
		(void)fwrite(out.p, 1, out.n, stdout);
	/* keep stdout and stderr in input order on a terminal */
	(void)fflush(stdout);
	staple_buf_free(&out);
	return rc;
}

/* see tool.h */
int staple_cmd_decode(int argc, char **argv)
{
	struct decode_opts o;
	int status = STAPLE_EXIT_OK, i, rc;
	size_t blocks = 0;

	rc = parse_options(argc, argv, &o);
	if (rc >= 0)
		return rc;
	for (i = 1; i < argc; i++) {
		if (!is_file(argv, i, &o))
			continue;
		rc = emit(argv[i], &o, &blocks);
		if (rc > status)
			status = rc; /* 2 wins over 1 */
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("staple: stdout");
		status = STAPLE_EXIT_USAGE;
	}
	return status;
}
