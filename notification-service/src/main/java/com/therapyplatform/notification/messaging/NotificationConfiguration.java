package com.therapyplatform.notification.messaging;

import com.therapyplatform.notification.channel.MailChannel;
import com.therapyplatform.notification.channel.RecordingSmsSink;
import com.therapyplatform.notification.channel.SmsChannel;
import com.therapyplatform.notification.channel.TwilioSmsGateway;
import com.therapyplatform.notification.config.NotificationProperties;
import com.therapyplatform.notification.domain.Links;
import com.therapyplatform.notification.domain.NotificationPlanner;
import com.therapyplatform.notification.rendering.MessageRenderer;
import com.therapyplatform.contracts.Topics;
import com.therapyplatform.platform.kafka.AcknowledgedEventPublisher;
import com.therapyplatform.platform.kafka.EventPublisher;
import com.therapyplatform.platform.kafka.FlowMetrics;
import com.therapyplatform.platform.kafka.ParallelBatch;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;

@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration {

    /** Boot's Kafka Streams application ({@code spring.kafka.streams.*}): the tables. */
    static final String TABLES_STREAMS = KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_BUILDER_BEAN_NAME;
    /** The urgent contacts' Kafka Streams application, with a global consumer of its own (NotificationTables). */
    static final String URGENT_CONTACT_STREAMS = "urgentContactStreams";

    @Bean
    Clock notificationClock() {
        return Clock.systemUTC();
    }

    /**
     * A second Kafka Streams application, configured as Boot configures the tables' one (its
     * {@code spring.kafka.streams.*} configuration with the broker's connection details and security, and
     * the same factory configurers: auto-startup, clean-up, client metrics), with an application id and a
     * state directory of its own. Like matching's routine and urgent applications, it is a factory bean of
     * its own, started and stopped with the context and counted by readiness ({@code kafkaStreams}).
     */
    @Bean(URGENT_CONTACT_STREAMS)
    StreamsBuilderFactoryBean urgentContactStreams(
            @Qualifier(KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME)
            KafkaStreamsConfiguration tables, ObjectProvider<StreamsBuilderFactoryBeanConfigurer> configurers,
            @Value("${notification.urgent-contacts.application-id}") String applicationId) {
        Map<String, Object> properties = new HashMap<>();
        tables.asProperties().forEach((key, value) -> properties.put((String) key, value));
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        if (properties.get(StreamsConfig.STATE_DIR_CONFIG) instanceof String stateDir) {
            properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir + "/urgent-contacts");
        }
        if (properties.get(StreamsConfig.CLIENT_ID_CONFIG) instanceof String clientId) {
            // the same client id in both applications would collide in JMX and the client metrics
            properties.put(StreamsConfig.CLIENT_ID_CONFIG, clientId + "-urgent-contacts");
        }
        StreamsBuilderFactoryBean factory = new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(properties));
        configurers.orderedStream().forEach(configurer -> configurer.configure(factory));
        return factory;
    }

    @Bean
    NotificationTables notificationTables(@Qualifier(TABLES_STREAMS) StreamsBuilder tables,
            @Qualifier(URGENT_CONTACT_STREAMS) StreamsBuilder urgentContacts,
            @Qualifier("&" + TABLES_STREAMS) StreamsBuilderFactoryBean tablesStreams,
            @Qualifier("&" + URGENT_CONTACT_STREAMS) StreamsBuilderFactoryBean urgentContactStreams) {
        NotificationTables.define(tables, urgentContacts);
        return new NotificationTables(tablesStreams, urgentContactStreams);
    }

    /** The lanes are the consumers of the functions in {@code spring.cloud.function.definition}. */
    @Bean
    LanesAfterTables lanesAfterTables(@Qualifier("&" + TABLES_STREAMS) StreamsBuilderFactoryBean tablesStreams,
            @Qualifier("&" + URGENT_CONTACT_STREAMS) StreamsBuilderFactoryBean urgentContactStreams,
            BindingsLifecycleController bindings, @Value("${spring.cloud.function.definition}") String functions) {
        return new LanesAfterTables(List.of(tablesStreams, urgentContactStreams), bindings,
                Arrays.stream(functions.split(";")).map(String::trim).filter(f -> !f.isEmpty())
                        .map(f -> f + "-in-0").toList());
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

    @Bean
    CrisisFirst crisisFirst(NotificationProperties properties, FlowMetrics metrics) {
        return new CrisisFirst(properties.crisisFirstWait(), metrics.registry());
    }

    /** Closed after the lanes stopped. */
    @Bean(destroyMethod = "close")
    SendingLanes sendingLanes(ParallelBatch batch, NotificationProperties properties,
            @Value("${spring.cloud.stream.bindings.receipt-in-0.group}") String receiptGroup,
            @Value("${spring.cloud.stream.bindings.outcome-in-0.group}") String outcomeGroup,
            @Value("${spring.cloud.stream.bindings.crisis-in-0.group}") String crisisGroup, MailChannel mail,
            CrisisFirst crisisFirst) {
        return new SendingLanes(batch, properties.parallelSends(), receiptGroup, outcomeGroup, crisisGroup, mail,
                crisisFirst);
    }

    @Bean
    Lookups lookups(NotificationTables tables, Clock clock, NotificationProperties properties, FlowMetrics metrics) {
        return new Lookups(tables, clock, properties.lookupGrace(), metrics.registry());
    }

    @Bean
    DeliveryLog deliveryLog(NotificationTables tables, NotificationProperties properties) {
        return new DeliveryLog(tables, properties.dedupMemory());
    }

    /**
     * The audit events go out on notification's own producer, each acknowledged before its record is done:
     * nothing here joins a Kafka transaction (what they record, mail and SMS, is outside Kafka).
     */
    @Bean
    @SuppressWarnings("unchecked")
    EventPublisher acknowledgedEventPublisher(KafkaTemplate<?, ?> template) {
        return new AcknowledgedEventPublisher((KafkaTemplate<byte[], byte[]>) template,
                List.of(Topics.NOTIFICATION_SENT, Topics.NOTIFICATION_FAILED));
    }

    @Bean
    Dispatcher dispatcher(DeliveryLog deliveries, MessageRenderer renderer, MailChannel mail, SmsChannel sms,
            EventPublisher publisher, Clock clock, FlowMetrics metrics) {
        return new Dispatcher(deliveries, renderer, mail, sms, publisher, clock, metrics);
    }
}
