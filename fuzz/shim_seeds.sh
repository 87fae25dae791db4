#!/bin/sh
# shim_seeds.sh -- capture real TLS 1.2 server flights for fuzz_shim.
#
#   sh fuzz/shim_seeds.sh [OUTDIR]        (default fuzz/corpus/fuzz_shim)
#
# Runs `openssl s_server -tls1_2` on 127.0.0.1 with the certificates and
# staples of tests/fixtures/tls/ (or, without that directory, throwaway
# ones made here), connects `openssl s_client -tls1_2 -status` to it
# through a small relay, and keeps the server's bytes from its first
# record up to the end of the record holding ServerHelloDone (for a
# resumed session: the record after its ChangeCipherSpec, the encrypted
# Finished).  Each flight becomes a seed: fuzz_shim's 10-byte header (see
# the top of fuzz/fuzz_shim.c) choosing the engine set-up the flight was
# made for, then the flight.
#
# The client is steered so that the server answers as it would answer
# BearSSL 0.6 with the stapling shim: one of BearSSL's cipher suites, no
# session ticket, encrypt-then-MAC or extended master secret (BearSSL
# refuses a ServerHello extension it did not ask for), PKCS#1 v1.5 or
# ECDSA signatures.  The ServerKeyExchange signs the capture's client
# random, not the harness's, so the engine stops there; RSA key exchange
# has none, and those seeds reach ServerHelloDone and the client's flight.
#
# Seeds are named capture-WHAT: a run replaces the previous captures (each
# run draws new randoms, so the bytes differ) and leaves every other file
# in OUTDIR alone.  The harness carries the fixture leaves' public keys;
# this script checks they still match and stops when they do not.
#
# Needs openssl (3.x, for Options = -ExtendedMasterSecret) and python3.
# Environment: STAPLE_OPENSSL, the openssl program (default openssl).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/fuzz/corpus/fuzz_shim}
openssl=${STAPLE_OPENSSL:-openssl}
harness=$top/fuzz/fuzz_shim.c

die() {
	echo "shim_seeds.sh: $*" >&2
	exit 1
}

command -v "$openssl" >/dev/null 2>&1 || die "no $openssl"
command -v python3 >/dev/null 2>&1 || die "no python3"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/shim_seeds.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

# ---- certificates and staples ------------------------------------------

if [ -d "$top/tests/fixtures/tls" ]; then
	pki=$top/tests/fixtures/tls
	# The keys fuzz_shim.c knows (br_x509_knownkey) must be these.
	for leaf in leaf-ecdsa leaf-big leaf-muststaple; do
		q=$("$openssl" x509 -in "$pki/$leaf.pem" -noout -pubkey |
			"$openssl" ec -pubin -outform DER 2>/dev/null |
			tail -c 65 | od -A n -v -t x1 | tr -d ' \n')
		python3 - "$harness" "$q" "$leaf" <<'EOF' || exit 1
import re, sys
src = open(sys.argv[1]).read()
hexes = "".join(re.findall(r'"([0-9a-f]+)"', src))
if sys.argv[2] not in hexes:
    sys.exit("shim_seeds.sh: fuzz/fuzz_shim.c does not hold the key of "
             "%s: update ec_hex[] from tests/fixtures/tls" % sys.argv[3])
EOF
	done
	n=$("$openssl" x509 -in "$pki/leaf-rsa.pem" -noout -modulus |
		sed 's/^Modulus=//' | tr 'A-F' 'a-f')
	python3 - "$harness" "$n" <<'EOF' || exit 1
import re, sys
src = open(sys.argv[1]).read()
if sys.argv[2] not in "".join(re.findall(r'"([0-9a-f]+)"', src)):
    sys.exit("shim_seeds.sh: fuzz/fuzz_shim.c does not hold the key of "
             "leaf-rsa: update rsa_n_hex[] from tests/fixtures/tls")
