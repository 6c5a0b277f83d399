package dev.lamo.envs.arcade;

import dev.lamo.envs.Env;
import dev.lamo.envs.EnvSpec;
import dev.lamo.envs.Seeds;
import dev.lamo.envs.Step;
import dev.lamo.envs.spaces.BoxSpace;
import dev.lamo.envs.spaces.DiscreteSpace;
import dev.lamo.envs.spaces.Space;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * An {@link ArcadeGame} under an {@link AleProtocol}: the one wrapper every game is evaluated with. Each agent
 * step repeats the action for {@code frameSkip} frames (each frame may instead repeat the previous action
 * with the sticky-action probability), adds the raw rewards, max-pools the last two frames, converts to grey,
 * area-resizes to 84 × 84 and pushes the result onto a stack of the last {@code frameStack} frames (filled with
 * the first frame at reset). Observations are uint8 arrays of {@code frameStack × 84 × 84}, oldest frame
 * first. Terminated when the game is over (or a life is lost, if the protocol says so); truncated at the
 * protocol's agent-step limit.
 */
public final class ArcadeEnv implements Env<byte[], Integer> {

    /** ALE's full action set, in ALE's order. */
    public static final List<String> FULL_ACTIONS = List.of("NOOP", "FIRE", "UP", "RIGHT", "LEFT", "DOWN", "UPRIGHT",
            "UPLEFT", "DOWNRIGHT", "DOWNLEFT", "UPFIRE", "RIGHTFIRE", "LEFTFIRE", "DOWNFIRE", "UPRIGHTFIRE", "UPLEFTFIRE",
            "DOWNRIGHTFIRE", "DOWNLEFTFIRE");

    private static final int FRAME = AleProtocol.FRAME_BYTES;

    private final EnvSpec spec;
    private final ArcadeGame game;
    private final AleProtocol protocol;
    private final int[] toGameAction;
    private final byte[] last = new byte[Screen.HEIGHT * Screen.WIDTH];
    private final byte[] beforeLast = new byte[Screen.HEIGHT * Screen.WIDTH];
    private final Screen lastScreen;
    private final Screen beforeLastScreen;
    private final AreaResize resize = new AreaResize(Screen.HEIGHT, Screen.WIDTH, AleProtocol.FRAME_SIZE,
            AleProtocol.FRAME_SIZE);
    private final byte[] stack;
    private RandomGenerator rng;
    private int previousAction;
    private int lives;
    private int steps;
    private boolean running;

    public ArcadeEnv(EnvSpec spec, ArcadeGame game, AleProtocol protocol) {
        this.spec = spec;
        this.game = game;
        this.protocol = protocol;
        this.toGameAction = protocol.fullActionSet() ? fullToMinimal(game.actionNames()) : identity(game.actionNames().size());
        this.stack = new byte[protocol.frameStack() * FRAME];
        this.lastScreen = game.palette().greyScreen(last);
        this.beforeLastScreen = game.palette().greyScreen(beforeLast);
    }

    /** Each full-set action as the game's action with the same components (directions the game lacks dropped). */
    static int[] fullToMinimal(List<String> minimal) {
        int[] map = new int[FULL_ACTIONS.size()];
        for (int a = 0; a < map.length; a++) {
            String name = FULL_ACTIONS.get(a);
            StringBuilder kept = new StringBuilder();
            for (String part : new String[] {"UP", "DOWN", "RIGHT", "LEFT", "FIRE"}) {
                if (name.contains(part) && minimal.stream().anyMatch(m -> m.contains(part))) {
                    kept.append(part);
                }
            }
            int index = minimal.indexOf(kept.toString());
            if (index < 0) {
                // the game's most specific action contained in this one, a movement before FIRE; else NOOP
                index = 0;
                double best = 0;
                for (int m = 0; m < minimal.size(); m++) {
                    String candidate = minimal.get(m);
                    double score = candidate.length() + (candidate.contains("FIRE") ? 0 : 0.5);
                    if (!candidate.equals("NOOP") && kept.toString().contains(candidate) && score > best) {
                        index = m;
                        best = score;
                    }
                }
            }
            map[a] = index;
        }
        return map;
    }

