/* strerror.c -- names and messages of staple's error codes. */
#include "staple.h"

static const struct {
	const char *name;
	const char *message;
} errors[STAPLE_ERR_COUNT_] = {
	[STAPLE_OK] = {"OK", "no error"},
	[STAPLE_ERR_ARGUMENT] = {"ARGUMENT", "missing argument (NULL pointer)"},
	[STAPLE_ERR_TRUNCATED] = {"TRUNCATED",
	                          "element runs past the end of its container"},
	[STAPLE_ERR_TAG] = {"TAG", "unexpected tag"},
	[STAPLE_ERR_INDEFINITE_LENGTH] = {"INDEFINITE_LENGTH",
	                                  "indefinite length (BER, not DER)"},
	[STAPLE_ERR_LONG_LENGTH] = {"LONG_LENGTH",
	                            "length takes more than 4 octets"},
	[STAPLE_ERR_NONMINIMAL_LENGTH] = {"NONMINIMAL_LENGTH",
	                                  "length not in the fewest octets"},
	[STAPLE_ERR_INTEGER] = {"INTEGER",
	                        "INTEGER empty or not minimally encoded"},
	[STAPLE_ERR_BOOLEAN] = {"BOOLEAN", "BOOLEAN is not one octet 00 or FF"},
	[STAPLE_ERR_NULL] = {"NULL", "NULL has contents"},
	[STAPLE_ERR_BIT_STRING] = {"BIT_STRING",
	                           "BIT STRING unused bits malformed"},
	[STAPLE_ERR_OID] = {"OID",
	                    "OBJECT IDENTIFIER empty or not minimally encoded"},
	[STAPLE_ERR_TIME] = {"TIME", "malformed or out-of-range time"},
	[STAPLE_ERR_TRAILING_DATA] = {"TRAILING_DATA",
	                              "bytes left after the last element"},
	[STAPLE_ERR_SET_ORDER] = {"SET_ORDER", "SET OF elements out of DER order"},
	[STAPLE_ERR_ENCODED_DEFAULT] = {"ENCODED_DEFAULT",
	                                "DEFAULT value encoded explicitly"},
	[STAPLE_ERR_EMPTY] = {"EMPTY", "empty where at least one element is required"},
	[STAPLE_ERR_RESPONSE_STATUS] = {"RESPONSE_STATUS",
	                                "undefined responseStatus value"},
	[STAPLE_ERR_RESPONSE_TYPE] = {"RESPONSE_TYPE",
	                              "responseType is not id-pkix-ocsp-basic"},
	[STAPLE_ERR_VERSION] = {"VERSION", "ResponseData version is not v1"},
	[STAPLE_ERR_REASON] = {"REASON", "undefined CRLReason value"},
	[STAPLE_ERR_MISSING] = {"MISSING",
	                        "successful response without responseBytes"},
	[STAPLE_ERR_UNEXPECTED] = {"UNEXPECTED",
	                           "responseBytes in a non-successful response"},
	[STAPLE_ERR_DUPLICATE_EXTENSION] = {"DUPLICATE_EXTENSION",
	                                    "extension appears twice"},
	[STAPLE_ERR_LIMIT] = {"LIMIT", "more certificates than STAPLE_MAX_CERTS"},
	[STAPLE_ERR_RANGE] = {"RANGE", "no SingleResponse at that index"},
};

/* see staple.h */
const char *staple_strerror(int err)
{
	if (err < 0 || err >= STAPLE_ERR_COUNT_)
		return "unknown error code";
	return errors[err].message;
}

/* see staple.h */
const char *staple_errname(int err)
{
	if (err < 0 || err >= STAPLE_ERR_COUNT_)
		return "UNKNOWN_ERROR";
	return errors[err].name;
}
