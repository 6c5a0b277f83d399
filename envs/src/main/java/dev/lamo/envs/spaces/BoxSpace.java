package dev.lamo.envs.spaces;

import java.util.Arrays;

/**
 * A box of real (or byte) values with per-element bounds. Bounds may be infinite.
 *
 * @param shape dimensions, row-major
 * @param low   lower bound per flattened element
 * @param high  upper bound per flattened element
 * @param dtype element type of the data as stored and exchanged
 */
public record BoxSpace(int[] shape, double[] low, double[] high, DType dtype) implements Space {

    /** Element type of a box space. */
    public enum DType { FLOAT64, FLOAT32, UINT8 }

    public BoxSpace {
        int n = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("box shape must be positive, got " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (low.length != n || high.length != n) {
            throw new IllegalArgumentException("box bounds must have " + n + " elements, got " + low.length + " and " + high.length);
        }
        shape = shape.clone();
        low = low.clone();
        high = high.clone();
    }

    /** A one-dimensional box with the same bounds for every element. */
    public static BoxSpace uniform(int size, double low, double high, DType dtype) {
        double[] lo = new double[size];
        double[] hi = new double[size];
        Arrays.fill(lo, low);
        Arrays.fill(hi, high);
        return new BoxSpace(new int[] {size}, lo, hi, dtype);
    }

    /** A one-dimensional unbounded float64 box, as MuJoCo environments declare their observations. */
    public static BoxSpace unbounded(int size) {
        return uniform(size, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, DType.FLOAT64);
    }

    @Override
    public String type() {
        return "box";
    }

    @Override
    public int flatSize() {
        return low.length;
    }

    /** Whether elements are stacked uint8 frames (stack × height × width), as pixel games observe. */
    public boolean isFrameStack() {
        return dtype == DType.UINT8 && shape.length == 3;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public double[] low() {
        return low.clone();
    }

    @Override
    public double[] high() {
        return high.clone();
    }

    /** Lower bound of flattened element {@code i}, without copying the bounds. */
    public double low(int i) {
        return low[i];
    }

    /** Upper bound of flattened element {@code i}, without copying the bounds. */
    public double high(int i) {
        return high[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BoxSpace b && Arrays.equals(shape, b.shape) && Arrays.equals(low, b.low)
                && Arrays.equals(high, b.high) && dtype == b.dtype;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(shape) + Arrays.hashCode(low)) + Arrays.hashCode(high);
    }

    @Override
    public String toString() {
        return "Box(" + Arrays.toString(shape) + ", " + dtype.name().toLowerCase() + ")";
    }
}
