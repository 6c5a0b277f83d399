package dev.lamo.harness.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lamo lm ...}: the language models LaMo builds on. */
@Command(name = "lm", mixinStandardHelpOptions = true, description = "Pre-train and evaluate language models.",
        subcommands = {LmPretrainCommand.class, LmEvalCommand.class})
final class LmCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
