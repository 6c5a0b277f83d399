package dev.lamo.policies.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lamo.envs.Seeds;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The product kernel's contract: every element is the fma chain over k from 0, whatever m, n, offsets and strides. */
class VectorOpsTest {

    private final VectorOps ops = new VectorOps();

    @Test
    void everyShapeGivesTheScalarFmaChainBitForBit() {
        RandomGenerator r = Seeds.rng(1);
        for (int m = 1; m <= 9; m++) {
            for (int n : new int[] {1, 5, 15, 16, 17, 31, 33, 59, 64, 70, 81, 150, 200}) {
                for (int k : new int[] {1, 7, 128}) {
                    int lda = k + 3;
                    int ldb = n + 2;
                    int ldc = n + 5;
                    float[] a = random(r, 2 + m * lda);
                    float[] b = random(r, 1 + k * ldb);
                    float[] c = random(r, 4 + m * ldc);
                    float[] before = c.clone();
                    ops.matmul(a, 2, lda, b, 1, ldb, c, 4, ldc, m, n, k);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            float s = 0f;
                            for (int p = 0; p < k; p++) {
                                s = Math.fma(a[2 + i * lda + p], b[1 + p * ldb + j], s);
                            }
                            assertEquals(Float.floatToIntBits(s), Float.floatToIntBits(c[4 + i * ldc + j]),
                                    "m " + m + " n " + n + " k " + k + " at " + i + "," + j);
                        }
                        for (int j = n; j < ldc && 4 + i * ldc + j < c.length; j++) {
                            assertEquals(before[4 + i * ldc + j], c[4 + i * ldc + j], "outside the product: untouched");
                        }
                    }
                }
            }
        }
    }

    @Test
    void attentionMatchesTheDefinition() {
        RandomGenerator r = Seeds.rng(2);
        int t = 23;
        int heads = 3;
        int d = 8;
        int h = heads * d;
        float[] qkv = random(r, t * 3 * h);
        float[] out = new float[t * h];
        float[] scratch = new float[EngineOps.attentionScratch(t, d)];
        ops.causalAttention(qkv, 0, 3 * h, qkv, h, 3 * h, qkv, 2 * h, 3 * h, out, 0, h, t, 0, heads, d, 0.5f, scratch);
        for (int i = 0; i < t; i++) {
            for (int head = 0; head < heads; head++) {
                double[] w = new double[i + 1];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j <= i; j++) {
                    for (int e = 0; e < d; e++) {
                        w[j] += qkv[i * 3 * h + head * d + e] * qkv[j * 3 * h + h + head * d + e];
                    }
                    w[j] *= 0.5;
                    max = Math.max(max, w[j]);
                }
                double sum = 0;
                for (int j = 0; j <= i; j++) {
                    w[j] = Math.exp(w[j] - max);
                    sum += w[j];
                }
                for (int e = 0; e < d; e++) {
                    double o = 0;
                    for (int j = 0; j <= i; j++) {
                        o += w[j] / sum * qkv[j * 3 * h + 2 * h + head * d + e];
                    }
                    assertEquals(o, out[i * h + head * d + e], 1e-5, "query " + i + " head " + head);
                }
            }
        }
    }

    private static float[] random(RandomGenerator r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
