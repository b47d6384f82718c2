package com.therapyplatform.matching.messaging;

import com.therapyplatform.platform.kafka.DeadLetters;
import com.therapyplatform.platform.kafka.FlowMetrics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Sits in front of each dead-letter sink: counts the dead letter (the same meter as the binder services'), passes it on. */
final class DeadLetterCounter implements Processor<String, byte[], String, byte[]> {

    private final FlowMetrics metrics;
    private final String sourceTopic;
    private ProcessorContext<String, byte[]> context;

    DeadLetterCounter(FlowMetrics metrics, String sourceTopic) {
        this.metrics = metrics;
        this.sourceTopic = sourceTopic;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        metrics.deadLettered(sourceTopic, header(record, DeadLetters.ERROR_CLASS_HEADER),
                header(record, DeadLetters.REASON_HEADER));
        context.forward(record);
    }

    private static String header(Record<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "unknown" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
