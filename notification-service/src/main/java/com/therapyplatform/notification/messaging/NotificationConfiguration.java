package com.therapyplatform.notification.messaging;

import com.therapyplatform.notification.channel.MailChannel;
import com.therapyplatform.notification.channel.RecordingSmsSink;
import com.therapyplatform.notification.channel.SmsChannel;
import com.therapyplatform.notification.channel.TwilioSmsGateway;
import com.therapyplatform.notification.config.NotificationProperties;
import com.therapyplatform.notification.domain.Links;
import com.therapyplatform.notification.domain.NotificationPlanner;
import com.therapyplatform.notification.rendering.MessageRenderer;
import com.therapyplatform.platform.kafka.EventPublisher;
import com.therapyplatform.platform.kafka.FlowMetrics;
import com.therapyplatform.platform.kafka.ParallelBatch;
import java.time.Clock;
import java.util.Arrays;
import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.mail.javamail.JavaMailSenderImpl;

@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration {

    @Bean
    Clock notificationClock() {
        return Clock.systemUTC();
    }

    @Bean
    NotificationTables notificationTables(StreamsBuilder builder, StreamsBuilderFactoryBean streams) {
        NotificationTables.define(builder);
        return new NotificationTables(streams);
    }

    /** The lanes are the consumers of the functions in {@code spring.cloud.function.definition}. */
    @Bean
    LanesAfterTables lanesAfterTables(StreamsBuilderFactoryBean streams, BindingsLifecycleController bindings,
            @Value("${spring.cloud.function.definition}") String functions) {
        return new LanesAfterTables(streams, bindings, Arrays.stream(functions.split(";"))
                .map(String::trim).filter(f -> !f.isEmpty()).map(f -> f + "-in-0").toList());
    }

    @Bean
    NotificationPlanner notificationPlanner(NotificationProperties properties) {
        return new NotificationPlanner(properties.resources().toCatalog(),
                new Links(properties.links().clientStatus(), properties.links().clinicianIntake()));
    }

    @Bean
    MessageRenderer messageRenderer() {
        return new MessageRenderer();
    }

    /** Closed after the lanes stopped: its SMTP connections end with the context. */
    @Bean(destroyMethod = "close")
    MailChannel mailChannel(JavaMailSenderImpl sender, NotificationProperties properties) {
        return new MailChannel(sender, properties.mail().from());
    }

    @Bean
    @ConditionalOnProperty(name = "notification.sms.provider", havingValue = "twilio")
    SmsChannel twilioSmsGateway(NotificationProperties properties, Clock clock) {
        NotificationProperties.Twilio twilio = properties.sms().twilio();
        return new TwilioSmsGateway(new TwilioSmsGateway.Settings(twilio.baseUrl(), twilio.accountSid(),
                twilio.authToken(), twilio.from(), twilio.connectTimeout(), twilio.readTimeout()), clock);
    }

    @Bean
    @ConditionalOnProperty(name = "notification.sms.provider", havingValue = "recording")
    RecordingSmsSink recordingSmsSink(NotificationProperties properties, Clock clock) {
        return new RecordingSmsSink(properties.sms().recordingCapacity(), clock);
    }

    /** Closed after the lanes stopped. */
    @Bean(destroyMethod = "close")
    SendingLanes sendingLanes(ParallelBatch batch, NotificationProperties properties,
            @Value("${spring.cloud.stream.bindings.receipt-in-0.group}") String receiptGroup,
            @Value("${spring.cloud.stream.bindings.outcome-in-0.group}") String outcomeGroup,
            @Value("${spring.cloud.stream.bindings.crisis-in-0.group}") String crisisGroup, MailChannel mail) {
        return new SendingLanes(batch, properties.parallelSends(), receiptGroup, outcomeGroup, crisisGroup, mail);
    }

    @Bean
    Lookups lookups(NotificationTables tables, Clock clock, NotificationProperties properties, FlowMetrics metrics) {
        return new Lookups(tables, clock, properties.lookupGrace(), metrics.registry());
    }

    @Bean
    DeliveryLog deliveryLog(NotificationTables tables, NotificationProperties properties) {
        return new DeliveryLog(tables, properties.dedupMemory());
    }

    @Bean
    Dispatcher dispatcher(DeliveryLog deliveries, MessageRenderer renderer, MailChannel mail, SmsChannel sms,
            EventPublisher publisher, Clock clock, FlowMetrics metrics) {
        return new Dispatcher(deliveries, renderer, mail, sms, publisher, clock, metrics);
    }
}
