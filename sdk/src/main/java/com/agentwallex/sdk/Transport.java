package com.agentwallex.sdk;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * One call to the API: the request built, sent on the caller's HttpClient, retried when that is
 * safe, and its answer read as a value or as a problem. Everything the SDK sends passes here, so
 * the rules about retries and secrets are kept in one place.
 */
final class Transport {

    private static final System.Logger LOG = System.getLogger("com.agentwallex.sdk");
    static final String USER_AGENT = "agentwallex-java/" + version();
    private static final Set<Integer> RETRIED_STATUSES = Set.of(429, 502, 503, 504);
    private static final String JSON = "application/json, application/problem+json";
    private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "PUT", "DELETE");

    /** How a retry waits; tests replace it so they never sleep. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * A request of the API: what to send, not how. {@code idempotencyKey} is set on creations and
     * rotations; {@code onlyOnce} on a call that must not be repeated though its method would allow it.
     */
    record Call(String method, String path, Map<String, String> query, Object body, String idempotencyKey, boolean onlyOnce) {

        Call(String method, String path, Map<String, String> query, Object body) {
            this(method, path, query, body, null, false);
        }

        static Call get(String path, Map<String, String> query) {
            return new Call("GET", path, query, null);
        }

        static Call post(String path, Object body) {
            return new Call("POST", path, Map.of(), body);
        }

        /** A form post (the OAuth token endpoint); never repeated: each attempt would make a new token. */
        static Call form(String path, Map<String, String> fields) {
            return new Call("POST", path, Map.of(), new Form(fields));
        }

        static Call delete(String path) {
            return new Call("DELETE", path, Map.of(), null);
        }

        /** The same call with an Idempotency-Key: the caller's, or a fresh one shared by every retry of it. */
        Call idempotent(String key) {
            return new Call(method, path, query, body, key != null ? key : UUID.randomUUID().toString(), onlyOnce);
        }

        /**
         * The same call, never repeated: one that ends the credential it is made with (signing out
         * everywhere) would get a 401 on its repetition after a lost answer, for a change that was made.
         */
        Call once() {
            return new Call(method, path, query, body, idempotencyKey, true);
        }

        boolean safeToRepeat() {
            return !onlyOnce && (IDEMPOTENT_METHODS.contains(method) || idempotencyKey != null);
        }
    }

    /** An {@code application/x-www-form-urlencoded} body. */
    record Form(Map<String, String> fields) {
        byte[] encoded() {
            StringJoiner form = new StringJoiner("&");
            fields.forEach((name, value) -> form.add(enc(name) + "=" + enc(value)));
            return form.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    private final HttpClient http;
    private final URI base;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final Sleeper sleeper;

    Transport(HttpClient http, URI base, RetryPolicy retry, Duration timeout, Sleeper sleeper) {
        this.http = http;
        this.base = base;
        this.retry = retry;
        this.timeout = timeout;
        this.sleeper = sleeper;
    }

    URI base() {
        return base;
    }

    /** The answer's body as {@code type}; null for a 204 or when {@code type} is null. */
    <T> T send(Call call, Credential credential, JavaType type) {
        return exchange(call, credential, JSON, (status, in) -> {
            byte[] body = in.readAllBytes();
            return type == null || status == 204 || body.length == 0 ? null : read(body, type);
        }, () -> false);
    }

    /**
     * The answer's body copied to {@code out} as it arrives, never held whole (an export). An attempt
     * that fails before its first byte is repeated; one that fails after it is not, since what it
     * wrote cannot be taken back and a repetition would add a second copy behind half the first.
     */
    void download(Call call, Credential credential, String accept, OutputStream out) {
        long[] written = {0};
        exchange(call, credential, accept + ", application/problem+json", (status, in) -> {
            byte[] buffer = new byte[16384];
            for (int n; (n = in.read(buffer)) >= 0; written[0] += n) {
                try {
                    in.handOver(out, buffer, n);
                } catch (IOException e) {
                    // the caller's stream failed (a full disk), not the answer: another attempt would fail alike
                    throw new AgentWallexException("Could not write the answer of " + call.method() + " " + call.path()
                            + " after " + written[0] + " bytes: " + e.getMessage(), e);
                }
            }
            return null;
        }, () -> written[0] > 0);
    }

    /** What is done with a successful answer's body. */
    private interface Success<T> {
        T read(int status, IdleTimeoutStream body) throws IOException;
    }

    private <T> T exchange(Call call, Credential credential, String accept, Success<T> success, BooleanSupplier delivered) {
        byte[] body = call.body() == null ? null
                : call.body() instanceof Form form ? form.encoded() : write(call.body());
        for (int attempt = 0;; attempt++) {
            HttpResponse<InputStream> response;
            IdleTimeoutStream answer;
            try {
                // built anew each time: a session's access token may have been refreshed meanwhile
                response = http.send(request(call, credential, body, accept), HttpResponse.BodyHandlers.ofInputStream());
                answer = new IdleTimeoutStream(response.body(), timeout);
                if (response.statusCode() < 300) {
                    try (IdleTimeoutStream in = answer) {
                        return success.read(response.statusCode(), in);
                    }
                }
            } catch (IOException e) {
                boolean repeatable = call.safeToRepeat() && !delivered.getAsBoolean();
                Duration wait = repeatable ? retry.delayBefore(attempt, null) : null;
                if (wait == null) {
                    throw ApiException.of(new ApiException.Problem(null, "Unavailable", 0, "No answer from " + base
                            + " to " + call.method() + " " + call.path() + ": " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()) + whyNotRepeated(call, repeatable),
                            null, null, null), e);
                }
                pause(call, "no answer (" + e.getClass().getSimpleName() + ")", wait, attempt);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AgentWallexException("Interrupted during " + call.method() + " " + call.path(), e);
            }
            int status = response.statusCode();
            ApiException.Problem problem = problem(response, answer);
            Duration wait = RETRIED_STATUSES.contains(status) && call.safeToRepeat()
                    ? retry.delayBefore(attempt, problem.retryAfter()) : null;
            if (wait == null) {
                throw ApiException.of(problem, null);
            }
            pause(call, String.valueOf(status), wait, attempt);
        }
    }

    /** Said when a call that could otherwise have been repeated is not. */
    private static String whyNotRepeated(Call call, boolean repeatable) {
        if (call.safeToRepeat() && !repeatable) {
            return " (the answer broke off after part of it was written)";
        }
        return call.onlyOnce() ? " (it may have been carried out; it is not repeated)" : "";
    }

    private HttpRequest request(Call call, Credential credential, byte[] body, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(call.path(), call.query()))
                .timeout(timeout)
                .header("Accept", accept)
                .header("User-Agent", USER_AGENT);
        credential.authorize(request);
        if (call.idempotencyKey() != null) {
            request.header("Idempotency-Key", call.idempotencyKey());
        }
        if (body != null) {
            request.header("Content-Type", call.body() instanceof Form ? "application/x-www-form-urlencoded" : "application/json")
                    .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        return request.build();
    }

    URI uri(String path, Map<String, String> query) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> {
            if (value != null) {
                q.add(enc(name) + "=" + enc(value));
            }
        });
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1) : base.toString();
        return URI.create(root + path + q);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private void pause(Call call, String why, Duration wait, int attempt) {
        // method and path only: headers and bodies, where keys and tokens travel, are never logged
        LOG.log(System.Logger.Level.DEBUG, "{0} {1}: {2}; retry {3} of {4} in {5} ms", call.method(), call.path(), why,
                attempt + 1, retry.maxRetries(), wait.toMillis());
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentWallexException("Interrupted while waiting to retry " + call.method() + " " + call.path(), e);
        }
    }

    private static ApiException.Problem problem(HttpResponse<InputStream> answer, InputStream body) {
        byte[] bytes;
        try (InputStream in = body) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            bytes = new byte[0];  // described from the status alone
        }
        return problem(answer.statusCode(), answer.headers(), bytes);
    }

    private static ApiException.Problem problem(int status, HttpHeaders headers, byte[] body) {
        Duration retryAfter = retryAfter(headers);
        String requestId = headers.firstValue("X-Request-Id").orElse(null);
        String contentType = headers.firstValue("Content-Type").orElse("");
        if (contentType.contains("json") && body.length > 0) {
            try {
                JsonNode p = Json.MAPPER.readTree(body);
                if (p.hasNonNull("error") && !p.has("type")) {
                    // the token endpoint answers as OAuth does (RFC 6749 §5.2): its error code is the type
                    return new ApiException.Problem(text(p, "error"), text(p, "error"), status,
                            text(p, "error_description"), p.hasNonNull("request_id") ? p.get("request_id").asText()
                            : requestId, null, retryAfter);
                }
                return new ApiException.Problem(text(p, "type"), text(p, "title"), status,
                        text(p, "detail"), p.hasNonNull("request_id") ? p.get("request_id").asText() : requestId,
                        text(p, "parameter"), retryAfter);
            } catch (IOException e) {
                // not the problem it claims to be: described below from the status alone
            }
        }
        return new ApiException.Problem("about:blank", "HTTP " + status, status,
                "The API answered " + status + " without a problem document.", requestId, null, retryAfter);
    }

    private static String text(JsonNode node, String member) {
        return node.hasNonNull(member) ? node.get(member).asText() : null;
    }

    /** Seconds or an HTTP date (RFC 9110); absent or unreadable is none. */
    static Duration retryAfter(HttpHeaders headers) {
        String value = headers.firstValue("Retry-After").orElse(null);
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(java.time.Instant.now(),
                        ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (java.time.format.DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private static byte[] write(Object body) {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new AgentWallexException("Could not write the request body: " + e.getMessage(), e);
        }
    }

    private static <T> T read(byte[] body, JavaType type) {
        try {
            return Json.MAPPER.readValue(body, type);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            // the path only: Jackson's message can quote the body, and a body can hold a new key
            throw new AgentWallexException("The API's answer was not the " + type.getRawClass().getSimpleName()
                    + " this SDK expects (at " + e.getPathReference() + ")");
        } catch (IOException e) {
            throw new AgentWallexException("The API's answer was not JSON where " + type.getRawClass().getSimpleName()
                    + " was expected");
        }
    }

    static Map<String, String> query(String... namesAndValues) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return query;
    }

    private static String version() {
        String v = Transport.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
