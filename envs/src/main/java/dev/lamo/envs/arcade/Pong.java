package dev.lamo.envs.arcade;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A Pong-style game with the Atari cartridge's scoring as ALE plays it: the agent's paddle is on the right,
 * a scripted opponent's on the left; +1 when the opponent misses, −1 when the agent does; the game ends when
 * either side reaches 21. The ball leaves the paddle at an angle set by where it hits, speeds up during a
 * rally, and is served from the centre towards the side that lost the last point. The opponent follows the
 * ball with a limited speed and a reaction delay, so a good player can beat it. Minimal action set: NOOP,
 * FIRE, RIGHT (up), LEFT (down), RIGHTFIRE, LEFTFIRE; FIRE does nothing, as in the cartridge once play runs.
 */
public final class Pong implements ArcadeGame {

    static final int NOOP = 0;
    static final int FIRE = 1;
    static final int UP = 2;
    static final int DOWN = 3;
    static final int UP_FIRE = 4;
    static final int DOWN_FIRE = 5;

    static final int TOP = 34;
    static final int BOTTOM = 194;
    static final int PLAYER_X = 140;
    static final int OPPONENT_X = 16;
    static final int PADDLE_WIDTH = 4;
    static final int PADDLE_HEIGHT = 16;
    static final int PLAYER_SPEED = 3;
    static final int OPPONENT_SPEED = 2;
    static final int BALL_SIZE_X = 2;
    static final int BALL_SIZE_Y = 4;
    static final int WINNING_SCORE = 21;
    static final int SERVE_DELAY = 40;
    /** Frames the opponent keeps its old target after the ball turns towards it. */
    static final int REACTION_FRAMES = 6;
    /** Vertical speed by where the ball meets the paddle; never 0, so no rally runs flat forever. */
    private static final int[] BOUNCE = {-3, -2, -1, 1, 2, 3};

    private static final Palette PALETTE = new Palette(0x904811, 0xececec, 0x5cba5c, 0xd5824a);

    private RandomGenerator rng;
    private int playerY;
    private int opponentY;
    private int ballX;
    private int ballY;
    private int vx;
    private int vy;
    private boolean ballInPlay;
    private int serveWait;
    private int serveDirection;
    private int rally;
    private int reaction;
    private int opponentTarget;
    private int playerScore;
    private int opponentScore;

    @Override
    public String name() {
        return "pong";
    }

    @Override
    public List<String> actionNames() {
        return List.of("NOOP", "FIRE", "RIGHT", "LEFT", "RIGHTFIRE", "LEFTFIRE");
    }

    @Override
    public void reset(RandomGenerator rng) {
        this.rng = rng;
        playerY = (TOP + BOTTOM - PADDLE_HEIGHT) / 2;
        opponentY = playerY;
        opponentTarget = playerY;
        ballInPlay = false;
        serveWait = SERVE_DELAY;
        serveDirection = rng.nextBoolean() ? 1 : -1;
        playerScore = 0;
        opponentScore = 0;
    }

    @Override
    public int frame(int action) {
        if (gameOver()) {
            return 0;
        }
        if (action == UP || action == UP_FIRE) {
            playerY = Math.max(TOP, playerY - PLAYER_SPEED);
        } else if (action == DOWN || action == DOWN_FIRE) {
            playerY = Math.min(BOTTOM - PADDLE_HEIGHT, playerY + PLAYER_SPEED);
        }
        moveOpponent();
        if (!ballInPlay) {
            if (--serveWait <= 0) {
                serve();
            }
            return 0;
        }
        return moveBall();
    }

    private void serve() {
        ballInPlay = true;
        ballX = (OPPONENT_X + PLAYER_X) / 2;
        ballY = TOP + 20 + rng.nextInt(BOTTOM - TOP - 40);
        vx = 2 * serveDirection;
        vy = rng.nextInt(5) - 2;
        rally = 0;
    }

