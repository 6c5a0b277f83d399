package dev.lamo.policies.lm;

import dev.lamo.envs.data.Sha256;
import dev.lamo.policies.tokenizer.BpeTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Plain-text files (or a folder of {@code *.txt}) as one corpus, with the provenance recorded beside models. */
public final class TextCorpus {

    private final List<Path> files;
    private final List<String> texts;

    private TextCorpus(List<Path> files, List<String> texts) {
        this.files = files;
        this.texts = texts;
    }

    public static TextCorpus load(Path path) {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(path)) {
                s.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException(path + ": no .txt files in the corpus folder");
            }
        } else if (Files.isRegularFile(path)) {
            files.add(path);
        } else {
            throw new IllegalArgumentException(path + ": corpus not found (run scripts/fetch-corpus.sh)");
        }
        List<String> texts = new ArrayList<>();
        for (Path f : files) {
            try {
                texts.add(Files.readString(f, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
            }
        }
        return new TextCorpus(files, texts);
    }

    public List<Path> files() {
        return files;
    }

    /** File names with their sha256. */
    public Map<String, String> provenance() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Path f : files) {
            m.put(f.getFileName().toString(), Sha256.of(f));
        }
        return m;
    }

    public long characters() {
        return texts.stream().mapToLong(String::length).sum();
    }

    /** An even sample of about {@code maxChars} characters across files, for training a tokenizer quickly. */
    public String sample(int maxChars) {
        StringBuilder sb = new StringBuilder();
        long total = characters();
        for (String t : texts) {
            int take = (int) Math.min(t.length(), Math.max(1, (long) maxChars * t.length() / Math.max(1, total)));
            sb.append(t, 0, take).append('\n');
        }
        return sb.toString();
    }

    /** All files as token ids, each file followed by the end-of-text token. */
    public int[] tokenize(BpeTokenizer tokenizer) {
        List<int[]> parts = new ArrayList<>();
        int n = 0;
        for (String t : texts) {
            int[] ids = tokenizer.encode(t);
            parts.add(ids);
            n += ids.length + (tokenizer.endOfText() >= 0 ? 1 : 0);
        }
        int[] out = new int[n];
        int pos = 0;
        for (int[] ids : parts) {
            System.arraycopy(ids, 0, out, pos, ids.length);
            pos += ids.length;
            if (tokenizer.endOfText() >= 0) {
                out[pos++] = tokenizer.endOfText();
            }
        }
        return out;
    }
}
