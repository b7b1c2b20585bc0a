import Foundation
import Testing
@testable import Galley

struct PageInputTests {
    struct Case: CustomStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let problem: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "empty", bytes: [], problem: "empty file"),
        Case(name: "blank", bytes: Array(" \n\n ".utf8), problem: "page holds no text, only white space"),
        Case(name: "binary", bytes: [0x41, 0x00, 0x42], problem: "binary file (NUL byte at byte 1), not a text page"),
        Case(name: "invalid UTF-8", bytes: Array("党中央".utf8) + [0xFF, 0x41], problem: "invalid UTF-8 at byte 9"),
        Case(name: "truncated sequence", bytes: Array("党".utf8).dropLast(), problem: "invalid UTF-8 at byte 0"),
        Case(name: "overlong", bytes: [0xC0, 0xAF], problem: "invalid UTF-8 at byte 0"),
        Case(name: "surrogate", bytes: [0xED, 0xA0, 0x80], problem: "invalid UTF-8 at byte 0"),
    ]

    @Test(arguments: cases)
    func refused(_ input: Case) {
        #expect(throws: Page.InputError(source: "p.txt", problem: input.problem)) {
            try Page(source: "p.txt", bytes: input.bytes)
        }
    }

    @Test func overTheSizeLimit() {
        #expect(throws: Page.InputError.self) { try Page(source: "big", bytes: Array(repeating: 0x41, count: 11), maxBytes: 10) }
    }

    @Test func missingFileAndDirectory() throws {
        #expect(throws: Page.InputError(source: "/nonexistent/page.txt", problem: "no such file")) {
            try PageReader.read(path: "/nonexistent/page.txt")
        }
        let folder = Repository.url("Fixtures").path
        #expect(throws: Page.InputError.self) { try PageReader.read(path: folder) }
    }
}

extension Page.InputError: Equatable {
    public static func == (lhs: Page.InputError, rhs: Page.InputError) -> Bool {
        lhs.source == rhs.source && lhs.problem == rhs.problem
    }
}
