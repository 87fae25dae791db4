/*
 * driver.c -- replay inputs through a harness without libFuzzer.
 *
 *   fuzz_decode [-v] FILE|DIR...
 *
 * Links in place of -fsanitize=fuzzer (ENGINE in the Makefile), so any
 * compiler builds the harnesses and `make fuzz-regress` replays the
 * committed corpora, plain or under the sanitizers.  Each argument is a
 * file or a directory; a directory gives every regular file in it (not
 * its subdirectories), in strcmp() order of the names so that runs are
 * repeatable.  Each input is handed to LLVMFuzzerTestOneInput() in a heap
 * buffer of exactly its size, so that AddressSanitizer catches a read one
 * byte past it.  Other arguments starting with "-" are libFuzzer flags
 * and ignored; "-v" prints each file before it runs, to find the one that
 * crashes.  Prints "driver: N inputs" at the end; exits 1 when an argument
 * or a file cannot be read.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int verbose;

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n > 0 ? n : 1);

	if (q == NULL) {
		fputs("driver: out of memory\n", stderr);
		exit(1);
	}
	return q;
}

/* Read path whole.  Returns 0, or -1 after printing why. */
static int read_file(const char *path, uint8_t **data, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t n = 0, cap = 0;

	if (f == NULL) {
		fprintf(stderr, "driver: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		size_t got;
		if (n == cap) {
			cap = cap > 0 ? cap * 2 : 4096;
			buf = xrealloc(buf, cap);
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "driver: %s: read error\n", path);
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	*data = buf;
	*size = n;
	return 0;
}

/* Run one file.  Returns 0, or -1 when it cannot be read. */
static int run_file(const char *path, size_t *count)
{
	uint8_t *buf, *exact;
	size_t n;

	if (read_file(path, &buf, &n) != 0)
		return -1;
	/* malloc(0) is a valid, zero-size block for glibc and ASan */
	exact = malloc(n);
	if (exact == NULL && n > 0) {
		fputs("driver: out of memory\n", stderr);
		exit(1);
	}
	if (n > 0)
		memcpy(exact, buf, n);
	free(buf);
	if (verbose)
		fprintf(stderr, "driver: %s (%zu bytes)\n", path, n);
	(void)LLVMFuzzerTestOneInput(exact, n);
	free(exact);
	(*count)++;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file directly in dir, sorted by name. */
static int run_dir(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **paths = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	if (d == NULL) {
		fprintf(stderr, "driver: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	for (;;) {
		struct stat st;
		size_t len;
		char *path;

		errno = 0;
		e = readdir(d);
		if (e == NULL) {
			if (errno != 0) {
				fprintf(stderr, "driver: %s: %s\n", dir,
				        strerror(errno));
				rc = -1;
			}
			break;
		}
		len = strlen(dir) + 1 + strlen(e->d_name) + 1;
		path = xrealloc(NULL, len);
		(void)snprintf(path, len, "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0) {
			fprintf(stderr, "driver: %s: %s\n", path,
			        strerror(errno));
			free(path);
			rc = -1;
			break;
		}
		if (!S_ISREG(st.st_mode)) {
			free(path);
			continue;
		}
		if (n == cap) {
			cap = cap > 0 ? cap * 2 : 64;
			paths = xrealloc(paths, cap * sizeof *paths);
		}
		paths[n++] = path;
	}
	closedir(d);
	if (n > 0)
		qsort(paths, n, sizeof *paths, by_name);
	for (i = 0; i < n; i++) {
		if (rc == 0 && run_file(paths[i], count) != 0)
			rc = -1;
		free(paths[i]);
	}
	free(paths);
	return rc;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	int i;

	for (i = 1; i < argc; i++) {
		struct stat st;
		int rc;

		if (argv[i][0] == '-') {
			if (strcmp(argv[i], "-v") == 0)
				verbose = 1;
			continue; /* a libFuzzer flag */
		}
		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "driver: %s: %s\n", argv[i],
			        strerror(errno));
			return 1;
		}
		rc = S_ISDIR(st.st_mode) ? run_dir(argv[i], &count)
		                         : run_file(argv[i], &count);
		if (rc != 0)
			return 1;
	}
	printf("driver: %zu inputs\n", count);
	return 0;
}
