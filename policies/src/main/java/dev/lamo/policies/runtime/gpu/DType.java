package dev.lamo.policies.runtime.gpu;

/** Element types of device and pinned host buffers. */
public enum DType {
    /** IEEE single precision. */
    F32(4),
    /** 32-bit signed integers (timesteps, window lengths). */
    I32(4),
    /** bfloat16: the upper 16 bits of a float, stored as unsigned short (weights and GEMM inputs in --precision bf16). */
    BF16(2);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }
}
