package com.agentwallex.auth.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Optional;

@ApplicationScoped
public class AccountRepository {

    private final EntityManager em;

    AccountRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<UserEntity> userByIdentity(String issuer, String subject) {
        return em.createQuery("from UserEntity where issuer = :issuer and subject = :subject", UserEntity.class)
                .setParameter("issuer", issuer).setParameter("subject", subject)
                .getResultStream().findFirst();
    }

    public UserEntity user(String id) {
        return em.find(UserEntity.class, id);
    }

    public OrganizationEntity organization(String id) {
        return em.find(OrganizationEntity.class, id);
    }

    public void persist(Object entity) {
        em.persist(entity);
    }
}
