package com.agentwallex.common.auth;

import com.agentwallex.common.crypto.Es256;
import com.agentwallex.contract.problem.UnavailableException;
import io.quarkus.arc.DefaultBean;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * auth-service's public keys by kid. Refreshed on a schedule, and on an unknown kid at most once
 * per minimum interval, so a flood of invented kids cannot turn into a flood of fetches. Only
 * P-256 keys are kept: ES256 is the one algorithm we accept. Fetches never block a caller. A kid we
 * do not know while the JWKS cannot be fetched is our outage, not the caller's fault: 503, not 401.
 */
@Singleton
@DefaultBean
@IfBuildProperty(name = "awx.request-auth.enabled", stringValue = "true")
class JwksKeys implements AccessTokenKeys {

    private static final Logger LOG = Logger.getLogger(JwksKeys.class);

    private final URI uri;
    private final long refreshNanos;
    private final long minRefetchNanos;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicReference<CompletableFuture<Map<String, PublicKey>>> inFlight = new AtomicReference<>();
    private volatile Map<String, PublicKey> keys = Map.of();
    private volatile long fetchedAt = System.nanoTime() - Long.MAX_VALUE / 2;
    private volatile boolean lastFetchFailed;

    @Inject
    JwksKeys(RequestAuthConfig config) {
        this(URI.create(config.tokens().jwksUrl()), config.tokens().jwksRefresh(), config.tokens().jwksMinRefetch());
    }

    JwksKeys(URI uri, Duration refresh, Duration minRefetch) {
        this.uri = uri;
        this.refreshNanos = refresh.toNanos();
        this.minRefetchNanos = minRefetch.toNanos();
    }

    /**
     * The key for a kid; completes with null when auth-service does not publish it, and fails with
     * 503 when the kid is unknown and the JWKS could not be fetched (it may be a key we have not seen).
     */
    @Override
    public CompletableFuture<PublicKey> key(String kid) {
        long age = System.nanoTime() - fetchedAt;
        PublicKey known = kid == null ? null : keys.get(kid);
        if (known != null && age < refreshNanos) {
            return CompletableFuture.completedFuture(known);
        }
        if (age < minRefetchNanos) {
            return known == null && lastFetchFailed ? CompletableFuture.failedFuture(unavailable())
                    : CompletableFuture.completedFuture(known);
        }
        return refresh().handle((fresh, error) -> {
            if (fresh == null && known == null) {
                throw unavailable();
            }
            // A fetched set is the truth: a kid it no longer names (a withdrawn key) is unknown now.
            return fresh != null ? (kid == null ? null : fresh.get(kid)) : known;
        });
    }

    private static UnavailableException unavailable() {
        return new UnavailableException("The signing keys cannot be fetched right now; retry shortly.", 2);
    }

    private CompletableFuture<Map<String, PublicKey>> refresh() {
        CompletableFuture<Map<String, PublicKey>> mine = new CompletableFuture<>();
        CompletableFuture<Map<String, PublicKey>> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        fetch().whenComplete((json, error) -> {
            Throwable failure = error;
            if (failure == null) {
                try {
                    keys = parse(json);
                } catch (JoseException | RuntimeException e) {
                    LOG.warnf("the JWKS from %s is unreadable: %s", uri, e.toString());
                    failure = e;
                }
            } else {
                LOG.warnf("cannot fetch the JWKS from %s: %s", uri, error.toString());
            }
            // The keys and the verdict first, the fetch time after: a caller that sees the new time (and so
            // no reason to fetch) must also see what the fetch brought, never the empty map before it.
            lastFetchFailed = failure != null;
            fetchedAt = System.nanoTime();
            inFlight.set(null);
            if (failure == null) {
                mine.complete(keys);
            } else {
                mine.completeExceptionally(failure);
            }
        });
        return mine;
    }

    private CompletableFuture<String> fetch() {
        if ("file".equals(uri.getScheme())) {
            try {
                return CompletableFuture.completedFuture(Files.readString(Path.of(uri)));
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("JWKS answered " + response.statusCode());
            }
            return response.body();
        });
    }

    private static Map<String, PublicKey> parse(String json) throws JoseException {
        Map<String, PublicKey> parsed = new HashMap<>();
        for (JsonWebKey jwk : new JsonWebKeySet(json).getJsonWebKeys()) {
            if (jwk instanceof EllipticCurveJsonWebKey ec && EllipticCurves.P_256.equals(ec.getCurveName())
                    && jwk.getKeyId() != null && (jwk.getAlgorithm() == null || "ES256".equals(jwk.getAlgorithm()))) {
                parsed.put(jwk.getKeyId(), Es256.verificationKey(ec.getECPublicKey()));
            }
        }
        return Map.copyOf(parsed);
    }
}
