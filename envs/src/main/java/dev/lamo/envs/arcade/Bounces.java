package dev.lamo.envs.arcade;

/** Where a ball moving in a straight line between two walls ends up: the scripted experts' prediction. */
final class Bounces {

    private Bounces() {
    }

    /** Position {@code x} unfolded past the walls at {@code low} and {@code high}, folded back between them. */
    static int fold(int x, int low, int high) {
        int span = high - low;
        if (span <= 0) {
            return low;
        }
        int period = 2 * span;
        int d = Math.floorMod(x - low, period);
        return low + (d > span ? period - d : d);
    }
}
