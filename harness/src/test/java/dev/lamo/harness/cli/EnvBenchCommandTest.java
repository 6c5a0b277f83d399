package dev.lamo.harness.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamo.envs.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvBenchCommandTest {

    @Test
    void printsJavaAndCRatesAndTheRatioLast(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        CliRunner r = CliRunner.run("bench", "env", "--env", "hopper", "--threads", "1", "--seconds", "0.2",
                "--rounds", "1", "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err() + r.out());
        String[] lines = r.out().strip().split("\n");
        assertTrue(lines[lines.length - 1].startsWith("Java/C ratio (1 thread): "), r.out());
        JsonNode row = Json.mapper().readTree(json.toFile()).get("results").get(0);
        assertTrue(row.get("java_steps_per_second_per_thread").asDouble() > 100);
        assertTrue(row.get("c_steps_per_second_per_thread").asDouble() > 100);
        assertEquals(row.get("java_steps_per_second_per_thread").asDouble() / row.get("c_steps_per_second_per_thread").asDouble(),
                row.get("java_over_c").asDouble(), 1e-12);
    }

    @Test
    void rejectsNonsenseSettings() {
        CliRunner r = CliRunner.run("bench", "env", "--env", "hopper", "--threads", "0");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--threads values must be between 1 and 64, got 0"), r.err());
    }
}
