import Tensors

/// Keras `MaxPooling2D` on NHWC images: the largest value of each window, per channel.
/// `strides` defaults to `poolSize`; with `same` padding, windows hanging over the edge take
/// the maximum of the pixels they cover.
public final class MaxPooling2D: Pooling2D, RegisteredLayer {
    public static let typeName = "MaxPooling2D"
    public convenience init(configuration c: PoolingConfiguration, name: String) throws {
        self.init(poolSize: c.poolSize, strides: c.strides, padding: c.padding ?? .valid, inputShape: c.inputShape, name: name)
    }
    override var reducesByMaximum: Bool { true }
}

/// Keras `AveragePooling2D` on NHWC images: the mean of each window, per channel. With `same`
/// padding a window hanging over the edge averages only the pixels it covers, as Keras does.
public final class AveragePooling2D: Pooling2D, RegisteredLayer {
    public static let typeName = "AveragePooling2D"
    public convenience init(configuration c: PoolingConfiguration, name: String) throws {
        self.init(poolSize: c.poolSize, strides: c.strides, padding: c.padding ?? .valid, inputShape: c.inputShape, name: name)
    }
    override var reducesByMaximum: Bool { false }
}

/// Keras `get_config` of the 2-D pooling layers.
public struct PoolingConfiguration: Codable, Sendable {
    public var poolSize: Size2D
    public var strides: Size2D?
    public var padding: Padding?
    public var inputShape: [Int]?
    enum CodingKeys: String, CodingKey { case poolSize = "pool_size", strides, padding, inputShape = "input_shape" }
}

/// What max and average pooling share: window geometry, buffers and the parallel loops.
public class Pooling2D {
    public var name: String
    public let poolSize: Size2D
    /// nil: the pool size, as Keras's `strides=None`.
    public let strides: Size2D?
    public let padding: Padding
    public let declaredInputShape: [Int]?
    public private(set) var outputShape: [Int] = []
    public var parameters: [Parameter] { [] }
    var reducesByMaximum: Bool { preconditionFailure("Pooling2D is abstract") }

    private(set) var geometry: SpatialGeometry?
    private var output: Tensor?
    /// Max pooling: for each output value, the window offset (ky * kw + kx) of the maximum.
    private var winners: Tensor?
    private var gradInput: Tensor?

    public required init(poolSize: Size2D = 2, strides: Size2D? = nil, padding: Padding = .valid, inputShape: [Int]? = nil, name: String = "") {
        self.poolSize = poolSize
        self.strides = strides
        self.padding = padding
        self.declaredInputShape = inputShape
        self.name = name
    }

    public var configuration: PoolingConfiguration {
        PoolingConfiguration(poolSize: poolSize, strides: strides ?? poolSize, padding: padding, inputShape: declaredInputShape)
    }

    func geometry(inputShape: [Int]) throws -> SpatialGeometry {
        let k = try poolSize.validated("pool_size", layer: name)
        let s = try (strides ?? poolSize).validated("strides", layer: name)
        return try SpatialGeometry(layer: name, inputShape: inputShape, kernel: k, strides: s, padding: padding)
    }

    public func plan(inputShape: [Int]) throws -> LayerPlan {
        let g = try geometry(inputShape: inputShape)
        return try LayerPlan(layer: name, outputShape: [g.outputHeight, g.outputWidth, g.channels], trainable: [])
    }

    public func build(inputShape: [Int], rng: inout RandomGenerator) throws {
        geometry = try geometry(inputShape: inputShape)
        outputShape = try plan(inputShape: inputShape).outputShape
    }

