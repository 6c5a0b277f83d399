package dev.lamo.policies.dt;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.ParameterStore;
import dev.lamo.envs.Seeds;
import dev.lamo.policies.djl.DjlRuntime;
import dev.lamo.policies.gpt2.Gpt2Checkpoint;
import dev.lamo.policies.gpt2.Gpt2Config;
import dev.lamo.policies.lora.LoraSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DtModelTest {

    /** Spec §2.7 counts, which include the unused state and return heads: Linear(H→S) and Linear(H→1). */
    private static long specCountWithoutUnusedHeads(long specCount, int stateSize) {
        return specCount - (768L * stateSize + stateSize) - (768 + 1);
    }

    @Test
    void trainableParameterCountsMatchTheSpecForGpt2Small() {
        DjlRuntime.configure();
        Object[][] cases = {{"hopper", 11, 3, 1000, false, 1_707_279L}, {"halfcheetah", 17, 6, 1000, true, 4_083_480L},
                {"walker2d", 17, 6, 1000, true, 4_083_480L}, {"reacher2d", 12, 2, 100, true, 3_378_447L}};
        for (Object[] c : cases) {
            DtModel.Architecture a = new DtModel.Architecture(Gpt2Config.gpt2Small(), LoraSettings.lamo(), (int) c[1],
                    (int) c[2], (int) c[3], (boolean) c[4], true, "lora", null, null);
            try (DtModel model = new DtModel(a, Seeds.rng(0))) {
                assertEquals(specCountWithoutUnusedHeads((long) c[5], (int) c[1]), model.trainableCount(), (String) c[0]);
                assertEquals(124_439_808L, model.parameters().filter(n -> n.startsWith("transformer_") && !n.contains("lora_")).count(),
                        "GPT-2 small");
            }
        }
    }

    private static DtInputs inputs(NDManager m, int b, int k, int s, int a, long seed) {
        RandomGenerator r = Seeds.rng(seed);
        float[] states = new float[b * k * s];
        float[] actions = new float[b * k * a];
        float[] returns = new float[b * k];
        long[] timesteps = new long[b * k];
        float[] mask = new float[b * k];
        for (int i = 0; i < states.length; i++) {
            states[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < actions.length; i++) {
            actions[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < b * k; i++) {
            returns[i] = (float) r.nextGaussian();
            timesteps[i] = i % k + 3;
            mask[i] = 1;
        }
        return DtPolicy.inputs(m, new TrajectoryWindows.Batch(b, k, states, actions, returns, timesteps, mask), s, a);
    }

    @Test
    void freshLoraChangesNothingAndOnlyTheAdaptersDiffer(@TempDir Path dir) throws Exception {
        Path lm = TinyFixtures.languageModel(dir);
        Gpt2Config backbone = Gpt2Checkpoint.readConfig(lm);
        DtModel.Architecture withLora = new DtModel.Architecture(backbone, LoraSettings.lamo(), 12, 2, 100, true, true,
                "lora", lm.toString(), null);
        DtModel.Architecture without = new DtModel.Architecture(backbone, null, 12, 2, 100, true, true, "frozen",
                lm.toString(), null);
        try (DtModel a = new DtModel(withLora, Seeds.rng(1)); DtModel b = new DtModel(without, Seeds.rng(2))) {
            // the same weights wherever both models have a tensor
            for (String name : b.parameters().names()) {
                a.parameters().set(name, b.parameters().array(name).toFloatArray());
            }
            try (NDScope scope = new NDScope()) {
                DtInputs in = inputs(a.manager(), 3, 5, 12, 2, 7);
                float[] ya = a.network().predictActions(new ParameterStore(a.manager(), false), in, false).toFloatArray();
                DtInputs inB = inputs(b.manager(), 3, 5, 12, 2, 7);
                float[] yb = b.network().predictActions(new ParameterStore(b.manager(), false), inB, false).toFloatArray();
                assertArrayEquals(yb, ya, "B = 0 makes a fresh adapter a no-op");
                scope.suppressNotUsedWarning();
            }
        }
    }

    @Test
    void futureStepsDoNotChangeEarlierActions() {
        DjlRuntime.configure();
        DtModel.Architecture a = new DtModel.Architecture(new Gpt2Config(2, 32, 2, 1024, 1, null, "relu", 1e-5, 0, 0, 0),
                null, 4, 2, 100, true, true, "full", null, null);
        try (DtModel model = new DtModel(a, Seeds.rng(3)); NDScope scope = new NDScope()) {
            NDManager m = model.manager();
            ParameterStore ps = new ParameterStore(m, false);
            float[] before = model.network().predictActions(ps, inputs(m, 2, 6, 4, 2, 11), false).toFloatArray();
            DtInputs changed = inputs(m, 2, 6, 4, 2, 11);
            // perturb steps 4 and 5 of every row
            DtInputs perturbed = new DtInputs(changed.states().add(m.create(mask(2, 6, 4, 4)).reshape(2, 6, 4)),
                    changed.actions(), changed.returns(), changed.timesteps(), changed.mask());
            float[] after = model.network().predictActions(ps, perturbed, false).toFloatArray();
            for (int r = 0; r < 2; r++) {
                for (int t = 0; t < 6; t++) {
                    for (int d = 0; d < 2; d++) {
                        int i = (r * 6 + t) * 2 + d;
                        if (t < 4) {
                            assertEquals(before[i], after[i], 0f, "row " + r + " step " + t);
                        }
                    }
                }
            }
            assertNotEquals(before[(0 * 6 + 5) * 2], after[(0 * 6 + 5) * 2], "later steps do see the change");
            scope.suppressNotUsedWarning();
        }
    }

    private static float[] mask(int b, int k, int s, int from) {
        float[] v = new float[b * k * s];
        for (int r = 0; r < b; r++) {
            for (int t = from; t < k; t++) {
                for (int d = 0; d < s; d++) {
                    v[(r * k + t) * s + d] = 3f;
                }
            }
        }
        return v;
    }

    @Test
    void lastActionOnlyEqualsTheFullForward() {
        DjlRuntime.configure();
        DtModel.Architecture a = new DtModel.Architecture(new Gpt2Config(2, 32, 4, 1024, 1, null, "gelu_new", 1e-5, 0, 0, 0),
                LoraSettings.lamo(), 4, 2, 100, true, true, "lora", null, null);
        try (DtModel model = new DtModel(a, Seeds.rng(4)); NDScope scope = new NDScope()) {
            ParameterStore ps = new ParameterStore(model.manager(), false);
            float[] all = model.network().predictActions(ps, inputs(model.manager(), 3, 5, 4, 2, 12), false).toFloatArray();
            float[] last = model.network().predictLastAction(ps, inputs(model.manager(), 3, 5, 4, 2, 12)).toFloatArray();
            for (int r = 0; r < 3; r++) {
                for (int d = 0; d < 2; d++) {
                    assertEquals(all[(r * 5 + 4) * 2 + d], last[r * 2 + d], 1e-5);
                }
            }
            scope.suppressNotUsedWarning();
        }
    }

    @Test
    void checkpointsRefuseMissingTensors(@TempDir Path dir) throws Exception {
        DjlRuntime.configure();
        DtModel.Architecture a = new DtModel.Architecture(new Gpt2Config(1, 16, 1, 1024, 1, null, "relu", 1e-5, 0, 0, 0),
                null, 4, 2, 100, false, true, "full", null, null);
        try (DtModel model = new DtModel(a, Seeds.rng(5))) {
            Path f = dir.resolve("m.safetensors");
            model.parameters().filter(n -> !n.equals("embed_ln_bias")).save(f, Map.of());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.load(f));
            assertEquals(f + ": missing tensor 'embed_ln_bias'", e.getMessage());
        }
    }
}
