package com.agentwallex.system.support;

import com.agentwallex.common.testing.TcpProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The local entry point in front of this run's stack: nginx from deploy/local's own configuration,
 * on a free port, connecting to the services from 127.0.0.2 (the one address they trust to report
 * the client) and routing the example service's /api/v1/agents too. Clients of the tests reach
 * the services through it as browsers and SDKs reach them through the ingress.
 */
final class EntryPoint {

    static final String PROXY_ADDRESS = "127.0.0.2";

    private final Process nginx;
    private final int port;

    private EntryPoint(Process nginx, int port) {
        this.nginx = nginx;
        this.port = port;
    }

    /**
     * The files the dashboard serves verbatim (dashboard/public, /openapi.json among them), in a
     * directory nginx's workers can read whoever owns the checkout. The dashboard's own pages are
     * built and tested by `awx dashboard-test`, not here.
     */
    private static Path publicFiles() throws IOException {
        Path site = Files.createTempDirectory("awx-entry-site",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try (Stream<Path> files = Files.list(Stack.ROOT.resolve("dashboard/public"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = site.resolve(file.getFileName().toString());
                Files.copy(file, copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        return site;
    }

    int port() {
        return port;
    }

    static EntryPoint start(Path work, Map<Stack.Service, Integer> services, int examplePort, int port)
            throws IOException {
        Path dir = work.resolve("nginx");
        Files.createDirectories(dir.resolve("tmp"));
        boolean root = "root".equals(System.getProperty("user.name"));
        String config = Files.readString(Stack.ROOT.resolve("deploy/local/nginx.conf.template"))
                .replace("@NGINX_DIR@", dir.toString())
                .replace("@LOG_DIR@", work.toString())
                .replace("@USER_DIRECTIVE@", root ? "user www-data;" : "# not root: workers run as the current user")
                .replace("@DASHBOARD_ROOT@", publicFiles().toString())
                .replace("@DASHBOARD_CONF@", Stack.ROOT.resolve("dashboard/nginx/spa.conf").toString())
                .replace("@LISTEN@", "127.0.0.1:" + port)
                .replace("@PROXY_ADDRESS@", PROXY_ADDRESS)
                .replace("@AUTH_ADDRESS@", "127.0.0.1:" + services.get(Stack.Service.AUTH))
                .replace("@APIKEY_ADDRESS@", "127.0.0.1:" + services.get(Stack.Service.APIKEY))
                .replace("@AUDIT_ADDRESS@", "127.0.0.1:" + services.get(Stack.Service.AUDIT))
                .replace("@EXTRA_ROUTES@", "        # the example resource service (the system tests' own application)\n"
                        + "        location = /api/v1/agents { proxy_pass http://127.0.0.1:" + examplePort + "; }\n");
        Files.writeString(dir.resolve("nginx.conf"), config);
        Process nginx = new ProcessBuilder(nginxBinary(), "-p", dir.toString(), "-e", work.resolve("nginx-error.log").toString(),
                "-c", "nginx.conf").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("nginx-error.log").toFile())).start();
        for (int i = 0; i < 100 && !TcpProbe.answers("127.0.0.1", port); i++) {
            if (!nginx.isAlive()) {
                throw new IllegalStateException("nginx exited; see " + work.resolve("nginx-error.log"));
            }
            try {
                Thread.sleep(100); // a process we started: nothing to await on but its port
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (!TcpProbe.answers("127.0.0.1", port)) {
            throw new IllegalStateException("nginx is not listening on " + port + "; see " + work.resolve("nginx-error.log"));
        }
        return new EntryPoint(nginx, port);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    void stop() {
        nginx.destroy();
    }

    private static String nginxBinary() {
        for (String candidate : new String[] {"/usr/sbin/nginx", "/usr/bin/nginx"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new UncheckedIOException(new IOException("nginx is not installed (deploy/local/awx test installs it)"));
    }
}
