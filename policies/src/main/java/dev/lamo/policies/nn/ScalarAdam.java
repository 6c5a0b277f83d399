package dev.lamo.policies.nn;

/** Adam for a single scalar parameter (SAC's log-temperature), with a state that can be saved. */
public final class ScalarAdam {

    private final double lr;
    private double value;
    private double m;
    private double v;
    private long t;

    public ScalarAdam(double initial, double lr) {
        this.value = initial;
        this.lr = lr;
    }

    /** One step along the gradient {@code g}; returns the new value. */
    public double step(double g) {
        t++;
        m = 0.9 * m + 0.1 * g;
        v = 0.999 * v + 0.001 * g * g;
        double mHat = m / (1 - Math.pow(0.9, t));
        double vHat = v / (1 - Math.pow(0.999, t));
        value -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
        return value;
    }

    public double value() {
        return value;
    }

    public double[] state() {
        return new double[] {value, m, v, t};
    }

    public void restore(double[] state) {
        value = state[0];
        m = state[1];
        v = state[2];
        t = (long) state[3];
    }
}
