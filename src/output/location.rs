//! Positions of spans as the machine formats give them: 1-based lines and columns (in
//! characters), with an exclusive end column.

use crate::source::{SourceFile, Span};
use serde::Serialize;

/// A span as lines and columns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Region {
    /// 1-based line of the first character.
    pub line: usize,
    /// 1-based column of the first character.
    pub column: usize,
    /// 1-based line of the last character.
    pub end_line: usize,
    /// 1-based column just past the last character.
    pub end_column: usize,
}

impl Region {
    /// The region of a span in a file.
    pub fn of(file: &SourceFile, span: Span) -> Region {
        let (line, column) = file.line_col(span.start);
        let (end_line, end_column) = file.line_col(span.end());
        Region {
            line,
            column,
            end_line,
            end_column,
        }
    }
}
