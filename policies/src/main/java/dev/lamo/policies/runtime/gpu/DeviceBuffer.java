package dev.lamo.policies.runtime.gpu;

/** A buffer in device memory, owned by the {@link GpuDevice} that allocated it and freed with it. */
public interface DeviceBuffer {

    DType type();

    /** Elements (not bytes). */
    long length();

    /** The address of element {@code offset}, for kernel arguments and GEMM operands. */
    default DevicePtr at(long offset) {
        return new DevicePtr(this, offset);
    }
}
