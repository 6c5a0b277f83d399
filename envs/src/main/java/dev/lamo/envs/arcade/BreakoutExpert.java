package dev.lamo.envs.arcade;

/**
 * A scripted Breakout player that reads the game's state (not the pixels): it serves at once, predicts where
 * the falling ball will cross the paddle's height (reflecting off the side walls) and moves the paddle so that
 * the ball lands a little off-centre, which sends it back at an angle. It defines the "scripted expert"
 * reference score; it is not a learner's competitor.
 */
final class BreakoutExpert {

    private BreakoutExpert() {
    }

    /** The action for the current frame. */
    static int act(Breakout game) {
        if (!game.ballInPlay()) {
            return Breakout.FIRE;
        }
        int target = game.ballVy() > 0 ? landingX(game) : game.ballX();
        int centre = game.paddleX() + game.paddleWidth() / 2;
        int aim = target + Breakout.BALL_WIDTH / 2 + (game.ballVx() >= 0 ? -2 : 2);
        if (aim > centre + 1) {
            return Breakout.RIGHT;
        }
        if (aim < centre - 1) {
            return Breakout.LEFT;
        }
        return Breakout.NOOP;
    }

    private static int landingX(Breakout game) {
        int frames = Math.max(0, (Breakout.PADDLE_Y - Breakout.BALL_HEIGHT - game.ballY()) / Math.max(1, game.ballVy()));
        return Bounces.fold(game.ballX() + game.ballVx() * frames, Breakout.WALL_LEFT, Breakout.WALL_RIGHT - Breakout.BALL_WIDTH);
    }
}
