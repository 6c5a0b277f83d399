package dev.lamo.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamo.envs.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** lamo train for each offline baseline with evaluation during training by the harness, at a tiny scale. */
class OfflineBaselineCommandsTest {

    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void data() {
        data = dir.resolve("hopper.hdf5");
        CliRunner r = CliRunner.run("data", "generate", "--env", "hopper", "--behavior", "random", "--transitions", "2000",
                "--seed", "4", "--out", data.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bc", "td3bc", "iql", "cql"})
    void trainsAndIsEvaluatedByTheHarness(String algorithm) throws Exception {
        Path run = dir.resolve(algorithm);
        CliRunner r = CliRunner.run("train", "--algo", algorithm, "--env", "hopper", "--data", data.toString(), "--ratio", "0.5",
                "--steps", "40", "--set", "batch_size=16", "--set", "actor_hidden=[16,16]",
                "--set", algorithm.equals("bc") ? "lr=1e-3" : "critic_hidden=[16,16]", "--eval-every", "20",
                "--eval-episodes", "2", "--out", run.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode summary = Json.mapper().readTree(run.resolve("eval/summary.json").toFile());
        assertEquals(algorithm, summary.at("/run/algorithm").asText());
        JsonNode results = summary.get("results");
        assertEquals(2, results.size(), "checkpoints 20 and 40, no return target");
        assertTrue(results.get(0).get("target").isNull());
        assertEquals(2, results.get(1).get("episodes").asInt());
        assertEquals(0, results.get(1).get("failures").asInt());
        assertTrue(results.get(1).get("length_mean").asDouble() >= 1);
    }
}
