import Testing
@testable import Tensors

@Suite struct TensorTests {
    @Test func zerosHasShapeAndIsZeroFilled() {
        let t = Tensor(zeros: [3, 4, 2])
        #expect(t.shape == [3, 4, 2])
        #expect(t.count == 24)
        #expect(t.rank == 3)
        #expect(t.rows == 3)
        #expect(t.rowLength == 8)
        #expect(t.scalars == [Float](repeating: 0, count: 24))
    }

    @Test func scalarsAreRowMajor() {
        let t = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(t[0, 0] == 1)
        #expect(t[0, 2] == 3)
        #expect(t[1, 0] == 4)
        #expect(t[1, 2] == 6)
        #expect(t[4] == 5)
        t[1, 1] = -7
        #expect(t.scalars == [1, 2, 3, 4, -7, 6])
    }

    @Test func repeatingAndFill() {
        let t = Tensor(repeating: 2.5, shape: [2, 2])
        #expect(t.scalars == [2.5, 2.5, 2.5, 2.5])
        t.fill(-1)
        #expect(t.scalars == [-1, -1, -1, -1])
    }

    @Test func scalarAndEmptyShapes() {
        let scalar = Tensor(zeros: [])
        #expect(scalar.count == 1)
        #expect(scalar.rows == 1)
        let empty = Tensor(zeros: [0, 5])
        #expect(empty.count == 0)
        #expect(empty.rowLength == 5)
        #expect(empty.scalars.isEmpty)
    }

    @Test func resizeWithinCapacityKeepsStorage() {
        let t = Tensor(shape: [4, 2], scalars: [0, 1, 2, 3, 4, 5, 6, 7])
        let storage = t.pointer
        t.resize(rows: 2)
        #expect(t.shape == [2, 2])
        #expect(t.scalars == [0, 1, 2, 3])
        #expect(t.capacity == 8)
        t.resize(rows: 4)
        #expect(t.pointer == storage)
        #expect(t.scalars == [0, 1, 2, 3, 4, 5, 6, 7])
    }

    @Test func resizePastCapacityTraps() async {
        await #expect(processExitsWith: .failure) {
            Tensor(zeros: [2, 3]).resize(rows: 3)
        }
    }

    @Test func reshapeAndCopy() {
        let t = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        t.reshape([3, 2])
        #expect(t.shape == [3, 2])
        #expect(t[2, 1] == 6)
        let c = t.copy()
        c[0] = 100
        #expect(t[0] == 1)
        #expect(c.shape == [3, 2])
    }

    @Test func rowsCopiesAConsecutiveRange() {
        let t = Tensor(shape: [4, 2], scalars: [0, 1, 10, 11, 20, 21, 30, 31])
        let r = t.rows(1..<3)
        #expect(r.shape == [2, 2])
        #expect(r.scalars == [10, 11, 20, 21])
        r[0] = -1
        #expect(t[2] == 10)
    }

    @Test func gatherRowsFollowsIndexOrderWithRepeats() {
        let t = Tensor(shape: [3, 1, 2], scalars: [0, 1, 10, 11, 20, 21])
        let g = t.gatherRows([2, 0, 2, 1])
        #expect(g.shape == [4, 1, 2])
        #expect(g.scalars == [20, 21, 0, 1, 20, 21, 10, 11])
    }

    @Test func gatherRowsIntoResizesTheDestination() {
        let t = Tensor(shape: [3, 2], scalars: [0, 1, 10, 11, 20, 21])
        let destination = Tensor(repeating: -5, shape: [4, 2])
        t.gatherRows([1, 2], into: destination)
        #expect(destination.shape == [2, 2])
        #expect(destination.scalars == [10, 11, 20, 21])
        t.gatherRows(0..<3, into: destination)
        #expect(destination.scalars == t.scalars)
    }

    @Test func matmulOfSmallMatrices() {
        // [[1, 2, 3], [4, 5, 6]] x [[7, 8], [9, 10], [11, 12]] = [[58, 64], [139, 154]] (by hand).
        let a = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let b = Tensor(shape: [3, 2], scalars: [7, 8, 9, 10, 11, 12])
        let c = a.matmul(b)
        #expect(c.shape == [2, 2])
        #expect(c.scalars == [58, 64, 139, 154])
    }
}
