/*
 * tls_cursor.h -- reading TLS 1.2 handshake structures (RFC 5246 section
 * 4, "Presentation Language") through a cursor (internal, not installed).
 *
 * The cursor is core's struct staple_slice {p, n}: the bytes not yet
 * read.  Every reader either succeeds, fills its outputs and advances the
 * cursor, or fails, returns 0 and leaves the cursor where it was.
 * Outputs are slices of the cursor's bytes, and {NULL, 0} after a
 * failure.  Used by the BearSSL shim (backends/bearssl/shim.c), which
 * edits the ClientHello and the ServerHello, and by the OpenSSL backend
 * (backends/openssl/fetch.c), which looks for status_request in the
 * ServerHello.
 */
#ifndef STAPLE_TLS_CURSOR_H
#define STAPLE_TLS_CURSOR_H

#include <stddef.h>

#include "staple.h"

/* Move past len bytes. */
static inline int staple_tls_skip(struct staple_slice *c, size_t len)
{
	if (c->n < len)
		return 0;
	c->p += len;
	c->n -= len;
	return 1;
}

/* A big-endian integer of `octets` (1 to 3) bytes: uint8, uint16, uint24. */
static inline int staple_tls_read_uint(struct staple_slice *c, size_t octets,
                                       size_t *v)
{
	size_t i;

	*v = 0;
	if (c->n < octets)
		return 0;
	for (i = 0; i < octets; i++)
		*v = *v << 8 | c->p[i];
	return staple_tls_skip(c, octets);
}

/* A vector whose length prefix has `octets` bytes: opaque x<0..2^8k-1>;
 * *body gets its contents. */
static inline int staple_tls_read_vector(struct staple_slice *c,
                                         size_t octets,
                                         struct staple_slice *body)
{
	struct staple_slice save = *c;
	size_t len;

	body->p = NULL;
	body->n = 0;
	if (!staple_tls_read_uint(c, octets, &len) || c->n < len) {
		*c = save;
		return 0;
	}
	body->p = c->p;
	body->n = len;
	return staple_tls_skip(c, len);
}

/* A type of `type_octets` bytes, then a vector: the shape of a handshake
 * message and of an extension. */
static inline int staple_tls_read_typed(struct staple_slice *c,
                                        size_t type_octets, size_t *type,
                                        size_t len_octets,
                                        struct staple_slice *body)
{
	struct staple_slice save = *c;

	if (!staple_tls_read_uint(c, type_octets, type) ||
	    !staple_tls_read_vector(c, len_octets, body)) {
		*c = save;
		*type = 0;
		return 0;
	}
	return 1;
}

/*
 *   struct {
 *       HandshakeType msg_type;            -- uint8
 *       uint24 length;
 *       select (HandshakeType) { ... } body;
 *   } Handshake;                           -- RFC 5246 7.4
 */
static inline int staple_tls_read_handshake(struct staple_slice *c,
                                            size_t *msg_type,
                                            struct staple_slice *body)
{
	return staple_tls_read_typed(c, 1, msg_type, 3, body);
}

/*
 *   struct {
 *       ExtensionType extension_type;      -- uint16
 *       opaque extension_data<0..2^16-1>;
 *   } Extension;                           -- RFC 5246 7.4.1.4
 */
static inline int staple_tls_read_extension(struct staple_slice *c,
                                            size_t *type,
                                            struct staple_slice *data)
{
	return staple_tls_read_typed(c, 2, type, 2, data);
}

/*
 * The body of a ServerHello, whole: *session_id, and *extensions, the
 * contents of its extension list ({NULL, 0} when it has none).  The
 * session ID's bound (32) is the caller's to check.
 *
 *   struct {
 *       ProtocolVersion server_version;    -- 2 bytes
 *       Random random;                     -- 32 bytes
 *       SessionID session_id;              -- opaque <0..32>
 *       CipherSuite cipher_suite;          -- 2 bytes
 *       CompressionMethod compression_method;  -- 1 byte
 *       select (extensions_present) {
 *           case false: struct {};
 *           case true:  Extension extensions<0..2^16-1>;
 *       };
 *   } ServerHello;                         -- RFC 5246 7.4.1.3
 */
static inline int staple_tls_read_server_hello(struct staple_slice *c,
                                               struct staple_slice *session_id,
                                               struct staple_slice *extensions)
{
	struct staple_slice save = *c;

	extensions->p = NULL;
	extensions->n = 0;
	if (!staple_tls_skip(c, 2 + 32) ||
	    !staple_tls_read_vector(c, 1, session_id) ||
	    !staple_tls_skip(c, 2 + 1) ||
	    (c->n != 0 && !staple_tls_read_vector(c, 2, extensions)) ||
	    c->n != 0) {
		*c = save;
		session_id->p = NULL;
		session_id->n = 0;
		extensions->p = NULL;
		extensions->n = 0;
		return 0;
	}
	return 1;
}

#endif /* STAPLE_TLS_CURSOR_H */
