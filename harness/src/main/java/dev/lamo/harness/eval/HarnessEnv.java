package dev.lamo.harness.eval;

import dev.lamo.envs.ContinuousEnv;
import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.Step;
import dev.lamo.envs.arcade.ArcadeEnv;
import dev.lamo.envs.Env;
import dev.lamo.envs.spaces.BoxSpace;

/**
 * One environment as the harness drives it: float actions in (a discrete action is its index), one
 * observation row out. Continuous environments give float vectors, the arcade games uint8 stacked frames.
 */
interface HarnessEnv extends AutoCloseable {

    /** What one step returned. */
    record Outcome(Observations observation, double reward, boolean terminated, boolean truncated) {
    }

    Observations reset(long seed);

    Outcome step(float[] actions, int offset, int size);

    @Override
    void close();

    static HarnessEnv make(String envId) {
        Env<?, ?> env = EnvRegistry.make(envId);
        if (env instanceof ArcadeEnv frames && frames.observationSpace() instanceof BoxSpace box && box.isFrameStack()) {
            return new Frames(frames);
        }
        if (env instanceof ContinuousEnv vectors) {
            return new Vectors(vectors);
        }
        env.close();
        throw new IllegalArgumentException("environment '" + envId + "' observes neither state vectors with continuous "
                + "actions nor stacked frames");
    }

    /** A continuous-control environment. */
    final class Vectors implements HarnessEnv {
        private final ContinuousEnv env;
        private final double[] action;

        Vectors(ContinuousEnv env) {
            this.env = env;
            this.action = new double[env.actionSpace().flatSize()];
        }

        @Override
        public Observations reset(long seed) {
            return row(env.reset(seed));
        }

        @Override
        public Outcome step(float[] actions, int offset, int size) {
            for (int k = 0; k < size && k < action.length; k++) {
                action[k] = actions[offset + k];
            }
            Step<double[]> s = env.step(action);
            return new Outcome(row(s.observation()), s.reward(), s.terminated(), s.truncated());
        }

        private static Observations row(double[] o) {
            float[] f = new float[o.length];
            for (int i = 0; i < o.length; i++) {
                f[i] = (float) o[i];
            }
            return Observations.ofFloats(f, f.length);
        }

        @Override
        public void close() {
            env.close();
        }
    }

    /** An arcade game: the action is the index carried as a float. */
    final class Frames implements HarnessEnv {
        private final ArcadeEnv env;

        Frames(ArcadeEnv env) {
            this.env = env;
        }

        @Override
        public Observations reset(long seed) {
            byte[] o = env.reset(seed);
            return Observations.ofFrames(o.clone(), o.length);
        }

        @Override
        public Outcome step(float[] actions, int offset, int size) {
            float a = actions[offset];
            if (size != 1 || a != Math.rint(a)) {
                throw new IllegalArgumentException(env.spec().id() + " takes one integer action index per step, got "
                        + size + " value(s) starting with " + a);
            }
            Step<byte[]> s = env.step((int) a);
            byte[] o = s.observation();
            return new Outcome(Observations.ofFrames(o.clone(), o.length), s.reward(), s.terminated(), s.truncated());
        }

        @Override
        public void close() {
            env.close();
        }
    }
}
