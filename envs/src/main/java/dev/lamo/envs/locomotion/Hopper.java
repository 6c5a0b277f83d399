package dev.lamo.envs.locomotion;

import dev.lamo.envs.EnvSpec;
import dev.lamo.envs.mujoco.MujocoModel;
import java.util.List;

/**
 * gym's Hopper-v2: 11-dimensional observation, 3 motors, frame skip 4 (control period 0.008 s).
 * Healthy while every state value after the root x and z is finite and below 100 in magnitude, the torso
 * height is above 0.7 and its angle within ±0.2 rad.
 */
public final class Hopper extends LocomotionEnv {

    public static final EnvSpec SPEC = new EnvSpec("hopper", "v2", 1000, -20.272305, 3234.3, "D4RL infos.py",
            1000.0, List.of(3600.0, 2600.0, 2200.0, 1800.0), List.of(3600.0, 1800.0), true,
            "one-legged hopper, gym Hopper-v2 semantics (D4RL hopper-*-v2)");
    public static final int FRAME_SKIP = 4;
    public static final Task TASK = new Task(1e-3, 1.0, 10.0, ResetNoise.UNIFORM, 5e-3);

    public Hopper() {
        this(SPEC);
    }

    public Hopper(EnvSpec spec) {
        super(spec, MujocoModel.shared("/dev/lamo/envs/mjcf/hopper.xml"), FRAME_SKIP, TASK);
    }

    @Override
    protected boolean isHealthy(double[] qpos, double[] qvel) {
        for (int i = 2; i < qpos.length; i++) {
            if (!(Math.abs(qpos[i]) < 100)) {
                return false;
            }
        }
        for (double v : qvel) {
            if (!(Math.abs(v) < 100)) {
                return false;
            }
        }
        double height = qpos[1];
        double angle = qpos[2];
        return Double.isFinite(qpos[0]) && height > 0.7 && Math.abs(angle) < 0.2;
    }
}
