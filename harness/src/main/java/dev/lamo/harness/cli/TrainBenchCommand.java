package dev.lamo.harness.cli;

import dev.lamo.envs.Folders;
import dev.lamo.harness.bench.ResidentMemory;
import dev.lamo.harness.train.TrainingJob;
import dev.lamo.policies.registry.Algorithm;
import dev.lamo.policies.registry.Algorithms;
import dev.lamo.policies.run.RunDirectory;
import dev.lamo.results.records.MetricsLog;
import dev.lamo.results.stats.Descriptive;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lamo bench train}: training steps per second of an offline algorithm, and resident memory over the run. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an offline algorithm for a number of steps in a temporary folder; report steps per second (median of "
                + "100-step windows) and resident memory at step 100 and at the end.")
final class TrainBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--algo", required = true, description = "lamo, dt, cql, td3bc, iql or bc.")
    String algorithm;

    @Option(names = "--env", required = true, description = "Environment of the data.")
    String envId;

    @Option(names = "--data", required = true, description = "Dataset file.")
    Path data;

    @Option(names = "--lm", description = "Language model for LaMo (default: the cached default small LM).")
    Path lm;

    @Option(names = "--steps", defaultValue = "1000", description = "Steps (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--set", description = "Hyper-parameter override, as for lamo train (for example batch_size=64).")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (steps < 200) {
            throw new BadInputException("--steps must be at least 200 to compare memory at step 100 with the end");
        }
        Path model = lm;
        Algorithm chosen = Algorithms.get(Algorithms.variant(algorithm).algorithm());
        if (!chosen.offline()) {
            throw new BadInputException("--algo: bench train measures offline training, not " + algorithm);
        }
        if (chosen.usesLanguageModel() && model == null) {
            model = LamoPaths.requireDefaultLanguageModel();
        }
        Path dir = Files.createTempDirectory("lamo-bench-train");
        List<String> sets = new ArrayList<>(overrides);
        sets.add("log_every=100");
        sets.add("checkpoint_every=" + (steps + 1));
        long[] rss = new long[2];
        try {
            new TrainingJob(algorithm, envId, data, null, null, model, LamoPaths.corpus(), steps, 0, dir.resolve("run"), false,
                    sets, null).run((done, total, extra) -> {
                        if (done == 100) {
                            rss[0] = ResidentMemory.bytes();
                        }
                        if (done == total) {
                            rss[1] = ResidentMemory.bytes();
                        }
                    }, outcome -> { });
            List<Double> rates = new ArrayList<>();
            for (Map<String, Object> m : MetricsLog.read(dir.resolve("run").resolve(RunDirectory.METRICS))) {
                if (m.get("steps_per_second") instanceof Number n && ((Number) m.get("step")).longValue() > 100) {
                    rates.add(n.doubleValue());
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            double median = Descriptive.median(rates.stream().mapToDouble(Double::doubleValue).toArray());
            out.printf("%s on %s: %d steps, median %.2f steps/s (100-step windows after the first)%n", algorithm, envId,
                    steps, median);
            out.printf("resident memory: %.0f MB at step 100, %.0f MB at step %d (ratio %.3f)%n", rss[0] / 1e6, rss[1] / 1e6,
                    steps, (double) rss[1] / rss[0]);
        } finally {
            Folders.deleteRecursively(dir);
        }
        return 0;
    }
}
