#!/usr/bin/env python3
"""
gen_fixtures.py -- write staple's OCSP response fixtures and their truth table.

    python3 tests/gen_fixtures.py [OUTDIR]          (default: tests/fixtures)

Every byte of every OCSPResponse is put together here by a small DER encoder
(the der_* functions below), so a fixture holds exactly what its table entry
says, including the two non-DER leniencies staple accepts.  The python
`cryptography` package is used for keys, certificates and signatures only,
and for the self-check at the end.

Written to OUTDIR:

    NAME.der            the OCSPResponse
    NAME.issuer.pem     the CA that issued the leaf (it signs the response
                        unless a delegated responder does)
    NAME.cert.pem       the leaf certificate the response answers for
    NAME.responder.pem  the delegated responder certificate, when delegated
    fixtures.tsv        what the decoder must report, one row per entry
    README.md           how to regenerate, what each fixture covers
    keys/*.pem          private keys: generated when missing, else reused
    verify/             fixtures for staple_verify(): NAME.der,
                        NAME.issuer.pem, NAME.cert.pem, NAME.responder.pem
                        and verify.tsv, the verdict each check must give
                        (see "Verification fixtures" below)
    tls/                a root, an intermediate, TLS leaves (NAME.pem,
                        NAME.key) and their staples (NAME.der) for the
                        loopback tests (see "TLS fixtures" below)

The output is stable from run to run: fixed times and serial numbers,
deterministic ECDSA (RFC 6979), Ed25519/Ed448 and RSA PKCS#1 v1.5 are
deterministic anyway, and RSA-PSS uses a salt derived from the message.
Only a missing key is made afresh (and then everything it signs changes).
"""

import base64
import datetime
import hashlib
import ipaddress
import os
import re
import sys
from dataclasses import dataclass, field
from typing import List, Optional

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import (ec, ed448, ed25519,
                                                       padding, rsa)
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


# ---------------------------------------------------------------------------
# DER encoder (X.690 section 10).  Each function returns a whole TLV.

TAG_BOOLEAN = 0x01
TAG_INTEGER = 0x02
TAG_BIT_STRING = 0x03
TAG_OCTET_STRING = 0x04
TAG_NULL = 0x05
TAG_OID = 0x06
TAG_ENUMERATED = 0x0a
TAG_GENERALIZED_TIME = 0x18
TAG_SEQUENCE = 0x30


def der_length(n):
    """Definite length in the fewest octets (X.690 10.1)."""
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, 'big')
    return bytes([0x80 | len(body)]) + body


def der_tlv(tag, contents):
    return bytes([tag]) + der_length(len(contents)) + contents


def der_sequence(*elements):
    return der_tlv(TAG_SEQUENCE, b''.join(elements))


def der_boolean(value):
    """BOOLEAN: FF for TRUE, 00 for FALSE (X.690 11.1)."""
    return der_tlv(TAG_BOOLEAN, b'\xff' if value else b'\x00')


def integer_contents(value):
    """Two's complement in the fewest octets (X.690 8.3.2)."""
    magnitude = value if value >= 0 else ~value
    return value.to_bytes(magnitude.bit_length() // 8 + 1, 'big', signed=True)


def der_integer(value):
    return der_tlv(TAG_INTEGER, integer_contents(value))


def der_enumerated(value):
    return der_tlv(TAG_ENUMERATED, integer_contents(value))


def der_null():
    return der_tlv(TAG_NULL, b'')


def base128(value):
    """One OID sub-identifier, 7 bits per octet, no leading 0x80 (8.19.2)."""
    out = [value & 0x7f]
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7f))
        value >>= 7
    return bytes(reversed(out))


def oid_contents(dotted):
    arcs = [int(a) for a in dotted.split('.')]
    subids = [arcs[0] * 40 + arcs[1]] + arcs[2:]
    return b''.join(base128(s) for s in subids)


def der_oid(dotted):
    return der_tlv(TAG_OID, oid_contents(dotted))


def der_octet_string(data):
    return der_tlv(TAG_OCTET_STRING, data)


def der_bit_string(data):
    """BIT STRING of whole octets: the unused-bits octet is 0."""
    return der_tlv(TAG_BIT_STRING, b'\x00' + data)


GENERALIZED_TIME = re.compile(
    r'(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(?:\.(\d*[1-9]))?Z')


def der_generalized_time(text):
    """GeneralizedTime 'YYYYMMDDHHMMSS[.f+]Z', no trailing 0 (X.690 11.7)."""
    time_ms(text)  # raises on a malformed or out-of-range time
    return der_tlv(TAG_GENERALIZED_TIME, text.encode('ascii'))


def der_explicit(number, inner):
    """[number] EXPLICIT: a constructed context tag around a whole TLV."""
    return der_tlv(0xa0 | number, inner)


def der_implicit(number, contents, constructed=False):
    """[number] IMPLICIT: the context tag replaces the type's own tag."""
    return der_tlv((0xa0 if constructed else 0x80) | number, contents)


def algorithm_identifier(oid, parameters=None):
    """AlgorithmIdentifier ::= SEQUENCE {
        algorithm    OBJECT IDENTIFIER,
        parameters   ANY DEFINED BY algorithm OPTIONAL }"""
    return der_sequence(der_oid(oid), *([parameters] if parameters else []))


# ---------------------------------------------------------------------------
# DER reader: to take fields out of cryptography's output and to check ours.

class DerError(ValueError):
    pass


def der_read(buf, off=0):
    """One TLV at buf[off:]: (tag, contents start, end).  Strict lengths."""
    if off + 2 > len(buf):
        raise DerError('truncated header at %d' % off)
    tag, first = buf[off], buf[off + 1]
    if tag & 0x1f == 0x1f:
        raise DerError('multi-byte tag at %d' % off)
    if first < 0x80:
        length, start = first, off + 2
    elif first == 0x80:
        raise DerError('indefinite length at %d' % off)
    else:
        count = first & 0x7f
        body = buf[off + 2:off + 2 + count]
        if count > 4 or len(body) != count:
            raise DerError('bad long length at %d' % off)
        length = int.from_bytes(body, 'big')
        if length < 0x80 or body[0] == 0:
            raise DerError('non-minimal length at %d' % off)
        start = off + 2 + count
    if start + length > len(buf):
        raise DerError('element at %d overruns its container' % off)
    return tag, start, start + length


def der_children(contents):
    """The TLVs that exactly fill contents: [(tag, contents, whole)]."""
    out, off = [], 0
    while off < len(contents):
        tag, start, end = der_read(contents, off)
        out.append((tag, contents[start:end], contents[off:end]))
        off = end
    return out


def der_unwrap(buf, tag):
    """The contents of buf, which must be exactly one TLV with this tag."""
    got, start, end = der_read(buf)
    if got != tag or end != len(buf):
        raise DerError('expected one element with tag %02x' % tag)
    return buf[start:end]


def oid_is_minimal(contents):
    """Non-empty, last octet ends a sub-identifier, none starts with 0x80."""
    if not contents or contents[-1] & 0x80:
        return False
    return all(contents[i] != 0x80 for i in range(len(contents))
               if i == 0 or not contents[i - 1] & 0x80)


def der_check(buf, where='top'):
    """Walk buf as DER: lengths, nesting, INTEGER, BOOLEAN, NULL, OID, time."""
    for tag, contents, _ in der_children(buf):
        if tag & 0x20:
            der_check(contents, where)
        elif tag in (TAG_INTEGER, TAG_ENUMERATED):
            if not contents or (len(contents) > 1 and (
                    (contents[0] == 0 and contents[1] < 0x80) or
                    (contents[0] == 0xff and contents[1] >= 0x80))):
                raise DerError('non-minimal INTEGER in %s' % where)
        elif tag == TAG_BOOLEAN and contents not in (b'\x00', b'\xff'):
            raise DerError('bad BOOLEAN in %s' % where)
        elif tag == TAG_NULL and contents:
            raise DerError('NULL with contents in %s' % where)
        elif tag == TAG_OID and not oid_is_minimal(contents):
            raise DerError('bad OID in %s' % where)
        elif tag == TAG_GENERALIZED_TIME:
            time_ms(contents.decode('ascii'))
        elif tag == TAG_BIT_STRING and (not contents or contents[0] != 0):
            raise DerError('BIT STRING with unused bits in %s' % where)


# ---------------------------------------------------------------------------
# Times: milliseconds since 1970-01-01T00:00:00Z, by integer arithmetic.

def days_from_civil(year, month, day):
    """Days since 1970-01-01 in the proleptic Gregorian calendar."""
    year -= month <= 2
    era = year // 400
    yoe = year - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def time_ms(text):
    """A GeneralizedTime's milliseconds; fraction digits past 3 dropped."""
    m = GENERALIZED_TIME.fullmatch(text)
    if not m:
        raise ValueError('not a DER GeneralizedTime: %r' % text)
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    mdays = [31, 29 if is_leap(year) else 28, 31, 30, 31, 30,
             31, 31, 30, 31, 30, 31]
    if not (1 <= month <= 12 and 1 <= day <= mdays[month - 1] and
            hour <= 23 and minute <= 59 and second <= 59):
        raise ValueError('time out of range: %r' % text)
    seconds = (days_from_civil(year, month, day) * 86400 +
               hour * 3600 + minute * 60 + second)
    return seconds * 1000 + int(((m.group(7) or '') + '000')[:3])


# ---------------------------------------------------------------------------
# OIDs and names.

OID_PKIX_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1'
OID_PKIX_OCSP_NONCE = '1.3.6.1.5.5.7.48.1.2'
OID_INVALIDITY_DATE = '2.5.29.24'
OID_MGF1 = '1.2.840.113549.1.1.8'
# Under 32473, the enterprise number reserved for documentation (RFC 5612).
OID_UNKNOWN_RESPONSE_EXT = '1.3.6.1.4.1.32473.1.1'
OID_UNKNOWN_SINGLE_EXT = '1.3.6.1.4.1.32473.1.2'

# CertID hash algorithms: name -> (OID, hashlib constructor).
CERTID_HASHES = {
    'sha1': ('1.3.14.3.2.26', hashlib.sha1),
    'sha224': ('2.16.840.1.101.3.4.2.4', hashlib.sha224),
    'sha256': ('2.16.840.1.101.3.4.2.1', hashlib.sha256),
    'sha384': ('2.16.840.1.101.3.4.2.2', hashlib.sha384),
    'sha512': ('2.16.840.1.101.3.4.2.3', hashlib.sha512),
}

RESPONSE_STATUS = {0: 'successful', 1: 'malformed_request',
                   2: 'internal_error', 3: 'try_later',
                   5: 'sig_required', 6: 'unauthorized'}

# CRLReason wire values and their k6 names (7 is unused).
REASONS = {0: 'unspecified', 1: 'key_compromise', 2: 'ca_compromise',
           3: 'affiliation_changed', 4: 'superseded',
           5: 'cessation_of_operation', 6: 'certificate_hold',
           8: 'remove_from_crl', 9: 'privilege_withdrawn',
           10: 'aa_compromise'}

LENIENT_EXPLICIT_VERSION = 0x1
LENIENT_EMPTY_EXTENSIONS = 0x2


# ---------------------------------------------------------------------------
# Signature algorithms of the BasicOCSPResponse.

PSS_SALT_LENGTH = 32


@dataclass
class SigAlg:
    oid: str
    parameters: Optional[bytes]  # the parameters TLV, or None when absent
    hash: Optional[type]         # cryptography hash class; None for EdDSA
    scheme: str                  # pkcs1, pss, ecdsa, eddsa
    salt_len: int = PSS_SALT_LENGTH  # PSS only: octets of salt


OID_RSASSA_PSS = '1.2.840.113549.1.1.10'


def pss_params(hash_name, salt_len, trailer=None, extra=b''):
    """
    RSASSA-PSS-params ::= SEQUENCE {                       (RFC 4055 3.1)
        hashAlgorithm     [0] HashAlgorithm DEFAULT sha1Identifier,
        maskGenAlgorithm  [1] MaskGenAlgorithm DEFAULT mgf1SHA1Identifier,
        saltLength        [2] INTEGER DEFAULT 20,
        trailerField      [3] TrailerField DEFAULT trailerFieldBC }
    MGF1 with the same hash; a field at its DEFAULT is left out, so SHA-1
    with salt 20 is the empty SEQUENCE.  Hash parameters NULL, as OpenSSL
    writes.  trailer (encoded when given) and extra (appended inside the
    SEQUENCE) make broken ones.
    """
    fields = []
    if hash_name != 'sha1':
        digest = algorithm_identifier(CERTID_HASHES[hash_name][0], der_null())
        fields += [der_explicit(0, digest),
                   der_explicit(1, algorithm_identifier(OID_MGF1, digest))]
    if salt_len != 20:
        fields.append(der_explicit(2, der_integer(salt_len)))
    if trailer is not None:
        fields.append(der_explicit(3, der_integer(trailer)))
    return der_sequence(*fields, extra)


PSS_SHA256_PARAMS = pss_params('sha256', PSS_SALT_LENGTH)

SIGALGS = {
    'sha1WithRSAEncryption':
        SigAlg('1.2.840.113549.1.1.5', der_null(), hashes.SHA1, 'pkcs1'),
    'sha224WithRSAEncryption':
        SigAlg('1.2.840.113549.1.1.14', der_null(), hashes.SHA224, 'pkcs1'),
    'sha256WithRSAEncryption':
        SigAlg('1.2.840.113549.1.1.11', der_null(), hashes.SHA256, 'pkcs1'),
    'sha384WithRSAEncryption':
        SigAlg('1.2.840.113549.1.1.12', der_null(), hashes.SHA384, 'pkcs1'),
    'sha512WithRSAEncryption':
        SigAlg('1.2.840.113549.1.1.13', der_null(), hashes.SHA512, 'pkcs1'),
    'rsassaPss':
        SigAlg(OID_RSASSA_PSS, PSS_SHA256_PARAMS, hashes.SHA256, 'pss'),
    'rsassaPss-sha384':
        SigAlg(OID_RSASSA_PSS, pss_params('sha384', 48), hashes.SHA384,
               'pss', 48),
    'rsassaPss-sha512':
        SigAlg(OID_RSASSA_PSS, pss_params('sha512', 64), hashes.SHA512,
               'pss', 64),
    'rsassaPss-default':
        SigAlg(OID_RSASSA_PSS, pss_params('sha1', 20), hashes.SHA1, 'pss',
               20),
    'ecdsa-with-SHA256':
        SigAlg('1.2.840.10045.4.3.2', None, hashes.SHA256, 'ecdsa'),
    'ecdsa-with-SHA384':
        SigAlg('1.2.840.10045.4.3.3', None, hashes.SHA384, 'ecdsa'),
    'ecdsa-with-SHA512':
        SigAlg('1.2.840.10045.4.3.4', None, hashes.SHA512, 'ecdsa'),
    'ED25519': SigAlg('1.3.101.112', None, None, 'eddsa'),
    'ED448': SigAlg('1.3.101.113', None, None, 'eddsa'),
}


def mgf1(seed, length, hash_cls):
    out, counter = b'', 0
    while len(out) < length:
        h = hashes.Hash(hash_cls())
        h.update(seed + counter.to_bytes(4, 'big'))
        out += h.finalize()
        counter += 1
    return out[:length]


