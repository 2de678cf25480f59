package com.agentwallex.sdk;

import java.util.List;

/**
 * Who the API takes the caller to be ({@code GET /api/v1/auth/me}): {@code type} is {@code user}
 * (with {@link #user()} and {@link #session()}) or {@code api_key} (with {@link #apiKey()}).
 */
public record Caller(String type, User user, Key apiKey, Organization organization, Session session) {

    public record User(String id, String email, String name) {
    }

    /** The calling key's id, environment and scopes; never the key itself. */
    public record Key(String id, Environment environment, List<String> scopes) {
    }

    public record Organization(String id, String name, String plan) {
    }
}
