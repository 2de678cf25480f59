package com.agentwallex.sdk;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * An answer's body that is closed when none of it arrives for the attempt's timeout: the JDK's
 * {@code HttpRequest.timeout} ends at the answer's headers, so a server that stalls in the middle
 * of a body would otherwise hold the caller forever. Closing it wakes a blocked read with an
 * IOException, which the transport treats like a lost answer. Only time spent waiting for the
 * server counts: measured from the last byte, and not while the caller's own stream takes what was
 * read ({@link #handOver}), so a long export that keeps arriving is never cut, however slow its sink.
 */
final class IdleTimeoutStream extends FilterInputStream {

    /** The answers being read; the sweeper looks at their clocks. */
    private static final Set<IdleTimeoutStream> OPEN = ConcurrentHashMap.newKeySet();

    /**
     * One daemon thread for every client, looking at the open answers' clocks every 100 ms (so a
     * timeout is kept to within 0.1 s). A call only joins the set: scheduling a check per call woke
     * that thread on every call, which cost a busy 2-core machine ~0.2 ms a page (bench/sdk-overhead).
     * The sweep stops after two finding nothing open, and the thread a second later, so an idle SDK
     * holds no thread, nor, in a container that redeploys, the class loader.
     */
    private static final class Sweeper {
        private static final long PERIOD_MILLIS = 100;
        private static final ScheduledThreadPoolExecutor THREAD = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "agentwallex-sdk-idle-timeout");
            thread.setDaemon(true);
            thread.setContextClassLoader(null);
            return thread;
        });
        private static ScheduledFuture<?> task;
        private static int emptySweeps;

        static {
            THREAD.setRemoveOnCancelPolicy(true);
            THREAD.setKeepAliveTime(1, TimeUnit.SECONDS);
            THREAD.allowCoreThreadTimeOut(true);
        }

        static synchronized void ensureRunning() {
            emptySweeps = 0;
            if (task == null) {
                task = THREAD.scheduleAtFixedRate(Sweeper::sweep, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
            }
        }

        private static void sweep() {
            synchronized (Sweeper.class) {
                if (OPEN.isEmpty() && ++emptySweeps >= 2) {
                    task.cancel(false);
                    task = null;
                    return;
                }
            }
            OPEN.forEach(IdleTimeoutStream::closeIfIdle);
        }
    }

    private final long limitNanos;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean paused;

    IdleTimeoutStream(InputStream in, Duration timeout) {
        super(in);
        this.limitNanos = timeout.toNanos();
        OPEN.add(this);
        Sweeper.ensureRunning();
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
        OPEN.remove(this);
        super.close();
    }
}
