import Playground

/// The page the server hands out, held in the binary so that `actlab serve` needs no files,
/// no CDN and no network: markup, script and style as string literals.
enum PageAssets {}

extension PageAssets {
    /// The activation ids the layer fields suggest, as a JSON array.
    static let catalogue: String = {
        let ids = ActivationPanel.catalogue.map { "\"\($0)\"" }
        return "[" + ids.joined(separator: ",") + "]"
    }()
}
