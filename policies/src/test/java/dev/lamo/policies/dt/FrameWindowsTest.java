package dev.lamo.policies.dt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.envs.Seeds;
import dev.lamo.envs.arcade.ArcadeTitle;
import dev.lamo.envs.data.frames.FrameDataset;
import dev.lamo.policies.pixels.ArcadeRollouts;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LaMo's Atari minibatches: full windows, right padding, stacks equal to the environment's observations. */
class FrameWindowsTest {

    private final ArcadeRollouts.Rollouts played = ArcadeRollouts.play(ArcadeTitle.PONG, 2, 12, 0.5, 3);
    private final FrameDataset data = played.data();

    @Test
    void windowsHoldTheObservationsTheEnvironmentReturnedAndPadOnTheRight() {
        int k = 16; // longer than either 12-step episode: every window is one whole episode, right-padded
        assertArrayEquals(new int[] {12, 12}, data.episodeLengths());
        int stack = data.stackBytes();
        List<byte[]> obs = played.observations();
        for (int e = 0; e < 2; e++) {
            FrameWindows w = new FrameWindows(data, new int[] {e}, k, 4096, 1.0, FrameDataset.StackPadding.REPEAT_FIRST, false);
            FrameWindows.Batch b = w.sample(2, Seeds.rng(2));
            int start = data.episodeStart(e);
            for (int r = 0; r < 2; r++) {
                for (int p = 0; p < k; p++) {
                    int i = r * k + p;
                    if (p < 12) {
                        assertArrayEquals(obs.get(start + p), Arrays.copyOfRange(b.frames(), i * stack, (i + 1) * stack));
                        assertEquals(data.action(start + p), b.actions()[i]);
                        assertEquals(p, b.timesteps()[i]);
                        assertEquals(1f, b.mask()[i]);
                    } else {
                        assertEquals(0f, b.mask()[i]);
                        assertEquals(0f, b.returns()[i]);
                    }
                }
            }
        }
    }

    @Test
    void returnsToGoIncludeTheCurrentRewardUnlessTheQuirkIsAsked() {
        FrameWindows with = new FrameWindows(data, new int[] {0}, 12, 4096, 1.0, FrameDataset.StackPadding.REPEAT_FIRST, false);
        FrameWindows without = new FrameWindows(data, new int[] {0}, 12, 4096, 1.0, FrameDataset.StackPadding.REPEAT_FIRST, true);
        FrameWindows.Batch a = with.sample(1, Seeds.rng(1));
        FrameWindows.Batch b = without.sample(1, Seeds.rng(1));
        for (int t = 0; t < 12; t++) {
            assertEquals(a.returns()[t] - data.reward(t), b.returns()[t], 1e-5, "step " + t);
        }
        assertEquals(data.episodeReturn(0), a.returns()[0], 1e-5);
    }

    @Test
    void fullWindowsStartUniformlyBeforeTheLastKSteps() {
        FrameWindows w = new FrameWindows(data, new int[] {0, 1}, 5, 4096, 1.0, FrameDataset.StackPadding.ZEROS, false);
        FrameWindows.Batch b = w.sample(200, Seeds.rng(8));
        boolean sawZero = false;
        for (int r = 0; r < 200; r++) {
            long first = b.timesteps()[r * 5];
            assertTrue(first >= 0 && first < 12 - 5, "start " + first + " in [0, T-K)");
            sawZero |= first == 0;
            for (int p = 0; p < 5; p++) {
                assertEquals(1f, b.mask()[r * 5 + p], "windows are full");
            }
        }
        assertTrue(sawZero);
    }

    @Test
    void cosineScheduleWarmsUpThenDecaysToItsFloor() {
        DtConfig c = DtConfig.arcade("lamo", ArcadeTitle.BREAKOUT);
        long total = 10_500;
        assertEquals(c.lr() / 500, DtLearner.learningRate(c, 1, total), 1e-12);
        assertEquals(c.lr(), DtLearner.learningRate(c, 500, total), 1e-12);
        assertEquals(c.lr() * 0.5 * (1 + Math.cos(Math.PI * 0.5)), DtLearner.learningRate(c, 5500, total), 1e-12);
        assertEquals(c.lr() * 0.1, DtLearner.learningRate(c, total, total), 1e-12);
        DtConfig d4rl = DtConfig.lamo();
        assertEquals(d4rl.lr(), DtLearner.learningRate(d4rl, 90_000, 100_000), 1e-12, "D4RL: constant after warm-up");
    }
}
