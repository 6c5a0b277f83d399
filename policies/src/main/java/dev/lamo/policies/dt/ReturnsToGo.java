package dev.lamo.policies.dt;

import java.util.function.IntToDoubleFunction;

/** Undiscounted returns-to-go of one episode, summed in double precision from its end. */
final class ReturnsToGo {

    private ReturnsToGo() {
    }

    /**
     * R̂_t = Σ_{t' ≥ t} r_t' (what LaMo's D4RL code and every evaluation use), or, with {@code includeCurrent}
     * false, Σ_{t' > t} r_t' (the original Atari code's training targets).
     *
     * @param reward reward of step t of the episode
     */
    static double[] of(IntToDoubleFunction reward, int length, boolean includeCurrent) {
        double[] suffix = new double[length];
        double acc = 0;
        for (int t = length - 1; t >= 0; t--) {
            double r = reward.applyAsDouble(t);
            suffix[t] = includeCurrent ? acc + r : acc;
            acc += r;
        }
        return suffix;
    }
}
