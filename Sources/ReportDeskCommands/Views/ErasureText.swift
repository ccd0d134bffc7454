package import ReportDeskCore
package import ReportDeskInterpreter

/// `erase`: what was erased and the version that records it, or that nothing named the user; then
/// each file beside the store that still holds the data (a snapshot, a rejects file, a history the
/// disk had no room to rewrite), so an erasure that left something behind is never silent.
package struct ErasureText: ResultView {
    package init() {}

    package func render(_ value: JSONValue, style: TerminalStyle) -> String {
        let reports = value["reports"]?.intValue ?? 0
        let version = value["version"]?.intValue ?? 0
        var text: [String] = []
        if reports == 0 {
            text.append("No report and no version names that user: the store has nothing to erase (it stays at version \(version)).")
        } else {
            let keys = (value["keys"]?.arrayValue ?? []).compactMap(\.intValue).map { "#\($0)" }
            text.append("Version \(version) erased the user's personal data from \(Wording.count(reports, "report")) (\(Wording.list(keys))) "
                        + "in \(Wording.count(value["versions"]?.intValue ?? 0, "version entry", plural: "version entries")).")
            if let screenshots = value["screenshots"]?.intValue, screenshots > 0 {
                text.append("Removed \(Wording.count(screenshots, "screenshot file")).")
            }
            if value["logCleared"] == false {
                text.append("Erased values may remain in the database's write-ahead log until it is emptied: run the same erase again.")
            }
        }
        let snapshots = (value["snapshotsHoldingData"]?.arrayValue ?? []).compactMap(\.stringValue).map(SafeText.line)
        if !snapshots.isEmpty {
            text.append("These snapshots still hold the data: \(Wording.list(snapshots)).")
        }
        let others = (value["otherFilesHoldingData"]?.arrayValue ?? []).compactMap(\.stringValue).map(SafeText.line)
        if !others.isEmpty {
            text.append("These files in the store's folder still hold the data: \(Wording.list(others)).")
        }
        return text.flatMap { DisplayWidth.wrap($0, to: style.usableWidth) }.joined(separator: "\n")
    }
}
