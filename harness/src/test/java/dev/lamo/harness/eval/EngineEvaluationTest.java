package dev.lamo.harness.eval;

import dev.lamo.policies.run.TrainingRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lamo.envs.Json;
import dev.lamo.envs.behavior.Behaviors;
import dev.lamo.envs.data.DatasetGenerator;
import dev.lamo.envs.data.DatasetWriter;
import dev.lamo.policies.dt.DtTrainer;
import dev.lamo.policies.run.TrainingProgress;
import dev.lamo.policies.runtime.PolicyRuntime;
import dev.lamo.results.records.EpisodeRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On the engine an evaluation's episodes do not depend on batching, concurrency or engine threads. */
class EngineEvaluationTest {

    @TempDir
    static Path shared;
    static Path run;

    @BeforeAll
    static void trainATinyLamoFreeDecisionTransformer() {
        Path data = shared.resolve("reacher.hdf5");
        DatasetWriter.write(DatasetGenerator.generate(new dev.lamo.envs.data.GenerationPlan<>("reacher2d",
                Behaviors.builtIn("scripted", "reacher2d", 1.0), 12, 0, 3, null, 2), n -> { }), data);
        run = shared.resolve("dt");
        DtTrainer.train(new TrainingRequest("dt", null, "reacher2d", data, null, null, null, null, 40L, 1, run, false,
                List.of("batch_size=16", "dt_layers=2", "dt_hidden=32", "dt_heads=2", "warmup_steps=0", "lr=1e-3",
                        "checkpoint_every=40"), 0), List.of(), TrainingProgress.NONE);
    }

    /** The episodes.jsonl lines without timing fields, and the protocol's runtime. */
    private static List<String> evaluate(Path out, PolicyRuntime runtime, int maxBatch, int concurrency, int threads,
                                         List<String> runtimes) {
        EvalPlan plan = new EvalPlan(run, List.of(40L), "reacher2d", List.of(76.0), 50, 3, 2, maxBatch, concurrency, 60_000, out,
                false, runtime, threads);
        runtimes.add(Evaluation.run(plan, n -> { }).summary().protocol().runtime());
        return EpisodeLog.readAll(out).stream().map(EpisodeRecord::withoutTiming).map(Json::write).toList();
    }

    @Test
    void episodesAreByteIdenticalForAnyBatchingConcurrencyAndThreadCount(@TempDir Path dir) {
        List<String> runtimes = new java.util.ArrayList<>();
        List<String> reference = evaluate(dir.resolve("b1"), PolicyRuntime.ENGINE, 1, 1, 1, runtimes);
        assertEquals(50, reference.size());
        assertEquals(reference, evaluate(dir.resolve("b7c50"), PolicyRuntime.ENGINE, 7, 50, 1, runtimes), "batch 7, 50 at once");
        assertEquals(reference, evaluate(dir.resolve("b128c50t2"), PolicyRuntime.AUTO, 128, 50, 2, runtimes),
                "batch 128, 50 at once, 2 engine threads");
        assertEquals(reference, evaluate(dir.resolve("b128c1"), PolicyRuntime.ENGINE, 128, 1, 2, runtimes), "one at a time");
        assertEquals(List.of("engine", "engine", "engine", "engine"), runtimes);
        List<String> djl = evaluate(dir.resolve("djl"), PolicyRuntime.DJL, 128, 50, 1, runtimes);
        assertEquals("djl", runtimes.get(runtimes.size() - 1));
        assertEquals(50, djl.size());
    }

    @Test
    void aResumedEvaluationKeepsTheRuntimeItStartedWith(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("legacy");
        List<String> runtimes = new java.util.ArrayList<>();
        evaluate(out, PolicyRuntime.DJL, 128, 0, 1, runtimes);
        // a folder written before runtimes were recorded: episodes, no marker
        java.nio.file.Files.delete(out.resolve(RuntimeMarker.FILE));
        List<String> lines = java.nio.file.Files.readAllLines(out.resolve(EpisodeLog.FILE));
        java.nio.file.Files.write(out.resolve(EpisodeLog.FILE), lines.subList(0, 20));
        EvalPlan resumed = new EvalPlan(run, List.of(40L), "reacher2d", List.of(76.0), 50, 3, 2, 128, 0, 60_000, out, true);
        assertEquals("djl", Evaluation.run(resumed, n -> { }).summary().protocol().runtime());
        assertEquals(50, EpisodeLog.readAll(out).size());
        EvalPlan engine = new EvalPlan(run, List.of(40L), "reacher2d", List.of(76.0), 50, 3, 2, 128, 0, 60_000, out, true,
                PolicyRuntime.ENGINE, 1);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Evaluation.run(engine, n -> { }));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("was evaluated with --runtime djl"), e.getMessage());
    }
}
