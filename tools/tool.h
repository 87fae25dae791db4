/*
 * tool.h -- declarations shared by the files of the `staple` tool (internal).
 *
 * The tool is the only part of staple that allocates: it reads whole files
 * (each up to a cap, STAPLE_INPUT_MAX_*), decodes PEM and base64 into new
 * buffers, and renders each result into a growable buffer before anything
 * reaches stdout, so an input that fails leaves no partial output.  Running out of memory ends the program with
 * exit status 2 (staple_buf_*), so no caller checks for it.
 *
 * Files:  staple.c        main: picks the command; --help, --version
 *         usage.c         the help of every command
 *         options.c       the option parser of every command
 *         cmd_decode.c    `staple decode`: arguments, one result per input
 *         cmd_fetch.c     `staple fetch`: a server's staple through a
 *                         backend; the probe check shares (probe.h)
 *         cmd_check.c     `staple check`: one verdict per staple, many
 *                         targets at once
 *         verify_setup.c  --issuer and friends: certificates, times,
 *                         verdicts
 *         pem.c           reading an input or a certificate: DER, PEM,
 *                         base64, and what an input that is none of them
 *                         is instead
 *         buf.c           the output buffer, hex, UTF-8
 *         name.c          RFC 4514 strings for DER Names
 *         cert_format.c   certificates in text and JSON
 *         oid_format.c    OIDs as dotted text, algorithm names
 *         json.c          the --json object of DESIGN section 6
 *         prom.c          Prometheus text exposition (check)
 *         text.c          the readable text block
 *         tls_names.c     TLS versions and cipher suites by name
 */
#ifndef STAPLE_TOOL_H
#define STAPLE_TOOL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "staple.h"

#if defined(__GNUC__) || defined(__clang__)
#define STAPLE_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define STAPLE_PRINTF(f, a)
#endif

/* Exit statuses; written in --help and in staple.1. */
#define STAPLE_EXIT_OK 0        /* every input decoded */
#define STAPLE_EXIT_MALFORMED 1 /* some input is not a valid response */
#define STAPLE_EXIT_USAGE 2     /* bad command line, or an I/O error */
#define STAPLE_EXIT_VERIFY 3    /* some input failed verification */
/* fetch only: the connection did not give a staple to look at */
#define STAPLE_EXIT_RESOLVE 4   /* the host name does not resolve */
#define STAPLE_EXIT_CONNECT 5   /* refused or unreachable */
#define STAPLE_EXIT_TIMEOUT 6   /* connect or read timed out */
#define STAPLE_EXIT_TLS 7       /* the TLS handshake failed */
#define STAPLE_EXIT_UNTRUSTED 8 /* the chain or name did not validate */

/* --- usage.c ------------------------------------------------------------ */

/* The help of every command, the exit statuses and the verdicts
 * (`staple --help`). */
void staple_usage(FILE *to);

/* The help of one command (`staple decode --help`, `staple fetch -h`). */
void staple_usage_decode(FILE *to);
void staple_usage_fetch(FILE *to);

/* --- options.c: the option parser of every command ---------------------- */

enum staple_option_kind {
	STAPLE_OPT_FLAG,          /* --json; "--json=V" is a usage error */
	STAPLE_OPT_VALUE,         /* --out F or --out=F; not empty */
	STAPLE_OPT_VALUE_OR_EMPTY /* the same, "" allowed (--servername "") */
};

/* One option of a command's table. */
struct staple_option {
	const char *name; /* "--json" */
	enum staple_option_kind kind;
};

/* A command as its parser sees it. */
struct staple_command {
	const char *name;                    /* "decode": in messages */
	const struct staple_option *options; /* the table */
	size_t n_options;
	void (*help)(FILE *to);              /* what -h and --help print */
};

/*
 * Read argv[1..argc) (argv[0] is the command) against cmd's table:
 * options anywhere before "--", which ends them; "--opt V" and
 * "--opt=V"; "-" alone is an operand; "-h" or "--help" prints cmd->help
 * on stdout.  values[k] (cmd->n_options of them) is what option k was
 * given (a flag's own spelling), NULL when absent; operands[] (room for
 * argc) receives the argv indexes of the other arguments, in order,
 * *n_operands their count.  An unknown option, a value missing or
 * empty, a flag with "=V" or a valued option given twice is a usage
 * error (staple_usage_error()).  Returns -1 to go on, STAPLE_EXIT_OK
 * after the help, or STAPLE_EXIT_USAGE.
 */
int staple_options_parse(const struct staple_command *cmd, int argc,
                         char **argv, const char **values, int *operands,
                         int *n_operands);

