/// How an image data set hands out its pixels: one row of `height * width` values per image (what
/// a `Dense` network takes), or Keras's `channels_last` `[height, width, 1]` (what `Conv2D` takes).
public enum ImageLayout: Sendable, Equatable {
    /// `[count, height * width]`.
    case flat
    /// `[count, height, width, 1]` (NHWC, Keras's default `data_format`).
    case channelsLast

    /// The tensor shape for `count` grey-scale images of `height` x `width`.
    public func shape(count: Int, height: Int, width: Int) -> [Int] {
        switch self {
        case .flat: return [count, height * width]
        case .channelsLast: return [count, height, width, 1]
        }
    }
}
