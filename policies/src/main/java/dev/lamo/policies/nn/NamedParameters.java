package dev.lamo.policies.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.lamo.policies.io.Safetensors;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The parameters of a DJL block under stable names (DJL's block paths, for example {@code trunk_fc0_weight}),
 * with what training needs beyond the forward pass: saving and loading as safetensors, gradient zeroing,
 * global-norm clipping, and copies and Polyak averaging between networks of the same shape.
 */
public final class NamedParameters {

    private final Map<String, Parameter> parameters;

    private NamedParameters(Map<String, Parameter> parameters) {
        this.parameters = Collections.unmodifiableMap(parameters);
    }

    /** Every parameter of an initialised block. */
    public static NamedParameters of(Block block) {
        Map<String, Parameter> map = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            map.put(p.getKey(), p.getValue());
        }
        return new NamedParameters(map);
    }

    /** A set over explicitly named parameters (for example Hugging Face names). */
    public static NamedParameters ofMap(Map<String, Parameter> named) {
        return new NamedParameters(new LinkedHashMap<>(named));
    }

    /** The subset whose names pass {@code filter} (for example the trainable ones). */
    public NamedParameters filter(Predicate<String> filter) {
        Map<String, Parameter> map = new LinkedHashMap<>();
        parameters.forEach((k, v) -> {
            if (filter.test(k)) {
                map.put(k, v);
            }
        });
        return new NamedParameters(map);
    }

    /** The same parameters under {@code prefix + name} (to combine networks whose names coincide). */
    public NamedParameters withPrefix(String prefix) {
        Map<String, Parameter> map = new LinkedHashMap<>();
        parameters.forEach((k, v) -> map.put(prefix + k, v));
        return new NamedParameters(map);
    }

    /** Concatenation of several sets (names must not collide). */
    public static NamedParameters concat(NamedParameters... sets) {
        Map<String, Parameter> map = new LinkedHashMap<>();
        for (NamedParameters s : sets) {
            for (Map.Entry<String, Parameter> e : s.parameters.entrySet()) {
                if (map.put(e.getKey(), e.getValue()) != null) {
                    throw new IllegalArgumentException("duplicate parameter name " + e.getKey());
                }
            }
        }
        return new NamedParameters(map);
    }

    public Map<String, Parameter> asMap() {
        return parameters;
    }

    public List<String> names() {
        return new ArrayList<>(parameters.keySet());
    }

    public NDArray array(String name) {
        Parameter p = parameters.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return p.getArray();
    }

    /** Total number of scalar values. */
    public long count() {
        long n = 0;
        for (Parameter p : parameters.values()) {
            n += p.getArray().size();
        }
        return n;
    }

    /** Marks every parameter as needing (or not) a gradient. */
    public void requireGradients(boolean required) {
        for (Parameter p : parameters.values()) {
            p.getArray().setRequiresGradient(required);
        }
    }

    /** Current values, by name. */
    public Map<String, float[]> values() {
        Map<String, float[]> out = new LinkedHashMap<>();
        parameters.forEach((k, v) -> out.put(k, v.getArray().toFloatArray()));
        return out;
    }

    /** Sets one parameter's values (copied into the existing array). */
    public void set(String name, float[] values) {
        NDArray a = array(name);
        if (a.size() != values.length) {
            throw new IllegalArgumentException("parameter " + name + " holds " + a.size() + " values, got " + values.length);
        }
        a.set(FloatBuffer.wrap(values));
    }

    public void save(Path file, Map<String, String> metadata) throws IOException {
        Map<String, float[]> values = values();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        parameters.forEach((k, v) -> shapes.put(k, v.getArray().getShape().getShape()));
        Safetensors.writeFloats(file, values, shapes, metadata);
    }

    /**
     * Loads every parameter from a safetensors file; a missing or misshaped tensor fails with a message that
     * names it.
     */
    public void load(Path file) throws IOException {
        load(Safetensors.read(file).tensors(), file.toString());
    }

    public void load(Map<String, Safetensors.Tensor> tensors, String source) {
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            Safetensors.Tensor t = tensors.get(e.getKey());
            if (t == null) {
                throw new IllegalArgumentException(source + ": missing tensor '" + e.getKey() + "'");
            }
            long[] expected = e.getValue().getArray().getShape().getShape();
            if (!Arrays.equals(expected, t.shape())) {
                throw new IllegalArgumentException(source + ": tensor '" + e.getKey() + "' has shape "
                        + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(expected));
            }
            set(e.getKey(), t.toFloats());
        }
    }

    /** Sets every gradient to zero (PyTorch accumulates gradients across backward passes). */
    public void zeroGradients() {
        try (NDScope scope = new NDScope()) {
            for (Parameter p : parameters.values()) {
                NDArray a = p.getArray();
                if (a.hasGradient()) {
                    a.getGradient().muli(0);
                }
            }
            scope.suppressNotUsedWarning();
        }
    }

    /** Overwrites every gradient with zeros; unlike {@link #zeroGradients()} this also clears NaN and infinity. */
    public void resetGradients() {
        for (Parameter p : parameters.values()) {
            NDArray a = p.getArray();
            if (a.hasGradient()) {
                a.getGradient().set(java.nio.FloatBuffer.wrap(new float[(int) a.size()]));
            }
        }
    }

    /** L2 norm of all gradients together. */
    public double gradientNorm() {
        try (NDScope scope = new NDScope()) {
            double sum = 0;
            for (Parameter p : parameters.values()) {
                NDArray a = p.getArray();
                if (a.hasGradient()) {
                    sum += a.getGradient().square().sum().getFloat();
                }
            }
            scope.suppressNotUsedWarning();
            return Math.sqrt(sum);
        }
    }

    /**
     * Scales all gradients so that their global L2 norm is at most {@code maxNorm} (PyTorch's
     * {@code clip_grad_norm_}: coefficient maxNorm / (norm + 1e-6), capped at 1). Returns the norm before clipping.
     */
    public double clipGradientNorm(double maxNorm) {
        double norm = gradientNorm();
        double coefficient = maxNorm / (norm + 1e-6);
        if (coefficient < 1) {
            try (NDScope scope = new NDScope()) {
                for (Parameter p : parameters.values()) {
                    NDArray a = p.getArray();
                    if (a.hasGradient()) {
                        a.getGradient().muli((float) coefficient);
                    }
                }
                scope.suppressNotUsedWarning();
            }
        }
        return norm;
    }

    /** Copies every value from a set with the same names and shapes (for example into a target network). */
    public void copyFrom(NamedParameters source) {
        polyak(source, 1.0);
    }

    /** this ← (1 − tau) · this + tau · source, parameter by parameter. */
    public void polyak(NamedParameters source, double tau) {
        List<Parameter> mine = new ArrayList<>(parameters.values());
        List<Parameter> theirs = new ArrayList<>(source.parameters.values());
        if (mine.size() != theirs.size()) {
            throw new IllegalArgumentException("parameter sets differ in size: " + mine.size() + " vs " + theirs.size());
        }
        try (NDScope scope = new NDScope()) {
            for (int i = 0; i < mine.size(); i++) {
                NDArray target = mine.get(i).getArray();
                NDArray src = theirs.get(i).getArray();
                if (tau == 1.0) {
                    target.muli(0).addi(src);
                } else {
                    target.muli((float) (1 - tau)).addi(src.mul((float) tau));
                }
            }
            scope.suppressNotUsedWarning();
        }
    }
}
