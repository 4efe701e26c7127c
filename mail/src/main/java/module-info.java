/**
 * twisted4j's mail, in the manner of twisted.mail: an ESMTP server whose deliveries go through a
 * {@link org.twisted4j.mail.smtp.MessageDelivery}, an ESMTP client, Maildir storage, a POP3 server, an IMAP4
 * server, and the {@code twist mail} plugin.
 */
module org.twisted4j.mail {
    requires transitive org.twisted4j.core;
    requires transitive org.twisted4j.names;

    exports org.twisted4j.mail;
    exports org.twisted4j.mail.smtp;
    exports org.twisted4j.mail.maildir;
    exports org.twisted4j.mail.imap4;
    exports org.twisted4j.mail.pop3;
    exports org.twisted4j.mail.relay;
    exports org.twisted4j.mail.alias;

    provides org.twisted4j.application.ServiceMaker with org.twisted4j.mail.MailPlugin;
}
