/* util.c -- files, hex, JSON and running programs, for every suite. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* fork, pipe, poll, fchdir */
#endif

#include "tests.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "json_check.h"

static const char *env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);
	return v != NULL && v[0] != '\0' ? v : fallback;
}

const char *test_fixtures_dir(void)
{
	return env_or("STAPLE_FIXTURES", "tests/fixtures");
}

const char *test_vectors_dir(void)
{
	return env_or("STAPLE_VECTORS", "../shared/vectors");
}

const char *test_tool_path(void)
{
	return env_or("STAPLE_BIN", "build/staple");
}

int test_read_file(const char *path, uint8_t **buf, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t size = 0;
	uint8_t chunk[4096];
	size_t got;

	*buf = NULL;
	*len = 0;
	if (f == NULL)
		return -1;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		uint8_t *grown = realloc(data, size + got);
		if (grown == NULL) {
			free(data);
			fclose(f);
			return -1;
		}
		data = grown;
		memcpy(data + size, chunk, got);
		size += got;
	}
	if (ferror(f)) {
		free(data);
		fclose(f);
		return -1;
	}
	fclose(f);
	if (data == NULL) {
		data = malloc(1);
		if (data == NULL)
			return -1;
	}
	*buf = data;
	*len = size;
	return 0;
}

