package com.therapyplatform.notification.messaging;

import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Provider;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** A mail sender for the test SMTP server that talks through a test's own SMTP transport (slowed, counting). */
final class TestMailTransports {

    private TestMailTransports() {
    }

    static JavaMailSenderImpl senderThrough(Class<? extends SMTPTransport> transport, int port)
            throws NoSuchProviderException {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("localhost");
        sender.setPort(port);
        sender.getSession().setProvider(new Provider(Provider.Type.TRANSPORT, "smtp", transport.getName(), "test",
                null));
        return sender;
    }
}
