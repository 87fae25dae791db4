/* backend.c -- find a crypto provider by name. */
#include "backend.h"

#include <string.h>

static const struct staple_crypto *const providers[] = {
	&staple_crypto_bearssl, /* the default comes first */
#ifdef STAPLE_HAVE_OPENSSL
	&staple_crypto_openssl,
#endif
};

#define N_PROVIDERS (sizeof providers / sizeof providers[0])

static const char *const names[] = {
	"bearssl",
#ifdef STAPLE_HAVE_OPENSSL
	"openssl",
#endif
	NULL
};

/* see backend.h */
const struct staple_crypto *staple_crypto_find(const char *name)
{
	size_t i;

	if (name == NULL)
		name = STAPLE_CRYPTO_DEFAULT;
	for (i = 0; i < N_PROVIDERS; i++)
		if (strcmp(providers[i]->name, name) == 0)
			return providers[i];
	return NULL;
}

/* see backend.h */
const char *const *staple_crypto_names(void)
{
	return names;
}
