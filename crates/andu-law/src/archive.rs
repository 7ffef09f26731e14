//! The packed library: every Markdown file as (path, text) records, `u32` little-endian lengths, compressed with
//! Brotli into `assets/law/library.br`. Packing happens once, by `pack-law-library`; the app only unpacks.

use std::io::{Read, Write};

pub fn pack(files: &[(String, String)]) -> Vec<u8> {
    let mut raw = Vec::new();
    for (path, text) in files {
        for part in [path.as_bytes(), text.as_bytes()] {
            raw.extend_from_slice(&(part.len() as u32).to_le_bytes());
            raw.extend_from_slice(part);
        }
    }
    let mut out = Vec::new();
    {
        // Quality 11 with a 16 MB window: 3.6 MB for the 24.8 MB of text (quality 9: 4.3 MB). Packing is slow — run
        // the packer with --release — and happens once; unpacking is as fast either way.
        let mut w = brotli::CompressorWriter::new(&mut out, 1 << 16, 11, 24);
        w.write_all(&raw).expect("writing to a Vec cannot fail");
    }
    out
}

/// Unpacks; `None` for a blob that is not a packed library (truncated, wrong format).
pub fn unpack(blob: &[u8]) -> Option<Vec<(String, String)>> {
    let mut raw = Vec::new();
    brotli::Decompressor::new(blob, 1 << 16).read_to_end(&mut raw).ok()?;
    let mut files = Vec::new();
    let mut rest = raw.as_slice();
    let take = |rest: &mut &[u8]| -> Option<String> {
        let len = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        let s = std::str::from_utf8(rest.get(4..4 + len)?).ok()?.to_string();
        *rest = &rest[4 + len..];
        Some(s)
    };
    while !rest.is_empty() {
        let path = take(&mut rest)?;
        let text = take(&mut rest)?;
        files.push((path, text));
    }
    Some(files)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_packed_library_unpacks_to_the_same_files_and_garbage_is_refused() {
        let files = vec![("a/民法典.md".to_string(), "# 标题\n第一条 x".to_string()), ("b.md".into(), String::new())];
        assert_eq!(super::unpack(&super::pack(&files)), Some(files));
        assert_eq!(super::unpack(b"not brotli at all"), None);
    }
}
