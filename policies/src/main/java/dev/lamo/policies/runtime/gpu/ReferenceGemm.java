package dev.lamo.policies.runtime.gpu;

/**
 * {@link Gemm} element by element in cuBLAS's column-major terms: C_p(i, j) = Σ_l op(A_p)(i, l)·op(B_p)(l, j) as the
 * chain acc = fma(a, b, acc) over l = 0 .. k−1 from 0, which is what the CPU engine ({@code VectorOps}) computes for
 * every element, so FP32 results equal the CPU's bits. TF32 rounds each input to 10 mantissa bits (nearest, ties away,
 * as {@code cvt.rna.tf32.f32}) first, and BF16 inputs are exact floats: a model of the tensor cores' inputs, not of
 * their summation order, so TF32 and BF16 results here approximate the GPU's.
 */
final class ReferenceGemm {

    private ReferenceGemm() {
    }

    static void run(Gemm g) {
        ReferenceDevice.Buffer a = ReferenceDevice.buffer(g.a());
        ReferenceDevice.Buffer b = ReferenceDevice.buffer(g.b());
        float[] c = ReferenceDevice.buffer(g.c()).f;
        boolean tf32 = g.compute() == Gemm.Compute.TF32 && g.a().type() == DType.F32;
        for (int p = 0; p < g.batch(); p++) {
            long a0 = g.a().offset() + p * g.strideA();
            long b0 = g.b().offset() + p * g.strideB();
            long c0 = g.c().offset() + p * g.strideC();
            for (int j = 0; j < g.n(); j++) {
                for (int i = 0; i < g.m(); i++) {
                    float acc = 0f;
                    for (int l = 0; l < g.k(); l++) {
                        long ai = a0 + (g.transA() ? l + (long) i * g.lda() : i + (long) l * g.lda());
                        long bi = b0 + (g.transB() ? j + (long) l * g.ldb() : l + (long) j * g.ldb());
                        float x = value(a, ai);
                        float y = value(b, bi);
                        if (tf32) {
                            x = tf32(x);
                            y = tf32(y);
                        }
                        acc = Math.fma(x, y, acc);
                    }
                    c[(int) (c0 + i + (long) j * g.ldc())] = acc;
                }
            }
        }
    }

    private static float value(ReferenceDevice.Buffer buf, long index) {
        return buf.f != null ? buf.f[(int) index] : bf16ToFloat(buf.s[(int) index]);
    }

    static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    /** x rounded to TF32's 10 mantissa bits, to nearest with ties away from zero. */
    static float tf32(float x) {
        int u = Float.floatToRawIntBits(x);
        if ((u & 0x7f800000) == 0x7f800000) {
            return x;
        }
        return Float.intBitsToFloat((u + 0x1000) & 0xffffe000);
    }
}
