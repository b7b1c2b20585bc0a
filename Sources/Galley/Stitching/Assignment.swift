/// Maximum-weight bipartite matching (the Hungarian method), so that open ends and open starts
/// are paired for the whole page at once rather than greedily. O(n³) for n = max(rows, columns);
/// pages hold a few dozen candidates at most.
enum Assignment {
    /// For a profit matrix `profit[row][column]` (0 = not worth pairing), the column each row
    /// takes, or nil.
    static func maximize(_ profit: [[Double]]) -> [Int?] {
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
