package dev.lamo.policies.offline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.lamo.envs.Seeds;
import dev.lamo.policies.djl.DjlRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The discrete BC and CQL updates on breakout frames: what each loss does on a repeated batch, and determinism. */
class DiscreteLearnersTest {

    @BeforeAll
    static void engine() {
        DjlRuntime.configure();
    }

    /**
     * A batch of random stacks with random actions, rewards and dones: distinct images a network can tell apart
     * in a few updates (breakout's frames differ by a few pixels, which takes hundreds).
     */
    static FrameTransitions.Batch fixedBatch(int n, long seed) {
        var rng = Seeds.rng(seed);
        int bytes = 4 * 84 * 84;
        byte[] states = new byte[n * bytes];
        byte[] next = new byte[n * bytes];
        rng.nextBytes(states);
        rng.nextBytes(next);
        int[] actions = new int[n];
        float[] rewards = new float[n];
        float[] dones = new float[n];
        for (int k = 0; k < n; k++) {
            actions[k] = rng.nextInt(4);
            rewards[k] = rng.nextInt(3) - 1;
            dones[k] = rng.nextInt(8) == 0 ? 1 : 0;
        }
        return new FrameTransitions.Batch(n, bytes, states, actions, rewards, next, dones);
    }

    static List<Map<String, Double>> repeat(OfflineLearner<FrameTransitions.Batch> learner, FrameTransitions.Batch batch,
                                            int updates) {
        List<Map<String, Double>> logs = new ArrayList<>();
        for (int i = 0; i < updates; i++) {
            logs.add(learner.update(batch, Seeds.rng(i)));
        }
        return logs;
    }

    @Test
    void behaviourCloningFitsARepeatedBatch() {
        FrameTransitions.Batch batch = fixedBatch(16, 1);
        DiscreteBcConfig config = new DiscreteBcConfig(64, 1e-3, 1e-8, 0.5, 16, 100, 10);
        try (DiscreteBcLearner bc = new DiscreteBcLearner(config, 4, 4, 100, Seeds.rng(2))) {
            List<Map<String, Double>> logs = repeat(bc, batch, 30);
            double first = logs.get(0).get("cross_entropy");
            double last = logs.get(logs.size() - 1).get("cross_entropy");
            assertEquals(Math.log(4), first, 0.2, "an untrained network is near uniform over 4 actions");
            assertTrue(last < 0.5 * first, "cross-entropy should halve on a repeated batch: " + first + " -> " + last);
            assertTrue(logs.get(logs.size() - 1).get("accuracy") >= 0.9, "accuracy " + logs.get(logs.size() - 1));
            assertTrue(logs.stream().allMatch(m -> Double.isFinite(m.get("actor_loss"))));
        }
    }

    @Test
    void cqlLossFallsAndTheConservativeTermRanksTheDataActionsFirst() {
        FrameTransitions.Batch batch = fixedBatch(16, 3);
        // a larger learning rate than the default so that 30 updates move the network visibly
        DiscreteCqlConfig config = new DiscreteCqlConfig(64, 1e-3, 1e-8, 0.99, 1.0, 5, 0.0, true, 16, 100, 10);
        try (DiscreteCqlLearner cql = new DiscreteCqlLearner(config, 4, 4, 100, Seeds.rng(4))) {
            List<Map<String, Double>> logs = repeat(cql, batch, 30);
            Map<String, Double> first = logs.get(0);
            Map<String, Double> last = logs.get(logs.size() - 1);
            assertTrue(logs.stream().allMatch(m -> Double.isFinite(m.get("loss"))), "finite losses " + logs);
            assertTrue(last.get("loss") < 0.6 * first.get("loss"), "loss should fall: " + first + " -> " + last);
            // logsumexp − Q(s, a_data) ≥ 0, and it approaches 0 only as the data's action dominates the others
            assertTrue(last.get("cql_gap") < 0.7 * first.get("cql_gap"), "gap " + first + " -> " + last);
            assertTrue(first.get("data_action_rate") < 0.5, "untrained: " + first);
            assertTrue(last.get("data_action_rate") >= 0.75, "most data actions ranked first: " + last);
        }
    }

    @Test
    void huberIsQuadraticInsideOneAndLinearOutside() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] h = DiscreteCqlLearner.huber(m.create(new float[] {0f, 0.5f, -0.5f, 2f, -3f})).toFloatArray();
            assertArrayEquals(new float[] {0f, 0.125f, 0.125f, 1.5f, 2.5f}, h, 1e-6f);
        }
    }

    @Test
    void sameSeedSameWeightsAfterUpdates(@TempDir Path dir) throws Exception {
        FrameTransitions.Batch a = fixedBatch(8, 5);
        FrameTransitions.Batch b = fixedBatch(8, 6);
        DiscreteCqlConfig config = new DiscreteCqlConfig(32, 1e-3, 1e-8, 0.99, 1.0, 2, 10.0, true, 8, 100, 10);
        byte[][] weights = new byte[3][];
        for (int run = 0; run < 3; run++) {
            try (DiscreteCqlLearner cql = new DiscreteCqlLearner(config, 4, 4, 100, Seeds.rng(run < 2 ? 9 : 10))) {
                for (int i = 0; i < 4; i++) {
                    cql.update(i % 2 == 0 ? a : b, Seeds.rng(i));
                }
                Path folder = Files.createDirectories(dir.resolve("run" + run));
                cql.save(folder);
                weights[run] = Files.readAllBytes(folder.resolve(FrameNetwork.FILE));
            }
        }
        assertArrayEquals(weights[0], weights[1], "same seed, same batches: identical weights");
        assertTrue(!java.util.Arrays.equals(weights[0], weights[2]), "another seed initialises differently");
    }
}
