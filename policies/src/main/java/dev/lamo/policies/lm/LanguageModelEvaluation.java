package dev.lamo.policies.lm;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.lamo.policies.PolicyLoader;
import dev.lamo.policies.djl.DjlRuntime;
import dev.lamo.policies.dt.DtPolicy;
import dev.lamo.policies.run.RunDirectory;
import dev.lamo.results.records.RunConfig;
import dev.lamo.policies.gpt2.Gpt2Checkpoint;
import dev.lamo.policies.gpt2.Gpt2Config;
import dev.lamo.policies.gpt2.Gpt2Model;
import dev.lamo.policies.tokenizer.BpeTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bits per byte and perplexity of a text under a language model checkpoint folder. The text is scored as one
 * token stream after an end-of-text token, so every one of its tokens is predicted once and bits per byte
 * (comparable across vocabularies, and with a compressor) covers all of its bytes.
 */
public final class LanguageModelEvaluation {

    /**
     * @param bytes           UTF-8 bytes in the text
     * @param tokens          tokens in the text
     * @param evaluated       tokens predicted
     * @param loss            mean next-token cross-entropy (nats per token)
     * @param perplexity      exp(loss)
     * @param bitsPerByte     total cross-entropy in bits over the bytes those tokens spell
     * @param gzipBitsPerByte the same text compressed by gzip at level 9, for comparison
     * @param tokenizer       which tokenizer was used
     * @param positions       whether position embeddings were added
     */
    public record Result(String model, String text, long bytes, int tokens, long evaluated, double loss,
                         double perplexity, double bitsPerByte, double gzipBitsPerByte, String tokenizer,
                         boolean positions) {
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
        String text = Files.readString(textFile, StandardCharsets.UTF_8);
        if (Files.isRegularFile(lmDir.resolve(RunDirectory.CONFIG))
                && Files.readString(lmDir.resolve(RunDirectory.CONFIG)).contains(RunConfig.SCHEMA)) {
            return evaluateRun(lmDir, textFile, text, positions);
        }
        Gpt2Config config = Gpt2Checkpoint.readConfig(lmDir);
        BpeTokenizer tokenizer = tokenizerOf(lmDir);
        try (NDManager manager = NDManager.newBaseManager()) {
            Gpt2Model model = new Gpt2Model(config, null);
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 1, config.nEmbd()));
            Gpt2Checkpoint.load(model, lmDir);
            return measure(lmDir.toString(), textFile, text, tokenizer, model, manager, positions == null || positions);
        }
    }

    /**
     * A LaMo run's backbone with its trained adapters; by default without position embeddings, as LaMo's D4RL
     * path runs it (also for the auxiliary language loss).
     */
    private static Result evaluateRun(Path runDir, Path textFile, String text, Boolean positions) throws IOException {
        PolicyLoader.CheckpointRef ref = PolicyLoader.resolve(runDir, null);
        if (ref.config().facts().languageModel() == null) {
            throw new IllegalArgumentException(runDir + ": a " + ref.config().algorithm() + " run has no language model");
        }
        try (DtPolicy policy = (DtPolicy) PolicyLoader.load(ref)) {
            String lm = policy.model().architecture().lmDirectory();
            BpeTokenizer tokenizer = lm == null ? BpeTokenizer.gpt2() : tokenizerOf(Path.of(lm));
            return measure(ref.folder().toString(), textFile, text, tokenizer, policy.model().network().transformer(),
                    policy.model().manager(), positions != null && positions);
        }
    }

    private static Result measure(String name, Path textFile, String text, BpeTokenizer tokenizer, Gpt2Model model,
                                  NDManager manager, boolean add) {
        int[] ids = tokenizer.encode(text);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (ids.length < 2) {
            throw new IllegalArgumentException(textFile + ": too short to measure (" + ids.length + " tokens)");
        }
        int[] stream = ids;
        long predictedBytes = bytes.length;
        if (tokenizer.endOfText() >= 0) {
            stream = new int[ids.length + 1];
            stream[0] = tokenizer.endOfText();
            System.arraycopy(ids, 0, stream, 1, ids.length);
        } else {
            predictedBytes -= tokenizer.decode(new int[] {ids[0]}).getBytes(StandardCharsets.UTF_8).length;
        }
        int context = Math.min(model.config().nPositions(), 1024) - 1;
        TokenStreamScore score = TokenStreamScore.of(model, new ParameterStore(manager, false), manager, stream, context, add);
        return new Result(name, textFile.toString(), bytes.length, ids.length, score.predicted(), score.meanLoss(),
                score.perplexity(), score.bitsPerByte(predictedBytes), GzipBaseline.bitsPerByte(bytes),
                tokenizer.toString(), add);
    }

    /** The checkpoint's own tokenizer, or GPT-2's when the folder has none. */
    public static BpeTokenizer tokenizerOf(Path dir) throws IOException {
        BpeTokenizer own = BpeTokenizer.fromDirectory(dir);
        return own != null ? own : BpeTokenizer.gpt2();
    }
}
