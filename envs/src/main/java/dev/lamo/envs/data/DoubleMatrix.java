package dev.lamo.envs.data;

import java.util.Arrays;

/**
 * A small rows × cols matrix of float64 values in one row-major array: recorded physical states
 * ({@code infos/qpos}, {@code infos/qvel}), kept at full precision so that a step can be replayed exactly.
 */
public record DoubleMatrix(double[] values, int cols) {

    public DoubleMatrix {
        if (cols <= 0 || values.length % cols != 0) {
            throw new IllegalArgumentException(values.length + " values do not form rows of " + cols);
        }
    }

    public int rows() {
        return values.length / cols;
    }

    public double[] row(int row) {
        return Arrays.copyOfRange(values, row * cols, (row + 1) * cols);
    }

    /** Rows {@code [starts[i], ends[i])} of several ranges, concatenated. */
    public DoubleMatrix selectRanges(long[] starts, long[] ends) {
        int total = 0;
        for (int i = 0; i < starts.length; i++) {
            total += (int) (ends[i] - starts[i]);
        }
        double[] out = new double[total * cols];
        int pos = 0;
        for (int i = 0; i < starts.length; i++) {
            int n = (int) (ends[i] - starts[i]) * cols;
            System.arraycopy(values, (int) starts[i] * cols, out, pos, n);
            pos += n;
        }
        return new DoubleMatrix(out, cols);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DoubleMatrix m && m.cols == cols && Arrays.equals(m.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + cols;
    }

    @Override
    public String toString() {
        return "DoubleMatrix(" + rows() + " x " + cols + ")";
    }
}