def rsa_pss_sign(key, message, hash_cls, salt):
    """RSASSA-PSS-SIGN (RFC 8017 8.1.1) with a chosen salt, so it is stable.

    cryptography always draws a random salt; this is EMSA-PSS-ENCODE
    (9.1.1) followed by RSASP1 with the key's own private exponent.  The
    result is checked with cryptography's PSS verifier in the self-check.
    """
    priv = key.private_numbers()
    n, d = priv.public_numbers.n, priv.d
    em_bits = n.bit_length() - 1
    em_len = (em_bits + 7) // 8
    digest = hashes.Hash(hash_cls())
    digest.update(message)
    m_hash = digest.finalize()
    h = hashes.Hash(hash_cls())
    h.update(b'\x00' * 8 + m_hash + salt)
    h = h.finalize()
    db = b'\x00' * (em_len - len(salt) - len(h) - 2) + b'\x01' + salt
    masked = bytearray(a ^ b for a, b in
                       zip(db, mgf1(h, len(db), hash_cls)))
    masked[0] &= 0xff >> (8 * em_len - em_bits)
    em = bytes(masked) + h + b'\xbc'
    s = pow(int.from_bytes(em, 'big'), d, n)
    return s.to_bytes((n.bit_length() + 7) // 8, 'big')


def pss_salt(message, length):
    """A salt derived from the message: SHA-256 blocks, the first one
    SHA-256('staple fixture salt' || message), block i > 0 with the octet
    i after the label."""
    salt, i = b'', 0
    while len(salt) < length:
        label = b'staple fixture salt' + (bytes([i]) if i else b'')
        salt += hashlib.sha256(label + message).digest()
        i += 1
    return salt[:length]


def sign(key, sigalg, message):
    if sigalg.scheme == 'pkcs1':
        return key.sign(message, padding.PKCS1v15(), sigalg.hash())
    if sigalg.scheme == 'pss':
        return rsa_pss_sign(key, message, sigalg.hash,
                            pss_salt(message, sigalg.salt_len))
    if sigalg.scheme == 'ecdsa':
        return key.sign(message, ec.ECDSA(sigalg.hash(),
                                          deterministic_signing=True))
    return key.sign(message)


def verify(public_key, sigalg, signature, message):
    """Raises InvalidSignature unless signature is good."""
    if sigalg.scheme == 'pkcs1':
        public_key.verify(signature, message, padding.PKCS1v15(),
                          sigalg.hash())
    elif sigalg.scheme == 'pss':
        public_key.verify(signature, message,
                          padding.PSS(padding.MGF1(sigalg.hash()),
                                      sigalg.salt_len), sigalg.hash())
    elif sigalg.scheme == 'ecdsa':
        public_key.verify(signature, message, ec.ECDSA(sigalg.hash()))
    else:
        public_key.verify(signature, message)


# ---------------------------------------------------------------------------
# Keys and certificates.

# Key file (in keys/) -> how to make it.
KEY_SPECS = {
    'ca-rsa2048': lambda: rsa.generate_private_key(65537, 2048),
    'ca-p256': lambda: ec.generate_private_key(ec.SECP256R1()),
    'ca-p384': lambda: ec.generate_private_key(ec.SECP384R1()),
    'ca-p521': lambda: ec.generate_private_key(ec.SECP521R1()),
    'ca-ed25519': ed25519.Ed25519PrivateKey.generate,
    'ca-ed448': ed448.Ed448PrivateKey.generate,
    'responder-rsa2048': lambda: rsa.generate_private_key(65537, 2048),
    'responder-p256': lambda: ec.generate_private_key(ec.SECP256R1()),
    'leaf-p256': lambda: ec.generate_private_key(ec.SECP256R1()),
    # verify/: another P-256 key, that no fixture's issuer trusts
    'other-p256': lambda: ec.generate_private_key(ec.SECP256R1()),
}


@dataclass
class CA:
    label: str                 # for names: "RSA-2048", "P-256", ...
    serial: int                # of the CA certificate
    sigalg: str                # what its key signs with by default
    responder: Optional[str] = None  # key of its delegated responder


CAS = {
    'rsa2048': CA('RSA-2048', 0x1001, 'sha256WithRSAEncryption',
                  'responder-rsa2048'),
    'p256': CA('P-256', 0x1002, 'ecdsa-with-SHA256', 'responder-p256'),
    'p384': CA('P-384', 0x1003, 'ecdsa-with-SHA384'),
    'p521': CA('P-521', 0x1004, 'ecdsa-with-SHA512'),
    'ed25519': CA('Ed25519', 0x1005, 'ED25519'),
    'ed448': CA('Ed448', 0x1006, 'ED448'),
}

# Wide enough that every time in every fixture lies inside (RFC 5280
# 4.1.2.5: 99991231235959Z is "no well-defined expiration date").
NOT_BEFORE = datetime.datetime(1950, 1, 1, tzinfo=datetime.timezone.utc)
NOT_AFTER = datetime.datetime(9999, 12, 31, 23, 59, 59,
                              tzinfo=datetime.timezone.utc)


def write_if_changed(path, data):
    """Write only when the bytes differ, so re-runs leave mtimes alone."""
    if isinstance(data, str):
        data = data.encode('utf-8')
    try:
        with open(path, 'rb') as f:
            if f.read() == data:
                return
    except FileNotFoundError:
        pass
    with open(path, 'wb') as f:
        f.write(data)


def pem(der, label='CERTIFICATE'):
    b64 = base64.b64encode(der).decode('ascii')
    lines = [b64[i:i + 64] for i in range(0, len(b64), 64)]
    return '-----BEGIN %s-----\n%s\n-----END %s-----\n' % (
        label, '\n'.join(lines), label)


def public_key_bits(public_key):
    """subjectPublicKey BIT STRING contents, without the unused-bits octet."""
    spki = public_key.public_bytes(serialization.Encoding.DER,
                                   serialization.PublicFormat.
                                   SubjectPublicKeyInfo)
    _, bits, _ = der_children(der_unwrap(spki, TAG_SEQUENCE))[1]
    if bits[0] != 0:
        raise DerError('subjectPublicKey with unused bits')
    return bits[1:]


def cert_hash_for(key):
    """The hash a key signs certificates with (None for EdDSA)."""
    if isinstance(key, rsa.RSAPrivateKey):
        return hashes.SHA256()
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return {256: hashes.SHA256(), 384: hashes.SHA384(),
                521: hashes.SHA512()}[key.curve.key_size]
    return None


def name(common_name):
    return x509.Name([
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, 'staple fixtures'),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


class Pki:
    """The keys (from keys/) and the certificates made from them."""

    def __init__(self, keydir):
        self.keydir = keydir
        self.keys = {}
        self.made_keys = []
        self.cas = {}
        self.responders = {}

    def key(self, key_name):
        if key_name not in self.keys:
            path = os.path.join(self.keydir, key_name + '.pem')
            if os.path.exists(path):
                with open(path, 'rb') as f:
                    key = serialization.load_pem_private_key(f.read(), None)
            else:
                os.makedirs(self.keydir, exist_ok=True)
                key = KEY_SPECS[key_name]()
                write_if_changed(path, key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption()))
                self.made_keys.append(key_name)
            self.keys[key_name] = key
        return self.keys[key_name]

    def ca_key(self, ca):
        return self.key('ca-' + ca)

    def _issue(self, issuer_cert, issuer_key, subject, serial, public_key,
               extensions, not_before=NOT_BEFORE, not_after=NOT_AFTER):
        b = (x509.CertificateBuilder()
             .subject_name(subject)
             .issuer_name(issuer_cert.subject if issuer_cert else subject)
             .public_key(public_key)
             .serial_number(serial)
             .not_valid_before(not_before)
             .not_valid_after(not_after)
             .add_extension(x509.SubjectKeyIdentifier.from_public_key(
                 public_key), critical=False))
        if issuer_cert is not None:
            b = b.add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(
                    issuer_cert.public_key()), critical=False)
        for ext, critical in extensions:
            b = b.add_extension(ext, critical=critical)
        return b.sign(issuer_key, cert_hash_for(issuer_key),
                      ecdsa_deterministic=isinstance(
                          issuer_key, ec.EllipticCurvePrivateKey) or None)

    def ca_cert(self, ca):
        """Self-signed CA certificate."""
        if ca not in self.cas:
            key = self.ca_key(ca)
            self.cas[ca] = self._issue(
                None, key, name('staple test CA ' + CAS[ca].label),
                CAS[ca].serial, key.public_key(), ca_extensions())
        return self.cas[ca]

    def responder_key(self, ca):
        return self.key(CAS[ca].responder)

    def responder_cert(self, ca):
        """Delegated responder: issued by the CA, id-kp-OCSPSigning EKU."""
        if ca not in self.responders:
            self.responders[ca] = self._issue(
                self.ca_cert(ca), self.ca_key(ca),
                name('staple test OCSP responder ' + CAS[ca].label),
                CAS[ca].serial + 0x1000,
                self.responder_key(ca).public_key(), [
                    (x509.BasicConstraints(ca=False, path_length=None), True),
                    (key_usage(digital_signature=True), True),
                    (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.OCSP_SIGNING]),
                     False),
                    (x509.OCSPNoCheck(), False)])
        return self.responders[ca]

    def sans_cert(self, ca):
        """A certificate with a subjectAltName of every kind the tool
        shows (DNS names, an IPv4 and an IPv6 address) and one it skips
        (an email address), as certs carries it to a client."""
        return self._issue(
            self.ca_cert(ca), self.ca_key(ca),
            name('sans.staple.test'), CAS[ca].serial + 0x2000,
            self.key('leaf-p256').public_key(), [
                (x509.BasicConstraints(ca=False, path_length=None), True),
                (x509.SubjectAlternativeName([
                    x509.DNSName('sans.staple.test'),
                    x509.DNSName('*.sans.staple.test'),
                    x509.IPAddress(ipaddress.ip_address('192.0.2.1')),
                    x509.RFC822Name('ops@sans.staple.test'),
                    x509.IPAddress(ipaddress.ip_address('2001:db8::1'))]),
                 False)]).public_bytes(serialization.Encoding.DER)

    def leaf_cert(self, ca, serial, dns_name):
        """The leaf, as DER.  A negative serial is patched in by hand,
        because CertificateBuilder refuses one (RFC 5280 4.1.2.2 says
        positive, but responders must cope with what CAs issued)."""
        cert = self._issue(
            self.ca_cert(ca), self.ca_key(ca), name(dns_name),
            serial if serial > 0 else 1,
            self.key('leaf-p256').public_key(), [
                (x509.BasicConstraints(ca=False, path_length=None), True),
                (key_usage(digital_signature=True), True),
                (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]),
                 False),
                (x509.SubjectAlternativeName([x509.DNSName(dns_name)]),
                 False)])
        der = cert.public_bytes(serialization.Encoding.DER)
        if serial > 0:
            return der
        tbs, alg, _ = der_children(der_unwrap(der, TAG_SEQUENCE))
        fields = [whole for _, _, whole in der_children(tbs[1])]
        fields[1] = der_integer(serial)  # [0] version, then serialNumber
        new_tbs = der_sequence(*fields)
        key = self.ca_key(ca)
        sigalg = SIGALGS[CAS[ca].sigalg]
        return der_sequence(new_tbs, alg[2],
                            der_bit_string(sign(key, sigalg, new_tbs)))


def ca_extensions():
    return [(x509.BasicConstraints(ca=True, path_length=None), True),
            (key_usage(digital_signature=True, key_cert_sign=True,
                       crl_sign=True), True)]


def key_usage(digital_signature=False, key_cert_sign=False, crl_sign=False):
    return x509.KeyUsage(digital_signature=digital_signature,
                         content_commitment=False, key_encipherment=False,
                         data_encipherment=False, key_agreement=False,
                         key_cert_sign=key_cert_sign, crl_sign=crl_sign,
                         encipher_only=False, decipher_only=False)


# ---------------------------------------------------------------------------
# OCSP (RFC 6960 4.2.1), one function per ASN.1 type.

def cert_id(hash_name, null_params, issuer, serial):
    """
    CertID ::= SEQUENCE {
        hashAlgorithm   AlgorithmIdentifier,
        issuerNameHash  OCTET STRING, -- Hash of issuer's DN
        issuerKeyHash   OCTET STRING, -- Hash of issuer's public key
        serialNumber    CertificateSerialNumber }
    """
    oid, h = CERTID_HASHES[hash_name]
    name_hash = h(issuer.subject.public_bytes()).digest()
    key_hash = h(public_key_bits(issuer.public_key())).digest()
    return der_sequence(
        algorithm_identifier(oid, der_null() if null_params else None),
        der_octet_string(name_hash), der_octet_string(key_hash),
        der_integer(serial)), name_hash, key_hash


def cert_status(status, revoked_at=None, reason=None):
    """
    CertStatus ::= CHOICE {
        good        [0] IMPLICIT NULL,
        revoked     [1] IMPLICIT RevokedInfo,
        unknown     [2] IMPLICIT UnknownInfo }
    RevokedInfo ::= SEQUENCE {
        revocationTime     GeneralizedTime,
        revocationReason   [0] EXPLICIT CRLReason OPTIONAL }
    """
    if status == 'good':
        return der_implicit(0, b'')
    if status == 'unknown':
        return der_implicit(2, b'')
    info = der_generalized_time(revoked_at)
    if reason is not None:
        info += der_explicit(0, der_enumerated(reason))
    return der_implicit(1, info, constructed=True)


@dataclass
class Ext:
    oid: str
    value: bytes          # the DER that extnValue's OCTET STRING holds
    critical: bool = False


def extension(ext):
    """
    Extension ::= SEQUENCE {
        extnID      OBJECT IDENTIFIER,
        critical    BOOLEAN DEFAULT FALSE,
        extnValue   OCTET STRING }
    FALSE is the DEFAULT, so it is never encoded (X.690 11.5).
    """
    return der_sequence(der_oid(ext.oid),
                        *([der_boolean(True)] if ext.critical else []),
                        der_octet_string(ext.value))


def extensions(number, exts):
    """[number] EXPLICIT Extensions, or nothing when exts is None.
    An empty list gives the empty SEQUENCE staple accepts as a leniency."""
    if exts is None:
        return b''
    return der_explicit(number, der_sequence(*(extension(e) for e in exts)))


def single_response(cid, status, this_update, next_update, exts):
    """
    SingleResponse ::= SEQUENCE {
        certID                       CertID,
        certStatus                   CertStatus,
        thisUpdate                   GeneralizedTime,
        nextUpdate         [0]       EXPLICIT GeneralizedTime OPTIONAL,
        singleExtensions   [1]       EXPLICIT Extensions OPTIONAL }
    """
    return der_sequence(
        cid, status, der_generalized_time(this_update),
        der_explicit(0, der_generalized_time(next_update))
        if next_update else b'',
        extensions(1, exts))


def responder_id(by, cert):
    """
    ResponderID ::= CHOICE {
        byName   [1] Name,
        byKey    [2] KeyHash }
    KeyHash ::= OCTET STRING -- SHA-1 hash of responder's public key
                             -- (excluding the tag and length fields)
    Returns the TLV and what staple reports (Name TLV, KeyHash octets).
    """
    if by == 'name':
        name_der = cert.subject.public_bytes()
        return der_explicit(1, name_der), name_der
    key_hash = hashlib.sha1(public_key_bits(cert.public_key())).digest()
    return der_explicit(2, der_octet_string(key_hash)), key_hash


def response_data(rid, produced_at, singles, exts, explicit_version):
    """
    ResponseData ::= SEQUENCE {
        version              [0] EXPLICIT Version DEFAULT v1,
        responderID              ResponderID,
        producedAt               GeneralizedTime,
        responses                SEQUENCE OF SingleResponse,
        responseExtensions   [1] EXPLICIT Extensions OPTIONAL }
    v1 is the DEFAULT: encoding it is the explicit-version leniency.
    """
    return der_sequence(
        der_explicit(0, der_integer(0)) if explicit_version else b'',
        rid, der_generalized_time(produced_at), der_sequence(*singles),
        extensions(1, exts))


def basic_ocsp_response(tbs, sigalg, signature, certs):
    """
    BasicOCSPResponse ::= SEQUENCE {
        tbsResponseData      ResponseData,
        signatureAlgorithm   AlgorithmIdentifier,
        signature            BIT STRING,
        certs            [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL }
    """
    return der_sequence(
        tbs, algorithm_identifier(sigalg.oid, sigalg.parameters),
        der_bit_string(signature),
        der_explicit(0, der_sequence(*certs)) if certs else b'')


def ocsp_response(status, basic=None):
    """
    OCSPResponse ::= SEQUENCE {
        responseStatus         OCSPResponseStatus,
        responseBytes          [0] EXPLICIT ResponseBytes OPTIONAL }
    ResponseBytes ::= SEQUENCE {
        responseType   OBJECT IDENTIFIER,
        response       OCTET STRING }
    """
    if basic is None:
        return der_sequence(der_enumerated(status))
    return der_sequence(
        der_enumerated(status),
        der_explicit(0, der_sequence(der_oid(OID_PKIX_OCSP_BASIC),
                                     der_octet_string(basic))))


# ---------------------------------------------------------------------------
# The fixtures.

PRODUCED_AT = '20250101120000Z'
THIS_UPDATE = '20250101000000Z'
NEXT_UPDATE = '20250108000000Z'
REVOKED_AT = '20241215083000Z'

