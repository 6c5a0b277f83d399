package dev.lamo.harness.cli;

import dev.lamo.envs.Json;
import dev.lamo.harness.bench.MatmulPeak;
import dev.lamo.harness.bench.PolicyLatency;
import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyLoader;
import dev.lamo.policies.djl.DjlRuntime;
import dev.lamo.policies.runtime.EngineFlops;
import dev.lamo.policies.runtime.EngineCheckpoint;
import dev.lamo.policies.runtime.PolicyRuntime;
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

/**
 * {@code lamo bench policy}: batched forward latency and throughput against batch size, per runtime, with the
 * GFLOP/s each implementation performs and this machine's single-thread matrix-product rate measured in the
 * same run.
 */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Forward latency (median, p99), forwards and actions per second and GFLOP/s of a trained policy at "
                + "several batch sizes and runtimes, beside the matrix-product peak measured in the same run.")
final class PolicyBenchCommand implements Callable<Integer> {

    /** One measured point (the JSON rows). */
    record Row(String runtime, int batch, double medianMillis, double p99Millis, double forwardsPerSecond,
               double actionsPerSecond, Double gflops, double medianCpuMillis, Double cpuGflops, double bytesAllocatedPerRow) {
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--policy", required = true, description = "Run directory or checkpoint.")
    Path policyPath;

    @Option(names = "--batch", split = ",", defaultValue = "1,8,32,128", description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> batches;

    @Option(names = "--runtime", split = ",", defaultValue = "auto",
            description = "Runtimes to measure side by side: auto, engine, gpu, djl (default: ${DEFAULT-VALUE}).")
    List<String> runtimes;

    @Option(names = "--precision", defaultValue = "fp32", description = "GEMM precision of the gpu runtime: fp32, tf32 or bf16 "
            + "(default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--policy-threads", defaultValue = "1", description = "Engine threads sharing a batch (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--seconds", defaultValue = "3", description = "Seconds per batch size (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--json", description = "Also write the figures to this JSON file.")
    Path jsonFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<PolicyRuntime> chosen = new ArrayList<>();
        for (String r : runtimes) {
            try {
                chosen.add(PolicyRuntime.parse(r));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        if (threads < 1) {
            throw new BadInputException("--policy-threads must be >= 1, got " + threads);
        }
        RuntimeOptions.configureGpu(precision, chosen);
        for (int b : batches) {
            if (b < 1) {
                throw new BadInputException("--batch values must be >= 1, got " + b);
            }
        }
        PolicyLoader.CheckpointRef ref = PolicyLoader.resolve(policyPath, null);
        boolean djl = chosen.stream().anyMatch(r -> r.resolve(ref.config()) == PolicyRuntime.DJL);
        if (djl) {
            DjlRuntime.configure();
        }
        EngineFlops flops = null;
        if (EngineCheckpoint.supports(ref.config())) {
            try (Policy counting = PolicyRuntime.ENGINE.load(ref, 1)) {
                flops = (EngineFlops) counting;
            }
        }
        List<Row> rows = new ArrayList<>();
        out.printf("policy %s (%s, context %d)%s%n", policyPath, ref.config().algorithm(), 
                ref.config().facts().contextLength() == null ? 1 : ref.config().facts().contextLength(),
                djl ? ", torch threads " + DjlRuntime.threads() : "");
        out.printf("%8s %6s %11s %11s %12s %12s %9s %11s %9s %10s%n", "runtime", "batch", "median ms", "p99 ms", "forwards/s",
                "actions/s", "GFLOP/s", "cpu ms", "cpu GF/s", "bytes/row");
        for (PolicyRuntime r : chosen) {
            PolicyRuntime concrete = r.resolve(ref.config());
            try (Policy policy = concrete.load(ref, threads)) {
                for (int b : batches) {
                    PolicyLatency.Measurement m = PolicyLatency.measure(policy, b, seconds);
                    Double gflops = null;
                    Double cpuGflops = null;
                    if (flops != null) {
                        long perRow = concrete != PolicyRuntime.DJL ? flops.flopsPerRow() : flops.djlFlopsPerRow();
                        gflops = perRow * (double) b / (m.medianMillis() * 1e6);
                        cpuGflops = perRow * (double) b / (m.medianCpuMillis() * 1e6);
                    }
                    Row row = new Row(concrete.id(), b, m.medianMillis(), m.p99Millis(), 1000 / m.medianMillis(),
                            m.actionsPerSecond(), gflops, m.medianCpuMillis(), cpuGflops, m.bytesPerCall() / b);
                    rows.add(row);
                    out.printf("%8s %6d %11.3f %11.3f %12.1f %12.0f %9s %11.3f %9s %10.0f%n", row.runtime(), b,
                            row.medianMillis(), row.p99Millis(), row.forwardsPerSecond(), row.actionsPerSecond(),
                            gflops == null ? "-" : String.format("%.1f", gflops), row.medianCpuMillis(),
                            cpuGflops == null ? "-" : String.format("%.1f", cpuGflops), row.bytesAllocatedPerRow());
                }
            }
        }
        if (flops != null) {
            out.printf("FLOPs per row (products): engine %.2f M, djl %.2f M%n", flops.flopsPerRow() / 1e6,
                    flops.djlFlopsPerRow() / 1e6);
        }
        List<MatmulPeak.Rate> peaks = new ArrayList<>();
        peaks.add(MatmulPeak.engine(60, 128, 384, 1));
        peaks.add(MatmulPeak.engine(512, 512, 512, 1));
        if (djl) {
            peaks.add(MatmulPeak.libtorch(1024, 1));
        }
        for (MatmulPeak.Rate p : peaks) {
            out.printf("matrix-product peak, one thread, %s: %.1f GFLOP/s%n", p.what(), p.gflops());
        }
        if (jsonFile != null) {
            Files.writeString(jsonFile, Json.writePretty(java.util.Map.of("rows", rows, "peaks", peaks)));
        }
        return 0;
    }
}
