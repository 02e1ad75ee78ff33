import Testing
@testable import Tensors

@Suite struct TensorViewTests {
    @Test func reshapedSharesStorageBothWays() throws {
        let base = Tensor(shape: [2, 2, 3], scalars: (0..<12).map(Float.init))
        let flat = try base.reshaped([2, 6])
        #expect(flat.shape == [2, 6])
        #expect(flat.sharesStorage(with: base))
        #expect(flat.pointer == base.pointer)
        #expect(flat[1, 0] == 6)
        flat[1, 5] = -1
        #expect(base[11] == -1)
        base[0] = 42
        #expect(flat[0, 0] == 42)
        #expect(base.shape == [2, 2, 3])
    }

    @Test func minusOneIsInferred() throws {
        let t = Tensor(zeros: [4, 3, 2])
        #expect(try t.reshaped([-1]).shape == [24])
        #expect(try t.reshaped([4, -1]).shape == [4, 6])
        #expect(try t.reshaped([-1, 2, 2]).shape == [6, 2, 2])
        #expect(try Tensor(zeros: [0, 5]).reshaped([-1, 1, 5]).shape == [0, 1, 5])
        t.reshape([-1, 8])
        #expect(t.shape == [3, 8])
    }

    @Test func invalidReshapesThrowOneLine() {
        let t = Tensor(zeros: [2, 3])
        func message(_ shape: [Int]) -> String? {
            do { _ = try t.reshaped(shape); return nil } catch { return error.description }
        }
        #expect(message([4, 2]) == "cannot reshape [2, 3] to [4, 2]: 6 elements do not fill 8")
        #expect(message([4, -1]) == "cannot reshape [2, 3] to [4, -1]: 6 elements do not divide into rows of 4")
        #expect(message([-1, -1]) == "cannot reshape [2, 3] to [-1, -1]: only one dimension may be -1")
        #expect(message([-2, -3]) == "cannot reshape [2, 3] to [-2, -3]: dimension -2 is negative")
        #expect(message([0, -1]) == "cannot reshape [2, 3] to [0, -1]: -1 cannot be inferred next to a zero dimension")
        #expect(message([Int.max, 3]) == "cannot reshape [2, 3] to [\(Int.max), 3]: the dimensions' product overflows")
        #expect(message([3, 2]) == nil)
        #expect(message([6]) == nil)
        #expect(t.shape == [2, 3])
    }

    @Test func invalidInPlaceReshapeTraps() async {
        await #expect(processExitsWith: .failure) {
            Tensor(zeros: [2, 3]).reshape([4, 2])
        }
    }

    @Test func viewOutlivesItsBase() throws {
        var base: Tensor? = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
        let view = try base!.reshaped([4])
        base = nil
        #expect(view.scalars == [1, 2, 3, 4])
    }

    @Test func rebindFollowsRowsAndAGrownBase() {
        // A Flatten-style view kept across steps: [rows, 2, 3] seen as [rows, 6].
        let small = Tensor(shape: [2, 2, 3], scalars: (0..<12).map(Float.init))
        let view = Tensor(zeros: [1, 6])
        view.rebind(to: small)
        #expect(view.shape == [2, 6])
        #expect(view.sharesStorage(with: small))
        #expect(view.scalars == small.scalars)

        small.resize(rows: 1)
        view.rebind(to: small)
        #expect(view.shape == [1, 6])
        #expect(view.scalars == Array(small.scalars))

        // The layer's buffer is replaced by a bigger one; the old one goes away.
        var grown: Tensor? = Tensor(repeating: 7, shape: [5, 2, 3])
        view.rebind(to: grown!)
        #expect(view.shape == [5, 6])
        #expect(view.capacity == 30)
        view[4, 5] = -3
        #expect(grown![29] == -3)
        grown = nil
        #expect(view[0, 0] == 7)
        #expect(view[4, 5] == -3)
    }

    @Test func rebindWithShape() {
        let base = Tensor(shape: [3, 4], scalars: (0..<12).map(Float.init))
        let view = Tensor(zeros: [1, 1, 1])
        view.rebind(to: base, shape: [3, 2, 2])
        #expect(view.shape == [3, 2, 2])
        #expect(view[7] == 7)
        view.rebind(to: base, shape: [12])
        #expect(view.shape == [12])
        view[11] = 0.5
        #expect(base[2, 3] == 0.5)
    }

    @Test func rebindToAMismatchedShapeTraps() async {
        await #expect(processExitsWith: .failure) {
            Tensor(zeros: [1, 4]).rebind(to: Tensor(zeros: [2, 3]))
        }
        await #expect(processExitsWith: .failure) {
            Tensor(zeros: [1]).rebind(to: Tensor(zeros: [2, 3]), shape: [5])
        }
    }

    @Test func resizeOfAViewStaysWithinTheSharedStorage() throws {
        let base = Tensor(zeros: [4, 3])
        base.resize(rows: 1)
        let view = try base.reshaped([3])
        #expect(view.capacity == 12)
        let rows = try base.reshaped([1, 3])
        rows.resize(rows: 4)
        rows[3, 2] = 9
        base.resize(rows: 4)
        #expect(base[3, 2] == 9)
    }

    @Test func rebindKeepsTheShapeArrayInPlace() {
        // A kept view is rebound every training step; its shape must be updated, not reallocated.
        let view = Tensor(zeros: [1, 6])
        func shapeAddress() -> UInt { view.shape.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } }
        // An optimised build keeps the literal [1, 6] as a constant, which the first write copies once.
        view.rebind(to: Tensor(zeros: [5, 6]))
        let before = shapeAddress()
        for rows in [3, 8, 2] {
            view.rebind(to: Tensor(zeros: [rows, 2, 3]))
            #expect(shapeAddress() == before)
            view.rebind(to: Tensor(zeros: [rows, 6]), shape: [rows, 6])
            #expect(shapeAddress() == before)
        }
        #expect(view.shape == [2, 6])
    }
}
