package dev.lamo.harness.dashboard;

import dev.lamo.harness.sweep.CellStatus;
import dev.lamo.harness.sweep.SweepCell;
import dev.lamo.harness.sweep.SweepConfig;
import dev.lamo.results.stats.RobustAggregates;
import dev.lamo.results.table.CheckpointRule;
import dev.lamo.results.table.EvaluatedRun;
import dev.lamo.results.table.TableBuilder;
import dev.lamo.results.table.TableFormat;
import dev.lamo.results.table.TargetRule;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A sweep file and the run folders of its grid: which cells are done, running, pending or failed, the time left at
 * the pace of the cells so far, and the table of the finished cells as {@code lamo table} prints it.
 */
final class SweepWatch {

    private final String id;
    private final FolderFile<SweepConfig> config;
    private Object signature;
    private Views.SweepRow row;
    private final java.util.Map<Path, Object[]> finished = new java.util.HashMap<>();

    SweepWatch(String id, Path file) {
        this.id = id;
        this.config = new FolderFile<>(file, SweepConfig::read);
    }

    String id() {
        return id;
    }

    boolean isSweep() {
        config.refresh();
        return config.value() != null;
    }

    /**
     * The sweep's row, recomputed only when the file or one of its cells' runs changed.
     *
     * @param runs the watched run of a folder, or null where none is (not started, or outside the given folders)
     */
    Views.SweepRow row(Instant now, Function<Path, RunWatch> runs) {
        config.refresh();
        SweepConfig c = config.value();
        if (c == null) {
            return null;
        }
        List<SweepCell> cells = c.cells();
        List<Object> sig = new ArrayList<>();
        sig.add(config.modified());
        sig.add(now.getEpochSecond() / 10); // heartbeats age: re-check states now and then
        for (SweepCell cell : cells) {
            RunWatch r = runs.apply(cell.runDir());
            sig.add(r == null ? null : r.revision());
        }
        if (Objects.equals(sig, signature) && row != null) {
            return row;
        }
        signature = sig;
        row = compute(c, cells, now, runs);
        return row;
    }

    private Views.SweepRow compute(SweepConfig c, List<SweepCell> cells, Instant now, Function<Path, RunWatch> runs) {
        List<Views.SweepCellRow> grid = new ArrayList<>();
        List<EvaluatedRun> finished = new ArrayList<>();
        int done = 0;
        int running = 0;
        int pending = 0;
        int failed = 0;
        double etaRunning = 0;
        boolean etaKnown = true;
        double finishedSeconds = 0;
        int timedCells = 0;
        for (SweepCell cell : cells) {
            RunWatch r = runs.apply(cell.runDir());
            String state;
            if (r == null || !r.hasConfig()) {
                state = "pending";
            } else {
                Views.RunRow run = r.row(now);
                state = switch (run.state()) {
                    case "failed", "interrupted" -> run.state();
                    case "running" -> "running";
                    default -> cellFinished(cell, c, r.revision()) ? "done" : "running";
                };
                if (state.equals("running")) {
                    if (run.etaSeconds() != null) {
                        etaRunning += run.etaSeconds();
                    } else {
                        etaKnown = false;
                    }
                }
                Double seconds = r.elapsedSeconds();
                if (state.equals("done") && seconds != null) {
                    finishedSeconds += seconds;
                    timedCells++;
                }
            }
            switch (state) {
                case "done" -> {
                    done++;
                    try {
                        finished.add(EvaluatedRun.read(cell.runDir()));
                    } catch (RuntimeException e) {
                        // a cell whose records cannot be read stays out of the table; the table note says how many
                    }
                }
                case "running" -> running++;
                case "pending" -> pending++;
                default -> failed++;
            }
            grid.add(new Views.SweepCellRow(cell.algorithm(), cell.task().env(), cell.ratio(), cell.seed(), state,
                    r == null ? null : r.id()));
        }
        Double eta = null;
        if (etaKnown && timedCells > 0) {
            eta = etaRunning + (pending + failed) * (finishedSeconds / timedCells);
        } else if (etaKnown && pending + failed == 0) {
            eta = etaRunning;
        }
        String table = null;
        String problem = null;
        if (finished.isEmpty()) {
            problem = "no finished cells yet";
        } else {
            try {
                table = TableFormat.MD.render(TableBuilder.build(finished, new TableBuilder.Options(
                        CheckpointRule.parse(c.checkpointRule()), TargetRule.parse(c.targetRule()), c.paper(), false,
                        RobustAggregates.DEFAULT_REPETITIONS, 0)));
                if (finished.size() < done) {
                    problem = (done - finished.size()) + " finished cells could not be read";
                }
            } catch (RuntimeException e) {
                problem = e.getMessage();
            }
        }
        return new Views.SweepRow(id, c.file().toString(), c.out().toString(), cells.size(), done, running, pending,
                failed, eta, grid, table, problem);
    }

    /** Whether {@code lamo sweep} would skip the cell; it reads the cell's episodes, so only once per run revision. */
    private boolean cellFinished(SweepCell cell, SweepConfig c, long revision) {
        Object[] cached = finished.get(cell.runDir());
        if (cached != null && (long) cached[0] == revision) {
            return (boolean) cached[1];
        }
        boolean done;
        try {
            done = CellStatus.of(cell, c) == CellStatus.FINISHED;
        } catch (RuntimeException e) {
            done = false;
        }
        finished.put(cell.runDir(), new Object[] {revision, done});
        return done;
    }
}
