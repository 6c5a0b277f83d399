package dev.lamo.harness.dashboard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A curve of at most {@code capacity} points however many are appended: points are kept at a stride (every point at
 * first); when the buffer is full every second kept point is dropped and the stride doubles. The newest point is
 * always shown, so a live curve ends where the run is. Deterministic: the kept points depend only on the input order.
 */
final class DecimatedSeries {

    private final int capacity;
    private final double[] xs;
    private final double[] ys;
    private int size;
    private long stride = 1;
    private long seen;
    private double lastX = Double.NaN;
    private double lastY = Double.NaN;

    DecimatedSeries(int capacity) {
        if (capacity < 4 || capacity % 2 != 0) {
            throw new IllegalArgumentException("capacity must be even and at least 4, found " + capacity);
        }
        this.capacity = capacity;
        this.xs = new double[capacity];
        this.ys = new double[capacity];
    }

    void add(double x, double y) {
        lastX = x;
        lastY = y;
        if (seen++ % stride != 0) {
            return;
        }
        if (size == capacity) {
            for (int i = 0; i < capacity / 2; i++) {
                xs[i] = xs[2 * i];
                ys[i] = ys[2 * i];
            }
            size = capacity / 2;
            stride *= 2;
            if ((seen - 1) % stride != 0) {
                return;
            }
        }
        xs[size] = x;
        ys[size] = y;
        size++;
    }

    long appended() {
        return seen;
    }

    /** The kept points plus the newest one when it was not kept: {x[], y[]} (y NaN where a value was not finite). */
    double[][] points() {
        boolean extra = seen > 0 && (size == 0 || xs[size - 1] != lastX);
        int n = size + (extra ? 1 : 0);
        double[] x = Arrays.copyOf(xs, n);
        double[] y = Arrays.copyOf(ys, n);
        if (extra) {
            x[n - 1] = lastX;
            y[n - 1] = lastY;
        }
        return new double[][] {x, y};
    }

    Views.Curve curve() {
        double[][] p = points();
        List<Double> x = new ArrayList<>(p[0].length);
        List<Double> y = new ArrayList<>(p[0].length);
        for (int i = 0; i < p[0].length; i++) {
            x.add(p[0][i]);
            y.add(Views.finite(p[1][i]));
        }
        return new Views.Curve(x, y, seen);
    }

    /** Named curves sharing one capacity, in the order their names first appeared. */
    static final class Group {
        private final int capacity;
        private final Map<String, DecimatedSeries> series = new LinkedHashMap<>();

        Group(int capacity) {
            this.capacity = capacity;
        }

        void add(String name, double x, double y) {
            series.computeIfAbsent(name, n -> new DecimatedSeries(capacity)).add(x, y);
        }

        void clear() {
            series.clear();
        }

        Map<String, Views.Curve> curves() {
            Map<String, Views.Curve> out = new LinkedHashMap<>();
            series.forEach((name, s) -> out.put(name, s.curve()));
            return out;
        }
    }
}
