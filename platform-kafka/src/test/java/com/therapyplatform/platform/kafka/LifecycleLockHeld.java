package com.therapyplatform.platform.kafka;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * A factory's lifecycle lock held by another thread, as {@code start()} holds it while the global stores
 * load and {@code stop()} while the streams close, until closed.
 */
final class LifecycleLockHeld implements AutoCloseable {

    private final CountDownLatch release = new CountDownLatch(1);
    private final Thread holder;

    LifecycleLockHeld(StreamsBuilderFactoryBean factory) throws InterruptedException {
        ReentrantLock lifecycle = (ReentrantLock) ReflectionTestUtils.getField(factory, "lifecycleLock");
        CountDownLatch held = new CountDownLatch(1);
        holder = new Thread(() -> {
            lifecycle.lock();
            try {
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lifecycle.unlock();
            }
        });
        holder.start();
        if (!held.await(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the lifecycle lock was not taken");
        }
    }

    @Override
    public void close() throws InterruptedException {
        release.countDown();
        holder.join();
    }
}
