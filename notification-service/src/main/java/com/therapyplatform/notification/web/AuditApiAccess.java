package com.therapyplatform.notification.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The seam for authenticating and authorizing the notification audit API (staff only). Every request
 * passes through {@link #permits}; until the operability issue brings real authentication (e.g. an
 * OAuth2 resource server with a staff scope, and an access log of who looked at which intake), the
 * default bean permits all, so keep the port internal.
 */
public interface AuditApiAccess {

    boolean permits(HttpServletRequest request);
}
