package dev.lamo.policies.offline;

import dev.lamo.policies.run.TrainingRequest;
import dev.lamo.policies.run.TrainingData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.envs.data.frames.FrameDataset;
import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.PolicyInfo;
import dev.lamo.policies.PolicyLoader;
import dev.lamo.policies.run.RunDirectory;
import dev.lamo.policies.run.TrainingProgress;
import dev.lamo.results.records.MetricsLog;
import dev.lamo.results.records.RunConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bc} and {@code cql} on breakout through the offline trainer: the run directory they write, an exact
 * resume, and the policy PolicyLoader gives back.
 */
class DiscreteTrainingTest {

    @TempDir
    static Path dir;
    static FrameDataset data;
    static TrainingData.Lane<FrameDataset> source;

    @BeforeAll
    static void data() {
        data = DiscreteFixtures.breakout(200, 80, 0.7, 21);
        source = DiscreteFixtures.source(data);
    }

    private static void train(String algorithm, Path run, long steps, long stopAfter, boolean resume, long seed) {
        List<String> sets = new ArrayList<>(List.of("hidden=32", "batch_size=8", "checkpoint_every=3", "log_every=2"));
        if (algorithm.equals("cql")) {
            sets.add("target_update_interval=2"); // a target refresh on each side of the interruption
        }
        OfflineTrainer.train(new TrainingRequest(algorithm, null, "breakout", Path.of("memory.hdf5"), null, null, null, null,
                steps, seed, run, resume, sets, stopAfter), List.of(), TrainingProgress.NONE, source);
    }

    private static void assertSameSafetensors(Path a, Path b, boolean expectSame) throws Exception {
        boolean allSame = true;
        int files = 0;
        try (var list = Files.list(a)) {
            for (Path f : list.toList()) {
                if (f.toString().endsWith(".safetensors")) {
                    files++;
                    allSame &= java.util.Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(b.resolve(f.getFileName())));
                }
            }
        }
        assertTrue(files >= 2, "weights and optimizer state saved in " + a);
        assertEquals(expectSame, allSame, a + " vs " + b);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bc", "cql"})
    void aRunRecordsFramesResumesExactlyAndLoadsAsAnArgmaxPolicy(String algorithm) throws Exception {
        Path straight = dir.resolve("straight-" + algorithm);
        Path again = dir.resolve("again-" + algorithm);
        Path interrupted = dir.resolve("interrupted-" + algorithm);
        Path otherSeed = dir.resolve("seed-" + algorithm);
        train(algorithm, straight, 6, 0, false, 7);
        train(algorithm, again, 6, 0, false, 7);
        train(algorithm, otherSeed, 6, 0, false, 8);
        train(algorithm, interrupted, 6, 4, false, 7);
        assertEquals(List.of(3L), RunDirectory.open(interrupted).checkpointSteps(), "stopped at 4, last checkpoint 3");
        train(algorithm, interrupted, 6, 0, true, 7);
        assertSameSafetensors(straight.resolve("checkpoints/step_6"), again.resolve("checkpoints/step_6"), true);
        assertSameSafetensors(straight.resolve("checkpoints/step_6"), interrupted.resolve("checkpoints/step_6"), true);
        assertSameSafetensors(straight.resolve("checkpoints/step_6"), otherSeed.resolve("checkpoints/step_6"), false);
        assertEquals(MetricsLog.read(straight.resolve(RunDirectory.METRICS)).size(),
                MetricsLog.read(interrupted.resolve(RunDirectory.METRICS)).size(), "metrics of steps 4 and 5 not repeated");

        RunConfig rc = RunDirectory.open(straight).config();
        assertEquals(algorithm, rc.algorithm(), "tables group it with the other " + algorithm + " runs");
        assertTrue(rc.facts().observation().isFrames());
        assertEquals(32, ((Number) rc.hyperparameters().get("hidden")).intValue());
        String lossKey = algorithm.equals("bc") ? "cross_entropy" : "td_loss";
        for (Map<String, Object> m : MetricsLog.read(straight.resolve(RunDirectory.METRICS))) {
            assertTrue(m.get(lossKey) instanceof Number n && Double.isFinite(n.doubleValue()), m.toString());
        }

        int[] rows = {0, 5, 17, 60, 61, 150, 199};
        byte[][] stacks = DiscreteFixtures.stacks(data, rows);
        float[] batched = new float[rows.length];
        try (Policy p = PolicyLoader.load(PolicyLoader.resolve(straight, null))) {
            assertInstanceOf(FramePolicy.class, p);
            assertEquals(new PolicyInfo(algorithm, algorithm, "breakout", 4 * 84 * 84, 1, 1, 1.0, false, true), p.info());
            p.act(PolicyBatch.ofFrames(stacks, 1), batched);
            for (int r = 0; r < rows.length; r++) {
                float[] one = new float[1];
                p.act(PolicyBatch.ofFrames(new byte[][] {stacks[r]}, 1), one);
                assertEquals(one[0], batched[r], "row " + rows[r] + ": batched act equals per-row act");
                assertTrue(batched[r] == Math.rint(batched[r]) && batched[r] >= 0 && batched[r] < 4, "action " + batched[r]);
            }
            assertThrows(IllegalArgumentException.class, () -> p.act(PolicyBatch.ofFrames(new byte[][] {new byte[11]}, 1),
                    new float[1]));
        }
        try (Policy p = PolicyLoader.load(PolicyLoader.resolve(interrupted, null))) {
            float[] resumed = new float[rows.length];
            p.act(PolicyBatch.ofFrames(stacks, 1), resumed);
            assertArrayEquals(batched, resumed);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"td3bc", "iql"})
    void continuousOnlyBaselinesAreRefusedOnPixelGamesInOneLine(String algorithm) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> train(algorithm, dir.resolve("refused-" + algorithm), 2, 0, false, 1));
        assertEquals("'" + algorithm + "' has no pixel-game version; breakout trains with one of [cql, bc]", e.getMessage());
        assertFalse(Files.exists(dir.resolve("refused-" + algorithm).resolve(RunDirectory.CONFIG)));
    }

}
