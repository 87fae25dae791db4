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
	[STAPLE_ERR_VERSION] = {"VERSION", "version not supported (ResponseData v1; certificate v1 to v3)"},
	[STAPLE_ERR_REASON] = {"REASON", "undefined CRLReason value"},
	[STAPLE_ERR_MISSING] = {"MISSING",
	                        "successful response without responseBytes"},
	[STAPLE_ERR_UNEXPECTED] = {"UNEXPECTED",
	                           "responseBytes in a non-successful response"},
	[STAPLE_ERR_DUPLICATE_EXTENSION] = {"DUPLICATE_EXTENSION",
	                                    "extension appears twice"},
	[STAPLE_ERR_LIMIT] = {"LIMIT", "a value beyond a limit"},
	[STAPLE_ERR_RANGE] = {"RANGE", "no SingleResponse at that index"},
	[STAPLE_ERR_KEY] = {"KEY", "public key malformed for its type"},
	[STAPLE_ERR_ALGORITHM_MISMATCH] = {
		"ALGORITHM_MISMATCH",
		"certificate's signature and signatureAlgorithm differ"},
	[STAPLE_ERR_ALGORITHM_PARAMS] = {
		"ALGORITHM_PARAMS", "signature algorithm parameters malformed"},
	[STAPLE_ERR_NOT_SUCCESSFUL] = {
		"NOT_SUCCESSFUL",
		"responseStatus is not successful: nothing is signed"},
	[STAPLE_ERR_SIGNER_NOT_FOUND] = {
		"SIGNER_NOT_FOUND",
		"responderID names neither the issuer nor a certificate in certs"},
	[STAPLE_ERR_RESPONDER_CERT] = {
		"RESPONDER_CERT", "a certificate in certs is malformed"},
	[STAPLE_ERR_UNSUPPORTED_ALGORITHM] = {
		"UNSUPPORTED_ALGORITHM",
		"signature algorithm not supported by the crypto provider"},
	[STAPLE_ERR_KEY_MISMATCH] = {
		"KEY_MISMATCH",
		"signature algorithm does not fit the signer's key"},
	[STAPLE_ERR_SIGNATURE] = {"SIGNATURE", "signature does not verify"},
	[STAPLE_ERR_RESPONDER_ISSUER] = {
		"RESPONDER_ISSUER",
		"delegated responder certificate not issued by the issuer"},
	[STAPLE_ERR_RESPONDER_EKU] = {
		"RESPONDER_EKU",
		"delegated responder certificate lacks id-kp-OCSPSigning"},
	[STAPLE_ERR_RESPONDER_NOT_YET_VALID] = {
		"RESPONDER_NOT_YET_VALID",
		"delegated responder certificate not yet valid"},
	[STAPLE_ERR_RESPONDER_EXPIRED] = {
		"RESPONDER_EXPIRED", "delegated responder certificate expired"},
	[STAPLE_ERR_RESPONDER_CRITICAL] = {
		"RESPONDER_CRITICAL",
		"delegated responder certificate has an unknown critical extension"},
	[STAPLE_ERR_CERTID_HASH] = {
		"CERTID_HASH", "CertID hash algorithm not supported"},
	[STAPLE_ERR_CERTID_SERIAL] = {
		"CERTID_SERIAL", "no SingleResponse for the certificate's serial"},
	[STAPLE_ERR_CERTID_NAME_HASH] = {
		"CERTID_NAME_HASH", "CertID issuerNameHash does not match the issuer"},
	[STAPLE_ERR_CERTID_KEY_HASH] = {
		"CERTID_KEY_HASH", "CertID issuerKeyHash does not match the issuer"},
	[STAPLE_ERR_CRITICAL_EXTENSION] = {
		"CRITICAL_EXTENSION", "response has an unknown critical extension"},
	[STAPLE_ERR_NOT_YET_VALID] = {
		"NOT_YET_VALID", "thisUpdate is in the future (beyond the skew)"},
	[STAPLE_ERR_EXPIRED] = {
		"EXPIRED", "nextUpdate is in the past (beyond the skew)"},
	[STAPLE_ERR_ABI] = {
		"ABI", "program built with other STAPLE_MAX_* limits or "
		       "another staple.h than the library"},
	[STAPLE_ERR_END] = {"END", "no more elements (an iterator's end)"},
	[STAPLE_ERR_STRING] = {"STRING",
	                       "character outside its string type"},
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
