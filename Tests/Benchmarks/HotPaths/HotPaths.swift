import Benchmark
import Foundation
import ReportDeskCommands
import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskRPC
import ReportDeskStore

/// The in-process hot paths behind every front end, measured with package-benchmark:
/// `Scripts/microbench` (REPORTDESK_BENCHMARKS=1 swift package benchmark). Whole-process figures
/// against the baselines are Scripts/bench's.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
                                           maxDuration: .seconds(3))

    let listSpec = AllCommands.registry.command(method: "list")!.spec
    let listParams: JSONValue = ["status": ["pending"], "category": ["payment"], "sort": "reportedAt", "limit": 50,
                                 "since": "2026-01-01T00:00:00Z", "pastDue": false]
    Benchmark("bind list parameters") { benchmark in
        let context = BindingContext(zone: .utc, now: Instant(milliseconds: 0))
        for _ in benchmark.scaledIterations {
            blackHole(try ParameterBinder.bind(listParams, to: listSpec, context: context))
        }
    }

    let report = Report(key: 17, reportId: "7301882211", category: "experience", issueType: "crash_or_freeze",
                        openId: "_000Wq3LxT1", details: "The game freezes on the loading screen after the last update",
                        reportedAt: RFC3339.parse("2026-11-24T09:30:00Z")!, note: "Reproduced on iOS 17.1", version: 42)
    let now = RFC3339.parse("2026-11-25T12:00:00Z")!
    Benchmark("render a report to JSON") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(JSONWriter.bytes(report.json(now: now)))
        }
    }

    let line = #"resolve --ids 3,5,9 --note "refund sent to the user's card" --if-version 42"#
    Benchmark("tokenize a command line") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Tokenizer.words(line))
        }
    }

    let messages = (1...1000).map { #"{"jsonrpc":"2.0","id":\#($0),"method":"show","params":{"id":\#($0)}}"# }
        .joined(separator: "\n") + "\n"
    let stream = Array(messages.utf8)
    Benchmark("frame and parse 1,000 newline messages", configuration: .init(scalingFactor: .one)) { benchmark in
        for _ in benchmark.scaledIterations {
            var decoder = FrameDecoder()
            decoder.append(stream)
            var count = 0
            while case .message(let bytes)? = decoder.next() {
                blackHole(try JSONParser.parse(bytes))
                count += 1
            }
            precondition(count == 1000)
        }
    }

    Benchmark("one durable store write (note)", configuration: .init(scalingFactor: .one)) { benchmark in
        let folder = NSTemporaryDirectory() + "reportdesk-microbench-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try Store.open(StoreLocation(directory: folder))
        let submission = ReportSubmission(category: "payment", issueType: "other", orderId: "O-1",
                                          reportedAt: RFC3339.parse("2026-11-24T09:30:00Z")!)
        let key = try store.write(command: "submit", actor: "bench", at: now) { transaction in
            guard case .inserted(let report) = try transaction.insert(submission, screenshot: nil, deterministicReportID: false) else {
                fatalError("the first report is new")
            }
            return report.key
        }.value
        var n = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            n += 1
            _ = try store.write(command: "note", actor: "bench", at: now) { transaction in
                let before = try transaction.report(.key(key))
                var after = before
                after.replaceNote("note \(n)")
                return try transaction.save(after, replacing: before)
            }
        }
        benchmark.stopMeasurement()
    }
}
