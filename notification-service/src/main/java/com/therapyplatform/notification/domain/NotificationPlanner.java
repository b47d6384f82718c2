package com.therapyplatform.notification.domain;

import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.Channel;
import com.therapyplatform.contracts.events.ClinicianAssigned;
import com.therapyplatform.contracts.events.IntakeContactProvided;
import com.therapyplatform.contracts.events.NotificationReason;
import com.therapyplatform.contracts.events.RiskTier;
import com.therapyplatform.contracts.roster.ClinicianProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides who gets which message on which channel, and what it may say.
 *
 * <ul>
 *   <li>Clients are reached only on the channels they opted into, and only where they gave an address.</li>
 *   <li>When it is not safe to leave messages, every client message is {@link Template#MINIMAL}: an
 *       update exists, the status link, and 988 (which may go anywhere).</li>
 *   <li>Condition-specific helplines (by triage category) go only into the resources of an e-mail body.</li>
 *   <li>Clinicians get a link and no clinical detail; their messages are in English.</li>
 * </ul>
 */
public final class NotificationPlanner {

    private final ResourceCatalog resources;
    private final Links links;

    public NotificationPlanner(ResourceCatalog resources, Links links) {
        this.resources = resources;
        this.links = links;
    }

    public List<Delivery> receipt(String intakeId, IntakeContactProvided contact) {
        return toClient(intakeId, contact, NotificationReason.RECEIPT, Template.RECEIPT, null, null,
                resources.general(), false);
    }

    public List<Delivery> crisisResources(String intakeId, IntakeContactProvided contact, RiskTier riskTier) {
        return toClient(intakeId, contact, NotificationReason.CRISIS_RESOURCES, Template.CRISIS_RESOURCES, null, null,
                resources.crisis(riskTier), riskTier == RiskTier.IMMINENT);
    }

    public List<Delivery> matchConfirmation(String intakeId, IntakeContactProvided contact,
            ClinicianAssigned assigned, Set<Category> categories) {
        return toClient(intakeId, contact, NotificationReason.MATCH_CONFIRMATION, Template.MATCH_CONFIRMATION,
                assigned.clinicianDisplayName(), assigned.credentials(), resources.forCategories(categories), false);
    }

    public List<Delivery> waitlistNotice(String intakeId, IntakeContactProvided contact, Set<Category> categories) {
        return toClient(intakeId, contact, NotificationReason.WAITLIST_NOTICE, Template.WAITLIST_NOTICE, null, null,
                resources.forCategories(categories), false);
    }

    /** A routine assignment: the clinician's work e-mail. {@code clinician} is null when the roster does not know them. */
    public List<Delivery> clinicianNewClient(String intakeId, ClinicianProfile clinician) {
        MessageContent content = toClinician(intakeId, Template.CLINICIAN_NEW_CLIENT);
        return List.of(new Delivery(NotificationReason.CLINICIAN_NEW_CLIENT, Channel.EMAIL,
                clinician == null ? null : clinician.workEmail(), content));
    }

    /** An on-call assignment pages the clinician by SMS, and by e-mail so a page never hangs on one channel. */
    public List<Delivery> onCallPage(String intakeId, ClinicianProfile clinician) {
        MessageContent content = toClinician(intakeId, Template.ON_CALL_PAGE);
        return List.of(
                new Delivery(NotificationReason.ON_CALL_PAGE, Channel.SMS,
                        clinician == null ? null : clinician.workMobile(), content),
                new Delivery(NotificationReason.ON_CALL_PAGE, Channel.EMAIL,
                        clinician == null ? null : clinician.workEmail(), content));
    }

    private List<Delivery> toClient(String intakeId, IntakeContactProvided contact, NotificationReason reason,
            Template template, String clinicianName, String credentials, List<Helpline> helplines,
            boolean imminent) {
        Language language = Language.of(contact.language());
        String link = links.clientStatus(intakeId);
        MessageContent content = contact.safeToLeaveMessages()
                ? new MessageContent(template, language, link, clinicianName, credentials,
                        texts(helplines, language), imminent)
                : new MessageContent(Template.MINIMAL, language, link, null, null, List.of(), false);
        List<Delivery> deliveries = new ArrayList<>(2);
        if (contact.emailConsent() && present(contact.email())) {
            deliveries.add(new Delivery(reason, Channel.EMAIL, contact.email(), content));
        }
        if (contact.smsConsent() && present(contact.mobile())) {
            deliveries.add(new Delivery(reason, Channel.SMS, contact.mobile(), content));
        }
        return deliveries;
    }

    private MessageContent toClinician(String intakeId, Template template) {
        return new MessageContent(template, Language.EN, links.clinicianIntake(intakeId), null, null, List.of(), false);
    }

    private static List<Helpline.Text> texts(List<Helpline> helplines, Language language) {
        return helplines.stream().map(h -> h.in(language)).toList();
    }

    private static boolean present(String address) {
        return address != null && !address.isBlank();
    }
}
