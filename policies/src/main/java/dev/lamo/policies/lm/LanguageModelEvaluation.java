package dev.lamo.policies.lm;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.lamo.policies.djl.DjlRuntime;
import dev.lamo.policies.gpt2.Gpt2Checkpoint;
import dev.lamo.policies.gpt2.Gpt2Config;
import dev.lamo.policies.gpt2.Gpt2Model;
import dev.lamo.policies.tokenizer.BpeTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Perplexity of a text under a language model checkpoint folder. */
public final class LanguageModelEvaluation {

    /**
     * @param tokens     tokens in the text
     * @param evaluated  tokens predicted (whole blocks only)
     * @param loss       mean next-token cross-entropy (nats)
     * @param perplexity exp(loss)
     * @param tokenizer  which tokenizer was used
     * @param positions  whether position embeddings were added
     */
    public record Result(String model, String text, int tokens, int evaluated, double loss, double perplexity,
                         String tokenizer, boolean positions) {
    }

    private LanguageModelEvaluation() {
    }

    /**
     * @param positions null: the checkpoint's natural mode (with position embeddings for a plain LM folder)
     */
    public static Result evaluate(Path lmDir, Path textFile, Boolean positions) throws IOException {
        DjlRuntime.configure();
        if (!Files.isRegularFile(textFile)) {
            throw new IllegalArgumentException(textFile + ": file not found");
        }
        Gpt2Config config = Gpt2Checkpoint.readConfig(lmDir);
        BpeTokenizer tokenizer = tokenizerOf(lmDir);
        int[] ids = tokenizer.encode(Files.readString(textFile, StandardCharsets.UTF_8));
        boolean add = positions == null || positions;
        int context = Math.min(config.nPositions(), 1024) - 1;
        try (NDManager manager = NDManager.newBaseManager()) {
            Gpt2Model model = new Gpt2Model(config, null);
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 1, config.nEmbd()));
            Gpt2Checkpoint.load(model, lmDir);
            double loss = LmPretrainer.evaluate(model, new ParameterStore(manager, false), manager, ids,
                    Math.min(context, ids.length - 1), add);
            int blockLength = Math.min(context, ids.length - 1) + 1;
            return new Result(lmDir.toString(), textFile.toString(), ids.length, ids.length / blockLength * (blockLength - 1),
                    loss, Math.exp(loss), tokenizer.toString(), add);
        }
    }

    /** The checkpoint's own tokenizer, or GPT-2's when the folder has none. */
    public static BpeTokenizer tokenizerOf(Path dir) throws IOException {
        BpeTokenizer own = BpeTokenizer.fromDirectory(dir);
        return own != null ? own : BpeTokenizer.gpt2();
    }
}
