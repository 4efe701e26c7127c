package org.twisted4j.web.client;

/**
 * Turns values into JSON bytes and back, for {@link HttpClient}: the JSON library is the application's choice
 * (Jackson, Gson, Jakarta JSON-B...), plugged in through this interface.
 *
 * <pre>{@code
 * ObjectMapper mapper = new ObjectMapper();
 * JsonCodec codec = new JsonCodec() {
 *     public byte[] encode(Object value) throws Exception { return mapper.writeValueAsBytes(value); }
 *     public <T> T decode(byte[] json, Class<T> type) throws Exception { return mapper.readValue(json, type); }
 * };
 * }</pre>
 *
 * <p>Threading: called on the reactor thread; keep it quick.
 */
public interface JsonCodec {

    /**
     * Encodes a value as JSON.
     *
     * @param value the value
     * @return its JSON text, as UTF-8
     * @throws Exception if the value cannot be encoded; the request fails with it
     */
    byte[] encode(Object value) throws Exception;

    /**
     * Decodes JSON into a value of {@code type}.
     *
     * @param json JSON text, as UTF-8
     * @param type the type wanted
     * @param <T> the type wanted
     * @return the value
     * @throws Exception if the text is not JSON of that type; the Deferred fails with it
     */
    <T> T decode(byte[] json, Class<T> type) throws Exception;
}
