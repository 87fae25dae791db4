/*
 * test_abi.c -- what a program built against one version of staple.h
 * may rely on: every enumerator keeps its number (a new code takes the
 * next free one, never renumbers the others), names are "" rather than
 * NULL, and a struct staple_response of another layout is refused with
 * STAPLE_ERR_ABI without a byte written past it (tests/abi.sh checks the
 * same from programs built with other limits).
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */

#include "tests.h"

#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "staple.h"
#include "backend.h"
#include "bearssl/shim.h"

struct pin {
	const char *name;
	long value;
	long want;
};

#define PIN(name, want) {#name, (long)(name), want}

static const struct pin pins[] = {
	PIN(STAPLE_OK, 0),
	PIN(STAPLE_ERR_ARGUMENT, 1),
	PIN(STAPLE_ERR_TRUNCATED, 2),
	PIN(STAPLE_ERR_TAG, 3),
	PIN(STAPLE_ERR_INDEFINITE_LENGTH, 4),
	PIN(STAPLE_ERR_LONG_LENGTH, 5),
	PIN(STAPLE_ERR_NONMINIMAL_LENGTH, 6),
	PIN(STAPLE_ERR_INTEGER, 7),
	PIN(STAPLE_ERR_BOOLEAN, 8),
	PIN(STAPLE_ERR_NULL, 9),
	PIN(STAPLE_ERR_BIT_STRING, 10),
	PIN(STAPLE_ERR_OID, 11),
	PIN(STAPLE_ERR_TIME, 12),
	PIN(STAPLE_ERR_TRAILING_DATA, 13),
	PIN(STAPLE_ERR_SET_ORDER, 14),
	PIN(STAPLE_ERR_ENCODED_DEFAULT, 15),
	PIN(STAPLE_ERR_EMPTY, 16),
	PIN(STAPLE_ERR_RESPONSE_STATUS, 17),
	PIN(STAPLE_ERR_RESPONSE_TYPE, 18),
	PIN(STAPLE_ERR_VERSION, 19),
	PIN(STAPLE_ERR_REASON, 20),
	PIN(STAPLE_ERR_MISSING, 21),
	PIN(STAPLE_ERR_UNEXPECTED, 22),
	PIN(STAPLE_ERR_DUPLICATE_EXTENSION, 23),
	PIN(STAPLE_ERR_LIMIT, 24),
	PIN(STAPLE_ERR_RANGE, 25),
	PIN(STAPLE_ERR_KEY, 26),
	PIN(STAPLE_ERR_ALGORITHM_MISMATCH, 27),
	PIN(STAPLE_ERR_ALGORITHM_PARAMS, 28),
	PIN(STAPLE_ERR_NOT_SUCCESSFUL, 29),
	PIN(STAPLE_ERR_SIGNER_NOT_FOUND, 30),
	PIN(STAPLE_ERR_RESPONDER_CERT, 31),
	PIN(STAPLE_ERR_UNSUPPORTED_ALGORITHM, 32),
	PIN(STAPLE_ERR_KEY_MISMATCH, 33),
	PIN(STAPLE_ERR_SIGNATURE, 34),
	PIN(STAPLE_ERR_RESPONDER_ISSUER, 35),
	PIN(STAPLE_ERR_RESPONDER_EKU, 36),
	PIN(STAPLE_ERR_RESPONDER_NOT_YET_VALID, 37),
	PIN(STAPLE_ERR_RESPONDER_EXPIRED, 38),
	PIN(STAPLE_ERR_RESPONDER_CRITICAL, 39),
	PIN(STAPLE_ERR_CERTID_HASH, 40),
	PIN(STAPLE_ERR_CERTID_SERIAL, 41),
	PIN(STAPLE_ERR_CERTID_NAME_HASH, 42),
	PIN(STAPLE_ERR_CERTID_KEY_HASH, 43),
	PIN(STAPLE_ERR_CRITICAL_EXTENSION, 44),
	PIN(STAPLE_ERR_NOT_YET_VALID, 45),
	PIN(STAPLE_ERR_EXPIRED, 46),
	PIN(STAPLE_ERR_ABI, 47),
	PIN(STAPLE_ERR_END, 48),
	PIN(STAPLE_ERR_STRING, 49),
	PIN(STAPLE_ERR_COUNT_, 50),
	PIN(STAPLE_RESPONSE_NONE, -1),
	PIN(STAPLE_RESPONSE_SUCCESSFUL, 0),
	PIN(STAPLE_RESPONSE_MALFORMED_REQUEST, 1),
	PIN(STAPLE_RESPONSE_INTERNAL_ERROR, 2),
	PIN(STAPLE_RESPONSE_TRY_LATER, 3),
	PIN(STAPLE_RESPONSE_SIG_REQUIRED, 5),
	PIN(STAPLE_RESPONSE_UNAUTHORIZED, 6),
	PIN(STAPLE_OCSP_STATUS_UNKNOWN, 0),
	PIN(STAPLE_OCSP_STATUS_GOOD, 1),
	PIN(STAPLE_OCSP_STATUS_REVOKED, 2),
	PIN(STAPLE_OCSP_STATUS_SERVER_FAILED, 3),
	PIN(STAPLE_OCSP_REASON_NONE, -1),
	PIN(STAPLE_OCSP_REASON_UNSPECIFIED, 0),
	PIN(STAPLE_OCSP_REASON_KEY_COMPROMISE, 1),
	PIN(STAPLE_OCSP_REASON_CA_COMPROMISE, 2),
	PIN(STAPLE_OCSP_REASON_AFFILIATION_CHANGED, 3),
	PIN(STAPLE_OCSP_REASON_SUPERSEDED, 4),
	PIN(STAPLE_OCSP_REASON_CESSATION_OF_OPERATION, 5),
	PIN(STAPLE_OCSP_REASON_CERTIFICATE_HOLD, 6),
	PIN(STAPLE_OCSP_REASON_REMOVE_FROM_CRL, 8),
	PIN(STAPLE_OCSP_REASON_PRIVILEGE_WITHDRAWN, 9),
	PIN(STAPLE_OCSP_REASON_AA_COMPROMISE, 10),
	PIN(STAPLE_HASH_OTHER, 0),
	PIN(STAPLE_HASH_SHA1, 1),
	PIN(STAPLE_HASH_SHA224, 2),
	PIN(STAPLE_HASH_SHA256, 3),
	PIN(STAPLE_HASH_SHA384, 4),
	PIN(STAPLE_HASH_SHA512, 5),
	PIN(STAPLE_RESPONDER_NONE, 0),
	PIN(STAPLE_RESPONDER_BY_NAME, 1),
	PIN(STAPLE_RESPONDER_BY_KEY, 2),
	PIN(STAPLE_KEY_UNKNOWN, 0),
	PIN(STAPLE_KEY_RSA, 1),
	PIN(STAPLE_KEY_EC, 2),
	PIN(STAPLE_KEY_ED25519, 3),
	PIN(STAPLE_KEY_ED448, 4),
	PIN(STAPLE_CURVE_NONE, 0),
	PIN(STAPLE_CURVE_P256, 1),
	PIN(STAPLE_CURVE_P384, 2),
	PIN(STAPLE_CURVE_P521, 3),
	PIN(STAPLE_SIG_UNKNOWN, 0),
	PIN(STAPLE_SIG_RSA_PKCS1, 1),
	PIN(STAPLE_SIG_RSA_PSS, 2),
	PIN(STAPLE_SIG_ECDSA, 3),
	PIN(STAPLE_SIG_ED25519, 4),
	PIN(STAPLE_SIG_ED448, 5),
	PIN(STAPLE_SIGNER_NONE, 0),
	PIN(STAPLE_SIGNER_ISSUER, 1),
	PIN(STAPLE_SIGNER_DELEGATED, 2),
	PIN(STAPLE_CHECK_OK, 0),
	PIN(STAPLE_CHECK_WARNING, 1),
	PIN(STAPLE_CHECK_CRITICAL, 2),
	PIN(STAPLE_CHECK_UNKNOWN, 3),
	PIN(STAPLE_CHECK_GOOD, 0),
	PIN(STAPLE_CHECK_EXPIRES_SOON, 1),
	PIN(STAPLE_CHECK_NO_NEXT_UPDATE, 2),
	PIN(STAPLE_CHECK_NOT_VERIFIED, 3),
	PIN(STAPLE_CHECK_NO_STAPLE, 4),
	PIN(STAPLE_CHECK_MUST_STAPLE_MISSING, 5),
	PIN(STAPLE_CHECK_RESPONSE_STATUS, 6),
	PIN(STAPLE_CHECK_NO_ENTRY, 7),
	PIN(STAPLE_CHECK_EXPIRED, 8),
	PIN(STAPLE_CHECK_NOT_YET_VALID, 9),
	PIN(STAPLE_CHECK_VERIFY_FAILED, 10),
	PIN(STAPLE_CHECK_REVOKED, 11),
	PIN(STAPLE_CHECK_CERT_UNKNOWN, 12),
	PIN(STAPLE_EXT_UNKNOWN, 0),
	PIN(STAPLE_EXT_NONCE, 1),
	PIN(STAPLE_EXT_CRL_ID, 2),
	PIN(STAPLE_EXT_ACCEPTABLE_RESPONSES, 3),
	PIN(STAPLE_EXT_ARCHIVE_CUTOFF, 4),
	PIN(STAPLE_EXT_SERVICE_LOCATOR, 5),
	PIN(STAPLE_EXT_EXTENDED_REVOKE, 6),
	PIN(STAPLE_EXT_INVALIDITY_DATE, 7),
	PIN(STAPLE_EXT_SCT_LIST, 8),
	PIN(STAPLE_EXT_IN_RESPONSE, 0),
	PIN(STAPLE_EXT_IN_SINGLE, 1),
	PIN(STAPLE_EXT_IN_CERT, 2),
	PIN(STAPLE_NONCE_NONE, 0),
	PIN(STAPLE_NONCE_OCTET_STRING, 1),
	PIN(STAPLE_NONCE_RAW, 2),
	/* backends/backend.h and backends/bearssl/shim.h, installed too */
	PIN(STAPLE_STAPLING_NONE, 0),
	PIN(STAPLE_STAPLING_STAPLED, 1),
	PIN(STAPLE_STAPLING_NOT_ACKED, 2),
	PIN(STAPLE_STAPLING_NO_ANSWER, 3),
	PIN(STAPLE_STAPLING_RESUMED, 4),
	PIN(STAPLE_FETCH_OK, 0),
	PIN(STAPLE_FETCH_ARGUMENT, 1),
	PIN(STAPLE_FETCH_CAFILE, 2),
	PIN(STAPLE_FETCH_RESOLVE, 3),
	PIN(STAPLE_FETCH_CONNECT, 4),
	PIN(STAPLE_FETCH_TIMEOUT, 5),
	PIN(STAPLE_FETCH_TLS, 6),
	PIN(STAPLE_FETCH_UNTRUSTED, 7),
	PIN(STAPLE_FETCH_TOO_LARGE, 8),
	PIN(STAPLE_TLS_1_2, 0x0303),
	PIN(STAPLE_TLS_1_3, 0x0304),
	PIN(STAPLE_SHIM_PENDING, 0),
	PIN(STAPLE_SHIM_STAPLED, 1),
	PIN(STAPLE_SHIM_NOT_ACKED, 2),
	PIN(STAPLE_SHIM_NO_ANSWER, 3),
	PIN(STAPLE_SHIM_RESUMED, 4),
	PIN(STAPLE_SHIM_FAILED, 5),
	PIN(STAPLE_SHIM_OK, 0),
	PIN(STAPLE_SHIM_ERR_ARGUMENT, 1),
	PIN(STAPLE_SHIM_ERR_ENGINE_LAYOUT, 2),
	PIN(STAPLE_SHIM_ERR_CLIENT_HELLO, 3),
	PIN(STAPLE_SHIM_ERR_RECORD, 4),
	PIN(STAPLE_SHIM_ERR_MESSAGE, 5),
	PIN(STAPLE_SHIM_ERR_SERVER_HELLO, 6),
	PIN(STAPLE_SHIM_ERR_HELLO_TOO_LARGE, 7),
	PIN(STAPLE_SHIM_ERR_STATUS, 8),
	PIN(STAPLE_SHIM_ERR_STAPLE_TOO_LARGE, 9),
	PIN(STAPLE_SHIM_ERR_ENGINE_STATE, 10),
	PIN(STAPLE_SHIM_ERR_IO, 11),
	/* bits and sizes */
	PIN(STAPLE_LENIENT_EXPLICIT_VERSION, 0x1),
	PIN(STAPLE_LENIENT_EMPTY_EXTENSIONS, 0x2),
	PIN(STAPLE_LENIENT_NAMED_BITS, 0x4),
	PIN(STAPLE_CERT_CA, 0x01),
	PIN(STAPLE_CERT_KEY_USAGE, 0x02),
	PIN(STAPLE_CERT_EKU, 0x04),
	PIN(STAPLE_CERT_OCSP_SIGNING, 0x08),
	PIN(STAPLE_CERT_MUST_STAPLE, 0x10),
	PIN(STAPLE_CERT_OCSP_NOCHECK, 0x20),
	PIN(STAPLE_KU_DIGITAL_SIGNATURE, 0x001),
	PIN(STAPLE_KU_KEY_CERT_SIGN, 0x020),
	PIN(STAPLE_KU_CRL_SIGN, 0x040),
	PIN(STAPLE_HASH_MAX_SIZE, 64),
	PIN(STAPLE_ABI_VERSION, 1),
};

