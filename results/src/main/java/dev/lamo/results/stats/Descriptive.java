package dev.lamo.results.stats;

import java.util.Arrays;

/** Plain descriptive statistics over an array of values. */
public final class Descriptive {

    private Descriptive() {
    }

    public static double mean(double[] values) {
        requireValues(values);
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Population standard deviation (divides by n), as numpy's default and the RL literature use it. */
    public static double std(double[] values) {
        double m = mean(values);
        double ss = 0;
        for (double v : values) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / values.length);
    }

    public static double median(double[] values) {
        return quantile(values, 0.5);
    }

    /** Linear-interpolation quantile (numpy's default method). */
    public static double quantile(double[] values, double q) {
        requireValues(values);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    public static double min(double[] values) {
        requireValues(values);
        return Arrays.stream(values).min().orElseThrow();
    }

    public static double max(double[] values) {
        requireValues(values);
        return Arrays.stream(values).max().orElseThrow();
    }

    private static void requireValues(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("statistics of an empty set of values");
        }
    }
}