EOF
else
	# Throwaway PKI under the names of tests/fixtures/tls, valid a week.
	# The harness's known keys are not these: RSA key exchange still
	# reaches ServerHelloDone (the premaster goes to the wrong key, which
	# the engine cannot tell), and a ServerKeyExchange never verifies in
	# the harness anyway.  No staple here is over 16 KiB.
	echo "shim_seeds.sh: no tests/fixtures/tls: throwaway certificates" >&2
	pki=$tmp/pki
	mkdir -p "$pki"
	(
		cd "$pki"
		ec() { "$openssl" genpkey -algorithm EC \
			-pkeyopt ec_paramgen_curve:P-256 -out "$1.key"; }
		ec int
		"$openssl" req -new -x509 -key int.key -subj "/CN=throwaway CA" \
			-days 7 -out int.pem
		printf '%s\n' "basicConstraints=CA:FALSE" \
			"subjectAltName=DNS:localhost" >ext.cnf
		sans="subjectAltName=DNS:localhost"
		i=0
		while [ $i -lt 800 ]; do
			sans="$sans,DNS:name-$i.big.staple.test"
			i=$((i + 1))
		done
		printf '%s\n' "basicConstraints=CA:FALSE" "$sans" >big.cnf
		for leaf in leaf-ecdsa leaf-big leaf-muststaple leaf-rsa; do
			case $leaf in
			leaf-rsa) "$openssl" genpkey -algorithm RSA \
				-pkeyopt rsa_keygen_bits:2048 -out $leaf.key ;;
			*) ec $leaf ;;
			esac
			cnf=ext.cnf
			[ $leaf = leaf-big ] && cnf=big.cnf
			"$openssl" req -new -key $leaf.key -subj "/CN=$leaf" \
				-out $leaf.csr
			"$openssl" x509 -req -in $leaf.csr -CA int.pem \
				-CAkey int.key -CAcreateserial -days 7 \
				-extfile $cnf -out $leaf.pem 2>/dev/null
		done
		# staples: openssl ocsp as a one-shot responder
		: >index.txt
		for leaf in leaf-ecdsa leaf-big leaf-muststaple leaf-rsa; do
			s=$("$openssl" x509 -in $leaf.pem -noout -serial |
				sed 's/serial=//')
			printf 'V\t300101000000Z\t\t%s\tunknown\t/CN=%s\n' \
				"$s" $leaf >>index.txt
		done
		for leaf in leaf-ecdsa leaf-big leaf-muststaple leaf-rsa; do
			name=staple-${leaf#leaf-}
			"$openssl" ocsp -issuer int.pem -cert $leaf.pem \
				-no_nonce -reqout $leaf.req >/dev/null
			"$openssl" ocsp -index index.txt -rsigner int.pem \
				-rkey int.key -CA int.pem -reqin $leaf.req \
				-ndays 7 -respout "$name.der" >/dev/null
		done
		cp staple-ecdsa.der staple-revoked.der
		cp staple-big.der staple-big-small.der
	) >"$tmp/pki.log" 2>&1 || { cat "$tmp/pki.log" >&2; die "no PKI"; }
fi

# No extended master secret: BearSSL 0.6 neither asks for it nor takes it.
cat >"$tmp/openssl.cnf" <<'EOF'
openssl_conf = shim_seeds
[shim_seeds]
ssl_conf = shim_seeds_ssl
[shim_seeds_ssl]
system_default = shim_seeds_sys
[shim_seeds_sys]
Options = -ExtendedMasterSecret
EOF

mkdir -p "$out"
rm -f "$out"/capture-*

# ---- capture -------------------------------------------------------------

OPENSSL=$openssl OPENSSL_CONF=$tmp/openssl.cnf python3 - "$pki" "$out" \
	"$tmp" <<'EOF'
import os, select, socket, subprocess, sys, threading, time

OPENSSL = os.environ["OPENSSL"]
pki, out, tmp = sys.argv[1:4]

def fixture(name):
    return os.path.join(pki, name)

# ---- s_server ----

