//! Failures of the tool itself (exit 2): each says its kind, the file at fault and why.

#[path = "support/cli.rs"]
mod support;

use support::{run, scratch, stderr, write};

/// The config's lists read as the rules' do: a value that is not a list names what it
/// is; a key with nothing after it is an empty list.
#[test]
fn a_config_list_names_what_it_found() {
    let d = scratch("config-list");
    write(&d.join(".git/HEAD"), "");
    write(&d.join("claims.yaml"), "claims: []\n");
    write(&d.join("claimlint.yaml"), "exclude: drafts/*.yaml\n");
    let o = run(&["claims.yaml"], &d);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("config/invalid")
            && stderr(&o).contains("`exclude` must be a list, not a scalar"),
        "{}",
        stderr(&o)
    );
    write(&d.join("claimlint.yaml"), "rules: { a: b }\n");
    let o = run(&["claims.yaml"], &d);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("`rules` must be a list, not a mapping"),
        "{}",
        stderr(&o)
    );
    write(&d.join("claimlint.yaml"), "rules:\nexclude:\n");
    let o = run(&["claims.yaml"], &d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
