package dev.lamo.harness.sweep;

import dev.lamo.envs.Folders;
import dev.lamo.harness.eval.EvaluateCheckpoints;
import dev.lamo.harness.eval.Evaluation;
import dev.lamo.harness.train.TrainingJob;
import dev.lamo.policies.run.RunDirectory;
import dev.lamo.policies.run.TrainingProgress;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a sweep's cells one after another: a finished cell is skipped, a started one continues exactly from its
 * latest checkpoint, and any checkpoint on the evaluation schedule whose evaluation was cut short (for example by a
 * kill during it) is evaluated before the cell counts as done. Killing a sweep and starting it again therefore
 * loses at most the steps since the last checkpoint.
 */
public final class Sweep {

    /** What a sweep reports as it goes. */
    public interface Listener {
        void cellStarted(SweepCell cell, int index, int total, CellStatus status);

        TrainingProgress progress(SweepCell cell);
    }

    private Sweep() {
    }

    /**
     * @param languageModel LaMo's language model (the config's, or the caller's default)
     * @param corpus        text of LaMo's auxiliary language loss
     */
    public static void run(SweepConfig config, Path languageModel, Path corpus, Listener listener) {
        List<SweepCell> cells = config.cells();
        for (int i = 0; i < cells.size(); i++) {
            SweepCell cell = cells.get(i);
            CellStatus status = CellStatus.of(cell, config);
            listener.cellStarted(cell, i, cells.size(), status);
            if (status == CellStatus.FINISHED) {
                continue;
            }
            Path dir = cell.runDir();
            boolean resume = status == CellStatus.PARTIAL && !RunDirectory.open(dir).checkpointSteps().isEmpty();
            if (status == CellStatus.PARTIAL && !resume) {
                Folders.deleteRecursively(dir); // started but no checkpoint yet: nothing finished to keep
            }
            if (resume) {
                RunDirectory.open(dir).extendTo(cell.task().schedule().steps()); // a cut or raised total (CellStatus)
            }
            boolean trained = resume && RunDirectory.open(dir).checkpointSteps().contains(cell.task().schedule().steps());
            if (!trained) {
                job(config, cell, languageModel, corpus, resume).run(listener.progress(cell), outcome -> { });
            }
            evaluateMissed(config, cell.task().schedule(), dir);
        }
    }

    static TrainingJob job(SweepConfig config, SweepCell cell, Path languageModel, Path corpus, boolean resume) {
        SweepConfig.Schedule schedule = cell.task().schedule();
        return new TrainingJob(cell.algorithm(), cell.task().env(), cell.task().data(), cell.ratio(),
                config.sampleSeed() != null ? config.sampleSeed() : cell.seed(),
                languageModel, corpus, schedule.steps(), cell.seed(), cell.runDir(),
                resume, config.overridesFor(cell.algorithm()),
                new TrainingJob.Evaluate(schedule.evalEvery(), schedule.evalEpisodes(), config.evalSeed()));
    }

    /** Evaluates the scheduled checkpoints whose episodes are not all recorded (nothing runs when all are). */
    private static void evaluateMissed(SweepConfig config, SweepConfig.Schedule schedule, Path dir) {
        List<Long> scheduled = RunDirectory.open(dir).checkpointSteps().stream()
                .filter(s -> s % schedule.evalEvery() == 0 || s == schedule.steps()).toList();
        Evaluation.run(EvaluateCheckpoints.plan(dir, scheduled, schedule.evalEpisodes(), null, config.evalSeed(),
                Runtime.getRuntime().availableProcessors(), 128), n -> { });
    }
}
