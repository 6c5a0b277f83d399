package dev.lamo.harness.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.Step;
import dev.lamo.envs.arcade.ArcadeEnv;
import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.PolicyInfo;
import dev.lamo.results.records.EpisodeRecord;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness on a pixel game: frames travel as bytes, contexts keep single frames, actions are indices, and
 * what the policy sees is exactly what the environment returned.
 */
class ArcadeEvaluationTest {

    private static final int K = 3;
    private static final int STACK = 4 * 84 * 84;
    private static final int FRAME = 84 * 84;

    /** A deterministic function of the current stacked observation: the action a frame-reading policy takes. */
    static int choose(byte[] stack, int offset) {
        long sum = 0;
        for (int i = offset + 3 * FRAME; i < offset + STACK; i += 97) {
            sum += stack[i] & 0xFF;
        }
        return (int) (sum % 4);
    }

    /**
     * A return-conditioned test policy with context K that checks every window it is given: consecutive
     * stacks must overlap by three frames, padding must be zeros, and returns-to-go must fall by the rewards.
     */
    static Policy framePolicy() {
        PolicyInfo info = new PolicyInfo("test", "test", "breakout", STACK, 1, K, 1, true, true);
        return new Policy() {
            @Override
            public PolicyInfo info() {
                return info;
            }

            @Override
            public void act(PolicyBatch batch, float[] out) {
                byte[] f = batch.frames();
                for (int r = 0; r < batch.size(); r++) {
                    int n = batch.lengths()[r];
                    for (int p = K - n; p + 1 < K; p++) {
                        int at = (r * K + p) * STACK;
                        int next = (r * K + p + 1) * STACK;
                        if (!Arrays.equals(f, at + FRAME, at + STACK, f, next, next + 3 * FRAME)) {
                            throw new IllegalStateException("stacks of consecutive steps do not overlap");
                        }
                    }
                    for (int p = 0; p < K - n; p++) {
                        int at = (r * K + p) * STACK;
                        for (int i = at; i < at + STACK; i++) {
                            if (f[i] != 0) {
                                throw new IllegalStateException("padding holds frame data");
                            }
                        }
                    }
                    out[r] = choose(f, (r * K + K - 1) * STACK);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void episodesEqualPlayingTheGameDirectlyWithTheSameSeedsAndPolicy(@TempDir Path dir) {
        Path run = TestPolicies.fakeRun(dir.resolve("run"), "breakout");
        EvalPlan plan = new EvalPlan(run, List.of(1L), "breakout", List.of(30.0), 3, 4, 2, 2, 0, 60_000, dir.resolve("eval"),
                false);
        Evaluation.Outcome o = Evaluation.run(plan, (r, s) -> framePolicy(), n -> { });
        List<EpisodeRecord> records = EpisodeLog.readAll(dir.resolve("eval"));
        assertEquals(3, records.size());
        for (EpisodeRecord r : records) {
            assertNull(r.failure(), r.failure());
            double[] direct = play(r.envSeed());
            assertEquals(direct[0], r.episodeReturn(), 0.0, "episode " + r.index());
            assertEquals((int) direct[1], r.length(), "episode " + r.index());
            assertTrue(r.length() > 1);
        }
        assertTrue(((Number) o.throughput().get("env_steps")).longValue() > 3);
    }

    @Test
    void frameEvaluationsAreIdenticalForAnyWorkerCountAndBatchSize(@TempDir Path dir) {
        Path run = TestPolicies.fakeRun(dir.resolve("run"), "breakout");
        EvalPlan one = new EvalPlan(run, List.of(1L), "breakout", List.of(30.0), 3, 4, 1, 1, 0, 60_000, dir.resolve("a"), false);
        EvalPlan two = new EvalPlan(run, List.of(1L), "breakout", List.of(30.0), 3, 4, 3, 8, 0, 60_000, dir.resolve("b"), false);
        Evaluation.run(one, (r, s) -> framePolicy(), n -> { });
        Evaluation.run(two, (r, s) -> framePolicy(), n -> { });
        assertEquals(EpisodeLog.readAll(dir.resolve("a")).stream().map(EpisodeRecord::withoutTiming).toList(),
                EpisodeLog.readAll(dir.resolve("b")).stream().map(EpisodeRecord::withoutTiming).toList());
    }

    /** Return and length of one episode played without the harness. */
    private static double[] play(long seed) {
        try (ArcadeEnv env = (ArcadeEnv) EnvRegistry.make("breakout")) {
            byte[] obs = env.reset(seed);
            double ret = 0;
            int length = 0;
            while (true) {
                Step<byte[]> s = env.step(choose(obs, 0));
                ret += s.reward();
                length++;
                if (s.done()) {
                    return new double[] {ret, length};
                }
                obs = s.observation();
            }
        }
    }

    @Test
    void observationsTravelAsBytes() {
        byte[] rows = new byte[2 * 5];
        rows[7] = 9;
        Observations o = Observations.ofFrames(rows, 5);
        assertEquals(2, o.rows());
        assertArrayEquals(new byte[] {0, 0, 9, 0, 0}, o.row(1).bytes());
        assertEquals(o.row(1).bytes().length, Observations.concat(List.of(o.row(0), o.row(1))).row(1).bytes().length);
    }
}
