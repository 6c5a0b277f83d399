package dev.lamo.envs.arcade;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * A scripted Qbert player that reads the game's state: between hops it searches (breadth first, over cubes no
 * enemy holds or can reach with its next hop) for the nearest cube still to turn and hops towards it; with no
 * safe path it hops to any safe neighbour, and waits when none is safe. It never hops off the pyramid. It
 * defines the "scripted expert" reference score.
 */
final class QbertExpert {

    private QbertExpert() {
    }

    static int act(Qbert game) {
        if (!game.standing()) {
            return Qbert.NOOP;
        }
        boolean[] unsafe = game.threatened();
        int start = Qbert.index(game.row(), game.col());
        int[] firstMove = new int[Qbert.CUBES];
        Arrays.fill(firstMove, -1);
        boolean[] seen = new boolean[Qbert.CUBES];
        seen[start] = true;
        Deque<int[]> queue = new ArrayDeque<>();
        queue.add(new int[] {game.row(), game.col()});
        int safeNeighbour = -1;
        while (!queue.isEmpty()) {
            int[] at = queue.poll();
            int from = Qbert.index(at[0], at[1]);
            for (int a = Qbert.UP_RIGHT; a <= Qbert.DOWN_LEFT; a++) {
                int r = at[0] + Qbert.MOVES[a][0];
                int c = at[1] + Qbert.MOVES[a][1];
                if (!Qbert.onPyramid(r, c)) {
                    continue;
                }
                int i = Qbert.index(r, c);
                if (seen[i] || unsafe[i]) {
                    continue;
                }
                seen[i] = true;
                firstMove[i] = from == start ? a : firstMove[from];
                if (from == start && safeNeighbour < 0) {
                    safeNeighbour = a;
                }
                if (!game.turned(r, c)) {
                    return firstMove[i];
                }
                queue.add(new int[] {r, c});
            }
        }
        return safeNeighbour >= 0 ? safeNeighbour : Qbert.NOOP;
    }
}
