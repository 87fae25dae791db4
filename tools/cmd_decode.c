/*
 * cmd_decode.c -- `staple decode [--json] FILE...`
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
#include <stdlib.h>
#include <string.h>

struct decode_opts {
	int json;
	struct staple_text_style style; /* --at (default now), --ms */
	int *files;   /* indexes in argv of the inputs */
	int n_files;
	const char *max_size; /* --max-size as given */
	struct staple_verify_options verify;
};

/* "staple: decode: [ARG: ]MESSAGE" and a hint; returns the exit status. */
static int usage_error(const char *arg, const char *message)
{
	return staple_usage_error("decode", arg, message);
}

/* decode's options, in the order of decode_command's values[]. */
enum { OPT_JSON, OPT_ISSUER, OPT_CERT, OPT_AT, OPT_SKEW, OPT_BACKEND,
       OPT_MAX_SIZE, OPT_MS, N_OPTS };
static const struct staple_option decode_options[N_OPTS] = {
	[OPT_JSON] = {"--json", STAPLE_OPT_FLAG},
	[OPT_ISSUER] = {"--issuer", STAPLE_OPT_VALUE},
	[OPT_CERT] = {"--cert", STAPLE_OPT_VALUE},
	[OPT_AT] = {"--at", STAPLE_OPT_VALUE},
	[OPT_SKEW] = {"--skew", STAPLE_OPT_VALUE},
	[OPT_BACKEND] = {"--backend", STAPLE_OPT_VALUE},
	[OPT_MAX_SIZE] = {"--max-size", STAPLE_OPT_VALUE},
	[OPT_MS] = {"--ms", STAPLE_OPT_FLAG},
};
static const struct staple_command decode_command = {
	"decode", decode_options, N_OPTS, staple_usage_decode};

/*
 * The command line into *o (staple_options_parse()).  Returns -1 to go
 * on, else an exit status (--help, or a usage error).
 */
static int parse_options(int argc, char **argv, struct decode_opts *o)
{
	const char *v[N_OPTS];
	int rc;

	memset(o, 0, sizeof *o);
	o->files = malloc((size_t)argc * sizeof *o->files);
	if (o->files == NULL)
		staple_out_of_memory();
	rc = staple_options_parse(&decode_command, argc, argv, v, o->files,
	                          &o->n_files);
	if (rc >= 0)
		return rc;
	o->json = v[OPT_JSON] != NULL;
	o->verify.issuer = v[OPT_ISSUER];
	o->verify.cert = v[OPT_CERT];
	o->verify.at = v[OPT_AT];
	o->verify.skew = v[OPT_SKEW];
	o->verify.backend = v[OPT_BACKEND];
	o->max_size = v[OPT_MAX_SIZE];
	o->style.show_ms = v[OPT_MS] != NULL;
	o->style.at_ms = staple_now_ms();
	if (o->verify.at != NULL &&
	    staple_parse_time(o->verify.at, &o->style.at_ms) != 0)
		return usage_error(o->verify.at,
		                   "not a time (YYYY-MM-DDTHH:MM:SSZ, "
		                   "YYYYMMDDHHMMSSZ or @SECONDS)");
	if (o->verify.issuer == NULL &&
	    (o->verify.cert != NULL || o->verify.skew != NULL ||
	     o->verify.backend != NULL))
		return usage_error(NULL, "--cert, --skew and --backend "
		                         "verify, which needs --issuer");
	if (o->max_size != NULL &&
	    staple_parse_count(o->max_size, STAPLE_INPUT_MAX_LIMIT,
	                       &o->verify.max_size) != 0)
		return usage_error(o->max_size,
		                   "not a number of bytes from 1 to 1073741824 "
		                   "(--max-size)");
	if (o->n_files == 0)
		return usage_error(NULL, "no input file (use - for stdin)");
	return -1;
}

/*
 * Diagnostics of text mode, on stderr:
 * "staple: FILE: MESSAGE[ at offset N][ (HINT)]", FILE escaped.
 */
static void problem_report(const char *file, const struct staple_problem *pb)
{
	struct staple_buf line = {NULL, 0, 0};

	staple_buf_str(&line, "staple: ");
	staple_buf_escaped(&line, file);
	staple_buf_printf(&line, ": %s", pb->message);
	if (pb->has_offset)
		staple_buf_printf(&line, " at offset %zu", pb->offset);
	if (pb->hint[0] != '\0')
		staple_buf_printf(&line, " (%s)", pb->hint);
	staple_buf_char(&line, '\n');
	(void)fwrite(line.p, 1, line.n, stderr);
	staple_buf_free(&line);
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

/*
 * Read, decode, verify when v is not NULL, and render one input into
 * *out.  Returns its status.
 */
static int decode_one(const char *file, const struct decode_opts *o,
                      const struct staple_verify_setup *v,
                      struct staple_buf *out, struct staple_problem *pb)
{
	struct staple_verify_report report, *vr = NULL;
	struct staple_input in;
	struct staple_response r;
	int rc, err;

	rc = staple_input_load_max(&in, file, o->verify.max_size, pb);
	if (rc == 0) {
		err = staple_decode(&r, in.der.p, in.der.n);
		if (err != STAPLE_OK) {
			rc = decoder_problem(pb, err, staple_error_offset(&r));
			staple_input_hint(&in, pb);
		} else {
			if (v != NULL) {
				vr = &report;
				staple_verify_run(v, &r, vr);
			}
			err = o->json ? staple_json_response(out, file, &r, vr)
			              : staple_text_response(out, &o->style, file,
			                                     &r, vr);
			/* not after a successful decode; reported if it is */
			if (err != STAPLE_OK)
				rc = decoder_problem(pb, err, 0);
			else if (vr != NULL && vr->verdict != STAPLE_OK)
				rc = STAPLE_EXIT_VERIFY; /* printed, not a problem */
		}
	}
	staple_input_free(&in);
	return rc;
}

/* Write what one input produced.  Returns its exit status. */
static int emit(const char *file, const struct decode_opts *o,
                const struct staple_verify_setup *v, size_t *blocks)
{
	struct staple_buf out = {NULL, 0, 0};
	struct staple_problem pb;
	int rc = decode_one(file, o, v, &out, &pb);

	if (rc != 0 && rc != STAPLE_EXIT_VERIFY) {
		out.n = 0; /* drop anything partial */
		if (o->json)
			staple_json_problem(&out, file, &pb);
		else
			problem_report(file, &pb);
	} else if (!o->json && (*blocks)++ > 0) { /* also after a verdict */
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
	struct staple_verify_setup setup;
	struct decode_opts o;
	int status = STAPLE_EXIT_OK, verify, i, rc;
	size_t blocks = 0;

	memset(&setup, 0, sizeof setup);
	rc = parse_options(argc, argv, &o);
	verify = o.verify.issuer != NULL;
	if (rc < 0 && verify)
		rc = staple_verify_setup_load(&setup, &o.verify) == 0 ? -1
		                                                      : STAPLE_EXIT_USAGE;
	for (i = 0; rc < 0 && i < o.n_files; i++) {
		int one = emit(argv[o.files[i]], &o, verify ? &setup : NULL,
		               &blocks);
		if (one > status)
			status = one; /* the highest status wins */
	}
	if (rc < 0 && (fflush(stdout) != 0 || ferror(stdout))) {
		perror("staple: stdout");
		status = STAPLE_EXIT_USAGE;
	}
	staple_verify_setup_free(&setup);
	free(o.files);
	return rc >= 0 ? rc : status;
}
