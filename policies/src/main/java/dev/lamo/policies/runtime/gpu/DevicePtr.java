package dev.lamo.policies.runtime.gpu;

/** Element {@code offset} of a device buffer: what a CUDA kernel receives as a typed pointer. */
public record DevicePtr(DeviceBuffer buffer, long offset) {

    public DevicePtr {
        if (offset < 0 || offset > buffer.length()) {
            throw new IllegalArgumentException("offset " + offset + " outside a device buffer of " + buffer.length() + " elements");
        }
    }

    public DevicePtr plus(long elements) {
        return new DevicePtr(buffer, offset + elements);
    }

    public DType type() {
        return buffer.type();
    }
}
