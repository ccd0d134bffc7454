import Foundation
import ReportDeskCore
import ReportDeskInterpreter
import ReportDeskREPL

/// Script mode (README, Modes): the same command lines read one per line from a pipe or file, no
/// prompt; blank lines and `#` comments are skipped; a line ending in `\` continues. Stops at the
/// first failing command (status 1, or 2 for a usage error) unless `--keep-going`.
struct ScriptRunner {
    let interpreter: Interpreter
    let formatter: OutputFormatter
    let keepGoing: Bool
    let console: Console

    func run(lines: ScriptInput) -> Int32 {
        var worst: Int32 = 0
        var pending = ""
        var lineNumber = 0
        for bytes in lines {
            lineNumber += 1
            guard var line = String(validating: bytes, as: UTF8.self) else {
                let error = DeskError.invalidParams(field: "line", "line \(lineNumber) is not valid UTF-8; nothing on it was run",
                                                    extra: [("line", .int(lineNumber))])
                let output = formatter.format(Interpreter.Execution(spec: nil, outcome: .failure(error)))
                console.out(output.standardOutput)
                console.err(output.standardError)
                worst = max(worst, 2)
                if !keepGoing { return 2 }
                continue
            }
            if line.hasSuffix("\r") { line.removeLast() }
            if Tokenizer.continues(line) {
                pending += String(line.dropLast()) + " "
                continue
            }
            line = pending + line
            pending = ""
            let trimmed = line.trimmed
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed == "quit" || trimmed == "exit" { break }
            let execution = Self.located(interpreter.execute(line: line), line: lineNumber)
            var output = formatter.format(execution)
            if case .failure(let error) = execution.outcome {
                // With --json the error value goes to stdout; the line is named on stderr either way.
                let text = output.standardError ?? HumanRenderer(style: formatter.errorStyle).error(error) + "\n"
                output.standardError = "line \(lineNumber): " + text
            }
            console.out(output.standardOutput)
            console.err(output.standardError)
            let status = OutputFormatter.exitStatus(execution)
            worst = max(worst, status)
            if status != 0 && !keepGoing { return status }
        }
        return worst
    }
}

extension ScriptRunner {
    /// A failure with the script's line number in its `data` (`data.line`), so `--json` keeps it.
    static func located(_ execution: Interpreter.Execution, line: Int) -> Interpreter.Execution {
        guard case .failure(let error) = execution.outcome else { return execution }
        var data = error.data?.objectValue ?? JSONObject()
        data["line"] = .int(line)
        return Interpreter.Execution(spec: execution.spec, outcome: .failure(DeskError(error.code, error.message, data: .object(data))))
    }
}

/// Standard input in script mode: the script's lines, as bytes so a line that is not UTF-8 is
/// refused rather than repaired. `import -` takes over the rest of the input (what was read ahead
/// and what is still to come) as its file; the script then ends.
final class ScriptInput: Sequence, IteratorProtocol, StandardInputProvider, @unchecked Sendable {
    // Only the main thread reads the script and runs its commands, one at a time.
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where the search for the next newline resumes, so a long line is scanned once, not once per read.
    private var scanned = 0
    private var finished = false

    func next() -> [UInt8]? {
        while true {
            if let newline = buffer[Swift.max(start, scanned)...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                scanned = start
                if start > 65_536 {
                    buffer.removeFirst(start)
                    start = 0
                    scanned = 0
                }
                return line
            }
            scanned = buffer.count
            if finished {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = read(STDIN_FILENO, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { finished = true } else { buffer.append(contentsOf: chunk[..<count]) }
        }
    }

    func takeRemainder() -> [UInt8] {
        let remainder = Array(buffer[start...])
        buffer = []
        start = 0
        scanned = 0
        finished = true
        return remainder
    }
}
