package dev.lamo.harness.eval;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waiting on Vert.x futures from a thread that is not an event loop (the command's main thread), always with one of
 * the {@link Timeouts}.
 */
public final class Futures {

    private Futures() {
    }

    /**
     * The future's result; its failure or a timeout as an {@link ExecutionException} (cause: the failure, or a
     * {@link TimeoutException}).
     */
    public static <T> T get(Future<T> f, Duration limit) throws InterruptedException, ExecutionException {
        try {
            return f.toCompletionStage().toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ExecutionException(new TimeoutException("no answer within " + limit));
        }
    }

    /** The future's result; a failure, a timeout or an interrupt as an {@link IllegalStateException} naming {@code what}. */
    public static <T> T await(Future<T> f, Duration limit, String what) {
        try {
            return get(f, limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + cause(e), e.getCause());
        }
    }

    /** The message of what made a future fail. */
    public static String cause(ExecutionException e) {
        return e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
    }
}
