package dev.lamo.harness.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.lamo.envs.Seeds;
import dev.lamo.policies.runtime.EngineOps;
import dev.lamo.policies.runtime.VectorOps;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * This machine's single-thread float32 matrix-product rate, measured beside a policy benchmark: libtorch's
 * (its BLAS, one thread as configured) on a large square product, and the engine's kernel on the same and on
 * one episode's QKV shape (60×128 by 128×384).
 */
public final class MatmulPeak {

    /** GFLOP/s as the median of repeated timed products. */
    public record Rate(String what, double gflops) {
    }

    private MatmulPeak() {
    }

    public static Rate engine(int m, int k, int n, double seconds) {
        EngineOps ops = new VectorOps();
        float[] a = random(m * k);
        float[] b = random(k * n);
        float[] c = new float[m * n];
        return new Rate("engine kernel " + m + "x" + k + " by " + k + "x" + n,
                timed(2.0 * m * n * k, seconds, () -> ops.matmul(a, 0, k, b, 0, n, c, 0, n, m, n, k)));
    }

    /** libtorch's product (call only when DJL is in use: it loads the native library). */
    public static Rate libtorch(int size, double seconds) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(random(size * size), new Shape(size, size));
            NDArray b = m.create(random(size * size), new Shape(size, size));
            return new Rate("libtorch " + size + "^3", timed(2.0 * size * size * size, seconds, () -> a.matMul(b).close()));
        }
    }

    private static double timed(double flops, double seconds, Runnable product) {
        for (int i = 0; i < 5; i++) {
            product.run();
        }
        double[] rates = new double[10_000];
        int n = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while ((System.nanoTime() < end || n < 5) && n < rates.length) {
            long t0 = System.nanoTime();
            product.run();
            rates[n++] = flops / (System.nanoTime() - t0);
        }
        double[] used = Arrays.copyOf(rates, n);
        Arrays.sort(used);
        return used[n / 2];
    }

    private static float[] random(int n) {
        RandomGenerator r = Seeds.rng(n);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
