package com.agentwallex.audit.integrity;

import com.agentwallex.audit.verifier.AuditLogVerifier;
import com.agentwallex.common.crypto.P256;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * audit-service's own ES256 key, apart from auth-service's token keys: a checkpoint vouches for a
 * log, not for a caller, and rotating one must not touch the other. Its public keys, current and
 * previous, are the JWKS a verifier needs and nothing else.
 */
@ApplicationScoped
@Startup // a missing key stops the start, not the first checkpoint a minute later
class CheckpointKeys {

    private static final Logger LOG = Logger.getLogger(CheckpointKeys.class);
    static final String MISSING_KEY = "awx.audit.integrity.signing-key (AWX_AUDIT_CHECKPOINT_KEY) is not set: audit-service"
            + " signs the audit log's checkpoints with it and does not start without it outside dev and test."
            + " Set it to a private EC P-256 JWK, e.g. the output of"
            + " `java -cp 'quarkus-app/lib/main/*:quarkus-app/app/*' com.agentwallex.audit.integrity.CheckpointJwk`"
            + " (deploy/README.md, Secret awx-audit-service, key checkpoint-key)";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey current;
    private final String kid;
    private final String jwksJson;

    CheckpointKeys(IntegrityConfig config, ObjectMapper json) {
        JsonNode currentJwk = config.signingKey().filter(s -> !s.isBlank()).map(s -> read(json, s)).orElseGet(() -> {
            if (!config.generateDevKey()) {
                // Without checkpoints a superuser's rewrite of the whole chain goes unseen and an export cut
                // at its end still verifies: no key is a deployment mistake, refused at start rather than
                // found by a tenant. Every deployment has the key (Secret awx-audit-service, checkpoint-key).
                throw new IllegalStateException(MISSING_KEY);
            }
            LOG.warn("generated a throw-away checkpoint key (dev/test only): its checkpoints cannot be verified after a restart");
            return CheckpointJwk.toPrivateJwk(P256.newKeyPair(), json.createObjectNode());
        });
        this.current = CheckpointJwk.privateKey(currentJwk);
        this.kid = CheckpointJwk.kid(currentJwk);
        // One key per kid: a verifier refuses a JWKS naming two (which one signed would be ambiguous), so a
        // key listed twice is published once, and two different keys under one name refuse the start.
        Map<String, ObjectNode> byKid = new LinkedHashMap<>();
        byKid.put(kid, CheckpointJwk.publicJwk(currentJwk, kid, json.createObjectNode()));
        config.previousPublicKeys().filter(s -> !s.isBlank()).map(s -> read(json, s).path("keys"))
                .ifPresent(previous -> previous.forEach(k -> {
                    String id = CheckpointJwk.kid(k);
                    ObjectNode key = CheckpointJwk.publicJwk(k, id, json.createObjectNode());
                    ObjectNode known = byKid.putIfAbsent(id, key);
                    if (known != null && !(known.path("x").equals(key.path("x")) && known.path("y").equals(key.path("y")))) {
                        throw new IllegalStateException("two different checkpoint keys are named " + id
                                + " (AWX_AUDIT_CHECKPOINT_KEY, AWX_AUDIT_CHECKPOINT_PREVIOUS_KEYS)");
                    }
                }));
        ArrayNode keys = json.createArrayNode();
        byKid.values().forEach(keys::add);
        ObjectNode jwks = json.createObjectNode();
        jwks.set("keys", keys);
        this.jwksJson = jwks.toString();
    }

    String kid() {
        return kid;
    }

    String jwksJson() {
        return jwksJson;
    }

    /** A compact JWS (ES256, this key's kid) over {@code payload}. */
    String sign(String payload) {
        String header = "{\"alg\":\"ES256\",\"kid\":\"" + kid + "\",\"typ\":\"" + AuditLogVerifier.CHECKPOINT_TYPE + "\"}";
        String input = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            // P1363 is JWS's R || S layout; one signature per organization per interval, so SunEC is fast enough.
            Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
            es256.initSign(current);
            es256.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(es256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ES256 signing failed", e);
        }
    }

    private static JsonNode read(ObjectMapper json, String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("the checkpoint key setting is not JSON", e);
        }
    }
}