NONCE = bytes.fromhex('0f1e2d3c4b5a69788796a5b4c3d2e1f0')


@dataclass
class Entry:
    """One SingleResponse.  By default: for the leaf, good, SHA-1 + NULL."""
    status: str = 'good'                 # good, revoked, unknown
    reason: Optional[int] = None         # CRLReason, None: not encoded
    revoked_at: str = REVOKED_AT
    this_update: str = THIS_UPDATE
    next_update: Optional[str] = NEXT_UPDATE
    hash: str = 'sha1'
    null_params: bool = True             # hashAlgorithm parameters NULL
    for_leaf: bool = True                # else another serial, same issuer
    exts: Optional[List[Ext]] = None     # singleExtensions; [] is empty


@dataclass
class Fixture:
    name: str
    about: str                           # for the README table
    response_status: int = 0
    ca: str = 'p256'
    delegated: bool = False              # signed by a delegated responder
    sigalg: Optional[str] = None         # default: the CA's
    by: str = 'key'                      # responderID byName or byKey
    certs: str = 'none'                  # none, responder, responder+issuer,
                                         # responder+issuer*N (N copies),
                                         # responder+sans (Pki.sans_cert)
    produced_at: str = PRODUCED_AT
    entries: List[Entry] = field(default_factory=lambda: [Entry()])
    exts: Optional[List[Ext]] = None     # responseExtensions; [] is empty
    explicit_version: bool = False
    leaf_serial: Optional[int] = None    # default: derived from the name


def revoked(reason, **kw):
    return Entry(status='revoked', reason=reason, **kw)


def reason_fixture(reason):
    k6 = REASONS[reason]
    return Fixture('revoked-' + k6.replace('_', '-'),
                   'revoked, CRLReason %s (%d)' % (k6, reason),
                   entries=[revoked(reason)])


