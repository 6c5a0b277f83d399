package dev.lamo.policies.runtime;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link EngineOps} on the CPU with Java's Vector API (incubator module {@code jdk.incubator.vector}).
 *
 * <p>Products: each C element is the chain c = fma(a_p, b_p, c) over p = 0 .. k−1 starting from 0, whether it
 * is computed in a vector lane or, for outputs narrower than a vector, by scalars (the lane-wise fma is the
 * exactly rounded fused operation, as {@link Math#fma}). Vectors run along the output columns, never along the
 * reduction, so the result is the same bits for any m, n, blocking and vector width: the same on every x86-64
 * or ARM CPU, unlike a BLAS that picks kernels by shape and CPU model. Reductions of LayerNorm, softmax and
 * attention are sequential loops over one row.
 */
public final class VectorOps implements EngineOps {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double INV_SQRT_2 = 1 / Math.sqrt(2);

    /** Per thread: four-row copies of leftover rows of A and their products (grown on demand, then reused). */
    private static final ThreadLocal<float[][]> LEFTOVERS = ThreadLocal.withInitial(() -> new float[][] {new float[0], new float[0]});

    /**
     * Columns per panel: one panel of B (k × PANEL) stays in the L2 cache while every block of four rows of A passes
     * over it, so a wide weight matrix is read from memory once per product, not once per four rows.
     */
    private static final int PANEL = 4 * L;

    @Override
    public void matmul(float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, int m, int n,
                       int k) {
        int full = m - m % 4;
        int width;
        for (int j0 = 0; j0 < n; j0 += width) {
            // the last panel takes what is left when that is at most PANEL + L, so that it is never narrower than a vector
            width = n - j0 <= PANEL + L ? n - j0 : PANEL;
            for (int i = 0; i < full; i += 4) {
                rows4(a, aOff + i * lda, lda, b, bOff + j0, ldb, c, cOff + i * ldc + j0, ldc, width, k);
            }
            if (full < m) {
                leftovers(a, aOff + full * lda, lda, b, bOff + j0, ldb, c, cOff + full * ldc + j0, ldc, m - full, width, k);
            }
        }
    }

    /**
     * The last 1–3 rows through the same four-row kernel on a zero-padded copy (a one-row loop is not compiled to
     * vector instructions reliably by Java 17's C2, and every element's chain is the same in either kernel).
     */
    private static void leftovers(float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc,
                                  int rows, int n, int k) {
        float[][] scratch = LEFTOVERS.get();
        if (scratch[0].length < 4 * k || scratch[1].length < 4 * n) {
            scratch[0] = new float[Math.max(scratch[0].length, 4 * k)];
            scratch[1] = new float[Math.max(scratch[1].length, 4 * n)];
        }
        float[] pa = scratch[0];
        float[] pc = scratch[1];
        for (int r = 0; r < 4; r++) {
            if (r < rows) {
                System.arraycopy(a, aOff + r * lda, pa, r * k, k);
            } else {
                java.util.Arrays.fill(pa, r * k, (r + 1) * k, 0f);
            }
        }
        rows4(pa, 0, k, b, bOff, ldb, pc, 0, n, n, k);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(pc, r * n, c, cOff + r * ldc, n);
        }
    }

    /** Four rows of C, two vectors of columns at a time, then one vector, then scalars. */
    private static void rows4(float[] a, int a0, int lda, float[] b, int bOff, int ldb, float[] c, int c0, int ldc, int n, int k) {
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
            FloatVector c00 = FloatVector.zero(F);
            FloatVector c01 = c00;
            FloatVector c10 = c00;
            FloatVector c11 = c00;
            FloatVector c20 = c00;
            FloatVector c21 = c00;
            FloatVector c30 = c00;
            FloatVector c31 = c00;
            int bp = bOff + j;
            for (int p = 0; p < k; p++, bp += ldb) {
                FloatVector b0 = FloatVector.fromArray(F, b, bp);
                FloatVector b1 = FloatVector.fromArray(F, b, bp + L);
                FloatVector x = FloatVector.broadcast(F, a[a0 + p]);
                c00 = x.fma(b0, c00);
                c01 = x.fma(b1, c01);
                x = FloatVector.broadcast(F, a[a1 + p]);
                c10 = x.fma(b0, c10);
                c11 = x.fma(b1, c11);
                x = FloatVector.broadcast(F, a[a2 + p]);
                c20 = x.fma(b0, c20);
                c21 = x.fma(b1, c21);
                x = FloatVector.broadcast(F, a[a3 + p]);
                c30 = x.fma(b0, c30);
                c31 = x.fma(b1, c31);
            }
            int cj = c0 + j;
            c00.intoArray(c, cj);
            c01.intoArray(c, cj + L);
            c10.intoArray(c, cj + ldc);
            c11.intoArray(c, cj + ldc + L);
            c20.intoArray(c, cj + 2 * ldc);
            c21.intoArray(c, cj + 2 * ldc + L);
            c30.intoArray(c, cj + 3 * ldc);
            c31.intoArray(c, cj + 3 * ldc + L);
        }
        for (; j + L <= n; j += L) {
            vector4(a, a0, a1, a2, a3, b, bOff + j, ldb, c, c0 + j, ldc, k);
        }
        if (j < n && n >= L) {
            // the last n − j < L columns: the vector ending at column n, which recomputes a few columns to the
            // same bits (every lane is the same chain) instead of a masked vector (not compiled well by Java 17)
            vector4(a, a0, a1, a2, a3, b, bOff + n - L, ldb, c, c0 + n - L, ldc, k);
        } else {
            for (; j < n; j++) {
                c[c0 + j] = dot(a, a0, b, bOff + j, ldb, k);
                c[c0 + ldc + j] = dot(a, a1, b, bOff + j, ldb, k);
                c[c0 + 2 * ldc + j] = dot(a, a2, b, bOff + j, ldb, k);
                c[c0 + 3 * ldc + j] = dot(a, a3, b, bOff + j, ldb, k);
            }
        }
    }

    /** Four rows by one vector of columns. */
    private static void vector4(float[] a, int a0, int a1, int a2, int a3, float[] b, int bp, int ldb, float[] c, int cj, int ldc,
                                int k) {
        FloatVector c0v = FloatVector.zero(F);
        FloatVector c1v = c0v;
        FloatVector c2v = c0v;
        FloatVector c3v = c0v;
        for (int p = 0; p < k; p++, bp += ldb) {
            FloatVector b0 = FloatVector.fromArray(F, b, bp);
            c0v = FloatVector.broadcast(F, a[a0 + p]).fma(b0, c0v);
            c1v = FloatVector.broadcast(F, a[a1 + p]).fma(b0, c1v);
            c2v = FloatVector.broadcast(F, a[a2 + p]).fma(b0, c2v);
            c3v = FloatVector.broadcast(F, a[a3 + p]).fma(b0, c3v);
        }
        c0v.intoArray(c, cj);
        c1v.intoArray(c, cj + ldc);
        c2v.intoArray(c, cj + 2 * ldc);
        c3v.intoArray(c, cj + 3 * ldc);
    }

    /** One element: the fma chain over p, as every vector lane computes it (outputs narrower than a vector). */
    private static float dot(float[] a, int a0, float[] b, int b0, int ldb, int k) {
        float s = 0f;
        for (int p = 0; p < k; p++) {
            s = Math.fma(a[a0 + p], b[b0 + p * ldb], s);
        }
        return s;
    }

    @Override
    public void addBias(float[] x, int off, int ldx, int rows, int n, float[] bias, int biasOff) {
        for (int r = 0; r < rows; r++) {
            int o = off + r * ldx;
            for (int j = 0; j < n; j++) {
                x[o + j] += bias[biasOff + j];
            }
        }
    }

    @Override
    public void add(float[] x, int xOff, int ldx, float[] y, int yOff, int ldy, int rows, int n) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * ldx;
            int yo = yOff + r * ldy;
            for (int j = 0; j < n; j++) {
                y[yo + j] += x[xo + j];
            }
        }
    }

    @Override
    public void layerNorm(float[] x, int xOff, int ldx, float[] y, int yOff, int ldy, int rows, int n, float[] gamma,
                          float[] beta, float eps) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * ldx;
            int yo = yOff + r * ldy;
            double mean = sum(x, xo, n, false, 0) / n;
            double variance = sum(x, xo, n, true, mean) / n;
            float m = (float) mean;
            float inv = (float) (1 / Math.sqrt(variance + eps));
            for (int j = 0; j < n; j++) {
                y[yo + j] = (x[xo + j] - m) * inv * gamma[j] + beta[j];
            }
        }
    }

    /**
     * Σ x or Σ (x − centre)² over a row, in double with four interleaved partial sums added in a fixed order (the
     * same order on every machine; four dependency chains instead of one for speed).
     */
    private static double sum(float[] x, int off, int n, boolean squares, double centre) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        if (!squares) {
            for (; j + 4 <= n; j += 4) {
                s0 += x[off + j];
                s1 += x[off + j + 1];
                s2 += x[off + j + 2];
                s3 += x[off + j + 3];
            }
            for (; j < n; j++) {
                s0 += x[off + j];
            }
        } else {
            for (; j + 4 <= n; j += 4) {
                double d0 = x[off + j] - centre;
                double d1 = x[off + j + 1] - centre;
                double d2 = x[off + j + 2] - centre;
                double d3 = x[off + j + 3] - centre;
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
            }
            for (; j < n; j++) {
                double d = x[off + j] - centre;
                s0 += d * d;
            }
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public void activate(Activation f, float[] x, int off, int ldx, int rows, int n) {
        for (int r = 0; r < rows; r++) {
            int o = off + r * ldx;
            switch (f) {
                case RELU -> {
                    int j = o;
                    for (; j + L <= o + n; j += L) {
                        FloatVector.fromArray(F, x, j).max(0f).intoArray(x, j);
                    }
                    for (; j < o + n; j++) {
                        x[j] = Math.max(x[j], 0f);
                    }
                }
                case GELU_TANH -> {
                    for (int j = o; j < o + n; j++) {
                        float v = x[j];
                        x[j] = (float) (0.5 * v * (1 + tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v))));
                    }
                }
                default -> {
                    for (int j = o; j < o + n; j++) {
                        x[j] = apply(f, x[j]);
                    }
                }
            }
        }
    }

    static float apply(Activation f, float v) {
        return switch (f) {
            case RELU -> v > 0 ? v : 0f;
            case GELU_TANH -> (float) (0.5 * v * (1 + tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v))));
            case GELU_ERF -> (float) (0.5 * v * erfc(-v * INV_SQRT_2));
            case TANH -> (float) Math.tanh(v);
        };
    }

    /** tanh from one exp (Math.tanh is several times slower); exact to double rounding far below float's. */
    private static double tanh(double u) {
        return 1 - 2 / (Math.exp(2 * u) + 1);
    }

    /** The complementary error function (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7). */
    static double erfc(double z) {
        double az = Math.abs(z);
        double t = 1 / (1 + 0.5 * az);
        double r = t * Math.exp(-az * az - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
                + t * 0.17087277)))))))));
        return z >= 0 ? r : 2 - r;
    }

    /**
     * Per head: S = Q·Kᵀ by the product kernel on a transposed copy of K (every score the fma chain over the head's
     * dimensions), the causal softmax of each row with the keys after the query set to weight 0, and O = P·V by the
     * product kernel (the chain over keys; the zero weights add exact zeros).
     */
    @Override
    public void causalAttention(float[] q, int qOff, int ldq, float[] k, int kOff, int ldk, float[] v, int vOff, int ldv,
                                float[] out, int outOff, int ldo, int t, int firstQuery, int heads, int headSize, float scale,
                                float[] scratch) {
        int queries = t - firstQuery;
        int kt = 0;
        int sc = t * headSize;
        for (int h = 0; h < heads; h++) {
            int col = h * headSize;
            for (int j = 0; j < t; j++) {
                int ko = kOff + j * ldk + col;
                for (int d = 0; d < headSize; d++) {
                    scratch[kt + d * t + j] = k[ko + d];
                }
            }
            matmul(q, qOff + col, ldq, scratch, kt, t, scratch, sc, t, queries, t, headSize);
            for (int r = 0; r < queries; r++) {
                int row = sc + r * t;
                int last = firstQuery + r;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j <= last; j++) {
                    float s = scratch[row + j] * scale;
                    scratch[row + j] = s;
                    max = Math.max(max, s);
                }
                float sum = 0f;
                for (int j = 0; j <= last; j++) {
                    float e = (float) Math.exp(scratch[row + j] - max);
                    scratch[row + j] = e;
                    sum += e;
                }
                for (int j = 0; j <= last; j++) {
                    scratch[row + j] /= sum;
                }
                for (int j = last + 1; j < t; j++) {
                    scratch[row + j] = 0f;
                }
            }
            matmul(scratch, sc, t, v, vOff + col, ldv, out, outOff + col, ldo, queries, headSize, t);
        }
    }
}