    /// The input rows and columns window (oy, ox) covers, clipped to the image.
    @inline(__always)
    private static func window(_ g: SpatialGeometry, _ oy: Int, _ ox: Int) -> (y: Range<Int>, x: Range<Int>) {
        let y0 = oy * g.strideHeight - g.padTop, x0 = ox * g.strideWidth - g.padLeft
        return (max(y0, 0)..<min(y0 + g.kernelHeight, g.inputHeight), max(x0, 0)..<min(x0 + g.kernelWidth, g.inputWidth))
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        guard let g = geometry else { preconditionFailure("\(name).forward before build") }
        let n = input.rows, c = g.channels
        let y = ensure(&output, rows: n, rowShape: outputShape)
        let arg = ensure(&winners, rows: n, rowShape: reducesByMaximum ? outputShape : [0])
        nonisolated(unsafe) let (x, yp, ap) = (input.pointer, y.pointer, arg.pointer)
        let maximum = reducesByMaximum
        Parallel.run(parts: n) { s in
            let image = x + s * g.inputPixels * c
            for oy in 0..<g.outputHeight {
                for ox in 0..<g.outputWidth {
                    let (rows, cols) = Self.window(g, oy, ox)
                    let out = yp + ((s * g.outputHeight + oy) * g.outputWidth + ox) * c
                    if maximum {
                        let a = ap + ((s * g.outputHeight + oy) * g.outputWidth + ox) * c
                        out.update(repeating: -.infinity, count: c)
                        // The first covered pixel, so that even a window of NaNs points inside the image.
                        let first = (rows.lowerBound - oy * g.strideHeight + g.padTop) * g.kernelWidth + cols.lowerBound - ox * g.strideWidth + g.padLeft
                        a.update(repeating: Float(first), count: c)
                        for iy in rows {
                            for ix in cols {
                                let v = image + (iy * g.inputWidth + ix) * c
                                let offset = Float((iy - oy * g.strideHeight + g.padTop) * g.kernelWidth + ix - ox * g.strideWidth + g.padLeft)
                                for ch in 0..<c where v[ch] > out[ch] { out[ch] = v[ch]; a[ch] = offset }
                            }
                        }
                    } else {
                        out.update(repeating: 0, count: c)
                        for iy in rows {
                            for ix in cols {
                                let v = image + (iy * g.inputWidth + ix) * c
                                for ch in 0..<c { out[ch] += v[ch] }
                            }
                        }
                        let scale = 1 / Float(rows.count * cols.count)
                        for ch in 0..<c { out[ch] *= scale }
                    }
                }
            }
        }
        return y
    }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) -> Tensor? {
        guard needInputGradient, let g = geometry else { return nil }
        let n = gradOutput.rows, c = g.channels
        let dx = ensure(&gradInput, rows: n, rowShape: [g.inputHeight, g.inputWidth, c])
        nonisolated(unsafe) let (dy, dxp, ap) = (gradOutput.pointer, dx.pointer, winners!.pointer)
        let maximum = reducesByMaximum
        // Windows that tile the image without overlap (pool size = strides, as in the digits CNN)
        // write every input pixel once: no zeroing pass first, no scattered adds.
        let tiling = g.strideHeight == g.kernelHeight && g.strideWidth == g.kernelWidth
            && g.outputHeight * g.kernelHeight - g.padTop >= g.inputHeight && g.outputWidth * g.kernelWidth - g.padLeft >= g.inputWidth
        if maximum && tiling {
            Parallel.run(parts: n) { s in
                let image = dxp + s * g.inputPixels * c
                for oy in 0..<g.outputHeight {
                    for ox in 0..<g.outputWidth {
                        let at = ((s * g.outputHeight + oy) * g.outputWidth + ox) * c
                        let d = dy + at, a = ap + at
                        let (rows, cols) = Self.window(g, oy, ox)
                        let y0 = oy * g.strideHeight - g.padTop, x0 = ox * g.strideWidth - g.padLeft
                        for iy in rows {
                            for ix in cols {
                                let v = image + (iy * g.inputWidth + ix) * c, offset = Float((iy - y0) * g.kernelWidth + ix - x0)
                                for ch in 0..<c { v[ch] = a[ch] == offset ? d[ch] : 0 }
                            }
                        }
                    }
                }
            }
            return dx
        }
        Parallel.run(parts: n) { s in
            let image = dxp + s * g.inputPixels * c
            image.update(repeating: 0, count: g.inputPixels * c)
            for oy in 0..<g.outputHeight {
                for ox in 0..<g.outputWidth {
                    let at = ((s * g.outputHeight + oy) * g.outputWidth + ox) * c
                    let d = dy + at
                    if maximum {
                        let a = ap + at
                        let y0 = oy * g.strideHeight - g.padTop, x0 = ox * g.strideWidth - g.padLeft
                        for ch in 0..<c {
                            let w = Int(a[ch]), iy = y0 + w / g.kernelWidth, ix = x0 + w % g.kernelWidth
                            image[(iy * g.inputWidth + ix) * c + ch] += d[ch]
                        }
                    } else {
                        let (rows, cols) = Self.window(g, oy, ox)
                        let scale = 1 / Float(rows.count * cols.count)
                        for iy in rows {
                            for ix in cols {
                                let v = image + (iy * g.inputWidth + ix) * c
                                for ch in 0..<c { v[ch] += d[ch] * scale }
                            }
                        }
                    }
                }
            }
        }
        return dx
    }
}
