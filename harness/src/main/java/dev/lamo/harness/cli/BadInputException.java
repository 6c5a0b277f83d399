package dev.lamo.harness.cli;

/** Input the user can fix: a file, key or flag that does not hold what it must. Exit code 2. */
public class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }
}