/*
 * A count given as an option's value (--max-size, --jobs): decimal
 * digits only, from 1 to max.  Returns 0 with *out set, or -1 (*out 0).
 */
int staple_parse_count(const char *s, size_t max, size_t *out);

/*
 * "staple: COMMAND: [ARG: ]MESSAGE" (ARG escaped) and
 * "Try 'staple COMMAND --help'." on stderr.  Returns STAPLE_EXIT_USAGE.
 */
int staple_usage_error(const char *command, const char *arg,
                       const char *message);

/* --- cmd_decode.c ------------------------------------------------------- */

/* `staple decode ARGS`: argv[0] is "decode".  Returns the exit status. */
int staple_cmd_decode(int argc, char **argv);

/* --- cmd_fetch.c -------------------------------------------------------- */

/* `staple fetch ARGS`: argv[0] is "fetch".  Returns the exit status. */
int staple_cmd_fetch(int argc, char **argv);

/* --- buf.c: the output buffer ------------------------------------------- */

/* A growable byte string; {NULL, 0, 0} is an empty one.  Not terminated. */
struct staple_buf {
	char *p;
	size_t n;
	size_t cap;
};

/* Print "out of memory" and exit 2: not worth handling input by input. */
void staple_out_of_memory(void);

/* The UTF-8 encoding of cp into out[4]; returns its length. */
size_t staple_utf8_encode(uint32_t cp, uint8_t out[4]);

void staple_buf_free(struct staple_buf *b);
void staple_buf_add(struct staple_buf *b, const void *p, size_t n);
void staple_buf_str(struct staple_buf *b, const char *s);
void staple_buf_char(struct staple_buf *b, char c);
void staple_buf_printf(struct staple_buf *b, const char *fmt, ...)
	STAPLE_PRINTF(2, 3);

/* Lowercase hex of n bytes, no separators. */
void staple_buf_hex(struct staple_buf *b, const uint8_t *p, size_t n);

/*
 * A name from the command line (a file name is bytes) as text that
 * cannot move a terminal's cursor or start a new line: valid UTF-8 is
 * copied, except control characters (C0, DEL and C1), which are written
 * the C way (\n, \t, \r, ... or \xHH per byte), as is every byte that is
 * not part of a valid UTF-8 sequence; a backslash becomes \\ so that
 * the escapes read one way.
 */
void staple_buf_escaped(struct staple_buf *b, const char *s);

/* The same, written to f. */
void staple_print_escaped(FILE *f, const char *s);

/*
 * The code point of the strict UTF-8 sequence at p[0..n) (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF).  Returns its
 * length in bytes, or 0 when p does not start with a valid sequence.
 */
size_t staple_utf8_next(const uint8_t *p, size_t n, uint32_t *cp);

/* Append code point cp (at most U+10FFFF) as UTF-8. */
void staple_buf_utf8(struct staple_buf *b, uint32_t cp);

/* --- oid_format.c and name.c: OIDs and Names ---------------------------- */

/*
 * An OBJECT IDENTIFIER (its contents octets) in dotted decimal: "1.2.840".
 * Arcs of any size up to STAPLE_OID_MAX_ARC octets are printed exactly
 * (UUID arcs under 2.25 need 128 bits).  Contents that are not a valid
 * OID (empty, a non-minimal or unterminated sub-identifier) or that hold a
 * longer arc are written as "#" and the hex of the contents, so the result
 * is never empty and never mistaken for a dotted OID.  Always ASCII.
 */
#define STAPLE_OID_MAX_ARC 128
void staple_oid_format(struct staple_buf *b, struct staple_slice oid);

/*
 * A Name (the whole SEQUENCE TLV) as an RFC 4514 string: RDNs last to
 * first joined by ",", the values of a multi-valued RDN joined by "+",
 * CN L ST O OU C STREET DC UID by name and other types as dotted OIDs.
 * String values (UTF8String, PrintableString, IA5String, TeletexString as
 * Latin-1, BMPString, UniversalString) are converted to UTF-8 and escaped
 * per RFC 4514 section 2.4; control characters and bytes that are not a
 * valid character of their string type are written as \XX hex pairs
 * (uppercase).  Other values, and every value of a dotted type, are "#"
 * and the lowercase hex of the value's whole TLV.  The result is valid
 * UTF-8 without control characters.
 *
 * Returns 0, or -1 when name is not a well-formed Name (b is then left as
 * it was).  Any bytes are safe to pass.
 */
int staple_name_format(struct staple_buf *b, struct staple_slice name);

