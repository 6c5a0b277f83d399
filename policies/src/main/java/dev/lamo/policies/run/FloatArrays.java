package dev.lamo.policies.run;

import java.util.List;

/** Float vectors as they come back from config.json (lists of numbers) or from double statistics. */
public final class FloatArrays {

    private FloatArrays() {
    }

    /** A {@code float[]} or a JSON list of numbers as floats. */
    public static float[] of(Object list) {
        if (list instanceof float[] f) {
            return f;
        }
        List<?> l = (List<?>) list;
        float[] out = new float[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).floatValue();
        }
        return out;
    }

    public static float[] of(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
