package dev.lamo.harness.eval;

import dev.lamo.policies.PolicyBatch;
import java.util.Arrays;

/**
 * One episode's input to a return-conditioned policy, as LaMo's evaluation builds it: the last K steps of
 * state, action, return-to-go and timestep. The return-to-go starts at the target and is lowered by each
 * reward; the current step's action is a zero placeholder until the policy fills it. Stored as rings, so a
 * step costs a copy of one row and nothing is allocated. States are kept by a {@link StateHistory}: K float
 * vectors, or, for stacked frames, the K + F − 1 single frames the last K stacks share.
 */
final class EpisodeContext {

    private final int k;
    private final int a;
    private final StateHistory states;
    private final float[] actions;
    private final float[] returns;
    private final int[] timesteps;
    private int steps;

    private EpisodeContext(int k, int a, StateHistory states) {
        this.k = k;
        this.a = a;
        this.states = states;
        this.actions = new float[k * a];
        this.returns = new float[k];
        this.timesteps = new int[k];
    }

    /** A context of float state vectors of size {@code s}. */
    static EpisodeContext ofVectors(int k, int s, int a) {
        return new EpisodeContext(k, a, new VectorHistory(k, s));
    }

    /** A context of stacked frames of {@code s} bytes, each stack made of single frames of {@code frameBytes}. */
    static EpisodeContext ofFrames(int k, int s, int a, int frameBytes) {
        return new EpisodeContext(k, a, new FrameHistory(k, s, frameBytes));
    }

    /** The episode's first observation (row {@code row} of {@code obs}), with the return-to-go at its target. */
    void start(Observations obs, int row, double target) {
        steps = 0;
        states.start(obs, row);
        append(target, 0);
    }

    /** The next observation after a step that earned {@code reward}. */
    void advance(Observations obs, int row, double reward) {
        int last = (steps - 1) % k;
        states.advance(obs, row);
        append(returns[last] - reward, timesteps[last] + 1);
    }

    private void append(double rtg, int t) {
        int i = steps % k;
        Arrays.fill(actions, i * a, (i + 1) * a, 0f);
        returns[i] = (float) rtg;
        timesteps[i] = t;
        steps++;
    }

    /** Writes the policy's action into the current step's placeholder. */
    void setAction(float[] action, int offset) {
        System.arraycopy(action, offset, actions, ((steps - 1) % k) * a, a);
    }

    /** Copies the window, oldest first and left-padded, into row {@code row} of a batch. */
    void fill(PolicyBatch batch, int row) {
        int n = Math.min(steps, k);
        int pad = k - n;
        batch.lengths()[row] = n;
        for (int p = 0; p < k; p++) {
            int dst = row * k + p;
            if (p < pad) {
                states.clear(batch, dst);
                Arrays.fill(batch.actions(), dst * a, (dst + 1) * a, 0f);
                batch.returnsToGo()[dst] = 0;
                batch.timesteps()[dst] = 0;
                continue;
            }
            int step = steps - n + (p - pad);
            int src = step % k;
            states.copy(step, batch, dst);
            System.arraycopy(actions, src * a, batch.actions(), dst * a, a);
            batch.returnsToGo()[dst] = returns[src];
            batch.timesteps()[dst] = timesteps[src];
        }
    }

    /** The states of the last K steps. */
    private interface StateHistory {

        void start(Observations obs, int row);

        void advance(Observations obs, int row);

        /** Writes the state of episode step {@code step} (one of the last K) into batch position {@code dst}. */
        void copy(int step, PolicyBatch batch, int dst);

        void clear(PolicyBatch batch, int dst);
    }

    /** K float vectors in a ring. */
    private static final class VectorHistory implements StateHistory {
        private final int k;
        private final int s;
        private final float[] ring;
        private int count;

        VectorHistory(int k, int s) {
            this.k = k;
            this.s = s;
            this.ring = new float[k * s];
        }

        @Override
        public void start(Observations obs, int row) {
            count = 0;
            advance(obs, row);
        }

        @Override
        public void advance(Observations obs, int row) {
            System.arraycopy(obs.floats(), row * s, ring, (count % k) * s, s);
            count++;
        }

        @Override
        public void copy(int step, PolicyBatch batch, int dst) {
            System.arraycopy(ring, (step % k) * s, batch.states(), dst * s, s);
        }

        @Override
        public void clear(PolicyBatch batch, int dst) {
            Arrays.fill(batch.states(), dst * s, (dst + 1) * s, 0f);
        }
    }

    /**
     * Stacked frames kept once each: the first observation's F frames, then each step's newest frame, in a ring
     * of K + F − 1 frames, which holds exactly the frames of the last K stacks (step t's stack is frames
     * t … t + F − 1). A 30-step context of 4-frame stacks keeps 33 frames instead of 120.
     */
    private static final class FrameHistory implements StateHistory {
        private final int s;
        private final int frameBytes;
        private final int stack;
        private final int capacity;
        private final byte[] ring;
        private int count;

        FrameHistory(int k, int s, int frameBytes) {
            if (s % frameBytes != 0) {
                throw new IllegalArgumentException(s + "-byte observations are not whole " + frameBytes + "-byte frames");
            }
            this.s = s;
            this.frameBytes = frameBytes;
            this.stack = s / frameBytes;
            this.capacity = k + stack - 1;
            this.ring = new byte[capacity * frameBytes];
        }

        @Override
        public void start(Observations obs, int row) {
            count = 0;
            for (int f = 0; f < stack; f++) {
                push(obs.bytes(), row * s + f * frameBytes);
            }
        }

        @Override
        public void advance(Observations obs, int row) {
            push(obs.bytes(), row * s + (stack - 1) * frameBytes);
        }

        private void push(byte[] src, int offset) {
            System.arraycopy(src, offset, ring, (count % capacity) * frameBytes, frameBytes);
            count++;
        }

        @Override
        public void copy(int step, PolicyBatch batch, int dst) {
            for (int f = 0; f < stack; f++) {
                System.arraycopy(ring, ((step + f) % capacity) * frameBytes, batch.frames(), dst * s + f * frameBytes,
                        frameBytes);
            }
        }

        @Override
        public void clear(PolicyBatch batch, int dst) {
            Arrays.fill(batch.frames(), dst * s, (dst + 1) * s, (byte) 0);
        }
    }
}
