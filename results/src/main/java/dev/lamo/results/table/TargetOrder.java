package dev.lamo.results.table;

import java.util.Comparator;

/** Orders return targets with "no target" (null) first. */
final class TargetOrder {

    static final Comparator<Double> COMPARATOR = Comparator.nullsFirst(Comparator.naturalOrder());

    private TargetOrder() {
    }
}
