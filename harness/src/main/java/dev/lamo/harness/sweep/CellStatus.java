package dev.lamo.harness.sweep;

import dev.lamo.harness.eval.EvaluateCheckpoints;
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
        RunConfig rc = RunDirectory.open(dir).config();
        SweepConfig.Schedule schedule = cell.task().schedule();
        if (rc.steps() != schedule.steps() || rc.seed() != cell.seed() || !rc.algorithm().equals(cell.algorithm())
                || rc.dataset() == null || Math.abs(rc.dataset().ratio() - cell.ratio()) > 1e-12) {
            throw new IllegalArgumentException(dir + " holds a different run (" + rc.algorithm() + ", " + rc.steps()
                    + " steps, seed " + rc.seed() + ") than the sweep's cell (" + cell.describe() + ", " + schedule.steps()
                    + " steps); remove it or choose another \"out\"");
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
