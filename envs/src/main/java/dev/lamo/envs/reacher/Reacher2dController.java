package dev.lamo.envs.reacher;

import dev.lamo.envs.ContinuousEnv;
import dev.lamo.envs.behavior.ScriptedBehavior;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Scripted Reacher2d behaviour: inverse kinematics of the two-link arm gives the joint angles that put the
 * fingertip on the target (of the two solutions, the one closer to the current shoulder angle), and a
 * PD controller drives the joints there; Gaussian noise of a chosen standard deviation is added to each
 * control, which is then clipped to [−1, 1]. It reads everything from the observation. Over 100 seeds the
 * mean score is about 72 without noise, 54 with noise 2, 41 with noise 3 and 25 with noise 5.
 */
public final class Reacher2dController extends ScriptedBehavior {

    private static final double UPPER = 0.6;
    private static final double LOWER = 0.45;
    private static final double MOUNT = 0.785;
    private static final double KP = 12;
    private static final double KD = 6;

    /** Noise that makes "medium" data: a mean score of about 41 (no noise: about 72). */
    public static final double MEDIUM_NOISE = 3.0;

    public Reacher2dController(double noise) {
        super(noise);
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("controller", "inverse kinematics + PD (kp " + KP + ", kd " + KD + ")", "noise_std", noise);
    }

    @Override
    public Controller controller(ContinuousEnv env, RandomGenerator rng) {
        return observation -> act(observation, rng);
    }

    private double[] act(double[] o, RandomGenerator rng) {
        double q1 = Math.atan2(o[0], o[2]);
        double q2 = Math.atan2(o[1], o[3]);
        double dt = Reacher2d.FRAME_SKIP * 0.01;
        double v1 = o[4] / dt;
        double v2 = o[5] / dt;
        double tx = o[8];
        double ty = o[9];
        double c = (tx * tx + ty * ty - UPPER * UPPER - LOWER * LOWER) / (2 * UPPER * LOWER);
        double phi = Math.acos(Math.max(-1, Math.min(1, c)));
        double best1 = 0;
        double best2 = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (double relative : new double[] {phi, -phi}) {
            double shoulder = Math.atan2(ty, tx) - Math.atan2(LOWER * Math.sin(relative), UPPER + LOWER * Math.cos(relative));
            double d1 = shoulder - MOUNT;
            double d2 = relative + MOUNT;
            double distance = Math.abs(wrap(d1 - q1));
            if (d2 >= -2.0 && d2 <= 3.5 && distance < bestDistance) {
                bestDistance = distance;
                best1 = d1;
                best2 = d2;
            }
        }
        double[] a = {KP * wrap(best1 - q1) - KD * v1, KP * (best2 - q2) - KD * v2};
        for (int i = 0; i < 2; i++) {
            a[i] = Math.max(-1, Math.min(1, a[i] + noise * rng.nextGaussian()));
        }
        return a;
    }

    private static double wrap(double angle) {
        return Math.atan2(Math.sin(angle), Math.cos(angle));
    }
}
