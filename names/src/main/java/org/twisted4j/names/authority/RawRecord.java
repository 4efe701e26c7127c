package org.twisted4j.names.authority;

/**
 * A record as a zone file gives it: absolute owner name in presentation form, type, class, TTL and the record
 * data in uncompressed wire form, with where it was written.
 */
record RawRecord(String owner, int type, int dnsClass, long ttl, byte[] rdata, String source, int line) {
}
