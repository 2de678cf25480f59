package com.agentwallex.apikey.usage;

import static com.agentwallex.common.jdbc.Sql.instant;

import com.agentwallex.common.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** api_key_usage in plain SQL on the transaction's connection (ADR 13). */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class KeyUsageRepository {

    /** {@code count} uses of a key from one address with one outcome, the last at {@code lastUsedAt}. */
    public record UsageRow(String keyId, String outcome, String clientIp, long count, Instant lastUsedAt) {
    }

    record DayCount(LocalDate day, String outcome, long count) {
    }

    record ClientCount(String clientIp, long count, Instant lastUsedAt) {
    }

    // One statement per chunk of rows, whatever their number: the recorder writes once per interval.
    private static final String ADD = """
            INSERT INTO api_key_usage AS u (key_id, day, outcome, client_ip, count, last_used_at)
            SELECT r.key_id, (r.last_used_at AT TIME ZONE 'UTC')::date, r.outcome, r.client_ip, r.count, r.last_used_at
            FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]),
                        CAST(CAST(? AS text[]) AS timestamptz[])) AS r(key_id, outcome, client_ip, count, last_used_at)
            ON CONFLICT (key_id, day, outcome, client_ip) DO UPDATE
            SET count = u.count + excluded.count, last_used_at = GREATEST(u.last_used_at, excluded.last_used_at)""";
    private static final String DAYS = "SELECT day, outcome, sum(count) FROM api_key_usage WHERE key_id = ? AND day >= ?"
            + " GROUP BY day, outcome ORDER BY day DESC, outcome";
    private static final String CLIENTS = "SELECT client_ip, sum(count), max(last_used_at) FROM api_key_usage"
            + " WHERE key_id = ? AND outcome = 'success' AND day >= ? GROUP BY client_ip"
            + " HAVING max(last_used_at) >= ? ORDER BY max(last_used_at) DESC LIMIT ?";
    private static final String FORGET = "DELETE FROM api_key_usage WHERE day < ?";

    private final Sql sql;

    KeyUsageRepository(AgroalDataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    public void add(List<UsageRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        sql.update("usage add", ADD, ps -> {
            var c = ps.getConnection();
            ps.setArray(1, c.createArrayOf("text", rows.stream().map(UsageRow::keyId).toArray()));
            ps.setArray(2, c.createArrayOf("text", rows.stream().map(UsageRow::outcome).toArray()));
            ps.setArray(3, c.createArrayOf("text", rows.stream().map(r -> r.clientIp() == null ? "" : r.clientIp()).toArray()));
            ps.setArray(4, c.createArrayOf("bigint", rows.stream().map(UsageRow::count).toArray()));
            // ISO-8601 in UTC: java.sql.Timestamp would go as the JVM's local time
            ps.setArray(5, c.createArrayOf("text", rows.stream().map(r -> r.lastUsedAt().toString()).toArray()));
        });
    }

    List<DayCount> days(String keyId, LocalDate from) {
        return sql.list("usage days", DAYS, ps -> {
            ps.setString(1, keyId);
            ps.setObject(2, from);
        }, rs -> new DayCount(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getLong(3)));
    }

    /** Addresses that used the key successfully at or after {@code since}, with their uses since that day. */
    List<ClientCount> clients(String keyId, Instant since, int limit) {
        return sql.list("usage clients", CLIENTS, ps -> {
            ps.setString(1, keyId);
            ps.setObject(2, LocalDate.ofInstant(since, ZoneOffset.UTC));
            Sql.setInstant(ps, 3, since);
            ps.setInt(4, limit);
        }, rs -> new ClientCount(rs.getString(1), rs.getLong(2), instant(rs, 3)));
    }

    int forgetBefore(LocalDate day) {
        return sql.update("usage cleanup", FORGET, ps -> ps.setObject(1, day));
    }
}
