package dev.lamo.harness.cli;

import dev.lamo.envs.spaces.BoxSpace;
import dev.lamo.envs.spaces.Space;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How {@code lamo env rollout} shows an environment's observations, decided from its observation space alone:
 * a uint8 box of shape (stack, height, width) holds frames ({@code byte[]}), shown by hash and optionally as PNGs;
 * anything else is a vector of numbers ({@code double[]}), shown by hash and in full.
 *
 * @param frameHeight height of one frame, 0 for vectors
 * @param frameWidth  width of one frame, 0 for vectors
 */
record RolloutObservations(Space space, int frameHeight, int frameWidth) {

    static RolloutObservations of(Space space) {
        if (space instanceof BoxSpace box && box.dtype() == BoxSpace.DType.UINT8 && box.shape().length == 3) {
            int[] shape = box.shape();
            return new RolloutObservations(space, shape[1], shape[2]);
        }
        return new RolloutObservations(space, 0, 0);
    }

    boolean frames() {
        return frameHeight > 0;
    }

    /** Whether rows print the observation's values (vectors), not only their hash (frames: tens of thousands of bytes). */
    boolean showsValues() {
        return !frames();
    }

    /** The PNG writer for {@code folder}; bad input, naming {@code flag}, when the observations are not frames. */
    FramePngs pngs(Path folder, String flag) throws IOException {
        if (!frames()) {
            throw new BadInputException(flag + " observes " + space + ", not frames (a uint8 box of stack x height x width)");
        }
        return new FramePngs(folder, frameHeight, frameWidth);
    }

    /** SHA-256 of the observation's bytes: frames as stored, vectors as little-endian float64 values. */
    String sha256(Object observation) {
        byte[] bytes;
        if (frames()) {
            bytes = (byte[]) observation;
        } else {
            double[] v = (double[]) observation;
            ByteBuffer b = ByteBuffer.allocate(v.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            b.asDoubleBuffer().put(v);
            bytes = b.array();
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