/* Signature algorithm: staple_sigalg_name() or the dotted OID. */
void staple_sigalg_format(struct staple_buf *b, struct staple_slice oid);

/* CertID hash algorithm: staple_hash_name() or the dotted OID. */
void staple_hash_format(struct staple_buf *b, const struct staple_single *s);

/*
 * The STAPLE_LENIENT_* bits of `bits`, lowest first, as their names
 * ("explicit_version", "empty_extensions", "named_bits"), a bit staple.h
 * does not name as "0x8": the names text and JSON both give.  Returns
 * the name of bit number k (0-based) of those set, NULL past the last.
 */
const char *staple_leniency_name(unsigned bits, size_t k, char spare[16]);

/*
 * An SCT's DigitallySigned algorithms (RFC 5246 7.4.1.4.1, which RFC 6962
 * uses): HashAlgorithm "none" "md5" "sha1" "sha224" "sha256" "sha384"
 * "sha512", SignatureAlgorithm "anonymous" "rsa" "dsa" "ecdsa"; any
 * other value in decimal.
 */
void staple_tls_hash_format(struct staple_buf *b, unsigned v);
void staple_tls_sig_format(struct staple_buf *b, unsigned v);

/* ResponderID byName: the RFC 4514 string, or "#hex" if it is no Name. */
void staple_responder_name_format(struct staple_buf *b,
                                  struct staple_slice name);

/* --- pem.c: inputs -------------------------------------------------------- */

/* Why one input produced no result. */
struct staple_problem {
	int status;        /* STAPLE_EXIT_MALFORMED or STAPLE_EXIT_USAGE */
	const char *code;  /* staple_errname(), or "PEM", "BASE64", "IO",
	                      "TOO_LARGE" */
	char message[160]; /* one line of English */
	size_t offset;     /* see below */
	int has_offset;    /* 0 for IO: the OS message says it all */
	char hint[112];    /* what the input seems to be instead, or "";
	                      shown after the message in parentheses */
};

/*
 * Offsets: for PEM and BASE64 problems, a byte offset into the file; for
 * decoder problems, staple_error_offset() into the DER (after PEM or base64
 * decoding, when the input was text); for TOO_LARGE the cap, the offset
 * of the first byte past it.
 */

/*
 * How much of one input is read (--max-size): 1 MiB by default, far
 * above any real staple (a TLS 1.2 CertificateStatus caps one at
 * 2^24 - 1 bytes; real ones are a few KB), and at most 1 GiB, which
 * still holds that largest staple in PEM and keeps every size the
 * readers compute far from overflowing a 32-bit size_t.  An input is
 * read in growing steps up to the cap and refused at its first byte past
 * it, so a device or a pipe that never ends costs the cap, not memory
 * without end.  A trust-anchor bundle (staple_input_find_cert) gets more
 * room: a system bundle is about 200 KB today, and ones with a company's
 * own roots added are larger.
 */
#define STAPLE_INPUT_MAX_DEFAULT ((size_t)1 << 20)
#define STAPLE_INPUT_MAX_LIMIT ((size_t)1 << 30)
#define STAPLE_INPUT_MAX_BUNDLE ((size_t)16 << 20)

/* One input file, read whole, and the DER it holds. */
struct staple_input {
	uint8_t *file;           /* the bytes read; owned */
	size_t file_len;
	uint8_t *decoded;        /* DER decoded from text input; owned */
	struct staple_slice der; /* into file or decoded */
	int cert;                /* read for a certificate (PEM label) */
	int from_stdin;          /* path was "-" */
	struct staple_slice label; /* PEM: the label of the block read, or
	                              of the first when none could be */
	size_t blocks;           /* PEM: how many blocks the file has */
};

/*
 * Read path ("-" is stdin) and find its DER: the file as is when it starts
 * with 0x30 or with a byte that is neither printable ASCII nor white space
 * (the decoder then says what is wrong); otherwise PEM when a line starts
 * with "-----", else bare base64.  At most max bytes are read (0 means
 * STAPLE_INPUT_MAX_DEFAULT); a longer input is a TOO_LARGE problem
 * (STAPLE_EXIT_MALFORMED).  Returns 0, or the exit status of *pb.
 * *in is defined either way; free it with staple_input_free().
 * staple_input_load() is staple_input_load_max() with max 0.
 */
int staple_input_load_max(struct staple_input *in, const char *path,
                          size_t max, struct staple_problem *pb);
int staple_input_load(struct staple_input *in, const char *path,
                      struct staple_problem *pb);

/*
 * The same for a certificate: the PEM block is the first CERTIFICATE
 * block (a chain file may hold several), or the only block.
 */
