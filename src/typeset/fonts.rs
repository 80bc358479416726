//! Finding fonts: the folders the user names, then the system's. The page
//! is Chinese, so without a font that has Chinese characters galley refuses
//! rather than print empty boxes.

use std::path::PathBuf;

use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst_kit::fonts::{FontStore, scan, system};

use crate::error::Result;
use crate::messages::toc as says;

/// A character every Chinese font has and no Latin font does.
const CJK_PROBE: char = '濮';

pub struct FontsRequest {
    pub dirs: Vec<PathBuf>,
    pub system: bool,
}

pub struct Fonts {
    store: FontStore,
}

impl Fonts {
    pub fn discover(request: &FontsRequest) -> Result<Fonts> {
        let mut store = FontStore::new();
        let mut has_cjk = false;
        let mut add =
            |entries: &mut dyn Iterator<Item = (typst_kit::fonts::FontPath, FontInfo)>| {
                for (path, info) in entries {
                    has_cjk |= info.coverage.contains(CJK_PROBE as u32);
                    store.push((path, info));
                }
            };
        for dir in &request.dirs {
            add(&mut scan(dir));
        }
        if request.system {
            add(&mut system());
        }
        if !has_cjk {
            return Err(says::no_cjk_font());
        }
        Ok(Fonts { store })
    }

    pub fn book(&self) -> &LazyHash<FontBook> {
        self.store.book()
    }

    pub fn font(&self, index: usize) -> Option<Font> {
        self.store.font(index)
    }
}
