//! A .docx template: parsed and compiled once, rendered any number of times.
//!
//! Only the main document, headers and footers are edited (found through `[Content_Types].xml`). Every other zip
//! entry, and any of those parts that holds no tag, is copied raw: same compressed bytes, same method, same
//! timestamp. Edited parts are deflated and keep their original timestamp, so the same data gives the same bytes.

use std::io::{Cursor, Read, Write};
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::compile::{Compiled, Node, compile, forms_of_part};
use crate::error::DocError;
use crate::render::{Ctx, ensure_paragraphs, render};
use crate::syntax::Delimiters;

const MAIN_TYPES: &[&str] = &[
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
];
const HEADER_FOOTER_TYPES: &[&str] = &[
    "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
];

#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// A field or section missing from the data is an error (`template_field_unknown`) instead of empty text.
    pub strict: bool,
}

/// How a template is read.
#[derive(Debug, Clone, Copy, Default)]
pub struct TemplateOptions {
    /// The tags' delimiters; `None` detects them: `{{ }}`, or docxtemplater's `{ }` when the template has tags
    /// of that form only.
    pub delimiters: Option<Delimiters>,
}

#[derive(Debug, Clone)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// Fields the template uses that the data lacks (rendered empty), in order of first use.
    pub missing: Vec<String>,
}

/// A field or section the template uses, for forms and for `andu doc fields`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldInfo {
    /// As written in the template: `案号`, `送达对象.名称`, `.`.
    pub name: String,
    /// `field` or `section` (`{{#x}}` and `{{^x}}`).
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub filters: Vec<String>,
    /// For a section: the fields used inside it (looked up in each item first).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<FieldInfo>,
    /// The parts that use it: `word/document.xml`, `word/header1.xml`…
    pub parts: Vec<String>,
}

struct Part {
    name: String,
    compiled: Compiled,
    modified: zip::DateTime,
}

pub struct Template {
    archive: ZipArchive<Cursor<Arc<[u8]>>>,
    /// By zip index: the compiled part for entries the engine edits.
    parts: Vec<Option<Part>>,
    size: usize,
    delimiters: Delimiters,
    warnings: Vec<String>,
}

fn zip_error(e: zip::result::ZipError) -> DocError {
    DocError::invalid(format!("不是有效的 .docx 文件（{e}）"))
}

