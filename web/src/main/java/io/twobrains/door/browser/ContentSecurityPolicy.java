package io.twobrains.door.browser;

/**
 * The pages' Content-Security-Policy: scripts, styles, images and connections from the door alone,
 * no inline script except the page's import map (allowed by its hash, since browsers read import
 * maps only inline), no framing, forms only to the door.
 */
final class ContentSecurityPolicy {

    private ContentSecurityPolicy() {
    }

    static String forApp(String importMapHash) {
        return String.join("; ",
                "default-src 'self'",
                "script-src 'self' '" + importMapHash + "'",
                "style-src 'self'",
                "img-src 'self' data:",
                "font-src 'self'",
                "connect-src 'self'",
                "object-src 'none'",
                "base-uri 'none'",
                "frame-ancestors 'none'",
                "form-action 'self'");
    }

    /**
     * The sign-out page posts one form, to the provider's end-session endpoint. Browsers hold every
     * redirect that follows a form's submission to the submitting page's form-action too, and the
     * provider sends the browser back to the door's home, which sends it on to the provider's sign-in:
     * both origins are needed, or the browser stays on this page.
     */
    static String forSignOut(String providerOrigin) {
        return String.join("; ",
                "default-src 'none'",
                "script-src 'self'",
                "style-src 'self'",
                "base-uri 'none'",
                "frame-ancestors 'none'",
                "form-action 'self' " + providerOrigin);
    }
}
