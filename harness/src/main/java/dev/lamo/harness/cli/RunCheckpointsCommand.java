package dev.lamo.harness.cli;

import dev.lamo.envs.Json;
import dev.lamo.policies.run.RunDirectory;
import dev.lamo.results.records.CheckpointRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lamo run checkpoints}: a run's checkpoints with what was measured at each; {@code --closest-to-fraction}
 * picks the checkpoint whose evaluation return is closest to a fraction of the best one (D4RL's "medium" policy
 * is about a third of the expert's performance).
 */
@Command(name = "checkpoints", mixinStandardHelpOptions = true,
        description = "List a run's checkpoints and their evaluation returns; optionally print only the step "
                + "closest to a fraction of the best return.")
final class RunCheckpointsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR")
    Path runDir;

    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    @Option(names = "--closest-to-fraction", description = "Print only the step of the checkpoint (before the best one) "
            + "whose evaluation return is closest to this fraction of the best evaluation return.")
    Double fraction;

    @Override
    public Integer call() {
        RunDirectory run = RunDirectory.open(runDir);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (long step : run.checkpointSteps()) {
            CheckpointRecord r = run.checkpointRecord(step);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", step);
            row.putAll(r.measurements());
            rows.add(row);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (fraction != null) {
            out.println(closest(rows));
            return 0;
        }
        if (json) {
            out.println(Json.writePretty(rows));
        } else {
            for (Map<String, Object> row : rows) {
                out.printf("step %-10s return %-14s normalised %s%n", row.get("step"), fmt(row.get("return_mean")),
                        fmt(row.get("normalized_score")));
            }
        }
        return 0;
    }

    private long closest(List<Map<String, Object>> rows) {
        int best = -1;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).get("return_mean") instanceof Number n
                    && (best < 0 || n.doubleValue() > ((Number) rows.get(best).get("return_mean")).doubleValue())) {
                best = i;
            }
        }
        if (best < 0) {
            throw new BadInputException(runDir + ": no checkpoint has an evaluation return");
        }
        double target = fraction * ((Number) rows.get(best).get("return_mean")).doubleValue();
        long chosen = (long) rows.get(best).get("step");
        double gap = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= best; i++) {
            if (rows.get(i).get("return_mean") instanceof Number n && Math.abs(n.doubleValue() - target) < gap) {
                gap = Math.abs(n.doubleValue() - target);
                chosen = (long) rows.get(i).get("step");
            }
        }
        return chosen;
    }

    private static String fmt(Object v) {
        return v instanceof Number n ? String.format("%.2f", n.doubleValue()) : "-";
    }
}
