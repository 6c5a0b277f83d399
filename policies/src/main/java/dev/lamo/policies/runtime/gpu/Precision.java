package dev.lamo.policies.runtime.gpu;

import java.util.Locale;

/**
 * The GEMM precision of the GPU forward ({@code --precision}). Everything else (LayerNorm, attention, activations,
 * residual adds) is fp32 with double sums in every mode.
 */
public enum Precision {
    /** IEEE fp32 products (CUBLAS_COMPUTE_32F_PEDANTIC: no TF32 even under NVIDIA_TF32_OVERRIDE): the CPU engine's numerics. */
    FP32,
    /** fp32 operands rounded to TF32 in the tensor cores, fp32 accumulation (CUBLAS_COMPUTE_32F_FAST_TF32). */
    TF32,
    /** Weights and activations rounded to bfloat16 before each GEMM, fp32 accumulation and output (CUBLAS_COMPUTE_32F). */
    BF16;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** fp32, tf32 or bf16; anything else fails in one line naming the flag. */
    public static Precision parse(String value) {
        for (Precision p : values()) {
            if (p.id().equals(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("--precision must be fp32, tf32 or bf16, got '" + value + "'");
    }

    Gemm.Compute compute() {
        return this == TF32 ? Gemm.Compute.TF32 : Gemm.Compute.FP32;
    }
}
