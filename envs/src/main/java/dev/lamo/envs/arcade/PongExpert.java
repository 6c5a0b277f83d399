package dev.lamo.envs.arcade;

/**
 * A scripted Pong player that reads the game's state: when the ball comes towards it, it predicts where the
 * ball will reach its paddle (reflecting off the walls) and meets it off-centre, which returns it at a steep
 * angle the slow opponent often misses; otherwise it drifts back to the middle. It defines the "scripted
 * expert" reference score.
 */
final class PongExpert {

    private PongExpert() {
    }

    static int act(Pong game) {
        int target;
        if (game.ballInPlay() && game.ballVx() > 0) {
            int frames = Math.max(0, (Pong.PLAYER_X - Pong.BALL_SIZE_X - game.ballX()) / game.ballVx());
            int y = Bounces.fold(game.ballY() + game.ballVy() * frames, Pong.TOP, Pong.BOTTOM - Pong.BALL_SIZE_Y);
            // meet the ball with the paddle's upper or lower end, away from the opponent's side of the table
            int offset = y < (Pong.TOP + Pong.BOTTOM) / 2 ? 5 : -5;
            target = y + Pong.BALL_SIZE_Y / 2 + offset;
        } else {
            target = (Pong.TOP + Pong.BOTTOM) / 2;
        }
        int centre = game.playerY() + Pong.PADDLE_HEIGHT / 2;
        if (target < centre - 1) {
            return Pong.UP;
        }
        if (target > centre + 1) {
            return Pong.DOWN;
        }
        return Pong.NOOP;
    }
}
