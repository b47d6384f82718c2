package com.therapyplatform.notification.rendering;

import com.therapyplatform.notification.domain.Helpline;
import com.therapyplatform.notification.domain.Language;
import com.therapyplatform.notification.domain.MessageContent;
import com.therapyplatform.notification.domain.Template;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.unbescape.html.HtmlEscape;

/**
 * Renders message content through Thymeleaf: an HTML and a plain-text e-mail body per template, a
 * short SMS text, and a subject, all worded per language in {@code notification/messages*.properties}.
 * Templates live under {@code notification/templates/} ({@code email/<id>.html}, {@code email/<id>.txt},
 * {@code sms/<id>.txt}).
 *
 * <p>Thymeleaf runs once per shape of message: template, language, helplines and imminence, the only
 * values the templates branch or loop on. The link, the clinician's name and credentials are only ever
 * printed (as message arguments), so a shape is rendered with markers in their place and each message
 * fills them in, HTML-escaped the way Thymeleaf escapes {@code th:text}. A render took about 125 µs of
 * C1-compiled code per e-mail; filling in a shape takes a few (docs/benchmarks/render.md).
 */
public class MessageRenderer {

    static final String MESSAGES = "notification/messages";
    private static final String TEMPLATES = "notification/templates/";
    /** Private-use code points: no template or message has them, and neither escaping touches them. */
    private static final char MARK = '\uE000';
    private static final String LINK = MARK + "link" + MARK;
    private static final String CLINICIAN_NAME = MARK + "clinicianName" + MARK;
    private static final String CREDENTIALS = MARK + "credentials" + MARK;
    private static final Pattern LINE_BREAK = Pattern.compile("\\s*\\R\\s*");
    /** Shapes come from a finite catalog; the cap only guards against one that is not. */
    private static final int MAX_SHAPES = 4096;

    private final SpringTemplateEngine engine;
    private final MessageSource messages;
    private final Map<Shape, Shaped> emails = new ConcurrentHashMap<>();
    private final Map<Shape, String> texts = new ConcurrentHashMap<>();

    public MessageRenderer() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename(MESSAGES);
        source.setDefaultEncoding(StandardCharsets.UTF_8.name());
        // English is the bundle without suffix: never fall back to the machine's locale
        source.setFallbackToSystemLocale(false);
        this.messages = source;
        this.engine = new SpringTemplateEngine();
        engine.setTemplateEngineMessageSource(source);
        engine.addTemplateResolver(resolver("*.html", TemplateMode.HTML, 1));
        engine.addTemplateResolver(resolver("*.txt", TemplateMode.TEXT, 2));
    }

    private static ClassLoaderTemplateResolver resolver(String pattern, TemplateMode mode, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MessageRenderer.class.getClassLoader());
        resolver.setPrefix(TEMPLATES);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        resolver.setOrder(order);
        return resolver;
    }

    public RenderedEmail email(MessageContent content) {
        Shaped shaped = shaped(emails, Shape.of(content), this::renderEmail);
        return new RenderedEmail(shaped.subject(), bodyText(fill(shaped.text(), content, UnaryOperator.identity())),
                fill(shaped.html(), content, HtmlEscape::escapeHtml4Xml), content.language());
    }

    public String sms(MessageContent content) {
        return smsText(fill(shaped(texts, Shape.of(content), this::renderSms), content, UnaryOperator.identity()));
    }

    /** Renders the message through Thymeleaf, without shapes: what {@link #email} must equal. */
    RenderedEmail emailUnshaped(MessageContent content) {
        Shaped rendered = renderEmail(content);
        return new RenderedEmail(rendered.subject(), bodyText(rendered.text()), rendered.html(), content.language());
    }

    /** Renders the message through Thymeleaf, without shapes: what {@link #sms} must equal. */
    String smsUnshaped(MessageContent content) {
        return smsText(renderSms(content));
    }

    private static String bodyText(String rendered) {
        return rendered.strip() + "\n";
    }

    private static String smsText(String rendered) {
        return LINE_BREAK.matcher(rendered.strip()).replaceAll(" ");
    }

    private <V> V shaped(Map<Shape, V> cache, Shape shape, Function<MessageContent, V> render) {
        V cached = cache.get(shape);
        if (cached != null) {
            return cached;
        }
        V rendered = render.apply(shape.marked());
        if (cache.size() < MAX_SHAPES) {
            cache.putIfAbsent(shape, rendered);
        }
        return rendered;
    }

    private Shaped renderEmail(MessageContent content) {
        String id = content.template().id();
        String subject = messages.getMessage(id + ".subject", null, content.language().locale());
        Context context = context(content);
        context.setVariable("subject", subject);
        return new Shaped(subject, engine.process("email/" + id + ".txt", context),
                engine.process("email/" + id + ".html", context));
    }

    private String renderSms(MessageContent content) {
        return engine.process("sms/" + content.template().id() + ".txt", context(content));
    }

    /**
     * One pass, so that a value that happens to contain a marker is never filled in again. A marker
     * character that starts no known marker (say, in a configured helpline) is kept as it is, as
     * Thymeleaf would print it.
     */
    private static String fill(String shaped, MessageContent content, UnaryOperator<String> escape) {
        int mark = shaped.indexOf(MARK);
        if (mark < 0) {
            return shaped;
        }
        StringBuilder filled = new StringBuilder(shaped.length() + 64);
        int from = 0;
        while (mark >= 0) {
            int end = shaped.indexOf(MARK, mark + 1);
            String value = end < 0 ? null : switch (shaped.substring(mark, end + 1)) {
                case LINK -> String.valueOf(content.link());
                case CLINICIAN_NAME -> String.valueOf(content.clinicianName());
                case CREDENTIALS -> String.valueOf(content.credentials());
                default -> null;
            };
            if (value == null) {
                filled.append(shaped, from, mark + 1);
                from = mark + 1;
            } else {
                filled.append(shaped, from, mark).append(escape.apply(value));
                from = end + 1;
            }
            mark = shaped.indexOf(MARK, from);
        }
        return filled.append(shaped, from, shaped.length()).toString();
    }

    private static Context context(MessageContent content) {
        Context context = new Context(content.language().locale());
        context.setVariable("lang", content.language().locale().getLanguage());
        context.setVariable("link", content.link());
        context.setVariable("clinicianName", content.clinicianName());
        context.setVariable("credentials", content.credentials());
        context.setVariable("resources", content.resources());
        context.setVariable("imminent", content.imminent());
        return context;
    }

    /** What a template may branch or loop on; everything else in {@link MessageContent} is only printed. */
    private record Shape(Template template, Language language, List<Helpline.Text> resources, boolean imminent) {

        static Shape of(MessageContent content) {
            return new Shape(content.template(), content.language(), content.resources(), content.imminent());
        }

        MessageContent marked() {
            return new MessageContent(template, language, LINK, CLINICIAN_NAME, CREDENTIALS, resources, imminent);
        }
    }

    private record Shaped(String subject, String text, String html) {
    }
}
