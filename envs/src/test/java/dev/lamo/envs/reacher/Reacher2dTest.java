package dev.lamo.envs.reacher;

import static org.junit.jupiter.api.Assertions.*;

import dev.lamo.envs.PhysicsState;
import dev.lamo.envs.Step;
import org.junit.jupiter.api.Test;

class Reacher2dTest {

    /** Fingertip position for joint angles, from the model's geometry (links 0.6 and 0.45 to the tip). */
    private static double[] tip(double q1, double q2) {
        double a1 = 0.785 + q1;
        double a2 = a1 - 0.785 + q2;
        return new double[] {0.6 * Math.cos(a1) + 0.45 * Math.cos(a2), 0.6 * Math.sin(a1) + 0.45 * Math.sin(a2)};
    }

    @Test
    void observationLayoutMatchesTheDocumentation() {
        try (Reacher2d env = new Reacher2d()) {
            env.reset(0);
            double q1 = 0.3;
            double q2 = -0.7;
            env.setPhysicsState(new PhysicsState(new double[] {q1, q2}, new double[] {2, -4}, new double[] {0.5, 0.4, 0.01}));
            double[] obs = env.currentObservation();
            double[] tip = tip(q1, q2);
            assertArrayEquals(new double[] {Math.sin(q1), Math.sin(q2), Math.cos(q1), Math.cos(q2), 0.3, -0.6,
                    tip[0], tip[1], 0.5, 0.4, tip[0] - 0.5, tip[1] - 0.4}, obs, 1e-12);
        }
    }

    @Test
    void rewardIsOneOnlyWithinTheTolerance() {
        try (Reacher2d env = new Reacher2d()) {
            env.reset(0);
            double[] tip = tip(0.2, 0.4);
            env.setPhysicsState(new PhysicsState(new double[] {0.2, 0.4}, new double[2], new double[] {tip[0] + 0.02, tip[1] - 0.02, 0.01}));
            assertEquals(1.0, env.step(new double[2]).reward());
            env.setPhysicsState(new PhysicsState(new double[] {0.2, 0.4}, new double[2], new double[] {tip[0] + 0.08, tip[1] + 0.05, 0.01}));
            assertEquals(0.0, env.step(new double[2]).reward(), "L1 distance 0.13 is outside the 0.1 tolerance");
        }
    }

    @Test
    void resetDrawsTargetsInTheAnnulusAndNeverTerminates() {
        try (Reacher2d env = new Reacher2d()) {
            for (long seed = 0; seed < 50; seed++) {
                double[] obs = env.reset(seed);
                double r = Math.hypot(obs[8], obs[9]);
                assertTrue(r >= 0.5 && r <= 1.0, "target radius " + r);
                assertEquals(0.0, obs[4]);
                assertEquals(0.0, obs[5]);
            }
            env.reset(3);
            Step<double[]> s = null;
            for (int t = 0; t < 100; t++) {
                s = env.step(new double[] {5, -5});
                assertFalse(s.terminated());
                assertEquals(t == 99, s.truncated());
            }
            assertEquals(100, env.elapsedSteps());
        }
    }
}
