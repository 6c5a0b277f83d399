package dev.lamo.envs;

/**
 * The simulator failed or reported an invalid state (for example an unstable simulation). The episode in
 * which it happened cannot continue; the environment must be reset.
 */
public class SimulationException extends RuntimeException {

    public SimulationException(String message) {
        super(message);
    }
}
