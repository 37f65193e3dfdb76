package dev.authplane.core.admin;

/** Makes operator input safe to echo in a message: printable ASCII only, at most 64 characters. */
final class Text {

    private Text() {
    }

    static String printable(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), 64));
        s.codePoints().limit(64).forEach(c -> out.append(c >= 0x20 && c < 0x7F ? (char) c : '?'));
        return out.toString();
    }
}
