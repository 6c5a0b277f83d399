package dev.lamo.policies.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one job over a batch's rows on a fixed set of threads, the calling thread included: thread w takes
 * rows w, w + n, w + 2n, … Each row is computed whole by one thread, so a row's bits never depend on the
 * thread count. Hand-over is by a generation counter and park/unpark, so a call allocates nothing.
 */
final class EpisodeWorkers implements AutoCloseable {

    /** The work of one thread: rows {@code worker, worker + threads, …} below {@code size}. */
    interface Job {
        void rows(int worker, int threads, int size);
    }

    private final int threads;
    private final Thread[] helpers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile int generation;
    private volatile boolean closed;
    private volatile Job job;
    private volatile int size;
    private volatile Thread caller;
    private volatile Throwable failure;

    EpisodeWorkers(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("engine threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.helpers = new Thread[threads - 1];
        for (int i = 0; i < helpers.length; i++) {
            int worker = i + 1;
            helpers[i] = new Thread(() -> loop(worker), name + "-" + worker);
            helpers[i].setDaemon(true);
            helpers[i].start();
        }
    }

    int threads() {
        return threads;
    }

    /** Runs {@code j} over {@code n} rows and returns when every row is done. */
    void run(Job j, int n) {
        if (helpers.length == 0 || n <= 1) {
            j.rows(0, 1, n);
            return;
        }
        this.job = j;
        this.size = n;
        this.caller = Thread.currentThread();
        this.failure = null;
        pending.set(helpers.length);
        generation++;
        for (Thread t : helpers) {
            LockSupport.unpark(t);
        }
        Throwable own = null;
        try {
            j.rows(0, threads, n);
        } catch (RuntimeException | Error e) {
            own = e;
        }
        while (pending.get() > 0) {
            LockSupport.park(this);
        }
        this.job = null;
        Throwable f = own != null ? own : failure;
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error er) {
            throw er;
        }
    }

    private void loop(int worker) {
        int seen = 0;
        while (true) {
            while (generation == seen && !closed) {
                LockSupport.park(this);
            }
            if (closed) {
                return;
            }
            seen = generation;
            try {
                job.rows(worker, threads, size);
            } catch (Throwable t) {
                failure = t;
            }
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : helpers) {
            LockSupport.unpark(t);
        }
    }
}
