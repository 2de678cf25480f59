package com.agentwallex.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/** A strategic-merge patch that deletes a resource ({@code $patch: delete}): what it names, nothing else. */
record Deletion(String apiVersion, String kind, ObjectMeta metadata, @JsonProperty("$patch") String patch) {
}
