package com.agentwallex.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * components/external-secrets makes exactly the Secrets deploy/README.md tells the operator to
 * create, each with the keys and type the table gives: the two ways of providing secrets agree.
 */
class ExternalSecretsTest {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** A row of the README's secrets table. */
    record Row(String name, Set<String> keys, String type) {
    }

    @Test
    void everySecretTheOperatorCreatesComesFromTheStoreWithTheTablesKeysAndType() throws IOException {
        Map<String, Row> table = table();
        List<ExternalSecret> external = Manifests.inComponent(ExternalSecret.class, "external-secrets");
        Set<String> made = new TreeSet<>();
        for (ExternalSecret secret : external) {
            String name = secret.spec().target().name();
            assertThat(name).isEqualTo(secret.metadata().getName());
            Row row = table.get(name);
            assertThat(row).as("deploy/README.md's row for %s", name).isNotNull();
            assertThat(secret.spec().data()).extracting(ExternalSecret.Data::secretKey).as("keys of %s", name)
                    .containsExactlyInAnyOrderElementsOf(row.keys());
            assertThat(secret.spec().target().template().type()).as("type of %s", name).isEqualTo(row.type());
            assertThat(secret.spec().secretStoreRef().name()).isEqualTo("agentwallex");
            // Namespaced: a cluster-wide store would give every overlay (sandbox too) production's entries.
            assertThat(secret.spec().secretStoreRef().kind()).as("store kind of %s", name).isEqualTo("SecretStore");
            made.add(name);
        }
        // the operator's own rows: not those Strimzi makes, nor the certificate cert-manager issues
        Set<String> operators = new TreeSet<>();
        table.values().stream().filter(r -> !r.type().startsWith("created by") && !r.type().equals("kubernetes.io/tls"))
                .forEach(r -> operators.add(r.name()));
        assertThat(made).isEqualTo(operators);
    }

    /** name → row, from deploy/README.md's "Secrets the operator creates". */
    static Map<String, Row> table() throws IOException {
        Map<String, Row> rows = new TreeMap<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(Manifests.REPO.resolve("deploy/README.md"))) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Secrets the operator creates");
            }
            if (!inSection || !line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\s*\\|\\s*");
            // cells[0] is empty: | name | keys | type | what |
            Set<String> keys = new TreeSet<>();
            Matcher m = CODE.matcher(cells[2]);
            while (m.find()) {
                // "`username` (= `awx_auth`)": the value in brackets is not a key
                if (!cells[2].contains("(= `" + m.group(1) + "`)")) {
                    keys.add(m.group(1));
                }
            }
            String name = cells[1].replace("`", "");
            rows.put(name, new Row(name, keys, cells[3].trim()));
        }
        return rows;
    }
}
