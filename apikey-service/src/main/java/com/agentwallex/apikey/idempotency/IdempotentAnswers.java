package com.agentwallex.apikey.idempotency;

import com.agentwallex.apikey.core.Caller;
import com.agentwallex.apikey.idempotency.IdempotentAnswerRepository.Stored;
import com.agentwallex.common.crypto.Sha256;
import com.agentwallex.contract.problem.ApiException;
import com.agentwallex.common.web.CacheControls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Stripe's {@code Idempotency-Key} for key creation and rotation: the first request with a key runs
 * and its answer is kept for 24 h; a retry with the same key and the same request gets that answer
 * again (with {@code Idempotent-Replayed: true}) instead of a second key; the same key with another
 * request is a 409. Without the header every request runs.
 *
 * <p>A key belongs to the user who sent it, not to their organization: the answer holds a full API
 * key, and another member who learns or guesses the Idempotency-Key (a client that derives it from
 * the request, a header in a shared log) must not get that key back by sending it again.
 */
@ApplicationScoped
public class IdempotentAnswers {

    /** What a creation answered: 201, where the new resource is, and its body. */
    public record Created(URI location, Object body) {
    }

    private final IdempotentAnswerRepository answers;
    private final AnswerCipher cipher;
    private final ObjectMapper json;

    IdempotentAnswers(IdempotentAnswerRepository answers, AnswerCipher cipher, ObjectMapper json) {
        this.answers = answers;
        this.cipher = cipher;
        this.json = json;
    }

    /**
     * Runs {@code action} once per (organization, user, Idempotency-Key), in one transaction with
     * the change it makes. {@code request} is what the client asked, as received: it tells a retry from
     * a different request.
     */
    @Transactional
    public Response once(Caller caller, String idempotencyHeader, String operation, Object request, Supplier<Created> action) {
        String key = IdempotencyKey.of(idempotencyHeader);
        if (key == null) {
            return respond(action.get());
        }
        String orgId = caller.orgId();
        AnswerCipher.Scope scope = new AnswerCipher.Scope(orgId, caller.userId(), key);
        byte[] keyDigest = cipher.digest(scope);
        byte[] requestDigest = Sha256.of(operation + "\n" + write(request));
        answers.lock(keyDigest);
        Optional<Stored> stored = answers.find(orgId, keyDigest);
        if (stored.isPresent()) {
            if (!MessageDigest.isEqual(stored.get().requestDigest(), requestDigest)) {
                throw new ApiException(409, "idempotency_key_reused", "Idempotency key reused",
                        "This Idempotency-Key was used for a different request in the last 24 hours; use a new key.");
            }
            byte[] body = cipher.open(scope, stored.get().answer());
            return Response.status(stored.get().status()).location(URI.create(stored.get().location()))
                    .type(MediaType.APPLICATION_JSON).entity(body).cacheControl(CacheControls.noStore())
                    .header("Idempotent-Replayed", "true").build();
        }
        Created created = action.get();
        byte[] body = write(created.body()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        answers.insert(orgId, keyDigest, requestDigest, 201, created.location().toString(), cipher.seal(scope, body));
        return respond(created);
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purgeExpired() {
        answers.purgeExpired();
    }

    private static Response respond(Created created) {
        return Response.created(created.location()).entity(created.body()).cacheControl(CacheControls.noStore()).build();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the answer cannot be written as JSON", e);
        }
    }
}
