package com.agentwallex.apikey.leaks;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One token a reporter found (GitHub's partner format: {@code token}, {@code type}, {@code url},
 * {@code source}); {@code url} and {@code source} say where it was public.
 */
record LeakReport(@JsonProperty("token") String token, @JsonProperty("type") String type,
                  @JsonProperty("url") String url, @JsonProperty("source") String source) {
}
