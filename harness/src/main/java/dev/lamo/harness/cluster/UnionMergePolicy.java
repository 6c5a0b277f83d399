package dev.lamo.harness.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.infinispan.conflict.EntryMergePolicy;
import org.infinispan.container.entries.CacheEntry;
import org.infinispan.multimap.impl.Bucket;

/**
 * How Vert.x's cluster caches heal after a split: two nodes that start at once, or a node that starts right after a
 * member died, can each form a cluster before JGroups merges them. Infinispan's default keeps the preferred
 * partition's entries and drops the other's, which loses that side's event-bus subscriptions (its nodes then
 * receive nothing). This policy keeps both: an entry present on one side only survives, and the subscription
 * buckets of one address are united (without duplicates). Registrations of nodes that left are removed by Vert.x
 * as usual.
 */
final class UnionMergePolicy implements EntryMergePolicy<Object, Object> {

    @Override
    public CacheEntry<Object, Object> merge(CacheEntry<Object, Object> preferred, List<CacheEntry<Object, Object>> others) {
        CacheEntry<Object, Object> result = preferred;
        for (CacheEntry<Object, Object> other : others) {
            if (other == null || other.getValue() == null) {
                continue;
            }
            if (result == null || result.getValue() == null) {
                result = other;
            } else if (result.getValue() instanceof Bucket<?> a && other.getValue() instanceof Bucket<?> b) {
                result.setValue(union(a, b));
            }
        }
        return result;
    }

    private static Bucket<Object> union(Bucket<?> a, Bucket<?> b) {
        List<Object> values = new ArrayList<>(a.toList());
        for (Object v : b.toList()) {
            if (values.stream().noneMatch(w -> same(v, w))) {
                values.add(v);
            }
        }
        Bucket<Object> merged = new Bucket<>(values.get(0));
        for (Object v : values.subList(1, values.size())) {
            merged = merged.add(v, true);
        }
        return merged;
    }

    /** Vert.x stores registrations as byte arrays, which compare by content here. */
    private static boolean same(Object x, Object y) {
        return x instanceof byte[] p && y instanceof byte[] q ? Arrays.equals(p, q) : Objects.equals(x, y);
    }
}
