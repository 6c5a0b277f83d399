package dev.lamo.harness.cluster;

import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bytes this node's event bus wrote to and read from other nodes (frames as sent, headers included), from
 * Vert.x's metrics hooks; {@code lamo bench harness --cluster} divides them by environment steps.
 */
public final class WireTraffic implements VertxMetricsFactory {

    private final LongAdder written = new LongAdder();
    private final LongAdder read = new LongAdder();
    private final LongAdder messagesWritten = new LongAdder();

    public long bytesWritten() {
        return written.sum();
    }

    public long bytesRead() {
        return read.sum();
    }

    public long messagesWritten() {
        return messagesWritten.sum();
    }

    @Override
    public VertxMetrics metrics(VertxOptions options) {
        EventBusMetrics<Void> bus = new EventBusMetrics<>() {
            @Override
            public void messageWritten(String address, int numberOfBytes) {
                written.add(numberOfBytes);
                messagesWritten.increment();
            }

            @Override
            public void messageRead(String address, int numberOfBytes) {
                read.add(numberOfBytes);
            }
        };
        return new VertxMetrics() {
            @Override
            public EventBusMetrics<?> createEventBusMetrics() {
                return bus;
            }
        };
    }
}
