package com.therapyplatform.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Topics;
import com.therapyplatform.contracts.events.RiskTier;
import com.therapyplatform.testsupport.SampleEvents;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Urgent never waits: with 10,000 routine contact events queued and a mail server slowed to 30 ms a
 * message (a backlog of half a minute and more, even with the receipt lane sending for eight intakes at
 * once), an urgent intake's crisis e-mail arrives within seconds,
 * although its own contact event is queued behind the 10,000 and its receipt has not gone out yet.
 */
@Import(CrisisMailOvertakesARoutineBacklogOnItsOwnBrokerTest.SlowMailServer.class)
@Order(3) // last in its JVM: nothing after it could catch up with the backlog
class CrisisMailOvertakesARoutineBacklogOnItsOwnBrokerTest extends NotificationBrokerTestBase {

    static final int BACKLOG = 10_000;
    static final Duration PER_MESSAGE = Duration.ofMillis(30);

    @TestConfiguration(proxyBeanMethods = false)
    static class SlowMailServer {

        /** Every message waits as if the mail server were slow; the crisis message too. */
        @Bean
        JavaMailSenderImpl slowMailSender(@Value("${spring.mail.port}") int port) throws NoSuchProviderException {
            return TestMailTransports.senderThrough(SlowSmtpTransport.class, port);
        }
    }

    /** SMTP as usual, after a wait of {@link #PER_MESSAGE} for each message. */
    public static class SlowSmtpTransport extends SMTPTransport {

        public SlowSmtpTransport(Session session, URLName url) {
            super(session, url);
        }

        @Override
        public void sendMessage(Message message, Address[] addresses) throws MessagingException {
            LockSupport.parkNanos(PER_MESSAGE.toNanos());
            super.sendMessage(message, addresses);
        }
    }

    @Test
    void aCrisisMailArrivesWithinSecondsWhileTenThousandRoutineReceiptsWaitForASlowMailServer() {
        List<Map.Entry<String, byte[]>> backlog = new ArrayList<>(BACKLOG);
        for (int i = 0; i < BACKLOG; i++) {
            String id = SampleEvents.newIntakeId();
            backlog.add(new AbstractMap.SimpleEntry<>(id, EventJson.write(SampleEvents.contact(
                    SampleEvents.routineSubmitted(id), "routine-" + id + "@example.org"))));
        }
        kafka.sendAll(Topics.INTAKE_CONTACT, backlog);
        await().atMost(WAIT).until(() -> routineReceipts() > 0); // the receipt lane is busy with the backlog

        Intake urgent = new Intake();
        publish(urgent.emailOnly("en"));
        long flagged = System.nanoTime();
        publish(urgent.urgent(RiskTier.IMMINENT));

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> hasCrisisMail(urgent.email));
        Duration took = Duration.ofNanos(System.nanoTime() - flagged);
        long receiptsSent = routineReceipts();

        assertThat(took).isLessThan(Duration.ofSeconds(10));
        assertThat(BACKLOG - receiptsSent).as("receipts still queued")
                .isGreaterThan(Duration.ofMinutes(2).toMillis() / PER_MESSAGE.toMillis());
        assertThat(mailTo(urgent.email)).as("the urgent intake's own receipt is still queued").hasSize(1);
        System.out.printf("crisis mail after %d ms, %d of %d receipts sent%n", TimeUnit.NANOSECONDS.toMillis(
                took.toNanos()), receiptsSent, BACKLOG);
    }

    private static long routineReceipts() {
        return Arrays.stream(TestServers.smtp().getReceivedMessages()).filter(m -> to(m).startsWith("routine-"))
                .count();
    }

    private static boolean hasCrisisMail(String address) {
        return mailTo(address).stream().anyMatch(m -> {
            try {
                return m.getMessageID().contains(".crisis_resources@");
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String to(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
