package dev.lamo.harness.cluster;

import dev.lamo.harness.eval.Futures;
import dev.lamo.harness.eval.Timeouts;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * The one Vert.x context that owns a coordinator's cluster state (membership, scheduling, policy control): every
 * read and write of that state runs on its event-loop thread, so no lock guards it. Calls from other threads hop
 * onto the context; calls already on its thread (reply handlers of requests sent from it, its timers) run at once.
 */
final class CoordinatorContext {

    private final Context context;
    private final Thread thread;

    private CoordinatorContext(Context context, Thread thread) {
        this.context = context;
        this.thread = thread;
    }

    /** A new event-loop context of {@code vertx}; call from a thread that is not an event loop. */
    static CoordinatorContext create(Vertx vertx) {
        Context context = vertx.getOrCreateContext();
        Thread thread = Futures.await(Future.<Thread>future(p -> context.runOnContext(v -> p.complete(Thread.currentThread()))),
                Timeouts.DEPLOY, "starting the coordinator's context");
        return new CoordinatorContext(context, thread);
    }

    /** Whether the caller runs on the context's thread (and so may touch its state). */
    boolean here() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code action} on the context; its future completes there. */
    <T> Future<T> call(Supplier<Future<T>> action) {
        if (here()) {
            return action.get();
        }
        Promise<T> p = Promise.promise();
        context.runOnContext(v -> {
            try {
                action.get().onComplete(p);
            } catch (RuntimeException e) {
                p.fail(e);
            }
        });
        return p.future();
    }

    /** Runs {@code action} on the context, now if the caller is there, later otherwise. */
    void run(Runnable action) {
        if (here()) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }
}
