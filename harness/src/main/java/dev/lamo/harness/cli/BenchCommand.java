package dev.lamo.harness.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lamo bench ...}: throughput measurements, reported as medians with ratios measured side by side. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure throughput.",
        subcommands = {EnvBenchCommand.class, DataBenchCommand.class, PolicyBenchCommand.class, TrainBenchCommand.class, HarnessBenchCommand.class})
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
