package dev.lamo.envs.arcade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.envs.Seeds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QbertTest {

    private static Qbert started(long seed) {
        Qbert game = new Qbert();
        game.reset(Seeds.rng(seed));
        return game;
    }

    @Test
    void landingOnANewCubeScoresOnceAndHoppingOffCostsALife() {
        Qbert game = started(0);
        List<Integer> rewards = new ArrayList<>();
        int f = 0;
        for (; f <= Qbert.HOP_FRAMES; f++) {
            rewards.add(game.frame(f == 0 ? Qbert.DOWN_RIGHT : Qbert.NOOP));
        }
        assertEquals(List.of(Qbert.CUBE_POINTS), rewards.stream().filter(r -> r != 0).toList(), "one hop, one cube");
        assertEquals(1, game.row());
        assertEquals(1, game.col());
        // hop back up and down again: the cube is already turned, so no points
        int total = 0;
        for (int action : new int[] {Qbert.UP_LEFT, Qbert.DOWN_RIGHT}) {
            for (int k = 0; k <= Qbert.HOP_FRAMES; k++) {
                total += game.frame(k == 0 ? action : Qbert.NOOP);
            }
        }
        assertEquals(Qbert.CUBE_POINTS, total, "only the top cube was new");
        // from (1,1) up-right leads off the pyramid
        for (int k = 0; k <= Qbert.HOP_FRAMES; k++) {
            game.frame(k == 0 ? Qbert.UP_RIGHT : Qbert.NOOP);
        }
        assertEquals(Qbert.LIVES - 1, game.lives());
        for (int k = 0; k < Qbert.DEATH_FRAMES; k++) {
            game.frame(Qbert.NOOP);
        }
        assertEquals(0, game.row(), "back on top after the fall");
        assertFalse(game.gameOver());
    }

    @Test
    void fourFallsEndTheGame() {
        Qbert game = started(1);
        int frames = 0;
        while (!game.gameOver() && frames < 10_000) {
            game.frame(Qbert.UP_LEFT);
            frames++;
        }
        assertTrue(game.gameOver());
        assertEquals(0, game.lives());
    }

    @Test
    void theScriptedExpertClearsRounds() {
        Qbert game = started(2);
        int total = 0;
        for (int f = 0; f < 60 * 60 * 10 && !game.gameOver(); f++) {
            total += game.frame(QbertExpert.act(game));
        }
        assertEquals(total, game.score());
        assertTrue(game.round() >= 1, "at least one pyramid finished, score " + total);
        assertTrue(total >= 28 * Qbert.CUBE_POINTS + Qbert.ROUND_BONUS);
    }

    @Test
    void sameSeedSameGame() {
        Qbert a = started(5);
        Qbert b = started(5);
        for (int f = 0; f < 20_000; f++) {
            assertEquals(a.frame(QbertExpert.act(a)), b.frame(QbertExpert.act(b)));
        }
        assertEquals(a.score(), b.score());
    }
}
