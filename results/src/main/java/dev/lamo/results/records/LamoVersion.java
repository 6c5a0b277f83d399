package dev.lamo.results.records;

/** The version string recorded in every record we write. */
public final class LamoVersion {

    private LamoVersion() {
    }

    public static String current() {
        String v = LamoVersion.class.getPackage().getImplementationVersion();
        return "lamo " + (v == null ? "0.1.0-SNAPSHOT" : v);
    }
}
