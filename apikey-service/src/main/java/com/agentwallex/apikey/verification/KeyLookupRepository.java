package com.agentwallex.apikey.verification;

import static com.agentwallex.common.jdbc.Sql.instant;

import com.agentwallex.apikey.core.ApiKeyEntity;
import com.agentwallex.common.net.IpAllowlist;
import com.agentwallex.contract.apikey.ApiKeyFormat.Environment;
import com.agentwallex.contract.apikey.Scope;
import com.agentwallex.common.jdbc.Sql;
import com.agentwallex.common.plan.OrganizationPlans;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The cold path: one key by its hash, with its organization's policy, in one round trip. Through
 * {@link Sql} but outside any transaction, on an auto-commit connection, and deliberately not
 * {@code @Transactional(MANDATORY)} like the other repositories (ADR 24): a read of one row needs
 * neither a JTA transaction nor an entity, and this runs for every key a replica has not seen lately.
 */
@ApplicationScoped
class KeyLookupRepository {

    private static final String SQL = """
            SELECT k.id, k.org_id, k.environment, k.scopes, k.ip_allowlist, k.expires_at, k.rotation_due_at,
                   k.revoked_at, k.rotated_to, k.plan, COALESCE(p.rotation_hard_expiry, false), k.rate_limits
            FROM api_keys k LEFT JOIN key_policies p ON p.org_id = k.org_id
            WHERE k.key_hash = ?""";

    private final Sql sql;
    private final OrganizationPlans plans;

    KeyLookupRepository(AgroalDataSource dataSource, OrganizationPlans plans) {
        this.sql = new Sql(dataSource);
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
        return sql.one("key lookup", SQL, query -> query.setBytes(1, hash), this::key).orElse(null);
    }

    private CachedKey key(ResultSet row) throws SQLException {
        Instant rotationDueAt = instant(row, 7);
        return new CachedKey(row.getString(1), row.getString(2),
                Environment.fromWireName(row.getString(3)).orElseThrow(),
                canonicalScopes((String[]) row.getArray(4).getArray()),
                IpAllowlist.fromStored((String[]) row.getArray(5).getArray()),
                ApiKeyEntity.effectiveExpiry(instant(row, 6), rotationDueAt, row.getBoolean(11)),
                rotationDueAt, instant(row, 8), row.getString(9) != null, plans.current(row.getString(2), row.getString(10)).intern(),
                List.of((String[]) row.getArray(12).getArray()), new CachedKey.Memo());
    }
}
