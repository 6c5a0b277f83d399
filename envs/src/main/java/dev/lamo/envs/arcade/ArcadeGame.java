package dev.lamo.envs.arcade;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * An Atari-style game emulated one frame (1/60 s) at a time, as the Arcade Learning Environment drives a ROM:
 * one action per frame, a reward per frame, lives, and game over. Everything random comes from the generator
 * given to {@link #reset}. The preprocessing that makes an RL environment of it is {@link ArcadeEnv}'s.
 */
public interface ArcadeGame {

    /** Game name as in environment ids ({@code breakout}, {@code pong}, {@code qbert}). */
    String name();

    /** ALE's minimal action set for the game, in ALE's order (index = action number). */
    List<String> actionNames();

    /** Starts a new game. */
    void reset(RandomGenerator rng);

    /** Advances one frame under {@code action} (an index into {@link #actionNames()}); returns the frame's reward. */
    int frame(int action);

    boolean gameOver();

    int lives();

    /** Draws the current frame. */
    void render(Screen screen);

    Palette palette();
}
