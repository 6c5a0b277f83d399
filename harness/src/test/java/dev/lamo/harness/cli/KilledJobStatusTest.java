package dev.lamo.harness.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.lamo.results.records.JobStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real training process killed with kill -9 leaves a status.json that reads as interrupted once it is stale. */
class KilledJobStatusTest {

    @Test
    void aKilledTrainingReadsAsInterrupted(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("r.hdf5");
        assertEquals(0, CliRunner.run("data", "generate", "--env", "reacher2d", "--behavior", "scripted", "--episodes", "4",
                "--seed", "1", "--out", data.toString()).exitCode());
        Path run = dir.resolve("bc");
        List<String> cmd = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Dlamo.threads=1",
                "-cp", System.getProperty("java.class.path"), "dev.lamo.harness.cli.Lamo", "train", "--algo", "bc", "--env",
                "reacher2d", "--data", data.toString(), "--steps", "100000000", "--out", run.toString());
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile())
                .start();
        JobStatus running;
        try {
            running = awaitSteps(run, child, dir.resolve("child.log"));
        } finally {
            child.destroyForcibly().waitFor(1, TimeUnit.MINUTES);  // kill -9
        }
        assertEquals(JobStatus.State.RUNNING, running.state());
        assertEquals(child.pid(), running.pid());
        assertEquals(100_000_000L, running.progress().total());
        assertNotNull(running.throughput().updatesPerSecond(), "training reports updates per second");
        JobStatus left = JobStatus.read(run);
        assertEquals(JobStatus.State.RUNNING, left.state(), "nobody wrote an end");
        Duration threshold = Duration.ofSeconds(1);
        Thread.sleep(1500);
        Instant now = Instant.now();
        assertEquals(JobStatus.State.INTERRUPTED, left.observedState(now, threshold));
        StringWriter out = new StringWriter();
        JobStatusReport.print(new PrintWriter(out, true), run, now, threshold);
        assertTrue(out.toString().startsWith("training in " + run + ": interrupted (no heartbeat for "), out.toString());
        assertFalse(out.toString().contains("eta"), "no eta for a job that is not running: " + out);
    }

    /** The child's status once a beat after the first reports steps done. */
    private static JobStatus awaitSteps(Path run, Process child, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline && child.isAlive()) {
            if (Files.exists(run.resolve(JobStatus.FILE))) {
                JobStatus s = JobStatus.read(run);
                if (s.progress().done() > 0) {
                    return s;
                }
            }
            Thread.sleep(200);
        }
        fail("no status with steps done from the child: " + Files.readString(log));
        return null;
    }
}
