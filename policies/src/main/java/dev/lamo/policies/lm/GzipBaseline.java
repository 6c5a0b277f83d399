package dev.lamo.policies.lm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The compression baseline a language model must beat: bits per byte of a gzip file at the best compression
 * level (zlib's level 9, what {@code gzip -9} uses), header and trailer included.
 */
public final class GzipBaseline {

    private GzipBaseline() {
    }

    public static double bitsPerByte(byte[] text) {
        if (text.length == 0) {
            throw new IllegalArgumentException("an empty text has no bits per byte");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 8.0 * out.size() / text.length;
    }
}
