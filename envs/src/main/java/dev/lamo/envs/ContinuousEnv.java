package dev.lamo.envs;

/** An environment with a vector observation and a continuous action vector. */
public interface ContinuousEnv extends Env<double[], double[]> {
}
