package com.agentwallex.sdk;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * The JDK's own HTTP server answering from a script, for the SDK's unit tests of what it does with
 * an answer (retry, map to an exception). The SDK's behaviour against the real API is proven in
 * system-tests, against the running stack.
 */
final class ScriptedServer implements AutoCloseable {

    /** {@code sent}: how much of the body comes before the answer breaks off (-1: all of it); {@code stall}: then silence, not a close. */
    record Answer(int status, Map<String, String> headers, String body, int sent, boolean stall) {
    }

    record Seen(String method, String path, Map<String, List<String>> headers, String body) {
    }

    private final HttpServer server;
    private final Queue<Answer> script = new ConcurrentLinkedQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());

    ScriptedServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            Answer answer = script.poll();
            if (answer == null) {
                answer = new Answer(500, Map.of(), "", -1, false);
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (answer.sent() < 0) {
                exchange.getResponseBody().write(bytes);
                exchange.close();
                return;
            }
            exchange.getResponseBody().write(bytes, 0, answer.sent());
            exchange.getResponseBody().flush();
            if (answer.stall()) {
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            // fewer bytes than the headers promised: the server drops the connection
            exchange.close();
        });
        // a stalled answer holds its thread; the others must still be served
        server.setExecutor(Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "scripted-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    ScriptedServer then(int status, String body, String... headers) {
        return brokenOff(status, body, -1, false, headers);
    }

    /** An answer whose body breaks off after {@code sent} bytes (-1: never): the connection is then dropped, or held silent. */
    ScriptedServer brokenOff(int status, String body, int sent, boolean stall, String... headers) {
        Map<String, String> h = new java.util.LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        script.add(new Answer(status, h, body, sent, stall));
        return this;
    }

    ScriptedServer problem(int status, String code, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/problem+json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return then(status, "{\"type\":\"https://docs.agentwallex.com/problems/" + code + "\",\"title\":\"T\",\"status\":"
                + status + ",\"detail\":\"D " + code + "\",\"request_id\":\"req-" + status + "\"}", all);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}
