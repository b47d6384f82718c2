package com.therapyplatform.notification.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.therapyplatform.notification.domain.Language;
import com.therapyplatform.notification.rendering.RenderedEmail;
import com.therapyplatform.platform.kafka.TransientFailure;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One SMTP connection per sending thread, reused while the server keeps it; a message whose send failed
 * is reported (transient or undeliverable), never lost and never resent by the channel itself.
 */
class MailChannelTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final RenderedEmail EMAIL = new RenderedEmail("Su profesional clínico está listo",
            "Gracias por comunicarse con nosotros.\nLínea de Prevención del Suicidio y Crisis: 988\n",
            "<!DOCTYPE html><html lang=\"es\"><body><p>Línea 988 — gratis</p></body></html>", Language.ES);

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    SmtpProxy proxy;
    MailChannel channel;

    @BeforeEach
    void start() throws IOException {
        proxy = new SmtpProxy(smtp.getSmtp().getPort());
        channel = channel(MailChannel.MAX_IDLE);
    }

    @AfterEach
    void stop() {
        channel.close();
        proxy.close();
    }

    MailChannel channel(Duration maxIdle) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(proxy.port());
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.connectiontimeout", "2000");
        properties.setProperty("mail.smtp.timeout", "5000");
        sender.setJavaMailProperties(properties);
        return new MailChannel(sender, "care-team@therapyplatform.example", maxIdle);
    }

    static String messageId(String name) {
        return "<" + name + ".receipt@notifications.therapyplatform.example>";
    }

    void send(String name) {
        channel.send(name + "@example.org", EMAIL, messageId(name));
    }

    static List<String> receivedMessageIds() {
        return Arrays.stream(smtp.getReceivedMessages()).map(message -> {
            try {
                return message.getMessageID();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void twoMessagesOnOneThreadGoOutOnOneConnection() {
        send("first");
        send("second");

        assertThat(receivedMessageIds()).containsExactly(messageId("first"), messageId("second"));
        assertThat(proxy.connectionsOpened()).isEqualTo(1);
        assertThat(proxy.connectionsOpen()).isEqualTo(1);
    }

    @Test
    void eachSendingThreadHasAConnectionOfItsOwn() throws Exception {
        ExecutorService otherLane = Executors.newSingleThreadExecutor();
        try {
            send("first");
            otherLane.submit(() -> send("other")).get();
            send("second");
            otherLane.submit(() -> send("other-second")).get();
        } finally {
            otherLane.shutdown();
        }

        assertThat(receivedMessageIds()).containsExactlyInAnyOrder(messageId("first"), messageId("other"),
                messageId("second"), messageId("other-second"));
        assertThat(proxy.connectionsOpened()).isEqualTo(2);
    }

    @Test
    void theConnectionOfAThreadThatEndedIsClosedWhenAnotherThreadConnects() throws Exception {
        // a plain thread, joined: an executor's awaitTermination can return while its worker thread is still
        // alive, and a live thread's connection is rightly kept (this test once failed in CI that way)
        java.util.concurrent.CompletableFuture<Void> sent = new java.util.concurrent.CompletableFuture<>();
        Thread lane = new Thread(() -> {
            try {
                send("ended-lane");
                sent.complete(null);
            } catch (RuntimeException e) {
                sent.completeExceptionally(e);
            }
        }, "ended-lane");
        lane.start();
        lane.join(WAIT.toMillis());
        assertThat(lane.isAlive()).isFalse();
        sent.get(); // the lane's message went out

        send("new-lane");

        await().atMost(WAIT).until(() -> proxy.connectionsOpen() == 1);
        assertThat(proxy.connectionsOpened()).isEqualTo(2);
    }

    @Test
    void aConnectionTheServerDroppedIsReplacedAndTheNextMessageGoesOutOnce() {
        send("before-drop");
        proxy.dropConnections();

        send("after-drop");

        assertThat(receivedMessageIds()).containsExactly(messageId("before-drop"), messageId("after-drop"));
        assertThat(proxy.connectionsOpened()).isEqualTo(2);
    }

    @Test
    void aConnectionIdleLongerThanTheLimitIsReplaced() {
        try (MailChannel neverIdle = channel(Duration.ZERO)) {
            neverIdle.send("first@example.org", EMAIL, messageId("first"));
            neverIdle.send("second@example.org", EMAIL, messageId("second"));
        }

        assertThat(receivedMessageIds()).containsExactly(messageId("first"), messageId("second"));
        assertThat(proxy.connectionsOpened()).isEqualTo(2);
    }

    @Test
    void aConnectionKeptWarmOutlastsTheIdleLimitAndCarriesTheNextMessage() throws InterruptedException {
        Duration idleLimit = Duration.ofMillis(300);
        try (MailChannel warm = channel(idleLimit)) {
            warm.keepWarm(); // opens it, before any message
            for (int i = 0; i < 4; i++) { // four times half the limit: idle past it but for the NOOPs
                Thread.sleep(idleLimit.dividedBy(2).toMillis());
                warm.keepWarm();
            }
            warm.send("after-quiet@example.org", EMAIL, messageId("after-quiet"));
        }

        assertThat(receivedMessageIds()).containsExactly(messageId("after-quiet"));
        assertThat(proxy.connectionsOpened()).isEqualTo(1);
    }

    @Test
    void keepingWarmWhileTheServerIsGoneIsTransientAndTheNextMessageConnectsAnew() {
        proxy.down();
        assertThatThrownBy(channel::keepWarm).isInstanceOfSatisfying(TransientFailure.class,
                failure -> assertThat(failure.reasonCode()).isEqualTo("SMTP_UNAVAILABLE"));

        proxy.up();
        send("later");
        assertThat(receivedMessageIds()).containsExactly(messageId("later"));
    }

    @Test
    void aSendWhileTheServerIsGoneIsTransientAndItsRetryGoesOutOnce() {
        send("before");
        proxy.down();

        assertThatThrownBy(() -> send("retried")).isInstanceOfSatisfying(TransientFailure.class,
                failure -> assertThat(failure.reasonCode()).isEqualTo("SMTP_UNAVAILABLE"));
        assertThat(receivedMessageIds()).containsExactly(messageId("before"));

        proxy.up();
        send("retried"); // the retry in place
        assertThat(receivedMessageIds()).containsExactly(messageId("before"), messageId("retried"));
    }

    @Test
    void anAddressTheServerRefusesPermanentlyIsUndeliverableAndTheNextMessageStillGoesOut() {
        proxy.refuse("gone@example.org");

        assertThatThrownBy(() -> send("gone")).isInstanceOfSatisfying(UndeliverableMessage.class, failure -> {
            assertThat(failure.failureCode()).isEqualTo("MAIL_ADDRESS_REJECTED");
            assertThat(failure.getMessage()).doesNotContain("gone");
        });
        send("next");

        assertThat(receivedMessageIds()).containsExactly(messageId("next"));
    }

    @Test
    void aMalformedAddressIsUndeliverableWithoutConnecting() {
        assertThatThrownBy(() -> channel.send("not an address", EMAIL, messageId("malformed")))
                .isInstanceOfSatisfying(UndeliverableMessage.class,
                        failure -> assertThat(failure.failureCode()).isEqualTo("MAIL_ADDRESS_INVALID"));
        assertThat(proxy.connectionsOpened()).isZero();
    }

    @Test
    void closingTheChannelEndsItsConnectionsAndASendAfterwardsIsTransient() {
        send("first");
        assertThat(proxy.connectionsOpen()).isEqualTo(1);

        channel.close();

        await().atMost(WAIT).until(() -> proxy.connectionsOpen() == 0);
        assertThatThrownBy(() -> send("after-close")).isInstanceOf(TransientFailure.class);
        assertThat(receivedMessageIds()).containsExactly(messageId("first"));
    }

    @Test
    void theMessageIsPlainTextAndHtmlInUtf8WithItsSubjectLanguageAndMessageId() throws Exception {
        send("content");

        MimeMessage received = smtp.getReceivedMessages()[0];
        assertThat(received.getMessageID()).isEqualTo(messageId("content"));
        assertThat(received.getSubject()).isEqualTo(EMAIL.subject());
        assertThat(received.getHeader("Content-Language")).containsExactly("es");
        assertThat(received.getFrom()[0].toString()).isEqualTo("care-team@therapyplatform.example");
        assertThat(received.getContentType()).startsWith("multipart/alternative");
        Multipart alternatives = (Multipart) received.getContent();
        assertThat(alternatives.getCount()).isEqualTo(2);
        BodyPart text = alternatives.getBodyPart(0);
        BodyPart html = alternatives.getBodyPart(1);
        assertThat(text.getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
        assertThat(((String) text.getContent()).replace("\r\n", "\n")).isEqualTo(EMAIL.text());
        assertThat(html.getContentType()).isEqualToIgnoringCase("text/html; charset=UTF-8");
        assertThat(html.getContent()).isEqualTo(EMAIL.html());
    }
}
