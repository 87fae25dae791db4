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

The output is stable from run to run: fixed times and serial numbers,
deterministic ECDSA (RFC 6979), Ed25519/Ed448 and RSA PKCS#1 v1.5 are
deterministic anyway, and RSA-PSS uses a salt derived from the message.
Only a missing key is made afresh (and then everything it signs changes).
"""

import base64
import datetime
import hashlib
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

@dataclass
class SigAlg:
    oid: str
    parameters: Optional[bytes]  # the parameters TLV, or None when absent
    hash: Optional[type]         # cryptography hash class; None for EdDSA
    scheme: str                  # pkcs1, pss, ecdsa, eddsa


PSS_SALT_LENGTH = 32

# RSASSA-PSS-params (RFC 4055 3.1) for SHA-256, MGF1-SHA-256, 32-byte salt,
# trailerField left at its DEFAULT.  Hash parameters NULL, as OpenSSL writes.
PSS_SHA256_PARAMS = der_sequence(
    der_explicit(0, algorithm_identifier(CERTID_HASHES['sha256'][0],
                                         der_null())),
    der_explicit(1, algorithm_identifier(
        OID_MGF1, algorithm_identifier(CERTID_HASHES['sha256'][0],
                                       der_null()))),
    der_explicit(2, der_integer(PSS_SALT_LENGTH)))

SIGALGS = {
    'sha1WithRSAEncryption':
        SigAlg('1.2.840.113549.1.1.5', der_null(), hashes.SHA1, 'pkcs1'),
    'sha256WithRSAEncryption':
        SigAlg('1.2.840.113549.1.1.11', der_null(), hashes.SHA256, 'pkcs1'),
    'rsassaPss':
        SigAlg('1.2.840.113549.1.1.10', PSS_SHA256_PARAMS, hashes.SHA256,
               'pss'),
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


def sign(key, sigalg, message):
    if sigalg.scheme == 'pkcs1':
        return key.sign(message, padding.PKCS1v15(), sigalg.hash())
    if sigalg.scheme == 'pss':
        salt = hashlib.sha256(b'staple fixture salt' + message).digest()
        return rsa_pss_sign(key, message, sigalg.hash,
                            salt[:PSS_SALT_LENGTH])
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
                                      PSS_SALT_LENGTH), sigalg.hash())
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
               extensions):
        b = (x509.CertificateBuilder()
             .subject_name(subject)
             .issuer_name(issuer_cert.subject if issuer_cert else subject)
             .public_key(public_key)
             .serial_number(serial)
             .not_valid_before(NOT_BEFORE)
             .not_valid_after(NOT_AFTER)
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
                CAS[ca].serial, key.public_key(), [
                    (x509.BasicConstraints(ca=True, path_length=None), True),
                    (key_usage(digital_signature=True, key_cert_sign=True,
                               crl_sign=True), True)])
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
    certs: str = 'none'                  # none, responder, responder+issuer
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


def invalidity_date(text):
    return Ext(OID_INVALIDITY_DATE, der_generalized_time(text))


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
    Fixture('p256-delegated-two-certs',
            'P-256 delegated responder by key, two certs (responder, '
            'issuer)',
            delegated=True, certs='responder+issuer'),

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
    certs = {'none': [], 'responder': [pems.get('responder')],
             'responder+issuer': [pems.get('responder'), pems['issuer']]
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


def write_outputs(outdir, built):
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
    write_if_changed(os.path.join(outdir, 'README.md'), README_HEAD + table)


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
    pki = Pki(os.path.join(outdir, 'keys'))
    built = [build(fx, pki) for fx in FIXTURES]
    write_outputs(outdir, built)
    if pki.made_keys:
        print('made new keys: ' + ', '.join(pki.made_keys))
    for f in stale_files(outdir, built):
        print('stale (not in the table, not removed): ' + f)
    return 0 if self_check(built) else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
