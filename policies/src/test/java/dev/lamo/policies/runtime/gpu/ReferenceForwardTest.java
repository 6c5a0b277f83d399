package dev.lamo.policies.runtime.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.envs.Seeds;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.runtime.DtSpec;
import dev.lamo.policies.runtime.EngineCheckpoint;
import dev.lamo.policies.runtime.EngineDtPolicy;
import dev.lamo.policies.runtime.EngineRuns;
import dev.lamo.policies.runtime.VectorOps;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU forward's host logic (buffers, offsets, strides, GEMM parameters, launch geometry, buckets, graphs) on the
 * reference device against the CPU engine. The reference device computes every GEMM element and every kernel's
 * arithmetic as the CPU engine does, so fp32 actions must be the same bits, not merely close.
 */
class ReferenceForwardTest {

    @TempDir
    static Path dir;

    static float[] cpu(DtSpec spec, PolicyBatch b) {
        float[] out = new float[b.size() * b.actionSize()];
        try (EngineDtPolicy e = new EngineDtPolicy(spec, new VectorOps(), 1)) {
            e.act(b, out);
        }
        return out;
    }

    static float[] act(GpuDtPolicy p, PolicyBatch b) {
        float[] out = new float[b.size() * b.actionSize()];
        p.act(b, out);
        return out;
    }

    static void assertSameBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                    what + ": action element " + i + ": expected " + expected[i] + ", got " + actual[i]);
        }
    }

    @Test
    void seededDtAndLamoEqualTheCpuEngineAtEveryBatchSizeAndPadding() {
        for (CheckModel m : List.of(CheckModel.DT_SMALL, CheckModel.LAMO_SMALL)) {
            DtSpec spec = m.spec(3);
            // 37 windows: every length 1..K (left padding), random ones after; batches below, at and above the capacity
            PolicyBatch all = CheckWindows.random(spec.info(), 37, spec.maxEpisodeLength(), Seeds.rng(5));
            float[] expected = cpu(spec, all);
            assertTrue(java.util.stream.IntStream.range(0, expected.length).mapToDouble(i -> expected[i]).distinct().count()
                    > expected.length / 2, "reference actions should vary");
            try (GpuDtPolicy g = new GpuDtPolicy(new ReferenceDevice(), spec, Precision.FP32, 16, 4)) {
                assertEquals(List.of(4, 8, 16), g.engine().buckets());
                for (int size : new int[] {1, 5, 16, 37}) {
                    PolicyBatch part = Batches.slice(all, 0, size);
                    assertSameBits(java.util.Arrays.copyOf(expected, size * spec.info().actionSize()), act(g, part),
                            m.name() + " batch " + size);
                }
            }
        }
    }

    @Test
    void aTrainedLamoWithLoraAndMlpEmbeddingsEqualsTheCpuEngine() throws Exception {
        EngineCheckpoint c = EngineCheckpoint.of(EngineRuns.dt(dir, "lamo", 20, List.of()));
        DtSpec spec = DtSpec.of(c);
        PolicyBatch b = CheckWindows.random(spec.info(), 12, spec.maxEpisodeLength(), Seeds.rng(2));
        try (GpuDtPolicy g = new GpuDtPolicy(new ReferenceDevice(), spec, Precision.FP32, 8, 8)) {
            assertSameBits(cpu(spec, b), act(g, b), "trained lamo");
        }
    }

    @Test
    void anEpisodesActionDoesNotDependOnItsBatchMates() {
        DtSpec spec = CheckModel.LAMO_SMALL.spec(9);
        PolicyBatch all = CheckWindows.random(spec.info(), 10, spec.maxEpisodeLength(), Seeds.rng(8));
        int a = spec.info().actionSize();
        try (GpuDtPolicy g = new GpuDtPolicy(new ReferenceDevice(), spec, Precision.FP32, 32, 4)) {
            float[] together = act(g, all);
            for (int r = 0; r < all.size(); r++) {
                assertTrue(Batches.sameBits(act(g, Batches.slice(all, r, 1)), 0, together, r * a, a), "window " + r + " alone");
            }
            PolicyBatch crowd = Batches.interleaved(all, 27, new Random(1));
            float[] mixed = act(g, crowd);
            for (int r = 0; r < all.size(); r++) {
                assertTrue(Batches.sameBits(mixed, Batches.positionInInterleaved(r, all.size()) * a, together, r * a, a),
                        "window " + r + " among 27");
            }
        }
    }

    @Test
    void reducedPrecisionsAreCloseButNotTheSameBits() {
        DtSpec spec = CheckModel.LAMO_SMALL.spec(4);
        PolicyBatch b = CheckWindows.random(spec.info(), 8, spec.maxEpisodeLength(), Seeds.rng(4));
        float[] fp32 = cpu(spec, b);
        for (Precision p : List.of(Precision.TF32, Precision.BF16)) {
            try (GpuDtPolicy g = new GpuDtPolicy(new ReferenceDevice(), spec, p, 8, 4)) {
                float[] reduced = act(g, b);
                double worst = 0;
                for (int i = 0; i < fp32.length; i++) {
                    worst = Math.max(worst, Math.abs(reduced[i] - fp32[i]));
                }
                assertTrue(worst > 0 && worst < (p == Precision.TF32 ? 1e-2 : 1e-1), p + ": worst difference " + worst);
            }
        }
    }

    @Test
    void oneGraphPerBucketReplaysTheEagerResultAndReadsNewInputs() {
        DtSpec spec = CheckModel.DT_SMALL.spec(5);
        PolicyBatch first = CheckWindows.random(spec.info(), 6, spec.maxEpisodeLength(), Seeds.rng(6));
        PolicyBatch second = CheckWindows.random(spec.info(), 6, spec.maxEpisodeLength(), Seeds.rng(7));
        ReferenceDevice device = new ReferenceDevice();
        try (GpuDtPolicy g = new GpuDtPolicy(device, spec, Precision.FP32, 16, 4)) {
            GpuDtEngine engine = g.engine();
            engine.useGraphs(false);
            float[] eagerFirst = act(g, first);
            float[] eagerSecond = act(g, second);
            assertEquals(0, engine.graphCount());
            engine.useGraphs(true);
            assertSameBits(eagerFirst, act(g, first), "graph, first inputs");
            assertEquals(1, engine.graphCount());
            int launches = device.launches();
            float[] replayed = act(g, second);
            assertSameBits(eagerSecond, replayed, "the same graph on new inputs");
            assertTrue(device.launches() > launches, "a replay runs the captured launches again");
            assertFalse(Batches.sameBits(eagerFirst, 0, replayed, 0, replayed.length), "new inputs give new actions");
            act(g, CheckWindows.random(spec.info(), 7, spec.maxEpisodeLength(), Seeds.rng(9)));
            assertEquals(1, engine.graphCount(), "batches of 6 and 7 share bucket 8");
            act(g, Batches.slice(first, 0, 1));
            assertEquals(2, engine.graphCount(), "a batch of 1 captures bucket 4");
            act(g, CheckWindows.random(spec.info(), 12, spec.maxEpisodeLength(), Seeds.rng(9)));
            assertEquals(1, engine.graphCount(), "bucket 16 grows the buffers, which drops the graphs of the old ones");
            assertSameBits(eagerFirst, act(g, first), "bucket 8 captured again on the grown buffers");
            assertEquals(2, engine.graphCount());
        }
    }
}
