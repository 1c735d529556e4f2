package io.floe.cli.client;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A request body that reports each buffer to a {@link ProgressListener} as the HTTP client takes it, keeping the
 * delegate's content length (so the gateway sees a {@code Content-Length}, not chunks). It also remembers whether
 * the delegate itself failed, which tells a broken file read apart from a broken connection.
 */
final class CountingBodyPublisher implements HttpRequest.BodyPublisher {
    private final HttpRequest.BodyPublisher delegate;
    private final ProgressListener progress;
    private final AtomicReference<Throwable> sourceFailure = new AtomicReference<>();

    CountingBodyPublisher(HttpRequest.BodyPublisher delegate, ProgressListener progress) {
        this.delegate = delegate;
        this.progress = progress;
    }

    @Override
    public long contentLength() {
        return delegate.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        delegate.subscribe(new Counting(subscriber));
    }

    /** The delegate's own failure (reading the file), if it had one, as an IOException. */
    IOException sourceFailure() {
        if (delegate instanceof FileRegion.Body region && region.failure() != null) {
            return region.failure();
        }
        Throwable failure = sourceFailure.get();
        if (failure == null || failure instanceof IOException) {
            return (IOException) failure;
        }
        return failure.getCause() instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
    }

    // One per subscription: a retried request starts counting from zero again.
    private final class Counting implements Flow.Subscriber<ByteBuffer> {
        private final Flow.Subscriber<? super ByteBuffer> downstream;
        private long done;

        Counting(Flow.Subscriber<? super ByteBuffer> downstream) {
            this.downstream = downstream;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            downstream.onSubscribe(subscription);
        }

        @Override
        public void onNext(ByteBuffer item) {
            done += item.remaining();
            downstream.onNext(item);
            progress.transferred(done, delegate.contentLength());
        }

        @Override
        public void onError(Throwable throwable) {
            sourceFailure.compareAndSet(null, throwable);
            downstream.onError(throwable);
        }

        @Override
        public void onComplete() {
            downstream.onComplete();
        }
    }
}
