package dev.lamo.harness.cli;

import dev.lamo.envs.Json;
import dev.lamo.policies.lm.LanguageModelEvaluation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lamo lm eval}: bits per byte and perplexity of a text under an LM or a LaMo run's backbone. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Bits per byte (beside gzip -9's on the same text) and perplexity of a plain-text file under a language model folder, or under a LaMo run's backbone "
                + "with its trained adapters applied.")
final class LmEvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--lm", required = true, description = "LM folder (config.json + model.safetensors) or a LaMo run directory.")
    Path lm;

    @Option(names = "--text", required = true, description = "Plain-text file.")
    Path text;

    @Option(names = "--no-positions", description = "Do not add position embeddings (how LaMo's D4RL path runs the LM).")
    boolean noPositions;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        LanguageModelEvaluation.Result r = LanguageModelEvaluation.evaluate(lm, text, noPositions ? Boolean.FALSE : null);
        if (json) {
            spec.commandLine().getOut().println(Json.writePretty(r));
        } else {
            spec.commandLine().getOut().printf("%s: %d bytes, %d tokens (%s): %.3f bits per byte (gzip -9: %.3f), "
                            + "perplexity %.3f (%s position embeddings)%n", text, r.bytes(), r.tokens(), r.tokenizer(),
                    r.bitsPerByte(), r.gzipBitsPerByte(), r.perplexity(), r.positions() ? "with" : "without");
        }
        return 0;
    }
}
