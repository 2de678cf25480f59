package com.agentwallex.apikey.verification;

import com.agentwallex.apikey.core.ApiKeyEntity;
import com.agentwallex.common.net.IpAllowlist;
import com.agentwallex.common.apikey.ApiKeyFormat.Environment;
import com.agentwallex.common.apikey.Scope;
import com.agentwallex.common.plan.OrganizationPlans;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The cold path: one key by its hash, with its organization's policy, in one round trip. Plain
 * JDBC on an auto-commit connection: a read of one row needs neither a JTA transaction nor an
 * entity, and this runs for every key a replica has not seen lately.
 */
@ApplicationScoped
class KeyLookupRepository {

    private static final String SQL = """
            SELECT k.id, k.org_id, k.environment, k.scopes, k.ip_allowlist, k.expires_at, k.rotation_due_at,
                   k.revoked_at, k.rotated_to, k.plan, COALESCE(p.rotation_hard_expiry, false), k.rate_limits
            FROM api_keys k LEFT JOIN key_policies p ON p.org_id = k.org_id
            WHERE k.key_hash = ?""";

    private final AgroalDataSource dataSource;
    private final OrganizationPlans plans;

    KeyLookupRepository(AgroalDataSource dataSource, OrganizationPlans plans) {
        this.dataSource = dataSource;
        this.plans = plans;
    }

    /**
     * Scope and plan names come from small fixed catalogues: the cached keys share one instance of each
     * instead of holding a copy per key (a full cache is 100,000 keys in a heap of 128 MB).
     */
    private static List<String> canonicalScopes(String[] stored) {
        for (int i = 0; i < stored.length; i++) {
            String name = stored[i];
            stored[i] = Scope.fromWireName(name).map(Scope::wireName).orElse(name);
        }
        return List.of(stored);
    }

    /**
     * The plan is the organization's current one: the stored plan is the one it had when the key last
     * changed, right only while the organization has not changed plan since.
     *
     * @return null when no key has this hash
     */
    CachedKey find(byte[] hash) {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(SQL)) {
            query.setBytes(1, hash);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                Instant rotationDueAt = instant(row, 7);
                return new CachedKey(row.getString(1), row.getString(2),
                        Environment.fromWireName(row.getString(3)).orElseThrow(),
                        canonicalScopes((String[]) row.getArray(4).getArray()),
                        IpAllowlist.fromStored((String[]) row.getArray(5).getArray()),
                        ApiKeyEntity.effectiveExpiry(instant(row, 6), rotationDueAt, row.getBoolean(11)),
                        rotationDueAt, instant(row, 8), row.getString(9) != null, plans.current(row.getString(2), row.getString(10)).intern(),
                        List.of((String[]) row.getArray(12).getArray()), new CachedKey.Memo());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("key lookup failed", e);
        }
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
