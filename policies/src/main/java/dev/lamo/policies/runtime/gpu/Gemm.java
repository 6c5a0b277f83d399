package dev.lamo.policies.runtime.gpu;

/**
 * One {@code cublasGemmStridedBatchedEx} call, in cuBLAS's own column-major terms: for p in 0 .. batch−1,
 * C_p (m×n) = op(A_p) (m×k) · op(B_p) (k×n) with X_p = X + p·strideX, element (i, j) of a matrix at
 * {@code X[i + j·ldX]}, op = N (as stored) or T (transposed). alpha = 1, beta = 0: C is overwritten, never read.
 * A and B are F32 or both BF16; C is F32. {@code compute} picks FP32 or TF32 tensor-core products.
 */
public record Gemm(boolean transA, boolean transB, int m, int n, int k, DevicePtr a, int lda, long strideA, DevicePtr b,
                   int ldb, long strideB, DevicePtr c, int ldc, long strideC, int batch, Compute compute) {

    /** How the products are computed. */
    public enum Compute {
        /** IEEE fp32 products and sums (CUBLAS_COMPUTE_32F_PEDANTIC on the GPU). */
        FP32,
        /** Inputs rounded to TF32 (10-bit mantissa) in the tensor cores, fp32 sums (CUBLAS_COMPUTE_32F_FAST_TF32). */
        TF32
    }

    /** The argument checks cuBLAS makes (CUBLAS_STATUS_INVALID_VALUE), plus operand types. */
    public Gemm {
        if (m < 0 || n < 0 || k < 0 || batch < 0) {
            throw new IllegalArgumentException("gemm with negative size m " + m + ", n " + n + ", k " + k + ", batch " + batch);
        }
        if (lda < Math.max(1, transA ? k : m) || ldb < Math.max(1, transB ? n : k) || ldc < Math.max(1, m)) {
            throw new IllegalArgumentException("gemm leading dimensions lda " + lda + ", ldb " + ldb + ", ldc " + ldc
                    + " too small for m " + m + ", n " + n + ", k " + k + (transA ? " (A transposed)" : "")
                    + (transB ? " (B transposed)" : ""));
        }
        if (a.type() != b.type() || a.type() == DType.I32 || c.type() != DType.F32) {
            throw new IllegalArgumentException("gemm operand types A " + a.type() + ", B " + b.type() + ", C " + c.type()
                    + ": A and B must both be F32 or both BF16, C F32");
        }
    }

    /** Elements of a p-th operand's matrix, the last one included, for bounds checks. */
    static long extent(int rows, int cols, int ld) {
        return rows == 0 || cols == 0 ? 0 : (long) (cols - 1) * ld + rows;
    }
}
