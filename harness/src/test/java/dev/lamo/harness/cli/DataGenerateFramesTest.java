package dev.lamo.harness.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamo.envs.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lamo data generate / info / sample} on an arcade game: frame datasets. */
class DataGenerateFramesTest {

    @TempDir
    static Path dir;
    private static Path breakout;

    @BeforeAll
    static void generate() {
        breakout = dir.resolve("breakout.hdf5");
        CliRunner r = CliRunner.run("data", "generate", "--env", "breakout", "--behavior", "scripted", "--transitions", "1500",
                "--seed", "0", "--threads", "2", "--out", breakout.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("breakout-scripted-1500tr-s0: "), r.out());
        assertTrue(r.out().contains("1500 transitions (scripted, ε 0.10)"), r.out());
    }

    private static JsonNode info(Path file) throws Exception {
        CliRunner r = CliRunner.run("data", "info", file.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        return Json.mapper().readTree(r.out());
    }

    @Test
    void infoSummarisesTheFrameDataset() throws Exception {
        JsonNode i = info(breakout);
        assertEquals(1500, i.get("transitions").asInt());
        assertEquals("breakout", i.get("env_id").asText());
        assertEquals(4, i.get("frame_stack").asInt());
        assertEquals(84, i.get("frame_shape").get(0).asInt());
        assertEquals(4, i.get("action_count").asInt());
        assertEquals(0.1, i.get("behavior_details").get("epsilon").asDouble());
        long actions = 0;
        for (JsonNode count : i.get("action_histogram")) {
            actions += count.asLong();
        }
        assertEquals(1500, actions);
        assertTrue(i.get("action_histogram").has("1 FIRE"), i.get("action_histogram").toString());
        assertEquals(1, i.get("episodes_truncated").asInt(), "the episode cut at 1500 transitions");
        assertEquals(4, i.get("ale_protocol").get("frame_skip").asInt());
        assertTrue(i.has("return_quantiles"));
        CliRunner text = CliRunner.run("data", "info", breakout.toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("action_histogram"), text.out());
    }

    @Test
    void sampleDrawsWholeEpisodesByLength() throws Exception {
        Path a = dir.resolve("a.hdf5");
        Path b = dir.resolve("b.hdf5");
        CliRunner r = CliRunner.run("data", "sample", "--ratio", "0.5", "--seed", "0", breakout.toString(), a.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("drawn by length"), r.out());
        assertEquals(0, CliRunner.run("data", "sample", "--ratio", "0.5", "--seed", "0", breakout.toString(), b.toString()).exitCode());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        JsonNode i = info(a);
        JsonNode parent = info(breakout);
        assertTrue(parent.get("episodes").asInt() >= 2, parent.toString());
        assertEquals(Math.max(1, parent.get("episodes").asInt() / 2), i.get("episodes").asInt());
        assertEquals("breakout-scripted-1500tr-s0@0.5Ls0", i.get("dataset_id").asText());
        assertEquals("breakout-scripted-1500tr-s0", i.get("sampled_from").asText());
        assertTrue(i.get("transitions").asInt() < 1500);
    }

    @Test
    void badArcadeFlagsFailWithOneLineAndExitCode2() {
        Path out = dir.resolve("bad.hdf5");
        CliRunner checkpoint = CliRunner.run("data", "generate", "--env", "pong", "--behavior", "runs/x", "--episodes", "1",
                "--seed", "0", "--out", out.toString());
        assertEquals(2, checkpoint.exitCode());
        assertTrue(checkpoint.err().contains("--behavior for arcade game pong: expected random or scripted, got runs/x"),
                checkpoint.err());
        CliRunner eps = CliRunner.run("data", "generate", "--env", "pong", "--behavior", "scripted", "--noise", "1.5",
                "--episodes", "1", "--seed", "0", "--out", out.toString());
        assertEquals(2, eps.exitCode());
        assertTrue(eps.err().contains("must be in [0, 1]"), eps.err());
        CliRunner randomNoise = CliRunner.run("data", "generate", "--env", "qbert", "--behavior", "random", "--noise", "0.2",
                "--episodes", "1", "--seed", "0", "--out", out.toString());
        assertEquals(2, randomNoise.exitCode());
        assertTrue(randomNoise.err().contains("--noise is the scripted expert's ε"), randomNoise.err());
        assertFalse(Files.exists(out));
    }
}
