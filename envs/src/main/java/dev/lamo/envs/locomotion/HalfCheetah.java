package dev.lamo.envs.locomotion;

import dev.lamo.envs.EnvSpec;
import dev.lamo.envs.mujoco.MujocoModel;
import java.util.List;

/**
 * gym's HalfCheetah-v2: 17-dimensional observation (velocities unclipped), 6 motors, frame skip 5
 * (control period 0.05 s), control cost weight 0.1, no healthy bonus and no termination.
 */
public final class HalfCheetah extends LocomotionEnv {

    public static final EnvSpec SPEC = new EnvSpec("halfcheetah", "v2", 1000, -280.178953, 12135.0,
            "D4RL infos.py", 1000.0, List.of(12000.0, 8000.0, 6000.0, 4500.0), List.of(12000.0, 8000.0), true,
            "planar cheetah, gym HalfCheetah-v2 semantics (D4RL halfcheetah-*-v2)");
    public static final int FRAME_SKIP = 5;
    public static final Task TASK = new Task(0.1, 0.0, Double.POSITIVE_INFINITY,
            ResetNoise.UNIFORM_POSITION_GAUSSIAN_VELOCITY, 0.1);

    public HalfCheetah() {
        this(SPEC);
    }

    public HalfCheetah(EnvSpec spec) {
        super(spec, MujocoModel.shared("/dev/lamo/envs/mjcf/halfcheetah.xml"), FRAME_SKIP, TASK);
    }

    @Override
    protected boolean isHealthy(double[] qpos, double[] qvel) {
        return true;
    }
}
