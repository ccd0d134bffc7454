package import ReportDeskCore

/// The one command interpreter that the REPL, JSON-RPC and pipes all drive. Front ends hand it a
/// method and params, or the words of a command line; it binds, runs and returns a value or error.
package struct Interpreter: Sendable {
    package let session: Session

    package init(session: Session) { self.session = session }

    package var registry: CommandRegistry { session.registry }

    /// What running a command gave: its declaration (when one was found) and its result or error.
    package struct Execution: Sendable {
        package let spec: CommandSpec?
        package let outcome: Result<JSONValue, DeskError>
        /// The bound parameters, for views that draw by them (`stats --ascii`).
        package let arguments: BoundArguments?
        /// Whether the command wrote its data to standard output (`export` without `--out`).
        package let wroteStandardOutput: Bool

        package init(spec: CommandSpec?, outcome: Result<JSONValue, DeskError>, arguments: BoundArguments? = nil,
                     wroteStandardOutput: Bool = false) {
            self.spec = spec
            self.outcome = outcome
            self.arguments = arguments
            self.wroteStandardOutput = wroteStandardOutput
        }
    }

    /// Runs a JSON-RPC method with its params (by name or by position).
    package func execute(method: String, params: JSONValue?) -> Execution {
        guard let command = registry.command(method: method) else {
            return Execution(spec: nil, outcome: .failure(registry.methodNotFound(method)))
        }
        return run(command) { () throws(DeskError) in
            try ParameterBinder.bind(params, to: command.spec, context: bindingContext)
        }
    }

    /// Runs a command line already split into words (one-shot argv, REPL and script lines).
    package func execute(words: [String]) -> Execution {
        guard let (command, arguments) = registry.match(words) else {
            return Execution(spec: nil, outcome: .failure(registry.unknownCommandError(words)))
        }
        if command.spec.name != "help", Self.asksForHelp(CommandLineScan(arguments, spec: command.spec)),
           let help = registry.command(method: "help") {
            return run(help) { () throws(DeskError) in
                try ParameterBinder.bind(["command": .string(command.spec.name)], to: help.spec, context: bindingContext)
            }
        }
        return run(command) { () throws(DeskError) in
            let bag = try CommandLineBinder.bag(arguments, spec: command.spec)
            return try ParameterBinder.bind(.object(bag), to: command.spec, context: bindingContext)
        }
    }

    /// Runs a typed line: tokenises it like a shell, then as `execute(words:)`.
    package func execute(line: String) -> Execution {
        do {
            return execute(words: try Tokenizer.words(line))
        } catch {
            return Execution(spec: nil, outcome: .failure(error))
        }
    }

    /// `--help` or `-h` among a command's options (not after `--`, not as another option's value):
    /// the command's help page, as every command-line tool answers it.
    private static func asksForHelp(_ scan: CommandLineScan) -> Bool {
        for item in scan.items {
            switch item {
            case .unknownOption(let name, _) where name == "help": return true
            case .positional(let word, _) where word == "-h": return true
            case .endOfOptions: return false
            default: continue
            }
        }
        return false
    }

    private var bindingContext: BindingContext { BindingContext(zone: session.environment.zone, now: session.environment.now) }

    private func run(_ command: any Command.Type, bind: () throws(DeskError) -> BoundArguments) -> Execution {
        let spec = command.spec
        session.clearCancel()
        _ = session.standardOutputTaken(reset: true)
        do {
            let arguments = try bind()
            let value = try command.execute(arguments, in: CommandContext(session: session, spec: spec))
            return Execution(spec: spec, outcome: .success(value), arguments: arguments,
                             wroteStandardOutput: session.standardOutputTaken())
        } catch let error as DeskError {
            return Execution(spec: spec, outcome: .failure(error))
        } catch {
            return Execution(spec: spec, outcome: .failure(.internalError("internal error in \(spec.name): \(type(of: error))")))
        }
    }
}
