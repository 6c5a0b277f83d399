package dev.lamo.harness.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamo.envs.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandsTest {

    private static final Path FIXTURES = Path.of("../envs/src/test/resources/fixtures");

    @TempDir
    static Path dir;
    private static Path reacher;

    @BeforeAll
    static void generate() {
        reacher = dir.resolve("reacher.hdf5");
        CliRunner r = CliRunner.run("data", "generate", "--env", "reacher2d", "--behavior", "scripted", "--episodes", "100",
                "--seed", "0", "--out", reacher.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    private static JsonNode info(Path file) throws Exception {
        CliRunner r = CliRunner.run("data", "info", file.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        return Json.mapper().readTree(r.out());
    }

    @Test
    void infoReportsAHundredEpisodesOfAHundredStepsAndTheBehaviourScore() throws Exception {
        JsonNode i = info(reacher);
        assertEquals(100, i.get("episodes").asInt());
        assertEquals(10000, i.get("transitions").asInt());
        assertEquals(100, i.get("length_min").asInt());
        assertEquals(100, i.get("length_max").asInt());
        assertEquals(12, i.get("obs_dim").asInt());
        assertEquals(2, i.get("act_dim").asInt());
        assertEquals("reacher2d-scripted-100ep-s0", i.get("dataset_id").asText());
        assertEquals(i.get("return_mean").asDouble(), i.get("behavior_score").asDouble(), 1e-3,
                "reacher2d's score is its return (float32 rewards in the file)");
        assertTrue(i.get("return_min").asDouble() <= i.get("return_mean").asDouble());
        assertTrue(i.get("return_max").asDouble() >= i.get("return_mean").asDouble());
        assertEquals(64, i.get("sha256").asText().length());
    }

    @Test
    void sampleIsReproducibleAndSeedDependent() throws Exception {
        Path a = dir.resolve("a.hdf5");
        Path b = dir.resolve("b.hdf5");
        Path c = dir.resolve("c.hdf5");
        assertEquals(0, CliRunner.run("data", "sample", "--ratio", "0.1", "--seed", "1", reacher.toString(), a.toString()).exitCode());
        assertEquals(0, CliRunner.run("data", "sample", "--ratio", "0.1", "--seed", "1", reacher.toString(), b.toString()).exitCode());
        assertEquals(0, CliRunner.run("data", "sample", "--ratio", "0.1", "--seed", "2", reacher.toString(), c.toString()).exitCode());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        JsonNode ia = info(a);
        JsonNode ic = info(c);
        assertEquals(10, ia.get("episodes").asInt());
        assertEquals(0.1, ia.get("sample_ratio").asDouble());
        assertEquals("reacher2d-scripted-100ep-s0", ia.get("sampled_from").asText());
        assertNotEquals(ia.get("return_mean").asDouble(), ic.get("return_mean").asDouble());
    }

    @Test
    void checkEnvOnOurOwnDataShowsRoundingLevelDifferences() throws Exception {
        CliRunner r = CliRunner.run("data", "check-env", reacher.toString(), "--env", "reacher2d", "--samples", "500", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode report = Json.mapper().readTree(r.out());
        assertEquals(500, report.get("checked").asInt());
        assertTrue(report.get("max_next_observation_diff").asDouble() < 1e-6, r.out());
        assertTrue(report.get("max_observation_diff").asDouble() < 1e-6, r.out());
        assertEquals(0.0, report.get("max_reward_diff").asDouble());
        assertEquals(0, report.get("termination_mismatches").asInt());
    }

    @Test
    void convertsAMinariFolder() throws Exception {
        Path out = dir.resolve("minari.hdf5");
        CliRunner r = CliRunner.run("data", "convert", FIXTURES.resolve("minari_dict").toString(), out.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode i = info(out);
        assertEquals(3, i.get("episodes").asInt());
        assertEquals(39, i.get("transitions").asInt());
        assertEquals(8, i.get("obs_dim").asInt());
        assertEquals("pointmaze/dict-v0", i.get("dataset_id").asText());
    }

    @Test
    void kitchenDemonstrationKindsGiveCompleteAndMixedReturns() throws Exception {
        Path complete = dir.resolve("kitchen-complete.hdf5");
        Path mixed = dir.resolve("kitchen-mixed.hdf5");
        for (Path out : new Path[] {complete, mixed}) {
            String kind = out == complete ? "complete" : "mixed";
            CliRunner r = CliRunner.run("data", "generate", "--env", "kitchen", "--behavior", "scripted", "--demos", kind,
                    "--episodes", "3", "--seed", "4", "--out", out.toString());
            assertEquals(0, r.exitCode(), r.err());
        }
        JsonNode c = info(complete);
        assertEquals("kitchen-complete-3ep-s4", c.get("dataset_id").asText());
        assertEquals(4.0, c.get("return_min").asDouble(), "every complete demonstration does the four sub-tasks");
        assertEquals(3, c.get("episodes_terminated").asInt());
        assertEquals(3, c.get("return_counts").get("4.0").asInt(), "sparse returns are counted: " + c.get("return_counts"));
        assertEquals(4.0, c.get("return_quantiles").get("p50").asDouble());
        JsonNode m = info(mixed);
        assertTrue(m.get("return_max").asDouble() < 4, "no mixed demonstration completes every target");
        assertEquals(3 * 280, m.get("transitions").asInt(), "mixed episodes run to the step limit");
    }

    @Test
    void badInputGivesOneLineAndExitCodeTwo() throws Exception {
        assertBad("--ratio must be in (0, 1], got 1.5", "data", "sample", "--ratio", "1.5", "--seed", "0",
                reacher.toString(), dir.resolve("x.hdf5").toString());
        assertBad("observations have 12 values per step but hopper expects 11",
                "data", "check-env", reacher.toString(), "--env", "hopper");
        assertBad(dir.resolve("none.hdf5") + ": file not found", "data", "info", dir.resolve("none.hdf5").toString());
        assertBad("environment 'hopper' has no scripted behaviour", "data", "generate", "--env", "hopper", "--behavior",
                "scripted", "--episodes", "1", "--seed", "0", "--out", dir.resolve("y.hdf5").toString());
        assertBad("demonstration kinds (complete, partial, mixed) exist only for the scripted kitchen behaviour",
                "data", "generate", "--env", "reacher2d", "--behavior", "scripted", "--demos", "mixed", "--episodes", "1",
                "--seed", "0", "--out", dir.resolve("y.hdf5").toString());
        assertBad("unknown kitchen demonstrations 'some'", "data", "generate", "--env", "kitchen", "--behavior", "scripted",
                "--demos", "some", "--episodes", "1", "--seed", "0", "--out", dir.resolve("y.hdf5").toString());
        assertBad("--episodes or --transitions must be positive", "data", "generate", "--env", "reacher2d", "--behavior",
                "random", "--episodes", "0", "--seed", "0", "--out", dir.resolve("z.hdf5").toString());
        Path text = dir.resolve("text.hdf5");
        Files.writeString(text, "not hdf5");
        assertBad("not a readable HDF5 file", "data", "info", text.toString());
        assertFalse(Files.exists(dir.resolve("x.hdf5")), "nothing written on bad input");
    }

    private static void assertBad(String fragment, String... args) {
        CliRunner r = CliRunner.run(args);
        assertEquals(2, r.exitCode(), r.err() + r.out());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(fragment), r.err());
    }
}
