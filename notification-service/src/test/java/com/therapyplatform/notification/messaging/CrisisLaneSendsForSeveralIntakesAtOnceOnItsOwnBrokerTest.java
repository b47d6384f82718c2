package com.therapyplatform.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.contracts.events.Channel;
import com.therapyplatform.contracts.events.NotificationReason;
import com.therapyplatform.contracts.events.RiskTier;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Crisis resources for several urgent intakes go out at the same time, not one after another: the mail
 * server takes 300 ms a message, and the test counts how many crisis mails it is handed at once.
 *
 * <p>Its own application context (the counting mail server) must be the only one consuming while it runs,
 * and must be gone before the next test's: a second context in the same groups takes over partitions,
 * with a different mail server. So it runs in the own-broker JVM, where no other context is alive, and
 * closes its context when done.
 */
@Import(CrisisLaneSendsForSeveralIntakesAtOnceOnItsOwnBrokerTest.CountingMailServer.class)
@Order(2)
@DirtiesContext
class CrisisLaneSendsForSeveralIntakesAtOnceOnItsOwnBrokerTest extends NotificationBrokerTestBase {

    static final int URGENT = 6;
    static final Duration PER_MESSAGE = Duration.ofMillis(300);
    static final AtomicInteger crisisInFlight = new AtomicInteger();
    static final AtomicInteger mostCrisisAtOnce = new AtomicInteger();

    @TestConfiguration(proxyBeanMethods = false)
    static class CountingMailServer {

        @Bean
        JavaMailSenderImpl countingMailSender(@Value("${spring.mail.port}") int port) throws NoSuchProviderException {
            return TestMailTransports.senderThrough(CountingSmtpTransport.class, port);
        }
    }

    /** SMTP as usual, after {@link #PER_MESSAGE}; counts the crisis mails it holds at the same time. */
    public static class CountingSmtpTransport extends SMTPTransport {

        public CountingSmtpTransport(Session session, URLName url) {
            super(session, url);
        }

        @Override
        public void sendMessage(Message message, Address[] addresses) throws MessagingException {
            String[] id = message.getHeader("Message-ID");
            boolean crisis = id != null && id[0].contains(".crisis_resources@");
            if (crisis) {
                mostCrisisAtOnce.accumulateAndGet(crisisInFlight.incrementAndGet(), Math::max);
            }
            try {
                LockSupport.parkNanos(PER_MESSAGE.toNanos());
                super.sendMessage(message, addresses);
            } finally {
                if (crisis) {
                    crisisInFlight.decrementAndGet();
                }
            }
        }
    }

    @Test
    void crisisMailsForSeveralUrgentIntakesAreSentAtTheSameTimeEachOnce() {
        List<Intake> intakes = new ArrayList<>();
        for (int i = 0; i < URGENT; i++) {
            Intake intake = new Intake();
            publish(intake.emailOnly("en"));
            intakes.add(intake);
        }
        intakes.forEach(intake -> publish(intake.urgent(RiskTier.IMMINENT)));

        intakes.forEach(intake -> awaitSent(intake.id, NotificationReason.CRISIS_RESOURCES, Channel.EMAIL));

        assertThat(mostCrisisAtOnce.get()).as("crisis mails handed to the mail server at the same time")
                .isGreaterThan(1);
        for (Intake intake : intakes) {
            assertThat(mailTo(intake.email)).filteredOn(mail -> idOf(mail).contains(".crisis_resources@"))
                    .as("crisis mails to one intake").hasSize(1);
        }
    }

    private static String idOf(jakarta.mail.internet.MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