    private static int[] identity(int n) {
        int[] map = new int[n];
        for (int i = 0; i < n; i++) {
            map[i] = i;
        }
        return map;
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    public AleProtocol protocol() {
        return protocol;
    }

    public ArcadeGame game() {
        return game;
    }

    @Override
    public Space observationSpace() {
        int n = protocol.frameStack() * FRAME;
        double[] low = new double[n];
        double[] high = new double[n];
        Arrays.fill(high, 255);
        return new BoxSpace(new int[] {protocol.frameStack(), AleProtocol.FRAME_SIZE, AleProtocol.FRAME_SIZE}, low, high,
                BoxSpace.DType.UINT8);
    }

    @Override
    public Space actionSpace() {
        return new DiscreteSpace(toGameAction.length);
    }

    @Override
    public byte[] reset(long seed) {
        rng = Seeds.rng(seed);
        game.reset(Seeds.rng(Seeds.derive(seed, 1)));
        int noops = protocol.noopMax() > 0 ? 1 + rng.nextInt(protocol.noopMax()) : 0;
        for (int i = 0; i < noops; i++) {
            game.frame(0);
            if (game.gameOver()) {
                game.reset(Seeds.rng(Seeds.derive(seed, 2, i)));
            }
        }
        previousAction = 0;
        lives = game.lives();
        steps = 0;
        running = true;
        game.render(lastScreen);
        for (int f = 0; f < protocol.frameStack(); f++) {
            resize.resize(last, stack, f * FRAME);
        }
        return stack.clone();
    }

    @Override
    public Step<byte[]> step(Integer action) {
        if (!running) {
            throw new IllegalStateException(spec.id() + ": step called without a running episode; call reset(seed) first");
        }
        if (action == null || action < 0 || action >= toGameAction.length) {
            throw new IllegalArgumentException(spec.id() + ": action must be an integer in [0, " + toGameAction.length
                    + "), got " + action);
        }
        int chosen = toGameAction[action];
        double reward = 0;
        int skip = protocol.frameSkip();
        for (int f = 0; f < skip; f++) {
            int a = protocol.stickyActionProbability() > 0 && rng.nextDouble() < protocol.stickyActionProbability()
                    ? previousAction : chosen;
            previousAction = a;
            reward += game.frame(a);
            if (f == skip - 2) {
                game.render(beforeLastScreen);
            }
            if (f == skip - 1 || game.gameOver()) {
                game.render(lastScreen);
                if (f < skip - 2) {
                    // the game ended before the second-to-last frame: pool the final frame with itself
                    System.arraycopy(last, 0, beforeLast, 0, last.length);
                }
                break;
            }
        }
        for (int i = 0; i < last.length; i++) {
            if ((beforeLast[i] & 0xff) > (last[i] & 0xff)) {
                last[i] = beforeLast[i];
            }
        }
        System.arraycopy(stack, FRAME, stack, 0, stack.length - FRAME);
        resize.resize(last, stack, stack.length - FRAME);
        steps++;
        boolean lifeLost = game.lives() < lives;
        lives = game.lives();
        boolean terminated = game.gameOver() || (protocol.terminalOnLifeLoss() && lifeLost);
        boolean truncated = !terminated && steps >= protocol.maxAgentSteps();
        running = !(terminated || truncated);
        return new Step<>(stack.clone(), reward, terminated, truncated, Map.of("lives", lives));
    }

    /** The current frame in colour (210 × 160 × 3), for viewing. */
    public byte[] rgbFrame() {
        Screen screen = new Screen();
        game.render(screen);
        byte[] rgb = new byte[Screen.HEIGHT * Screen.WIDTH * 3];
        game.palette().toRgb(screen, rgb);
        return rgb;
    }

    @Override
    public int elapsedSteps() {
        return steps;
    }

    @Override
    public void close() {
        running = false;
    }
}
