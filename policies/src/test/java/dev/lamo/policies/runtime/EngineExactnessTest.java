package dev.lamo.policies.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.envs.Seeds;
import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.PolicyLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine's actions equal the DJL forward's to |Δ| ≤ 1e-4 · max(1, |reference|) on small trained checkpoints. */
class EngineExactnessTest {

    @TempDir
    static Path dir;

    /** Compares both runtimes on 40 random windows of every length and returns the largest relative error. */
    static double assertSameActions(PolicyLoader.CheckpointRef ref, int maxEpisodeLength) {
        try (Policy djl = PolicyRuntime.DJL.load(ref, 1); Policy engine = PolicyRuntime.ENGINE.load(ref, 1)) {
            assertInstanceOf(EngineFlops.class, engine);
            assertEquals(djl.info(), engine.info());
            PolicyBatch batch = EngineRuns.windows(djl.info(), 40, maxEpisodeLength, Seeds.rng(11));
            int a = djl.info().actionSize();
            float[] expected = new float[40 * a];
            float[] actual = new float[40 * a];
            djl.act(batch, expected);
            engine.act(batch, actual);
            double worst = 0;
            for (int i = 0; i < expected.length; i++) {
                double err = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
                assertTrue(err <= 1e-4, ref.run().path().getFileName() + " row " + i / a + " action " + i % a + ": engine "
                        + actual[i] + ", djl " + expected[i]);
                worst = Math.max(worst, err);
            }
            assertTrue(java.util.Arrays.stream(toDoubles(expected)).distinct().count() > expected.length / 2,
                    "the reference actions should vary across windows");
            return worst;
        }
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Test
    void decisionTransformerWithSeveralHeads() throws Exception {
        assertSameActions(EngineRuns.dt(dir, "dt", 40, List.of("dt_hidden=64", "dt_heads=2")), 100);
    }

    @Test
    void theOriginalDtOrderOfTimestepAndLayerNorm() throws Exception {
        assertSameActions(EngineRuns.dt(dir, "dt", 40, List.of("dt_hidden=32", "dt_layers=2", "variant=dt-original")), 100);
    }

    @Test
    void lamoWithLoraMlpEmbeddingsAndTheMlpHead() throws Exception {
        assertSameActions(EngineRuns.dt(dir, "lamo", 40, List.of()), 100);
    }

    @Test
    void lamoWithLinearEmbeddingsAndFullFinetuning() throws Exception {
        assertSameActions(EngineRuns.dt(dir, "lamo", 40, List.of("mlp_embedding=false", "finetune=full")), 100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bc", "td3bc", "iql", "cql"})
    void offlineActors(String algo) {
        assertSameActions(EngineRuns.offline(dir, algo), 1000);
    }

    @Test
    void sacMeanAction() {
        assertSameActions(EngineRuns.sac(dir), 1000);
    }
}
