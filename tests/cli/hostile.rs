//! Files made to hurt: a `.docx` whose directory declares a terabyte, one
//! that inflates a megabyte into a gigabyte, one whose checksum is wrong.
//! Each is refused with a sentence, and the magazine is left as it was.

use std::io::Write;

use crate::support::Mag;

/// One part of a zip made by hand, so that what the zip's directory
/// declares can differ from what it holds.
pub struct Part {
    pub name: &'static str,
    /// The bytes as stored (deflated when `deflated`).
    pub stored: Vec<u8>,
    pub deflated: bool,
    pub crc: u32,
    /// The unpacked size the directory declares.
    pub declared: u64,
}

impl Part {
    /// A part stored as it is, declared truthfully.
    pub fn plain(name: &'static str, data: &[u8]) -> Part {
        Part {
            name,
            stored: data.to_vec(),
            deflated: false,
            crc: crc32(data),
            declared: data.len() as u64,
        }
    }
}

pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The zip: local headers and data, then the central directory; sizes
/// past 4 GiB go in zip64 extra fields.
pub fn zip(parts: &[Part]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for part in parts {
        let offset = out.len() as u32;
        let big = part.declared >= u32::MAX as u64;
        let mut extra = Vec::new();
        if big {
            extra.extend(1u16.to_le_bytes());
            extra.extend(16u16.to_le_bytes());
            extra.extend(part.declared.to_le_bytes());
            extra.extend((part.stored.len() as u64).to_le_bytes());
        }
        let (usize32, csize32) = match big {
            true => (u32::MAX, u32::MAX),
            false => (part.declared as u32, part.stored.len() as u32),
        };
        let version: u16 = if big { 45 } else { 20 };
        let method: u16 = if part.deflated { 8 } else { 0 };
        let common = |v: &mut Vec<u8>| {
            v.extend(version.to_le_bytes());
            v.extend(0u16.to_le_bytes()); // flags
            v.extend(method.to_le_bytes());
            v.extend(0u16.to_le_bytes()); // time
            v.extend(0x21u16.to_le_bytes()); // date: 1980-01-01
            v.extend(part.crc.to_le_bytes());
            v.extend(csize32.to_le_bytes());
            v.extend(usize32.to_le_bytes());
            v.extend((part.name.len() as u16).to_le_bytes());
            v.extend((extra.len() as u16).to_le_bytes());
        };
        out.extend(0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend(part.name.as_bytes());
        out.extend(&extra);
        out.extend(&part.stored);
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(version.to_le_bytes()); // made by
        common(&mut central);
        central.extend(0u16.to_le_bytes()); // comment
        central.extend(0u16.to_le_bytes()); // disk
        central.extend(0u16.to_le_bytes()); // internal attributes
        central.extend(0u32.to_le_bytes()); // external attributes
        central.extend(offset.to_le_bytes());
        central.extend(part.name.as_bytes());
        central.extend(&extra);
    }
    let at = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(at.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#;

/// A few hundred bytes whose directory says the first part the parser
/// reads unpacks to a terabyte.
pub fn terabyte_claim() -> Vec<u8> {
    let mut part = Part::plain("[Content_Types].xml", CONTENT_TYPES);
    part.declared = 1 << 40;
    zip(&[part])
}

/// About a megabyte that inflates to a gigabyte of zeros, while the
/// directory declares a kilobyte.
pub fn gigabyte_bomb() -> Vec<u8> {
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..1024 {
        encoder.write_all(&zeros).unwrap();
    }
    zip(&[Part {
        name: "[Content_Types].xml",
        stored: encoder.finish().unwrap(),
        deflated: true,
        crc: 0,
        declared: 1024,
    }])
}

/// A sound part whose recorded checksum is wrong.
pub fn bad_checksum() -> Vec<u8> {
    let mut part = Part::plain("[Content_Types].xml", CONTENT_TYPES);
    part.crc ^= 0xFFFF;
    zip(&[part])
}

#[test]
fn hostile_docx_files_are_refused_with_a_sentence_and_change_nothing() {
    let mag = Mag::new();
    let key = mag.add("qingneng", "关于我市氢能产业发展的调研报告", "第一段。\n");
    let bomb = gigabyte_bomb();
    assert!(bomb.len() < 2 << 20, "{} bytes", bomb.len());
    for (file, bytes, says) in [
        ("声明1TB.docx", terabyte_claim(), "解压后超过 50 MB"),
        ("解压1GB.docx", bomb, "解压后超过 50 MB"),
        ("校验不符.docx", bad_checksum(), "文件已损坏"),
    ] {
        let path = mag.write(&format!("../{file}"), bytes);
        let head = mag.head();
        let err = mag.refused(
            "刘卫防",
            &[
                "revise",
                &key,
                "--file",
                path.to_str().unwrap(),
                "-m",
                "导入",
            ],
        );
        assert!(err.contains(says), "{file}: {err}");
        assert!(err.contains("提示："), "{file}: {err}");
        assert!(!err.contains("panicked"), "{file}: {err}");
        assert_eq!(mag.head(), head, "{file}");
    }
}
