package com.therapyplatform.notification.channel;

import com.therapyplatform.notification.rendering.RenderedEmail;
import com.therapyplatform.platform.kafka.TransientFailure;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * E-mail over SMTP, as multipart/alternative (plain text and HTML). A server that cannot be reached is
 * transient: the record waits and retries in place. An address that is malformed or that the server
 * rejects can never succeed. Exceptions are reduced to codes: their messages may quote the address.
 */
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

    public void send(String to, RenderedEmail email, String messageId) {
        MimeMessage mime;
        try {
            mime = new FixedIdMimeMessage(sender, messageId);
            mime.setFrom(from);
            mime.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(to, true));
            mime.setSubject(email.subject(), StandardCharsets.UTF_8.name());
            mime.setHeader("Content-Language", email.language().locale().getLanguage());
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(part(email.text(), "plain"));
            alternative.addBodyPart(part(email.html(), "html"));
            mime.setContent(alternative);
        } catch (MessagingException e) {
            throw new UndeliverableMessage("MAIL_ADDRESS_INVALID");
        }
        try {
            sender.send(mime);
        } catch (MailSendException e) {
            if (addressRejected(e)) {
                throw new UndeliverableMessage("MAIL_ADDRESS_REJECTED");
            }
            throw new TransientFailure("SMTP_UNAVAILABLE");
        } catch (MailException e) {
            throw new TransientFailure("SMTP_UNAVAILABLE");
        }
    }

    private static MimeBodyPart part(String content, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(content, StandardCharsets.UTF_8.name(), subtype);
        return part;
    }

    /** The server answered the recipient with a permanent (5xx) refusal; a 4xx or a lost connection is not that. */
    private static boolean addressRejected(MailSendException e) {
        return e.getFailedMessages().values().stream().anyMatch(failure ->
                failure instanceof SendFailedException sendFailed && sendFailed.getInvalidAddresses() != null
                        && sendFailed.getInvalidAddresses().length > 0);
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
