package dev.lamo.envs.arcade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.envs.Seeds;
import org.junit.jupiter.api.Test;

class PongTest {

    private static int[] play(long seed, boolean expert) {
        Pong game = new Pong();
        game.reset(Seeds.rng(seed));
        int total = 0;
        int frames = 0;
        while (!game.gameOver() && frames < 200_000) {
            int r = game.frame(expert ? PongExpert.act(game) : Pong.NOOP);
            assertTrue(r == 0 || r == 1 || r == -1);
            total += r;
            frames++;
        }
        return new int[] {total, game.playerScore(), game.opponentScore(), frames};
    }

    @Test
    void aStillPaddleLosesTwentyOneToFew() {
        int[] r = play(0, false);
        assertEquals(21, r[2], "the opponent reaches 21");
        assertEquals(r[1] - r[2], r[0], "rewards are the score difference");
        assertTrue(r[0] <= -15, "a still paddle loses badly: " + r[0]);
    }

    @Test
    void theScriptedExpertWins() {
        int[] r = play(1, true);
        assertEquals(21, r[1], "the expert reaches 21");
        assertEquals(r[1] - r[2], r[0]);
        assertTrue(r[0] > 10, "and wins clearly: " + r[0]);
    }

    @Test
    void sameSeedSameGame() {
        assertEquals(java.util.Arrays.toString(play(4, true)), java.util.Arrays.toString(play(4, true)));
    }

    @Test
    void bouncesFoldBetweenWalls() {
        assertEquals(5, Bounces.fold(5, 0, 10));
        assertEquals(8, Bounces.fold(12, 0, 10));
        assertEquals(3, Bounces.fold(-3, 0, 10));
        assertEquals(2, Bounces.fold(22, 0, 10));
    }
}
