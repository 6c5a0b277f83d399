package dev.lamo.harness.cli;

import dev.lamo.envs.ContinuousEnv;
import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.Seeds;
import dev.lamo.envs.Step;
import dev.lamo.envs.spaces.BoxSpace;
import dev.lamo.envs.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lamo env rollout}: replays actions from a seeded reset and prints every step. */
@Command(name = "rollout", mixinStandardHelpOptions = true,
        description = "Reset an environment with a seed, apply actions from a file or uniformly random ones, and "
                + "print each step's observation, reward, terminated and truncated.")
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
        @Option(names = "--actions", description = "File of actions: one per line, or a JSON array of arrays.")
        Path actions;

        @Option(names = "--random", description = "Uniformly random actions within the action bounds, seeded by --seed.")
        boolean random;
    }

    @Option(names = "--steps", description = "Number of steps (required with --random; with --actions at most this many).")
    Integer steps;

    @Option(names = "--json", description = "Print one JSON object per line (the reset, then each step).")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (source.random && steps == null) {
            throw new BadInputException("--random needs --steps N");
        }
        if (steps != null && steps < 0) {
            throw new BadInputException("--steps must be at least 0, got " + steps);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ContinuousEnv env = EnvRegistry.makeContinuous(envId)) {
            BoxSpace actionSpace = (BoxSpace) env.actionSpace();
            List<double[]> actions = source.random ? randomActions(actionSpace, steps)
                    : ActionFile.read(source.actions, actionSpace.flatSize());
            int limit = steps == null ? actions.size() : Math.min(steps, actions.size());
            double[] obs = env.reset(seed);
            if (!json) {
                out.printf("# %s %s, seed %d, %s%n", env.spec().id(), env.spec().version(), seed,
                        source.random ? limit + " random actions" : limit + " actions from " + source.actions);
                out.printf("%5s %12s %5s %5s  %s%n", "step", "reward", "term", "trunc", "observation");
            }
            print(out, 0, null, obs, Double.NaN, false, false);
            double episodeReturn = 0;
            int t = 0;
            Step<double[]> last = null;
            while (t < limit) {
                double[] a = actions.get(t);
                last = env.step(a);
                t++;
                episodeReturn += last.reward();
                print(out, t, a, last.observation(), last.reward(), last.terminated(), last.truncated());
                if (last.done()) {
                    break;
                }
            }
            if (!json) {
                out.printf("return %.6f over %d steps%s%n", episodeReturn, t,
                        last == null ? "" : last.terminated() ? " (terminated)" : last.truncated() ? " (truncated)" : "");
            }
        }
        return 0;
    }

    private List<double[]> randomActions(BoxSpace space, int n) {
        RandomGenerator rng = Seeds.rng(Seeds.derive(seed, 0x4143544e));
        List<double[]> actions = new ArrayList<>(n);
        for (int t = 0; t < n; t++) {
            double[] a = new double[space.flatSize()];
            for (int i = 0; i < a.length; i++) {
                a[i] = space.low(i) + (space.high(i) - space.low(i)) * rng.nextDouble();
            }
            actions.add(a);
        }
        return actions;
    }

    private void print(PrintWriter out, int step, double[] action, double[] obs, double reward, boolean terminated,
                       boolean truncated) {
        if (json) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", step);
            if (action != null) {
                row.put("action", action);
                row.put("reward", reward);
                row.put("terminated", terminated);
                row.put("truncated", truncated);
            }
            row.put("observation", obs);
            out.println(Json.write(row));
            return;
        }
        StringBuilder o = new StringBuilder("[");
        for (int i = 0; i < obs.length; i++) {
            o.append(i == 0 ? "" : ", ").append(String.format("%.6g", obs[i]));
        }
        o.append(']');
        if (action == null) {
            out.printf("%5d %12s %5s %5s  %s%n", step, "-", "-", "-", o);
        } else {
            out.printf("%5d %12.6f %5s %5s  %s%n", step, reward, terminated, truncated, o);
        }
    }
}
