package dev.lamo.envs.locomotion;

import dev.lamo.envs.EnvSpec;
import dev.lamo.envs.mujoco.MujocoEnv;
import dev.lamo.envs.mujoco.MujocoModel;
import java.util.random.RandomGenerator;

/**
 * The planar locomotion tasks of gym's MuJoCo {@code v2} classes (Hopper, Walker2d, HalfCheetah), which
 * D4RL's {@code -v2} datasets were recorded with.
 *
 * <ul>
 *   <li>Observation: joint positions without the root x, then joint velocities, clipped to
 *       {@code ±velocityClip} (unclipped for HalfCheetah).</li>
 *   <li>Reward: forward velocity of the root over the control period, plus the healthy bonus, minus
 *       {@code ctrlCostWeight · |a|²} on the action as applied (clipped when the spec clips).</li>
 *   <li>Termination: when the robot leaves its healthy range (subclasses say which).</li>
 * </ul>
 */
public abstract class LocomotionEnv extends MujocoEnv {

    /** How the initial state is randomised around {@code qpos0} and zero velocity. */
    public enum ResetNoise {
        /** qpos + U(-s, s), then qvel + U(-s, s) (Hopper, Walker2d). */
        UNIFORM,
        /** qpos + U(-s, s), then qvel + s·N(0, 1) (HalfCheetah). */
        UNIFORM_POSITION_GAUSSIAN_VELOCITY
    }

    /**
     * Task constants of one locomotion environment.
     *
     * @param ctrlCostWeight weight of the squared-action cost
     * @param healthyReward  bonus added at every step (0 for HalfCheetah)
     * @param velocityClip   bound of the observed velocities
     * @param resetNoise     kind of initial-state noise
     * @param noiseScale     its scale
     */
    public record Task(double ctrlCostWeight, double healthyReward, double velocityClip, ResetNoise resetNoise,
                       double noiseScale) {
    }

    private final Task task;
    private final double[] qpos;
    private final double[] qvel;
    private final double[] qpos0;

    protected LocomotionEnv(EnvSpec spec, MujocoModel model, int frameSkip, Task task) {
        super(spec, model, frameSkip, model.nq() - 1 + model.nv());
        this.task = task;
        this.qpos = new double[model.nq()];
        this.qvel = new double[model.nv()];
        this.qpos0 = model.qpos0();
    }

    /** Whether the robot is within its healthy range; {@code qpos} and {@code qvel} hold the current state. */
    protected abstract boolean isHealthy(double[] qpos, double[] qvel);

    @Override
    protected void initializeEpisode(RandomGenerator rng) {
        double s = task.noiseScale();
        for (int i = 0; i < qpos.length; i++) {
            qpos[i] = qpos0[i] + uniform(rng, s);
        }
        for (int i = 0; i < qvel.length; i++) {
            qvel[i] = task.resetNoise() == ResetNoise.UNIFORM ? uniform(rng, s) : s * rng.nextGaussian();
        }
        sim.setState(qpos, qvel);
    }

    private static double uniform(RandomGenerator rng, double scale) {
        return -scale + 2 * scale * rng.nextDouble();
    }

    @Override
    protected double advance(double[] action) {
        double xBefore = sim.qpos(0);
        sim.setControl(action);
        sim.step(frameSkip);
        double xAfter = sim.qpos(0);
        double ctrlCost = 0;
        for (double a : action) {
            ctrlCost += a * a;
        }
        // same operation order as gym's v2 classes
        double reward = (xAfter - xBefore) / dt();
        reward += task.healthyReward();
        reward -= task.ctrlCostWeight() * ctrlCost;
        return reward;
    }

    @Override
    protected boolean isTerminal() {
        sim.readQpos(qpos);
        sim.readQvel(qvel);
        return !isHealthy(qpos, qvel);
    }

    @Override
    public double[] currentObservation() {
        sim.readQpos(qpos);
        sim.readQvel(qvel);
        double[] obs = new double[qpos.length - 1 + qvel.length];
        System.arraycopy(qpos, 1, obs, 0, qpos.length - 1);
        double clip = task.velocityClip();
        for (int i = 0; i < qvel.length; i++) {
            obs[qpos.length - 1 + i] = Math.max(-clip, Math.min(clip, qvel[i]));
        }
        return obs;
    }

    public Task task() {
        return task;
    }
}