int staple_input_load_cert_max(struct staple_input *in, const char *path,
                               size_t max, struct staple_problem *pb);
int staple_input_load_cert(struct staple_input *in, const char *path,
                           struct staple_problem *pb);

/*
 * After an input failed (a problem of staple_input_load*() or
 * staple_input_parse(), or the decoder's on in->der): when the input is recognisably something else
 * than an OCSP response, say what in pb->hint, leaving code, message and
 * offset as they are.  Recognised: an empty input, white space only, a
 * PEM block of another label, an X.509 certificate or CRL, an OCSP
 * request (by PEM label or DER shape), hex text.
 */
void staple_input_hint(const struct staple_input *in,
                       struct staple_problem *pb);

/*
 * The certificate of a PEM bundle (every CERTIFICATE block is looked at;
 * other blocks, text and blocks that do not decode are passed over)
 * whose subject Name is the DER `subject`: in->der.  The bundle is read
 * up to STAPLE_INPUT_MAX_BUNDLE bytes.  Returns 0, or the exit status of
 * *pb (an IO or TOO_LARGE problem, or "ISSUER" when none has it).
 */
int staple_input_find_cert(struct staple_input *in, const char *path,
                           struct staple_slice subject,
                           struct staple_problem *pb);

/*
 * The same for bytes already in memory: in->file becomes a copy of
 * data[0..len), so *in owns everything as above and data may go away.
 * Never an IO problem except running out of memory.
 */
int staple_input_parse(struct staple_input *in, const uint8_t *data,
                       size_t len, struct staple_problem *pb);
void staple_input_free(struct staple_input *in);

/* --- verify_setup.c ------------------------------------------------------ */

/* The verification options of `decode`, as given; NULL when absent. */
struct staple_verify_options {
	const char *issuer;  /* --issuer: asks for verification */
	const char *cert;    /* --cert */
	const char *at;      /* --at; default now */
	const char *skew;    /* --skew; default 300 s */
	const char *backend; /* --backend; default STAPLE_CRYPTO_DEFAULT */
	size_t max_size;     /* --max-size for the certificate files; 0:
	                        STAPLE_INPUT_MAX_DEFAULT */
	const char *command; /* in messages; NULL: "decode" */
};

/* Everything every input is verified against; loaded once. */
struct staple_verify_setup {
	const struct staple_crypto *crypto;
	struct staple_input issuer_in, leaf_in; /* own the DER */
	struct staple_cert issuer, leaf;        /* point into it */
	int has_leaf;
	int64_t at_ms, skew_ms;
};

/* The verdict on one response. */
struct staple_verify_report {
	const struct staple_verify_setup *setup;
	int verdict; /* STAPLE_OK or a STAPLE_ERR_* verdict */
	struct staple_verify_result result;
};

/*
 * --at: "YYYY-MM-DDTHH:MM:SS[.fff]Z" (RFC 3339, UTC), "YYYYMMDDHHMMSS[.fff]Z"
 * (GeneralizedTime) or "@SECONDS" since the epoch; years 0000-9999.
 * --skew: whole seconds, 0 to 31536000.  Return 0, or -1 when malformed.
 */
int staple_parse_time(const char *s, int64_t *ms);
int staple_parse_skew(const char *s, int64_t *ms);

/*
 * Load *v from the options: backend, times, the certificates (PEM or
 * DER).  Returns 0, or STAPLE_EXIT_USAGE after a message on stderr.  *v is
 * defined either way; free it with staple_verify_setup_free().
 */
int staple_verify_setup_load(struct staple_verify_setup *v,
                             const struct staple_verify_options *o);
void staple_verify_setup_free(struct staple_verify_setup *v);

/* The clock, in ms since the epoch: what --at defaults to. */
int64_t staple_now_ms(void);

/* Verify one decoded response. */
void staple_verify_run(const struct staple_verify_setup *v,
                       const struct staple_response *r,
                       struct staple_verify_report *out);

/* The entry the k6 view shows: the matched one, else the first. */
size_t staple_view_index(const struct staple_verify_report *v);

/* "ok", or the verdict's errname in lower case ("certid_serial"). */
void staple_verdict_name(struct staple_buf *b, int verdict);

/* --- json.c --------------------------------------------------------------- */

/*
 * A JSON string of the bytes p[0..n): quotes, backslash and every byte
 * below 0x20 escaped (\" \\ \u00XX); valid UTF-8 copied; every byte that
 * is not part of a valid UTF-8 sequence written as \u00XX (so it reads as
 * the Latin-1 character of that byte).  The result is always valid JSON.
 */
