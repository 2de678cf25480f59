package com.agentwallex.sdk;

import com.fasterxml.jackson.databind.JavaType;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/auth/sessions}: the signed-in user's sessions. API keys have none (403). */
public final class Sessions {

    private static final JavaType LIST = Json.listOf(Session.class);

    private final Transport transport;
    private final Credential credential;

    Sessions(Transport transport, Credential credential) {
        this.transport = transport;
        this.credential = credential;
    }

    /** The user's active sessions, newest first; {@link Session#current()} marks the caller's. */
    public List<Session> list() {
        return transport.send(Transport.Call.get("/api/v1/auth/sessions", Map.of()), credential, LIST);
    }

    /**
     * Ends one session (signs that browser or device out). Not repeated after a lost answer: when it
     * is the caller's own session, the repetition would be refused though the first did its job.
     */
    public void revoke(String id) {
        transport.send(Transport.Call.delete("/api/v1/auth/sessions/" + Transport.enc(id)).once(), credential, null);
    }

    /**
     * Signs the user out everywhere, this session included. Not repeated after a lost answer: the
     * repetition would be refused (its token ended with the first), though the first did its job.
     */
    public void revokeAll() {
        transport.send(Transport.Call.delete("/api/v1/auth/sessions").once(), credential, null);
    }
}
