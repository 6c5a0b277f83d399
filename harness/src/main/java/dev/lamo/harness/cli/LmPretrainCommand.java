package dev.lamo.harness.cli;

import dev.lamo.policies.lm.LmPretrainConfig;
import dev.lamo.policies.lm.LmPretrainer;
import dev.lamo.policies.lm.TextCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lamo lm pretrain}: a small GPT-2-architecture causal LM trained from scratch on plain text. */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = "Pre-train a GPT-2-architecture causal language model from scratch on plain text; writes a "
                + "Hugging Face checkpoint folder (config.json, model.safetensors, vocab.json, merges.txt, pretraining.json).")
final class LmPretrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--corpus", required = true, description = "A .txt file or a folder of .txt files (scripts/fetch-corpus.sh makes .corpus).")
    Path corpus;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--layers", description = "Transformer blocks (default 3).")
    Integer layers;

    @Option(names = "--hidden", description = "Hidden size (default 128).")
    Integer hidden;

    @Option(names = "--heads", description = "Attention heads (default 4).")
    Integer heads;

    @Option(names = "--context", description = "Context length in tokens (default 128).")
    Integer context;

    @Option(names = "--vocab", description = "BPE vocabulary size trained on the corpus (default 2048).")
    Integer vocab;

    @Option(names = "--steps", description = "Optimizer steps (default 600).")
    Long steps;

    @Option(names = "--batch", description = "Blocks per step (default 16).")
    Integer batch;

    @Option(names = "--lr", description = "Peak learning rate (default 1e-3).")
    Double lr;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (Files.exists(out.resolve("config.json"))) {
            throw new BadInputException("--out " + out + " already holds a model (config.json exists)");
        }
        LmPretrainConfig d = LmPretrainConfig.defaults();
        LmPretrainConfig c = new LmPretrainConfig(or(layers, d.layers()), or(hidden, d.hidden()), or(heads, d.heads()),
                or(context, d.context()), or(vocab, d.vocab()), steps == null ? d.steps() : steps, or(batch, d.batchSize()),
                lr == null ? d.lr() : lr, d.warmupSteps(), d.minLrRatio(), d.weightDecay(), d.gradClip(),
                d.tokenizerSampleChars(), d.validationFraction(), d.dropout(), seed);
        TextCorpus text = TextCorpus.load(corpus);
        Progress bar = new Progress(spec.commandLine().getErr(), "pretrain", c.steps());
        LmPretrainer.Result r = LmPretrainer.pretrain(text, c, out, (done, total, extra) -> bar.update(done, total, extra));
        spec.commandLine().getOut().printf("pre-trained %d layers x %d hidden on %d tokens in %.0f s: validation "
                        + "perplexity %.1f, %.3f bits per byte -> %s%n", c.layers(), c.hidden(), r.tokensSeen(), r.seconds(),
                r.validationPerplexity(), r.validationBitsPerByte(), out);
        return 0;
    }

    private static int or(Integer v, int d) {
        return v == null ? d : v;
    }
}
