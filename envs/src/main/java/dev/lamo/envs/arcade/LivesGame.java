package dev.lamo.envs.arcade;

/**
 * A game that counts lives and a score and ends when the last life is lost (Breakout, Qbert); Pong, which
 * plays to a score, has no lives.
 */
abstract class LivesGame implements ArcadeGame {

    protected int lives;
    protected int score;
    protected boolean over;

    /** Starts the count of a new game. */
    protected final void startCount(int startingLives) {
        lives = startingLives;
        score = 0;
        over = false;
    }

    /** Takes one life; the game is over when none is left. */
    protected final void loseLife() {
        lives--;
        over = lives == 0;
    }

    @Override
    public final boolean gameOver() {
        return over;
    }

    @Override
    public final int lives() {
        return lives;
    }

    final int score() {
        return score;
    }
}
