//! Which pictures the magazine takes: JPEG and PNG, known by their first
//! bytes, never by a file's name (a renamed program stays a program).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picture {
    Jpeg,
    Png,
}

/// A photo for print is a few megabytes; one larger than this is a
/// scan at the wrong setting or not a photo, and would swell every clone.
pub const MAX_PHOTO_BYTES: usize = 10 * 1024 * 1024;

impl Picture {
    pub fn of(bytes: &[u8]) -> Option<Picture> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Picture::Jpeg)
        } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
            Some(Picture::Png)
        } else {
            None
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Picture::Jpeg => "jpg",
            Picture::Png => "png",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Picture::Jpeg => "image/jpeg",
            Picture::Png => "image/png",
        }
    }

    /// Whether a file name's extension says what the bytes are.
    pub fn named_rightly(self, name: &str) -> bool {
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        match self {
            Picture::Jpeg => matches!(ext.as_deref(), Some("jpg" | "jpeg")),
            Picture::Png => ext.as_deref() == Some("png"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_by_content() {
        assert_eq!(
            Picture::of(&[0xFF, 0xD8, 0xFF, 0xE0, 0]),
            Some(Picture::Jpeg)
        );
        assert_eq!(
            Picture::of(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some(Picture::Png)
        );
        assert_eq!(Picture::of(b"MZ\x90\0 a program"), None);
        assert_eq!(Picture::of(b"GIF89a"), None);
        assert_eq!(Picture::of(b""), None);
        assert!(Picture::Jpeg.named_rightly("p20.JPEG"));
        assert!(!Picture::Png.named_rightly("p20.jpg"));
    }
}
