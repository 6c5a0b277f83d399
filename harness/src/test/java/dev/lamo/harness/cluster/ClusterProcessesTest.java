package dev.lamo.harness.cluster;

import static org.junit.jupiter.api.Assertions.*;

import dev.lamo.harness.eval.EvalPlan;
import dev.lamo.harness.eval.Evaluation;
import dev.lamo.results.records.EpisodeRecord;
import dev.lamo.results.records.EpisodeRecords;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode across processes on loopback, through the real command line: a coordinator JVM
 * ({@code lamo eval --cluster}), a policy node JVM and environment node JVMs ({@code lamo node ...}), with kill -9.
 */
@Tag("slow")
class ClusterProcessesTest {

    @TempDir
    static Path shared;
    static Path run;
    static List<EpisodeRecord> local;
    private final List<Process> processes = new ArrayList<>();

    @BeforeAll
    static void trainAndEvaluateLocally() {
        run = TinyRun.train(shared);
        Path out = shared.resolve("local");
        Evaluation.run(new EvalPlan(run, List.of(60L), "reacher2d", List.of(76.0, 40.0), 3, 5, 1, 128, 2, 60_000, out, false),
                n -> { });
        local = results(out);
    }

    @AfterEach
    void stopNodes() {
        processes.forEach(Process::destroyForcibly);
    }

    private static List<EpisodeRecord> results(Path out) {
        return EpisodeRecords.read(out.resolve("episodes.jsonl")).stream().map(EpisodeRecord::withoutTiming).toList();
    }

    /** A child JVM running the lamo command line; returns once a node printed that it joined. */
    private Process lamo(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Xss4m", "-Dlamo.threads=1", "-cp", System.getProperty("java.class.path"),
                "dev.lamo.harness.cli.Lamo"));
        cmd.addAll(List.of(args));
        // standard error of each process stays in target/cluster-logs for a look after a failure
        Path logs = Path.of("target", "cluster-logs", log.getParent().getFileName().toString());
        Files.createDirectories(logs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(
                logs.resolve(log.getFileName() + ".err").toFile()));
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        processes.add(p);
        if (args[0].equals("node")) {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
            String line = out.readLine();
            assertNotNull(line, "node exited: " + Files.readString(logs.resolve(log.getFileName() + ".err")));
            assertTrue(line.startsWith("lamo node " + args[1] + ": joined as "), "standard output: " + line);
        }
        return p;
    }

    private Process node(Path dir, String name, Path cluster, String role) throws IOException {
        return role.equals("env") ? lamo(dir.resolve(name), "node", "env", "--cluster", cluster.toString(), "--workers", "1")
                : lamo(dir.resolve(name), "node", "policy", "--cluster", cluster.toString());
    }

    private Process eval(Path dir, Path cluster, Path out, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("eval", "--policy", run.toString(), "--checkpoints", "60", "--targets", "76,40",
                "--episodes", "3", "--seed", "5", "--concurrency", "2", "--out", out.toString(), "--cluster", cluster.toString()));
        args.addAll(List.of(extra));
        return lamo(dir.resolve("coordinator"), args.toArray(String[]::new));
    }

    private static String err(Path dir) {
        try {
            return Files.readString(Path.of("target", "cluster-logs", dir.getFileName().toString(), "coordinator.err"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitEpisodes(Path out, int n) throws InterruptedException {
        Path file = out.resolve("episodes.jsonl");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            try {
                if (Files.exists(file) && Files.readAllLines(file).size() >= n) {
                    return;
                }
            } catch (IOException ignored) {
                // being written
            }
            Thread.sleep(100);
        }
        fail("fewer than " + n + " episodes in " + file);
    }

    private static Path cluster(Path dir) {
        return TinyRun.clusterFile(dir, "p" + ProcessHandle.current().pid() + "-" + dir.getFileName().toString().hashCode(),
                "127.0.0.1", TinyRun.freePorts("127.0.0.1", 6), "");
    }

    private static void assertEveryEpisodeOnce(List<EpisodeRecord> records) {
        assertEquals(6, records.size(), "every episode exactly once");
        Set<String> keys = new HashSet<>();
        for (EpisodeRecord r : records) {
            assertNull(r.failure(), r.failure());
            assertTrue(keys.add(r.target() + "/" + r.index()), "twice: " + r);
        }
    }

    @Test
    void threeJvmsGiveTheLocalResults(@TempDir Path dir) throws Exception {
        Path cluster = cluster(dir);
        // one after the other: nodes started at the same moment can form two clusters for a while (see README)
        node(dir, "policy", cluster, "policy");
        node(dir, "env", cluster, "env");
        Process coordinator = eval(dir, cluster, dir.resolve("out"));
        assertTrue(coordinator.waitFor(4, TimeUnit.MINUTES));
        assertEquals(0, coordinator.exitValue(), err(dir));
        assertEquals(local, results(dir.resolve("out")), "same records, same order, every field but timings");
    }

    @Test
    void killingTheEnvironmentNodeMidRunLosesNothingAndALateNodeFinishes(@TempDir Path dir) throws Exception {
        Path cluster = cluster(dir);
        node(dir, "policy", cluster, "policy");
        Process first = node(dir, "env-1", cluster, "env");
        Path out = dir.resolve("out");
        Process coordinator = eval(dir, cluster, out);
        awaitEpisodes(out, 1);
        first.destroyForcibly().waitFor();  // kill -9
        node(dir, "env-2", cluster, "env");
        assertTrue(coordinator.waitFor(4, TimeUnit.MINUTES));
        assertEquals(0, coordinator.exitValue(), err(dir));
        assertEveryEpisodeOnce(results(out));
        // on the engine runtime (the default) re-run episodes are the same bits as undisturbed ones
        java.util.Comparator<EpisodeRecord> byKey = java.util.Comparator.comparing((EpisodeRecord r) -> r.target())
                .thenComparing(EpisodeRecord::index);
        assertEquals(local.stream().sorted(byKey).toList(), results(out).stream().sorted(byKey).toList(),
                "the undisturbed local results, every field but timings");
    }

    @Test
    void losingThePolicyNodeStopsCleanlyAndResumeContinues(@TempDir Path dir) throws Exception {
        Path cluster = cluster(dir);
        Process policy = node(dir, "policy-1", cluster, "policy");
        node(dir, "env", cluster, "env");
        Path out = dir.resolve("out");
        Process coordinator = eval(dir, cluster, out);
        awaitEpisodes(out, 1);
        policy.destroyForcibly().waitFor();  // kill -9
        assertTrue(coordinator.waitFor(2, TimeUnit.MINUTES));
        assertEquals(1, coordinator.exitValue(), err(dir));
        String err = err(dir);
        assertTrue(err.contains("left the cluster; finished episodes are recorded: start a policy node and run the same "
                + "command with --resume"), err);
        assertFalse(err.contains("\tat "), "one line, no stack trace: " + err);
        int before = results(out).size();
        assertTrue(before >= 1 && before < 6, "stopped mid-run after " + before);
        node(dir, "policy-2", cluster, "policy");
        Process resumed = eval(dir, cluster, out, "--resume");
        assertTrue(resumed.waitFor(4, TimeUnit.MINUTES));
        assertEquals(0, resumed.exitValue(), err(dir));
        assertEveryEpisodeOnce(results(out));
    }
}
