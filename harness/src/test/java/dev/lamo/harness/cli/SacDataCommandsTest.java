package dev.lamo.harness.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamo.envs.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SAC runs as behaviours: checkpoint rollouts, the replay buffer as a dataset, merging. Tiny scale. */
class SacDataCommandsTest {

    @TempDir
    static Path dir;
    private static Path run;

    @BeforeAll
    static void trainTinySac() {
        run = dir.resolve("sac");
        CliRunner r = CliRunner.run("train", "--algo", "sac", "--env", "hopper", "--steps", "300", "--seed", "1",
                "--set", "hidden_sizes=[32,32]", "--set", "batch_size=32", "--set", "learning_starts=100",
                "--set", "eval_every=150", "--set", "eval_episodes=2", "--set", "checkpoint_every=150",
                "--out", run.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    private static JsonNode info(Path f) throws Exception {
        CliRunner r = CliRunner.run("data", "info", f.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        return Json.mapper().readTree(r.out());
    }

    @Test
    void checkpointRolloutsAreIdenticalForAnyThreadCount() throws Exception {
        for (String mode : new String[] {"", "--stochastic"}) {
            Path a = dir.resolve("a" + mode + ".hdf5");
            Path b = dir.resolve("b" + mode + ".hdf5");
            String[] common = {"data", "generate", "--env", "hopper", "--behavior", run.resolve("checkpoints/step_150").toString(),
                    "--episodes", "4", "--seed", "5"};
            assertEquals(0, run(common, mode, "--threads", "1", "--out", a.toString()).exitCode());
            assertEquals(0, run(common, mode, "--threads", "2", "--out", b.toString()).exitCode());
            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "mode " + mode);
            JsonNode i = info(a);
            assertEquals(4, i.get("episodes").asInt());
            assertEquals(150, i.get("behavior_details").get("checkpoint_step").asInt());
            assertEquals(mode.isEmpty() ? "deterministic" : "stochastic (sampled)", i.get("behavior_details").get("actions").asText());
        }
    }

    private static CliRunner run(String[] common, String mode, String... rest) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(common));
        if (!mode.isEmpty()) {
            args.add(mode);
        }
        args.addAll(java.util.List.of(rest));
        return CliRunner.run(args.toArray(new String[0]));
    }

    @Test
    void replayBufferBecomesADatasetUpToAStep() throws Exception {
        Path all = dir.resolve("replay-all.hdf5");
        Path part = dir.resolve("replay-150.hdf5");
        assertEquals(0, CliRunner.run("data", "from-replay", run.toString(), "--out", all.toString()).exitCode());
        assertEquals(0, CliRunner.run("data", "from-replay", run.toString(), "--until-step", "150", "--out",
                part.toString()).exitCode());
        JsonNode ia = info(all);
        JsonNode ip = info(part);
        assertTrue(ia.get("transitions").asInt() <= 300);
        assertTrue(ip.get("transitions").asInt() <= 150);
        assertTrue(ip.get("transitions").asInt() > 50, "random hopper episodes are short; most of 150 steps are complete");
        assertEquals(ia.get("transitions").asInt() + ia.get("dropped_trailing_steps").asInt(), 300);
        assertEquals("hopper", ia.get("env_id").asText());
        // merge two datasets: episodes add up
        Path merged = dir.resolve("merged.hdf5");
        assertEquals(0, CliRunner.run("data", "merge", all.toString(), part.toString(), "--out", merged.toString()).exitCode());
        assertEquals(ia.get("episodes").asInt() + ip.get("episodes").asInt(), info(merged).get("episodes").asInt());
    }

    @Test
    void checkpointsAreListedWithTheirEvaluations() throws Exception {
        CliRunner r = CliRunner.run("run", "checkpoints", run.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode rows = Json.mapper().readTree(r.out());
        assertEquals(2, rows.size());
        assertEquals(150, rows.get(0).get("step").asInt());
        assertTrue(rows.get(1).has("return_mean"));
        CliRunner pick = CliRunner.run("run", "checkpoints", run.toString(), "--closest-to-fraction", "1.0");
        long best = rows.get(0).get("return_mean").asDouble() > rows.get(1).get("return_mean").asDouble() ? 150 : 300;
        assertEquals(String.valueOf(best), pick.out().strip());
    }

    @Test
    void badBehaviourOrRunGivesOneLine() {
        CliRunner r = CliRunner.run("data", "generate", "--env", "hopper", "--behavior", dir.resolve("nothing").toString(),
                "--episodes", "1", "--seed", "0", "--out", dir.resolve("x.hdf5").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("expected random, scripted, or an existing run directory or checkpoint"), r.err());
        CliRunner wrongEnv = CliRunner.run("data", "generate", "--env", "walker2d", "--behavior", run.toString(),
                "--episodes", "1", "--seed", "0", "--out", dir.resolve("y.hdf5").toString());
        assertEquals(2, wrongEnv.exitCode());
        assertTrue(wrongEnv.err().contains("was trained in hopper, not walker2d"), wrongEnv.err());
    }
}
