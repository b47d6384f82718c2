package com.therapyplatform.matching.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The seam for authenticating and authorizing the roster admin API. Every admin request passes
 * through {@link #permits}; until the operability issue brings real authentication (e.g. an OAuth2
 * resource server with an admin scope), the default bean permits all, so keep the port internal.
 */
public interface AdminApiAccess {

    boolean permits(HttpServletRequest request);
}
