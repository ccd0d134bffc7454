package import ReportDeskCore
package import ReportDeskInterpreter

/// The command line that fetches the page after a list, search or history result (`more` in the
/// REPL): the same words with the result's `nextCursor` in place of any earlier `--cursor`.
package struct NextPage: Equatable {
    /// The command line to run for `more`, already split into words.
    package let words: [String]
    /// Where the next page starts in the whole list, for its footer (`51–100 of 284`).
    package let firstRow: Int

    /// `nil` when the result was the last page. The arguments are read by the binder's scan, so
    /// only a real cursor option is dropped: not a word after `--`, nor another option's value.
    /// `firstRow` is where the page just shown started.
    package init?(command: [String], arguments: [String], spec: CommandSpec, result: JSONValue, firstRow: Int = 1) {
        guard let cursor = result["nextCursor"], !cursor.isNull else { return nil }
        var dropped = Set<Int>()
        for option in CommandLineScan(arguments, spec: spec).options where option.parameter.name == "cursor" {
            dropped.formUnion(option.range)
        }
        let kept = arguments.indices.filter { !dropped.contains($0) }.map { arguments[$0] }
        // Right after the command name, so a `--` among the arguments cannot make it positional.
        words = command + ["--cursor", cursor.stringValue ?? JSONWriter.string(cursor)] + kept
        let shown = result["reports"]?.arrayValue?.count ?? result["versions"]?.arrayValue?.count ?? 0
        self.firstRow = firstRow + shown
    }
}
