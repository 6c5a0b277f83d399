package dev.lamo.policies.dt;

import dev.lamo.policies.run.TrainingRequest;
import static org.junit.jupiter.api.Assertions.*;

import dev.lamo.envs.Seeds;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.PolicyLoader;
import dev.lamo.policies.run.RunDirectory;
import dev.lamo.policies.run.TrainingProgress;
import dev.lamo.results.records.MetricsLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LaMo and DT trained for a few hundred steps on a small real reacher2d dataset, with a tiny language model. */
class DtTrainerTest {

    @TempDir
    static Path shared;
    static Path data;
    static Path lm;
    static Path corpus;

    @BeforeAll
    static void fixtures() throws Exception {
        data = TinyFixtures.reacherData(shared, 12);
        lm = TinyFixtures.languageModel(shared);
        corpus = TinyFixtures.corpus(shared);
    }

    private static void train(String algo, Path out, long steps, List<String> sets, long stopAfter, boolean resume) {
        List<String> all = new ArrayList<>(List.of("batch_size=16", "warmup_steps=0", "log_every=25", "checkpoint_every=50"));
        all.addAll(sets);
        DtTrainer.train(new TrainingRequest(algo, null, "reacher2d", data, null, null, algo.equals("lamo") ? lm : null,
                corpus, steps, 5, out, resume, all, stopAfter), List.of(), TrainingProgress.NONE);
    }

    private static List<Double> losses(Path run, String key) {
        List<Double> out = new ArrayList<>();
        for (Map<String, Object> m : MetricsLog.read(run.resolve(RunDirectory.METRICS))) {
            if (m.containsKey(key)) {
                out.add(((Number) m.get(key)).doubleValue());
            }
        }
        return out;
    }

    @Test
    void actionLossFallsForDtAndLamo(@TempDir Path dir) {
        for (String algo : new String[] {"dt", "lamo"}) {
            Path run = dir.resolve(algo);
            train(algo, run, 300, List.of("lr=1e-3"), 0, false);
            List<Double> l = losses(run, "action_loss");
            assertEquals(12, l.size());
            assertTrue(l.get(l.size() - 1) < 0.6 * l.get(0), algo + " losses " + l);
        }
    }

    @Test
    void trainingChangesEveryTrainableTensorAndNoFrozenOne(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("lamo");
        train("lamo", run, 50, List.of("lr=1e-3"), 0, false);
        PolicyLoader.CheckpointRef ref = PolicyLoader.resolve(run, null);
        try (DtPolicy trained = (DtPolicy) PolicyLoader.load(ref);
             DtModel initial = new DtModel(trained.model().architecture(), Seeds.rng(Seeds.derive(5, 0x1417)))) {
            var before = initial.parameters().values();
            var after = trained.model().parameters().values();
            int frozen = 0;
            int changed = 0;
            for (String name : before.keySet()) {
                boolean trainable = DtModel.isTrainable(name, "lora");
                boolean same = java.util.Arrays.equals(before.get(name), after.get(name));
                if (trainable) {
                    assertFalse(same, "trainable " + name + " should have changed");
                    changed++;
                } else {
                    assertTrue(same, "frozen " + name + " must be bit-identical");
                    frozen++;
                }
            }
            assertTrue(frozen > 10 && changed > 10, frozen + " frozen, " + changed + " trained");
        }
    }

    @Test
    void aResumedRunContinuesExactlyIncludingTheLanguageLoss(@TempDir Path dir) throws Exception {
        List<String> sets = List.of("lm_loss_weight=0.1", "lm_block_length=32");
        Path straight = dir.resolve("straight");
        Path interrupted = dir.resolve("interrupted");
        train("lamo", straight, 100, sets, 0, false);
        train("lamo", interrupted, 100, sets, 50, false);
        train("lamo", interrupted, 100, sets, 0, true);
        assertArrayEquals(Files.readAllBytes(straight.resolve("checkpoints/step_100/model.safetensors")),
                Files.readAllBytes(interrupted.resolve("checkpoints/step_100/model.safetensors")));
        assertEquals(losses(straight, "lm_loss"), losses(interrupted, "lm_loss"));
        assertEquals(4, losses(straight, "lm_loss").size());
    }

    @Test
    void theLanguageLossTrainsTheAdaptedBackboneOnText(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("cotrain");
        train("lamo", run, 60, List.of("lm_loss_weight=1.0", "lm_block_length=32", "lr=3e-3"), 0, false);
        var base = dev.lamo.policies.lm.LanguageModelEvaluation.evaluate(lm, corpus, false);
        var tuned = dev.lamo.policies.lm.LanguageModelEvaluation.evaluate(run, corpus, null);
        assertFalse(tuned.positions(), "LaMo runs the LM without position embeddings");
        assertEquals(base.tokens(), tuned.tokens());
        assertTrue(tuned.perplexity() < base.perplexity(), "base " + base.perplexity() + ", after co-training " + tuned.perplexity());
        List<Double> lm = losses(run, "lm_loss");
        assertTrue(lm.get(lm.size() - 1) < lm.get(0), lm.toString());
    }

    @Test
    void batchedActionsEqualOneEpisodeAtATime(@TempDir Path dir) {
        Path run = dir.resolve("dt");
        train("dt", run, 50, List.of(), 0, false);
        try (var policy = PolicyLoader.load(PolicyLoader.resolve(run, null))) {
            int k = policy.info().contextLength();
            int s = policy.info().observationSize();
            int a = policy.info().actionSize();
            PolicyBatch batch = new PolicyBatch(3, k, s, a);
            batch.setSize(3);
            RandomGenerator r = Seeds.rng(8);
            int[] lengths = {1, 3, k};
            for (int row = 0; row < 3; row++) {
                batch.lengths()[row] = lengths[row];
                for (int p = k - lengths[row]; p < k; p++) {
                    int i = row * k + p;
                    for (int d = 0; d < s; d++) {
                        batch.states()[i * s + d] = (float) r.nextGaussian();
                    }
                    for (int d = 0; d < a; d++) {
                        batch.actions()[i * a + d] = p == k - 1 ? 0 : (float) r.nextGaussian();
                    }
                    batch.returnsToGo()[i] = 50 - p;
                    batch.timesteps()[i] = p;
                }
            }
            float[] together = new float[3 * a];
            policy.act(batch, together);
            for (int row = 0; row < 3; row++) {
                PolicyBatch one = new PolicyBatch(1, k, s, a);
                one.setSize(1);
                one.lengths()[0] = lengths[row];
                System.arraycopy(batch.states(), row * k * s, one.states(), 0, k * s);
                System.arraycopy(batch.actions(), row * k * a, one.actions(), 0, k * a);
                System.arraycopy(batch.returnsToGo(), row * k, one.returnsToGo(), 0, k);
                System.arraycopy(batch.timesteps(), row * k, one.timesteps(), 0, k);
                float[] alone = new float[a];
                policy.act(one, alone);
                for (int d = 0; d < a; d++) {
                    assertEquals(alone[d], together[row * a + d], 1e-5, "row " + row);
                }
            }
        }
    }
}