void staple_json_string(struct staple_buf *b, const uint8_t *p, size_t n);

/*
 * The JSON writer: the only way the tool writes JSON.  Values are
 * written in order into a buffer; objects and arrays are opened and
 * closed by calls, keys are given by staple_json_key() before each
 * member's value, and the writer puts ", " between members and
 * elements, ": " after keys and "\n" after the outermost value (one
 * JSON text per line).  Every string is escaped as staple_json_string()
 * does, keys too, so no input can make the result invalid; a call out
 * of order (a value without its key, a close with nothing open) is a
 * bug and stops the program.  Nothing is kept but b: a
 * struct staple_json needs no freeing.
 */
#define STAPLE_JSON_MAX_DEPTH 12 /* fetch's object, a response's
                                    entry, an SCT of its extension */
struct staple_json {
	struct staple_buf *b;
	int depth;                                /* open containers */
	unsigned char array[STAPLE_JSON_MAX_DEPTH]; /* each: array or object */
	size_t count[STAPLE_JSON_MAX_DEPTH];      /* members written in each */
	int keyed;    /* a key is written, its value is due */
	int top_done; /* the outermost value is complete */
};

void staple_json_init(struct staple_json *j, struct staple_buf *b);
void staple_json_object(struct staple_json *j); /* "{" as the next value */
void staple_json_array(struct staple_json *j);  /* "[" as the next value */
void staple_json_end(struct staple_json *j);    /* close the innermost */
void staple_json_key(struct staple_json *j, const char *name);
void staple_json_str(struct staple_json *j, const char *s);
void staple_json_strn(struct staple_json *j, const uint8_t *p, size_t n);
void staple_json_hex(struct staple_json *j, struct staple_slice s);
void staple_json_int(struct staple_json *j, int64_t v);
void staple_json_bool(struct staple_json *j, int v);
void staple_json_null(struct staple_json *j);

/*
 * One line: the decode object of a response r decoded from file, with
 * the "verify" object when v is not NULL (verification was asked for;
 * the k6 object then shows the matched entry).  Returns STAPLE_OK, or
 * the error of staple_single_at() / staple_ocsp_view() if one fails (it
 * does not for a response that staple_decode() accepted); b then holds
 * a partial line that the caller drops.
 */
int staple_json_response(struct staple_buf *b, const char *file,
                         const struct staple_response *r,
                         const struct staple_verify_report *v);

/* The members of that object after "file", on an object j has open
 * (fetch's); same return. */
int staple_json_response_members(struct staple_json *j,
                                 const struct staple_response *r,
                                 const struct staple_verify_report *v);

/*
 * "error": {"code", "message", "offset"} on an object j has open: the
 * message followed by " (HINT)" when hint is neither NULL nor "", the
 * offset left out when offset is NULL.
 */
void staple_json_error_member(struct staple_json *j, const char *code,
                              const char *message, const char *hint,
                              const size_t *offset);

/* One line: {"file": ..., "error": {"code", "message", "offset"}}. */
void staple_json_problem(struct staple_buf *b, const char *file,
                         const struct staple_problem *pb);

/* --- text.c --------------------------------------------------------------- */

/*
 * How the text shows a time: once, in UTC, with its distance from at_ms
 * (--at, default now), and with the ms since the epoch only when show_ms
 * (--ms; the JSON always has them).
 */
struct staple_text_style {
	int64_t at_ms;
	int show_ms;
};

/* The readable block of a response; same contract as the JSON one
 * (file NULL: no "file:" line). */
int staple_text_response(struct staple_buf *b,
                         const struct staple_text_style *st, const char *file,
                         const struct staple_response *r,
                         const struct staple_verify_report *v);

/*
 * "INDENTLABEL: TIME (DISTANCE)\n", or with show_ms
 * "INDENTLABEL: TIME (MS ms; DISTANCE)\n"; DISTANCE as
 * staple_text_relative() writes it.  expiry: the time is when something
 * stops being valid (nextUpdate, notAfter).
 */
void staple_text_time_line(struct staple_buf *b,
                           const struct staple_text_style *st,
                           const char *indent, const char *label, int64_t ms,
                           int expiry);

/*
 * The distance of ms from at_ms in its two largest units: "in 3 days 4
 * hours", "2 years ago", or for an expiry in the past "expired 2 years
 * ago"; "now" within a second.
 */
void staple_text_relative(struct staple_buf *b, int64_t ms, int64_t at_ms,
                          int expiry);