def multi_20_entries():
    """20 entries, 5 revoked, 1 unknown; the leaf is the last, good."""
    entries = []
    for i in range(19):
        if i % 4 == 1:
            entries.append(revoked(1 + i // 4, for_leaf=False))
        elif i == 10:
            entries.append(Entry(status='unknown', for_leaf=False))
        else:
            entries.append(Entry(for_leaf=False))
    return entries + [Entry()]


def multi_500_entries():
    """500 entries, every 50th revoked; the leaf is the last, good."""
    entries = [revoked(1, for_leaf=False) if i % 50 == 7
               else Entry(for_leaf=False) for i in range(499)]
    return entries + [Entry()]


def invalidity_date(text):
    return Ext(OID_INVALIDITY_DATE, der_generalized_time(text))


OID_PKIX_OCSP_CRL = '1.3.6.1.5.5.7.48.1.3'
OID_PKIX_OCSP_RESPONSE = '1.3.6.1.5.5.7.48.1.4'
OID_PKIX_OCSP_ARCHIVE_CUTOFF = '1.3.6.1.5.5.7.48.1.6'
OID_PKIX_OCSP_SERVICE_LOCATOR = '1.3.6.1.5.5.7.48.1.7'
OID_PKIX_OCSP_EXTENDED_REVOKE = '1.3.6.1.5.5.7.48.1.9'
OID_AD_OCSP = '1.3.6.1.5.5.7.48.1'
OID_CT_SCT_LIST = '1.3.6.1.4.1.11129.2.4.5'
TAG_IA5STRING = 0x16


def crl_id(url, number, time):
    """
    CrlID ::= SEQUENCE {                                   (RFC 6960 4.4.2)
        crlUrl               [0]     EXPLICIT IA5String OPTIONAL,
        crlNum               [1]     EXPLICIT INTEGER OPTIONAL,
        crlTime              [2]     EXPLICIT GeneralizedTime OPTIONAL }
    """
    return Ext(OID_PKIX_OCSP_CRL, der_sequence(
        der_explicit(0, der_tlv(TAG_IA5STRING, url.encode('ascii'))),
        der_explicit(1, der_integer(number)),
        der_explicit(2, der_generalized_time(time))))


def acceptable_responses(*oids):
    """AcceptableResponses ::= SEQUENCE OF RESPONSE.&id    (RFC 6960 4.4.3)"""
    return Ext(OID_PKIX_OCSP_RESPONSE,
               der_sequence(*(der_oid(o) for o in oids)))


def service_locator(issuer_cn, url):
    """
    ServiceLocator ::= SEQUENCE {                          (RFC 6960 4.4.6)
        issuer    Name,
        locator   AuthorityInfoAccessSyntax }
    with one AccessDescription: id-ad-ocsp, a uniformResourceIdentifier
    ([6] IMPLICIT IA5String, RFC 5280 4.2.2.1).
    """
    return Ext(OID_PKIX_OCSP_SERVICE_LOCATOR, der_sequence(
        name(issuer_cn).public_bytes(),
        der_sequence(der_sequence(der_oid(OID_AD_OCSP),
                                  der_implicit(6, url.encode('ascii'))))))


def sct_v1(log_byte, timestamp_ms, signature):
    """
    A SignedCertificateTimestamp (RFC 6962 3.2, TLS presentation language):
    version v1(0), a 32-byte LogID, uint64 timestamp, empty extensions,
    then a DigitallySigned: hash sha256(4), signature ecdsa(3), and the
    signature with its uint16 length.
    """
    return (bytes([0]) + bytes([log_byte]) * 32 +
            timestamp_ms.to_bytes(8, 'big') + (0).to_bytes(2, 'big') +
            bytes([4, 3]) + len(signature).to_bytes(2, 'big') + signature)


def sct_list(*scts):
    """
    SignedCertificateTimestampList (RFC 6962 3.3): a uint16-length list of
    uint16-length SCTs, inside an OCTET STRING inside extnValue.
    """
    body = b''.join(len(s).to_bytes(2, 'big') + s for s in scts)
    return Ext(OID_CT_SCT_LIST,
               der_octet_string(len(body).to_bytes(2, 'big') + body))


FIXTURES = [
    # The typical stapled response, and the README's sample.
    Fixture('le-like-p256',
            "Let's-Encrypt-like: P-256 CA by key, SHA-1 CertID (NULL), "
            'good, nextUpdate, no certs; the README sample and the '
            'decode benchmark'),
    Fixture('rsa2048-by-name-delegated',
            'RSA-2048 delegated responder by name, sha256WithRSAEncryption, '
            'one cert (the responder), SHA-256 CertID (NULL)',
            ca='rsa2048', delegated=True, by='name', certs='responder',
            entries=[Entry(hash='sha256')]),
    Fixture('delegated-5-certs',
            'P-256 delegated responder by key; certs: the responder and '
            'the issuer 4 times (more than STAPLE_MAX_CERTS keeps)',
            delegated=True, certs='responder+issuer*4'),
    Fixture('delegated-20-certs',
            'P-256 delegated responder by key; certs: the responder and '
            'the issuer 19 times',
            delegated=True, certs='responder+issuer*19'),
    Fixture('delegated-100-certs',
            'P-256 delegated responder by key; certs: the responder and '
            'the issuer 99 times',
            delegated=True, certs='responder+issuer*99'),
    Fixture('p256-delegated-two-certs',
            'P-256 delegated responder by key, two certs (responder, '
            'issuer)',
            delegated=True, certs='responder+issuer'),
    Fixture('delegated-by-name-sans',
            'P-256 delegated responder by name; certs: the responder and a '
            'certificate with subjectAltName DNS, DNS wildcard, IPv4, '
            'email and IPv6 (the tool shows all but the email)',
            delegated=True, by='name', certs='responder+sans'),

    # certStatus and CRLReason.
    Fixture('cert-status-unknown', 'certStatus unknown',
            entries=[Entry(status='unknown')]),
] + [reason_fixture(r) for r in sorted(REASONS)] + [
    Fixture('revoked-no-reason',
            'revoked without revocationReason (k6 reads unspecified)',
            entries=[revoked(None)]),

    # CertID hash algorithms, parameters absent or NULL.
    Fixture('certid-sha1-no-params', 'CertID SHA-1, parameters absent',
            entries=[Entry(hash='sha1', null_params=False)]),
    Fixture('certid-sha224-null-params', 'CertID SHA-224, parameters NULL',
            entries=[Entry(hash='sha224')]),
    Fixture('certid-sha256-no-params', 'CertID SHA-256, parameters absent',
            entries=[Entry(hash='sha256', null_params=False)]),
    Fixture('certid-sha384-null-params', 'CertID SHA-384, parameters NULL',
            entries=[Entry(hash='sha384')]),
    Fixture('certid-sha512-no-params', 'CertID SHA-512, parameters absent',
            entries=[Entry(hash='sha512', null_params=False)]),

    # Signature algorithms (P-256 is le-like-p256).
    Fixture('sig-rsa2048-sha256-by-name',
            'RSA-2048 CA by name, sha256WithRSAEncryption',
            ca='rsa2048', by='name'),
    Fixture('sig-rsa2048-sha1', 'RSA-2048 CA by key, sha1WithRSAEncryption',
            ca='rsa2048', sigalg='sha1WithRSAEncryption'),
    Fixture('sig-rsa-pss-sha256',
            'RSA-2048 CA by key, rsassaPss (SHA-256, MGF1-SHA-256, salt 32)',
            ca='rsa2048', sigalg='rsassaPss'),
    Fixture('sig-p384-sha384-by-name', 'P-384 CA by name, ecdsa-with-SHA384',
            ca='p384', by='name'),
    Fixture('sig-p521-sha512', 'P-521 CA by key, ecdsa-with-SHA512',
            ca='p521'),
    Fixture('sig-ed25519-by-name', 'Ed25519 CA by name', ca='ed25519',
            by='name'),
    Fixture('sig-ed448', 'Ed448 CA by key', ca='ed448'),

    # Optional fields and extensions.
    Fixture('no-next-update', 'no nextUpdate',
            entries=[Entry(next_update=None)]),
    Fixture('nonce', 'id-pkix-ocsp-nonce response extension (16 bytes, '
            'non-critical)',
            exts=[Ext(OID_PKIX_OCSP_NONCE, der_octet_string(NONCE))]),
    Fixture('single-ext-invalidity-date',
            'revoked keyCompromise, non-critical invalidityDate single '
            'extension',
            entries=[revoked(1, exts=[invalidity_date('20241201000000Z')])]),
    Fixture('critical-unknown-response-ext',
            'unknown critical response extension (unknown_critical 1)',
            exts=[Ext(OID_UNKNOWN_RESPONSE_EXT, der_null(), critical=True)]),
    Fixture('critical-unknown-single-ext',
            'unknown critical single extension (unknown_critical 1)',
            entries=[Entry(exts=[Ext(OID_UNKNOWN_SINGLE_EXT, der_null(),
                                     critical=True)])]),
    Fixture('critical-unknown-both',
            'critical nonce (not counted), unknown critical response and '
            'single extensions, a non-critical unknown one '
            '(unknown_critical 2)',
            exts=[Ext(OID_PKIX_OCSP_NONCE, der_octet_string(NONCE),
                      critical=True),
                  Ext(OID_UNKNOWN_RESPONSE_EXT, der_null(), critical=True)],
            entries=[Entry(exts=[
                invalidity_date('20241201000000Z'),
                Ext(OID_UNKNOWN_SINGLE_EXT, der_null(), critical=True)])]),

    Fixture('ext-every-kind',
            'P-256 delegated responder by key, its certificate in certs; '
            'response extensions: nonce, acceptable responses, service '
            'locator, extended revoke, an unknown non-critical one; single '
            'extensions: CRL references (URL, number, time), archive '
            'cutoff, invalidity date, two SCTs (RFC 6962); every kind of '
            'extension staple decodes',
            delegated=True, certs='responder',
            exts=[Ext(OID_PKIX_OCSP_NONCE, der_octet_string(NONCE)),
                  acceptable_responses(OID_PKIX_OCSP_BASIC),
                  service_locator('staple fixtures CA',
                                  'http://ocsp.example/'),
                  Ext(OID_PKIX_OCSP_EXTENDED_REVOKE, der_null()),
                  Ext(OID_UNKNOWN_RESPONSE_EXT, der_null())],
            entries=[revoked(1, exts=[
                crl_id('http://crl.example/ca.crl', 4242,
                       '20241231000000Z'),
                Ext(OID_PKIX_OCSP_ARCHIVE_CUTOFF,
                    der_generalized_time('20200101000000Z')),
                invalidity_date('20241201000000Z'),
                sct_list(sct_v1(0xa1, 1733011200123, b'\x30\x06\x02\x01'
                                b'\x01\x02\x01\x02'),
                         sct_v1(0xb2, 1733097600000, b'\x30\x06\x02\x01'
                                b'\x03\x02\x01\x04'))])]),

    # Several SingleResponses.
    Fixture('multi-3-entries',
            'three entries: good (other), revoked superseded (the leaf, '
            'index 1), unknown (other)',
            entries=[Entry(for_leaf=False), revoked(4),
                     Entry(status='unknown', for_leaf=False)]),
    Fixture('multi-20-entries',
            '20 entries (5 revoked, 1 unknown), the leaf last (index 19, '
            'good); the large-decode benchmark',
            entries=multi_20_entries()),
    Fixture('multi-500-entries',
            '500 entries (10 revoked), the leaf last (index 499, good): '
            'far past STAPLE_MAX_SINGLE, every one reachable',
            entries=multi_500_entries()),
    Fixture('empty-responses', 'responses is an empty SEQUENCE (legal)',
            entries=[]),

    # Times.
    Fixture('time-fraction',
            'fractional seconds: producedAt .5, thisUpdate .123, '
            'nextUpdate .1234567 (truncated to .123)',
            produced_at='20250101120000.5Z',
            entries=[Entry(this_update='20250101000000.123Z',
                           next_update='20250108000000.1234567Z')]),
    Fixture('time-before-1970',
            'times before 1970 (negative ms): revoked 1950, thisUpdate '
            'and producedAt 1969',
            produced_at='19690720201800Z',
            entries=[revoked(0, revoked_at='19500101000000Z',
                             this_update='19690720201740Z',
                             next_update='19690727201740Z')]),
    Fixture('time-epoch-edges',
            'around the epoch with fractions: revoked -1 ms, producedAt 0, '
            'thisUpdate 1 ms',
            produced_at='19700101000000Z',
            entries=[revoked(5, revoked_at='19691231235959.999Z',
                             this_update='19700101000000.001Z',
                             next_update='19700102000000Z')]),
    Fixture('time-after-2050',
            'years >= 2050: producedAt and thisUpdate 2050, nextUpdate '
            '2106-02-07T06:28:16Z (2^32 s)',
            produced_at='20500101000000Z',
            entries=[Entry(this_update='20500101000000Z',
                           next_update='21060207062816Z')]),
    Fixture('time-max',
            'producedAt and nextUpdate 9999-12-31T23:59:59Z',
            produced_at='99991231235959Z',
            entries=[Entry(next_update='99991231235959Z')]),
    Fixture('time-leap-day',
            'Feb 29: revoked 2000-02-29 (400-year rule), thisUpdate '
            '2024-02-29, nextUpdate 2028-02-29',
            produced_at='20240229120000Z',
            entries=[revoked(4, revoked_at='20000229235959Z',
                             this_update='20240229000000Z',
                             next_update='20280229000000Z')]),

    # Serial numbers (minimal DER INTEGERs).
    Fixture('serial-negative',
            'negative leaf serial, encoded with a leading ff',
            leaf_serial=-0x8f1e2d3c4b5a69788796a5b4c3d2e1f0),
    Fixture('serial-leading-zero',
            'positive leaf serial with the high bit set: leading 00',
            leaf_serial=0x8a7b6c5d4e3f2a1b0c9d8e7f60514233),

    # Leniencies staple accepts.
    Fixture('lenient-explicit-version',
            'LENIENT_EXPLICIT_VERSION: ResponseData starts a0 03 02 01 00 '
            "(Go's x/crypto/ocsp)",
            explicit_version=True),
    Fixture('lenient-empty-response-extensions',
            'LENIENT_EMPTY_EXTENSIONS: responseExtensions a1 02 30 00',
            exts=[]),
    Fixture('lenient-empty-single-extensions',
            'LENIENT_EMPTY_EXTENSIONS: singleExtensions a1 02 30 00',
            entries=[Entry(exts=[])]),

    # Non-successful responseStatus: 30 03 0a 01 0N.
    Fixture('malformed-request', 'responseStatus malformedRequest (1)',
            response_status=1),
    Fixture('internal-error', 'responseStatus internalError (2)',
            response_status=2),
    Fixture('try-later', 'responseStatus tryLater (3); a benchmark input',
            response_status=3),
    Fixture('sig-required', 'responseStatus sigRequired (5)',
            response_status=5),
    Fixture('unauthorized', 'responseStatus unauthorized (6)',
            response_status=6),
]


def derived_serial(*parts):
    """An 18-octet positive serial, like Let's Encrypt's, from a label."""
    digest = hashlib.sha256(' '.join(map(str, parts)).encode()).digest()
    return int.from_bytes(b'\x03' + digest[:17], 'big')


# ---------------------------------------------------------------------------
# Building one fixture and its truth rows.

TSV_COLUMNS = ['file', 'response_status', 'version', 'responder',
               'responder_id', 'produced_at', 'sig_oid', 'n_certs', 'nonce',
               'leniencies', 'unknown_critical', 'n_single', 'index', 'hash',
               'hash_oid', 'issuer_name_hash', 'issuer_key_hash', 'serial',
               'cert_status', 'reason', 'revoked_at', 'this_update',
               'next_update', 'has_next_update']


@dataclass
class Built:
    fixture: Fixture
    der: bytes
    rows: list
    pems: dict = field(default_factory=dict)  # suffix -> DER certificate
    tbs: bytes = b''
    signature: bytes = b''
    signer_public_key: object = None
    sigalg: Optional[SigAlg] = None
    leaf_entries: list = field(default_factory=list)
    leaf_serial: int = 0


def build(fx, pki):
    file = fx.name + '.der'
    if fx.response_status != 0:
        row = dict.fromkeys(TSV_COLUMNS, '-')
        row.update(file=file,
                   response_status=RESPONSE_STATUS[fx.response_status])
        return Built(fx, ocsp_response(fx.response_status), [row])

    issuer = pki.ca_cert(fx.ca)
    leaf_serial = fx.leaf_serial
    if leaf_serial is None:
        leaf_serial = derived_serial('leaf', fx.name)
    leaf = pki.leaf_cert(fx.ca, leaf_serial, fx.name + '.staple.test')
    pems = {'issuer': issuer.public_bytes(serialization.Encoding.DER),
            'cert': leaf}
    if fx.delegated:
        signer_cert, signer_key = (pki.responder_cert(fx.ca),
                                   pki.responder_key(fx.ca))
        pems['responder'] = signer_cert.public_bytes(
            serialization.Encoding.DER)
    else:
        signer_cert, signer_key = issuer, pki.ca_key(fx.ca)
    sigalg = SIGALGS[fx.sigalg or CAS[fx.ca].sigalg]

    singles, entry_rows, leaf_entries = [], [], []
    unknown_critical = sum(e.critical and e.oid != OID_PKIX_OCSP_NONCE
                           for e in fx.exts or [])
    leniencies = LENIENT_EXPLICIT_VERSION if fx.explicit_version else 0
    if fx.exts == []:
        leniencies |= LENIENT_EMPTY_EXTENSIONS
    for i, e in enumerate(fx.entries):
        serial = (leaf_serial if e.for_leaf
                  else derived_serial('other', fx.name, i))
        if e.for_leaf:
            leaf_entries.append(i)
        cid, name_hash, key_hash = cert_id(e.hash, e.null_params, issuer,
                                           serial)
        singles.append(single_response(
            cid, cert_status(e.status, e.revoked_at, e.reason),
            e.this_update, e.next_update, e.exts))
        unknown_critical += sum(x.critical and x.oid != OID_PKIX_OCSP_NONCE
                                for x in e.exts or [])
        if e.exts == []:
            leniencies |= LENIENT_EMPTY_EXTENSIONS
        entry_rows.append(dict(
            index=str(i), hash=e.hash, hash_oid=CERTID_HASHES[e.hash][0],
            issuer_name_hash=name_hash.hex(), issuer_key_hash=key_hash.hex(),
            serial=integer_contents(serial).hex(), cert_status=e.status,
            reason=REASONS[e.reason] if e.status == 'revoked' and
            e.reason is not None else '-',
            revoked_at=str(time_ms(e.revoked_at))
            if e.status == 'revoked' else '-',
            this_update=str(time_ms(e.this_update)),
            next_update=str(time_ms(e.next_update)) if e.next_update
            else '-',
            has_next_update='1' if e.next_update else '0'))

    rid, rid_value = responder_id(fx.by, signer_cert)
    tbs = response_data(rid, fx.produced_at, singles, fx.exts,
                        fx.explicit_version)
    signature = sign(signer_key, sigalg, tbs)
    if fx.certs.startswith('responder+issuer*'):
        # the responder, then the issuer again and again: far more
        # certificates than staple.h's STAPLE_MAX_CERTS keeps
        certs = [pems.get('responder')] + \
            [pems['issuer']] * int(fx.certs.split('*')[1])
    else:
        certs = {'none': [], 'responder': [pems.get('responder')],
                 'responder+issuer': [pems.get('responder'), pems['issuer']],
                 'responder+sans': [pems.get('responder'),
                                    pki.sans_cert(fx.ca)]
                 }[fx.certs]
    der = ocsp_response(0, basic_ocsp_response(tbs, sigalg, signature,
                                               certs))

    nonce = [e.value for e in fx.exts or [] if e.oid == OID_PKIX_OCSP_NONCE]
    common = dict(
        file=file, response_status='successful', version='1',
        responder=fx.by, responder_id=rid_value.hex(),
        produced_at=str(time_ms(fx.produced_at)), sig_oid=sigalg.oid,
        n_certs=str(len(certs)), nonce=nonce[0].hex() if nonce else '-',
        leniencies=str(leniencies), unknown_critical=str(unknown_critical),
        n_single=str(len(singles)))
    if not entry_rows:
        entry_rows = [dict.fromkeys(TSV_COLUMNS[12:], '-')]
    rows = [dict(common, **r) for r in entry_rows]
    return Built(fx, der, rows, pems, tbs, signature,
                 signer_cert.public_key(), sigalg, leaf_entries, leaf_serial)


# ---------------------------------------------------------------------------
# Output.

README_HEAD = """\
# Test fixtures

Everything here is written by `tests/gen_fixtures.py`, this README
included (and `keys/`, but only when a key is missing): change the
fixture table in the generator and re-run, do not edit the outputs by
hand.

    python3 tests/gen_fixtures.py            # from the top of the tree
    python3 tests/gen_fixtures.py OUTDIR     # somewhere else

It needs python3 and `cryptography` (>= 44, for deterministic ECDSA).  The
generator builds every byte of each response with its own DER encoder and
signs tbsResponseData with the keys in `keys/`, which it makes only when
one is missing.  Re-running gives identical bytes: the times and serials
are fixed, ECDSA is deterministic (RFC 6979) and RSA-PSS uses a salt
derived from the message.  Deleting a key makes a new one and changes
every fixture it signs.  At the end the generator checks every output
(strict DER walk, signatures, certificate chain, CertID against
cryptography's own computation, and cryptography's OCSP parser wherever
it accepts the response) and prints a one-line summary.

## Files

- `NAME.der`: the OCSPResponse.
- `NAME.issuer.pem`: the CA that issued the leaf; it signs the response
  unless there is a `NAME.responder.pem`.
- `NAME.cert.pem`: the leaf certificate the response answers for (the
  CertID with its serial matches issuer name and key hash).
- `NAME.responder.pem`: the delegated responder (issued by the CA,
  id-kp-OCSPSigning EKU, id-pkix-ocsp-nocheck), when delegated.
- `fixtures.tsv`: what the decoder must report; one row per
  SingleResponse, or one row with index `-` when there is none.  `-`
  means absent; for a non-successful response every column after
  `response_status` is `-`.  Times are milliseconds since the epoch
  (fractions truncated to ms, negative before 1970); hashes, serial,
  responder_id (Name TLV or KeyHash) and nonce (the extnValue contents,
  `04 10 ...`) are lowercase hex; leniencies are `STAPLE_LENIENT_*` bits;
  unknown_critical counts critical extensions other than the nonce.
- `keys/`: the private keys (test keys, never trust them).

Certificates are valid from 1950-01-01T00:00:00Z to
9999-12-31T23:59:59Z so every time in every fixture lies inside.  Unless
the table says otherwise a response is signed by a P-256 CA, names its
responder by key, has one SingleResponse for the leaf with a SHA-1
CertID (parameters NULL), status good, thisUpdate
2025-01-01T00:00:00Z, nextUpdate 2025-01-08T00:00:00Z, producedAt
2025-01-01T12:00:00Z, no extensions and no certs; revoked entries are
revoked at 2024-12-15T08:30:00Z.

## Fixtures

| file | covers |
| --- | --- |
"""


def write_outputs(outdir, built, readme_tail=''):
    for b in built:
        write_if_changed(os.path.join(outdir, b.fixture.name + '.der'),
                         b.der)
        for suffix, der in b.pems.items():
            write_if_changed(os.path.join(
                outdir, '%s.%s.pem' % (b.fixture.name, suffix)), pem(der))
    lines = ['\t'.join(TSV_COLUMNS)]
    for b in built:
        for row in b.rows:
            lines.append('\t'.join(row[c] for c in TSV_COLUMNS))
    write_if_changed(os.path.join(outdir, 'fixtures.tsv'),
                     '\n'.join(lines) + '\n')
    table = ''.join('| `%s.der` | %s |\n' % (b.fixture.name, b.fixture.about)
                    for b in built)
    write_if_changed(os.path.join(outdir, 'README.md'),
                     README_HEAD + table + readme_tail)


def stale_files(outdir, built):
    """Fixture files in outdir that the table no longer makes."""
    known = {b.fixture.name for b in built}
    return sorted(f for f in os.listdir(outdir)
                  if (f.endswith('.der') or f.endswith('.pem')) and
                  f.split('.')[0] not in known)


# ---------------------------------------------------------------------------
# Self-check.

CRYPTO_STATUS = {
    ocsp.OCSPCertStatus.GOOD: 'good', ocsp.OCSPCertStatus.REVOKED: 'revoked',
    ocsp.OCSPCertStatus.UNKNOWN: 'unknown'}

CRYPTO_HASH = {'sha1': hashes.SHA1, 'sha224': hashes.SHA224,
               'sha256': hashes.SHA256, 'sha384': hashes.SHA384,
               'sha512': hashes.SHA512}

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def ms_of(dt):
    """cryptography's datetime (whole seconds) in ms."""
    return (dt - EPOCH) // datetime.timedelta(milliseconds=1)


def seconds_match(row_value, dt):
    """cryptography drops fractions: compare whole seconds."""
    if dt is None:
        return row_value == '-'
    return int(row_value) // 1000 == ms_of(dt) // 1000


def check_certificates(b):
    """Leaf and responder issued by the issuer; the responder's EKU."""
    issuer = x509.load_der_x509_certificate(b.pems['issuer'])
    issuer.verify_directly_issued_by(issuer)
    leaf_tbs, leaf_alg, leaf_sig = der_children(
        der_unwrap(b.pems['cert'], TAG_SEQUENCE))
    ca_sigalg = SIGALGS[CAS[b.fixture.ca].sigalg]
    verify(issuer.public_key(), ca_sigalg, leaf_sig[1][1:], leaf_tbs[2])
    serial = der_children(leaf_tbs[1])[1]
    if serial[1] != integer_contents(b.leaf_serial):
        raise AssertionError('leaf serial differs')
    if 'responder' in b.pems:
        responder = x509.load_der_x509_certificate(b.pems['responder'])
        responder.verify_directly_issued_by(issuer)
        eku = responder.extensions.get_extension_for_class(
            x509.ExtendedKeyUsage).value
        if ExtendedKeyUsageOID.OCSP_SIGNING not in eku:
            raise AssertionError('responder without id-kp-OCSPSigning')
    return issuer


def check_cert_id(b, issuer):
    """The leaf's CertID hashes equal what cryptography computes."""
    for i in b.leaf_entries:
        row = b.rows[i]
        # add_certificate only reads the serial of its first argument;
        # the hashes come from the issuer alone.
        req = (ocsp.OCSPRequestBuilder()
               .add_certificate(issuer, issuer, CRYPTO_HASH[row['hash']]())
               .build())
        if (req.issuer_name_hash.hex() != row['issuer_name_hash'] or
                req.issuer_key_hash.hex() != row['issuer_key_hash'] or
                row['serial'] != integer_contents(b.leaf_serial).hex()):
            raise AssertionError('CertID of entry %d differs' % i)


def check_with_cryptography(b):
    """Compare cryptography's reading with the rows.  Returns None when
    cryptography refuses the response (and why), else True."""
    try:
        resp = ocsp.load_der_ocsp_response(b.der)
        status = resp.response_status
    except ValueError as e:
        return str(e).split('\n')[0]
    rows = b.rows
    problems = []

    def expect(what, ok):
        if not ok:
            problems.append(what)

    expect('response_status',
           RESPONSE_STATUS[status.value] == rows[0]['response_status'])
    if status != ocsp.OCSPResponseStatus.SUCCESSFUL:
        return problems or True
    try:
        singles = list(resp.responses)
        produced = resp.produced_at_utc
    except ValueError as e:
        return str(e).split('\n')[0]
    expect('produced_at', seconds_match(rows[0]['produced_at'], produced))
    expect('sig_oid', resp.signature_algorithm_oid.dotted_string ==
           rows[0]['sig_oid'])
    expect('n_certs', len(resp.certificates) == int(rows[0]['n_certs']))
    expect('tbs', resp.tbs_response_bytes == b.tbs)
    if rows[0]['responder'] == 'key':
        expect('responder_id',
               resp.responder_key_hash.hex() == rows[0]['responder_id'])
    else:
        expect('responder_id', resp.responder_name.public_bytes().hex() ==
               rows[0]['responder_id'])
    try:
        nonce = resp.extensions.get_extension_for_class(x509.OCSPNonce)
        expect('nonce', der_octet_string(nonce.value.nonce).hex() ==
               rows[0]['nonce'])
    except x509.ExtensionNotFound:
        expect('nonce', rows[0]['nonce'] == '-')
    expect('n_single', len(singles) == int(rows[0]['n_single']))
    for s, row in zip(singles, rows):
        where = 'entry %s ' % row['index']
        serial = integer_contents(s.serial_number).hex()
        expect(where + 'serial', serial == row['serial'])
        expect(where + 'hash', s.hash_algorithm.name == row['hash'])
        expect(where + 'issuer_name_hash',
               s.issuer_name_hash.hex() == row['issuer_name_hash'])
        expect(where + 'issuer_key_hash',
               s.issuer_key_hash.hex() == row['issuer_key_hash'])
        expect(where + 'cert_status',
               CRYPTO_STATUS[s.certificate_status] == row['cert_status'])
        reason = s.revocation_reason
        expect(where + 'reason',
               (reason.name if reason else '-') == row['reason'])
        expect(where + 'revoked_at',
               seconds_match(row['revoked_at'], s.revocation_time_utc))
        expect(where + 'this_update',
               seconds_match(row['this_update'], s.this_update_utc))
        expect(where + 'next_update',
               seconds_match(row['next_update'], s.next_update_utc))
    return problems or True


def self_check(built):
    failures, refused = [], []
    parsed = verified = 0
    for b in built:
        name = b.fixture.name
        try:
            der_check(b.der, name)
            if b.tbs:
                basic = der_children(der_children(der_children(
                    der_unwrap(b.der, TAG_SEQUENCE))[1][1])[0][1])[1][1]
                der_check(basic, name + ' BasicOCSPResponse')
                verify(b.signer_public_key, b.sigalg, b.signature, b.tbs)
                verified += 1
                issuer = check_certificates(b)
                check_cert_id(b, issuer)
        except (DerError, ValueError, InvalidSignature,
                AssertionError) as e:
            failures.append('%s: %s' % (name, str(e) or type(e).__name__))
            continue
        result = check_with_cryptography(b)
        if result is True:
            parsed += 1
        elif isinstance(result, str):
            why = re.search(r'kind: (\w+)', result)
            refused.append('%s: %s' % (name, why.group(1) if why else result))
        else:
            failures.append('%s: cryptography disagrees on %s' %
                            (name, ', '.join(result)))
    print('self-check: %d fixtures, %d signatures verified, %d read by '
          'cryptography and agree with fixtures.tsv, %d refused by it (%s), '
          '%d failures' % (len(built), verified, parsed, len(refused),
                           ', '.join(refused) or 'none', len(failures)))
    for f in failures:
        print('  FAIL ' + f, file=sys.stderr)
    return not failures


# ===========================================================================
# Verification fixtures: OUTDIR/verify/ and its truth table verify.tsv.
#
# staple_verify() (core/staple.h, VERIFICATION) checks a response in a fixed
# order and answers with the first check that fails.  Each fixture here is
# built so that exactly the check it is about fails, or none: a CertID
# mismatch is correctly signed, a bad signature has a right CertID, and so
# on.  One fixture may have several rows (verified at different times, or
# without the leaf).  The self-check verifies every signature with
# cryptography and works out every row again with model_verify(), a
# separate python reading of the seven steps.

VERIFY_DIR = 'verify'
VERIFY_AT = '20250102000000Z'           # default time to verify at
VERIFY_SKEW = 300                       # default skew, seconds
VERIFY_NOT_BEFORE = '20240101000000Z'   # default validity of every cert
VERIFY_NOT_AFTER = '20300101000000Z'

OID_MD5 = '1.2.840.113549.2.5'
OID_UNKNOWN_CERT_EXT = '1.3.6.1.4.1.32473.1.3'
OID_OCSP_EXTENDED_REVOKE = '1.3.6.1.5.5.7.48.1.9'

# CertID hash algorithms of the verification fixtures: staple's five and
# MD5, which no provider hashes with (there is no staple_hash for it).
VERIFY_CERTID_HASHES = dict(CERTID_HASHES, md5=(OID_MD5, hashlib.md5))

# staple_verify()'s verdicts, staple_errname() in lowercase, in the order
# the checks are made (the order of enum staple_err but for
# ALGORITHM_PARAMS, which step 3 checks before the key), then ok.
VERDICTS = ['not_successful', 'signer_not_found', 'responder_cert',
            'unsupported_algorithm', 'algorithm_params', 'key_mismatch',
            'signature', 'responder_issuer', 'responder_eku',
            'responder_not_yet_valid', 'responder_expired',
            'responder_critical', 'certid_hash', 'certid_serial',
            'certid_name_hash', 'certid_key_hash', 'critical_extension',
            'not_yet_valid', 'expired', 'ok']

VERIFY_TSV_COLUMNS = ['name', 'file', 'at', 'skew', 'leaf', 'bearssl',
                      'openssl', 'index', 'signer', 'must_staple', 'status',
                      'why']


def reached(verdict, check):
    """Did verification get past the checks before `check`?"""
    return VERDICTS.index(verdict) >= VERDICTS.index(check)


def gt_datetime(text):
    return EPOCH + datetime.timedelta(milliseconds=time_ms(text))


def gt_plus(text, seconds):
    """The GeneralizedTime `seconds` after text (whole seconds)."""
    moved = gt_datetime(text) + datetime.timedelta(seconds=seconds)
    return moved.strftime('%Y%m%d%H%M%SZ')


def cert_der(cert):
    return cert.public_bytes(serialization.Encoding.DER)


def sigalg_for(key):
    """The signature algorithm a key signs responses with by default."""
    if isinstance(key, rsa.RSAPrivateKey):
        return 'sha256WithRSAEncryption'
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return {256: 'ecdsa-with-SHA256', 384: 'ecdsa-with-SHA384',
                521: 'ecdsa-with-SHA512'}[key.curve.key_size]
    return 'ED25519' if isinstance(key, ed25519.Ed25519PrivateKey) \
        else 'ED448'


@dataclass
class Responder:
    """The delegated responder certificate a response carries in certs,
    which signs it.  By default a right one: issued by the issuer, EKU
    id-kp-OCSPSigning (and id-pkix-ocsp-nocheck), valid 2024..2030."""
    eku: Optional[list] = field(            # None: no extKeyUsage at all
        default_factory=lambda: [ExtendedKeyUsageOID.OCSP_SIGNING])
    issued_by: str = 'issuer'               # issuer, other-ca, same-name-ca
    not_before: str = VERIFY_NOT_BEFORE
    not_after: str = VERIFY_NOT_AFTER
    unknown_critical: bool = False          # a critical private extension
    malformed: bool = False                 # signatureValue is garbage


# What replaces a malformed certificate's signatureValue: not a TLV (tag
# de, then a length of 0x2d octets that are not there), so the
# Certificate is one well-formed SEQUENCE with garbage inside.
CERT_GARBAGE = bytes.fromhex('deadbeef')


class VerifyPki:
    """The certificates of the verification fixtures.  They use Pki's keys
    (one CA key per algorithm, the responder and leaf keys) and other-p256,
    a key of a CA nobody trusts.  Validity 2024-01-01..2030-01-01."""

    def __init__(self, pki):
        self.pki = pki
        self.certs = {}

    def _issue(self, issuer_cert, issuer_key, subject, serial, public_key,
               extensions, not_before=VERIFY_NOT_BEFORE,
               not_after=VERIFY_NOT_AFTER):
        return self.pki._issue(issuer_cert, issuer_key, subject, serial,
                               public_key, extensions,
                               not_before=gt_datetime(not_before),
                               not_after=gt_datetime(not_after))

    def _cached(self, label, make):
        if label not in self.certs:
            self.certs[label] = make()
        return self.certs[label]

    def ca_key(self, ca):
        return self.pki.ca_key(ca)

    def other_key(self):
        return self.pki.key('other-p256')

    def ca_cert(self, ca):
        """The issuer: a self-signed CA of its own name."""
        key = self.ca_key(ca)
        return self._cached(('ca', ca), lambda: self._issue(
            None, key, name('staple verify CA ' + CAS[ca].label),
            derived_serial('verify ca', ca), key.public_key(),
            ca_extensions()))

    def other_ca_cert(self):
        """Another CA, with another name and key (other-p256)."""
        key = self.other_key()
        return self._cached('other-ca', lambda: self._issue(
            None, key, name('staple verify other CA'),
            derived_serial('verify other ca'), key.public_key(),
            ca_extensions()))

    def same_name_ca_cert(self):
        """Another CA whose subject is the P-256 issuer's very Name."""
        key = self.other_key()
        return self._cached('same-name-ca', lambda: self._issue(
            None, key, self.ca_cert('p256').subject,
            derived_serial('verify same name ca'), key.public_key(),
            ca_extensions()))

    def leaf_cert(self, ca, must_staple=False):
        """The leaf of a CA; must_staple adds the TLS Feature extension
        (RFC 7633) with status_request: SEQUENCE { INTEGER 5 }."""
        dns_name = '%s.%s.verify.staple.test' % (
            'must-staple' if must_staple else 'leaf', ca)
        extensions = [
            (x509.BasicConstraints(ca=False, path_length=None), True),
            (key_usage(digital_signature=True), True),
            (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]),
             False),
            (x509.SubjectAlternativeName([x509.DNSName(dns_name)]), False)]
        if must_staple:
            extensions.append((x509.TLSFeature(
                [x509.TLSFeatureType.status_request]), False))
        return self._cached(('leaf', ca, must_staple), lambda: self._issue(
            self.ca_cert(ca), self.ca_key(ca), name(dns_name),
            derived_serial('verify leaf', dns_name),
            self.pki.key('leaf-p256').public_key(), extensions))

    def responder(self, fx):
        """(certificate, its DER as sent, private key) of fx's responder."""
        spec = fx.responder
        issuer_cert, issuer_key = {
            'issuer': (self.ca_cert(fx.ca), self.ca_key(fx.ca)),
            'other-ca': (self.other_ca_cert(), self.other_key()),
            'same-name-ca': (self.same_name_ca_cert(), self.other_key()),
        }[spec.issued_by]
        key = self.pki.responder_key(fx.ca)
        extensions = [
            (x509.BasicConstraints(ca=False, path_length=None), True),
            (key_usage(digital_signature=True), True)]
        if spec.eku is not None:
            extensions.append((x509.ExtendedKeyUsage(spec.eku), False))
        extensions.append((x509.OCSPNoCheck(), False))
        if spec.unknown_critical:
            extensions.append((x509.UnrecognizedExtension(
                x509.ObjectIdentifier(OID_UNKNOWN_CERT_EXT), der_null()),
                True))
        cert = self._issue(
            issuer_cert, issuer_key,
            name('staple verify OCSP responder ' + CAS[fx.ca].label),
            derived_serial('verify responder', fx.name), key.public_key(),
            extensions, spec.not_before, spec.not_after)
        der = cert_der(cert)
        if spec.malformed:
            tbs, alg, _ = der_children(der_unwrap(der, TAG_SEQUENCE))
            der = der_tlv(TAG_SEQUENCE, tbs[2] + alg[2] + CERT_GARBAGE)
        return cert, der, key


