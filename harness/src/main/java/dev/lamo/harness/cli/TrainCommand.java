package dev.lamo.harness.cli;

import dev.lamo.policies.run.TrainingProgress;
import dev.lamo.policies.sac.SacTrainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lamo train}: trains one algorithm into a run directory (config.json, metrics.jsonl, checkpoints). */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a policy: sac (online). Writes RUN_DIR/config.json, metrics.jsonl and "
                + "checkpoints/step_N; --resume continues exactly from the latest checkpoint.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--algo", required = true, description = "Algorithm: sac.")
    String algorithm;

    @Option(names = "--env", description = "Environment id (required unless --resume).")
    String envId;

    @Option(names = "--steps", description = "Training steps (sac default: 300000).")
    Long steps;

    @Option(names = "--seed", defaultValue = "0", description = "Training seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--set", description = "Override a hyper-parameter: --set key=value (repeatable; keys as in config.json).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", required = true, description = "Run directory.")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its latest checkpoint.")
    boolean resume;

    @Override
    public Integer call() {
        if (!resume && envId == null) {
            throw new BadInputException("--env is required for a new run");
        }
        Progress bar = new Progress(spec.commandLine().getErr(), "train " + algorithm, 1);
        TrainingProgress progress = (done, total, extra) -> bar.update(done, total, extra);
        switch (algorithm) {
            case "sac" -> SacTrainer.train(new SacTrainer.Options(envId, steps, seed, out, resume, overrides, 0), List.of(),
                    progress);
            default -> throw new BadInputException("--algo " + algorithm + ": expected one of sac");
        }
        spec.commandLine().getOut().println("run written to " + out);
        return 0;
    }
}
