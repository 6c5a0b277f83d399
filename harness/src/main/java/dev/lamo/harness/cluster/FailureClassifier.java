package dev.lamo.harness.cluster;

import dev.lamo.harness.eval.Timeouts;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Decides what a failed request to a node means. A connection reset arrives before the membership layer removes a
 * killed node, so a failure counts as the node's loss if the node leaves within {@link Timeouts#LOSS_DETECTION},
 * and as the request's own failure otherwise. Runs on the {@link CoordinatorContext} (its re-checks are timers
 * there).
 */
final class FailureClassifier {

    private final Vertx vertx;

    FailureClassifier(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Fails {@code p} with {@code loss} once {@code gone} holds, or with {@code cause} when it has not within the
     * detection time.
     */
    <T> void fail(Promise<T> p, BooleanSupplier gone, Supplier<RuntimeException> loss, Throwable cause) {
        fail(p, gone, loss, cause, System.nanoTime() + Timeouts.LOSS_DETECTION.toNanos());
    }

    private <T> void fail(Promise<T> p, BooleanSupplier gone, Supplier<RuntimeException> loss, Throwable cause, long deadline) {
        if (gone.getAsBoolean()) {
            p.tryFail(loss.get());
        } else if (System.nanoTime() > deadline || p.future().isComplete()) {
            p.tryFail(cause);
        } else {
            vertx.setTimer(Timeouts.MEMBERSHIP_WATCH_EVERY.toMillis(), id -> fail(p, gone, loss, cause, deadline));
        }
    }
}
