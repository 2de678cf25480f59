package com.agentwallex.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Patch;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §1 and §5: one host serves every public path and the dashboard; /internal/** never reaches a service. */
class IngressTest {

    /** SPEC §2's public paths, as deploy/local/nginx.conf.template routes them: "type path -> service". */
    private static final List<String> PUBLIC_PATHS = List.of(
            "Exact /auth/google/redirect -> auth-service",
            "Exact /auth/google/callback -> auth-service",
            "Exact /.well-known/oauth-authorization-server -> auth-service",
            "Exact /.well-known/openid-configuration -> auth-service",
            "Exact /.well-known/jwks.json -> auth-service",
            "Prefix /api/v1/auth -> auth-service",
            "Prefix /api/v1/api-keys -> apikey-service",
            "Exact /api/v1/api-key-policy -> apikey-service",
            "Exact /api/v1/secret-scanning/reports -> apikey-service",
            "Prefix /api/v1/audit-logs -> audit-service",
            "Prefix /audit-logs -> audit-service",
            "Prefix / -> dashboard");

    /** Paths whose query carries a secret on the way in (the provider's code, our exchange code). */
    private static final List<String> SECRET_QUERY_PATHS = List.of(
            "Exact /auth/google/callback -> auth-service",
            "Exact /auth/callback -> dashboard");

    @Test
    void theIngressesExposeExactlyThePublicPathsOfTheSpec() {
        List<Ingress> ingresses = Manifests.ofType(Ingress.class);
        assertThat(ingresses).allSatisfy(ingress -> {
            assertThat(ingress.getSpec().getDefaultBackend()).as("a default backend routes every path").isNull();
            assertThat(ingress.getSpec().getRules()).flatExtracting(r -> r.getHttp().getPaths())
                    .extracting(p -> p.getBackend().getService().getPort().getName()).containsOnly("http");
        });
        assertThat(ingresses).flatExtracting(i -> i.getSpec().getRules()).flatExtracting(r -> r.getHttp().getPaths())
                .extracting(IngressTest::route)
                .containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(PUBLIC_PATHS.stream(),
                        java.util.stream.Stream.of("Exact /auth/callback -> dashboard")).toList());
    }

    @Test
    void noAccessLogKeepsTheSecretsInASignInsUrls() {
        for (Ingress ingress : Manifests.ofType(Ingress.class)) {
            List<String> routes = ingress.getSpec().getRules().stream().flatMap(r -> r.getHttp().getPaths().stream())
                    .map(IngressTest::route).toList();
            boolean unlogged = "false".equals(ingress.getMetadata().getAnnotations() == null ? null
                    : ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/enable-access-log"));
            if (routes.stream().anyMatch(SECRET_QUERY_PATHS::contains)) {
                assertThat(unlogged).as("Ingress %s keeps no access log", ingress.getMetadata().getName()).isTrue();
                assertThat(routes).as("Ingress %s routes only those paths", ingress.getMetadata().getName())
                        .containsExactlyInAnyOrderElementsOf(SECRET_QUERY_PATHS);
            } else {
                assertThat(unlogged).as("Ingress %s is logged", ingress.getMetadata().getName()).isFalse();
            }
        }
    }

    @Test
    void noIngressPathStartsWithInternalAndOnlyTheDashboardCatchesTheRest() {
        for (Ingress ingress : Manifests.ofType(Ingress.class)) {
            for (IngressRule rule : ingress.getSpec().getRules()) {
                assertThat(rule.getHttp().getPaths()).extracting(HTTPIngressPath::getPath)
                        .noneMatch(p -> p.startsWith("/internal"))
                        // ImplementationSpecific would hand the path to the controller as a regex
                        .allMatch(p -> p.startsWith("/"));
                // The catch-all goes to static files only (DashboardTest: they answer no other path).
                assertThat(rule.getHttp().getPaths()).filteredOn(p -> p.getPath().equals("/"))
                        .extracting(p -> p.getBackend().getService().getName()).allMatch(Dashboard.NAME::equals);
                assertThat(rule.getHttp().getPaths()).extracting(HTTPIngressPath::getPathType).isSubsetOf("Exact", "Prefix");
            }
        }
    }

    @Test
    void overlaysChangeTheIngressHostAndNothingElse() throws Exception {
        for (Path overlay : Manifests.overlays()) {
            for (Patch patch : Overlays.patches(overlay)) {
                boolean ingress = patch.getTarget() != null && "Ingress".equals(patch.getTarget().getKind());
                if (patch.getPatch() == null || !ingress) {
                    continue;
                }
                for (JsonNode op : Manifests.YAML.readTree(patch.getPatch())) {
                    assertThat(op.path("path").asText()).as("%s patches the Ingress", overlay.getFileName())
                            .matches("/spec/rules/\\d+/host|/spec/tls/\\d+/hosts/\\d+");
                }
            }
        }
    }

    private static String route(HTTPIngressPath path) {
        return path.getPathType() + " " + path.getPath() + " -> " + path.getBackend().getService().getName();
    }
}
