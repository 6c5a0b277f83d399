package dev.lamo.envs.mujoco;

import dev.lamo.envs.SimulationException;

/** MuJoCo reported an error, or a model could not be loaded or compiled. */
public class MujocoException extends SimulationException {

    public MujocoException(String message) {
        super(message);
    }
}
