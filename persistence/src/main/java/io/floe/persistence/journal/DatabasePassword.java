package io.floe.persistence.journal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the embedded H2 database opens with the network's secret and with nothing else. A new database is created
 * with the secret by the first connection; a database an older Floe created with the empty password is given the
 * secret ({@code ALTER USER}) the first time a member opens it, so existing networks keep their data.
 *
 * <p>Invariant: when {@link #ensure} returns, the database accepts {@code user} with {@code secret} and refuses the
 * empty password. Members start together and H2 refuses some of them for a moment while another opens the file, so
 * every attempt is retried for a bounded time.
 */
final class DatabasePassword {
    /** H2's {@code ErrorCode.WRONG_USER_OR_PASSWORD}. */
    static final int WRONG_USER_OR_PASSWORD = 28000;
    private static final Pattern USER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Duration PAUSE = Duration.ofMillis(300);
    private static final Logger LOG = LoggerFactory.getLogger(DatabasePassword.class);

    private DatabasePassword() {
    }

    /** Returns a connection opened with the secret (the caller decides how long it stays open). */
    static Connection ensure(String url, String user, String secret, Duration patience) throws SQLException {
        if (!USER.matcher(user).matches() || !SECRET.matcher(secret).matches()) {
            // Both go into an ALTER USER statement, which takes no parameters.
            throw new IllegalArgumentException("database user or secret has characters other than letters, digits, - _");
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return attempt(url, user, secret);
            } catch (SQLException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
                LOG.debug("embedded database not opened yet, retrying: {}", e.getMessage());
                pause();
            }
        }
    }

    /** Opens with the secret; on a wrong password, opens with the empty one, sets the secret and opens again. */
    private static Connection attempt(String url, String user, String secret) throws SQLException {
        try {
            return DriverManager.getConnection(url, user, secret);
        } catch (SQLException e) {
            if (e.getErrorCode() != WRONG_USER_OR_PASSWORD) {
                throw e;
            }
        }
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            setPassword(s, user, secret);
            LOG.info("The embedded database had the empty password; it now opens only with the network's secret");
            // Opened again before the empty-password connection closes, so the database stays open meanwhile.
            return DriverManager.getConnection(url, user, secret);
        }
    }

    /**
     * Runs the ALTER USER statement. H2 quotes a failed statement's text in its message, so a failure is rethrown
     * with the secret masked and without the original as its cause: the secret never reaches a log.
     */
    private static void setPassword(Statement s, String user, String secret) throws SQLException {
        try {
            s.execute("ALTER USER " + user + " SET PASSWORD '" + secret + "'");
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage()).replace(secret, "***");
            throw new SQLException(message, e.getSQLState(), e.getErrorCode());
        }
    }

    private static void pause() throws SQLException {
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while opening the embedded database", e);
        }
    }
}
