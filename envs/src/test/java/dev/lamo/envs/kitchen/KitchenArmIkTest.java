package dev.lamo.envs.kitchen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.Seeds;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class KitchenArmIkTest {

    @Test
    void choleskySolvesSymmetricPositiveDefiniteSystems() {
        RandomGenerator rng = Seeds.rng(4);
        double[][] a = new double[6][6];
        for (double[] row : a) {
            for (int j = 0; j < 6; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        double[][] m = new double[6][6];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                for (int k = 0; k < 6; k++) {
                    m[i][j] += a[i][k] * a[j][k];
                }
                m[i][j] += i == j ? 0.1 : 0;
            }
        }
        double[] x = {1, -2, 0.5, 3, -1, 0.25};
        double[] b = new double[6];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                b[i] += m[i][j] * x[j];
            }
        }
        double[][] factor = new double[6][];
        for (int i = 0; i < 6; i++) {
            factor[i] = m[i].clone();
        }
        KitchenArmIk.factor(factor);
        double[] solved = KitchenArmIk.solveFactored(factor, b);
        for (int i = 0; i < 6; i++) {
            assertEquals(x[i], solved[i], 1e-9);
        }
    }

    @Test
    void commandedSpeedsMoveTheGripTowardsTheTarget() {
        try (Kitchen env = (Kitchen) EnvRegistry.make("kitchen")) {
            double[] o = env.reset(0);
            double[] start = env.gripPosition();
            double[] target = {start[0] - 0.05, start[1] + 0.05, start[2] + 0.05};
            KitchenArmIk ik = new KitchenArmIk(env.simulation(), env.gripSite());
            for (int step = 0; step < 15; step++) {
                double[] speeds = ik.jointSpeeds(env.gripPosition(), target, 0, o);
                double[] action = new double[9];
                for (int j = 0; j < 7; j++) {
                    action[j] = Math.max(-1, Math.min(1, speeds[j] / Kitchen.MAX_JOINT_SPEED));
                }
                o = env.step(action).observation();
            }
            double[] end = env.gripPosition();
            double error = Math.sqrt(Math.pow(end[0] - target[0], 2) + Math.pow(end[1] - target[1], 2)
                    + Math.pow(end[2] - target[2], 2));
            assertTrue(error < 0.01, "grip within 1 cm of a target 8.7 cm away after 15 steps: " + error);
        }
    }
}
