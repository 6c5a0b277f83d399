package dev.lamo.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamo.envs.Json;
import dev.lamo.policies.lm.LmManifest;
import dev.lamo.policies.lm.LmPretrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default language model shipped in models/default-lm: intact, made by the embedded defaults, as good as stated. */
class DefaultLanguageModelTest {

    /** The checkout: tests run in the module folder. */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path MODEL = ROOT.resolve(LamoPaths.DEFAULT_LM);

    @TempDir
    Path dir;

    @Test
    void everyFileMatchesItsManifestHash() {
        LmManifest manifest = LmManifest.read(MODEL);
        assertEquals(List.of(), manifest.mismatches(MODEL));
        assertTrue(manifest.files().keySet().containsAll(List.of("config.json", "model.safetensors", "vocab.json", "merges.txt",
                "pretraining.json")), manifest.files().keySet().toString());
    }

    @Test
    void theEmbeddedDefaultSettingsAreTheOnesThatMadeIt() {
        LmPretrainConfig d = LmPretrainConfig.defaults();
        Map<String, Object> s = LmManifest.read(MODEL).settings();
        @SuppressWarnings("unchecked")
        Map<String, Object> embedded = Json.mapper().convertValue(d, Map.class);
        assertEquals(numbers(embedded), numbers(s),
                "change LmPretrainConfig.defaults() and remake with scripts/make-default-lm.sh together");
        assertTrue(LmManifest.read(MODEL).command().contains("--seed " + d.seed()));
    }

    /** Settings with every number as a double, so that 600 and 600L compare equal. */
    private static Map<String, Object> numbers(Map<String, Object> settings) {
        Map<String, Object> out = new java.util.TreeMap<>();
        settings.forEach((k, v) -> out.put(k, v instanceof Number n ? (Object) n.doubleValue() : v));
        return out;
    }

    @Test
    void itScoresWhatItsManifestSaysOnEnglishOutsideTheCorpus() throws Exception {
        LmManifest.OutsideScore outside = LmManifest.read(MODEL).outsideCorpus();
        Path text = Path.of(outside.text());
        Assumptions.assumeTrue(Files.isRegularFile(text), text + " (Debian's base-files) is not on this machine");
        CliRunner r = CliRunner.run("lm", "eval", "--lm", MODEL.toString(), "--text", text.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode eval = Json.mapper().readTree(r.out());
        assertEquals(outside.bitsPerByte(), eval.get("bits_per_byte").asDouble(), 1e-9);
        assertTrue(outside.bitsPerByte() < outside.gzipBitsPerByte(), "the default LM must beat gzip -9");
    }

    @Test
    void aCorruptedCopyIsRefusedNamingTheFile() throws Exception {
        Path copy = dir.resolve("lm");
        Files.createDirectories(copy);
        for (String f : LmManifest.read(MODEL).files().keySet()) {
            Files.copy(MODEL.resolve(f), copy.resolve(f));
        }
        Files.copy(MODEL.resolve(LmManifest.FILE), copy.resolve(LmManifest.FILE));
        assertTrue(DefaultLanguageModel.describe(copy).contains("bits per byte on the held-out corpus"));
        byte[] weights = Files.readAllBytes(copy.resolve("model.safetensors"));
        weights[weights.length - 1] ^= 1;
        Files.write(copy.resolve("model.safetensors"), weights);
        BadInputException e = assertThrows(BadInputException.class, () -> DefaultLanguageModel.describe(copy));
        assertTrue(e.getMessage().startsWith(copy.resolve(LmManifest.FILE) + ": model.safetensors: sha256 "), e.getMessage());
    }
}
