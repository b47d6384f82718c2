package com.therapyplatform.notification.rendering;

import com.therapyplatform.notification.domain.Language;

/** An e-mail ready to send: the same words as plain text and as HTML. */
public record RenderedEmail(String subject, String text, String html, Language language) {
}
