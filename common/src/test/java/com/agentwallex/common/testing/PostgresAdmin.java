package com.agentwallex.common.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * The PostgreSQL administrator tests use for what no service role may do (create databases, cut
 * connections, take a role's login away): {@code AWX_DB_ADMIN_USER} and {@code AWX_DB_ADMIN_PASSWORD}
 * as {@code awx} exports them, so the suite runs on a server that asks for passwords too. Without a
 * password the driver's own ways apply (trust, or a pgpass file).
 */
public final class PostgresAdmin {

    private PostgresAdmin() {
    }

    public static String user() {
        return env("AWX_DB_ADMIN_USER", "postgres");
    }

    /** The role that owns the databases (services migrate with it); the administrator unless set. */
    public static String owner() {
        return env("AWX_DB_USER", user());
    }

    /** {@code null} when none is set: the driver then looks for a pgpass file instead. */
    public static String password() {
        return nullIfBlank(System.getenv("AWX_DB_ADMIN_PASSWORD"));
    }

    public static Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user(), password());
    }

    /** Environment for PostgreSQL's command-line tools run as the administrator ({@code -U user()}). */
    public static Map<String, String> toolEnvironment() {
        String password = password();
        return password == null ? Map.of() : Map.of("PGPASSWORD", password);
    }

    /** The password of a service role by the variable {@code awx} exports it in, or {@code null}. */
    public static String passwordOf(String variable) {
        return nullIfBlank(System.getenv(variable));
    }

    private static String env(String name, String otherwise) {
        String value = nullIfBlank(System.getenv(name));
        return value == null ? otherwise : value;
    }

    private static String nullIfBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
