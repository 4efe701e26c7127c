package org.twisted4j.web.xmlrpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the XML-RPC reader with arbitrary bytes, as a method call and as a method response.
 *
 * <p>Invariants: only {@link XmlRpcFormatError} (and, for a response, a {@link Fault}) escapes; whatever is
 * read is written again and read back equal (write-then-read round trip), for the call and for each value.
 */
class XmlRpcCodecFuzzTest {

    @FuzzTest
    void readsOrRefusesWithOneError(FuzzedDataProvider data) throws Exception {
        byte[] input = data.consumeRemainingAsBytes();
        try {
            XmlRpcCodec.Call call = XmlRpcCodec.readCall(input);
            XmlRpcCodec.Call again = XmlRpcCodec.readCall(XmlRpcCodec.writeCall(call.methodName(), call.params(),
                    true));
            assertThat(again.methodName()).isEqualTo(call.methodName().strip());
            assertThat(again.params()).usingRecursiveComparison().isEqualTo(call.params());
        } catch (XmlRpcFormatError expected) {
            // refused whole
        } catch (IllegalArgumentException unwritable) {
            // a double out of range, read as infinity, has no XML-RPC form to write back
            assertThat(unwritable).hasMessageContaining("no form");
        }
        try {
            Object value = XmlRpcCodec.readResponse(input);
            assertThat(XmlRpcCodec.readResponse(XmlRpcCodec.writeResponse(value, true)))
                    .usingRecursiveComparison().isEqualTo(value);
        } catch (XmlRpcFormatError | Fault expected) {
            // refused, or a fault answered
        } catch (IllegalArgumentException unwritable) {
            assertThat(unwritable).hasMessageContaining("no form");
        }
    }
}
