package dev.lamo.envs.arcade;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A Breakout-style game with the Atari 2600 cartridge's rules as ALE plays them: six rows of 18 bricks
 * worth 1, 1, 4, 4, 7, 7 points from the bottom row up; five balls; FIRE serves a ball; the ball speeds up
 * after 4 and 12 paddle hits and when it first breaks an orange or red brick; the paddle shrinks to half when
 * the ball first reaches the back wall; a cleared wall is rebuilt once, and the game ends when the second is
 * cleared or the last ball is lost (at most 864 points). Where the paddle is hit sets the ball's angle.
 * Minimal action set: NOOP, FIRE, RIGHT, LEFT.
 */
public final class Breakout extends LivesGame {

    static final int NOOP = 0;
    static final int FIRE = 1;
    static final int RIGHT = 2;
    static final int LEFT = 3;

    static final int WALL_LEFT = 8;
    static final int WALL_RIGHT = 152;
    static final int CEILING = 32;
    static final int BRICK_TOP = 57;
    static final int BRICK_ROWS = 6;
    static final int BRICK_COLUMNS = 18;
    static final int BRICK_WIDTH = 8;
    static final int BRICK_HEIGHT = 6;
    static final int PADDLE_Y = 189;
    static final int PADDLE_HEIGHT = 4;
    static final int PADDLE_WIDTH = 16;
    static final int PADDLE_SPEED = 3;
    static final int BALL_WIDTH = 2;
    static final int BALL_HEIGHT = 4;
    static final int SERVE_Y = 102;
    static final int FLOOR = 196;
    static final int LIVES = 5;
    /** Points of a brick by row, top row first. */
    static final int[] ROW_POINTS = {7, 7, 4, 4, 1, 1};
    private static final int[] ROW_COLOURS = {2, 3, 4, 5, 6, 7};
    /** Horizontal ball speed by where on the paddle it lands, left edge to right edge. */
    private static final int[] BOUNCE = {-3, -2, -1, 1, 2, 3};

    private static final Palette PALETTE = new Palette(0x000000, 0x8e8e8e, 0xc84848, 0xc66c3a, 0xb47a30, 0xa2a22a,
            0x48a048, 0x4248c8);

    private final boolean[][] bricks = new boolean[BRICK_ROWS][BRICK_COLUMNS];
    private RandomGenerator rng;
    private int bricksLeft;
    private int wall;
    private int paddleX;
    private int paddleWidth;
    private boolean ballInPlay;
    private int ballX;
    private int ballY;
    private int vx;
    private int vy;
    private int hits;
    private boolean hitUpperRows;
    private boolean reachedCeiling;

    @Override
    public String name() {
        return "breakout";
    }

    @Override
    public List<String> actionNames() {
        return List.of("NOOP", "FIRE", "RIGHT", "LEFT");
    }

    @Override
    public void reset(RandomGenerator rng) {
        this.rng = rng;
        buildWall();
        wall = 0;
        paddleX = (WALL_LEFT + WALL_RIGHT - PADDLE_WIDTH) / 2;
        paddleWidth = PADDLE_WIDTH;
        ballInPlay = false;
        hits = 0;
        hitUpperRows = false;
        reachedCeiling = false;
        startCount(LIVES);
    }

    private void buildWall() {
        for (boolean[] row : bricks) {
            java.util.Arrays.fill(row, true);
        }
        bricksLeft = BRICK_ROWS * BRICK_COLUMNS;
    }

    @Override
    public int frame(int action) {
        if (over) {
            return 0;
        }
        if (action == RIGHT) {
            paddleX = Math.min(WALL_RIGHT - paddleWidth, paddleX + PADDLE_SPEED);
        } else if (action == LEFT) {
            paddleX = Math.max(WALL_LEFT, paddleX - PADDLE_SPEED);
        }
        if (!ballInPlay) {
            if (action == FIRE) {
                serve();
            }
            return 0;
        }
        return moveBall();
    }

    private void serve() {
        ballInPlay = true;
        ballX = WALL_LEFT + rng.nextInt(WALL_RIGHT - WALL_LEFT - BALL_WIDTH);
        ballY = SERVE_Y;
        vx = rng.nextBoolean() ? 1 : -1;
        vy = speed();
    }

    private int speed() {
        return hitUpperRows || hits >= 12 ? 4 : hits >= 4 ? 3 : 2;
    }