@dataclass
class VEntry(Entry):
    """A SingleResponse of a verification fixture (see Entry).  hash may
    also be md5.  wrong puts another certificate's value into one CertID
    field: serial, name_hash (another CA's Name) or key_hash (another
    key)."""
    wrong: Optional[str] = None


def entry_matches(e, with_leaf):
    """Whether staple_verify() must match this entry."""
    return (e.hash in CERTID_HASHES and
            e.wrong not in ('name_hash', 'key_hash') and
            (not with_leaf or (e.for_leaf and e.wrong != 'serial')))


@dataclass
class VRow:
    """One verification of a fixture's response, and its expected verdict
    (with the OpenSSL provider; BearSSL's follows from it)."""
    verdict: str
    why: Optional[str] = None       # default: the fixture's about
    name: Optional[str] = None      # default: the fixture's name
    at: str = VERIFY_AT
    skew: int = VERIFY_SKEW
    leaf: bool = True               # else verified with the issuer only


@dataclass
class VFixture:
    """A verification fixture.  By default: the P-256 issuer signs with its
    own key, responderID byKey, no certs, one good SingleResponse for the
    leaf with a SHA-1 CertID (NULL), the standard times."""
    name: str
    about: str
    rows: List[VRow]
    ca: str = 'p256'
    response_status: int = 0
    responder: Optional[Responder] = None  # delegated: in certs, signs
    signer: Optional[str] = None           # 'other': other-p256 signs
    named: Optional[str] = None            # whom responderID names, when
                                           # not the signer's certificate:
                                           # issuer, other-ca
    by: str = 'key'                        # responderID byName or byKey
    sigalg: Optional[str] = None           # default: sigalg_for(signer)
    written_sigalg: Optional[SigAlg] = None  # signatureAlgorithm sent,
                                             # when not sigalg's
    flip: Optional[str] = None             # after signing, flip the last
                                           # bit of: nonce, signature
    entries: List[VEntry] = field(default_factory=lambda: [VEntry()])
    exts: Optional[List[Ext]] = None       # responseExtensions
    must_staple: bool = False              # the leaf has the TLS Feature


def vrevoked(reason, **kw):
    return VEntry(status='revoked', reason=reason, **kw)


def sig_fixture(name, about, ca, sigalg=None, by='key'):
    """Signed by the issuer itself with this algorithm: ok."""
    return VFixture(name, about, [VRow('ok')], ca=ca, sigalg=sigalg, by=by)


RESPONDER_NOT_AFTER = '20250101230000Z'   # after producedAt, before at
RESPONDER_NOT_BEFORE = '20250102010000Z'  # after at

