/// Where a report stands (R5): pending until processed as resolved or dismissed.
public enum ReportStatus: String, CaseIterable, Sendable {
    case pending
    case resolved
    case dismissed

    package var isProcessed: Bool { self != .pending }
}
