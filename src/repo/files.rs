//! Reading and writing the magazine's files. Writes are atomic: a temporary
//! file in the same folder, then a rename, so a crash never leaves half a file.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::core::text::{self, DecodeProblem};
use crate::error::Result;
use crate::messages;

pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().expect("every magazine file has a folder");
    fs::create_dir_all(dir).map_err(|e| messages::write_failed(path, &e))?;
    let mut tmp =
        tempfile::NamedTempFile::new_in(dir).map_err(|e| messages::write_failed(path, &e))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| messages::write_failed(path, &e))?;
    tmp.persist(path)
        .map_err(|e| messages::write_failed(path, &e.error))?;
    Ok(())
}

/// Like `write_atomic`, without waiting for the disk: for galley's own
/// bookkeeping in the git directory, which a power cut may lose but never
/// leaves half written.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().expect("every bookkeeping file has a folder");
    fs::create_dir_all(dir).map_err(|e| messages::write_failed(path, &e))?;
    let mut tmp =
        tempfile::NamedTempFile::new_in(dir).map_err(|e| messages::write_failed(path, &e))?;
    tmp.write_all(bytes)
        .map_err(|e| messages::write_failed(path, &e))?;
    tmp.persist(path)
        .map_err(|e| messages::write_failed(path, &e.error))?;
    Ok(())
}

/// Reads a text file in any encoding the office uses; `shown` is how the
/// file is named in messages.
pub fn read_text(path: &Path, shown: &str) -> Result<String> {
    let bytes = fs::read(path).map_err(|e| messages::read_failed(shown, &e))?;
    decode_named(&bytes, shown)
}

pub fn decode_named(bytes: &[u8], shown: &str) -> Result<String> {
    match text::decode(bytes) {
        Ok(d) => Ok(d.text),
        Err(DecodeProblem::Binary) => Err(messages::binary_file(shown)),
        Err(DecodeProblem::Undecodable) => Err(messages::undecodable_file(shown)),
    }
}
