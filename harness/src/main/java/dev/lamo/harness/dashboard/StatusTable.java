package dev.lamo.harness.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The dashboard's snapshot as a compact text table, for {@code lamo watch}. */
public final class StatusTable {

    private StatusTable() {
    }

    public static String render(Views.Snapshot s) {
        StringBuilder out = new StringBuilder();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"RUN", "ALGORITHM", "ENV", "RATIO", "SEED", "STEP", "ETA", "STATE", "SCORE"});
        for (Views.RunRow r : s.runs()) {
            rows.add(new String[] {r.id(), r.algorithm() == null ? "?" : r.algorithm() + (r.variant() != null ? " (" + r.variant() + ")" : ""),
                    orDash(r.env()), r.ratio() == null ? "-" : dev.lamo.results.table.TableBuilder.number(r.ratio()),
                    r.seed() == null ? "-" : r.seed().toString(), r.step() + "/" + r.totalSteps(), duration(r.etaSeconds()),
                    r.state() + (r.stateInferred() ? "?" : ""), r.lastScore() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.lastScore())});
        }
        table(out, rows);
        if (!s.evaluations().isEmpty()) {
            rows.clear();
            rows.add(new String[] {"EVALUATION", "EPISODES", "ENV STEPS/S", "MEAN BATCH", "FWD P50/P99 MS", "FAILURES", "STATE"});
            for (Views.EvaluationRow e : s.evaluations()) {
                long failures = e.failureReasons().values().stream().mapToLong(Long::longValue).sum();
                rows.add(new String[] {e.id(), e.episodes() + (e.episodesPlanned() != null ? "/" + e.episodesPlanned() : ""),
                        number(e.envStepsPerSecond(), 0), number(e.meanBatch(), 1),
                        number(e.forwardP50Ms(), 2) + "/" + number(e.forwardP99Ms(), 2), Long.toString(failures),
                        e.state() + (e.stateInferred() ? "?" : "")});
            }
            out.append('\n');
            table(out, rows);
        }
        if (!s.sweeps().isEmpty()) {
            rows.clear();
            rows.add(new String[] {"SWEEP", "CELLS", "DONE", "RUNNING", "PENDING", "FAILED", "TIME LEFT"});
            for (Views.SweepRow w : s.sweeps()) {
                rows.add(new String[] {w.id(), Integer.toString(w.cells()), Integer.toString(w.done()), Integer.toString(w.running()),
                        Integer.toString(w.pending()), Integer.toString(w.failed()), duration(w.etaSeconds())});
            }
            out.append('\n');
            table(out, rows);
        }
        for (String p : s.problems()) {
            out.append("! ").append(p).append('\n');
        }
        return out.toString();
    }

    private static void table(StringBuilder out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(i == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%-" + widths[i] + "s", r[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    private static String number(Double v, int digits) {
        return v == null ? "-" : String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    static String duration(Double seconds) {
        if (seconds == null) {
            return "-";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
