package dev.lamo.envs.mujoco;

import dev.lamo.envs.EnvSnapshot;
import dev.lamo.envs.EnvSpec;
import dev.lamo.envs.PhysicsEnv;
import dev.lamo.envs.PhysicsState;
import dev.lamo.envs.Seeds;
import dev.lamo.envs.SimulationException;
import dev.lamo.envs.Step;
import dev.lamo.envs.spaces.BoxSpace;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Base of every MuJoCo environment: the episode life cycle, action checks and clipping, frame skip and the
 * step limit. Subclasses say how an episode starts, what one action does to the reward and when the task
 * is over.
 */
public abstract class MujocoEnv implements PhysicsEnv {

    protected final EnvSpec spec;
    protected final MujocoModel model;
    protected final MujocoSimulation sim;
    protected final int frameSkip;
    private final BoxSpace observationSpace;
    private final BoxSpace actionSpace;
    private final double[] appliedAction;
    private int steps;
    private boolean running;

    /** An environment whose actions are the actuators' controls, bounded by their control ranges. */
    protected MujocoEnv(EnvSpec spec, MujocoModel model, int frameSkip, int observationSize) {
        this(spec, model, frameSkip, observationSize, controlSpace(model));
    }

    /** An environment whose actions the subclass maps to controls itself. */
    protected MujocoEnv(EnvSpec spec, MujocoModel model, int frameSkip, int observationSize, BoxSpace actionSpace) {
        this.spec = spec;
        this.model = model;
        this.sim = new MujocoSimulation(model);
        this.frameSkip = frameSkip;
        this.observationSpace = BoxSpace.unbounded(observationSize);
        this.actionSpace = actionSpace;
        this.appliedAction = new double[actionSpace.flatSize()];
    }

    private static BoxSpace controlSpace(MujocoModel model) {
        double[] range = model.actuatorCtrlRange();
        double[] low = new double[model.nu()];
        double[] high = new double[model.nu()];
        for (int i = 0; i < low.length; i++) {
            low[i] = range[2 * i];
            high[i] = range[2 * i + 1];
        }
        return new BoxSpace(new int[] {low.length}, low, high, BoxSpace.DType.FLOAT32);
    }

    /** Puts the freshly reset simulation into the episode's initial state, drawing noise from {@code rng}. */
    protected abstract void initializeEpisode(RandomGenerator rng);

    /**
     * Applies a checked (and, if the spec says so, clipped) action for {@link #frameSkip} physics steps and
     * returns the step's reward.
     */
    protected abstract double advance(double[] action);

    /** Whether the state after the last {@link #advance} is terminal for the task. */
    protected abstract boolean isTerminal();

    /** Diagnostics for the step just taken; empty by default. */
    protected Map<String, Object> stepInfo() {
        return Map.of();
    }

    @Override
    public final double[] reset(long seed) {
        sim.reset();
        initializeEpisode(Seeds.rng(seed));
        steps = 0;
        running = true;
        return currentObservation();
    }

    @Override
    public final Step<double[]> step(double[] action) {
        if (!running) {
            throw new IllegalStateException(spec.id() + ": step() called without a running episode; call reset(seed) first");
        }
        checkAndClip(action);
        double reward;
        try {
            reward = advance(appliedAction);
        } catch (SimulationException e) {
            running = false;
            throw new SimulationException(spec.id() + " step " + (steps + 1) + ": " + e.getMessage());
        }
        steps++;
        boolean terminated = isTerminal();
        boolean truncated = !terminated && steps >= spec.maxEpisodeSteps();
        if (terminated || truncated) {
            running = false;
        }
        return new Step<>(currentObservation(), reward, terminated, truncated, stepInfo());
    }

    private void checkAndClip(double[] action) {
        if (action == null || action.length != appliedAction.length) {
            throw new IllegalArgumentException(spec.id() + ": action must have " + appliedAction.length
                    + " values, got " + (action == null ? "null" : String.valueOf(action.length)));
        }
        for (int i = 0; i < action.length; i++) {
            double a = action[i];
            if (!Double.isFinite(a)) {
                throw new IllegalArgumentException(spec.id() + ": action[" + i + "] must be a finite number, got " + a);
            }
            appliedAction[i] = spec.clipActions() ? Math.max(actionSpace.low(i), Math.min(actionSpace.high(i), a)) : a;
        }
    }

    @Override
    public PhysicsState physicsState() {
        return new PhysicsState(sim.qpos(), sim.qvel(), sim.mocapPositions());
    }

    @Override
    public void setPhysicsState(PhysicsState state) {
        double[] mocap = state.mocapPos();
        if (mocap.length != 3 * model.nmocap()) {
            throw new IllegalArgumentException(spec.id() + ": state needs " + 3 * model.nmocap()
                    + " mocap coordinates, got " + mocap.length);
        }
        if (!running) {
            sim.reset();
            running = true;
        }
        sim.setMocapPositions(mocap);
        sim.setState(state.qpos(), state.qvel());
    }

    @Override
    public EnvSnapshot snapshot() {
        return new EnvSnapshot(physicsState(), sim.warmstart(), sim.time(), steps, running);
    }

    @Override
    public void restore(EnvSnapshot snapshot) {
        PhysicsState s = snapshot.state();
        sim.reset();
        sim.restore(s.qpos(), s.qvel(), s.mocapPos(), snapshot.warmstart(), snapshot.time());
        steps = snapshot.elapsedSteps();
        running = snapshot.running();
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    @Override
    public BoxSpace observationSpace() {
        return observationSpace;
    }

    @Override
    public BoxSpace actionSpace() {
        return actionSpace;
    }

    @Override
    public int elapsedSteps() {
        return steps;
    }

    /** Control period: physics time step times frame skip. */
    public double dt() {
        return model.timestep() * frameSkip;
    }

    public int frameSkip() {
        return frameSkip;
    }

    public MujocoModel model() {
        return model;
    }

    /** Non-fatal MuJoCo warnings in the current episode (per-environment diagnostics). */
    public int simulatorWarnings() {
        return sim.otherWarnings();
    }

    @Override
    public void close() {
        sim.close();
    }
}