START_TEST(test_pinned)
{
	const struct pin *p = &pins[_i];

	ck_assert_msg(p->value == p->want, "%s is %ld, pinned at %ld",
	              p->name, p->value, p->want);
}
END_TEST

/* The *_name functions: "" for a value they do not know, never NULL. */
START_TEST(test_names_empty)
{
	static const uint8_t unknown_oid[] = {0x2a, 0x03, 0x04};
	struct staple_slice oid = {unknown_oid, sizeof unknown_oid};

	ck_assert_str_eq(staple_sigalg_name(oid), "");
	oid.p = NULL;
	oid.n = 0;
	ck_assert_str_eq(staple_sigalg_name(oid), "");
	ck_assert_str_eq(staple_hash_name(99), "");
	ck_assert_str_eq(staple_ocsp_status_name(99), "");
	ck_assert_str_eq(staple_ocsp_reason_name(99), "");
	ck_assert_str_eq(staple_response_status_name(99), "");
	ck_assert_str_eq(staple_signer_name(99), "");
	ck_assert_str_eq(staple_errname(STAPLE_ERR_ABI), "ABI");
	ck_assert_str_eq(staple_errname(STAPLE_ERR_COUNT_), "UNKNOWN_ERROR");
}
END_TEST

/*
 * A caller whose struct is smaller (STAPLE_MAX_SINGLE=1,
 * STAPLE_MAX_CERTS=1, as that caller's compiler lays it out), at the end
 * of a page before a PROT_NONE one: STAPLE_ERR_ABI, nothing written past
 * it, and the readers refuse it.  Also a wrong version or limits with the
 * right size.
 */
