package dev.lamo.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lamo.policies.lm.LmManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remakes the shipped default language model with its manifest's command (about 20 minutes on one core) and checks
 * that every file is bit-identical except {@code pretraining.json}, which records the wall time; torch runs on one
 * thread (lamo.threads=1), so the result does not depend on the machine's core count.
 */
@Tag("slow")
class DefaultLanguageModelRemakeTest {

    @TempDir
    Path dir;

    @Test
    void theManifestsCommandRemakesTheSameWeights() throws Exception {
        Path corpus = DefaultLanguageModelTest.ROOT.resolve(".corpus");
        Assumptions.assumeTrue(Files.isRegularFile(corpus.resolve("MANIFEST")), "no corpus: scripts/fetch-corpus.sh makes it");
        Path out = dir.resolve("lm");
        CliRunner r = CliRunner.run("lm", "pretrain", "--corpus", corpus.toString(), "--out", out.toString(), "--seed", "0");
        assertEquals(0, r.exitCode(), r.err());
        LmManifest manifest = LmManifest.read(DefaultLanguageModelTest.MODEL);
        Map<String, String> expected = new TreeMap<>(manifest.files());
        expected.remove("pretraining.json");
        Map<String, String> remade = new TreeMap<>();
        for (String f : expected.keySet()) {
            remade.put(f, LmManifest.sha256(out.resolve(f)));
        }
        assertEquals(expected, remade);
    }
}
