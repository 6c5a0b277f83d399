package dev.lamo.policies.offline;

import dev.lamo.envs.data.frames.FrameDataset;
import dev.lamo.envs.data.frames.FrameDataset.StackPadding;

/**
 * The (stack, action, reward, next stack, done) transitions of a pixel-game dataset, as discrete Q-learning and
 * behaviour cloning sample them. Nothing is materialised up front: a medium dataset has 200k rows of 28 kB
 * stacks, so each minibatch rebuilds its stacks from the single frames into buffers reused from draw to draw.
 * Stacks are padded with the episode's first frame, as the environment shows them after a reset.
 * <p>
 * The next observation of row i is the stack of row i + 1 of the same episode. The last row of a terminated
 * episode is kept with done = 1 (its next stack is its own, masked out of the target). The last row of an
 * episode cut by a time limit is dropped: the single-frame layout records no frame after it, and nothing can
 * be bootstrapped from a made-up one (D4RL's rule for timeouts without a next observation). Behaviour cloning
 * loses those few rows too, so that both baselines sample the same transitions.
 */
public final class FrameTransitions extends UniformTransitions<FrameTransitions.Batch> {

    /**
     * A minibatch: {@code size} stacks of {@code stackBytes} uint8 values each (frames × height × width, oldest
     * frame first), row-major. The arrays belong to the sampler and are overwritten by its next draw.
     */
    public record Batch(int size, int stackBytes, byte[] states, int[] actions, float[] rewards, byte[] nextStates,
                        float[] dones) {
    }

    private final FrameDataset data;
    private final int[] rows;
    private Batch buffer;

    private FrameTransitions(FrameDataset data, int[] rows) {
        super(rows.length);
        this.data = data;
        this.rows = rows;
    }

    public static FrameTransitions of(FrameDataset data) {
        int[] rows = new int[data.size()];
        int usable = 0;
        for (int i = 0; i < data.size(); i++) {
            if (!data.truncated(i)) {
                rows[usable++] = i;
            }
        }
        if (usable == 0) {
            throw new IllegalArgumentException(data.metadata().datasetId() + ": no usable transitions (every episode is one "
                    + "truncated step)");
        }
        return new FrameTransitions(data, java.util.Arrays.copyOf(rows, usable));
    }

    public FrameDataset data() {
        return data;
    }

    @Override
    protected Batch batch(int n) {
        int bytes = data.stackBytes();
        if (buffer == null || buffer.size() != n) {
            buffer = new Batch(n, bytes, new byte[n * bytes], new int[n], new float[n], new byte[n * bytes], new float[n]);
        }
        return buffer;
    }

    @Override
    protected void copy(int transition, Batch batch, int k) {
        int bytes = batch.stackBytes();
        int i = rows[transition];
        boolean terminal = data.terminated(i);
        data.copyStack(i, StackPadding.REPEAT_FIRST, batch.states(), k * bytes);
        data.copyStack(terminal ? i : i + 1, StackPadding.REPEAT_FIRST, batch.nextStates(), k * bytes);
        batch.actions()[k] = data.action(i);
        batch.rewards()[k] = data.reward(i);
        batch.dones()[k] = terminal ? 1f : 0f;
    }
}
