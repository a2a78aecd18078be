//! The file a measuring program reads: its path from the command line and its text, or
//! a message and exit code 2.

#![allow(clippy::print_stderr, dead_code)]

/// `(path, text)` of the file named first on the command line.
pub fn file_from_args(program: &str) -> (String, String) {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: {program} FILE");
        std::process::exit(2);
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => (path, text),
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }
    }
}
