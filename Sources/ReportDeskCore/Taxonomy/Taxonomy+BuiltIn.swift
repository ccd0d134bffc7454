extension Taxonomy {
    /// The platform's three categories (R1) with the issue types documented in the README.
    package static let builtIn = Taxonomy(categories: [
        ReportCategory(
            id: "experience", displayName: "Experience and usage",
            issueTypes: [
                IssueType("crash_or_freeze", "App crashes or freezes"),
                IssueType("slow_loading", "Slow or fails to load"),
                IssueType("feature_not_working", "Feature does not work"),
                IssueType("display_problem", "Display or layout problem"),
                IssueType("login_problem", "Cannot log in"),
                IssueType("other", "Other"),
            ],
            fields: [.reportId, .details], appealable: false),
        ReportCategory(
            id: "payment", displayName: "Payment and orders",
            issueTypes: [
                IssueType("not_received", "Paid but did not receive the item"),
                IssueType("refund_request", "Refund request"),
                IssueType("charged_twice", "Charged more than once"),
                IssueType("wrong_amount", "Wrong price or amount"),
                IssueType("subscription_problem", "Subscription problem"),
                IssueType("other", "Other"),
            ],
            fields: [.details, .orderId], appealable: true),
        ReportCategory(
            id: "community", displayName: "Community Guidelines violation",
            issueTypes: [
                IssueType("harassment", "Harassment or bullying"),
                IssueType("hate_speech", "Hate speech"),
                IssueType("violence", "Violent or graphic content"),
                IssueType("sexual_content", "Nudity or sexual content"),
                IssueType("scam_or_fraud", "Scam or fraud"),
                IssueType("misinformation", "Misinformation"),
                IssueType("minor_safety", "Minor safety"),
                IssueType("intellectual_property", "Intellectual property infringement"),
                IssueType("other", "Other"),
            ],
            fields: [.screenshot], appealable: false),
    ])
}
