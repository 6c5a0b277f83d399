package dev.lamo.harness.eval;

import dev.lamo.envs.SimulationException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The environments of one node: resets and steps them on a pool of worker threads sized to the cores, so
 * physics never runs on an event loop and many environments step in parallel. Each request names its slots;
 * the coordinator keeps at most one request per slot outstanding, so an environment is used by one thread at a
 * time. A stalled environment occupies one thread and fails (by timeout) only its own episode. An episode that
 * ends or fails frees its environment; one that is still stepping (after a timeout) is freed when its step
 * returns, since MuJoCo's data must not be freed under a running step, and no thread waits for that.
 */
final class EnvironmentServiceVerticle extends VerticleBase {

    static String address(int node) {
        return "lamo.env." + node;
    }

    private final String address;
    private final String envId;
    private final int threads;
    private final ConcurrentHashMap<Integer, EnvSlot> envs = new ConcurrentHashMap<>();
    private WorkerExecutor pool;
    private MessageConsumer<Object> consumer;

    EnvironmentServiceVerticle(int node, String envId, int threads) {
        this(address(node), envId, threads);
    }

    /** A service listening on {@code address} (cluster mode: one address per environment node). */
    EnvironmentServiceVerticle(String address, String envId, int threads) {
        this.address = address;
        this.envId = envId;
        this.threads = threads;
    }

    @Override
    public Future<?> start() {
        pool = vertx.createSharedWorkerExecutor("lamo-env-" + deploymentID(), threads, 1, TimeUnit.HOURS);
        consumer = vertx.eventBus().consumer(address, msg -> {
            Object body = msg.body();
            pool.executeBlocking(() -> handle(body), false).onComplete(ar -> {
                if (ar.succeeded()) {
                    msg.reply(ar.result());
                } else {
                    msg.fail(500, String.valueOf(ar.cause().getMessage()));
                }
            });
        });
        return consumer.completion();
    }

    private Object handle(Object body) {
        if (body instanceof Messages.ResetRequest r) {
            return reset(r);
        }
        if (body instanceof Messages.StepRequest s) {
            return step(s);
        }
        if (body instanceof Messages.Release r) {
            for (int slot : r.slots()) {
                close(slot);
            }
            return Boolean.TRUE;
        }
        throw new IllegalArgumentException("unexpected message " + body.getClass().getSimpleName());
    }

    private Messages.StepResults reset(Messages.ResetRequest r) {
        long t0 = System.nanoTime();
        int n = r.slots().length;
        List<Observations> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            close(r.slots()[i]);
            EnvSlot env = new EnvSlot(HarnessEnv.make(envId));
            envs.put(r.slots()[i], env);
            rows.add(env.env.reset(r.seeds()[i]));
        }
        return new Messages.StepResults(r.slots(), Observations.concat(rows), new double[n], new byte[n], new String[n],
                System.nanoTime() - t0);
    }

    private Messages.StepResults step(Messages.StepRequest s) {
        long t0 = System.nanoTime();
        int n = s.slots().length;
        int a = s.actionSize();
        Observations[] rows = new Observations[n];
        Observations any = null;
        double[] rewards = new double[n];
        byte[] status = new byte[n];
        String[] failures = new String[n];
        for (int i = 0; i < n; i++) {
            int slot = s.slots()[i];
            EnvSlot env = envs.get(slot);
            if (env == null || !env.begin()) {
                status[i] = Messages.FAILED;
                failures[i] = address + " has no environment for slot " + slot;
                continue;
            }
            try {
                HarnessEnv.Outcome st = env.env.step(s.actions(), i * a, a);
                rows[i] = st.observation();
                any = st.observation();
                rewards[i] = st.reward();
                status[i] = st.terminated() ? Messages.TERMINATED : st.truncated() ? Messages.TRUNCATED : Messages.RUNNING;
            } catch (IllegalArgumentException | SimulationException e) {
                status[i] = Messages.FAILED;
                failures[i] = e.getMessage();
            } finally {
                env.end();
            }
            if (status[i] != Messages.RUNNING) {
                close(slot);
            }
        }
        return new Messages.StepResults(s.slots(), withBlankRows(rows, any), rewards, status, failures, System.nanoTime() - t0);
    }

    /** The rows in order, failed slots as zeros of the same kind and size (their status says to ignore them). */
    private static Observations withBlankRows(Observations[] rows, Observations any) {
        if (any == null) {
            return Observations.NONE;
        }
        Observations blank = any.frames() ? Observations.ofFrames(new byte[any.size()], any.size())
                : Observations.ofFloats(new float[any.size()], any.size());
        List<Observations> all = new ArrayList<>(rows.length);
        for (Observations o : rows) {
            all.add(o == null ? blank : o);
        }
        return Observations.concat(all);
    }

    private void close(int slot) {
        EnvSlot env = envs.remove(slot);
        if (env != null) {
            env.close();
        }
    }

    /** An environment with the bookkeeping that lets it be freed while a step is running. */
    private static final class EnvSlot {
        final HarnessEnv env;
        private boolean busy;
        private boolean closed;
        private boolean closeRequested;

        EnvSlot(HarnessEnv env) {
            this.env = env;
        }

        synchronized boolean begin() {
            if (closed || closeRequested) {
                return false;
            }
            busy = true;
            return true;
        }

        synchronized void end() {
            busy = false;
            if (closeRequested) {
                closeNow();
            }
        }

        synchronized void close() {
            if (busy) {
                closeRequested = true;
            } else {
                closeNow();
            }
        }

        private void closeNow() {
            if (!closed) {
                closed = true;
                env.close();
            }
        }
    }

    @Override
    public Future<?> stop() {
        envs.values().forEach(EnvSlot::close);
        envs.clear();
        if (pool != null) {
            pool.close();
        }
        return consumer == null ? Future.succeededFuture() : consumer.unregister();
    }
}
