#!/usr/bin/env bash
# Remakes the default language model shipped in models/default-lm: `lamo lm pretrain` on the fetched corpus with the
# embedded default settings and seed 0 (torch on one thread, so the file is the same on any x86-64 machine), then
# its bits per byte on English outside the corpus (Debian's GPL-3 text), and MANIFEST.json: the exact command, the
# corpus hashes, every file's sha256, bits per byte and perplexity. Takes about 20 minutes on one core.
#
# usage: scripts/make-default-lm.sh [--adopt LM_DIR] [OUT]   (default OUT: models/default-lm, replaced only at the end)
#   --adopt  skip the pre-training and take LM_DIR, made earlier by the same command (its settings must be the defaults)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lamo="$root/scripts/lamo"
adopt=""
if [ "${1:-}" = --adopt ]; then adopt=${2:?--adopt needs a folder}; shift 2; fi
out=${1:-$root/models/default-lm}
outside=/usr/share/common-licenses/GPL-3
[ -f "$outside" ] || { echo "make-default-lm: $outside (Debian's base-files) is missing" >&2; exit 2; }
"$root/scripts/fetch-corpus.sh" >/dev/null
work=$(mktemp -d "$(dirname "$out")/.default-lm.XXXXXX")
trap 'rm -rf "$work"' EXIT
if [ -n "$adopt" ]; then
  cp -r "$adopt" "$work/lm" && rm -f "$work/lm/MANIFEST.json"
else
  (cd "$root" && "$lamo" lm pretrain --corpus .corpus --out "$work/lm" --seed 0)
fi
"$lamo" lm eval --lm "$work/lm" --text "$outside" --json > "$work/outside.json"
/usr/bin/python3 - "$work" "$outside" <<'PY'
import hashlib, json, os, sys
work, outside = sys.argv[1], sys.argv[2]
lm = os.path.join(work, "lm")
pre = json.load(open(os.path.join(lm, "pretraining.json")))
ev = json.load(open(os.path.join(work, "outside.json")))
def sha(p):
    h = hashlib.sha256()
    with open(p, "rb") as f:
        for b in iter(lambda: f.read(1 << 20), b""):
            h.update(b)
    return h.hexdigest()
manifest = {
    "schema": "lamo.default_lm_manifest",
    "schema_version": 1,
    "command": "scripts/lamo lm pretrain --corpus .corpus --out models/default-lm --seed 0",
    "remake": "scripts/make-default-lm.sh",
    "seed": pre["settings"]["seed"],
    "settings": pre["settings"],
    "corpus": pre["corpus"],
    "tokens_seen": pre["tokens_seen"],
    "validation": {"bits_per_byte": pre["validation_bits_per_byte"], "perplexity": pre["validation_perplexity"],
                   "what": "the last 2 % of the corpus's tokens (the end of sotu.txt), never trained on"},
    "outside_corpus": {"text": outside, "sha256": sha(outside), "bits_per_byte": ev["bits_per_byte"],
                       "perplexity": ev["perplexity"], "gzip_bits_per_byte": ev["gzip_bits_per_byte"]},
    "pretraining_seconds": round(pre["seconds"]),
    "files": {name: sha(os.path.join(lm, name)) for name in sorted(os.listdir(lm))},
}
tmp = os.path.join(lm, ".MANIFEST.json.tmp")
with open(tmp, "w") as f:
    json.dump(manifest, f, indent=2)
    f.write("\n")
os.replace(tmp, os.path.join(lm, "MANIFEST.json"))
PY
rm -rf "$out.old"; [ -d "$out" ] && mv "$out" "$out.old"
mv "$work/lm" "$out" && rm -rf "$out.old"
echo "make-default-lm: $out ($(du -sh "$out" | cut -f1))"
