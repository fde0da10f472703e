//! The product of render: the bytes of one output file and where it goes.
//! `write` puts them on disk; nothing else in the pipeline touches the output.

/// One file of the output, `/`-separated path relative to the output root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OutputFile {
    pub(crate) path: String,
    pub(crate) bytes: Vec<u8>,
}