/*
 * ms since the epoch as "YYYY-MM-DDTHH:MM:SSZ", with ".mmm" before the Z
 * when the milliseconds are not zero.  Integer arithmetic only.
 */
void staple_text_time(struct staple_buf *b, int64_t ms);

/* --- tls_names.c: what fetch shows of the connection --------------------- */

/* "TLS1.2", "TLS1.3" (also 1.0 and 1.1), "unknown". */
const char *staple_tls_version_name(unsigned version);

/*
 * The IANA name of a cipher suite the backends can agree to, by its
 * wire number: 0xC02B is "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
 * 0x1301 "TLS_AES_128_GCM_SHA256"; NULL for one the table lacks.
 * staple_cipher_suite_format() writes the name, or "0xC0FF" (four
 * uppercase hex digits) for such a one.  count and at walk the table,
 * for the test that compares it with OpenSSL's names.
 */
const char *staple_cipher_suite_name(unsigned suite);
void staple_cipher_suite_format(struct staple_buf *b, unsigned suite);
size_t staple_cipher_suite_count(void);
unsigned staple_cipher_suite_at(size_t i);

/* --- text.c and json.c: what one fetch found -------------------------------- */

/* What --out did (cmd_fetch.c). */
enum staple_out_done {
	STAPLE_OUT_NOT_ASKED = 0, /* no --out */
	STAPLE_OUT_WROTE = 1,     /* the staple is in FILE (or on stdout) */
	STAPLE_OUT_REMOVED = 2,   /* nothing stapled; an earlier FILE gone */
	STAPLE_OUT_ABSENT = 3     /* nothing stapled, and no FILE to remove */
};

/*
 * One `staple fetch`, as its text and JSON show it.  The connection's
 * facts come first (server, TLS version and backend, cipher suite,
 * chain length, the leaf), then the staple and the verdict on it, and
 * last whether the chain was trusted:
 *
 *   server: HOST:PORT                      "server"
 *   tls: TLS1.2, backend bearssl           "tls": {"backend", "version",
 *   cipher suite: IANA-NAME                  "cipher_suite", "chain_length",
 *   chain length: N                          "stapled", "status_request"}
 *   leaf:                                  "leaf": {cert} (null when it
 *     LINES OF staple_text_cert()            cannot be read)
 *   staple: stapled (N bytes)              in "tls" above
 *   must-staple: yes (...)                 "must_staple"
 *   out: wrote N bytes to FILE             (text only: --out's fate)
 *   ... the response, as decode shows it, and its verify line ...
 *   chain trusted: yes|no                  "chain_trusted"
 *   chain error: WHY                       "chain_error", when not
 *
 * Without --insecure a chain that is not trusted ends the handshake:
 * the facts up to the leaf come out, then the chain lines.
 */
struct staple_fetch_report {
	const char *label;    /* HOST:PORT as given */
	const char *backend;  /* its name */
	unsigned version;     /* staple_fetch_result's, as the wire has it */
	unsigned cipher_suite;
	size_t chain_length;  /* certificates the server sent */
	const struct staple_cert *leaf; /* the chain's first, decoded; NULL
	                                   when none or it does not decode */
	int leaf_err;         /* then why, or 0 when none was sent */
	int handshake_done;   /* the staple's fate is known: */
	const char *status_request; /* staple_stapling_name() */
	int stapled;          /* a staple came, */
	size_t staple_len;    /* of this many bytes */
	int trusted;          /* the chain and the name validated */
	const char *untrusted; /* when not: why, one line */
	int must_staple;      /* the leaf has the TLS Feature */
	int verify_says_must_staple; /* a verify report follows that says it */
	const char *out;      /* --out, or NULL */
	enum staple_out_done out_done;
};

/* The facts of the connection, from "server:" to the leaf's lines. */
void staple_text_fetch_connection(struct staple_buf *b,
                                  const struct staple_text_style *st,
                                  const struct staple_fetch_report *f);

/* "staple: ..." and, when they apply, the must-staple and "out:" lines. */
void staple_text_fetch_staple(struct staple_buf *b,
                              const struct staple_fetch_report *f);

/* "staple: malformed: MESSAGE at offset N". */
void staple_text_fetch_malformed(struct staple_buf *b, int err,
                                 size_t offset);

/* "verify: FAILED: MESSAGE": no verification to run (no issuer, or a
 * must-staple leaf without a staple). */
void staple_text_fetch_failed(struct staple_buf *b, const char *message);

/* For standard error: "staple: fetch: HOST:PORT: MESSAGE", the line of
 * a connection that failed; "staple: fetch: FILE: removed, it held an
 * earlier staple", what became of --out after it. */
