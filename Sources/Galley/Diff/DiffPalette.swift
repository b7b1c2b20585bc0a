/// When `galley diff` colours its output (`--color`).
public enum ColorMode: String, CaseIterable, Sendable {
    /// Colour on a terminal unless `NO_COLOR` is set.
    case auto
    case always
    case never
}

/// How the terminal forms mark changes: ANSI colours (deletions red, insertions green, labels
/// dim), or, without colour, `[-deleted-]` and `{+inserted+}` as `git diff --word-diff` has it.
public struct DiffPalette: Sendable {
    public enum Style: Sendable {
        case plain, deleted, inserted, label, heading, decision
    }

    public let colored: Bool

    public static let plain = DiffPalette(colored: false)
    public static let ansi = DiffPalette(colored: true)

    public init(colored: Bool) {
        self.colored = colored
    }

    /// The colour decision, kept out of the command so that tests can make it: `auto` colours
    /// only a terminal, and not when `NO_COLOR` is set to anything but the empty string
    /// (no-color.org); `always` and `never` are the user's explicit word and win over both.
    public init(mode: ColorMode, isTerminal: Bool, environment: [String: String]) {
        switch mode {
        case .always: colored = true
        case .never: colored = false
        case .auto: colored = isTerminal && (environment["NO_COLOR"] ?? "").isEmpty
        }
    }

    /// `text` in `style`. Changed text should pass through `VisibleText.of` first.
    public func paint(_ text: String, _ style: Style) -> String {
        guard !text.isEmpty else { return text }
        guard colored else {
            switch style {
            case .deleted: return "[-" + text + "-]"
            case .inserted: return "{+" + text + "+}"
            case .plain, .label, .heading, .decision: return text
            }
        }
        switch style {
        case .plain: return text
        case .deleted: return Self.change(text, foreground: "31", background: "41")
        case .inserted: return Self.change(text, foreground: "32", background: "42")
        case .label: return Self.escape("2") + text + Self.reset
        case .heading: return Self.escape("36") + text + Self.reset
        case .decision: return Self.escape("35") + text + Self.reset
        }
    }

    /// Columns the markers around a piece in `style` take.
    func decorationWidth(_ style: Style) -> Int {
        !colored && (style == .deleted || style == .inserted) ? 4 : 0
    }

    private static let reset = "\u{1B}[0m"
    private static func escape(_ code: String) -> String { "\u{1B}[\(code)m" }

    /// A coloured space is invisible, so white space in a change gets a background instead.
    private static func change(_ text: String, foreground: String, background: String) -> String {
        var out = ""
        var inSpace: Bool?
        for scalar in text.unicodeScalars {
            let isSpace = scalar.properties.isWhitespace
            if isSpace != inSpace {
                if inSpace != nil { out += reset }
                out += escape(isSpace ? background : foreground)
                inSpace = isSpace
            }
            out.unicodeScalars.append(scalar)
        }
        return out + reset
    }
}

/// Text made fit to show. A deleted line break or an invisible format character must not vanish
/// from the view that is meant to show it, and a control character in OCR text (an escape
/// sequence) must not drive the reader's terminal.
enum VisibleText {
    /// Changed text: line breaks, tabs and invisible characters as visible marks.
    static func of(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: out += "↵"
            case 0x0D: out += "␍"
            case 0x09: out += "⇥"
            default:
                if DisplayWidth.of(scalar) == 0 && !isCombiningMark(scalar) {
                    out += codePoint(scalar)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Unchanged text for a terminal: line breaks and tabs stay, other control characters are
    /// shown as code points.
    static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) { out += codePoint(scalar) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && value != 0x0A && value != 0x09) || (0x7F...0x9F).contains(value)
    }

    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x300 && scalar.properties.generalCategory != .format
    }

    private static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "⟨U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "⟩"
    }
}
