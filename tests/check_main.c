/* check_main.c -- runs every suite of staple's tests. */
#include "tests.h"

#include <stdlib.h>

int main(void)
{
	SRunner *sr;
	int failed;

	/*
	 * A test of every row of a table (tests.h: TEST_ROWS) takes seconds
	 * under AddressSanitizer on a loaded machine, more than Check's
	 * default of 4.  Read when each suite creates its test cases; a
	 * CK_DEFAULT_TIMEOUT in the environment wins.
	 */
	setenv("CK_DEFAULT_TIMEOUT", "120", 0);
	sr = srunner_create(der_suite());
	srunner_add_suite(sr, time_suite());
	srunner_add_suite(sr, ocsp_suite());
	srunner_add_suite(sr, negative_suite());
	srunner_add_suite(sr, prefix_suite());
	srunner_add_suite(sr, view_suite());
	srunner_add_suite(sr, vectors_suite());
	srunner_add_suite(sr, tool_suite());
	srunner_add_suite(sr, differential_suite());
	srunner_add_suite(sr, crypto_suite());
	srunner_add_suite(sr, x509_suite());
	srunner_add_suite(sr, verify_suite());
	srunner_add_suite(sr, loopback_suite());
	srunner_add_suite(sr, shim_suite());
	srunner_add_suite(sr, fetch_suite());
	srunner_add_suite(sr, input_suite());
	srunner_add_suite(sr, abi_suite());
	srunner_add_suite(sr, ext_suite());
	srunner_add_suite(sr, check_suite());
	srunner_add_suite(sr, cmd_check_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
