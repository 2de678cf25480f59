package com.agentwallex.system.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * What no HTTP client library sends (a malformed request line, a query whose percent-encoding cannot
 * be decoded), written to the entry point's socket as it stands.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** The whole answer to {@code request}, status line first; the request should ask for Connection: close. */
    public static String send(String request) throws IOException {
        URI entry = URI.create(Stack.entry());
        try (Socket socket = new Socket(entry.getHost(), entry.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A GET of {@code target} exactly as written, with these header lines. */
    public static String get(String target, String... headers) throws IOException {
        StringBuilder request = new StringBuilder("GET ").append(target)
                .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return send(request.append("\r\n").toString());
    }

    /** A POST of {@code body} (ASCII) to {@code target}, as {@code contentType}, with these header lines. */
    public static String post(String target, String contentType, String body, String... headers) throws IOException {
        StringBuilder request = new StringBuilder("POST ").append(target)
                .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: ").append(contentType)
                .append("\r\nContent-Length: ").append(body.length()).append("\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return send(request.append("\r\n").append(body).toString());
    }

    /** The answer is a problem document of this status, with the request id it was given in X-Request-Id. */
    public static void assertProblem(String answer, int status) {
        assertThat(answer).startsWith("HTTP/1.1 " + status + " ")
                .containsIgnoringCase("Content-Type: application/problem+json")
                .contains("\"status\":" + status).containsPattern("(?i)X-Request-Id: [^\r\n]+");
    }
}
