package dev.lamo.harness.eval;

import dev.lamo.envs.ContinuousEnv;
import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.SimulationException;
import dev.lamo.envs.Step;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.HashMap;
import java.util.Map;

/**
 * An environment worker: owns the environments of the slots assigned to it and steps them when asked. It is
 * deployed as a worker verticle, so physics never runs on an event loop and each instance handles one request
 * at a time (an environment is used by one thread at a time). An episode that ends or fails frees its
 * environment.
 */
final class EnvWorkerVerticle extends VerticleBase {

    static String address(int worker) {
        return "lamo.env." + worker;
    }

    private final int index;
    private final String envId;
    private final Map<Integer, ContinuousEnv> envs = new HashMap<>();
    private MessageConsumer<Object> consumer;

    EnvWorkerVerticle(int index, String envId) {
        this.index = index;
        this.envId = envId;
    }

    @Override
    public Future<?> start() {
        consumer = vertx.eventBus().consumer(address(index), msg -> {
            Object body = msg.body();
            if (body instanceof Messages.ResetRequest r) {
                msg.reply(reset(r));
            } else if (body instanceof Messages.StepRequest s) {
                msg.reply(step(s));
            } else if (body instanceof Messages.Release r) {
                for (int slot : r.slots()) {
                    close(slot);
                }
                msg.reply(Boolean.TRUE);
            }
        });
        return consumer.completion();
    }

    private Messages.StepResults reset(Messages.ResetRequest r) {
        long t0 = System.nanoTime();
        int n = r.slots().length;
        int obsSize = -1;
        float[] obs = null;
        byte[] status = new byte[n];
        String[] failures = new String[n];
        for (int i = 0; i < n; i++) {
            close(r.slots()[i]);
            ContinuousEnv env = EnvRegistry.makeContinuous(envId);
            envs.put(r.slots()[i], env);
            double[] o = env.reset(r.seeds()[i]);
            if (obs == null) {
                obsSize = o.length;
                obs = new float[n * obsSize];
            }
            copy(o, obs, i * obsSize);
        }
        return new Messages.StepResults(r.slots(), obs, obsSize, new double[n], status, failures, System.nanoTime() - t0);
    }

    private Messages.StepResults step(Messages.StepRequest s) {
        long t0 = System.nanoTime();
        int n = s.slots().length;
        int a = s.actionSize();
        int obsSize = -1;
        float[] obs = null;
        double[] rewards = new double[n];
        byte[] status = new byte[n];
        String[] failures = new String[n];
        double[] action = new double[a];
        for (int i = 0; i < n; i++) {
            int slot = s.slots()[i];
            ContinuousEnv env = envs.get(slot);
            if (obs == null) {
                obsSize = env == null ? 0 : env.observationSpace().flatSize();
                obs = new float[n * obsSize];
            }
            if (env == null) {
                status[i] = Messages.FAILED;
                failures[i] = "worker " + index + " has no environment for slot " + slot;
                continue;
            }
            for (int k = 0; k < a; k++) {
                action[k] = s.actions()[i * a + k];
            }
            try {
                Step<double[]> st = env.step(action);
                copy(st.observation(), obs, i * obsSize);
                rewards[i] = st.reward();
                status[i] = st.terminated() ? Messages.TERMINATED : st.truncated() ? Messages.TRUNCATED : Messages.RUNNING;
            } catch (IllegalArgumentException | SimulationException e) {
                status[i] = Messages.FAILED;
                failures[i] = e.getMessage();
            }
            if (status[i] != Messages.RUNNING) {
                close(slot);
            }
        }
        return new Messages.StepResults(s.slots(), obs, obsSize, rewards, status, failures, System.nanoTime() - t0);
    }

    private void close(int slot) {
        ContinuousEnv env = envs.remove(slot);
        if (env != null) {
            env.close();
        }
    }

    private static void copy(double[] src, float[] dst, int offset) {
        for (int i = 0; i < src.length; i++) {
            dst[offset + i] = (float) src[i];
        }
    }

    @Override
    public Future<?> stop() {
        envs.values().forEach(ContinuousEnv::close);
        envs.clear();
        return consumer == null ? Future.succeededFuture() : consumer.unregister();
    }
}
