package dev.lamo.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.results.bench.HarnessWindowBenchmark;
import dev.lamo.results.records.Records;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lamo bench harness --window}: its options refused in one line (exit 2) before anything loads, and a small
 * real run on the CPU engine whose JSON holds one time-boxed point per concurrency.
 */
class HarnessWindowBenchTest {

    @TempDir
    static Path dir;
    static Path run;

    @BeforeAll
    static void tinyRun() {
        Path data = dir.resolve("h.hdf5");
        assertEquals(0, CliRunner.run("data", "generate", "--env", "hopper", "--behavior", "random", "--episodes", "4",
                "--seed", "1", "--out", data.toString()).exitCode());
        run = dir.resolve("dt");
        CliRunner r = CliRunner.run("train", "--algo", "dt", "--env", "hopper", "--data", data.toString(), "--steps", "4",
                "--set", "batch_size=4", "--set", "dt_layers=1", "--set", "dt_hidden=16", "--set", "context_length=4",
                "--set", "warmup_steps=2", "--out", run.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    private static void assertBad(String message, String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "bench";
        args[1] = "harness";
        args[2] = "--policy";
        args[3] = run.toString();
        System.arraycopy(options, 0, args, 4, options.length);
        CliRunner r = CliRunner.run(args);
        assertEquals(2, r.exitCode(), r.err() + r.out());
        assertEquals("lamo bench harness: " + message, r.err().strip());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void badOptionsFailInOneLineWithExitCode2() {
        assertBad("--window must be a positive number of seconds, got 0.0", "--window", "0");
        assertBad("--window must be a positive number of seconds, got -2.0", "--window", "-2");
        assertBad("--warmup must be a number of seconds >= 0, got -1.0", "--window", "5", "--warmup", "-1");
        assertBad("--workers must be >= 1, got 0", "--workers", "0");
        assertBad("--max-batch must be >= 1, got 0", "--max-batch", "0");
        assertBad("--concurrency values must be >= 1, got 0", "--concurrency", "1,0");
        assertBad("--window times the end-to-end harness; it does not combine with --policy-only", "--window", "5",
                "--policy-only");
        assertBad("--runtime must be auto, engine, gpu or djl, got 'tpu'", "--runtime", "tpu", "--window", "5");
        assertBad("give one of --policy RUN or --seeded MODEL", "--seeded", "lamo-small", "--window", "5");
    }

    @Test
    void seededModelsAreCheckedBeforeAnythingRuns() {
        assertBadSeeded("--seeded needs --window (it measures time-boxed points only)", "--seeded", "lamo-small");
        assertBadSeeded("--seeded must be one of dt-small, lamo-small, lamo-gpt2-small, got 'gpt3'", "--seeded", "gpt3",
                "--window", "1");
        assertBadSeeded("--seeded models run on the engine or the gpu, not on djl", "--seeded", "lamo-small", "--runtime",
                "djl", "--window", "1");
        assertBadSeeded("--seeded lamo-small reads 11 observations and writes 3 actions; --env halfcheetah has 17 and 6",
                "--seeded", "lamo-small", "--runtime", "engine", "--env", "halfcheetah", "--window", "1");
    }

    private static void assertBadSeeded(String message, String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "bench";
        args[1] = "harness";
        System.arraycopy(options, 0, args, 2, options.length);
        CliRunner r = CliRunner.run(args);
        assertEquals(2, r.exitCode(), r.err() + r.out());
        assertEquals("lamo bench harness: " + message, r.err().strip());
    }

    @Test
    void aSeededModelRunsInWindowsOnTheEngine() {
        Path json = dir.resolve("seeded.json");
        CliRunner r = CliRunner.run("bench", "harness", "--seeded", "lamo-small", "--seed", "3", "--runtime", "engine",
                "--concurrency", "2", "--window", "1", "--warmup", "0.5", "--workers", "1", "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("lamo-small@seed3 on hopper, runtime engine, 1 workers"), r.out());
        HarnessWindowBenchmark b = Records.read(json, HarnessWindowBenchmark.class, HarnessWindowBenchmark.SCHEMA,
                HarnessWindowBenchmark.VERSION);
        assertEquals("hopper", b.env());
        assertEquals(1, b.points().size());
        assertTrue(b.points().get(0).envSteps() > 0, b.points().toString());
        assertEquals(null, b.precision());
    }

    @Test
    void aWindowedRunWritesOneTimeBoxedPointPerConcurrency() {
        Path json = dir.resolve("bench.json");
        CliRunner r = CliRunner.run("bench", "harness", "--policy", run.toString(), "--runtime", "engine", "--concurrency",
                "1,4", "--window", "1", "--warmup", "0.5", "--workers", "1", "--max-batch", "2", "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("runtime engine, 1 workers, max batch 2, windows of 1.0 s after 0.5 s warm-up"), r.out());
        assertTrue(r.out().contains("speed-up at concurrency 4 over concurrency 1: "), r.out());
        HarnessWindowBenchmark b = Records.read(json, HarnessWindowBenchmark.class, HarnessWindowBenchmark.SCHEMA,
                HarnessWindowBenchmark.VERSION);
        assertEquals("engine", b.runtime());
        assertEquals(1, b.workers());
        assertEquals(2, b.points().size());
        HarnessWindowBenchmark.Point one = b.points().get(0);
        HarnessWindowBenchmark.Point four = b.points().get(1);
        assertEquals(1, one.concurrency());
        assertEquals(4, four.concurrency());
        for (HarnessWindowBenchmark.Point p : b.points()) {
            // the window closes after the round in progress, never before the requested second
            assertTrue(p.seconds() >= 1.0, "window " + p.seconds());
            assertTrue(p.envSteps() > 0 && p.forwards() > 0, p.toString());
            assertEquals(p.envSteps() / p.seconds(), p.envStepsPerSecond(), 1e-9);
            assertTrue(p.physicsFraction() > 0 && p.forwardMsPerBatch() > 0 && p.actOverheadMsPerBatch() >= 0, p.toString());
        }
        assertEquals(1.0, one.meanBatchSize(), 1e-12);
        // four episodes at a largest batch of 2: two forwards per round (episodes that end in the window refill)
        assertTrue(four.meanBatchSize() > 1.0 && four.meanBatchSize() <= 2.0, "batch " + four.meanBatchSize());
        assertNotNull(b.speedup());
        assertEquals(four.envStepsPerSecond() / one.envStepsPerSecond(), b.speedup(), 1e-9);
    }
}
