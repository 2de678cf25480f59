package com.agentwallex.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The dashboard's server configuration as dashboard/ defines it, beside its Deployment. */
final class Dashboard {

    static final String NAME = "dashboard";
    static final String HEALTH_PATH = "/healthz";
    static final Path DIR = Manifests.REPO.resolve("dashboard");

    private static final Pattern HEADER = Pattern.compile("add_header\\s+(\\S+)\\s+\"([^\"]*)\"\\s+always;");

    private Dashboard() {
    }

    static String file(String relative) {
        try {
            return Files.readString(DIR.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The headers spa.conf adds to every answer of the server that includes it. */
    static Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        Matcher m = HEADER.matcher(file("nginx/spa.conf"));
        while (m.find()) {
            headers.put(m.group(1), m.group(2));
        }
        return headers;
    }
}
