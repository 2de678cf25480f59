package com.agentwallex.apikey.leaks;

import com.agentwallex.apikey.ApiKeyConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The reporters' published ECDSA public keys, fetched and kept for a while, and the check of a
 * report's signature against them. A key id we have not seen refetches (at most every 30 s), so a
 * reporter's key rotation needs no restart and a flood of made-up ids costs one fetch.
 */
@ApplicationScoped
class ReporterKeys {

    private static final Logger LOG = Logger.getLogger(ReporterKeys.class);
    private static final Duration MIN_REFETCH = Duration.ofSeconds(30);

    private final Optional<URI> url;
    private final Duration ttl;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Map<String, PublicKey> keys = Map.of();
    private volatile Instant fetchedAt = Instant.EPOCH;

    @Inject
    ReporterKeys(ApiKeyConfig config, ObjectMapper json) {
        this(config.secretScanning().keysUrl().filter(u -> !u.isBlank()).map(URI::create), config.secretScanning().keysTtl(), json);
    }

    ReporterKeys(Optional<URI> url, Duration ttl, ObjectMapper json) {
        this.url = url;
        this.ttl = ttl;
        this.json = json;
    }

    /** Whether {@code signature} (base64, DER, ECDSA with SHA-256) over {@code payload} is the named key's. */
    boolean signed(byte[] payload, String keyId, String signature) {
        if (url.isEmpty() || keyId == null || signature == null) {
            return false;
        }
        PublicKey key = key(keyId);
        if (key == null) {
            return false;
        }
        try {
            Signature check = Signature.getInstance("SHA256withECDSA");
            check.initVerify(key);
            check.update(payload);
            return check.verify(Base64.getDecoder().decode(signature.trim()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;  // not base64, not DER: not a signature
        }
    }

    private PublicKey key(String keyId) {
        Instant now = Instant.now();
        // the time first, the keys after: the fetch stores them in the other order, so keys read after a
        // fresh time are at least that fetch's
        Instant fetched = fetchedAt;
        PublicKey key = keys.get(keyId);
        boolean stale = fetched.plus(ttl).isBefore(now);
        if ((key == null || stale) && fetched.plus(MIN_REFETCH).isBefore(now)) {
            refetch(now);
            key = keys.get(keyId);
        }
        return key;
    }

    private synchronized void refetch(Instant now) {
        if (fetchedAt.plus(MIN_REFETCH).isAfter(now)) {
            return;  // another request just did
        }
        try {
            byte[] document = document();
            if (document == null) {
                return;
            }
            Map<String, PublicKey> fetched = new HashMap<>();
            for (JsonNode entry : json.readTree(document).path("public_keys")) {
                fetched.put(entry.path("key_identifier").asText(), publicKey(entry.path("key").asText()));
            }
            keys = Map.copyOf(fetched);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            LOG.warnf("secret scanning keys: could not read %s (%s); keeping %d known keys", url.get(),
                    e.getClass().getSimpleName(), keys.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Only now: a request that saw a fresh time before the keys were in would find none and
            // refuse a good report; until here it waits on this monitor, then reads what was fetched.
            fetchedAt = now;
        }
    }

    /** The keys document: over HTTPS from the reporter, or a local file (`awx up`'s own reporter). */
    private byte[] document() throws IOException, InterruptedException {
        if ("file".equals(url.get().getScheme())) {
            return Files.readAllBytes(Path.of(url.get()));
        }
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(url.get()).timeout(Duration.ofSeconds(5))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            LOG.warnf("secret scanning keys: %s answered %d; keeping %d known keys", url.get(), answer.statusCode(),
                    keys.size());
            return null;
        }
        return answer.body();
    }

    private static PublicKey publicKey(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
