import Testing
@testable import Reports

@Suite struct MarkdownTableTests {
    @Test func padsColumnsAndMarksRightAlignment() {
        let table = MarkdownTable(headers: ["name", "n"], rows: [["relu", "12"], ["sigmoid", "7"]], rightAligned: [1])
        #expect(table.text == """
        | name    |   n |
        | ------- | --: |
        | relu    |  12 |
        | sigmoid |   7 |

        """)
    }

    @Test func shortRowsAndNarrowColumns() {
        let table = MarkdownTable(headers: ["a", "b"], rows: [["x"]])
        #expect(table.text == """
        | a   | b   |
        | --- | --- |
        | x   |     |

        """)
    }

    @Test func everyLineHasTheSameWidth() {
        let table = MarkdownTable(headers: ["activation", "accuracy"], rows: [["tanh", "0.9781"], ["leaky_relu", "0.98"]],
                                  rightAligned: [1])
        let widths = Set(table.text.split(separator: "\n").map(\.count))
        #expect(widths.count == 1)
    }
}
