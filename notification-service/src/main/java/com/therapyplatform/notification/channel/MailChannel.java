package com.therapyplatform.notification.channel;

import com.therapyplatform.notification.domain.OutgoingMessage;
import com.therapyplatform.platform.kafka.TransientFailure;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** E-mail over SMTP. A failure to reach the server is transient: the record waits and retries in place. */
public class MailChannel {

    private final JavaMailSenderImpl sender;
    private final InternetAddress from;

    public MailChannel(JavaMailSenderImpl sender, String from) {
        this.sender = sender;
        try {
            this.from = new InternetAddress(from, true);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException("notification.mail.from is not an address", e);
        }
    }

    public void send(String to, OutgoingMessage message, String messageId) {
        try {
            MimeMessage mime = new FixedIdMimeMessage(sender, messageId);
            mime.setFrom(from);
            mime.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(to, true));
            mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            mime.setText(message.body(), StandardCharsets.UTF_8.name());
            sender.send(mime);
        } catch (MessagingException e) {
            throw new UndeliverableMessage("MAIL_ADDRESS_INVALID");
        } catch (MailException e) {
            throw new TransientFailure("SMTP_UNAVAILABLE", e);
        }
    }

    /** Keeps our deterministic Message-ID: JavaMail would otherwise make a random one on save. */
    private static final class FixedIdMimeMessage extends MimeMessage {

        private final String messageId;

        FixedIdMimeMessage(JavaMailSenderImpl sender, String messageId) {
            super(sender.getSession());
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
