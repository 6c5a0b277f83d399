package dev.lamo.harness.eval;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/** Primitive arrays in and out of Vert.x buffers, length-prefixed, for the message codecs. */
final class Wire {

    private Wire() {
    }

    static final class Writer {
        private final Buffer b;

        Writer(Buffer b) {
            this.b = b;
        }

        Writer ints(int[] v) {
            b.appendInt(v.length);
            for (int x : v) {
                b.appendInt(x);
            }
            return this;
        }

        Writer longs(long[] v) {
            b.appendInt(v.length);
            for (long x : v) {
                b.appendLong(x);
            }
            return this;
        }

        Writer floats(float[] v) {
            b.appendInt(v.length);
            for (float x : v) {
                b.appendFloat(x);
            }
            return this;
        }

        Writer doubles(double[] v) {
            b.appendInt(v.length);
            for (double x : v) {
                b.appendDouble(x);
            }
            return this;
        }

        Writer bytes(byte[] v) {
            b.appendInt(v.length);
            b.appendBytes(v);
            return this;
        }

        Writer strings(String[] v) {
            b.appendInt(v.length);
            for (String s : v) {
                if (s == null) {
                    b.appendInt(-1);
                } else {
                    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                    b.appendInt(bytes.length);
                    b.appendBytes(bytes);
                }
            }
            return this;
        }

        Writer integer(int v) {
            b.appendInt(v);
            return this;
        }

        Writer number(long v) {
            b.appendLong(v);
            return this;
        }
    }

    static final class Reader {
        private final Buffer b;
        private int pos;

        Reader(Buffer b, int pos) {
            this.b = b;
            this.pos = pos;
        }

        int[] ints() {
            int n = integer();
            int[] v = new int[n];
            for (int i = 0; i < n; i++) {
                v[i] = b.getInt(pos);
                pos += 4;
            }
            return v;
        }

        long[] longs() {
            int n = integer();
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = b.getLong(pos);
                pos += 8;
            }
            return v;
        }

        float[] floats() {
            int n = integer();
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = b.getFloat(pos);
                pos += 4;
            }
            return v;
        }

        double[] doubles() {
            int n = integer();
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = b.getDouble(pos);
                pos += 8;
            }
            return v;
        }

        byte[] bytes() {
            int n = integer();
            byte[] v = b.getBytes(pos, pos + n);
            pos += n;
            return v;
        }

        String[] strings() {
            int n = integer();
            String[] v = new String[n];
            for (int i = 0; i < n; i++) {
                int len = integer();
                if (len >= 0) {
                    v[i] = new String(b.getBytes(pos, pos + len), StandardCharsets.UTF_8);
                    pos += len;
                }
            }
            return v;
        }

        int integer() {
            int v = b.getInt(pos);
            pos += 4;
            return v;
        }

        long number() {
            long v = b.getLong(pos);
            pos += 8;
            return v;
        }
    }
}
