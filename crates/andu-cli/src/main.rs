//! `andu`: a thin shell over the library crates. Parses arguments, opens the store, prints results.
//! Exit code 0 on success; 1 with a one-line message (or `{"code","message"}` under `--json`) on error.

mod args;
mod cmd;
mod output;

/// The binary's allocator (Cargo.toml says why); the library crates and their tests keep the system's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = args::parse();
    let json = cli.json;
    if let Err(e) = cmd::run(cli) {
        output::error(&e, json);
        std::process::exit(1);
    }
}
