package com.therapyplatform.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.therapyplatform.contracts.Topics;
import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.Channel;
import com.therapyplatform.contracts.events.NotificationReason;
import com.therapyplatform.contracts.events.RiskTier;
import com.therapyplatform.notification.NotificationServiceApplication;
import com.therapyplatform.testsupport.KafkaBrokerContextCustomizerFactory;
import com.therapyplatform.testsupport.KafkaTestBroker;
import com.therapyplatform.testsupport.KafkaTestClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * A restart does not resend what was sent: the service is stopped, its consumer groups are rewound to
 * the beginning of every topic (as after a crash before any offset commit), and it starts again on an
 * empty state directory. It reads every event again, rebuilds its de-duplication store from
 * {@code notification.sent.v1} and {@code notification.failed.v1}, and sends nothing twice. Its lanes
 * wait for the global stores: records found waiting at start-up are not tried (and failed, at ERROR)
 * before the stores are loaded.
 */
@Order(1)
@ExtendWith(OutputCaptureExtension.class)
class RestartDoesNotResendOnItsOwnBrokerTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final Map<String, List<String>> GROUPS = Map.of(
            "notification-service-receipts", List.of(Topics.INTAKE_CONTACT),
            "notification-service-crisis", List.of(Topics.INTAKE_URGENT),
            "notification-service-outcomes", List.of(Topics.INTAKE_MATCHED, Topics.INTAKE_WAITLISTED),
            "notification-service-pages", List.of(Topics.INTAKE_MATCHED));

    static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.connect();
        NotificationBrokerTestBase.kafka = kafka;
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    static ConfigurableApplicationContext start() {
        Map<String, Object> properties = new HashMap<>(
                KafkaBrokerContextCustomizerFactory.brokerProperties(KafkaTestBroker.bootstrapServers()));
        properties.put("server.port", "0");
        properties.put("spring.mail.port", TestServers.smtp().getSmtp().getPort());
        properties.put("spring.kafka.streams.state-dir",
                System.getProperty("java.io.tmpdir") + "/notification-restart-" + UUID.randomUUID());
        properties.put("notification.sms.provider", "twilio");
        properties.put("notification.sms.twilio.base-url", TestServers.sms().baseUrl());
        properties.put("notification.sms.twilio.account-sid", "AC-test");
        properties.put("notification.sms.twilio.auth-token", "test-token");
        properties.put("notification.sms.twilio.from", "+15555550100");
        return NotificationServiceApplication.builder().run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    @Test
    void aRestartOnAnEmptyStateDirectoryWithRewoundOffsetsSendsNothingTwiceAndWaitsForItsStores(
            CapturedOutput output) throws Exception {
        var intake = new NotificationBrokerTestBase.Intake();
        var clinician = NotificationBrokerTestBase.onRoster(NotificationBrokerTestBase.clinician(
                "restart-" + intake.id + "@clinicians.example", "+15559000003"));
        List<String> before;
        List<KafkaStreams> firstStreams;
        try (ConfigurableApplicationContext first = start()) {
            firstStreams = kafkaStreams(first);
            NotificationBrokerTestBase.publish(intake.contact(true, true, true, "en"));
            NotificationBrokerTestBase.publish(intake.urgent(RiskTier.ELEVATED));
            NotificationBrokerTestBase.publish(intake.triaged(Set.of(Category.URGENT)));
            NotificationBrokerTestBase.publish(intake.assigned(clinician, true));
            NotificationBrokerTestBase.awaitSent(intake.id, NotificationReason.RECEIPT, Channel.SMS);
            NotificationBrokerTestBase.awaitSent(intake.id, NotificationReason.CRISIS_RESOURCES, Channel.SMS);
            NotificationBrokerTestBase.awaitSent(intake.id, NotificationReason.MATCH_CONFIRMATION, Channel.SMS);
            NotificationBrokerTestBase.awaitSent(intake.id, NotificationReason.ON_CALL_PAGE, Channel.SMS);
            NotificationBrokerTestBase.awaitSent(intake.id, NotificationReason.ON_CALL_PAGE, Channel.EMAIL);
            await().atMost(WAIT).until(() -> sends(intake.id).size() == 8);
            before = sends(intake.id);
        }
        // a shutdown closes both Kafka Streams applications (the tables and the urgent contacts)
        assertThat(firstStreams).hasSize(2).allSatisfy(streams ->
                assertThat(streams.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING));
        int mails = TestServers.smtp().getReceivedMessages().length;
        int sms = textsSent();

        rewindEveryGroup();
        // a marker after the rewound records: once every group is past it, every event was read again
        var marker = new NotificationBrokerTestBase.Intake();
        try (ConfigurableApplicationContext second = start()) {
            RecordMetadata contactMarker = NotificationBrokerTestBase.publish(marker.emailOnly("en"));
            NotificationBrokerTestBase.publish(marker.urgent(RiskTier.ELEVATED));
            kafka.awaitConsumed("notification-service-receipts", contactMarker, WAIT);
            awaitEveryGroupAtTheEnd();

            assertThat(sends(intake.id)).isEqualTo(before);
            assertThat(TestServers.smtp().getReceivedMessages()).hasSize(mails + 2); // the marker's receipt and crisis mail
            assertThat(textsSent()).isEqualTo(sms);
        }
        // every event was waiting when the second instance started: none was tried before the stores were loaded
        assertThat(output.getAll()).contains("global stores loaded; lanes started")
                .doesNotContain("NOTIFICATION_TABLES_NOT_RUNNING");
    }

    static List<KafkaStreams> kafkaStreams(ConfigurableApplicationContext context) {
        return List.of(NotificationConfiguration.TABLES_STREAMS, NotificationConfiguration.URGENT_CONTACT_STREAMS)
                .stream().map(name -> context.getBean("&" + name, StreamsBuilderFactoryBean.class).getKafkaStreams())
                .toList();
    }

    /** reason/channel of every NotificationSent of the intake, sorted. */
    static List<String> sends(String intakeId) {
        return NotificationBrokerTestBase.sent(intakeId).stream()
                .map(e -> e.payload().reason() + "/" + e.payload().channel()).sorted().toList();
    }

    static void rewindEveryGroup() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestBroker.bootstrapServers()))) {
            for (var group : GROUPS.entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> beginning = admin.describeTopics(group.getValue())
                        .allTopicNames().get().values().stream()
                        .flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                        .collect(Collectors.toMap(p -> p, p -> new OffsetAndMetadata(0)));
                // the group has just been left by the stopped service; the broker may need a moment to see it empty
                await().atMost(WAIT).ignoreExceptions().until(() -> {
                    admin.alterConsumerGroupOffsets(group.getKey(), beginning).all().get();
                    return true;
                });
            }
        }
    }

    static void awaitEveryGroupAtTheEnd() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestBroker.bootstrapServers()))) {
            await().atMost(WAIT).until(() -> {
                for (var group : GROUPS.entrySet()) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
                            .partitionsToOffsetAndMetadata().get();
                    var ends = admin.listOffsets(admin.describeTopics(group.getValue()).allTopicNames().get().values()
                            .stream().flatMap(t -> t.partitions().stream()
                                    .map(p -> new TopicPartition(t.name(), p.partition())))
                            .collect(Collectors.toMap(p -> p,
                                    p -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get();
                    for (var end : ends.entrySet()) {
                        OffsetAndMetadata at = committed.get(end.getKey());
                        if (end.getValue().offset() > 0 && (at == null || at.offset() < end.getValue().offset())) {
                            return false;
                        }
                    }
                }
                return true;
            });
        }
    }

    /** POSTs to the provider (texts), not the reads of its message list. */
    private static int textsSent() {
        return TestServers.sms().findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(TestServers.SMS_PATH))).size();
    }
}
