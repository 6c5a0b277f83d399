package dev.lamo.envs.data;

import static org.junit.jupiter.api.Assertions.*;

import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.EnvSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GenerationPlanTest {

    /** Episode i has 3 + i % 4 steps and return i. */
    private record Fake(int index, int length, double exactReturn) implements GenerationPlan.Episode {
        static Fake of(int i) {
            return new Fake(i, 3 + i % 4, i);
        }
    }

    private static List<int[]> handed(GenerationPlan<String> plan, AtomicInteger lastDone, GenerationPlan.Outcome[] out) {
        List<int[]> seen = new ArrayList<>();
        out[0] = plan.run(Fake::of, (e, kept) -> seen.add(new int[] {e.index(), kept}), lastDone::set);
        return seen;
    }

    @Test
    void aTransitionBudgetCutsTheLastEpisodeAndLeavesItOutOfTheScore() {
        EnvSpec spec = EnvRegistry.spec("reacher2d");
        for (int threads : new int[] {1, 3}) {
            AtomicInteger done = new AtomicInteger();
            GenerationPlan.Outcome[] outcome = new GenerationPlan.Outcome[1];
            // lengths 3, 4, 5, 6, 3, ...: 3 + 4 + 5 = 12 whole, then 2 of episode 3's 6 steps
            List<int[]> seen = handed(new GenerationPlan<>("reacher2d", "b", 0, 14, 0, null, threads), done, outcome);
            assertEquals(4, seen.size(), "threads " + threads);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(new int[] {i, 3 + i}, seen.get(i), "in index order, whole");
            }
            assertArrayEquals(new int[] {3, 2}, seen.get(3), "the budget's remainder");
            assertEquals(4, outcome[0].episodes());
            assertEquals(4, done.get());
            double expected = (spec.normalizedScore(0) + spec.normalizedScore(1) + spec.normalizedScore(2)) / 3;
            assertEquals(expected, outcome[0].behaviorScore(), 1e-12);
        }
    }

    @Test
    void anEpisodeCountRunsExactlyThoseEpisodesInOrderForAnyThreadCount() {
        List<List<String>> runs = new ArrayList<>();
        for (int threads : new int[] {1, 2, 5}) {
            AtomicInteger done = new AtomicInteger();
            GenerationPlan.Outcome[] outcome = new GenerationPlan.Outcome[1];
            List<int[]> seen = handed(new GenerationPlan<>("reacher2d", "b", 11, 0, 0, null, threads), done, outcome);
            runs.add(seen.stream().map(p -> p[0] + ":" + p[1]).toList());
            assertEquals(11, outcome[0].episodes());
            assertEquals(11, done.get());
        }
        assertEquals(runs.get(0), runs.get(1));
        assertEquals(runs.get(0), runs.get(2));
        assertEquals("10:5", runs.get(0).get(10));
    }

    @Test
    void seedsDependOnlyOnThePlanSeedAndTheEpisode() {
        GenerationPlan<String> a = new GenerationPlan<>("hopper", "b", 3, 0, 7, null, 1);
        GenerationPlan<String> b = new GenerationPlan<>("hopper", "other", 9, 0, 7, "id", 4);
        assertEquals(a.resetSeed(2), b.resetSeed(2));
        assertNotEquals(a.resetSeed(2), a.resetSeed(3));
        assertEquals(a.behaviorRng(2).nextLong(), b.behaviorRng(2).nextLong());
        assertNotEquals(a.behaviorRng(2).nextLong(), new GenerationPlan<>("hopper", "b", 3, 0, 8, null, 1).behaviorRng(2).nextLong());
    }

    @Test
    void datasetIdsAreDerivedFileSafeUnlessGiven() {
        assertEquals("hopper-ckpt_run_a-5ep-s3", new GenerationPlan<>("hopper", "x", 5, 0, 3, null, 1).datasetId("ckpt/run a"));
        assertEquals("breakout-random-100tr-s0", new GenerationPlan<>("breakout", "x", 0, 100, 0, null, 1).datasetId("random"));
        assertEquals("mine", new GenerationPlan<>("hopper", "x", 5, 0, 3, "mine", 1).datasetId("random"));
    }

    @Test
    void badPlansSayWhatIsWrong() {
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> new GenerationPlan<>("hopper", "b", 2, 10, 0, null, 1));
        assertTrue(both.getMessage().contains("either a number of episodes or a number of transitions"), both.getMessage());
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> new GenerationPlan<>("hopper", "b", 0, 1L << 33, 0, null, 1));
        assertTrue(big.getMessage().contains("at most 2147483647 transitions"), big.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GenerationPlan<>("hopper", "b", 2, 0, 0, null, 0));
    }
}
