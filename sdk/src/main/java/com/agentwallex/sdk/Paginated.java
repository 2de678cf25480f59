package com.agentwallex.sdk;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every item of a listing, fetched a page at a time as iteration reaches it: nothing is requested
 * before the first {@code hasNext()}, and a loop that stops early fetches no further page. Each
 * iteration starts again from the first page.
 */
public final class Paginated<T> implements Iterable<T> {

    /** One page: its items and the cursor of the next, null on the last. */
    record Page<T>(List<T> items, String next) {
    }

    private final Function<String, Page<T>> fetch;

    Paginated(Function<String, Page<T>> fetch) {
        this.fetch = fetch;
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private Iterator<T> current;
            private String next;
            private boolean last;

            @Override
            public boolean hasNext() {
                while ((current == null || !current.hasNext()) && !(last && current != null)) {
                    Page<T> page = fetch.apply(next);
                    current = page.items() == null ? List.<T>of().iterator() : page.items().iterator();
                    next = page.next();
                    last = next == null;
                }
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }
}