START_TEST(test_abi_refused)
{
	static const uint8_t try_later[] = {0x30, 0x03, 0x0a, 0x01, 0x03};
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t small = offsetof(struct staple_response, single) +
	               sizeof(struct staple_single) +
	               sizeof(struct staple_slice);
	unsigned char *m = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
	                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct staple_response *r, ok;
	struct staple_ocsp view;

	ck_assert(m != MAP_FAILED);
	ck_assert_int_eq(mprotect(m + page, page, PROT_NONE), 0);
	r = (struct staple_response *)(void *)(m + page - small);
	memset(r, 0xa5, small);
	ck_assert_int_eq(staple_decode_abi(r, try_later, sizeof try_later,
	                                   STAPLE_ABI_VERSION, small, 1, 1),
	                 STAPLE_ERR_ABI);
	ck_assert_int_eq(r->status, STAPLE_RESPONSE_NONE);
	ck_assert_uint_eq(staple_error_offset(r), 0);
	ck_assert_int_eq(staple_ocsp_view(r, 0, &view), STAPLE_ERR_ARGUMENT);
	ck_assert_int_eq(munmap(m, 2 * page), 0);

	/* right size, other version or limits */
	ck_assert_int_eq(staple_decode_abi(&ok, try_later, sizeof try_later,
	                                   STAPLE_ABI_VERSION + 1, sizeof ok,
	                                   STAPLE_MAX_SINGLE, STAPLE_MAX_CERTS),
	                 STAPLE_ERR_ABI);
	ck_assert_int_eq(staple_decode_abi(&ok, try_later, sizeof try_later,
	                                   STAPLE_ABI_VERSION, sizeof ok,
	                                   STAPLE_MAX_SINGLE + 1,
	                                   STAPLE_MAX_CERTS),
	                 STAPLE_ERR_ABI);
	ck_assert_int_eq(staple_decode_abi(&ok, try_later, sizeof try_later,
	                                   STAPLE_ABI_VERSION, sizeof ok,
	                                   STAPLE_MAX_SINGLE,
	                                   STAPLE_MAX_CERTS + 1),
	                 STAPLE_ERR_ABI);
	ck_assert_int_eq(staple_decode_abi(NULL, try_later, sizeof try_later,
	                                   STAPLE_ABI_VERSION, sizeof ok,
	                                   STAPLE_MAX_SINGLE, STAPLE_MAX_CERTS),
	                 STAPLE_ERR_ARGUMENT);
	/* the header's macro and the plain name both decode */
	ck_assert_int_eq(staple_decode(&ok, try_later, sizeof try_later),
	                 STAPLE_OK);
	ck_assert_int_eq(ok.status, STAPLE_RESPONSE_TRY_LATER);
	ck_assert_int_eq((staple_decode)(&ok, try_later, sizeof try_later),
	                 STAPLE_OK);
	ck_assert_int_eq(ok.status, STAPLE_RESPONSE_TRY_LATER);
}
END_TEST

#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

Suite *abi_suite(void)
{
	Suite *s = suite_create("abi");
	TCase *tc = tcase_create("abi");

	tcase_add_loop_test(tc, test_pinned, 0, N_OF(pins));
	tcase_add_test(tc, test_names_empty);
	tcase_add_test(tc, test_abi_refused);
	suite_add_tcase(s, tc);
	return s;
}
