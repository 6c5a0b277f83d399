package dev.lamo.policies;

/**
 * A batch of B policy inputs for one forward pass: per row the last K steps of raw states, actions,
 * returns-to-go and timesteps, left-padded (row b's {@code length(b)} real steps occupy the last positions
 * of its window). Markov policies use K = 1 and read only the state. Values are raw (unnormalised,
 * unscaled): each policy applies its own state normalisation and return scale. The arrays are reused
 * between calls; nothing is allocated per step. Pixel policies read their states as uint8 stacked frames
 * from {@link #frames()} instead of floats; their actions are action indices.
 */
public final class PolicyBatch {

    private final int capacity;
    private final int context;
    private final int observationSize;
    private final int actionSize;
    private final float[] states;
    private final byte[] frames;
    private final float[] actions;
    private final float[] returnsToGo;
    private final int[] timesteps;
    private final int[] lengths;
    private int size;

    public PolicyBatch(int capacity, int context, int observationSize, int actionSize) {
        this(capacity, context, observationSize, actionSize, false);
    }

    /** @param frames states are uint8 frames of {@code observationSize} bytes per step */
    public PolicyBatch(int capacity, int context, int observationSize, int actionSize, boolean frames) {
        this.capacity = capacity;
        this.context = context;
        this.observationSize = observationSize;
        this.actionSize = actionSize;
        this.states = frames ? new float[0] : new float[capacity * context * observationSize];
        this.frames = frames ? new byte[Math.multiplyExact(capacity * context, observationSize)] : null;
        this.actions = new float[capacity * context * actionSize];
        this.returnsToGo = new float[capacity * context];
        this.timesteps = new int[capacity * context];
        this.lengths = new int[capacity];
    }

    /** A batch of Markov inputs: one state per row. */
    public static PolicyBatch ofStates(float[][] rows, int actionSize) {
        PolicyBatch b = new PolicyBatch(rows.length, 1, rows[0].length, actionSize);
        b.setSize(rows.length);
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, b.states, r * rows[0].length, rows[0].length);
            b.lengths[r] = 1;
        }
        return b;
    }

    /** A batch of Markov inputs on frames: one stacked observation per row. */
    public static PolicyBatch ofFrames(byte[][] rows, int actionSize) {
        PolicyBatch b = new PolicyBatch(rows.length, 1, rows[0].length, actionSize, true);
        b.setSize(rows.length);
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, b.frames, r * rows[0].length, rows[0].length);
            b.lengths[r] = 1;
        }
        return b;
    }

    public int capacity() {
        return capacity;
    }

    public int context() {
        return context;
    }

    public int observationSize() {
        return observationSize;
    }

    public int actionSize() {
        return actionSize;
    }

    /** Rows in use. */
    public int size() {
        return size;
    }

    public void setSize(int size) {
        if (size < 0 || size > capacity) {
            throw new IllegalArgumentException("batch size " + size + " outside [0, " + capacity + "]");
        }
        this.size = size;
    }

    /** States, [capacity][K][observationSize] row-major. */
    public float[] states() {
        return states;
    }

    /** Stacked frames, [capacity][K][observationSize] uint8, for pixel policies; null otherwise. */
    public byte[] frames() {
        return frames;
    }

    /** Whether states are frames. */
    public boolean hasFrames() {
        return frames != null;
    }

    /** Actions taken, [capacity][K][actionSize] row-major (the last step's is a placeholder). */
    public float[] actions() {
        return actions;
    }

    /** Raw returns-to-go, [capacity][K]. */
    public float[] returnsToGo() {
        return returnsToGo;
    }

    /** Episode timesteps, [capacity][K]. */
    public int[] timesteps() {
        return timesteps;
    }

    /** Real (unpadded) steps per row, 1..K. */
    public int[] lengths() {
        return lengths;
    }

    /** Offset of the last (current) state of row {@code r} in {@link #states()}. */
    public int lastStateOffset(int r) {
        return ((r * context) + context - 1) * observationSize;
    }
}
