package dev.lamo.harness.cli;

import dev.lamo.envs.Env;
import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.EnvSpec;
import dev.lamo.envs.mujoco.MujocoRuntime;
import dev.lamo.envs.spaces.BoxSpace;
import dev.lamo.envs.spaces.DiscreteSpace;
import dev.lamo.envs.spaces.Space;
import dev.lamo.envs.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lamo envs}: every environment with its spaces, limits and reference scores. */
@Command(name = "envs", mixinStandardHelpOptions = true,
        description = "List every environment: id, version, observation and action spaces, step limit, "
                + "reference scores for normalisation.")
final class EnvsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON array of objects instead of a table.")
    boolean json;

    /** One row of the listing, as printed with {@code --json} (snake_case keys). */
    record EnvDescription(String id, String version, String description, Map<String, Object> observationSpace,
                          Map<String, Object> actionSpace, int maxEpisodeSteps, double refMinScore,
                          double refMaxScore, String refScoreSource, double returnScale,
                          List<Double> defaultTargets, List<Double> paperTargets, boolean clipActions,
                          String simulator) {
    }

    @Override
    public Integer call() {
        List<EnvDescription> rows = new ArrayList<>();
        for (String id : EnvRegistry.ids()) {
            try (Env<?, ?> env = EnvRegistry.make(id)) {
                EnvSpec s = env.spec();
                rows.add(new EnvDescription(s.id(), s.version(), s.description(), describe(env.observationSpace()),
                        describe(env.actionSpace()), s.maxEpisodeSteps(), s.refMinScore(), s.refMaxScore(),
                        s.refScoreSource(), s.returnScale(), s.defaultTargets(), s.paperTargets(), s.clipActions(),
                        "MuJoCo " + MujocoRuntime.version()));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.writePretty(rows));
        } else {
            out.printf("%-12s %-4s %-22s %-22s %6s %12s %10s  %s%n", "id", "ver", "observation", "action",
                    "steps", "ref min", "ref max", "default targets");
            for (EnvDescription r : rows) {
                out.printf("%-12s %-4s %-22s %-22s %6d %12.6g %10.6g  %s%n", r.id(), r.version(),
                        brief(r.observationSpace()), brief(r.actionSpace()), r.maxEpisodeSteps(), r.refMinScore(),
                        r.refMaxScore(), r.defaultTargets());
            }
        }
        return 0;
    }

    static Map<String, Object> describe(Space space) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", space.type());
        if (space instanceof BoxSpace box) {
            m.put("shape", box.shape());
            m.put("dtype", box.dtype().name().toLowerCase());
            if (Arrays.stream(box.low()).anyMatch(Double::isFinite) || Arrays.stream(box.high()).anyMatch(Double::isFinite)) {
                m.put("low", finiteOrNull(box.low()));
                m.put("high", finiteOrNull(box.high()));
            }
        } else if (space instanceof DiscreteSpace d) {
            m.put("n", d.n());
        }
        return m;
    }

    /** JSON has no infinity: unbounded coordinates are written as null. */
    private static Double[] finiteOrNull(double[] values) {
        return Arrays.stream(values).mapToObj(v -> Double.isFinite(v) ? v : null).toArray(Double[]::new);
    }

    private static String brief(Map<String, Object> space) {
        Object shape = space.get("shape");
        String dims = shape instanceof int[] s ? Arrays.toString(s) : "(" + space.get("n") + ")";
        return space.get("type") + dims + (space.containsKey("dtype") ? " " + space.get("dtype") : "");
    }
}
