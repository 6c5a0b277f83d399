package dev.lamo.harness.bench;

import dev.lamo.envs.Env;
import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.Seeds;
import dev.lamo.envs.SimulationException;
import dev.lamo.envs.Step;
import dev.lamo.envs.spaces.BoxSpace;
import dev.lamo.envs.spaces.DiscreteSpace;
import dev.lamo.envs.spaces.Space;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.random.RandomGenerator;

/**
 * Environment steps per second per thread through our Java {@code Env.step}: each thread owns one
 * environment, applies uniformly random actions (within the bounds, or among the discrete choices) and resets
 * when an episode ends.
 */
public final class EnvStepThroughput {

    private static final int ACTION_TABLE = 4096;

    private EnvStepThroughput() {
    }

    /** Runs {@code threads} environments for {@code seconds} and returns each thread's steps per second. */
    public static double[] measure(String envId, int threads, double seconds) {
        CyclicBarrier start = new CyclicBarrier(threads);
        double[] rates = new double[threads];
        List<Thread> workers = new ArrayList<>();
        RuntimeException[] failure = new RuntimeException[1];
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread worker = new Thread(() -> {
                try {
                    rates[index] = run(envId, index, seconds, start);
                } catch (RuntimeException e) {
                    failure[0] = e;
                } catch (Exception e) {
                    failure[0] = new IllegalStateException(e);
                }
            }, "bench-env-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return rates;
    }

    private static double run(String envId, int index, double seconds, CyclicBarrier start) throws Exception {
        try (Env<?, ?> opened = EnvRegistry.make(envId)) {
            @SuppressWarnings("unchecked")
            Env<Object, Object> env = (Env<Object, Object>) opened;
            Object[] actions = randomActions(env.actionSpace(), Seeds.rng(Seeds.derive(index, 7)));
            long episode = 0;
            env.reset(Seeds.derive(index, episode));
            // warm-up so that the timed part runs compiled code
            long warmupEnd = System.nanoTime() + 300_000_000L;
            long steps = 0;
            while (System.nanoTime() < warmupEnd) {
                if (step(env, actions[(int) (steps++ & (ACTION_TABLE - 1))])) {
                    env.reset(Seeds.derive(index, ++episode));
                }
            }
            start.await();
            steps = 0;
            long begin = System.nanoTime();
            long deadline = begin + (long) (seconds * 1e9);
            long now;
            do {
                for (int k = 0; k < 64; k++) {
                    if (step(env, actions[(int) (steps++ & (ACTION_TABLE - 1))])) {
                        env.reset(Seeds.derive(index, ++episode));
                    }
                }
                now = System.nanoTime();
            } while (now < deadline);
            return steps / ((now - begin) / 1e9);
        }
    }

    private static Object[] randomActions(Space space, RandomGenerator rng) {
        Object[] actions = new Object[ACTION_TABLE];
        for (int k = 0; k < ACTION_TABLE; k++) {
            if (space instanceof DiscreteSpace d) {
                actions[k] = rng.nextInt(d.n());
            } else if (space instanceof BoxSpace box) {
                double[] a = new double[box.flatSize()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = box.low(i) + (box.high(i) - box.low(i)) * rng.nextDouble();
                }
                actions[k] = a;
            } else {
                throw new IllegalArgumentException("no random actions for action space " + space);
            }
        }
        return actions;
    }

    /** One step; true when the episode is over (ended, or failed in the simulator). */
    private static boolean step(Env<Object, Object> env, Object action) {
        try {
            Step<Object> s = env.step(action);
            return s.done();
        } catch (SimulationException e) {
            return true;
        }
    }
}