void staple_text_fetch_error(struct staple_buf *b, const char *label,
                             const char *message);
void staple_text_fetch_removed(struct staple_buf *b, const char *path);

/* "chain trusted: yes", or "chain trusted: no" and "chain error: WHY". */
void staple_text_fetch_trust(struct staple_buf *b,
                             const struct staple_fetch_report *f);

/*
 * The JSON counterparts, on the object j has open: "server", "tls",
 * "leaf" and "must_staple"; "chain_trusted" and "chain_error"; and a
 * "verify": {"result", "message"} for a verdict without verification
 * (result "no_issuer" or "must_staple_missing").
 */
void staple_json_fetch_connection(struct staple_json *j,
                                  const struct staple_fetch_report *f);
void staple_json_fetch_trust(struct staple_json *j,
                             const struct staple_fetch_report *f);
void staple_json_fetch_failed(struct staple_json *j, const char *result,
                              const char *message);

/* --- cert_format.c: certificates ----------------------------------------- */

/*
 * Text and JSON key names agree: a JSON key is its text label with "_"
 * for each space ("not_after" is "not after: ..."), so each format
 * carries what the other does (tests/test_tool.c checks it).
 */

/* A public key, "rsa 2048", "ec p-256", "ed25519": type and size. */
void staple_key_format(struct staple_buf *b, const struct staple_pubkey *k);

/*
 * The lines of one certificate, each indented by `indent`: subject,
 * issuer, serial number, not before, not after (with their distance
 * from st->at_ms), key, signature algorithm, CA, OCSP signing and
 * nocheck, subject alt names when the extension is there (its dNSName
 * and iPAddress entries; "(malformed)" when it does not parse).
 * responder: 1 when the certificate is the one the response's
 * ResponderID names, 0 when not, -1 when unknown (not a response's
 * certificate): no responder line then.
 */
void staple_text_cert(struct staple_buf *b,
                      const struct staple_text_style *st, const char *indent,
                      const struct staple_cert *c, int responder);

/* The same as a JSON object: the next value of j. */
void staple_json_cert(struct staple_json *j, const struct staple_cert *c,
                      int responder);

/*
 * Is c the certificate r's ResponderID names?  byName: c's subject Name
 * has the same DER; byKey: the SHA-1 of c's subjectPublicKey (with the
 * default crypto provider) is the KeyHash.  Returns 1 or 0, or -1 when
 * it cannot tell (no ResponderID, no SHA-1).
 */
int staple_cert_is_responder(const struct staple_response *r,
                             const struct staple_cert *c);

/*
 * Certificate number index of r->certs, decoded into *c: staple_cert_at()
 * then staple_cert_decode().  Returns STAPLE_OK or the error of either.
 */
int staple_cert_nth(const struct staple_response *r, size_t index,
                    struct staple_cert *c);

/* --- cmd_check.c: `staple check` ------------------------------------------ */

/* `staple check ARGS`: argv[0] is "check".  Returns the exit status, the
 * Nagios plugin guidelines' (STAPLE_CHECK_OK ... STAPLE_CHECK_UNKNOWN),
 * the worst of the targets: CRITICAL, then UNKNOWN, then WARNING. */
int staple_cmd_check(int argc, char **argv);

/* `staple check --help` (usage.c). */
void staple_usage_check(FILE *to);

/*
 * A duration of --warn and --critical: "1d12h", "90m", "45s", units d, h,
 * m, s, each at most once and largest first; a bare number is seconds.
 * At most STAPLE_DURATION_MAX_MS.  Returns 0, or -1 when s is not that
 * (*ms is then 0).
 */
#define STAPLE_DURATION_MAX_MS (INT64_C(36500) * 86400000) /* 100 years */
int staple_parse_duration(const char *s, int64_t *ms);

/*
 * How the rank of a check status orders targets for the exit status:
 * OK 0, WARNING 1, UNKNOWN 2, CRITICAL 3 -- a revoked certificate says
 * more than a target that could not be reached.
 */
int staple_check_rank(int status);

/*
 * What `staple check` found on one target: the facts every format shows
 * (text.c's Nagios line, prom.c's series, json.c's object), rendered
 * after every target is done.  Times are ms since the epoch, durations
 * microseconds; a has_* of 0 means the fact does not apply.
 */
