package dev.lamo.envs;

/**
 * The complete physical state of a MuJoCo environment: joint positions, joint velocities and the
 * positions of mocap bodies (for example Reacher2d's target). Datasets record it so that any step can be
 * replayed.
 */
public record PhysicsState(double[] qpos, double[] qvel, double[] mocapPos) {

    public PhysicsState {
        qpos = qpos.clone();
        qvel = qvel.clone();
        mocapPos = mocapPos == null ? new double[0] : mocapPos.clone();
    }

    @Override
    public double[] qpos() {
        return qpos.clone();
    }

    @Override
    public double[] qvel() {
        return qvel.clone();
    }

    @Override
    public double[] mocapPos() {
        return mocapPos.clone();
    }
}
