//! The smallest Typst world that sets one page: the template as `/main.typ`,
//! the contents model as `/contents.json`, and the fonts found.

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::fonts::Fonts;

pub struct TocWorld<'f> {
    library: LazyHash<Library>,
    fonts: &'f Fonts,
    main: Source,
    data_id: FileId,
    data: Bytes,
}

fn file_id(path: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).expect("a plain virtual path"),
    )
    .intern()
}

impl<'f> TocWorld<'f> {
    pub fn new(template: &str, data_name: &str, data_json: &str, fonts: &'f Fonts) -> TocWorld<'f> {
        TocWorld {
            library: LazyHash::new(Library::default()),
            fonts,
            main: Source::new(file_id("/main.typ"), template.to_string()),
            data_id: file_id(&format!("/{data_name}")),
            data: Bytes::from_string(data_json.to_string()),
        }
    }

    /// 1-based line of a byte offset in the template.
    pub fn line_of(&self, byte: usize) -> usize {
        self.main.text()[..byte.min(self.main.text().len())]
            .matches('\n')
            .count()
            + 1
    }
}

impl World for TocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(
                id.get().vpath().get_with_slash().to_string().into(),
            ))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(self.main.text().to_string()))
        } else {
            Err(FileError::NotFound(
                id.get().vpath().get_with_slash().to_string().into(),
            ))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    /// The page carries no date of its own; a template that asks gets none,
    /// so the same data always gives the same PDF.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
