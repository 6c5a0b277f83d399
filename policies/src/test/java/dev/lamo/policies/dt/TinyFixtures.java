package dev.lamo.policies.dt;

import dev.lamo.envs.data.GenerationPlan;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.lamo.envs.Seeds;
import dev.lamo.envs.behavior.Behaviors;
import dev.lamo.envs.data.DatasetGenerator;
import dev.lamo.envs.data.DatasetWriter;
import dev.lamo.policies.djl.DjlRuntime;
import dev.lamo.policies.gpt2.Gpt2Checkpoint;
import dev.lamo.policies.gpt2.Gpt2Config;
import dev.lamo.policies.gpt2.Gpt2Model;
import dev.lamo.policies.tokenizer.BpeTokenizer;
import dev.lamo.policies.tokenizer.BpeTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Small real inputs for the Decision Transformer tests: a reacher2d dataset, a tiny LM with its tokenizer, text. */
public final class TinyFixtures {

    public static final String TEXT = ("The whale swam in the deep sea. The ship sailed on, and the sailors sang. "
            + "Call me Ishmael. Some years ago, never mind how long, I went to sea. ").repeat(30);

    private TinyFixtures() {
    }

    public static Path reacherData(Path dir, int episodes) {
        Path f = dir.resolve("reacher.hdf5");
        DatasetWriter.write(DatasetGenerator.generate(new GenerationPlan<>("reacher2d",
                Behaviors.builtIn("scripted", "reacher2d", 1.0), episodes, 0, 3, null, 2), n -> { }), f);
        return f;
    }

    public static Path corpus(Path dir) throws Exception {
        Path f = dir.resolve("text.txt");
        Files.writeString(f, TEXT);
        return f;
    }

    /** A randomly initialised 2-layer, 32-hidden GPT-2 with a 300-token BPE vocabulary, saved like a pretrained one. */
    public static Path languageModel(Path dir) throws Exception {
        return languageModel(dir.resolve("lm"), 2, 32, 2, 64);
    }

    /** A randomly initialised GPT-2 of the given shape with the 300-token BPE vocabulary, saved in {@code lm}. */
    public static Path languageModel(Path lm, int layers, int hidden, int heads, int positions) throws Exception {
        DjlRuntime.configure();
        BpeTokenizer tokenizer = BpeTrainer.train("tiny", TEXT, 300);
        Gpt2Config config = new Gpt2Config(layers, hidden, heads, positions, tokenizer.vocabSize(), null, "gelu_new", 1e-5, 0.1,
                0.1, 0.1);
        try (NDManager m = NDManager.newBaseManager()) {
            Gpt2Model model = new Gpt2Model(config, null);
            model.initialize(m, DataType.FLOAT32, new Shape(1, 1, hidden));
            model.initialize(Seeds.rng(42));
            Gpt2Checkpoint.save(model, lm, false, Map.of());
        }
        tokenizer.save(lm);
        return lm;
    }
}
