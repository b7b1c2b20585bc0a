import Testing
@testable import Galley

/// Pages under Fixtures/repair: `NAME.txt` repaired must print `NAME.expected.txt` (text format).
struct RepairFixtureTests {
    static let pages = Repository.fixtures("repair", suffix: ".txt").filter { !$0.hasSuffix(".expected.txt") }

    @Test(arguments: pages)
    func fixture(_ path: String) throws {
        let expectedPath = String(path.dropLast(".txt".count)) + ".expected.txt"
        let page = try Page(source: path, text: Repository.text(path))
        let output = Renderer.render(Shared.pipeline.run(page), as: .text)
        #expect(output == (try Repository.text(expectedPath)), "\(path)")
    }
}
