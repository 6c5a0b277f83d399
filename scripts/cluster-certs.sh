#!/usr/bin/env bash
# Makes the credentials of a lamo cluster with the JDK's keytool (no other tool needed):
#   OUT/ca.p12          the cluster CA's key: keep it on one trusted machine, never on the nodes
#   OUT/trust.p12       the CA certificate only: every node's tls.trust_store
#   OUT/NAME.p12        a node's key and certificate (signed by the CA, valid for its addresses): its tls.key_store
#   OUT/cluster.secret  the membership secret (secret_file), made once; copy it to every node
# Usage: scripts/cluster-certs.sh OUT PASSWORD NAME=IP[,IP...] [NAME=IP[,IP...] ...]
# Example: scripts/cluster-certs.sh certs 'a long password' gpu=10.0.0.1 sim=10.0.0.2
# Running it again with the same OUT reuses the CA and the secret and adds (or remakes) the named nodes.
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: $0 OUT PASSWORD NAME=IP[,IP...] ..." >&2
  exit 2
fi
out=$1; pw=$2; shift 2
mkdir -p "$out"
days=825
kt() { keytool -noprompt -storetype PKCS12 -storepass "$pw" "$@"; }
if [ ! -f "$out/ca.p12" ]; then
  kt -genkeypair -alias ca -keyalg EC -groupname secp256r1 -dname "CN=lamo cluster CA" -ext bc:c -validity $days \
     -keystore "$out/ca.p12"
  rm -f "$out/trust.p12"
fi
kt -exportcert -rfc -alias ca -keystore "$out/ca.p12" -file "$out/ca.pem"
[ -f "$out/trust.p12" ] || kt -importcert -alias ca -file "$out/ca.pem" -keystore "$out/trust.p12"
for spec in "$@"; do
  name=${spec%%=*}; ips=${spec#*=}
  if [ "$name" = "$spec" ] || [ -z "$name" ] || [ -z "$ips" ]; then
    echo "$0: expected NAME=IP[,IP...], found '$spec'" >&2
    exit 2
  fi
  san=$(echo "$ips" | sed 's/\([^,]*\)/ip:\1/g')
  rm -f "$out/$name.p12"
  kt -genkeypair -alias node -keyalg EC -groupname secp256r1 -dname "CN=$name" -validity $days -keystore "$out/$name.p12"
  kt -certreq -alias node -keystore "$out/$name.p12" -file "$out/$name.csr"
  kt -gencert -rfc -alias ca -keystore "$out/ca.p12" -infile "$out/$name.csr" -outfile "$out/$name.pem" -validity $days \
     -ext "san=$san" -ext "eku=serverAuth,clientAuth" -ext "ku=digitalSignature,keyAgreement"
  kt -importcert -alias ca -file "$out/ca.pem" -keystore "$out/$name.p12"
  kt -importcert -alias node -file "$out/$name.pem" -keystore "$out/$name.p12"
  rm -f "$out/$name.csr" "$out/$name.pem"
done
if [ ! -f "$out/cluster.secret" ]; then
  (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$out/cluster.secret")
fi
echo "cluster credentials in $out: trust.p12, cluster.secret, and $(printf '%s.p12 ' "${@%%=*}")"
