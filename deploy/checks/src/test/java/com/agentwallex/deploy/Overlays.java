package com.agentwallex.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Kustomization;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Patch;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Replica;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Selector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Just enough of kustomize to read what an overlay does to one base resource: the strategic-merge
 * patch files that apply to it (by the patch's own kind and name, or by a target), in order, and the
 * kustomization's {@code replicas} entries.
 */
final class Overlays {

    private Overlays() {
    }

    /** The parsed patch documents of {@code overlay} that apply to {@code base}, in kustomization order. */
    static <T extends HasMetadata> List<T> patchesFor(Path overlay, Class<T> type, T base) {
        List<T> found = new ArrayList<>();
        for (Patch patch : patches(overlay)) {
            if (patch.getPath() == null) {
                continue;
            }
            for (Manifests.Document doc : parse(overlay.resolve(patch.getPath()))) {
                if (type.isInstance(doc.resource()) && applies(patch.getTarget(), type.cast(doc.resource()), base)) {
                    found.add(type.cast(doc.resource()));
                }
            }
        }
        return found;
    }

    /** The count the overlay's {@code replicas} field gives the named Deployment, if any. */
    static Optional<Long> replicasField(Path overlay, String name) {
        List<Replica> replicas = Manifests.kustomization(overlay).getReplicas();
        return replicas == null ? Optional.empty()
                : replicas.stream().filter(r -> name.equals(r.getName())).map(Replica::getCount).reduce((a, b) -> b);
    }

    static List<Patch> patches(Path overlay) {
        Kustomization k = Manifests.kustomization(overlay);
        return k.getPatches() == null ? List.of() : k.getPatches();
    }

    private static boolean applies(Selector target, HasMetadata patch, HasMetadata base) {
        if (target == null) {
            return patch.getKind().equals(base.getKind()) && patch.getMetadata().getName().equals(base.getMetadata().getName());
        }
        // A targeted patch's own name is ignored by kustomize; the target selects.
        return (target.getKind() == null || target.getKind().equals(base.getKind()))
                && (target.getName() == null || target.getName().equals(base.getMetadata().getName()));
    }

    private static List<Manifests.Document> parse(Path file) {
        try {
            return Manifests.parse(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
