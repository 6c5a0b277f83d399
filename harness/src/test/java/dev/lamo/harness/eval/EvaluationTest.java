package dev.lamo.harness.eval;

import dev.lamo.policies.run.TrainingRequest;
import dev.lamo.envs.data.GenerationPlan;
import static org.junit.jupiter.api.Assertions.*;

import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.EnvSpec;
import dev.lamo.envs.behavior.Behaviors;
import dev.lamo.envs.data.DatasetGenerator;
import dev.lamo.envs.data.DatasetWriter;
import dev.lamo.envs.reacher.Reacher2d;
import dev.lamo.policies.dt.DtTrainer;
import dev.lamo.policies.run.TrainingProgress;
import dev.lamo.results.records.EpisodeRecord;
import dev.lamo.results.records.EvaluationSummary;
import dev.lamo.results.records.JobStatus;
import dev.lamo.results.records.Records;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {

    @TempDir
    static Path shared;
    static Path dtRun;

    @BeforeAll
    static void trainATinyDecisionTransformer() {
        Path data = shared.resolve("reacher.hdf5");
        DatasetWriter.write(DatasetGenerator.generate(new GenerationPlan<>("reacher2d",
                Behaviors.builtIn("scripted", "reacher2d", 1.0), 12, 0, 3, null, 2), n -> { }), data);
        dtRun = shared.resolve("dt");
        DtTrainer.train(new TrainingRequest("dt", null, "reacher2d", data, null, null, null, null, 60L, 1, dtRun, false,
                List.of("batch_size=16", "dt_layers=1", "dt_hidden=32", "warmup_steps=0", "lr=1e-3", "checkpoint_every=30"),
                0), List.of(), TrainingProgress.NONE);
    }

    private static EvalPlan plan(Path out, int workers, int maxBatch, boolean resume) {
        return new EvalPlan(dtRun, List.of(30L, 60L), "reacher2d", List.of(76.0, 40.0), 4, 9, workers, maxBatch, 0, 60_000,
                out, resume);
    }

    private static List<EpisodeRecord> results(Path out) {
        return EpisodeLog.readAll(out).stream().map(EpisodeRecord::withoutTiming).toList();
    }

    @Test
    void evaluatesATrainedPolicyEndToEnd(@TempDir Path dir) {
        List<JobStatus> seen = new ArrayList<>();
        Evaluation.Outcome o = Evaluation.run(plan(dir, 2, 128, false), n -> seen.add(JobStatus.read(dir)));
        assertEquals(JobStatus.State.RUNNING, seen.get(0).state(), "status.json beats during the run");
        assertEquals(new JobStatus.Progress("episodes", 0, 16, null), seen.get(0).progress(), "written at the start");
        JobStatus end = JobStatus.read(dir);
        assertEquals(JobStatus.State.FINISHED, end.state());
        assertEquals("evaluation", end.kind());
        assertEquals(16, end.progress().done());
        List<EpisodeRecord> records = results(dir);
        assertEquals(2 * 2 * 4, records.size(), "2 checkpoints x 2 targets x 4 episodes");
        for (EpisodeRecord r : records) {
            assertEquals(100, r.length());
            assertTrue(r.truncated());
            assertNull(r.failure());
            assertEquals(r.episodeReturn(), r.normalizedScore(), 1e-12, "reacher2d's score is its return");
            assertEquals(EpisodeKey.envSeed(9, r.target(), r.index()), r.envSeed());
        }
        EvaluationSummary s = o.summary();
        assertEquals(4, s.results().size());
        assertEquals("dt", s.run().algorithm());
        assertEquals(5, s.protocol().contextLength());
        assertEquals(10.0, s.protocol().returnScale());
        assertTrue(Files.exists(dir.resolve("summary.json")));
        assertEquals(1600L, o.throughput().get("env_steps"), "16 episodes of 100 steps");
    }

    @Test
    void resultsAreBitIdenticalAcrossRunsWorkerCountsAndBatchSizes(@TempDir Path dir) {
        Evaluation.run(plan(dir.resolve("a"), 1, 128, false), n -> { });
        Evaluation.run(plan(dir.resolve("b"), 2, 128, false), n -> { });
        Evaluation.run(plan(dir.resolve("c"), 2, 128, false), n -> { });
        List<EpisodeRecord> a = results(dir.resolve("a"));
        assertEquals(a, results(dir.resolve("b")), "1 vs 2 workers");
        assertEquals(a, results(dir.resolve("c")), "same command twice");
    }

    @Test
    void aResumedEvaluationRunsOnlyTheMissingEpisodes(@TempDir Path dir) throws Exception {
        Path full = dir.resolve("full");
        Evaluation.run(plan(full, 2, 128, false), n -> { });
        Path cut = dir.resolve("cut");
        Files.createDirectories(cut);
        List<String> lines = Files.readAllLines(full.resolve(EpisodeLog.FILE));
        // a process killed after 5 episodes, in the middle of writing the sixth line
        Files.writeString(cut.resolve(EpisodeLog.FILE), String.join("\n", lines.subList(0, 5)) + "\n"
                + lines.get(5).substring(0, 40));
        int[] reported = new int[1];
        Evaluation.run(plan(cut, 2, 128, true), n -> reported[0] = n);
        assertEquals(16, reported[0]);
        List<EpisodeRecord> expected = results(full).stream().sorted(java.util.Comparator.comparing(Object::toString)).toList();
        List<EpisodeRecord> resumed = results(cut).stream().sorted(java.util.Comparator.comparing(Object::toString)).toList();
        assertEquals(expected, resumed, "every episode exactly once, with the same results");
        IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.run(plan(cut, 2, 128, false), n -> { }));
        assertTrue(again.getMessage().contains("already holds episodes"), again.getMessage());
        // nothing left to run: no policy is loaded, and the summary keeps what the earlier one knew of it
        Evaluation.Outcome complete = Evaluation.run(plan(full, 2, 128, true), n -> { });
        assertEquals(5, complete.summary().protocol().contextLength());
        assertEquals(10.0, complete.summary().protocol().returnScale());
        assertEquals(0L, complete.throughput().get("env_steps"));
    }

    @Test
    void aNonFiniteActionFailsOnlyItsEpisode(@TempDir Path dir) {
        Path run = TestPolicies.fakeRun(dir.resolve("run"), "reacher2d");
        // the target position of episode 2 identifies it (observation values 8 and 9)
        double[] first;
        try (Reacher2d env = new Reacher2d()) {
            first = env.reset(EpisodeKey.envSeed(4, null, 2));
        }
        float tx = (float) first[8];
        float ty = (float) first[9];
        EvalPlan p = new EvalPlan(run, List.of(1L), "reacher2d", java.util.Collections.singletonList(null), 5, 4, 2, 128, 0,
                60_000, dir.resolve("out"), false);
        Evaluation.run(p, (r, s) -> TestPolicies.markov("reacher2d", o -> o[8] == tx && o[9] == ty), n -> { });
        List<EpisodeRecord> records = results(dir.resolve("out"));
        assertEquals(5, records.size());
        for (EpisodeRecord r : records) {
            if (r.index() == 2) {
                assertEquals("reacher2d: action[0] must be a finite number, got NaN", r.failure());
                assertEquals(0, r.length());
            } else {
                assertNull(r.failure());
                assertEquals(100, r.length());
            }
        }
        // summary.json counts the failed episode with its partial return, as the tables do
        EvaluationSummary.TargetResult summary = Records.read(dir.resolve("out/summary.json"), EvaluationSummary.class,
                EvaluationSummary.SCHEMA, EvaluationSummary.VERSION).results().get(0);
        assertEquals(5, summary.episodes());
        assertEquals(1, summary.failures());
        assertEquals(records.stream().mapToDouble(EpisodeRecord::episodeReturn).average().orElseThrow(), summary.returnMean(), 1e-9);
        assertEquals(records.stream().mapToDouble(EpisodeRecord::length).average().orElseThrow(), summary.lengthMean(), 1e-9);
    }

    @Test
    void aThousandConcurrentEpisodesFinishWithBoundedMemory(@TempDir Path dir) {
        Path run = TestPolicies.fakeRun(dir.resolve("run"), "reacher2d");
        EvalPlan p = new EvalPlan(run, List.of(1L), "reacher2d", java.util.Collections.singletonList(null), 1000, 2, 2, 128,
                0, 120_000, dir.resolve("out"), false);
        Runtime rt = Runtime.getRuntime();
        long[] peak = {0};
        Evaluation.Outcome o = Evaluation.run(p, (r, s) -> TestPolicies.markov("reacher2d", x -> false), n -> {
            if (n % 100 == 0) {
                peak[0] = Math.max(peak[0], rt.totalMemory() - rt.freeMemory());
            }
        });
        List<EpisodeRecord> records = results(dir.resolve("out"));
        assertEquals(1000, records.size());
        assertEquals(1000, records.stream().map(EpisodeRecord::index).distinct().count(), "each episode exactly once");
        assertTrue(records.stream().allMatch(r -> r.failure() == null && r.length() == 100));
        assertEquals(100_000L, o.throughput().get("env_steps"));
        assertEquals(128.0, (double) o.throughput().get("mean_batch_size"), 8.0, "full batches");
        assertTrue(peak[0] < 1_000_000_000L, "heap stays bounded: " + peak[0]);
    }

    /** Reacher2d, except that one episode's fourth step hangs for three seconds. */
    private static final class StallingEnv implements dev.lamo.envs.ContinuousEnv {
        private final Reacher2d inner;
        private final long stalledSeed;
        private long seed;

        StallingEnv(EnvSpec spec, long stalledSeed) {
            this.inner = new Reacher2d(spec);
            this.stalledSeed = stalledSeed;
        }

        @Override
        public EnvSpec spec() {
            return inner.spec();
        }

        @Override
        public dev.lamo.envs.spaces.Space observationSpace() {
            return inner.observationSpace();
        }

        @Override
        public dev.lamo.envs.spaces.Space actionSpace() {
            return inner.actionSpace();
        }

        @Override
        public double[] reset(long s) {
            seed = s;
            return inner.reset(s);
        }

        @Override
        public dev.lamo.envs.Step<double[]> step(double[] action) {
            if (seed == stalledSeed && inner.elapsedSteps() == 3) {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return inner.step(action);
        }

        @Override
        public int elapsedSteps() {
            return inner.elapsedSteps();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void aStalledEnvironmentTimesOutAndTheOthersFinish(@TempDir Path dir) {
        long stalledSeed = EpisodeKey.envSeed(6, null, 1);
        EnvSpec spec = new EnvSpec("stalling-reacher", "test", 20, 0, 100, "test", 10, List.of(1.0), List.of(1.0), true, "test");
        EnvRegistry.register(spec, s -> new StallingEnv(s, stalledSeed));
        try {
            Path run = TestPolicies.fakeRun(dir.resolve("run"), "stalling-reacher");
            EvalPlan p = new EvalPlan(run, List.of(1L), "stalling-reacher", java.util.Collections.singletonList(null), 4, 6,
                    2, 128, 0, 500, dir.resolve("out"), false);
            Evaluation.run(p, (r, s) -> TestPolicies.markov("stalling-reacher", o -> false), n -> { });
        } finally {
            EnvRegistry.unregister("stalling-reacher");
        }
        List<EpisodeRecord> records = results(dir.resolve("out"));
        assertEquals(4, records.size());
        for (EpisodeRecord r : records) {
            if (r.index() == 1) {
                assertNotNull(r.failure());
                assertTrue(r.failure().startsWith("environment request failed: Timed out"), r.failure());
                assertEquals(3, r.length());
            } else {
                assertNull(r.failure(), r.failure());
                assertEquals(20, r.length());
            }
        }
    }
}
