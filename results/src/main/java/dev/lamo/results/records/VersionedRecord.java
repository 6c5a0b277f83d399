package dev.lamo.results.records;

/**
 * A record stored as JSON that says which schema it follows. Readers refuse unknown schema names and
 * versions newer than they understand, instead of misreading them.
 */
public interface VersionedRecord {

    /** Schema name, for example {@code lamo.run_config}. */
    String schema();

    /** Schema version; readers accept versions up to the one they were written for. */
    int schemaVersion();
}
