package com.agentwallex.apikey.core;

import static com.agentwallex.common.jdbc.Sql.instant;
import static com.agentwallex.common.jdbc.Sql.setInstant;

import com.agentwallex.common.jdbc.Sql;
import com.agentwallex.common.ratelimit.RateLimitPolicy;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** api_keys and key_policies in plain SQL on the transaction's connection (ADR 13). */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ApiKeyRepository {

    private static final String COLUMNS = "id, org_id, name, environment, scopes, ip_allowlist, key_hash, masked_key,"
            + " created_by, created_at, expires_at, rotation_due_at, revoked_at, rotated_from, rotated_to, last_used_at, plan, rate_limits, last_used_ip";
    private static final String INSERT = "INSERT INTO api_keys (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    // What a user's change can touch; last_used_at belongs to the usage recorder and is never written back.
    private static final String UPDATE = "UPDATE api_keys SET name = ?, scopes = ?, ip_allowlist = ?, expires_at = ?,"
            + " revoked_at = ?, rotated_to = ?, plan = ?, rate_limits = ? WHERE id = ?";
    private static final String OWNED = "SELECT " + COLUMNS + " FROM api_keys WHERE id = ? AND org_id = ?";
    // NO KEY: a lock for changing the row, not its key, so inserts referencing it are not held up.
    private static final String LOCK_OWNED = OWNED + " FOR NO KEY UPDATE";
    private static final String LOCK_BY_HASH = "SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = ? FOR NO KEY UPDATE";
    private static final String PAGE = "SELECT " + COLUMNS + " FROM api_keys WHERE org_id = ?"
            + " ORDER BY created_at DESC, id DESC LIMIT ?";
    private static final String PAGE_AFTER = "SELECT " + COLUMNS + " FROM api_keys WHERE org_id = ?"
            + " AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?";
    private static final String POLICY = "SELECT org_id, rotation_hard_expiry, updated_at, updated_by FROM key_policies WHERE org_id = ?";
    private static final String SAVE_POLICY = "INSERT INTO key_policies (org_id, rotation_hard_expiry, updated_at, updated_by)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (org_id) DO UPDATE SET rotation_hard_expiry = excluded.rotation_hard_expiry,"
            + " updated_at = excluded.updated_at, updated_by = excluded.updated_by";
    private static final String MARK_USED = """
            UPDATE api_keys k SET last_used_at = u.used_at, last_used_ip = NULLIF(u.ip, '')
            FROM unnest(CAST(? AS text[]), CAST(CAST(? AS text[]) AS timestamptz[]), CAST(? AS text[])) AS u(id, used_at, ip)
            WHERE k.id = u.id AND (k.last_used_at IS NULL OR k.last_used_at <= u.used_at)""";

    private final Sql sql;

    ApiKeyRepository(AgroalDataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    public void insert(ApiKeyEntity key) {
        sql.update("key insert", INSERT, ps -> {
            ps.setString(1, key.id);
            ps.setString(2, key.orgId);
            ps.setString(3, key.name);
            ps.setString(4, key.environment);
            ps.setArray(5, textArray(ps, key.scopes));
            ps.setArray(6, textArray(ps, key.ipAllowlist));
            ps.setBytes(7, key.keyHash);
            ps.setString(8, key.maskedKey);
            ps.setString(9, key.createdBy);
            setInstant(ps, 10, key.createdAt);
            setInstant(ps, 11, key.expiresAt);
            setInstant(ps, 12, key.rotationDueAt);
            setInstant(ps, 13, key.revokedAt);
            ps.setString(14, key.rotatedFrom);
            ps.setString(15, key.rotatedTo);
            setInstant(ps, 16, key.lastUsedAt);
            ps.setString(17, key.plan);
            ps.setArray(18, textArray(ps, rateLimits(key)));
            ps.setString(19, key.lastUsedIp);
        });
    }

    /** Writes back what a user's change may have touched on a key read with {@link #lockOwned}. */
    public void update(ApiKeyEntity key) {
        sql.update("key update", UPDATE, ps -> {
            ps.setString(1, key.name);
            ps.setArray(2, textArray(ps, key.scopes));
            ps.setArray(3, textArray(ps, key.ipAllowlist));
            setInstant(ps, 4, key.expiresAt);
            setInstant(ps, 5, key.revokedAt);
            ps.setString(6, key.rotatedTo);
            ps.setString(7, key.plan);
            ps.setArray(8, textArray(ps, rateLimits(key)));
            ps.setString(9, key.id);
        });
    }

    /** The organization's key, locked for a change; another organization's key is simply absent. */
    public Optional<ApiKeyEntity> lockOwned(String orgId, String id) {
        return sql.one("key lock", LOCK_OWNED, owned(orgId, id), ApiKeyRepository::key);
    }

    /** Whichever organization's key this is (a leak report names the key, not its owner), locked for a change. */
    public Optional<ApiKeyEntity> lockByHash(byte[] keyHash) {
        return sql.one("key lock by hash", LOCK_BY_HASH, ps -> ps.setBytes(1, keyHash), ApiKeyRepository::key);
    }

    public Optional<ApiKeyEntity> findOwned(String orgId, String id) {
        return sql.one("key lookup", OWNED, owned(orgId, id), ApiKeyRepository::key);
    }

    /** Newest first; {@code after} is the last key of the previous page. */
    public List<ApiKeyEntity> page(String orgId, ApiKeyEntity after, int limit) {
        if (after == null) {
            return sql.list("key page", PAGE, ps -> {
                ps.setString(1, orgId);
                ps.setInt(2, limit);
            }, ApiKeyRepository::key);
        }
        return sql.list("key page", PAGE_AFTER, ps -> {
            ps.setString(1, orgId);
            setInstant(ps, 2, after.createdAt);
            ps.setString(3, after.id);
            ps.setInt(4, limit);
        }, ApiKeyRepository::key);
    }

    public boolean rotationHardExpiry(String orgId) {
        return policy(orgId).map(KeyPolicyEntity::rotationHardExpiry).orElse(false);
    }

    public Optional<KeyPolicyEntity> policy(String orgId) {
        return sql.one("policy lookup", POLICY, ps -> ps.setString(1, orgId), ApiKeyRepository::policy);
    }

    /** Creates or replaces the organization's policy; concurrent saves serialise on the row. */
    public void save(KeyPolicyEntity policy) {
        sql.update("policy save", SAVE_POLICY, ps -> {
            ps.setString(1, policy.orgId());
            ps.setBoolean(2, policy.rotationHardExpiry());
            setInstant(ps, 3, policy.updatedAt());
            ps.setString(4, policy.updatedBy());
        });
    }

    /** When and from where a key was last used. */
    public record LastUse(Instant at, String clientIp) {
    }

    /** One statement for a whole window of uses; never moves last_used_at backwards. */
    public void markUsed(Map<String, LastUse> lastUse) {
        if (lastUse.isEmpty()) {
            return;
        }
        String[] ids = lastUse.keySet().toArray(String[]::new);
        // ISO-8601 in UTC: java.sql.Timestamp would go as the JVM's local time, an hour off in a DST overlap.
        String[] times = new String[ids.length];
        String[] ips = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            times[i] = lastUse.get(ids[i]).at().toString();
            ips[i] = lastUse.get(ids[i]).clientIp() == null ? "" : lastUse.get(ids[i]).clientIp();
        }
        sql.update("key usage update", MARK_USED, ps -> {
            ps.setArray(1, textArray(ps, ids));
            ps.setArray(2, textArray(ps, times));
            ps.setArray(3, textArray(ps, ips));
        });
    }

    private static Sql.Binder owned(String orgId, String id) {
        return ps -> {
            ps.setString(1, id);
            ps.setString(2, orgId);
        };
    }

    private static String[] rateLimits(ApiKeyEntity key) {
        return RateLimitPolicy.wireForms(key.rateLimits).toArray(String[]::new);
    }

    private static Array textArray(PreparedStatement ps, String[] values) throws SQLException {
        return ps.getConnection().createArrayOf("text", values);
    }

    private static KeyPolicyEntity policy(ResultSet rs) throws SQLException {
        return new KeyPolicyEntity(rs.getString(1), rs.getBoolean(2), instant(rs, 3), rs.getString(4));
    }

    private static ApiKeyEntity key(ResultSet rs) throws SQLException {
        ApiKeyEntity key = new ApiKeyEntity();
        key.id = rs.getString(1);
        key.orgId = rs.getString(2);
        key.name = rs.getString(3);
        key.environment = rs.getString(4);
        key.scopes = (String[]) rs.getArray(5).getArray();
        key.ipAllowlist = (String[]) rs.getArray(6).getArray();
        key.keyHash = rs.getBytes(7);
        key.maskedKey = rs.getString(8);
        key.createdBy = rs.getString(9);
        key.createdAt = instant(rs, 10);
        key.expiresAt = instant(rs, 11);
        key.rotationDueAt = instant(rs, 12);
        key.revokedAt = instant(rs, 13);
        key.rotatedFrom = rs.getString(14);
        key.rotatedTo = rs.getString(15);
        key.lastUsedAt = instant(rs, 16);
        key.plan = rs.getString(17);
        key.rateLimits = RateLimitPolicy.fromWireForms(List.of((String[]) rs.getArray(18).getArray()));
        key.lastUsedIp = rs.getString(19);
        return key;
    }
}
