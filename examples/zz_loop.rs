#![allow(missing_docs, clippy::print_stdout)]
#[path = "../benches/input.rs"]
mod input;
use claimlint::source::SourceFile;
fn main() {
    let (path, text) = input::file_from_args("loop");
    let Ok(rules) = claimlint::rules::load_defaults().and_then(|b| b.finish()) else {
        return;
    };
    let mut n = 0;
    for _ in 0..1500 {
        let src = SourceFile::new(path.clone(), text.clone());
        let checked = claimlint::check_text(src, &rules, None, claimlint::run::threads_for(0));
        n += checked.findings.len();
    }
    println!("{n}");
}
