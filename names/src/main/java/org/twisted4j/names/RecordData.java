package org.twisted4j.names;

/**
 * The data of a resource record, one Java record per type, and {@link UnknownRecord} for the rest. Each gives
 * its type number and its presentation form (the RDATA part of a zone-file line, as dnspython's
 * {@code to_text()} writes it); {@link Message} reads and writes the wire form.
 *
 * <pre>{@code
 * RecordData data = new MxRecord(10, Name.of("mail.example.com"));
 * data.toText();   // "10 mail.example.com."
 * switch (data) {
 *     case ARecord a -> use(a.address());
 *     case MxRecord mx -> use(mx.exchange());
 *     default -> { }
 * }
 * }</pre>
 *
 * <p>Immutable; any thread.
 */
public sealed interface RecordData permits ARecord, AaaaRecord, NsRecord, CnameRecord, DnameRecord, SoaRecord,
        PtrRecord, MxRecord, TxtRecord, SrvRecord, NaptrRecord, CaaRecord, HinfoRecord, RpRecord, SshfpRecord,
        TlsaRecord, SvcbRecord, HttpsRecord, SpfRecord, OptRecord, DsRecord, DnskeyRecord, RrsigRecord, NsecRecord,
        Nsec3Record, Nsec3paramRecord, UnknownRecord {

    /** The record type's number ({@link RecordType}). */
    int type();

    /** The presentation form of the data, as in a zone file after the type. */
    String toText();
}
