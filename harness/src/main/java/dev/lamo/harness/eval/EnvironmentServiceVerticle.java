package dev.lamo.harness.eval;

import dev.lamo.envs.ContinuousEnv;
import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.SimulationException;
import dev.lamo.envs.Step;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.MessageConsumer;
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
        int obsSize = 0;
        float[] obs = new float[0];
        for (int i = 0; i < n; i++) {
            close(r.slots()[i]);
            EnvSlot env = new EnvSlot(EnvRegistry.makeContinuous(envId));
            envs.put(r.slots()[i], env);
            double[] o = env.env.reset(r.seeds()[i]);
            if (i == 0) {
                obsSize = o.length;
                obs = new float[n * obsSize];
            }
            copy(o, obs, i * obsSize);
        }
        return new Messages.StepResults(r.slots(), obs, obsSize, new double[n], new byte[n], new String[n],
                System.nanoTime() - t0);
    }

    private Messages.StepResults step(Messages.StepRequest s) {
        long t0 = System.nanoTime();
        int n = s.slots().length;
        int a = s.actionSize();
        int obsSize = 0;
        float[] obs = new float[0];
        double[] rewards = new double[n];
        byte[] status = new byte[n];
        String[] failures = new String[n];
        double[] action = new double[a];
        for (int i = 0; i < n; i++) {
            int slot = s.slots()[i];
            EnvSlot env = envs.get(slot);
            if (env == null || !env.begin()) {
                status[i] = Messages.FAILED;
                failures[i] = address + " has no environment for slot " + slot;
                continue;
            }
            if (obs.length == 0) {
                obsSize = env.env.observationSpace().flatSize();
                obs = new float[n * obsSize];
            }
            for (int k = 0; k < a; k++) {
                action[k] = s.actions()[i * a + k];
            }
            try {
                Step<double[]> st = env.env.step(action);
                copy(st.observation(), obs, i * obsSize);
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
        return new Messages.StepResults(s.slots(), obs, obsSize, rewards, status, failures, System.nanoTime() - t0);
    }

    private void close(int slot) {
        EnvSlot env = envs.remove(slot);
        if (env != null) {
            env.close();
        }
    }

    /** An environment with the bookkeeping that lets it be freed while a step is running. */
    private static final class EnvSlot {
        final ContinuousEnv env;
        private boolean busy;
        private boolean closed;
        private boolean closeRequested;

        EnvSlot(ContinuousEnv env) {
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

    private static void copy(double[] src, float[] dst, int offset) {
        for (int i = 0; i < src.length; i++) {
            dst[offset + i] = (float) src[i];
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
