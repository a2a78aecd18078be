//! What checking one file gives the renderers: its text and its findings. The output
//! formats, the baseline and the front ends read this; none of them needs the checks.

use crate::finding::Finding;
use crate::source::SourceFile;
use std::sync::Arc;

/// The findings of one file, in file order.
#[derive(Debug)]
pub struct FileReport {
    /// The claims file.
    pub source: Arc<SourceFile>,
    /// Its findings, sorted by position.
    pub findings: Vec<Finding>,
}
