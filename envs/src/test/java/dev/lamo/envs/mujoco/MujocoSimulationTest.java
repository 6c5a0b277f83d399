package dev.lamo.envs.mujoco;

import static org.junit.jupiter.api.Assertions.*;

import dev.lamo.envs.SimulationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MujocoSimulationTest {

    private static final String HOPPER = "/dev/lamo/envs/mjcf/hopper.xml";

    @Test
    void reportsLibraryVersion() {
        MujocoRuntime.ensureLoaded();
        assertEquals("2.2.2", MujocoRuntime.version());
    }

    @Test
    void nanControlFailsTheStepInsteadOfSilentlyZeroingControls() {
        try (MujocoSimulation sim = new MujocoSimulation(MujocoModel.shared(HOPPER))) {
            sim.setControl(new double[] {Double.NaN, 0, 0});
            SimulationException e = assertThrows(SimulationException.class, () -> sim.step(1));
            assertTrue(e.getMessage().contains("bad ctrl"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> sim.step(1), "a failed simulation must be reset");
            sim.reset();
            sim.setControl(new double[] {0.1, 0, 0});
            sim.step(2);
            assertTrue(Double.isFinite(sim.qpos(1)));
        }
    }

    @Test
    void hugeVelocityFailsTheStepInsteadOfSilentlyResetting() {
        try (MujocoSimulation sim = new MujocoSimulation(MujocoModel.shared(HOPPER))) {
            double[] qvel = new double[sim.model().nv()];
            qvel[3] = 1e20;
            sim.setState(MujocoModel.shared(HOPPER).qpos0(), qvel);
            SimulationException e = assertThrows(SimulationException.class, () -> sim.step(4));
            assertTrue(e.getMessage().contains("bad q"), e.getMessage());
        }
    }

    @Test
    void mujocoErrorBecomesAnExceptionAndTheJvmSurvives() {
        // boxes that fall onto a floor need more of MuJoCo's stack once they touch it; with a stack this
        // small MuJoCo calls its error handler, whose default would print, wait for Enter and exit(1)
        StringBuilder xml = new StringBuilder("<mujoco><size nstack=\"1000\"/><worldbody>"
                + "<geom type=\"plane\" size=\"5 5 1\"/>");
        for (int i = 0; i < 8; i++) {
            xml.append("<body pos=\"").append(0.25 * i).append(" 0 0.3\"><freejoint/>"
                    + "<geom type=\"box\" size=\"0.1 0.1 0.1\"/></body>");
        }
        xml.append("</worldbody></mujoco>");
        try (MujocoModel model = MujocoModel.fromXml("small-stack", xml.toString().getBytes(StandardCharsets.UTF_8));
             MujocoSimulation sim = new MujocoSimulation(model)) {
            SimulationException e = assertThrows(SimulationException.class, () -> sim.step(400));
            assertTrue(e.getMessage().contains("MuJoCo error: Stack overflow"), e.getMessage());
            assertTrue(sim.time() > 0.1, "the boxes fell for a while before the error");
            sim.reset();
            assertEquals(0.0, sim.time());
            sim.step(10);
            assertEquals(0.02, sim.time(), 1e-12);
        }
    }

    @Test
    void malformedAndMissingModelFilesGiveOneLineErrors(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.xml");
        Files.writeString(bad, "<mujoco><worldbody><body><geom type=\"sphere\"/></worldbody>");
        MujocoException malformed = assertThrows(MujocoException.class, () -> MujocoModel.load(bad));
        assertTrue(malformed.getMessage().startsWith("MJCF file " + bad + " is not a valid model"), malformed.getMessage());
        MujocoException missing = assertThrows(MujocoException.class, () -> MujocoModel.load(dir.resolve("none.xml")));
        assertEquals("MJCF file " + dir.resolve("none.xml") + " not found", missing.getMessage());
    }
}