class Server:
    def __init__(self, args, naccept=1):
        self.log = os.path.join(tmp, "s_server.log")
        logf = open(self.log, "wb")
        cmd = [OPENSSL, "s_server", "-accept", "127.0.0.1:0", "-tls1_2",
               "-no_ticket", "-no_etm", "-naccept", str(naccept)] + args
        # s_server stops at end of file on stdin: keep a pipe open
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=logf,
                                  stderr=subprocess.STDOUT)
        logf.close()
        self.port = 0
        deadline = time.time() + 10
        while time.time() < deadline and self.port == 0:
            for line in open(self.log, "rb").read().splitlines():
                if line.startswith(b"ACCEPT ") and b":" in line:
                    self.port = int(line.rsplit(b":", 1)[1])
            if self.p.poll() is not None:
                break
            time.sleep(0.05)
        if self.port == 0:
            self.stop()
            sys.exit("shim_seeds.sh: s_server did not start: " +
                     open(self.log, "rb").read().decode("latin-1"))

    def stop(self):
        if self.p.poll() is None:
            self.p.kill()
        self.p.wait()

# ---- the relay ----

def flight_end(buf):
    """Length of the flight in buf once it is whole, else 0: up to the end
    of the record that holds ServerHelloDone, or of the record after a
    ChangeCipherSpec, or of an alert record."""
    off, hs, after_ccs = 0, b"", False
    while len(buf) - off >= 5:
        typ, n = buf[off], buf[off + 3] << 8 | buf[off + 4]
        if len(buf) - off < 5 + n:
            return 0
        frag = buf[off + 5:off + 5 + n]
        off += 5 + n
        if after_ccs or typ == 21:
            return off
        if typ == 20:
            after_ccs = True
            continue
        hs += frag
        m = 0
        while len(hs) - m >= 4:
            ln = int.from_bytes(hs[m + 1:m + 4], "big")
            if hs[m] == 14:
                return off
            m += 4 + ln
    return 0

class Relay(threading.Thread):
    """Listens on 127.0.0.1, relays one connection to the server and keeps
    the server's bytes until the flight is whole."""

    def __init__(self, port):
        threading.Thread.__init__(self, daemon=True)
        self.upstream = port
        self.ls = socket.socket()
        self.ls.bind(("127.0.0.1", 0))
        self.ls.listen(1)
        self.port = self.ls.getsockname()[1]
        self.flight = b""
        self.done = False

    def run(self):
        self.ls.settimeout(10)
        c, _ = self.ls.accept()
        s = socket.create_connection(("127.0.0.1", self.upstream))
        got, deadline = b"", time.time() + 10
        peers = {c: s, s: c}
        while time.time() < deadline:
            r, _, _ = select.select(list(peers), [], [], 0.2)
            for sock in r:
                try:
                    data = sock.recv(65536)
                except OSError:
                    data = b""
                if not data:
                    peers.pop(sock, None)
                    continue
                if sock is s:
                    got += data
                try:
                    peers[sock].sendall(data)
                except (OSError, KeyError):
                    pass
            end = flight_end(got)
            if end or s not in peers:
                self.flight = got[:end] if end else got
                self.done = bool(end)
                break
        for sock in (c, s, self.ls):
            sock.close()

def s_client(port, args):
    cmd = [OPENSSL, "s_client", "-connect", "127.0.0.1:%d" % port,
           "-tls1_2", "-status", "-no_ticket", "-no_etm",
           "-servername", "example.com"] + args
    subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=20)

def capture(server_args, client_args, cipher, sigalgs, groups="P-256"):
    srv = Server(server_args)
    try:
        relay = Relay(srv.port)
        relay.start()
        s_client(relay.port, ["-cipher", cipher, "-sigalgs", sigalgs,
                              "-groups", groups] + client_args)
        relay.join(15)
    finally:
        srv.stop()
    if not relay.done:
        sys.exit("shim_seeds.sh: no whole flight for %s" % " ".join(
            server_args))
    return relay.flight

