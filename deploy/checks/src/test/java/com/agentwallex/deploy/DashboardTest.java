package com.agentwallex.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard's image, its nginx configuration and its Deployment agree, and its headers are strict. */
class DashboardTest {

    private static final Pattern LOCATION = Pattern.compile("location\\s+(=|\\^~)?\\s*(\\S+)\\s*\\{");

    @Test
    void theCspAllowsOnlyThisOriginsFilesAndCallsAndNoFraming() {
        Map<String, String> headers = Dashboard.headers();
        assertThat(headers).containsEntry("X-Content-Type-Options", "nosniff").containsEntry("Referrer-Policy", "no-referrer");
        Set<String> directives = new TreeSet<>(Arrays.stream(headers.get("Content-Security-Policy").split(";"))
                .map(String::strip).toList());
        assertThat(directives).contains("default-src 'self'", "script-src 'self'", "style-src 'self'",
                "img-src 'self' data:", "connect-src 'self'", "frame-ancestors 'none'", "object-src 'none'");
        assertThat(headers.get("Content-Security-Policy")).doesNotContain("unsafe-inline", "unsafe-eval", "*");
    }

    @Test
    void onlyTheAppsRoutesFallBackToItsShellAndEveryOtherPathIsAProblem404() throws IOException {
        // The callback is the Gate's, not a Route; /openapi.json is the one static document beside the app.
        Set<String> routes = new TreeSet<>(List.of("/auth/callback", "/index.html", "/openapi.json"));
        Matcher route = Pattern.compile("<Route path=\"([^\"*]+)\"").matcher(Dashboard.file("src/app/App.tsx"));
        while (route.find()) {
            routes.add(route.group(1));
        }
        Set<String> exact = new TreeSet<>();
        Matcher location = LOCATION.matcher(Dashboard.file("nginx/spa.conf"));
        while (location.find()) {
            if ("=".equals(location.group(1))) {
                exact.add(location.group(2));
            } else {
                // The hashed bundles are the one prefix; a bare "location /" here would serve every path.
                assertThat(location.group(1) + " " + location.group(2)).isEqualTo("^~ /assets/");
            }
        }
        assertThat(exact).isEqualTo(routes);
        assertThat(Dashboard.file("nginx/spa.conf")).contains("location = /openapi.json  { try_files /openapi.json =404;");

        String image = Dashboard.file("nginx/image.conf");
        assertThat(image).contains("location / { return 404; }", "error_page 404 @not_found;", "application/problem+json",
                "include /etc/nginx/spa.conf;");
        assertThat(Files.readString(Manifests.REPO.resolve("deploy/local/nginx.conf.template")))
                .as("the local entry point serves the same routes and headers").contains("include @DASHBOARD_CONF@;");
        assertThat(Files.readString(Manifests.REPO.resolve("deploy/local/awx")))
                .contains("s|@DASHBOARD_CONF@|$DASHBOARD_DIR/nginx/spa.conf|g");
    }

    /** SPEC: no log line holds an exchange code, and the callback brings one in its query string. */
    @Test
    void theImagesAccessLogNeverHoldsAQueryStringSoNoExchangeCodeIsLogged() {
        String image = Dashboard.file("nginx/image.conf");
        Matcher access = Pattern.compile("access_log\\s+(\\S+?)(?:\\s+(\\w+))?\\s*;").matcher(image);
        int logs = 0;
        while (access.find()) {
            if (access.group(1).equals("off")) {
                continue;
            }
            logs++;
            // nginx's default format, combined, logs the request line with its query
            assertThat(access.group(2)).as("the format of access_log %s", access.group(1)).isNotNull();
            Matcher format = Pattern.compile("log_format\\s+" + access.group(2) + "\\s+((?:'[^']*'\\s*)+);").matcher(image);
            assertThat(format.find()).as("log_format %s", access.group(2)).isTrue();
            assertThat(Pattern.compile("\\$(request|request_uri|args|arg_\\w+|query_string|http_referer)\\b")
                    .matcher(format.group(1)).find()).as("log_format %s logs a query string", access.group(2)).isFalse();
        }
        assertThat(logs).as("access logs of the image").isPositive();
    }

    @Test
    void theDeploymentRunsTheImagesUserOnItsPortAndProbesAPathItAnswers() {
        String dockerfile = Dashboard.file("Dockerfile");
        assertThat(dockerfile).contains("COPY nginx/image.conf /etc/nginx/nginx.conf", "COPY nginx/spa.conf /etc/nginx/spa.conf");
        String image = Dashboard.file("nginx/image.conf");
        Container c = Services.container(Dashboard.NAME);
        assertThat(image).contains("listen " + c.getPorts().get(0).getContainerPort() + ";",
                "location = " + Dashboard.HEALTH_PATH + " ");
        long uid = Services.deployment(Dashboard.NAME).getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser();
        assertThat(dockerfile).contains("USER " + uid);
        // Everything nginx writes goes to the /tmp emptyDir: the root filesystem is read-only.
        assertThat(image).contains("pid /tmp/nginx.pid;").doesNotContain("/var/cache", "/var/run");
    }
}
