package dev.lamo.envs.arcade;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a game is turned into an RL environment, recorded with every result.
 *
 * @param frameSkip              emulator frames per agent step (the action repeats; rewards add up; the
 *                               observation is the pixel-wise max of the last two frames)
 * @param noopMax                at reset, a uniform number of NOOP frames in 1..noopMax (0: none)
 * @param stickyActionProbability chance per frame that the previous frame's action repeats instead
 * @param fullActionSet          whether the agent chooses among ALE's 18 actions (mapped onto the game's)
 * @param maxAgentSteps          episode cut (truncation) in agent steps
 * @param terminalOnLifeLoss     whether losing a life ends the episode
 * @param frameStack             grey 84 × 84 frames per observation, oldest first
 */
public record AleProtocol(int frameSkip, int noopMax, double stickyActionProbability, boolean fullActionSet,
                          int maxAgentSteps, boolean terminalOnLifeLoss, int frameStack) {

    public static final int FRAME_SIZE = 84;
    /** Bytes of one grey frame. */
    public static final int FRAME_BYTES = FRAME_SIZE * FRAME_SIZE;

    public AleProtocol {
        if (frameSkip < 2 || noopMax < 0 || !(stickyActionProbability >= 0 && stickyActionProbability < 1)
                || maxAgentSteps < 1 || frameStack < 1) {
            throw new IllegalArgumentException("ALE protocol needs frame_skip >= 2, noop_max >= 0, sticky probability in "
                    + "[0, 1), max steps >= 1 and frame stack >= 1");
        }
    }

    /**
     * LaMo's protocol (the {@code NoFrameskip-v4} games with gym's Atari preprocessing): frame skip 4 with max
     * pooling, 1..30 no-op starts, no sticky actions, minimal action set, no terminal on life loss, 4 frames.
     */
    public static AleProtocol lamo(int maxAgentSteps) {
        return new AleProtocol(4, 30, 0, false, maxAgentSteps, false, 4);
    }

    /** Machado et al. (2018): sticky actions 0.25, full action set, no no-op starts, 108,000 frames. */
    public static AleProtocol machado() {
        return new AleProtocol(4, 0, 0.25, true, 108_000 / 4, false, 4);
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frame_skip", frameSkip);
        m.put("max_pool_last_two_frames", true);
        m.put("noop_max", noopMax);
        m.put("sticky_action_probability", stickyActionProbability);
        m.put("full_action_set", fullActionSet);
        m.put("max_agent_steps", maxAgentSteps);
        m.put("terminal_on_life_loss", terminalOnLifeLoss);
        m.put("frame_stack", frameStack);
        m.put("frame", "grey " + FRAME_SIZE + "x" + FRAME_SIZE + ", area resize");
        m.put("reward_clipping", false);
        return m;
    }
}
