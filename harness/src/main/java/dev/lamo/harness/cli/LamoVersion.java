package dev.lamo.harness.cli;

import dev.lamo.envs.mujoco.MujocoRuntime;
import picocli.CommandLine.IVersionProvider;

/** Version line: our version, and the simulator the results depend on. */
final class LamoVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String ours = Lamo.class.getPackage().getImplementationVersion();
        return new String[] {"lamo " + (ours == null ? "development build" : ours) + ", MuJoCo " + MujocoRuntime.version()
                + ", Java " + System.getProperty("java.version")};
    }
}