    /** Moves the ball pixel by pixel along its velocity so that it can never jump over a brick or the paddle. */
    private int moveBall() {
        int reward = 0;
        int n = Math.max(Math.abs(vx), Math.abs(vy));
        int fvx = vx;
        int fvy = vy;
        boolean brokeBrick = false;
        for (int s = 1; s <= n; s++) {
            ballX += fvx * s / n - fvx * (s - 1) / n;
            ballY += fvy * s / n - fvy * (s - 1) / n;
            if (ballX < WALL_LEFT || ballX + BALL_WIDTH > WALL_RIGHT) {
                ballX = ballX < WALL_LEFT ? WALL_LEFT : WALL_RIGHT - BALL_WIDTH;
                vx = -vx;
            }
            if (ballY < CEILING) {
                ballY = CEILING;
                vy = Math.abs(vy);
                if (!reachedCeiling) {
                    reachedCeiling = true;
                    paddleWidth = PADDLE_WIDTH / 2;
                }
            }
            if (!brokeBrick) {
                int points = breakBrick();
                if (points > 0) {
                    brokeBrick = true;
                    reward += points;
                    vy = -vy;
                }
            }
            if (vy > 0 && ballY + BALL_HEIGHT > PADDLE_Y && ballY < PADDLE_Y + PADDLE_HEIGHT
                    && ballX + BALL_WIDTH > paddleX && ballX < paddleX + paddleWidth) {
                int sector = (ballX + BALL_WIDTH / 2 - paddleX) * BOUNCE.length / paddleWidth;
                vx = BOUNCE[Math.max(0, Math.min(BOUNCE.length - 1, sector))];
                hits++;
                vy = -speed();
                ballY = PADDLE_Y - BALL_HEIGHT;
            }
            if (vx != fvx || Integer.signum(vy) != Integer.signum(fvy)) {
                break; // a bounce ends this frame's movement; the new velocity applies from the next frame
            }
        }
        if (ballY >= FLOOR) {
            ballInPlay = false;
            loseLife();
        }
        if (bricksLeft == 0) {
            if (wall == 0) {
                wall = 1;
                buildWall();
                paddleWidth = PADDLE_WIDTH;
                reachedCeiling = false;
            } else {
                over = true;
            }
        }
        score += reward;
        return reward;
    }

    /** Removes the first brick the ball overlaps and returns its points (0 if none). */
    private int breakBrick() {
        int rowFrom = Math.floorDiv(ballY - BRICK_TOP, BRICK_HEIGHT);
        int rowTo = Math.floorDiv(ballY + BALL_HEIGHT - 1 - BRICK_TOP, BRICK_HEIGHT);
        int colFrom = (ballX - WALL_LEFT) / BRICK_WIDTH;
        int colTo = (ballX + BALL_WIDTH - 1 - WALL_LEFT) / BRICK_WIDTH;
        for (int r = Math.max(0, rowFrom); r <= Math.min(BRICK_ROWS - 1, rowTo); r++) {
            for (int c = Math.max(0, colFrom); c <= Math.min(BRICK_COLUMNS - 1, colTo); c++) {
                if (bricks[r][c]) {
                    bricks[r][c] = false;
                    bricksLeft--;
                    if (r < 2) {
                        hitUpperRows = true;
                    }
                    return ROW_POINTS[r];
                }
            }
        }
        return 0;
    }

    @Override
    public void render(Screen screen) {
        screen.clear(0);
        screen.number(score, 72, 5, 1);
        screen.number(lives, 112, 5, 1);
        screen.fill(0, CEILING - 8, Screen.WIDTH, 8, 1);
        screen.fill(0, CEILING, WALL_LEFT, FLOOR - CEILING, 1);
        screen.fill(WALL_RIGHT, CEILING, Screen.WIDTH - WALL_RIGHT, FLOOR - CEILING, 1);
        for (int r = 0; r < BRICK_ROWS; r++) {
            for (int c = 0; c < BRICK_COLUMNS; c++) {
                if (bricks[r][c]) {
                    screen.fill(WALL_LEFT + c * BRICK_WIDTH, BRICK_TOP + r * BRICK_HEIGHT, BRICK_WIDTH, BRICK_HEIGHT, ROW_COLOURS[r]);
                }
            }
        }
        screen.fill(paddleX, PADDLE_Y, paddleWidth, PADDLE_HEIGHT, 2);
        if (ballInPlay) {
            screen.fill(ballX, ballY, BALL_WIDTH, BALL_HEIGHT, 2);
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

    int ballX() {
        return ballX;
    }

    int ballY() {
        return ballY;
    }

    int ballVx() {
        return vx;
    }

    int ballVy() {
        return vy;
    }

    int paddleX() {
        return paddleX;
    }

    int paddleWidth() {
        return paddleWidth;
    }

    int bricksLeft() {
        return bricksLeft;
    }
}
