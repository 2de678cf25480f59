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
            "Exact /.well-known/openid-configuration -> auth-service",
            "Exact /.well-known/jwks.json -> auth-service",
            "Prefix /api/v1/auth -> auth-service",
            "Prefix /api/v1/api-keys -> apikey-service",
            "Exact /api/v1/api-key-policy -> apikey-service",
            "Prefix /api/v1/audit-logs -> audit-service",
            "Prefix /audit-logs -> audit-service",
            "Prefix / -> dashboard");

    @Test
    void theIngressExposesExactlyThePublicPathsOfTheSpec() {
        assertThat(Manifests.ofType(Ingress.class)).singleElement().satisfies(ingress -> {
            assertThat(ingress.getSpec().getDefaultBackend()).as("a default backend routes every path").isNull();
            assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule ->
                    assertThat(rule.getHttp().getPaths()).extracting(IngressTest::route)
                            .containsExactlyInAnyOrderElementsOf(PUBLIC_PATHS));
            assertThat(ingress.getSpec().getRules()).flatExtracting(r -> r.getHttp().getPaths())
                    .extracting(p -> p.getBackend().getService().getPort().getName()).containsOnly("http");
        });
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
                        .extracting(p -> p.getBackend().getService().getName()).containsExactly(Dashboard.NAME);
                assertThat(rule.getHttp().getPaths()).extracting(HTTPIngressPath::getPathType).containsOnly("Exact", "Prefix");
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
