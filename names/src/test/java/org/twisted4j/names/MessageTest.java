package org.twisted4j.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTest {

    private static byte[] hex(String digits) {
        return HexFormat.of().parseHex(digits.replace(" ", ""));
    }

    private static void formErr(String digits, String why) {
        assertThatThrownBy(() -> Message.parse(hex(digits))).isInstanceOf(DnsFormatError.class)
                .hasMessageContaining(why);
    }

    @Test
    void everyPrefixOfAMessageIsAFormatError() {
        byte[] wire = Captured.bytes("dnspython-soa");
        for (int i = 0; i < wire.length; i++) {
            byte[] cut = Arrays.copyOf(wire, i);
            assertThatThrownBy(() -> Message.parse(cut)).as("cut at %d", i).isInstanceOf(DnsFormatError.class);
        }
    }

    @Test
    void octetsAfterTheLastRecordAreAFormatError() {
        byte[] wire = Captured.bytes("dnspython-a");
        byte[] longer = Arrays.copyOf(wire, wire.length + 1);
        assertThatThrownBy(() -> Message.parse(longer)).isInstanceOf(DnsFormatError.class)
                .hasMessageContaining("after the last record");
    }

    @Test
    void countsLargerThanTheDataAreRefusedBeforeReading() {
        formErr("0000 0000 ffff ffff ffff ffff", "need at least");
        formErr("0000 0000 0000 0001 0000 0000", "need at least");
    }

    @Test
    void compressionPointersMustPointBack() {
        // A question whose name is a pointer to itself.
        formErr("0000 0000 0001 0000 0000 0000 c00c 0001 0001", "does not point back");
        // A pointer forward, to a name after it.
        formErr("0000 0000 0001 0000 0000 0000 c012 0001 0001 0161 00", "does not point back");
        // Two names pointing at each other: the second points back to the first, which points forward to it.
        formErr("0000 0000 0002 0000 0000 0000 0161 c015 0001 0001 0162 c00c 0001 0001", "does not point back");
        // A pointer into the header points back, and reads what is there: here the id's zero, the root.
        assertThat(Message.parse(hex("0000 0000 0001 0000 0000 0000 c000 0001 0001")).queries().get(0).name())
                .isEqualTo(Name.ROOT);
    }

    @Test
    void aPointerLoopThroughSeveralLabelsIsRefused() {
        // 0161 c00c: "a" then a pointer back to itself at offset 12.
        formErr("0000 0000 0001 0000 0000 0000 0161 c00c 0001 0001", "does not point back");
    }

    @Test
    void labelTypesOtherThanLengthAndPointerAreRefused() {
        formErr("0000 0000 0001 0000 0000 0000 4161 00 0001 0001", "label type 0x40");
        formErr("0000 0000 0001 0000 0000 0000 8161 00 0001 0001", "label type 0x80");
    }

    @Test
    void namesLongerThan255OctetsAreRefused() {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            name.append("3f").append("61".repeat(63));
        }
        formErr("0000 0000 0001 0000 0000 0000" + name + "00 0001 0001", "longer than 255");
        // The same through pointers: each name adds a label before the one before it, until one is too long.
        StringBuilder chained = new StringBuilder("0000 0000 0005 0000 0000 0000");
        int at = 12;
        chained.append("3f").append("61".repeat(63)).append("00 0001 0001");
        int previous = at;
        at += 1 + 63 + 1 + 4;
        for (int i = 0; i < 4; i++) {
            chained.append("3f").append("62".repeat(63)).append(String.format("%04x", 0xc000 | previous))
                    .append("0001 0001");
            previous = at;
            at += 1 + 63 + 2 + 4;
        }
        formErr(chained.toString(), "longer than 255");
    }

    @Test
    void recordDataMustBeExactlyWhatItsTypeReads() {
        String question = "0000 8000 0000 0001 0000 0000 00 0001 0001 00000e10";
        formErr(question + "0003 c00002", "A data of 3 octets");
        formErr(question + "0005 c000020100", "A data of 5 octets");
        String mx = "0000 8000 0000 0001 0000 0000 00 000f 0001 00000e10";
        formErr(mx + "0005 000a 0000 00", "left over");
        formErr(mx + "0004 000a 0161", "cut short");
        formErr(mx + "0010 000a 0000", "record data of 16 octets");
    }

    @Test
    void optMustBeOneAndOwnedByTheRoot() {
        String opt = "00 0029 1000 00000000 0000";
        formErr("0000 0000 0000 0000 0000 0002" + opt + opt, "a second OPT");
        formErr("0000 0000 0000 0000 0000 0001 0161 00 0029 1000 00000000 0000", "not the root");
        formErr("0000 0000 0000 0001 0000 0000" + opt, "OPT record in the answer section");
        formErr("0000 0000 0000 0000 0000 0001 00 0029 1000 00000000 0006 000a 0002 0102", "cookie option");
        formErr("0000 0000 0000 0000 0000 0001 00 0029 1000 00000000 000a 0008 0006 0001 1800 c000",
                "EDNS option 8: address of 2 octets for a /24");
        formErr("0000 0000 0000 0000 0000 0001 00 0029 1000 00000000 0009 0008 0005 0003 0000 00",
                "EDNS option 8: address family 3");
    }

    @Test
    void badBitmapsAndParameterOrdersAreFormatErrors() {
        String nsec = "0000 8000 0000 0001 0000 0000 00 002f 0001 00000e10";
        formErr(nsec + "0003 00 0000", "window of 0 octets");
        formErr(nsec + "0007 00 0001 40 0001 40", "out of order");
        String svcb = "0000 8000 0000 0001 0000 0000 00 0040 0001 00000e10";
        formErr(svcb + "000b 0001 00 0003 0002 01bb 0001 0000", "increasing order");
    }

    @Test
    void extendedRcodeNeedsEdns() {
        assertThatThrownBy(() -> Message.builder().rcode(Rcode.BADVERS).build())
                .isInstanceOf(IllegalArgumentException.class);
        Message withEdns = Message.builder().response(true).rcode(Rcode.BADCOOKIE).edns(Edns.defaults()).build();
        assertThat(Message.parse(withEdns.toBytes()).rcode()).isEqualTo(Rcode.BADCOOKIE);
    }

    @Test
    void truncationKeepsWholeRecordsAndSetsTc() {
        Message big = Message.parse(Captured.bytes("dnspython-many-a"));
        assertThat(big.toBytes().length).isGreaterThan(512);
        byte[] cut = big.toBytes(512);
        assertThat(cut.length).isLessThanOrEqualTo(512);
        Message read = Message.parse(cut);
        assertThat(read.truncated()).isTrue();
        assertThat(read.queries()).isEqualTo(big.queries());
        assertThat(big.answers()).startsWith(read.answers().toArray(new ResourceRecord[0]));
        // The question takes 33 octets with the header, each compressed answer 16.
        assertThat(read.answers()).hasSize((512 - 12 - 21) / 16);
        assertThat(big.toBytes(4096)).isEqualTo(big.toBytes());
        assertThat(Message.parse(big.toBytes(4096)).truncated()).isFalse();
    }

    @Test
    void truncationKeepsTheOptRecord() {
        Message big = Message.parse(Captured.bytes("dnspython-many-a")).toBuilder()
                .edns(new Edns(1232, 0, true, List.of(new PaddingOption(20)))).rcode(Rcode.BADVERS).build();
        Message read = Message.parse(big.toBytes(300));
        assertThat(read.truncated()).isTrue();
        assertThat(read.edns()).isEqualTo(big.edns());
        assertThat(read.rcode()).isEqualTo(Rcode.BADVERS);
        assertThat(big.toBytes(300).length).isLessThanOrEqualTo(300);
        assertThatThrownBy(() -> big.toBytes(40)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void droppedAdditionalRecordsAloneLeaveTcClear() {
        Name name = Name.of("example.com");
        Message.Builder builder = Message.builder().response(true).query(new Query(name, RecordType.MX, DnsClass.IN))
                .answer(ResourceRecord.of(name, 60, new MxRecord(10, Name.of("mail.example.com"))));
        for (int i = 0; i < 50; i++) {
            builder.additional(ResourceRecord.of(Name.of("mail.example.com"), 60, ARecord.of("192.0.2." + i)));
        }
        Message read = Message.parse(builder.build().toBytes(512));
        assertThat(read.truncated()).isFalse();
        assertThat(read.answers()).hasSize(1);
        assertThat(read.additional()).hasSizeBetween(1, 49);
    }

    @Test
    void compressionDoesNotPointIntoARecordThatWasTakenOut() {
        // The second answer's owner is new; the record does not fit, and the third must not point into it.
        Name first = Name.of("a.example");
        Message.Builder builder = Message.builder().response(true).query(new Query(first, RecordType.TXT,
                DnsClass.IN));
        builder.answer(ResourceRecord.of(first, 1, TxtRecord.of("x".repeat(200))));
        builder.answer(ResourceRecord.of(Name.of("long-label-here.b.example"), 1, TxtRecord.of("y".repeat(250))));
        builder.answer(ResourceRecord.of(Name.of("long-label-here.b.example"), 1, TxtRecord.of("z")));
        Message message = builder.build();
        Message read = Message.parse(message.toBytes(300));
        assertThat(read.answers()).hasSize(1);
        assertThat(read.truncated()).isTrue();
    }

    @Test
    void flagsAndOpcodeRoundTrip() {
        Message message = Message.builder().id(65535).response(true).opcode(Opcode.NOTIFY).authoritative(true)
                .truncated(true).recursionDesired(true).recursionAvailable(true).authenticData(true)
                .checkingDisabled(true).rcode(Rcode.REFUSED).build();
        byte[] wire = message.toBytes();
        assertThat(HexFormat.of().formatHex(wire)).isEqualTo("ffffa7b5000000000000" + "0000");
        assertThat(Message.parse(wire)).isEqualTo(message);
    }
}
