package com.agentwallex.apikey.management;

import com.agentwallex.apikey.core.ApiKeyView;
import java.util.List;

/** One page of an organization's keys, newest first; pass the last id as {@code starting_after}. */
public record ApiKeyPage(List<ApiKeyView> data, boolean hasMore) {
}
