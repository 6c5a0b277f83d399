package dev.lamo.harness.eval;

import dev.lamo.results.records.EpisodeRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * An evaluation folder's {@code episodes.jsonl} as the evaluation sees it: read once when it starts (resume), then
 * every finished episode appended exactly once (a key already recorded is never written again). It holds every
 * record, resumed and new, in file order, which is what the summary is built from.
 */
final class EpisodeRecorder implements AutoCloseable {

    private final EvalPlan plan;
    private final EpisodeLog log;
    private final List<EpisodeRecord> records;
    private final Set<EpisodeKey> recorded = new HashSet<>();
    private final IntConsumer onEpisode;
    /** Read by the status heartbeat's thread. */
    private volatile int planned;

    private EpisodeRecorder(EvalPlan plan, List<EpisodeRecord> existing, IntConsumer onEpisode) {
        this.plan = plan;
        this.records = new ArrayList<>(existing);
        this.onEpisode = onEpisode;
        for (EpisodeRecord r : existing) {
            recorded.add(EpisodeKey.of(r));
            if (inPlan(r)) {
                planned++;
            }
        }
        this.log = EpisodeLog.append(plan.out(), existing);
    }

    /**
     * Opens the plan's output folder: the episodes recorded there are kept when the plan resumes, and refused
     * otherwise.
     *
     * @param onEpisode hears the number of this plan's episodes recorded so far (resumed ones included)
     */
    static EpisodeRecorder open(EvalPlan plan, IntConsumer onEpisode) {
        List<EpisodeRecord> existing = EpisodeLog.readAll(plan.out());
        if (!plan.resume() && !existing.isEmpty()) {
            throw new IllegalArgumentException(plan.out() + " already holds episodes; use --resume or another --out");
        }
        return new EpisodeRecorder(plan, existing, onEpisode);
    }

    /** Whether the episode is recorded already (resumed, or finished in this run). */
    boolean has(EpisodeKey key) {
        return recorded.contains(key);
    }

    /** Appends a finished episode unless its key is recorded already (called from the coordinator's thread). */
    void record(EpisodeRecord record) {
        if (recorded.add(EpisodeKey.of(record))) {
            log.write(record);
            records.add(record);
            if (inPlan(record)) {
                planned++;
            }
            onEpisode.accept(planned);
        }
    }

    /** This plan's episodes recorded so far; the folder may also hold other checkpoints' or targets'. */
    int plannedDone() {
        return planned;
    }

    /** Every record of the folder in file order. */
    List<EpisodeRecord> records() {
        return Collections.unmodifiableList(records);
    }

    Path folder() {
        return plan.out();
    }

    private boolean inPlan(EpisodeRecord r) {
        return plan.checkpoints().contains(r.checkpointStep()) && plan.targets().contains(r.target()) && r.index() < plan.episodes();
    }

    @Override
    public void close() {
        log.close();
    }
}