/// The parts to edit, from `[Content_Types].xml`: `(main, headers and footers)`.
fn parts_to_edit(content_types: &str) -> (Vec<String>, Vec<String>) {
    use quick_xml::events::Event;
    let mut main = Vec::new();
    let mut others = Vec::new();
    let mut r = quick_xml::Reader::from_str(content_types);
    while let Ok(ev) = r.read_event() {
        match ev {
            Event::Empty(e) | Event::Start(e) if e.local_name().as_ref() == "Override" => {
                let attr = |key: &str| {
                    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == key).map(|a| a.value.to_string())
                };
                let (Some(name), Some(ty)) = (attr("PartName"), attr("ContentType")) else { continue };
                let name = name.trim_start_matches('/').to_string();
                if MAIN_TYPES.contains(&ty.as_str()) {
                    main.push(name);
                } else if HEADER_FOOTER_TYPES.contains(&ty.as_str()) {
                    others.push(name);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (main, others)
}

/// The largest text part read from a template: a court document's XML is a few megabytes at most.
const MAX_PART_BYTES: u64 = 64 << 20;

impl Template {
    /// Parses and compiles a template, detecting its delimiters. Errors name the part and the paragraph.
    pub fn from_bytes(bytes: impl Into<Arc<[u8]>>) -> Result<Template, DocError> {
        Template::from_bytes_with(bytes, &TemplateOptions::default())
    }

    /// Parses and compiles a template as `opts` say.
    pub fn from_bytes_with(bytes: impl Into<Arc<[u8]>>, opts: &TemplateOptions) -> Result<Template, DocError> {
        let data: Arc<[u8]> = bytes.into();
        let size = data.len();
        let mut archive = ZipArchive::new(Cursor::new(data)).map_err(zip_error)?;
        let content_types = match archive.by_name("[Content_Types].xml") {
            Ok(mut f) => {
                let mut s = String::new();
                f.read_to_string(&mut s)
                    .map_err(|e| DocError::invalid(format!("无法读取 [Content_Types].xml：{e}")))?;
                s
            }
            Err(_) => String::new(),
        };
        let (mut main, mut others) = parts_to_edit(&content_types);
        if main.is_empty() {
            main.push("word/document.xml".into());
        }
        if others.is_empty() {
            for name in archive.file_names().flatten() {
                let hf = name.starts_with("word/header") || name.starts_with("word/footer");
                if hf && name.ends_with(".xml") && !name.contains("/_rels/") {
                    others.push(name.to_string());
                }
            }
        }
        if !main.iter().any(|m| archive.index_for_name(m).is_some()) {
            return Err(DocError::invalid("不是 Word 文档（缺少 word/document.xml）"));
        }
        let mut read: Vec<Option<(String, String, zip::DateTime)>> = Vec::with_capacity(archive.len());
        for i in 0..archive.len() {
            let mut f = archive.by_index(i).map_err(zip_error)?;
            let name = f.name().map_err(zip_error)?.to_string();
            if !(main.contains(&name) || others.contains(&name)) {
                read.push(None);
                continue;
            }
            // The size is what the zip claims, not what it holds: a hint only, bounded so that a crafted file
            // claiming exabytes does not reserve them (the process aborted). What is read is bounded too: a few
            // kilobytes can inflate to gigabytes.
            let mut xml = String::with_capacity(f.size().min(1 << 24) as usize);
            (&mut f)
                .take(MAX_PART_BYTES + 1)
                .read_to_string(&mut xml)
                .map_err(|e| DocError::invalid(format!("无法读取 {name}：{e}")))?;
            if xml.len() as u64 > MAX_PART_BYTES {
                return Err(DocError::invalid(format!(
                    "{name} 解压后超过 {} MB，不是文书模板（文件可能已损坏或被恶意构造）",
                    MAX_PART_BYTES >> 20
                )));
            }
            let modified = f.last_modified().unwrap_or_default();
            read.push(Some((name, xml, modified)));
        }
        // Which forms of tags the template holds decides (or checks) the delimiters, for all parts alike.
        let (mut double, mut single) = (false, false);
        for (_, xml, _) in read.iter().flatten() {
            let (d, s) = forms_of_part(xml);
            double |= d;
            single |= s;
        }
        let has = |d: Delimiters| if d == Delimiters::Double { double } else { single };
        let mut warnings = Vec::new();
        let delimiters = match opts.delimiters {
            Some(d) => {
                if !has(d) && has(d.other()) {
                    warnings.push(format!(
                        "模板中没有“{}”形式的标记，却有“{}”形式的：这些标记会原样留在文书中（可改用 --delimiters \"{}\"）",
                        d.label(),
                        d.other().label(),
                        d.other().label()
                    ));
                }
                d
            }
            None if single && !double => {
                warnings.push("模板使用 docxtemplater 默认的“{ }”定界符，已按“{ }”读取".to_string());
                Delimiters::Single
            }
            None => Delimiters::Double,
        };
        let mut parts = Vec::with_capacity(read.len());
        for entry in read {
            let Some((name, xml, modified)) = entry else {
                parts.push(None);
                continue;
            };
            let compiled = compile(&name, xml, delimiters).map_err(|e| match e {
                // Read with delimiters the template does not use: say so beside the error.
                DocError::TemplateInvalid { reason, loc } if !warnings.is_empty() => {
                    DocError::TemplateInvalid { reason: format!("{reason}（{}）", warnings.join("；")), loc }
                }
                e => e,
            })?;
            parts.push(compiled.map(|compiled| Part { name, compiled, modified }));
        }
        Ok(Template { archive, parts, size, delimiters, warnings })
    }

    /// Reads a template file.
    pub fn open(path: &Path) -> Result<Template, DocError> {
        Template::open_with(path, &TemplateOptions::default())
    }

    pub fn open_with(path: &Path, opts: &TemplateOptions) -> Result<Template, DocError> {
        let bytes = std::fs::read(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => DocError::TemplateNotFound(path.display().to_string()),
            _ => DocError::FileUnreadable { path: path.display().to_string(), reason: e.to_string() },
        })?;
        Template::from_bytes_with(bytes, opts)
    }

    /// `builtin:传票` (see [`crate::builtin`]) or a path to a .docx file.
    pub fn load(spec: &str) -> Result<Template, DocError> {
        Template::load_with(spec, &TemplateOptions::default())
    }

    pub fn load_with(spec: &str, opts: &TemplateOptions) -> Result<Template, DocError> {
        match spec.strip_prefix("builtin:") {
            Some(name) => crate::builtin::template(name),
            None => Template::open_with(Path::new(spec), opts),
        }
    }

    /// The delimiters the template was read with.
    pub fn delimiters(&self) -> Delimiters {
        self.delimiters
    }

    /// What a person should know about how the template was read (the delimiters detected, tags of the other
    /// form left as text), in Chinese.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Does any part hold a tag? A template without one renders to a copy of itself.
    pub fn has_tags(&self) -> bool {
        self.parts.iter().any(Option::is_some)
    }

    /// Every field and section the template uses, merged by name, in order of first use.
    pub fn fields(&self) -> Vec<FieldInfo> {
        let mut out = Vec::new();
        for p in self.parts.iter().flatten() {
            collect_fields(&p.compiled.nodes, &p.name, &mut out);
        }
        out
    }

    /// Renders a document. `data` must be a JSON object. Nothing is written anywhere.
    pub fn render(&self, data: &Value, opts: &RenderOptions) -> Result<Rendered, DocError> {
        if !data.is_object() {
            return Err(DocError::data("数据应为 JSON 对象（{\"字段\": 值, …}）"));
        }
        let mut missing = Vec::new();
        let mut archive = self.archive.clone();
        let mut w = ZipWriter::new(Cursor::new(Vec::with_capacity(self.size + self.size / 2)));
        let pack = |e: std::io::Error| DocError::invalid(format!("无法生成文档：{e}"));
        for (i, part) in self.parts.iter().enumerate() {
            match part {
                Some(p) => {
                    let c = &p.compiled;
                    let mut out = String::with_capacity(c.src.len() + c.src.len() / 4);
                    let mut cx = Ctx { scopes: vec![data], strict: opts.strict, missing: &mut missing };
                    render(&c.nodes, &c.src, &mut cx, &mut out)?;
                    let out = if c.blocks { ensure_paragraphs(out) } else { out };
                    let options = SimpleFileOptions::default()
                        .compression_method(CompressionMethod::Deflated)
                        .last_modified_time(p.modified);
                    w.start_file(p.name.as_str(), options).map_err(zip_error)?;
                    w.write_all(out.as_bytes()).map_err(pack)?;
                }
                None => {
                    let f = archive.by_index_raw(i).map_err(zip_error)?;
                    w.raw_copy_file(f).map_err(zip_error)?;
                }
            }
        }
        let bytes = w.finish().map_err(zip_error)?.into_inner();
        Ok(Rendered { bytes, missing })
    }

    /// Renders and writes `path` atomically (temp file in the same directory, then rename): a failure leaves
    /// no file, or the previous one, behind.
    pub fn render_to_file(&self, data: &Value, opts: &RenderOptions, path: &Path) -> Result<Vec<String>, DocError> {
        let r = self.render(data, opts)?;
        write_atomic(path, &r.bytes)?;
        Ok(r.missing)
    }
}

fn collect_fields(nodes: &[Node], part: &str, out: &mut Vec<FieldInfo>) {
    for n in nodes {
        match n {
            Node::Field(f) => {
                let filters: Vec<String> = f.filters.iter().map(|x| x.name().to_string()).collect();
                let entry = match out.iter().position(|e| e.kind == "field" && e.name == f.name) {
                    Some(i) => &mut out[i],
                    None => {
                        out.push(FieldInfo {
                            name: f.name.clone(),
                            kind: "field",
                            filters: vec![],
                            children: vec![],
                            parts: vec![],
                        });
                        out.last_mut().expect("just pushed")
                    }
                };
                for x in filters {
                    if !entry.filters.contains(&x) {
                        entry.filters.push(x);
                    }
                }
                if !entry.parts.iter().any(|p| p == part) {
                    entry.parts.push(part.to_string());
                }
            }
            Node::Section(s) => {
                let i = match out.iter().position(|e| e.kind == "section" && e.name == s.name) {
                    Some(i) => i,
                    None => {
                        out.push(FieldInfo {
                            name: s.name.clone(),
                            kind: "section",
                            filters: vec![],
                            children: vec![],
                            parts: vec![],
                        });
                        out.len() - 1
                    }
                };
                if !out[i].parts.iter().any(|p| p == part) {
                    out[i].parts.push(part.to_string());
                }
                collect_fields(&s.body, part, &mut out[i].children);
            }
            Node::Para(p) => collect_fields(&p.body, part, out),
            Node::Lit(_) | Node::Text(_) => {}
        }
    }
}

/// Writes `bytes` to `path` through a temp file in the same directory and a rename, so readers never see a
/// partial file and a failure leaves nothing new behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), DocError> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let fail =
        |e: std::io::Error| DocError::OutputWriteFailed { path: path.display().to_string(), reason: e.to_string() };
    let file_name = path.file_name().ok_or_else(|| fail(std::io::Error::other("不是文件路径")))?;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".{}.{}-{n}.tmp", file_name.to_string_lossy(), std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(e));
    }
    Ok(())
}

