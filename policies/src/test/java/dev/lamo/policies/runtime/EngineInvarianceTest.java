package dev.lamo.policies.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lamo.envs.Seeds;
import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.PolicyLoader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An episode's action depends on its own window only, and a forward allocates nothing after warm-up. */
class EngineInvarianceTest {

    @TempDir
    static Path dir;

    /** The actions of all rows computed in batches of {@code size} (the last one partial), each batch sized {@code capacity}. */
    private static float[] inBatchesOf(Policy p, PolicyBatch all, int size) {
        int a = p.info().actionSize();
        float[] out = new float[all.size() * a];
        float[] part = new float[size * a];
        for (int from = 0; from < all.size(); from += size) {
            int n = Math.min(size, all.size() - from);
            p.act(EngineRuns.slice(all, from, n, size), part);
            System.arraycopy(part, 0, out, from * a, n * a);
        }
        return out;
    }

    @Test
    void batchesOfOneSevenAndAllAndTwoThreadsGiveTheSameBits() throws Exception {
        PolicyLoader.CheckpointRef ref = EngineRuns.dt(dir, "lamo", 20, List.of());
        try (Policy one = PolicyRuntime.ENGINE.load(ref, 1); Policy two = PolicyRuntime.ENGINE.load(ref, 2)) {
            PolicyBatch all = EngineRuns.windows(one.info(), 128, 100, Seeds.rng(3));
            float[] alone = inBatchesOf(one, all, 1);
            assertArrayEquals(alone, inBatchesOf(one, all, 7));
            assertArrayEquals(alone, inBatchesOf(one, all, 128));
            assertArrayEquals(alone, inBatchesOf(two, all, 128));
            assertArrayEquals(alone, inBatchesOf(two, all, 7));
            // other batch-mates: the same rows in reverse order
            PolicyBatch reversed = EngineRuns.slice(all, 0, 128, 128);
            for (int r = 0; r < 128; r++) {
                copyRow(all, 127 - r, reversed, r);
            }
            float[] back = new float[alone.length];
            two.act(reversed, back);
            int a = one.info().actionSize();
            for (int r = 0; r < 128; r++) {
                for (int d = 0; d < a; d++) {
                    assertEquals(Float.floatToIntBits(alone[(127 - r) * a + d]), Float.floatToIntBits(back[r * a + d]));
                }
            }
        }
    }

    private static void copyRow(PolicyBatch from, int r, PolicyBatch to, int s) {
        int k = from.context();
        int o = from.observationSize();
        int a = from.actionSize();
        System.arraycopy(from.states(), r * k * o, to.states(), s * k * o, k * o);
        System.arraycopy(from.actions(), r * k * a, to.actions(), s * k * a, k * a);
        System.arraycopy(from.returnsToGo(), r * k, to.returnsToGo(), s * k, k);
        System.arraycopy(from.timesteps(), r * k, to.timesteps(), s * k, k);
        to.lengths()[s] = from.lengths()[r];
    }

    @Test
    void aForwardAllocatesNothingAfterWarmUp() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        for (PolicyLoader.CheckpointRef ref : List.of(EngineRuns.dt(dir, "lamo", 20, List.of()),
                EngineRuns.dt(dir, "dt", 20, List.of("dt_hidden=32")), EngineRuns.offline(dir, "iql"))) {
            try (Policy p = PolicyRuntime.ENGINE.load(ref, 1)) {
                PolicyBatch batch = EngineRuns.windows(p.info(), 16, 100, Seeds.rng(5));
                float[] out = new float[16 * p.info().actionSize()];
                for (int i = 0; i < 3000; i++) {
                    p.act(batch, out);
                }
                long before = threads.getThreadAllocatedBytes(self);
                for (int i = 0; i < 200; i++) {
                    p.act(batch, out);
                }
                long allocated = threads.getThreadAllocatedBytes(self) - before;
                assertEquals(0, allocated, ref.config().algorithm() + ": bytes allocated by 200 forwards of 16 rows");
            }
        }
    }
}
