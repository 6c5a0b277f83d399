package dev.lamo.harness.eval;

import dev.lamo.envs.EnvSpec;
import dev.lamo.results.records.EpisodeRecord;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

/**
 * Runs the episodes of one checkpoint in lock-step rounds. In each round every running episode, in slot order,
 * gets one action: the running episodes are cut into batches of at most {@code maxBatch} in that order, each
 * batch goes to the policy service as one forward pass, and as soon as a batch's actions are back its
 * environments are stepped on the worker threads (so physics of one batch overlaps the forward of the next). Which
 * episodes share a forward pass therefore depends only on which episodes are running, never on thread timing,
 * and every result is the same for any number of workers.
 *
 * <p>No auto-reset: each slot is one episode; finished episodes are recorded (in slot order within a round)
 * and free their place for the next pending slot. A request that fails or times out fails its episodes with
 * the reason; the others go on. Two failures are not the episode's: when the environment node holding an
 * episode leaves the cluster, the episode goes back to the front of the queue and runs again from its seed on
 * another node (nothing of it was recorded); when the services cannot go on at all
 * ({@link EvaluationStoppedException}), the run stops without recording the unfinished episodes.
 */
final class EvaluationCoordinator {

    /** One episode to run: its key, and the slot number that addresses it in the services. */
    record Slot(int slot, EpisodeKey key, long envSeed) {
    }

    /**
     * What the coordinator runs for one checkpoint.
     *
     * @param slots       the checkpoint's episodes not recorded yet, in slot order
     * @param maxBatch    largest forward batch
     * @param concurrency episodes running at once (0: all)
     * @param stop        asked before each round: once true no new round starts and the episodes still running are
     *                    dropped unrecorded (a benchmark's time box); {@link #NO_STOP} runs every slot to its end
     */
    record Plan(EnvSpec spec, List<Slot> slots, int maxBatch, int concurrency, BooleanSupplier stop) {

        static final BooleanSupplier NO_STOP = () -> false;

        Plan(EnvSpec spec, List<Slot> slots, int maxBatch, int concurrency) {
            this(spec, slots, maxBatch, concurrency, NO_STOP);
        }
    }

    /** Where an episode stands between rounds. */
    private static final class Running {
        final Slot slot;
        /** Its node left: it runs again from its seed, and late replies to this attempt are ignored. */
        boolean lost;
        Observations observation;
        double lastReward;
        boolean first = true;
        double episodeReturn;
        int length;
        final long startNanos = System.nanoTime();

        Running(Slot slot) {
            this.slot = slot;
        }
    }

    private final EvaluationServices.Checkpoint services;
    private final Plan plan;
    private final EpisodeRecorder recorder;
    private final ThroughputMeter meter;
    /** Episodes that ended this round, written by {@link #flush} in slot order. */
    private final TreeMap<Integer, EpisodeRecord> finishedThisRound = new TreeMap<>();

    /**
     * @param services where the policy and environments of this checkpoint run
     * @param recorder where finished episodes go (each key at most once)
     */
    EvaluationCoordinator(EvaluationServices.Checkpoint services, Plan plan, EpisodeRecorder recorder, ThroughputMeter meter) {
        this.services = services;
        this.plan = plan;
        this.recorder = recorder;
        this.meter = meter;
    }

    /** Runs every slot to its end (or failure) and records it, or until the plan's stop time. */
    void run() throws InterruptedException {
        List<Slot> pending = new ArrayList<>(plan.slots());
        TreeMap<Integer, Running> running = new TreeMap<>();
        int limit = plan.concurrency() == 0 ? pending.size() : plan.concurrency();
        while ((!pending.isEmpty() || !running.isEmpty()) && !plan.stop().getAsBoolean()) {
            // fill free places with the next pending slots, in order
            List<Running> starting = new ArrayList<>();
            while (!pending.isEmpty() && running.size() + starting.size() < limit) {
                starting.add(new Running(pending.remove(0)));
            }
            if (!starting.isEmpty()) {
                reset(starting, pending);
                for (Running r : starting) {
                    if (r.observation != null) {
                        running.put(r.slot.slot(), r);
                    }
                }
                flush();
            }
            if (running.isEmpty()) {
                continue;
            }
            round(new ArrayList<>(running.values()));
            List<Integer> finished = new ArrayList<>();
            List<Slot> lost = new ArrayList<>();
            for (Running r : running.values()) {
                if (r.lost) {
                    lost.add(r.slot);
                } else if (r.observation == null) {
                    finished.add(r.slot.slot());
                }
            }
            for (int slot : finished) {
                running.remove(slot);
            }
            for (Slot slot : lost) {
                running.remove(slot.slot());
            }
            // in slot order, before the slots that have not started yet
            pending.addAll(0, lost);
            flush();
            if (!finished.isEmpty()) {
                release(finished);
            }
        }
    }

