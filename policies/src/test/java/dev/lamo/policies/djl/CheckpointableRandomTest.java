package dev.lamo.policies.djl;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class CheckpointableRandomTest {

    @Test
    void restoredStateContinuesTheSameStreamIncludingAPendingGaussian() {
        CheckpointableRandom a = new CheckpointableRandom(42);
        for (int i = 0; i < 10; i++) {
            a.nextLong();
        }
        a.nextGaussian(); // leaves a spare pending
        long[] state = a.state();
        double[] expected = {a.nextGaussian(), a.nextDouble(), a.nextGaussian(), a.nextInt(1000)};
        CheckpointableRandom b = new CheckpointableRandom(7);
        b.restore(state);
        assertArrayEquals(expected, new double[] {b.nextGaussian(), b.nextDouble(), b.nextGaussian(), b.nextInt(1000)});
        assertNotEquals(new CheckpointableRandom(1).nextLong(), new CheckpointableRandom(2).nextLong());
    }

    @Test
    void gaussiansHaveUnitVariance() {
        CheckpointableRandom r = new CheckpointableRandom(3);
        double sum = 0;
        double sq = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double g = r.nextGaussian();
            sum += g;
            sq += g * g;
        }
        assertEquals(0, sum / n, 0.01);
        assertEquals(1, sq / n, 0.01);
    }
}
