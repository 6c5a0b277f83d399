package dev.lamo.policies.runtime.gpu;

/**
 * The Java twin of every {@link Kernel}, line by line: the same block → row and thread → column mapping, the same
 * address arithmetic, the same arithmetic in the same order (the kernels are compiled with {@code --fmad=false}, so a
 * product and a sum round separately there as here, and fused operations are {@code fmaf} there and
 * {@link Math#fma} here). Blocks run one after another; within a block, threads run one after another between
 * {@code __syncthreads()} barriers, which is a legal schedule of the CUDA program.
 */
final class ReferenceKernels {

    private ReferenceKernels() {
    }

    /** What a running block sees of CUDA's built-in variables (the kernels use .x only). */
    record Block(int blockIdx, int blockDim, int gridDim) {
    }

    static void run(Kernel kernel, Dim3 grid, Dim3 block, KernelArgs args) {
        for (int z = 0; z < grid.z(); z++) {
            for (int y = 0; y < grid.y(); y++) {
                for (int x = 0; x < grid.x(); x++) {
                    if (block.y() != 1 || block.z() != 1) {
                        throw new IllegalArgumentException(kernel.symbol() + " uses threadIdx.x only; block " + block);
                    }
                    Block b = new Block(x, block.x(), grid.x());
                    switch (kernel) {
                        case BIAS_ADD -> biasAdd(b, args);
                        case ADD_ROWS -> addRows(b, args);
                        case ACTIVATE -> activate(b, args);
                        case LAYER_NORM -> layerNorm(b, args);
                        case CAUSAL_ATTENTION -> causalAttention(b, args);
                        case DT_PREPARE -> dtPrepare(b, args);
                        case ADD_TIMESTEP -> addTimestep(b, args);
                        case TO_BF16 -> toBf16(b, args);
                    }
                }
            }
        }
    }

    private static float[] f(KernelArgs a, int i) {
        return ReferenceDevice.buffer(a.ptrAt(i)).f;
    }

    private static int[] ints(KernelArgs a, int i) {
        return ReferenceDevice.buffer(a.ptrAt(i)).i;
    }

    /** The pointer argument's element offset: C's {@code p + offset} */
    private static long at(KernelArgs a, int i) {
        return a.ptrAt(i).offset();
    }

    private static long rowAt(int r, int ld, long es, int rpe) {
        return (long) (r / rpe) * es + (long) (r % rpe) * ld;
    }

    private static int ix(long index) {
        return Math.toIntExact(index);
    }

    // rows.cu

    private static void biasAdd(Block k, KernelArgs a) {
        float[] x = f(a, 0);
        int ld = a.intAt(1);
        long es = a.longAt(2);
        int rpe = a.intAt(3);
        int rows = a.intAt(4);
        int n = a.intAt(5);
        float[] bias = f(a, 6);
        long bias0 = at(a, 6);
        int r = k.blockIdx();
        if (r >= rows) {
            return;
        }
        long row = at(a, 0) + rowAt(r, ld, es, rpe);
        for (int t = 0; t < k.blockDim(); t++) {
            for (int j = t; j < n; j += k.blockDim()) {
                x[ix(row + j)] = x[ix(row + j)] + bias[ix(bias0 + j)];
            }
        }
    }

    private static void addRows(Block k, KernelArgs a) {
        float[] x = f(a, 0);
        int ldx = a.intAt(1);
        long esx = a.longAt(2);
        float[] y = f(a, 3);
        int ldy = a.intAt(4);
        long esy = a.longAt(5);
        int rpe = a.intAt(6);
        int rows = a.intAt(7);
        int n = a.intAt(8);
        int r = k.blockIdx();
        if (r >= rows) {
            return;
        }
        long xr = at(a, 0) + rowAt(r, ldx, esx, rpe);
        long yr = at(a, 3) + rowAt(r, ldy, esy, rpe);
        for (int t = 0; t < k.blockDim(); t++) {
            for (int j = t; j < n; j += k.blockDim()) {
                y[ix(yr + j)] = y[ix(yr + j)] + x[ix(xr + j)];
            }
        }
    }

    private static final double SQRT_2_OVER_PI = 0.7978845608028654;
    private static final double INV_SQRT_2 = 0.7071067811865475;

    private static double tanhOneExp(double u) {
        return 1.0 - 2.0 / (Math.exp(2.0 * u) + 1.0);
    }