VFIXTURES = [
    # 1. Signature algorithms, the issuer signing its own responses.
    sig_fixture('sig-rsa-pkcs1-sha1', 'RSA-2048 issuer, sha1WithRSAEncryption',
                'rsa2048', 'sha1WithRSAEncryption'),
    sig_fixture('sig-rsa-pkcs1-sha224',
                'RSA-2048 issuer, sha224WithRSAEncryption',
                'rsa2048', 'sha224WithRSAEncryption'),
    sig_fixture('sig-rsa-pkcs1-sha256',
                'RSA-2048 issuer by name, sha256WithRSAEncryption',
                'rsa2048', 'sha256WithRSAEncryption', by='name'),
    sig_fixture('sig-rsa-pkcs1-sha384',
                'RSA-2048 issuer, sha384WithRSAEncryption',
                'rsa2048', 'sha384WithRSAEncryption'),
    sig_fixture('sig-rsa-pkcs1-sha512',
                'RSA-2048 issuer, sha512WithRSAEncryption',
                'rsa2048', 'sha512WithRSAEncryption'),
    sig_fixture('sig-rsa-pss-sha256',
                'RSA-2048 issuer, RSASSA-PSS SHA-256, MGF1-SHA-256, salt 32',
                'rsa2048', 'rsassaPss'),
    sig_fixture('sig-rsa-pss-sha384',
                'RSA-2048 issuer, RSASSA-PSS SHA-384, MGF1-SHA-384, salt 48',
                'rsa2048', 'rsassaPss-sha384'),
    sig_fixture('sig-rsa-pss-sha512',
                'RSA-2048 issuer, RSASSA-PSS SHA-512, MGF1-SHA-512, salt 64',
                'rsa2048', 'rsassaPss-sha512'),
    sig_fixture('sig-rsa-pss-default',
                'RSA-2048 issuer, RSASSA-PSS with every parameter at its '
                'DEFAULT (params 30 00: SHA-1, MGF1-SHA-1, salt 20)',
                'rsa2048', 'rsassaPss-default'),
    sig_fixture('sig-ecdsa-p256-sha256', 'P-256 issuer, ecdsa-with-SHA256',
                'p256'),
    sig_fixture('sig-ecdsa-p384-sha384',
                'P-384 issuer by name, ecdsa-with-SHA384', 'p384', by='name'),
    sig_fixture('sig-ecdsa-p521-sha512', 'P-521 issuer, ecdsa-with-SHA512',
                'p521'),
    sig_fixture('sig-ed25519',
                'Ed25519 issuer (BearSSL has no EdDSA: '
                'unsupported_algorithm)', 'ed25519'),
    sig_fixture('sig-ed448',
                'Ed448 issuer by name (BearSSL has no EdDSA: '
                'unsupported_algorithm)', 'ed448', by='name'),

    # 2. Delegated responders that are right.
    VFixture('delegated-by-name',
             'RSA-2048 delegated responder named byName, in certs, '
             'id-kp-OCSPSigning, issued by the issuer',
             [VRow('ok')], ca='rsa2048', responder=Responder(), by='name'),
    VFixture('delegated-by-key',
             'P-256 delegated responder named byKey, in certs, '
             'id-kp-OCSPSigning, issued by the issuer',
             [VRow('ok')], responder=Responder()),

    # 3. Delegated responders that are wrong, and signers not found.
    VFixture('responder-no-eku',
             'delegated responder without extKeyUsage',
             [VRow('responder_eku')], responder=Responder(eku=None)),
    VFixture('responder-eku-server-auth',
             'delegated responder whose extKeyUsage is serverAuth only',
             [VRow('responder_eku')],
             responder=Responder(eku=[ExtendedKeyUsageOID.SERVER_AUTH])),
    VFixture('responder-other-ca',
             'delegated responder issued by another CA (another Name, '
             'another key)',
             [VRow('responder_issuer')],
             responder=Responder(issued_by='other-ca')),
    VFixture('responder-same-name-other-key',
             "delegated responder issued by a CA with the issuer's subject "
             'Name but another key: the Name matches, the signature does '
             'not',
             [VRow('responder_issuer')],
             responder=Responder(issued_by='same-name-ca')),
    VFixture('responder-expired',
             'delegated responder expired: notAfter %s, after producedAt, '
             'before at' % RESPONDER_NOT_AFTER,
             [VRow('responder_expired'),
              VRow('ok', 'at = responder notAfter + 300 s: within the skew',
                   name='responder-expired-at-not-after-plus-300',
                   at=gt_plus(RESPONDER_NOT_AFTER, 300)),
              VRow('responder_expired',
                   'at = responder notAfter + 301 s: past the skew',
                   name='responder-expired-at-not-after-plus-301',
                   at=gt_plus(RESPONDER_NOT_AFTER, 301))],
             responder=Responder(not_after=RESPONDER_NOT_AFTER)),
    VFixture('responder-not-yet-valid',
             'delegated responder not yet valid: notBefore %s, after at'
             % RESPONDER_NOT_BEFORE,
             [VRow('responder_not_yet_valid'),
              VRow('ok', 'at = responder notBefore - 300 s: within the skew',
                   name='responder-not-yet-valid-at-not-before-minus-300',
                   at=gt_plus(RESPONDER_NOT_BEFORE, -300)),
              VRow('responder_not_yet_valid',
                   'at = responder notBefore - 301 s: past the skew',
                   name='responder-not-yet-valid-at-not-before-minus-301',
                   at=gt_plus(RESPONDER_NOT_BEFORE, -301))],
             responder=Responder(not_before=RESPONDER_NOT_BEFORE)),
    VFixture('responder-critical-ext',
             'delegated responder with an unknown critical extension (%s)'
             % OID_UNKNOWN_CERT_EXT,
             [VRow('responder_critical')],
             responder=Responder(unknown_critical=True)),
    VFixture('responder-cert-malformed',
             'certs holds the responder with its signatureValue replaced by '
             'de ad be ef (one well-formed SEQUENCE outside, garbage '
             'inside); responderID byName names it; its key signed',
             [VRow('responder_cert')],
             responder=Responder(malformed=True), by='name'),
    VFixture('signer-not-found-cert-present',
             'responderID byName names another CA; certs holds a right '
             'delegated responder, whose key signed',
             [VRow('signer_not_found')],
             responder=Responder(), named='other-ca', by='name'),
    VFixture('signer-not-found-no-certs',
             'responderID byKey names a key the issuer does not have; no '
             'certs; that key signed',
             [VRow('signer_not_found')], signer='other', named='other-ca'),

    # 4. Signatures that do not verify, algorithms that do not fit.
    VFixture('wrong-key-by-name',
             'responderID byName names the issuer, but another P-256 key '
             'signed',
             [VRow('signature')], signer='other', named='issuer', by='name'),
    VFixture('tbs-nonce-bit-flipped',
             'last bit of the nonce value flipped after signing (the DER '
             'stays valid)',
             [VRow('signature')],
             exts=[Ext(OID_PKIX_OCSP_NONCE, der_octet_string(NONCE))],
             flip='nonce'),
    VFixture('sig-bit-flipped-rsa',
             'RSA-2048 issuer, sha256WithRSAEncryption, last bit of the '
             'signature flipped',
             [VRow('signature')], ca='rsa2048', flip='signature'),
    VFixture('sig-bit-flipped-ecdsa',
             'P-256 issuer, last bit of the ECDSA signature (of s) flipped',
             [VRow('signature')], flip='signature'),
    VFixture('key-mismatch-ecdsa-rsa-key',
             'signatureAlgorithm ecdsa-with-SHA256 but the issuer key is '
             'RSA-2048 (the signature is sha256WithRSAEncryption)',
             [VRow('key_mismatch')], ca='rsa2048',
             written_sigalg=SIGALGS['ecdsa-with-SHA256']),
    VFixture('pss-params-trailer-field-2',
             'RSASSA-PSS SHA-256 salt 32 with trailerField 2 in its '
             'parameters (signed as with trailerField 1)',
             [VRow('algorithm_params')], ca='rsa2048', sigalg='rsassaPss',
             written_sigalg=SigAlg(OID_RSASSA_PSS,
                                   pss_params('sha256', 32, trailer=2),
                                   hashes.SHA256, 'pss')),
    VFixture('pss-params-trailing-null',
             'RSASSA-PSS SHA-256 salt 32 parameters with a NULL after '
             'saltLength inside the SEQUENCE (valid DER, not the syntax)',
             [VRow('algorithm_params')], ca='rsa2048', sigalg='rsassaPss',
             written_sigalg=SigAlg(OID_RSASSA_PSS,
                                   pss_params('sha256', 32,
                                              extra=der_null()),
                                   hashes.SHA256, 'pss')),

    # 5. CertID.
    VFixture('certid-wrong-serial',
             "CertID with another certificate's serial, the issuer's hashes",
             [VRow('certid_serial'),
              VRow('ok', 'no leaf given: the serial is not compared',
                   name='certid-wrong-serial-no-leaf', leaf=False)],
             entries=[VEntry(wrong='serial')]),
    VFixture('certid-wrong-name-hash',
             "CertID issuerNameHash of another CA's Name",
             [VRow('certid_name_hash')],
             entries=[VEntry(wrong='name_hash')]),
    VFixture('certid-wrong-key-hash',
             "CertID issuerKeyHash of another CA's key",
             [VRow('certid_key_hash')], entries=[VEntry(wrong='key_hash')]),
    VFixture('certid-md5',
             'CertID hashAlgorithm md5 (parameters NULL), hashes and '
             'serial right: no provider hashes with MD5',
             [VRow('certid_hash')], entries=[VEntry(hash='md5')]),
    VFixture('certid-sha1', 'CertID SHA-1, parameters absent',
             [VRow('ok')], entries=[VEntry(hash='sha1', null_params=False)]),
    VFixture('certid-sha224', 'CertID SHA-224, parameters NULL',
             [VRow('ok')], entries=[VEntry(hash='sha224')]),
    VFixture('certid-sha256', 'CertID SHA-256, parameters absent',
             [VRow('ok'),
              VRow('ok', 'no leaf given: matched on the issuer hashes only',
                   name='certid-sha256-no-leaf', leaf=False)],
             entries=[VEntry(hash='sha256', null_params=False)]),
    VFixture('certid-sha384', 'CertID SHA-384, parameters NULL',
             [VRow('ok')], entries=[VEntry(hash='sha384')]),
    VFixture('certid-sha512', 'CertID SHA-512, parameters absent',
             [VRow('ok')],
             entries=[VEntry(hash='sha512', null_params=False)]),

    # 6. The validity window of the matched entry.
    VFixture('time-window',
             'thisUpdate %s, nextUpdate %s, verified at the edges of the '
             'skew' % (THIS_UPDATE, NEXT_UPDATE),
             [VRow('ok', 'at = thisUpdate - 300 s: within the skew',
                   name='time-window-at-this-update-minus-300',
                   at=gt_plus(THIS_UPDATE, -300)),
              VRow('not_yet_valid', 'at = thisUpdate - 301 s',
                   name='time-window-at-this-update-minus-301',
                   at=gt_plus(THIS_UPDATE, -301)),
              VRow('ok', 'at = nextUpdate + 300 s: within the skew',
                   name='time-window-at-next-update-plus-300',
                   at=gt_plus(NEXT_UPDATE, 300)),
              VRow('expired', 'at = nextUpdate + 301 s',
                   name='time-window-at-next-update-plus-301',
                   at=gt_plus(NEXT_UPDATE, 301))]),
    VFixture('time-no-next-update',
             'no nextUpdate, verified in 2035: does not expire (the '
             'certificates, valid to 2030, are not staple_verify\'s to '
             'check)',
             [VRow('ok', at='20350101000000Z')],
             entries=[VEntry(next_update=None)]),

    # 7. Several SingleResponses; revoked.
    VFixture('multi-3-leaf-third',
             'three entries: revoked superseded (another serial), unknown '
             '(another serial), the leaf (good)',
             [VRow('ok'),
              VRow('ok', 'no leaf given: the first entry with the issuer '
                   "hashes is chosen (another certificate's, revoked)",
                   name='multi-3-leaf-third-no-leaf', leaf=False)],
             entries=[vrevoked(4, for_leaf=False),
                      VEntry(status='unknown', for_leaf=False), VEntry()]),
    VFixture('multi-6-leaf-sixth',
             'six entries, the leaf last (index 5, past the 4 the decoder '
             'keeps)',
             [VRow('ok')],
             entries=[VEntry(for_leaf=False), vrevoked(1, for_leaf=False),
                      VEntry(for_leaf=False),
                      VEntry(status='unknown', for_leaf=False),
                      VEntry(for_leaf=False), VEntry()]),
    VFixture('revoked-key-compromise',
             'the leaf revoked, keyCompromise: authentic and current, so ok',
             [VRow('ok')], entries=[vrevoked(1)]),

    # 8. Critical extensions.
    VFixture('critical-single-ext',
             'unknown critical singleExtension (%s)' % OID_UNKNOWN_SINGLE_EXT,
             [VRow('critical_extension')],
             entries=[VEntry(exts=[Ext(OID_UNKNOWN_SINGLE_EXT, der_null(),
                                       critical=True)])]),
    VFixture('critical-response-ext',
             'unknown critical responseExtension (%s)'
             % OID_UNKNOWN_RESPONSE_EXT,
             [VRow('critical_extension')],
             exts=[Ext(OID_UNKNOWN_RESPONSE_EXT, der_null(), critical=True)]),
    VFixture('critical-nonce',
             'the nonce marked critical: staple knows it, so ok',
             [VRow('ok')],
             exts=[Ext(OID_PKIX_OCSP_NONCE, der_octet_string(NONCE),
                       critical=True)]),

    # 9. The leaf asks for stapling.
    VFixture('must-staple',
             'leaf with the TLS Feature extension status_request (RFC 7633)',
             [VRow('ok')], must_staple=True),

    # 10. No answer.
    VFixture('try-later', 'responseStatus tryLater (3)',
             [VRow('not_successful')], response_status=3),
]


@dataclass
class VBuilt:
    fixture: VFixture
    der: bytes
    rows: list
    pems: dict                     # suffix -> DER certificate
    tbs: bytes = b''               # tbsResponseData as sent
    signature: bytes = b''         # as sent
    signed_with: object = None     # public key of the key that signed
    sigalg: Optional[SigAlg] = None  # what it signed with


def verify_single(fx, i, e, issuer, leaf, vpki):
    """SingleResponse i of fx, for the leaf unless e says otherwise."""
    oid, h = VERIFY_CERTID_HASHES[e.hash]
    name_cert = vpki.other_ca_cert() if e.wrong == 'name_hash' else issuer
    key_cert = vpki.other_ca_cert() if e.wrong == 'key_hash' else issuer
    serial = leaf.serial_number
    if not e.for_leaf or e.wrong == 'serial':
        serial = derived_serial('verify other', fx.name, i)
    cid = der_sequence(
        algorithm_identifier(oid, der_null() if e.null_params else None),
        der_octet_string(h(name_cert.subject.public_bytes()).digest()),
        der_octet_string(h(public_key_bits(key_cert.public_key())).digest()),
        der_integer(serial))
    return single_response(cid, cert_status(e.status, e.revoked_at,
                                            e.reason),
                           e.this_update, e.next_update, e.exts)


def flip_last_bit(data, index):
    return data[:index] + bytes([data[index] ^ 1]) + data[index + 1:]


def verify_row(fx, r, sigalg):
    """The verify.tsv row of r.  signer, index and status say how far the
    OpenSSL provider gets (staple_verify_result, also on failure)."""
    verdict = r.verdict
    if verdict not in VERDICTS:
        raise SystemExit('%s: unknown verdict %s' % (fx.name, verdict))
    bearssl = verdict
    if sigalg is not None and sigalg.scheme == 'eddsa' and \
            reached(verdict, 'signature'):
        bearssl = 'unsupported_algorithm'
    signer = index = status = '-'
    if reached(verdict, 'unsupported_algorithm'):
        named = fx.named or ('responder' if fx.responder else 'issuer')
        signer = 'delegated' if named == 'responder' else 'issuer'
    if reached(verdict, 'critical_extension'):
        i = next(i for i, e in enumerate(fx.entries)
                 if entry_matches(e, r.leaf))
        index, status = str(i), fx.entries[i].status
    if verdict == 'not_successful':
        status = 'server_failed'
    return dict(name=r.name or fx.name, file=fx.name, at=r.at,
                skew=str(r.skew), leaf='1' if r.leaf else '0',
                bearssl=bearssl, openssl=verdict, index=index,
                signer=signer,
                must_staple='1' if r.leaf and fx.must_staple else '0',
                status=status, why=r.why or fx.about)


def build_verify(fx, vpki):
    issuer = vpki.ca_cert(fx.ca)
    leaf = vpki.leaf_cert(fx.ca, fx.must_staple)
    pems = {'issuer': cert_der(issuer), 'cert': cert_der(leaf)}
    if fx.response_status != 0:
        return VBuilt(fx, ocsp_response(fx.response_status),
                      [verify_row(fx, r, None) for r in fx.rows], pems)

    certs, named = [], {'issuer': issuer, 'other-ca': vpki.other_ca_cert()}
    if fx.responder:
        named['responder'], pems['responder'], key = vpki.responder(fx)
        certs = [pems['responder']]
    else:
        key = vpki.ca_key(fx.ca)
    if fx.signer == 'other':
        key = vpki.other_key()
    rid, _ = responder_id(fx.by, named[fx.named or (
        'responder' if fx.responder else 'issuer')])
    singles = [verify_single(fx, i, e, issuer, leaf, vpki)
               for i, e in enumerate(fx.entries)]
    tbs = response_data(rid, PRODUCED_AT, singles, fx.exts, False)
    sigalg = SIGALGS[fx.sigalg or sigalg_for(key)]
    signature = sign(key, sigalg, tbs)
    if fx.flip == 'nonce':
        if tbs.count(NONCE) != 1:
            raise SystemExit('%s: nonce not found once' % fx.name)
        tbs = flip_last_bit(tbs, tbs.index(NONCE) + len(NONCE) - 1)
    elif fx.flip == 'signature':
        signature = flip_last_bit(signature, len(signature) - 1)
    der = ocsp_response(0, basic_ocsp_response(
        tbs, fx.written_sigalg or sigalg, signature, certs))
    rows = [verify_row(fx, r, sigalg) for r in fx.rows]
    return VBuilt(fx, der, rows, pems, tbs, signature, key.public_key(),
                  sigalg)


# ---------------------------------------------------------------------------
# Output of the verification fixtures.

README_VERIFY = """
## Verification fixtures: `verify/`

Responses to check `staple_verify()` (core/staple.h, VERIFICATION)
against, made by the same generator.  Each one is built so that exactly
one of its checks fails, or none: a CertID mismatch is correctly signed,
a bad signature sits on a right CertID, and so on.  Certificates are
valid from 2024-01-01T00:00:00Z to 2030-01-01T00:00:00Z unless the table
says otherwise; each issuer is a self-signed "staple verify CA"
on the same CA key as above, with one leaf (`leaf-p256`'s key);
`other-p256` is the key of a CA nobody trusts (another CA, a wrong
signer).  Unless the table says otherwise a response is signed by the
P-256 issuer, names it byKey, has no certs and one good SingleResponse
for the leaf with a SHA-1 CertID (NULL), thisUpdate 2025-01-01T00:00:00Z,
nextUpdate 2025-01-08T00:00:00Z, producedAt 2025-01-01T12:00:00Z.

- `verify/NAME.der`, `NAME.issuer.pem`, `NAME.cert.pem` (the leaf),
  `NAME.responder.pem` (the certificate in the response's certs, when
  there is one; for `responder-cert-malformed` the malformed one).
- `verify/verify.tsv`: one row per call of `staple_verify()`, tab
  separated, with a header line:
  - `name`: the row; `file`: the fixture's base name (`file.der`,
    `file.issuer.pem`, ...), shared by rows that verify one response
    at different times or without the leaf;
  - `at`: now, a GeneralizedTime; `skew`: seconds;
  - `leaf`: 1 to pass the leaf, 0 to pass NULL (issuer only);
  - `bearssl`, `openssl`: the verdict with that provider,
    `staple_errname()` in lowercase, or `ok`.  They differ only for
    Ed25519 and Ed448, which BearSSL cannot check
    (`unsupported_algorithm`);
  - `index`, `signer`, `status`: what `staple_verify_result` and
    `staple_ocsp_view(r, index)` must hold afterwards with the OpenSSL
    provider (also on failure: the checks that passed): the matched
    entry or `-`, `issuer`, `delegated` or `-` (step 2 not passed),
    the matched entry's status, `server_failed` when responseStatus is
    not successful, or `-`;
  - `must_staple`: 1 when the leaf given has the TLS Feature
    status_request;
  - `why`: the reason, in English.

Where `bearssl` and `openssl` differ (EdDSA), BearSSL stops at step 3:
its signer is the same, its index and status are `-`.

The self-check verifies every signature with cryptography, with the key
that made it (it must fail exactly where a bit was flipped on purpose),
and works out every row again from the bytes and certificates alone with
a python model of the seven steps of core/staple.h.

| file | covers |
| --- | --- |
"""


