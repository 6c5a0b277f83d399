package dev.lamo.harness.cli;

import dev.lamo.envs.Env;
import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.Json;
import dev.lamo.envs.Seeds;
import dev.lamo.envs.Step;
import dev.lamo.envs.arcade.ArcadeEnv;
import dev.lamo.envs.spaces.BoxSpace;
import dev.lamo.envs.spaces.DiscreteSpace;
import dev.lamo.envs.spaces.Space;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lamo env rollout}: replays actions from a seeded reset on any environment and prints every step. Vector
 * and frame observations are told apart by the observation space ({@link RolloutObservations}), continuous and
 * discrete actions by the action space.
 */
@Command(name = "rollout", mixinStandardHelpOptions = true,
        description = "Reset an environment with a seed, apply actions from a file or uniformly random ones, and "
                + "print each step's action, reward, terminated, truncated and the observation's SHA-256 (vector "
                + "observations also in full).")
final class EnvRolloutCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--env", required = true, description = "Environment id (see 'lamo envs').")
    String envId;

    @Option(names = "--seed", defaultValue = "0", description = "Reset seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--actions", description = "File of actions: one per line, or a JSON array of arrays "
                + "(discrete actions: one index per line, or [[i], [j], ...]).")
        Path actions;

        @Option(names = "--random", description = "Uniformly random actions (within the bounds, or among the n "
                + "discrete ones), seeded by --seed.")
        boolean random;
    }

    @Option(names = "--steps", description = "Number of steps (required with --random; with --actions at most this many).")
    Integer steps;

    @Option(names = "--json", description = "Print one JSON object per line (the reset, then each step).")
    boolean json;

    @Option(names = "--frames", paramLabel = "DIR", description = "Frame observations only: write each step's PNGs "
            + "as 'lamo env frames' does (the colour screen where the game has one, and the newest observed frame).")
    Path frames;

    @Override
    public Integer call() throws IOException {
        if (source.random && steps == null) {
            throw new BadInputException("--random needs --steps N");
        }
        if (steps != null && steps < 0) {
            throw new BadInputException("--steps must be at least 0, got " + steps);
        }
        try (Env<?, ?> env = EnvRegistry.make(envId)) {
            // the colour screen, for environments that render one (the arcade games)
            roll(typed(env), env instanceof ArcadeEnv arcade ? arcade::rgbFrame : () -> null);
        }
        return 0;
    }

    /** Observations and actions are handled as what their spaces say they are, so the type parameters do not matter. */
    @SuppressWarnings("unchecked")
    private static Env<Object, Object> typed(Env<?, ?> env) {
        return (Env<Object, Object>) env;
    }

    private void roll(Env<Object, Object> env, Supplier<byte[]> screen) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        RolloutObservations observations = RolloutObservations.of(env.observationSpace());
        FramePngs pngs = frames == null ? null : observations.pngs(frames, "--frames: " + env.spec().id());
        List<Object> actions = source.random ? randomActions(env.actionSpace(), steps) : fileActions(env.actionSpace());
        int limit = steps == null ? actions.size() : Math.min(steps, actions.size());
        Object obs = env.reset(seed);
        if (!json) {
            out.printf("# %s %s, seed %d, %s; observations %s%n", env.spec().id(), env.spec().version(), seed,
                    source.random ? limit + " random actions" : limit + " actions from " + source.actions,
                    env.observationSpace());
            out.printf("%5s %12s %5s %5s  %-16s  %s%s%n", "step", "reward", "term", "trunc", "sha256", "action",
                    observations.showsValues() ? "  observation" : "");
        }
        print(out, observations, 0, null, obs, Double.NaN, false, false);
        write(pngs, screen, 0, obs);
        double episodeReturn = 0;
        int t = 0;
        Step<Object> last = null;
        while (t < limit) {
            Object a = actions.get(t);
            last = env.step(a);
            t++;
            episodeReturn += last.reward();
            print(out, observations, t, a, last.observation(), last.reward(), last.terminated(), last.truncated());
            write(pngs, screen, t, last.observation());
            if (last.done()) {
                break;
            }
        }
        if (!json) {
            out.printf("return %.6f over %d steps%s%n", episodeReturn, t,
                    last == null ? "" : last.terminated() ? " (terminated)" : last.truncated() ? " (truncated)" : "");
        }
    }

    private static void write(FramePngs pngs, Supplier<byte[]> screen, int step, Object obs) throws IOException {
        if (pngs != null) {
            pngs.write(step, screen.get(), (byte[]) obs);
        }
    }

    /** Uniform actions: within the box's bounds, or among the discrete choices. */
    private List<Object> randomActions(Space space, int n) {
        RandomGenerator rng = Seeds.rng(Seeds.derive(seed, 0x4143544e));
        List<Object> actions = new ArrayList<>(n);
        for (int t = 0; t < n; t++) {
            if (space instanceof DiscreteSpace d) {
                actions.add(rng.nextInt(d.n()));
                continue;
            }
            BoxSpace box = (BoxSpace) space;
            double[] a = new double[box.flatSize()];
            for (int i = 0; i < a.length; i++) {
                a[i] = box.low(i) + (box.high(i) - box.low(i)) * rng.nextDouble();
            }
            actions.add(a);
        }
        return actions;
    }

    private List<Object> fileActions(Space space) throws IOException {
        List<double[]> rows = ActionFile.read(source.actions, space.flatSize());
        List<Object> actions = new ArrayList<>(rows.size());
        for (int t = 0; t < rows.size(); t++) {
            if (space instanceof DiscreteSpace d) {
                double v = rows.get(t)[0];
                if (v != Math.rint(v) || v < 0 || v >= d.n()) {
                    throw new BadInputException(source.actions + " action " + t + ": expected an action index in [0, "
                            + d.n() + "), found " + v);
                }
                actions.add((int) v);
            } else {
                actions.add(rows.get(t));
            }
        }
        return actions;
    }

    private void print(PrintWriter out, RolloutObservations observations, int step, Object action, Object obs,
                       double reward, boolean terminated, boolean truncated) {
        String hash = observations.sha256(obs);
        if (json) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", step);
            if (action != null) {
                row.put("action", action);
                row.put("reward", reward);
                row.put("terminated", terminated);
                row.put("truncated", truncated);
            }
            row.put("observation_sha256", hash);
            if (observations.showsValues()) {
                row.put("observation", obs);
            }
            out.println(Json.write(row));
            return;
        }
        String values = observations.showsValues() ? "  " + vector((double[]) obs) : "";
        if (action == null) {
            out.printf("%5d %12s %5s %5s  %-16s  %s%s%n", step, "-", "-", "-", hash.substring(0, 16), "-", values);
        } else {
            String a = action instanceof double[] v ? vector(v) : action.toString();
            out.printf("%5d %12.6f %5s %5s  %-16s  %s%s%n", step, reward, terminated, truncated, hash.substring(0, 16), a,
                    values);
        }
    }

    private static String vector(double[] v) {
        StringBuilder o = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            o.append(i == 0 ? "" : ", ").append(String.format("%.6g", v[i]));
        }
        return o.append(']').toString();
    }
}
