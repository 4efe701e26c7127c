package org.twisted4j.mail.smtp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Map;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.StringTransport;

/**
 * Fuzzes the command parser ({@link SmtpCommand}) and the server that uses it ({@link SmtpServer}).
 *
 * <p>Invariants of {@link #commandLinesParseOrAre5xx}: only {@link SmtpSyntaxException} escapes, with a 5xx
 * code; a verb is letters in upper case; the argument of MAIL or RCPT parses into a path and at most
 * {@value SmtpCommand#MAX_PARAMETERS} parameters with upper-case keywords, or fails with 501, 553 or 555.
 *
 * <p>Invariants of {@link #serverAnswersAnyBytesTheSameHoweverSplit}: whatever bytes a client sends, however
 * they are split into packets, the server raises nothing, writes the same replies, each a line of a three-digit
 * code, and never buffers more than a line's limit plus a packet.
 */
class SmtpCommandFuzzTest {

    @FuzzTest
    void commandLinesParseOrAre5xx(FuzzedDataProvider data) {
        boolean utf8 = data.consumeBoolean();
        byte[] line = data.consumeRemainingAsBytes();
        SmtpCommand command;
        try {
            command = SmtpCommand.parse(line);
        } catch (SmtpSyntaxException e) {
            assertThat(e.code()).isBetween(500, 599);
            return;
        }
        assertThat(command.verb()).matches("[A-Z]{1,16}");
        String prefix = command.verb().equals("RCPT") ? "TO:" : "FROM:";
        try {
            SmtpCommand.PathArgument argument = SmtpCommand.pathArgument(command.argument(), prefix, utf8);
            assertThat(argument.parameters().size()).isLessThanOrEqualTo(SmtpCommand.MAX_PARAMETERS);
            for (Map.Entry<String, String> parameter : argument.parameters().entrySet()) {
                assertThat(parameter.getKey()).matches("[A-Z0-9][A-Z0-9-]*");
            }
            if (!utf8) {
                assertThat(argument.address().isInternationalized()).isFalse();
            }
        } catch (SmtpSyntaxException e) {
            assertThat(e.code()).isIn(501, 553, 555);
        }
    }

    @FuzzTest
    void serverAnswersAnyBytesTheSameHoweverSplit(FuzzedDataProvider data) {
        int cut1 = data.consumeInt(0, 4096);
        int cut2 = data.consumeInt(0, 4096);
        byte[] bytes = data.consumeRemainingAsBytes();
        String whole = run(bytes, bytes.length, bytes.length);
        String split = run(bytes, Math.min(cut1, bytes.length), Math.min(Math.max(cut1, cut2), bytes.length));
        assertThat(split).isEqualTo(whole);
        for (String reply : whole.substring(0, whole.lastIndexOf('|')).split("\r\n", -1)) {
            if (!reply.isEmpty()) {
                assertThat(reply).matches("(?s)[2-5][0-9][0-9][ -].*");
            }
        }
    }

    private static String run(byte[] bytes, int cut1, int cut2) {
        Clock clock = new Clock();
        SmtpServerFactory factory = new SmtpServerFactory(clock, "mx.test");
        factory.setMaxMessageSize(2000);
        RecordingDelivery delivery = new RecordingDelivery();
        factory.setDelivery(delivery);
        StringTransport transport = new StringTransport();
        SmtpServer server = (SmtpServer) factory.buildProtocol(StringTransport.DEFAULT_PEER);
        server.makeConnection(transport);
        server.dataReceived(ByteBuffer.wrap(bytes, 0, cut1));
        server.dataReceived(ByteBuffer.wrap(bytes, cut1, cut2 - cut1));
        server.dataReceived(ByteBuffer.wrap(bytes, cut2, bytes.length - cut2));
        return transport.valueAsString(UTF_8) + "|" + delivery.messages;
    }
}
