package dev.lamo.policies.runtime;

import dev.lamo.policies.io.Safetensors;
import java.util.Arrays;
import java.util.Map;

/**
 * Tensors of a checkpoint file read by name with every check a forward relies on: present, of the expected
 * shape, finite. Each failure is one line naming the file and the tensor.
 */
final class NamedTensors {

    private final Map<String, Safetensors.Tensor> tensors;
    private final String source;

    NamedTensors(Map<String, Safetensors.Tensor> tensors, String source) {
        this.tensors = tensors;
        this.source = source;
    }

    Map<String, Safetensors.Tensor> all() {
        return tensors;
    }

    boolean has(String name) {
        return tensors.containsKey(name);
    }

    String source() {
        return source;
    }

    /** The values of a tensor of exactly {@code shape}. */
    float[] get(String name, long... shape) {
        Safetensors.Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException(source + ": missing tensor '" + name + "'");
        }
        if (!Arrays.equals(shape, t.shape())) {
            throw new IllegalArgumentException(source + ": tensor '" + name + "' has shape " + Arrays.toString(t.shape())
                    + ", expected " + Arrays.toString(shape));
        }
        float[] v = t.toFloats();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException(source + ": tensor '" + name + "' holds " + v[i] + " at index " + i);
            }
        }
        return v;
    }

    /** The shape of a tensor, or a one-line failure naming it. */
    long[] shape(String name) {
        Safetensors.Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException(source + ": missing tensor '" + name + "'");
        }
        return t.shape();
    }

    /** A DJL {@code Linear} stored (out, in), returned as the (in, out) row-major matrix of y = x·W. */
    Dense linear(String prefix, int in, int out) {
        float[] w = get(prefix + "_weight", out, in);
        float[] t = new float[in * out];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                t[i * out + o] = w[o * in + i];
            }
        }
        return new Dense(t, get(prefix + "_bias", out), in, out);
    }
}
