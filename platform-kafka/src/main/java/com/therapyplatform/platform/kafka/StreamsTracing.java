package com.therapyplatform.platform.kafka;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Kafka Streams has no Micrometer observation of its own: a processor would log without a trace id and
 * its outputs would only copy the incoming {@code traceparent}. {@link #traced} wraps a processor so that
 * each record is processed in a span continued from the record's W3C headers (trace id and span id in
 * the logging MDC, so in every log line), and the records it forwards carry that span as their parent.
 * Without a tracer on the classpath the processor runs as is.
 */
public class StreamsTracing {

    private static final Propagator.Getter<Headers> GETTER = (headers, key) -> {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    };

    private static final Propagator.Setter<Headers> SETTER = (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    };

    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;

    public StreamsTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** {@code name} becomes the span's name, e.g. {@code "matching desk"}. */
    public <KI, VI, KO, VO> ProcessorSupplier<KI, VI, KO, VO> traced(String name,
            ProcessorSupplier<KI, VI, KO, VO> processor) {
        return () -> new TracedProcessor<>(name, processor.get(), tracer.getIfAvailable(),
                propagator.getIfAvailable());
    }

    private static final class TracedProcessor<KI, VI, KO, VO> implements Processor<KI, VI, KO, VO> {

        private final String name;
        private final Processor<KI, VI, KO, VO> delegate;
        private final Tracer tracer;
        private final Propagator propagator;

        TracedProcessor(String name, Processor<KI, VI, KO, VO> delegate, Tracer tracer, Propagator propagator) {
            this.name = name;
            this.delegate = delegate;
            this.tracer = tracer;
            this.propagator = propagator;
        }

        @Override
        public void init(ProcessorContext<KO, VO> context) {
            delegate.init(context);
        }

        @Override
        public void process(Record<KI, VI> record) {
            if (tracer == null || propagator == null) {
                delegate.process(record);
                return;
            }
            Headers incoming = record.headers() == null ? new RecordHeaders() : record.headers();
            Span span = propagator.extract(incoming, GETTER).name(name).kind(Span.Kind.CONSUMER).start();
            try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
                Headers headers = new RecordHeaders(incoming.toArray());
                propagator.inject(span.context(), headers, SETTER);
                delegate.process(record.withHeaders(headers));
            } catch (RuntimeException e) {
                span.error(e);
                throw e;
            } finally {
                span.end();
            }
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
