package org.khlang.shared;

import java.util.List;

/** One page of a listing; {@code number} counts from 0. */
public record Page<T>(List<T> items, int number, int size, long total) {

    public static final int MAX_SIZE = 200;

    public Page {
        items = List.copyOf(items);
    }

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return number > 0;
    }

    public boolean hasNext() {
        return (long) (number + 1) * size < total;
    }

    /** Bounds a requested page size to 1..{@link #MAX_SIZE}. */
    public static int boundedSize(int requested) {
        return Math.max(1, Math.min(requested, MAX_SIZE));
    }
}
