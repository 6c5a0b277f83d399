package dev.lamo.harness.cli;

import dev.lamo.envs.Json;
import dev.lamo.harness.bench.PolicyLatency;
import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyLoader;
import dev.lamo.policies.djl.DjlRuntime;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lamo bench policy}: batched forward latency and throughput against batch size. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Forward latency (median, p99) and actions per second of a trained policy at several batch sizes.")
final class PolicyBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--policy", required = true, description = "Run directory or checkpoint.")
    Path policyPath;

    @Option(names = "--batch", split = ",", defaultValue = "1,8,32,128", description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> batches;

    @Option(names = "--seconds", defaultValue = "3", description = "Seconds per batch size (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--json", description = "Also write the figures to this JSON file.")
    Path jsonFile;

    @Override
    public Integer call() throws Exception {
        DjlRuntime.configure();
        PrintWriter out = spec.commandLine().getOut();
        List<PolicyLatency.Measurement> rows = new ArrayList<>();
        try (Policy policy = PolicyLoader.load(PolicyLoader.resolve(policyPath, null))) {
            out.printf("policy %s (%s, context %d), torch threads %d%n", policyPath, policy.info().algorithm(),
                    policy.info().contextLength(), DjlRuntime.threads());
            out.printf("%6s %14s %14s %16s%n", "batch", "median ms", "p99 ms", "actions/s");
            for (int b : batches) {
                if (b < 1) {
                    throw new BadInputException("--batch values must be >= 1, got " + b);
                }
                PolicyLatency.Measurement m = PolicyLatency.measure(policy, b, seconds);
                rows.add(m);
                out.printf("%6d %14.3f %14.3f %16.0f%n", b, m.medianMillis(), m.p99Millis(), m.actionsPerSecond());
            }
        }
        if (jsonFile != null) {
            Files.writeString(jsonFile, Json.writePretty(rows));
        }
        return 0;
    }
}
