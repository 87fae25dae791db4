#!/bin/sh
# seeds.sh -- fill the seed corpora fuzz/corpus/NAME/ from tests/fixtures.
#
# Run from the top of the tree by `make fuzz-seeds` (after `make`, whose
# build/libstaple.a the Name extractor links).  Needs openssl for base64
# and to turn the fixtures' PEM certificates into DER.  Every seed is
# named by the SHA-1 of its content, so running this again adds only what
# is new and never duplicates; files already there (libFuzzer merges) are
# kept.  The output depends only on the fixtures: run it after they change.
#
#   fuzz_decode, fuzz_differential   every tests/fixtures/*.der as it is
#   fuzz_pem     PEM (64-column `openssl base64`), bare base64 one line
#                and CRLF, PEM with text around it, a few DER, edge cases
#   fuzz_der     selector byte + fixture (read_any, walk, read_whole of a
#                SEQUENCE) and small hand-made TLVs for every reader
#   fuzz_time    selector + valid and edge GeneralizedTime/UTCTime
#   fuzz_name    selector + the Names and OIDs of the fixtures (responder
#                names, certificate issuers and subjects, algorithm OIDs)
#                and JSON string edge cases
#   fuzz_x509    every certificate of the fixtures (*.issuer.pem,
#                *.cert.pem, *.responder.pem, also in verify/) as DER
#   fuzz_verify  framed (response, issuer, leaf) triples: each
#                tests/fixtures/NAME.der with NAME.issuer.pem and
#                NAME.cert.pem, with and without the leaf, at thisUpdate
#                plus an hour; each row of tests/fixtures/verify/verify.tsv
#                (when there is one) at its time, skew and leaf
#
# Selectors are the first byte of an input, and fuzz_verify's framing is
# its first bytes: see the top of each harness.

# Octal escapes in printf formats are the point of sel, der and name:
# shellcheck disable=SC2059
set -eu

FIXTURES=${FIXTURES:-tests/fixtures}
CORPUS=${CORPUS:-fuzz/corpus}
BUILD=${BUILD:-build}
CC=${CC:-cc}
WORK=$BUILD/fuzz-seeds

die() {
	echo "seeds.sh: $*" >&2
	exit 1
}

