package com.therapyplatform.notification.domain;

import java.util.List;

/**
 * What one message says, before it is rendered: the template, the language, and the few values the
 * template may show. It never holds the recipient's name, answers or scores.
 *
 * @param link            the status link (client) or the intake link (clinician); always present
 * @param clinicianName   the assigned clinician's display name (match confirmation only)
 * @param credentials     the assigned clinician's credentials (match confirmation only)
 * @param resources       helplines for the e-mail body; condition-specific ones appear only here
 * @param imminent        the intake is at imminent risk: the crisis message leads with 911
 */
public record MessageContent(Template template, Language language, String link, String clinicianName,
        String credentials, List<Helpline.Text> resources, boolean imminent) {

    public MessageContent {
        resources = List.copyOf(resources);
    }
}
