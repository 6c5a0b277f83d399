package dev.lamo.harness.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecimatedSeriesTest {

    @Test
    void aMillionPointsKeepAtMostTheCapacityEvenlySpacedWithTheNewestLast() {
        DecimatedSeries s = new DecimatedSeries(1000);
        for (int i = 1; i <= 1_000_000; i++) {
            s.add(i, 1.0 / i);
        }
        double[][] p = s.points();
        assertTrue(p[0].length <= 1001, "kept " + p[0].length);
        assertTrue(p[0].length >= 500, "kept " + p[0].length);
        assertEquals(1, p[0][0]);
        assertEquals(1_000_000, p[0][p[0].length - 1]);
        double gap = p[0][1] - p[0][0];
        for (int i = 1; i < p[0].length - 1; i++) {
            assertEquals(gap, p[0][i] - p[0][i - 1], "stride at " + i);
        }
        assertEquals(1_000_000, s.appended());
    }

    @Test
    void fewPointsAreKeptAsTheyAreAndNonFiniteValuesBecomeNull() {
        DecimatedSeries s = new DecimatedSeries(8);
        s.add(1, 2);
        s.add(2, Double.NaN);
        Views.Curve c = s.curve();
        assertEquals(java.util.List.of(1.0, 2.0), c.x());
        assertEquals(2.0, c.y().get(0));
        assertNull(c.y().get(1));
    }
}
