//! The `sopkit` binary: everything it does is in the library's `cmd`.

fn main() -> std::process::ExitCode {
    sopkit::cmd::main()
}