    private void reset(List<Running> starting, List<Slot> pending) throws InterruptedException {
        List<Future<Messages.StepResults>> replies = new ArrayList<>();
        for (Running r : starting) {
            replies.add(services.reset(r.slot.slot(), r.slot.envSeed()));
        }
        List<Slot> lost = new ArrayList<>();
        for (int i = 0; i < replies.size(); i++) {
            Running r = starting.get(i);
            try {
                Messages.StepResults res = Futures.get(replies.get(i), Timeouts.BACKSTOP);
                meter.reset(res);
                r.observation = res.observations().row(0);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof EvaluationStoppedException stop) {
                    throw stop;
                }
                if (e.getCause() instanceof EnvironmentNodeLostException) {
                    lost.add(r.slot);
                } else {
                    finish(r, false, false, "reset failed: " + Futures.cause(e));
                }
            }
        }
        pending.addAll(0, lost);
    }

    /** One action for every running episode, then one step of each. */
    private void round(List<Running> live) throws InterruptedException {
        List<Future<Void>> done = new ArrayList<>();
        for (int from = 0; from < live.size(); from += plan.maxBatch()) {
            List<Running> batch = live.subList(from, Math.min(live.size(), from + plan.maxBatch()));
            done.add(actThenStep(batch));
        }
        for (Future<Void> f : done) {
            try {
                Futures.get(f, Timeouts.BACKSTOP);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof EvaluationStoppedException stop) {
                    throw stop;
                }
                throw new IllegalStateException("evaluation round failed: " + Futures.cause(e), e);
            }
        }
    }

    private Future<Void> actThenStep(List<Running> batch) {
        int n = batch.size();
        int[] ids = new int[n];
        List<Observations> obs = new ArrayList<>(n);
        double[] rewards = new double[n];
        byte[] first = new byte[n];
        double[] targets = new double[n];
        for (int i = 0; i < n; i++) {
            Running r = batch.get(i);
            ids[i] = r.slot.slot();
            obs.add(r.observation);
            rewards[i] = r.lastReward;
            first[i] = (byte) (r.first ? 1 : 0);
            targets[i] = r.slot.key().target() == null ? 0 : r.slot.key().target();
            r.first = false;
        }
        Messages.ActRequest request = new Messages.ActRequest(ids, Observations.concat(obs), rewards, first, targets);
        long sent = System.nanoTime();
        return services.act(request)
                .compose(act -> {
                    meter.forward(n, act, System.nanoTime() - sent);
                    return step(batch, act);
                }, failure -> {
                    if (failure instanceof EvaluationStoppedException) {
                        return Future.failedFuture(failure);
                    }
                    for (Running r : batch) {
                        finish(r, false, false, "policy request failed: " + failure.getMessage());
                    }
                    return Future.succeededFuture();
                });
    }

    /** One request per episode, so that a stalled environment fails (by timeout) only its own episode. */
    private Future<Void> step(List<Running> batch, Messages.ActReply act) {
        int a = act.actionSize();
        List<Future<Void>> steps = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Running r = batch.get(i);
            float[] action = Arrays.copyOfRange(act.actions(), i * a, (i + 1) * a);
            steps.add(services.step(r.slot.slot(), action).compose(res -> {
                meter.step(res);
                apply(r, res, 0);
                return Future.<Void>succeededFuture();
            }, failure -> {
                if (failure instanceof EnvironmentNodeLostException) {
                    r.lost = true;
                } else {
                    finish(r, false, false, "environment request failed: " + failure.getMessage());
                }
                return Future.succeededFuture();
            }));
        }
        return Future.all(steps).mapEmpty();
    }

    /** Applies one environment result to its episode (on an event loop; each episode is touched by one reply). */
    private void apply(Running r, Messages.StepResults res, int j) {
        byte status = res.status()[j];
        if (status == Messages.FAILED) {
            finish(r, false, false, res.failures()[j]);
            return;
        }
        r.episodeReturn += res.rewards()[j];
        r.length++;
        r.lastReward = res.rewards()[j];
        r.observation = res.observations().row(j);
        if (status != Messages.RUNNING) {
            finish(r, status == Messages.TERMINATED, status == Messages.TRUNCATED, null);
        }
    }

    /**
     * Marks an episode finished. Records are written by {@link #flush} in slot order after the round, so that the
     * file's order does not depend on which reply came first.
     */
    private void finish(Running r, boolean terminated, boolean truncated, String failure) {
        EpisodeKey key = r.slot.key();
        synchronized (finishedThisRound) {
            finishedThisRound.put(r.slot.slot(), EpisodeRecord.of(key.checkpointStep(), key.target(), key.index(),
                    r.slot.envSeed(), r.episodeReturn, plan.spec().normalizedScore(r.episodeReturn), r.length, terminated,
                    truncated, failure, (System.nanoTime() - r.startNanos) / 1e9));
        }
        r.observation = null;
    }

    private void release(List<Integer> finished) throws InterruptedException {
        try {
            Futures.get(services.release(finished.stream().mapToInt(Integer::intValue).toArray()), Timeouts.BACKSTOP);
        } catch (ExecutionException ignored) {
            // a service that cannot forget a slot keeps a little memory; the results are unaffected
        }
    }

    private void flush() {
        synchronized (finishedThisRound) {
            for (EpisodeRecord record : finishedThisRound.values()) {
                recorder.record(record);
            }
            finishedThisRound.clear();
        }
    }
}
