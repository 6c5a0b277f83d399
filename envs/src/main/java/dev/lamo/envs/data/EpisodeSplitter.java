package dev.lamo.envs.data;

/**
 * Cuts a flat sequence of transitions into episodes at terminal and timeout flags, D4RL style.
 *
 * <ul>
 *   <li>A step flagged terminal ends a terminated episode; a step flagged both terminal and timeout counts as
 *       terminal.</li>
 *   <li>A timeout flag, or reaching {@code maxEpisodeLength} steps (LaMo's 1000-step rule for files without
 *       timeouts), ends a truncated episode.</li>
 *   <li>A trailing segment that ends with neither flag is dropped (and counted) unless {@code keepTrailing},
 *       which marks it truncated.</li>
 * </ul>
 */
public final class EpisodeSplitter {

    /**
     * Result of a split over the first {@code rows} input rows (rows after them were dropped).
     *
     * @param starts      episode offsets (episodes + 1 values)
     * @param terminated  per kept row
     * @param truncated   per kept row
     * @param rows        kept rows
     * @param dropped     trailing rows dropped
     */
    public record Split(long[] starts, boolean[] terminated, boolean[] truncated, int rows, long dropped) {
    }

    private EpisodeSplitter() {
    }

    /**
     * @param terminals        terminal flag per row
     * @param timeouts         timeout flag per row, or null when the file has none
     * @param maxEpisodeLength cut episodes at this many steps; 0 for no limit
     * @param keepTrailing     keep a trailing unflagged segment as a truncated episode
     */
    public static Split split(boolean[] terminals, boolean[] timeouts, int maxEpisodeLength, boolean keepTrailing) {
        int n = terminals.length;
        boolean[] term = new boolean[n];
        boolean[] trunc = new boolean[n];
        long[] starts = new long[n + 1];
        int episodes = 0;
        int length = 0;
        for (int i = 0; i < n; i++) {
            length++;
            if (terminals[i]) {
                term[i] = true;
            } else if ((timeouts != null && timeouts[i]) || (maxEpisodeLength > 0 && length >= maxEpisodeLength)) {
                trunc[i] = true;
            } else {
                continue;
            }
            starts[++episodes] = i + 1;
            length = 0;
        }
        int kept = n;
        long dropped = 0;
        if (length > 0) {
            if (keepTrailing) {
                trunc[n - 1] = true;
                starts[++episodes] = n;
            } else {
                kept = n - length;
                dropped = length;
            }
        }
        long[] offsets = new long[episodes + 1];
        System.arraycopy(starts, 0, offsets, 0, episodes + 1);
        boolean[] keptTerm = new boolean[kept];
        boolean[] keptTrunc = new boolean[kept];
        System.arraycopy(term, 0, keptTerm, 0, kept);
        System.arraycopy(trunc, 0, keptTrunc, 0, kept);
        return new Split(offsets, keptTerm, keptTrunc, kept, dropped);
    }
}