/// Writes a batch of files (1.docx … 1000.docx) so that none is ever seen partial under its name, with one disk
/// sync for the whole batch instead of one per file: every file is written under a temporary name, the data
/// reaches the disk in one `syncfs` (Linux; elsewhere one `fsync` per file), and only then is each renamed to
/// its name, the directories synced last so the names persist. A failure removes the temporary files; files
/// already renamed are whole.
pub fn write_batch(files: &[(std::path::PathBuf, Vec<u8>)]) -> Result<(), DocError> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let fail = |path: &Path, e: std::io::Error| DocError::OutputWriteFailed {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let dir_of = |p: &Path| p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
    let mut temps: Vec<std::path::PathBuf> = Vec::with_capacity(files.len());
    let cleanup = |temps: &[std::path::PathBuf]| {
        for t in temps {
            let _ = std::fs::remove_file(t);
        }
    };
    let mut opened: Vec<std::fs::File> = Vec::new();
    for (path, bytes) in files {
        let file_name = path.file_name().ok_or_else(|| fail(path, std::io::Error::other("不是文件路径")))?;
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir_of(path).join(format!(".{}.{}-{n}.tmp", file_name.to_string_lossy(), std::process::id()));
        let written = std::fs::File::create(&tmp).and_then(|mut f| f.write_all(bytes).map(|()| f));
        temps.push(tmp);
        match written {
            Ok(f) if opened.is_empty() || !cfg!(target_os = "linux") => opened.push(f),
            Ok(_) => {}
            Err(e) => {
                cleanup(&temps);
                return Err(fail(path, e));
            }
        }
    }
    let synced = sync_data(&opened);
    drop(opened);
    if let Err(e) = synced {
        cleanup(&temps);
        return Err(fail(files.first().map_or(Path::new("."), |f| f.0.as_path()), e));
    }
    for (k, ((path, _), tmp)) in files.iter().zip(&temps).enumerate() {
        if let Err(e) = std::fs::rename(tmp, path) {
            cleanup(&temps[k..]);
            return Err(fail(path, e));
        }
    }
    let mut dirs: Vec<std::path::PathBuf> = files.iter().map(|(p, _)| dir_of(p)).collect();
    dirs.sort();
    dirs.dedup();
    for d in dirs {
        // A directory opens read-only for fsync on Unix; elsewhere the rename stands as the platform keeps it.
        #[cfg(unix)]
        std::fs::File::open(&d).and_then(|f| f.sync_all()).map_err(|e| fail(&d, e))?;
    }
    Ok(())
}

/// One sync of everything written: `syncfs` on the file system of the first file (Linux), else each file.
fn sync_data(files: &[std::fs::File]) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    if let Some(f) = files.first() {
        return rustix::fs::syncfs(f).map_err(std::io::Error::from);
    }
    for f in files {
        f.sync_all()?;
    }
    Ok(())
}

/// The text of one entry of a .docx (e.g. `word/document.xml`), for checks and previews.
pub fn read_part(docx: &[u8], name: &str) -> Result<String, DocError> {
    let mut a = ZipArchive::new(Cursor::new(docx)).map_err(zip_error)?;
    let mut f = a.by_name(name).map_err(|_| DocError::invalid(format!("文档中没有 {name}")))?;
    let mut s = String::new();
    f.read_to_string(&mut s).map_err(|e| DocError::invalid(format!("无法读取 {name}：{e}")))?;
    Ok(s)
}
