package com.agentwallex.auth.account;

import static com.agentwallex.common.jdbc.Sql.instant;
import static com.agentwallex.common.jdbc.Sql.setInstant;

import com.agentwallex.common.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Users and organizations in plain SQL on the transaction's connection (ADR 13, 24). */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AccountRepository {

    private static final String USER_COLUMNS = "id, issuer, subject, email, name, org_id, created_at, last_login_at";
    private static final String USER_BY_IDENTITY = "SELECT " + USER_COLUMNS + " FROM app_user WHERE issuer = ? AND subject = ?";
    private static final String USER_BY_ID = "SELECT " + USER_COLUMNS + " FROM app_user WHERE id = ?";
    private static final String INSERT_USER = "INSERT INTO app_user (" + USER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String RECORD_LOGIN = "UPDATE app_user SET email = ?, last_login_at = ? WHERE id = ?";
    private static final String ORGANIZATION_BY_ID = "SELECT id, name, plan, created_at FROM organization WHERE id = ?";
    private static final String LOCK_ORGANIZATION = ORGANIZATION_BY_ID + " FOR UPDATE";
    private static final String UPDATE_PLAN =
            "UPDATE organization SET plan = ?, plan_version = plan_version + 1 WHERE id = ? RETURNING plan_version";
    private static final String LOCK_IDENTITY = "SELECT pg_advisory_xact_lock(hashtextextended('app_user_identity ' || ? || ' ' || ?, 0))";
    private static final String INSERT_ORGANIZATION = "INSERT INTO organization (id, name, plan, created_at) VALUES (?, ?, ?, ?)";

    private final Sql sql;

    AccountRepository(AgroalDataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /**
     * Holds the provider identity until the transaction ends, so that two first sign-ins of one person
     * at once (two tabs) register one user: the second waits, then finds the first's.
     */
    public void lockIdentity(String issuer, String subject) {
        sql.one("identity lock", LOCK_IDENTITY, ps -> {
            ps.setString(1, issuer);
            ps.setString(2, subject);
        }, rs -> Boolean.TRUE);
    }

    public Optional<UserEntity> userByIdentity(String issuer, String subject) {
        return sql.one("user lookup", USER_BY_IDENTITY, ps -> {
            ps.setString(1, issuer);
            ps.setString(2, subject);
        }, AccountRepository::user);
    }

    public Optional<UserEntity> user(String id) {
        return sql.one("user lookup", USER_BY_ID, ps -> ps.setString(1, id), AccountRepository::user);
    }

    public Optional<OrganizationEntity> organization(String id) {
        return sql.one("organization lookup", ORGANIZATION_BY_ID, ps -> ps.setString(1, id), AccountRepository::organization);
    }

    /** The organization, locked until the transaction ends: plan changes of one organization queue up. */
    public Optional<OrganizationEntity> lockOrganization(String id) {
        return sql.one("organization lock", LOCK_ORGANIZATION, ps -> ps.setString(1, id), AccountRepository::organization);
    }

    /** Sets the plan of an organization locked by {@link #lockOrganization}; returns the plan's new version. */
    public long updatePlan(String orgId, String plan) {
        return sql.one("plan update", UPDATE_PLAN, ps -> {
            ps.setString(1, plan);
            ps.setString(2, orgId);
        }, rs -> rs.getLong(1)).orElseThrow();
    }

    public void insert(OrganizationEntity org) {
        sql.update("organization insert", INSERT_ORGANIZATION, ps -> {
            ps.setString(1, org.id());
            ps.setString(2, org.name());
            ps.setString(3, org.plan());
            setInstant(ps, 4, org.createdAt());
        });
    }

    public void insert(UserEntity user) {
        sql.update("user insert", INSERT_USER, ps -> {
            ps.setString(1, user.id());
            ps.setString(2, user.issuer());
            ps.setString(3, user.subject());
            ps.setString(4, user.email());
            ps.setString(5, user.name());
            ps.setString(6, user.orgId());
            setInstant(ps, 7, user.createdAt());
            setInstant(ps, 8, user.lastLoginAt());
        });
    }

    /** The provider's current email (it may change) and the time of this sign-in. */
    public void recordLogin(String userId, String email, Instant at) {
        sql.update("user update", RECORD_LOGIN, ps -> {
            ps.setString(1, email);
            setInstant(ps, 2, at);
            ps.setString(3, userId);
        });
    }

    private static OrganizationEntity organization(ResultSet rs) throws SQLException {
        return new OrganizationEntity(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4));
    }

    private static UserEntity user(ResultSet rs) throws SQLException {
        return new UserEntity(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), instant(rs, 7), instant(rs, 8));
    }
}
