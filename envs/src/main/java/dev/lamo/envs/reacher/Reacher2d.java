package dev.lamo.envs.reacher;

import dev.lamo.envs.EnvSpec;
import dev.lamo.envs.mujoco.MujocoEnv;
import dev.lamo.envs.mujoco.MujocoModel;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * LaMo's Reacher2d: a planar two-link arm must hold its fingertip on a target.
 *
 * <ul>
 *   <li>Observation (12): sin(q1), sin(q2), cos(q1), cos(q2), dt·q̇1, dt·q̇2 (dt = 0.15 s), fingertip x, y,
 *       target x, y, fingertip − target x, y.</li>
 *   <li>Action (2): motor controls, clipped to [−1, 1].</li>
 *   <li>Reward: 1 when the L1 distance between fingertip and target is below 0.1, else 0 (sparse).</li>
 *   <li>Never terminates; truncated after 100 steps. Normalised score = return (references 0 and 100).</li>
 *   <li>Reset: both joint angles U(−2, 2), velocities 0; then the target is drawn from U(−1.5, 1.5)² until
 *       its distance from the base lies in [0.5, 1.0].</li>
 * </ul>
 */
public final class Reacher2d extends MujocoEnv {

    public static final EnvSpec SPEC = new EnvSpec("reacher2d", "v0", 100, 0.0, 100.0, "LaMo paper Table 5",
            10.0, List.of(76.0, 40.0), List.of(76.0, 40.0), true,
            "planar two-link reacher with a sparse reward, as in LaMo");
    public static final int FRAME_SKIP = 15;
    public static final double TOLERANCE = 0.1;

    private final int fingertip;
    private final double[] tip = new double[3];
    private final double[] target = new double[3];
    private final double[] qpos = new double[2];
    private final double[] qvel = new double[2];

    public Reacher2d() {
        this(SPEC);
    }

    public Reacher2d(EnvSpec spec) {
        super(spec, MujocoModel.shared("/dev/lamo/envs/mjcf/reacher2d.xml"), FRAME_SKIP, 12);
        this.fingertip = model.siteId("fingertip");
    }

    @Override
    protected void initializeEpisode(RandomGenerator rng) {
        qpos[0] = -2 + 4 * rng.nextDouble();
        qpos[1] = -2 + 4 * rng.nextDouble();
        double gx;
        double gy;
        double norm;
        do {
            gx = -1.5 + 3 * rng.nextDouble();
            gy = -1.5 + 3 * rng.nextDouble();
            norm = Math.hypot(gx, gy);
        } while (norm < 0.5 || norm > 1.0);
        sim.setMocapPositions(new double[] {gx, gy, 0.01});
        sim.setState(qpos, new double[2]);
    }

    @Override
    protected double advance(double[] action) {
        sim.setControl(action);
        sim.step(frameSkip);
        return distanceL1() < TOLERANCE ? 1.0 : 0.0;
    }

    private double distanceL1() {
        sim.sitePosition(fingertip, tip, 0);
        double[] goal = sim.mocapPositions();
        return Math.abs(tip[0] - goal[0]) + Math.abs(tip[1] - goal[1]);
    }

    @Override
    protected boolean isTerminal() {
        return false;
    }

    @Override
    public double[] currentObservation() {
        sim.readQpos(qpos);
        sim.readQvel(qvel);
        sim.sitePosition(fingertip, tip, 0);
        double[] goal = sim.mocapPositions();
        System.arraycopy(goal, 0, target, 0, 3);
        double dt = dt();
        return new double[] {
            Math.sin(qpos[0]), Math.sin(qpos[1]), Math.cos(qpos[0]), Math.cos(qpos[1]),
            dt * qvel[0], dt * qvel[1],
            tip[0], tip[1],
            target[0], target[1],
            tip[0] - target[0], tip[1] - target[1]};
    }
}
