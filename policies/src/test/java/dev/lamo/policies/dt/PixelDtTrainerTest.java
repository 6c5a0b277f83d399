package dev.lamo.policies.dt;

import dev.lamo.policies.run.TrainingRequest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.envs.arcade.ArcadeTitle;
import dev.lamo.envs.data.frames.FrameDataset;
import dev.lamo.envs.data.frames.FrameDatasetWriter;
import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.PolicyLoader;
import dev.lamo.policies.pixels.ArcadeRollouts;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LaMo and DT on a pixel game, end to end: a frame dataset file, a few training steps, a batched policy. */
class PixelDtTrainerTest {

    @TempDir
    static Path shared;
    static Path data;
    static FrameDataset frames;
    static Path lm;

    @BeforeAll
    static void fixtures() throws Exception {
        frames = ArcadeRollouts.play(ArcadeTitle.BREAKOUT, 4, 30, 0.3, 11).data();
        data = shared.resolve("breakout.hdf5");
        FrameDatasetWriter.write(frames, data);
        lm = TinyFixtures.languageModel(shared);
    }

    private static void train(String algo, Path out, long steps, long stopAfter, boolean resume) {
        List<String> sets = List.of("batch_size=3", "context_length=6", "warmup_steps=2", "log_every=2", "checkpoint_every=2",
                "validation_fraction=0");
        DtTrainer.train(new TrainingRequest(algo, null, "breakout", data, null, null, algo.equals("lamo") ? lm : null, null,
                steps, 3, out, resume, sets, stopAfter), List.of(), TrainingProgress.NONE);
    }

    @Test
    void lamoTrainsOnFramesAndItsPolicyActsByArgmaxWithBatchedEqualToSingleRows(@TempDir Path dir) {
        Path run = dir.resolve("lamo");
        train("lamo", run, 4, 0, false);
        RunConfig rc = RunDirectory.open(run).config();
        assertTrue(rc.facts().observation().isFrames());
        assertEquals(4, rc.facts().observation().frameStack());
        assertEquals("cosine", rc.hyperparameters().get("schedule"));
        assertEquals(1, ((Number) rc.hyperparameters().get("lora_groups")).intValue());
        assertTrue(rc.simulator().contains("noop_max=30"), rc.simulator());
        for (Map<String, Object> m : MetricsLog.read(run.resolve(RunDirectory.METRICS))) {
            double loss = ((Number) m.get("action_loss")).doubleValue();
            assertTrue(loss > 0.5 && loss < 3, "cross-entropy over 4 actions starts near ln 4: " + loss);
        }
        try (Policy p = PolicyLoader.load(PolicyLoader.resolve(run, null))) {
            assertTrue(p.info().frames());
            assertEquals(1, p.info().actionSize());
            int k = p.info().contextLength();
            int s = p.info().observationSize();
            // three episodes at different lengths in one batch, then each alone
            int[] lengths = {1, 4, 6};
            PolicyBatch batch = new PolicyBatch(3, k, s, 1, true);
            batch.setSize(3);
            for (int r = 0; r < 3; r++) {
                fill(batch, r, frames.episodeStart(r), lengths[r], k);
            }
            float[] together = new float[3];
            p.act(batch, together);
            assertArrayEquals(uncachedArgmax((DtPolicy) p, batch), together, "cached CNN tokens give the same actions");
            for (int r = 0; r < 3; r++) {
                PolicyBatch one = new PolicyBatch(1, k, s, 1, true);
                one.setSize(1);
                fill(one, 0, frames.episodeStart(r), lengths[r], k);
                float[] alone = new float[1];
                p.act(one, alone);
                assertEquals(alone[0], together[r], "row " + r);
                assertTrue(together[r] >= 0 && together[r] < 4 && together[r] == Math.rint(together[r]));
            }
        }
    }

    /** The policy's actions computed by the network's own forward, with no token cache. */
    private static float[] uncachedArgmax(DtPolicy p, PolicyBatch b) {
        DtModel model = p.model();
        int k = b.context();
        int n = b.size();
        long[] actions = new long[n * k];
        float[] returns = new float[n * k];
        long[] timesteps = new long[n * k];
        float[] mask = new float[n * k];
        for (int r = 0; r < n; r++) {
            for (int q = k - b.lengths()[r]; q < k; q++) {
                int i = r * k + q;
                actions[i] = (long) b.actions()[i];
                returns[i] = b.returnsToGo()[i];
                timesteps[i] = b.timesteps()[i];
                mask[i] = 1;
            }
        }
        FrameWindows.Batch w = new FrameWindows.Batch(n, k, 4, 84, 84, java.util.Arrays.copyOf(b.frames(), n * k * 4 * 84 * 84),
                actions, returns, timesteps, mask);
        try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
            long[] best = model.network().predictLastAction(new ai.djl.training.ParameterStore(model.manager(), false),
                    w.inputs(model.manager())).argMax(1).toLongArray();
            float[] out = new float[n];
            for (int r = 0; r < n; r++) {
                out[r] = best[r];
            }
            scope.suppressNotUsedWarning();
            return out;
        }
    }

    /** Row r of a batch: the first {@code n} steps of an episode starting at {@code start}, left-padded to K. */
    private static void fill(PolicyBatch b, int r, int start, int n, int k) {
        int s = b.observationSize();
        b.lengths()[r] = n;
        for (int p = k - n; p < k; p++) {
            int t = p - (k - n);
            int i = r * k + p;
            frames.copyStack(start + t, FrameDataset.StackPadding.REPEAT_FIRST, b.frames(), i * s);
            b.actions()[i] = p == k - 1 ? 0 : frames.action(start + t);
            b.returnsToGo()[i] = 50f;
            b.timesteps()[i] = t;
        }
    }

    @Test
    void dtResumesExactly(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("straight");
        Path resumed = dir.resolve("resumed");
        train("dt", straight, 4, 0, false);
        train("dt", resumed, 4, 2, false);
        train("dt", resumed, 4, 0, true);
        assertArrayEquals(Files.readAllBytes(straight.resolve("checkpoints/step_4/model.safetensors")),
                Files.readAllBytes(resumed.resolve("checkpoints/step_4/model.safetensors")));
        List<Object> a = new ArrayList<>();
        List<Object> b = new ArrayList<>();
        MetricsLog.read(straight.resolve(RunDirectory.METRICS)).forEach(m -> a.add(m.get("action_loss")));
        MetricsLog.read(resumed.resolve(RunDirectory.METRICS)).forEach(m -> b.add(m.get("action_loss")));
        assertEquals(a, b);
    }
}