    private void moveOpponent() {
        if (ballInPlay && vx < 0) {
            if (reaction > 0) {
                reaction--;
            } else {
                opponentTarget = ballY + BALL_SIZE_Y / 2 - PADDLE_HEIGHT / 2;
            }
        } else {
            reaction = REACTION_FRAMES;
            opponentTarget = (TOP + BOTTOM - PADDLE_HEIGHT) / 2;
        }
        int step = Math.max(-OPPONENT_SPEED, Math.min(OPPONENT_SPEED, opponentTarget - opponentY));
        opponentY = Math.max(TOP, Math.min(BOTTOM - PADDLE_HEIGHT, opponentY + step));
    }

    /** Moves the ball pixel by pixel so that it cannot pass through a paddle; returns the point's reward. */
    private int moveBall() {
        int n = Math.max(Math.abs(vx), Math.abs(vy));
        int fvx = vx;
        int fvy = vy;
        for (int s = 1; s <= n; s++) {
            ballX += fvx * s / n - fvx * (s - 1) / n;
            ballY += fvy * s / n - fvy * (s - 1) / n;
            if (ballY < TOP || ballY + BALL_SIZE_Y > BOTTOM) {
                ballY = ballY < TOP ? TOP : BOTTOM - BALL_SIZE_Y;
                vy = -vy;
            }
            if (vx > 0 && hits(PLAYER_X, playerY)) {
                bounce(playerY, -1);
                break;
            }
            if (vx < 0 && hits(OPPONENT_X, opponentY)) {
                bounce(opponentY, 1);
                break;
            }
            if (vy != fvy) {
                break;
            }
        }
        if (ballX + BALL_SIZE_X < 0) {
            return point(1);
        }
        if (ballX > Screen.WIDTH) {
            return point(-1);
        }
        return 0;
    }

    private boolean hits(int paddleX, int paddleY) {
        return ballX + BALL_SIZE_X > paddleX && ballX < paddleX + PADDLE_WIDTH && ballY + BALL_SIZE_Y > paddleY
                && ballY < paddleY + PADDLE_HEIGHT;
    }

    private void bounce(int paddleY, int direction) {
        int sector = (ballY + BALL_SIZE_Y / 2 - paddleY) * BOUNCE.length / PADDLE_HEIGHT;
        vy = BOUNCE[Math.max(0, Math.min(BOUNCE.length - 1, sector))];
        rally++;
        int speed = rally >= 12 ? 4 : rally >= 4 ? 3 : 2;
        vx = direction * speed;
        ballX = direction > 0 ? OPPONENT_X + PADDLE_WIDTH : PLAYER_X - BALL_SIZE_X;
    }

    private int point(int reward) {
        if (reward > 0) {
            playerScore++;
        } else {
            opponentScore++;
        }
        ballInPlay = false;
        serveWait = SERVE_DELAY;
        serveDirection = reward > 0 ? -1 : 1;
        return reward;
    }

    @Override
    public boolean gameOver() {
        return playerScore >= WINNING_SCORE || opponentScore >= WINNING_SCORE;
    }

    /** Pong has no lives; ALE reports 0. */
    @Override
    public int lives() {
        return 0;
    }

    @Override
    public void render(Screen screen) {
        screen.clear(0);
        screen.fill(0, TOP - 10, Screen.WIDTH, 10, 1);
        screen.fill(0, BOTTOM, Screen.WIDTH, 16, 1);
        screen.number(opponentScore, 56, 4, 3);
        screen.number(playerScore, 136, 4, 2);
        screen.fill(OPPONENT_X, opponentY, PADDLE_WIDTH, PADDLE_HEIGHT, 3);
        screen.fill(PLAYER_X, playerY, PADDLE_WIDTH, PADDLE_HEIGHT, 2);
        if (ballInPlay) {
            screen.fill(ballX, ballY, BALL_SIZE_X, BALL_SIZE_Y, 1);
        }
    }

    @Override
    public Palette palette() {
        return PALETTE;
    }

    // what a scripted player may look at
    boolean ballInPlay() {
        return ballInPlay;
    }

    int ballY() {
        return ballY;
    }

    int ballX() {
        return ballX;
    }

    int ballVx() {
        return vx;
    }

    int ballVy() {
        return vy;
    }

    int playerY() {
        return playerY;
    }

    int playerScore() {
        return playerScore;
    }

    int opponentScore() {
        return opponentScore;
    }
}
