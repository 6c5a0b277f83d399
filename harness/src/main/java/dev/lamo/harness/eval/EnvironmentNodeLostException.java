package dev.lamo.harness.eval;

/** The environment node that held an episode left the cluster; the episode runs again from its seed elsewhere. */
public final class EnvironmentNodeLostException extends RuntimeException {

    public EnvironmentNodeLostException(String message) {
        super(message, null, false, false);
    }
}
