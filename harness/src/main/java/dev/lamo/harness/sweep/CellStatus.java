package dev.lamo.harness.sweep;

import dev.lamo.harness.eval.EvaluateCheckpoints;
import dev.lamo.policies.registry.Algorithms;
import dev.lamo.policies.run.RunDirectory;
import dev.lamo.results.records.EpisodeRecords;
import dev.lamo.results.records.RunConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where a sweep cell stands on disk: not started, started (resumable), or trained and evaluated at its last step. */
public enum CellStatus {
    NEW, PARTIAL, FINISHED;

    public static CellStatus of(SweepCell cell, SweepConfig config) {
        Path dir = cell.runDir();
        if (!Files.isRegularFile(dir.resolve(RunDirectory.CONFIG))) {
            return NEW;
        }
        RunDirectory run = RunDirectory.open(dir);
        RunConfig rc = run.config();
        SweepConfig.Schedule schedule = cell.task().schedule();
        // a cell names a variant label (lamo-nopt) where there is one; its run records the algorithm and the label
        if (rc.seed() != cell.seed() || !rc.variant().equals(cell.algorithm()) || rc.dataset() == null
                || Math.abs(rc.dataset().ratio() - cell.ratio()) > 1e-12) {
            throw new IllegalArgumentException(dir + " holds a different run (" + rc.variant() + ", seed " + rc.seed()
                    + ") than the sweep's cell (" + cell.describe() + "); remove it or choose another \"out\"");
        }
        if (rc.steps() != schedule.steps()) {
            // A sweep whose steps were cut (or raised) keeps its started runs only where that equals a fresh run: the
            // updates must not read the total, and none may have gone past the new one. Resuming records the new total.
            List<Long> checkpoints = run.checkpointSteps();
            long trained = checkpoints.isEmpty() ? 0 : checkpoints.get(checkpoints.size() - 1);
            if (!Algorithms.get(rc.algorithm()).totalIndependent().test(rc) || trained > schedule.steps()) {
                throw new IllegalArgumentException(dir + " holds a run planned for " + rc.steps() + " steps, trained to "
                        + trained + (trained > schedule.steps() ? "" : " with a schedule that reads its total")
                        + ", which cannot become the sweep's cell of " + schedule.steps() + " steps; remove it or choose"
                        + " another \"out\"");
            }
            return PARTIAL;
        }
        Path episodes = dir.resolve("eval/episodes.jsonl");
        if (!Files.isRegularFile(episodes)) {
            return PARTIAL;
        }
        long atEnd = EpisodeRecords.read(episodes).stream().filter(e -> e.checkpointStep() == schedule.steps()).count();
        int targets = EvaluateCheckpoints.plan(dir, List.of(schedule.steps()), schedule.evalEpisodes(), null, config.evalSeed(), 1, 1)
                .targets().size();
        return atEnd >= (long) targets * schedule.evalEpisodes() ? FINISHED : PARTIAL;
    }
}
