package dev.lamo.harness.cli;

import dev.lamo.envs.Env;
import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.mujoco.MujocoEnv;
import dev.lamo.envs.mujoco.MujocoRuntime;
import dev.lamo.harness.bench.EnvStepThroughput;
import dev.lamo.harness.bench.NativeEnvStepThroughput;
import dev.lamo.envs.Json;
import dev.lamo.results.stats.Descriptive;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lamo bench env}: environment steps per second per thread through our Java environments, and in
 * the same run the same model stepped from C against the same libmujoco; rounds alternate Java and C, and
 * the medians and their ratio are reported.
 */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = "Environment steps per second per thread (Java) beside a C program stepping the same model; "
                + "prints the Java/C ratio last.")
final class EnvBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--env", required = true, description = "Environment id.")
    String envId;

    @Option(names = "--threads", split = ",", defaultValue = "1,2",
            description = "Thread counts to measure (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--seconds", defaultValue = "2", description = "Seconds per measurement (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--rounds", defaultValue = "5", description = "Alternating Java/C rounds; medians are reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--no-native", description = "Skip the C reference.")
    boolean noNative;

    @Option(names = "--json", description = "Also write every figure to this JSON file.")
    Path jsonFile;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (seconds <= 0 || rounds < 1) {
            throw new BadInputException("--seconds must be > 0 and --rounds >= 1, got " + seconds + " and " + rounds);
        }
        for (int t : threads) {
            if (t < 1 || t > 64) {
                throw new BadInputException("--threads values must be between 1 and 64, got " + t);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Env<?, ?> env = EnvRegistry.make(envId)) {
            MujocoEnv probe = env instanceof MujocoEnv m ? m : null;
            boolean noNative = this.noNative || probe == null;
            if (probe != null) {
                out.printf("env-step throughput: %s (%s, frame skip %d, %s s per physics step), random actions, MuJoCo %s%n",
                        envId, probe.spec().version(), probe.frameSkip(), probe.model().timestep(), MujocoRuntime.version());
            } else {
                out.printf("env-step throughput: %s (%s), random actions; no C reference (not a MuJoCo environment)%n", envId,
                        env.spec().version());
            }
            out.printf("%d alternating rounds of %.1f s per configuration; medians of the per-thread rates%n", rounds, seconds);
            List<Map<String, Object>> rows = new ArrayList<>();
            NativeEnvStepThroughput cReference = noNative ? null : NativeEnvStepThroughput.compile();
            try {
                out.printf("%8s %20s %20s %8s%n", "threads", "java steps/s/thread", "C steps/s/thread", "java/C");
                for (int t : threads) {
                    double[] javaRounds = new double[rounds];
                    double[] cRounds = new double[rounds];
                    for (int r = 0; r < rounds; r++) {
                        javaRounds[r] = Descriptive.mean(EnvStepThroughput.measure(envId, t, seconds));
                        if (cReference != null) {
                            cRounds[r] = Descriptive.mean(cReference.measure(probe, t, seconds));
                        }
                    }
                    double java = Descriptive.median(javaRounds);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("threads", t);
                    row.put("java_steps_per_second_per_thread", java);
                    row.put("java_rounds", javaRounds);
                    if (cReference != null) {
                        double c = Descriptive.median(cRounds);
                        row.put("c_steps_per_second_per_thread", c);
                        row.put("c_rounds", cRounds);
                        row.put("java_over_c", java / c);
                        out.printf("%8d %20.0f %20.0f %8.3f%n", t, java, c, java / c);
                    } else {
                        out.printf("%8d %20.0f %20s %8s%n", t, java, "-", "-");
                    }
                    rows.add(row);
                }
            } finally {
                if (cReference != null) {
                    cReference.close();
                }
            }
            Map<String, Object> first = rows.get(0);
            for (Map<String, Object> row : rows.subList(1, rows.size())) {
                double scaling = (int) row.get("threads") * (double) row.get("java_steps_per_second_per_thread")
                        / ((int) first.get("threads") * (double) first.get("java_steps_per_second_per_thread"));
                out.printf("java scaling %d -> %d threads: %.2fx total throughput (linear: %.2fx)%n", first.get("threads"),
                        row.get("threads"), scaling, (int) row.get("threads") / (double) (int) first.get("threads"));
            }
            if (!noNative) {
                out.printf("Java/C ratio (%d thread%s): %.3f%n", first.get("threads"),
                        (int) first.get("threads") == 1 ? "" : "s", (double) first.get("java_over_c"));
            }
            if (jsonFile != null) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("env", envId);
                doc.put("mujoco", probe == null ? null : MujocoRuntime.version());
                doc.put("seconds", seconds);
                doc.put("rounds", rounds);
                doc.put("results", rows);
                Path tmp = jsonFile.resolveSibling(jsonFile.getFileName() + ".tmp");
                Files.writeString(tmp, Json.writePretty(doc));
                Files.move(tmp, jsonFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return 0;
    }
}
