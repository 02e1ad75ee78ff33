import Activations
import Testing
@testable import Layers

@Suite struct SummaryTests {
    func mlp(hiddenLayers: Int) -> Sequential {
        Sequential {
            Dense(512, activation: ReLU(), inputShape: [784])
            for _ in 1..<hiddenLayers { Dense(512, activation: ReLU()) }
            Dense(10, activation: Softmax())
        }
    }

    /// 784 * 512 + 512 = 401,920 and 512 * 10 + 10 = 5,130 (the articles' figures).
    @Test func parameterCountOfTheShallowNetwork() throws {
        let model = mlp(hiddenLayers: 1)
        try model.build()
        #expect(model.parameterCount == 407_050)
        #expect(model.layers.map(\.parameterCount) == [401_920, 5_130])
    }

    /// Five more 512 x 512 layers add 5 * 262,656.
    @Test func parameterCountOfTheDeepNetwork() throws {
        let model = mlp(hiddenLayers: 6)
        try model.build()
        #expect(model.parameterCount == 1_720_330)
        #expect(model.layers.count == 7)
    }

    /// The table Keras 3 prints for this network (4 bytes per parameter: 1,628,200 B = 1.55 MB).
    @Test func summaryTableText() throws {
        let expected = """
        Model: "sequential"
        ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
        ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
        ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
        │ dense (Dense)                   │ (None, 512)            │       401,920 │
        ├─────────────────────────────────┼────────────────────────┼───────────────┤
        │ dense_1 (Dense)                 │ (None, 10)             │         5,130 │
        └─────────────────────────────────┴────────────────────────┴───────────────┘
         Total params: 407,050 (1.55 MB)
         Trainable params: 407,050 (1.55 MB)
         Non-trainable params: 0 (0.00 B)
        """
        #expect(try mlp(hiddenLayers: 1).summary() == expected)
    }

    /// 1,720,330 * 4 B = 6.56 MB.
    @Test func deepSummaryTotals() throws {
        let text = try mlp(hiddenLayers: 6).summary()
        #expect(text.contains(" Total params: 1,720,330 (6.56 MB)"))
        #expect(text.contains("│ dense_6 (Dense)                 │ (None, 10)             │         5,130 │"))
    }

    @Test func layersAreNamedLikeKeras() throws {
        let model = Sequential {
            Dense(4, inputShape: [2])
            Dense(4, name: "custom")
            Dense(4)
            Dense(2)
        }
        #expect(model.layers.map(\.name) == ["dense", "custom", "dense_1", "dense_2"])
        #expect(model.layer(named: "dense_1") === model.layers[2])
        #expect(model.layer(named: "missing") == nil)
        model.add(Dense(1, name: "dense_3"))
        model.add(Dense(1))
        #expect(model.layers.last?.name == "dense_4")
    }

    @Test func thousandsSeparators() {
        #expect(0.formattedWithCommas == "0")
        #expect(999.formattedWithCommas == "999")
        #expect(1000.formattedWithCommas == "1,000")
        #expect(1_720_330.formattedWithCommas == "1,720,330")
        #expect((-45_000).formattedWithCommas == "-45,000")
    }
}
