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
    private static final Map<String, String> DATABASE = Map.of("cnpg.io/cluster", "awx-postgres");

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
        for (NetworkPolicy policy : servicePolicies()) {
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

    /**
     * The database takes connections from this namespace's services and its own instances on 5432,
     * and from the operator's namespace; from no other pod of the cluster, not even to try a password.
     */
    @Test
    void theDatabaseAdmitsOurServicesItsOwnInstancesAndTheOperatorOnly() {
        NetworkPolicy database = Manifests.ofType(NetworkPolicy.class, Manifests.BASE).stream()
                .filter(p -> DATABASE.equals(p.getSpec().getPodSelector().getMatchLabels())).findFirst()
                .orElseThrow(() -> new AssertionError("no policy selects the database's pods"));
        CnpgCluster cluster = Manifests.ofType(CnpgCluster.class, Manifests.BASE).get(0);
        assertThat(DATABASE).containsEntry("cnpg.io/cluster", cluster.metadata().getName());
        for (NetworkPolicyIngressRule rule : database.getSpec().getIngress()) {
            assertThat(rule.getFrom()).isNotEmpty().allSatisfy(peer -> {
                assertThat(peer.getIpBlock()).isNull();
                if (peer.getNamespaceSelector() != null) {
                    assertThat(peer.getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "cnpg-system");
                } else {
                    assertThat(peer.getPodSelector().getMatchLabels()).isNotEmpty().isIn(
                            Map.of("app.kubernetes.io/part-of", "agentwallex-auth"), DATABASE);
                }
            });
            assertThat(rule.getPorts()).isNotEmpty().allMatch(p -> p.getPort().equals(new IntOrString(5432))
                    || p.getPort().equals(new IntOrString(8000)));
        }
        for (String service : Services.NAMES) {
            assertThat(Services.deployment(service).getSpec().getTemplate().getMetadata().getLabels())
                    .as("%s's pods, for the database's policy", service).containsEntry("app.kubernetes.io/part-of", "agentwallex-auth");
        }
    }

    /** The policies of our own Deployments (the database's is the test above's). */
    private static List<NetworkPolicy> servicePolicies() {
        return Manifests.ofType(NetworkPolicy.class, Manifests.BASE).stream()
                .filter(p -> !DATABASE.equals(p.getSpec().getPodSelector().getMatchLabels())).toList();
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
