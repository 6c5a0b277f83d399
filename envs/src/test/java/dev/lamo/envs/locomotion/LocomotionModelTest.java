package dev.lamo.envs.locomotion;

import static org.junit.jupiter.api.Assertions.*;

import dev.lamo.envs.mujoco.MujocoModel;
import org.junit.jupiter.api.Test;

/** The compiled models against the physical quantities of gym's v2 classes. */
class LocomotionModelTest {

    private static final double DENSITY = 1000;

    /** Mass and principal inertia (perpendicular, perpendicular, axial) of a v2-era capsule. */
    private static double[] v2Capsule(double radius, double length) {
        double h = length + radius; // MuJoCo < 2.1.2: cylinder extended by radius/2 at both ends
        double mass = DENSITY * Math.PI * radius * radius * h;
        double perp = mass * (3 * radius * radius + h * h) / 12;
        return new double[] {mass, perp, perp, mass * radius * radius / 2};
    }

    private static void assertBody(MujocoModel m, String body, double[] expected) {
        int id = m.bodyId(body);
        assertEquals(expected[0], m.bodyMass()[id], 1e-8, body + " mass");
        double[] inertia = m.bodyInertia();
        for (int k = 0; k < 3; k++) {
            assertEquals(expected[1 + k], inertia[3 * id + k], 1e-8, body + " inertia " + k);
        }
    }

    private static void assertRangeDegrees(MujocoModel m, String joint, double lo, double hi) {
        int id = m.jointId(joint);
        assertTrue(m.jointLimited(id), joint + " limited");
        assertEquals(Math.toRadians(lo), m.jointRange()[2 * id], 1e-12, joint);
        assertEquals(Math.toRadians(hi), m.jointRange()[2 * id + 1], 1e-12, joint);
    }

    @Test
    void hopperMatchesV2() {
        try (Hopper env = new Hopper()) {
            MujocoModel m = env.model();
            assertEquals(0.002, m.timestep());
            assertEquals(4, env.frameSkip());
            assertEquals(0.008, env.dt(), 1e-15);
            assertEquals(6, m.nq());
            assertEquals(3, m.nu());
            assertArrayEquals(new double[] {0, 1.25, 0, 0, 0, 0}, m.qpos0());
            // the v2 masses as mujoco-py reported them
            assertArrayEquals(new double[] {0, 3.53429174, 3.92699082, 2.71433605, 5.0893801}, m.bodyMass(), 1e-8);
            assertBody(m, "torso", v2Capsule(0.05, 0.4));
            assertBody(m, "thigh", v2Capsule(0.05, 0.45));
            assertBody(m, "leg", v2Capsule(0.04, 0.5));
            assertBody(m, "foot", v2Capsule(0.06, 0.39));
            assertRangeDegrees(m, "thigh_joint", -150, 0);
            assertRangeDegrees(m, "leg_joint", -150, 0);
            assertRangeDegrees(m, "foot_joint", -45, 45);
            assertFalse(m.jointLimited(m.jointId("rooty")));
            double[] gear = m.actuatorGear();
            for (int a = 0; a < 3; a++) {
                assertEquals(200, gear[6 * a]);
            }
            assertEquals(2.0, m.geomFriction(m.geomId("foot_geom"))[0]);
        }
    }

    @Test
    void walker2dMatchesV2() {
        try (Walker2d env = new Walker2d()) {
            MujocoModel m = env.model();
            assertEquals(0.002, m.timestep());
            assertEquals(4, env.frameSkip());
            assertEquals(9, m.nq());
            assertEquals(6, m.nu());
            for (String side : new String[] {"", "_left"}) {
                assertBody(m, "thigh" + side, v2Capsule(0.05, 0.45));
                assertBody(m, "leg" + side, v2Capsule(0.04, 0.5));
                assertBody(m, "foot" + side, v2Capsule(0.06, 0.2));
                assertRangeDegrees(m, "thigh" + side + "_joint", -150, 0);
                assertRangeDegrees(m, "leg" + side + "_joint", -150, 0);
                assertRangeDegrees(m, "foot" + side + "_joint", -45, 45);
            }
            assertBody(m, "torso", v2Capsule(0.05, 0.4));
            // v2's asymmetric foot friction (v5 made both 0.9)
            assertEquals(0.9, m.geomFriction(m.geomId("foot_geom"))[0]);
            assertEquals(1.9, m.geomFriction(m.geomId("foot_left_geom"))[0]);
            for (int a = 0; a < 6; a++) {
                assertEquals(100, m.actuatorGear()[6 * a]);
            }
        }
    }

    @Test
    void halfCheetahMatchesV2() {
        try (HalfCheetah env = new HalfCheetah()) {
            MujocoModel m = env.model();
            assertEquals(0.01, m.timestep());
            assertEquals(5, env.frameSkip());
            assertEquals(0.05, env.dt(), 1e-15);
            assertEquals(9, m.nq());
            // v2 masses after settotalmass=14
            assertArrayEquals(new double[] {0, 6.36031332, 1.53524804, 1.58093995, 1.0691906, 1.42558747,
                    1.17885117, 0.84986945}, m.bodyMass(), 1e-8);
            double total = 0;
            for (double mass : m.bodyMass()) {
                total += mass;
            }
            assertEquals(14.0, total, 1e-9);
            double[] gears = {120, 90, 60, 120, 60, 30};
            for (int a = 0; a < gears.length; a++) {
                assertEquals(gears[a], m.actuatorGear()[6 * a]);
            }
            int bthigh = m.jointId("bthigh");
            assertEquals(-0.52, m.jointRange()[2 * bthigh], 1e-12);
            assertEquals(1.05, m.jointRange()[2 * bthigh + 1], 1e-12);
            int ffoot = m.jointId("ffoot");
            assertEquals(-0.5, m.jointRange()[2 * ffoot], 1e-12);
            assertEquals(0.4, m.geomFriction(m.geomId("bfoot"))[0]);
        }
    }
}
