/*
 * text_check.h -- what the tool's text output must be: strict UTF-8
 * without control characters.  No abort in here: the tests use it too.
 */
#ifndef STAPLE_FUZZ_TEXT_CHECK_H
#define STAPLE_FUZZ_TEXT_CHECK_H

#include <stddef.h>
#include <stdint.h>

/*
 * Length of the strict UTF-8 sequence at s[0..n) (RFC 3629: no overlong
 * form, no surrogate, nothing above U+10FFFF), its code point in *cp; 0
 * when s does not start with one.
 */
size_t fuzz_utf8_decode(const uint8_t *s, size_t n, uint32_t *cp);

/*
 * Text for people and logs: valid UTF-8 without control characters (C0,
 * DEL, C1), except "\n" when newlines is 1.  NULL when it is, else what
 * is wrong with *at where.
 */
const char *fuzz_text_error(const char *s, size_t n, int newlines,
                            size_t *at);

#endif /* STAPLE_FUZZ_TEXT_CHECK_H */
