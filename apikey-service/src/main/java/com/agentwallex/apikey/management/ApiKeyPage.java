package com.agentwallex.apikey.management;

import com.agentwallex.apikey.core.ApiKeyView;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of an organization's keys, newest first; pass the last id as {@code starting_after}. */
@Schema(requiredProperties = {"data", "has_more"})
public record ApiKeyPage(List<ApiKeyView> data, boolean hasMore) {
}
