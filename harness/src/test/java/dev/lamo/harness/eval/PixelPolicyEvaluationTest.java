package dev.lamo.harness.eval;

import dev.lamo.policies.run.TrainingRequest;
import dev.lamo.envs.data.GenerationPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.envs.arcade.ArcadeBehavior;
import dev.lamo.envs.arcade.ArcadeTitle;
import dev.lamo.envs.data.frames.FrameDatasetGenerator;
import dev.lamo.policies.dt.DtTrainer;
import dev.lamo.policies.run.TrainingProgress;
import dev.lamo.results.records.EpisodeRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Decision Transformer trained on frames, evaluated by the harness on the game it was trained on: real
 * data, real training steps, real DJL forwards over byte frames. Slow because untrained pixel policies can
 * play the full 4,096 steps.
 */
@Tag("slow")
class PixelPolicyEvaluationTest {

    @Test
    void aPixelDecisionTransformerEvaluatesDeterministicallyForAnyWorkerCount(@TempDir Path dir) {
        Path data = dir.resolve("pong.hdf5");
        FrameDatasetGenerator.generate(new GenerationPlan<>("pong", ArcadeBehavior.scripted(ArcadeTitle.PONG, null),
                0, 2_000, 0, null, 2), data, n -> { });
        Path run = dir.resolve("run");
        DtTrainer.train(new TrainingRequest("dt", null, "pong", data, null, null, null, null, 10L, 0, run, false,
                List.of("batch_size=4", "context_length=4", "warmup_steps=2", "checkpoint_every=10", "dt_hidden=64"), 0), List.of(),
                TrainingProgress.NONE);
        EvalPlan a = new EvalPlan(run, List.of(10L), "pong", List.of(16.0), 2, 1, 1, 1, 0, 600_000, dir.resolve("a"), false);
        EvalPlan b = new EvalPlan(run, List.of(10L), "pong", List.of(16.0), 2, 1, 2, 8, 0, 600_000, dir.resolve("b"), false);
        Evaluation.Outcome outcome = Evaluation.run(a, n -> { });
        Evaluation.run(b, n -> { });
        List<EpisodeRecord> first = EpisodeLog.readAll(dir.resolve("a")).stream().map(EpisodeRecord::withoutTiming).toList();
        assertEquals(2, first.size());
        for (EpisodeRecord r : first) {
            assertNull(r.failure(), r.failure());
            assertTrue(r.length() > 0);
        }
        assertEquals(first, EpisodeLog.readAll(dir.resolve("b")).stream().map(EpisodeRecord::withoutTiming).toList());
        assertTrue(outcome.summary().protocol().toString().contains("sticky_action_probability=0.0"),
                outcome.summary().protocol().toString());
    }
}
