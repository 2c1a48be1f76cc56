package mx.zocalo.server.web;

import java.util.Map;

/**
 * A request the portal cannot answer because of a parameter, told in the request's language (400): a message key of
 * {@code site/i18n} and the values for its {@code {placeholders}}. The English text is the exception's message, for logs.
 */
final class LocalizedBadRequest extends RuntimeException {
    private final String key;
    private final Map<String, String> values;

    LocalizedBadRequest(String key, Map<String, String> values, String english) {
        super(english);
        this.key = key;
        this.values = Map.copyOf(values);
    }

    String code() {
        return "bad-parameter";
    }

    /** The message in the language of {@code msg}, its placeholders filled. */
    String message(Map<String, String> msg) {
        String text = msg.get(key);
        if (text == null) return getMessage();
        for (Map.Entry<String, String> v : values.entrySet()) text = text.replace("{" + v.getKey() + "}", v.getValue());
        return text;
    }
}