int test_read_in(const char *dir, const char *name, uint8_t **buf,
                 size_t *len)
{
	char path[4096];
	int n = snprintf(path, sizeof path, "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= sizeof path) {
		*buf = NULL;
		*len = 0;
		return -1;
	}
	return test_read_file(path, buf, len);
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

uint8_t *test_hex(const char *hex, size_t *len)
{
	size_t digits = 0, i, n = 0;
	uint8_t *out;
	int hi = -1;

	for (i = 0; hex[i] != '\0'; i++)
		if (hex_value(hex[i]) >= 0)
			digits++;
	ck_assert_msg(digits % 2 == 0, "odd hex string: %s", hex);
	out = malloc(digits / 2 > 0 ? digits / 2 : 1);
	ck_assert_ptr_nonnull(out);
	for (i = 0; hex[i] != '\0'; i++) {
		int v = hex_value(hex[i]);
		if (v < 0) {
			ck_assert_msg(hex[i] == ' ' || hex[i] == '\n' ||
			                      hex[i] == ':',
			              "bad hex character in: %s", hex);
			continue;
		}
		if (hi < 0) {
			hi = v;
		} else {
			out[n++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
	}
	*len = n;
	return out;
}

/* see tests.h; the rules are fuzz/json_check.h's, one validator for the
 * harnesses and the tests. */
const char *test_json_value(const char *p)
{
	size_t end;

	return fuzz_json_value(p, strlen(p), &end) == NULL ? p + end : NULL;
}

/* --- running programs ------------------------------------------------------ */

/* Returns 0, or -1 when out of memory. */
static int text_add(struct test_text *t, const char *p, size_t n)
{
	char *grown = realloc(t->p, t->n + n + 1);

	if (grown == NULL)
		return -1;
	memcpy(grown + t->n, p, n);
	t->p = grown;
	t->n += n;
	t->p[t->n] = '\0';
	return 0;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* An empty run: status -1 until it has run, "" for out and err. */
static int run_start(struct test_run *r)
{
	memset(r, 0, sizeof *r);
	r->status = -1;
	if (text_add(&r->out, "", 0) != 0 || text_add(&r->err, "", 0) != 0) {
		snprintf(r->note, sizeof r->note, "out of memory");
		return -1;
	}
	return 0;
}

void test_run_free(struct test_run *r)
{
	free(r->out.p);
	free(r->err.p);
	memset(r, 0, sizeof *r);
}

/* Child side: stdin, stdout, stderr and the directory, then prog. */
static void child_exec(const char *prog, char *const argv[],
                       const struct test_spawn *how, int in, int out,
                       int err)
{
	if (in < 0)
		in = open("/dev/null", O_RDONLY);
	if (in < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
		_exit(126);
	if (how->dir != NULL && chdir(how->dir) != 0)
		_exit(126);
	if (strchr(prog, '/') != NULL)
		execv(prog, argv);
	else
		execvp(prog, argv);
	_exit(127);
}

/*
 * Parent side: feed stdin (fd[0], non-blocking, -1 when none), collect
 * stdout and stderr (fd[1], fd[2]) until both end or the time is up.
 */
static void parent_io(struct test_run *r, pid_t pid, int fd[3],
                      const struct test_spawn *how, long long start)
{
	const char *in = how->in;
	size_t sent = 0;
	int k;

	while (fd[1] >= 0 || fd[2] >= 0) {
		struct pollfd fds[3] = {{fd[0], POLLOUT, 0},
		                        {fd[1], POLLIN, 0},
		                        {fd[2], POLLIN, 0}};
		long long left = how->limit_ms - (now_ms() - start);
		int ready;

		if (how->limit_ms > 0 && left <= 0) {
			ready = 0;
		} else {
			ready = poll(fds, 3, how->limit_ms > 0 ? (int)left : -1);
			if (ready < 0 && errno == EINTR)
				continue;
		}
		if (ready <= 0) {
			kill(pid, SIGKILL);
			snprintf(r->note, sizeof r->note, "%s",
			         ready == 0 ? "killed: it took too long"
			                    : strerror(errno));
			break;
		}
		if (fd[0] >= 0 && fds[0].revents != 0) {
			ssize_t put = write(fd[0], in + sent, how->in_n - sent);
			if (put > 0)
				sent += (size_t)put;
			if ((put < 0 && errno != EAGAIN && errno != EINTR) ||
			    sent == how->in_n) {
				close(fd[0]); /* EPIPE: it stopped reading */
				fd[0] = -1;
			}
		}
		for (k = 1; k <= 2; k++) {
			struct test_text *t = k == 1 ? &r->out : &r->err;
			char chunk[8192];
			ssize_t got;

			if (fd[k] < 0 || fds[k].revents == 0)
				continue;
			got = read(fd[k], chunk, sizeof chunk);
			if (got < 0 && errno == EINTR)
				continue;
			if (got <= 0 || text_add(t, chunk, (size_t)got) != 0) {
				close(fd[k]);
				fd[k] = -1;
			}
		}
	}
	for (k = 0; k < 3; k++)
		if (fd[k] >= 0)
			close(fd[k]);
}

/* see tests.h */
void test_run_program(struct test_run *r, const char *prog,
                      char *const argv[], const struct test_spawn *how)
{
	int in[2] = {-1, -1}, out[2] = {-1, -1}, err[2] = {-1, -1};
	int fd[3], wstatus = 0, k;
	long long start;
	pid_t pid;

	if (run_start(r) != 0)
		return;
	if (pipe(out) != 0 || pipe(err) != 0 ||
	    (how->in != NULL && pipe(in) != 0)) {
		snprintf(r->note, sizeof r->note, "pipe: %s", strerror(errno));
		goto close_all;
	}
	/* a write to a program that exited early fails, not kills us */
	signal(SIGPIPE, SIG_IGN);
	fflush(NULL); /* nothing buffered here is written twice */
	start = now_ms();
	pid = fork();
	if (pid < 0) {
		snprintf(r->note, sizeof r->note, "fork: %s", strerror(errno));
		goto close_all;
	}
	if (pid == 0) {
		if (in[1] >= 0)
			close(in[1]);
		close(out[0]);
		close(err[0]);
		child_exec(prog, argv, how, in[0], out[1], err[1]);
	}
	close(out[1]);
	close(err[1]);
	if (in[0] >= 0) {
		close(in[0]);
		if (how->in_n == 0 || fcntl(in[1], F_SETFL, O_NONBLOCK) != 0) {
			close(in[1]); /* nothing to say: end of file at once */
			in[1] = -1;
		}
	}
	fd[0] = in[1];
	fd[1] = out[0];
	fd[2] = err[0];
	parent_io(r, pid, fd, how, start);
	while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
		continue;
	r->ms = now_ms() - start;
	r->status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus)
	                               : 128 + WTERMSIG(wstatus);
	return;

close_all:
	for (k = 0; k < 2; k++) {
		if (in[k] >= 0)
			close(in[k]);
		if (out[k] >= 0)
			close(out[k]);
		if (err[k] >= 0)
			close(err[k]);
	}
}

/* All of f, from its start, after t. */
static int text_read(struct test_text *t, FILE *f)
{
	char chunk[8192];
	size_t got;

	rewind(f);
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (text_add(t, chunk, got) != 0)
			return -1;
	return ferror(f) ? -1 : 0;
}

/* see tests.h */
void test_run_command(struct test_run *r, const char *dir,
                      int (*command)(int argc, char **argv), char **argv)
{
	FILE *out = NULL, *err = NULL;
	int saved[3] = {-1, -1, -1}, here = -1, null = -1, argc = 0, k;
	long long start;

	if (run_start(r) != 0)
		return;
	while (argv[argc] != NULL)
		argc++;
	fflush(NULL);
	out = tmpfile();
	err = tmpfile();
	null = open("/dev/null", O_RDONLY);
	here = open(".", O_RDONLY);
	for (k = 0; k < 3; k++)
		saved[k] = dup(k);
	if (out == NULL || err == NULL || null < 0 || here < 0 ||
	    saved[0] < 0 || saved[1] < 0 || saved[2] < 0 ||
	    dup2(null, 0) < 0 || dup2(fileno(out), 1) < 0 ||
	    dup2(fileno(err), 2) < 0) {
		snprintf(r->note, sizeof r->note, "redirect: %s",
		         strerror(errno));
	} else if (dir != NULL && chdir(dir) != 0) {
		snprintf(r->note, sizeof r->note, "chdir %s: %s", dir,
		         strerror(errno));
	} else {
		start = now_ms();
		r->status = command(argc, argv);
		r->ms = now_ms() - start;
		fflush(stdout);
		fflush(stderr);
		clearerr(stdin);
	}
	for (k = 0; k < 3; k++)
		if (saved[k] >= 0) {
			dup2(saved[k], k);
			close(saved[k]);
		}
	if (here >= 0) {
		if (fchdir(here) != 0 && r->note[0] == '\0')
			snprintf(r->note, sizeof r->note, "fchdir: %s",
			         strerror(errno));
		close(here);
	}
	if (null >= 0)
		close(null);
	if (out != NULL && err != NULL &&
	    (text_read(&r->out, out) != 0 || text_read(&r->err, err) != 0))
		snprintf(r->note, sizeof r->note, "cannot read its output");
	if (out != NULL)
		fclose(out);
	if (err != NULL)
		fclose(err);
}

/* see tests.h */
void test_args_init(struct test_args *a, const char *program)
{
	a->n = 0;
	a->bad = 0;
	a->v[0] = NULL;
	test_arg(a, program);
}

/* see tests.h */
void test_arg(struct test_args *a, const char *s)
{
	size_t n = strlen(s);

	if (a->n >= TEST_MAX_ARGS || n >= TEST_ARG_LEN) {
		a->bad = 1;
		return;
	}
	memcpy(a->text[a->n], s, n + 1);
	a->v[a->n] = a->text[a->n];
	a->v[++a->n] = NULL;
}
