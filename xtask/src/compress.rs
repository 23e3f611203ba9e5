//! Pre-compressed copies of the built app: next to every text or wasm file in dist/ go a
//! `.br` (Brotli, best quality) and a `.gz` (gzip, best level). trawl-server sends them to
//! browsers that accept them, so the first load moves a third of the bytes, and the work is
//! done once per build instead of on every request.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The files worth compressing: code, styles and documents (images are compressed already).
fn is_compressible(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("wasm" | "js" | "mjs" | "css" | "html" | "json" | "svg" | "txt")
    )
}

fn files_under(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            files.extend(files_under(&path)?);
        } else {
            files.push(path);
        }
    }
    Ok(files)
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("writing to memory");
    out
}

/// Writes `NAME.br` and `NAME.gz` beside every compressible file of `dir`; returns how many
/// files were compressed.
pub fn precompress(dir: &Path) -> Result<usize, String> {
    let mut count = 0;
    for path in files_under(dir)?.into_iter().filter(|p| is_compressible(p)) {
        let bytes =
            std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        for (suffix, compressed) in [("br", brotli(&bytes)), ("gz", gzip(&bytes))] {
            let target = PathBuf::from(format!("{}.{suffix}", path.display()));
            std::fs::write(&target, compressed)
                .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
        }
        count += 1;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn both_copies_decompress_to_the_original() {
        let text = "fn main() {}\n".repeat(500);
        let mut from_gzip = String::new();
        flate2::read::GzDecoder::new(&gzip(text.as_bytes())[..])
            .read_to_string(&mut from_gzip)
            .unwrap();
        assert_eq!(from_gzip, text);
        let mut from_brotli = String::new();
        brotli::Decompressor::new(&brotli(text.as_bytes())[..], 4096)
            .read_to_string(&mut from_brotli)
            .unwrap();
        assert_eq!(from_brotli, text);
    }

    #[test]
    fn compresses_code_and_styles_but_not_images() {
        let dir = std::env::temp_dir().join(format!("trawl-precompress-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sw")).unwrap();
        std::fs::write(dir.join("app.wasm"), vec![0u8; 4096]).unwrap();
        std::fs::write(dir.join("sw/progress.js"), "export {}".repeat(100)).unwrap();
        std::fs::write(dir.join("icon.png"), [137u8, 80, 78, 71]).unwrap();
        assert_eq!(precompress(&dir).unwrap(), 2);
        assert!(dir.join("app.wasm.br").exists() && dir.join("app.wasm.gz").exists());
        assert!(dir.join("sw/progress.js.br").exists());
        assert!(!dir.join("icon.png.br").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
