/// The user-supplied fields whose presence depends on the category (R3).
public enum ReportField: String, CaseIterable, Sendable {
    case reportId
    case details
    case orderId
    case screenshot

    /// The console's own words for the field (import headers, messages).
    package var consoleName: String {
        switch self {
        case .reportId: "Report ID"
        case .details: "Report details"
        case .orderId: "Order ID"
        case .screenshot: "Screenshot"
        }
    }
}
