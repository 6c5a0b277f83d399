package dev.lamo.policies.lm;

import dev.lamo.envs.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code MANIFEST.json} of a language model kept in the repository ({@code scripts/make-default-lm.sh} writes it): how
 * it was made (command, seed, settings, corpus hashes), how good it is (bits per byte on the held-out end of the
 * corpus and on English outside it, beside gzip), and the sha256 of every file, so that a changed or truncated
 * checkpoint is caught before anything trains on it.
 */
public record LmManifest(String command, long seed, Map<String, Object> settings, Map<String, String> corpus, long tokensSeen,
                         Score validation, OutsideScore outsideCorpus, long pretrainingSeconds, Map<String, String> files) {

    public static final String FILE = "MANIFEST.json";

    /** Bits per byte and perplexity on the corpus's held-out end. */
    public record Score(double bitsPerByte, double perplexity, String what) {
    }

    /** Bits per byte, perplexity and gzip -9's bits per byte on a text outside the corpus. */
    public record OutsideScore(String text, String sha256, double bitsPerByte, double perplexity, double gzipBitsPerByte) {
    }

    public static LmManifest read(Path modelDir) {
        Path file = modelDir.resolve(FILE);
        try {
            return Json.mapper().readValue(Files.readString(file), LmManifest.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a readable language-model manifest (" + e.getMessage() + ")");
        }
    }

    /** Files whose content differs from the manifest's hash (or that are missing), with what was found. */
    public List<String> mismatches(Path modelDir) {
        List<String> bad = new ArrayList<>();
        files.forEach((name, expected) -> {
            Path f = modelDir.resolve(name);
            String actual = Files.isRegularFile(f) ? sha256(f) : "missing";
            if (!actual.equals(expected)) {
                bad.add(name + ": sha256 " + actual + ", manifest " + expected);
            }
        });
        return bad;
    }

    /** One line for people: shape, training, quality. */
    public String describe() {
        return String.format(Locale.ROOT, "%s layers x %s hidden, %s heads, %s-token vocabulary, %,d tokens seen; "
                        + "%.2f bits per byte on the held-out corpus, %.2f on English outside it (gzip -9: %.2f)",
                settings.get("layers"), settings.get("hidden"), settings.get("heads"), settings.get("vocab"), tokensSeen,
                validation.bitsPerByte(), outsideCorpus.bitsPerByte(), outsideCorpus.gzipBitsPerByte());
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