def capture_resumed(server_args, cipher, sigalgs):
    """The second flight of a session resumed by ID."""
    srv = Server(server_args, naccept=2)
    sess = os.path.join(tmp, "session.pem")
    try:
        s_client(srv.port, ["-cipher", cipher, "-sigalgs", sigalgs,
                            "-sess_out", sess])
        relay = Relay(srv.port)
        relay.start()
        s_client(relay.port, ["-cipher", cipher, "-sigalgs", sigalgs,
                              "-sess_in", sess])
        relay.join(15)
    finally:
        srv.stop()
    if not relay.done:
        sys.exit("shim_seeds.sh: no resumed flight")
    return relay.flight

# ---- fuzz_shim's header (fuzz/fuzz_shim.c) ----

X509 = {"minimal": 0, "ecdsa": 1, "rsa": 2, "big": 3, "muststaple": 4}

HASHES = {"standard": 0, "tls12": 1, "foreign": 2}

def header(x509, sslio=False, resume=False, chain=None, pad=None,
           alpn=False, chunking=0, recv_first=False, write_budget=None,
           hashes="standard", misuse_step=None, staple_cap=32768, c=0,
           seed=0):
    b0 = (X509[x509] | sslio << 3 | resume << 4 | (chain is not None) << 5 |
          (pad is not None) << 6 | alpn << 7)
    b1 = (chunking | recv_first << 2 | (write_budget is not None) << 3 |
          HASHES[hashes] << 4 | (misuse_step is not None) << 6)
    if write_budget is not None:
        seed = write_budget // 4
    if misuse_step is not None:
        seed = misuse_step
    return bytes([b0, b1, (staple_cap - 1) >> 8 & 0x7f,
                  (staple_cap - 1) & 0xff, (chain or 0) >> 8,
                  (chain or 0) & 0xff, (pad or 0) >> 8, (pad or 0) & 0xff,
                  c, seed])

def save(name, head, flight):
    with open(os.path.join(out, "capture-" + name), "wb") as f:
        f.write(head + flight)

def staple_len(name):
    return os.path.getsize(fixture(name))

ECDSA = "ECDSA+SHA256:ECDSA+SHA384:RSA+SHA256"
RSA = "RSA+SHA256:RSA+SHA384:RSA+SHA1"

def served(leaf, staple=None, extra=()):
    args = ["-cert", fixture(leaf + ".pem"), "-key", fixture(leaf + ".key"),
            "-cert_chain", fixture("int.pem")]
    if staple:
        args += ["-status_file", fixture(staple)]
    return args + list(extra)

# ECDSA leaf, stapled: the plain case, every way of driving the shim
f = capture(served("leaf-ecdsa", "staple-ecdsa.der"), [],
            "ECDHE-ECDSA-AES128-GCM-SHA256", ECDSA)
save("ecdsa-staple", header("ecdsa", chain=65535), f)
save("ecdsa-staple-sslio", header("ecdsa", sslio=True, chain=65535,
                                  chunking=3, seed=7), f)
save("ecdsa-staple-minimal", header("minimal", chain=4096, chunking=1,
                                    c=99), f)
save("ecdsa-staple-bytewise", header("ecdsa", chain=65535, chunking=1), f)
save("ecdsa-staple-recv-first", header("ecdsa", recv_first=True,
                                       chunking=2, c=200, seed=3), f)
save("ecdsa-staple-exact-cap",
     header("ecdsa", staple_cap=staple_len("staple-ecdsa.der"),
            chain=100), f)
save("ecdsa-staple-cap-short",
     header("ecdsa", staple_cap=staple_len("staple-ecdsa.der") - 1), f)
save("ecdsa-staple-pad-alpn", header("ecdsa", pad=700, alpn=True,
                                     chain=0), f)
save("ecdsa-staple-sslio-write-fails",
     header("ecdsa", sslio=True, write_budget=120), f)
