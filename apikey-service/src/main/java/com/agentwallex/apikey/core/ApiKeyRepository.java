package com.agentwallex.apikey.core;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class ApiKeyRepository {

    private final EntityManager em;

    ApiKeyRepository(EntityManager em) {
        this.em = em;
    }

    public void persist(ApiKeyEntity key) {
        em.persist(key);
    }

    /** The organization's key, locked for a change; another organization's key is simply absent. */
    public Optional<ApiKeyEntity> lockOwned(String orgId, String id) {
        ApiKeyEntity key = em.find(ApiKeyEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
        return key != null && key.orgId.equals(orgId) ? Optional.of(key) : Optional.empty();
    }

    public Optional<ApiKeyEntity> findOwned(String orgId, String id) {
        ApiKeyEntity key = em.find(ApiKeyEntity.class, id);
        return key != null && key.orgId.equals(orgId) ? Optional.of(key) : Optional.empty();
    }

    /** Newest first; {@code after} is the last key of the previous page. */
    public List<ApiKeyEntity> page(String orgId, ApiKeyEntity after, int limit) {
        String where = after == null ? "" : " and (createdAt < :at or (createdAt = :at and id < :id))";
        var query = em.createQuery("from ApiKeyEntity where orgId = :org" + where
                + " order by createdAt desc, id desc", ApiKeyEntity.class).setParameter("org", orgId);
        if (after != null) {
            query.setParameter("at", after.createdAt).setParameter("id", after.id);
        }
        return query.setMaxResults(limit).getResultList();
    }

    public boolean rotationHardExpiry(String orgId) {
        return policy(orgId).map(p -> p.rotationHardExpiry).orElse(false);
    }

    public Optional<KeyPolicyEntity> policy(String orgId) {
        return Optional.ofNullable(em.find(KeyPolicyEntity.class, orgId));
    }

    /** The policy row locked for a change, so two concurrent changes serialise. */
    public Optional<KeyPolicyEntity> lockPolicy(String orgId) {
        return Optional.ofNullable(em.find(KeyPolicyEntity.class, orgId, LockModeType.PESSIMISTIC_WRITE));
    }

    public void persist(KeyPolicyEntity policy) {
        em.persist(policy);
    }

    /** One statement for a whole window of uses; never moves last_used_at backwards. */
    public void markUsed(Map<String, Instant> lastUse) {
        if (lastUse.isEmpty()) {
            return;
        }
        String[] ids = lastUse.keySet().toArray(String[]::new);
        java.sql.Timestamp[] times = new java.sql.Timestamp[ids.length];
        for (int i = 0; i < ids.length; i++) {
            times[i] = java.sql.Timestamp.from(lastUse.get(ids[i]));
        }
        em.createNativeQuery("""
                UPDATE api_keys k SET last_used_at = GREATEST(k.last_used_at, u.used_at)
                FROM unnest(CAST(:ids AS text[]), CAST(:times AS timestamptz[])) AS u(id, used_at)
                WHERE k.id = u.id""")
                .setParameter("ids", ids).setParameter("times", times).executeUpdate();
    }
}
