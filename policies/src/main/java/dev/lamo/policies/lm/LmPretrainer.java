package dev.lamo.policies.lm;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.lamo.envs.Seeds;
import dev.lamo.policies.djl.DjlRuntime;
import dev.lamo.policies.gpt2.Gpt2Checkpoint;
import dev.lamo.policies.gpt2.Gpt2Config;
import dev.lamo.policies.gpt2.Gpt2Model;
import dev.lamo.policies.nn.AdamW;
import dev.lamo.policies.nn.NamedParameters;
import dev.lamo.policies.run.TrainingProgress;
import dev.lamo.policies.tokenizer.BpeTokenizer;
import dev.lamo.policies.tokenizer.BpeTrainer;
import dev.lamo.results.records.Records;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pre-trains a GPT-2-architecture causal language model from scratch on plain text and saves it as a Hugging
 * Face checkpoint folder with its tokenizer and provenance ({@code pretraining.json}: corpus files and hashes,
 * tokens seen, validation perplexity). Linear warm-up then cosine decay; AdamW with weight decay on the
 * weight matrices only; global gradient-norm clipping.
 */
public final class LmPretrainer {

    /** What a pre-training produced. */
    public record Result(Path directory, long tokensSeen, double validationLoss, double validationPerplexity,
                         double validationBitsPerByte, double trainLoss, double seconds) {
    }

    private LmPretrainer() {
    }

    public static Result pretrain(TextCorpus corpus, LmPretrainConfig c, Path out, TrainingProgress progress) {
        DjlRuntime.configure();
        long start = System.nanoTime();
        BpeTokenizer tokenizer = BpeTrainer.train("lamo-bpe-" + c.vocab(), corpus.sample(c.tokenizerSampleChars()), c.vocab());
        int[] tokens = corpus.tokenize(tokenizer);
        int validationStart = (int) (tokens.length * (1 - c.validationFraction()));
        int[] train = Arrays.copyOfRange(tokens, 0, validationStart);
        int[] validation = Arrays.copyOfRange(tokens, validationStart, tokens.length);
        TokenBlocks blocks = new TokenBlocks(train, c.context() + 1, c.seed());
        Gpt2Config config = new Gpt2Config(c.layers(), c.hidden(), c.heads(), c.context(), tokenizer.vocabSize(), null,
                "gelu_new", 1e-5, c.dropout(), c.dropout(), c.dropout());
        double trainLoss = Double.NaN;
        try (NDManager manager = NDManager.newBaseManager()) {
            Gpt2Model model = new Gpt2Model(config, null);
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 1, c.hidden()));
            model.initialize(Seeds.rng(Seeds.derive(c.seed(), 0x11)));
            NamedParameters params = model.huggingFaceNamed();
            params.requireGradients(true);
            NamedParameters decay = params.filter(n -> n.endsWith(".weight") && !n.contains("ln"));
            NamedParameters noDecay = params.filter(n -> !(n.endsWith(".weight") && !n.contains("ln")));
            ParameterStore ps = new ParameterStore(manager, false);
            try (AdamW decayed = new AdamW(decay, new AdamW.Settings(0.9, 0.95, 1e-8, c.weightDecay()), manager);
                 AdamW plain = new AdamW(noDecay, new AdamW.Settings(0.9, 0.95, 1e-8, 0), manager)) {
                double smoothed = Double.NaN;
                for (long step = 1; step <= c.steps(); step++) {
                    Engine.getInstance().setRandomSeed((int) Seeds.derive(c.seed(), 0xD7, step));
                    long[] batch = blocks.next(c.batchSize());
                    try (NDScope scope = new NDScope()) {
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray loss = LanguageModelLoss.loss(model, ps, manager, batch, c.batchSize(), true, true);
                            gc.backward(loss);
                            double l = loss.getFloat();
                            smoothed = Double.isNaN(smoothed) ? l : 0.95 * smoothed + 0.05 * l;
                        }
                        params.clipGradientNorm(c.gradClip());
                        double lr = learningRate(c, step);
                        decayed.step(lr);
                        plain.step(lr);
                        scope.suppressNotUsedWarning();
                    }
                    progress.update(step, c.steps(), String.format("loss %.3f", smoothed));
                }
                trainLoss = smoothed;
            }
            TokenStreamScore validationScore = TokenStreamScore.of(model, ps, manager, validation, c.context(), true);
            double validationLoss = validationScore.meanLoss();
            // the bytes the predicted tokens spell: all but the first validation token's
            long validationBytes = tokenizer.decode(validation).getBytes(StandardCharsets.UTF_8).length
                    - tokenizer.decode(new int[] {validation[0]}).getBytes(StandardCharsets.UTF_8).length;
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("schema", "lamo.lm_pretraining");
            provenance.put("schema_version", 1);
            provenance.put("corpus", corpus.provenance());
            provenance.put("corpus_characters", corpus.characters());
            provenance.put("tokenizer", tokenizer.name() + " (byte-level BPE trained on the corpus)");
            provenance.put("train_tokens", train.length);
            provenance.put("validation_tokens", validation.length);
            provenance.put("tokens_seen", c.steps() * c.batchSize() * c.context());
            provenance.put("train_loss", trainLoss);
            provenance.put("validation_loss", validationLoss);
            provenance.put("validation_perplexity", Math.exp(validationLoss));
            provenance.put("validation_bytes", validationBytes);
            provenance.put("validation_bits_per_byte", validationScore.bitsPerByte(validationBytes));
            provenance.put("settings", c);
            provenance.put("seconds", (System.nanoTime() - start) / 1e9);
            try {
                // downstream fine-tuning (LaMo) uses GPT-2's usual dropout of 0.1
                Gpt2Checkpoint.save(model, out, false, Map.of("embd_pdrop", 0.1, "attn_pdrop", 0.1, "resid_pdrop", 0.1,
                        "bos_token_id", tokenizer.endOfText(), "eos_token_id", tokenizer.endOfText()));
                tokenizer.save(out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
            Records.write(out.resolve("pretraining.json"), provenance);
            return new Result(out, c.steps() * c.batchSize() * c.context(), validationLoss, Math.exp(validationLoss),
                    validationScore.bitsPerByte(validationBytes), trainLoss, (System.nanoTime() - start) / 1e9);
        }
    }

    /** Linear warm-up to the peak, then cosine decay to {@code minLrRatio} of it. */
    static double learningRate(LmPretrainConfig c, long step) {
        if (step <= c.warmupSteps()) {
            return c.lr() * step / Math.max(1, c.warmupSteps());
        }
        double progress = (double) (step - c.warmupSteps()) / Math.max(1, c.steps() - c.warmupSteps());
        double cosine = 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)));
        return c.lr() * (c.minLrRatio() + (1 - c.minLrRatio()) * cosine);
    }

    /** Mean next-token loss over a token stream (no dropout), every token after the first predicted once. */
    public static double evaluate(Gpt2Model model, ParameterStore ps, NDManager manager, int[] tokens, int context,
                                  boolean addPositions) {
        return TokenStreamScore.of(model, ps, manager, tokens, context, addPositions).meanLoss();
    }
}