command -v openssl >/dev/null 2>&1 || die "openssl is needed"
[ -f "$BUILD/libstaple.a" ] || die "$BUILD/libstaple.a missing: run make"
ls "$FIXTURES"/*.der >/dev/null 2>&1 || die "no fixtures in $FIXTURES"

sha1() {
	if command -v sha1sum >/dev/null 2>&1; then
		sha1sum "$1" | cut -d ' ' -f 1
	else
		openssl dgst -sha1 -r "$1" | cut -d ' ' -f 1
	fi
}

# add HARNESS: standard input becomes one seed of HARNESS, named by hash.
add() {
	mkdir -p "$CORPUS/$1"
	cat > "$WORK/seed"
	mv "$WORK/seed" "$CORPUS/$1/$(sha1 "$WORK/seed")"
}

# crlf: lines of standard input end in CR LF.
crlf() {
	awk '{ printf "%s\r\n", $0 }'
}

# lines LINE...: each argument as one line (arguments may start with "-").
lines() {
	printf '%s\n' "$@"
}

# sel N: the selector byte N (decimal, 0-255).
sel() {
	printf "\\$(printf '%03o' "$1")"
}

rm -rf "$WORK"
mkdir -p "$WORK/names" "$WORK/certs"

# ---- fuzz_decode, fuzz_differential ---------------------------------------
for f in "$FIXTURES"/*.der; do
	add fuzz_decode < "$f"
	add fuzz_differential < "$f"
done

# ---- fuzz_pem --------------------------------------------------------------
n=0
for f in "$FIXTURES"/*.der; do
	n=$((n + 1))
	{
		echo "-----BEGIN OCSP RESPONSE-----"
		openssl base64 -in "$f"
		echo "-----END OCSP RESPONSE-----"
	} | add fuzz_pem
	case $((n % 6)) in
	0) openssl base64 -A -in "$f" | add fuzz_pem ;;
	1) openssl base64 -in "$f" | crlf | add fuzz_pem ;;
	2) {
		echo "Response for the leaf, as openssl ocsp -respout writes it"
		echo "-----BEGIN OCSP RESPONSE-----"
		openssl base64 -in "$f" | crlf
		echo "-----END OCSP RESPONSE-----"
		echo "trailing text"
	   } | add fuzz_pem ;;
	3) add fuzz_pem < "$f" ;;
	esac
done
# edge cases: each is one rule of tools/pem.c
B='-----BEGIN OCSP RESPONSE-----'
E='-----END OCSP RESPONSE-----'
lines '-----BEGIN CERTIFICATE-----' MAA= '-----END CERTIFICATE-----' \
	"$B" MAA= "$E" | add fuzz_pem
lines '-----BEGIN X509 CRL-----' MAA= '-----END X509 CRL-----' | add fuzz_pem
lines "$B" MAA= "$E" "$B" MAA= "$E" | add fuzz_pem
lines "$B" MAA= | add fuzz_pem
lines "$E" | add fuzz_pem
lines "$B" MAA= '-----END CERTIFICATE-----' | add fuzz_pem
lines "$B" "$B" | add fuzz_pem
lines '-----BEGIN OCSP RESPONSE' MAA= | add fuzz_pem
lines "$B  " MAA= "$E" | add fuzz_pem
printf ' MAA=\n' | add fuzz_pem
printf 'MA==\n' | add fuzz_pem
printf 'MAB=\n' | add fuzz_pem
printf 'MA=A\n' | add fuzz_pem
printf 'MAA\n' | add fuzz_pem
printf 'M A A =\t\n' | add fuzz_pem
printf 'MAA*\n' | add fuzz_pem
printf '0AAA\n' | add fuzz_pem
printf '\n' | add fuzz_pem
printf '\377\376' | add fuzz_pem

# ---- fuzz_der: selectors of fuzz/fuzz_der.c ---------------------------------
ANY=0 READ=1 WHOLE=2 OPTIONAL=3 PEEK=4 INTEGER=5 SMALL=6 BOOLEAN=7 NULL=8
OID=9 BITS=10 GTIME=11 UTIME=12 NAME=13 NAME_AT=14 SLICES=15 WALK=16
n=0
for f in "$FIXTURES"/*.der; do
	n=$((n + 1))
	case $((n % 4)) in
	0) { sel $ANY; cat "$f"; } | add fuzz_der ;;
	1) { sel $WALK; cat "$f"; } | add fuzz_der ;;
	2) { sel $WHOLE; printf '\060'; cat "$f"; } | add fuzz_der ;;
	3) { sel $OPTIONAL; printf '\240'; cat "$f"; } | add fuzz_der ;;
	esac
done
# hand-made TLVs, octal escapes: \060 is 0x30
der() {
	{ sel "$1"; printf "$2"; } | add fuzz_der
}
der $ANY '\060\000'
der $ANY '\060\201\200'
der $ANY '\060\201\177'
der $ANY '\060\202\000\200'
der $ANY '\060\200\000\000'
der $ANY '\060\205\000\000\000\000\001'
der $ANY '\037\001\000'
der $ANY '\060\203\001\000\000'
der $READ '\002\002\001\000'
der $PEEK '\060\060\000'
der $INTEGER '\002\001\000'
der $INTEGER '\002\002\000\200'
der $INTEGER '\002\002\000\177'
der $INTEGER '\002\002\377\177'
der $INTEGER '\002\000'
der $SMALL '\000\002\001\000'
der $SMALL '\203\012\001\012'
der $SMALL '\007\002\011\000\377\377\377\377\377\377\377\377'
der $SMALL '\202\012\001\007'
der $BOOLEAN '\001\001\377'
der $BOOLEAN '\001\001\001'
der $BOOLEAN '\001\002\000\000'
der $NULL '\005\000'
der $NULL '\005\001\000'
der $OID '\006\011\053\006\001\005\005\007\060\001\001'
der $OID '\006\002\200\001'
der $OID '\006\001\201'
der $OID '\006\000'
der $BITS '\003\001\000'
der $BITS '\003\002\007\200'
der $BITS '\003\002\001\001'
der $BITS '\003\001\001'
der $GTIME '\030\01720250101000000Z'
der $GTIME '\030\02120250101000000.5Z'
der $UTIME '\027\015491231235959Z'
der $NAME '\060\000'
der $NAME '\060\014\061\012\060\010\006\003\125\004\003\014\001A'
der $NAME_AT '\060\002\061\000'
der $NAME_AT '\060\026\061\024\060\010\006\003\125\004\003\014\001B\060\010\006\003\125\004\003\014\001A'
der $SLICES '\002abab'
der $WALK '\060\006\061\004\060\002\005\000'

# ---- fuzz_time: 0 GeneralizedTime, 1 UTCTime, 2 eight bytes of ms ----------
for t in 20250101000000Z 20250101000000.5Z 20250101000000.123Z \
	20250101000000.1234567Z 20250101000000.50Z 20250101000000.Z \
	19700101000000Z 19691231235959.999Z 00000101000000Z \
	99991231235959Z 99991231235959.999Z 20240229235959Z 21000229000000Z \
	20000229000000Z 20161231235960Z 20251301000000Z 20250100000000Z \
	20250431000000Z 20250101240000Z 20250101006000Z 2025010100000Z \
	202501010000000Z 20250101000000 20250101000000+0000 \
	2025010100000aZ; do
	{ sel 0; printf '%s' "$t"; } | add fuzz_time
done
for t in 491231235959Z 500101000000Z 000101000000Z 991231235959Z \
	700101000000Z 250229000000Z 240229000000Z 2501010000Z \
	250101000000 2501010000000Z 250101000060Z; do
	{ sel 1; printf '%s' "$t"; } | add fuzz_time
done
{ sel 2; printf '\000\000\000\000\000\000\000\000'; } | add fuzz_time
{ sel 2; printf '\377\377\377\377\377\377\377\377'; } | add fuzz_time
{ sel 2; printf '\000\000\070\214\057\342\314\347'; } | add fuzz_time

# ---- fuzz_name: 0 Name, 1 OID, 2 JSON string, 3 responder, 4 sigalg -------
"$CC" -std=c99 -O1 -Icore -o "$WORK/seed_names" fuzz/seed_names.c \
	"$BUILD/libstaple.a"
for f in "$FIXTURES"/*.pem; do
	openssl x509 -in "$f" -outform DER -out "$WORK/certs/$(basename "$f" .pem).der" \
		2>/dev/null || true
done
"$WORK/seed_names" "$WORK/names" "$FIXTURES"/*.der "$WORK"/certs/*.der
for f in "$WORK"/names/name-*; do
	{ sel 0; cat "$f"; } | add fuzz_name
	{ sel 3; cat "$f"; } | add fuzz_name
	{ sel "$NAME"; cat "$f"; } | add fuzz_der
done
for f in "$WORK"/names/oid-*; do
	{ sel 1; cat "$f"; } | add fuzz_name
	{ sel 4; cat "$f"; } | add fuzz_name
done
# Names with every string type, escapes and a multi-valued RDN
name() {
	{ sel 0; printf "$1"; } | add fuzz_name
}
name '\060\000'
name '\060\030\061\026\060\024\006\003\125\004\003\014\015 #a,b+;<>\042\\= '
name '\060\020\061\016\060\014\006\003\125\004\003\036\005\000A\330\000B'
name '\060\017\061\015\060\013\006\003\125\004\012\024\004\351\200\001\177'
name '\060\021\061\017\060\015\006\003\125\004\003\034\006\000\001\366\000\000\000'
name '\060\030\061\026\060\010\006\003\125\004\003\023\001A\060\012\006\003\125\004\012\026\003\042<>'
name '\060\015\061\013\060\011\006\003\052\003\004\002\002\001\000'
name '\060\013\061\011\060\007\006\003\125\004\003\005\000'
{ sel 1; printf '\151\201\200\200\200\200\200\200\200\200\000'; } | add fuzz_name
{ sel 1; printf '\052\206\110'; } | add fuzz_name
{ sel 1; printf '\200\001'; } | add fuzz_name
{ sel 2; printf 'plain'; } | add fuzz_name
{ sel 2; printf '"\\\001\037\177\303\251\355\240\200\360\237\230\200\377'; } | add fuzz_name

# ---- fuzz_x509: the certificates, PEM to DER ------------------------------
# The base64 between the armour lines, decoded: also a certificate that
# openssl x509 would refuse (verify/responder-cert-malformed.responder.pem).
pem_der() {
	sed -n '/^-----BEGIN/,/^-----END/p' "$1" | grep -v '^-----' |
		openssl base64 -d
}
for f in "$FIXTURES"/*.pem "$FIXTURES"/verify/*.pem; do
	case $f in
	*.issuer.pem | *.cert.pem | *.responder.pem) ;;
	*) continue ;;
	esac
	[ -f "$f" ] || continue
	pem_der "$f" | add fuzz_x509
done

# ---- fuzz_verify: the framing of fuzz/fuzz_verify.c ------------------------
# byte N (0-255), 16- and 32-bit big-endian integers (two's complement)
u8() {
	printf "\\$(printf '%03o' "$1")"
}
u16() {
	u8 $(($1 >> 8 & 255))
	u8 $(($1 & 255))
}
u32() {
	u8 $(($1 >> 24 & 255))
	u8 $(($1 >> 16 & 255))
	u8 $(($1 >> 8 & 255))
	u8 $(($1 & 255))
}
# Seconds since the epoch of a GeneralizedTime YYYYMMDDHHMMSSZ (the days
# from the civil date, proleptic Gregorian, years 0000-9999).
epoch() {
	awk -v t="$1" 'BEGIN {
		y = substr(t, 1, 4) + 0; m = substr(t, 5, 2) + 0
		d = substr(t, 7, 2) + 0
		if (m <= 2) { y--; m += 12 }
		era = int(y / 400); yoe = y - era * 400
		doy = int((153 * (m - 3) + 2) / 5) + d - 1
		doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
		days = era * 146097 + doe - 719468
		printf "%d\n", days * 86400 + substr(t, 9, 2) * 3600 + \
			substr(t, 11, 2) * 60 + substr(t, 13, 2)
	}'
}
# triple WHEN MIX DELTA RESPONSE ISSUER_DER LEAF_DER|-: one input.
triple() {
	{
		u8 "$1"
		u8 "$2"
		u32 "$3"
		u16 "$(wc -c < "$5")"
		cat "$5"
		if [ "$6" = - ]; then
			u16 0
		else
			u16 "$(wc -c < "$6")"
			cat "$6"
		fi
		cat "$4"
	} | add fuzz_verify
}
# WHEN: base of now in bits 0-1 (1 thisUpdate, 3 the epoch), skew index
# in bits 2-4 (0 none, 3 300 s), crippled provider in bits 5-7; MIX:
# 31 gives the mixing provider every hash.
n=0
for f in "$FIXTURES"/*.der; do
	base=${f%.der}
	[ -f "$base.issuer.pem" ] || continue
	n=$((n + 1))
	pem_der "$base.issuer.pem" > "$WORK/issuer.der"
	if [ -f "$base.cert.pem" ]; then
		pem_der "$base.cert.pem" > "$WORK/leaf.der"
		triple $((1 | (n % 8) << 5)) 31 3600 "$f" "$WORK/issuer.der" \
			"$WORK/leaf.der"
	fi
	triple $((1 | ((n + 4) % 8) << 5)) $((n % 64)) 3600 "$f" \
		"$WORK/issuer.der" -
done
if [ -f "$FIXTURES/verify/verify.tsv" ]; then
	n=0
	# name file at skew leaf ...; the skew is 300 s in every row so far
	tail -n +2 "$FIXTURES/verify/verify.tsv" |
	while IFS='	' read -r _ file at skew leaf _; do
		base=$FIXTURES/verify/$file
		if [ ! -f "$base.der" ] || [ ! -f "$base.issuer.pem" ]; then
			continue
		fi
		case $skew in
		0) s=0 ;;
		300) s=3 ;;
		*) s=4 ;; # an hour: the nearest of fuzz_verify.c's skews
		esac
		n=$((n + 1))
		pem_der "$base.issuer.pem" > "$WORK/issuer.der"
		leaf_der=-
		if [ "$leaf" = 1 ] && [ -f "$base.cert.pem" ]; then
			pem_der "$base.cert.pem" > "$WORK/leaf.der"
			leaf_der=$WORK/leaf.der
		fi
		triple $((3 | s << 2 | (n % 8) << 5)) 31 "$(epoch "$at")" \
			"$base.der" "$WORK/issuer.der" "$leaf_der"
	done
fi

rm -rf "$WORK"
for h in fuzz_decode fuzz_differential fuzz_pem fuzz_der fuzz_time fuzz_name \
	fuzz_x509 fuzz_verify; do
	echo "seeds.sh: $CORPUS/$h: $(find "$CORPUS/$h" -type f | wc -l) files"
done
