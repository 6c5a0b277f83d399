package dev.lamo.envs.locomotion;

import dev.lamo.envs.EnvSpec;
import dev.lamo.envs.mujoco.MujocoModel;
import java.util.List;

/**
 * gym's Walker2d-v2: 17-dimensional observation, 6 motors, frame skip 4 (control period 0.008 s).
 * Healthy while the torso height is in (0.8, 2.0) and its angle in (-1, 1) rad.
 */
public final class Walker2d extends LocomotionEnv {

    public static final EnvSpec SPEC = new EnvSpec("walker2d", "v2", 1000, 1.629008, 4592.3, "D4RL infos.py",
            1000.0, List.of(5000.0, 4000.0, 3000.0, 2500.0), List.of(5000.0, 2500.0), true,
            "two-legged walker, gym Walker2d-v2 semantics (D4RL walker2d-*-v2)");
    public static final int FRAME_SKIP = 4;
    public static final Task TASK = new Task(1e-3, 1.0, 10.0, ResetNoise.UNIFORM, 5e-3);

    public Walker2d() {
        this(SPEC);
    }

    public Walker2d(EnvSpec spec) {
        super(spec, MujocoModel.shared("/dev/lamo/envs/mjcf/walker2d.xml"), FRAME_SKIP, TASK);
    }

    @Override
    protected boolean isHealthy(double[] qpos, double[] qvel) {
        double height = qpos[1];
        double angle = qpos[2];
        return height > 0.8 && height < 2.0 && angle > -1.0 && angle < 1.0;
    }
}
