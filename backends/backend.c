/* backend.c -- find a crypto provider or a TLS backend by name. */
#include "backend.h"

#include <string.h>

/* Each backend carries the crypto provider of the same name. */
static const struct staple_backend *const backends[] = {
	&staple_backend_bearssl, /* the default comes first */
#ifdef STAPLE_HAVE_OPENSSL
	&staple_backend_openssl,
#endif
};

#define N_BACKENDS (sizeof backends / sizeof backends[0])

static const char *const names[] = {
	"bearssl",
#ifdef STAPLE_HAVE_OPENSSL
	"openssl",
#endif
	NULL
};

/* see backend.h */
const struct staple_backend *staple_backend_find(const char *name)
{
	size_t i;

	if (name == NULL)
		name = STAPLE_CRYPTO_DEFAULT;
	for (i = 0; i < N_BACKENDS; i++)
		if (strcmp(backends[i]->name, name) == 0)
			return backends[i];
	return NULL;
}

/* see backend.h */
const struct staple_crypto *staple_crypto_find(const char *name)
{
	const struct staple_backend *b = staple_backend_find(name);

	return b != NULL ? b->crypto : NULL;
}

/* see backend.h */
const char *const *staple_crypto_names(void)
{
	return names;
}

/* see backend.h */
const char *staple_fetch_strerror(int err)
{
	switch (err) {
	case STAPLE_FETCH_OK:
		return "ok";
	case STAPLE_FETCH_ARGUMENT:
		return "bad arguments";
	case STAPLE_FETCH_CAFILE:
		return "trust anchors unreadable";
	case STAPLE_FETCH_RESOLVE:
		return "host name does not resolve";
	case STAPLE_FETCH_CONNECT:
		return "connection failed";
	case STAPLE_FETCH_TIMEOUT:
		return "timed out";
	case STAPLE_FETCH_TLS:
		return "TLS handshake failed";
	case STAPLE_FETCH_UNTRUSTED:
		return "certificate not trusted";
	case STAPLE_FETCH_TOO_LARGE:
		return "staple or chain too large";
	}
	return "";
}

/* see backend.h */
const char *staple_stapling_name(int stapling)
{
	switch (stapling) {
	case STAPLE_STAPLING_STAPLED:
		return "stapled";
	case STAPLE_STAPLING_NOT_ACKED:
		return "not_acknowledged";
	case STAPLE_STAPLING_NO_ANSWER:
		return "no_answer";
	case STAPLE_STAPLING_RESUMED:
		return "resumed";
	}
	return "none";
}