# the largest ClientHello padding that still leaves room for
# status_request in one record, and the smallest that does not
save("ecdsa-staple-pad-16371", header("ecdsa", pad=16371), f)
save("ecdsa-staple-pad-16372", header("ecdsa", pad=16372), f)
# an application's own SHA-256 vtable: the layout guard refuses
save("ecdsa-staple-foreign-hash", header("ecdsa", hashes="foreign"), f)

# the same leaf, no staple: the ServerHello does not acknowledge
f = capture(served("leaf-ecdsa"), [], "ECDHE-ECDSA-AES256-GCM-SHA384",
            ECDSA, groups="X25519:P-256")
save("ecdsa-no-staple", header("ecdsa", chain=65535, chunking=2, c=31), f)

f = capture(served("leaf-ecdsa", "staple-revoked.der"), [],
            "ECDHE-ECDSA-CHACHA20-POLY1305", ECDSA)
save("ecdsa-revoked", header("ecdsa", sslio=True, chain=65535), f)

# RSA leaf: RSA key exchange has no ServerKeyExchange, so the engine
# takes ServerHelloDone and the shim hands over the transcript
f = capture(served("leaf-rsa", "staple-rsa.der"), [], "AES128-GCM-SHA256",
            RSA)
save("rsa-kx-staple", header("rsa", chain=65535), f)
save("rsa-kx-staple-sslio", header("rsa", sslio=True, chain=65535,
                                   chunking=2, c=64, seed=9), f)
save("rsa-kx-staple-tls12-hashes", header("rsa", hashes="tls12",
                                          chain=65535), f)
# an ack past the buffer at step 6, while the flight is being read
save("rsa-kx-staple-misuse", header("rsa", misuse_step=6), f)
f = capture(served("leaf-rsa"), [], "AES256-SHA256", RSA)
save("rsa-kx-no-staple", header("rsa", chunking=3, seed=1), f)
f = capture(served("leaf-rsa", "staple-rsa.der"), [],
            "ECDHE-RSA-AES128-GCM-SHA256", RSA)
save("ecdhe-rsa-staple", header("rsa", chain=2000), f)

# a CertificateRequest (-verify 1) after the staple
f = capture(served("leaf-ecdsa", "staple-ecdsa.der", ["-verify", "1"]), [],
            "ECDHE-ECDSA-AES128-SHA256", ECDSA)
save("ecdsa-certificate-request", header("ecdsa", chain=65535), f)
f = capture(served("leaf-rsa", "staple-rsa.der", ["-verify", "1"]), [],
            "AES128-SHA", RSA)
save("rsa-kx-certificate-request", header("rsa", sslio=True), f)

# over 16 KiB: the certificate (several records), and the staple
f = capture(served("leaf-big", "staple-big.der"), [],
            "ECDHE-ECDSA-AES128-GCM-SHA256", ECDSA)
save("big-cert-big-staple", header("big", chain=65535), f)
save("big-cert-big-staple-sslio", header("big", sslio=True, chain=30000,
                                         chunking=3, seed=5), f)
f = capture(served("leaf-big", "staple-big-small.der"), [],
            "ECDHE-ECDSA-AES256-GCM-SHA384", ECDSA)
save("big-cert", header("big", chain=65535, chunking=2, c=255), f)

f = capture(served("leaf-muststaple", "staple-muststaple.der"), [],
            "ECDHE-ECDSA-AES128-GCM-SHA256", ECDSA)
save("muststaple", header("muststaple", chain=65535), f)

# a resumed session: ServerHello, ChangeCipherSpec, Finished
f = capture_resumed(served("leaf-ecdsa", "staple-ecdsa.der"),
                    "ECDHE-ECDSA-AES128-GCM-SHA256", ECDSA)
save("resumed", header("ecdsa", resume=True), f)
save("resumed-not-offered", header("ecdsa"), f)
EOF

n=$(find "$out" -name 'capture-*' -type f | wc -l | tr -d ' ')
echo "shim_seeds.sh: $n seeds in $out"
