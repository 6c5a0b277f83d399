package dev.lamo.envs.kitchen;

import dev.lamo.envs.mujoco.MujocoSimulation;

/**
 * Resolved-rate inverse kinematics for the kitchen arm: the joint speeds that move the grip point towards a
 * target position while the hand points straight down at a chosen yaw. Damped least squares on the 6 × 7
 * grip Jacobian (so speeds stay bounded near singular postures), with a null-space pull towards the home
 * posture that keeps the redundant seventh degree of freedom from drifting.
 */
final class KitchenArmIk {

    /** Proportional gain on the position error (1/s); below the 12.5 Hz control rate so it never overshoots. */
    static final double POSITION_GAIN = 7;
    /** Fastest commanded grip speed (m/s). */
    static final double MAX_LINEAR_SPEED = 0.35;
    static final double ROTATION_GAIN = 4;
    static final double MAX_ANGULAR_SPEED = 1.5;
    private static final double DAMPING = 0.05;
    private static final double NULLSPACE_GAIN = 0.5;

    private final MujocoSimulation sim;
    private final int site;
    private final int nv;
    private final double[] jacp;
    private final double[] jacr;
    private final double[] rotation = new double[9];
    private final double[][] j = new double[6][Kitchen.ARM_JOINTS];

    KitchenArmIk(MujocoSimulation sim, int site) {
        this.sim = sim;
        this.site = site;
        this.nv = sim.model().nv();
        this.jacp = new double[3 * nv];
        this.jacr = new double[3 * nv];
    }

    /**
     * Joint speeds (rad/s) for the seven arm joints.
     *
     * @param grip   the grip point's current world position
     * @param target where the grip point should go
     * @param yaw    the hand's heading about the vertical (0: the home heading, fingers opening along world y)
     * @param q      the arm's current joint positions (at least 7)
     */
    double[] jointSpeeds(double[] grip, double[] target, double yaw, double[] q) {
        double[] twist = new double[6];
        double[] dp = new double[3];
        for (int i = 0; i < 3; i++) {
            dp[i] = POSITION_GAIN * (target[i] - grip[i]);
        }
        clampNorm(dp, MAX_LINEAR_SPEED);
        System.arraycopy(dp, 0, twist, 0, 3);
        double[] w = orientationError(yaw);
        for (int i = 0; i < 3; i++) {
            w[i] *= ROTATION_GAIN;
        }
        clampNorm(w, MAX_ANGULAR_SPEED);
        System.arraycopy(w, 0, twist, 3, 3);

        sim.siteJacobian(site, jacp, jacr);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < Kitchen.ARM_JOINTS; c++) {
                j[r][c] = jacp[r * nv + c];
                j[r + 3][c] = jacr[r * nv + c];
            }
        }
        // a = (J Jᵀ + λ² I)⁻¹ twist, speeds = Jᵀ a; the null-space term uses the same damped pseudo-inverse
        double[][] jjt = new double[6][6];
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 6; c++) {
                double s = 0;
                for (int k = 0; k < Kitchen.ARM_JOINTS; k++) {
                    s += j[r][k] * j[c][k];
                }
                jjt[r][c] = s + (r == c ? DAMPING * DAMPING : 0);
            }
        }
        factor(jjt);
        double[] speeds = transposeTimes(solveFactored(jjt, twist));
        double[] home = new double[Kitchen.ARM_JOINTS];
        for (int k = 0; k < Kitchen.ARM_JOINTS; k++) {
            home[k] = NULLSPACE_GAIN * (Kitchen.HOME[k] - q[k]);
        }
        double[] projected = transposeTimes(solveFactored(jjt, times(home)));
        for (int k = 0; k < Kitchen.ARM_JOINTS; k++) {
            speeds[k] += home[k] - projected[k];
        }
        return speeds;
    }

    /** Half the sum of cross products of current and desired hand axes: the rotation vector to the goal. */
    private double[] orientationError(double yaw) {
        sim.siteRotation(site, rotation);
        double c = Math.cos(yaw);
        double s = Math.sin(yaw);
        double[][] desired = {{-c, -s, 0}, {-s, c, 0}, {0, 0, -1}};
        double[] e = new double[3];
        for (int axis = 0; axis < 3; axis++) {
            double[] current = {rotation[axis], rotation[3 + axis], rotation[6 + axis]};
            double[] d = desired[axis];
            e[0] += 0.5 * (current[1] * d[2] - current[2] * d[1]);
            e[1] += 0.5 * (current[2] * d[0] - current[0] * d[2]);
            e[2] += 0.5 * (current[0] * d[1] - current[1] * d[0]);
        }
        return e;
    }

    private double[] times(double[] v) {
        double[] out = new double[6];
        for (int r = 0; r < 6; r++) {
            for (int k = 0; k < Kitchen.ARM_JOINTS; k++) {
                out[r] += j[r][k] * v[k];
            }
        }
        return out;
    }

    private double[] transposeTimes(double[] a) {
        double[] out = new double[Kitchen.ARM_JOINTS];
        for (int k = 0; k < Kitchen.ARM_JOINTS; k++) {
            for (int r = 0; r < 6; r++) {
                out[k] += j[r][k] * a[r];
            }
        }
        return out;
    }

    /** Replaces the lower triangle of a symmetric positive definite matrix by its Cholesky factor L. */
    static void factor(double[][] m) {
        int n = m.length;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k <= i; k++) {
                double s = m[i][k];
                for (int p = 0; p < k; p++) {
                    s -= m[i][p] * m[k][p];
                }
                m[i][k] = i == k ? Math.sqrt(s) : s / m[k][k];
            }
        }
    }

    /** Solves L Lᵀ x = b for a factor made by {@link #factor}. */
    static double[] solveFactored(double[][] m, double[] b) {
        int n = b.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int p = 0; p < i; p++) {
                s -= m[i][p] * y[p];
            }
            y[i] = s / m[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int p = i + 1; p < n; p++) {
                s -= m[p][i] * x[p];
            }
            x[i] = s / m[i][i];
        }
        return x;
    }

    private static void clampNorm(double[] v, double max) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (n > max) {
            for (int i = 0; i < 3; i++) {
                v[i] *= max / n;
            }
        }
    }
}
