//! Writes the built-in templates to a directory (default `assets/templates/`), so courts can open them in
//! Word or WPS, adapt them, and render them with `andu doc render --template FILE.docx`.
//!
//! `cargo run -p andu-docs --example builtin_templates [DIR]`

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/templates"));
    std::fs::create_dir_all(&dir).expect("create the directory");
    for b in andu_docs::builtin::BUILTINS {
        let path = dir.join(format!("{}.docx", b.name));
        let bytes = andu_docs::builtin::docx(b.name).expect("a built-in");
        andu_docs::write_atomic(&path, &bytes).expect("write");
        println!("{}", path.display());
    }
}
