package com.agentwallex.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentwallex.audit.verifier.AuditLogVerifier;
import com.agentwallex.audit.verifier.EventChain;
import com.agentwallex.audit.verifier.VerificationReport;
import com.agentwallex.common.crypto.P256;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckpointKeyRotationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORG = "org_rotation";

    private static IntegrityConfig config(Optional<String> key, Optional<String> previous) {
        return new IntegrityConfig() {
            public Optional<String> signingKey() {
                return key;
            }

            public Optional<String> previousPublicKeys() {
                return previous;
            }

            public boolean generateDevKey() {
                return false;
            }

            public Duration checkpointEvery() {
                return Duration.ofMinutes(1);
            }

            public int maxLinks() {
                return 10_000;
            }

            public int maxCheckpoints() {
                return 1_000;
            }
        };
    }

    private static String privateJwk() {
        return CheckpointJwk.toPrivateJwk(P256.newKeyPair(), JSON.createObjectNode()).toString();
    }

    /** One chained event and an integrity answer whose newest checkpoint {@code keys} signed over it. */
    private static VerificationReport verify(CheckpointKeys signer, CheckpointKeys published) throws Exception {
        ObjectNode event = JSON.createObjectNode().put("id", "0b7e5a52-6f0c-4d7e-9a35-2b8f3c1d4e5f")
                .put("type", "auth.login.succeeded").put("time", "2026-12-04T21:53:22.120000Z").put("source", "auth-service")
                .put("org_id", ORG).put("outcome", "success").put("seq", 1);
        event.putObject("actor").put("type", "user").put("id", "usr_1");
        event.putObject("details");
        byte[] hash = EventChain.link(EventChain.genesis(), event);
        event.put("prev_hash", EventChain.hex(EventChain.genesis())).put("hash", EventChain.hex(hash));
        ObjectNode integrity = JSON.createObjectNode().put("org_id", ORG);
        integrity.putArray("checkpoints");
        integrity.putObject("latest_checkpoint").put("seq", 1)
                .put("jws", signer.sign(Checkpoints.payload(ORG, 1, hash, Instant.now())));
        JsonNode jwks = JSON.readTree(published.jwksJson());
        return AuditLogVerifier.verify(new BufferedReader(new StringReader(event + "\n")), integrity, jwks);
    }

    @Test
    void checkpointsSignedBeforeARotationStillVerifyWithThePublishedPreviousKey() throws Exception {
        CheckpointKeys before = new CheckpointKeys(config(Optional.of(privateJwk()), Optional.empty()), JSON);
        CheckpointKeys after = new CheckpointKeys(config(Optional.of(privateJwk()), Optional.of(before.jwksJson())), JSON);

        assertThat(JSON.readTree(after.jwksJson()).get("keys")).hasSize(2);
        assertThat(verify(before, after).intact()).isTrue();
        assertThat(verify(after, after).intact()).isTrue();
    }

    @Test
    void aPreviousKeyListedTwiceIsPublishedOnceAndTwoKeysUnderOneNameRefuseTheStart() throws Exception {
        CheckpointKeys before = new CheckpointKeys(config(Optional.of(privateJwk()), Optional.empty()), JSON);
        ObjectNode twice = (ObjectNode) JSON.readTree(before.jwksJson());
        ((com.fasterxml.jackson.databind.node.ArrayNode) twice.get("keys")).add(twice.get("keys").get(0).deepCopy());
        CheckpointKeys after = new CheckpointKeys(config(Optional.of(privateJwk()), Optional.of(twice.toString())), JSON);
        assertThat(JSON.readTree(after.jwksJson()).get("keys")).hasSize(2);
        assertThat(verify(before, after).intact()).isTrue();

        String current = privateJwk();
        String currentKid = new CheckpointKeys(config(Optional.of(current), Optional.empty()), JSON).kid();
        ObjectNode impostor = (ObjectNode) JSON.readTree(before.jwksJson());
        ((ObjectNode) impostor.get("keys").get(0)).put("kid", currentKid);
        assertThatThrownBy(() -> new CheckpointKeys(config(Optional.of(current), Optional.of(impostor.toString())), JSON))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("two different checkpoint keys");
    }

    @Test
    void aCheckpointSignedByAnUnpublishedKeyIsRefused() {
        CheckpointKeys stranger = new CheckpointKeys(config(Optional.of(privateJwk()), Optional.empty()), JSON);
        CheckpointKeys ours = new CheckpointKeys(config(Optional.of(privateJwk()), Optional.empty()), JSON);
        assertThatThrownBy(() -> verify(stranger, ours)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not signed by a published key");
    }

    @Test
    void outsideDevAndTestNoKeyStopsTheStartWithAMessageNamingTheSetting() {
        assertThatThrownBy(() -> new CheckpointKeys(config(Optional.empty(), Optional.empty()), JSON))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("awx.audit.integrity.signing-key").hasMessageContaining("AWX_AUDIT_CHECKPOINT_KEY");
        assertThatThrownBy(() -> new CheckpointKeys(config(Optional.of(" "), Optional.empty()), JSON))
                .as("a blank setting, as an unset environment variable leaves it").hasMessage(CheckpointKeys.MISSING_KEY);
    }
}
