/// Maximum-weight bipartite matching (the Hungarian method), so that open ends and open starts
/// are paired for the whole page at once rather than greedily. The pairs worth considering fall
/// apart into small groups (a continuation lies a few columns on), and each group is solved on
/// its own: O(k³) per group of k, so a page's cost grows with its length, not its cube.
enum Assignment {
    /// For a profit matrix `profit[row][column]` (0 = not worth pairing), the column each row
    /// takes, or nil.
    static func maximize(_ profit: [[Double]]) -> [Int?] {
        let rows = profit.count
        let columns = profit.first?.count ?? 0
        var result: [Int?] = Array(repeating: nil, count: rows)
        // Connected groups of rows and columns linked by a positive profit (union–find).
        var parent = Array(0..<(rows + columns))
        func root(_ node: Int) -> Int {
            var node = node
            while parent[node] != node {
                parent[node] = parent[parent[node]]
                node = parent[node]
            }
            return node
        }
        for row in 0..<rows {
            for column in 0..<columns where profit[row][column] > 0 {
                parent[root(row)] = root(rows + column)
            }
        }
        var groups: [Int: (rows: [Int], columns: [Int])] = [:]
        for row in 0..<rows where profit[row].contains(where: { $0 > 0 }) { groups[root(row), default: ([], [])].rows.append(row) }
        for column in 0..<columns { groups[root(rows + column)]?.columns.append(column) }
        for group in groups.values {
            let local = group.rows.map { row in group.columns.map { profit[row][$0] } }
            for (index, column) in solve(local).enumerated() {
                result[group.rows[index]] = column.map { group.columns[$0] }
            }
        }
        return result
    }

    /// The Hungarian method on a dense profit matrix. O(n³) for n = max(rows, columns).
    private static func solve(_ profit: [[Double]]) -> [Int?] {
        let rows = profit.count
        let columns = profit.first?.count ?? 0
        guard rows > 0, columns > 0 else { return Array(repeating: nil, count: rows) }
        let n = max(rows, columns)
        let top = profit.joined().max() ?? 0
        // Cost matrix, 1-based as in the classic formulation; padding rows/columns cost `top`.
        var cost = Array(repeating: Array(repeating: 0.0, count: n + 1), count: n + 1)
        for i in 1...n {
            for j in 1...n {
                cost[i][j] = i <= rows && j <= columns ? top - profit[i - 1][j - 1] : top
            }
        }
        var u = Array(repeating: 0.0, count: n + 1)
        var v = Array(repeating: 0.0, count: n + 1)
        var match = Array(repeating: 0, count: n + 1)  // column -> row
        var way = Array(repeating: 0, count: n + 1)
        for i in 1...n {
            match[0] = i
            var j0 = 0
            var minimum = Array(repeating: Double.infinity, count: n + 1)
            var used = Array(repeating: false, count: n + 1)
            repeat {
                used[j0] = true
                let i0 = match[j0]
                var delta = Double.infinity
                var j1 = 0
                for j in 1...n where !used[j] {
                    let reduced = cost[i0][j] - u[i0] - v[j]
                    if reduced < minimum[j] {
                        minimum[j] = reduced
                        way[j] = j0
                    }
                    if minimum[j] < delta {
                        delta = minimum[j]
                        j1 = j
                    }
                }
                for j in 0...n {
                    if used[j] {
                        u[match[j]] += delta
                        v[j] -= delta
                    } else {
                        minimum[j] -= delta
                    }
                }
                j0 = j1
            } while match[j0] != 0
            repeat {
                let j1 = way[j0]
                match[j0] = match[j1]
                j0 = j1
            } while j0 != 0
        }
        var result: [Int?] = Array(repeating: nil, count: rows)
        for j in 1...n where match[j] >= 1 && match[j] <= rows && j <= columns && profit[match[j] - 1][j - 1] > 0 {
            result[match[j] - 1] = j - 1
        }
        return result
    }
}
