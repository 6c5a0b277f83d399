package dev.lamo.envs;

/** A continuous-control environment whose physical state can be read and set (dataset checks, replays). */
public interface PhysicsEnv extends ContinuousEnv {

    PhysicsState physicsState();

    /**
     * Puts the simulation into {@code state} in the middle of an episode (the step counter is kept), so that
     * the next {@link #step} starts from it. Starts an episode if none is running.
     */
    void setPhysicsState(PhysicsState state);

    /** The observation the environment would report in its current state. */
    double[] currentObservation();

    /** The exact state of the running episode, for an exact resume. */
    EnvSnapshot snapshot();

    /** Continues from a snapshot as if the episode had never been interrupted. */
    void restore(EnvSnapshot snapshot);
}
