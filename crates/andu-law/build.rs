//! `cargo xtask package` sets `ANDU_LAW_LIBRARY_FILE` to the path where the app's .deb installs
//! `assets/law/library.br`: the packaged app and `andu` then read that one installed copy instead of each embedding
//! the 3.6 MB (the app package's size goal). Every other build embeds it.
fn main() {
    println!("cargo::rustc-check-cfg=cfg(law_library_file)");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=ANDU_LAW_LIBRARY_FILE");
    match std::env::var("ANDU_LAW_LIBRARY_FILE") {
        Ok(path) if !path.is_empty() => {
            println!("cargo::rustc-cfg=law_library_file");
            println!("cargo::rustc-env=ANDU_LAW_LIBRARY_FILE={path}");
        }
        _ => {}
    }
}