def write_verify_outputs(outdir, vbuilt):
    os.makedirs(outdir, exist_ok=True)
    for b in vbuilt:
        write_if_changed(os.path.join(outdir, b.fixture.name + '.der'),
                         b.der)
        for suffix, der in b.pems.items():
            write_if_changed(os.path.join(
                outdir, '%s.%s.pem' % (b.fixture.name, suffix)), pem(der))
    lines = ['\t'.join(VERIFY_TSV_COLUMNS)]
    for b in vbuilt:
        for row in b.rows:
            lines.append('\t'.join(row[c] for c in VERIFY_TSV_COLUMNS))
    write_if_changed(os.path.join(outdir, 'verify.tsv'),
                     '\n'.join(lines) + '\n')


def readme_verify(vbuilt):
    return README_VERIFY + ''.join(
        '| `verify/%s.der` | %s |\n' % (b.fixture.name, b.fixture.about)
        for b in vbuilt)


# ---------------------------------------------------------------------------
# Self-check of the verification fixtures.

# Certificate extensions staple_cert_decode() understands (core/staple.h,
# CERTIFICATES); another critical one is unknown.
KNOWN_CERT_EXTS = {
    '2.5.29.19', '2.5.29.15', '2.5.29.37', '1.3.6.1.5.5.7.1.24',
    '2.5.29.14', '2.5.29.35', '2.5.29.17', '2.5.29.32', '2.5.29.31',
    '1.3.6.1.5.5.7.1.1', '1.3.6.1.5.5.7.48.1.5'}

# Signature algorithm OID -> (scheme, hash) for model_verify().
MODEL_SIGALGS = {alg.oid: (alg.scheme, alg.hash)
                 for alg in SIGALGS.values() if alg.scheme != 'pss'}

MODEL_KEY_TYPES = {'pkcs1': rsa.RSAPublicKey, 'pss': rsa.RSAPublicKey,
                   'ecdsa': ec.EllipticCurvePublicKey}

MODEL_HASHES = {oid: (name, h) for name, (oid, h) in CERTID_HASHES.items()}


