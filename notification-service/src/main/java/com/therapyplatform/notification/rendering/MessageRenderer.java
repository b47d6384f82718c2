package com.therapyplatform.notification.rendering;

import com.therapyplatform.notification.domain.MessageContent;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders message content through Thymeleaf: an HTML and a plain-text e-mail body per template, a
 * short SMS text, and a subject, all worded per language in {@code notification/messages*.properties}.
 * Templates live under {@code notification/templates/} ({@code email/<id>.html}, {@code email/<id>.txt},
 * {@code sms/<id>.txt}).
 */
public class MessageRenderer {

    static final String MESSAGES = "notification/messages";
    private static final String TEMPLATES = "notification/templates/";

    private final SpringTemplateEngine engine;
    private final MessageSource messages;

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
        String id = content.template().id();
        String subject = messages.getMessage(id + ".subject", null, content.language().locale());
        Context context = context(content);
        context.setVariable("subject", subject);
        return new RenderedEmail(subject, engine.process("email/" + id + ".txt", context).strip() + "\n",
                engine.process("email/" + id + ".html", context), content.language());
    }

    public String sms(MessageContent content) {
        return engine.process("sms/" + content.template().id() + ".txt", context(content)).strip()
                .replaceAll("\\s*\\R\\s*", " ");
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
}
