package dev.lamo.envs;

/**
 * Everything needed to continue an episode exactly where it was, bit for bit: the physical state, the
 * simulator's solver warm start and clock, and the episode's step count. A resumed training run restores
 * its environment from one.
 */
public record EnvSnapshot(PhysicsState state, double[] warmstart, double time, int elapsedSteps, boolean running) {

    public EnvSnapshot {
        warmstart = warmstart.clone();
    }

    @Override
    public double[] warmstart() {
        return warmstart.clone();
    }
}
