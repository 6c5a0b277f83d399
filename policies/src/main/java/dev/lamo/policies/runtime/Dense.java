package dev.lamo.policies.runtime;

/** One affine layer y = x·W + b with W stored (in, out) row-major, as the engine's products read it. */
public record Dense(float[] weight, float[] bias, int in, int out) {

    /** rows of x (ld {@code ldx}) → rows of y (ld {@code ldy}); y must not overlap x. */
    void apply(EngineOps ops, float[] x, int xOff, int ldx, float[] y, int yOff, int ldy, int rows) {
        ops.matmul(x, xOff, ldx, weight, 0, out, y, yOff, ldy, rows, out, in);
        ops.addBias(y, yOff, ldy, rows, out, bias, 0);
    }

    /** The same for only the first {@code columns} outputs (a head whose later outputs the action does not need). */
    void applyFirst(EngineOps ops, float[] x, int xOff, int ldx, float[] y, int yOff, int ldy, int rows, int columns) {
        ops.matmul(x, xOff, ldx, weight, 0, out, y, yOff, ldy, rows, columns, in);
        ops.addBias(y, yOff, ldy, rows, columns, bias, 0);
    }

    long flops(int rows) {
        return 2L * rows * in * out;
    }
}
