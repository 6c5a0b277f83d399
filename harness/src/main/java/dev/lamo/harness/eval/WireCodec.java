package dev.lamo.harness.eval;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * An event-bus codec for one message type: delivered by reference inside a process (no copy, no JSON), and
 * as compact little-endian binary between processes (cluster mode).
 */
abstract class WireCodec<T> implements MessageCodec<T, T> {

    private final Class<T> type;

    WireCodec(Class<T> type) {
        this.type = type;
    }

    Class<T> type() {
        return type;
    }

    abstract void write(Wire.Writer out, T value);

    abstract T read(Wire.Reader in);

    @Override
    public final void encodeToWire(Buffer buffer, T value) {
        Wire.Writer w = new Wire.Writer(buffer);
        int lengthAt = buffer.length();
        buffer.appendInt(0);
        write(w, value);
        buffer.setInt(lengthAt, buffer.length() - lengthAt - 4);
    }

    @Override
    public final T decodeFromWire(int pos, Buffer buffer) {
        return read(new Wire.Reader(buffer, pos + 4));
    }

    @Override
    public final T transform(T value) {
        return value;
    }

    @Override
    public final String name() {
        return "lamo." + type.getSimpleName();
    }

    @Override
    public final byte systemCodecID() {
        return -1;
    }
}
