package dev.lamo.policies.runtime;

/**
 * The numeric operations an inference forward needs, and nothing else: the seam a second backend (a CUDA
 * one) implements. Every matrix is row-major inside a float array, addressed by an offset and a leading
 * dimension {@code ld} (elements from one row to the next), so a caller can address a column block of a
 * wider matrix (the K|V columns of a fused QKV projection) or write into interleaved rows. A row-major
 * product C = A·B is the column-major product Cᵀ = Bᵀ·Aᵀ, so a column-major library (cuBLAS) implements
 * {@link #matmul} as {@code gemm(N, N, m = n, n = m, k, B, ldb, A, lda, C, ldc)} with no transposes.
 *
 * <p>The contract that makes results batch-invariant: every output element is computed by an order of
 * operations that depends only on its own inputs and on k, never on m, n or what else is computed in the
 * same call. Callers pass one episode's rows at a time.
 */
public interface EngineOps {

    /** Point-wise non-linearities of the supported models. */
    enum Activation {
        RELU,
        /** GPT-2's {@code gelu_new}: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) */
        GELU_TANH,
        /** The exact (erf) GELU of PyTorch's {@code nn.GELU()} */
        GELU_ERF,
        TANH;

        /** The activation a GPT-2 config names. */
        public static Activation ofGpt2(String name) {
            return switch (name) {
                case "gelu_new" -> GELU_TANH;
                case "gelu" -> GELU_ERF;
                case "relu" -> RELU;
                default -> throw new IllegalArgumentException("unsupported activation " + name);
            };
        }
    }

    /** C (m×n) = A (m×k) · B (k×n); C's previous contents are ignored. */
    void matmul(float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, int m, int n, int k);

    /** X (rows×n) += bias (n), broadcast over rows. */
    void addBias(float[] x, int off, int ldx, int rows, int n, float[] bias, int biasOff);

    /** Y (rows×n) += X (rows×n). */
    void add(float[] x, int xOff, int ldx, float[] y, int yOff, int ldy, int rows, int n);

    /** Y = LayerNorm(X)·γ + β over each row of n values (Y may be X). */
    void layerNorm(float[] x, int xOff, int ldx, float[] y, int yOff, int ldy, int rows, int n, float[] gamma, float[] beta,
                   float eps);

    /** X = f(X) in place. */
    void activate(Activation f, float[] x, int off, int ldx, int rows, int n);

    /**
     * Causal softmax attention of one sequence of t tokens, every token real (the caller passes only a window's
     * real tokens, which is what GPT-2's additive −10000 padding mask computes: padded keys get weight exactly 0).
     * Queries for positions {@code firstQuery .. t−1} are rows {@code 0 .. t−1−firstQuery} of {@code q}; keys and
     * values are rows {@code 0 .. t−1} of {@code k} and {@code v}; each row holds {@code heads × headSize} values,
     * head h in columns {@code h·headSize ..}. out row i = Σ_{j ≤ firstQuery+i} softmax_j(q_i·k_j · scale) v_j.
     *
     * @param scratch at least {@link #attentionScratch(int, int)} floats
     */
    void causalAttention(float[] q, int qOff, int ldq, float[] k, int kOff, int ldk, float[] v, int vOff, int ldv,
                         float[] out, int outOff, int ldo, int t, int firstQuery, int heads, int headSize, float scale,
                         float[] scratch);

    /** Scratch floats {@link #causalAttention} needs for t tokens. */
    static int attentionScratch(int t, int headSize) {
        return t * headSize + t * t;
    }
}
