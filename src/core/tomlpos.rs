//! Turns a TOML parser's byte span into the line and column a person sees.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TomlProblem {
    pub line: usize,
    pub column: usize,
    pub detail: String,
}

/// `line_offset` is added to the line, for TOML embedded in a larger file.
pub fn locate(source: &str, error: &toml::de::Error, line_offset: usize) -> TomlProblem {
    let start = error.span().map(|s| s.start).unwrap_or(0).min(source.len());
    let mut start = start;
    while !source.is_char_boundary(start) {
        start -= 1;
    }
    let before = &source[..start];
    let line = before.matches('\n').count() + 1 + line_offset;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = source[line_start..start].chars().count() + 1;
    TomlProblem {
        line,
        column,
        detail: error.message().trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_at_line_and_character_column() {
        let source = "name = \"当代\"\ntitle = 当代濮阳\n";
        let err = toml::from_str::<toml::Table>(source).unwrap_err();
        let p = locate(source, &err, 0);
        assert_eq!((p.line, p.column), (2, 9));
    }
}
