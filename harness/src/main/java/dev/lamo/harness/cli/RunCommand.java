package dev.lamo.harness.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lamo run ...}: inspect training runs. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Inspect training runs.",
        subcommands = {RunCheckpointsCommand.class})
final class RunCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