struct staple_check_report {
	const char *target;        /* as given: FILE or HOST[:PORT] */
	int server;                /* 1: a server was probed, 0: a file */
	int status;                /* enum staple_check_status */
	const char *reason;        /* staple_check_reason_name(), or the
	                              tool's for UNKNOWN: "io", "too_large",
	                              "malformed", "resolve", "connect",
	                              "timeout", "tls", "untrusted",
	                              "cafile", "no_issuer" */
	char message[320];         /* what and why: one line of English */
	int probed;                /* a server answered the handshake, or a
	                              file was read and decoded */
	int stapled;               /* a staple to look at (always, for a
	                              file that was read) */
	int decoded;               /* it decoded: the next fields are set */
	int response_status;       /* enum staple_response_status */
	int has_entry;             /* the entry judged: */
	int cert_status;           /* enum staple_ocsp_status */
	int revocation_reason;     /* enum staple_ocsp_reason */
	int64_t produced_at;
	int64_t this_update;
	int has_next_update;
	int64_t next_update;
	int64_t revoked_at;        /* revoked only */
	int verify_asked;          /* there was an issuer to verify with */
	int verified;              /* ... and the staple verified */
	int must_staple;           /* the leaf asks for a staple */
	int64_t at_ms;             /* judged at */
	int64_t warn_ms, critical_ms; /* the thresholds */
	int64_t start_us;          /* when its check started (monotonic) */
	int64_t duration_us;       /* the whole check of this target, to
	                              its verdict */
	int has_handshake;
	int64_t handshake_us;      /* connect and TLS handshake */
	struct staple_buf json;    /* --format json: the target's line */
};

/* --- text.c: the Nagios line of `staple check` ---------------------------- */

/*
 * "STATUS - TARGET: MESSAGE | PERFDATA\n" (Nagios plugin guidelines),
 * TARGET escaped and without "|"; perfdata next_update=Ns;W:;C:
 * (seconds left; less is worse), age=Ns (now - producedAt),
 * handshake=Ns (servers).  label_target: prefix each label with the
 * target ('TARGET next_update'), so that the labels of several lines
 * stay unique in the whole output.
 */
void staple_text_check_line(struct staple_buf *b,
                            const struct staple_check_report *rep,
                            int label_target);

/* "STATUS - N targets: C critical, U unknown, W warning, O ok\n": the
 * first line when there are several. */
void staple_text_check_summary(struct staple_buf *b,
                               const struct staple_check_report *reps,
                               size_t n);

/* --- json.c: the JSON object of `staple check` ---------------------------- */

/* "target", "kind" ("server"|"file"), "status", "exit", "reason",
 * "message" on an object j has open: the first members of a check's
 * line. */
void staple_json_check_head(struct staple_json *j,
                            const struct staple_check_report *rep);

/* "check": {"at", "warn", "critical", "next_update_in",
 * "verified"}, "timings": {"total_us", "handshake_us"}: its last. */
void staple_json_check_tail(struct staple_json *j,
                            const struct staple_check_report *rep);

/* --- prom.c: Prometheus text exposition ----------------------------------- */

/*
 * A writer of the Prometheus text exposition format, version 0.0.4, that
 * cannot write an invalid one: metric and label names are checked
 * against the format's grammar, label values escaped (\\ \" \n; other
 * control characters and bytes that are not UTF-8 become U+FFFD), help
 * text escaped (\\ \n), each family's # HELP and # TYPE written once
 * before its samples, and a family name used twice is refused.  A
 * refusal is a bug in the tool: it stops the program, as the JSON
 * writer does.
 */
#define STAPLE_PROM_MAX_FAMILIES 32
struct staple_prom {
	struct staple_buf *b;
	const char *family;  /* the open family, NULL before the first */
	const char *seen[STAPLE_PROM_MAX_FAMILIES];
	size_t n_seen;
};

void staple_prom_init(struct staple_prom *p, struct staple_buf *b);

/* "# HELP NAME HELP" and "# TYPE NAME TYPE" (gauge, counter, untyped);
 * the samples that follow belong to it. */
void staple_prom_family(struct staple_prom *p, const char *name,
                        const char *type, const char *help);

/* One label: name and value. */
struct staple_prom_label {
	const char *name;
	const char *value;
};

/* NAME{LABELS} VALUE of the open family: v / 10^decimals, exactly,
 * without trailing zeros ("1735689600", "0.25", "-3"); decimals at
 * most 9 (ms as seconds: 3; microseconds: 6). */
void staple_prom_sample(struct staple_prom *p,
                        const struct staple_prom_label *labels, size_t n,
                        int64_t v, unsigned decimals);

/* The check's families, every target in each: prom.c's layout. */
void staple_prom_check(struct staple_buf *b,
                       const struct staple_check_report *reps, size_t n);

#endif /* STAPLE_TOOL_H */
