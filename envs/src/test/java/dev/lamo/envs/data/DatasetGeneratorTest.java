package dev.lamo.envs.data;

import static org.junit.jupiter.api.Assertions.*;

import dev.lamo.envs.PhysicsEnv;
import dev.lamo.envs.behavior.Behaviors;
import dev.lamo.envs.behavior.RandomBehavior;
import dev.lamo.envs.locomotion.Hopper;
import dev.lamo.envs.reacher.Reacher2d;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetGeneratorTest {

    private static TrajectoryDataset reacher(int threads, int episodes) {
        return DatasetGenerator.generate(new GenerationPlan<>("reacher2d", Behaviors.builtIn("scripted", "reacher2d", null),
                episodes, 0, 11, null, threads), n -> { });
    }

    @Test
    void outputIsByteIdenticalForAnyThreadCount(@TempDir Path dir) throws Exception {
        DatasetWriter.write(reacher(1, 12), dir.resolve("one.hdf5"));
        DatasetWriter.write(reacher(2, 12), dir.resolve("two.hdf5"));
        DatasetWriter.write(reacher(3, 12), dir.resolve("three.hdf5"));
        byte[] one = Files.readAllBytes(dir.resolve("one.hdf5"));
        assertArrayEquals(one, Files.readAllBytes(dir.resolve("two.hdf5")));
        assertArrayEquals(one, Files.readAllBytes(dir.resolve("three.hdf5")));
    }

    @Test
    void reacherEpisodesRunTheirHundredStepsAndRecordTheBehaviourScore() {
        TrajectoryDataset d = reacher(2, 20);
        assertEquals(20, d.episodes());
        assertEquals(2000, d.size());
        for (int e = 0; e < 20; e++) {
            assertEquals(100, d.episodeLength(e));
            assertFalse(d.episodeTerminated(e));
        }
        DatasetMetadata m = d.metadata();
        assertEquals("reacher2d-scripted-20ep-s11", m.datasetId());
        assertEquals("scripted", m.behavior());
        assertEquals(11L, m.generationSeed());
        double mean = 0;
        for (double r : d.episodeReturns()) {
            mean += r / 20;
        }
        assertEquals(mean, m.behaviorScore(), 1e-9, "reacher2d's normalised score is its return");
        assertTrue(mean > 20 && mean < 65, "medium-quality scripted data: " + mean);
        assertEquals(3, d.infos().get("mocap_pos").cols());
    }

    @Test
    void aTransitionBudgetCutsTheLastEpisodeAsATimeout() {
        TrajectoryDataset d = DatasetGenerator.generate(new GenerationPlan<>("hopper", new RandomBehavior(), 0, 500, 3,
                "hopper-random-test", 2), n -> { });
        assertEquals(500, d.size());
        int last = d.episodes() - 1;
        assertFalse(d.episodeTerminated(last), "the cut episode ends in a timeout");
        assertTrue(d.truncated(499));
        for (int e = 0; e < last; e++) {
            assertTrue(d.episodeTerminated(e), "random hopper episodes fall over");
        }
        assertEquals("hopper-random-test", d.metadata().datasetId());
        assertTrue(d.metadata().behaviorScore() < 10);
    }

    @Test
    void generatedDataReplayAtRoundingLevelInOurEnvironments() {
        TrajectoryDataset r = reacher(2, 5);
        try (Reacher2d env = new Reacher2d()) {
            EnvCheck.Report report = EnvCheck.check(r, env, 200, 1);
            assertEquals(200, report.checked());
            assertEquals(0, report.terminationMismatches());
            assertTrue(report.maxObservationDiff() < 1e-6, "float32 rounding only: " + report);
            assertTrue(report.maxNextObservationDiff() < 1e-6, report.toString());
            assertEquals(0.0, report.maxRewardDiff());
        }
        TrajectoryDataset h = DatasetGenerator.generate(new GenerationPlan<>("hopper", new RandomBehavior(), 10, 0, 5,
                null, 2), n -> { });
        try (PhysicsEnv env = new Hopper()) {
            EnvCheck.Report report = EnvCheck.check(h, env, 10_000, 1);
            assertEquals(h.size(), report.checked());
            assertEquals(0, report.terminationMismatches());
            assertTrue(report.maxNextObservationDiff() < 1e-5, report.toString());
            assertTrue(report.maxRewardDiff() < 1e-5, report.toString());
        }
    }

    @Test
    void checkingAgainstTheWrongEnvironmentNamesBothSizes() {
        TrajectoryDataset r = reacher(1, 1);
        try (PhysicsEnv env = new Hopper()) {
            DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> EnvCheck.check(r, env, 10, 0));
            assertEquals("reacher2d-scripted-1ep-s11: observations have 12 values per step but hopper expects 11", e.getMessage());
        }
    }
}
