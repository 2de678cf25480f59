package com.agentwallex.sdk;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An answer's body that is closed when none of it arrives for the attempt's timeout: the JDK's
 * {@code HttpRequest.timeout} ends at the answer's headers, so a server that stalls in the middle
 * of a body would otherwise hold the caller forever. Closing it wakes a blocked read with an
 * IOException, which the transport treats like a lost answer. Measured from the last byte rather
 * than the first, so a long export that keeps arriving is never cut.
 */
final class IdleTimeoutStream extends FilterInputStream {

    /** One daemon thread for every client: it only looks at the clocks of answers being read. */
    private static final class Watchdog {
        static final ScheduledExecutorService THREAD = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "agentwallex-sdk-idle-timeout");
            thread.setDaemon(true);
            return thread;
        });
    }

    private final long limitNanos;
    private final ScheduledFuture<?> check;
    private volatile long lastProgress = System.nanoTime();

    IdleTimeoutStream(InputStream in, Duration timeout) {
        super(in);
        this.limitNanos = timeout.toNanos();
        long period = Math.max(10, timeout.toMillis() / 4);
        this.check = Watchdog.THREAD.scheduleAtFixedRate(this::closeIfIdle, period, period, TimeUnit.MILLISECONDS);
    }

    private void closeIfIdle() {
        if (System.nanoTime() - lastProgress > limitNanos) {
            try {
                close();
            } catch (IOException ignored) {
                // closing is all that is wanted; the reader sees the stream closed
            }
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        lastProgress = System.nanoTime();
        return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        int n = super.read(bytes, offset, length);
        lastProgress = System.nanoTime();
        return n;
    }

    @Override
    public void close() throws IOException {
        check.cancel(false);
        super.close();
    }
}