def oid_dotted(contents):
    subids, value = [], 0
    for octet in contents:
        value = value << 7 | (octet & 0x7f)
        if not octet & 0x80:
            subids.append(value)
            value = 0
    first = min(subids[0] // 40, 2)
    return '.'.join(map(str, [first, subids[0] - 40 * first] + subids[1:]))


class Verdict(Exception):
    """model_verify() stops: args[0] is the verdict."""


def model_pss(params):
    """RSASSA-PSS-params read strictly, as staple_sigalg_parse() says:
    SigAlg or Verdict('algorithm_params')."""
    try:
        fields = der_children(der_unwrap(params, TAG_SEQUENCE))
    except DerError:
        raise Verdict('algorithm_params')
    hash_name, mgf_hash, salt, last = 'sha1', 'sha1', 20, -1
    for tag, contents, _ in fields:
        number = tag - 0xa0
        if not 0 <= number <= 3 or number <= last:
            raise Verdict('algorithm_params')
        last = number
        inner = der_children(contents)
        if number in (0, 1):
            alg = der_children(inner[0][1])
            oid = oid_dotted(alg[0][1])
            if number == 1:
                if oid != OID_MGF1:
                    raise Verdict('algorithm_params')
                alg = der_children(alg[1][1])
                oid = oid_dotted(alg[0][1])
            if oid not in MODEL_HASHES:
                raise Verdict('algorithm_params')
            if number == 0:
                hash_name = MODEL_HASHES[oid][0]
            else:
                mgf_hash = MODEL_HASHES[oid][0]
        elif number == 2:
            salt = int.from_bytes(inner[0][1], 'big')
        elif inner[0][1] != b'\x01':
            raise Verdict('algorithm_params')
    if mgf_hash != hash_name:
        raise AssertionError('model: MGF1 hash differs from the hash')
    return SigAlg(OID_RSASSA_PSS, params, CRYPTO_HASH[hash_name], 'pss',
                  salt)


def model_sigalg(alg_der, key):
    """Step 3 but the signature: SigAlg, or Verdict."""
    alg = der_children(der_unwrap(alg_der, TAG_SEQUENCE))
    oid = oid_dotted(alg[0][1])
    params = alg[1][2] if len(alg) > 1 else None
    if oid == OID_RSASSA_PSS:
        sigalg = model_pss(params)
    elif oid in MODEL_SIGALGS:
        scheme, h = MODEL_SIGALGS[oid]
        if params is not None and (scheme != 'pkcs1' or
                                   params != der_null()):
            raise Verdict('algorithm_params')
        sigalg = SigAlg(oid, params, h, scheme)
    else:
        raise Verdict('unsupported_algorithm')
    if sigalg.scheme == 'eddsa':
        fits = isinstance(key, ed25519.Ed25519PublicKey if oid ==
                          SIGALGS['ED25519'].oid else ed448.Ed448PublicKey)
    else:
        fits = isinstance(key, MODEL_KEY_TYPES[sigalg.scheme])
    if not fits:
        raise Verdict('key_mismatch')
    return sigalg


def signed_by(cert, public_key):
    """Does public_key verify cert's signature?"""
    try:
        if isinstance(public_key, rsa.RSAPublicKey):
            public_key.verify(cert.signature, cert.tbs_certificate_bytes,
                              padding.PKCS1v15(),
                              cert.signature_hash_algorithm)
        elif isinstance(public_key, ec.EllipticCurvePublicKey):
            public_key.verify(cert.signature, cert.tbs_certificate_bytes,
                              ec.ECDSA(cert.signature_hash_algorithm))
        else:
            public_key.verify(cert.signature, cert.tbs_certificate_bytes)
    except InvalidSignature:
        return False
    return True


def model_delegated(cert, issuer, now, skew):
    """Step 4."""
    if cert.issuer.public_bytes() != issuer.subject.public_bytes() or \
            not signed_by(cert, issuer.public_key()):
        raise Verdict('responder_issuer')
    try:
        eku = cert.extensions.get_extension_for_class(
            x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        eku = []
    if ExtendedKeyUsageOID.OCSP_SIGNING not in eku:
        raise Verdict('responder_eku')
    if ms_of(cert.not_valid_before_utc) > now + skew:
        raise Verdict('responder_not_yet_valid')
    if ms_of(cert.not_valid_after_utc) < now - skew:
        raise Verdict('responder_expired')
    if any(e.critical and e.oid.dotted_string not in KNOWN_CERT_EXTS
           for e in cert.extensions):
        raise Verdict('responder_critical')


def model_critical(wrapper, known):
    """Unknown critical extensions in wrapper, the contents of
    [1] EXPLICIT Extensions."""
    found = 0
    for _, ext, _ in der_children(der_unwrap(wrapper, TAG_SEQUENCE)):
        fields = der_children(ext)
        critical = len(fields) == 3 and fields[1][1] == b'\xff'
        found += critical and oid_dotted(fields[0][1]) not in known
    return found


def model_verify(b, row, provider):
    """What staple_verify() answers for row with provider (bearssl,
    openssl), read from the bytes and certificates alone, step by step as
    core/staple.h says: dict(verdict, signer, index, status)."""
    out = dict(signer='-', index='-', status='-')
    issuer = x509.load_der_x509_certificate(b.pems['issuer'])
    leaf = None
    if row['leaf'] == '1':
        leaf = x509.load_der_x509_certificate(b.pems['cert'])
    now, skew = time_ms(row['at']), int(row['skew']) * 1000
    try:
        # 1. responseStatus
        top = der_children(der_unwrap(b.der, TAG_SEQUENCE))
        if top[0][1] != b'\x00':
            out['status'] = 'server_failed'
            raise Verdict('not_successful')
        rbytes = der_children(der_unwrap(top[1][1], TAG_SEQUENCE))
        basic = der_children(der_unwrap(
            der_unwrap(rbytes[1][2], TAG_OCTET_STRING), TAG_SEQUENCE))
        tbs = der_children(basic[0][1])
        if tbs[0][0] == 0xa0:
            tbs = tbs[1:]
        rid, responses = tbs[0], der_children(tbs[2][1])
        certs = der_children(der_children(basic[3][1])[0][1]) \
            if len(basic) > 3 else []

        # 2. the signer
        def names(cert):
            if rid[0] == 0xa1:
                return rid[1] == cert.subject.public_bytes()
            return der_unwrap(rid[1], TAG_OCTET_STRING) == hashlib.sha1(
                public_key_bits(cert.public_key())).digest()
        signer = issuer if names(issuer) else None
        for _, _, whole in certs:
            if signer is not None:
                break
            try:
                cert = x509.load_der_x509_certificate(whole)
            except ValueError:
                raise Verdict('responder_cert')
            if names(cert):
                signer = cert
        if signer is None:
            raise Verdict('signer_not_found')
        out['signer'] = 'issuer' if signer is issuer else 'delegated'

        # 3. the signature
        key = signer.public_key()
        sigalg = model_sigalg(basic[1][2], key)
        if provider == 'bearssl' and sigalg.scheme == 'eddsa':
            raise Verdict('unsupported_algorithm')
        try:
            verify(key, sigalg, basic[2][1][1:], basic[0][2])
        except InvalidSignature:
            raise Verdict('signature')

        # 4. a delegated signer
        if signer is not issuer:
            model_delegated(signer, issuer, now, skew)

        # 5. CertID: the first entry that matches, else the furthest
        issuer_name = issuer.subject.public_bytes()
        issuer_key = public_key_bits(issuer.public_key())
        progress = []
        for single in responses:
            fields = der_children(single[1])
            alg, name_hash, key_hash, serial = der_children(fields[0][1])
            oid = oid_dotted(der_children(alg[1])[0][1])
            if oid not in MODEL_HASHES:
                progress.append(0)
                continue
            h = MODEL_HASHES[oid][1]
            if leaf and serial[1] != integer_contents(leaf.serial_number):
                progress.append(1)
            elif name_hash[1] != h(issuer_name).digest():
                progress.append(2)
            elif key_hash[1] != h(issuer_key).digest():
                progress.append(3)
            else:
                progress.append(4)
                break
        if not progress or progress[-1] != 4:
            raise Verdict(['certid_hash', 'certid_serial',
                           'certid_name_hash', 'certid_key_hash'][
                               max(progress, default=0)])
        index = len(progress) - 1
        fields = der_children(responses[index][1])
        out['index'] = str(index)
        out['status'] = {0x80: 'good', 0xa1: 'revoked',
                         0x82: 'unknown'}[fields[1][0]]

        # 6. unknown critical extensions, anywhere
        unknown = 0
        if tbs[-1][0] == 0xa1:
            unknown += model_critical(tbs[-1][1], {
                OID_PKIX_OCSP_NONCE, OID_OCSP_EXTENDED_REVOKE})
        for single in responses:
            last = der_children(single[1])[-1]
            if last[0] == 0xa1:
                unknown += model_critical(last[1], set())
        if unknown:
            raise Verdict('critical_extension')

        # 7. the matched entry's window
        if time_ms(fields[2][1].decode()) > now + skew:
            raise Verdict('not_yet_valid')
        if len(fields) > 3 and fields[3][0] == 0xa0 and time_ms(
                der_children(fields[3][1])[0][1].decode()) < now - skew:
            raise Verdict('expired')
        raise Verdict('ok')
    except Verdict as v:
        return dict(out, verdict=v.args[0])


def check_verify_fixture(b):
    """Raises on anything wrong.  Returns (signatures checked, rows the
    model agrees with)."""
    fx = b.fixture
    der_check(b.der, fx.name)
    issuer = x509.load_der_x509_certificate(b.pems['issuer'])
    leaf = x509.load_der_x509_certificate(b.pems['cert'])
    issuer.verify_directly_issued_by(issuer)
    leaf.verify_directly_issued_by(issuer)
    try:
        leaf.extensions.get_extension_for_class(x509.TLSFeature)
        must_staple = True
    except x509.ExtensionNotFound:
        must_staple = False
    if must_staple != fx.must_staple:
        raise AssertionError('leaf TLS Feature differs')
    checked = 0
    if b.sigalg is not None:
        # As the decoder sees it: tbsResponseData, the algorithm and the
        # signature DER; each cert one SEQUENCE, its contents unchecked.
        top = der_children(der_unwrap(b.der, TAG_SEQUENCE))
        basic = der_children(der_unwrap(der_unwrap(
            der_children(der_unwrap(top[1][1], TAG_SEQUENCE))[1][2],
            TAG_OCTET_STRING), TAG_SEQUENCE))
        der_check(b''.join(whole for _, _, whole in basic[:3]),
                  fx.name + ' BasicOCSPResponse')
        if len(basic) > 3:
            certs = der_unwrap(basic[3][1], TAG_SEQUENCE)
            for _, _, whole in der_children(certs):
                der_unwrap(whole, TAG_SEQUENCE)
        if basic[0][2] != b.tbs or basic[2][1][1:] != b.signature:
            raise AssertionError('tbs or signature not as built')
        # The signature as made, with the key that made it: it verifies
        # unless a bit was flipped on purpose.
        try:
            verify(b.signed_with, b.sigalg, b.signature, b.tbs)
            good = True
        except InvalidSignature:
            good = False
        if good != (fx.flip is None):
            raise AssertionError('signature %s with the key that signed'
                                 % ('verifies' if good else 'fails'))
        checked = 1
    for row in b.rows:
        for provider in ('bearssl', 'openssl'):
            got = model_verify(b, row, provider)
            want = dict(verdict=row[provider])
            if provider == 'openssl':
                want.update(signer=row['signer'], index=row['index'],
                            status=row['status'])
            else:
                got = dict(verdict=got['verdict'])
            if got != want:
                raise AssertionError('row %s, %s: model says %s, table %s'
                                     % (row['name'], provider, got, want))
        if row['must_staple'] != ('1' if must_staple and row['leaf'] == '1'
                                  else '0'):
            raise AssertionError('row %s: must_staple' % row['name'])
    return checked, len(b.rows)


def self_check_verify(vbuilt):
    failures, signatures, agreed = [], 0, 0
    rows = sum(len(b.rows) for b in vbuilt)
    names = [r['name'] for b in vbuilt for r in b.rows]
    if len(set(names)) != len(names):
        failures.append('duplicate row names')
    for b in vbuilt:
        try:
            checked, ok_rows = check_verify_fixture(b)
            signatures += checked
            agreed += ok_rows
        except (DerError, ValueError, InvalidSignature,
                AssertionError) as e:
            failures.append('%s: %s' % (b.fixture.name,
                                        str(e) or type(e).__name__))
    print('verify self-check: %d fixtures, %d rows; %d signatures verify '
          'or fail as built, %d rows re-derived by the model, %d failures'
          % (len(vbuilt), rows, signatures, agreed, len(failures)))
    for f in failures:
        print('  FAIL verify/' + f, file=sys.stderr)
    return not failures


# ===========================================================================
# TLS fixtures: OUTDIR/tls/, a small PKI and its stapled responses for the
# loopback tests (tests/loopback.h, tests/test_loopback.c) and the TLS
# fetch backends.  A root CA issues an intermediate, which issues the
# leaves and signs their OCSP responses itself (byKey), as Let's Encrypt's
# intermediates do.  Keys live beside the certificates as NAME.key (PKCS#8
# PEM): s_server and the client tests load them from there, and like
# keys/ they are made only when missing, so re-runs give the same bytes.

TLS_DIR = 'tls'
TLS_NOT_BEFORE = '20250101000000Z'
TLS_NOT_AFTER = '20450101000000Z'
TLS_PRODUCED_AT = '20250101000000Z'     # also thisUpdate and revocation
TLS_NEXT_UPDATE = '20450101000000Z'
TLS_EXPIRED_NEXT_UPDATE = '20250108000000Z'  # staple-expired's
# TLS records carry at most 2^14 octets (RFC 8446 5.1, RFC 5246 6.2.1):
# the big certificate and the big staple are larger, so a client must
# reassemble one handshake message from several records.
TLS_RECORD_MAX = 16384
# Names in leaf-big's SAN: 27 octets each, 800 of them make the
# certificate about 22 KiB.
TLS_BIG_SAN_NAMES = 800
# SingleResponses after the leaf's in staple-big: about 117 octets each,
# 160 of them make the response about 19 KiB.
TLS_BIG_OTHER_ENTRIES = 160
TLS_SAN = [x509.DNSName('localhost'), x509.DNSName('staple.test')]
TLS_SAN_IP = '127.0.0.1'

# Key file stem -> how to make it.
TLS_KEY_SPECS = {
    'root': lambda: ec.generate_private_key(ec.SECP256R1()),
    'int': lambda: ec.generate_private_key(ec.SECP256R1()),
    'leaf-ecdsa': lambda: ec.generate_private_key(ec.SECP256R1()),
    'leaf-rsa': lambda: rsa.generate_private_key(65537, 2048),
    'leaf-muststaple': lambda: ec.generate_private_key(ec.SECP256R1()),
    'leaf-big': lambda: ec.generate_private_key(ec.SECP256R1()),
    'client': lambda: ec.generate_private_key(ec.SECP256R1()),
}


@dataclass
class TlsLeaf:
    name: str                   # file stem: NAME.pem, NAME.key
    eku: object                 # ExtendedKeyUsageOID member
    must_staple: bool = False   # TLS Feature status_request (RFC 7633)
    big: bool = False           # SAN padded past TLS_RECORD_MAX


@dataclass
class TlsStaple:
    name: str                   # file stem: NAME.der
    leaf: str                   # the TlsLeaf it answers for (entry 0)
    status: str = 'good'        # good, revoked (keyCompromise), unknown
    others: int = 0             # SingleResponses for other serials after
    next_update: Optional[str] = TLS_NEXT_UPDATE  # None: left out
    response_status: int = 0    # not 0 (successful): responseStatus alone


TLS_LEAVES = [
    TlsLeaf('leaf-ecdsa', ExtendedKeyUsageOID.SERVER_AUTH),
    TlsLeaf('leaf-rsa', ExtendedKeyUsageOID.SERVER_AUTH),
    TlsLeaf('leaf-muststaple', ExtendedKeyUsageOID.SERVER_AUTH,
            must_staple=True),
    TlsLeaf('leaf-big', ExtendedKeyUsageOID.SERVER_AUTH, big=True),
    TlsLeaf('client', ExtendedKeyUsageOID.CLIENT_AUTH),
]

TLS_STAPLES = [
    TlsStaple('staple-ecdsa', 'leaf-ecdsa'),
    TlsStaple('staple-rsa', 'leaf-rsa'),
    TlsStaple('staple-revoked', 'leaf-ecdsa', status='revoked'),
    TlsStaple('staple-muststaple', 'leaf-muststaple'),
    TlsStaple('staple-big', 'leaf-big', others=TLS_BIG_OTHER_ENTRIES),
    # OpenSSL's client refuses a CertificateStatus message over 2^14
    # octets ("excessive message size"): this one lets it take leaf-big.
    TlsStaple('staple-big-small', 'leaf-big'),
    # For `staple check` against a server (tests/test_cmd_check.c): one
    # staple per verdict that a fixed time can give.
    TlsStaple('staple-unknown', 'leaf-ecdsa', status='unknown'),
    TlsStaple('staple-expired', 'leaf-ecdsa',
              next_update=TLS_EXPIRED_NEXT_UPDATE),
    TlsStaple('staple-nonext', 'leaf-ecdsa', next_update=None),
    TlsStaple('staple-trylater', 'leaf-ecdsa', response_status=3),
    TlsStaple('staple-unauthorized', 'leaf-ecdsa', response_status=6),
]


class TlsPki:
    """Keys from OUTDIR/tls/NAME.key, certificates issued through Pki's
    _issue() (deterministic ECDSA), valid TLS_NOT_BEFORE..TLS_NOT_AFTER."""

    def __init__(self, pki, tls_dir):
        self.pki = pki
        self.dir = tls_dir
        self.keys = {}
        self.certs = {}

    def key(self, stem):
        if stem not in self.keys:
            path = os.path.join(self.dir, stem + '.key')
            if os.path.exists(path):
                with open(path, 'rb') as f:
                    key = serialization.load_pem_private_key(f.read(), None)
            else:
                key = TLS_KEY_SPECS[stem]()
                self.pki.made_keys.append('%s/%s' % (TLS_DIR, stem))
            self.keys[stem] = key
        return self.keys[stem]

    def _issue(self, issuer, stem, subject, extensions):
        issuer_cert = self.certs[issuer] if issuer else None
        issuer_key = self.key(issuer or stem)
        self.certs[stem] = self.pki._issue(
            issuer_cert, issuer_key, subject, derived_serial('tls', stem),
            self.key(stem).public_key(), extensions,
            not_before=gt_datetime(TLS_NOT_BEFORE),
            not_after=gt_datetime(TLS_NOT_AFTER))
        return self.certs[stem]

    def make(self):
        self._issue(None, 'root', name('staple test root'),
                    ca_extensions())
        self._issue('root', 'int', name('staple test intermediate'), [
            (x509.BasicConstraints(ca=True, path_length=None), True),
            (key_usage(key_cert_sign=True, crl_sign=True), True)])
        for leaf in TLS_LEAVES:
            self._issue('int', leaf.name, name('staple test ' + leaf.name),
                        tls_leaf_extensions(leaf, self.key(leaf.name)))


def tls_leaf_extensions(leaf, key):
    """A TLS leaf's: keyEncipherment too for RSA (TLS 1.2's RSA key
    exchange encrypts the premaster secret to the certificate's key)."""
    rsa_key = isinstance(key, rsa.RSAPrivateKey)
    usage = x509.KeyUsage(digital_signature=True, content_commitment=False,
                          key_encipherment=rsa_key, data_encipherment=False,
                          key_agreement=False, key_cert_sign=False,
                          crl_sign=False, encipher_only=False,
                          decipher_only=False)
    san = list(TLS_SAN)
    if leaf.big:
        san += [x509.DNSName('host-%04d.big.staple.test' % i)
                for i in range(TLS_BIG_SAN_NAMES)]
    san.append(x509.IPAddress(ipaddress.ip_address(TLS_SAN_IP)))
    extensions = [
        (x509.BasicConstraints(ca=False, path_length=None), True),
        (usage, True),
        (x509.ExtendedKeyUsage([leaf.eku]), False),
        (x509.SubjectAlternativeName(san), False)]
    if leaf.must_staple:
        extensions.append((x509.TLSFeature(
            [x509.TLSFeatureType.status_request]), False))
    return extensions


def tls_staple(spec, tls):
    """The OCSPResponse of spec: signed by the intermediate, byKey, the
    leaf's SingleResponse first, then spec.others for derived serials;
    a responseStatus other than successful alone, as RFC 6960 4.2.1 has
    it."""
    if spec.response_status != 0:
        return ocsp_response(spec.response_status)
    issuer, key = tls.certs['int'], tls.key('int')
    serials = [tls.certs[spec.leaf].serial_number] + [
        derived_serial('tls other', spec.name, i)
        for i in range(spec.others)]
    singles = []
    for i, serial in enumerate(serials):
        cid, _, _ = cert_id('sha1', True, issuer, serial)
        status = cert_status('good')
        if i == 0 and spec.status == 'revoked':
            status = cert_status('revoked', TLS_PRODUCED_AT, 1)
        elif i == 0 and spec.status == 'unknown':
            status = cert_status('unknown')
        singles.append(single_response(cid, status, TLS_PRODUCED_AT,
                                       spec.next_update, None))
    rid, _ = responder_id('key', issuer)
    tbs = response_data(rid, TLS_PRODUCED_AT, singles, None, False)
    sigalg = SIGALGS['ecdsa-with-SHA256']
    return ocsp_response(0, basic_ocsp_response(
        tbs, sigalg, sign(key, sigalg, tbs), []))


def tls_check(tls, staples):
    """staples: [(TlsStaple, DER)].  Raises AssertionError (or
    cryptography's errors) on anything wrong; returns a one-line
    summary."""
    root, inter = tls.certs['root'], tls.certs['int']
    root.verify_directly_issued_by(root)
    inter.verify_directly_issued_by(root)
    window = (gt_datetime(TLS_NOT_BEFORE), gt_datetime(TLS_NOT_AFTER))
    for stem, cert in tls.certs.items():
        if (cert.not_valid_before_utc, cert.not_valid_after_utc) != window:
            raise AssertionError('%s: validity differs' % stem)
        if public_key_bits(cert.public_key()) != public_key_bits(
                tls.key(stem).public_key()):
            raise AssertionError('%s: key and certificate differ' % stem)
    for leaf in TLS_LEAVES:
        cert = tls.certs[leaf.name]
        cert.verify_directly_issued_by(inter)
        try:
            cert.extensions.get_extension_for_class(x509.TLSFeature)
            must_staple = True
        except x509.ExtensionNotFound:
            must_staple = False
        if must_staple != leaf.must_staple:
            raise AssertionError('%s: TLS Feature differs' % leaf.name)
        size = len(cert_der(cert))
        if (size > TLS_RECORD_MAX) != leaf.big:
            raise AssertionError('%s: %d octets' % (leaf.name, size))
    key_hash = hashlib.sha1(public_key_bits(inter.public_key())).digest()
    for spec, der in staples:
        der_check(der, spec.name)
        if (len(der) > TLS_RECORD_MAX) != (spec.others > 0):
            raise AssertionError('%s: %d octets' % (spec.name, len(der)))
        resp = ocsp.load_der_ocsp_response(der)
        if spec.response_status != 0:
            if resp.response_status.value != spec.response_status:
                raise AssertionError('%s: not as built' % spec.name)
            continue
        verify(inter.public_key(), SIGALGS['ecdsa-with-SHA256'],
               resp.signature, resp.tbs_response_bytes)
        singles = list(resp.responses)
        leaf = tls.certs[spec.leaf]
        want = (ocsp.OCSPRequestBuilder()
                .add_certificate(leaf, inter, hashes.SHA1()).build())
        first = singles[0]
        status = CRYPTO_STATUS[first.certificate_status]
        reason = first.revocation_reason
        if (resp.response_status != ocsp.OCSPResponseStatus.SUCCESSFUL or
                resp.responder_key_hash != key_hash or
                len(singles) != 1 + spec.others or
                first.serial_number != leaf.serial_number or
                first.issuer_name_hash != want.issuer_name_hash or
                first.issuer_key_hash != want.issuer_key_hash or
                status != spec.status or
                (reason.name if reason else None) != (
                    'key_compromise' if spec.status == 'revoked' else None)
                or ms_of(resp.produced_at_utc) != time_ms(TLS_PRODUCED_AT)
                or ms_of(first.this_update_utc) != time_ms(TLS_PRODUCED_AT)
                or (None if first.next_update_utc is None else
                    ms_of(first.next_update_utc)) !=
                (None if spec.next_update is None else
                 time_ms(spec.next_update))):
            raise AssertionError('%s: not as built' % spec.name)
    return ('tls self-check: %d certificates chain to the root, %d staples '
            'verify with the intermediate; leaf-big %d, staple-big %d '
            'octets' % (len(tls.certs), len(staples),
                        len(cert_der(tls.certs['leaf-big'])),
                        max(len(der) for _, der in staples)))


def make_tls(outdir, pki):
    """Build, write and check OUTDIR/tls/; True when the check passes."""
    tls_dir = os.path.join(outdir, TLS_DIR)
    os.makedirs(tls_dir, exist_ok=True)
    tls = TlsPki(pki, tls_dir)
    tls.make()
    # Every key, the root's too: without it a re-run makes a new root.
    for stem, cert in tls.certs.items():
        write_if_changed(os.path.join(tls_dir, stem + '.pem'),
                         pem(cert_der(cert)))
        write_if_changed(os.path.join(tls_dir, stem + '.key'),
                         tls.key(stem).private_bytes(
                             serialization.Encoding.PEM,
                             serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()))
    staples = [(spec, tls_staple(spec, tls)) for spec in TLS_STAPLES]
    for spec, der in staples:
        write_if_changed(os.path.join(tls_dir, spec.name + '.der'), der)
    try:
        print(tls_check(tls, staples))
        return True
    except (DerError, ValueError, InvalidSignature, AssertionError) as e:
        print('  FAIL %s/%s' % (TLS_DIR, str(e) or type(e).__name__),
              file=sys.stderr)
        return False


README_TLS = """
## TLS fixtures: `tls/`

A small PKI and its stapled responses, for the loopback tests
(`tests/loopback.h`, `tests/test_loopback.c`: `openssl s_server` on
127.0.0.1, a record-rewriting proxy) and the TLS fetch backends.
Everything is valid from 2025-01-01T00:00:00Z to 2045-01-01T00:00:00Z.
Keys are PKCS#8 PEM beside their certificates, made only when missing.

- `root.pem` (`root.key`): self-signed root CA, P-256, CN "staple test
  root": the trust anchor (`-CAfile`).
- `int.pem`, `int.key`: intermediate CA issued by the root (P-256,
  keyCertSign and cRLSign); it issues every leaf and signs every staple
  itself (responderID byKey, ecdsa-with-SHA256): the server's
  `-cert_chain`.
- Leaves issued by the intermediate, each `NAME.pem` and `NAME.key`,
  with SAN DNS:localhost, DNS:staple.test, IP:127.0.0.1 and keyUsage
  digitalSignature.  EKU serverAuth: `leaf-ecdsa` (P-256), `leaf-rsa`
  (RSA-2048, keyEncipherment too, for TLS 1.2 RSA key exchange),
  `leaf-muststaple` (P-256, TLS Feature status_request, RFC 7633),
  `leaf-big` (P-256, %d more SAN names: the DER is over 16,384 octets,
  more than one TLS record).  EKU clientAuth: `client` (P-256, for
  mutual TLS).
- Staples (`-status_file`), one SingleResponse for the leaf with a SHA-1
  CertID (NULL), producedAt and thisUpdate 2025-01-01T00:00:00Z,
  nextUpdate 2045-01-01T00:00:00Z, no certs: `staple-ecdsa.der`,
  `staple-rsa.der`, `staple-muststaple.der` (good),
  `staple-revoked.der` (leaf-ecdsa revoked 2025-01-01T00:00:00Z,
  keyCompromise), `staple-big.der` (leaf-big good, then %d good
  entries for other serials: over 16,384 octets) and
  `staple-big-small.der` (leaf-big good, alone: OpenSSL's client
  refuses a CertificateStatus message over 16,384 octets, so this is
  the one to give s_server for leaf-big when OpenSSL is the client).
- For `staple check` (tests/test_cmd_check.c), all for leaf-ecdsa:
  `staple-unknown.der` (certStatus unknown), `staple-expired.der`
  (nextUpdate 2025-01-08T00:00:00Z), `staple-nonext.der` (no
  nextUpdate), `staple-trylater.der` and `staple-unauthorized.der`
  (responseStatus tryLater and unauthorized alone, no responseBytes).

The self-check verifies the chain root -> int -> each leaf, that each key
matches its certificate, each staple with cryptography's OCSP loader and
the intermediate's key, and the sizes over 16,384 octets.
""" % (TLS_BIG_SAN_NAMES, TLS_BIG_OTHER_ENTRIES)


def main(argv):
    if len(argv) > 2 or (len(argv) == 2 and argv[1].startswith('-')):
        print('usage: %s [OUTDIR]' % argv[0], file=sys.stderr)
        return 2
    outdir = argv[1] if len(argv) == 2 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), 'fixtures')
    os.makedirs(outdir, exist_ok=True)
    names = [fx.name for fx in FIXTURES]
    if len(set(names)) != len(names):
        raise SystemExit('duplicate fixture names')
    if len({fx.name for fx in VFIXTURES}) != len(VFIXTURES):
        raise SystemExit('duplicate verification fixture names')
    pki = Pki(os.path.join(outdir, 'keys'))
    built = [build(fx, pki) for fx in FIXTURES]
    vpki = VerifyPki(pki)
    vbuilt = [build_verify(fx, vpki) for fx in VFIXTURES]
    verify_dir = os.path.join(outdir, VERIFY_DIR)
    write_outputs(outdir, built, readme_verify(vbuilt) + README_TLS)
    write_verify_outputs(verify_dir, vbuilt)
    tls_ok = make_tls(outdir, pki)
    if pki.made_keys:
        print('made new keys: ' + ', '.join(pki.made_keys))
    for f in stale_files(outdir, built):
        print('stale (not in the table, not removed): ' + f)
    for f in stale_files(verify_dir, vbuilt):
        print('stale (not in the table, not removed): %s/%s'
              % (VERIFY_DIR, f))
    ok = self_check(built)
    return 0 if self_check_verify(vbuilt) and ok and tls_ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
