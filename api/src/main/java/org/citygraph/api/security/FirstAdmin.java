package org.citygraph.api.security;

import java.security.SecureRandom;
import java.util.Base64;

import org.citygraph.graph.Viewer;
import org.citygraph.graph.user.Users;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * On the first start (no account exists), creates the {@code admin} account. Its password comes
 * from {@code CITYGRAPH_SECURITY_ADMIN_PASSWORD} or is generated and printed once; no password
 * is built in.
 */
@Component
class FirstAdmin implements InitializingBean {

    private static final Logger LOG = LoggerFactory.getLogger(FirstAdmin.class);

    private final Users users;
    private final PasswordEncoder encoder;
    private final SecurityProperties properties;

    FirstAdmin(Users users, PasswordEncoder encoder, SecurityProperties properties) {
        this.users = users;
        this.encoder = encoder;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        if (users.count() > 0) {
            return;
        }
        var given = properties.adminPassword();
        var password = given == null || given.isBlank() ? generated() : given;
        users.create("admin", "관리자", Viewer.Role.ADMIN, null, encoder.encode(password));
        if (given == null || given.isBlank()) {
            LOG.warn("""

                    ==========================================================================
                     Created the first account: admin / {}
                     This password is shown once. Log in and create named accounts; set
                     CITYGRAPH_SECURITY_ADMIN_PASSWORD before the first start to choose it.
                    ==========================================================================""", password);
        } else {
            LOG.info("Created the first account 'admin' with the configured password");
        }
    }

    private static String generated() {
        var bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
