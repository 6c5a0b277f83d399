package dev.lamo.results.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamo.envs.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config.json schema 2 round trips; version-1 files (an untyped extra map) read into the same typed record. */
class RunConfigTest {

    @TempDir
    Path dir;

    private static final String V1_HEAD = "{\"schema\":\"lamo.run_config\",\"schema_version\":1,\"env_id\":\"hopper\","
            + "\"env_version\":\"v2\",\"seed\":3,\"steps\":40,\"hyperparameters\":{\"lr\":0.001},\"created_by\":\"lamo 0.1.0\","
            + "\"simulator\":\"MuJoCo 2.2.2\",\"clip_actions\":true,";

    private Path write(String json) throws Exception {
        Path f = dir.resolve("config.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void versionTwoRoundTripsWithTypedFacts() {
        RunFacts facts = RunFacts.of(RunFacts.Observation.vector(2))
                .withStateNormalization(new RunFacts.StateNormalization(new float[] {1, 2}, new float[] {3, 4}))
                .withSequence(20, 1000, 1000.0).withArchitecture(Map.of("state_size", 2));
        RunConfig rc = RunConfig.of("lamo", "lamo-nopt", "hopper", "v2", null, 1, 10, Map.of("lr", 0.1), facts, "MuJoCo", true);
        Path f = dir.resolve("config.json");
        rc.write(f);
        RunConfig back = RunConfig.read(f);
        assertEquals(2, back.schemaVersion());
        assertEquals("lamo-nopt", back.variant());
        assertEquals(facts.stateNormalization(), back.facts().stateNormalization());
        assertEquals(20, back.facts().contextLength());
        assertEquals(1000.0, back.facts().returnScale());
        assertNull(back.facts().rewardScale());
        assertEquals(2, back.facts().observation().size());
    }

    @Test
    void versionOneDecisionTransformerOnVectorsReadsItsExtraAsFacts() throws Exception {
        Path f = write(V1_HEAD + "\"algorithm\":\"dt\",\"extra\":{\"architecture\":{\"state_size\":11,\"action_size\":3},"
                + "\"state_mean\":[0.5,1.5],\"state_std\":[2.0,3.0],\"dataset_return_mean\":7.5,\"context_length\":20,"
                + "\"max_episode_length\":1000,\"return_scale\":1000.0,\"validation_episodes\":0,"
                + "\"lm\":{\"directory\":\"/lm\",\"model_sha256\":\"ab\",\"pretraining\":{\"steps\":600}}}}");
        RunConfig rc = RunConfig.read(f);
        assertEquals(1, rc.schemaVersion());
        assertEquals("dt", rc.variant(), "a version-1 run's variant is its algorithm");
        assertFalse(rc.facts().observation().isFrames());
        assertEquals(2, rc.facts().observation().size());
        assertArrayEquals(new float[] {0.5f, 1.5f}, rc.facts().stateNormalization().mean());
        assertEquals(1000, rc.facts().maxEpisodeLength());
        assertEquals(7.5, rc.facts().datasetReturnMean());
        assertEquals(11, ((Number) rc.facts().architecture().get("state_size")).intValue());
        assertEquals("ab", rc.facts().languageModel().modelSha256());
        assertEquals(600, rc.facts().languageModel().pretraining().get("steps").asInt());
    }

    @Test
    void versionOneFrameRunsOfBothKindsReadTheirObservation() throws Exception {
        RunConfig baseline = RunConfig.read(write(V1_HEAD + "\"algorithm\":\"bc\",\"extra\":{\"observation\":\"frames\","
                + "\"frame_stack\":4,\"action_count\":6,\"dataset_return_mean\":1.0}}"));
        assertTrue(baseline.facts().observation().isFrames());
        assertEquals(4, baseline.facts().observation().frameStack());
        assertEquals(6, baseline.facts().observation().actionCount());
        RunConfig dt = RunConfig.read(write(V1_HEAD + "\"algorithm\":\"dt\",\"extra\":{\"observation\":\"frames\","
                + "\"architecture\":{\"state_size\":4,\"action_size\":4},\"context_length\":30}}"));
        assertEquals(4, dt.facts().observation().frameStack());
        assertEquals(4, dt.facts().observation().actionCount());
        assertEquals(30, dt.facts().contextLength());
    }

    @Test
    void aVersionOneRunKeepsWritingVersionOneWithOnlyItsStepsChanged() throws Exception {
        String original = V1_HEAD + "\"algorithm\":\"cql\",\"extra\":{\"state_mean\":[0.0],\"state_std\":[1.0],"
                + "\"reward_scale\":1.0}}";
        Path f = write(original);
        RunConfig.read(f).withSteps(80).write(f);
        JsonNode written = Json.mapper().readTree(Files.readString(f));
        JsonNode expected = Json.mapper().readTree(original);
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected).put("steps", 80);
        assertEquals(expected, written);
        assertEquals(1.0, RunConfig.read(f).facts().rewardScale());
    }

    @Test
    void badFilesFailInOneLineNamingTheFile() throws Exception {
        Path f = write(V1_HEAD + "\"algorithm\":\"dt\",\"extra\":[1,2]}");
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> RunConfig.read(f));
        assertEquals(f + ": \"extra\" must be a JSON object", e.getMessage());
        Path newer = write("{\"schema\":\"lamo.run_config\",\"schema_version\":3}");
        assertTrue(assertThrows(RecordFormatException.class, () -> RunConfig.read(newer)).getMessage()
                .contains("version 3 is newer than this lamo understands (2)"));
        RecordFormatException missing = assertThrows(RecordFormatException.class,
                () -> RunFacts.require(null, "context_length", "dt run on hopper"));
        assertEquals("dt run on hopper: config.json has no context_length", missing.getMessage());
    }
}
