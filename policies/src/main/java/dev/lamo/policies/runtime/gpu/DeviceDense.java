package dev.lamo.policies.runtime.gpu;

/**
 * An affine layer y = x·W + b in device memory: W (in, out) row-major with row stride {@code ld} (its fp32 copy, and
 * its bf16 copy in --precision bf16), b (out). {@link #columns} addresses a column block without copying (the K|V
 * and Q parts of a fused QKV weight).
 */
record DeviceDense(DevicePtr weight, DevicePtr weightBf16, DevicePtr bias, int in, int out, int ld) {

    DeviceDense columns(int from, int count) {
        return new DeviceDense(weight.plus(from), weightBf16 == null ? null : weightBf16.plus(from), bias.plus(from), in,
                count, ld);
    }
}
