package dev.lamo.policies.runtime;

import dev.lamo.policies.run.TrainingRequest;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.policies.PolicyLoader;
import dev.lamo.policies.dt.DtTrainer;
import dev.lamo.policies.dt.TinyFixtures;
import dev.lamo.policies.io.Safetensors;
import dev.lamo.policies.run.TrainingProgress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on a GPT-2-small-shaped backbone (12 layers, 768 hidden, 12 heads, randomly initialised, a small
 * vocabulary): LaMo trained 2 steps at batch 4 so that LoRA's B is no longer zero. Built here, never committed.
 */
@Tag("slow")
class Gpt2SmallExactnessTest {

    @Test
    void lamoOnAGpt2SmallShapedBackbone(@TempDir Path dir) throws Exception {
        Path data = TinyFixtures.reacherData(dir, 6);
        Path lm = TinyFixtures.languageModel(dir.resolve("gpt2-small-shaped"), 12, 768, 12, 1024);
        Path run = dir.resolve("lamo");
        DtTrainer.train(new TrainingRequest("lamo", null, "reacher2d", data, null, null, lm, TinyFixtures.corpus(dir), 2L,
                5, run, false, List.of("batch_size=4", "warmup_steps=0", "checkpoint_every=2", "log_every=1", "lr=1e-3"), 0),
                List.of(), TrainingProgress.NONE);
        PolicyLoader.CheckpointRef ref = PolicyLoader.resolve(run, null);
        float[] b = Safetensors.read(ref.folder().resolve("model.safetensors")).tensors()
                .get("transformer_h.11_attn_c_attn_lora_B").toFloats();
        double norm = 0;
        for (float v : b) {
            norm += v * v;
        }
        assertTrue(norm > 0, "LoRA B of the last layer should have left zero after 2 steps");
        EngineExactnessTest.assertSameActions(ref, 100);
    }
}
