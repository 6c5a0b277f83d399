package dev.lamo.results.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RobustAggregatesTest {

    @Test
    void interquartileMeanCutsAQuarterFromEachEndOverAllTasks() {
        // 8 scores: cut 2 from each end, mean of 3, 4, 5, 6
        assertEquals(4.5, RobustAggregates.interquartileMean(List.of(new double[] {8, 1, 3, 2}, new double[] {5, 7, 6, 4})), 1e-12);
        // 5 scores: cut 1 from each end (floor(5/4)), mean of 2, 3, 100
        assertEquals(35, RobustAggregates.interquartileMean(List.of(new double[] {1, 2, 3, 100, 1000})), 1e-12);
        // 3 scores: nothing cut
        assertEquals(2, RobustAggregates.interquartileMean(List.of(new double[] {1, 2, 3})), 1e-12);
    }

    @Test
    void probabilityOfImprovementCountsTiesAsHalfAndAveragesTasks() {
        assertEquals(0.5, RobustAggregates.probabilityOfImprovement(List.of(new double[] {1, 3}), List.of(new double[] {2, 2})), 1e-12);
        // task 1: 3 > 1 → 1; task 2: tie → 0.5
        assertEquals(0.75, RobustAggregates.probabilityOfImprovement(List.of(new double[] {3}, new double[] {1}),
                List.of(new double[] {1}, new double[] {1})), 1e-12);
    }

    @Test
    void bootstrapIntervalOfTwoRunsSpansThemExactly() {
        // resampling {0, 10} twice gives means 0, 5, 10 with probabilities 1/4, 1/2, 1/4: the 2.5 and 97.5
        // percentiles of 2000 replicates are 0 and 10
        Interval i = RobustAggregates.interquartileMeanInterval(List.of(new double[] {0, 10}), 2000, 0);
        assertEquals(new Interval(5, 0, 10), i);
        assertEquals(new Interval(5, 5, 5), RobustAggregates.interquartileMeanInterval(List.of(new double[] {5, 5, 5}), 500, 3));
    }

    @Test
    void bootstrapIsAFunctionOfItsSeed() {
        List<double[]> tasks = List.of(new double[] {1, 5, 9, 2, 7}, new double[] {3, 3, 8, 10});
        Interval a = RobustAggregates.interquartileMeanInterval(tasks, 1000, 42);
        assertEquals(a, RobustAggregates.interquartileMeanInterval(tasks, 1000, 42));
        assertNotEquals(a, RobustAggregates.interquartileMeanInterval(tasks, 1000, 43));
        assertTrue(a.lower() <= a.estimate() && a.estimate() <= a.upper(), a.toString());
        assertTrue(a.lower() >= 1 && a.upper() <= 10);
        Interval p = RobustAggregates.probabilityOfImprovementInterval(tasks, List.of(new double[] {0, 1}, new double[] {2, 2}),
                1000, 42);
        // every X run scores at least the best Y run on task 1 except X = 1 vs Y = 1 (a tie)
        assertTrue(p.estimate() > 0.9 && p.upper() <= 1.0 && p.lower() >= 0.5, p.toString());
    }

    @Test
    void stratifiedResamplingKeepsTaskSizes() {
        List<double[]> drawn = RobustAggregates.resample(List.of(new double[] {1, 2, 3}, new double[] {7}),
                dev.lamo.envs.Seeds.rng(1));
        assertEquals(3, drawn.get(0).length);
        assertEquals(7, drawn.get(1)[0]);
        for (double v : drawn.get(0)) {
            assertTrue(v >= 1 && v <= 3);
        }
    }

    @Test
    void descriptiveStatistics() {
        assertEquals(2.5, Descriptive.mean(new double[] {1, 2, 3, 4}), 1e-12);
        assertEquals(Math.sqrt(1.25), Descriptive.std(new double[] {1, 2, 3, 4}), 1e-12);
        assertEquals(1.75, Descriptive.quantile(new double[] {4, 1, 3, 2}, 0.25), 1e-12);
    }
}