    private static double erfc(double z) {
        double az = Math.abs(z);
        double t = 1.0 / (1.0 + 0.5 * az);
        double r = t * Math.exp(-az * az - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
                + t * 0.17087277)))))))));
        return z >= 0.0 ? r : 2.0 - r;
    }

    static float activation(int fn, float v) {
        return switch (fn) {
            case 0 -> v > 0.0f ? v : 0.0f;
            case 1 -> (float) (0.5 * v * (1.0 + tanhOneExp(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v))));
            case 2 -> (float) (0.5 * v * erfc(-v * INV_SQRT_2));
            default -> (float) Math.tanh(v);
        };
    }

    private static void activate(Block k, KernelArgs a) {
        int fn = a.intAt(0);
        float[] x = f(a, 1);
        int ldx = a.intAt(2);
        long esx = a.longAt(3);
        float[] y = f(a, 4);
        int ldy = a.intAt(5);
        long esy = a.longAt(6);
        int rpe = a.intAt(7);
        int rows = a.intAt(8);
        int n = a.intAt(9);
        int r = k.blockIdx();
        if (r >= rows) {
            return;
        }
        long xr = at(a, 1) + rowAt(r, ldx, esx, rpe);
        long yr = at(a, 4) + rowAt(r, ldy, esy, rpe);
        for (int t = 0; t < k.blockDim(); t++) {
            for (int j = t; j < n; j += k.blockDim()) {
                y[ix(yr + j)] = activation(fn, x[ix(xr + j)]);
            }
        }
    }

    // layer_norm.cu

    private static final int LN_THREADS = 256;

    private static void layerNorm(Block k, KernelArgs a) {
        float[] x = f(a, 0);
        int ldx = a.intAt(1);
        long esx = a.longAt(2);
        float[] y = f(a, 3);
        int ldy = a.intAt(4);
        long esy = a.longAt(5);
        int rpe = a.intAt(6);
        int rows = a.intAt(7);
        int n = a.intAt(8);
        float[] gamma = f(a, 9);
        long g0 = at(a, 9);
        float[] beta = f(a, 10);
        long b0 = at(a, 10);
        float eps = a.floatAt(11);
        double[] part = new double[LN_THREADS];                   // __shared__
        int r = k.blockIdx();
        if (r >= rows) {
            return;
        }
        long xr = at(a, 0) + rowAt(r, ldx, esx, rpe);
        long yr = at(a, 3) + rowAt(r, ldy, esy, rpe);
        int threads = k.blockDim();

        for (int t = 0; t < threads; t++) {
            double s = 0.0;
            for (int j = t; j < n; j += threads) {
                s += x[ix(xr + j)];
            }
            part[t] = s;
        }
        tree(part, threads);
        double mean = part[0] / n;

        for (int t = 0; t < threads; t++) {
            double q = 0.0;
            for (int j = t; j < n; j += threads) {
                double d = x[ix(xr + j)] - mean;
                q += d * d;
            }
            part[t] = q;
        }
        tree(part, threads);
        double variance = part[0] / n;

        float m = (float) mean;
        float inv = (float) (1.0 / Math.sqrt(variance + eps));
        for (int t = 0; t < threads; t++) {
            for (int j = t; j < n; j += threads) {
                y[ix(yr + j)] = (x[ix(xr + j)] - m) * inv * gamma[ix(g0 + j)] + beta[ix(b0 + j)];
            }
        }
    }

    /** The kernel's tree: for half = blockDim/2 .. 1, threads t < half add part[t + half] (barrier per level). */
    private static void tree(double[] part, int threads) {
        for (int half = threads / 2; half > 0; half /= 2) {
            for (int t = 0; t < threads; t++) {
                if (t < half) {
                    part[t] += part[t + half];
                }
            }
        }
    }

    // attention.cu

    private static final int MAX_HEAD_SIZE = 256;

    private static float score(float[] qkv, long q, long key, int hs, float scale) {
        float c = 0.0f;
        for (int d = 0; d < hs; d++) {
            c = Math.fma(qkv[ix(q + d)], qkv[ix(key + d)], c);
        }
        return c * scale;
    }

    private static void causalAttention(Block k, KernelArgs a) {
        float[] qkv = f(a, 0);
        int ldq = a.intAt(1);
        long esq = a.longAt(2);
        float[] out = f(a, 3);
        int ldo = a.intAt(4);
        long eso = a.longAt(5);
        int[] lengths = ints(a, 6);
        int window = a.intAt(7);
        int tokens = a.intAt(8);
        int heads = a.intAt(9);
        int hs = a.intAt(10);
        float scale = a.floatAt(11);
        int firstQuery = a.intAt(12);
        int b = k.blockIdx() / heads;
        int h = k.blockIdx() % heads;
        int hidden = heads * hs;
        int len = lengths[ix(at(a, 6) + b)];
        len = len < 0 ? 0 : (len > window ? window : len);
        int first = 3 * (window - len);
        long w0 = at(a, 0) + (long) b * esq;
        long o0 = at(a, 3) + (long) b * eso;
        for (int t = 0; t < k.blockDim(); t++) {
            for (int i = firstQuery + t; i < tokens; i += k.blockDim()) {
                long o = o0 + (long) (i - firstQuery) * ldo + (long) h * hs;
                if (i < first) {
                    for (int d = 0; d < hs; d++) {
                        out[ix(o + d)] = 0.0f;
                    }
                    continue;
                }
                long q = w0 + (long) i * ldq + (long) h * hs;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = first; j <= i; j++) {
                    float s = score(qkv, q, w0 + (long) j * ldq + hidden + (long) h * hs, hs, scale);
                    max = s > max ? s : max;
                }
                float sum = 0.0f;
                for (int j = first; j <= i; j++) {
                    float s = score(qkv, q, w0 + (long) j * ldq + hidden + (long) h * hs, hs, scale);
                    sum += (float) Math.exp((double) (s - max));
                }
                float[] acc = new float[MAX_HEAD_SIZE];
                for (int d = 0; d < hs; d++) {
                    acc[d] = 0.0f;
                }
                for (int j = first; j <= i; j++) {
                    float s = score(qkv, q, w0 + (long) j * ldq + hidden + (long) h * hs, hs, scale);
                    float p = (float) Math.exp((double) (s - max)) / sum;
                    long v = w0 + (long) j * ldq + 2L * hidden + (long) h * hs;
                    for (int d = 0; d < hs; d++) {
                        acc[d] = Math.fma(p, qkv[ix(v + d)], acc[d]);
                    }
                }
                for (int d = 0; d < hs; d++) {
                    out[ix(o + d)] = acc[d];
                }
            }
        }
    }

    // dt_inputs.cu

    private static void dtPrepare(Block k, KernelArgs a) {
        float[] rawStates = f(a, 0);
        float[] rawActions = f(a, 1);
        float[] rawReturns = f(a, 2);
        int[] rawTimesteps = ints(a, 3);
        int[] lengths = ints(a, 4);
        float[] mean = f(a, 5);
        float[] std = f(a, 6);
        float returnScale = a.floatAt(7);
        int maxTimestep = a.intAt(8);
        int window = a.intAt(9);
        int s = a.intAt(10);
        int na = a.intAt(11);
        float[] states = f(a, 12);
        float[] actions = f(a, 13);
        float[] returns = f(a, 14);
        int[] timesteps = ints(a, 15);
        int i = k.blockIdx();
        int b = i / window;
        int q = i % window;
        int len = lengths[ix(at(a, 4) + b)];
        len = len < 0 ? 0 : (len > window ? window : len);
        boolean real = q >= window - len;
        for (int t = 0; t < k.blockDim(); t++) {
            for (int d = t; d < s; d += k.blockDim()) {
                long e = (long) i * s + d;
                states[ix(at(a, 12) + e)] = real
                        ? (rawStates[ix(at(a, 0) + e)] - mean[ix(at(a, 5) + d)]) / std[ix(at(a, 6) + d)] : 0.0f;
            }
            for (int d = t; d < na; d += k.blockDim()) {
                long e = (long) i * na + d;
                actions[ix(at(a, 13) + e)] = real ? rawActions[ix(at(a, 1) + e)] : 0.0f;
            }
            if (t == 0) {
                returns[ix(at(a, 14) + i)] = real ? rawReturns[ix(at(a, 2) + i)] / returnScale : 0.0f;
                int step = rawTimesteps[ix(at(a, 3) + i)];
                timesteps[ix(at(a, 15) + i)] = real ? (step < 0 ? 0 : (step > maxTimestep ? maxTimestep : step)) : 0;
            }
        }
    }

    private static void addTimestep(Block k, KernelArgs a) {
        float[] x = f(a, 0);
        int ld = a.intAt(1);
        long es = a.longAt(2);
        int tokens = a.intAt(3);
        int window = a.intAt(4);
        int[] timesteps = ints(a, 5);
        float[] table = f(a, 6);
        int n = a.intAt(7);
        int r = k.blockIdx();
        int b = r / tokens;
        int i = r % tokens;
        long row = at(a, 0) + (long) b * es + (long) i * ld;
        long e = at(a, 6) + (long) timesteps[ix(at(a, 5) + (long) b * window + i / 3)] * n;
        for (int t = 0; t < k.blockDim(); t++) {
            for (int j = t; j < n; j += k.blockDim()) {
                x[ix(row + j)] = x[ix(row + j)] + table[ix(e + j)];
            }
        }
    }

    // bf16.cu

    private static void toBf16(Block k, KernelArgs a) {
        float[] x = f(a, 0);
        int ld = a.intAt(1);
        long es = a.longAt(2);
        int rpe = a.intAt(3);
        int rows = a.intAt(4);
        int n = a.intAt(5);
        short[] y = ReferenceDevice.buffer(a.ptrAt(6)).s;
        int r = k.blockIdx();
        if (r >= rows) {
            return;
        }
        long xr = at(a, 0) + rowAt(r, ld, es, rpe);
        long yr = at(a, 6) + (long) r * n;
        for (int t = 0; t < k.blockDim(); t++) {
            for (int j = t; j < n; j += k.blockDim()) {
                y[ix(yr + j)] = bf16(x[ix(xr + j)]);
            }
        }
    }

    /** Round to nearest even on the bits; NaN stays a quiet NaN (as bf16.cu). */
    static short bf16(float v) {
        int u = Float.floatToRawIntBits(v);
        if ((u & 0x7fffffff) > 0x7f800000) {
            return (short) ((u >>> 16) | 0x40);
        }
        return (short) ((u + 0x7fff + ((u >>> 16) & 1)) >>> 16);
    }
}
