//! Packs the Markdown statute texts into `assets/law/library.br`, the data the app ships:
//! `cargo run --release -p andu-law --bin pack-law-library -- ../shared/law-library assets/law/library.br`.
//! Cases (案例) and notes (其他) are left out: they are not law a judgment cites.

use std::path::Path;

const LEFT_OUT: [&str; 2] = ["案例", "其他"];

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().to_string();
        if path.is_dir() {
            if !LEFT_OUT.iter().any(|l| rel == *l) {
                collect(root, &path, out)?;
            }
        } else if rel.ends_with(".md")
            && !rel.ends_with("_index.md")
            && !rel.ends_with("法律法规模版.md")
            && rel.contains('/')
        {
            out.push((rel, std::fs::read_to_string(&path)?));
        }
    }
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(src), Some(dst)) = (args.get(1), args.get(2)) else {
        eprintln!("用法：pack-law-library 法条目录 输出文件.br");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    if let Err(e) = collect(Path::new(src), Path::new(src), &mut files) {
        eprintln!("读取 {src} 失败：{e}");
        std::process::exit(1);
    }
    let raw: usize = files.iter().map(|(p, t)| p.len() + t.len()).sum();
    let blob = andu_law::archive::pack(&files);
    if let Err(e) = std::fs::write(dst, &blob) {
        eprintln!("写入 {dst} 失败：{e}");
        std::process::exit(1);
    }
    println!("{} files, {:.1} MB of text → {:.2} MB ({dst})", files.len(), raw as f64 / 1e6, blob.len() as f64 / 1e6);
}
