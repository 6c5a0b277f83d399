package dev.lamo.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamo.envs.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lamo lm pretrain and lm eval on a tiny model: bits per byte beside gzip's, and perplexity. */
class LmCommandsTest {

    @TempDir
    static Path dir;
    static Path lm;
    static Path text;

    @BeforeAll
    static void pretrain() throws Exception {
        text = dir.resolve("text.txt");
        Files.writeString(text, "Call me Ishmael. Some years ago, never mind how long, I went to sea. ".repeat(80));
        lm = dir.resolve("lm");
        CliRunner r = CliRunner.run("lm", "pretrain", "--corpus", text.toString(), "--out", lm.toString(), "--layers", "1",
                "--hidden", "16", "--heads", "2", "--context", "16", "--vocab", "300", "--steps", "3");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains(" bits per byte -> "), r.out());
    }

    @Test
    void pretrainingRecordsValidationBitsPerByte() throws Exception {
        JsonNode p = Json.mapper().readTree(lm.resolve("pretraining.json").toFile());
        double bpb = p.get("validation_bits_per_byte").asDouble();
        assertTrue(bpb > 0 && bpb < 20, "bits per byte " + bpb);
        assertTrue(p.get("validation_bytes").asLong() > 0);
    }

    @Test
    void evalReportsBitsPerByteBesideGzipAndPerplexity() throws Exception {
        CliRunner plain = CliRunner.run("lm", "eval", "--lm", lm.toString(), "--text", text.toString());
        assertEquals(0, plain.exitCode(), plain.err());
        assertTrue(plain.out().matches("(?s).*: 5520 bytes, \\d+ tokens \\(.*\\): \\d+\\.\\d{3} bits per byte \\(gzip -9: "
                + "\\d\\.\\d{3}\\), perplexity \\d+\\.\\d{3} \\(with position embeddings\\)\\n"), plain.out());
        CliRunner json = CliRunner.run("lm", "eval", "--lm", lm.toString(), "--text", text.toString(), "--json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode r = Json.mapper().readTree(json.out());
        assertEquals(5520, r.get("bytes").asLong());
        assertEquals(r.get("tokens").asLong(), r.get("evaluated").asLong(), "every token of the text is predicted");
        double loss = r.get("loss").asDouble();
        assertEquals(Math.exp(loss), r.get("perplexity").asDouble(), 1e-6 * Math.exp(loss));
        assertEquals(loss * r.get("tokens").asLong() / Math.log(2) / 5520, r.get("bits_per_byte").asDouble(), 1e-6);
        assertTrue(r.get("gzip_bits_per_byte").asDouble() < 0.5, "the repeated sentence compresses well: " + json.out());
    }

    @Test
    void aMissingTextIsOneLineAndExitCode2() {
        CliRunner r = CliRunner.run("lm", "eval", "--lm", lm.toString(), "--text", dir.resolve("none.txt").toString());
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("none.txt: file not found"), r.err());
    }
}
