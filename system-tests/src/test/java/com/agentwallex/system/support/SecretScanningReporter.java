package com.agentwallex.system.support;

import com.agentwallex.common.crypto.P256;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;

/**
 * A secret-scanning reporter as GitHub is one: an ECDSA P-256 key pair whose public half it
 * publishes at a URL ({@code {"public_keys": [...]}}, GitHub's format), and reports signed with
 * the private half. An outside party, so standing in for it here mocks nothing of ours.
 */
public final class SecretScanningReporter {

    public static final String KEY_ID = "system-tests-reporter-1";

    private final KeyPair pair;
    private final HttpServer server;

    SecretScanningReporter() throws IOException {
        pair = P256.newKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        byte[] keys = ("{\"public_keys\":[{\"key_identifier\":\"" + KEY_ID + "\",\"key\":\""
                + pem.replace("\n", "\\n") + "\",\"is_current\":true}]}").getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/meta/public_keys/secret_scanning", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            exchange.getResponseBody().write(keys);
            exchange.close();
        });
        server.start();
    }

    String keysUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/meta/public_keys/secret_scanning";
    }

    void stop() {
        server.stop(0);
    }

    /** Base64 DER ECDSA/SHA-256 over the exact bytes sent, as GitHub's Github-Public-Key-Signature. */
    public String sign(byte[] body) {
        return sign(pair, body);
    }

    /** The same signature by a key nobody publishes. */
    public static String signWithAnotherKey(byte[] body) {
        return sign(P256.newKeyPair(), body);
    }

    private static String sign(KeyPair pair, byte[] body) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate());
            signer.update(body);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
