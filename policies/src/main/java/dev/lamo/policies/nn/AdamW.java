package dev.lamo.policies.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import dev.lamo.policies.io.Safetensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW as PyTorch defines it (decoupled weight decay: p ← p·(1 − lr·wd), then the Adam step with bias
 * correction). Owned here rather than taken from DJL because DJL's defaults differ (eps 1e-8, weight decay
 * 0.01 versus the papers' settings) and it keeps its moments where they cannot be saved, which an exact
 * {@code --resume} needs.
 */
public final class AdamW implements AutoCloseable {

    /**
     * @param beta1       first-moment decay
     * @param beta2       second-moment decay
     * @param eps         denominator epsilon
     * @param weightDecay decoupled weight decay
     */
    public record Settings(double beta1, double beta2, double eps, double weightDecay) {
        public static Settings adam(double eps) {
            return new Settings(0.9, 0.999, eps, 0.0);
        }
    }

    /**
     * Moments of parameters whose gradient is zero (dead ReLU units, for example) decay geometrically into the
     * subnormal floats, where CPU arithmetic is about a hundred times slower: v decays by β2 = 0.999 a step and
     * spends some 16,000 steps there, which made a SAC run crawl from step 64k on. Every this many steps, v is
     * raised to at least {@link #MOMENT_FLOOR} and |m| below it is set to zero; neither can become subnormal in
     * between. Against ε (≥ 1e-8) a floor of 1e-30 under √v changes no update by more than float rounding.
     */
    static final int FLUSH_EVERY = 100;
    static final float MOMENT_FLOOR = 1e-30f;

    private final NamedParameters parameters;
    private final Settings settings;
    private final NDManager manager;
    private final Map<String, NDArray> first = new LinkedHashMap<>();
    private final Map<String, NDArray> second = new LinkedHashMap<>();
    private long step;

    public AdamW(NamedParameters parameters, Settings settings, NDManager parent) {
        this.parameters = parameters;
        this.settings = settings;
        this.manager = parent.newSubManager();
        for (Map.Entry<String, Parameter> e : parameters.asMap().entrySet()) {
            NDArray p = e.getValue().getArray();
            first.put(e.getKey(), manager.zeros(p.getShape(), p.getDataType()));
            second.put(e.getKey(), manager.zeros(p.getShape(), p.getDataType()));
        }
    }

    /**
     * One update of every parameter that has a gradient, with learning rate {@code lr}; the gradients are
     * zeroed afterwards. Uses the engine's fused Adam kernel (one native call per parameter) with the bias
     * corrections folded into its step size and epsilon so that the result is PyTorch's AdamW:
     * p ← p − lr·wd·p − lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε).
     */
    public void step(double lr) {
        step++;
        double b1 = settings.beta1();
        double b2 = settings.beta2();
        double correction1 = 1 - Math.pow(b1, step);
        double sqrtCorrection2 = Math.sqrt(1 - Math.pow(b2, step));
        float stepSize = (float) (lr * sqrtCorrection2 / correction1);
        float epsilon = (float) (settings.eps() * sqrtCorrection2);
        try (NDScope scope = new NDScope()) {
            for (Map.Entry<String, Parameter> e : parameters.asMap().entrySet()) {
                NDArray p = e.getValue().getArray();
                if (!p.hasGradient()) {
                    continue;
                }
                NDArray g = p.getGradient();
                p.getNDArrayInternal().adamUpdate(new NDList(p, g, first.get(e.getKey()), second.get(e.getKey())),
                        new NDList(p), (float) lr, stepSize, (float) settings.weightDecay(), 1f, -1f, (float) b1,
                        (float) b2, epsilon, false, true);
                if (step % FLUSH_EVERY == 0) {
                    flushTinyMoments(first.get(e.getKey()), second.get(e.getKey()));
                }
            }
            scope.suppressNotUsedWarning();
        }
    }

    private static void flushTinyMoments(NDArray m, NDArray v) {
        v.maximum(MOMENT_FLOOR).copyTo(v);
        m.muli(m.abs().gte(MOMENT_FLOOR).toType(m.getDataType(), false));
    }

    /** The moments (m, v) of one parameter, for tests. */
    NDArray[] moments(String name) {
        return new NDArray[] {first.get(name), second.get(name)};
    }

    public long steps() {
        return step;
    }

    /** Saves both moments (as {@code m/NAME} and {@code v/NAME}) and the step count. */
    public void save(Path file) throws IOException {
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (String name : first.keySet()) {
            values.put("m/" + name, first.get(name).toFloatArray());
            shapes.put("m/" + name, first.get(name).getShape().getShape());
            values.put("v/" + name, second.get(name).toFloatArray());
            shapes.put("v/" + name, second.get(name).getShape().getShape());
        }
        Safetensors.writeFloats(file, values, shapes, Map.of("step", Long.toString(step)));
    }

    public void load(Path file) throws IOException {
        Safetensors.Contents c = Safetensors.read(file);
        for (String name : first.keySet()) {
            copy(c, "m/" + name, first.get(name), file);
            copy(c, "v/" + name, second.get(name), file);
        }
        step = Long.parseLong(c.metadata().getOrDefault("step", "0"));
    }

    private static void copy(Safetensors.Contents c, String key, NDArray into, Path file) {
        Safetensors.Tensor t = c.tensors().get(key);
        if (t == null || t.elements() != into.size()) {
            throw new IllegalArgumentException(file + ": optimizer state '" + key + "' is missing or has the wrong size");
        }
        into.set(java.nio.FloatBuffer.wrap(t.toFloats()));
    }

    @Override
    public void close() {
        manager.close();
    }
}
