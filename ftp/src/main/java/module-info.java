/**
 * twisted4j's ftp, in the manner of twisted.protocols.ftp: an FTP server over cred with FTPS, an FTP client, and {@code twist ftp}.
 */
module org.twisted4j.ftp {
    requires transitive org.twisted4j.core;

    exports org.twisted4j.ftp;

    provides org.twisted4j.application.ServiceMaker with org.twisted4j.ftp.FtpPlugin;
}
