package dev.lamo.envs.arcade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.envs.Seeds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BreakoutTest {

    private static Breakout started(long seed) {
        Breakout game = new Breakout();
        game.reset(Seeds.rng(seed));
        return game;
    }

    @Test
    void noBallUntilFire() {
        Breakout game = started(0);
        for (int f = 0; f < 300; f++) {
            assertEquals(0, game.frame(f % 2 == 0 ? Breakout.LEFT : Breakout.NOOP));
        }
        assertFalse(game.ballInPlay());
        assertEquals(5, game.lives());
        game.frame(Breakout.FIRE);
        assertTrue(game.ballInPlay());
    }

    @Test
    void everyMissedBallCostsALifeAndTheFifthEndsTheGame() {
        Breakout game = started(3);
        int frames = 0;
        while (!game.gameOver() && frames < 20_000) {
            int action;
            if (!game.ballInPlay()) {
                action = Breakout.FIRE;
            } else {
                // keep the paddle on the side away from the ball
                action = game.ballX() > (Breakout.WALL_LEFT + Breakout.WALL_RIGHT) / 2 ? Breakout.LEFT : Breakout.RIGHT;
            }
            int livesBefore = game.lives();
            game.frame(action);
            assertTrue(game.lives() == livesBefore || game.lives() == livesBefore - 1);
            frames++;
        }
        assertTrue(game.gameOver());
        assertEquals(0, game.lives());
        assertEquals(0, game.frame(Breakout.FIRE), "nothing happens after game over");
    }

    @Test
    void bricksScoreByRowAndTheExpertClearsMany() {
        Breakout game = started(1);
        List<Integer> rewards = new ArrayList<>();
        int total = 0;
        for (int f = 0; f < 60 * 60 * 5 && !game.gameOver(); f++) {
            int r = game.frame(BreakoutExpert.act(game));
            if (r != 0) {
                rewards.add(r);
                total += r;
            }
        }
        assertTrue(rewards.stream().allMatch(r -> r == 1 || r == 4 || r == 7),
                "a frame breaks at most one brick: " + rewards);
        assertEquals(1, rewards.get(0), "the first brick hit is in a bottom row");
        assertEquals(total, game.score());
        assertTrue(total > 100, "the scripted expert scores well: " + total);
        if (rewards.size() < Breakout.BRICK_ROWS * Breakout.BRICK_COLUMNS) {
            assertEquals(Breakout.BRICK_ROWS * Breakout.BRICK_COLUMNS - rewards.size(), game.bricksLeft(), "one brick per reward");
        }
    }

    @Test
    void sameSeedSameGame() {
        Breakout a = started(9);
        Breakout b = started(9);
        for (int f = 0; f < 5000; f++) {
            int action = BreakoutExpert.act(a);
            assertEquals(a.frame(action), b.frame(BreakoutExpert.act(b)));
        }
        assertEquals(a.score(), b.score());
        assertEquals(a.ballX(), b.ballX());
    }
}
