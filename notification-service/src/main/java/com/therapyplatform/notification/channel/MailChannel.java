package com.therapyplatform.notification.channel;

import com.therapyplatform.notification.rendering.RenderedEmail;
import com.therapyplatform.platform.kafka.TransientFailure;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.mail.util.StreamProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * E-mail over SMTP, as multipart/alternative (plain text and HTML). A server that cannot be reached is
 * transient: the record waits and retries in place. An address that is malformed or that the server
 * rejects can never succeed. Exceptions are reduced to codes: their messages may quote the address.
 *
 * <p>Each sending thread (each lane) keeps one SMTP connection of its own, as a {@link Transport} is not
 * thread-safe, and sends message after message on it. Before a message goes out on a connection used
 * before, the server must answer a NOOP: if it closed the connection, a new one is opened, and nothing
 * of that message had been sent. A connection idle for longer than {@link #MAX_IDLE} is closed and
 * replaced (servers drop idle connections, sometimes silently). After any failed send the connection is
 * dropped and the failure is reported as before, never resent here: only the retry in place sends again.
 */
public class MailChannel implements AutoCloseable {

    /** Longest a connection may sit idle and still be reused. */
    public static final Duration MAX_IDLE = Duration.ofSeconds(30);

    private final JavaMailSenderImpl sender;
    private final Session session;
    private final InternetAddress from;
    private final long maxIdleNanos;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public MailChannel(JavaMailSenderImpl sender, String from) {
        this(sender, from, MAX_IDLE);
    }

    MailChannel(JavaMailSenderImpl sender, String from, Duration maxIdle) {
        this.sender = sender;
        this.session = sender.getSession();
        this.maxIdleNanos = maxIdle.toNanos();
        try {
            this.from = new InternetAddress(from, true);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException("notification.mail.from is not an address", e);
        }
        nameTheStreamProvider(session);
    }

    public void send(String to, RenderedEmail email, String messageId) {
        MimeMessage mime = message(to, email, messageId);
        Connection connection = connection();
        try {
            mime.saveChanges(); // headers, the Content-Transfer-Encodings and our Message-ID
            connection.transport.sendMessage(mime, mime.getAllRecipients());
            connection.lastUsed = System.nanoTime();
        } catch (MessagingException | RuntimeException e) {
            // the message may have been taken, partly sent or not: never resent on this connection
            discard(connection);
            if (addressRejected(e)) {
                throw new UndeliverableMessage("MAIL_ADDRESS_REJECTED");
            }
            throw new TransientFailure("SMTP_UNAVAILABLE");
        }
    }

    /**
     * Opens this thread's connection, or proves it still open (a NOOP) and counts that as use, so the next
     * message finds it ready: for senders that wait long between messages (the crisis lane), whose
     * connections would otherwise be past {@link #MAX_IDLE} and be opened anew for each message. A server
     * that cannot be reached is a {@link TransientFailure}, as for a send.
     */
    public void keepWarm() {
        connection().lastUsed = System.nanoTime();
    }

    /** The message as it is sent; a malformed address makes it undeliverable. */
    MimeMessage message(String to, RenderedEmail email, String messageId) {
        try {
            MimeMessage mime = new FixedIdMimeMessage(session, messageId);
            mime.setFrom(from);
            mime.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(to, true));
            mime.setSubject(email.subject(), StandardCharsets.UTF_8.name());
            mime.setHeader("Content-Language", email.language().locale().getLanguage());
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(part(email.text(), "text/plain; charset=UTF-8"));
            alternative.addBodyPart(part(email.html(), "text/html; charset=UTF-8"));
            mime.setContent(alternative);
            return mime;
        } catch (MessagingException e) {
            throw new UndeliverableMessage("MAIL_ADDRESS_INVALID");
        }
    }

    /** Closes every connection; a send after this is transient (the record is retried after a restart). */
    @Override
    public void close() {
        closed = true;
        open.forEach(this::discard);
    }

    /**
     * The bytes with their type: {@code setText} would have Activation find, load and create a content
     * handler for each part (and encode the text twice). The same headers and body go out.
     */
    private static MimeBodyPart part(String content, String type) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(content.getBytes(StandardCharsets.UTF_8), type)));
        return part;
    }

    /** This thread's connection: reused while fresh and answering, else a new one. */
    private Connection connection() {
        if (closed) {
            throw new TransientFailure("SMTP_UNAVAILABLE");
        }
        Connection current = connections.get();
        if (current != null) {
            if (System.nanoTime() - current.lastUsed <= maxIdleNanos && current.transport.isConnected()) {
                return current;
            }
            discard(current); // idle too long, or the server closed it: no part of this message went out on it
        }
        open.stream().filter(connection -> !connection.owner.isAlive()).forEach(this::discard); // lanes replaced
        Connection connected = new Connection(connect());
        connections.set(connected);
        open.add(connected);
        if (closed) { // closed while connecting
            discard(connected);
            throw new TransientFailure("SMTP_UNAVAILABLE");
        }
        return connected;
    }

    /** As {@link JavaMailSenderImpl} connects for each send; a server that cannot be reached is transient. */
    private Transport connect() {
        String username = sender.getUsername();
        String password = sender.getPassword();
        if ("".equals(username) && "".equals(password)) {
            username = null;
            password = null;
        }
        String protocol = sender.getProtocol();
        if (protocol == null) {
            protocol = session.getProperty("mail.transport.protocol");
        }
        if (protocol == null) {
            protocol = "smtp";
        }
        Transport transport = null;
        try {
            transport = session.getTransport(protocol);
            transport.connect(sender.getHost(), sender.getPort(), username, password);
            return transport;
        } catch (MessagingException | RuntimeException e) {
            closeQuietly(transport);
            throw new TransientFailure("SMTP_UNAVAILABLE");
        }
    }

    private void discard(Connection connection) {
        open.remove(connection);
        if (connections.get() == connection) {
            connections.remove();
        }
        closeQuietly(connection.transport);
    }

    private static void closeQuietly(Transport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            // already gone: nothing to keep, and the message could quote an address
        }
    }

    /** The server answered the recipient with a permanent (5xx) refusal; a 4xx or a lost connection is not that. */
    private static boolean addressRejected(Exception e) {
        return e instanceof SendFailedException sendFailed && sendFailed.getInvalidAddresses() != null
                && sendFailed.getInvalidAddresses().length > 0;
    }

    /**
     * Jakarta Mail 2.1 looks the {@link StreamProvider} up anew, with a ServiceLoader scan of every jar on
     * the class path, in each body part and multipart it creates and for each encoder: eight or nine scans
     * a message (fixed in Jakarta Mail 2.2, jakartaee/mail-api#699). Its lookup takes the class named by
     * the system property of that name first, so name the implementation the session found, once.
     */
    private static void nameTheStreamProvider(Session session) {
        String property = StreamProvider.class.getName();
        if (System.getProperty(property) == null) {
            System.setProperty(property, session.getStreamProvider().getClass().getName());
        }
    }

    /** One thread's SMTP connection: used by that thread only (closing is safe from any thread). */
    private static final class Connection {

        final Transport transport;
        final Thread owner = Thread.currentThread();
        long lastUsed = System.nanoTime();

        Connection(Transport transport) {
            this.transport = transport;
        }
    }

    /** Keeps our deterministic Message-ID: JavaMail would otherwise make a random one on save. */
    private static final class FixedIdMimeMessage extends MimeMessage {

        private final String messageId;

        FixedIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
