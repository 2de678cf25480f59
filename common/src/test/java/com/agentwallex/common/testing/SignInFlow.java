package com.agentwallex.common.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A browser walking the sign-in through the real local OIDC provider: redirects followed by
 * hand, cookies kept, the provider's login form filled in.
 */
public final class SignInFlow {

    private final HttpClient browser;
    private final URI base;
    private final String userAgent;
    private final List<String> visited = new ArrayList<>();

    public SignInFlow(URI base) {
        this(base, "awx-tests");
    }

    /** A distinct User-Agent lets a test find the audit events of its own requests. */
    public SignInFlow(URI base, String userAgent) {
        this.base = base;
        this.userAgent = userAgent;
        this.browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build();
    }

    /** Every URL this browser requested, in order. */
    public List<String> visited() {
        return List.copyOf(visited);
    }

    public record Step(int status, String body, HttpHeaders headers) {
        /** Where a redirect points, or null. */
        public String location() {
            return headers.firstValue("Location").orElse(null);
        }
    }

    public Step get(String url) {
        return send(HttpRequest.newBuilder(base.resolve(url)).header("User-Agent", userAgent).GET().build());
    }

    /** POSTs JSON to our service from this browser: its cookies go with it, as a page's fetch sends them. */
    public Step postJson(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("User-Agent", userAgent)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Starts at /auth/google/redirect and stops at the first answer that is not a redirect to us or the provider. */
    public Step signIn(String returnTo, String username, String claimsJson) {
        return signInWith(returnTo == null ? "" : "return_to=" + enc(returnTo), username, claimsJson);
    }

    /** The same, starting with the given query string (return_to, code_challenge, …; already encoded). */
    public Step signInWith(String query, String username, String claimsJson) {
        String start = "/auth/google/redirect" + (query.isEmpty() ? "" : "?" + query);
        // A start without a challenge where one is required first comes back to us with one.
        Step step = followOwn(get(start));
        if (step.status() != 302) {
            return step;
        }
        Step loginPage = get(step.location());
        if (loginPage.status() != 200) {
            return loginPage;
        }
        Step callback = submitLogin(step.location(), username, claimsJson);
        return followOwn(callback);
    }

    /** Posts the provider's login form (it posts back to its own URL, query string included). */
    public Step submitLogin(String authorizeUrl, String username, String claimsJson) {
        String form = Map.of("username", username, "claims", claimsJson == null ? "" : claimsJson).entrySet().stream()
                .map(e -> e.getKey() + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(authorizeUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /** Follows redirects while they stay on our service. */
    public Step followOwn(Step step) {
        Step current = step;
        for (int i = 0; i < 5 && current.status() == 302 && isOurs(current.location()); i++) {
            current = get(current.location());
        }
        return current;
    }

    private boolean isOurs(String location) {
        URI target = base.resolve(location);
        return target.getPort() == base.getPort() && target.getHost().equals(base.getHost());
    }

    private Step send(HttpRequest request) {
        visited.add(request.uri().toString());
        try {
            HttpResponse<String> response = browser.send(request, HttpResponse.BodyHandlers.ofString());
            return new Step(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public static String queryParam(String url, String name) {
        String query = URI.create(url).getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return java.net.URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
