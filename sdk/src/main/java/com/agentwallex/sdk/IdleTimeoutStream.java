package com.agentwallex.sdk;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * An answer's body that is closed when none of it arrives for the attempt's timeout: the JDK's
 * {@code HttpRequest.timeout} ends at the answer's headers, so a server that stalls in the middle
 * of a body would otherwise hold the caller forever. Closing it wakes a blocked read with an
 * IOException, which the transport treats like a lost answer. Only time spent waiting for the
 * server counts: measured from the last byte, and not while the caller's own stream takes what was
 * read ({@link #paused}), so a long export that keeps arriving is never cut, however slow its sink.
 */
final class IdleTimeoutStream extends FilterInputStream {

    /**
     * One daemon thread for every client, which only looks at the clocks of answers being read. It
     * ends a second after the last answer is read (and starts again with the next), so an idle SDK
     * holds no thread, nor, in a container that redeploys, the class loader; a cancelled check is
     * dropped from its queue at once rather than held until it would have run.
     */
    private static final class Watchdog {
        static final ScheduledThreadPoolExecutor THREAD = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "agentwallex-sdk-idle-timeout");
            thread.setDaemon(true);
            thread.setContextClassLoader(null);
            return thread;
        });

        static {
            THREAD.setRemoveOnCancelPolicy(true);
            THREAD.setKeepAliveTime(1, TimeUnit.SECONDS);
            THREAD.allowCoreThreadTimeOut(true);
        }
    }

    private final long limitNanos;
    private final ScheduledFuture<?> check;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean paused;

    IdleTimeoutStream(InputStream in, Duration timeout) {
        super(in);
        this.limitNanos = timeout.toNanos();
        long period = Math.max(10, timeout.toMillis() / 4);
        this.check = Watchdog.THREAD.scheduleAtFixedRate(this::closeIfIdle, period, period, TimeUnit.MILLISECONDS);
    }

    private void closeIfIdle() {
        if (!paused && System.nanoTime() - lastProgress > limitNanos) {
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

    /** Hands what was read to the caller's stream: the time that takes is the caller's, not the server's silence. */
    void handOver(OutputStream out, byte[] bytes, int length) throws IOException {
        paused = true;
        try {
            out.write(bytes, 0, length);
        } finally {
            lastProgress = System.nanoTime();
            paused = false;
        }
    }

    @Override
    public void close() throws IOException {
        check.cancel(false);
        super.close();
    }
}
