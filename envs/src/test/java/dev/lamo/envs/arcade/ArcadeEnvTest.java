package dev.lamo.envs.arcade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.envs.EnvSpec;
import dev.lamo.envs.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ArcadeEnvTest {

    /**
     * A game that scores 1 per frame, lights the left half of the screen on odd frames only, draws a bar whose
     * height is the frame count, records the actions it receives and ends after {@code length} frames, losing
     * a life every 10 frames.
     */
    static final class FrameCounter implements ArcadeGame {
        final int length;
        int frames;
        final List<Integer> received = new ArrayList<>();

        FrameCounter(int length) {
            this.length = length;
        }

        @Override
        public String name() {
            return "counter";
        }

        @Override
        public List<String> actionNames() {
            return List.of("NOOP", "FIRE");
        }

        @Override
        public void reset(RandomGenerator rng) {
            frames = 0;
            received.clear();
        }

        @Override
        public int frame(int action) {
            frames++;
            received.add(action);
            return 1;
        }

        @Override
        public boolean gameOver() {
            return frames >= length;
        }

        @Override
        public int lives() {
            return 5 - frames / 10;
        }

        @Override
        public void render(Screen screen) {
            screen.clear(0);
            if (frames % 2 == 1) {
                screen.fill(0, 0, 80, 210, 1);
            }
            screen.fill(150, 0, 10, Math.min(210, frames), 1);
        }

        @Override
        public Palette palette() {
            return new Palette(0x000000, 0xffffff);
        }
    }

    private static ArcadeEnv env(FrameCounter game, AleProtocol protocol) {
        return new ArcadeEnv(new EnvSpec("counter", "v0", protocol.maxAgentSteps(), 0, 1, "test", 1, List.of(1.0),
                List.of(1.0), false, "test"), game, protocol);
    }

    private static AleProtocol plain(int maxSteps) {
        return new AleProtocol(4, 0, 0, false, maxSteps, false, 4);
    }

    @Test
    void frameSkipAddsRewardsAndMaxPoolsTheLastTwoFrames() {
        FrameCounter game = new FrameCounter(1000);
        ArcadeEnv env = env(game, plain(100));
        byte[] first = env.reset(0);
        assertEquals(4 * 84 * 84, first.length);
        assertEquals(0, first[0], "frame 0 is dark");
        Step<byte[]> s = env.step(0);
        assertEquals(4.0, s.reward());
        assertEquals(4, game.frames);
        int newest = 3 * 84 * 84;
        assertEquals(255, s.observation()[newest] & 0xff, "frame 3 is lit and frame 4 dark: the max is lit");
        assertEquals(255, s.observation()[newest + 41] & 0xff);
        assertEquals(0, s.observation()[newest + 43] & 0xff, "right of the lit half stays dark");
    }

    @Test
    void stackShiftsOldestFirstAndStartsWithCopiesOfTheFirstFrame() {
        FrameCounter game = new FrameCounter(1000);
        ArcadeEnv env = env(game, plain(100));
        byte[] o = env.reset(0);
        int f = 84 * 84;
        for (int k = 1; k < 4; k++) {
            assertArrayEquals(java.util.Arrays.copyOfRange(o, 0, f), java.util.Arrays.copyOfRange(o, k * f, (k + 1) * f));
        }
        byte[] a = env.step(0).observation();
        byte[] b = env.step(0).observation();
        assertArrayEquals(java.util.Arrays.copyOfRange(a, 3 * f, 4 * f), java.util.Arrays.copyOfRange(b, 2 * f, 3 * f));
    }

    @Test
    void noopStartsAreBetweenOneAndThirtyFramesAndVaryWithTheSeed() {
        Set<Integer> counts = new HashSet<>();
        for (long seed = 0; seed < 60; seed++) {
            FrameCounter game = new FrameCounter(1000);
            env(game, AleProtocol.lamo(100)).reset(seed);
            assertTrue(game.frames >= 1 && game.frames <= 30, "noops: " + game.frames);
            assertTrue(game.received.stream().allMatch(a -> a == 0));
            counts.add(game.frames);
        }
        assertTrue(counts.size() > 10, "no-op counts vary: " + counts);
    }

    @Test
    void stickyActionsRepeatThePreviousActionAtTheirRate() {
        FrameCounter game = new FrameCounter(1_000_000);
        ArcadeEnv env = env(game, new AleProtocol(4, 0, 0.25, false, 100_000, false, 1));
        env.reset(5);
        int steps = 4000;
        int stuck = 0;
        for (int t = 0; t < steps; t++) {
            int chosen = t % 2;
            int before = game.received.size();
            env.step(chosen);
            if (game.received.get(before) != chosen) {
                stuck++;
            }
        }
        double rate = (double) stuck / steps;
        assertTrue(rate > 0.21 && rate < 0.29, "first frame of a step keeps the old action about 25 % of the time: " + rate);
        FrameCounter clean = new FrameCounter(1_000_000);
        ArcadeEnv noSticky = env(clean, plain(100_000));
        noSticky.reset(5);
        for (int t = 0; t < 200; t++) {
            int before = clean.received.size();
            noSticky.step(t % 2);
            assertEquals(t % 2, clean.received.get(before));
        }
    }

    @Test
    void gameOverTerminatesAndTheStepLimitTruncates() {
        ArcadeEnv ends = env(new FrameCounter(10), plain(100));
        ends.reset(0);
        ends.step(0);
        ends.step(0);
        Step<byte[]> last = ends.step(0);
        assertTrue(last.terminated());
        assertFalse(last.truncated());
        assertEquals(2.0, last.reward(), "the game ended after two of the four frames");
        assertThrows(IllegalStateException.class, () -> ends.step(0));

        ArcadeEnv cut = env(new FrameCounter(1000), plain(3));
        cut.reset(0);
        cut.step(0);
        cut.step(0);
        Step<byte[]> third = cut.step(1);
        assertTrue(third.truncated());
        assertFalse(third.terminated());

        ArcadeEnv lifeLoss = env(new FrameCounter(1000), new AleProtocol(4, 0, 0, false, 100, true, 4));
        lifeLoss.reset(0);
        lifeLoss.step(0);
        lifeLoss.step(0);
        assertTrue(lifeLoss.step(0).terminated(), "frame 10 loses a life: terminal under that switch");
    }

    @Test
    void badActionsFailClearly() {
        ArcadeEnv env = env(new FrameCounter(1000), plain(100));
        env.reset(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(2));
        assertTrue(e.getMessage().contains("[0, 2)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> env.step(null));
    }

    @Test
    void fullActionSetMapsOntoTheGamesActions() {
        int[] map = ArcadeEnv.fullToMinimal(new Breakout().actionNames());
        List<String> full = ArcadeEnv.FULL_ACTIONS;
        assertEquals(0, map[full.indexOf("NOOP")]);
        assertEquals(0, map[full.indexOf("UP")], "Breakout has no UP");
        assertEquals(1, map[full.indexOf("DOWNFIRE")]);
        assertEquals(2, map[full.indexOf("UPRIGHT")]);
        assertEquals(3, map[full.indexOf("DOWNLEFTFIRE")], "a movement wins over FIRE");
    }

    @Test
    void areaResizeAveragesFootprints() {
        AreaResize resize = new AreaResize(210, 160, 84, 84);
        byte[] image = new byte[210 * 160];
        for (int r = 0; r < 210; r++) {
            for (int c = 0; c < 160; c++) {
                image[r * 160 + c] = (byte) (c < 80 ? 40 : 200);
            }
        }
        byte[] out = new byte[84 * 84];
        resize.resize(image, out, 0);
        for (int r = 0; r < 84; r++) {
            for (int c = 0; c < 84; c++) {
                assertEquals(c < 42 ? 40 : 200, out[r * 84 + c] & 0xff, "pixel " + r + "," + c);
            }
        }
        // one bright source row of 2.5 rows per output row: a fifth of the first row's weight... 0.4 of it
        byte[] line = new byte[210 * 160];
        java.util.Arrays.fill(line, 0, 160, (byte) 250);
        resize.resize(line, out, 0);
        assertEquals(100, out[0] & 0xff, "row 0 covers source rows 0, 1 and half of 2: 250 / 2.5");
        assertEquals(0, out[84] & 0xff);
    }
}
