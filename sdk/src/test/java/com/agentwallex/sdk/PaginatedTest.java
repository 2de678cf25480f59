package com.agentwallex.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaginatedTest {

    private final List<String> fetched = new ArrayList<>();

    private final Paginated<Integer> threePages = new Paginated<>(cursor -> {
        fetched.add(String.valueOf(cursor));
        return switch (cursor == null ? "" : cursor) {
            case "" -> new Paginated.Page<>(List.of(1, 2), "b");
            case "b" -> new Paginated.Page<>(List.of(), "c"); // an empty page in the middle is not the end
            default -> new Paginated.Page<>(List.of(3), null);
        };
    });

    @Test
    void nothingIsFetchedBeforeIterationAndEveryPageIsFollowed() {
        assertThat(fetched).isEmpty();
        assertThat(threePages).containsExactly(1, 2, 3);
        assertThat(fetched).containsExactly("null", "b", "c");
    }

    @Test
    void aLoopThatStopsEarlyFetchesNoFurtherPage() {
        assertThat(threePages.stream().limit(2)).containsExactly(1, 2);
        assertThat(fetched).containsExactly("null");
    }
}
