//! The `krok` binary: parse the command line and hand over to [`krok::cli`].

fn main() -> std::process::ExitCode {
    krok::cli::main()
}
