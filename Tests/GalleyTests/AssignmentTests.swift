import Testing
@testable import Galley

/// Pairings are chosen for the whole page at once.
struct AssignmentTests {
    @Test func beatsTheGreedyChoice() {
        // Greedy takes 0→0 (3) and leaves row 1 nothing; the best total is 0→1 plus 1→0 (4).
        #expect(Assignment.maximize([[3, 2], [2, 0]]) == [1, 0])
    }

    @Test func leavesOutPairsWithoutProfit() {
        #expect(Assignment.maximize([[0, 0], [0, 1.5]]) == [nil, 1])
        #expect(Assignment.maximize([]) == [])
    }

    @Test func solvesSeparateGroupsApart() {
        // Two groups that share no candidate: rows 0–1 with columns 0–1, row 2 with column 3.
        let profit: [[Double]] = [[1, 2, 0, 0], [2, 0.5, 0, 0], [0, 0, 0, 4]]
        #expect(Assignment.maximize(profit) == [1, 0, 3])
    }
}
