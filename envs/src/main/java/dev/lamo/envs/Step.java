package dev.lamo.envs;

import java.util.Map;

/**
 * What one environment step produced.
 *
 * @param observation the observation after the step
 * @param reward      the reward for the step
 * @param terminated  the episode reached a terminal state of the task (no bootstrapping past it)
 * @param truncated   the episode was cut by the step limit without reaching a terminal state; never true
 *                    together with {@code terminated}
 * @param info        diagnostics (empty for most steps)
 */
public record Step<O>(O observation, double reward, boolean terminated, boolean truncated, Map<String, Object> info) {

    /** Whether the episode is over. */
    public boolean done() {
        return terminated || truncated;
    }
}
