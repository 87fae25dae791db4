/*
 * json_check.h -- the one JSON validator: the fuzz harnesses check the
 * tool's --json output with it, and the tests (tests/util.c) every line
 * of JSON they read.  No abort in here.
 */
#ifndef STAPLE_FUZZ_JSON_CHECK_H
#define STAPLE_FUZZ_JSON_CHECK_H

#include <stddef.h>

/*
 * Strict RFC 8259: s[0..n) is exactly one JSON value, optionally followed
 * by one "\n" and nothing else (no white space before or after).  Strings
 * are valid UTF-8 (RFC 3629) with every control character escaped and
 * \u surrogates paired; numbers follow the grammar; objects have no
 * duplicate member names.  Returns NULL when valid, else what is wrong,
 * with *at the offset where it was found.
 */
const char *fuzz_json_error(const char *s, size_t n, size_t *at);

/*
 * The same rules for one JSON value at the start of s[0..n), whatever
 * follows it: NULL when there is one, with *end just after it; else what
 * is wrong, with *end where it was found.
 */
const char *fuzz_json_value(const char *s, size_t n, size_t *end);

#endif /* STAPLE_FUZZ_JSON_CHECK_H */
