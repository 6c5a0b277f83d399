package dev.lamo.results.table;

/**
 * Which return target a cell reports: {@code max} picks the target with the best mean over seeds (never per
 * seed; LaMo's authors report the best target, which the paper does not state), {@code fixed:X} a given one.
 */
public sealed interface TargetRule {

    String describe();

    /** The rule as written on the command line. */
    String spec();

    record Max() implements TargetRule {
        public String describe() {
            return "the target with the best mean over seeds, chosen per cell (LaMo's authors' rule)";
        }

        public String spec() {
            return "max";
        }
    }

    record Fixed(double target) implements TargetRule {
        public String describe() {
            return "fixed target " + target;
        }

        public String spec() {
            return "fixed:" + target;
        }
    }

    static TargetRule parse(String text) {
        if (text.equals("max")) {
            return new Max();
        }
        if (text.startsWith("fixed:")) {
            try {
                return new Fixed(Double.parseDouble(text.substring(6)));
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new IllegalArgumentException("--target: expected max or fixed:X, found '" + text + "'");
    }
}
