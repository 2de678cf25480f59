package com.agentwallex.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkPolicyTest {

    private static final Map<String, String> INGRESS_CONTROLLER = Map.of("kubernetes.io/metadata.name", "ingress-nginx");

    @Test
    void everyServicePodIsSelectedByAnIngressPolicy() {
        for (Deployment d : Manifests.ofType(Deployment.class, Manifests.BASE)) {
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(Manifests.ofType(NetworkPolicy.class, Manifests.BASE))
                    .as("a policy selecting %s's pods", d.getMetadata().getName())
                    .anyMatch(p -> labels.entrySet().containsAll(p.getSpec().getPodSelector().getMatchLabels().entrySet())
                            && p.getSpec().getPolicyTypes().contains("Ingress"));
        }
    }

    /** The base's policies; the scraper's, in components/observability, are ObservabilityTest's. */
    @Test
    void onlyThisNamespaceAndTheIngressControllerReachAServiceAndOnlyOnItsPort() {
        for (NetworkPolicy policy : Manifests.ofType(NetworkPolicy.class, Manifests.BASE)) {
            int port = Services.container(policy.getMetadata().getName()).getPorts().get(0).getContainerPort();
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                assertThat(rule.getFrom()).as("%s admits everyone", policy.getMetadata().getName()).isNotEmpty();
                assertThat(rule.getFrom()).allMatch(NetworkPolicyTest::ourNamespaceOrTheIngressController);
                assertThat(rule.getPorts()).as("%s ports", policy.getMetadata().getName())
                        .isNotEmpty().allMatch(p -> new IntOrString(port).equals(p.getPort()));
            }
        }
    }

    @Test
    void theInternalVerifyPortAdmitsOurNamespaceAndTheIngressControllerOnly() {
        NetworkPolicy apikey = Manifests.ofType(NetworkPolicy.class, Manifests.BASE).stream()
                .filter(p -> p.getMetadata().getName().equals("apikey-service")).findFirst().orElseThrow();
        List<NetworkPolicyPeer> peers = apikey.getSpec().getIngress().stream().flatMap(r -> r.getFrom().stream()).toList();
        assertThat(peers).filteredOn(p -> p.getNamespaceSelector() == null).as("this namespace's pods").hasSize(1);
        assertThat(peers).filteredOn(p -> p.getNamespaceSelector() != null)
                .allSatisfy(p -> assertThat(p.getNamespaceSelector().getMatchLabels()).isEqualTo(INGRESS_CONTROLLER));
    }

    /** A bare podSelector means this namespace; a namespaceSelector only the ingress controller's. */
    private static boolean ourNamespaceOrTheIngressController(NetworkPolicyPeer peer) {
        if (peer.getIpBlock() != null) {
            return false;
        }
        if (peer.getNamespaceSelector() == null) {
            return peer.getPodSelector() != null;
        }
        return peer.getPodSelector() == null && INGRESS_CONTROLLER.equals(peer.getNamespaceSelector().getMatchLabels())
                && peer.getNamespaceSelector().getMatchExpressions().isEmpty();
    }
}
